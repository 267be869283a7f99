"""What every language's spoken-number rules share: the number words, Roman numerals,
phone numbers, and the doubts a text leaves.

Number words come from num2words (imported on the first number, never before).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

ROMAN = re.compile(r"^(M{0,3})(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

DIGIT = re.compile(r"\d")

PHONE = re.compile(
    r"(?<![\d.,])(\+?\d{2,4}(?:[ /-]\d{2,4}){1,2}[ -]\d{3,5}|0\d{2,5}[ /-]\d{4,8})(?![\d.,]?\d)"
)
"""A phone number: three or four groups of digits, said digit by digit."""


@dataclass
class Doubts:
    """What a text holds that the rules could not read with confidence: said as written."""

    found: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def add(self, written: str, why: str) -> str:
        """Record `written` as said as written (`why`), and return a mark that the later
        passes leave alone (`restore` puts `written` back)."""
        self.found.append(f"{written.strip()}: {why}; said as written")
        self.kept.append(written)
        return chr(_MARK + len(self.kept) - 1)

    def note(self, message: str) -> None:
        """Record a guess the rules made (said, but worth a listen)."""
        self.found.append(message)

    def restore(self, text: str) -> str:
        """`text` with what `add` kept back put in place of its marks."""
        if not self.kept:
            return text
        return "".join(
            self.kept[ord(c) - _MARK] if _MARK <= ord(c) < _MARK + len(self.kept) else c
            for c in text
        )


_MARK = 0xF0000
"""Marks of texts kept as written: Unicode's supplementary private use area."""


def wordset(text: str) -> frozenset[str]:
    """The words of `text`, apart by spaces."""
    return frozenset(text.split())


@functools.lru_cache(maxsize=8192)
def words(value: int, lang: str, to: str = "cardinal") -> str:
    """num2words' words for `value` in num2words' language `lang`."""
    from num2words import num2words

    return str(num2words(value, lang=lang, to=to))


def roman(text: str) -> int | None:
    """The value of a Roman numeral (I to MMMCMXCIX), or None."""
    if not text or not ROMAN.match(text):
        return None
    total = 0
    for char, following in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


def digit_by_digit(
    text: str, digit: Callable[[int], str], plus: str = "plus", sep: str = " ", comma: str = ", "
) -> str:
    """The digits of `text` one by one (a phone number), its groups apart by commas."""
    groups = re.findall(r"\d+", text)
    said = comma.join(sep.join(digit(int(d)) for d in group) for group in groups)
    return f"{plus} {said}" if text.lstrip().startswith("+") else said


def sub(pattern: re.Pattern[str], text: str, say: Callable[[re.Match[str]], str]) -> str:
    """`pattern.sub(say, text)`, skipped when the pattern does not occur."""
    return pattern.sub(say, text) if pattern.search(text) else text
