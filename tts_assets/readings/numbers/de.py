"""German: `17:00 Uhr` siebzehn Uhr, `am 3. Oktober` am dritten Oktober, `1998`
neunzehnhundertachtundneunzig, `Ludwig XIV.` Ludwig der Vierzehnte, `250.000`, `3,5`."""

from __future__ import annotations

import re

from .common import Doubts, sub, words, wordset
from .latin import Currency, Locale, cardinal, guess_feminine

MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
    "Oktober", "November", "Dezember",
)  # fmt: skip

ABBREVIATIONS = {
    "z. B.": "zum Beispiel", "d. h.": "das heißt", "u. a.": "unter anderem",
    "usw.": "und so weiter", "bzw.": "beziehungsweise", "ca.": "circa", "Nr.": "Nummer",
    "Prof.": "Professor", "Dr.": "Doktor", "Str.": "Straße", "evtl.": "eventuell",
    "inkl.": "inklusive", "vgl.": "vergleiche", "z. T.": "zum Teil", "o. Ä.": "oder Ähnliches",
    "Hr.": "Herr", "geb.": "geboren", "Jh.": "Jahrhundert", "tägl.": "täglich",
    "min.": "mindestens", "max.": "maximal", "km/h": "Kilometer pro Stunde",
}  # fmt: skip

# Before an ordinal: the endings its case and article ask for.
_WEAK_E = wordset("der die das ins ans aufs jede jeder jedes diese dieser dieses")
_WEAK_EN = wordset(
    "dem den des am im vom zum zur beim bis seit einem einen eines einer diesem diesen "
    "ihrem ihren seinem seinen meinem meinen unserem"
)
_MOVING = wordset("von vom mit bei beim unter zu zum nach aus seit gegen über")
FEMININE = wordset(
    "stunde minute sekunde woche person flasche tasse uhr nacht frau tochter schwester "
    "sprache stadt straße klasse seite frage antwort idee reise karte banane tomate "
    "kartoffel zwiebel orange birne kugel pizza"
)
MASCULINE = wordset(
    "tag monat euro cent meter kilometer mann sohn bruder apfel stock platz preis "
    "schritt liter dollar franken"
)
_FEMININE_ENDINGS = ("ung", "heit", "keit", "schaft", "tion", "ion", "tät", "ik", "ur", "ei")
_NOT_YEARS = wordset(
    "euro cent dollar franken prozent menschen leute personen einwohner kilometer km meter "
    "m kilogramm kg gramm g liter stück schritte schüler studenten wörter seiten mal "
    "tage stunden minuten"
)
_STOP = wordset(
    "und oder bis mal plus minus von zu im am um in an auf für mit ist sind war waren "
    "hat haben geht gibt kostet kosten ein eine"
)


def _cardinal(value: int) -> str:
    """As said: hundert and tausend, not einhundert and eintausend."""
    said = cardinal(value, LOCALE)
    return said[3:] if said.startswith(("einhundert", "eintausend")) else said


def _counted(value: int, noun: str, gender: str, doubts: Doubts) -> str:
    said = _cardinal(value)
    if noun and said.endswith("eins") and value % 100 != 11:
        if noun == "Uhr":
            return said[:-1]
        feminine = gender == "f" or (
            gender != "m"
            and guess_feminine(noun, FEMININE, MASCULINE, _FEMININE_ENDINGS, ("er", "ling")) is True
        )
        return said[:-1] + ("e" if feminine else "")
    return said


def ordinal(value: int, before: str, after: str = "") -> str:
    """`3` as dritte, dritten or dritter, by the article or preposition before it
    (`before`: the words before it; `in der 2. Klasse` is dative)."""
    stem = words(value, "de", "ordinal")  # dritte
    said = before.lower().split()
    word = said[-1] if said else ""
    if word in _WEAK_EN or (word == "der" and len(said) > 1 and said[-2] in _DATIVE):
        return stem + "n"
    if word in _WEAK_E:
        return stem
    return stem + "r"


_DATIVE = wordset("in an auf mit bei von zu nach aus seit vor hinter unter über neben")


def _regnal(value: int, name: str, before: str) -> str | None:
    stem = words(value, "de", "ordinal").capitalize()
    if before.lower() in _MOVING:
        return f"dem {stem}n"
    return f"der {stem}"


def _day_month(day: int, between: str, month: str, before: str) -> str:
    return f"{ordinal(day, before)} {month}"


def _clock(hour: int, minute: int) -> str:
    said = "ein" if hour == 1 else cardinal(hour, LOCALE)
    return f"{said} Uhr" + (f" {cardinal(minute, LOCALE)}" if minute else "")


def _year(value: int) -> str:
    return words(value, "de", "year")


_BEFORE = re.compile(r"(\w+)\s+$")
_TWO_BEFORE = re.compile(r"((?:\w+\s+)?\w+)\s+$")
_ORDINAL = re.compile(r"(?<![\d.,])(\d{1,3})\.(?=\s*(\S+))")
_NUMERIC_DATE = re.compile(r"(?<![\d.,])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}(?!\d))?")
_MONTH_NAMES = frozenset(MONTHS)
_ORDINAL_NOUNS = wordset(
    "Jahrhundert Jahrhunderts Stock Stockwerk Klasse Platz Mal Lektion Kapitel Auflage "
    "Geburtstag Hochzeitstag Woche Tag Weltkrieg Runde Liga Reihe Versuch Teil Band"
)


_ACCUSATIVE = wordset(
    "kostet kosten koste habe hast hat haben habt brauche brauchst braucht brauchen kaufe "
    "kaufst kauft kaufen bleibe bleibst bleibt bleiben dauert dauern warte wartet warten "
    "möchte möchtest möchten für ohne gegen durch um pro"
)
"""Words after which `1` before a masculine noun is `einen` (kostet einen Euro)."""
_ONE_AFTER = re.compile(r"\b(\w+)\s+1\s?(€(?!\w)|[A-ZÄÖÜ]\w*)")
_STREET = re.compile(r"\b([A-ZÄÖÜ][a-zäöüß]+)str\.(?=\s|$|,)")


_DAYS = {
    "Mo": "Montag", "Di": "Dienstag", "Mi": "Mittwoch", "Do": "Donnerstag", "Fr": "Freitag",
    "Sa": "Samstag", "So": "Sonntag",
}  # fmt: skip
_DAY_RANGE = re.compile(r"\b(Mo|Di|Mi|Do|Fr|Sa|So)\.?\s?[-–]\s?(Mo|Di|Mi|Do|Fr|Sa|So)\b\.?")
_MRS = re.compile(r"\bFr\.(?=\s+[A-ZÄÖÜ][a-zäöüß])")


def _before(text: str) -> str:
    """Before the Roman numerals: a street glued to its abbreviation (Goethestr.), days
    (Mo.–Fr.: Montag bis Freitag), and `Fr.` before a name (Frau)."""
    text = sub(_STREET, text, lambda m: f"{m[1]}straße")
    text = sub(_DAY_RANGE, text, lambda m: f"{_DAYS[m[1]]} bis {_DAYS[m[2]]}")
    return sub(_MRS, text, lambda m: "Frau")


def _one(m: re.Match[str]) -> str:
    """`kostet 1 €`, `für 1 Tag`: einen before a masculine noun after these words."""
    noun = "Euro" if m[2] == "€" else m[2]
    if m[1].lower() not in _ACCUSATIVE or noun.lower() not in MASCULINE:
        return m[0]
    return f"{m[1]} einen {noun}"


def _own(text: str, doubts: Doubts) -> str:
    """Numeric dates (3.10.2024) and ordinals (am 3. Oktober, im 19. Jahrhundert);
    `einen` where the case asks for it."""
    text = sub(_ONE_AFTER, text, _one)

    def date(m: re.Match[str]) -> str:
        day, month = int(m[1]), int(m[2])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return m[0]
        before = _TWO_BEFORE.search(m.string[: m.start()])
        said = f"{ordinal(day, before[1] if before else '')} {MONTHS[month - 1]}"
        if m[3]:
            year = int(m[3]) if len(m[3]) == 4 else 2000 + int(m[3])
            said += f" {_year(year)}"
        return said

    text = sub(_NUMERIC_DATE, text, date)

    def one(m: re.Match[str]) -> str:
        after = m[2].strip(".,;:!?)")
        before = _TWO_BEFORE.search(m.string[: m.start()])
        words_before = before[1] if before else ""
        word = words_before.split()[-1] if words_before else ""
        rest = m.string[m.end() :]
        if (
            after in _MONTH_NAMES
            or after in _ORDINAL_NOUNS
            or (
                word.lower() in _WEAK_E | _WEAK_EN
                and (after[:1].isupper() or after in ("bis", "und", "oder"))
            )
        ):
            return ordinal(int(m[1]), words_before, after)
        if not rest.strip() or not after[:1].isupper():
            return m[0]  # the end of a sentence: `Ich bin 25.`
        return doubts.add(m[0], "an ordinal or the end of a sentence")

    return sub(_ORDINAL, text, one)


LOCALE = Locale(
    n2w="de",
    decimal=",",
    point="Komma",
    percent="Prozent",
    plus="plus",
    through="bis",
    months=MONTHS,
    abbreviations=ABBREVIATIONS,
    currencies={
        "€": Currency("Euro", "Euro", "Cent"),
        "$": Currency("Dollar", "Dollar", "Cent"),
        "£": Currency("Pfund", "Pfund", "Pence"),
    },
    cents_joiner=" ",
    not_years=_NOT_YEARS,
    stop_words=_STOP,
    digit_decimals=True,
    clock=_clock,
    counted=_counted,
    ordinal=ordinal,
    regnal=_regnal,
    day_month=_day_month,
    year=_year,
    own=_own,
    before=_before,
    numbered=wordset(
        "Teil Band Kapitel Akt Szene Abschnitt Artikel Stufe Phase Typ Level Staffel Folge "
        "Heft Buch Tabelle Anhang Lektion"
    ),
    clock_pattern=re.compile(
        r"(?<![\d.,:])(\d{1,2})(?::(\d{2})|\.(\d{2})(?=\s*Uhr))(?:\s*Uhr)?(?![\d:])"
        r"|(?<![\d.,:])(\d{1,2})\s*Uhr"
    ),
)
