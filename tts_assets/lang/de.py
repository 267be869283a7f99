"""German: `17:00 Uhr` siebzehn Uhr, `am 3. Oktober` am dritten Oktober, `1998`
neunzehnhundertachtundneunzig, `Ludwig XIV.` Ludwig der Vierzehnte, `250.000`, `3,5`."""

from __future__ import annotations

import re

from ..readings.numbers.common import two_words_before, words, wordset
from ..readings.numbers.draft import Doubts, Draft
from ..readings.numbers.gender import guess_feminine
from ..readings.numbers.latin import Currency, LatinRules
from ..readings.numbers.units import Unit

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
    "ab dem den des am im vom zum zur beim bis seit einem einen eines einer diesem diesen "
    "ihrem ihren seinem seinen meinem meinen unserem"
)
_MOVING = wordset("von vom mit bei beim unter zu zum nach aus seit gegen über")
_DATIVE = wordset("in an auf mit bei von zu nach aus seit vor hinter unter über neben")
FEMININE = wordset(
    "stunde minute sekunde woche person flasche tasse uhr nacht frau tochter schwester "
    "sprache stadt straße klasse seite frage antwort idee reise karte banane tomate "
    "kartoffel zwiebel orange birne kugel pizza"
)
MASCULINE = wordset(
    "tag monat euro cent meter kilometer mann sohn bruder apfel stock platz preis "
    "schritt liter dollar franken freund hund tisch stuhl zug bus film kaffee tee kuchen "
    "koffer schlüssel brief ball baum berg see fluss weg wagen vater onkel kollege gast "
    "arzt termin kurs satz text fehler raum garten"
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
_ORDINAL = re.compile(r"(?<![\d.,])(\d{1,3})\.(?=\s*(\S{1,40}))")
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
_NEUTER = wordset(
    "kilo kilogramm gramm pfund glas stück brot jahr jahrzehnt jahrhundert dutzend paket "
    "ei fass blatt mal prozent haus zimmer semester kind buch auto bett fenster wort bild "
    "problem"
)
_HALF = (
    ("ein halber", "eine halbe", "ein halbes"),
    ("einen halben", "eine halbe", "ein halbes"),
    ("einem halben", "einer halben", "einem halben"),
)
"""Half before a noun: nominative, accusative, dative; masculine, feminine, neuter."""
_PARTS = ("Drittel", "Viertel", "Fünftel", "Sechstel", "Siebtel", "Achtel", "Neuntel", "Zehntel")
_STREET = re.compile(r"\b([A-ZÄÖÜ][a-zäöüß]+)str\.(?=\s|$|,)")
_DAYS = {
    "Mo": "Montag", "Di": "Dienstag", "Mi": "Mittwoch", "Do": "Donnerstag", "Fr": "Freitag",
    "Sa": "Samstag", "So": "Sonntag",
}  # fmt: skip
_DAY_RANGE = re.compile(r"\b(Mo|Di|Mi|Do|Fr|Sa|So)\.?\s?[-–]\s?(Mo|Di|Mi|Do|Fr|Sa|So)\b\.?")
_TIMES = re.compile(
    r"(?<![\d.,])(\d{1,3})\s?[x×](?=\s+(?:pro|am|im|in|die|jede[nmrs]?|täglich|wöchentlich|"
    r"monatlich|jährlich)\b)"
)
"""`3 x pro Woche`: dreimal (times), before a word that says how often."""
_MRS = re.compile(r"\bFr\.(?=\s+[A-ZÄÖÜ][a-zäöüß])")


UNITS = {
    "km": Unit("Kilometer", "Kilometer"), "m": Unit("Meter", "Meter"),
    "cm": Unit("Zentimeter", "Zentimeter"), "mm": Unit("Millimeter", "Millimeter"),
    "kg": Unit("Kilogramm", "Kilogramm", "n"), "g": Unit("Gramm", "Gramm", "n"),
    "mg": Unit("Milligramm", "Milligramm", "n"), "t": Unit("Tonne", "Tonnen", "f"),
    "l": Unit("Liter", "Liter"), "L": Unit("Liter", "Liter"),
    "ml": Unit("Milliliter", "Milliliter"), "mL": Unit("Milliliter", "Milliliter"),
    "h": Unit("Stunde", "Stunden", "f"), "Std.": Unit("Stunde", "Stunden", "f"),
    "min": Unit("Minute", "Minuten", "f"), "Min.": Unit("Minute", "Minuten", "f"),
    "min.": Unit("Minute", "Minuten", "f"), "Min": Unit("Minute", "Minuten", "f"),
    "s": Unit("Sekunde", "Sekunden", "f"), "Sek.": Unit("Sekunde", "Sekunden", "f"),
    "ms": Unit("Millisekunde", "Millisekunden", "f"),
    "km/h": Unit("Kilometer pro Stunde", "Kilometer pro Stunde"),
    "m/s": Unit("Meter pro Sekunde", "Meter pro Sekunde"),
    "m²": Unit("Quadratmeter", "Quadratmeter"), "qm": Unit("Quadratmeter", "Quadratmeter"),
    "km²": Unit("Quadratkilometer", "Quadratkilometer"), "ha": Unit("Hektar", "Hektar"),
    "‰": Unit("Promille", "Promille", "n"), "EL": Unit("Esslöffel", "Esslöffel"),
    "TL": Unit("Teelöffel", "Teelöffel"), "Tsd.": Unit("Tausend", "Tausend", "n"),
    "Mio.": Unit("Million", "Millionen", "f"), "Mrd.": Unit("Milliarde", "Milliarden", "f"),
}  # fmt: skip
"""Units after a number (`5 km` fünf Kilometer, `1 h` eine Stunde)."""

CURRENCIES = {
    "€": Currency("Euro", "Euro", "Cent"),
    "$": Currency("Dollar", "Dollar", "Cent"),
    "£": Currency("Pfund", "Pfund", "Pence"),
    "CHF": Currency("Franken", "Franken", "Rappen"),
    "¥": Currency("Yen", "Yen", "Sen"),
}


BOOKS = (
    "Genesis", "Exodus", "Psalm", "Psalmen", "Sprüche", "Jesaja", "Matthäus", "Markus",
    "Lukas", "Johannes", "Apostelgeschichte", "Römer", "Korinther", "Galater", "Epheser",
    "Offenbarung",
)  # fmt: skip
BOOK_ALIASES = {
    "Gen": "Genesis", "Ex": "Exodus", "Ps": "Psalm", "Mt": "Matthäus", "Mk": "Markus",
    "Lk": "Lukas", "Joh": "Johannes", "Röm": "Römer", "Offb": "Offenbarung",
}  # fmt: skip
"""Books of the Bible before a verse reference (`Johannes 3,16`), abbreviations said whole."""


class German(LatinRules):
    """German: ordinals with the endings their case asks for, `ein Uhr`, `einen Euro`."""

    code = "de"
    equals = "gleich"
    duration_words = wordset("dauert dauern dauerte dauerten")
    books = BOOKS
    book_aliases = BOOK_ALIASES
    verse_form = "{book} Kapitel {chapter}, Vers {verse}"
    verse_through = "bis"
    n2w = "de"
    decimal = ","
    point = "Komma"
    percent = "Prozent"
    through = "bis"
    months = MONTHS
    abbreviations = ABBREVIATIONS
    currencies = CURRENCIES
    not_years = _NOT_YEARS
    stop_words = _STOP
    digit_decimals = True
    numbered = wordset(
        "Teil Band Kapitel Akt Szene Abschnitt Artikel Stufe Phase Typ Level Staffel Folge "
        "Heft Buch Tabelle Anhang Lektion"
    )
    clock_pattern = re.compile(
        r"(?<![\d.,:])(\d{1,2})(?::(\d{2})|\.(\d{2})(?=\s*Uhr))(?:\s*Uhr)?(?![\d:])"
        r"|(?<![\d.,:])(\d{1,2})\s*Uhr"
    )
    date_pattern = _NUMERIC_DATE
    degrees = ("Grad", "Grad")
    units = UNITS
    phone_words = wordset(
        "nummer telefon telefonnummer handy handynummer tel fax ruf rufen anrufen erreichbar"
    )
    code_words = wordset("pin plz postleitzahl code pincode geheimzahl tan vorwahl")
    copulas = wordset("ist lautet war")
    ordinal_dot = True
    time_words = wordset("um gegen")
    time_or_date_words = wordset("ab bis von zwischen")
    all_week = "vierundzwanzig sieben"
    ratio = " zu "
    ratio_words = wordset(
        "verhältnis mischverhältnis maßstab quote spiel sieg niederlage gewann gewinnt "
        "gewonnen verlor verliert verloren endete endet steht stand endstand halbzeit "
        "ergebnis tore remis unentschieden"
    )
    emergency = wordset("110 112")
    emergency_words = wordset(
        "die notruf notrufnummer wähle wählen wählt wählen ruf rufe rufen ruft anrufen unter"
    )

    def said_cardinal(self, value: int) -> str:
        """As said: hundert and tausend, not einhundert and eintausend."""
        said = self.cardinal(value)
        return said[3:] if said.startswith(("einhundert", "eintausend")) else said

    def alone(self, value: int) -> str:
        return self.said_cardinal(value)

    def counted(self, value: int, noun: str, gender: str, doubts: Doubts) -> str:
        said = self.said_cardinal(value)
        if noun and said.endswith("eins") and value % 100 != 11:
            if noun == "Uhr":
                return said[:-1]
            feminine = gender == "f" or (
                gender != "m"
                and guess_feminine(noun, FEMININE, MASCULINE, _FEMININE_ENDINGS, ("er", "ling"))
                is True
            )
            return said[:-1] + ("e" if feminine else "")
        return said

    def ordinal(self, value: int, before: str, after: str = "") -> str:
        """`3` as dritte, dritten or dritter, by the article or preposition before it
        (`before`: the words before it; `in der 2. Klasse` is dative)."""
        stem = words(value, "de", "ordinal")  # dritte
        said = before.lower().split()
        word = said[-1] if said else ""
        if word in _WEAK_EN or (word == "der" and len(said) > 1 and said[-2] in _DATIVE):
            return stem + "n"
        if word in _WEAK_E:
            return stem
        # No article: the ending of the noun's gender (dritter Versuch, drittes Mal).
        noun = after.lower()
        if noun in _NEUTER:
            return stem + "s"
        if noun in FEMININE or (noun and noun.endswith(_FEMININE_ENDINGS)):
            return stem
        return stem + "r"

    def regnal(self, value: int, name: str, before: str) -> str | None:
        stem = words(value, "de", "ordinal").capitalize()
        if before.lower() in _MOVING:
            return f"dem {stem}n"
        return f"der {stem}"

    def day_month(self, day: int, between: str, month: str, before: str) -> str:
        return f"{self.ordinal(day, before)} {month}"

    def clock(self, hour: int, minute: int) -> str:
        said = "ein" if hour == 1 else self.cardinal(hour)
        return f"{said} Uhr" + (f" {self.cardinal(minute)}" if minute else "")

    def year(self, value: int) -> str:
        return words(value, "de", "year")

    def fraction(
        self, numerator: int, denominator: int, noun: str, before: str, doubts: Doubts
    ) -> str:
        """`1/2 Liter` ein halber Liter (einen halben after `kaufe`, einem halben after
        `mit`), `3/4 Liter` drei Viertel Liter, `1/3` ein Drittel."""
        if denominator == 2:
            if not noun:
                return "ein halb"
            word = before.lower()
            case = 1 if word in _ACCUSATIVE else 2 if word in _DATIVE else 0
            return f"{_HALF[case][self._gender(noun, doubts)]} {noun}"
        said = "ein" if numerator == 1 else self.said_cardinal(numerator)
        return f"{said} {_PARTS[denominator - 3]}" + (f" {noun}" if noun else "")

    def and_a_half(self, value: int) -> str:
        said = self.said_cardinal(value)
        return said.removesuffix("s") + "einhalb"

    def _gender(self, noun: str, doubts: Doubts) -> int:
        """0 masculine, 1 feminine, 2 neuter: from the word lists, else masculine, noted."""
        if noun.lower() in _NEUTER:
            return 2
        feminine = guess_feminine(noun, FEMININE, MASCULINE, _FEMININE_ENDINGS, ("er", "ling"))
        if feminine is None:
            doubts.note(f"1/2 {noun}: the noun's gender is unknown; said as masculine")
        return 1 if feminine else 0

    def not_a_date(self, m: re.Match[str], doubts: Doubts) -> str:
        return m[0]  # `um 9.30.`: read by the later passes

    def early(self, draft: Draft) -> None:
        """A street glued to its abbreviation (Goethestr.), days (Mo.–Fr.: Montag bis
        Freitag), `Fr.` before a name (Frau), and `3 x pro Woche` (dreimal)."""
        draft.sub(_STREET, lambda m: f"{m[1]}straße")
        draft.sub(_DAY_RANGE, lambda m: f"{_DAYS[m[1]]} bis {_DAYS[m[2]]}")
        draft.sub(_MRS, lambda m: "Frau")
        draft.sub(
            _TIMES, lambda m: ("ein" if m[1] == "1" else self.said_cardinal(int(m[1]))) + "mal"
        )

    def own(self, draft: Draft) -> None:
        """Ordinals (am 3. Oktober, im 19. Jahrhundert); `einen` where the case asks."""
        draft.sub(_ONE_AFTER, _one)
        doubts = draft.doubts

        def one(m: re.Match[str]) -> str:
            after = m[2].strip(".,;:!?)")
            words_before = two_words_before(m.string, m.start())
            word = words_before.split()[-1] if words_before else ""
            if (
                after in _MONTH_NAMES
                or after in _ORDINAL_NOUNS
                or (
                    word.lower() in _WEAK_E | _WEAK_EN
                    and (after[:1].isupper() or after in ("bis", "und", "oder"))
                )
            ):
                return self.ordinal(int(m[1]), words_before, after)
            if _END.match(m.string, m.end()) or not after[:1].isupper():
                return m[0]  # the end of a sentence: `Ich bin 25.`
            return doubts.add(m[0], "an ordinal or the end of a sentence")

        draft.sub(_ORDINAL, one)


_END = re.compile(r"\s*\Z")


_ONE = (("einen", "eine", "ein"), ("einem", "einer", "einem"))
"""`1` as the article its case and gender ask for: accusative, dative (m, f, n)."""


def _one(m: re.Match[str]) -> str:
    """`kostet 1 €`, `für 1 Tag`: einen before a masculine noun after these words;
    `mit 1 Freund`, `seit 1 Woche`: einem, einer after a preposition taking the dative.
    A noun of unknown gender is left to the later passes (`ein`)."""
    noun = {"€": "Euro", "CHF": "Franken"}.get(m[2], m[2])
    word = m[1].lower()
    case = 0 if word in _ACCUSATIVE else 1 if word in _DATIVE else None
    if case is None or noun == "Uhr":  # um 1 Uhr: a clock time (`clock`), ein Uhr
        return m[0]
    if noun.lower() in _NEUTER:
        gender = 2
    else:
        feminine = guess_feminine(noun, FEMININE, MASCULINE, _FEMININE_ENDINGS, ("er", "ling"))
        if feminine is None:
            return m[0]
        gender = 1 if feminine else 0
    return f"{m[1]} {_ONE[case][gender]} {noun}"
