"""A command over the content sets of `[[sets]]`: each in turn, one report, one exit code.

    over_sets(flags, only_set, json_output, lambda settings: verify(settings))

runs the command on each set, prints each set's report (or gathers its --json object),
and exits with the most serious exit code. A command that does more between sets (plans
every set before making any) goes over them with `EachSet` itself:

    each = EachSet(flags, only_set, json_output)
    for settings in each:
        report = verify(settings)
        each.report(settings, report.as_json, report.exit_code, report.lines())
    each.finish()          # the --json object, and the most serious exit code

Without `[[sets]]` there is one set, and the JSON object is that set's report alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, NoReturn, TypeVar

import typer

from ..commands.report import Report

if TYPE_CHECKING:
    from ..settings.config import Settings
    from .flags import SettingsFlags


R = TypeVar("R", bound=Report)


def over_sets(
    flags: SettingsFlags,
    only: str | None,
    json_output: bool,
    run: Callable[[Settings], R],
    *,
    last_style: Callable[[R], str | None] | None = None,
) -> NoReturn:
    """Run `run` on each content set (or the one `only` names), report each, and exit with
    the most serious exit code."""
    each = EachSet(flags, only, json_output)
    for settings in each:
        report = run(settings)
        code = report.exit_code
        style = last_style(report) if last_style is not None else None
        each.report(settings, report.as_json, code, report.lines(), last_style=style)
    each.finish()


class EachSet:
    """The content sets a command goes over, and what it reported of each."""

    def __init__(self, flags: SettingsFlags, only: str | None, json_output: bool) -> None:
        from ..settings.load import content_sets

        settings = flags.settings()
        self.sets = content_sets(settings, only)
        self._all = settings.sets
        self.with_sets = bool(settings.sets)
        """Whether the config lists sets (then reports name the set they are for)."""
        self.json_output = json_output
        self.docs: list[dict[str, object]] = []
        self.codes: list[int] = []

    def __iter__(self) -> Iterator[Settings]:
        return iter(self.sets)

    def __len__(self) -> int:
        return len(self.sets)

    def shares_out_dir(self, settings: Settings) -> bool:
        """Whether another content set of the config writes to `settings`' out dir."""
        mine = settings.out_dir.resolve()
        return any(s.name != settings.set_name and s.out_dir.resolve() == mine for s in self._all)

    def header(self, settings: Settings) -> None:
        """The line that names the set whose report follows (with sets, for people)."""
        from . import console

        if self.with_sets and not self.json_output:
            console.print_line(
                f"set {settings.set_name}: {settings.data_dir} → {settings.out_dir} "
                f"({settings.lang})"
            )

    def report(
        self,
        settings: Settings,
        doc: Callable[[], dict[str, object]],
        code: int = 0,
        lines: list[str] | None = None,
        *,
        last_style: str | None = None,
    ) -> None:
        """Keep one set's exit code and (with --json) its report `doc()`; print its `lines`
        now (for people)."""
        from ..settings.each_set import set_label
        from . import console

        if self.json_output:
            own = doc()
            self.docs.append({"set": set_label(settings), **own} if self.with_sets else own)
        self.codes.append(code)
        if lines is not None and not self.json_output:
            self.header(settings)
            console.print_lines(lines, last_style=last_style)

    @property
    def exit_code(self) -> int:
        """The most serious of the sets' exit codes."""
        from ..errors import combined_exit_code

        return combined_exit_code(self.codes)

    def as_json(self) -> dict[str, object]:
        """The command's --json object: the one set's report, or every set's."""
        from ..commands.report import envelope

        if not self.with_sets:
            return envelope(self.docs[0], self.exit_code)
        return envelope({"sets": self.docs}, self.exit_code)

    def finish(self, extra: dict[str, object] | None = None) -> NoReturn:
        """Print the --json object (with `extra` keys) when asked for, and exit."""
        from . import console

        if self.json_output:
            console.print_json({**self.as_json(), **(extra or {})})
        raise typer.Exit(self.exit_code)
