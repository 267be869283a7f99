"""Output on consoles that are not UTF-8: the report degrades, JSON stays valid, nothing crashes.

Real processes, because the stream's encoding is the process's: `PYTHONIOENCODING=ascii`,
a cp1252 redirect (`PYTHONIOENCODING=cp1252`), and the C locale with Python's UTF-8
coercion off (what `LANG=C` gives where the C.UTF-8 locale is missing).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.support import TESTS, fault_provider
from tests.support.project import Project
from tests.support.sample import copy_sample

HOSTILE = TESTS / "hostile"

CONSOLES = {
    "ascii": ({"PYTHONIOENCODING": "ascii"}, "ascii"),
    "cp1252": ({"PYTHONIOENCODING": "cp1252"}, "cp1252"),
    "C locale": (
        {"LANG": "C", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
        "ascii",
    ),
}

pytestmark = pytest.mark.slow


def run(
    args: list[str], console: str, cwd: Path, base: Mapping[str, str] = os.environ
) -> tuple[int, str, str]:
    """Run a Python process on `console` (in environment `base`); its output decoded as
    that console would."""
    extra, encoding = CONSOLES[console]
    env = {k: v for k, v in base.items() if k not in ("PYTHONIOENCODING", "LC_ALL")}
    done = subprocess.run(
        [sys.executable, *args], cwd=cwd, env={**env, **extra}, capture_output=True
    )
    # strict decoding: a byte the console cannot show would fail here
    return done.returncode, done.stdout.decode(encoding), done.stderr.decode(encoding)


@pytest.fixture
def project(project: Project) -> Project:
    """The repository's sample content (run in processes of their own, in the project)."""
    copy_sample(project / "data")
    return project


@pytest.mark.parametrize("console", CONSOLES)
def test_verify_reports_places_on_any_console(project: Project, console: str) -> None:
    code, out, err = run(["-m", "tts_assets", "verify"], console, project)
    assert code == 1, err  # nothing is generated yet: every URL is missing
    assert "Traceback" not in err
    sep = "›" if console == "cp1252" else ">"  # cp1252 has the character, ASCII does not
    assert f"vocabulary.json {sep} [0] {sep} word: missing: no audio URL yet" in out


@pytest.mark.parametrize("console", CONSOLES)
def test_the_dry_run_report_escapes_what_the_console_cannot_show(
    project: Project, console: str
) -> None:
    code, out, err = run(["-m", "tts_assets", "generate", "--dry-run"], console, project)
    assert code == 0, err
    assert "Traceback" not in err
    assert "first planned clips:" in out
    assert "  \\u6c34 -> public/audio/vocabulary/" in out  # 水, then the arrow in ASCII


@pytest.mark.parametrize("console", CONSOLES)
def test_an_error_message_degrades_like_the_report(project: Project, console: str) -> None:
    shutil.copy(HOSTILE / "examples-is-a-string.json", project / "data" / "grammar.json")
    code, _, err = run(["-m", "tts_assets", "generate", "--type", "grammar"], console, project)
    assert code == 2
    sep = "›" if console == "cp1252" else ">"
    assert err.startswith(f"error: grammar.json {sep} [0] {sep} examples: expected a list")


@pytest.mark.parametrize("console", CONSOLES)
def test_the_final_report_of_a_real_run_does_not_crash_after_the_work(
    project: Project, console: str
) -> None:
    # The work is done before the report: a clip made, one failed, a person's URL kept.
    # Each of those lines names a place (›) and the summary ends the run.
    (project / "data").rename(project / "sample")
    texts = ["山を見ます。", "川を見ます。", "海を見ます。"]
    grammar = fault_provider.write_grammar(project / "data", texts)
    doc = json.loads(grammar.read_text("utf-8"))
    doc[0]["examples"][2]["audioUrl"] = "/audio/human/umi.mp3"
    grammar.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    human = project / "public/audio/human/umi.mp3"  # the person's file is there: kept, not dead
    human.parent.mkdir(parents=True)
    human.write_bytes(b"ID3" + bytes(64))
    fault_provider.write_config(project, fates={texts[1]: "fail"})
    argv = [*fault_provider.DRIVER[1:], "generate", "--provider", "fault", "--type", "grammar"]

    code, out, err = run(argv, console, project, fault_provider.driver_env())

    assert code == 1, err  # the failed clip, not a crash (4)
    assert "Traceback" not in err and "unexpected" not in err
    sep = "›" if console == "cp1252" else ">"
    assert f"grammar.json {sep} [0] {sep} examples {sep} [1] {sep} japanese" in out
    assert f"[2] {sep} audioUrl: kept /audio/human/umi.mp3" in out
    assert "1 JSON file(s) updated" in out
    urls = [ex.get("audioUrl") for ex in json.loads(grammar.read_text("utf-8"))[0]["examples"]]
    assert urls[0] and urls[1] is None and urls[2] == "/audio/human/umi.mp3"

    code, out, err = run([*argv, "--json"], console, project, fault_provider.driver_env())
    assert code == 1, err
    report = json.loads(out)
    assert out.isascii() and report["failures"] and report["kept"]


DOC = {"place": "vocabulary.json › [0] › word", "text": "水です", "café": "é", "ok": "👍"}
PRINT_JSON = f"from tts_assets.cli import console; console.print_json({DOC!a})"


@pytest.mark.parametrize("console", CONSOLES)
def test_json_is_valid_on_any_console(tmp_path: Path, console: str) -> None:
    code, out, err = run(["-c", PRINT_JSON], console, tmp_path)
    assert code == 0, err
    assert json.loads(out) == DOC
    assert out.isascii()


@pytest.mark.parametrize("console", CONSOLES)
@pytest.mark.parametrize(
    "command",
    [["generate", "--dry-run", "--json"], ["verify", "--json"], ["prune", "--json"]],
    ids=" ".join,
)
def test_every_commands_json_is_valid_on_any_console(
    project: Project, console: str, command: list[str]
) -> None:
    (project / "data" / "grammar.json").write_text(  # a place with › and a text with 水
        '[{"id": "g1", "examples": [{"japanese": "水です"}, {"japanese": ""}]}]',
        encoding="utf-8",
    )
    code, out, err = run(["-m", "tts_assets", *command], console, project)
    assert code in (0, 1), err
    assert "Traceback" not in err and "bug" not in err
    doc = json.loads(out)
    assert out.isascii()
    if command[0] != "prune":  # (prune lists clips, and there are none yet)
        assert "grammar.json › [0] › examples" in json.dumps(doc, ensure_ascii=False)


def test_json_keeps_its_characters_on_a_utf8_console(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-c", PRINT_JSON], cwd=tmp_path, env=env, capture_output=True
    )
    out = done.stdout.decode("utf-8")
    assert json.loads(out) == DOC
    assert "水です" in out and "👍" in out  # readable as it is, not escaped
