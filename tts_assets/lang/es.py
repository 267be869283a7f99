"""Spanish: `a las 6:30` a las seis y media, `31 días` treinta y un días, `1 casa` una
casa, `Alfonso X` Alfonso décimo, `siglo XIX` siglo diecinueve, `12,50 €`."""

from __future__ import annotations

import re

from ..readings.numbers.draft import Draft
from ..readings.numbers.romance import RomanceRules

_MARKED = re.compile(r"(?<![\d.,])(\d{1,3})\.?([ºª°]|er\b|ro\b|do\b|to\b|vo\b|no\b|mo\b)")
_NEXT = re.compile(r"\s+([^\W\d_]+)")
_ONE_BEFORE_THOUSANDS = re.compile(r"\b(veinti)?uno (?=mil\b|millones\b|billones\b)")
"""`uno` before `mil` and the millions, which num2words leaves whole (veintiuno mil)."""


class Spanish(RomanceRules, data="es.toml"):
    """Spanish: agreement of un/una and -ientos/-ientas, `y media`, `primero de mayo`."""

    def cardinal(self, value: int) -> str:
        """num2words' words, `uno` cut before `mil` and the millions as before a noun
        (RAE, Diccionario panhispánico de dudas, `veintiuno`: veintiún mil, treinta y un
        millones)."""
        said = super().cardinal(value)
        return _ONE_BEFORE_THOUSANDS.sub(lambda m: "veintiún " if m[1] else "un ", said)

    def hours_clock(self, hour: int, minute: int) -> str | None:
        """`16:00 h` dieciséis horas, `9:30 h` nueve treinta horas (the official style)."""
        said = self.agree(self.cardinal(hour), True)
        if minute:
            said += f" {self.agree(self.cardinal(minute), True)}"
        return f"{said} {'hora' if hour == 1 and not minute else 'horas'}"

    def own(self, draft: Draft) -> None:
        def marked(m: re.Match[str]) -> str:
            said = self.ordinal(int(m[1]), "", feminine=m[2] == "ª")
            after = _NEXT.match(m.string, m.end())
            before_noun = after is not None and after[1].lower() not in self.stop_words
            if said in ("primero", "tercero") and (m[2] == "er" or (m[2] != "ª" and before_noun)):
                return said[:-1]
            return said

        draft.sub(_MARKED, marked)
