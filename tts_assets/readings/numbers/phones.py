"""Phone numbers and other strings of digits (postcodes, PINs) as a teacher reads them:
found by their shape, never said as an amount.

The shapes (each bounded, so a pass is linear in the text):

- a `+` and a country code before groups (`+39 347 123 4567`, `+33 6 12 34 56 78`);
- an area code in brackets (`(555) 123-4567`, `(11) 98765-4321`);
- three to six groups of two to four digits apart by one separator (`06 12 34 56 78`,
  `91 123 45 67`, `06.12.34.56.78`), not a date (`15.03.2024`, `2024-03-15`), not
  thousands (`612.345.678` in German, `612 345 678` in French, `12 000 000`), and not
  a list (`10 20 30 40 50`) unless a word before says it is a phone number;
- two groups apart by a dash, the second of four digits (`555-0199`, `98765-4321`): a
  phone number when the second starts with 0 (no range ends so), the first has five
  digits, or a word before says so (`number`, `Telefon`); else a range (`1998-2005`);
- a number with a leading zero (`089`, `007`), not a group of thousands (`10 000`):
  never an amount;
- a number after a word that makes it a code (`PIN`, `PLZ`, `zip code`, `CAP`, `邮编`,
  `비밀번호`): digit by digit;
- a postcode before its town after a house number and a comma (`Hauptstraße 5, 10115
  Berlin`; not `15000 Besucher, 20000 Menschen.`);
- a North American number with its 1 (`1-800-555-0199`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_GLUED = r"\dA-Za-zÀ-ÿ_"
"""What a digit string is not glued to (Chinese and Korean words may be)."""
PLUS = re.compile(rf"(?<![{_GLUED}+])\+\d{{1,3}}(?:[ ./-]\d{{1,8}}){{1,6}}(?![\d]|[.,]\d)")
NORTH_AMERICAN = re.compile(
    rf"(?<![{_GLUED}.,+-])1[ .-]\d{{3}}[ .-]\d{{3}}[ .-]\d{{4}}(?![\d]|[.,]\d)"
)
BRACKETED = re.compile(rf"(?<![{_GLUED}(])\(\d{{2,4}}\)\s?\d{{3,5}}[ -]\d{{4}}(?![\d]|[.,]\d)")
GROUPED = re.compile(
    rf"(?<![{_GLUED}.,+-])(\d{{2,4}})([ .-])\d{{2,4}}(?:\2\d{{2,4}}){{1,4}}(?![\d]|[.,]\d)"
)
DASHED = re.compile(rf"(?<![{_GLUED}.,:/-])(\d{{3,5}})-(\d{{4}})(?![\d]|[.,-]\d)")
LEADING_ZERO = re.compile(
    rf"(?<![{_GLUED}.,:/-])(?<!\d[\s\u00a0\u202f])0\d{{2,14}}(?![\d]|[.,:]\d)"
)
CODE = re.compile(rf"(?<![{_GLUED}.,:/+-])(\d{{3,10}}(?:-\d{{3,4}})?)(?![\d]|[.,:/]\d)")
POSTCODE = re.compile(
    r"(?:(?<=\d,\s)|(?<=\d[a-z],\s))(\d{5})(?=\s[A-ZÄÖÜÉ][\w-]{1,30}(?:$|[,.;)]))"
)

_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}")
_GROUPS = re.compile(r"\d+")
_CODE_BEFORE = re.compile(r"(\w+)[^\w\d]{1,3}(?:(\w+)[^\w\d]{1,3})?$")
_WINDOW = 40


def groups_of(written: str) -> list[str]:
    """The groups of digits of `written`, as written."""
    return _GROUPS.findall(written)


def is_grouped_phone(m: re.Match[str], thousands: str, phone_context: bool) -> bool:
    """Whether `m` (of `GROUPED`) is a phone number: 8 to 13 digits, not a date, not a
    number with groups of thousands written apart by one of `thousands`, and not a list
    of numbers (`10 20 30 40 50`: groups of one length, unless it starts with 0 or a
    word before says it is a phone number)."""
    written = m[0]
    groups = groups_of(written)
    if not 8 <= sum(len(g) for g in groups) <= 13:
        return False
    if len({len(g) for g in groups}) == 1 and not groups[0].startswith("0"):
        return phone_context
    if len(groups) == 3 and _DATE.fullmatch(written):
        return False
    return not is_thousands(written, thousands)


def is_years(written: str) -> bool:
    """Whether `written` is years in a row apart by spaces (`1998 2004 2010`): each group
    four digits from 1100 to 2099, a list no phone number is written as."""
    groups = groups_of(written)
    return (
        not written.startswith("+")
        and set(_GROUPS.sub("", written)) <= {" "}
        and all(len(g) == 4 and 1100 <= int(g) <= 2099 for g in groups)
    )


def is_thousands(written: str, thousands: str) -> bool:
    """Whether `written` is a number in groups of thousands apart by one of `thousands`
    (`612 345 678` in French), or by spaces ending in `000` (`12 000 000`, as SI writes
    them), rather than a phone number."""
    groups = groups_of(written)
    if written.startswith("+") or groups[0].startswith("0") or len(groups[0]) > 3:
        return False
    if any(len(g) != 3 for g in groups[1:]):
        return False
    separators = set(_GROUPS.sub("", written))
    return separators <= set(thousands) or (separators == {" "} and groups[-1] == "000")


def code_within(text: str, pos: int, words: frozenset[str]) -> bool:
    """Whether one of `words` ends the few characters before `pos`, or a copula or a
    particle after it does (`邮编是`, `密码：`, `비밀번호는`): for a language written
    without spaces (`房间有200平方米` is no code)."""
    window = text[max(0, pos - 12) : pos]
    rest = _COPULA_END.sub("", window)
    return any(rest.endswith(word) for word in words)


_COPULA_END = re.compile(r"(?:是|为|：|:|는|은|이|가|\s){0,3}$")


def code_before(text: str, pos: int, words: frozenset[str], copulas: frozenset[str]) -> bool:
    """Whether the word right before `pos` is one of `words` (lower case), or the one
    before it with a copula between (`PIN ist`, `zip code is`, `PLZ:`)."""
    found = _CODE_BEFORE.search(text[max(0, pos - _WINDOW) : pos])
    if found is None:
        return False
    last = (found[2] or found[1]).lower()
    first = found[1].lower() if found[2] else ""
    return last in words or (first in words and last in copulas)


def read_groups(written: str, group: Callable[[str], str], plus: str, joiner: str) -> str:
    """`written`'s groups each said by `group`, apart by `joiner`; `plus` before them
    when it starts with `+`."""
    said = joiner.join(group(g) for g in groups_of(written))
    return f"{plus} {said}" if written.lstrip().startswith("+") else said


def in_pairs(group: str, number: Callable[[int], str], zero: str) -> list[str]:
    """A group said as a language that reads phone numbers in numbers does (French,
    Spanish): up to three digits as one number, longer ones in pairs (three first when
    odd); a leading zero said as itself (`06` zéro six, `00` zéro zéro)."""
    if len(group) > 3:
        first = 3 if len(group) % 2 else 2
        return [*in_pairs(group[:first], number, zero), *in_pairs(group[first:], number, zero)]
    said = []
    rest = group
    while len(rest) > 1 and rest.startswith("0"):
        said.append(zero)
        rest = rest[1:]
    said.append(number(int(rest)))
    return [" ".join(said)]
