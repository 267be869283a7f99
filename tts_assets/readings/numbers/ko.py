"""Korean: native numerals before native counters (`7시` 일곱 시, `11시` 열한 시, `3명`
세 명, `20살` 스무 살), Sino-Korean ones before the others (`30분` 삼십 분, `5,000원`
오천 원, `6개월` 육 개월, `2024년` 이천이십사 년), the months 유월 and 시월, ranges of
native numerals as one word (`7-8시간` 일고여덟 시간), `%` as 퍼센트, phone numbers digit
by digit. A number before a word that is no known counter is said in Sino-Korean and
noted."""

from __future__ import annotations

import re

from .common import DIGIT, PHONE, digit_by_digit, whole, words
from .draft import Doubts, Draft
from .rules import Rules

NATIVE_COUNTERS = (
    "시간", "시", "개", "명", "살", "잔", "마리", "번째", "번", "권", "병", "장", "대", "벌",
    "켤레", "그릇", "송이", "사람", "달", "가지", "군데", "통", "채", "자루", "곡", "봉지",
    "조각", "상자", "쌍", "줄", "판", "알", "접시", "칸", "곳", "분이",
)  # fmt: skip
SINO_COUNTERS = (
    "분", "초", "원", "개월", "년", "월", "일", "층", "호", "도", "주", "회", "인분", "학년",
    "세", "박", "쪽", "페이지", "등", "위", "교시", "과", "킬로미터", "킬로그램", "미터",
    "센티미터", "그램", "리터", "퍼센트", "점", "차", "단계", "급", "번지", "동", "호선",
    "달러", "유로", "엔", "위안", "km", "kg", "cm", "m", "g", "L",
)  # fmt: skip
_NUMBERED = ("출구", "버스", "선", "문제", "방", "게이트", "트랙", "자리", "국도", "채널")
"""After `N번`: a number (1번 출구 일 번 출구), not a count of times (세 번)."""

_PARTICLES = (
    "이에요", "예요", "입니다", "이다", "이고", "이나", "이랑", "이", "가", "은", "는", "을", "를",
    "에서", "에게", "에", "도", "만", "부터", "까지", "와", "과", "하고", "으로", "로", "의",
)  # fmt: skip
"""Particles after a number said alone, in Sino-Korean (no counter to agree with)."""

_ONES = ("", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉")
_TENS = ("", "열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔")
_RANGES = {
    (1, 2): "한두", (2, 3): "두세", (3, 4): "서너", (4, 5): "네다섯", (5, 6): "대여섯",
    (6, 7): "예닐곱", (7, 8): "일고여덟", (8, 9): "여덟아홉",
}  # fmt: skip
_DIGITS = "공일이삼사오육칠팔구"
_MONTHS = {6: "유월", 10: "시월"}

_COUNTER = "|".join(
    re.escape(c) for c in sorted(NATIVE_COUNTERS + SINO_COUNTERS, key=len, reverse=True)
)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_RANGE = re.compile(rf"(?<![\d.,])(\d{{1,2}})\s?[-~–]\s?(\d{{1,2}})\s?({_COUNTER})")
_TIME = re.compile(r"(?<![\d.,:])(\d{1,2}):(\d{2})(?![\d:])")
_MONEY = re.compile(rf"[₩￦]\s?({_NUMBER})")
_PERCENT = re.compile(rf"(?<![\d.,])({_NUMBER})\s?%")
_COUNTED = re.compile(rf"(?<![\d.,])({_NUMBER})\s?({_COUNTER}|[가-힣]+)?")
_FOLLOWING = re.compile(r"\s*([가-힣]+)")


def native(value: int) -> str:
    """1 to 99 as native Korean before a counter: 한, 열한, 스무, 스물한."""
    tens, ones = divmod(value, 10)
    if tens == 2 and ones == 0:
        return "스무"
    return _TENS[tens] + _ONES[ones]


def sino(written: str) -> str:
    """A written number in Sino-Korean: 삼십, 오천, 삼 점 오."""
    plain = written.replace(",", "")
    units, _, frac = plain.partition(".")
    value = whole(units)
    said = "영" if value == 0 else words(value, "ko")
    if frac:
        said += " 점 " + " ".join(_DIGITS[int(d)].replace("공", "영") for d in frac)
    return said


def _counted(m: re.Match[str], doubts: Doubts) -> str:
    written, counter = m[1], m[2] or ""
    plain = written.replace(",", "")
    if counter in ("번", "번째"):
        after = _FOLLOWING.match(m.string, m.end())
        if counter == "번" and after is not None and after[1].startswith(_NUMBERED):
            return f"{sino(written)} {counter}"
        if counter == "번째" and plain == "1":
            return "첫 번째"
    if counter in NATIVE_COUNTERS and plain.isdigit() and 1 <= int(plain) <= 99:
        return f"{native(int(plain))} {counter}"
    if counter == "월" and plain.isdigit() and int(plain) in _MONTHS:
        return _MONTHS[int(plain)]
    if counter == "" or counter in SINO_COUNTERS or counter in NATIVE_COUNTERS:
        return f"{sino(written)} {counter}".rstrip()
    if counter.startswith(_PARTICLES):
        return f"{sino(written)}{counter}"  # a number alone: 번호는 7이에요
    # A word that is no counter the rules know (`3가지요`, a particle): Sino-Korean, noted.
    doubts.note(f"{written}{counter}: no known counter; said in Sino-Korean")
    return f"{sino(written)}{counter}"


def _range(m: re.Match[str]) -> str:
    low, high, counter = int(m[1]), int(m[2]), m[3]
    if counter in NATIVE_COUNTERS:
        joined = _RANGES.get((low, high))
        if joined is not None:
            return f"{joined} {counter}"
        if 1 <= low <= 99 and 1 <= high <= 99:
            return f"{native(low)}에서 {native(high)} {counter}"
    return f"{sino(m[1])}에서 {sino(m[2])} {counter}"


def _time(m: re.Match[str], doubts: Doubts) -> str:
    hour, minute = int(m[1]), int(m[2])
    if not (0 <= hour <= 24 and 0 <= minute <= 59):
        return doubts.add(m[0], "not a time of day")
    said = f"{native(hour) if hour else '영'} 시"
    if minute == 30:
        return f"{said} 반"
    return said + (f" {sino(str(minute))} 분" if minute else "")


class Korean(Rules):
    """Korean: native numerals before native counters, Sino-Korean ones elsewhere."""

    code = "ko"

    def say(self, draft: Draft) -> None:
        if not DIGIT.search(draft.text):
            return
        doubts = draft.doubts
        digit = lambda d: _DIGITS[d]  # noqa: E731
        draft.sub(PHONE, lambda m: digit_by_digit(m[1], digit, "플러스", sep="", comma=" "))
        draft.sub(_TIME, lambda m: _time(m, doubts))
        draft.sub(_RANGE, _range)
        draft.sub(_MONEY, lambda m: f"{sino(m[1])} 원")
        draft.sub(_PERCENT, lambda m: f"{sino(m[1])} 퍼센트")
        draft.sub(_COUNTED, lambda m: _counted(m, doubts))
