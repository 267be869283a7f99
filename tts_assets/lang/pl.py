"""Polish: `5 km` pięć kilometrów, `2 km` dwa kilometry, `2 godziny` dwie godziny, `3 maja
2024 r.` trzeciego maja dwa tysiące dwudziestego czwartego roku, `o 17:30` o siedemnastej
trzydzieści, `25,50 zł` dwadzieścia pięć złotych pięćdziesiąt groszy, `XIX wiek`
dziewiętnasty wiek, `Jan Paweł II` Jan Paweł Drugi, `600 123 456` sześćset, sto
dwadzieścia trzy, czterysta pięćdziesiąt sześć.

A noun after a number takes one of three forms (`Unit.few`): the singular after one, the
plural after 2, 3 and 4 (22, 23, 24 ... but not 12 to 14), the genitive plural after the
rest; the genitive singular after a number with decimals (`2,5 kilometra`). One, two and
their compounds agree with the noun's gender (jeden, jedna, jedno; dwa, dwie), and a
number counting men is said in its genitive (`5 studentów` pięciu studentów). Days,
years, hours and numbered things are ordinals, declined by the preposition or the noun
beside them (`w 2024 roku` w dwa tysiące dwudziestym czwartym roku; `od 3 maja`
od trzeciego maja; `przed 17:00` przed siedemnastą). Number words and ordinals come from
num2words; their cases are made here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import ClassVar

from ..languages.profile import wordset
from ..readings.numbers.common import (
    ROMAN,
    roman,
    two_words_before,
    word_before,
    words,
    words_before,
)
from ..readings.numbers.draft import Doubts, Draft, Unsayable
from ..readings.numbers.latin import Currency, LatinRules
from ..readings.numbers.units import Unit

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d)|\d+(?:,\d+)?"
_MONEY_AFTER = re.compile(rf"(?<![\d.,])({_NUM})\s?(zł|PLN|gr|€|EUR|\$|USD|£|GBP|CHF)(?![\w$€£])")
_MONEY_OF_MANY = re.compile(
    r"\b((?:tysi|milion|miliard)\w*)\s+(zł|PLN|€|EUR|\$|USD|£|GBP|CHF)(?![\w$€£])"
)
"""`2 mln zł` (the unit said first: dwa miliony zł): the currency in the genitive plural."""
_MONEY_BEFORE = re.compile(rf"(?<![\w$€£])([$€£])\s?({_NUM})")
_CLOCK = re.compile(r"(?<![\d.,:])(\d{1,2})([:.])(\d{2})(?![\d:]|[.,]\d)")
_HOUR_ALONE = re.compile(
    r"\b(godzin(?:a|y|ie|ą|ę))\s+(\d{1,2})(?![\d:]|[.,]\d|\s?(?:h|min|godz))", re.IGNORECASE
)
_BARE_HOURS = re.compile(
    r"\b([Oo]|[Oo]d)\s+(\d{1,2})(?:\s+do\s+(\d{1,2}))?(?![\d.,:]?\d)(?=\s*[,.;:!?)]|\s*$)"
)
"""`o 8.`, `od 9 do 17.`: whole hours without `godz.` or minutes, at a clause's end."""
_TIMES = re.compile(r"(?<=\d)\s?[x×]\s?(?=\d)")
"""`2 x 30 zł`: dwa razy trzydzieści złotych."""
_ABBREVIATED_HOUR = re.compile(r"(?<!\w)godz\.(?=\s*\d)")
_ABBREVIATED_PAGE = re.compile(r"(?<![\w.])s(?:tr)?\.(?=\s*(\d+\s?[-–]\s?)?\d)")
_RATIO = re.compile(r"(?<![\d.,:])(\d{1,3}):(\d{1,3})(?![\d:]|[.,]\d)")
_POSTCODE = re.compile(r"(?<![\d-])(\d{2})-(\d{3})(?![\d-])(?=\s+[A-ZĄĆĘŁŃÓŚŹŻ])")
_YEAR_NOUN = re.compile(r"(?<![\d.,])(\d{3,4})(\s+)(roku|rok|rokiem)\b")
_YEARS_NOUN = re.compile(
    r"\b([Ww]e?)\s+(\d{4}(?:,\s\d{4}){0,8})\s+(i|oraz|lub|albo)\s+(\d{4})\s+roku\b"
)
"""A list of years before `roku` (`w 1998, 2004 i 2010 roku`): each in the case of the
last."""
_FOUR_DIGITS = re.compile(r"\d{4}")
_YEAR_AFTER = re.compile(
    r"\b([Rr]oku?|[Ww]e?|[Oo]d|[Dd]o|[Pp]o|[Pp]rzed|[Ss]przed)\s+(\d{4})(?![\d.,]?\d)"
    r"(?=\s*(?:[,.;:!?)]|$)|\s+[^\W\d_]*(?:łem|łam|łeś|łaś|ł|ła|ło|li|ły|liśmy|łyśmy)\b)"
)
"""A year after `w`, `od`, `do`, `po`, `przed` or `rok`: before a stop, or before a verb
in the past tense (`W 2010 skończyłem studia.`), never before a noun it may count (`w
2000 miejscach`, `do 2000 osób`)."""
_GENITIVE_BEFORE_NUMBERS = wordset("od do około bez dla koło sprzed wśród spośród")
"""Prepositions after which a number is said in the genitive (`od pięciu lat`); `z`
(genitive or instrumental) and `po` are left as they are."""
_GENITIVE_NUMBER = (
    rf"\b((?i:{'|'.join(sorted(_GENITIVE_BEFORE_NUMBERS))}))\s+(\d{{1,12}})(?![\d.,:/–-]?\d)"
)
"""A whole number after a preposition taking the genitive: the preposition (1), the number (2)."""
_AFTER_GENITIVE = _GENITIVE_NUMBER + r"(?=\s+[^\W\d_]|\s*[,.;:!?)]|\s*$)"
"""Such a number before a word or a stop (not before a month: `do 5 maja` is a date)."""
_PERCENT_AFTER_GENITIVE = re.compile(
    _GENITIVE_NUMBER.replace(r"(?![\d.,:/–-]?\d)", r"(,\d+)?") + r"\s?%"
)
"""`do 5,1%`: do pięciu przecinek jeden procent, the whole part in the genitive."""
_WORD_AFTER = re.compile(r"\s+([^\W\d_]+)")
_FOUR_DIGITS_NOUN = re.compile(r"(?<![\d.,–-])(\d{4})(\s+)([^\W\d_]+)")
"""A four-digit number before a word: an amount (years and ranges are read before it)."""
_ORDINAL_DOT = re.compile(r"(?<![\d.,])(\d{1,3})\.\s+([^\W\d_]+)")
_NOUN_ORDINAL = re.compile(r"\b([^\W\d_]+)\s+([IVXLC]{1,7})\b(?!\.\w)")
_ORDINAL_NOUN = re.compile(r"(?<![\w.])([IVXLC]{1,7})\s+(w\.(?!\w)|[^\W\d_]+)")
_LONG_YEAR = range(1000, 2100)
_DAYS_NAMED = frozenset(["dziś", "dzisiaj", "jutro", "wczoraj", "pojutrze", "przedwczoraj"])
_BE = frozenset(["jest", "był", "będzie"])
"""A day (dziś, jutro ...) and `być`: the date after them names the day, in the
nominative (Poradnia PWN: `Dziś jest trzeci maja`), not when it falls (`Egzamin jest
3 maja`: trzeciego)."""
_PAST_TENSE = re.compile(r"[^\W\d_]+(?:łem|łam|łeś|łaś|liśmy|łyśmy|łyście|liście)")
"""A verb in the past tense, its person said (`zjadłem`, `przeczytałam`): a fraction
after it is its object, in the accusative (PWN, Składnia liczebnika)."""
_RANGE = (
    r"(?<![\d.,:/-])(\d{1,4})\s?[-–]\s?(\d{1,4})(?![\d.,:/-]?\d)(\s+(?:FORMS)(?!\w)|\s+[^\W\d_]+)?"
)
"""A range, the noun after it any form of a unit's (`FORMS`) or a word."""


def _one(noun: str, gender: str) -> str:
    """`1` before a noun in the singular, by its gender (the content's, else its form):
    jeden kilometr, jedna godzina, jedno jabłko, jedną godzinę (a feminine accusative)."""
    if noun.endswith(("ę", "ą")) and noun not in Polish.neuter_in_e:
        return "jedną"
    if noun in Polish.animate_accusative:
        return "jednego"
    if not gender:
        feminine = noun in Polish.feminine_words or (
            noun.endswith("a") and noun not in Polish.masculine_words
        )
        neuter = noun.endswith(Polish.neuter_endings) and not noun.endswith("ie")
        gender = "f" if feminine else "n" if neuter or noun in Polish.neuter_in_e else "m"
    return {"f": "jedna", "n": "jedno"}.get(gender, "jeden")


def ordinal(value: int, case: str = "nom", gender: str = "m") -> str:
    """`value` as an ordinal in `case` (nom gen dat acc ins loc) and `gender` (m f n):
    `3, "gen"` trzeciego, `17, "loc", "f"` siedemnastej, `2024, "loc"` dwa tysiące
    dwudziestym czwartym (the thousands and hundreds of a compound stay cardinals)."""
    said = words(value, "pl", "ordinal").split()
    return " ".join(_declined(word, case, gender) for word in said)


def _declined(word: str, case: str, gender: str) -> str:
    """One word of an ordinal (pierwszy, drugi, trzeci) in `case` and `gender`."""
    if word in Polish.cardinal_in_ordinals or word[-1:] not in ("y", "i"):
        return word
    ending = Polish.ordinal_endings[gender][case]
    stem = word[:-1]
    if word.endswith("y"):
        return stem + ending
    if ending.startswith("y"):
        return stem + "i" + ending[1:]
    if stem.endswith(("k", "g")) and ending[0] in "aą":
        return stem + ending  # druga, drugą; but trzecia
    return stem + "i" + ending


def plural_form(value: int) -> str:
    """Which form of a noun a whole number takes: `one` (1), `few` (2-4, 22-24 ..., not
    12-14) or `many` (the genitive plural: 0, 5-21, 25 ...)."""
    if value == 1:
        return "one"
    if value % 10 in (2, 3, 4) and value % 100 not in (12, 13, 14):
        return "few"
    return "many"


def noun_after(unit: Unit, units: int, frac: str | None) -> str:
    """`unit`'s noun after a number: its genitive singular after decimals, else the form
    the whole number takes (`plural_form`)."""
    if frac is not None:
        return unit.part or unit.many
    form = plural_form(units)
    return {"one": unit.one, "few": unit.few or unit.many}.get(form, unit.many)


class Polish(LatinRules, data="pl.toml"):
    """Polish, over the Latin passes: three plural forms, gender and men agreeing, cases
    of ordinals from the preposition before them; money, hours, years, ranges and ratios
    in its own pass, where the case is known."""

    currencies: ClassVar[Mapping[str, Currency]] = {}

    genitives: ClassVar[Mapping[str, str]]
    scale_words: ClassVar[frozenset[str]]
    virile_nouns: ClassVar[frozenset[str]]
    collective: ClassVar[Mapping[int, str]]
    neuter_endings: ClassVar[tuple[str, ...]]
    animate_accusative: ClassVar[frozenset[str]]
    neuter_in_e: ClassVar[frozenset[str]]
    ordinal_nouns: ClassVar[Mapping[str, tuple[str, str]]]
    ordinal_endings: ClassVar[Mapping[str, Mapping[str, str]]]
    cardinal_in_ordinals: ClassVar[frozenset[str]]
    open_words: ClassVar[frozenset[str]]
    hour_cases: ClassVar[Mapping[str, str]]
    prepositions: ClassVar[Mapping[str, frozenset[str]]]
    name_endings: ClassVar[Mapping[str, str]]
    page_cases: ClassVar[Mapping[str, str]]
    street_abbreviations: ClassVar[Mapping[str, Mapping[str, str]]]
    title_abbreviations: ClassVar[Mapping[str, Mapping[str, str]]]
    """Polish's word lists and tables: what each is, `pl.toml` says."""

    money: ClassVar[Mapping[str, tuple[Unit, ...]]]
    """A currency's noun and its hundredth's (none for `gr`), by its sign (`pl.toml`)."""

    @functools.cached_property
    def _unit_of_form(self) -> dict[str, Unit]:
        return {form: unit for unit in self.units.values() for form in unit.forms}

    def duration(self, hours: int, minutes: int, doubts: Doubts) -> str:
        """`trwa 1h30`: godzinę trzydzieści (the accusative a duration takes)."""
        if hours == 1:
            return f"godzinę {self.cardinal(minutes)}"
        return super().duration(hours, minutes, doubts)

    def verse(self, book: str, chapter: int, verse: int, last: int | None) -> str:
        """`Jana 3,16`: Jana, rozdział trzeci, werset szesnasty (ordinals); a range of
        verses is said as written and noted."""
        if last is not None:
            raise Unsayable("a range of verses")
        chapter_said, verse_said = (words(v, "pl", "ordinal") for v in (chapter, verse))
        return f"{book}, rozdział {chapter_said}, werset {verse_said}"

    def cardinal(self, value: int) -> str:
        return words(value, "pl")

    def genitive(self, value: int) -> str:
        """A whole number in the genitive: `od pięciu do dziesięciu`, `jednego`."""
        if value == 1:
            return "jednego"
        return " ".join(self.genitives.get(w, w) for w in self.cardinal(value).split())

    def virile(self, value: int) -> str:
        """A number counting men: its numerals in the genitive, its thousands and
        millions (nouns) as they are (`1200 ludzi` tysiąc dwustu ludzi, `2000 ludzi`
        dwa tysiące ludzi)."""
        if value % 1000 == 0:
            return self.cardinal(value)
        said = self.cardinal(value).split()
        return " ".join(w if w in self.scale_words else self.genitives.get(w, w) for w in said)

    def unit_noun(self, unit: Unit, units: int, frac: str | None) -> str:
        return noun_after(unit, units, frac)

    def counted(self, value: int, noun: str, gender: str, doubts: Doubts) -> str:
        """The number agreeing with `noun`: jeden/jedna/jedno, dwa/dwie, the genitive
        for men (`pięciu studentów`), the collective for children (`troje dzieci`)."""
        word = noun.lower()
        if value >= 2 and word in self.virile_nouns:
            return self.virile(value)
        if word == "dzieci" and value in self.collective:
            return self.collective[value]
        said = self.cardinal(value)
        if value == 1:
            return _one(word, gender)
        feminine = gender == "f" or (not gender and word in self.feminine_words)
        if feminine and said.endswith("dwa") and plural_form(value) == "few":
            return said[:-3] + "dwie"
        return said

    def ordinal(self, value: int, before: str, after: str = "") -> str:
        """After a preposition (`before`): its case; masculine (a day, a year)."""
        return ordinal(value, _case(before), "m")

    def regnal(self, value: int, name: str, before: str) -> str | None:
        """`Jan Paweł II` Jan Paweł Drugi, `Elżbieta II` Elżbieta Druga, `Jana Pawła II`
        Jana Pawła Drugiego."""
        if name in self.feminine_names:
            gender, case = "f", "nom"
        else:
            gender, case = "m", _name_case(name)
        return ordinal(value, case, gender).capitalize()

    def day_month(self, day: int, between: str, month: str, before: str) -> str:
        """`3 maja` trzeciego maja (the genitive; `przed 3 maja` przed trzecim maja); the
        date a day is (`Dziś jest 3 maja` trzeci maja: the nominative, naming the day)."""
        said = before.lower().split()
        if said[-2:-1] and said[-2] in _DAYS_NAMED and said[-1] in _BE:
            case = "nom"
        else:
            case = "ins" if _case(before) == "ins" else "gen"
        return f"{ordinal(day, case)} {month}"

    def said_date(self, m: re.Match[str], day: int, month: int, year: int | None) -> str:
        """`3.05.2024` trzeciego maja dwa tysiące dwudziestego czwartego roku."""
        before = two_words_before(m.string, m.start())
        said = self.day_month(day, " ", self.months[month - 1], before)
        if year is None:
            return said
        return f"{said} {_year_of_date(year, m.string, m.end())}"

    def not_a_date(self, m: re.Match[str], doubts: Doubts) -> str:
        return m[0]  # `o 17.30.`: a time, read by `own`

    def clock(self, hour: int, minute: int) -> str:
        return _clock(hour, minute, "nom")

    def fraction(
        self, numerator: int, denominator: int, noun: str, before: str, doubts: Doubts
    ) -> str:
        """`1/2` pół, `1/3` jedna trzecia, `3/4 litra` trzy czwarte litra, `5/8` pięć ósmych;
        one part in the case the word before gives it (`około 1/3` jednej trzeciej, the
        object of a verb in the past tense `zjadłem 1/3` jedną trzecią); more parts in
        a case other than the nominative and accusative said so, and noted."""
        if (numerator, denominator) == (1, 2):
            said = "pół"
        else:
            form = plural_form(numerator)
            word = before.lower()
            case = _CASE_OF.get(word) or ("acc" if _PAST_TENSE.fullmatch(word) else "nom")
            if (case == "nom" and word) if form == "one" else case not in ("nom", "acc"):
                # One part: the subject or an object (the verb tells, jedna or jedną);
                # more: a case not said here (their nominative is their accusative).
                doubts.note(f"{numerator}/{denominator}: its case guessed")
            if form == "one":
                one = "jedną" if case in ("acc", "ins") else "jedna" if case == "nom" else "jednej"
                said = f"{one} {ordinal(denominator, case, 'f')}"
            else:
                part = ordinal(denominator, "nom" if form == "few" else "gen", "f")
                if form == "few":
                    part = part[:-1] + "e"  # trzy czwarte: the plural
                said = f"{self.counted(numerator, '', 'f', doubts)} {part}"
        return f"{said} {noun}" if noun else said

    def range_from(self, first: str, years: bool, before: str) -> str:
        return f"{first}, "  # `2,5-3 km`: dwa przecinek pięć, trzy kilometry

    def abbreviated(self, draft: Draft) -> None:
        """A page (`s. 12`, `str. 12`) and a street (`ul.`, `al.`) in the case the
        sentence gives them, before the lists' abbreviations (where `s.` has two meanings)."""
        draft.sub(_ABBREVIATED_PAGE, lambda m: _page_word(m, draft.doubts))
        streets = "|".join(map(re.escape, self.street_abbreviations))
        street = self.pattern("street", rf"(?<![\w.])((?i:{streets}))(?=\s+(\w+))")
        draft.sub(street, self._street)
        titles = "|".join(map(re.escape, self.title_abbreviations))
        name = r"(?=\s+([^\W\d_]\w+))"  # a name, or a noun (`z ks. proboszczem`)
        title = self.pattern("title", rf"(?<![\w.])((?i:{titles}))(?!\w)\.?{name}")
        draft.sub(title, self._title)
        super().abbreviated(draft)

    def _title(self, m: re.Match[str]) -> str:
        """A man's title in the case his name shows: -em instrumental, -owi or -emu dative, -ego
        (or -a after a preposition of the genitive) genitive, -im or -ym the case of the
        preposition before (`z` instrumental); else the nominative."""
        forms = self.title_abbreviations[m[1].lower()]
        name, before = m[2], word_before(m.string, m.start()).lower()
        if name.endswith(("im", "ym")) and (before in ("z", "ze") or _case(before) != "nom"):
            case = "ins" if before in ("z", "ze") else _case(before)
        elif name.endswith("em"):
            case = "ins"
        elif name.endswith(("owi", "emu")):
            case = "dat"
        elif name.endswith("ego") or (name.endswith("a") and _case(before) == "gen"):
            case = "gen"
        else:
            case = "nom"
        said = forms[case]
        return said.capitalize() if m[1][0].isupper() else said

    def _street(self, m: re.Match[str]) -> str:
        forms = self.street_abbreviations[m[1].lower()]
        before = _CASE_OF.get(word_before(m.string, m.start()).lower(), "nom")
        name = m[2]
        if name.endswith("ej"):
            case = before if before in ("gen", "dat", "loc") else "loc"
        elif name.endswith("ą"):
            case = "ins" if before == "ins" else "acc"
        else:
            case = before
        said = forms[case]
        return said.capitalize() if m[1][0].isupper() else said

    def early(self, draft: Draft) -> None:
        """`godz.` in the case its preposition asks; Roman numerals as ordinals before or
        after the nouns they number (`XIX wieku`, `rozdział III`) and after names (`Jan
        Paweł II`, whose letters the shared pass does not read)."""
        draft.sub(_ABBREVIATED_HOUR, _hour_word)
        draft.sub(_TIMES, lambda m: " razy ")
        draft.sub(_ORDINAL_NOUN, self._roman_before_noun)
        draft.sub(_NOUN_ORDINAL, self._roman_after_word)

    def own(self, draft: Draft) -> None:
        """What Polish says by its case, before the shared passes would say it without:
        postcodes, money, ratios, clock times, years, ranges and ordinals with a dot."""
        doubts = draft.doubts
        draft.sub(_POSTCODE, lambda m: f"{self.said_code(m[1])}, {self.said_code(m[2])}")
        draft.sub(_MONEY_OF_MANY, lambda m: f"{m[1]} {self.money[m[2]][0].many}")
        draft.sub(_MONEY_AFTER, lambda m: self._said_amount(m[1], m[2], m, doubts))
        draft.sub(_MONEY_BEFORE, lambda m: self._said_amount(m[2], m[1], m, doubts))
        draft.sub(_RATIO, self._ratio_or_time)
        draft.sub(_CLOCK, self._time)
        draft.sub(_HOUR_ALONE, self._hour_alone)
        draft.sub(_YEARS_NOUN, _years_before_noun)
        draft.sub(_YEAR_NOUN, self._year_before_noun)
        months = "|".join(self.months)
        year_of_month = self.pattern("year-of-month", rf"\b({months})\s+(\d{{4}})(?![\d.,]?\d)")
        draft.sub(year_of_month, lambda m: f"{m[1]} {_year_of_date(int(m[2]), m.string, m.end())}")
        draft.sub(_YEAR_AFTER, self._year_after_word)
        days = self.pattern(
            "day-range", rf"(?<![\d.,])(\d{{1,2}})\s?[-–]\s?(\d{{1,2}})(\s+)({months})\b"
        )
        draft.sub(
            days,
            lambda m: f"od {ordinal(int(m[1]), 'gen')} do {ordinal(int(m[2]), 'gen')}{m[3]}{m[4]}",
        )
        from_day = self.pattern(
            "from-day", rf"\b([Oo]d)\s+(\d{{1,2}})\s+do\s+(?=\d{{1,2}}\s+(?:{months})\b)"
        )
        draft.sub(from_day, lambda m: f"{m[1]} {ordinal(int(m[2]), 'gen')} do ")
        forms = sorted(self._unit_of_form, key=len, reverse=True)
        ranged = self.pattern("ranged", _RANGE.replace("FORMS", "|".join(map(re.escape, forms))))
        draft.sub(ranged, self._ranged)
        draft.sub(_BARE_HOURS, lambda m: self._bare_hours(m, doubts))
        # A unit the units pass said before the preposition was known (`ok. 2 mln`):
        # its genitive plural after a number in the genitive (około dwóch milionów).
        few = "|".join(u.few for u in self.units.values() if u.few)
        after = self.pattern(
            "after-genitive", rf"{_AFTER_GENITIVE}(?!\s+(?:{months})\b)(?:(?<!\b1)\s+({few})\b)?"
        )
        draft.sub(after, lambda m: self._after_genitive(m) + self._many(m[3]))
        draft.sub(_PERCENT_AFTER_GENITIVE, self._percent_after_genitive)
        draft.sub(_FOUR_DIGITS_NOUN, lambda m: self._counted_four(m, doubts))
        draft.sub(_ORDINAL_DOT, lambda m: self._dotted(m, doubts))

    def _bare_hours(self, m: re.Match[str], doubts: Doubts) -> str:
        """`o 8.` o ósmej, `od 9 do 17.` od dziewiątej do siedemnastej: hours as the
        clock says them, a feminine ordinal (`godzina` understood; Poradnia PWN), noted
        unless a word of `open_words` comes before (`wzrosła o 8.` may be an amount)."""
        last = m[3] and int(m[3])
        if (m[1].lower() == "od" and not last) or max(int(m[2]), last or 0) > 24:
            return m[0]
        case = _CLOCK_CASE[m[1].lower()]
        said = f"{m[1]} {_clock(int(m[2]), 0, case)}"
        said += f" do {_clock(last, 0, case)}" if last else ""
        if word_before(m.string, m.start()).lower() not in self.open_words:
            doubts.note(f"{m[0]}: hours or an amount; said as hours")
        return said

    def _hour_alone(self, m: re.Match[str]) -> str:
        hour = int(m[2])
        return f"{m[1]} {_clock(hour, 0, self.hour_cases[m[1].lower()])}" if hour <= 24 else m[0]

    def _said_amount(self, written: str, sign: str, m: re.Match[str], doubts: Doubts) -> str:
        """`25,50 zł` dwadzieścia pięć złotych pięćdziesiąt groszy, `1 €` jedno euro;
        after a preposition taking the genitive, in it (`od 5 zł` od pięciu złotych)."""
        main, *cents_of = self.money[sign]
        cents = cents_of[0] if cents_of else None
        parsed = self.parse(written)
        if parsed is None:
            return doubts.add(m[0], "the amount or its currency is unclear")
        units, frac = parsed
        if frac is not None and (len(frac) != 2 or cents is None):
            return doubts.add(m[0], "an amount with other than two decimals")
        genitive = word_before(m.string, m.start()).lower() in _GENITIVE_BEFORE_NUMBERS
        said = self._amount_of(units, main, genitive, doubts)
        if not frac or int(frac) == 0 or cents is None:
            return said
        cents_said = self._amount_of(int(frac), cents, genitive, doubts)
        return cents_said if units == 0 else f"{said} {cents_said}"

    def _amount_of(self, value: int, noun: Unit, genitive: bool, doubts: Doubts) -> str:
        """`value` of the currency `noun`: `dwa złote`, or in the genitive `dwóch złotych`."""
        if not genitive:
            said = self.counted(value, noun.one, noun.gender, doubts)
            return f"{said} {noun_after(noun, value, None)}"
        if value == 1:
            return f"{'jednej' if noun.gender == 'f' else 'jednego'} {noun.part or noun.many}"
        return f"{self.genitive(value)} {noun.many}"

    def _many(self, few: str | None) -> str:
        return f" {self._unit_of_form[few].many}" if few else ""

    def _percent_after_genitive(self, m: re.Match[str]) -> str:
        said = self._after_genitive(m)
        if m[3]:  # the decimals as the nominative says them
            point = f" {self.point} "
            said += point + self.said_number(m[2] + m[3], Doubts()).partition(point)[2]
        return f"{said} {self.percent}"

    def _after_genitive(self, m: re.Match[str]) -> str:
        """`od 5 lat` od pięciu lat, `do 1 godziny` do jednej godziny: a whole number
        after a preposition taking the genitive, before a noun or a stop."""
        value = int(m[2])
        if value == 1:
            noun = _WORD_AFTER.match(m.string, m.end())
            word = noun[1].lower() if noun else ""
            feminine = word.endswith(("y", "i")) and not word.endswith(("dni",))
            said = "jednej" if feminine else "jednego"
        else:
            said = self.genitive(value)
        return f"{m[1]} {said}"

    def _ratio_or_time(self, m: re.Match[str]) -> str:
        """`2:1` dwa do jednego (a score: the genitive after `do`); `1:10` a ratio where
        a word before says so, else left to the clock times."""
        second = m[2]
        if len(second) == 2 and (second[0] == "0" or not self.ratio_context(m.string, m.start())):
            return m[0]
        return f"{self.cardinal(int(m[1]))} do {self.genitive(int(second))}"

    def _time(self, m: re.Match[str]) -> str:
        """`17:30` siedemnasta trzydzieści, `o 17:30` o siedemnastej trzydzieści; `9.30`
        only after a word that makes it a time (`o 9.30`, `godz. 9.30`)."""
        hour, minute = int(m[1]), int(m[3])
        before = two_words_before(m.string, m.start()).lower().split()
        last = before[-1] if before else ""
        if hour > 24 or minute > 59:
            return m[0]
        if last == "a" and words_before(m.string, m.start(), 4) & {"między", "pomiędzy"}:
            case = "ins"  # między 13:00 a 14:00: między trzynastą a czternastą
        elif last in self.hour_cases:
            case = self.hour_cases[last]
        elif last in _CLOCK_CASE:
            case = _CLOCK_CASE[last]
        elif m[2] == ".":
            return m[0]
        else:
            case = "nom"
        return _clock(hour, minute, case)

    def _year_before_noun(self, m: re.Match[str]) -> str:
        """`w 2024 roku` w dwa tysiące dwudziestym czwartym roku, `2024 rok`, `przed 2020
        rokiem`."""
        noun = m[3]
        case = {"rok": "nom", "rokiem": "ins"}.get(noun)
        if case is None:
            case = "loc" if _case(word_before(m.string, m.start())) == "loc" else "gen"
        return f"{ordinal(int(m[1]), case)}{m[2]}{noun}"

    def _year_after_word(self, m: re.Match[str]) -> str:
        """`w 2024.` w dwa tysiące dwudziestym czwartym, `rok 2024` rok dwa tysiące
        dwudziesty czwarty."""
        if int(m[2]) not in _LONG_YEAR:
            return m[0]
        word = m[1].lower()
        case = {"rok": "nom", "roku": "gen"}.get(word) or _case(word)
        return f"{m[1]} {ordinal(int(m[2]), case)}"

    def _ranged(self, m: re.Match[str]) -> str:
        """`5-10 km` od pięciu do dziesięciu kilometrów, `1939-1945` od tysiąc dziewięćset
        trzydziestego dziewiątego do ...; before a noun the range cannot decline (`2-3
        godziny`) the shared range pass says it (dwa, trzy godziny)."""
        first, second = int(m[1]), int(m[2])
        noun = (m[3] or "").strip()
        unit = self._unit_of_form.get(noun)
        if first in _LONG_YEAR and second in _LONG_YEAR and len(m[1]) == 4 == len(m[2]):
            return f"od {ordinal(first, 'gen')} do {ordinal(second, 'gen')}{m[3] or ''}"
        if noun and unit is None and noun.lower() not in self.stop_words:
            return m[0]
        if (
            not noun
            and second <= 24
            and word_before(m.string, m.start()).lower() in self.open_words
        ):
            return f"od {_clock(first, 0, 'gen')} do {_clock(second, 0, 'gen')}"  # hours
        said = f"od {self.genitive(first)} do {self.genitive(second)}"
        if unit is not None:
            return f"{said} {unit.many}"  # the genitive plural after `do`
        return said + (m[3] or "")

    def _counted_four(self, m: re.Match[str], doubts: Doubts) -> str:
        """`1002 osoby` tysiąc dwie osoby: an amount agreeing with its noun, as the
        shared pass that says a number and its noun would, before its years would."""
        noun = m[3]
        if noun.lower() in self.stop_words:
            return m[0]
        return f"{self.said_number(m[1], doubts, noun)}{m[2]}{noun}"

    def _dotted(self, m: re.Match[str], doubts: Doubts) -> str:
        """`3. miejsce` trzecie miejsce, `na 3. piętrze` na trzecim piętrze; before a
        noun not known here, an ordinal or a sentence's end: as written, noted."""
        noun = m[2]
        known = self.ordinal_nouns.get(noun.lower())
        if known is not None:
            gender, case = known
            case = _resolved(case, word_before(m.string, m.start()))
            return f"{ordinal(int(m[1]), case, gender)} {noun}"
        if noun[:1].isupper():
            return m[0]  # `Mam 25. Jutro ...`: the end of a sentence
        return doubts.add(m[0], "an ordinal before a noun not known to its rules")

    def _roman_before_noun(self, m: re.Match[str]) -> str:
        """`XIX wiek` dziewiętnasty wiek, `w XIX w.` w dziewiętnastym wieku, `II wojna`
        druga wojna."""
        value = roman(m[1]) if ROMAN.match(m[1]) else None
        noun = m[2]
        known = self.ordinal_nouns.get("wieku" if noun == "w." else noun.lower())
        if value is None or known is None:
            return m[0]
        gender, case = known
        case = _resolved(case, word_before(m.string, m.start()))
        said_noun = ("wiek" if case == "nom" else "wieku") if noun == "w." else noun
        return f"{ordinal(value, case, gender)} {said_noun}"

    def _roman_after_word(self, m: re.Match[str]) -> str:
        """`rozdział III` rozdział trzeci, `część II` część druga; after a capitalized
        name, a ruler's number (`regnal`)."""
        value = roman(m[2]) if ROMAN.match(m[2]) else None
        if value is None or value > 39:
            return m[0]
        word = m[1]
        known = self.ordinal_nouns.get(word.lower())
        if known is not None:
            gender, case = known
            return f"{word} {ordinal(value, case, gender)}"
        if not word[:1].isupper() or (m[2] == "I" and len(word) < 3):
            return m[0]
        said = self.regnal(value, word, "")
        return f"{word} {said}"


_CASE_OF = {word: case for case, said in Polish.prepositions.items() for word in said}
"""The case a preposition gives the ordinal after it (`w 2024 roku` locative)."""
_CLOCK_CASE = {**_CASE_OF, "na": "acc", "za": "acc"}
"""The case a preposition gives an hour (`na 17:00` na siedemnastą)."""


def _case(before: str) -> str:
    """The case the preposition ending `before` gives an ordinal; nominative without one."""
    said = before.lower().split()
    return _CASE_OF.get(said[-1], "nom") if said else "nom"


def _resolved(case: str, before: str) -> str:
    """A noun form's case, a genitive that is a locative after `w`, `na`, `o`, `po`."""
    if case == "gen" and _case(before) == "loc":
        return "loc"
    return case


def _name_case(name: str) -> str:
    """The case of a ruler's name as written (`Jana` genitive), by its ending."""
    return next((c for end, c in Polish.name_endings.items() if name.endswith(end)), "nom")


def _clock(hour: int, minute: int, case: str) -> str:
    """An hour as a feminine ordinal (`godzina` understood) in `case`, then its minutes:
    `17:05` siedemnasta zero pięć, `o 0:30` o zero trzydzieści."""
    said = "zero" if hour == 0 else ordinal(hour, case, "f")
    if minute == 0:
        return said
    minutes = words(minute, "pl")
    return f"{said} {'zero ' if minute < 10 else ''}{minutes}"


def _hour_word(m: re.Match[str]) -> str:
    """`godz.` as `godzina` in the case of the preposition before it (`o godz. 17`: o godzinie)."""
    case = _CLOCK_CASE.get(word_before(m.string, m.start()).lower(), "nom")
    return next(word for word, said in Polish.hour_cases.items() if said == case)


def _page_word(m: re.Match[str], doubts: Doubts) -> str:
    """`str.` as `strona` in the case of the preposition before it; pages after `na`
    (`na str. 12-15`: na stronach). After another word (a verb: `Przeczytaj str. 5`,
    stronę) its case is that word's to give, which no list here knows: the nominative,
    noted."""
    before = word_before(m.string, m.start()).lower()
    case = _CASE_OF.get(before, "nom")
    if before and before not in _CASE_OF:
        doubts.note(f"{m[0]}: its case is the word before's to give; said as `strona`")
    if m[1] and case == "loc":
        return "stronach"
    return Polish.page_cases.get(case, "strona")


_AFTER_YEAR = re.compile(r"\s*(?:roku|rok|rokiem)\b")


def _years_before_noun(m: re.Match[str]) -> str:
    """`w 1998, 2004 i 2010 roku`: w tysiąc dziewięćset dziewięćdziesiątym ósmym, dwa
    tysiące czwartym i dwa tysiące dziesiątym roku (each year the locative of `w`)."""
    listed = _FOUR_DIGITS.sub(lambda y: ordinal(int(y[0]), "loc"), m[2])
    return f"{m[1]} {listed} {m[3]} {ordinal(int(m[4]), 'loc')} roku"


def _year_of_date(year: int, text: str, end: int) -> str:
    """A date's year: the genitive ordinal, then `roku` unless the text says it next."""
    said = ordinal(year, "gen")
    return said if _AFTER_YEAR.match(text, end) else f"{said} roku"
