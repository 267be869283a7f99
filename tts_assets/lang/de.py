"""German: `17:00 Uhr` siebzehn Uhr, `am 3. Oktober` am dritten Oktober, `1998`
neunzehnhundertachtundneunzig, `Ludwig XIV.` Ludwig der Vierzehnte, `250.000`, `3,5`."""

from __future__ import annotations

import functools
import re
from typing import ClassVar

from ..languages.profile import wordset
from ..readings.numbers.common import two_words_before, words
from ..readings.numbers.common import words_before as last_words
from ..readings.numbers.draft import Doubts, Draft
from ..readings.numbers.latin import LatinRules

_ORDINAL = re.compile(r"(?<![\d.,])(\d{1,3})\.(?=\s*(\S{0,40}))")
_NUMERIC_DATE = re.compile(r"(?<![\d.,])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}(?!\d))?")
_ONE_AFTER = re.compile(r"\b(\w+)\s+1\s?(€(?!\w)|[A-ZÄÖÜ]\w*)")
_TIMES = re.compile(
    r"(?<![\d.,])(\d{1,3})\s?[x×](?=\s+(?:pro|am|im|in|die|jede[nmrs]?|täglich|wöchentlich|"
    r"monatlich|jährlich)\b)"
)
"""`3 x pro Woche`: dreimal (times), before a word that says how often."""


_MISTER = re.compile(r"(?<![\w.])Hr\.(?=\s+[A-ZÄÖÜ])")


class German(LatinRules, data="de.toml"):
    """German: ordinals with the endings their case asks for, `ein Uhr`, `einen Euro`."""

    weak_e: ClassVar[frozenset[str]]
    weak_en: ClassVar[frozenset[str]]
    """Before an ordinal: the words whose case asks for -e (der dritte), -en (am dritten)."""
    moving: ClassVar[frozenset[str]]
    """Before a regnal number: the prepositions that make it dative (von Ludwig dem ...)."""
    dative: ClassVar[frozenset[str]]
    accusative: ClassVar[frozenset[str]]
    """Words after which `1` before a noun is dative (einem), accusative (einen Euro)."""
    neuter: ClassVar[frozenset[str]]
    ordinal_nouns: ClassVar[frozenset[str]]
    """Nouns after which `3.` is an ordinal (im 19. Jahrhundert)."""
    halves: ClassVar[tuple[tuple[str, str, str], ...]]
    """Half before a noun: nominative, accusative, dative; masculine, feminine, neuter."""

    def said_cardinal(self, value: int) -> str:
        """As said: hundert and tausend, not einhundert and eintausend."""
        said = self.cardinal(value)
        return said[3:] if said.startswith(("einhundert", "eintausend")) else said

    def alone(self, value: int) -> str:
        return self.said_cardinal(value)

    def counted(self, value: int, noun: str, gender: str, doubts: Doubts) -> str:
        said = self.said_cardinal(value)
        if noun and said.endswith("eins") and value % 100 != 11:
            if noun == "Uhr":
                return said[:-1]
            feminine = gender == "f" or (gender != "m" and self.guessed_feminine(noun) is True)
            return said[:-1] + ("e" if feminine else "")
        return said

    def ordinal(self, value: int, before: str, after: str = "") -> str:
        """`3` as dritte, dritten or dritter, by the article or preposition before it
        (`before`: the words before it; `in der 2. Klasse` is dative)."""
        stem = words(value, "de", "ordinal")  # dritte
        said = before.lower().split()
        word = said[-1] if said else ""
        if word.rstrip(",") in self._day_names and len(said) > 1 and said[-2] in self.weak_en:
            # A date after its day is in the day's case, its article said (Duden:
            # `am Freitag, dem 13. Juni`).
            return f"dem {stem}n"
        if word in self.weak_en or (word == "der" and len(said) > 1 and said[-2] in self.dative):
            return stem + "n"
        if word in self.weak_e:
            return stem
        # No article: the ending of the noun's gender (dritter Versuch, drittes Mal).
        noun = after.lower()
        if noun in self.neuter:
            return stem + "s"
        if noun in self.feminine_words or (noun and noun.endswith(self.feminine_endings)):
            return stem
        return stem + "r"

    @functools.cached_property
    def _day_names(self) -> frozenset[str]:
        return frozenset(day.lower() for day in self.days.values())

    def regnal(self, value: int, name: str, before: str) -> str | None:
        stem = words(value, "de", "ordinal").capitalize()
        if before.lower() in self.moving:
            return f"dem {stem}n"
        return f"der {stem}"

    def fraction(
        self, numerator: int, denominator: int, noun: str, before: str, doubts: Doubts
    ) -> str:
        """`1/2 Liter` ein halber Liter (einen halben after `kaufe`, einem halben after
        `mit`), `3/4 Liter` drei Viertel Liter, `1/3` ein Drittel."""
        if denominator == 2:
            if not noun:
                return "ein halb"
            word = before.lower()
            case = 1 if word in self.accusative else 2 if word in self.dative else 0
            gender = self._gender(noun)
            if gender is None:
                doubts.note(f"1/2 {noun}: the noun's gender is unknown; said as masculine")
            return f"{self.halves[case][gender or 0]} {noun}"
        said = "ein" if numerator == 1 else self.said_cardinal(numerator)
        return f"{said} {self.parts[denominator - 3]}" + (f" {noun}" if noun else "")

    def and_a_half(self, value: int) -> str:
        return self.said_cardinal(value).removesuffix("s") + "einhalb"

    def _gender(self, noun: str) -> int | None:
        """0 masculine, 1 feminine, 2 neuter, from the word lists; None: not known."""
        if noun.lower() in self.neuter:
            return 2
        feminine = self.guessed_feminine(noun)
        return None if feminine is None else int(feminine)

    def not_a_date(self, m: re.Match[str], doubts: Doubts) -> str:
        return m[0]  # `um 9.30.`: read by the later passes

    def abbreviated(self, draft: Draft) -> None:
        """`Hr.` as `Herrn` where a word before it asks for the dative or accusative (`an
        Hr. Schmidt`): Herr is a weak noun (Duden: n-Deklination), Herrn in every case
        but the nominative."""

        def one(m: re.Match[str]) -> str:
            before = two_words_before(m.string, m.start()).lower().split()[-1:]
            oblique = self.dative | self.accusative | {"den", "dem", "des"}
            return "Herrn" if before and before[0] in oblique else m[0]

        draft.sub(_MISTER, one)
        super().abbreviated(draft)

    def early(self, draft: Draft) -> None:
        """`3 x pro Woche` (dreimal)."""
        draft.sub(
            _TIMES, lambda m: ("ein" if m[1] == "1" else self.said_cardinal(int(m[1]))) + "mal"
        )

    def own(self, draft: Draft) -> None:
        """Ordinals (am 3. Oktober, im 19. Jahrhundert); `einen` where the case asks."""
        draft.sub(_ONE_AFTER, self._one)
        doubts = draft.doubts

        def one(m: re.Match[str]) -> str:
            after = m[2].strip(".,;:!?)")
            words_before = two_words_before(m.string, m.start())
            word = words_before.split()[-1] if words_before else ""
            if (
                after in self.months
                or after in self.ordinal_nouns
                or (
                    word.lower() in self.weak_e | self.weak_en
                    and (after[:1].isupper() or after in ("bis", "und", "oder"))
                )
            ):
                return self.ordinal(int(m[1]), words_before, after)
            if _END.match(m.string, m.end()):
                if word.lower() in (self.weak_e | self.weak_en) - _NO_ARTICLE:  # `ist der 13.`
                    return self.ordinal(int(m[1]), words_before) + "."
                # The stop ends the sentence and may be an ordinal's too (Duden, Punkt:
                # one stop for both): after werden (`_BECOME`), noted.
                if _BECOME & last_words(m.string, m.start(), 6):
                    doubts.note(f"{m[0]}: a number or an ordinal; said as a number")
                return m[0]
            if after[:1].islower():
                # No sentence begins in lower case: the stop makes an ordinal (Duden,
                # Ordinalzahlen) without its noun (`als 1. ins Ziel`: als erster); an
                # article settles its ending (`am 3. geboren`), else it is guessed, noted.
                if word.lower() not in self.weak_e | self.weak_en:
                    doubts.note(f"{m[0]}: an ordinal without its noun; its ending guessed")
                return self.ordinal(int(m[1]), words_before)
            if not after[:1].isupper():
                return m[0]
            return doubts.add(m[0], "an ordinal or the end of a sentence")

        draft.sub(_ORDINAL, one)

    def _one(self, m: re.Match[str]) -> str:
        """`kostet 1 €`, `für 1 Tag`: einen before a masculine noun after these words;
        `mit 1 Freund`, `seit 1 Woche`: einem, einer after a preposition taking the dative.
        A noun of unknown gender is left to the later passes (`ein`)."""
        noun = {"€": "Euro", "CHF": "Franken"}.get(m[2], m[2])
        word = m[1].lower()
        case = 0 if word in self.accusative else 1 if word in self.dative else None
        if case is None or noun == "Uhr":  # um 1 Uhr: a clock time (`clock`), ein Uhr
            return m[0]
        gender = self._gender(noun)
        if gender is None:
            return m[0]
        return f"{m[1]} {_ONE[case][gender]} {noun}"


_END = re.compile(r"\s*\Z")
_BECOME = wordset("wird wirst werden werdet wurde wurdest wurden wurdet geworden")
"""The finite forms of werden (Duden, Die Grammatik: Kopulaverben), after which a number
ending the sentence is a rank (`Sie wurde 3.`: dritte) or an age (`Er wird 80.`)."""
_NO_ARTICLE = frozenset(["ab", "bis", "seit"])
"""The words before an ordinal that hold no article: before a number ending a sentence
they make no ordinal (`S. 42 bis 45.`), as an article does (`Heute ist der 13.`)."""


_ONE = (("einen", "eine", "ein"), ("einem", "einer", "einem"))
"""`1` as the article its case and gender ask for: accusative, dative (m, f, n)."""
