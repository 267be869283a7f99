"""Typed tables: every table of the config declared once, as a dataclass, and checked one way.

A table is a frozen dataclass that subclasses `Table`: one field per key, declared with
`setting(default, low=..., high=...)` and a docstring under it (the documentation reads
it: `describe`). Building one, from a config table, from flags or directly in Python,
checks every value against its field's type and bounds, so a bad value stops a run
before anything is planned or written; a key the class does not have is refused, listing
the valid keys. Types understood: bool, int, float, str, Path, `tuple[str, ...]`,
`Mapping[str, str]`, Literal values, and unions of them (None in a union means "not set").

    @dataclass(frozen=True)
    class PiperSettings(ProviderSettings):
        intra_op_threads: int = setting(1, low=1)
        \"\"\"ONNX threads per inference.\"\"\"

The tables: `[audio]` (`audio.AudioSettings`), each `[providers.NAME]`
(`providers.settings.ProviderSettings`), each `[[sets]]` (`settings.sets.ContentSet`), and
the top level's own keys (`settings.config.Keys`). A class may add rules that tie keys
together in `check()` (an MP3 bitrate's range); the error names the key all the same.
"""

from __future__ import annotations

import ast
import inspect
import math
import textwrap
import types
import typing
import unicodedata
from collections.abc import Mapping
from dataclasses import MISSING, Field, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal, Self, Union

from .errors import ConfigError


class BadSetting(ConfigError):
    """A key a table does not have, or a value its type does not take.

    `str()` names the key alone; `named(prefix)` names it in full, as a config file
    does (`providers.piper.intra_op_threads`).
    """

    def __init__(self, key: str, template: str, expected: str | None = None) -> None:
        self.key = key
        self._template = template
        self.expected = expected
        """For a bad value, what the key takes (`a whole number ≥ 1`)."""
        super().__init__(template.format(key=key))

    def named(self, prefix: str) -> str:
        """The message with the key written `prefix` + key."""
        return self._template.format(key=f"{prefix}{self.key}")


def setting(
    default: Any = MISSING,
    *,
    low: float | None = None,
    high: float | None = None,
    above: float | None = None,
    secret: bool = False,
    env: str | None = None,
) -> Any:
    """A key of a table: its default (none: the key is required), the bounds of a number
    (`above`: a bound the value may not equal), whether its value is secret, and the
    environment variable that sets it (`env`), if any.

    A secret value is never shown: not in a repr, not in an error message, and it is
    refused in a config file (files get committed; environment variables do not).
    """
    meta = {"low": low, "high": high, "above": above, "secret": secret, "env": env, "key": True}
    if isinstance(default, (dict, list)):
        raise TypeError("use an immutable default (a tuple, or None)")
    return field(default=default, metadata=meta, repr=not secret)


@dataclass(frozen=True)
class Table:
    """Base of every typed table: one checked field per key."""

    def __post_init__(self) -> None:
        hints = _hints(type(self))
        for f in _keys(type(self)):
            value = _convert(hints[f.name], getattr(self, f.name))
            _check(f, hints[f.name], value)
            object.__setattr__(self, f.name, value)
        self.check()

    def check(self) -> None:
        """Rules that tie keys together (raise BadSetting naming the key); none here."""

    @classmethod
    def table_keys(cls) -> list[str]:
        """The keys of the table, in the order the class declares them."""
        return [f.name for f in _keys(cls)]

    @classmethod
    def secret_keys(cls) -> list[str]:
        """The keys whose values are secret (never shown, never read from a file)."""
        return sorted(f.name for f in _keys(cls) if f.metadata.get("secret"))

    @classmethod
    def environment(cls) -> dict[str, str]:
        """The environment variables that set a key of the table: variable → key."""
        return {f.metadata["env"]: f.name for f in _keys(cls) if f.metadata.get("env")}

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> Self:
        """The settings a config table gives; BadSetting for an unknown key or bad value."""
        cls.check_keys(table)
        required = [f for f in _keys(cls) if f.default is MISSING and f.default_factory is MISSING]
        missing = [f.name for f in required if f.name not in table]
        if missing:
            raise BadSetting(missing[0], 'missing "{key}"')
        return cls(**table)

    def merged(self, table: Mapping[str, Any]) -> Self:
        """These settings with the keys of `table` replaced (checked like a table)."""
        self.check_keys(table)
        return replace(self, **table)

    def anchored(self, root: Path) -> Self:
        """These settings with every relative path made relative to `root` instead."""
        hints = _hints(type(self))
        changes = {
            f.name: root / value
            for f in _keys(type(self))
            if isinstance(value := getattr(self, f.name), Path)
            and not value.is_absolute()
            and Path in _members(hints[f.name])
        }
        return replace(self, **changes) if changes else self

    @classmethod
    def check_keys(cls, table: Mapping[str, Any]) -> None:
        """BadSetting for the first key of `table` this class does not have."""
        check_keys(table, cls.table_keys())


def key_names(cls: type) -> list[str]:
    """The keys of dataclass `cls`'s table: its fields, but those made with `not_a_key`."""
    return [f.name for f in _keys(cls)]


def value_of(cls: type, key: str, given: Any, *, bounds: bool = True) -> Any:
    """`given` as key `key` of dataclass `cls` keeps it (TOML's int as float, str as
    Path), checked against its type and (unless `bounds` is False) its bounds."""
    f = _keyed(cls)[key]
    hint = _hints(cls)[key]
    value = _convert(hint, given)
    _check(f, hint, value, bounds=bounds)
    return value


def not_a_key(**kwargs: Any) -> Any:
    """A field of a table's dataclass that is not one of its keys (a nested table, a value
    the program sets): `dataclasses.field(**kwargs)`, left out of checks and of the docs."""
    return field(metadata={"key": False}, **kwargs)


def check_keys(table: Mapping[str, Any], known: list[str]) -> None:
    """BadSetting naming the first key of `table` not in `known`, and the valid keys."""
    for key in table:
        if key not in known:
            valid = ", ".join(known) or "none"
            raise BadSetting(key, f"unknown key {{key}}; valid keys: {valid}")


@dataclass(frozen=True)
class Key:
    """One key of a table, for the documentation."""

    name: str
    takes: str
    """What it takes, for people: `a whole number ≥ 1`."""
    default: Any
    """Its default (MISSING: required)."""
    doc: str
    """The docstring under its field."""


def describe(cls: type[Table]) -> list[Key]:
    """Every key of `cls` with what it takes, its default and its docstring."""
    docs = docstrings(cls)
    hints = _hints(cls)
    return [
        Key(
            f.name,
            _expected(hints[f.name], *_bounds(f)),
            f.default if f.default_factory is MISSING else f.default_factory(),
            docs.get(f.name, ""),
        )
        for f in _keys(cls)
    ]


def docstrings(cls: type) -> dict[str, str]:
    """The docstring under each field of dataclass `cls` and its bases, by field name (as
    written in the source)."""
    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        try:
            source = textwrap.dedent(inspect.getsource(klass))
        except (OSError, TypeError):
            continue
        body = ast.parse(source).body[0]
        if not isinstance(body, ast.ClassDef):
            continue
        for node, after in zip(body.body, body.body[1:], strict=False):
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                found[node.target.id] = inspect.cleandoc(after.value.value)
    return found


def _keys(cls: type) -> list[Field[Any]]:
    """The fields of `cls` that are keys of its table (all but those marked `key=False`)."""
    return list(_keyed(cls).values())


_KEYED: dict[type, dict[str, Field[Any]]] = {}


def _keyed(cls: type) -> dict[str, Field[Any]]:
    """The keys of a table class by name, in order (found once per class: every run
    checks each of its settings' keys, and looking each up among the fields again made
    the check grow as the square of their number)."""
    if cls not in _KEYED:
        _KEYED[cls] = {f.name: f for f in fields(cls) if f.metadata.get("key", True)}
    return _KEYED[cls]


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """The resolved field types of a table class (resolved once per class)."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _members(hint: Any) -> tuple[Any, ...]:
    """The alternatives of a union (the hint itself otherwise)."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        return typing.get_args(hint)
    return (hint,)


def _convert(hint: Any, value: Any) -> Any:
    """`value` as the field keeps it: TOML's int as float, str as Path, list as tuple."""
    members = _members(hint)
    if float in members and isinstance(value, int) and not isinstance(value, bool):
        return float(value) if int not in members else value
    if Path in members and isinstance(value, str):
        return Path(value)
    if isinstance(value, list) and any(typing.get_origin(m) is tuple for m in members):
        element = next(typing.get_args(m)[0] for m in members if typing.get_origin(m) is tuple)
        return tuple(_convert(element, v) for v in value)
    if isinstance(value, Mapping) and any(typing.get_origin(m) is Mapping for m in members):
        return dict(value)
    return value


def _fits(member: Any, value: Any) -> bool:
    origin = typing.get_origin(member)
    if member is type(None):
        return value is None
    if origin is Literal:
        return any(value == v and type(value) is type(v) for v in typing.get_args(member))
    if member is bool:
        return isinstance(value, bool)
    if member is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if member is float:
        return isinstance(value, float) and math.isfinite(value)
    if member in (str, Path):
        return isinstance(value, member)
    if origin is tuple:
        element = typing.get_args(member)[0]
        return isinstance(value, tuple) and all(_fits(element, v) for v in value)
    if origin is Mapping:
        return isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        )
    raise TypeError(f"a table cannot hold {member!r}")


def _bounds(f: Field[Any]) -> tuple[float | None, float | None, float | None]:
    return f.metadata.get("low"), f.metadata.get("high"), f.metadata.get("above")


def _check(f: Field[Any], hint: Any, value: Any, *, bounds: bool = True) -> None:
    low, high, above = _bounds(f)
    ok = any(_fits(m, value) for m in _members(hint))
    if ok and bounds and isinstance(value, (int, float)) and not isinstance(value, bool):
        ok = (
            (low is None or value >= low)
            and (high is None or value <= high)
            and (above is None or value > above)
        )
    if not ok:
        secret = bool(f.metadata.get("secret"))
        raise bad_value(f.name, value, _expected(hint, low, high, above), secret)


def bad_value(key: str, value: Any, expected: str, secret: bool = False) -> BadSetting:
    """The error for key `key` given `value`: `{key} = 0: use a whole number ≥ 1`."""
    shown = "(hidden)" if secret else brief(value)
    return BadSetting(key, f"{{key}} = {shown}: use {expected}", expected)


def brief(value: Any, most: int = 80) -> str:
    """`value` as one line of a message shows it: cut past `most` characters (a list of a
    thousand numbers is not printed whole)."""
    text = repr(list(value) if isinstance(value, tuple) else value)
    return text if len(text) <= most else f"{text[: most - 3]}..."


def _expected(hint: Any, low: float | None, high: float | None, above: float | None = None) -> str:
    """What a field takes, for people: `a whole number ≥ 1`, `true, false or "auto"`."""
    words: list[str] = []
    for member in _members(hint):
        if member is type(None):
            continue
        if member is bool:
            words += ["true", "false"]
        elif typing.get_origin(member) is Literal:
            words += [f'"{v}"' if isinstance(v, str) else str(v) for v in typing.get_args(member)]
        elif member in (int, float):
            noun = "a whole number" if member is int else "a number"
            if low is not None and high is not None:
                noun += f" from {low:g} to {high:g}"
            elif low is not None:
                noun += f" ≥ {low:g}"
            elif high is not None:
                noun += f" ≤ {high:g}"
            if above is not None:
                noun += f" above {above:g}"
            words.append(noun)
        elif member is str:
            words.append("a string")
        elif member is Path:
            words.append("a path (a string)")
        elif typing.get_origin(member) is tuple:
            element = typing.get_args(member)[0]
            words.append("a list of numbers" if element is float else "a list of strings")
        else:
            words.append("a table of strings")
    if words == ["true", "false"]:
        return "true or false"
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def count_of(number: int, noun: str, plural: str | None = None) -> str:
    """`number` and `noun`, in the plural unless it is one: "1 window", "2,400 texts"."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""The characters that reorder the text around them when it is shown (Unicode's bidi
controls): a name holding one reads otherwise than it is."""


def control_character(text: str, *, invisible: bool = False) -> str | None:
    """The first character of `text` a name, a folder or a URL must not hold, as
    `U+000A`; None when there is none.

    Refused: control characters (a newline, a carriage return, ESC: they end a line of a
    log or of CI outputs, or drive a terminal), line and paragraph separators, and the
    bidi controls that make a text read otherwise than it is. With `invisible`, every
    other format character too (a zero-width joiner, U+200B, a BOM): a word or a reading
    holds none, and one would make the text differ from what is shown.
    """
    if text.isprintable():  # no Cc, Cf, Zl or Zp character: the common case, at C speed
        return None
    for char in text:
        category = unicodedata.category(char)
        if (
            category in ("Cc", "Zl", "Zp")
            or char in _BIDI_CONTROLS
            or (invisible and category == "Cf")
        ):
            return f"U+{ord(char):04X}"
    return None
