"""The commands that check a course's audio: `verify` (and `--fix`) and `review` (the
page, and `--apply`) (commands/verify.py, commands/review.py, commands/apply_review.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import ExitCode
from .flags import CONTENT_FLAGS, SettingsFlags, settings_flags
from .options import JsonOpt, SetOpt, WaitOpt
from .sets import EachSet
from .signals import signal_stop

if TYPE_CHECKING:
    from ..commands.apply_review import Applied
    from ..commands.review import WrittenPage
    from ..commands.verify import Repaired
    from ..commands.verify import Report as Verified
    from ..settings.config import Settings


@settings_flags(*CONTENT_FLAGS, "listen", "device")
def verify(
    flags: SettingsFlags,
    json_output: JsonOpt = False,
    fix: Annotated[
        bool,
        typer.Option("--fix", help="Regenerate what is missing, stale or corrupt, then verify."),
    ] = False,
    deep: Annotated[
        bool,
        typer.Option(
            "--deep",
            help="Decode and check every clip, not only those whose bytes changed, against "
            "its recorded length; decide every reading anew (not from the reading memo); "
            "with --listen, hear every clip anew.",
        ),
    ] = False,
    wait: WaitOpt = 0.0,
    only_set: SetOpt = None,
    accent: Annotated[
        bool,
        typer.Option(
            "--accent",
            help="Hear each Japanese clip's pitch accent (the accent extra): exit 1 for a "
            "clip said with another accent than its text's, or a minimal pair (雨/飴) its "
            "clips cannot teach.",
        ),
    ] = False,
) -> None:
    """Check every clip and URL (exit 1 if any is missing, stale, corrupt or refused);
    writes nothing.

    Without --fix nothing is generated or written and no model is loaded: the CI gate.
    --listen also hears each sentence's clip with Whisper base (exit 1 for a clip heard
    otherwise than meant) and keeps what it heard in the manifest, so a clip is heard once.
    With [[sets]] in the config, every set (or the one --set names) in turn.
    """
    from ..commands import verify as verifying
    from . import console

    def check(settings: Settings) -> _Checked:
        if not fix:
            report = verifying.verify(settings, deep=deep, lock_wait=wait, accent=accent)
            return _Checked(report, code=report.exit_code)
        with console.reporter(quiet=json_output) as reporter:
            report, fixed = verifying.fix(
                settings, reporter=reporter, stop=signal_stop(reporter), lock_wait=wait, deep=deep
            )
        return _Checked(report, fixed, "fix", report.exit_code)

    def show(settings: Settings, done: _Checked) -> None:
        each.header(settings)
        if done.done is not None and done.done.summary is not None:
            console.print_summary(done.done.summary)
        console.print_lines(done.found.lines(), last_style="red" if done.code else None)

    each = EachSet(flags, only_set, json_output)
    each.go(check, show=show, plan_first=fix)
    each.finish()


@dataclass(frozen=True)
class _Checked:
    """One set's check, and what was done to it (verify --fix, review --apply): its exit
    code and --json object, that of the run when one was stopped."""

    found: Verified | WrittenPage
    done: Repaired | Applied | None = None
    key: str = ""
    """The key of what was done in the --json object (`fix`, `apply`)."""
    code: int = 0

    @property
    def exit_code(self) -> int:
        summary = self.done.summary if self.done is not None else None
        return ExitCode.INTERRUPTED if summary is not None and summary.interrupted else self.code

    def as_json(self) -> dict[str, object]:
        found = self.found.as_json()
        return found if self.done is None else {**found, self.key: self.done.as_json()}


@settings_flags(*CONTENT_FLAGS)
def review(
    flags: SettingsFlags,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to write the page [<out-dir>/review.html]."),
    ] = None,
    open_page: Annotated[
        bool, typer.Option("--open", help="Open the page in the default browser.")
    ] = False,
    apply: Annotated[
        Path | None,
        typer.Option(
            "--apply",
            help="A review.json exported from the page: record the accepted clips, make the "
            "rejected ones again, then write the page again.",
        ),
    ] = None,
    json_output: JsonOpt = False,
    wait: WaitOpt = 0.0,
    only_set: SetOpt = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            "-y",
            help="With --apply: make the clips again even when they are more than 10.",
        ),
    ] = False,
) -> None:
    """Write the review page: listen to every clip in a browser, the doubtful ones first.

    Accept and reject clips with the keyboard, export the verdicts as review.json, and
    give it to --apply. The page is self-contained (no server, no network); its audio is
    the stored clips, reached by relative URLs. With [[sets]], one page per set.
    """
    import webbrowser

    from ..commands.apply_review import Applied, Stale, apply_review
    from ..commands.review import write_page
    from ..errors import InputError
    from ..review.verdicts import read_review
    from . import console

    matched: set[str] = set()
    each = EachSet(flags, only_set, json_output)
    if output is not None and len(each) > 1:
        raise InputError(
            f"--output names one page, and the config lists {len(each)} content sets; "
            "choose one with --set NAME"
        )
    verdicts = read_review(apply) if apply is not None else None

    def reviewed(settings: Settings) -> _Checked:
        applied = None
        if verdicts is not None and apply is not None:
            with console.reporter(quiet=json_output) as reporter:
                applied = apply_review(
                    settings,
                    verdicts,
                    source=apply,
                    reporter=reporter,
                    stop=signal_stop(reporter),
                    lock_wait=wait,
                    yes=yes,
                )
            matched.update(applied.matched)
        ran = applied.summary if applied is not None else None
        page = write_page(settings, output=output, failures=ran.failures if ran else ())
        if open_page and not webbrowser.open(page.path.resolve().as_uri()):
            console.error(f"no browser to open it here; open {page.path} in one")
        return _Checked(page, applied, "apply", applied.exit_code if applied else 0)

    def show(settings: Settings, done: _Checked) -> None:
        each.header(settings)
        if isinstance(done.done, Applied):
            console.print_lines(done.done.lines())
            if done.done.summary is not None:
                console.print_summary(done.done.summary)
        console.print_lines(done.found.lines())

    each.go(reviewed, show=show)
    stale = Stale([v for v in verdicts.verdicts if v.clip not in matched] if verdicts else [])
    if not json_output:
        console.print_lines(stale.lines())
    each.finish({"stale": stale.as_json()} if verdicts is not None else None)
