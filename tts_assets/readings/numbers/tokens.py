"""Whether a rule read a whole number or only part of one: the check every pass of the
spoken-form rules goes through (`Draft.sub`), so that no rule says a number it was not
written for with certainty.

A number as written is a token (`TOKEN`): digits, with one sign between groups of them
(`.`, `,`, `:`, `/`, a dash, or one space: `1 299,99`, `978-3-16-148410-0`, `3:16`) or a
letter or two (`1h30`, `3x4`). A rule that rewrites a match whose edge cuts into such a
token read a shape it does not know: `1` and then `299,99 €` of `1 299,99 €`, `978-3` of
an ISBN as a range, `1` of `1h30`. Such a token is said as written and noted, whichever
rule met it first. Two cuts are shapes the rules know: a dash between two plain numbers
(`10:00-12:30`, `3-6`), each said by a rule of its own, and a space between numbers in a
row that no number in groups of thousands can be (`10 20 30`, `1998 2004`); a space in
what may be one (`1 299`: up to three digits, the space, three), or any cut of a token
with more dashes, is not.

The token around a cut is looked for a bounded way each side (`WINDOW`), so a pass stays
linear in its text however long a run of digits and signs is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WINDOW = 48
"""How far each way from a cut the rest of its token is looked for: a token longer than
that is read in part whatever a rule said (no rule reads so long a one)."""

SPACES = frozenset("\u0020\u00a0\u202f")
"""The spaces that may join two groups of digits: a space, a no-break space, a narrow
no-break space."""
DASHES = frozenset("-–")

TOKEN = re.compile(r"\d+(?:(?:[.,:/\-–\u0020\u00a0\u202f]|[A-Za-z]{1,2})\d+)*")
"""A number as written: groups of digits, one sign (`.,:/`, a dash, one of `SPACES`) or
one or two Latin letters between each two (`1h30`, `3x4`)."""
_SIGNS = frozenset(".,:/-–") | SPACES
"""The signs `TOKEN` takes between two groups of digits."""
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_THREE = re.compile(r"\d{3}(?!\d)")
_PLAIN = re.compile(r"\d+(?:[.,:]\d+)*")
"""One side of a dash that a rule of its own may say (`12:30`, `6`, `3,5`)."""


@dataclass(frozen=True)
class Part:
    """A token a rule read only part of: where it is (in the text the rule read), why,
    and what to write instead."""

    start: int
    end: int
    why: str
    fix: str


def read_in_part(m: re.Match[str]) -> Part | None:
    """The token that `m`, a match a rule rewrote, reads only part of; None when each
    token it meets is read whole (or one side of a dash, `10:00` of `10:00-12:30`)."""
    text = m.string
    for cut in _claim(m):
        if not _inside(text, cut):
            continue
        before, after = text[cut - 1], text[cut]
        space = cut - 1 if before in SPACES else cut if after in SPACES else -1
        if space >= 0:
            if not _in_groups(text, space):
                continue  # numbers in a row (`10 20 30`), which no number in groups can be
            token = _token_at(text, cut)
        else:
            token = _token_at(text, cut)
            if (before in DASHES or after in DASHES) and _one_side_of_a_dash(text, cut, token):
                continue
        return _part(token.start(), token.end(), space >= 0)
    return None


def _claim(m: re.Match[str]) -> tuple[int, int]:
    """What `m` reads: its span and its groups' (a lookahead's group is the rest of a
    range, read by the rule's next pass: `3-` of `3-6` claims `6` too)."""
    regs = m.regs
    start, end = regs[0]
    for group_start, group_end in regs[1:]:
        if group_start >= 0:
            if group_start < start:
                start = group_start
            if group_end > end:
                end = group_end
    return start, end


def _inside(text: str, cut: int) -> bool:
    """Whether `cut` falls inside a token (not at its edge), as `_token_at` finds one,
    told from the characters around it, no search needed: a token goes on through a
    digit, and through one sign or one or two letters between digits (`_glues`; the
    window is far wider than that, so it never cuts the glue)."""
    if cut <= 0 or cut >= len(text):
        return False
    if text[cut - 1].isdecimal():
        return text[cut].isdecimal() or _glues(text[cut : cut + 3])
    return text[cut].isdecimal() and _glues(text[max(0, cut - 3) : cut][::-1])


def _glues(away: str) -> bool:
    """Whether the characters going away from a digit (`away`, the nearest first) are a
    sign or one or two letters, then a digit: what `TOKEN` takes between two groups."""
    if away[:1] in _SIGNS:
        return away[1:2].isdecimal()
    if away[:1] not in _LETTERS:
        return False
    return away[1:2].isdecimal() or (away[1:2] in _LETTERS and away[2:3].isdecimal())


def _token_at(text: str, cut: int) -> re.Match[str]:
    """The token `cut` falls inside of (`_inside`), looked for `WINDOW` each way."""
    for token in TOKEN.finditer(text, max(0, cut - WINDOW), min(len(text), cut + WINDOW)):
        if cut < token.end():
            return token
    raise AssertionError(f"no token at {cut}")  # `_inside` said there is one


def _in_groups(text: str, space: int) -> bool:
    """Whether the digits each side of `space` may be groups of one number (`1 299`):
    one to three before it, three after it."""
    before = space
    while before > 0 and space - before <= 3 and text[before - 1].isdecimal():
        before -= 1
    return 1 <= space - before <= 3 and _THREE.match(text, space + 1) is not None


def _one_side_of_a_dash(text: str, cut: int, token: re.Match[str]) -> bool:
    """Whether `cut` is at the one dash of a token of two plain numbers (`10:00-12:30`)."""
    at = cut if text[cut] in DASHES else cut - 1 if text[cut - 1] in DASHES else -1
    if at < 0:
        return False
    return (
        _PLAIN.fullmatch(text, token.start(), at) is not None
        and _PLAIN.fullmatch(text, at + 1, token.end()) is not None
    )


def _part(first: int, last: int, spaced: bool) -> Part:
    if spaced:
        return Part(
            first,
            last,
            "numbers in a row, or one number in groups the rules cannot read as one",
            "write one number without spaces between its groups, or the numbers apart with commas",
        )
    return Part(
        first,
        last,
        "a number in a shape the rules do not know (a code, a reference, a range?)",
        "write it in words as it is said",
    )
