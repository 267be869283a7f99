"""English: `5:30` five thirty, `5:00` five o'clock, `1998` nineteen ninety-eight,
`Henry VIII` Henry the Eighth, `October 3` October third, `3rd`, `$12.50`."""

from __future__ import annotations

import re

from .common import words, wordset
from .draft import Doubts, Draft
from .latin import Currency, LatinRules

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

ABBREVIATIONS = {
    "Mr.": "Mister", "Mrs.": "Missus", "Dr.": "Doctor", "Prof.": "Professor",
    "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "approx.": "approximately",
    "vs.": "versus", "Jr.": "Junior", "Sr.": "Senior",
}  # fmt: skip

_NUMBER_SIGN = re.compile(r"\bNo\.\s?(?=\d)")
"""`No. 5`, never the answer `No.`"""
_MARKED = re.compile(r"(?<![\d.,])(\d{1,3})(st|nd|rd|th)\b")
_MONTH_DAY = re.compile(rf"\b({'|'.join(MONTHS)})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?![:\d])")
_MERIDIEM = re.compile(r"(?<![\d.,:])(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?(?!\w)", re.I)
_END = re.compile(r"\s*\Z")


CURRENCIES = {
    "€": Currency("euro", "euros", "cents"),
    "$": Currency("dollar", "dollars", "cents"),
    "£": Currency("pound", "pounds", "pence"),
}


class English(LatinRules):
    """English: dates month first (`10/3/2024` reads both ways: said as written)."""

    code = "en"
    n2w = "en"
    decimal = "."
    point = "point"
    percent = "percent"
    through = "to"
    months = MONTHS
    abbreviations = ABBREVIATIONS
    currencies = CURRENCIES
    not_years = wordset(
        "dollars euros pounds people persons inhabitants meters metres kilometers km miles "
        "words steps students"
    )
    stop_words = wordset("and or of to in is are for with by than more less times x")
    digit_decimals = True
    numbered = wordset(
        "War Chapter Part Act Scene Volume Book Section Phase Level Type Class Stage Episode "
        "Season Unit Lesson"
    )

    def regnal(self, value: int, name: str, before: str) -> str | None:
        if name[0].islower():
            return None
        return f"the {self.ordinal(value, before).capitalize()}"

    def day_month(self, day: int, between: str, month: str, before: str) -> str:
        return f"the {self.ordinal(day, before)} of {month}"

    def clock(self, hour: int, minute: int) -> str:
        said = self.cardinal(hour)
        if minute == 0:
            return f"{said} o'clock"
        if minute < 10:
            return f"{said} oh {self.cardinal(minute)}"
        return f"{said} {self.cardinal(minute)}"

    def year(self, value: int) -> str:
        return words(value, "en", "year")

    def numeric_date(
        self, m: re.Match[str], day: int, month: int, year: int | None, doubts: Doubts
    ) -> str:
        return doubts.add(m[0], "month/day or day/month")

    def not_a_date(self, m: re.Match[str], doubts: Doubts) -> str:
        return doubts.add(m[0], "month/day or day/month")

    def own(self, draft: Draft) -> None:
        draft.sub(_MERIDIEM, self._meridiem)
        draft.sub(_NUMBER_SIGN, lambda m: "number ")
        draft.sub(_MONTH_DAY, lambda m: f"{m[1]} {self.ordinal(int(m[2]), '')}")
        draft.sub(_MARKED, lambda m: self.ordinal(int(m[1]), ""))

    def _meridiem(self, m: re.Match[str]) -> str:
        hour, minute = int(m[1]), int(m[2] or 0)
        said = self.clock(hour, minute).removesuffix(" o'clock")
        text, end = m.string, m.end()
        # `a.m.` at the end of a sentence ends it too.
        ends = _END.match(text, end) is not None or text[end : end + 2].strip()[:1].isupper()
        stop = "." if m[0].endswith(".") and ends else ""
        return f"{said} {m[3].lower()} m{stop}"
