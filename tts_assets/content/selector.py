"""Path expressions: where a content type finds its texts, and where their URLs go.

The user-facing syntax, with examples, is in `spec`'s docstring. Precisely: an
expression is steps joined by dots, read relative to one entry. A step is a key (any
characters except `.`, `[`, `]`, `|`; surrounding spaces are ignored) optionally
followed by `[]` (each element of a list) or `[N]` (element N, from 0), any number of
times; only the first step may be a bare `[]`/`[N]`. `a | b` lists alternatives
(`parse_alternatives`). Each `[]` of a text expression binds the index it stands at;
`Selector.place` puts those indexes, in order, into the `[]` of the URL expression.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .item import JsonPath

EACH = None
"""The `[]` step; a key step is a str and a fixed index an int."""

Step = str | int | None

MISSING: Any = object()
"""The value of a place whose last key is absent from an existing object."""


class ExpressionError(ValueError):
    """A path expression is not well formed; the message says where and why."""


class ShapeError(Exception):
    """A value on the way to a text is not the container the expression walks through."""

    def __init__(self, path: JsonPath, expected: str, found: object) -> None:
        super().__init__(f"expected {expected}, found {kind_of(found)}")
        self.path = path
        self.expected = expected
        self.found = found


def kind_of(value: object) -> str:
    """How a JSON value is named to users: `a string`, `a list`, `null`..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


class Match(NamedTuple):
    """A place an expression reached: its path from the entry, value, and `[]` indexes."""

    path: JsonPath
    value: Any
    """The value there, None for null, or MISSING when the last key is absent."""
    binds: tuple[int, ...]


_match = functools.partial(tuple.__new__, Match)
"""`Match(*fields)` of a tuple of its fields, without the Python frame of a named tuple's
`__new__` (a large course makes several a text)."""


@dataclass(frozen=True)
class Selector:
    """One compiled path expression (no alternatives)."""

    source: str
    steps: tuple[Step, ...]
    each_count: int = field(init=False, compare=False)
    key: str | None = field(init=False, compare=False, repr=False)
    """Its one step when that is a key (`word`): matched without `_walk`; else None."""
    pair: tuple[str, str] | None = field(init=False, compare=False, repr=False)
    """Its keys when it is `KEY[].KEY` (`examples[].sentence`): matched without `_walk`."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "each_count", sum(1 for s in self.steps if s is EACH))
        key = self.steps[0] if len(self.steps) == 1 else None
        object.__setattr__(self, "key", key if isinstance(key, str) else None)
        first, each, then = (*self.steps, None, None, None)[:3]
        pair = (
            (first, then)
            if len(self.steps) == 3
            and isinstance(first, str)
            and each is EACH
            and isinstance(then, str)
            else None
        )
        object.__setattr__(self, "pair", pair)

    def place(self, binds: tuple[int, ...]) -> JsonPath:
        """The concrete path this expression names once its `[]` steps get `binds`."""
        if not self.each_count:
            return self.steps  # type: ignore[return-value]
        it = iter(binds)
        return tuple(next(it) if s is EACH else s for s in self.steps)

    def found(self, entry: Any) -> list[Match]:
        """`matches`, or none where a value on the way is of the wrong kind (nothing can
        be there)."""
        try:
            return self.matches(entry)
        except ShapeError:
            return []

    def matches(self, entry: Any) -> list[Match]:
        """Every place in `entry` the expression reaches, in document order; none past a
        missing key, null or the end of a list; ShapeError for a value of the wrong kind."""
        key = self.key
        if key is not None:
            # One key (`word`, `audioUrl`): most expressions, walked without `_walk`.
            if entry is None:
                return []
            if not isinstance(entry, dict):
                raise ShapeError((), f'an object with "{key}"', entry)
            return [_match((self.steps, entry.get(key, MISSING), ()))]
        if self.pair is not None:
            return _pair(entry, *self.pair)
        found: list[Match] = []
        _walk(entry, self.steps, 0, (), (), found)
        return found


def _pair(entry: Any, first: str, then: str) -> list[Match]:
    """`Selector.matches` of `FIRST[].THEN`, as `_walk` walks it."""
    if entry is None:
        return []
    if not isinstance(entry, dict):
        raise ShapeError((), f'an object with "{first}"', entry)
    value = entry.get(first)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ShapeError((first,), "a list", value)
    found: list[Match] = []
    for n, element in enumerate(value):
        if element is None:
            continue
        if not isinstance(element, dict):
            raise ShapeError((first, n), f'an object with "{then}"', element)
        found.append(_match(((first, n, then), element.get(then, MISSING), (n,))))
    return found


def _walk(
    value: Any,
    steps: tuple[Step, ...],
    i: int,
    path: JsonPath,
    binds: tuple[int, ...],
    found: list[Match],
) -> None:
    # Appends to one list rather than yielding: loading a course walks every expression
    # of every entry, and a chain of generators costs a frame per level per match.
    last = len(steps) - 1
    while i <= last:
        if value is None:
            return
        step = steps[i]
        if isinstance(step, str):
            if not isinstance(value, dict):
                raise ShapeError(path, f'an object with "{step}"', value)
            path = (*path, step)
            if step not in value:
                if i == last:
                    found.append(_match((path, MISSING, binds)))
                return
            value = value[step]
        elif not isinstance(value, list):
            raise ShapeError(path, "a list of strings" if i == last else "a list", value)
        elif step is EACH:
            for n, element in enumerate(value):
                _walk(element, steps, i + 1, (*path, n), (*binds, n), found)
            return
        elif step < len(value):
            path = (*path, step)
            value = value[step]
        else:
            return
        i += 1
    found.append(_match((path, value, binds)))


def parse_alternatives(expr: str) -> tuple[Selector, ...]:
    """Compile `a | b | ...` into selectors; a single expression gives one."""
    if not isinstance(expr, str):
        raise ExpressionError(f"expected a path expression (a string), found {kind_of(expr)}")
    return _compiled(expr)


@functools.lru_cache(maxsize=4096)
def _compiled(expr: str) -> tuple[Selector, ...]:
    """`parse_alternatives` of a string, once a string: a config's expressions are
    compiled again by every check and plan of a run (selectors are frozen values; an
    expression refused raises each time, as nothing refused is kept)."""
    return tuple(parse_selector(part) for part in expr.split("|"))


_HELP = "write keys separated by dots, [] for each element of a list, [N] for element N"


def parse_selector(expr: str) -> Selector:
    """Compile one path expression; raises ExpressionError saying what is wrong."""
    source = expr.strip()
    if not source:
        raise ExpressionError(f"empty path expression; {_HELP}")
    steps: list[Step] = []
    pos = 0
    need_key = False
    while pos < len(source):
        ch = source[pos]
        if ch.isspace():
            pos += 1
        elif ch == "[":
            if need_key:
                raise ExpressionError(f'"{source}": expected a key after "." at {pos}; {_HELP}')
            close = source.find("]", pos)
            if close < 0:
                raise ExpressionError(f'"{source}": "[" at {pos} is not closed; {_HELP}')
            inside = source[pos + 1 : close].strip()
            if inside == "":
                steps.append(EACH)
            elif inside.isdigit() and inside.isascii():
                steps.append(int(inside))
            else:
                raise ExpressionError(
                    f'"{source}": [{inside}] is not [] or [N] with N a number ≥ 0; {_HELP}'
                )
            pos = close + 1
        elif ch == ".":
            if not steps or need_key:
                raise ExpressionError(f'"{source}": missing key before "." at {pos}; {_HELP}')
            need_key = True
            pos += 1
        elif ch == "]":
            raise ExpressionError(f'"{source}": "]" at {pos} without "["; {_HELP}')
        else:
            if steps and not need_key:
                raise ExpressionError(f'"{source}": expected "." or "[" at {pos}; {_HELP}')
            end = pos
            while end < len(source) and source[end] not in ".[]":
                end += 1
            key = source[pos:end].strip()
            if not key:
                raise ExpressionError(f'"{source}": empty key at {pos}; {_HELP}')
            steps.append(key)
            need_key = False
            pos = end
    if need_key:
        raise ExpressionError(f'"{source}": ends with "."; {_HELP}')
    return Selector(source, tuple(steps))
