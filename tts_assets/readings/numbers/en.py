"""English: `5:30` five thirty, `5:00` five o'clock, `1998` nineteen ninety-eight,
`Henry VIII` Henry the Eighth, `October 3` October third, `3rd`, `$12.50`."""

from __future__ import annotations

import re

from .common import Doubts, sub, words, wordset
from .latin import Currency, Locale, cardinal

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

ABBREVIATIONS = {
    "Mr.": "Mister", "Mrs.": "Missus", "Dr.": "Doctor", "Prof.": "Professor",
    "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "approx.": "approximately",
    "vs.": "versus", "Jr.": "Junior", "Sr.": "Senior",
}  # fmt: skip

_NOT_YEARS = wordset(
    "dollars euros pounds people persons inhabitants meters metres kilometers km miles "
    "words steps students"
)
_STOP = wordset("and or of to in is are for with by than more less times x")


def _counted(value: int, noun: str, gender: str, doubts: Doubts) -> str:
    return cardinal(value, LOCALE)


def _ordinal(value: int, before: str, after: str = "") -> str:
    return words(value, "en", "ordinal")


def _regnal(value: int, name: str, before: str) -> str | None:
    if name[0].islower():
        return None
    return f"the {_ordinal(value, before).capitalize()}"


def _day_month(day: int, between: str, month: str, before: str) -> str:
    return f"the {_ordinal(day, before)} of {month}"


def _clock(hour: int, minute: int) -> str:
    said = cardinal(hour, LOCALE)
    if minute == 0:
        return f"{said} o'clock"
    if minute < 10:
        return f"{said} oh {cardinal(minute, LOCALE)}"
    return f"{said} {cardinal(minute, LOCALE)}"


def _year(value: int) -> str:
    return words(value, "en", "year")


_NUMBER_SIGN = re.compile(r"\bNo\.\s?(?=\d)")
"""`No. 5`, never the answer `No.`"""
_MARKED = re.compile(r"(?<![\d.,])(\d{1,3})(st|nd|rd|th)\b")
_MONTH_DAY = re.compile(rf"\b({'|'.join(MONTHS)})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?![:\d])")
_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")


_MERIDIEM = re.compile(r"(?<![\d.,:])(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?(?!\w)", re.I)


def _meridiem(m: re.Match[str]) -> str:
    hour, minute = int(m[1]), int(m[2] or 0)
    said = _clock(hour, minute).removesuffix(" o'clock")
    rest = m.string[m.end() :]
    # `a.m.` at the end of a sentence ends it too.
    stop = (
        "." if m[0].endswith(".") and (not rest.strip() or rest[:2].strip()[:1].isupper()) else ""
    )
    return f"{said} {m[3].lower()} m{stop}"


def _own(text: str, doubts: Doubts) -> str:
    text = sub(_SLASHED, text, lambda m: doubts.add(m[0], "month/day or day/month"))
    text = sub(_MERIDIEM, text, _meridiem)
    text = sub(_NUMBER_SIGN, text, lambda m: "number ")
    text = sub(_MONTH_DAY, text, lambda m: f"{m[1]} {_ordinal(int(m[2]), '')}")
    return sub(_MARKED, text, lambda m: _ordinal(int(m[1]), ""))


LOCALE = Locale(
    n2w="en",
    decimal=".",
    point="point",
    percent="percent",
    plus="plus",
    through="to",
    months=MONTHS,
    abbreviations=ABBREVIATIONS,
    currencies={
        "€": Currency("euro", "euros", "cents"),
        "$": Currency("dollar", "dollars", "cents"),
        "£": Currency("pound", "pounds", "pence"),
    },
    cents_joiner=" ",
    not_years=_NOT_YEARS,
    stop_words=_STOP,
    digit_decimals=True,
    clock=_clock,
    counted=_counted,
    ordinal=_ordinal,
    regnal=_regnal,
    day_month=_day_month,
    year=_year,
    own=_own,
    numbered=wordset(
        "War Chapter Part Act Scene Volume Book Section Phase Level Type Class Stage Episode "
        "Season Unit Lesson"
    ),
)
