"""What the command-line's modules share: the options every command takes the same way,
and how a report or a listing is printed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..commands.report import Report, envelope

if TYPE_CHECKING:
    from ..commands.report import Table

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON summary object on stdout.")]
WaitOpt = Annotated[
    float, typer.Option(help="Seconds to wait for another run on the same content.")
]
SetOpt = Annotated[
    str | None,
    typer.Option("--set", help="Only this content set of the config's [[sets]] (default: all)."),
]


def print_report(report: Report, json_output: bool) -> int:
    """A command's report on stdout: the JSON object with --json, else its lines; its
    exit code."""
    from . import console

    if json_output:
        console.print_json(envelope(report.as_json(), report.exit_code))
    else:
        console.print_lines(report.lines())
    return report.exit_code


def print_found(doc: dict[str, object], text: str, json_output: bool) -> None:
    """A command's one finding on stdout: `doc` in the JSON object with --json, else
    `text` as it is."""
    from . import console

    if json_output:
        console.print_json(envelope(doc, 0))
    else:
        print(text, end="")


def print_table(table: Table, json_output: bool) -> None:
    """A listing on stdout: its JSON object with --json, else a table."""
    from . import console

    if json_output:
        console.print_json(envelope(table.as_json(), table.exit_code))
    else:
        console.print_rows(table.rows, table.headers)
