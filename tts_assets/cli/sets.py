"""Every command over the content sets of `[[sets]]` goes through one loop (`EachSet.go`):
each set in turn, one report, one exit code.

A command whose outcome is a report calls `over_sets`; one that prints more, or plans
every set before making any, calls the loop itself and then `EachSet.finish`. The loop
stops after a set that was interrupted (exit 130). Without `[[sets]]` there is one set,
and the JSON object is that set's report alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, NoReturn, Protocol, TypeVar

import typer

from ..commands.report import Report
from ..errors import ExitCode

if TYPE_CHECKING:
    from ..settings.config import Settings
    from .flags import SettingsFlags


class Outcome(Protocol):
    """What a command's run on one set gives: an exit code and its --json object."""

    @property
    def exit_code(self) -> int: ...

    def as_json(self) -> dict[str, object]: ...


R = TypeVar("R", bound=Report)
D = TypeVar("D", bound=Outcome)


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
    from . import console

    each = EachSet(flags, only, json_output)

    def show(settings: Settings, report: R) -> None:
        style = last_style(report) if last_style is not None else None
        each.header(settings)
        console.print_lines(report.lines(), last_style=style)

    each.go(run, show=show)
    each.finish()


class EachSet:
    """The content sets a command goes over, and what it reported of each."""

    def __init__(self, flags: SettingsFlags, only: str | None, json_output: bool) -> None:
        from ..settings.load import content_sets

        settings = flags.settings()
        self.sets = content_sets(settings, only)
        self.with_sets = bool(settings.sets)
        """Whether the config lists sets (then reports name the set they are for)."""
        self.json_output = json_output
        self.docs: list[dict[str, object]] = []
        self.codes: list[int] = []

    def __iter__(self) -> Iterator[Settings]:
        return iter(self.sets)

    def __len__(self) -> int:
        return len(self.sets)

    def go(
        self,
        run: Callable[[Settings], D],
        *,
        show: Callable[[Settings, D], None] | None = None,
        before: Callable[[Settings], None] | None = None,
        plan_first: bool = False,
        stopped: Callable[[], bool] | None = None,
    ) -> list[tuple[Settings, D]]:
        """Run `run` on each set in turn, keep its exit code and --json object, and give it
        to `show` for people; the outcomes, in order.

        `before(settings)`: for people, before a set runs (the header of a run whose
        progress follows). `plan_first`: with several sets, each is read and planned
        before any runs, so bad input anywhere stops all before anything is written.
        The loop ends after a set that was interrupted, or before one when `stopped()`.
        """
        from ..settings.each_set import set_label

        if plan_first:
            self.plan_all()
        done: list[tuple[Settings, D]] = []
        for settings in self:
            if stopped is not None and stopped():
                self.codes.append(ExitCode.INTERRUPTED)  # the sets not run were not made
                break
            if before is not None and not self.json_output:
                before(settings)
            outcome = run(settings)
            if self.json_output:
                own = outcome.as_json()
                self.docs.append({"set": set_label(settings), **own} if self.with_sets else own)
            self.codes.append(outcome.exit_code)
            done.append((settings, outcome))
            if show is not None and not self.json_output:
                show(settings, outcome)
            if outcome.exit_code == ExitCode.INTERRUPTED:
                break
        return done

    def plan_all(self) -> None:
        """With several sets, read and plan each (nothing written): bad input anywhere
        stops all before anything is written."""
        if len(self) > 1:
            from ..planning.course import course_of

            for settings in self:
                with course_of(settings) as course:
                    course.each(lambda prepared: None)

    def header(self, settings: Settings) -> None:
        """The line that names the set whose report follows (with sets, for people)."""
        from . import console

        if self.with_sets and not self.json_output:
            s = settings
            console.print_lines([f"set {s.set_name}: {s.data_dir} → {s.out_dir} ({s.lang})"])

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
