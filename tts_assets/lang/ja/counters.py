"""Counters written in kana after digits, read as their kanji are (`4じ` as `4時`: よじ).

A first lesson writes a number in digits and its counter in kana (`6ぽん`). The analyzer
reads the digits as the plain number and the kana as spelled (ロク + ポン), where `6本`
gets the number's sound change (ろっぽん). The counter's sound changes are the same
whichever way it is written, so the analyzer is given the kanji (`COUNTERS`), and its
reading taken where the counter's kana is what that reading says (六本 ロッポン ends in
ポン); the text keeps its kana (the words' surfaces are the written kana again). Where no
kanji reads as written (`6ほん`: 六本 is ろっぽん), the kana is said as written and the
text is a doubt that names the kanji's reading (`doubt`). Plain string work here; the
analyzer's part is `analysis.first_analysis`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

RULES_VERSION = "2"
"""Bump on any change here or in counters.toml that changes what a text is said as (it
names the reading memo's file, `context.identity`)."""

_WORDS = tomllib.loads(resources.files(__package__).joinpath("counters.toml").read_text("utf-8"))
COUNTERS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _WORDS["counters"].items()}
"""Each counter written in kana after digits and the kanji it may stand for
(`counters.toml`)."""
GEMINATES: dict[str, str] = _WORDS["geminates"]
"""A number's last word before a counter of the p row (`counters.toml`)."""
P_ROW = frozenset("ぱぴぷぺぽ")

_SMALL = "ゃゅょぁぃぅぇぉゎっ"
_COUNTER = re.compile(
    r"(?<![\d.,])(\d[\d,]*)("
    + "|".join(sorted(map(re.escape, COUNTERS), key=len, reverse=True))
    + rf")(?![{_SMALL}ー])"
)
"""Digits, then a counter's kana not continued by a small kana or a long-vowel mark
(じょうず is no じ). Linear: a fixed set of alternatives after each run of digits."""


@dataclass(frozen=True)
class Spot:
    """A counter in kana after digits, in a text as the analyzer gets it."""

    start: int
    """Where its kana starts."""
    digits: str
    kana: str
    candidates: tuple[str, ...]
    """The kanji it may be written with (`COUNTERS`)."""

    @property
    def written(self) -> str:
        return self.digits + self.kana


def spots(text: str) -> list[Spot]:
    """The counters in kana after digits in `text`; か (days) only where no digit nor ら
    follows (2か3: two or three; 3から5: from three)."""
    found = []
    for match in _COUNTER.finditer(text):
        kana = match.group(2)
        after = text[match.end() : match.end() + 1]
        if kana == "か" and (after.isdigit() or after == "ら"):
            continue  # 2か3こ: two or three; 3から: from three
        found.append(Spot(match.start(2), match.group(1), kana, COUNTERS[kana]))
    return found


def touching(text: str) -> bool:
    return bool(spots(text))


def doubt(spot: Spot, said: str, kanji: str, reading: str) -> str:
    """What a teacher should check of a counter no kanji reads as written."""
    return (
        f"{spot.written} is said {said} as written; {spot.digits}{kanji} is read "
        f"{reading}: write the counter as it is said, or in kanji"
    )
