"""Italian: `alle 17:00` alle diciassette, `6:30` sei e mezza, `1 casa` una casa,
`Luigi XIV` Luigi quattordicesimo, `XIX secolo` diciannovesimo secolo, `12,50 €`."""

from __future__ import annotations

import re

from ..readings.numbers.common import roman, wordset
from ..readings.numbers.draft import Doubts, Draft
from ..readings.numbers.latin import Currency
from ..readings.numbers.romance import RomanceRules
from ..readings.numbers.units import Unit

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
_FROM = {"da": "a", "dal": "al", "dalle": "alle", "dai": "ai", "dagli": "agli", "dall'": "all'"}
"""After `dalle` a range ends with `alle` (`dalle 9-17`)."""
_IMPURE = re.compile(r"^(s[^aeiou]|z|gn|ps|x|y)", re.IGNORECASE)
_MARKED = re.compile(r"(?<![\d.,])(\d{1,3})([ºª°])")
_CENTURY = re.compile(r"\b([IVX]{2,6})\s+(secolo)\b")


UNITS = {
    "km": Unit("chilometro", "chilometri"), "m": Unit("metro", "metri"),
    "cm": Unit("centimetro", "centimetri"), "mm": Unit("millimetro", "millimetri"),
    "kg": Unit("chilogrammo", "chilogrammi"), "g": Unit("grammo", "grammi"),
    "mg": Unit("milligrammo", "milligrammi"), "t": Unit("tonnellata", "tonnellate", "f"),
    "l": Unit("litro", "litri"), "L": Unit("litro", "litri"),
    "ml": Unit("millilitro", "millilitri"), "mL": Unit("millilitro", "millilitri"),
    "h": Unit("ora", "ore", "f"), "min": Unit("minuto", "minuti"),
    "s": Unit("secondo", "secondi"), "sec": Unit("secondo", "secondi"),
    "ms": Unit("millisecondo", "millisecondi"),
    "km/h": Unit("chilometro orario", "chilometri orari"),
    "m/s": Unit("metro al secondo", "metri al secondo"),
    "m²": Unit("metro quadrato", "metri quadrati"), "mq": Unit("metro quadrato", "metri quadrati"),
    "km²": Unit("chilometro quadrato", "chilometri quadrati"),
    "ha": Unit("ettaro", "ettari"), "‰": Unit("per mille", "per mille"),
}  # fmt: skip
"""Units after a number (`1 h` un'ora, `200 t` duecento tonnellate)."""

CURRENCIES = {
    "€": Currency("euro", "euro", "centesimi"),
    "$": Currency("dollaro", "dollari", "centesimi"),
    "£": Currency("sterlina", "sterline", "penny", feminine=True),
    "CHF": Currency("franco svizzero", "franchi svizzeri", "centesimi"),
    "¥": Currency("yen", "yen", "sen"),
}


LETTERS = {
    "A": "a", "B": "bi", "C": "ci", "D": "di", "E": "e", "F": "effe", "G": "gi",
    "H": "acca", "I": "i", "J": "i lunga", "K": "cappa", "L": "elle", "M": "emme",
    "N": "enne", "O": "o", "P": "pi", "Q": "cu", "R": "erre", "S": "esse", "T": "ti",
    "U": "u", "V": "vu", "W": "doppia vu", "X": "ics", "Y": "ipsilon", "Z": "zeta",
}  # fmt: skip
"""The names of the letters (`R2`: erre due)."""


BOOKS = (
    "Genesi", "Esodo", "Salmo", "Salmi", "Proverbi", "Isaia", "Matteo", "Marco", "Luca",
    "Giovanni", "Atti", "Romani", "Corinzi", "Galati", "Efesini", "Apocalisse",
)  # fmt: skip
"""Books of the Bible before a verse reference (`Giovanni 3,16`)."""


class Italian(RomanceRules):
    """Italian: `una`, `uno` before s impura, `e mezza`, `primo maggio`, `XIX secolo`."""

    code = "it"
    equals = "uguale a"
    duration_words = wordset("dura durano durato durata")
    duration_and = "e"
    books = BOOKS
    verse_form = "{book} capitolo {chapter}, versetto {verse}"
    verse_through = "a"
    n2w = "it"
    point = "virgola"
    percent = "per cento"
    plus = "più"
    through = "a"
    months = MONTHS
    abbreviations = ABBREVIATIONS
    currencies = CURRENCIES
    cents_joiner = " e "
    not_years = wordset("euro dollari persone abitanti metri chilometri km")
    stop_words = wordset("e o di del al a in è sono per con da che più meno volte x fino")
    feminine_words = FEMININE
    masculine_words = MASCULINE
    feminine_endings = _FEMININE_ENDINGS
    first_day = "primo"
    ordinal_marks = "ºª°"
    minus = "meno"
    height_joiner = " e "
    degrees = ("grado", "gradi")
    units = UNITS
    phone_words = wordset("numero telefono cellulare chiama chiamami chiamare tel fax")
    code_words = wordset("pin cap codice postale password")
    copulas = wordset("è era")
    halves = ("mezzo", "mezza")
    one_half = "un mezzo"
    parts = ("terzo", "quarto", "quinto", "sesto", "settimo", "ottavo", "nono", "decimo")
    of = "di"
    and_half = "e mezzo"
    letters = LETTERS
    time_words = wordset("alle dalle ore")
    time_or_date_words = wordset("le")
    all_week = "ventiquattro su sette"
    ratio = " a "
    ratio_words = wordset(
        "rapporto proporzione scala vinto vince vinse perso perde perse pareggio "
        "risultato partita finita finito terminata"
    )
    emergency = wordset("112")
    emergency_words = wordset("il al chiama chiamate chiamare numero componi comporre")
    feminine_names = wordset("Elisabetta Maria Caterina Vittoria Anna Giovanna Margherita")

    def cardinal(self, value: int) -> str:
        """num2words' words, a final `tre` stressed after tens (settecentocinquantatré:
        it writes ventitré but not the same ending after hundreds)."""
        said = super().cardinal(value)
        if value > 20 and value % 10 == 3 and value % 100 != 13 and said.endswith("tre"):
            return said[:-3] + "tré"
        return said

    def counted(self, value: int, noun: str, gender: str, doubts: Doubts) -> str:
        said = self.cardinal(value)
        if not noun or value != 1:
            return said
        if self.feminine(value, noun, gender, doubts):
            return "una"
        return "uno" if _IMPURE.match(noun) else "un"

    def joined(self, said: str, space: str, noun: str) -> str:
        """`una ora` is said `un'ora`."""
        if said == "una" and noun[:1].lower() in "aeiou":
            return f"un'{noun}"
        return said + space + noun

    def range_from(self, first: str, years: bool, before: str) -> str:
        """`7-8 ore` da sette a otto ore, `(1798-1837)` dal millesettecentonovantotto al
        milleottocentotrentasette, `dalle 9-17` dalle nove alle diciassette."""
        said = before.lower().split()
        word = said[-1] if said else ""
        if word in _FROM:
            return f"{first} {_FROM[word]} "
        if {"tra", "fra"} & set(said):
            return f"{first} e "
        return f"dal {first} al " if years else f"da {first} a "

    def part_plural(self, part: str) -> str:
        return part[:-1] + "i"

    def elides(self, noun: str) -> bool:
        return noun[:1].lower() in "aeiou"

    def clock(self, hour: int, minute: int) -> str:
        said = "una" if hour == 1 else self.cardinal(hour)
        if minute == 0:
            return said
        if minute == 15:
            return f"{said} e un quarto"
        if minute == 30:
            return f"{said} e mezza"
        return f"{said} e {self.cardinal(minute)}"

    def early(self, draft: Draft) -> None:
        """`XIX secolo`: the century before its noun, an ordinal."""

        def one(m: re.Match[str]) -> str:
            value = roman(m[1])
            return m[0] if value is None else f"{self.ordinal(value, '')} {m[2]}"

        draft.sub(_CENTURY, one)

    def own(self, draft: Draft) -> None:
        draft.sub(_MARKED, lambda m: self.ordinal(int(m[1]), "", feminine=m[2] == "ª"))
