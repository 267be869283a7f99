"""Kana readings as the content writes them: folding, cleanup, usability, comparison.

Everything here is plain string work (no analyzer), so the content key and the checks
that run on every text stay cheap. A *reading* is kana; its *key* is the form two
readings are compared in: hiragana, long-vowel marks spelled out, and the spellings
of a long e and o (えい/ええ, おう/おお) folded together, so がくせい, ガクセイ and
がくせー all name the same word, while は/わ or じ/ぢ still differ.
"""

from __future__ import annotations

import functools
import unicodedata

from ...content.text import clean

_KATAKANA_TO_HIRAGANA = 0x60
# Kana that fold between the scripts one to one (ァ..ヶ ↔ ぁ..ゖ, ヽヾ ↔ ゝゞ).
_KATAKANA_FOLDED = range(0x30A1, 0x30F7)
_HIRAGANA_FOLDED = range(0x3041, 0x3097)
_ITERATION = {"ヽ": "ゝ", "ヾ": "ゞ"}

LONG_VOWEL_MARK = "ー"
# Separators a reading may carry that are not said: spaces and the middle dot some
# dictionaries put between the words of a loanword.
_UNSAID = str.maketrans("", "", " \u3000・\u30fb")

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


def to_hiragana(text: str) -> str:
    """`text` with every katakana that has a hiragana twin written in hiragana."""
    return "".join(
        chr(ord(c) - _KATAKANA_TO_HIRAGANA) if ord(c) in _KATAKANA_FOLDED else _ITERATION.get(c, c)
        for c in text
    )


def to_katakana(text: str) -> str:
    """`text` with every hiragana written in katakana."""
    back = {v: k for k, v in _ITERATION.items()}
    return "".join(
        chr(ord(c) + _KATAKANA_TO_HIRAGANA) if ord(c) in _HIRAGANA_FOLDED else back.get(c, c)
        for c in text
    )


def is_kana(char: str) -> bool:
    """Whether `char` is a kana letter or mark a reading can be spelled with."""
    code = ord(char)
    return (
        0x3041 <= code <= 0x3096  # hiragana
        or 0x309D <= code <= 0x309E  # ゝゞ
        or 0x30A1 <= code <= 0x30FA  # katakana
        or 0x30FC <= code <= 0x30FE  # ー ヽ ヾ
    )


def is_katakana(text: str) -> bool:
    """Whether `text` is written in katakana (the long-vowel mark alone decides nothing)."""
    letters = [c for c in text if c != LONG_VOWEL_MARK]
    return bool(letters) and all(0x30A1 <= ord(c) <= 0x30FE for c in letters)


@functools.lru_cache(maxsize=1 << 16)
def normalize_reading(raw: str) -> str:
    """The reading `raw` says, as the content's script spells it.

    Cleans it as the loader does (`clean(raw, "reading")`: dictionary notation such as
    `か.つ`, `おと-`, `あ(がる)`, `〜がる` goes), folds compatibility forms (half-width
    katakana) and drops what is not said: spaces and the middle dot.
    """
    return unicodedata.normalize("NFKC", clean(raw, "reading")).translate(_UNSAID)


def unusable_reason(reading: str) -> str | None:
    """Why a normalized reading cannot be spoken, or None when it is kana: its letters
    kana, with the punctuation a sentence's reading writes as its text does
    (`おはようございます。きょうは…`)."""
    if not reading:
        return "reading is empty"
    if not all(is_kana(c) or _is_sign(c) for c in reading) or not any(map(is_kana, reading)):
        return f'reading is not kana: "{reading}"'
    return None


def _is_sign(char: str) -> bool:
    """Whether `char` is punctuation or a space (no letter, no digit, no symbol)."""
    return char.isspace() or unicodedata.category(char).startswith("P")


def reading_key(kana: str) -> str:
    """The form in which two readings are compared (see the module docstring).

    Characters that are not kana (punctuation in an analysis) are dropped. The key has
    one character per kana of the reading, so positions in it are positions in the
    reading.
    """
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
