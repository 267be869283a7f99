"""Korean: native numerals before native counters (`7시` 일곱 시, `11시` 열한 시, `3명`
세 명, `20살` 스무 살), Sino-Korean ones before the others (`30분` 삼십 분, `5,000원`
오천 원, `6개월` 육 개월, `2024년` 이천이십사 년), the months 유월 and 시월, ranges of
native numerals as one word (`7-8시간` 일고여덟 시간), `%` as 퍼센트, phone numbers digit
by digit. A number before a word that is no known counter is said in Sino-Korean and
noted."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import ClassVar

from ...readings.numbers.common import DIGIT, NUMBER, whole, words
from ...readings.numbers.draft import Doubts, Draft
from ...readings.numbers.rules import Rules
from ...readings.numbers.units import meant


class Korean(Rules, data="numbers.toml"):
    """Korean: native numerals before native counters, Sino-Korean ones elsewhere."""

    native_counters: ClassVar[tuple[str, ...]]
    """Counters a native numeral goes before (`3명` 세 명); Sino-Korean before the others."""
    sino_counters: ClassVar[tuple[str, ...]]
    units: ClassVar[Mapping[str, str]]
    """Units written in Latin letters or signs, said in Hangul (`100km` 백 킬로미터)."""
    names: ClassVar[Mapping[str, str]]
    """Names with a number in them, as they are said."""
    numbered: ClassVar[tuple[str, ...]]
    """After `N번`: a number (1번 출구 일 번 출구), not a count of times (세 번)."""
    particles: ClassVar[tuple[str, ...]]
    """Particles after a number said alone, in Sino-Korean (no counter to agree with)."""
    months: ClassVar[Mapping[int, str]]
    """The months said otherwise than their number (유월, 시월)."""

    def digit(self, value: int) -> str:
        return _DIGITS[value]

    def cardinal(self, value: int) -> str:
        return sino(str(value))

    def say(self, draft: Draft) -> None:
        self.abbreviated(draft)
        if not DIGIT.search(draft.text):
            return
        doubts = draft.doubts
        draft.sub(_NAME, lambda m: Korean.names[m[0]])
        self.numbers_as_digits(draft)
        self.signs(draft)
        draft.sub(_ONE_SCALED, lambda m: "")
        self.signed_money(draft)
        draft.sub(_UNIT, _unit)
        draft.sub(_CLOCK, _clock)
        self.fractions(draft)
        self.ratios(draft)
        draft.sub(_TIME, lambda m: _time(m, doubts))
        draft.sub(_RANGE, _range)
        draft.sub(_SPAN, lambda m: f"{sino(m[1])}에서 ")
        draft.sub(_MONEY, lambda m: f"{sino(m[1])} 원")
        draft.sub(_PERCENT, lambda m: f"{sino(m[1])} 퍼센트")
        draft.sub(_COUNTED, lambda m: _counted(m, doubts))
        self.leftovers(draft)


EMERGENCY = frozenset(["112", "119"])
"""Numbers said digit by digit where no counter follows (`119에 전화하세요` 일일구)."""
_ONES = ("", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉")
_TENS = ("", "열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔")
_RANGES = {
    (1, 2): "한두", (2, 3): "두세", (3, 4): "서너", (4, 5): "네다섯", (5, 6): "대여섯",
    (6, 7): "예닐곱", (7, 8): "일고여덟", (8, 9): "여덟아홉",
}  # fmt: skip
_DIGITS = "공일이삼사오육칠팔구"
_COUNTER = "|".join(
    re.escape(c)
    for c in sorted(Korean.native_counters + Korean.sino_counters, key=len, reverse=True)
)
_RANGE = re.compile(rf"(?<![\d.,])(\d{{1,2}})\s?[-~–]\s?(\d{{1,2}})\s?({_COUNTER})")
_SPAN = re.compile(rf"(?<![\d.,])({NUMBER})\s?~\s?(?=\d)")
"""A range marked by a tilde before anything but a counter (`20~30%` 이십에서 삼십 퍼센트):
the tilde is the range's own sign in Korean (국립국어원, 한글 맞춤법 부록 문장 부호 물결표)."""
_SCALES = ("십", "백", "천", "만", "억", "조")
"""The scales of Sino-Korean numbers, written after digits (`3천`, `120만`): the number
before one is Sino-Korean and said with it as one word (`삼천`), as no counter is."""
_ONE_SCALED = re.compile(r"(?<![\d.,])1(?=[십백천만])")
"""One before a scale written in Hangul (`1만 원`, `1천 명`): not said, as 표준국어대사전
says 만, 천, 백 and 십 for them (num2words' Korean too: 10000 만); 억 and 조 are said
with it (`1억` 일억)."""
_TIME = re.compile(r"(?<![\d.,:])(\d{1,2}):(\d{2})(?![\d:])")
_MONEY = re.compile(rf"[₩￦]\s?({NUMBER})")
_PERCENT = re.compile(rf"(?<![\d.,])({NUMBER})\s?%")
_COUNTED = re.compile(rf"(?<![\d.,])({NUMBER})\s?({_COUNTER}|[가-힣]+)?")
_ORDINAL = re.compile(r"(?<![가-힣])제\s?$")
"""The prefix 제 (第) before a number: an ordinal (`제4대` 제사대, `제2장`)."""
_VERSUS = re.compile(r"\s*\d")
"""After `N대`: the other side of a score (`2대 1`), so 대 is 對, not a counter."""
_FOLLOWING = re.compile(r"\s*([가-힣]+)")
_UNIT = re.compile(
    rf"(?<![\d.,])({NUMBER})\s?"
    rf"({'|'.join(re.escape(u) for u in sorted(Korean.units, key=len, reverse=True))})(?![A-Za-z])"
)
_CLOCK = re.compile(r"(?<![\d.,:])(\d{1,2})\s?시\s?(\d{1,2})\s?분(?:\s?(\d{1,2})\s?초)?")
_DECADES = frozenset(str(n) for n in range(10, 100, 10))
_AGE_AFTER = re.compile(
    r"\s*(?:초반|중반|후반|학생|남성|여성|남자|여자|청년|직장인|젊은이|사람|분들|들이|들은|들의)"
)
"""After `20대`: people, so an age group (이십 대), not twenty vehicles (스무 대)."""
_COPULA_AFTER = re.compile(r"(?:예요|이에요|입니다|이다|였|이었|야)")
"""After `40대`: the copula (이다 and its endings). What someone is: an age group far more
often than a count of vehicles, said so and noted, as the subject (not read here) decides."""
_MINUTES = re.compile(r"\s*(?:걸|지나|지났|남|늦|흘|넘|에요)")
"""After `N분이`: minutes (`30분이 걸려요`, `30분이에요`), not persons (`세 분이 오셨어요`)."""
_HOURS_BEFORE = re.compile(r"시간?\s*$")
"""Before `N분이`: hours (`1시간 30분이`), which make it minutes."""
_NAME = re.compile("|".join(re.escape(n) for n in Korean.names))


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
    text = m.string
    spaced = m[0][len(written) : len(written) + 1].isspace()
    # A number glued to the word before it is part of a name (`아이폰15 케이스`).
    glued = m.start() > 0 and "가" <= text[m.start() - 1] <= "힣"
    before = " " if glued else ""
    if _ORDINAL.search(text, max(0, m.start() - 3), m.start()) or (
        counter == "대" and _VERSUS.match(text, m.end())
    ):  # 제 (第) numbers and 대 (對) between a score's sides take Sino-Korean numbers
        return f"{before}{sino(written)} {counter}".rstrip()
    if counter == "대" and plain in _DECADES and _COPULA_AFTER.match(text, m.end()):
        # `40대예요`: an age group (사십 대) far more often than forty vehicles.
        doubts.note(f"{written}{counter}: an age group or a count of vehicles; said as an age")
        return f"{before}{sino(written)} {counter}"
    said = _with_counter(m, written, counter)
    if said is not None:
        return before + said
    if plain in EMERGENCY and (not counter or counter.startswith(Korean.particles)):
        return before + "".join(_DIGITS[int(d)] for d in plain) + counter
    # A number alone (번호는 7이에요) is Sino-Korean; so is one before a word that is no
    # counter the rules know (`3가지요`), noted.
    if counter and not counter.startswith((*Korean.particles, *_SCALES)) and not (spaced and glued):
        doubts.note(f"{written}{counter}: no known counter; said in Sino-Korean")
    return f"{before}{sino(written)}{m[0][len(written) : len(m[0]) - len(counter)]}{counter}"


def _with_counter(m: re.Match[str], written: str, counter: str) -> str | None:
    """A number before a counter the rules know, said with it (`세 개`, `삼 분`, `유월`);
    None for any other word after it."""
    plain = written.replace(",", "")
    after = _FOLLOWING.match(m.string, m.end())
    if counter == "번" and after is not None and after[1].startswith(Korean.numbered):
        return f"{sino(written)} {counter}"  # `3번 출구`: a number that numbers a thing
    if counter == "번째" and plain == "1":
        return "첫 번째"
    if counter == "분이" and (
        _MINUTES.match(m.string, m.end())
        or _HOURS_BEFORE.search(m.string, max(0, m.start() - 8), m.start())
    ):
        return f"{sino(written)} {counter}"
    if counter == "대" and plain in _DECADES and _AGE_AFTER.match(m.string, m.end()):
        return f"{sino(written)} {counter}"  # `20대 학생`: students in their twenties
    if counter in Korean.native_counters and plain.isdigit() and 1 <= int(plain) <= 99:
        return f"{native(int(plain))} {counter}"
    if counter == "월" and plain.isdigit() and int(plain) in Korean.months:
        return Korean.months[int(plain)]
    if counter in Korean.sino_counters or counter in Korean.native_counters:
        return f"{sino(written)} {counter}"
    return None


def _range(m: re.Match[str]) -> str:
    low, high, counter = int(m[1]), int(m[2]), m[3]
    if counter in Korean.native_counters:
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


def _unit(m: re.Match[str]) -> str:
    counter = Korean.units[meant(m[2], m)]
    if counter in Korean.native_counters and m[1].isdigit() and 1 <= int(m[1]) <= 99:
        return f"{native(int(m[1]))} {counter}"  # `2h` 두 시간
    said = f"{sino(m[1])} {counter}"
    speed = {"m/s": "초속", "km/h": "시속"}.get(m[2])  # a speed: 시속 백 킬로미터
    if speed and not m.string[max(0, m.start() - 4) : m.start()].rstrip().endswith(speed):
        return f"{speed} {said}"
    return said


def _clock(m: re.Match[str]) -> str:
    """`2시 30분` 두 시 삼십 분: the hour native, minutes and seconds Sino-Korean."""
    hour = int(m[1])
    if hour > 24:
        return m[0]
    said = f"{native(hour) if hour else '영'} 시 {sino(m[2])} 분"
    return said + (f" {sino(m[3])} 초" if m[3] else "")
