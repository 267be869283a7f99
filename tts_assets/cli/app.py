"""The `tts-assets` command: parses flags, calls the library, turns errors into exit codes.

Exit codes: 0 everything present; 1 some clips failed (listed), or verify found clips
missing, stale or corrupt; 2 usage, configuration or input error; 3 the provider cannot
go on; 130 interrupted.

The settings flags are defined once (flags.py); a command takes them with
`@settings_flags(...)` and makes its settings with `flags.settings()`. While a run makes
clips, Ctrl-C and SIGTERM are watched by the CLI, not the library (`signals.py`): the
first asks the run to stop gracefully, the second ends the process at once. A command
over the content sets of `[[sets]]` goes over them with `sets.EachSet`.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from ..commands.report import Report, envelope
from ..errors import OUT_OF_MEMORY, ExitCode, MachineFault, TtsAssetsError, near_memory_limit
from ..planning import heap
from .flags import CONTENT_FLAGS, RUN_FLAGS, SettingsFlags, settings_flags
from .sets import EachSet, over_sets
from .signals import STOP_SIGNALS, signal_stop

if TYPE_CHECKING:
    from ..commands.report import Table
    from ..commands.review import Applied, WrittenPage
    from ..commands.verify import Repaired
    from ..commands.verify import Report as Verified
    from ..settings.config import Settings


class _Commands(TyperGroup):
    """The command group: every command's expected errors and stops become exit codes here.

    A `TtsAssetsError` is its one line and its exit code; Ctrl-C, or SIGTERM (which `main`
    turns into the same request), is "interrupted" and 130; running out of memory is one
    line and 3, a fault of the machine. Anything else is a bug: one line naming the log
    file its traceback is in, and exit 4 (`crash.py`). With --json each prints the one
    object every command prints, so a script reading stdout always has it.
    """

    def invoke(self, ctx: Any) -> Any:  # typer's own click.Context
        # The command's words, before the group hands them on: whether --json was asked for.
        words = [*getattr(ctx, "_protected_args", ()), *ctx.args]
        try:
            return super().invoke(ctx)
        except TtsAssetsError as e:
            if e.exit_code == ExitCode.CANNOT_GO_ON and near_memory_limit():
                # A provider that could not load its model at the address-space limit
                # (onnxruntime: "Failed to serialize proto"): memory ran out, not the file.
                raise _failed(OUT_OF_MEMORY, e.exit_code, "--json" in words) from None
            raise _failed(str(e), e.exit_code, "--json" in words) from None
        except KeyboardInterrupt:
            raise _failed("interrupted", ExitCode.INTERRUPTED, "--json" in words) from None
        except MemoryError:
            pass  # said below: leaving this block frees what the run's frames held
        except _ENDINGS as e:
            _usage_json(e, words)  # a usage error of the command's words
            raise  # how typer ends a command, and its usage errors: not bugs
        except Exception as e:
            from . import crash

            code, message = crash.crashed(e)
            raise _failed(message, code, "--json" in words) from None
        raise _failed(OUT_OF_MEMORY, MachineFault.exit_code, "--json" in words)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        words = list(args)
        try:
            return super().parse_args(ctx, args)
        except _ENDINGS as e:
            _usage_json(e, words)  # a usage error of the group's own words
            raise


def _usage_json(e: Exception, words: list[str]) -> None:
    """With --json among `words`, a usage error (`--slow fast`, an unknown option) prints
    the one object every command prints on stdout too, its message as `error`: a script
    parsing stdout never gets an empty string. Click says it on stderr, with the usage."""
    code, message = getattr(e, "exit_code", None), getattr(e, "format_message", None)
    if "--json" in words and isinstance(code, int) and code != 0 and callable(message):
        from . import console

        console.print_json(envelope({"error": str(message())}, code))


def _endings() -> tuple[type[Exception], ...]:
    """The exceptions typer ends a command with (`typer.Exit`), or refuses its words with
    (a missing argument): click's own under typer before 0.20, its copy of click after."""
    found: list[type[Exception]] = [typer.Exit, typer.Abort]
    found += [getattr(typer.exceptions, "TyperException", typer.Exit)]
    click = sys.modules.get("click")  # imported by a typer that runs on click itself
    if click is not None:
        found += [click.exceptions.Exit, click.ClickException, click.Abort]
    return tuple(found)


_ENDINGS = _endings()


def _failed(message: str, code: int, json_output: bool) -> typer.Exit:
    """A command that ends on an error: its one line on stderr, and with --json the one
    object every command prints (`ok` false, `exit_code`, `error`)."""
    from . import console

    console.error(message)
    if json_output:
        console.print_json(envelope({"error": message}, code))
    return typer.Exit(code)


app = typer.Typer(
    help="Generate the audio clips of language-learning content and write their URLs back.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: rich markup would eat the "[default]" of every option's help.
    rich_markup_mode=None,
    cls=_Commands,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON summary object on stdout.")]
WaitOpt = Annotated[
    float, typer.Option(help="Seconds to wait for another run on the same content.")
]
SetOpt = Annotated[
    str | None,
    typer.Option("--set", help="Only this content set of the config's [[sets]] (default: all)."),
]


def _print_report(report: Report, json_output: bool) -> None:
    """A command's report on stdout: the JSON object with --json, else its lines."""
    from . import console

    if json_output:
        console.print_json(envelope(report.as_json(), report.exit_code))
    else:
        console.print_lines(report.lines())


def _print_table(table: Table, json_output: bool) -> None:
    """A listing on stdout: its JSON object with --json, else a table."""
    from . import console

    if json_output:
        console.print_json(envelope(table.as_json(), table.exit_code))
    else:
        console.print_rows(table.rows, table.headers)


@app.command()
@settings_flags(*CONTENT_FLAGS, *RUN_FLAGS, "listen", "device")
def generate(
    flags: SettingsFlags,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would be made; write nothing.")
    ] = False,
    json_output: JsonOpt = False,
    wait: WaitOpt = 0.0,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log what happens (and HTTP requests).")
    ] = False,
    only_set: SetOpt = None,
    shard: Annotated[
        str | None,
        typer.Option(
            help="Make only shard K of N's share of the missing clips, into --shard-dir; "
            "write no JSON (join the shards with tts-assets merge)."
        ),
    ] = None,
    shard_dir: Annotated[
        Path | None,
        typer.Option(help="The shard's own folder [shards/K]; the out dir is only read."),
    ] = None,
) -> None:
    """Make every missing or changed clip and write the URLs into the content JSON.

    With [[sets]] in the config, every set (or the one --set names) in turn: each is
    checked before any is made, so bad input in one stops all before anything is written.
    """
    from ..commands import generate as run
    from ..commands.summary import Summary
    from ..errors import InputError
    from ..planning.shard import Shard
    from . import console

    if verbose:
        import logging

        logging.basicConfig(
            level=logging.DEBUG, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
        )

    each = EachSet(flags, only_set, json_output)
    share = None if shard is None else Shard.parse(shard)
    if share is not None and len(each) > 1:
        raise InputError(
            f"--shard makes one content set's share, and the config lists {len(each)} "
            "sets; choose one with --set NAME"
        )

    def show(settings: Settings, summary: Summary) -> None:
        if each.with_sets and not dry_run:
            console.print_summary(summary)  # each set's, as soon as it is done

    if not dry_run:
        each.plan_all()  # before Ctrl-C is a stop: a stop is for a run under way
    with console.reporter(quiet=json_output or dry_run) as reporter:
        stop = signal_stop(reporter)
        done = each.go(
            lambda settings: run.generate(
                settings,
                dry_run=dry_run,
                reporter=reporter,
                stop=stop,
                lock_wait=wait,
                shard=share,
                shard_dir=shard_dir,
            ),
            show=show,
            before=None if dry_run else each.header,
            stopped=lambda: stop.requested,
        )
    if not json_output and (dry_run or not each.with_sets):
        for settings, summary in done:
            each.header(settings)
            console.print_summary(summary)
    for settings, summary in done:
        if summary.unfetched:  # a dry run's plan, and the line the run would stop with
            from ..planning.dead import unfetched_error

            at = f"set {settings.set_name}: " if each.with_sets else ""
            console.error(at + unfetched_error(summary.unfetched))
    each.finish()


@app.command()
def providers(json_output: JsonOpt = False) -> None:
    """List every provider and whether it can run on this machine."""
    from ..commands.providers import list_providers

    _print_table(list_providers(), json_output)


@app.command()
@settings_flags("provider", "kokoro_voices", "config_file")
def voices(flags: SettingsFlags, json_output: JsonOpt = False) -> None:
    """List the voices of a provider."""
    from ..commands.voices import list_voices

    _print_table(list_voices(flags.settings()), json_output)


@app.command()
@settings_flags(*CONTENT_FLAGS)
def readings(
    flags: SettingsFlags,
    json_output: JsonOpt = False,
    only_set: SetOpt = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Exit 1 for every disagreement too, not only unusable readings."
        ),
    ] = False,
) -> None:
    """Report every reading problem (a word the analyzer reads otherwise than its reading,
    a reading that is not kana, the overrides applied; a Chinese word the provider reads
    otherwise than the content's pinyin, a likely slip in it) and the borrowed words to
    check; exit 1 for what could not be said right (--strict: every disagreement too).

    Synthesizes nothing and writes nothing. With [[sets]] in the config, every set (or the
    one --set names) in turn.
    """
    from ..commands.readings import check_readings

    over_sets(
        flags,
        only_set,
        json_output,
        lambda settings: check_readings(settings, strict=strict),
        last_style=lambda report: "red" if report.problems else None,
    )


@app.command()
@settings_flags("lang", "config_file")
def types(flags: SettingsFlags, only_set: SetOpt = None, json_output: JsonOpt = False) -> None:
    """Print the content types in force as TOML: the built-ins for the content language,
    with the config's own types and overrides (and a set's, with --set).

    Paste a table into tts-assets.toml (or [sets.types.NAME]) to change a type.
    """
    from ..commands.types import types_in_force
    from . import console

    found = types_in_force(flags.settings(), only_set)
    if json_output:
        console.print_json(envelope(found.as_json(), found.exit_code))
    else:
        print(found.toml, end="")


@app.command()
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

    def check(settings: Settings) -> _Verified:
        if not fix:
            return _Verified(verifying.verify(settings, deep=deep, lock_wait=wait, accent=accent))
        with console.reporter(quiet=json_output) as reporter:
            report, fixed = verifying.fix(
                settings, reporter=reporter, stop=signal_stop(reporter), lock_wait=wait, deep=deep
            )
        return _Verified(report, fixed)

    def show(settings: Settings, done: _Verified) -> None:
        each.header(settings)
        if done.fixed is not None and done.fixed.summary is not None:
            console.print_summary(done.fixed.summary)
        console.print_lines(done.report.lines(), last_style=None if done.report.ok else "red")

    each = EachSet(flags, only_set, json_output)
    each.go(check, show=show, plan_first=fix)
    each.finish()


@dataclass(frozen=True)
class _Verified:
    """One set's verify (and its --fix): its exit code and --json object."""

    report: Verified
    fixed: Repaired | None = None

    @property
    def exit_code(self) -> int:
        summary = self.fixed.summary if self.fixed is not None else None
        if summary is not None and summary.interrupted:
            return ExitCode.INTERRUPTED
        return self.report.exit_code

    def as_json(self) -> dict[str, object]:
        found = self.report.as_json()
        return found if self.fixed is None else {**found, "fix": self.fixed.as_json()}


@app.command()
@settings_flags(*(name for name in CONTENT_FLAGS if name != "type"))
def prune(
    flags: SettingsFlags,
    json_output: JsonOpt = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Delete them (without it, only list them).")
    ] = False,
    wait: WaitOpt = 0.0,
    only_set: SetOpt = None,
    forget_set: Annotated[
        list[str] | None,
        typer.Option(
            "--forget-set",
            metavar="ID",
            help="A content set sharing the out dir that is gone for good (its id as prune "
            "names it, or 'unrecorded'): its clips count as unused unless another set needs "
            "them. Repeatable.",
        ),
    ] = None,
) -> None:
    """List the clips no content needs any more (every type counts); --yes deletes them.

    With [[sets]] in the config, every set (or the one --set names) in turn. In an out dir
    that several content sets share, prune deletes only what its own set alone used, and
    refuses while the out dir holds clips of sets or types this config does not know.
    """
    from ..commands import prune as pruning

    over_sets(
        flags,
        only_set,
        json_output,
        lambda settings: pruning.prune(
            settings, delete=yes, lock_wait=wait, forget=forget_set or ()
        ),
    )


@app.command()
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

    from ..commands.review import Stale, apply_review, write_page
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

    def reviewed(settings: Settings) -> _Reviewed:
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
        page = write_page(
            settings,
            output=output,
            failures=ran.failures if ran else (),
            shared=each.shares_out_dir(settings),
        )
        if open_page and not webbrowser.open(page.path.resolve().as_uri()):
            console.error(f"no browser to open it here; open {page.path} in one")
        return _Reviewed(page, applied)

    def show(settings: Settings, done: _Reviewed) -> None:
        each.header(settings)
        if done.applied is not None:
            console.print_lines(done.applied.lines())
            if done.applied.summary is not None:
                console.print_summary(done.applied.summary)
        console.print_lines(done.page.lines())

    each.go(reviewed, show=show)
    stale = Stale([v for v in verdicts.verdicts if v.clip not in matched] if verdicts else [])
    if not json_output:
        console.print_lines(stale.lines())
    each.finish({"stale": stale.as_json()} if verdicts is not None else None)


@dataclass(frozen=True)
class _Reviewed:
    """One set's review page (and the review applied to it): exit code, --json object."""

    page: WrittenPage
    applied: Applied | None = None

    @property
    def exit_code(self) -> int:
        summary = self.applied.summary if self.applied is not None else None
        if summary is not None and summary.interrupted:
            return ExitCode.INTERRUPTED
        return self.applied.exit_code if self.applied is not None else 0

    def as_json(self) -> dict[str, object]:
        found = self.page.as_json()
        return found if self.applied is None else {**found, "apply": self.applied.as_json()}


@app.command()
@settings_flags(*CONTENT_FLAGS, "listen")
def adopt(
    flags: SettingsFlags,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Check and report what would be adopted; write nothing."),
    ] = False,
    json_output: JsonOpt = False,
    wait: WaitOpt = 0.0,
    only_set: SetOpt = None,
) -> None:
    """Take over the clips a predecessor's URLs point at: nothing is synthesized.

    Each URL under the URL prefix that the content keeps for a text is checked as a stored
    clip is (it decodes, in the configured format, with a plausible length), recorded as
    that text's clip with where it came from, and its places get the clip's URL. What
    cannot be adopted is listed with its place and left as it is (exit 1). --listen also
    hears each sentence with Whisper base and refuses one heard otherwise than its text.
    """
    from ..commands.adopt import adopt as adopting

    over_sets(flags, only_set, json_output, lambda s: adopting(s, dry_run=dry_run, lock_wait=wait))


@app.command("merge")
@settings_flags("config_file")
def merge_shards(
    flags: SettingsFlags,
    out_dir: Annotated[
        Path, typer.Argument(metavar="OUT", help="The out dir the shards' clips go into.")
    ],
    shard_dirs: Annotated[
        list[Path],
        typer.Argument(metavar="SHARD_DIR", help="The shards' folders (each one's --shard-dir)."),
    ],
    json_output: JsonOpt = False,
    wait: WaitOpt = 0.0,
) -> None:
    """Join the folders of a sharded run's shards into the out dir (sha256 checked).

    A conflicting clip stops the merge with nothing changed (exit 2); merging again
    changes nothing. Then run tts-assets generate: it finds every clip present and
    writes the URLs back.
    """
    from ..commands.merge import merge

    staging = flags.settings().temp_dir
    report = merge(out_dir, shard_dirs, temp_dir=staging, lock_wait=wait)
    _print_report(report, json_output)


@app.command("rebuild-manifest")
@settings_flags(*(name for name in CONTENT_FLAGS if name != "type"))
def rebuild_manifest(
    flags: SettingsFlags,
    json_output: JsonOpt = False,
    wait: WaitOpt = 0.0,
    only_set: SetOpt = None,
) -> None:
    """Rebuild a damaged manifest from the clip files present: nothing is synthesized.

    Every clip the content needs whose file is there is checked, hashed and recorded;
    a file that fails its checks is left for generate to make again. With [[sets]] in
    the config, every set (or the one --set names) in turn.
    """
    from ..commands.rebuild import rebuild

    over_sets(flags, only_set, json_output, lambda s: rebuild(s, lock_wait=wait))


from .export import export_app  # noqa: E402  (the sub-apps' modules import only typer)
from .models import models_app  # noqa: E402
from .say import say  # noqa: E402

app.command()(say)

app.add_typer(models_app, name="models")
app.add_typer(export_app, name="export")


@app.command("cache-key")
@settings_flags(*CONTENT_FLAGS)
def cache_key(flags: SettingsFlags, json_output: JsonOpt = False) -> None:
    """Print key=KEY: the tool's version and its models' identity, for a CI cache.

    The key changes with the tool's version, the models the configured voices use and
    the runtime, never with the content; a workflow step appends the line to
    $GITHUB_OUTPUT (see the README's CI section).
    """
    from ..commands.cache_key import cache_key
    from . import console

    key = cache_key(flags.settings())
    if json_output:
        console.print_json(envelope({"key": key}, 0))
    else:
        print(f"key={key}")


def _version(shown: bool) -> None:
    if shown:
        from importlib.metadata import version

        print(f"tts-assets {version('tts-assets')}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Generate the audio clips of language-learning content and write their URLs back."""


def main() -> None:
    """Console-script entry point.

    The process ends without the interpreter's teardown: after a run with a model loaded,
    that teardown is mostly garbage collection and freeing memory the system takes back
    anyway (BENCHMARKS.md, startup). Every command has closed, fsynced and unlocked what
    it wrote before it returns; exit handlers still run, and the output streams are
    flushed. An unexpected exception (a bug) prints one line, leaves its traceback in a
    log file and exits 4 (`crash.py`).
    """
    from . import crash  # imported before memory can run out

    heap.own_process()  # one command, then os._exit: what a run builds may be frozen
    _terminate_as_interrupt()
    try:
        _numpy_first_when_bounded()
        app()  # ends with SystemExit, whatever the command
        code: object = 0
    except SystemExit as e:
        code = e.code
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        code = ExitCode.INTERRUPTED
    except Exception as e:  # a bug: one line, the traceback in a log, its own exit code
        code = crash.report(e)  # (3 and one line when memory ran out)
    _exit_now(code)


BLAS_ROOM = 96 << 20
"""Address space numpy needs free to load with OpenBLAS on one thread (its library and its
buffer): less, and it would end the process with a line of its own; measured under
`ulimit -v` (`tests/e2e/test_out_of_memory.py`)."""


def _numpy_first_when_bounded() -> None:
    """Under an address-space limit (`ulimit -v`, a container's), numpy is loaded first,
    with OpenBLAS on one thread. OpenBLAS maps a buffer per core when numpy loads and ends
    the process when it cannot (exit 1, a line of its own), from whichever thread first
    imports numpy, late in a run; loaded first, while there is room, it maps its one
    buffer, and memory that runs out later is a MemoryError: exit 3 (`crash.py`), as is
    numpy failing to load here. Without a limit nothing is loaded (`--help` stays
    instant); an OPENBLAS_NUM_THREADS the user set is kept."""
    try:
        import resource  # POSIX only
    except ImportError:
        return
    if resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY:
        return
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import mmap

    try:  # the room OpenBLAS's buffer and the library take, before they are asked for
        mmap.mmap(-1, BLAS_ROOM).close()
    except OSError:
        raise MemoryError from None
    import numpy  # noqa: F401  (loaded now, while there is room: see above)


def _terminate_as_interrupt() -> None:
    """SIGTERM and SIGHUP ask every command to stop as Ctrl-C does (130, what is done
    kept): a CI runner's cancel, `timeout`, `kill` and a closed terminal or ssh session
    mean the same as a person's Ctrl-C. While clips are made, the run's own watcher takes
    these signals over (`signals.py`)."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    for signum in STOP_SIGNALS:
        if signum != signal.SIGINT:
            with contextlib.suppress(ValueError):  # not the main thread
                signal.signal(signum, interrupt)


def _exit_now(code: object) -> NoReturn:
    """Exit with `code` as `sys.exit` would, minus the interpreter's teardown."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    # Memory may have run out: what cannot be done then is left, never a second error.
    with contextlib.suppress(MemoryError):
        atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, MemoryError):  # a closed pipe
            stream.flush()
    os._exit(status)
