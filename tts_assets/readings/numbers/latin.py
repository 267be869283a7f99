"""The spoken form of numbers in the languages written in Latin script (de, es, it, fr,
pt, en): one set of passes over the text, each language giving its words and its rules.

The passes, in order (each leaves words, so a later one never reads an earlier one's
output): abbreviations; Roman numerals after a name (regnal numbers, centuries); phone
numbers; ISO dates; the language's own forms (ordinal marks, numeric dates); clock times;
money; percent; a day and its month; ranges; years; a number and the noun it counts
(agreement); any other number. What could be read more than one way is said as written
and recorded as a doubt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .common import DIGIT, PHONE, Doubts, digit_by_digit, roman, sub, words


@dataclass(frozen=True)
class Currency:
    """A currency's names: one, many, and its hundredth."""

    one: str
    many: str
    cents: str
    feminine: bool = False


@dataclass(frozen=True)
class Locale:
    """What one language says: its number words and the rules around them."""

    n2w: str
    """num2words' language."""
    decimal: str
    """The decimal sign as written: "," or "."."""
    point: str
    """The decimal sign as said."""
    percent: str
    plus: str
    through: str
    """What a range says between its ends (`7-8`)."""
    months: tuple[str, ...]
    abbreviations: Mapping[str, str]
    currencies: Mapping[str, Currency]
    cents_joiner: str
    """Between the amount and its cents: `zwölf Euro fünfzig`, `doce euros con cincuenta`."""
    not_years: frozenset[str]
    """Words after which a four-digit number is an amount, not a year."""
    stop_words: frozenset[str]
    """Words after a number that are not the noun it counts."""
    digit_decimals: bool
    """Whether the digits after the decimal sign are said one by one."""
    clock: Callable[[int, int], str]
    counted: Callable[[int, str, str, Doubts], str]
    """The words of a number before the noun it counts (agreement), or alone (noun "")."""
    ordinal: Callable[[int, str, str], str]
    """An ordinal by the word before it and the word after it (case, gender)."""
    regnal: Callable[[int, str, str], str | None]
    """A Roman numeral after `name` (Ludwig, siglo) with the word before it, or None."""
    day_month: Callable[[int, str, str, str], str]
    """A day and its month (`3. Oktober`, `3 de octubre`): day, between, month, before."""
    year: Callable[[int], str]
    own: Callable[[str, Doubts], str] | None = None
    """The language's own passes, before clock times (ordinal marks, numeric dates)."""
    clock_pattern: re.Pattern[str] = re.compile(r"(?<![\d.,:])(\d{1,2}):(\d{2})(?![\d:])")
    years_from: int = 1100
    extra_group: str = ""
    """Characters also written between groups of thousands (French spaces)."""
    feminine_names: frozenset[str] = frozenset()
    numbered: frozenset[str] = frozenset()
    """Words after which a Roman numeral is a number (`Teil III`, `World War II`)."""
    before: Callable[[str], str] | None = None
    """A pass before the Roman numerals after names (`XIXe siècle`, `XIX secolo`)."""
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False)
    _plain: dict[str, str] = field(default_factory=dict, compare=False)
    """The abbreviations by their letters without spaces (`z.B.` for `z. B.`)."""

    def number(self) -> str:
        """The regex of a number as this language writes it (thousands, decimals)."""
        group = "." if self.decimal == "," else ","
        groups = re.escape(group) + self.extra_group
        return (
            rf"\d{{1,3}}(?:[{groups}]\d{{3}})+(?:{re.escape(self.decimal)}\d+)?(?![\d])"
            rf"|\d+[.,]\d+(?![\d])|\d+"
        )

    def pattern(self, name: str, regex: str) -> re.Pattern[str]:
        found = self._compiled.get(name)
        if found is None:
            found = self._compiled[name] = re.compile(regex.replace("NUM", self.number()))
        return found


def parse(written: str, locale: Locale) -> tuple[int, str | None] | None:
    """(whole part, digits after the decimal sign) of a written number, or None when its
    signs could mean either (`3.5` in German, `1,5` in English)."""
    group = "." if locale.decimal == "," else ","
    plain = re.sub(rf"[{re.escape(group)}{locale.extra_group}](?=\d{{3}}(?!\d))", "", written)
    if locale.decimal in plain:
        whole, _, frac = plain.partition(locale.decimal)
        if not whole.isdigit() or not frac.isdigit():
            return None
        return int(whole), frac
    if not plain.isdigit():
        return None
    return int(plain), None


def cardinal(value: int, locale: Locale) -> str:
    return words(value, locale.n2w).replace(",", "")


def said_number(written: str, locale: Locale, doubts: Doubts, noun: str = "") -> str:
    """A written number as words: a decimal, or a whole number agreeing with `noun`."""
    parsed = parse(written, locale)
    if parsed is None:
        return doubts.add(written, "the decimal sign is unclear")
    whole, frac = parsed
    if frac is None:
        return locale.counted(whole, noun, "", doubts)
    if locale.digit_decimals or frac.startswith("0") or len(frac) > 2:
        after = " ".join(cardinal(int(d), locale) for d in frac)
    else:
        after = cardinal(int(frac), locale)
    return f"{locale.counted(whole, '', '', doubts)} {locale.point} {after}"


_WORD = r"[^\W\d_]+"


def say(text: str, locale: Locale, doubts: Doubts) -> str:
    """`text` with its numbers, times, dates and abbreviations in words."""
    text = _abbreviations(text, locale)
    if locale.before is not None:
        text = locale.before(text)
    text = _regnal(text, locale)
    if not DIGIT.search(text):
        return text
    digit = lambda d: cardinal(d, locale)  # noqa: E731
    text = sub(PHONE, text, lambda m: digit_by_digit(m.group(1), digit, locale.plus))
    iso = locale.pattern("iso", r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
    text = sub(iso, text, lambda m: _date(m, locale, int(m[3]), int(m[2]), int(m[1])))
    if locale.own is not None:
        text = locale.own(text, doubts)
    ranged = locale.pattern("range", r"(?<![\d.,:])(NUM)\s?[-–]\s?(?=(NUM)(?![\d.,]?\d))")
    text = sub(ranged, text, lambda m: _range(m, locale, doubts))
    text = sub(locale.clock_pattern, text, lambda m: _clock(m, locale, doubts))
    text = _money(text, locale, doubts)
    percent = locale.pattern("percent", r"(?<![\d.,])(NUM)\s?%")
    text = sub(percent, text, lambda m: f"{said_number(m[1], locale, doubts)} {locale.percent}")
    months = "|".join(locale.months)
    day = locale.pattern("day", rf"(?<![\d.,])(\d{{1,2}})(\.?\s+(?:de\s+)?)({months})\b")
    text = sub(day, text, lambda m: _day(m, text, locale))
    year = locale.pattern("year", rf"(?<![\d.,])(\d{{4}})(?![\d])(?!\s*%)(\s+{_WORD})?")
    text = sub(year, text, lambda m: _year(m, locale, doubts))
    counted = locale.pattern("counted", rf"(?<![\d.,])(NUM)(\s+)({_WORD})")
    text = sub(counted, text, lambda m: _counted(m, locale, doubts))
    plain = locale.pattern("plain", r"(?<![\d])(NUM)")
    return sub(plain, text, lambda m: said_number(m[1], locale, doubts))


def _abbreviations(text: str, locale: Locale) -> str:
    if not locale.abbreviations:
        return text
    found = locale._compiled.get("abbreviations")
    if found is None:
        keys = sorted(locale.abbreviations, key=len, reverse=True)
        alternatives = "|".join(re.escape(k).replace(r"\ ", r"\s?") for k in keys)
        found = locale._compiled["abbreviations"] = re.compile(rf"(?<!\w)({alternatives})(?!\w)")
    plain = locale._plain
    if not plain:
        plain.update({re.sub(r"\s", "", k): v for k, v in locale.abbreviations.items()})

    def one(m: re.Match[str]) -> str:
        key = re.sub(r"\s", "", m[1])
        said = plain.get(key, m[1])
        # `usw.` and `etc.` may end a sentence too: its stop is kept.
        rest = m.string[m.end() :]
        ends = not rest.strip() or (key in _ENDS_SENTENCE and re.match(r"\s+[A-ZÀ-Þ]", rest))
        return said + "." if ends and key.endswith(".") else said

    return sub(found, text, one)


_ENDS_SENTENCE = frozenset(["usw.", "etc.", "ecc.", "etc"])


_ROMAN_AFTER = re.compile(r"\b([A-ZÀ-Ýa-zà-ÿ][a-zà-ÿ]+)\s+([IVX]{1,6})(\.?)(?=$|[\s,;:!?)»\"'])")
_BEFORE = re.compile(r"(\w+)\s+$")


def _regnal(text: str, locale: Locale) -> str:
    if not re.search(r"\b[IVX]+\b", text):
        return text

    def one(m: re.Match[str]) -> str:
        value = roman(m[2])
        if value is None or value > 39:
            return m[0]
        if m[1][0].islower() and m[1] not in ("siglo", "secolo", "século", "siècle"):
            return m[0]
        if m[2] == "I" and locale.n2w == "en" and re.match(r"\s+[a-z]", text[m.end() :]):
            return m[0]  # `Yesterday I went`
        before = _BEFORE.search(text[: m.start()])
        if m[1] in locale.numbered:
            said: str | None = cardinal(value, locale)
        else:
            said = locale.regnal(value, m[1], before[1] if before else "")
        if said is None:
            return m[0]
        # The dot of a German ordinal is eaten, unless it also ends the text.
        dot = m[3] if m.end() == len(text.rstrip()) and m[3] else ""
        return f"{m[1]} {said}{dot}"

    return _ROMAN_AFTER.sub(one, text)


def _clock(m: re.Match[str], locale: Locale, doubts: Doubts) -> str:
    found = [int(g) for g in m.groups() if g is not None]
    hour, minute = found[0], found[1] if len(found) > 1 else 0
    if hour > 24 or minute > 59:
        return doubts.add(m[0], "not a time of day")
    return locale.clock(hour, minute)


def _date(m: re.Match[str], locale: Locale, day: int, month: int, year: int | None) -> str:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return m[0]
    text = m.string
    before = _BEFORE.search(text[: m.start()])
    said = locale.day_month(day, " ", locale.months[month - 1], before[1] if before else "")
    return said if year is None else f"{said} {locale.year(year)}"


def _day(m: re.Match[str], text: str, locale: Locale) -> str:
    before = _BEFORE.search(m.string[: m.start()])
    return locale.day_month(int(m[1]), m[2], m[3], before[1] if before else "")


_CURRENCY_BEFORE = r"(R\$|US\$|\$|€|£)\s?(NUM)"
_CURRENCY_AFTER = r"(?<![\d.,])(NUM)\s?(€|\$|£|EUR\b|USD\b)"


def _money(text: str, locale: Locale, doubts: Doubts) -> str:
    if not any(c in text for c in "€$£") and "EUR" not in text and "USD" not in text:
        return text
    before = locale.pattern("money-before", _CURRENCY_BEFORE)
    after = locale.pattern("money-after", _CURRENCY_AFTER)
    text = sub(before, text, lambda m: _amount(m[2], m[1], locale, doubts, m[0]))
    return sub(after, text, lambda m: _amount(m[1], m[2], locale, doubts, m[0]))


_SYMBOLS = {"EUR": "€", "USD": "$", "US$": "$"}


def _amount(written: str, symbol: str, locale: Locale, doubts: Doubts, whole_text: str) -> str:
    currency = locale.currencies.get(_SYMBOLS.get(symbol, symbol))
    parsed = parse(written, locale)
    if currency is None or parsed is None:
        return doubts.add(whole_text, "the amount or its currency is unclear")
    units, frac = parsed
    noun = currency.one if units == 1 else currency.many
    gender = "f" if currency.feminine else "m"
    if frac is None or int(frac) == 0:
        return f"{locale.counted(units, noun, gender, doubts)} {noun}"
    if len(frac) != 2:
        return doubts.add(whole_text, "an amount with other than two decimals")
    cents = cardinal(int(frac), locale)
    if units == 0:
        return f"{cents} {currency.cents}"
    return f"{locale.counted(units, noun, gender, doubts)} {noun}{locale.cents_joiner}{cents}"


def _range(m: re.Match[str], locale: Locale, doubts: Doubts) -> str:
    first, second = parse(m[1], locale), parse(m[2], locale)
    if first is None or second is None:
        return m[0]
    if first[1] is None and second[1] is None and len(m[1]) == 4 == len(m[2]):
        return f"{_year_words(first[0], locale)} {locale.through} "
    return f"{said_number(m[1], locale, doubts)} {locale.through} "


def _year_words(value: int, locale: Locale) -> str:
    if locale.years_from <= value <= 2099:
        return locale.year(value)
    return cardinal(value, locale)


def _year(m: re.Match[str], locale: Locale, doubts: Doubts) -> str:
    value = int(m[1])
    noun = (m[2] or "").strip()
    if noun and (noun.lower() in locale.not_years or not (1000 <= value <= 2099)):
        return f"{locale.counted(value, noun, '', doubts)} {noun}"
    return _year_words(value, locale) + (m[2] or "")


def _counted(m: re.Match[str], locale: Locale, doubts: Doubts) -> str:
    noun = m[3]
    if noun.lower() in locale.stop_words:
        return said_number(m[1], locale, doubts) + m[2] + noun
    return said_number(m[1], locale, doubts, noun) + m[2] + noun


def noun_gender(
    value: int,
    noun: str,
    gender: str,
    doubts: Doubts,
    lists: tuple[frozenset[str], frozenset[str], tuple[str, ...]],
    masculine_endings: tuple[str, ...] = ("o", "os"),
    matters: bool = True,
) -> bool | None:
    """Whether `noun`, counted by `value`, is feminine: as the content marks it (`gender`
    "f" or "m"), else guessed from `lists` (feminine words, masculine words, feminine
    endings) and the endings; None when neither tells, noted as a doubt (said as
    masculine) where the gender `matters` to the words."""
    feminine = {"f": True, "m": False}.get(gender)
    if feminine is None:
        feminine = guess_feminine(noun, *lists, masculine_endings)
    if feminine is None and matters:
        doubts.note(f"{value} {noun}: the noun's gender is unknown; said as masculine")
    return feminine


def guess_feminine(
    noun: str,
    feminine: frozenset[str],
    masculine: frozenset[str],
    endings: tuple[str, ...],
    masculine_endings: tuple[str, ...] = ("o", "os"),
) -> bool | None:
    """Whether `noun` (or its singular) is feminine, by the word lists then its ending;
    None when neither tells."""
    word = noun.lower()
    stems = [word]
    for plural in ("es", "s", "i", "e"):
        if word.endswith(plural):
            stems.append(word[: -len(plural)])
    for stem in stems:
        if stem in feminine:
            return True
        if stem in masculine:
            return False
    if word.endswith(endings):
        return True
    if word.endswith(masculine_endings):
        return False
    return None
