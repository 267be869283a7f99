"""Kana readings as the content writes them: folding, cleanup, usability, comparison (the
kana themselves are `scripts.kana`, a reading normalized `content.reading`).

Everything here is plain string work (no analyzer), so the content key and the checks
that run on every text stay cheap. A *reading* is kana; its *key* is the form two
readings are compared in: hiragana, long-vowel marks spelled out, and the spellings
of a long e and o (えい/ええ, おう/おお) folded together, so がくせい, ガクセイ and
がくせー all name the same word, while は/わ or じ/ぢ still differ.
"""

from __future__ import annotations

from ...content.reading import normalize_reading, unusable_reason
from ...scripts.kana import LONG_VOWEL_MARK, is_kana, is_katakana, to_hiragana, to_katakana

__all__ = [
    "LONG_VOWEL_MARK",
    "as_spelled",
    "is_kana",
    "is_kanji",
    "is_katakana",
    "kana_length",
    "normalize_reading",
    "reading_key",
    "sino_japanese",
    "to_hiragana",
    "to_katakana",
    "unusable_reason",
]

# The vowel each hiragana ends in, for spelling out ー and finding long vowels.
_VOWEL_ROWS = {
    "あ": "あかがさざただなはばぱまやらわぁゃゎゕ",
    "い": "いきぎしじちぢにひびぴみりゐぃ",
    "う": "うくぐすずつづぬふぶぷむゆるゔぅゅ",
    "え": "えけげせぜてでねへべぺめれゑぇゖ",
    "お": "おこごそぞとどのほぼぽもよろをぉょ",
}
_VOWEL = {kana: vowel for vowel, row in _VOWEL_ROWS.items() for kana in row}
_VOICED = dict(
    zip(
        "かきくけこさしすせそたちつてとはひふへほ",
        "がぎぐげござじずぜぞだぢづでどばびぶべぼ",
        strict=True,
    )
)


def is_kanji(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or char == "々"


def reading_key(kana: str) -> str:
    """The form two readings are compared in (the module docstring): one character per
    kana of the reading, so positions in it are positions in the reading; characters that
    are not kana (punctuation in an analysis) dropped."""
    out: list[str] = []
    for c in to_hiragana(kana):
        if not is_kana(c):
            continue
        if not out:
            out.append(c)
        elif c == LONG_VOWEL_MARK:
            out.append(_VOWEL.get(out[-1], out[-1]))
        elif c == "ゝ":
            out.append(out[-1])
        elif c == "ゞ":
            out.append(_VOICED.get(out[-1], out[-1]))
        else:
            out.append(c)
    for i in range(1, len(out)):
        # The second kana of a spelled long e or o is said as the first's vowel.
        vowel = _VOWEL.get(out[i - 1])
        if (vowel == "え" and out[i] == "い") or (vowel == "お" and out[i] == "う"):
            out[i] = vowel
    return "".join(out)


def as_spelled(reading: str) -> str:
    """A reading said as it is spelled, katakana: the vowels as written (けいと stays
    ケイト), but a palatalized syllable's u (ゅう, ょう) and ょお are long (ピョウ → ピョー).

    Small ゃ, ゅ, ょ make the palatalized syllables of Sino-Japanese words and loanwords,
    where a following う or お lengthens the vowel; no morpheme boundary falls between
    them, as it may in おもう or けいと.
    """
    kana = to_katakana(reading)
    out: list[str] = []
    for c in kana:
        previous = out[-1] if out else ""
        if (previous == "ュ" and c == "ウ") or (previous == "ョ" and c in "ウオ"):
            out.append(LONG_VOWEL_MARK)
        else:
            out.append(c)
    return "".join(out)


def kana_length(kana: str) -> int:
    """How many characters of `reading_key(kana)` the reading `kana` accounts for."""
    return sum(1 for c in kana if is_kana(c))


def sino_japanese(reading: str) -> str:
    """An on'yomi said as one: e+i, o+u and u+u are long vowels (セイ → セー, キュウ → キュー).

    On'yomi are single Sino-Japanese morphemes, so these spellings are always long
    vowels there; in a word they may straddle a morpheme boundary (思う, 毛糸), which
    is why nothing else applies this rule.
    """
    kana = to_katakana(reading)
    out: list[str] = []
    for c in kana:
        previous = _VOWEL.get(to_hiragana(out[-1])) if out else None
        if (previous == "え" and c == "イ") or (previous in ("お", "う") and c == "ウ"):
            out.append(LONG_VOWEL_MARK)
        else:
            out.append(c)
    return "".join(out)
