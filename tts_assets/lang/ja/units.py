"""Units written in Latin letters after digits, read as their Japanese words (`30min` as
`30分`: さんじゅっぷん).

The analyzer reads many units right (`5km` ゴキロメートル) but not these: on Kokoro's path
`L`, `h` and `°C` were dropped, `min` said ミン, `s` セカンド. The number's sound changes
are the same as before the unit's Japanese word (10分 じゅっぷん), so the analyzer is given
the word (`UNITS`: each unit as written and its Japanese form) and the text keeps its
letters (the words' surfaces are the written unit again), as with the counters in kana
(`counters`).

Only right after a number (digits, a decimal point, thousands commas; a space between
allowed) that no Latin letter begins (`iPhone 5s`, `A4` are no amounts), and never in a
pause marker (`[pause:1.5s]`). A unit with two meanings is decided by what is beside it:
`m` is a minute before seconds (`3m20s`) or after hours (`1h30m`), else left to the
analyzer (a metre; `2m²`); `L` before サイズ is a clothing size (`3Lサイズ`), left as
written. One that nothing decides is left as written and is a doubt naming what to write
(`DOUBTS`: `7a.m.`, which Japanese says before the number, 午前7時; `10h30`, ten hours and
thirty or half past ten; `1990s`, seconds or a decade). Plain string work, linear in the
text; the analyzer's part is `analysis.first_analysis`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from ...pauses import marker_spans

RULES_VERSION = "3"
"""Bump on any change here or in units.toml that changes what a text is said as (it names
the reading memo's file, `context.identity`)."""

_WORDS = tomllib.loads(resources.files(__package__).joinpath("units.toml").read_text("utf-8"))

UNITS: dict[str, str] = _WORDS["units"]
"""Each unit the analyzer misreads after digits and the word it is read as (`units.toml`)."""

MINUTE = "分"
"""What `m` is read as between hours and seconds."""
HOUR = "時間"
"""What an hour's unit is read as (`10h30` is a doubt: ten hours and thirty, or 10:30)."""

NOT_BEFORE: dict[str, list[str]] = _WORDS["not_before"]
"""Words after a unit that make it something else, left as written (`3Lサイズ`)."""

_HOUR_MARKS: dict[str, str] = {
    **dict.fromkeys(("a.m.", "am", "A.M.", "AM"), "午前"),
    **dict.fromkeys(("p.m.", "pm", "P.M.", "PM"), "午後"),
}
BEFORE_NUMBER: dict[str, str] = {**_HOUR_MARKS, "°F": "華氏"}
"""What Japanese says before the number of a unit written after it: 午前/午後 (`7a.m.`:
午前7時), 華氏 (`95°F`: 華氏95度)."""
DOUBTS: dict[str, str] = {mark: f"{said}{{n}}時" for mark, said in _HOUR_MARKS.items()}
"""Marks after digits Japanese says before the number (`BEFORE_NUMBER`): after an hour
(`7a.m.`) moved there, as 午前7時; after a clock time (`7:30a.m.`) left as written, a doubt
that says what to write ({n}: the number)."""
MINUS = "マイナス"
"""A minus before a temperature (`-5℃`: マイナス5度)."""
_SIGNS = frozenset("-−")
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
"""A minus sign as `prepare` leaves it (－ is -)."""
ARE = "アール"
"""`a` after a number, a land's area, where the sentence speaks of land (`LAND`)."""
LAND: tuple[str, ...] = tuple(_WORDS["land"])
_ARE = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s?a(?![A-Za-z.])")
_CLOCK = re.compile(r"(?<![\d.,:])([01]?\d|2[0-4]):([0-5]\d)(?![\d:])")
"""A clock time `H:MM` (`10:30`: 10時30分), not a ratio of more figures nor a part of one."""
RANGE = "から"
"""A wave dash between numbers (`3〜5人`: 3人から5人; it was not said: さんごにん)."""
COUNTERS: tuple[str, ...] = tuple(_WORDS["counters"])
"""Counters a range's second number may carry that are said after its first too
(`units.toml`)."""
_RANGE = re.compile(r"(\d)(" + "|".join(map(re.escape, COUNTERS)) + r")?\s?([〜~])\s?(?=\d)")
_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?\s?")
_SLASHED = re.compile(r"(?<![\d/.,:])(\d{1,2})/(\d{1,2})(?![\d/])")
"""Two numbers with a slash (`3/4`): a date (3月4日) or a fraction (4分の3); a doubt
where the sentence does not show a date (`DAY_WORDS`, `DAY_PARTICLES`)."""
DAY_WORDS: tuple[str, ...] = tuple(_WORDS["day_words"])
DAY_PARTICLES: tuple[str, ...] = tuple(_WORDS["day_particles"])
"""Words of a day, and what follows a date: a sentence with both speaks of a date
(`units.toml`)."""
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
SPEED = "時速"
"""What Japanese says before the number of `km/h` in a sentence about speed (`45km/h`:
時速45キロメートル); elsewhere the analyzer's reading, the symbol's (キロメートル毎時)."""
SPEED_WORDS: tuple[str, ...] = tuple(_WORDS["speed_words"])
_SPEED = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s?(km/h)(?![A-Za-z])")
TWENTY = "二十歳"
"""`20歳` as a teacher says an age of twenty: はたち (二十歳), not にじゅっさい; before 代
(twenties) the analyzer's."""
_TWENTY = re.compile(r"(?<![\d.,])(20)\s?(歳|才)(?!代)")
_HOURS_OF = re.compile(r"(\d{1,2}):\Z")

_NUMBER = r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)"
_UNIT = re.compile(
    _NUMBER
    + r"(\s?)("
    + "|".join(sorted(map(re.escape, [*UNITS, *DOUBTS, "m"]), key=len, reverse=True))
    + r")(?![A-Za-z/])"
)
"""A number, an optional space, a unit (or `m`, or a mark of `DOUBTS`) no letter or slash
continues (`5mins` is mins, `km/h` no h). Linear: each run of digits begins one try."""
_SECONDS_AFTER = re.compile(r"\s?\d+\s?(?:s|sec|secs|秒)(?![A-Za-z])")
_HOURS_BEFORE = re.compile(r"\d\s?(?:h|hr|hrs|時間)\s?\Z")
_CLOCK_AFTER = re.compile(r"\d{1,2}(?![\d.]|\s?(?:m|min|mins|分)(?![A-Za-z]))")
"""After `h`: minutes with no unit (`10h30`), the French way of writing a time of day."""
_DECADE = re.compile(r"\d{3}0\Z")
_NAME_BEFORE = re.compile(r"(?<![\dA-Za-z])[A-Za-z]+\s?\Z")
"""Letters before the number that no digit begins: a name (`iPhone 5s`, `A4`), not a
unit after an amount (`1h30m`)."""
_BEFORE = 16
"""How far back `m`'s hours and a number's name are looked for (bounded: linear)."""


@dataclass(frozen=True)
class Spot:
    """A unit after digits, in a text as the analyzer gets it (`prepare`d)."""

    start: int
    """Where the unit starts."""
    end: int
    number: str
    unit: str
    said: str | None
    """The Japanese form the analyzer is given; None: left as written (`doubt`)."""
    doubt: str | None = None
    """What a teacher should check, where the unit is left as written for want of a
    meaning; None when it is decided."""


def spots(text: str) -> list[Spot]:
    """The units after digits in `text` and how each is read (`UNITS`); `m` only where
    it is a minute, a unit before a word of `NOT_BEFORE` not at all, nor a pause's length
    (`[pause:1.5s]`: never said)."""
    pauses = marker_spans(text)
    found = []
    for match in _found(_UNIT, text, pauses, 3):
        if _NAME_BEFORE.search(text, max(0, match.start() - _BEFORE), match.start()):
            continue
        spot = _spot(match)
        if spot is not None:
            found += [*_before_number(match, spot), spot]
    found += _clock_times(text, pauses)
    found += _ranges(text, pauses)
    found += _slashed(text, pauses)
    found += _speeds(text, pauses)
    found += [
        Spot(m.start(), m.end(), m.group(1), m[0], TWENTY) for m in _found(_TWENTY, text, pauses)
    ]
    if any(word in text for word in LAND):
        found += [
            Spot(m.end() - 1, m.end(), m.group(1), "a", ARE) for m in _found(_ARE, text, pauses)
        ]
    return sorted(found, key=lambda spot: (spot.start, spot.end))


def _found(
    pattern: re.Pattern[str], text: str, pauses: list[tuple[int, int]], group: int = 0
) -> Iterator[re.Match[str]]:
    """The matches of `pattern` in `text` whose `group` starts outside a pause marker."""
    for match in pattern.finditer(text):
        if not any(begin <= match.start(group) < finish for begin, finish in pauses):
            yield match


def _ranges(text: str, pauses: list[tuple[int, int]]) -> list[Spot]:
    """Each wave dash between numbers said as から, and the counter (or unit) of the second
    number said after the first where the first has none (`3〜5人`: 3人から5人)."""
    out = []
    for m in _found(_RANGE, text, pauses):
        out.append(Spot(m.start(3), m.end(3), m.group(1), m.group(3), RANGE))
        amount = _AMOUNT.match(text, m.end())
        after = text[amount.end() : amount.end() + _BEFORE] if amount else ""
        counter = None if m.group(2) else _counter(after)
        if counter is not None:
            out.append(Spot(m.end(1), m.end(1), m.group(1), "", counter))
    return out


def _counter(after: str) -> str | None:
    """The counter (or a unit's Japanese word) `after` starts with (`COUNTERS`, `UNITS`)."""
    found = next((c for c in COUNTERS if after.startswith(c)), None)
    if found is not None:
        return found
    letters = re.match(r"[A-Za-z°]+", after)
    return None if letters is None else UNITS.get(letters[0])


def _slashed(text: str, pauses: list[tuple[int, int]]) -> list[Spot]:
    """Two numbers with a slash: a date where the sentence shows one (`_is_date`: 月 and
    日 said, `6/20に`: 6月20日に), else left as written, a doubt naming both readings."""
    out = []
    for m in _found(_SLASHED, text, pauses):
        month, day = m.group(1), m.group(2)
        if _is_date(text, m):
            out.append(Spot(m.end(1), m.end(1) + 1, month, "/", "月"))
            out.append(Spot(m.end(), m.end(), day, "", "日"))
            continue
        why = f"{m[0]} is said as written: write {month}月{day}日 or {day}分の{month}"
        out.append(Spot(m.end(), m.end(), month, "", None, why))
    return out


def _is_date(text: str, match: re.Match[str]) -> bool:
    """Whether the two numbers `match` found are a date: a month and a day of it, a time's
    particle after them, and a word of a day in the sentence (`DAY_WORDS`)."""
    month, day = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 1 <= day <= _MONTH_DAYS[month - 1]):
        return False
    return text.startswith(DAY_PARTICLES, match.end()) and any(w in text for w in DAY_WORDS)


def _speeds(text: str, pauses: list[tuple[int, int]]) -> list[Spot]:
    """`km/h` after a number in a sentence about speed (`SPEED_WORDS`) said as a teacher
    says it: 時速 before the number, キロメートル after (`45km/h`: 時速45キロメートル),
    unless 時速 is written before it already."""
    if not any(word in text for word in SPEED_WORDS):
        return []
    out = []
    for m in _found(_SPEED, text, pauses):
        if not text[max(0, m.start() - len(SPEED)) : m.start()].endswith(SPEED):
            out.append(Spot(m.start(), m.start(), m.group(1), "", SPEED))
        out.append(Spot(m.start(2), m.end(2), m.group(1), m.group(2), "キロメートル"))
    return out


def _before_number(match: re.Match[str], spot: Spot) -> list[Spot]:
    """What is said before the number of the unit `spot`: 華氏 and 午前/午後 (moved there,
    an empty spot at the number's start), a minus of a temperature (`-5℃`: マイナス)."""
    text, at = match.string, match.start(1)
    minus = (
        spot.said == "度"
        and at > 0
        and text[at - 1] in _SIGNS
        and (at == 1 or not (text[at - 2].isdigit() or text[at - 2] in _LATIN))
    )
    sign = at - 1 if minus else at
    out = []
    moved = BEFORE_NUMBER.get(spot.unit)
    if moved is not None and spot.said is not None:
        out.append(Spot(sign, sign, spot.number, "", moved))
    if minus:
        out.append(Spot(sign, at, spot.number, text[sign], MINUS))
    return out


def _clock_times(text: str, pauses: list[tuple[int, int]]) -> list[Spot]:
    """Each clock time `H:MM` said as H時MM分: its colon 時, and 分 after its minutes."""
    out = []
    for match in _found(_CLOCK, text, pauses):
        colon, end = match.end(1), match.end()
        out.append(Spot(colon, colon + 1, match.group(1), ":", "時"))
        out.append(Spot(end, end, match.group(2), "", "分"))
    return out


def _spot(match: re.Match[str]) -> Spot | None:
    """The unit `match` found, decided by what is beside it: read, a doubt, or None
    (no unit here: a metre or a size the analyzer reads as written)."""
    text, number, unit = match.string, match.group(1), match.group(3)
    start, end = match.start(3), match.end(3)
    if any(text.startswith(word, end) for word in NOT_BEFORE.get(unit, ())):
        return None
    if unit == "m":
        # A minute before seconds, or after hours (`1h30m`).
        at = match.start()
        minute = _SECONDS_AFTER.match(text, end) or _HOURS_BEFORE.search(text, at - _BEFORE, at)
        return Spot(start, end, number, unit, MINUTE) if minute else None
    hint = None
    written = match[0]
    clock = _CLOCK_AFTER.match(text, end) if UNITS.get(unit) == HOUR else None
    if unit in BEFORE_NUMBER and unit in DOUBTS:
        hours = _HOURS_OF.search(text, max(0, match.start(1) - 3), match.start(1))
        if hours is not None:  # a clock time's minutes (7:30a.m.)
            hint = DOUBTS[unit].format(n=hours.group(1)) + f"{number}分"
        elif not number.isdigit():
            hint = DOUBTS[unit].format(n=number)
        else:
            return Spot(start, end, number, unit, "時")
    elif clock is not None:
        written += clock[0]
        hint = f"{number}時間{clock[0]}分 or {number}時{clock[0]}分"
    elif unit == "s" and not match.group(2) and _DECADE.search(number):
        hint = f"{number}秒 or {number}年代"
    if hint is not None:
        return Spot(start, end, number, unit, None, f"{written} is said as written: write {hint}")
    return Spot(start, end, number, unit, UNITS[unit])


def touching(text: str) -> bool:
    """Whether `text` (`prepare`d) has a unit after digits this module reads or doubts."""
    return bool(spots(text))
