"""What a language's spoken-form rules are: one class per language, its data as class
attributes and the rules that differ as methods, over the passes every language shares
(phone numbers, numbers too long for words, scientific notation, emergency numbers,
signs, ratios and scores, fractions). `readings.numbers` keeps one registry of them.

A language's words (its months, units, currencies, word lists ...) are data: a TOML file
beside its module, named by the class (`class Spanish(RomanceRules, data="es.toml")`),
each key one of the class attributes, read once when the class is made and typed by its
annotation (a word list written as one string of words, a unit as its forms in a row).
A table in a subclass's file goes over the one it inherits (`pt-BR.toml`: its units)."""

from __future__ import annotations

import dataclasses
import functools
import re
import sys
import tomllib
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from ...languages import LANGUAGES, base_code
from . import phones, verses
from .abbreviations import DATED, UNSURE, published, rows
from .common import LONGEST, PHONE, word_before, words_before
from .draft import Doubts, Draft, Unsayable

_END = re.compile(r"\s*\Z")
_CAPITAL_NEXT = re.compile(r"\s+[A-ZÀ-Þ]")
_ENDS_SENTENCE = frozenset(["usw.", "etc.", "ecc.", "etc"])
_INITIAL = re.compile(r"[A-Z]\.")
_NAME_NEXT = re.compile(r"\s[A-ZÀ-ÞĐ](?![IVXLC]*\b)")
_WORD_NEXT = re.compile(r"\s?[^\W\d_]")
"""A name next: a capital, or any word where the script writes no capitals (Thai)."""
_NUMBER_BEFORE = re.compile(r"\d\s?\Z")
_NAME_BEFORE = re.compile(r"(?<!\w)[A-ZÀ-ÞĐ][\w.]*\s+\Z")
_INITIAL_NEXT = re.compile(r"\s+[A-Z]\.")
_TIMES = re.compile(r"\d\s?[x×](?!\w)")
_TIMES_LEFT = re.compile(r"(?<!\w)[x×](?!\w)")
_CHAIN = r"(?:[^\W\d_A-ZÀ-ÞĐ]\.){2,}"
"""Small letters each with a stop (`t.o.v.`): a phrase abbreviated, never said letter by
letter as capitals (`U.S.`) are."""
_SHORT_WORD = re.compile(rf"(?<![\w.])(?:{_CHAIN}|[^\W\d_]{{1,4}}\.)")
_UNKNOWN = re.compile(
    rf"(?<![\w.])(?:{_CHAIN}(?!\w)|[^\W\d_]{{1,4}}\.(?=\s?\d)"
    r"|[^\W\d_]{1,3}\.(?=\s+[a-zß-öø-ÿ])|[a-zß-öø-ÿ]\.(?=\s+[A-ZÀ-Þ]))"
)
"""Small letters each with a stop (`_CHAIN`), a short word with a stop before a number,
a shorter one before a small word (the sentence goes on), or a small letter with a stop
before a capital (`p. Kowalskiej`: no sentence ends in one): an abbreviation no list
names."""


class Rules:
    """One language's spoken-form rules: `say` rewrites a text's numbers, dates, times and
    abbreviations in words, as a teacher of the language says them."""

    code: ClassVar[str] = ""
    """The language's code (`de`, `pt-BR`)."""
    plus: ClassVar[str] = "plus"
    """The sign `+` said (before a phone number's country code, a temperature)."""
    minus: ClassVar[str] = "minus"
    """The sign `-` before a number said (`-5 Grad`: minus fünf Grad)."""
    plus_sign: ClassVar[str] = ""
    """`+` before a number said, where it is not `plus` (Chinese 正, not 加)."""
    sign_joiner: ClassVar[str] = " "
    """After the word of a sign (none in Chinese and Thai)."""
    zero_words: ClassVar[tuple[str, ...]] = ()
    """Below and above zero, said for a sign before a `temperature` (영하, 영상)."""
    temperature: ClassVar[re.Pattern[str]] = re.compile(r"(?!)")
    """A temperature after a sign (`5도`, `5℃`)."""
    digit_joiner: ClassVar[str] = " "
    """Between the digits of a number said digit by digit."""
    group_joiner: ClassVar[str] = ", "
    """Between the groups of a phone number."""
    emergency: ClassVar[frozenset[str]] = frozenset()
    """Emergency numbers, said digit by digit after `emergency_words` (`ruf die 112`)."""
    emergency_words: ClassVar[frozenset[str]] = frozenset()
    """The words (lower case) after which a number in `emergency` is one."""
    ratio: ClassVar[str] = ""
    """What a ratio or a score says between its sides, spaces and all (`2:1` zwei zu
    eins: " zu ")."""
    ratio_words: ClassVar[frozenset[str]] = frozenset()
    """Words (lower case, among the three before) that make `1:10` a ratio or a score,
    not a time of day, unless the word just before is one of `time_words`."""
    time_words: ClassVar[frozenset[str]] = frozenset()
    """Words (lower case) after which `9.30` and `20:45` are a time of day (`um`, `alle`,
    下午)."""
    score: ClassVar[str] = ""
    """What a score written with a dash (`3-1`) says between its sides, where it is not
    `ratio`."""
    fraction_form: ClassVar[str] = ""
    """`1/2` said, where no noun after it changes it (`{denominator}分之{numerator}`):
    `fractions`."""
    days: ClassVar[Mapping[str, str]] = {}
    """The days of the week by their abbreviations without a stop (CLDR's: `Mon`), said
    as such in a range (`Mon.–Fri.`: Monday to Friday), never after a number."""
    spaced: ClassVar[bool] = True
    """Whether the language writes spaces between its words: where it does not (Chinese,
    Thai), a word before a place is found in the characters before it."""

    clock_forms: ClassVar[tuple[str, str]] = ("{hour}", "{hour} {minute}")
    """A time of day on the hour and with its minutes (`{hour} Uhr`, `{hour} Uhr {minute}`)."""
    clock_one: ClassVar[tuple[str, ...]] = ()
    """The same at one o'clock, where it differs (`{hour} heure`)."""
    clock_hours: ClassVar[Mapping[int, str]] = {}
    """Numbers said otherwise on a clock (German 1 `ein`; Spanish `una`, its minutes too)."""
    clock_minutes: ClassVar[Mapping[int, str]] = {}
    """Minutes said by a name, each with its form (Italian 30 `{hour} e mezza`)."""
    clock_named_until: ClassVar[int] = 24
    """The last hour the names of `clock_minutes` are said after (the 24-hour clock
    says `18h30` dezoito e trinta)."""
    clock_late: ClassVar[str] = ""
    """A time after `clock_named_until` with its minutes, where it differs (Spanish
    `17:45` diecisiete cuarenta y cinco: `{hour} {minute}`)."""
    clock_minutes_agree: ClassVar[bool] = False
    """Whether the minutes are said as `clock_hours` says hours (Spanish `y una`)."""
    phone_digits: ClassVar[Mapping[int, str]] = {}
    """Digits said otherwise in a phone number or a code (English 0 `oh`, Brazilian 6
    `meia`)."""
    phone_in_numbers: ClassVar[bool] = False
    """Whether a phone number's groups are said as numbers, long ones in pairs (French
    `06 12 ...` zéro six, douze; Spanish), not digit by digit."""
    phone_words: ClassVar[frozenset[str]] = frozenset()
    """Words (lower case, among the three before) that make `555-1234` a phone number,
    not a range."""
    code_words: ClassVar[frozenset[str]] = frozenset()
    """Words (lower case) after which a number is a code said digit by digit (PIN, PLZ,
    zip): right before it, or before a copula (`copulas`) that is."""
    copulas: ClassVar[frozenset[str]] = frozenset()
    """`is`, `ist`, `es` ...: between a code word and its code."""
    abbreviations: ClassVar[Mapping[str, str]] = {}
    """The language's own abbreviations, each with what it says (`z. B.`: zum Beispiel);
    the published lists of `abbreviations.tsv` add theirs."""
    initials: ClassVar[bool] = True
    """Whether names are written with initials (`J. Smith`): where they are, a capital
    and a stop before a name that a list names is said as written and flagged, or, a title
    or a place word (`R. Augusta`: rua), said and noted; where not (Vietnamese `Q. Ba
    Đình`), it is said."""
    money_names: ClassVar[Mapping[str, str]] = {}
    """Currencies written by their sign before a whole amount (`$50`), each said after
    it by its name (五十美元, 오십 달러), where no money pass of the language reads it."""
    money_joiner: ClassVar[str] = " "
    """Between an amount and the name of its currency (none in Chinese and Thai)."""
    books: ClassVar[tuple[str, ...]] = ()
    """Books of the Bible as the language writes them before a verse reference."""
    book_aliases: ClassVar[Mapping[str, str]] = {}
    """Abbreviations of a few books, each with its name as said (`Gen`: Genesis)."""
    verse_form: ClassVar[str] = "{book} {chapter} {verse}"
    """A verse reference said (`verse`): `{book}`, `{chapter}` and `{verse}` in words."""
    letters: ClassVar[Mapping[str, str]] = {}
    """The names of the letters as the language's alphabet says them, where a voice would
    not say a letter alone as its name (`R2` erre due, a flight's `AZ` a zeta); without
    them the letters are said as written."""
    verse_through: ClassVar[str] = ""
    """Between a verse and the last of a range of verses (`3,16-18`); "" where the rules
    do not say one (the reference is then said as written and noted)."""

    def __init_subclass__(cls, data: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if data:
            path = Path(str(sys.modules[cls.__module__].__file__)).with_name(data)
            hints = typing.get_type_hints(cls)
            for name, value in tomllib.loads(path.read_text(encoding="utf-8")).items():
                if name not in hints:
                    raise TypeError(f"{path}: {name} is not a word of {cls.__name__}")
                setattr(cls, name, _typed(hints[name], value, getattr(cls, name, None)))

    def say(self, draft: Draft) -> None:
        """Rewrite `draft` (its text, through `Draft.sub`) as said aloud."""
        raise NotImplementedError

    def digit(self, value: int) -> str:
        """One digit said alone (in a phone number)."""
        return self.cardinal(value)

    def cardinal(self, value: int) -> str:
        """A whole number in words."""
        raise NotImplementedError

    def clock(self, hour: int, minute: int) -> str:
        """A time of day, as `clock_forms` say it."""
        said = self.clock_hours.get(hour) or self.cardinal(hour)
        full, with_minutes = self.clock_one if hour == 1 and self.clock_one else self.clock_forms
        if not minute:
            return full.format(hour=said)
        minutes = self.clock_hours.get(minute) if self.clock_minutes_agree else None
        if hour > self.clock_named_until:
            form = self.clock_late or with_minutes
        else:
            form = self.clock_minutes.get(minute, with_minutes)
        return form.format(hour=said, minute=minutes or self.cardinal(minute))

    def alone(self, value: int) -> str:
        """A whole number said alone, as in a score (German `hundert`, not einhundert)."""
        return self.cardinal(value)

    def digits(self, written: str) -> str:
        """The digits of `written` one by one, its groups apart (a phone number)."""
        return phones.read_groups(written, self._digit_group, self.plus, self.group_joiner)

    def phone(self, written: str) -> str:
        """A phone number as a teacher reads it: its groups apart, each digit by digit or
        as numbers (`phone_in_numbers`), the zero kept; `+` said before a country code."""
        return phones.read_groups(written, self._phone_group, self.plus, self.group_joiner)

    def said_code(self, written: str) -> str:
        """A postcode, a PIN or a number with a leading zero: digit by digit."""
        return phones.read_groups(written, self._code_group, self.plus, self.group_joiner)

    def verse(self, book: str, chapter: int, verse: int, last: int | None) -> str:
        """A verse reference (`Johannes 3,16`), `last` the last verse of a range."""
        said = self.verse_form.format(
            book=book, chapter=self.cardinal(chapter), verse=self.cardinal(verse)
        )
        if last is None:
            return said
        if not self.verse_through:
            raise Unsayable("a range of verses")
        return f"{said} {self.verse_through} {self.cardinal(last)}"

    def references(self, draft: Draft) -> None:
        """ISBNs digit by digit in their groups, and verse references (`verses`)."""
        draft.sub(verses.ISBN, self._isbn)
        if self.books:
            names, books = self._books
            draft.sub(books, lambda m: verses.said_verse(m, names, self.verse))

    def abbreviated(self, draft: Draft) -> None:
        """Abbreviations said whole (the language's own, then its published lists'); one
        with several meanings is said as written and flagged."""
        doubts = draft.doubts

        def one(m: re.Match[str]) -> str:
            if _FLIGHT.match(m.string, m.start()):
                return m[0]  # a flight's letters (`VN 217`): said by `flights`, next
            key = re.sub(r"\s", "", m[1])
            said = self._abbreviated[1].get(key, m[1])
            named, bar, other = said.partition("|")  # `Saint|Street`: before a name or not
            before = m.string[max(0, m.start() - 40) : m.start()]
            after_number = _NUMBER_BEFORE.search(before)  # a unit's place (`5 ม.จาก`)
            capitals = LANGUAGES[base_code(self.code)].capitals
            name_next = (_NAME_NEXT if capitals else _WORD_NEXT).match(m.string, m.end())
            if bar:
                title = name_next and not (after_number and other == UNSURE)
                said = named if title or not other else other
            if said == UNSURE:
                return doubts.add(m[1], "an abbreviation with more than one meaning")
            if self._several.match(m.string, m.end()):  # `p. 20-25`, `p. 20 à 25`: pages
                said = self._plurals.get(key, said)
            if after_number and key.rstrip(".") in self.days:  # `5 seg.`: no day
                return doubts.add(m[1], f"{said}, or a unit after a number")
            initial_next = _INITIAL_NEXT.match(m.string, m.end())
            if self.initials and _INITIAL.fullmatch(key) and key not in self.abbreviations:
                # A title or a place word (`don|`) unless the slot is an initial's: after
                # a name or an initial, or before an initial (`Juan D. Pérez`, `D. J. Pérez`).
                if initial_next or (name_next and (not bar or _NAME_BEFORE.search(before))):
                    return doubts.add(m[1], f"{said}, or an initial")
                if name_next:
                    doubts.note(f"{m[1]}: {said}, or an initial; said {said}")
            # `usw.` and `etc.` may end a sentence too: its stop is kept.
            last = _END.match(m.string, m.end()) is not None
            before_capital = _CAPITAL_NEXT.match(m.string, m.end()) is not None
            if key in self._dated and (last or before_capital) and not m[1][0].isupper():
                return doubts.add(m[1], f"{said}, or a word ending a sentence")
            ends = last or (key in _ENDS_SENTENCE and before_capital)
            glued = m.string[m.end() : m.end() + 1]
            if glued.isdigit() or (
                self.spaced and glued.isalpha() and key[-1] == "."
            ):  # `Q.3` quận ba
                return said + " "
            return said + "." if ends and key.endswith(".") else said

        if self._abbreviated[1]:
            draft.sub(self._abbreviated[0], one)
        self.flights(draft)  # after: its digits said (`sept`) are no abbreviation

    def unknown_abbreviations(self, written: str, draft: Draft) -> None:
        """Flag a short word with a stop before a number (`Kap. 3`) or within a sentence
        (`am Fr. vor`) that the rules left as written: an abbreviation no list names,
        said letter by letter. So is an `x` or `×` after a number that the rules left (`3 x
        per dag`, `2 x 1`): times, or a score, said as the letter."""
        left = set(_SHORT_WORD.findall(draft.text))
        for m in _UNKNOWN.finditer(written):
            said = self._abbreviated[1].get(m[0], "")
            if m[0] in left and said in ("", UNSURE):  # a listed `?`: as `abbreviated` notes it
                why = "with more than one meaning" if said else "the rules do not know"
                draft.doubts.note(f"{m[0]}: an abbreviation {why}; said as written")
        if _TIMES.search(written) and _TIMES_LEFT.search(draft.text):
            draft.doubts.note("x: times, or a score; said as written")

    @functools.cached_property
    def _abbreviated(self) -> tuple[re.Pattern[str], dict[str, str]]:
        """The pattern of every abbreviation, and what each says by its letters without
        spaces (`z.B.` for `z. B.`). One Latin letter and a stop (`p.`) is one only before
        a number (unless the language's own table names it); one that ends in a letter
        only before a space or a sign."""
        mine = self.abbreviations
        table = _written_small({**published(self.code.split("-")[0]), **mine}, self._dated)
        keys = sorted(table, key=len, reverse=True)

        def alternative(key: str) -> str:
            written = re.escape(key).replace(r"\ ", r"\s?")
            if key[1:] == "." and key[0].isascii() and key[0].isalpha() and key not in mine:
                name = r"|\s[A-ZÀ-ÞĐ]|\s[a-zà-ÿ]" if key[0].isupper() else ""
                return written + rf"(?=\s?(?:\d|[IVXLC]+\b){name})"
            return written + r"(?!\w)" if key[-1].isalnum() else written

        # One follows another's stop (`PGS.TS`, `รศ.ดร.`), but not a word's (`www.x`).
        after = r"(?<!\w)(?<![^\W\d_A-Z]\.)" if self.spaced else r"(?<!\w)"
        pattern = re.compile(rf"{after}({'|'.join(alternative(k) for k in keys)})")
        return pattern, {re.sub(r"\s", "", k): v for k, v in table.items()}

    @functools.cached_property
    def _several(self) -> re.Pattern[str]:
        """A range after an abbreviation: a dash or the language's word between two
        numbers (`p. 20-25`, `p. 20 à 25`; not `p. 12 of 30`)."""
        through = re.escape(getattr(self, "through", "") or "-")
        return re.compile(rf"\s?\d+(?:\s?[-–]\s?|\s{through}\s)\d")

    @functools.cached_property
    def _plurals(self) -> dict[str, str]:
        """What an abbreviation says before several numbers, where its list names its
        plural too (the first letter doubled, or an s before the stop: `pp.` pages,
        `págs.` páginas), the singular's words but the last letter (`page`)."""
        table = self._abbreviated[1]
        return {
            key: table[many]
            for key, one in table.items()
            for many in (key[0] + key, key[:-1] + "s.")
            if key.endswith(".") and many in table and table[many][: len(one) - 1] == one[:-1]
        }

    @functools.cached_property
    def _dated(self) -> frozenset[str]:
        """CLDR's short day and month names, not named by the language's own table."""
        listed = rows(self.code.split("-")[0]).items()
        return frozenset(w for w, (_, s) in listed if s == DATED and w not in self.abbreviations)

    @functools.cached_property
    def _books(self) -> tuple[dict[str, str], re.Pattern[str]]:
        names = {**{b: b for b in self.books}, **self.book_aliases}
        return names, verses.book_pattern(names)

    def _isbn(self, m: re.Match[str]) -> str:
        if not verses.is_isbn(m[0]):
            return m[0]
        said = self.digits(m[0])
        return f"{said}{self.group_joiner}X" if m[0].endswith("X") else said

    def thousands_signs(self) -> str:
        """The signs written between groups of thousands (`612.345.678` is no phone)."""
        return ","

    def phone_context(self, text: str, pos: int) -> bool:
        """Whether a word before `pos` makes `555-1234` a phone number (`phone_words`)."""
        return bool(self.phone_words & words_before(text, pos))

    def code_context(self, text: str, pos: int) -> bool:
        """Whether the words before `pos` make the number there a code (`code_words`);
        in a language written without spaces, the characters before it."""
        if not self.spaced:
            return phones.code_within(text, pos, self.code_words)
        return phones.code_before(text, pos, self.code_words, self.copulas)

    def _phone_group(self, group: str) -> str:
        if self.phone_in_numbers:
            pairs = phones.in_pairs(group, self.cardinal, self.digit(0))
            return self.group_joiner.join(pairs)
        return self._code_group(group)

    def _code_group(self, group: str) -> str:
        said = (self.phone_digits.get(int(d)) or self.digit(int(d)) for d in group)
        return self.digit_joiner.join(said)

    # The passes every language shares, in the order a language's `say` runs them.

    def numbers_as_digits(self, draft: Draft) -> None:
        """ISBNs and verse references (`references`); phone numbers, postcodes and codes
        (`phones`), emergency numbers, and numbers too long to say in words, digit by
        digit; scientific notation said as written."""
        self.references(draft)
        draft.sub(phones.PLUS, self._plus_phone)
        draft.sub(phones.NORTH_AMERICAN, lambda m: self.phone(m[0]))
        draft.sub(phones.BRACKETED, lambda m: self.phone(m[0]))
        draft.sub(phones.GROUPED, self._grouped_phone)
        draft.sub(PHONE, self._phone)
        draft.sub(phones.DASHED, self._dashed_phone)
        draft.sub(phones.POSTCODE, lambda m: self.said_code(m[1]))
        if self.code_words:
            draft.sub(phones.CODE, self._code)
        draft.sub(phones.LEADING_ZERO, lambda m: self.said_code(m[0]))
        draft.sub(_LONG, lambda m: self._long(m[0], draft.doubts))
        for m in _LONG_FRACTION.finditer(draft.text):  # said digit by digit by the passes
            draft.doubts.note(f"a number of {len(m[0])} digits after its point")
        draft.sub(_SCIENTIFIC, lambda m: draft.doubts.add(m[0], "a number in scientific notation"))
        if self.emergency:
            draft.sub(_THREE_DIGITS, self._emergency)

    sign_pattern: ClassVar[re.Pattern[str]] = re.compile(
        r"(?<![^\s(\[{\"'„«“‚:;=/])(?<!\d\s)([-−+])(?=\d|(?:R\$|US\$|[$€£¥₩])\s?\d)"
    )
    """A sign before a number (or its currency, `-$5`): at the start or after a space or an
    opening bracket, never between two numbers (`7 -8`, `2024-03-15`)."""

    def signs(self, draft: Draft) -> None:
        """A sign before a number (`-5`, `−12`, `+3`) said as the language's word."""
        draft.sub(self.sign_pattern, self.signed)

    def signed(self, m: re.Match[str]) -> str:
        """The word for the sign of `m` (`-`, `−` or `+`) and `sign_joiner`; before a
        temperature, the words below or above zero (`-5도` 영하 오 도), none after them."""
        text, plus = m.string, m[1] == "+"
        if self.zero_words:
            word = self.zero_words[plus]
            if text[max(0, m.start() - 4) : m.start()].rstrip().endswith(word):
                return ""
            if self.temperature.match(text, m.end()):
                return word + self.sign_joiner
        return (self.plus_sign or self.plus if plus else self.minus) + self.sign_joiner

    def ratios(self, draft: Draft) -> None:
        """`2:1` and `1:100` as a score or a ratio; `1:10` too where a word before says
        so (`im Verhältnis 1:10`), else it is left to the clock times, as is `19:00`
        (no score is written with a zero); `3-1` a score (`scores`)."""
        if self.ratio:
            draft.sub(_RATIO, self._ratio)
        self.scores(draft)

    def scores(self, draft: Draft) -> None:
        """Two numbers apart by a dash, the second lower (`3-1`): no range ends below
        where it starts, so a score after a word that makes one (`ratio_words`: `won
        3-1`), else said as written and noted, as is a range written short (`110-15`);
        a range is left to the range passes."""

        def one(m: re.Match[str]) -> str:
            first, second = int(m[1]), int(m[2])
            if second >= first:
                return m[0]  # a range
            if first >= 100 and len(m[2]) < len(m[1]):  # `110-15`: 110 to 115?
                return draft.doubts.add(m[0], "a range written short", "write both ends in full")
            joiner = self.score or self.ratio
            if joiner and self.ratio_context(m.string, m.start()):
                return f"{self.alone(first)}{joiner}{self.alone(second)}"
            fix = "write the score or the range in words"
            return draft.doubts.add(m[0], "a score or a range that ends below its start", fix)

        draft.sub(_SCORE, one)

    def _ratio(self, m: re.Match[str]) -> str:
        first, second = m[1], m[2]
        if len(second) == 2 and (second[0] == "0" or not self.ratio_context(m.string, m.start())):
            return m[0]
        return f"{self.alone(int(first))}{self.ratio}{self.alone(int(second))}"

    def signed_money(self, draft: Draft) -> None:
        """A whole amount after a currency's sign (`money_names`) said with its name; one
        with cents said as written and noted (the rules name no cents of it)."""
        if not self.money_names:
            return
        signs = "".join(map(re.escape, self.money_names))
        pattern = re.compile(rf"([{signs}])\s?(\d{{1,3}}(?:,\d{{3}})+|\d+)(\.\d+)?(?![\d.,]?\d)")

        def one(m: re.Match[str]) -> str:
            if m[3]:
                return draft.doubts.add(m[0], "an amount with cents")
            amount = self.cardinal(int(m[2].replace(",", "")))
            return f"{amount}{self.money_joiner}{self.money_names[m[1]]}"

        draft.sub(pattern, one)

    def fractions(self, draft: Draft) -> None:
        """A fraction (`1/2`) as `fraction_form` says it; a slash between other numbers
        (`10/3`, a date or a score) said as written and noted."""

        def one(m: re.Match[str]) -> str:
            numerator, denominator = int(m[1]), int(m[2])
            if not 0 < numerator < denominator <= 10:
                return draft.doubts.add(m[0], "a date, a fraction or a score")
            said = {
                "numerator": self.cardinal(numerator),
                "denominator": self.cardinal(denominator),
            }
            return self.fraction_form.format(**said)

        draft.sub(_FRACTION, one)

    def leftovers(self, draft: Draft) -> None:
        """Digits the passes left (`1.000.000` where the decimal sign is `.`): said as
        written and noted, so that no digit reaches a voice unremarked."""
        draft.sub(_LEFTOVER, lambda m: draft.doubts.add(m[0], "a number the rules cannot place"))

    def ratio_context(self, text: str, pos: int) -> bool:
        """Whether a word before `pos` makes `1:10` a ratio or a score (`ratio_words`);
        never right after a time word (`um 20:45`, 晚上7:30: unspaced, the text's end)."""
        if (
            word_before(text, pos).lower() in self.time_words
            if self.spaced
            else text[:pos].endswith(tuple(self.time_words))
        ):
            return False
        if not self.spaced:
            window = text[max(0, pos - 12) : pos]
            return any(word in window for word in self.ratio_words)
        return bool(self.ratio_words & words_before(text, pos))

    def _plus_phone(self, m: re.Match[str]) -> str:
        digits = sum(len(g) for g in phones.groups_of(m[0]))
        return self.phone(m[0]) if digits >= 7 else m[0]

    def _phone(self, m: re.Match[str]) -> str:
        # `612 345 678` in French is a number; a run of groups going on is none (and
        # reading it as one would read it again from each group: quadratic).
        text, start, end = m.string, m.start(1), m.end(1)
        alone = not _GROUP_AFTER.match(text, end) and not (
            start >= 2 and _GROUP_BEFORE.match(text, start - 2)
        )
        if alone and phones.is_thousands(m[1], self.thousands_signs()):
            return m[0]
        if phones.is_years(m[1]) and not self.phone_context(text, start):
            return m[0]  # `1998 2004 2010`: years, each said by the passes after
        return self.phone(m[1])

    def _grouped_phone(self, m: re.Match[str]) -> str:
        context = self.phone_context(m.string, m.start())
        grouped = phones.is_grouped_phone(m, self.thousands_signs(), context) and not (
            phones.is_years(m[0]) and not context
        )
        return self.phone(m[0]) if grouped else m[0]

    def _dashed_phone(self, m: re.Match[str]) -> str:
        # No range ends in a number starting with 0 or starts with five digits (`phones`).
        dashed = m[2].startswith("0") or len(m[1]) == 5
        return self.phone(m[0]) if dashed or self.phone_context(m.string, m.start()) else m[0]

    def flights(self, draft: Draft) -> None:
        """What may be a flight (`BA 217`, `G3 1402`, `_FLIGHT`): its airline's signs said
        one by one, a letter by its name (`letters`; where the language lists none,
        the letters as written, never as an abbreviation: `VN`), then its digits one by
        one; flagged, for no word tells a flight (`BA 217`) from, say, a calendar week
        (`KW 12`)."""
        joiner = " " if self.spaced else ""

        def one(m: re.Match[str]) -> str:
            why = f"what may be a flight ({m[0]}), its signs said one by one"
            airline = m[1].strip()
            if self.letters:
                draft.doubts.note(f"{airline}: {why}")
                signs = [self.said_code(c) if c.isdigit() else self.letters[c] for c in airline]
                airline = joiner.join(signs)
            else:
                airline = draft.doubts.add(airline, why)
            return airline + joiner + self.said_code(m[2])

        draft.sub(_FLIGHT, one)

    def _code(self, m: re.Match[str]) -> str:
        return self.said_code(m[1]) if self.code_context(m.string, m.start()) else m[0]

    def _long(self, written: str, doubts: Doubts) -> str:
        shown = written if len(written) <= 24 else written[:20] + "…"
        doubts.note(f"{shown}: a number of {len(written)} digits; said digit by digit")
        return self._digit_group(written)

    def _digit_group(self, group: str) -> str:
        return self.digit_joiner.join(self.digit(int(d)) for d in group)

    def _emergency(self, m: re.Match[str]) -> str:
        if m[1] not in self.emergency:
            return m[0]
        if self.emergency_words and word_before(m.string, m.start()).lower() not in (
            self.emergency_words
        ):
            return m[0]
        return self.digits(m[1])


def _typed(hint: Any, value: Any, inherited: Any = None) -> Any:
    """A value of a language's TOML as its class attribute's type `hint` says."""
    kind = typing.get_origin(hint)
    if kind is ClassVar:
        return _typed(typing.get_args(hint)[0], value, inherited)
    args = typing.get_args(hint)
    if hint is re.Pattern or kind is re.Pattern:
        return re.compile(value)
    if kind is frozenset:
        return frozenset(value.split() if isinstance(value, str) else value)
    if kind is tuple:
        if args[-1] is not Ellipsis:
            return tuple(_typed(arg, item) for arg, item in zip(args, value, strict=True))
        return tuple(_typed(args[0], item) for item in value)
    if kind in (Mapping, dict):
        key = args[0]
        typed = {key(k): _typed(args[1], v) for k, v in value.items()}
        return {**inherited, **typed} if isinstance(inherited, Mapping) else typed
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return hint(*value) if isinstance(value, list) else hint(**value)
    return value


_GROUP_AFTER = re.compile(r"\s\d")
_GROUP_BEFORE = re.compile(r"\d\s")
"""After a number's end, before its start: more groups of digits."""
# A flight designator (IATA Resolution 762; ICAO Annex 10, vol. II, 5.2.1.4: the digits of
# a call sign said one by one): an airline's two letters, or a letter and a digit set
# apart by a space (`G3 1402`, `9W 117`), then a number of two to four digits, which every
# reader of the sets accepts said digit by digit (`BA 217`: b a two one seven). A year
# after two letters is an event's (`WM 2026`, `JO 2024`), not a flight.
_FLIGHT = re.compile(
    r"(?<![A-Za-z\d.,-])([A-Z]{2}\s?|[A-Z]\d\s|\d[A-Z]\s)(?!(?:19|20)\d\d(?!\d))(\d{2,4})"
    r"(?![.,:/]?\d)(?![A-Za-z])"
)
_LEFTOVER = re.compile(r"[\d.,:/]*\d[\d.,:/]*")
_LONG_FRACTION = re.compile(rf"(?<=\d[.,])\d{{{LONGEST + 1},}}")
_LONG = re.compile(rf"(?<![\d.,])\d{{{LONGEST + 1},}}(?!\d)")
_SCIENTIFIC = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?[eE][+-]?\d+(?!\w)")
_THREE_DIGITS = re.compile(r"(?<![\d.,/:-])(\d{3,4})(?![\d]|[.,/:-]\d)")
_FRACTION = re.compile(r"(?<![\d.,/])(\d{1,2})/(\d{1,2})(?![\d/]|[.,]\d)")
_SCORE = re.compile(r"(?<![\d.,:/–-])(\d{1,3})[-–](\d{1,3})(?![\d]|[.,:/–-]\d)")
_RATIO = re.compile(r"(?<![\d.,:])(\d{1,3}):(\d{1,3})(?![\d:]|[.,]\d)")


def _written_small(table: dict[str, str], dated: frozenset[str]) -> dict[str, str]:
    """`table` with each capital word-like abbreviation (`Prof.`, `Sig.ra`) also written
    small, where the table names no such form: a title is written small within a
    sentence (`il prof. Neri`, `la sra. Gómez`); and each small one also capital, as at
    a sentence's start (`Approx. 300`)."""
    found = dict(table)
    for key, said in table.items():
        if len(key) < 3 or not key[1].isalpha() or key in dated:
            continue  # a day or a month is written capital (`Mon.`), or small
        if key[0].islower():
            found.setdefault(key[0].upper() + key[1:], said)  # at a sentence's start
        elif key[0].isupper() and key[1].islower() and said != UNSURE:
            found.setdefault(key[0].lower() + key[1:], said)
    return found
