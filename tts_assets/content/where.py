"""Entry selection: a type that reads only some entries of its file, by the value of a key.

A kana chart (`characters.json`) keeps kana entries beside kanji entries in one list; a
type says which are its own:

    where = { type = ["hiragana", "katakana"] }   # entries whose "type" is one of these
    where_not = { type = ["", "kanji"] }           # entries whose "type" is none of these

A key is a path of keys separated by dots (`meta.kind`), read from the entry. An absent
key and null read as "", so `""` in a list stands for "no value". Values are strings,
integers or true/false, compared with the JSON value as it is (`"3"` is not `3`). Several
keys, in one table or in both, must all hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .builtins import toml_value
from .selector import ExpressionError, ShapeError, kind_of, parse_alternatives

Value = str | int | bool
"""What a `where` list may hold."""


@dataclass(frozen=True)
class Condition:
    """One key of a `where` (or `where_not`) table: the entry's value must (not) be listed."""

    key: str
    """The key path as written (`type`, `meta.kind`)."""
    values: tuple[Value, ...]
    negated: bool = False
    """True for `where_not`: the value must be none of `values`."""
    path: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            (selector,) = parse_alternatives(self.key)
        except (ExpressionError, ValueError):
            raise ValueError(
                f'"{self.key}" is not a key path; write keys separated by dots (e.g. type)'
            ) from None
        if not all(isinstance(s, str) for s in selector.steps):
            raise ValueError(f'"{self.key}": select by keys only, without [] or [N]')
        object.__setattr__(self, "path", tuple(str(s) for s in selector.steps))

    def holds(self, entry: Any) -> bool:
        """Whether `entry` is selected; ShapeError when the key cannot be read."""
        value: Any = entry
        for n, key in enumerate(self.path):
            if value is None:
                break
            if not isinstance(value, dict):
                raise ShapeError(self.path[:n], f'an object with "{key}"', value)
            value = value.get(key)
        if value is None:
            value = ""
        elif not isinstance(value, str | int | bool):
            raise ShapeError(self.path, "a string, a number or true/false to select by", value)
        listed = any(_same(value, v) for v in self.values)
        return listed != self.negated


def _same(a: Value, b: Value) -> bool:
    return type(a) is type(b) and a == b


def selects(conditions: Iterable[Condition], entry: Any) -> bool:
    """Whether every condition holds for `entry`."""
    return all(c.holds(entry) for c in conditions)


def parse_where(table: Any, *, negated: bool) -> tuple[Condition, ...]:
    """The conditions of a `where` (or `where_not`) table; ValueError saying what is wrong."""
    example = '{ type = ["hiragana", "katakana"] }'
    if not isinstance(table, Mapping) or not table:
        raise ValueError(f"expected a table of keys and their values, e.g. {example}")
    conditions = []
    for key, raw in table.items():
        values = raw if isinstance(raw, list) else [raw]
        if not values or not all(isinstance(v, str | int | bool) for v in values):
            raise ValueError(
                f"{key}: expected a string, a number, true/false or a list of them, "
                f"found {kind_of(raw)}, e.g. {example}"
            )
        conditions.append(Condition(str(key), tuple(values), negated))
    return tuple(conditions)


def disjoint(a: Iterable[Condition], b: Iterable[Condition]) -> bool:
    """True when no entry can be selected by both `a` and `b`: a key they share rules out
    every entry of one of them (`type` in [x] against in [y], or against not in [x, z])."""
    for c in a:
        for d in b:
            if c.path != d.path or (c.negated and d.negated):
                continue
            if c.negated:
                c, d = d, c
            if d.negated:
                if all(any(_same(v, w) for w in d.values) for v in c.values):
                    return True
            elif not any(_same(v, w) for v in c.values for w in d.values):
                return True
    return False


def complement(conditions: Iterable[Condition]) -> str:
    """The TOML that selects no entry `conditions` selects (on their first key), or ""."""
    c = next(iter(conditions), None)
    return "" if c is None else as_toml([replace(c, negated=not c.negated)])


def as_toml(conditions: Iterable[Condition]) -> str:
    """`conditions` as the config writes them: `where = { ... }`, `where_not = { ... }`."""
    conditions = tuple(conditions)
    tables = []
    for name, negated in (("where", False), ("where_not", True)):
        keys = [f"{c.key} = {toml_value(c.values)}" for c in conditions if c.negated == negated]
        if keys:
            tables.append(f"{name} = {{ {', '.join(keys)} }}")
    return ", ".join(tables)


def absent(conditions: Iterable[Condition], entry: Any) -> list[str]:
    """The keys of `conditions` that `entry` does not hold (absent or null)."""
    missing = []
    for c in conditions:
        value: Any = entry
        for key in c.path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is None:
            missing.append(c.key)
    return missing


@dataclass(frozen=True)
class Unselected:
    """A file with entries of which a type's `where` selected none."""

    path: Path
    entries: int
    absent: tuple[str, ...]
    """The selecting keys none of its entries holds (`type`)."""


def unselected_note(type_name: str, where: Iterable[Condition], files: Sequence[Unselected]) -> str:
    """The note on files with entries that the type `type_name` (selecting by `where`)
    selects none of, and what to do."""
    first = files[0]
    shown = ", ".join(
        f"{f.path} ({f.entries} {'entry' if f.entries == 1 else 'entries'})" for f in files[:3]
    )
    if len(files) > 3:
        shown += f" and {len(files) - 3} more file(s)"
    keys = " or ".join(f'"{k}"' for k in first.absent)
    lacking = f'; none has {keys}, which reads as ""' if keys else ""
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", first.path.stem).strip("_") or "NAME"
    whose = "its" if len(files) == 1 else "their"
    return (
        f"{shown}: the {type_name} type selects none of {whose} entries "
        f"({as_toml(where)}{lacking}), so none was voiced; to voice them, give them a "
        f'type of their own ([types.{name}] with file = "{first.path.name}", the fields of '
        f"{type_name} and no where), or give each entry the key the type selects by"
    )
