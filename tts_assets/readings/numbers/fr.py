"""French: `17h30` dix-sept heures trente, `1er mai` premier mai, `XIXe siècle`
dix-neuvième siècle, `Louis XIV` Louis quatorze, `21 personnes` vingt et une personnes."""

from __future__ import annotations

import re

from .common import Doubts, roman, sub, words, wordset
from .latin import Currency, Locale, cardinal, noun_gender

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
_NOT_YEARS = wordset("euros dollars personnes habitants mètres kilomètres km")
_STOP = wordset("et ou de du au à en est sont pour avec par que plus moins fois x")
_FEMININE_NAMES = wordset("Élisabeth Elisabeth Marie Catherine Victoria Anne Jeanne")


def _counted(value: int, noun: str, gender: str, doubts: Doubts) -> str:
    said = cardinal(value, LOCALE)
    if not noun or not said.endswith("un"):
        return said
    lists = (FEMININE, MASCULINE, _FEMININE_ENDINGS)
    feminine = noun_gender(value, noun, gender, doubts, lists, ("eau", "ment"))
    return said + "e" if feminine else said


def _ordinal(value: int, before: str, after: str = "", feminine: bool = False) -> str:
    if value == 1:
        return "première" if feminine else "premier"
    return words(value, "fr", "ordinal")


def _regnal(value: int, name: str, before: str) -> str | None:
    if value == 1:
        return _ordinal(1, before, feminine=name in _FEMININE_NAMES)
    return cardinal(value, LOCALE)


def _day_month(day: int, between: str, month: str, before: str) -> str:
    said = "premier" if day == 1 else cardinal(day, LOCALE)
    return f"{said} {month}"


def _clock(hour: int, minute: int) -> str:
    said = "une heure" if hour == 1 else f"{cardinal(hour, LOCALE)} heures"
    if hour == 12 and minute == 0:
        said = "douze heures"
    return said + (f" {cardinal(minute, LOCALE)}" if minute else "")


def _year(value: int) -> str:
    return cardinal(value, LOCALE)


_MARKED = re.compile(r"(?<![\w.,])(\d{1,3}|[IVX]{1,6})(er|re|ère|e|ème|è)\b")
_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")


def _marked_ordinals(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        value = int(m[1]) if m[1].isdigit() else roman(m[1])
        if value is None:
            return m[0]
        return _ordinal(value, "", feminine=m[2] in ("re", "ère"))

    return sub(_MARKED, text, one)


def _own(text: str, doubts: Doubts) -> str:
    def slashed(m: re.Match[str]) -> str:
        day, month = int(m[1]), int(m[2])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return doubts.add(m[0], "not a date")
        year = int(m[3]) if len(m[3]) == 4 else 2000 + int(m[3])
        return f"{_day_month(day, ' ', MONTHS[month - 1], '')} {_year(year)}"

    return _marked_ordinals(sub(_SLASHED, text, slashed))


LOCALE = Locale(
    n2w="fr",
    decimal=",",
    point="virgule",
    percent="pour cent",
    plus="plus",
    through="à",
    months=MONTHS,
    abbreviations=ABBREVIATIONS,
    currencies={
        "€": Currency("euro", "euros", "centimes"),
        "$": Currency("dollar", "dollars", "cents"),
        "£": Currency("livre", "livres", "pence", feminine=True),
    },
    cents_joiner=" ",
    not_years=_NOT_YEARS,
    stop_words=_STOP,
    digit_decimals=False,
    clock=_clock,
    counted=_counted,
    ordinal=_ordinal,
    regnal=_regnal,
    day_month=_day_month,
    year=_year,
    own=_own,
    clock_pattern=re.compile(
        r"(?<![\d.,:])(\d{1,2})\s?(?::|h)\s?(\d{2})(?![\d:])|(?<![\d.,:])(\d{1,2})\s?h\b"
    ),
    extra_group="\u0020\u00a0\u202f",
    feminine_names=_FEMININE_NAMES,
    before=_marked_ordinals,
)
