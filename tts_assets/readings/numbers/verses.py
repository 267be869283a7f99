"""References that a clock or a decimal would read otherwise: ISBNs and Bible verses.

An ISBN (`978-3-16-148410-0`, 13 digits in five groups starting 978 or 979; ten digits in
four groups after the word `ISBN`) is said digit by digit, its groups apart, as everyone
reads one, not as ranges. A verse reference (`Johannes 3,16`, `John 3:16`, `约翰福音3:16`:
a book of the Bible the language names in `Rules.books`, then chapter and verse apart by
a colon or a comma, maybe a last verse after a dash) is said as the language says one
(`Rules.verse`), not as a time of day or a decimal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

ISBN = re.compile(
    r"(?<![\dA-Za-z_.,/-])(?:97[89](?:[-\u0020]\d{1,7}){3}[-\u0020][\dX]"
    r"|(?:(?<=ISBN)|(?<=ISBN\u0020)|(?<=ISBN:\u0020))\d{1,7}(?:-\d{1,7}){2}-[\dX])"
    r"(?![\d-]|[.,]\d)"
)
"""An ISBN-13 by its shape (978 or 979 and four more groups), an ISBN-10 right after the
word; how many digits each has is checked apart (`is_isbn`)."""

_DIGITS = re.compile(r"[\dX]")


def is_isbn(written: str) -> bool:
    """Whether `written` (a match of `ISBN`) holds as many digits as an ISBN does."""
    count = len(_DIGITS.findall(written))
    return count == 13 if written.startswith(("978", "979")) else count == 10


def book_pattern(books: Mapping[str, str]) -> re.Pattern[str]:
    """The verse references after one of `books` (the written names): the book (1), its
    chapter (2), verse (3) and last verse (4). A book glued to the word before it is one
    in a language written without spaces (`请读约翰福音3:16`)."""
    names = "|".join(re.escape(b) for b in sorted(books, key=len, reverse=True))
    return re.compile(
        rf"(?<![A-Za-zÀ-ÿĀ-ž])({names})\.?\s?(\d{{1,3}})[:,](\d{{1,3}})(?:\s?[-–]\s?(\d{{1,3}}))?"
        r"(?![\d]|[.,:]\d)"
    )


def said_verse(
    m: re.Match[str], books: Mapping[str, str], verse: Callable[[str, int, int, int | None], str]
) -> str:
    """The reference `m` (of `book_pattern`) as `verse` says it, the book by its name."""
    last = int(m[4]) if m[4] else None
    return verse(books[m[1]], int(m[2]), int(m[3]), last)
