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
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from ..commands.report import envelope
from ..errors import (
    OUT_OF_MEMORY,
    ExitCode,
    MachineFault,
    TtsAssetsError,
    machine_fault,
    near_memory_limit,
)
from ..planning import heap
from .signals import STOP_SIGNALS


class _Commands(TyperGroup):
    """The command group: every command's expected errors and stops become the exit codes
    of the module docstring here, an OSError of the machine (`machine_fault`: a full disk,
    a database another process holds) 3, a bug 4 (`crash.py`). With --json each prints the
    one object every command prints, so a script reading stdout always has it."""

    def invoke(self, ctx: Any) -> Any:  # typer's own click.Context
        # The command's words, before the group hands them on: whether --json was asked for.
        words = [*getattr(ctx, "_protected_args", ()), *ctx.args]
        json_output = "--json" in words
        try:
            return super().invoke(ctx)
        except TtsAssetsError as e:
            # A provider that could not load its model at the address-space limit
            # (onnxruntime: "Failed to serialize proto"): memory ran out, not the file.
            lost = e.exit_code == ExitCode.CANNOT_GO_ON and near_memory_limit()
            raise _failed(OUT_OF_MEMORY if lost else str(e), e.exit_code, json_output) from None
        except KeyboardInterrupt:
            _stopping()
            raise _failed("interrupted", ExitCode.INTERRUPTED, json_output) from None
        except MemoryError:
            pass  # said below: leaving this block frees what the run's frames held
        except _ENDINGS as e:
            _usage_json(e, words)  # a usage error of the command's words
            raise  # how typer ends a command, and its usage errors: not bugs
        except Exception as e:
            fault = machine_fault(e) if isinstance(e, OSError) else None
            if fault is not None:  # a full disk, a database another process holds: not a bug
                raise _failed(str(fault), fault.exit_code, json_output) from None
            from . import crash

            code, message = crash.crashed(e)
            raise _failed(message, code, json_output) from None
        raise _failed(OUT_OF_MEMORY, MachineFault.exit_code, json_output)

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


_ENDINGS: tuple[type[Exception], ...] = (typer.Exit, typer.Abort)
_ENDINGS += (getattr(typer.exceptions, "TyperException", typer.Exit),)
"""The exceptions typer ends a command with (`typer.Exit`), or refuses its words with
(a missing argument): click's own under typer before 0.20, its copy of click after."""
if (_click := sys.modules.get("click")) is not None:  # imported by a typer on click itself
    _ENDINGS += (_click.exceptions.Exit, _click.ClickException, _click.Abort)


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


# The other commands live beside this module, one module per kind; each is added here,
# in the order --help lists them. Their modules import only typer and the CLI's own.
from .checks import review, verify  # noqa: E402
from .export import export_app  # noqa: E402
from .generate import generate  # noqa: E402
from .listings import cache_key, providers, readings, types, voices  # noqa: E402
from .models import models_app  # noqa: E402
from .say import say  # noqa: E402
from .upkeep import adopt, merge_shards, prune, rebuild_manifest  # noqa: E402

for command in (generate, providers, voices, readings, types, verify, prune, review, adopt):
    app.command()(command)
app.command("merge")(merge_shards)
app.command("rebuild-manifest")(rebuild_manifest)
app.command()(say)
app.add_typer(models_app, name="models")
app.add_typer(export_app, name="export")
app.command("cache-key")(cache_key)


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

    The process ends without the interpreter's teardown (after a run with a model loaded,
    mostly freeing memory the system takes back anyway): every command has closed, fsynced
    and unlocked what it wrote before it returns; exit handlers still run, and the output
    streams are flushed. A bug prints one line and exits 4 (`crash.py`).
    """
    from . import crash  # imported before memory can run out
    from .limited import watched

    ended = watched()  # under an address-space limit: the command in a child (limited.py)
    if ended is not None:
        _exit_now(ended)
    heap.own_process()  # one command, then os._exit: what a run builds may be frozen
    _OWN_PROCESS.append(True)
    crash.quiet_unraisable_memory()
    crash.end_where_memory_is_lost()
    _terminate_as_interrupt()
    try:
        _numpy_first_when_bounded()
        app()  # ends with SystemExit, whatever the command
        code: object = 0
    except SystemExit as e:
        code = e.code
    except KeyboardInterrupt:
        _stopping()
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


_OWN_PROCESS: list[bool] = []
"""Not empty: the command runs in a process of its own (`main`), not inside a caller's."""


def _stopping() -> None:
    """The command stops (a stop was taken): a copy of it from now on changes nothing (in
    a process of its own). A stop can come twice (a child on a terminal shares the first
    process's group), and the second cut the line or the --json object short."""
    if not _OWN_PROCESS:
        return  # a caller's process (a test's CliRunner): its handlers are its own
    for signum in STOP_SIGNALS:
        with contextlib.suppress(ValueError, OSError):  # not the main thread
            signal.signal(signum, signal.SIG_IGN)


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
        if stream is None:
            continue  # started without it (`>&-`): Python gives None
        with contextlib.suppress(OSError, ValueError, MemoryError):  # a closed pipe
            stream.flush()
    os._exit(status)
