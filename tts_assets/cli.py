"""The `tts-assets` command: parses flags, calls the library, turns errors into exit codes.

Exit codes: 0 everything present; 1 some clips failed (listed), or verify found clips
missing, stale or corrupt; 2 usage, configuration or input error; 3 the provider cannot
go on; 130 interrupted.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from . import config
from .errors import TtsAssetsError

if TYPE_CHECKING:
    from . import run

app = typer.Typer(
    help="Generate the audio clips of language-learning content and write their URLs back.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: rich markup would eat the "[default]" of every option's help.
    rich_markup_mode=None,
)

TypeOpt = Annotated[
    str | None,
    typer.Option(
        "--type", "-t", help="vocabulary, grammar, kanji, reading, all, or a configured type."
    ),
]
ProviderOpt = Annotated[
    str | None, typer.Option(help="kokoro (default), piper, say, espeak, elevenlabs.")
]
VoiceOpt = Annotated[str | None, typer.Option(help="Voice for Japanese texts (default jf_alpha).")]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="Config file (default tts-assets.toml or pyproject.toml)."),
]
DataDirOpt = Annotated[Path | None, typer.Option(help="Folder of the content JSON files [data].")]
OutDirOpt = Annotated[Path | None, typer.Option(help="Where clips are stored [public/audio].")]
SpeedOpt = Annotated[float | None, typer.Option(help="Speaking rate, 0.5 to 2.0 [1.0].")]
FormatOpt = Annotated[str | None, typer.Option("--format", help="mp3 (default), ogg or wav.")]
BitrateOpt = Annotated[int | None, typer.Option(help="MP3 bit rate in kbps [64].")]
UrlPrefixOpt = Annotated[str | None, typer.Option(help="URL of the out dir [/audio].")]
IncludeOpt = Annotated[
    list[str] | None,
    typer.Option(help="Enable an opt-in field, as TYPE.FIELD (e.g. vocabulary.meaning)."),
]
KokoroModelOpt = Annotated[Path | None, typer.Option(help="Another Kokoro .onnx model.")]
KokoroVoicesOpt = Annotated[Path | None, typer.Option(help="Another Kokoro voices file.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON summary object on stdout.")]
WaitOpt = Annotated[
    float, typer.Option(help="Seconds to wait for another run on the same content.")
]


def _command_settings(params: dict[str, Any]) -> config.Settings:
    """Settings from a command's parameters (its `locals()`, named as the options are).

    Parameters that are not settings (--json, --wait, --dry-run, ...) are left out.
    """
    flags = dict(params)
    flags["bitrate_kbps"] = flags.pop("bitrate", None)
    include = flags.pop("include", None)
    flags["include_fields"] = tuple(include) if include else None
    if flags.pop("no_update_json", False):
        flags["update_json"] = False
    known = {f.name for f in fields(config.Settings)} - {"config_file"} | {"format", "bitrate_kbps"}
    return _settings(params.get("config_file"), **{k: flags[k] for k in known & flags.keys()})


def _settings(config_file: Path | None, **flags: Any) -> config.Settings:
    """Defaults < config file < environment < flags (only the flags actually given)."""
    source, table = config.find_config(Path.cwd(), config_file)
    settings = config.from_table(table, source, config.Settings())
    settings = config.from_env(settings)
    given = {k: v for k, v in flags.items() if v is not None}
    audio_changes = {k: given.pop(k) for k in ("format", "bitrate_kbps") if k in given}
    if audio_changes:
        given["audio"] = replace(settings.audio, **audio_changes)
    settings = replace(settings, **given)
    config.check(settings)
    return settings


@contextlib.contextmanager
def _reporter(quiet: bool) -> Iterator[run.Reporter]:
    """Progress for a generate run: none (--json), a bar on a terminal, else plain lines."""
    from . import console, run

    if quiet:
        yield run.SilentReporter()
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


@app.command()
def generate(
    type: TypeOpt = None,
    provider: ProviderOpt = None,
    concurrency: Annotated[
        int | None,
        typer.Option(help="Clips made at once [auto: physical cores for a local model]."),
    ] = None,
    voice: VoiceOpt = None,
    speed: SpeedOpt = None,
    format: FormatOpt = None,
    bitrate: BitrateOpt = None,
    data_dir: DataDirOpt = None,
    out_dir: OutDirOpt = None,
    url_prefix: UrlPrefixOpt = None,
    timeout: Annotated[float | None, typer.Option(help="Seconds one clip may take [60].")] = None,
    no_update_json: Annotated[
        bool,
        typer.Option("--no-update-json", help="Make clips but leave the JSON files as they are."),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would be made; write nothing.")
    ] = False,
    config_file: ConfigOpt = None,
    json_output: JsonOpt = False,
    include: IncludeOpt = None,
    kokoro_model: KokoroModelOpt = None,
    kokoro_voices: KokoroVoicesOpt = None,
    api_key: Annotated[
        str | None,
        typer.Option(help="ElevenLabs API key [env ELEVENLABS_API_KEY].", show_default=False),
    ] = None,
    wait: WaitOpt = 0.0,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log what happens (and HTTP requests).")
    ] = False,
) -> None:
    """Make every missing or changed clip and write the URLs into the content JSON."""
    from . import console, run

    if verbose:
        import logging

        logging.basicConfig(
            level=logging.DEBUG, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
        )

    try:
        settings = _command_settings(locals())
        with _reporter(quiet=json_output or dry_run) as reporter:
            summary = run.generate(
                settings, dry_run=dry_run, reporter=reporter, handle_signals=True, lock_wait=wait
            )
    except TtsAssetsError as e:
        raise _fail(e) from None
    except KeyboardInterrupt:
        console.error("interrupted")
        raise typer.Exit(130) from None
    if json_output:
        print(json.dumps(summary.as_json(), ensure_ascii=False, indent=2))
    else:
        console.print_summary(summary)
    raise typer.Exit(summary.exit_code)


@app.command()
def providers() -> None:
    """List every provider and whether it can run on this machine."""
    from . import console
    from .providers import registry

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
def voices(
    provider: ProviderOpt = None,
    config_file: ConfigOpt = None,
    kokoro_voices: Annotated[Path | None, typer.Option(help="Another Kokoro voices file.")] = None,
) -> None:
    """List the voices of a provider."""
    from . import console
    from .run import Voices

    try:
        settings = _settings(config_file, provider=provider, kokoro_voices=kokoro_voices)
        chosen = Voices(settings).provider(settings.provider or "kokoro")
        reason = chosen.unavailable_reason()
        if reason:
            raise TtsAssetsError(f"{chosen.name} is not available here: {reason}")
        defaults = {v: lang for lang, v in chosen.default_voices.items()}
        rows = [[v, f"default for {defaults[v]}" if v in defaults else ""] for v in chosen.voices()]
    except TtsAssetsError as e:
        raise _fail(e) from None
    console.print_rows(rows, ["voice", ""])


@app.command()
def verify(
    type: TypeOpt = None,
    provider: ProviderOpt = None,
    voice: VoiceOpt = None,
    speed: SpeedOpt = None,
    format: FormatOpt = None,
    bitrate: BitrateOpt = None,
    data_dir: DataDirOpt = None,
    out_dir: OutDirOpt = None,
    url_prefix: UrlPrefixOpt = None,
    include: IncludeOpt = None,
    kokoro_model: KokoroModelOpt = None,
    kokoro_voices: KokoroVoicesOpt = None,
    config_file: ConfigOpt = None,
    json_output: JsonOpt = False,
    fix: Annotated[
        bool,
        typer.Option("--fix", help="Regenerate what is missing, stale or corrupt, then verify."),
    ] = False,
    wait: WaitOpt = 0.0,
) -> None:
    """Check every clip and URL (exit 1 if any is missing, stale or corrupt); writes nothing.

    Without --fix nothing is generated or written and no model is loaded: the CI gate.
    """
    from . import console
    from . import verify as verifying

    fixed = None
    try:
        settings = _command_settings(locals())
        if fix:
            with _reporter(quiet=json_output) as reporter:
                report, fixed = verifying.fix(
                    settings, reporter=reporter, handle_signals=True, lock_wait=wait
                )
        else:
            report = verifying.verify(settings)
    except TtsAssetsError as e:
        raise _fail(e) from None
    except KeyboardInterrupt:
        console.error("interrupted")
        raise typer.Exit(130) from None
    interrupted = fixed is not None and fixed.summary is not None and fixed.summary.interrupted
    if json_output:
        doc = report.as_json()
        if fixed is not None:
            doc["fix"] = fixed.as_json()
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        if fixed is not None and fixed.summary is not None:
            console.print_summary(fixed.summary)
        console.print_lines(report.lines(), last_style=None if report.ok else "red")
    raise typer.Exit(130 if interrupted else report.exit_code)


@app.command()
def prune(
    provider: ProviderOpt = None,
    voice: VoiceOpt = None,
    speed: SpeedOpt = None,
    format: FormatOpt = None,
    bitrate: BitrateOpt = None,
    data_dir: DataDirOpt = None,
    out_dir: OutDirOpt = None,
    url_prefix: UrlPrefixOpt = None,
    include: IncludeOpt = None,
    kokoro_model: KokoroModelOpt = None,
    kokoro_voices: KokoroVoicesOpt = None,
    config_file: ConfigOpt = None,
    json_output: JsonOpt = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Delete them (without it, only list them).")
    ] = False,
    wait: WaitOpt = 0.0,
) -> None:
    """List the clips no content needs any more (every type counts); --yes deletes them."""
    from . import console
    from . import prune as pruning

    try:
        settings = _command_settings(locals())
        report = pruning.prune(settings, delete=yes, lock_wait=wait)
    except TtsAssetsError as e:
        raise _fail(e) from None
    if json_output:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        console.print_lines(report.lines())


def main() -> None:
    """Console-script entry point.

    The process ends without the interpreter's teardown: after a run with a model loaded,
    that teardown was a third of a second of garbage collection and of freeing memory the
    system takes back anyway (BENCHMARKS.md). Every command has closed, fsynced and
    unlocked what it wrote before it returns; exit handlers still run, and the output
    streams are flushed. An unexpected exception still ends the usual way, with its
    traceback.
    """
    try:
        app()  # ends with SystemExit, whatever the command
        code: object = 0
    except SystemExit as e:
        code = e.code
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        code = 130
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
