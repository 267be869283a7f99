"""Portuguese: `às 17h` às dezessete horas, `1 casa` uma casa, `2 pessoas` duas pessoas,
`D. Pedro II` Dom Pedro segundo, `R$ 12,50` doze reais e cinquenta. Brazilian number
words for `pt-BR` (dezessete), European ones otherwise (dezassete)."""

from __future__ import annotations

import re

from ..readings.numbers.common import wordset
from ..readings.numbers.draft import Draft
from ..readings.numbers.latin import Currency
from ..readings.numbers.romance import RomanceRules
from ..readings.numbers.units import Unit

MONTHS = (
    "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
    "outubro", "novembro", "dezembro",
)  # fmt: skip

ABBREVIATIONS = {
    "Sr.": "senhor", "Sra.": "senhora", "Dr.": "doutor", "Dra.": "doutora", "etc.": "etcétera",
    "p. ex.": "por exemplo", "aprox.": "aproximadamente", "nº": "número", "pág.": "página",
    "Prof.": "professor", "Profa.": "professora", "Av.": "avenida", "V. Sa.": "vossa senhoria",
}  # fmt: skip

FEMININE = wordset(
    "vez noite mulher cidade flor mão tarde parte lição pessoa hora semana mãe chave "
    "nuvem imagem viagem garagem foto moto tv"
)
MASCULINE = wordset(
    "dia mapa problema programa sistema tema idioma clima planeta sofá euro real reais "
    "dólar mês ano café pai homem hotel minuto segundo quilo metro quilômetro litro "
    "habitante estudante cliente"
)
_FEMININE_ENDINGS = ("a", "as", "ção", "ções", "são", "sões", "dade", "dades", "agem", "agens")
_MARKED = re.compile(r"(?<![\d.,])(\d{1,3})\.?([ºª°])")
_DOM = re.compile(r"\bD\.\s(?=(?:Pedro|João|Manuel|Afonso|Sebastião|Luís|Carlos|Miguel)\b)")


UNITS = {
    "km": Unit("quilómetro", "quilómetros"), "m": Unit("metro", "metros"),
    "cm": Unit("centímetro", "centímetros"), "mm": Unit("milímetro", "milímetros"),
    "kg": Unit("quilograma", "quilogramas"), "g": Unit("grama", "gramas"),
    "mg": Unit("miligrama", "miligramas"), "t": Unit("tonelada", "toneladas", "f"),
    "l": Unit("litro", "litros"), "L": Unit("litro", "litros"),
    "ml": Unit("mililitro", "mililitros"), "mL": Unit("mililitro", "mililitros"),
    "h": Unit("hora", "horas", "f"), "min": Unit("minuto", "minutos"),
    "s": Unit("segundo", "segundos"), "ms": Unit("milissegundo", "milissegundos"),
    "km/h": Unit("quilómetro por hora", "quilómetros por hora"),
    "m/s": Unit("metro por segundo", "metros por segundo"),
    "m²": Unit("metro quadrado", "metros quadrados"),
    "km²": Unit("quilómetro quadrado", "quilómetros quadrados"),
    "ha": Unit("hectare", "hectares"), "‰": Unit("por mil", "por mil"),
}  # fmt: skip
"""Units after a number (`200 g` duzentos gramas: grama is masculine), singular under two
(`1,5 litro`); `17h` is the clock's. Brazilian spelling in `UNITS_BR`."""
UNITS_BR = {
    **UNITS,
    **{
        key: Unit(unit.one.replace("ó", "ô"), unit.many.replace("ó", "ô"), unit.gender)
        for key, unit in UNITS.items()
        if "quilómetro" in unit.one
    },
}

CURRENCIES = {
    "€": Currency("euro", "euros", "cêntimos"),
    "R$": Currency("real", "reais", "centavos"),
    "$": Currency("dólar", "dólares", "centavos"),
    "£": Currency("libra", "libras", "pence", feminine=True),
    "CHF": Currency("franco suíço", "francos suíços", "cêntimos"),
    "¥": Currency("iene", "ienes", "sen"),
}
PHONE_DIGITS_BR = {6: "meia"}
"""A six in a Brazilian phone number is `meia` (dúzia), heard apart from três."""
CURRENCIES_BR = {**CURRENCIES, "€": Currency("euro", "euros", "centavos")}


BOOKS = (
    "Gênesis", "Génesis", "Êxodo", "Salmo", "Salmos", "Provérbios", "Isaías", "Mateus",
    "Marcos", "Lucas", "João", "Atos", "Actos", "Romanos", "Coríntios", "Gálatas",
    "Efésios", "Apocalipse",
)  # fmt: skip
"""Books of the Bible before a verse reference (`Mateus 5:3`)."""


class Portuguese(RomanceRules):
    """European Portuguese: agreement of um/uma and dois/duas, `horas`, `Dom Pedro`."""

    code = "pt"
    equals = "igual a"
    duration_words = wordset("dura duram durou demora demoram")
    duration_and = "e"
    minutes_named = True
    books = BOOKS
    verse_form = "{book} capítulo {chapter}, versículo {verse}"
    verse_through = "a"
    n2w = "pt"
    point = "vírgula"
    percent = "por cento"
    plus = "mais"
    through = "a"
    months = MONTHS
    abbreviations = ABBREVIATIONS
    currencies = CURRENCIES
    cents_joiner = " e "
    not_years = wordset("euros reais dólares pessoas habitantes metros quilômetros km")
    stop_words = wordset("e ou de do da ao a em é são para com por que mais menos vezes x até")
    clock_pattern = re.compile(
        r"(?<![\d.,:])(\d{1,2})(?::|h)(\d{2})(?![\d:])|(?<![\d.,:])(\d{1,2})\s?h\b"
    )
    feminine_names = wordset("Isabel Maria Leopoldina Carlota Catarina Ana Beatriz")
    year_joiner = " de "
    feminine_words = FEMININE
    masculine_words = MASCULINE
    feminine_endings = _FEMININE_ENDINGS
    first_day = "primeiro"
    day_joiner = " de "
    cardinal_regnal_from = 11
    one = "um"
    ordinal_marks = "ºª°"
    minus = "menos"
    height_joiner = " e "
    degrees = ("grau", "graus")
    units = UNITS
    phone_words = wordset("número telefone celular telemóvel liga ligue ligar tel fax")
    code_words = wordset("pin código cep postal senha")
    copulas = wordset("é era")
    singular_below_two = True
    hours_are_clock = True
    halves = ("meio", "meia")
    one_half = "um meio"
    parts = ("terço", "quarto", "quinto", "sexto", "sétimo", "oitavo", "nono", "décimo")
    and_half = "e meio"
    all_week = "vinte e quatro por sete"
    ratio = " a "
    ratio_words = wordset(
        "proporção razão escala venceu vence venceram perdeu perde perderam empate ganhou "
        "ganha ganharam "
        "empataram resultado placar jogo partida terminou acabou"
    )
    emergency = wordset("112")
    emergency_words = wordset("o ao liga ligue ligar número telefone")

    def agree(self, said: str, feminine: bool | None) -> str:
        """Cardinal words before a feminine noun: uma, duas, duzentas (not before milhão)."""
        if not feminine:
            return said
        head, sep, tail = said.rpartition("milhões" if "milhões" in said else "milhão")
        part = tail if sep else said
        part = re.sub(r"\bum\b", "uma", part)
        part = re.sub(r"\bdois\b", "duas", part)
        part = re.sub(r"entos\b", "entas", part)
        return head + sep + part if sep else part

    def gender_matters(self, value: int) -> bool:
        ones = value % 10 in (1, 2) and value % 100 not in (11, 12)
        return ones or any(200 <= (value // 10**k) % 1000 < 1000 for k in (0, 3))

    def clock(self, hour: int, minute: int) -> str:
        said = self.agree(self.cardinal(hour), True)
        if minute == 0:
            return f"{said} hora" if hour == 1 else f"{said} horas"
        if minute == 30 and hour <= 12:
            return f"{said} e meia"  # the 24-hour clock says `18h30` dezoito e trinta
        return f"{said} e {self.cardinal(minute)}"

    def early(self, draft: Draft) -> None:
        draft.sub(_DOM, lambda m: "Dom ")

    def own(self, draft: Draft) -> None:
        draft.sub(_MARKED, lambda m: self.ordinal(int(m[1]), "", feminine=m[2] == "ª"))


class BrazilianPortuguese(Portuguese):
    """Brazilian Portuguese: its number words (dezessete) and `centavos`."""

    code = "pt-BR"
    n2w = "pt_BR"
    currencies = CURRENCIES_BR
    units = UNITS_BR
    phone_digits = PHONE_DIGITS_BR
