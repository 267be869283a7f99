"""Units after a number said as words (`5 km` fünf Kilometer, `200 t` doscientas
toneladas): each language gives a table of its units (`Unit`, by the abbreviation as
written); one pass names the unit and leaves the number to the passes that say numbers,
which make it agree with the unit's noun (gender from the table, the noun singular for
one). An abbreviation with two meanings is decided by the units beside it: `m` is a
minute between hours and seconds (`2 h 30 m`, `3 m 20 s`), a metre elsewhere; `h` after
a word that makes a time of day (`um 10 h`) is that time. One that may mean something
else than its unit (English `5m people`: a million) is said as written and noted unless
the word after it makes it the unit (`5m long`, `100m in 12 s`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """A unit's noun after a number: for one, for many, and its gender; a language with
    more than two plural forms (Polish) gives the others too."""

    one: str
    many: str
    gender: str = "m"
    """"m", "f" or "n": what the number before it agrees with."""
    few: str = ""
    """The form after 2, 3 and 4 (and 22, 23, 24 ...) where it differs from `many`
    (Polish `dwa kilometry`, `pięć kilometrów`); "" where the language has none."""
    part: str = ""
    """The form after a number with decimals where it differs (Polish `2,5 kilometra`);
    "" where the language has none."""

    @property
    def forms(self) -> tuple[str, ...]:
        """Every form of its noun that is written."""
        return tuple(form for form in (self.one, self.many, self.few, self.part) if form)


SI: tuple[str, ...] = (
    "km", "m", "cm", "mm", "kg", "g", "mg", "t", "l", "L", "ml", "mL", "h", "min", "s", "ms",
    "km/h", "m/s", "m²", "km²", "ha", "‰",
)  # fmt: skip
"""The abbreviations every table names (a test keeps each language's table whole)."""

SIGNS = re.compile("[\u3380-\u33df]")
"""Unicode's CJK compatibility unit signs (㎡, ㎞, ㎏, ㏄): each is said as the unit its
compatibility form writes (m², km, kg, cc), which the tables name."""


def unit_sign(m: re.Match[str]) -> str:
    """The sign of `m` (`SIGNS`) as its unit is written: NFKC's form, a power as a
    superscript (`m2` m²)."""
    written = unicodedata.normalize("NFKC", m[0]).replace("\u2215", "/")
    return written[:-1] + "²³"[int(written[-1]) - 2] if written[-1] in "23" else written


MINUTE = "min"
"""The key of the minute, which `m` is between hours and seconds."""

_HOURS_BEFORE = re.compile(r"\d\s?h\s{1,3}$")
_SECONDS_AFTER = re.compile(r"\s{1,3}\d{1,2}\s?s(?!\w)")
_END = re.compile(r"\s*\Z")
_WORD_AFTER = re.compile(r"\s{1,3}([^\W\d_]+)")


def _after_hours(key: str, m: re.Match[str]) -> bool:
    """Whether the unit `key` of `m` is the minutes of a duration after its hours."""
    return (
        key == MINUTE
        and _HOURS_BEFORE.search(m.string, max(0, m.start() - 8), m.start()) is not None
    )


def meant(key: str, m: re.Match[str]) -> str:
    """The unit `key` written after a number in `m` means: `m` between hours and seconds
    is a minute (`2h 30m`, `3 m 20 s`: `MINUTE`), a metre elsewhere; any other its own."""
    if key != "m":
        return key
    if _after_hours(MINUTE, m) or _SECONDS_AFTER.match(m.string, m.end()):
        return MINUTE
    return key


def after_number(keys: Iterable[str]) -> re.Pattern[str]:
    """A number written with `,` between thousands and `.` before decimals, an optional
    space, and one of `keys` (a unit): groups (1), the space (2) and the key (3). The
    number is bounded, so a long run of groups is not read again at each place."""
    alternatives = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    return re.compile(
        r"(?<![\d.,])(\d{1,3}(?:,\d{3}){0,4}(?:\.\d{1,6})?|\d{1,15}(?:\.\d{1,6})?)"
        rf"(?![.,]?\d)(\s?)({alternatives})(?![A-Za-z/²])"
    )


class UnitTable:
    """One language's units: the pattern that finds them after a number and the nouns
    that say them."""

    def __init__(
        self,
        units: Mapping[str, Unit],
        groups: str,
        spaced: frozenset[str],
        doubtful: Mapping[str, tuple[str, frozenset[str], re.Pattern[str]]],
        joiner: str = "",
    ) -> None:
        """`groups`: the characters written between thousands (a regex class's inside);
        `spaced`: units said only with a space before them (English `s`: `the 1990s`
        is a decade); `doubtful`: units that may mean something else (English `m`, a
        million), with what else, the words after them that make them the unit, and
        what after them makes them the other word (English `1 in 4`: said as written);
        `joiner`: the word between the hours and the minutes of a duration (`2h 30m`:
        two hours and thirty minutes), "" for none."""
        self.units = units
        self.joiner = joiner
        self.spaced = spaced
        self.doubtful = doubtful
        keys = "|".join(re.escape(k) for k in sorted(units, key=len, reverse=True))
        self._unit_before = re.compile(rf"\d\s?(?:{keys})\s{{1,3}}\Z") if units else None
        """A number and its unit right before another number: that number's unit is
        one of a compound measure (`5 ft 6 in`), never the other word."""
        # A number of bounded length: where no unit follows a long run of groups, the
        # search goes on from the next place without reading the run again (linear).
        # A letter before an apostrophe is a word elided, never a unit (`2006 l'Italia`:
        # the Italian and French article, not litres).
        fraction = r"(?:[.,]\d{1,6})?"
        number = rf"\d{{1,3}}(?:[{groups}]\d{{3}}){{1,4}}{fraction}|\d{{1,15}}{fraction}"
        self.pattern = re.compile(
            rf"(?<![\d.,:$€£¥₩])({number})(?![\d.,]?\d)(\s?)({keys})(?![\w/²³'’])"
            if units
            else r"(?!)"
        )
        self.genders = {
            word.split()[0].lower(): unit.gender for unit in units.values() for word in unit.forms
        }
        """The gender of each unit's noun (its first word), for the number before it."""

    def _compound(self, m: re.Match[str]) -> bool:
        """Whether another number and its unit stand right before `m` (`5 ft 6 in`)."""
        before = m.string[max(0, m.start() - 16) : m.start()]
        return self._unit_before is not None and self._unit_before.search(before) is not None

    def say(
        self,
        m: re.Match[str],
        value: tuple[int, str | None] | None,
        noun_of: Callable[[Unit, int, str | None], str],
        clock: Callable[[re.Match[str], int], str | None],
        doubt: Callable[[str, str], str],
    ) -> str:
        """The number of `m` then its unit's noun (`5 Kilometer`), or `m` as it is.
        `value`: the number parsed (None: unclear, left to the later passes);
        `noun_of`: the unit's noun after that number (whole part, decimals); `clock`: what `m`
        with this hour says when `h` makes a time of day here, else None; `doubt`: `m`
        said as written and noted, why (a unit that may mean something else here)."""
        written, space, key = m[1], m[2], m[3]
        if value is None or (key in self.spaced and not space):
            return m[0]
        text = m.string
        if MINUTE in self.units:
            key = meant(key, m)
        if key == "h" and value[1] is None:
            said = clock(m, value[0])
            if said is not None:
                return said
        unit = self.units[key]
        if key in self.doubtful and key == m[3] and not self._compound(m):
            other, sure, not_unit = self.doubtful[key]
            after = _WORD_AFTER.match(text, m.end())
            if after is None or after[1].lower() not in sure:
                if not_unit.match(text, m.end()):
                    return m[0]
                if after is not None:
                    return doubt(m[0], f"{unit.many} or {other}")
        noun = noun_of(unit, *value)
        # `90 Min.`: the stop of the abbreviation ends the text too, or not (before a
        # capital it may end a sentence or not: `3,7 Mio. Einwohner`, said on).
        ends = key.endswith(".") and _END.match(text, m.end()) is not None
        lead = f"{self.joiner} " if self.joiner and _after_hours(key, m) else ""
        return f"{lead}{written} {noun}{'.' if ends else ''}"
