"""Dutch: `3,5` drie komma vijf, `17:30 uur` zeventien uur dertig, `3 oktober 2024` drie
oktober tweeduizendvierentwintig, `1998` negentienhonderdachtennegentig, `€ 12,50` twaalf
euro vijftig, `de 3e keer` de derde keer, `Willem II` Willem de Tweede."""

from __future__ import annotations

import re

from ..readings.numbers.common import words, wordset
from ..readings.numbers.draft import Doubts, Draft
from ..readings.numbers.latin import Currency, LatinRules
from ..readings.numbers.units import Unit

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
)  # fmt: skip

ABBREVIATIONS = {
    "bijv.": "bijvoorbeeld", "o.a.": "onder andere", "d.w.z.": "dat wil zeggen",
    "m.a.w.": "met andere woorden", "enz.": "enzovoort", "ca.": "circa", "nr.": "nummer",
    "Nr.": "nummer", "blz.": "bladzijde", "dhr.": "de heer", "Dhr.": "de heer",
    "mevr.": "mevrouw", "Mevr.": "mevrouw", "incl.": "inclusief", "excl.": "exclusief",
    "vnl.": "voornamelijk", "jl.": "jongstleden", "Prof.": "professor", "Dr.": "doctor",
}  # fmt: skip

UNITS = {
    "km": Unit("kilometer", "kilometer"), "m": Unit("meter", "meter"),
    "cm": Unit("centimeter", "centimeter"), "mm": Unit("millimeter", "millimeter"),
    "kg": Unit("kilo", "kilo"), "g": Unit("gram", "gram"), "mg": Unit("milligram", "milligram"),
    "t": Unit("ton", "ton"), "l": Unit("liter", "liter"), "L": Unit("liter", "liter"),
    "ml": Unit("milliliter", "milliliter"), "mL": Unit("milliliter", "milliliter"),
    "cl": Unit("centiliter", "centiliter"), "h": Unit("uur", "uur"),
    "min": Unit("minuut", "minuten"), "s": Unit("seconde", "seconden"),
    "ms": Unit("milliseconde", "milliseconden"),
    "km/h": Unit("kilometer per uur", "kilometer per uur"),
    "km/u": Unit("kilometer per uur", "kilometer per uur"),
    "m/s": Unit("meter per seconde", "meter per seconde"),
    "m²": Unit("vierkante meter", "vierkante meter"),
    "km²": Unit("vierkante kilometer", "vierkante kilometer"), "ha": Unit("hectare", "hectare"),
    "‰": Unit("promille", "promille"),
}  # fmt: skip
"""Units after a number (`5 km` vijf kilometer: Dutch keeps a measure singular)."""

CURRENCIES = {
    "€": Currency("euro", "euro", "cent"),
    "$": Currency("dollar", "dollar", "cent"),
    "£": Currency("pond", "pond", "pence"),
    "CHF": Currency("frank", "frank", "rappen"),
    "¥": Currency("yen", "yen", "sen"),
}

BOOKS = (
    "Genesis", "Exodus", "Psalm", "Psalmen", "Spreuken", "Jesaja", "Matteüs", "Marcus",
    "Lucas", "Johannes", "Handelingen", "Romeinen", "Korintiërs", "Galaten", "Efeziërs",
    "Openbaring",
)  # fmt: skip
"""Books of the Bible before a verse reference (`Johannes 3:16`)."""

_MARKED = re.compile(r"(?<![\w.,])(\d{1,3})(?:e|ste|de)\b")
"""An ordinal written with its ending (`3e`, `1ste`, `2de`)."""
_PHONE = re.compile(r"(?<![\d.,+])(0\d{1,3})[-\s]?(\d{6,8})(?!\d|[.,]\d)")
"""A Dutch phone number (`06-12345678`, `020 1234567`): ten digits, the area code first."""
_POSTCODE = re.compile(r"(?<![\d.,])([1-9]\d)(\d{2})\s?([A-Z])([A-Z])\b")
"""A postcode (`1012 AB`): its digits in two pairs, its letters one by one."""
_PARTS = ("derde", "kwart", "vijfde", "zesde", "zevende", "achtste", "negende", "tiende")


class Dutch(LatinRules):
    """Dutch, over the Latin passes: numbers in one word, measures singular, `uur`."""

    code = "nl"
    equals = "is"
    duration_words = wordset("duurt duren duurde")
    books = BOOKS
    verse_form = "{book} hoofdstuk {chapter}, vers {verse}"
    verse_through = "tot"
    n2w = "nl"
    point = "komma"
    percent = "procent"
    minus = "min"
    through = "tot"
    months = MONTHS
    abbreviations = ABBREVIATIONS
    currencies = CURRENCIES
    not_years = wordset("euro dollar mensen personen inwoners kilometer km meter kilo stuks")
    stop_words = wordset("en of tot van in op aan met is zijn was kost kosten een voor")
    clock_pattern = re.compile(
        r"(?<![\d.,:])(\d{1,2})[:.](\d{2})(?:\s*uur)?(?![\d:])|(?<![\d.,:])(\d{1,2})\s*uur\b"
    )
    degrees = ("graad", "graden")
    units = UNITS
    phone_words = wordset("nummer telefoon telefoonnummer mobiel tel fax bel bellen")
    code_words = wordset("pin pincode postcode code")
    copulas = wordset("is was luidt")
    all_week = "vierentwintig zeven"
    ratio = " tegen "
    ratio_words = wordset(
        "verhouding schaal stand uitslag won wint gewonnen verloor verliest verloren "
        "gelijk wedstrijd"
    )
    emergency = wordset("112")
    emergency_words = wordset("bel alarmnummer noodnummer")

    def cardinal(self, value: int) -> str:
        """num2words' words, one in a compound unstressed (`honderdeen`, not honderdéén)."""
        said = super().cardinal(value)
        return said if said == "één" else said.replace("één", "een")

    def regnal(self, value: int, name: str, before: str) -> str | None:
        return f"de {words(value, 'nl', 'ordinal').capitalize()}"

    def day_month(self, day: int, between: str, month: str, before: str) -> str:
        return f"{self.cardinal(day)} {month}"

    def year(self, value: int) -> str:
        """`1998` negentienhonderdachtennegentig, `2024` tweeduizendvierentwintig."""
        if 1100 <= value < 2000 and value % 100:
            hundreds, rest = divmod(value, 100)
            return f"{self.cardinal(hundreds)}honderd{self.cardinal(rest)}"
        return self.cardinal(value)

    def clock(self, hour: int, minute: int) -> str:
        return f"{self.cardinal(hour)} uur" + (f" {self.cardinal(minute)}" if minute else "")

    def fraction(
        self, numerator: int, denominator: int, noun: str, before: str, doubts: Doubts
    ) -> str:
        """`1/2 liter` een halve liter, `3/4` drie kwart, `1/3` een derde."""
        if (numerator, denominator) == (1, 2):
            return f"een halve {noun}" if noun else "een half"
        if 3 <= denominator <= 10:
            part = _PARTS[denominator - 3]
            said = f"{'een' if numerator == 1 else self.cardinal(numerator)} {part}"
        else:
            said = f"{self.cardinal(numerator)} op {self.cardinal(denominator)}"
        return f"{said} {noun}" if noun else said

    def and_a_half(self, value: int) -> str:
        return f"{self.cardinal(value)} en een half"

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

    def own(self, draft: Draft) -> None:
        """Ordinals written with their ending (`de 3e keer` de derde keer)."""
        draft.sub(_MARKED, lambda m: words(int(m[1]), "nl", "ordinal"))
