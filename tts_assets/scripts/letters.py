"""The scripts a text is written in, from Unicode's Script property, and what its Han says.

`letters` counts a text's letters per script. The ranges below are Unicode's Script property
(Han, Hiragana + Katakana, Hangul, Bopomofo, Latin; Thai's letters only, as its vowel and
tone marks above and below a consonant are marks) written out for the standard library's
`re`, which needs no import and runs faster here than the `regex` package's `\\p{Han}`
(`benchmarks/languages.py`); tests/unit/scripts/test_letters.py checks them against `regex`.
Neutral, and so counted in no script: the long-vowel mark ー, the iteration marks 々 〻 〱, 〇
and 〆, digits, punctuation, symbols and emoji.

`han_forms` tells one language's Han from another's by the character sets each writes
with (`Language.han_forms`): a character Shift-JIS (cp932) has but neither GB 2312 nor
Big5 has is a Japanese form (駅, 気, 働); one cp932 lacks but GB 2312 or Big5 has is a
Chinese form (们, 谢, 說). Characters all of them share (学生, 今天) say nothing.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from . import BOPOMOFO, HAN, HANGUL, KANA, LATIN, THAI


def _char_class(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    parts = (chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)
    return re.compile("[" + "".join(parts) + "]")


# Unicode 17 Script=Han, less the neutral 々 (U+3005), 〇 (U+3007) and 〻 (U+303B).
_HAN = _char_class(
    (
        (0x2E80, 0x2E99), (0x2E9B, 0x2EF3), (0x2F00, 0x2FD5), (0x3021, 0x3029),
        (0x3038, 0x303A), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFA6D),
        (0xFA70, 0xFAD9), (0x16FE2, 0x16FE3), (0x16FF0, 0x16FF6), (0x20000, 0x2A6DF),
        (0x2A700, 0x2B81E), (0x2B820, 0x2CEAD), (0x2CEB0, 0x2EBE0), (0x2EBF0, 0x2EE5D),
        (0x2F800, 0x2FA1D), (0x30000, 0x3134A), (0x31350, 0x33479),
    )
)  # fmt: skip
# Script=Hiragana and Script=Katakana (ー, U+30FC, is Common: neutral).
_KANA = _char_class(
    (
        (0x3041, 0x3096), (0x309D, 0x309F), (0x30A1, 0x30FA), (0x30FD, 0x30FF),
        (0x31F0, 0x31FF), (0x32D0, 0x32FE), (0x3300, 0x3357), (0xFF66, 0xFF6F),
        (0xFF71, 0xFF9D), (0x1AFF0, 0x1AFF3), (0x1AFF5, 0x1AFFB), (0x1AFFD, 0x1AFFE),
        (0x1B000, 0x1B128), (0x1B132, 0x1B132), (0x1B150, 0x1B152), (0x1B155, 0x1B155),
        (0x1B164, 0x1B168), (0x1F200, 0x1F200),
    )
)  # fmt: skip
_HANGUL = _char_class(
    (
        (0x1100, 0x11FF), (0x302E, 0x302F), (0x3131, 0x318E), (0x3200, 0x321E),
        (0x3260, 0x327E), (0xA960, 0xA97C), (0xAC00, 0xD7A3), (0xD7B0, 0xD7C6),
        (0xD7CB, 0xD7FB), (0xFFA0, 0xFFBE), (0xFFC2, 0xFFC7), (0xFFCA, 0xFFCF),
        (0xFFD2, 0xFFD7), (0xFFDA, 0xFFDC),
    )
)  # fmt: skip
_BOPOMOFO = _char_class(((0x02EA, 0x02EB), (0x3105, 0x312F), (0x31A0, 0x31BF)))
_LATIN = _char_class(
    (
        (0x0041, 0x005A), (0x0061, 0x007A), (0x00AA, 0x00AA), (0x00BA, 0x00BA),
        (0x00C0, 0x00D6), (0x00D8, 0x00F6), (0x00F8, 0x02B8), (0x02E0, 0x02E4),
        (0x1D00, 0x1D25), (0x1D2C, 0x1D5C), (0x1D62, 0x1D65), (0x1D6B, 0x1D77),
        (0x1D79, 0x1DBE), (0x1E00, 0x1EFF), (0x2071, 0x2071), (0x207F, 0x207F),
        (0x2090, 0x209F), (0x212A, 0x212B), (0x2132, 0x2132), (0x214E, 0x214E),
        (0x2160, 0x2188), (0x2C60, 0x2C7F), (0xA722, 0xA787), (0xA78B, 0xA7DD),
        (0xA7E2, 0xA7E2), (0xA7F1, 0xA7FF), (0xAB30, 0xAB5A), (0xAB5C, 0xAB64),
        (0xAB66, 0xAB69), (0xAB6C, 0xAB6D), (0xFB00, 0xFB06), (0xFF21, 0xFF3A),
        (0xFF41, 0xFF5A), (0x10780, 0x10785), (0x10787, 0x107B0), (0x107B2, 0x107BF),
        (0x1DF00, 0x1DF81), (0x1DF90, 0x1DF96), (0x1DFCD, 0x1DFF2), (0x1DFF5, 0x1DFFF),
    )
)  # fmt: skip

# Script=Thai and a letter (Lo, Lm): ก-ะ, า ำ, เ-ๆ. The marks (ั ิ ่ ้ ...) are not
# letters, and so not counted as any script's; the digits ๐-๙ are neutral, as 0-9 are.
_THAI = _char_class(((0x0E01, 0x0E30), (0x0E32, 0x0E33), (0x0E40, 0x0E46)))

SCRIPT_PATTERNS: dict[str, re.Pattern[str]] = {
    HAN: _HAN,
    KANA: _KANA,
    HANGUL: _HANGUL,
    BOPOMOFO: _BOPOMOFO,
    LATIN: _LATIN,
    THAI: _THAI,
}
"""One character of each script the gate tells apart (`Letters` counts each under its name)."""

NAMES = {
    HAN: "Chinese characters",
    KANA: "kana",
    HANGUL: "Hangul",
    BOPOMOFO: "bopomofo",
    THAI: "Thai letters",
    LATIN: "Latin letters",
}
"""What each script's letters are called in a message (`has kana (か)`)."""

SAID = {
    KANA: "has kana ({first})",
    HANGUL: "is Hangul",
    BOPOMOFO: "has bopomofo ({first})",
    THAI: "is Thai script",
}
"""How a text whose letters of a script name its language is said to be (`{first}`: the
first of them), where the script is one language's alone."""

NEUTRAL_LETTERS = "ー々〻〇〆〱〲〳〴〵ｰﾞﾟ"
"""Letters by Unicode's categories that belong to no one language's script here."""

_LETTER = re.compile(r"[^\W\d_]")
_NEUTRAL = re.compile(f"[{NEUTRAL_LETTERS}]")
_ASCII_LETTER = re.compile("[A-Za-z]")


class Letters(NamedTuple):
    """How many letters of each script a text has."""

    han: int = 0
    kana: int = 0
    hangul: int = 0
    bopomofo: int = 0
    latin: int = 0
    thai: int = 0
    other: int = 0
    """Letters of any other script (Cyrillic, Greek, Arabic, ...)."""
    other_script: str = ""
    """The script of the first such letter, as Unicode names it (`Cyrillic`)."""

    @property
    def total(self) -> int:
        return sum(self[:7])


_KANA_TEXT = re.compile(f"(?:{_KANA.pattern}|ー)+")
"""A text of kana and long-vowel marks only: most readings (an on'yomi, a kun'yomi)."""


JAPANESE_SIGNS = (
    "ー々 　、。，．・：；？！「」『』（）［］【】〈〉《》〔〕…‥〜～"
    "!?,.:;()[]'\"-0123456789０１２３４５６７８９"
)
"""What a Japanese text writes beside its Han and kana: marks no script's letters, the
neutral ー and 々, digits (`_JAPANESE_TEXT`)."""
_JAPANESE_TEXT = re.compile(f"(?:{_HAN.pattern}|{_KANA.pattern}|[{re.escape(JAPANESE_SIGNS)}])+")
"""A text of Han, kana and `JAPANESE_SIGNS` only: most Japanese texts of a course."""


def letters(text: str) -> Letters:
    """The letters of `text` counted per script; neutral characters are not counted."""
    if text.isascii():
        return Letters(latin=len(_ASCII_LETTER.findall(text)))
    if _KANA_TEXT.fullmatch(text):
        # What the passes below count for such a text, in one: every character is kana
        # but the neutral ー, and none is of another script.
        return Letters(kana=len(text) - text.count("ー"))
    if _JAPANESE_TEXT.fullmatch(text):
        # The same in two passes: no letter but Han, kana and the neutral ー and 々.
        return Letters(han=len(_HAN.findall(text)), kana=len(_KANA.findall(text)))
    return _passes(text)


def _passes(text: str) -> Letters:
    han, kana, hangul, bopomofo, latin, thai = (
        len(p.findall(text)) for p in SCRIPT_PATTERNS.values()
    )
    other = len(_LETTER.findall(text)) - len(_NEUTRAL.findall(text))
    other -= han + kana + hangul + bopomofo + latin + thai
    script = ""
    for ch in _LETTER.findall(text) if other > 0 else ():
        if ch not in NEUTRAL_LETTERS and not any(p.match(ch) for p in SCRIPT_PATTERNS.values()):
            # Unicode names start with the script: CYRILLIC SMALL LETTER PE, GREEK ...
            script = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0].title()
            break
    return Letters(han, kana, hangul, bopomofo, latin, thai, max(other, 0), script)


def first_of(script: str, text: str) -> str:
    """The first character of `script` in `text` ("" if none), to show in a reason."""
    m = SCRIPT_PATTERNS[script].search(text)
    return m.group() if m else ""


_NEWER_FORMS = frozenset("𠮟塡剝頰俱鷗")
"""Japanese 2010 joyo forms that cp932 predates: Japanese content may use them, so they
are no other language's form."""


@functools.cache
def _fits(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def han_forms(text: str, sets: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """The Han characters of `text` only one language writes, by its code: `sets` gives
    each language's character sets (Python codecs, `Language.han_forms`), and a character
    one language's sets have and no other's is that language's form. Languages with none
    in `text` are left out."""
    found: dict[str, str] = {}
    for ch in dict.fromkeys(_HAN.findall(text)):
        if ch in _NEWER_FORMS:
            continue
        owners = [code for code, codecs in sets.items() if any(_fits(ch, c) for c in codecs)]
        if len(owners) == 1:
            found[owners[0]] = found.get(owners[0], "") + ch
    return found


_GLOSS = re.compile(r"\s*[(（]([^()（）]*)[)）]")
"""A parenthesized note, with the spaces before it."""


def without_glosses(text: str, scripts: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """`text` less its glosses, and the glosses left out (with their parentheses).

    A gloss is text in parentheses whose letters are all of other scripts than `scripts`
    (the field's language's), beside letters of those scripts outside it: the English
    note of `ヲ (rarely used alone)` in Japanese content, `(水)` in German. It is a note
    for the reader, not speech. Parentheses in the language's own script (`ヲ (を)`), or
    around all there is, stay.
    """
    if "(" not in text and "（" not in text:
        return text, ()
    left_out: list[str] = []

    def note(match: re.Match[str]) -> str:
        inside = letters(match.group(1))
        if inside.total and not _counted(inside, scripts):
            left_out.append(match.group().strip())
            return ""
        return match.group()

    rest = _GLOSS.sub(note, text).strip()
    if not left_out or not _counted(letters(rest), scripts):
        return text, ()
    return rest, tuple(left_out)


def _counted(found: Letters, scripts: tuple[str, ...]) -> int:
    """How many letters of `found` are of `scripts` (a script's name is its field's)."""
    return sum(getattr(found, script) for script in scripts)
