"""What every language's spoken-number rules share: the number words, Roman numerals,
phone numbers, and the words before a match.

Number words come from num2words (imported on the first number, never before).
"""

from __future__ import annotations

import functools
import re

from .draft import Unsayable

ROMAN = re.compile(r"^(M{0,3})(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

DIGIT = re.compile(r"\d")

NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![.,]?\d)"
"""A number with its thousands apart by commas and its decimals after a point (`1,250.5`),
as Chinese, Korean and Thai write them."""

PHONE = re.compile(
    r"(?<![\d.,])(\+?\d{2,4}(?:[ /-]\d{2,4}){1,2}[ -]\d{3,5}|0\d{2,5}[ /-]\d{4,8})(?![\d.,]?\d)"
)
"""A phone number: three or four groups of digits, said digit by digit."""

LONGEST = 15
"""The most digits a whole number said in words has (999 trillion): a longer one is an
identifier or a mistake, said digit by digit (or as written)."""


def whole(digits: str) -> int:
    """The value of the whole number `digits`; Unsayable when it is too long to say."""
    if len(digits.lstrip("0")) > LONGEST:
        raise Unsayable(f"a number of more than {LONGEST} digits")
    return int(digits)


@functools.lru_cache(maxsize=8192)
def words(value: int, lang: str, to: str = "cardinal") -> str:
    """num2words' words for `value` in num2words' language `lang`; Unsayable when
    num2words cannot say it (too large for that language, say)."""
    if value >= 10**LONGEST:
        raise Unsayable(f"a number of more than {LONGEST} digits")
    from num2words import num2words

    try:
        return str(num2words(value, lang=lang, to=to))
    except (ArithmeticError, NotImplementedError, ValueError, IndexError, KeyError) as error:
        raise Unsayable(f"num2words cannot say it ({type(error).__name__})") from error


def roman(text: str) -> int | None:
    """The value of a Roman numeral (I to MMMCMXCIX), or None."""
    if not text or not ROMAN.match(text):
        return None
    total = 0
    for char, following in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


_WINDOW = 80
"""How far back the words before a match are looked for: a few words, never the whole
text before it (which would make a pass quadratic in the text's length)."""
_BEFORE = re.compile(r"\s+,?(\w+)(?:(\s+,?)(\w+))?")
"""The word or two before a place, read backwards (the text reversed) from it; a comma
after a word keeps it (`am Freitag, 13. Juni`)."""


def word_before(text: str, pos: int) -> str:
    """The word right before `pos` (`am` in `am 3. Oktober`), "" when none ends there."""
    return _before(text, pos, 1)


def two_words_before(text: str, pos: int) -> str:
    """The one or two words right before `pos` (`in der` in `in der 2. Klasse`)."""
    return _before(text, pos, 2)


def words_before(text: str, pos: int, count: int = 3) -> frozenset[str]:
    """The last `count` words before `pos`, in lower case (`im verhältnis` before 1:10);
    for a language written without spaces, the characters of the window."""
    start = max(0, pos - _WINDOW // 2)
    window = text[start:pos]
    found = _WORDS.findall(window)
    if start > 0 and found and window[:1].isalnum():
        found = found[1:]  # the window cut the first of them
    return frozenset(w.lower() for w in found[-count:])


_WORDS = re.compile(r"\w+")


def _before(text: str, pos: int, count: int) -> str:
    start = max(0, pos - _WINDOW)
    found = _BEFORE.match(text[start:pos][::-1])
    if found is None:
        return ""
    cut = start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")
    last = found[1][::-1]
    if cut and found.end(1) == pos - start:
        return ""  # the window cut the word: what is left of it is no word of the text
    if count == 1 or found[3] is None or (cut and found.end() == pos - start):
        return last
    return found[3][::-1] + found[2][::-1] + last
