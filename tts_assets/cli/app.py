"""The `tts-assets` command: parses flags, calls the library, turns errors into exit codes.

Exit codes: 0 everything present; 1 some clips failed (listed), or verify found clips
missing, stale or corrupt; 2 usage, configuration or input error; 3 the provider cannot
go on; 130 interrupted.

The settings flags are defined once (flags.py); a command takes them with
`@settings_flags(...)` and makes its settings with `flags.settings()`. While a run makes
clips, Ctrl-C and SIGTERM are watched here, not in the library (`_signal_stop`): the
first asks the run to stop gracefully, the second ends the process at once.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Protocol

import typer

from ..errors import TtsAssetsError
from ..planning import heap
from .flags import CONTENT_FLAGS, RUN_FLAGS, SettingsFlags, settings_flags

if TYPE_CHECKING:
    from ..making.hooks import Reporter, Stop
    from ..settings.config import Settings

app = typer.Typer(
    help="Generate the audio clips of language-learning content and write their URLs back.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: rich markup would eat the "[default]" of every option's help.
    rich_markup_mode=None,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON summary object on stdout.")]
WaitOpt = Annotated[
    float, typer.Option(help="Seconds to wait for another run on the same content.")
]
SetOpt = Annotated[
    str | None,
    typer.Option("--set", help="Only this content set of the config's [[sets]] (default: all)."),
]

SAME_SIGNAL_S = 0.5
"""Signals this close to the first one are that one delivered twice, not a second Ctrl-C."""

ABORTED = "aborted"
STOPPING = "stopping: finished clips are kept and written back (Ctrl-C again to abort at once)"


@contextlib.contextmanager
def _reporter(quiet: bool) -> Iterator[Reporter]:
    """Progress for a generate run: none (--json), a bar on a terminal, else plain lines."""
    from ..making.hooks import SilentReporter
    from . import console

    if quiet:
        yield SilentReporter()
    elif console.is_terminal():
        bar = console.RichReporter()
        try:
            yield bar
        finally:
            bar.close()
    else:
        yield console.PlainReporter()


def _fail(error: TtsAssetsError) -> typer.Exit:
    from . import console

    console.error(str(error))
    return typer.Exit(error.exit_code)


def _each_set(flags: SettingsFlags, only: str | None) -> tuple[list[Settings], bool]:
    """The settings of each content set to go over, and whether the config lists sets."""
    from ..settings.sets import content_sets

    settings = flags.settings()
    return content_sets(settings, only), bool(settings.sets)


def _set_report(settings: Settings, doc: dict[str, object]) -> dict[str, object]:
    """A set's --json report, with the set it was for (`set`)."""
    from ..settings.sets import set_label

    return {"set": set_label(settings), **doc}


def _over_sets(docs: list[dict[str, object]], codes: list[int]) -> dict[str, object]:
    """The --json object of a command over several content sets."""
    from ..settings.sets import combined_exit_code

    code = combined_exit_code(codes)
    return {"ok": code == 0, "exit_code": code, "sets": docs}


def _set_header(settings: Settings) -> None:
    from . import console

    console.print_line(
        f"set {settings.set_name}: {settings.data_dir} → {settings.out_dir} ({settings.lang})"
    )


class _Report(Protocol):
    """What prune and merge report: one JSON object, or lines for people."""

    def as_json(self) -> dict[str, object]: ...
    def lines(self) -> list[str]: ...


def _print_report(report: _Report, json_output: bool) -> None:
    """A command's report on stdout: the JSON object with --json, else its lines."""
    from . import console

    if json_output:
        console.print_json(report.as_json())
    else:
        console.print_lines(report.lines())


def _signal_stop(reporter: Reporter) -> Stop:
    """A stop that Ctrl-C and SIGTERM request while clips are made: the first stops the run
    gracefully (finished clips are kept and written back), the second ends the process
    at once (130). A signal that comes within `SAME_SIGNAL_S` of the first is the same
    request delivered twice (to the process and to its group, as `timeout` and CI
    runners do), not a second one."""
    import time

    import anyio

    from ..making.hooks import Stop

    class SignalStop(Stop):
        first: float | None = None

        def _again(self) -> bool:
            """Whether a signal now is a second request (not the first delivered twice)."""
            return self.first is None or time.monotonic() - self.first >= SAME_SIGNAL_S

        def _abort(self) -> None:
            reporter.notice(ABORTED)
            # As safe as a kill: every file is written atomically (README).
            os._exit(130)

        async def watch(self) -> None:
            try:
                with anyio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
                    async for _ in signals:
                        if not self._again():
                            continue
                        if self.requested:
                            self._abort()
                        self.first = time.monotonic()
                        reporter.notice(STOPPING)
                        self.request()
            finally:
                if self.requested:
                    self._keep_watching()

        def _keep_watching(self) -> None:
            """After the making, while what is made is written back: a copy of the first
            signal changes nothing, a second one still aborts at once."""

            def handler(signum: int, frame: object) -> None:
                if self._again():
                    self._abort()

            with contextlib.suppress(ValueError):  # not the main thread: nothing to keep
                signal.signal(signal.SIGINT, handler)
                signal.signal(signal.SIGTERM, handler)

    return SignalStop()


@app.command()
@settings_flags(*CONTENT_FLAGS, *RUN_FLAGS)
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
    from ..planning.prepare import prepare
    from ..planning.shard import Shard
    from ..settings.sets import combined_exit_code
    from . import console

    if verbose:
        import logging

        logging.basicConfig(
            level=logging.DEBUG, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
        )

    done: list[tuple[Settings, Summary]] = []
    try:
        each, with_sets = _each_set(flags, only_set)
        share = None if shard is None else Shard.parse(shard)
        if share is not None and len(each) > 1:
            raise InputError(
                f"--shard makes one content set's share, and the config lists {len(each)} "
                "sets; choose one with --set NAME"
            )
        if len(each) > 1 and not dry_run:
            for settings in each:  # reads and plans only: bad input anywhere stops all
                prepare(settings)
        with _reporter(quiet=json_output or dry_run) as reporter:
            stop = _signal_stop(reporter)
            for settings in each:
                if stop.requested:
                    break
                if with_sets and not json_output and not dry_run:
                    _set_header(settings)
                summary = run.generate(
                    settings,
                    dry_run=dry_run,
                    reporter=reporter,
                    stop=stop,
                    lock_wait=wait,
                    shard=share,
                    shard_dir=shard_dir,
                )
                done.append((settings, summary))
                if with_sets and not json_output and not dry_run:
                    console.print_summary(summary)  # each set's, as soon as it is done
    except TtsAssetsError as e:
        raise _fail(e) from None
    except KeyboardInterrupt:
        console.error("interrupted")
        raise typer.Exit(130) from None
    codes = [summary.exit_code for _, summary in done]
    if json_output and not with_sets:
        console.print_json(done[0][1].as_json())
    elif json_output:
        docs = [_set_report(settings, summary.as_json()) for settings, summary in done]
        console.print_json(_over_sets(docs, codes))
    elif dry_run or not with_sets:
        for settings, summary in done:
            if with_sets:
                _set_header(settings)
            console.print_summary(summary)
    raise typer.Exit(combined_exit_code(codes))


@app.command()
def providers() -> None:
    """List every provider and whether it can run on this machine."""
    from ..providers import registry
    from . import console

    rows = []
    for name in registry.names():
        try:
            cls = registry.get(name)
            reason = cls.unavailable_reason()
            rows.append([name, "yes" if reason is None else "no", reason or cls.description])
        except Exception as e:  # a broken plugin must not hide the others
            rows.append([name, "no", f"cannot load: {e}"])
    console.print_rows(rows, ["provider", "available", "notes"])


@app.command()
@settings_flags("provider", "kokoro_voices", "config_file")
def voices(flags: SettingsFlags) -> None:
    """List the voices of a provider."""
    from ..planning.voices import DEFAULT_PROVIDER, Voices
    from . import console

    try:
        settings = flags.settings()
        chosen = Voices(settings).provider(settings.provider or DEFAULT_PROVIDER)
        reason = chosen.unavailable_reason()
        if reason:
            raise TtsAssetsError(f"{chosen.name} is not available here: {reason}")
        rows = []
        for voice in chosen.voices():
            speaks = chosen.voice_languages(voice)
            default = [lang for lang in speaks if chosen.voices_for(lang)[:1] == [voice]]
            rows.append(
                [
                    voice,
                    ", ".join(speaks) or "any (the provider cannot tell)",
                    f"default for {', '.join(default)}" if default else "",
                ]
            )
    except TtsAssetsError as e:
        raise _fail(e) from None
    console.print_rows(rows, ["voice", "languages", ""])


@app.command()
@settings_flags(*CONTENT_FLAGS)
def readings(flags: SettingsFlags, json_output: JsonOpt = False) -> None:
    """Report every reading problem (a word the analyzer reads otherwise than its reading,
    a reading that is not kana, the overrides applied); exit 1 when a problem is left.

    Synthesizes nothing and writes nothing.
    """
    from ..commands.readings import check_readings
    from . import console

    try:
        report = check_readings(flags.settings())
    except TtsAssetsError as e:
        raise _fail(e) from None
    if json_output:
        console.print_json(report.as_json())
    else:
        console.print_lines(report.lines(), last_style="red" if report.problems else None)
    raise typer.Exit(report.exit_code)


@app.command()
@settings_flags(*CONTENT_FLAGS)
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
            "--deep", help="Decode and check every clip, not only those whose bytes changed."
        ),
    ] = False,
    wait: WaitOpt = 0.0,
    only_set: SetOpt = None,
) -> None:
    """Check every clip and URL (exit 1 if any is missing, stale, corrupt or refused);
    writes nothing.

    Without --fix nothing is generated or written and no model is loaded: the CI gate.
    With [[sets]] in the config, every set (or the one --set names) in turn.
    """
    from ..commands import verify as verifying
    from ..settings.sets import combined_exit_code
    from . import console

    docs: list[dict[str, object]] = []
    codes: list[int] = []
    try:
        each, with_sets = _each_set(flags, only_set)
        for settings in each:
            fixed = None
            if fix:
                with _reporter(quiet=json_output) as reporter:
                    report, fixed = verifying.fix(
                        settings,
                        reporter=reporter,
                        stop=_signal_stop(reporter),
                        lock_wait=wait,
                        deep=deep,
                    )
            else:
                report = verifying.verify(settings, deep=deep)
            summary = fixed.summary if fixed is not None else None
            interrupted = summary is not None and summary.interrupted
            codes.append(130 if interrupted else report.exit_code)
            doc = report.as_json()
            if fixed is not None:
                doc["fix"] = fixed.as_json()
            docs.append(_set_report(settings, doc) if with_sets else doc)
            if not json_output:
                if with_sets:
                    _set_header(settings)
                if summary is not None:
                    console.print_summary(summary)
                console.print_lines(report.lines(), last_style=None if report.ok else "red")
            if interrupted:
                break
    except TtsAssetsError as e:
        raise _fail(e) from None
    except KeyboardInterrupt:
        console.error("interrupted")
        raise typer.Exit(130) from None
    if json_output:
        doc = _over_sets(docs, codes) if with_sets else docs[0]
        console.print_json(doc)
    raise typer.Exit(combined_exit_code(codes))


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
    from . import console

    docs: list[dict[str, object]] = []
    try:
        each, with_sets = _each_set(flags, only_set)
        for settings in each:
            report = pruning.prune(settings, delete=yes, lock_wait=wait, forget=forget_set or ())
            if json_output:
                doc = report.as_json()
                docs.append(_set_report(settings, doc) if with_sets else doc)
            else:
                if with_sets:
                    _set_header(settings)
                console.print_lines(report.lines())
    except TtsAssetsError as e:
        raise _fail(e) from None
    if json_output:
        doc = _over_sets(docs, [0] * len(docs)) if with_sets else docs[0]
        console.print_json(doc)


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
) -> None:
    """Write the review page: listen to every clip in a browser, the doubtful ones first.

    Accept and reject clips with the keyboard, export the verdicts as review.json, and
    give it to --apply. The page is self-contained (no server, no network); its audio is
    the stored clips, reached by relative URLs. With [[sets]], one page per set.
    """
    import webbrowser

    from ..commands.review import write_page
    from ..commands.review_apply import Stale, apply_review
    from ..errors import InputError
    from ..review.verdicts import read_review
    from ..settings.sets import combined_exit_code
    from . import console

    docs: list[dict[str, object]] = []
    codes: list[int] = []
    matched: set[str] = set()
    try:
        each, with_sets = _each_set(flags, only_set)
        if output is not None and len(each) > 1:
            raise InputError(
                f"--output names one page, and the config lists {len(each)} content sets; "
                "choose one with --set NAME"
            )
        verdicts = read_review(apply) if apply is not None else None
        for settings in each:
            applied = None
            if verdicts is not None and apply is not None:
                with _reporter(quiet=json_output) as reporter:
                    applied = apply_review(
                        settings,
                        verdicts,
                        source=apply,
                        reporter=reporter,
                        stop=_signal_stop(reporter),
                        lock_wait=wait,
                    )
                matched |= applied.matched
            ran = applied.summary if applied is not None else None
            page = write_page(settings, output=output, failures=ran.failures if ran else ())
            codes.append(applied.exit_code if applied is not None else 0)
            doc = page.as_json()
            if applied is not None:
                doc["apply"] = applied.as_json()
            docs.append(_set_report(settings, doc) if with_sets else doc)
            if not json_output:
                if with_sets:
                    _set_header(settings)
                if applied is not None:
                    console.print_lines(applied.lines())
                if ran is not None:
                    console.print_summary(ran)
                console.print_lines(page.lines())
            if open_page and not webbrowser.open(page.path.resolve().as_uri()):
                console.error(f"no browser to open it here; open {page.path} in one")
            if ran is not None and ran.interrupted:
                break
    except TtsAssetsError as e:
        raise _fail(e) from None
    except KeyboardInterrupt:
        console.error("interrupted")
        raise typer.Exit(130) from None
    stale = Stale([v for v in verdicts.verdicts if v.clip not in matched] if verdicts else [])
    if json_output:
        top = _over_sets(docs, codes) if with_sets else docs[0]
        if verdicts is not None:
            top["stale"] = stale.as_json()
        console.print_json(top)
    else:
        console.print_lines(stale.lines())
    raise typer.Exit(combined_exit_code(codes))


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

    try:
        staging = flags.settings().temp_dir
        report = merge(out_dir, shard_dirs, temp_dir=staging, lock_wait=wait)
    except TtsAssetsError as e:
        raise _fail(e) from None
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
    from . import console

    docs: list[dict[str, object]] = []
    try:
        each, with_sets = _each_set(flags, only_set)
        for settings in each:
            report = rebuild(settings, lock_wait=wait)
            if json_output:
                doc = report.as_json()
                docs.append(_set_report(settings, doc) if with_sets else doc)
            else:
                if with_sets:
                    _set_header(settings)
                console.print_lines(report.lines())
    except TtsAssetsError as e:
        raise _fail(e) from None
    if json_output:
        doc = _over_sets(docs, [0] * len(docs)) if with_sets else docs[0]
        console.print_json(doc)


@app.command("cache-key")
@settings_flags(*CONTENT_FLAGS)
def cache_key(flags: SettingsFlags) -> None:
    """Print key=KEY: the tool's version and its models' identity, for a CI cache.

    The key changes with the tool's version, the models the configured voices use and
    the runtime, never with the content; a workflow step appends the line to
    $GITHUB_OUTPUT (see the README's CI section).
    """
    from ..commands.cache_key import cache_key

    try:
        key = cache_key(flags.settings())
    except TtsAssetsError as e:
        raise _fail(e) from None
    print(f"key={key}")


def main() -> None:
    """Console-script entry point.

    The process ends without the interpreter's teardown: after a run with a model loaded,
    that teardown is mostly garbage collection and freeing memory the system takes back
    anyway (BENCHMARKS.md, startup). Every command has closed, fsynced and unlocked what
    it wrote before it returns; exit handlers still run, and the output streams are
    flushed. An unexpected exception (a bug) prints one line, leaves its traceback in a
    log file and exits 4 (`crash.py`).
    """
    heap.own_process()  # one command, then os._exit: what a run builds may be frozen
    try:
        app()  # ends with SystemExit, whatever the command
        code: object = 0
    except SystemExit as e:
        code = e.code
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        code = 130
    except Exception as e:  # a bug: one line, the traceback in a log, its own exit code
        from . import crash

        print(crash.line(e, crash.record(e)), file=sys.stderr)
        code = crash.EXIT_CODE
    _exit_now(code)


def _exit_now(code: object) -> NoReturn:
    """Exit with `code` as `sys.exit` would, minus the interpreter's teardown."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe
            stream.flush()
    os._exit(status)
