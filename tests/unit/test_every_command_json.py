"""Every command's --json is one object carrying `ok` and the process's own `exit_code`
(one report contract). The test walks every command the CLI has, so a new
command without --json fails here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.project import GRAMMAR, Project, new_project, working_directory
from tests.support.sweep import check_each
from tts_assets.cli.app import app

ARGS = {
    "generate": ["generate", "--type", "grammar"],
    "providers": ["providers"],
    "voices": ["voices", "--provider", "fault"],
    "readings": ["readings"],
    "types": ["types"],
    "verify": ["verify"],
    "prune": ["prune"],
    "review": ["review"],
    "adopt": ["adopt"],
    "merge": ["merge", "public/audio", "shards/1"],
    "rebuild-manifest": ["rebuild-manifest"],
    "cache-key": ["cache-key"],
    "models list": ["models", "list"],
    "models verify": ["models", "verify"],
    "models path": ["models", "path", "kokoro-v1.0-int8"],
    "models pull": ["models", "pull", "--for-config"],
    "say": ["say", "みずをのみます。", "-o", "said.mp3"],
    "export anki": ["export", "anki", "-o", "deck.apkg"],
}
"""How each command is called on a small project (the fault provider speaks it)."""


def _commands() -> list[str]:
    """Every command, a group's as `group command`."""
    import typer.main

    group = typer.main.get_command(app)
    found = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        inner = getattr(command, "commands", None)
        found += [f"{name} {sub}" for sub in inner] if inner else [name]
    return sorted(found)


def _course(root: Path) -> Project:
    """A small project the fault provider speaks, in `root`."""
    (root / "shards/1").mkdir(parents=True)
    return root.gen({"data/grammar.json": GRAMMAR}).config('provider = "fault"\n')


@pytest.fixture
def course(project: Project, fault: None) -> Project:
    return _course(project)


def test_the_walk_covers_every_command() -> None:
    assert set(_commands()) <= set(ARGS), "a command is missing from ARGS"


def test_every_command_prints_one_object_with_ok_and_its_exit_code(
    tmp_path: Path, fault: None
) -> None:
    """Each command of ARGS, in a course of its own."""
    check_each(_one_object, {command: (command, tmp_path) for command in sorted(ARGS)})


def _one_object(command: str, parent: Path) -> None:
    course = _course(new_project(parent))
    if command == "verify":  # something to verify: the clips made first
        assert course.invoke("generate", "--type", "grammar")[0] == 0
    from typer.testing import CliRunner

    with working_directory(course):
        result = CliRunner().invoke(app, [*ARGS[command], "--json"])
    doc = json.loads(result.stdout)
    assert isinstance(doc, dict)
    assert doc["exit_code"] == result.exit_code, result.output
    assert doc["ok"] is (result.exit_code == 0)
    assert list(doc)[:2] == ["ok", "exit_code"]


def test_an_error_with_json_is_one_object_too(course: Project) -> None:
    from typer.testing import CliRunner

    course.config('provider = "fault"\nunknown_key = 1\n')
    result = CliRunner().invoke(app, ["verify", "--json"])
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert doc["ok"] is False and doc["exit_code"] == 2
    assert "unknown_key" in doc["error"]


# --- a bug with --json prints the envelope too -----------------------


def _command(name: str) -> object:
    """The click command the CLI runs for `name` (`models pull`: a group's command)."""
    import typer.main

    found: object = typer.main.get_command(app)
    for word in name.split():
        found = found.commands[word]  # type: ignore[attr-defined]
    return found


@pytest.mark.parametrize("how", ["raised", "in its JSON"])
def test_a_bug_in_any_command_prints_the_envelope_with_exit_4(
    course: Project, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the command does, an unexpected error (a bug) with --json leaves one object
    on stdout: `ok` false, `exit_code` 4, the error's line naming its log file. Each command
    of ARGS, in the course (the bug stops each before it does anything)."""
    check_each(_envelope, {c: (c, how, monkeypatch) for c in sorted(ARGS)})


def _envelope(command: str, how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from tts_assets.cli import console

    def buggy(**flags: object) -> None:
        if how == "raised":
            raise RuntimeError("injected bug")
        console.print_json({"ok": True, "exit_code": 0, "where": object()})  # not JSON

    with monkeypatch.context() as patched:  # each command's bug undone before the next's
        patched.setattr(_command(command), "callback", buggy)
        result = CliRunner().invoke(app, [*ARGS[command], "--json"])
    assert result.exit_code == 4, result.output
    doc = json.loads(result.stdout)
    assert list(doc) == ["ok", "exit_code", "error"]
    assert (doc["ok"], doc["exit_code"]) == (False, 4)
    what = "RuntimeError: injected bug" if how == "raised" else "TypeError: Object of type object"
    assert doc["error"].startswith(f"unexpected {what}"), doc
    assert "the traceback is in" in doc["error"] and "This is a bug in tts-assets" in doc["error"]


@pytest.mark.slow
def test_a_bug_in_a_real_run_prints_the_envelope_and_exits_4(course: Project) -> None:
    """The process itself (`main`): a provider that raises what no one expected."""
    import subprocess

    from tests.support import fault_provider

    course.config('provider = "fault"\n[providers.fault]\ncrash = "open"\n')
    done = subprocess.run(
        [*fault_provider.DRIVER, "generate", "--json"],
        cwd=course,
        env=fault_provider.driver_env(TTS_ASSETS_CACHE_DIR=str(course / "cache")),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 4, done.stderr
    doc = json.loads(done.stdout)
    assert (doc["ok"], doc["exit_code"]) == (False, 4)
    assert doc["error"].startswith("unexpected RuntimeError: injected bug in open()")
    (log,) = (course / "cache/crashes").iterdir()
    assert str(log) in doc["error"] and "Traceback" in log.read_text(encoding="utf-8")
    assert done.stderr.strip() == f"error: {doc['error']}"


# --- a usage error with --json prints the envelope too ---------------


USAGE_ERRORS = [
    ("generate --slow fast", "Invalid value for '--slow'"),
    ("generate --concurrency abc", "Invalid value for '--concurrency'"),
    ("generate --timeout abc", "Invalid value for '--timeout'"),
    ("verify --no-such-flag", "No such option: --no-such-flag"),
    ("models pull --no-such-flag", "No such option: --no-such-flag"),
    ("", "No such option: --json"),
]
"""(the words after tts-assets, what the error begins with)"""


def test_a_usage_error_with_json_prints_the_envelope_with_exit_2() -> None:
    """A CI step that parses stdout gets the one object, `error` saying what was wrong,
    wherever --json is among the words (first or last); the usage goes to stderr as
    without it."""
    check_each(
        _usage_envelope,
        {
            f"{w} ({where})": (w, said, where)
            for w, said in USAGE_ERRORS
            for where in ("first", "last")
        },
    )


def _usage_envelope(words: str, said: str, where: str) -> None:
    from typer.testing import CliRunner

    command, _, rest_said = words.partition(" -")
    command, rest = command.split(), f"-{rest_said}".split() if rest_said else []
    argv = [*command, "--json", *rest] if where == "first" else [*command, *rest, "--json"]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 2, result.output
    doc = json.loads(result.stdout)
    assert list(doc) == ["ok", "exit_code", "error"]
    assert (doc["ok"], doc["exit_code"]) == (False, 2)
    assert doc["error"].startswith(said), doc
    assert said in result.stderr and "Usage:" in result.stderr


def test_a_usage_error_without_json_prints_nothing_on_stdout() -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["generate", "--slow", "fast"])
    assert result.exit_code == 2 and result.stdout == ""
