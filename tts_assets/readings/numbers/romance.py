"""What Spanish, Italian, French and Portuguese share over the Latin passes: numbers
agree with the gender of the noun they count (guessed from word lists and endings where
the content does not mark it), ordinals take -a for a feminine noun, and the first of a
month is an ordinal (primero, primo, premier, primeiro)."""

from __future__ import annotations

import re
from typing import ClassVar

from .common import words
from .draft import Doubts, Draft
from .latin import LatinRules


class RomanceRules(LatinRules):
    """A Romance language: its gender word lists and day words as attributes."""

    first_day: ClassVar[str]
    """The first of a month: primero, primo, premier, primeiro."""
    day_joiner: ClassVar[str] = " "
    """Between a day and its month: `3 de octubre`, `3 ottobre`."""
    cardinal_regnal_from: ClassVar[int] = 40
    """The first Roman numeral after a name said as a cardinal (Alfonso XI once)."""
    halves: ClassVar[tuple[str, str]]
    """Half before a masculine and a feminine noun (`medio litro`, `media hora`)."""
    of: ClassVar[str] = "de"
    """Between a fraction and its noun (`un cuarto de kilo`)."""
    gendered: ClassVar[tuple[int, ...]] = ()
    """The last digits whose words take a noun's gender (Spanish 1: un, una; Portuguese
    1 and 2), not after 1 (11, 12), and the hundreds from 200 (doscientas)."""
    millions: ClassVar[tuple[str, str]] = ("", "")
    """Many and one million, before which nothing agrees (doscientos millones)."""
    feminine_forms: ClassVar[tuple[tuple[str, str], ...]] = ()
    masculine_forms: ClassVar[tuple[tuple[str, str], ...]] = ()
    """The cardinal's words before a feminine, a masculine noun (regex, replacement)."""
    elides_before: ClassVar[str] = ""
    """The first letters of a noun before which `of` loses its vowel (`d'ora`, `d'heure`)."""
    parts_many: ClassVar[tuple[str, ...]] = ()
    """Many of each of `parts` (quarti, tiers) where it is not the part and an s."""

    def feminine(
        self, value: int, noun: str, gender: str, doubts: Doubts, matters: bool = True
    ) -> bool | None:
        """Whether `noun`, counted by `value`, is feminine: as the content marks it
        (`gender` "f" or "m"), else guessed (`guessed_feminine`); None when neither tells,
        noted as a doubt (said as masculine) where the gender `matters` to the words."""
        feminine = {"f": True, "m": False}.get(gender)
        if feminine is None:
            feminine = self.guessed_feminine(noun)
        if feminine is None and matters:
            doubts.note(f"{value} {noun}: the noun's gender is unknown; said as masculine")
        return feminine

    def counted(self, value: int, noun: str, gender: str, doubts: Doubts) -> str:
        said = self.cardinal(value)
        if not noun:
            return said
        matters = self.gender_matters(value)
        said = self.agree(said, self.feminine(value, noun, gender, doubts, matters))
        # A round million is a noun: `of` before what it counts (un millón de euros).
        return f"{said} {self.of}" if said.endswith(self.millions) and all(self.millions) else said

    def agree(self, said: str, feminine: bool | None) -> str:
        """Cardinal words before a noun of this gender (None: not known), after the
        millions: `feminine_forms`, `masculine_forms`."""
        million = next((m for m in self.millions if m and m in said), "")
        head, sep, part = said.rpartition(million) if million else ("", "", said)
        for pattern, form in self.feminine_forms if feminine else self.masculine_forms:
            part = re.sub(pattern, form, part)
        return head + sep + part

    def gender_matters(self, value: int) -> bool:
        """Whether the words of `value` before a noun depend on its gender (`gendered`)."""
        ones = value % 10 in self.gendered and value % 100 - 10 not in self.gendered
        return ones or any(200 <= (value // 10**k) % 1000 < 1000 for k in (0, 3))

    def ordinal(self, value: int, before: str, after: str = "", feminine: bool = False) -> str:
        said = words(value, self.n2w, "ordinal").replace(",", "")
        return said[:-1] + "a" if feminine and said.endswith("o") else said

    def regnal(self, value: int, name: str, before: str) -> str | None:
        if value >= self.cardinal_regnal_from:
            return self.cardinal(value)
        return self.ordinal(value, before, feminine=name in self.feminine_names)

    def fraction(
        self, numerator: int, denominator: int, noun: str, before: str, doubts: Doubts
    ) -> str:
        """`1/2 litro` medio litro, `1/2 hora` media hora, `3/4 de kilo` tres cuartos de
        kilo, `1/3` un tercio."""
        if denominator == 2:
            if not noun:
                return self.one_half
            half = self.halves[bool(self.feminine(1, noun, "", doubts))]
            return f"{half}{'' if half.endswith('-') else ' '}{noun}"
        part = self.parts[denominator - 3]
        said = f"{self.one} {part}" if numerator == 1 else f"{self.cardinal(numerator)} "
        if numerator > 1:
            said += self.parts_many[denominator - 3] if self.parts_many else part + "s"
        return f"{said} {self.of_scale(noun)}" if noun else said

    def of_scale(self, noun: str) -> str:
        """`de` and the noun (`d'heure`, `de kilo`): after a part or a million."""
        elided = noun[:1].lower() in self.elides_before
        return f"{self.of[0]}'{noun}" if elided else f"{self.of} {noun}"

    def own(self, draft: Draft) -> None:
        """Ordinals written with their marks (`3º`, `3ª` feminine)."""
        if self.ordinal_marks:
            marked = self.pattern("marked", rf"(?<![\d.,])(\d{{1,3}})\.?([{self.ordinal_marks}])")
            draft.sub(marked, lambda m: self.ordinal(int(m[1]), "", feminine=m[2] == "ª"))

    def day_month(self, day: int, between: str, month: str, before: str) -> str:
        said = self.first_day if day == 1 else self.cardinal(day)
        return f"{said}{self.day_joiner}{month}"
