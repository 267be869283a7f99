"""What Spanish, Italian, French and Portuguese share over the Latin passes: numbers
agree with the gender of the noun they count (guessed from word lists and endings where
the content does not mark it), ordinals take -a for a feminine noun, and the first of a
month is an ordinal (primero, primo, premier, primeiro)."""

from __future__ import annotations

from typing import ClassVar

from .common import words
from .draft import Doubts
from .latin import LatinRules, noun_gender


class RomanceRules(LatinRules):
    """A Romance language: its gender word lists and day words as attributes."""

    feminine_words: ClassVar[frozenset[str]]
    masculine_words: ClassVar[frozenset[str]]
    feminine_endings: ClassVar[tuple[str, ...]]
    masculine_endings: ClassVar[tuple[str, ...]] = ("o", "os")
    first_day: ClassVar[str]
    """The first of a month: primero, primo, premier, primeiro."""
    day_joiner: ClassVar[str] = " "
    """Between a day and its month: `3 de octubre`, `3 ottobre`."""
    cardinal_regnal_from: ClassVar[int] = 40
    """The first Roman numeral after a name said as a cardinal (Alfonso XI once)."""

    def feminine(
        self, value: int, noun: str, gender: str, doubts: Doubts, matters: bool = True
    ) -> bool | None:
        """Whether `noun`, counted by `value`, is feminine (see `latin.noun_gender`)."""
        lists = (self.feminine_words, self.masculine_words, self.feminine_endings)
        return noun_gender(value, noun, gender, doubts, lists, self.masculine_endings, matters)

    def counted(self, value: int, noun: str, gender: str, doubts: Doubts) -> str:
        said = self.cardinal(value)
        if not noun:
            return said
        matters = self.gender_matters(value)
        return self.agree(said, self.feminine(value, noun, gender, doubts, matters))

    def agree(self, said: str, feminine: bool | None) -> str:
        """Cardinal words before a noun of this gender (None: not known)."""
        return said

    def gender_matters(self, value: int) -> bool:
        """Whether the words of `value` before a noun depend on its gender."""
        return True

    def ordinal(self, value: int, before: str, after: str = "", feminine: bool = False) -> str:
        said = words(value, self.n2w, "ordinal").replace(",", "")
        return said[:-1] + "a" if feminine and said.endswith("o") else said

    def regnal(self, value: int, name: str, before: str) -> str | None:
        if value >= self.cardinal_regnal_from:
            return self.cardinal(value)
        return self.ordinal(value, before, feminine=name in self.feminine_names)

    def day_month(self, day: int, between: str, month: str, before: str) -> str:
        said = self.first_day if day == 1 else self.cardinal(day)
        return f"{said}{self.day_joiner}{month}"
