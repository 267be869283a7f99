"""Spanish: `a las 6:30` a las seis y media, `31 días` treinta y un días, `1 casa` una
casa, `Alfonso X` Alfonso décimo, `siglo XIX` siglo diecinueve, `12,50 €`."""

from __future__ import annotations

import re

from .common import Doubts, sub, words, wordset
from .latin import Currency, Locale, cardinal, noun_gender

MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre",
)  # fmt: skip

ABBREVIATIONS = {
    "Sr.": "señor", "Sra.": "señora", "Srta.": "señorita", "Dr.": "doctor", "Dra.": "doctora",
    "Ud.": "usted", "Uds.": "ustedes", "etc.": "etcétera", "p. ej.": "por ejemplo",
    "aprox.": "aproximadamente", "núm.": "número", "pág.": "página", "Prof.": "profesor",
    "Profa.": "profesora", "Avda.": "avenida", "EE. UU.": "Estados Unidos",
}  # fmt: skip

FEMININE = wordset(
    "vez noche mujer ciudad calle clase llave leche gente flor mano foto moto radio parte "
    "tarde carne nube fuente imagen madre torre red sal piel luz voz nariz paz"
)
MASCULINE = wordset(
    "día mapa problema programa sistema tema idioma clima planeta sofá papá poema "
    "euro dólar mes año café coche hombre padre restaurante estudiante hotel examen "
    "habitante participante cliente paciente viaje baile postre piso tren avión pan "
    "minuto segundo kilo metro kilómetro litro grado lunes martes viernes"
)
_FEMININE_ENDINGS = ("a", "as", "ción", "ciones", "sión", "siones", "dad", "dades", "tad",
                     "tades", "tud", "tudes", "umbre", "umbres")  # fmt: skip
_NOT_YEARS = wordset("euros dólares personas habitantes metros kilómetros km pesos")
_STOP = wordset("y o u de del al a en es son para con por que más menos veces x entre hasta")
_FEMININE_NAMES = wordset("Isabel Juana María Catalina Victoria Ana Leonor Urraca Cristina")


def agree(said: str, feminine: bool | None) -> str:
    """Cardinal words before a noun: un/una, doscientos/doscientas (not before millón)."""
    head, sep, tail = said.rpartition("millones" if "millones" in said else "millón")
    part = tail if sep else said
    if feminine:
        part = re.sub(r"\buno$|\bun$", "una", part)
        part = re.sub(r"iuno$|iún$", "iuna", part)
        part = re.sub(r"ientos\b", "ientas", part)
    else:
        part = re.sub(r"\buno$", "un", part)
        part = re.sub(r"iuno$", "iún", part)
    return head + sep + part if sep else part


def _matters(value: int) -> bool:
    return (value % 10 == 1 and value % 100 != 11) or any(
        200 <= (value // 10**k) % 1000 < 1000 for k in (0, 3)
    )


def _counted(value: int, noun: str, gender: str, doubts: Doubts) -> str:
    said = cardinal(value, LOCALE)
    if not noun:
        return said
    lists = (FEMININE, MASCULINE, _FEMININE_ENDINGS)
    return agree(said, noun_gender(value, noun, gender, doubts, lists, matters=_matters(value)))


def _ordinal(value: int, before: str, after: str = "", feminine: bool = False) -> str:
    said = words(value, "es", "ordinal")
    return said[:-1] + "a" if feminine and said.endswith("o") else said


def _regnal(value: int, name: str, before: str) -> str | None:
    if value > 10:
        return cardinal(value, LOCALE)
    return _ordinal(value, before, feminine=name in _FEMININE_NAMES)


def _day_month(day: int, between: str, month: str, before: str) -> str:
    said = "primero" if day == 1 else cardinal(day, LOCALE)
    return f"{said} de {month}"


def hour_words(hour: int) -> str:
    return agree(cardinal(hour, LOCALE), True)


def _clock(hour: int, minute: int) -> str:
    said = hour_words(hour)
    if minute == 0:
        return said
    if minute == 15:
        return f"{said} y cuarto"
    if minute == 30:
        return f"{said} y media"
    return f"{said} y {agree(cardinal(minute, LOCALE), True)}"


def _year(value: int) -> str:
    return cardinal(value, LOCALE)


_MARKED = re.compile(r"(?<![\d.,])(\d{1,3})\.?([ºª°]|er\b|ro\b|do\b|to\b|vo\b|no\b|mo\b)")
_NEXT = re.compile(r"\s+([^\W\d_]+)")
_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")


def _own(text: str, doubts: Doubts) -> str:
    def marked(m: re.Match[str]) -> str:
        value = int(m[1])
        said = _ordinal(value, "", feminine=m[2] == "ª")
        after = _NEXT.match(m.string, m.end())
        before_noun = after is not None and after[1].lower() not in _STOP
        if said in ("primero", "tercero") and (m[2] == "er" or (m[2] != "ª" and before_noun)):
            return said[:-1]
        return said

    def slashed(m: re.Match[str]) -> str:
        day, month = int(m[1]), int(m[2])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return doubts.add(m[0], "not a date")
        year = int(m[3]) if len(m[3]) == 4 else 2000 + int(m[3])
        return f"{_day_month(day, ' ', MONTHS[month - 1], '')} de {_year(year)}"

    return sub(_MARKED, sub(_SLASHED, text, slashed), marked)


LOCALE = Locale(
    n2w="es",
    decimal=",",
    point="coma",
    percent="por ciento",
    plus="más",
    through="a",
    months=MONTHS,
    abbreviations=ABBREVIATIONS,
    currencies={
        "€": Currency("euro", "euros", "céntimos"),
        "$": Currency("dólar", "dólares", "centavos"),
        "£": Currency("libra", "libras", "peniques", feminine=True),
    },
    cents_joiner=" con ",
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
    clock_pattern=re.compile(r"(?<![\d.,:])(\d{1,2})[:h](\d{2})(?:\s*h\b)?(?![\d:])"),
    feminine_names=_FEMININE_NAMES,
)
