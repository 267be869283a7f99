"""Dutch: `3,5` drie komma vijf, `17:30 uur` zeventien uur dertig, `3 oktober 2024` drie
oktober tweeduizendvierentwintig, `1998` negentienhonderdachtennegentig, `€ 12,50` twaalf
euro vijftig, `de 3e keer` de derde keer, `Willem II` Willem de Tweede."""

from __future__ import annotations

import re

from ..readings.numbers.draft import Draft
from ..readings.numbers.latin import LatinRules

_PHONE = re.compile(r"(?<![\d.,+])(0\d{1,3})[-\s]?(\d{6,8})(?!\d|[.,]\d)")
"""A Dutch phone number (`06-12345678`, `020 1234567`): ten digits, the area code first."""
_POSTCODE = re.compile(r"(?<![\d.,])([1-9]\d)(\d{2})\s?([A-Z])([A-Z])\b")
"""A postcode (`1012 AB`): its digits in two pairs, its letters one by one."""


class Dutch(LatinRules, data="nl.toml"):
    """Dutch, over the Latin passes: numbers in one word, measures singular, `uur`."""

    def cardinal(self, value: int) -> str:
        """num2words' words, one in a compound unstressed (`honderdeen`, not honderdéén)."""
        said = super().cardinal(value)
        return said if said == "één" else said.replace("één", "een")

    def year(self, value: int) -> str:
        """`1998` negentienhonderdachtennegentig, `1500` vijftienhonderd, `2024`
        tweeduizendvierentwintig (Taalunie, Taaladvies: jaartallen)."""
        if 1100 <= value < 2000:
            hundreds, rest = divmod(value, 100)
            return f"{self.cardinal(hundreds)}honderd{self.cardinal(rest) if rest else ''}"
        return self.cardinal(value)

    def early(self, draft: Draft) -> None:
        """Phone numbers digit by digit (`06-12345678`) and postcodes (`1012 AB` tien
        twaalf A B), before a long number is read as one."""

        def phone(m: re.Match[str]) -> str:
            return ", ".join(" ".join(self.digit(int(d)) for d in part) for part in m.groups())

        if len(re.sub(r"\D", "", draft.text)) >= 6:
            draft.sub(_PHONE, lambda m: phone(m) if len(m[1] + m[2]) == 10 else m[0])
        draft.sub(
            _POSTCODE,
            lambda m: f"{self.cardinal(int(m[1]))} {self.cardinal(int(m[2]))} {m[3]} {m[4]}",
        )
