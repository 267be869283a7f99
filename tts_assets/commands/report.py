"""What every command returns: a `Report` with its exit code, lines for people and one JSON
object, printed by the CLI in one envelope (`ok` and `exit_code` first, the same in every
command's `--json`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from ..errors import ExitCode


class Report(Protocol):
    """A command's outcome: what the process exits with, says, and prints with --json."""

    @property
    def exit_code(self) -> int:
        """0 ok; 1 something for the user to fix; 2 input; 3 the machine; 130 stopped."""

    def lines(self) -> list[str]:
        """What a person reads."""

    def as_json(self) -> dict[str, object]:
        """The report's own keys (the envelope adds `ok` and `exit_code`)."""


class AlwaysOk:
    """A report whose command exits 0: what it cannot do is an error (its exit code), not
    a report."""

    exit_code: ClassVar[int] = ExitCode.OK


def envelope(doc: Mapping[str, object], exit_code: int) -> dict[str, object]:
    """The --json object of a command that exits `exit_code`: `ok` and `exit_code` first,
    then the report's own keys (its own `ok`/`exit_code`, if any, give way to the process's)."""
    rest = {k: v for k, v in doc.items() if k not in ("ok", "exit_code")}
    return {"ok": exit_code == 0, "exit_code": exit_code, **rest}


def fields_json(report: Any, *more: str, leave: Collection[str] = ()) -> dict[str, object]:
    """A dataclass's JSON object: each field but those in `leave`, then the attributes
    named in `more`, each `plain`; `seconds` to the millisecond."""
    names = [f.name for f in dataclasses.fields(report) if f.name not in leave]
    found = {name: plain(getattr(report, name)) for name in [*names, *more]}
    if "seconds" in found:
        found["seconds"] = round(report.seconds, 3)
    return found


class FieldsJson:
    """A dataclass whose JSON object is its fields (`fields_json`)."""

    def as_json(self) -> dict[str, object]:
        return fields_json(self)


def plain(value: Any) -> Any:
    """`value` as JSON holds it: a path as text, anything with an `as_json` by it."""
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "as_json"):
        return value.as_json()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


@dataclass
class Table:
    """A listing (providers, voices): rows under headers, one JSON object per row (under
    `key`, its columns named by `names`, default the headers)."""

    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    key: str = "rows"
    names: list[str] | None = None
    exit_code: int = 0

    def lines(self) -> list[str]:
        return ["  ".join(row).rstrip() for row in self.rows]

    def as_json(self) -> dict[str, object]:
        names = self.names or self.headers
        return {self.key: [dict(zip(names, row, strict=True)) for row in self.rows]}
