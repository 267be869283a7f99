"""Chinese: 两 before measure words (`2张` 两张, `2点` 两点), years digit by digit
(`1998年` 一九九八年), `15%` 百分之十五, `12.5` 十二点五, `3:30` 三点半, ranges with 到
(`7-8个` 七到八个), phone numbers digit by digit. The number words are spelled here: a
few lines, where cn2an would be slow to import and says 二万."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import ClassVar

from ...readings.numbers.common import DIGIT, NUMBER, whole
from ...readings.numbers.draft import Doubts, Draft
from ...readings.numbers.rules import Rules
from ...readings.numbers.units import after_number, meant

_DIGITS = "零一二三四五六七八九"
_UNITS = ("", "十", "百", "千")

_MOBILE = re.compile(r"(?<![\d.,])(1\d{10}|0\d{9,11})(?![\d.,]?\d)")
_YEAR = re.compile(r"(?<![\d.,])(\d{4})(?=\s?年)")
_TIME = re.compile(
    r"(?<![\d.,:])(\d{1,2})[:：](\d{2})(?![\d:])(\s?[-~～–]\s?(?=\d{1,2}[:：]\d{2}(?![\d:])))?"
)
"""A time of day (`9:30`), and the dash of a range of times after it (`9:00-18:00`)."""
_PERCENT = re.compile(rf"(?<![\d.,])({NUMBER})\s?[%％]")
_MONEY = re.compile(rf"[¥￥]\s?({NUMBER})")
_RANGE = re.compile(rf"(?<![\d.,])({NUMBER})\s?[-~～–]\s?(?=({NUMBER}))")
_ORDINAL = re.compile(rf"第\s?({NUMBER})")
_NUMBER_RE = re.compile(rf"(?<![\d.,])({NUMBER})")
_IDENTITY = re.compile(r"(?<![\d.,])(\d{17}[\dXx]|\d{15}|\d{12,19})(?![\d.,]?\d)")
"""An identity card (18 digits, the last maybe X; 15 of old) or a bank card: digit by
digit, as everyone reads them."""
_EMERGENCY = re.compile(r"(?<![\d.,])(110|119|120|122|12315)(?![\d.,]?\d)")
_UNIT = re.compile(rf"(?<![\d.,])({NUMBER})\s?(°\s?C|℃|°\s?F|℉|°)(?!\w)")
_UNITS_SAID = {"C": "摄氏度", "℃": "摄氏度", "F": "华氏度", "℉": "华氏度", "°": "度"}
_ISO_DATE = re.compile(r"(?<![\d.,-])(\d{4})-(\d{2})-(\d{2})(?!\d)")
_ROOM = re.compile(r"(?<![\d.,])(\d{3,4})(?=\s?(?:房间|号房|室|教室))")
"""`305房间`: a room, its number said digit by digit (三零五)."""
_NOT_A_CALL = frozenset("元年月日号岁米斤个")
"""After 110, 119 or 120: an amount (`120元`), not the number to call; so is the first
character of a word 2 is 两 before (`110分`, `120分钟`)."""


def _under_10000(n: int, leading: bool) -> str:
    said = ""
    zero = False
    digits = str(n)
    for i, char in enumerate(digits):
        d = int(char)
        place = len(digits) - 1 - i
        if d == 0:
            zero = bool(said)
            continue
        if zero:
            said += "零"
            zero = False
        ten = d == 1 and place == 1 and not said and leading  # 十一, not 一十一
        said += ("" if ten else _DIGITS[d]) + _UNITS[place]
    return said


def integer(n: int) -> str:
    """`n` in Chinese numerals: 十一, 一百零五, 两千, 两万三千."""
    if n == 0:
        return "零"
    groups = []
    while n:
        n, group = divmod(n, 10000)
        groups.append(group)
    said = ""
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        if said and group < 1000:
            said += "零"
        said += _under_10000(group, leading=not said) + ("", "万", "亿", "万亿")[index]
    said = re.sub(r"零+", "零", said)
    # 2 at the head of 千, 万 and 亿 is 两.
    return re.sub(r"^二(?=[千万亿])", "两", said)


def number(written: str, two: bool = False) -> str:
    """A written number: 十二点五; `two`: a bare 2 as 两 (before a measure word)."""
    plain = written.replace(",", "")
    units, _, frac = plain.partition(".")
    said = integer(whole(units))
    if frac:
        return f"{said}点{''.join(_DIGITS[int(d)] for d in frac)}"
    return "两" if two and said == "二" else said


def _takes_two(after: str) -> bool:
    return after[:1] in Chinese.measure_words or after.startswith(Chinese.two_before)


def _time(m: re.Match[str], doubts: Doubts) -> str:
    hour, minute = int(m[1]), int(m[2])
    if not (0 <= hour <= 24 and 0 <= minute <= 59):
        return doubts.add(m[0], "not a time of day")
    said = ("两" if hour == 2 else integer(hour)) + "点"
    if minute == 30:
        said += "半"
    elif minute:
        said += ("零" if minute < 10 else "") + integer(minute) + "分"
    return said + ("到" if m[3] else "")


def _after(text: str, pos: int) -> str:
    """The few characters after `pos`, spaces skipped (what a number is before)."""
    return text[pos:].lstrip()[:4]


class Chinese(Rules, data="numbers.toml"):
    """Chinese: 两 before measure words, years digit by digit, 百分之, 点 and 到."""

    measure_words: ClassVar[frozenset[str]]
    two_before: ClassVar[tuple[str, ...]]
    """The measure words and the words after which 2 is 两 (`numbers.toml`)."""
    units: ClassVar[Mapping[str, str]]
    units_before: ClassVar[Mapping[str, str]]
    """Units after a number, said after it, and before it too (`numbers.toml`)."""

    def digit(self, value: int) -> str:
        return _DIGITS[value]

    def cardinal(self, value: int) -> str:
        return integer(value)

    def say(self, draft: Draft) -> None:
        if not DIGIT.search(draft.text):
            return
        doubts = draft.doubts
        draft.sub(_IDENTITY, self._identity)
        self.flights(draft)
        self.numbers_as_digits(draft)
        draft.sub(_MOBILE, lambda m: self.digits(m[1]))
        draft.sub(_ROOM, lambda m: self.said_code(m[1]))
        # A unit's number is left to the passes below, which say 两 before it (两公斤).
        draft.sub(_MEASURE, _measure)
        self.signed_money(draft)  # `$120`: no number to call
        draft.sub(_EMERGENCY, self._emergency_number)
        draft.sub(_ISO_DATE, lambda m: self._iso_date(m, doubts))
        self.signs(draft)
        draft.sub(_UNIT, lambda m: m[1] + _UNITS_SAID[m[2][-1]])
        self.fractions(draft)
        self.ratios(draft)
        draft.sub(_YEAR, lambda m: "".join(_DIGITS[int(d)] for d in m[1]))
        draft.sub(_TIME, lambda m: _time(m, doubts))
        draft.sub(_PERCENT, lambda m: "百分之" + number(m[1]))
        draft.sub(_MONEY, lambda m: number(m[1]) + "元")
        draft.sub(_ORDINAL, lambda m: "第" + number(m[1]))

        def ranged(m: re.Match[str]) -> str:
            return number(m[1], _takes_two(_after(m.string, m.end() + len(m[2])))) + "到"

        draft.sub(_RANGE, ranged)
        draft.sub(_NUMBER_RE, lambda m: number(m[1], _takes_two(_after(m.string, m.end()))))
        self.leftovers(draft)

    def _identity(self, m: re.Match[str]) -> str:
        last = m[1][-1]
        return self.digits(m[1][:-1]) + (self.digit(int(last)) if last.isdigit() else "X")

    def _iso_date(self, m: re.Match[str], doubts: Doubts) -> str:
        """`2024-03-15` 二零二四年三月十五日."""
        year, month, day = m[1], int(m[2]), int(m[3])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return doubts.add(m[0], "not a date")
        return f"{self.digits(year)}年{integer(month)}月{integer(day)}日"

    def _emergency_number(self, m: re.Match[str]) -> str:
        after = _after(m.string, m.end())
        if _takes_two(after) or after[:1] in _NOT_A_CALL | {w[0] for w in self.two_before}:
            return m[0]
        return self.digits(m[1])


_MEASURE = after_number(Chinese.units)


def _measure(m: re.Match[str]) -> str:
    """`5km` 5公里 (the number said by a later pass, 两 before it), `2h 30m` 2小时 30分钟."""
    key = meant(m[3], m)
    return Chinese.units_before.get(key, "") + m[1] + Chinese.units[key]
