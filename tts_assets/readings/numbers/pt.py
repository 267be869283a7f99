"""Portuguese: `às 17h` às dezessete horas, `1 casa` uma casa, `2 pessoas` duas pessoas,
`D. Pedro II` Dom Pedro segundo, `R$ 12,50` doze reais e cinquenta. Brazilian number
words for `pt-BR` (dezessete), European ones otherwise (dezassete)."""

from __future__ import annotations

import re

from .common import Doubts, sub, words, wordset
from .latin import Currency, Locale, noun_gender

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
_NOT_YEARS = wordset("euros reais dólares pessoas habitantes metros quilômetros km")
_STOP = wordset("e ou de do da ao a em é são para com por que mais menos vezes x até")
_FEMININE_NAMES = wordset("Isabel Maria Leopoldina Carlota Catarina Ana Beatriz")


def agree(said: str, feminine: bool | None) -> str:
    """Cardinal words before a feminine noun: uma, duas, duzentas (not before milhão)."""
    if not feminine:
        return said
    head, sep, tail = said.rpartition("milhões" if "milhões" in said else "milhão")
    part = tail if sep else said
    part = re.sub(r"\bum\b", "uma", part)
    part = re.sub(r"\bdois\b", "duas", part)
    part = re.sub(r"entos\b", "entas", part)
    return head + sep + part if sep else part


def _matters(value: int) -> bool:
    ones = value % 10 in (1, 2) and value % 100 not in (11, 12)
    return ones or any(200 <= (value // 10**k) % 1000 < 1000 for k in (0, 3))


def _make(n2w: str) -> Locale:
    def w(value: int, to: str = "cardinal") -> str:
        return words(value, n2w, to).replace(",", "")

    def counted(value: int, noun: str, gender: str, doubts: Doubts) -> str:
        said = w(value)
        if not noun:
            return said
        lists = (FEMININE, MASCULINE, _FEMININE_ENDINGS)
        return agree(said, noun_gender(value, noun, gender, doubts, lists, matters=_matters(value)))

    def ordinal(value: int, before: str, after: str = "", feminine: bool = False) -> str:
        said = w(value, "ordinal")
        return said[:-1] + "a" if feminine and said.endswith("o") else said

    def regnal(value: int, name: str, before: str) -> str | None:
        if value > 10:
            return w(value)
        return ordinal(value, before, feminine=name in _FEMININE_NAMES)

    def day_month(day: int, between: str, month: str, before: str) -> str:
        said = "primeiro" if day == 1 else w(day)
        return f"{said} de {month}"

    def clock(hour: int, minute: int) -> str:
        said = agree(w(hour), True)
        if minute == 0:
            return f"{said} hora" if hour == 1 else f"{said} horas"
        if minute == 30:
            return f"{said} e meia"
        return f"{said} e {w(minute)}"

    def year(value: int) -> str:
        return w(value)

    def own(text: str, doubts: Doubts) -> str:
        def marked(m: re.Match[str]) -> str:
            return ordinal(int(m[1]), "", feminine=m[2] == "ª")

        def slashed(m: re.Match[str]) -> str:
            day, month = int(m[1]), int(m[2])
            if not (1 <= day <= 31 and 1 <= month <= 12):
                return doubts.add(m[0], "not a date")
            year_ = int(m[3]) if len(m[3]) == 4 else 2000 + int(m[3])
            return f"{day_month(day, ' ', MONTHS[month - 1], '')} de {year(year_)}"

        return sub(_MARKED, sub(_SLASHED, text, slashed), marked)

    return Locale(
        n2w=n2w,
        decimal=",",
        point="vírgula",
        percent="por cento",
        plus="mais",
        through="a",
        months=MONTHS,
        abbreviations=ABBREVIATIONS,
        currencies={
            "€": Currency("euro", "euros", "cêntimos" if n2w == "pt" else "centavos"),
            "R$": Currency("real", "reais", "centavos"),
            "$": Currency("dólar", "dólares", "centavos"),
            "£": Currency("libra", "libras", "pence", feminine=True),
        },
        cents_joiner=" e ",
        not_years=_NOT_YEARS,
        stop_words=_STOP,
        digit_decimals=False,
        clock=clock,
        counted=counted,
        ordinal=ordinal,
        regnal=regnal,
        day_month=day_month,
        year=year,
        own=own,
        before=lambda text: sub(_DOM, text, lambda m: "Dom "),
        clock_pattern=re.compile(
            r"(?<![\d.,:])(\d{1,2})(?::|h)(\d{2})(?![\d:])|(?<![\d.,:])(\d{1,2})\s?h\b"
        ),
        feminine_names=_FEMININE_NAMES,
    )


_MARKED = re.compile(r"(?<![\d.,])(\d{1,3})\.?([ºª°])")
_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
_DOM = re.compile(r"\bD\.\s(?=(?:Pedro|João|Manuel|Afonso|Sebastião|Luís|Carlos|Miguel)\b)")

LOCALE = _make("pt")
LOCALE_BR = _make("pt_BR")
