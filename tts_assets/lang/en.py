"""English: `5:30` five thirty, `5:00` five o'clock, `1998` nineteen ninety-eight,
`Henry VIII` Henry the Eighth, `October 3` October third, `3rd`, `$12.50`."""

from __future__ import annotations

import functools
import re
from typing import ClassVar

from ..readings.numbers.draft import Doubts, Draft
from ..readings.numbers.latin import LatinRules

_NUMBER_SIGN = re.compile(r"\bNo\.\s?(?=\d)")
"""`No. 5`, never the answer `No.`"""
_MERIDIEM = re.compile(r"(?<![\d.,:])(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?(?!\w)", re.I)
_DECADE = re.compile(r"(?<![\w.,'’])(['’]?)(\d0|\d{3}0)['’]?s\b")
"""A decade: `the 1990s`, `the '90s`, `the 90's`."""
_PENCE = re.compile(r"(?<![\d.,])(\d{1,3})p\b")
_END = re.compile(r"\s*\Z")
_MEASURES = frozenset(["cup", "glass", "handful", "pinch", "slice", "spoonful", "stick"])
"""Measures a recipe counts in that are no unit."""
_THOUSANDS = re.compile(r"([$€£])(\d{1,3})[kK]\b")
"""`$68k`: an amount in thousands."""
_ATTRIBUTIVE = re.compile(
    r"\b([Aa]n?\s)(?:([$€£])(\d{1,3})|(\d{1,3})\s?(¢))(?![\d.,]?\d)"
    r"(?=[\s-]+(?!(?:thousand|million|billion|trillion)\b)[a-z])"
)
"""An amount after `a` and before a noun it describes: `a $5 bill` a five-dollar bill."""
_NAMED = re.compile(
    r"\b((?:[Rr]oom|[Ss]uite|[Gg]ate|[Ff]light|[Pp]latform|[Aa]partment|[Aa]pt\.?)\s+)"
    r"(\d{3,4})(?![\d]|[.,]\d)"
)
"""`room 305`, `flight 1204`: a number that names a place, said as one reads it (three
oh five, twelve oh four), never as an amount."""


class English(LatinRules, data="en.toml"):
    """English: dates month first (`10/3/2024` reads both ways: said as written)."""

    street_words: ClassVar[frozenset[str]] = frozenset()
    """The names of a kind of street and their abbreviations (`St.`, `Avenue`): a number
    of three or four digits before a name ending in one is a house number, said as one
    reads it (`221 Baker St.` two twenty-one)."""

    def fraction(
        self, numerator: int, denominator: int, noun: str, before: str, doubts: Doubts
    ) -> str:
        """`1/2 cup` half a cup, `3/4` three quarters, `1/3 cup` one third of a cup (a
        measure: a unit's name or `_MEASURES`), `2/3 majority` two thirds majority."""
        part = "quarter" if denominator == 4 else self.ordinal(denominator, "")
        said = f"{self.cardinal(numerator)} {part}{'s' if numerator > 1 else ''}"
        if not noun:
            return "one half" if denominator == 2 else said
        article = "an" if noun[:1].lower() in "aeiou" else "a"
        if denominator == 2:
            return f"half {article} {noun}"
        measures = {unit.one for unit in self._unit_table.units.values()} | _MEASURES
        return f"{said} of {article} {noun}" if noun.lower() in measures else f"{said} {noun}"

    def numeric_date(self, m: re.Match[str], doubts: Doubts) -> str:
        """`31/12/2024` and `12/31/2024` are one date; `10/3/2024` reads two ways."""
        first, second = int(m[1]), int(m[2])
        if first <= 12 and second <= 12:
            return doubts.add(m[0], "month/day or day/month")
        day, month = (first, second) if first > 12 else (second, first)
        year = int(m[3]) if len(m[3]) == 4 else 2000 + int(m[3])
        return self.date(m, day, month, year, doubts)

    def _attributive(self, m: re.Match[str]) -> str:
        currency = self.currencies[m[2] or m[5]]
        return f"{m[1]}{self.cardinal(int(m[3] or m[4]))}-{currency.one}"

    @functools.cached_property
    def _address(self) -> re.Pattern[str]:
        """A house number: three or four digits before a name and a kind of street."""
        streets = "|".join(re.escape(w) for w in sorted(self.street_words, key=len, reverse=True))
        name = r"(?:\s[A-Z][\w'’-]*){1,3}"
        return re.compile(rf"(?<![\d.,$€£])(\d{{3,4}})(?={name}\s(?:{streets})(?!\w))")

    def own(self, draft: Draft) -> None:
        draft.sub(_NAMED, lambda m: m[1] + self._as_name(m[2]))
        draft.sub(self._address, lambda m: self._as_name(m[1]))
        draft.sub(_THOUSANDS, lambda m: f"{m[1]}{m[2]},000")
        draft.sub(_ATTRIBUTIVE, self._attributive)
        draft.sub(_DECADE, self._decade)
        draft.sub(_PENCE, lambda m: "one penny" if m[1] == "1" else f"{m[1]} pence")
        draft.sub(_MERIDIEM, self._meridiem)
        draft.sub(_NUMBER_SIGN, lambda m: "number ")
        months = "|".join(self.months)
        day = self.pattern("month-day", rf"\b({months})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?![:\d])")
        draft.sub(day, lambda m: f"{m[1]} {self.ordinal(int(m[2]), '')}")
        super().own(draft)

    def _as_name(self, digits: str) -> str:
        """`305` three oh five, `1204` twelve oh four, `1230` twelve thirty, `1200`
        twelve hundred: the first digit or two, then the last two."""
        head, tail = digits[:-2], digits[-2:]
        if head.startswith("0"):
            return self.said_code(digits)
        said = self.cardinal(int(head))
        if tail == "00":
            return f"{said} hundred"
        if tail.startswith("0"):
            return f"{said} oh {self.cardinal(int(tail))}"
        return f"{said} {self.cardinal(int(tail))}"

    def _decade(self, m: re.Match[str]) -> str:
        value = int(m[2])
        if len(m[2]) == 4:
            said = self.year(value) if 1000 <= value <= 2090 else self.cardinal(value)
        elif value == 0:
            return m[0]  # the noughties, the two thousands: said as written
        else:
            said = self.cardinal(value)
        return said[:-1] + "ies" if said.endswith("y") else said + "s"

    def _meridiem(self, m: re.Match[str]) -> str:
        hour, minute = int(m[1]), int(m[2] or 0)
        said = self.clock(hour, minute).removesuffix(" o'clock")
        text, end = m.string, m.end()
        # `a.m.` at the end of a sentence ends it too.
        ends = _END.match(text, end) is not None or text[end : end + 2].strip()[:1].isupper()
        stop = "." if m[0].endswith(".") and ends else ""
        return f"{said} {m[3].lower()} m{stop}"
