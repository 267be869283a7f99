"""French: `17h30` dix-sept heures trente, `1er mai` premier mai, `XIXe siècle`
dix-neuvième siècle, `Louis XIV` Louis quatorze, `21 personnes` vingt et une personnes."""

from __future__ import annotations

import re

from ..readings.numbers.common import roman, words, wordset
from ..readings.numbers.draft import Draft
from ..readings.numbers.latin import Currency
from ..readings.numbers.romance import RomanceRules
from ..readings.numbers.units import Unit

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip

ABBREVIATIONS = {
    "M.": "monsieur", "Mme": "madame", "Mlle": "mademoiselle", "MM.": "messieurs",
    "Dr": "docteur", "Pr": "professeur", "etc.": "et cetera", "p. ex.": "par exemple",
    "c.-à-d.": "c'est-à-dire", "env.": "environ", "n°": "numéro", "av.": "avenue",
}  # fmt: skip

FEMININE = wordset(
    "heure semaine fois personne minute seconde année journée maison pomme bouteille tasse "
    "fille sœur femme voiture chambre page leçon place table chaise ville rue question "
    "réponse langue classe nuit mère main photo fleur clé baguette pizza bière"
)
MASCULINE = wordset(
    "jour an mois euro dollar homme enfant frère père livre kilo mètre kilomètre litre "
    "problème verre café croissant étudiant ami chat chien lit musée siècle"
)
_FEMININE_ENDINGS = ("tion", "tions", "sion", "sions", "té", "tés", "ette", "ettes", "ure", "ures")
_MARKED = re.compile(r"(?<![\w.,])(\d{1,3}|[IVX]{1,6})(er|re|ère|e|ème|è)\b")


UNITS = {
    "km": Unit("kilomètre", "kilomètres"), "m": Unit("mètre", "mètres"),
    "cm": Unit("centimètre", "centimètres"), "mm": Unit("millimètre", "millimètres"),
    "kg": Unit("kilogramme", "kilogrammes"), "g": Unit("gramme", "grammes"),
    "mg": Unit("milligramme", "milligrammes"), "t": Unit("tonne", "tonnes", "f"),
    "l": Unit("litre", "litres"), "L": Unit("litre", "litres"),
    "ml": Unit("millilitre", "millilitres"), "mL": Unit("millilitre", "millilitres"),
    "cl": Unit("centilitre", "centilitres"), "h": Unit("heure", "heures", "f"),
    "min": Unit("minute", "minutes", "f"), "s": Unit("seconde", "secondes", "f"),
    "ms": Unit("milliseconde", "millisecondes", "f"),
    "km/h": Unit("kilomètre à l'heure", "kilomètres à l'heure"),
    "m/s": Unit("mètre par seconde", "mètres par seconde"),
    "m²": Unit("mètre carré", "mètres carrés"),
    "km²": Unit("kilomètre carré", "kilomètres carrés"), "ha": Unit("hectare", "hectares"),
    "‰": Unit("pour mille", "pour mille"),
}  # fmt: skip
"""Units after a number, singular under two (`1,5 litre`); `17 h` is the clock's."""

CURRENCIES = {
    "€": Currency("euro", "euros", "centimes"),
    "$": Currency("dollar", "dollars", "cents"),
    "£": Currency("livre", "livres", "pence", feminine=True),
    "CHF": Currency("franc suisse", "francs suisses", "centimes"),
    "¥": Currency("yen", "yens", "sen"),
}


BOOKS = (
    "Genèse", "Exode", "Psaume", "Psaumes", "Proverbes", "Ésaïe", "Isaïe", "Matthieu",
    "Marc", "Luc", "Jean", "Actes", "Romains", "Corinthiens", "Galates", "Éphésiens",
    "Apocalypse",
)  # fmt: skip
"""Books of the Bible before a verse reference (`Jean 3,16`)."""


class French(RomanceRules):
    """French: `vingt et une`, `premier`, hours with `heures`, Roman centuries marked."""

    code = "fr"
    equals = "égale"
    duration_words = wordset("dure durent dura duré")
    books = BOOKS
    verse_form = "{book} chapitre {chapter}, verset {verse}"
    verse_through = "à"
    n2w = "fr"
    point = "virgule"
    percent = "pour cent"
    through = "à"
    months = MONTHS
    abbreviations = ABBREVIATIONS
    currencies = CURRENCIES
    not_years = wordset("euros dollars personnes habitants mètres kilomètres km")
    stop_words = wordset("et ou de du au à en est sont pour avec par que plus moins fois x")
    clock_pattern = re.compile(
        r"(?<![\d.,:])(\d{1,2})\s?(?::|h)\s?(\d{2})(?![\d:])|(?<![\d.,:])(\d{1,2})\s?h\b"
    )
    extra_group = "\u0020\u00a0\u202f"
    feminine_words = FEMININE
    masculine_words = MASCULINE
    feminine_endings = _FEMININE_ENDINGS
    masculine_endings = ("eau", "ment")
    first_day = "premier"
    cardinal_regnal_from = 2
    minus = "moins"
    degrees = ("degré", "degrés")
    units = UNITS
    phone_in_numbers = True
    phone_words = wordset("numéro téléphone portable appelle appelez appeler tél fax")
    code_words = wordset("pin code postal")
    copulas = wordset("est était")
    singular_below_two = True
    hours_are_clock = True
    halves = ("un demi-", "une demi-")
    one_half = "un demi"
    parts = ("tiers", "quart", "cinquième", "sixième", "septième", "huitième", "neuvième",
             "dixième")  # fmt: skip
    and_half = "et demi"
    all_week = "vingt-quatre sur sept"
    ratio = " à "
    ratio_words = wordset(
        "rapport proportion échelle ratio gagné gagne gagnent perdu perd perdent nul "
        "score match résultat terminé fini"
    )
    feminine_names = wordset("Élisabeth Elisabeth Marie Catherine Victoria Anne Jeanne")

    def agree(self, said: str, feminine: bool | None) -> str:
        return said + "e" if feminine and said.endswith("un") else said

    def gender_matters(self, value: int) -> bool:
        return self.cardinal(value).endswith("un")

    def ordinal(self, value: int, before: str, after: str = "", feminine: bool = False) -> str:
        if value == 1:
            return "première" if feminine else "premier"
        return words(value, "fr", "ordinal")

    def part_plural(self, part: str) -> str:
        return part if part.endswith("s") else part + "s"

    def elides(self, noun: str) -> bool:
        return noun[:1].lower() in "aeiouhéèêàâîôû"

    def clock(self, hour: int, minute: int) -> str:
        said = "une heure" if hour == 1 else f"{self.cardinal(hour)} heures"
        if hour == 12 and minute == 0:
            said = "douze heures"
        return said + (f" {self.cardinal(minute)}" if minute else "")

    def early(self, draft: Draft) -> None:
        """Marked ordinals (`1er`, `XIXe`), before the Roman numerals after names."""

        def one(m: re.Match[str]) -> str:
            value = int(m[1]) if m[1].isdigit() else roman(m[1])
            if value is None:
                return m[0]
            return self.ordinal(value, "", feminine=m[2] in ("re", "ère"))

        draft.sub(_MARKED, one)

    def own(self, draft: Draft) -> None:
        self.early(draft)
