"""The spoken form of numbers in the languages written in Latin script (de, es, it, fr,
pt, en): one set of passes over the text (`LatinRules`), each language a subclass giving
its words as attributes and its rules as methods.

The passes, in order (each leaves words, so a later one never reads an earlier one's
output): abbreviations; the language's early pass (`early`); Roman numerals after a name
(regnal numbers, centuries); phone numbers; ISO dates; numeric dates (`date_pattern`);
the language's own forms (`own`: ordinal marks); ranges; clock times; money; percent; a
day and its month; years; a number and the noun it counts (agreement); any other number.
What could be read more than one way is said as written and recorded as a doubt.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from .common import (
    DIGIT,
    roman,
    two_words_before,
    whole,
    word_before,
    words,
)
from .draft import Doubts, Draft
from .rules import Rules
from .units import Unit, UnitTable


@dataclass(frozen=True)
class Currency:
    """A currency's names: one, many, and its hundredth."""

    one: str
    many: str
    cents: str
    feminine: bool = False
    cent: str = ""
    """The hundredth for one where the cents are named after the amount (`nineteen
    dollars and fifty cents`: `cent`); "" where they are said bare (`zwölf Euro fünfzig`)."""


SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
"""A numeric date, day first: `24/12/2024`, `3/10/24`."""

_WORD = r"[^\W\d_]+"
_END = re.compile(r"\s*\Z")
_CAPITAL_NEXT = re.compile(r"\s+[A-ZÀ-Þ]")
_LOWER_NEXT = re.compile(r"\s+[a-z]")


class LatinRules(Rules):
    """A language written in Latin script: its words (class attributes) and the rules
    that differ between languages (methods), over the shared passes (`say`)."""

    n2w: ClassVar[str]
    """num2words' language."""
    lone_i_a_word: ClassVar[bool] = False
    """Whether a capital I before a lower-case word is a word (English's pronoun:
    `Yesterday I went`), not the Roman numeral one after a name; after a word of
    `numbered` it may be either (`World War I began`): said as the number and noted."""
    decimal: ClassVar[str] = ","
    point: ClassVar[str]
    """The decimal sign as said."""
    percent: ClassVar[str]
    plus: ClassVar[str] = "plus"
    through: ClassVar[str]
    """What a range says between its ends (`7-8`)."""
    months: ClassVar[tuple[str, ...]]
    currencies: ClassVar[Mapping[str, Currency]]
    money_signs: ClassVar[tuple[str, ...]] = (
        "€", "$", "£", "¥", "¢", "EUR", "USD", "GBP", "CHF", "JPY"
    )  # fmt: skip
    """What a text must hold for the money passes to look at it."""
    money_after: ClassVar[tuple[str, ...]] = (
        "€", r"\$", "£", "¥", "¢", "EUR", "USD", "GBP", "CHF", "JPY"
    )  # fmt: skip
    """The currencies written after an amount (regexes)."""
    cents_joiner: ClassVar[str] = " "
    """Between the amount and its cents: `zwölf Euro fünfzig`, `doce euros con cincuenta`."""
    cents_and: ClassVar[str] = ""
    """Between the amount and its cents where they are named (`Currency.cent`: ` and `);
    "" for `cents_joiner`."""
    not_years: ClassVar[frozenset[str]]
    """Words after which a four-digit number is an amount, not a year."""
    stop_words: ClassVar[frozenset[str]]
    """Words after a number that are not the noun it counts."""
    label_words: ClassVar[frozenset[str]] = frozenset()
    """The words for `number` (Portuguese `número`): a number after one names a thing
    and counts no word after it (`ônibus nº 42 passa`: quarenta e dois), as grammars of
    the numeral used to name say (Cunha & Cintra, Nova gramática, ch. 11)."""
    digit_decimals: ClassVar[bool] = False
    """Whether the digits after the decimal sign are said one by one."""
    clock_pattern: ClassVar[re.Pattern[str]] = re.compile(r"(?<![\d.,:])(\d{1,2}):(\d{2})(?![\d:])")
    years_from: ClassVar[int] = 1100
    extra_group: ClassVar[str] = ""
    """Characters also written between groups of thousands (French spaces)."""
    feminine_names: ClassVar[frozenset[str]] = frozenset()
    numbered: ClassVar[frozenset[str]] = frozenset()
    """Words after which a Roman numeral is a number (`Teil III`, `World War II`)."""
    date_pattern: ClassVar[re.Pattern[str]] = SLASHED
    """A numeric date: day, month and year (two or four digits, or none) as groups."""
    year_joiner: ClassVar[str] = " "
    """Between a date's month and its year: `15 de marzo de 2024`."""
    degrees: ClassVar[tuple[str, str]]
    """A degree and many (`1 °C` ein Grad Celsius, `5 °C` cinco grados Celsius)."""
    celsius: ClassVar[str] = " Celsius"
    """After the degrees of `°C` (`zwölf Grad Celsius`), as CLDR's long name of the unit
    says it in every Latin-script language (temperature-celsius); "" for degrees alone."""
    fahrenheit: ClassVar[str] = " Fahrenheit"
    ordinal_dot: ClassVar[bool] = False
    """Whether a dot after a number or a Roman numeral may make it an ordinal (`3.`)."""
    ordinal_written: ClassVar[str] = ""
    """The regex of an ordinal written with its ending (`3rd`, `3e`), its number the
    first group: said by `own`."""
    ordinal_marks: ClassVar[str] = ""
    """The signs after a number that make it an ordinal (`3º`, `3ª`, `3°`)."""
    time_or_date_words: ClassVar[frozenset[str]] = frozenset()
    """Words after which `9.30` is a time of day, but `1.10.` a date (`ab`, `bis`)."""
    feminine_words: ClassVar[frozenset[str]] = frozenset()
    masculine_words: ClassVar[frozenset[str]] = frozenset()
    feminine_endings: ClassVar[tuple[str, ...]] = ()
    masculine_endings: ClassVar[tuple[str, ...]] = ("o", "os")
    """The nouns a gender is known of, and the endings that tell it (`gender`)."""
    common_endings: ClassVar[tuple[str, ...]] = ()
    """Endings of nouns of either gender (`periodista`: el or la), which the ending
    alone cannot give: checked before `feminine_endings`."""
    parts: ClassVar[tuple[str, ...]] = ()
    """The parts of a whole from thirds to tenths (tercio, cuarto, quinto ...)."""
    one: ClassVar[str] = "un"
    """One before a fraction's part (`un cuarto`, `een derde`)."""
    half: ClassVar[str] = ""
    """Half before a noun (`een halve liter`, `nửa lít`)."""
    one_half: ClassVar[str]
    """`1/2` alone."""
    and_half: ClassVar[str] = ""
    """After a whole number and a half (`dos y medio`: "y medio")."""
    all_week: ClassVar[str]
    """`24/7` said."""
    out_of: ClassVar[str] = ""
    """Between a score and a round whole above ten (`98/100`: ninety-eight out of a
    hundred); "" leaves it as written."""
    units: ClassVar[Mapping[str, Unit]] = {}
    """The units after a number said in words (`units.Unit`, by their abbreviation)."""
    spaced_units: ClassVar[frozenset[str]] = frozenset()
    """Units said only with a space before them (English `s`: `the 1990s`)."""
    doubtful_units: ClassVar[Mapping[str, tuple[str, frozenset[str], re.Pattern[str]]]] = {}
    """Units that may mean something else (English `m`: a million), with what else, the
    words after them that make them the unit, and what after them makes them the other
    word (said as written: `1 in 4`); before any other word, said as written and noted;
    after another number and its unit (`5 ft 6 in`), the unit."""
    singular_below_two: ClassVar[bool] = False
    """Whether a unit after a number under two is in the singular (French `1,5 litre`);
    else only after one."""
    equals: ClassVar[str] = ""
    """`=` between two sides of a sum said (`1/2 + 1/4 = 3/4`: égale); "" leaves it."""
    duration_words: ClassVar[frozenset[str]] = frozenset()
    """Words (lower case) after which `1h30` is a duration, not a time of day (`dauert`)."""
    duration_and: ClassVar[str] = ""
    """Between the hours and the minutes of a duration (`2h 30m`: two hours and thirty
    minutes), "" for nothing."""
    bare_minutes_joined: ClassVar[bool] = True
    """Whether `1h30` says `duration_and` before its minutes where they are not named
    (un'ora e trenta; English: one hour thirty)."""
    minutes_named: ClassVar[bool] = False
    """Whether the minutes of `1h30` are named after their number (una hora y treinta
    minutos) where they are not written."""
    hours_are_clock: ClassVar[bool] = False
    """Whether `17 h` is a time of day the clock pattern reads (French, Portuguese: the
    same words as the hours), up to 24."""

    compound_ends: ClassVar[Mapping[str, str]] = {}
    """Abbreviations that end a compound noun written as one word, with what they say
    there (German `Goethestr.` Goethestraße, `Hausnr.` Hausnummer; Dutch `Kerkstr.`
    Kerkstraat)."""
    roman_after_noun: ClassVar[bool] = False
    """Whether a Roman numeral of two letters or more after a noun in lower case is a
    number said as a cardinal (French `chapitre III` trois, as the Imprimerie
    nationale's Lexique says chapters and volumes; Vietnamese `chương III` ba)."""

    regnal_form: ClassVar[str] = "{cardinal}"
    """A Roman numeral after a name said: `{Ordinal}` (capitalized), `{cardinal}`
    (`the {Ordinal}`: Henry the Eighth)."""
    century_words: ClassVar[frozenset[str]] = frozenset(["siglo", "secolo", "século", "siècle"])
    """Words in lower case that a Roman numeral after is said after (`siglo XIX`)."""
    day_month_form: ClassVar[str] = "{cardinal}{between}{month}"
    """A day and its month said: `{ordinal}` or `{cardinal}` the day, `{between}` what
    is written between them, `{month}` (`the {ordinal} of {month}`)."""
    years_in_pairs: ClassVar[bool] = False
    """Whether a year is said as num2words says years (nineteen ninety-eight), not as
    a number."""

    height_joiner: ClassVar[str] = " "
    """Between the metres and the centimetres of a height (`1m75`: un metro e settantacinque:
    " e ")."""

    def __init__(self) -> None:
        self._compiled: dict[str, re.Pattern[str]] = {}
        group = self.thousands_signs()
        self._groups = re.compile(rf"[{group}](?=\d{{3}}(?!\d))")
        self._unit_table = UnitTable(
            self.units, group, self.spaced_units, self.doubtful_units, self.duration_and
        )

    # What differs between languages.

    def counted(self, value: int, noun: str, gender: str, doubts: Doubts) -> str:
        """The words of a number before the noun it counts (agreement), or alone (noun
        ""); `gender` "f" or "m" where the content marks it."""
        return self.cardinal(value)

    def ordinal(self, value: int, before: str, after: str = "") -> str:
        """An ordinal by the word before it and the word after it (case, gender)."""
        return words(value, self.n2w, "ordinal")

    def regnal(self, value: int, name: str, before: str) -> str | None:
        """A Roman numeral after `name` (Ludwig, siglo), as `regnal_form` says it; or None."""
        ordinal = self.ordinal(value, before).capitalize()
        return self.regnal_form.format(Ordinal=ordinal, cardinal=self.cardinal(value))

    def day_month(self, day: int, between: str, month: str, before: str) -> str:
        """A day and its month (`3. Oktober`), as `day_month_form` says it."""
        form = self.day_month_form
        ordinal = self.ordinal(day, before) if "{ordinal}" in form else ""
        return form.format(
            ordinal=ordinal, cardinal=self.cardinal(day), between=between, month=month
        )

    def year(self, value: int) -> str:
        return words(value, self.n2w, "year") if self.years_in_pairs else self.cardinal(value)

    def early(self, draft: Draft) -> None:
        """A pass before the Roman numerals after names (`XIXe siècle`, `XIX secolo`)."""

    def own(self, draft: Draft) -> None:
        """After the numeric dates: ordinals written with their ending (`ordinal_written`)."""
        if self.ordinal_written:
            written = self.pattern("ordinal-written", self.ordinal_written)
            draft.sub(written, lambda m: self.ordinal(int(m[1]), ""))

    def said_date(self, m: re.Match[str], day: int, month: int, year: int | None) -> str:
        """A date that can be (`24.12.2024`, `2024-12-24`, `24/12/24`)."""
        before = two_words_before(m.string, m.start())
        said = self.day_month(day, " ", self.months[month - 1], before)
        return said if year is None else f"{said}{self.year_joiner}{self.year(year)}"

    def numeric_date(self, m: re.Match[str], doubts: Doubts) -> str:
        year = None if not m[3] else int(m[3]) if len(m[3]) == 4 else 2000 + int(m[3])
        return self.date(m, int(m[1]), int(m[2]), year, doubts)

    def fraction(
        self, numerator: int, denominator: int, noun: str, before: str, doubts: Doubts
    ) -> str:
        """A fraction (`1/2`, `3/4`: thirds to tenths) before `noun` ("" alone) after the
        word `before`; the noun is part of what is returned: `1/2 liter` een halve liter
        (`half`), `1/2` een half (`one_half`), `1/3` een derde (`one`, `parts`), `3/4`
        drie kwart."""
        if denominator == 2:
            return f"{self.half} {noun}" if noun else self.one_half
        said = f"{self.one if numerator == 1 else self.cardinal(numerator)} "
        said += self.parts[denominator - 3]
        return f"{said} {noun}" if noun else said

    def and_a_half(self, value: int) -> str:
        """`2 1/2`: two and a half (`and_half` after the whole number)."""
        return f"{self.cardinal(value)} {self.and_half}"

    def not_a_date(self, m: re.Match[str], doubts: Doubts) -> str:
        """A numeric date whose day or month cannot be one."""
        return doubts.add(m[0], "not a date")

    # What every language shares.

    def thousands_signs(self) -> str:
        return ("." if self.decimal == "," else ",") + self.extra_group

    def cardinal(self, value: int) -> str:
        return words(value, self.n2w).replace(",", "")

    def number(self) -> str:
        """The regex of a number as this language writes it (thousands, decimals)."""
        return (
            rf"\d{{1,3}}(?:[{self.thousands_signs()}]\d{{3}})+(?:{re.escape(self.decimal)}\d+)?(?![\d])"
            rf"|\d+(?:[.,]\d+)+(?![\d])|\d+"
        )

    def pattern(self, name: str, regex: str) -> re.Pattern[str]:
        """`regex` compiled once, `NUM` in it a number as this language writes it."""
        found = self._compiled.get(name)
        if found is None:
            found = self._compiled[name] = re.compile(regex.replace("NUM", self.number()))
        return found

    def parse(self, written: str) -> tuple[int, str | None] | None:
        """(whole part, digits after the decimal sign) of a written number, or None when
        its signs could mean either (`3.5` in German, `1,5` in English)."""
        plain = self._groups.sub("", written)
        if self.decimal in plain:
            units, _, frac = plain.partition(self.decimal)
            if not units.isdigit() or not frac.isdigit():
                return None
            return whole(units), frac
        if not plain.isdigit():
            return None
        return whole(plain), None

    def said_number(self, written: str, doubts: Doubts, noun: str = "") -> str:
        """A written number as words: a decimal, or a whole number agreeing with `noun`
        (a unit's noun with the unit's gender)."""
        parsed = self.parse(written)
        if parsed is None:
            return doubts.add(written, "the decimal sign is unclear")
        units, frac = parsed
        if frac is None:
            gender = self._unit_table.genders.get(noun.lower(), "")
            return self.counted(units, noun, gender, doubts)
        if self.digit_decimals or frac.startswith("0") or len(frac) > 2:
            after = " ".join(self.cardinal(int(d)) for d in frac)
        else:
            after = self.cardinal(int(frac))
        return f"{self.counted(units, '', '', doubts)} {self.point} {after}"

    def say(self, draft: Draft) -> None:
        """`draft` with its numbers, times, dates and abbreviations in words; a fraction
        sign (`½`, `2¼`) as its digits first."""
        doubts = draft.doubts
        glyph = unicodedata.normalize
        draft.sub(_GLYPH, lambda m: f"{m[1]} " * bool(m[1]) + glyph("NFKC", m[2]).replace("⁄", "/"))
        if DIGIT.search(draft.text):
            if " " not in self.extra_group:  # `10 000` as SI writes it: `10.000`
                point = re.escape(self.decimal)
                spaced = self.pattern("spaced", _SPACED_THOUSANDS.replace("POINT", point))
                draft.sub(spaced, lambda m: _GROUP_SPACE.sub(self.thousands_signs()[0], m[0]))
            height = self.pattern("height", _HEIGHT.replace("POINT", re.escape(self.decimal)))
            draft.sub(height, lambda m: f"{m[1]} m{self.height_joiner}{m[2] or m[3]}")
            # Before the abbreviations: `90 Min.` is no `min.` (mindestens).
            draft.sub(self._unit_table.pattern, lambda m: self._unit(m, doubts))
            if self.duration_words:
                draft.sub(_GLUED_HOURS, lambda m: self._glued_hours(m, doubts))
        self._day_ranges(draft)
        if self.compound_ends:
            ends = "|".join(map(re.escape, self.compound_ends))
            compound = self.pattern("compound", rf"\b([A-ZÀ-Þ][^\W\d_]+)({ends})(?=\s|$|,)")
            draft.sub(compound, lambda m: m[1] + self.compound_ends[m[2]])
        self.abbreviated(draft)
        self._days_before_dates(draft)
        self.early(draft)
        self._regnal(draft)
        if not DIGIT.search(draft.text):
            return
        self.numbers_as_digits(draft)
        # `R$ -250,50`: the sign said before the currency, which the money passes read.
        draft.sub(_CURRENCY_THEN_SIGN, lambda m: f"{self.minus} {m[1]}")
        self.signs(draft)
        self._units(draft)
        draft.sub(_LETTERS_AND_DIGITS, self._letters_and_digits)
        iso = self.pattern("iso", r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
        draft.sub(iso, lambda m: self.date(m, int(m[3]), int(m[2]), int(m[1]), doubts))
        if self.time_words or self.time_or_date_words:
            draft.sub(_DOTTED_TIME, self._dotted_time)
        draft.sub(self.date_pattern, lambda m: self.numeric_date(m, doubts))
        self._fractions(draft)
        self.own(draft)
        self.ratios(draft)
        ranged = self.pattern("range", r"(?<![\d.,:])(NUM)\s?[-–]\s?(?=(NUM)(?![\d.,]?\d))")
        draft.sub(ranged, lambda m: self._range(m, doubts))
        draft.sub(_CLOCK_RANGE, lambda m: f"{m[1]} {self.through} ")
        draft.sub(self.clock_pattern, lambda m: self._clock(m, doubts))
        self._money(draft)
        percent = self.pattern("percent", r"(?<![\d.,])(NUM)\s?%")
        draft.sub(percent, lambda m: f"{self.said_number(m[1], doubts)} {self.percent}")
        months = "|".join(self.months)
        day = self.pattern("day", rf"(?<![\d.,])(\d{{1,2}})(\.?\s+(?:de\s+)?)({months})\b")
        draft.sub(day, self._day)
        year = self.pattern("year", rf"(?<![\d.,])(\d{{4}})(?![\d])(?!\s*%)(\s+{_WORD})?")
        draft.sub(year, lambda m: self._year(m, doubts))
        counted = self.pattern("counted", rf"(?<![\d.,])(NUM)(\s+)({_WORD})")
        draft.sub(counted, lambda m: self._counted(m, doubts))
        plain = self.pattern("plain", r"(?<![\d])(NUM)")
        draft.sub(plain, lambda m: self.said_number(m[1], doubts))
        if self.equals and "=" in draft.text:  # a sum: `1/2 + 1/4 = 3/4`
            draft.sub(_SUM, lambda m: f" {self.plus if m[1] == '+' else self.equals} ")
        self.leftovers(draft)

    def _day_ranges(self, draft: Draft) -> None:
        """Two days abbreviated (`days`) apart by a dash (`Mon.–Fri.`: Monday to Friday),
        a word with a slash (`ma t/m vr`) or `through`: days, as the range settles them."""
        days = sorted({*self.days, *(d.capitalize() for d in self.days)}, key=len, reverse=True)
        day = "|".join(map(re.escape, days))
        between = rf"(\s?[-–]\s?|\s+(?:\w/\w|{re.escape(self.through)})\s+)"
        found = self.pattern("days-apart", rf"(?<![\w.])({day})\.?{between}({day})(?!\w)(\.?)")

        def one(m: re.Match[str]) -> str:
            first, last = (self.days.get(d) or self.days[d.lower()] for d in (m[1], m[3]))
            between = f" {self.through} " if m[2].strip() in ("-", "–") else m[2]
            return f"{first}{between}{last}{m[4] if _END.match(m.string, m.end()) else ''}"

        if self.days:
            draft.sub(found, one)

    def _days_before_dates(self, draft: Draft) -> None:
        """A day abbreviated as CLDR writes it (`days`: `za`, `Mo`, `sáb`) before a date
        (`za 14 juni`, `Mo, 3.5.`): that day, as the date settles it; elsewhere such a
        short word may be another (Dutch `do`, Spanish `mar`) and is left."""
        if not self.days or not DIGIT.search(draft.text):
            return
        days = sorted({*self.days, *(d.capitalize() for d in self.days)}, key=len, reverse=True)
        months = "|".join(self.months)
        found = self.pattern(
            "day-before-date",
            rf"(?<![\w.])({'|'.join(map(re.escape, days))})(?=\.?,?\s+\d{{1,2}}"
            rf"(?:\.?\s+(?:de\s+)?(?i:{months})\b|[./]\d{{1,2}}(?!\d))"
            rf"|\.?,?\s+(?i:{months})\s+\d{{1,2}}(?!\d))",
        )

        def one(m: re.Match[str]) -> str:
            said = self.days.get(m[1]) or self.days[m[1].lower()]
            return said[0].upper() + said[1:] if m[1][0].isupper() else said

        draft.sub(found, one)

    def _units(self, draft: Draft) -> None:
        """Degrees after a number in words (`-5 °C`: -5 Grad Celsius), the number left
        to the later passes (it agrees with them)."""
        # `3°` is an ordinal where `°` marks them (terzo, tercero): only `°C` is degrees.
        bare = "" if "°" in self.ordinal_marks else "|°"
        units = self.pattern("units", rf"(?<![\d.,])(NUM)\s?(°\s?[CF]|℃|℉{bare})(?!\w)")

        def one(m: re.Match[str]) -> str:
            parsed = self.parse(m[1])
            one = parsed is not None and parsed == (1, None)
            said = self.degrees[0] if one else self.degrees[1]
            scale = {"C": self.celsius, "℃": self.celsius, "F": self.fahrenheit}
            return f"{m[1]} {said}{scale.get(m[2][-1], self.fahrenheit if m[2] == '℉' else '')}"

        draft.sub(units, one)

    def _letters_and_digits(self, m: re.Match[str]) -> str:
        """`R2`, `B2`, `MP3`: the letters as the language names them, then the number."""
        letters = " ".join(self.letters.get(c, c) for c in m[1]) if self.letters else m[1]
        return f"{letters} {m[2]}"

    def _dotted_time(self, m: re.Match[str]) -> str:
        """`um 9.30`, `alle 17.45`: a time after a word that makes it one."""
        hour, minute = int(m[3]), int(m[4])
        word = m[1].lower()
        if hour > 24 or minute > 59:
            return m[0]
        if word not in self.time_words:
            date = m.string[m.end() : m.end() + 1] == "." and 1 <= minute <= 12
            if word not in self.time_or_date_words or date:
                return m[0]
        return f"{m[1]}{m[2]}{self.clock(hour, minute)}"

    def _fractions(self, draft: Draft) -> None:
        """`1/2 Liter`, `3/4`, `2 1/2`, `24/7`; a slash between other numbers (`10/3`, a
        date or a fraction) said as written and noted."""
        if "/" not in draft.text:
            return
        doubts = draft.doubts
        draft.sub(_AND_A_HALF, lambda m: self.and_a_half(int(m[1])))

        def one(m: re.Match[str]) -> str:
            numerator, denominator = int(m[1]), int(m[2])
            if (numerator, denominator) == (24, 7):
                return self.all_week + (m[3] or "")
            if self.out_of and numerator <= denominator > 10 and denominator % 10 == 0:
                said = f"{self.cardinal(numerator)} {self.out_of} {self.cardinal(denominator)}"
                return said + (m[3] or "")
            if not 0 < numerator < denominator <= 10:
                if not (12 < numerator <= 31 and denominator <= 12):  # 31/12: a date only
                    return doubts.add(m[0], "a date, a fraction or a score")
                return self.date(m, numerator, denominator, None, doubts) + (m[3] or "")
            noun = (m[3] or "").strip()
            if noun.lower() in self.stop_words:
                noun = ""
            before = word_before(m.string, m.start())
            said = self.fraction(numerator, denominator, noun, before, doubts)
            return said if noun else said + (m[3] or "")

        draft.sub(_FRACTION, one)

    def _regnal(self, draft: Draft) -> None:
        if not _ANY_ROMAN.search(draft.text):
            return

        def one(m: re.Match[str]) -> str:
            text = m.string
            value = roman(m[2])
            if value is None or value > 39:
                return m[0]
            if m[1][0].islower() and m[1] not in self.century_words:
                # After a noun in lower case (`chapitre III`): a number, where the
                # language says one (`roman_after_noun`); one (`I`) may be a word.
                if self.roman_after_noun and len(m[2]) > 1:
                    return f"{m[1]} {self.cardinal(value)}{m[3]}"
                return m[0]
            pronoun = m[2] == "I" and self.lone_i_a_word and _LOWER_NEXT.match(text, m.end())
            if pronoun and m[1] not in self.numbered:
                return m[0]  # `Yesterday I went`
            if pronoun:  # `World War I began`, or `after the War I moved`
                draft.doubts.note(f"{m[0]}: a number after {m[1]} or the word I; said as one")
            if m[1] in self.numbered:
                said: str | None = self.cardinal(value)
            else:
                said = self.regnal(value, m[1], word_before(text, m.start()))
            if said is None:
                return m[0]
            # A dot after the numeral ends the sentence, but in German it may be the
            # ordinal's own (`Ludwig XIV. war`): eaten, unless it also ends the text.
            dot = m[3] if m[3] and (not self.ordinal_dot or _END.match(text, m.end())) else ""
            return f"{m[1]} {said}{dot}"

        draft.sub(_ROMAN_AFTER, one)

    def _clock(self, m: re.Match[str], doubts: Doubts) -> str:
        found = [int(g) for g in m.groups() if g is not None]
        hour, minute = found[0], found[1] if len(found) > 1 else 0
        if hour > 24 or minute > 59:
            return doubts.add(m[0], "not a time of day")
        if m[0].endswith("h"):  # `16:00 h`: the hours said too, where the language does
            return self.hours_clock(hour, minute) or self.clock(hour, minute)
        return self.clock(hour, minute)

    def hours_clock(self, hour: int, minute: int) -> str | None:
        """`16:00 h`, where the language says the hours (Spanish dieciséis horas); None: as
        `clock` says it."""
        return None

    def date(self, m: re.Match[str], day: int, month: int, year: int | None, doubts: Doubts) -> str:
        """The date `m`, said if the calendar has it, else said as written and noted."""
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return self.not_a_date(m, doubts)
        if day > _DAYS_IN[month - 1] or (
            (month, day) == (2, 29) and year is not None and not calendar.isleap(year)
        ):
            return doubts.add(m[0], "no such day in the calendar")
        return self.said_date(m, day, month, year)

    def _day(self, m: re.Match[str]) -> str:
        before = two_words_before(m.string, m.start())
        return self.day_month(int(m[1]), m[2], m[3], before)

    def _money(self, draft: Draft) -> None:
        text = draft.text
        doubts = draft.doubts
        named = self.pattern("money-named", self._named_amount)
        draft.sub(
            named, lambda m: self._amount(m[1], self._named[m[2].lower()], doubts, m[0], None)
        )
        if not any(sign in text for sign in self.money_signs):
            return
        scale = rf"(?:\s+((?i:{'|'.join(self._scales[1])}))(?!\w))?"
        before = self.pattern("money-before", _CURRENCY_BEFORE + scale)
        after = self.pattern(
            "money-after", rf"(?<![\d.,])(NUM){scale}\s?({'|'.join(self.money_after)})(?!\w)"
        )
        draft.sub(before, lambda m: self._amount(m[2], m[1], doubts, m[0], m[3]))
        draft.sub(after, lambda m: self._amount(m[1], m[3], doubts, m[0], m[2]))

    def _amount(
        self, written: str, symbol: str, doubts: Doubts, whole_text: str, scale: str | None
    ) -> str:
        """An amount of money; `scale` a word for thousands or more written after its
        number (`R$ 80 mil`, `5 Millionen €`), said before the currency's name."""
        currency = self.currencies.get(_SYMBOLS.get(symbol, symbol))
        parsed = self.parse(written)
        if currency is None or parsed is None:
            return doubts.add(whole_text, "the amount or its currency is unclear")
        units, frac = parsed
        if scale:
            noun = currency.many
            if scale.lower() not in self._scales[0]:  # a million or more: de reais
                noun = self.of_scale(noun)
            return f"{self.said_number(written, doubts)} {scale} {noun}"
        noun = currency.one if units == 1 else currency.many
        gender = "f" if currency.feminine else "m"
        if frac is None or int(frac) == 0:
            return f"{self.counted(units, noun, gender, doubts)} {noun}"
        if len(frac) != 2:
            return doubts.add(whole_text, "an amount with other than two decimals")
        cents = self.cardinal(int(frac))
        hundredths = currency.cent if int(frac) == 1 and currency.cent else currency.cents
        if units == 0:
            return f"{cents} {hundredths}"
        amount = f"{self.counted(units, noun, gender, doubts)} {noun}"
        if not currency.cent:
            return f"{amount}{self.cents_joiner}{cents}"
        return f"{amount}{self.cents_and or self.cents_joiner}{cents} {hundredths}"

    @functools.cached_property
    def _named(self) -> dict[str, str]:
        """Each currency's one-word names (lower case), with its symbol; not one that also
        names a unit (English `pounds`: of weight too)."""
        return {
            name.lower(): symbol
            for symbol, currency in self.currencies.items()
            for name in (currency.one, currency.many)
            if name.isalpha() and name.lower() not in self._unit_table.genders
        }

    @functools.cached_property
    def _named_amount(self) -> str:
        """An amount with cents written before its currency's name (`8,50 euro`)."""
        names = "|".join(sorted(self._named, key=len, reverse=True))
        decimal = re.escape(self.decimal)
        amount = rf"(?<![\d.,])(?<!\d\s)(\d{{1,3}}(?:[.,]\d{{3}})*{decimal}\d{{2}})"
        return rf"{amount}\s((?i:{names}))(?!\w)"

    @functools.cached_property
    def _scales(self) -> tuple[frozenset[str], tuple[str, ...]]:
        """The words for a thousand, and for it, a million and a billion, as the number
        words write them apart (`dois mil`, `zwei Millionen`; not `zweitausend`)."""
        said = [[self.cardinal(n * 10**k) for n in (1, 2)] for k in (3, 6, 9)]
        last = [{w.rpartition(" ")[2] for w in both if " " in w} for both in said]
        return frozenset(last[0]), tuple(sorted(set().union(*last), key=len, reverse=True))

    def of_scale(self, noun: str) -> str:
        """A noun counted by a million (`2 Millionen Euro`, `dos millones de euros`)."""
        return noun

    def _range(self, m: re.Match[str], doubts: Doubts) -> str:
        first, second = self.parse(m[1]), self.parse(m[2])
        if first is None or second is None:
            return m[0]
        before = two_words_before(m.string, m.start())
        if first[1] is None and second[1] is None and len(m[1]) == 4 == len(m[2]):
            return self.range_from(self._year_words(first[0]), True, before)
        return self.range_from(self.said_number(m[1], doubts), False, before)

    def range_from(self, first: str, years: bool, before: str) -> str:
        """A range's start (`7-8`: its first number said, `first`) and what comes
        between its ends; `years`: two years (`1798-1837`); `before`: the two words before."""
        return f"{first} {self.through} "

    def _year_words(self, value: int) -> str:
        return self.year(value) if self.years_from <= value <= 2099 else self.cardinal(value)

    def _year(self, m: re.Match[str], doubts: Doubts) -> str:
        value = int(m[1])
        noun = (m[2] or "").strip()
        if noun and (
            noun.lower() in self.not_years
            or noun.lower() in self._unit_table.genders
            or not (1000 <= value <= 2099)
        ):
            return f"{self.said_number(m[1], doubts, noun)} {noun}"
        return self._year_words(value) + (m[2] or "")

    def _unit(self, m: re.Match[str], doubts: Doubts) -> str:
        """`5 km`: the number then the unit's noun (`5 Kilometer`), the number left to
        the later passes, which make it agree with the noun."""
        value = self.parse(m[1])
        return self._unit_table.say(m, value, self.unit_noun, self._hour, doubts.add)

    def _glued_hours(self, m: re.Match[str], doubts: Doubts) -> str:
        """`dauert 1h30`: a duration after a word that makes one (`duration_words`);
        else left to the clock (`17h45` in French) or said as written and noted."""
        if word_before(m.string, m.start()).lower() not in self.duration_words:
            return m[0]
        return self.duration(int(m[1]), int(m[2]), doubts)

    def duration(self, hours: int, minutes: int, doubts: Doubts) -> str:
        """`1h30` as a duration: eine Stunde dreißig, un'ora e trenta."""
        hour, minute = self.units["h"], self.units["min"]
        noun = self.unit_noun(hour, hours, None)
        said = self.joined(self.counted(hours, noun, hour.gender, doubts), " ", noun)
        if self.duration_and and (self.minutes_named or self.bare_minutes_joined):
            said += f" {self.duration_and}"
        said += f" {self.cardinal(minutes)}"
        return said + (f" {self.unit_noun(minute, minutes, None)}" if self.minutes_named else "")

    def unit_noun(self, unit: Unit, units: int, frac: str | None) -> str:
        """Singular after one (under two: `singular_below_two`), else plural."""
        one = units < 2 if self.singular_below_two else units == 1 and frac is None
        return unit.one if one else unit.many

    def _hour(self, m: re.Match[str], hour: int) -> str | None:
        """`um 10 h`, `a las 16 h`: a time of day after a word that makes one (its hours
        said where the language says them after `16:00 h`: `hours_clock`), and `17 h`
        where the clock pattern reads it (`hours_are_clock`); else None (hours)."""
        if hour > 24:
            return None
        if self.hours_are_clock:
            return m[0]
        if word_before(m.string, m.start()).lower() in self.time_words:
            return self.hours_clock(hour, 0) or self.clock(hour, 0)
        return None

    def _counted(self, m: re.Match[str], doubts: Doubts) -> str:
        noun = m[3]
        label = word_before(m.string, m.start()).lower() in self.label_words
        if noun.lower() in self.stop_words or label:
            return self.said_number(m[1], doubts) + m[2] + noun
        return self.joined(self.said_number(m[1], doubts, noun), m[2], noun)

    def guessed_feminine(self, noun: str) -> bool | None:
        """Whether `noun` (or its singular) is feminine, by the word lists then its ending
        (`feminine_words` ... `masculine_endings`); None when neither tells."""
        word = noun.lower()
        for stem in [word, *(word[: -len(p)] for p in ("es", "s", "i", "e") if word.endswith(p))]:
            if stem in self.feminine_words:
                return True
            if stem in self.masculine_words:
                return False
        if word.endswith(self.common_endings):
            return None
        if word.endswith(self.feminine_endings):
            return True
        return False if word.endswith(self.masculine_endings) else None

    def joined(self, said: str, space: str, noun: str) -> str:
        """A number's words and the noun it counts (Italian elides `un'ora`)."""
        return said + space + noun


_SUM = re.compile(r"(?<=\S) ([+=]) (?=\S)")
"""`+` and `=` apart by spaces in a text with numbers: a sum said."""
_CLOCK_RANGE = re.compile(r"(?<![\d.,:])(\d{1,2}:\d{2})\s?[-–]\s?(?=\d{1,2}:\d{2}(?![\d:]))")
"""A range of two times of day (`9:00-17:00`): said with the language's `through`."""
_GLUED_HOURS = re.compile(r"(?<![\w.,:])(\d{1,2})h([0-5]\d)(?!\w)")
"""Hours and minutes glued (`1h30`): a duration or a time of day."""
_DAYS_IN = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_HEIGHT = r"(?<![\w.,])([12])(?:m([0-9]{2})|POINT([0-9]{2})\s?m)(?![\w²³/]|[.,]\d)"
"""Metres and centimetres (`1m75`, `1,75 m`), said as such: ein Meter fünfundsiebzig."""
_LETTERS_AND_DIGITS = re.compile(r"(?<![\w.,-])([A-Z]{1,3})(\d{1,4})(?![\w]|[.,]\d)")
_DOTTED_TIME = re.compile(
    r"(?<![\w.,])(\w+)(\s+)(\d{1,2})\.(\d{2})(?![\d]|[.,]\d)(?!\s*(?:%|€|Uhr\b))"
)
"""`um 9.30`: the word before decides whether it is a time (`time_words`); `9.30 Uhr`
is the clock times' own."""
_GLYPH = re.compile(r"(?:(\d)\s?)?([\u00bc-\u00be\u2150-\u215e])")
_AND_A_HALF = re.compile(r"(?<![\d.,/])(\d{1,2})\s1/2(?![\d/])")
_FRACTION = re.compile(r"(?<![\d.,/])(\d{1,2})/(\d{1,3})(?![\d/]|[.,]\d)(\s+[^\W\d_]+)?")
_ANY_ROMAN = re.compile(r"\b[IVX]+\b")
_ROMAN_AFTER = re.compile(
    r"\b([A-ZÀ-Ýa-zà-ÿ\u0100-\u024f\u1e00-\u1eff][a-zà-ÿ\u0100-\u024f\u1e00-\u1eff]+)"
    r"\s+([IVX]{1,6})(\.?)(?=$|[\s,;:!?)»\"'])"
)  # Latin Extended-A and B (ư, ơ, ł) and Additional (U+1E00-1EFF): Vietnamese kỷ, chương
_CURRENCY_BEFORE = r"(R\$|US\$|\$|€|£|¥|CHF(?=\s))\s?(NUM)"
_CURRENCY_THEN_SIGN = re.compile(r"(R\$|US\$|\$|€|£|¥)\s?[-−](?=\d)")
_SYMBOLS = {"EUR": "€", "USD": "$", "US$": "$", "GBP": "£", "JPY": "¥"}
_SPACED_THOUSANDS = (
    r"(?<![\d.,:/+-])(?<!\d\s)[1-9]\d{0,2}(?:[\u0020\u00a0\u202f]\d{3}){1,4}"
    r"(?:POINT\d{1,6})?(?![\d]|[.,]\d|\s\d)"
)
"""A number in groups of thousands apart by spaces (`10 000`, `12 000 000`, `1 299,99`),
as SI writes them in every language, its decimals after the language's own sign
(`POINT`): read as the language's own groups. Not a list of numbers (`1 2 3`) nor a
phone number (`030 123 456`, `91 123 45 67`): groups of three after the first, no more
groups after it."""
_GROUP_SPACE = re.compile(r"[\u0020\u00a0\u202f]")
