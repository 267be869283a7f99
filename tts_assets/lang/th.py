"""Thai: numbers in words (num2words: `21` ยี่สิบเอ็ด, `250,000` สองแสนห้าหมื่น), Thai digits
too (`๒๕`), decimals digit by digit (`3.5` สามจุดห้า), `15%` สิบห้าเปอร์เซ็นต์, times
in the 24-hour reading (`17:30 น.` สิบเจ็ดนาฬิกาสามสิบนาที), ranges with ถึง, a sign with
ลบ, phone numbers digit by digit. Thai is written without spaces between words, and so
are its numbers said. What these rules cannot know (a date, a fraction or a ratio with a
slash or a colon) is said as written and noted."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import ClassVar

from ..readings.numbers.common import DIGIT, NUMBER, whole, words
from ..readings.numbers.draft import Draft
from ..readings.numbers.rules import Rules
from ..readings.numbers.units import after_number, meant

_TIME = re.compile(
    r"(?<![\d.,:])(\d{1,2})[:.](\d{2})(?![\d:])\s?(?:น\.)?(\s?[-–]\s?(?=\d{1,2}[:.]\d{2}(?![\d:])))?"
    r"|(?<![\d.,:])(\d{1,2})\s?น\."
)
"""A time of day (`17:30 น.`), and the dash of a range of times after it (`8.00-20.00 น.`)."""
_SLASHED = re.compile(r"(?<![\d/])\d+(?:/\d+)+(?![\d/])|(?<![\d:])\d+:\d+(?:[:]\d+)*(?![\d:])")
_PERCENT = re.compile(rf"(?<![\d.,])({NUMBER})\s?[%％]")
_BAHT = re.compile(rf"[฿]\s?({NUMBER})")
_SATANG = re.compile(r"(?<![\d.,])(?:฿\s?)?(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})(?![\d.,]?\d)(\s?บาท)?")
"""An amount with its satang (`1,299.50 บาท`, `฿12.50`): baht, then satang."""
_DEGREES = re.compile(rf"(?<![\d.,])({NUMBER})\s?(°\s?C|℃|°\s?F|℉|°)(?!\w)")
_DEGREES_SAID = {"C": "องศาเซลเซียส", "℃": "องศาเซลเซียส", "F": "องศาฟาเรนไฮต์", "℉": "องศาฟาเรนไฮต์"}
_FRACTION = re.compile(r"(?<![\d.,/])(\d{1,2})/(\d{1,2})(?![\d/]|[.,]\d)")
_A_DAY = re.compile(r"วันที่\s*$")
"""Before `3/10`: a day of a month (said as written and noted), not a fraction."""
_RANGE = re.compile(rf"(?<![\d.,])({NUMBER})\s?[-–]\s?(?=({NUMBER}))")
_PLAIN = re.compile(rf"(?<![\d.,])({NUMBER})")


class Thai(Rules, data="th.toml"):
    """Thai: numbers, percent, times, money and ranges in words; dates as written."""

    units: ClassVar[Mapping[str, str]]
    """Units after a number, said after it (`5 km` ห้า กิโลเมตร)."""

    def cardinal(self, value: int) -> str:
        return words(value, "th")

    def number(self, written: str) -> str:
        """A written number: 1,250 หนึ่งพันสองร้อยห้าสิบ, 3.25 สามจุดสองห้า."""
        units, _, frac = written.replace(",", "").partition(".")
        said = self.cardinal(whole(units))
        return said + ("จุด" + "".join(self.digit(int(d)) for d in frac) if frac else "")

    def say(self, draft: Draft) -> None:
        draft.sub(_MEASURE, self._unit)  # the number: below
        self.abbreviated(draft)
        if "ๆ" in draft.text:  # ไม้ยมก repeats the word before it: where it begins, no rule knows
            draft.doubts.note("ๆ: repeats the word before it, not known here; said as written")
        if not DIGIT.search(draft.text):
            return
        doubts = draft.doubts
        self.numbers_as_digits(draft)
        self.signs(draft)
        self.signed_money(draft)
        draft.sub(_DEGREES, lambda m: m[1] + _DEGREES_SAID.get(m[2][-1], "องศา"))
        draft.sub(_SATANG, self._satang)  # before the times: `12.50 บาท` is no time
        draft.sub(_TIME, self._time)
        draft.sub(_FRACTION, self._fraction)
        draft.sub(_SLASHED, lambda m: doubts.add(m[0], "a date, a fraction or a ratio"))
        draft.sub(_PERCENT, lambda m: self.number(m[1]) + "เปอร์เซ็นต์")
        draft.sub(_BAHT, lambda m: self.number(m[1]) + "บาท")
        self.scores(draft)
        draft.sub(_RANGE, lambda m: self.number(m[1]) + "ถึง")
        draft.sub(_PLAIN, lambda m: self.number(m[1]))
        self.leftovers(draft)

    def _unit(self, m: re.Match[str]) -> str:
        """A unit after a number (`5 km`, `4 ม.`) said by its name, before the abbreviations:
        CLDR writes a metre `{0} ม.`, which alone has several meanings (the Royal Institute's
        list); one that goes on in a letter (`5 ม.ค.`, a month) is none."""
        if m.string[m.end() : m.end() + 1].isalpha():
            return m[0]
        return m[1] + m[2] + self.units[meant(m[3], m)]

    def _satang(self, m: re.Match[str]) -> str:
        """`1,299.50 บาท` หนึ่งพันสองร้อยเก้าสิบเก้าบาทห้าสิบสตางค์; a number with two
        decimals and no currency is left to the numbers (`3.75 เมตร`)."""
        if not (m[3] or m[0].startswith("฿")):
            return m[0]
        said = self.number(m[1]) + "บาท"
        return said + (self.cardinal(int(m[2])) + "สตางค์" if int(m[2]) else "")

    def _fraction(self, m: re.Match[str]) -> str:
        """`3/4` สามส่วนสี่; after วันที่ a day of a month, left to be noted."""
        numerator, denominator = int(m[1]), int(m[2])
        if not 0 < numerator < denominator <= 10 or _A_DAY.search(
            m.string, max(0, m.start() - 12), m.start()
        ):
            return m[0]
        return f"{self.cardinal(numerator)}ส่วน{self.cardinal(denominator)}"

    def _time(self, m: re.Match[str]) -> str:
        hour, minute = int(m[1] or m[4]), int(m[2] or 0)
        if hour > 24 or minute > 59:
            return m[0]
        return self.clock(hour, minute) + ("ถึง" if m[3] else "")


_MEASURE = after_number(Thai.units)
