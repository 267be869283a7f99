"""Typed provider settings: the keys of a `[providers.NAME]` table, checked before a run.

Each provider declares its settings as a frozen dataclass that subclasses
`ProviderSettings`, one field per key with a docstring under it, and names it in its
`settings_type`. Building one, from a config table or directly, checks every value
against its field's type and bounds, so a bad value stops a run before anything is
planned or written; a table with a key the class does not have is refused, listing the
valid keys. Types understood: bool, int, float, str, Path, `tuple[str, ...]`,
`Mapping[str, str]`, Literal values, and unions of them (None in a union means "not set").

    @dataclass(frozen=True)
    class PiperSettings(ProviderSettings):
        intra_op_threads: int = setting(1, low=1)
        \"\"\"ONNX threads per inference.\"\"\"
"""

from __future__ import annotations

import math
import types
import typing
from collections.abc import Mapping
from dataclasses import Field, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal, Self, Union

from ..errors import ConfigError

API_KEY_ENV = "ELEVENLABS_API_KEY"
BASE_URL_ENV = "ELEVENLABS_BASE_URL"

ENVIRONMENT: Mapping[str, tuple[str, str]] = {
    API_KEY_ENV: ("elevenlabs", "api_key"),
    BASE_URL_ENV: ("elevenlabs", "base_url"),
}
"""Environment variables that set one provider's setting: (provider, key)."""


class BadSetting(ConfigError):
    """A provider setting with an unknown key or a value its type does not take.

    `str()` names the key alone; `named(prefix)` names it in full, as a config file
    does (`providers.piper.intra_op_threads`).
    """

    def __init__(self, key: str, template: str) -> None:
        self.key = key
        self._template = template
        super().__init__(template.format(key=key))

    def named(self, prefix: str) -> str:
        """The message with the key written `prefix` + key."""
        return self._template.format(key=f"{prefix}{self.key}")


def setting(
    default: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    secret: bool = False,
) -> Any:
    """A settings field: its default, the bounds of a number, whether its value is secret.

    A secret value is never shown: not in a repr, not in an error message, and it is
    refused in a config file (files get committed; environment variables do not).
    """
    meta = {"low": low, "high": high, "secret": secret}
    if isinstance(default, (dict, list)):
        raise TypeError("use an immutable default (a tuple, or None)")
    return field(default=default, metadata=meta, repr=not secret)


@dataclass(frozen=True)
class ProviderSettings:
    """Base of every provider's settings: one checked field per key of its table."""

    def __post_init__(self) -> None:
        hints = _hints(type(self))
        for f in fields(self):
            value = _convert(hints[f.name], getattr(self, f.name))
            _check(f, hints[f.name], value)
            object.__setattr__(self, f.name, value)

    @classmethod
    def table_keys(cls) -> list[str]:
        """The keys of the table, sorted."""
        return sorted(f.name for f in fields(cls))

    @classmethod
    def secret_keys(cls) -> list[str]:
        """The keys whose values are secret (never shown, never read from a file)."""
        return sorted(f.name for f in fields(cls) if f.metadata.get("secret"))

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> Self:
        """The settings a config table gives; BadSetting for an unknown key or bad value."""
        cls._check_keys(table)
        return cls(**table)

    def merged(self, table: Mapping[str, Any]) -> Self:
        """These settings with the keys of `table` replaced (checked like a table)."""
        self._check_keys(table)
        return replace(self, **table)

    def anchored(self, root: Path) -> Self:
        """These settings with every relative path made relative to `root` instead."""
        hints = _hints(type(self))
        changes = {
            f.name: root / value
            for f in fields(self)
            if isinstance(value := getattr(self, f.name), Path)
            and not value.is_absolute()
            and Path in _members(hints[f.name])
        }
        return replace(self, **changes) if changes else self

    @classmethod
    def _check_keys(cls, table: Mapping[str, Any]) -> None:
        known = cls.table_keys()
        for key in table:
            if key not in known:
                valid = ", ".join(known) or "none"
                raise BadSetting(key, f"unknown key {{key}}; valid keys: {valid}")


_HINTS: dict[type[ProviderSettings], dict[str, Any]] = {}


def _hints(cls: type[ProviderSettings]) -> dict[str, Any]:
    """The resolved field types of a settings class (resolved once per class)."""
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
        return tuple(value)
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
        return isinstance(value, float) and not math.isnan(value)
    if member in (str, Path):
        return isinstance(value, member)
    if origin is tuple:
        return isinstance(value, tuple) and all(isinstance(v, str) for v in value)
    if origin is Mapping:
        return isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        )
    raise TypeError(f"provider settings cannot hold {member!r}")


def _check(f: Field[Any], hint: Any, value: Any) -> None:
    low, high = f.metadata.get("low"), f.metadata.get("high")
    ok = any(_fits(m, value) for m in _members(hint))
    if ok and isinstance(value, (int, float)) and not isinstance(value, bool):
        ok = (low is None or value >= low) and (high is None or value <= high)
    if not ok:
        shown = "(hidden)" if f.metadata.get("secret") else repr(value)
        raise BadSetting(f.name, f"{{key}} = {shown}: use {_expected(hint, low, high)}")


def _expected(hint: Any, low: float | None, high: float | None) -> str:
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
            words.append(noun)
        elif member is str:
            words.append("a string")
        elif member is Path:
            words.append("a path (a string)")
        elif typing.get_origin(member) is tuple:
            words.append("a list of strings")
        else:
            words.append("a table of strings")
    if words == ["true", "false"]:
        return "true or false"
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
