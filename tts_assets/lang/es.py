"""Spanish: `a las 6:30` a las seis y media, `31 días` treinta y un días, `1 casa` una
casa, `Alfonso X` Alfonso décimo, `siglo XIX` siglo diecinueve, `12,50 €`."""

from __future__ import annotations

import re

from ..readings.numbers.common import wordset
from ..readings.numbers.draft import Draft
from ..readings.numbers.latin import Currency
from ..readings.numbers.romance import RomanceRules
from ..readings.numbers.units import Unit

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
_STOP = wordset("y o u de del al a en es son para con por que más menos veces x entre hasta")
_MARKED = re.compile(r"(?<![\d.,])(\d{1,3})\.?([ºª°]|er\b|ro\b|do\b|to\b|vo\b|no\b|mo\b)")
_NEXT = re.compile(r"\s+([^\W\d_]+)")


UNITS = {
    "km": Unit("kilómetro", "kilómetros"), "m": Unit("metro", "metros"),
    "cm": Unit("centímetro", "centímetros"), "mm": Unit("milímetro", "milímetros"),
    "kg": Unit("kilogramo", "kilogramos"), "g": Unit("gramo", "gramos"),
    "mg": Unit("miligramo", "miligramos"), "t": Unit("tonelada", "toneladas", "f"),
    "l": Unit("litro", "litros"), "L": Unit("litro", "litros"),
    "ml": Unit("mililitro", "mililitros"), "mL": Unit("mililitro", "mililitros"),
    "h": Unit("hora", "horas", "f"), "min": Unit("minuto", "minutos"),
    "s": Unit("segundo", "segundos"), "seg": Unit("segundo", "segundos"),
    "ms": Unit("milisegundo", "milisegundos"),
    "km/h": Unit("kilómetro por hora", "kilómetros por hora"),
    "m/s": Unit("metro por segundo", "metros por segundo"),
    "m²": Unit("metro cuadrado", "metros cuadrados"),
    "km²": Unit("kilómetro cuadrado", "kilómetros cuadrados"),
    "ha": Unit("hectárea", "hectáreas", "f"), "‰": Unit("por mil", "por mil"),
}  # fmt: skip
"""Units after a number (`200 t` doscientas toneladas, `1 h` una hora)."""

CURRENCIES = {
    "€": Currency("euro", "euros", "céntimos"),
    "$": Currency("dólar", "dólares", "centavos"),
    "£": Currency("libra", "libras", "peniques", feminine=True),
    "CHF": Currency("franco suizo", "francos suizos", "céntimos"),
    "¥": Currency("yen", "yenes", "sen"),
}


BOOKS = (
    "Génesis", "Éxodo", "Salmo", "Salmos", "Proverbios", "Isaías", "Mateo", "Marcos",
    "Lucas", "Juan", "Hechos", "Romanos", "Corintios", "Gálatas", "Efesios", "Apocalipsis",
)  # fmt: skip
"""Books of the Bible before a verse reference (`Juan 3:16`)."""


class Spanish(RomanceRules):
    """Spanish: agreement of un/una and -ientos/-ientas, `y media`, `primero de mayo`."""

    code = "es"
    equals = "igual a"
    duration_words = wordset("dura duran duró duraron tarda tardan")
    duration_and = "y"
    minutes_named = True
    books = BOOKS
    verse_form = "{book} capítulo {chapter}, versículo {verse}"
    verse_through = "al"
    n2w = "es"
    point = "coma"
    percent = "por ciento"
    plus = "más"
    through = "a"
    months = MONTHS
    abbreviations = ABBREVIATIONS
    currencies = CURRENCIES
    cents_joiner = " con "
    not_years = wordset("euros dólares personas habitantes metros kilómetros km pesos")
    stop_words = _STOP
    clock_pattern = re.compile(r"(?<![\d.,:])(\d{1,2})[:h](\d{2})(?:\s*h\b)?(?![\d:])")
    feminine_names = wordset("Isabel Juana María Catalina Victoria Ana Leonor Urraca Cristina")
    year_joiner = " de "
    feminine_words = FEMININE
    masculine_words = MASCULINE
    feminine_endings = _FEMININE_ENDINGS
    first_day = "primero"
    day_joiner = " de "
    cardinal_regnal_from = 11
    ordinal_marks = "ºª°"
    minus = "menos"
    degrees = ("grado", "grados")
    units = UNITS
    phone_in_numbers = True
    phone_words = wordset("número teléfono móvil celular llama llamar llámame tel fax")
    code_words = wordset("pin código cp postal contraseña clave")
    copulas = wordset("es era")
    halves = ("medio", "media")
    one_half = "un medio"
    parts = ("tercio", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno", "décimo")
    and_half = "y medio"
    time_words = wordset("las la")
    all_week = "veinticuatro siete"
    ratio = " a "
    ratio_words = wordset(
        "proporción relación escala ganó gana ganaron perdió pierde perdieron empate "
        "empataron resultado marcador partido terminó acabó"
    )
    emergency = wordset("112 091 092 061 062 016")
    emergency_words = wordset("al el llama llame llamar llamen marca marque marcar número teléfono")

    def agree(self, said: str, feminine: bool | None) -> str:
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

    def gender_matters(self, value: int) -> bool:
        return (value % 10 == 1 and value % 100 != 11) or any(
            200 <= (value // 10**k) % 1000 < 1000 for k in (0, 3)
        )

    def clock(self, hour: int, minute: int) -> str:
        """`10:45` diez y cuarenta y cinco, `6:30` seis y media; an hour of the afternoon
        as the 24-hour clock says it (`17:45` diecisiete cuarenta y cinco)."""
        said = self.agree(self.cardinal(hour), True)
        if minute == 0:
            return said
        if hour > 12:
            return f"{said} {self.agree(self.cardinal(minute), True)}"
        if minute == 15:
            return f"{said} y cuarto"
        if minute == 30:
            return f"{said} y media"
        return f"{said} y {self.agree(self.cardinal(minute), True)}"

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
            before_noun = after is not None and after[1].lower() not in _STOP
            if said in ("primero", "tercero") and (m[2] == "er" or (m[2] != "ª" and before_noun)):
                return said[:-1]
            return said

        draft.sub(_MARKED, marked)
