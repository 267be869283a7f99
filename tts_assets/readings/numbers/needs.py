r"""What a text must hold for a pattern to match anywhere in it, and where a match can
start, read once from the pattern itself: a pass is not scanned over a text that cannot
hold a match, and a pattern every match of which starts with a digit is tried at digits
only.

Each pass of the spoken-form rules scans the whole text (`Draft.sub`), and most find
nothing: a percent pass in a text without `%`, a range pass without a dash, any pass
with a digit in it once the digits are all said. Scanning a long text for nothing was
half the rules' time; asking `"%" in text` costs next to nothing. And most patterns start
with a lookbehind (`(?<![\d.,])`), which `re` tries at every character before it looks
at the character: the same pattern after a lookahead for a digit (`(?=\d)`, which every
match meets anyway) is tried at the digits alone, a fifth less time on a passage of a
course's sentences.

`scanned(pattern)` reads the pattern as `re` parses it: a literal or a small class that
every match holds (outside anything optional, in every branch of an alternation, or in
a lookahead or lookbehind that must hold), whether every match holds a digit, and
whether the first character every match takes is a digit. What it cannot read (a
case-insensitive part, a pattern `re` parses otherwise in a later Python) needs nothing
and is scanned as it is, so an answer is never wrong, only sometimes missing.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

_MOST = 8
"""The most characters one check looks for (each is one search of the text)."""


@dataclass(frozen=True)
class Needs:
    """What a text must hold for a pattern to match in it: one of `chars` (none to
    look for when empty) and a digit (`digit`)."""

    chars: frozenset[str] = frozenset()
    digit: bool = False

    def met_by(self, text: str) -> bool:
        """Whether `text` holds what a match needs (a digit is asked last: dearer)."""
        if self.chars:
            for char in self.chars:
                if char in text:
                    break
            else:
                return False
        return not self.digit or _has_digit(text)


NOTHING = Needs()
_DIGIT = re.compile(r"\d")
_LAST: tuple[str, bool] = ("", False)
"""The last text asked for a digit and the answer: each pass of a text asks it again."""


def _has_digit(text: str) -> bool:
    global _LAST
    last = _LAST
    if last[0] is text:
        return last[1]
    found = _DIGIT.search(text) is not None
    _LAST = (text, found)
    return found


def scanned(pattern: re.Pattern[str]) -> tuple[Needs, re.Pattern[str]]:
    """What a text must hold for `pattern` to match in it (`NOTHING` when unknown), and
    the pattern to scan it with: `pattern`, or the same after `(?=\\d)` when the first
    character each match takes is a digit (the same matches, tried at digits only).
    Read once per pattern, kept by its identity (hashing a pattern hashes all of its
    compiled code, dearer than scanning a short text)."""
    known = _READ.get(id(pattern))
    if known is not None and known[0] is pattern:
        return known[1], known[2]
    if len(_READ) >= _KEPT:
        _READ.clear()
    found, scan = _read(pattern)
    _READ[id(pattern)] = (pattern, found, scan)
    return found, scan


def needs(pattern: re.Pattern[str]) -> Needs:
    """What a text must hold for `pattern` to match in it (`scanned`)."""
    return scanned(pattern)[0]


_READ: dict[int, tuple[re.Pattern[str], Needs, re.Pattern[str]]] = {}
_KEPT = 1024
"""The most patterns kept read (the rules use under 200)."""


def _read(pattern: re.Pattern[str]) -> tuple[Needs, re.Pattern[str]]:
    if pattern.flags & re.IGNORECASE:
        return NOTHING, pattern
    try:
        parsed = list(_parser().parse(pattern.pattern, pattern.flags))
        found = _sequence(parsed) or NOTHING
        if not _starts_with_digit(parsed):
            return found, pattern
        return found, re.compile(r"(?=\d)" + pattern.pattern, pattern.flags)
    except Exception:  # a Python whose parser reads otherwise: scan as before
        return NOTHING, pattern


def _parser() -> Any:
    """`re`'s own parser (`re._parser` since Python 3.11): what `re.compile` reads."""
    return importlib.import_module("re._parser")


def _starts_with_digit(items: list[tuple[Any, Any]]) -> bool:
    """Whether the first character every match of a run of items takes is a digit."""
    for op, arg in items:
        name = str(op)
        if name in ("ASSERT", "ASSERT_NOT", "AT"):
            continue  # takes no character: tried where the match starts
        if name == "LITERAL":
            return chr(arg).isdecimal()
        if name == "IN":
            return _digits_only(arg)
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            return bool(arg[0] >= 1 and _starts_with_digit(list(arg[2])))
        if name == "SUBPATTERN":
            return not arg[1] & re.IGNORECASE and _starts_with_digit(list(arg[3]))
        if name == "BRANCH":
            return all(_starts_with_digit(list(branch)) for branch in arg[1])
        return False
    return False  # a match may take nothing


def _digits_only(members: list[tuple[Any, Any]]) -> bool:
    """Whether a character class (`\\d`, `[1-9]`) holds digits alone."""
    for op, arg in members:
        name = str(op)
        if name == "CATEGORY" and str(arg) == "CATEGORY_DIGIT":
            continue
        if name == "LITERAL" and chr(arg).isdecimal():
            continue
        if name == "RANGE" and all(chr(c).isdecimal() for c in range(arg[0], arg[1] + 1)):
            continue
        return False
    return bool(members)


def _sequence(items: list[tuple[Any, Any]]) -> Needs | None:
    """What a run of items needs: the fewest characters any one item needs, and a digit
    if any item needs one."""
    chars: frozenset[str] | None = None
    digit = False
    for op, arg in items:
        found = _item(str(op), arg)
        if found is None:
            continue
        digit = digit or found.digit
        if found.chars and (chars is None or len(found.chars) < len(chars)):
            chars = found.chars
    if chars is None and not digit:
        return None
    return Needs(chars or frozenset(), digit)


def _item(op: str, arg: Any) -> Needs | None:
    """What one parsed item needs, or None for nothing known."""
    if op == "LITERAL":
        return Needs(frozenset(chr(arg)))
    if op == "IN":
        return _class(arg)
    if op in ("MAX_REPEAT", "MIN_REPEAT"):
        least, _, inner = arg
        return _sequence(list(inner)) if least >= 1 else None
    if op == "SUBPATTERN":
        _, add_flags, _, inner = arg
        return None if add_flags & re.IGNORECASE else _sequence(list(inner))
    if op == "ASSERT":  # a lookahead or lookbehind that must hold: in the text too
        return _sequence(list(arg[1]))
    if op == "BRANCH":
        common = frozenset.intersection(*(_singles(list(branch)) for branch in arg[1]))
        either = _either([_sequence(list(branch)) for branch in arg[1]])
        if common:  # a character every branch holds (the `.` of abbreviations)
            return Needs(frozenset(min(common)), either is not None and either.digit)
        return either
    return None


def _singles(items: list[tuple[Any, Any]]) -> frozenset[str]:
    """The characters every match of a run of items holds, each one on its own."""
    found: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            found.add(chr(arg))
        elif name == "IN" and len(arg) == 1 and str(arg[0][0]) == "LITERAL":
            found.add(chr(arg[0][1]))
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] >= 1:
            found |= _singles(list(arg[2]))
        elif name == "SUBPATTERN" and not arg[1] & re.IGNORECASE:
            found |= _singles(list(arg[3]))
        elif name == "ASSERT":
            found |= _singles(list(arg[1]))
        elif name == "BRANCH":
            found |= frozenset.intersection(*(_singles(list(branch)) for branch in arg[1]))
    return frozenset(found)


def _class(members: list[tuple[Any, Any]]) -> Needs | None:
    """A character class (`[-–]`, `\\d`): its characters if few, or a digit."""
    if [(str(op), str(arg)) for op, arg in members] == [("CATEGORY", "CATEGORY_DIGIT")]:
        return Needs(digit=True)
    chars: set[str] = set()
    for op, arg in members:
        if str(op) == "LITERAL":
            chars.add(chr(arg))
        elif str(op) == "RANGE" and arg[1] - arg[0] < _MOST:
            chars.update(chr(code) for code in range(arg[0], arg[1] + 1))
        else:
            return None
    return Needs(frozenset(chars)) if len(chars) <= _MOST else None


def _either(branches: list[Needs | None]) -> Needs | None:
    """What every branch of an alternation needs: one of all their characters (each
    branch must need some), and a digit if each needs one."""
    if any(branch is None for branch in branches):
        return None
    known = [branch for branch in branches if branch is not None]
    digit = all(branch.digit for branch in known)
    chars: frozenset[str] = frozenset()
    if all(branch.chars for branch in known):
        chars = frozenset().union(*(branch.chars for branch in known))
    if len(chars) > _MOST:
        chars = frozenset()
    if not chars and not digit:
        return None
    return Needs(chars, digit)
