"""Italian: `alle 17:00` alle diciassette, `6:30` sei e mezza, `1 casa` una casa,
`Luigi XIV` Luigi quattordicesimo, `XIX secolo` diciannovesimo secolo, `12,50 €`."""

from __future__ import annotations

import re

from .common import Doubts, sub, words, wordset
from .latin import Currency, Locale, cardinal, noun_gender

MONTHS = (
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
    "settembre", "ottobre", "novembre", "dicembre",
)  # fmt: skip

ABBREVIATIONS = {
    "Sig.": "signor", "Sig.ra": "signora", "Sig.na": "signorina", "Dott.": "dottor",
    "Dott.ssa": "dottoressa", "Prof.": "professor", "Prof.ssa": "professoressa",
    "ecc.": "eccetera", "p. es.": "per esempio", "ad es.": "ad esempio", "pag.": "pagina",
    "tel.": "telefono", "cfr.": "confronta",
}  # fmt: skip

FEMININE = wordset(
    "notte volta chiave classe lezione mano foto moto radio parte carne madre gente arte fine sera"
)
MASCULINE = wordset(
    "problema programma sistema tema clima pianeta cinema giorno anno mese euro dollaro "
    "padre fiore pane caffè minuto secondo studente ristorante"
)
_FEMININE_ENDINGS = ("a", "zione", "zioni", "sione", "sioni", "tà", "tù")
_NOT_YEARS = wordset("euro dollari persone abitanti metri chilometri km")
_STOP = wordset("e o di del al a in è sono per con da che più meno volte x fino")
_FEMININE_NAMES = wordset("Elisabetta Maria Caterina Vittoria Anna Giovanna Margherita")
_IMPURE = re.compile(r"^(s[^aeiou]|z|gn|ps|x|y)", re.IGNORECASE)


def _counted(value: int, noun: str, gender: str, doubts: Doubts) -> str:
    said = cardinal(value, LOCALE)
    if not noun or value != 1:
        return said
    feminine = noun_gender(value, noun, gender, doubts, (FEMININE, MASCULINE, _FEMININE_ENDINGS))
    if feminine:
        return "una"
    return "uno" if _IMPURE.match(noun) else "un"


def _ordinal(value: int, before: str, after: str = "", feminine: bool = False) -> str:
    said = words(value, "it", "ordinal")
    return said[:-1] + "a" if feminine and said.endswith("o") else said


def _regnal(value: int, name: str, before: str) -> str | None:
    return _ordinal(value, before, feminine=name in _FEMININE_NAMES)


def _day_month(day: int, between: str, month: str, before: str) -> str:
    said = "primo" if day == 1 else cardinal(day, LOCALE)
    return f"{said} {month}"


def _clock(hour: int, minute: int) -> str:
    said = "una" if hour == 1 else cardinal(hour, LOCALE)
    if minute == 0:
        return said
    if minute == 15:
        return f"{said} e un quarto"
    if minute == 30:
        return f"{said} e mezza"
    return f"{said} e {cardinal(minute, LOCALE)}"


def _year(value: int) -> str:
    return cardinal(value, LOCALE)


_MARKED = re.compile(r"(?<![\d.,])(\d{1,3})([ºª°])")
_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
_CENTURY = re.compile(r"\b([IVX]{2,6})\s+(secolo)\b")


def _own(text: str, doubts: Doubts) -> str:
    def slashed(m: re.Match[str]) -> str:
        day, month = int(m[1]), int(m[2])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return doubts.add(m[0], "not a date")
        year = int(m[3]) if len(m[3]) == 4 else 2000 + int(m[3])
        return f"{_day_month(day, ' ', MONTHS[month - 1], '')} {_year(year)}"

    text = sub(_SLASHED, text, slashed)
    return sub(_MARKED, text, lambda m: _ordinal(int(m[1]), "", feminine=m[2] == "ª"))


def _roman_century(text: str) -> str:
    from .common import roman

    def one(m: re.Match[str]) -> str:
        value = roman(m[1])
        return m[0] if value is None else f"{_ordinal(value, '')} {m[2]}"

    return sub(_CENTURY, text, one)


LOCALE = Locale(
    n2w="it",
    decimal=",",
    point="virgola",
    percent="per cento",
    plus="più",
    through="o",
    months=MONTHS,
    abbreviations=ABBREVIATIONS,
    currencies={
        "€": Currency("euro", "euro", "centesimi"),
        "$": Currency("dollaro", "dollari", "centesimi"),
        "£": Currency("sterlina", "sterline", "penny", feminine=True),
    },
    cents_joiner=" e ",
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
    feminine_names=_FEMININE_NAMES,
    before=_roman_century,
)
