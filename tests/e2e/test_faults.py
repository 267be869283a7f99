"""A provider that fails, hangs and returns garbage: every other clip is made, each failure
is listed with its entry and reason, the run exits 1, and a rerun retries only the failures.

The faults come from tests/support/fault_provider.py, registered by name like any provider. Each
text's fate is a hash of the text, so a rerun meets the same faults; `heal = true` then
lifts them. A run that hangs in a real synthesizer process is tested with the stand-in
`say`: the process group is killed at the timeout and nothing outlives the run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import soundfile as sf
from typer.testing import CliRunner

from tests.support import TESTS, fault_provider
from tests.support.fault_provider import GARBAGE, calls, fate
from tests.support.project import Project
from tts_assets.cli.app import app

TEXTS = [f"{w}を{v}ます。" for w in "山川海空花本水魚猫犬" for v in "見書"]
PER_ENTRY = 4
# Every kind of broken audio once, on fixed texts; the rates decide the others.
FATES = {TEXTS[3 * i + 1]: f"garbage:{kind}" for i, kind in enumerate(GARBAGE)}
REASONS = {
    "fail": r"^fault: injected failure$",
    "hang": r"^timed out after 1 s$",
    "garbage:nan": r"NaN",
    "garbage:silent": r"silent",
    "garbage:clipped": r"clipped",
    "garbage:blip": r"shorter than the shortest plausible",
    "garbage:empty": r"no usable samples",
}
FAKE_SAY_DIR = TESTS / "support" / "fake_say"
GENERATE = ("generate", "--provider", "fault", "--type", "grammar", "--timeout", "1")


def _place(text: str) -> str:
    i = TEXTS.index(text)
    return f"grammar.json › [{i // PER_ENTRY}] › examples › [{i % PER_ENTRY}] › japanese"


@pytest.fixture
def project(project: Project, fault: None) -> Project:
    fault_provider.write_grammar(project / "data", TEXTS, PER_ENTRY)
    return project


def _configure(root: Path, run: str, **extra: Any) -> tuple[dict[str, Any], Path]:
    log = root / f"calls-{run}.jsonl"
    settings = {"fail_rate": 0.2, "hang_rate": 0.1, "log": str(log), "fates": FATES, **extra}
    fault_provider.write_config(root, **settings)
    return settings, log


def _urls(root: Path) -> dict[str, str | None]:
    doc = json.loads((root / "data/grammar.json").read_text(encoding="utf-8"))
    return {e["japanese"]: e.get("audioUrl") for entry in doc for e in entry["examples"]}


@pytest.mark.slow
def test_faults_fail_only_their_clips_and_a_rerun_retries_only_those(project: Project) -> None:
    settings, log = _configure(project, "first")
    expected = {t: fate(t, settings) for t in TEXTS if fate(t, settings) != "ok"}
    kinds = Counter(f.partition(":")[0] for f in expected.values())
    assert kinds["fail"] >= 2 and kinds["hang"] >= 1 and kinds["garbage"] == len(GARBAGE)

    code, out = project.invoke(*GENERATE, "--json")
    assert code == 1, out
    summary = json.loads(out)
    assert summary["generated"] == len(TEXTS) - len(expected)
    failures = {f["text"]: f for f in summary["failures"]}
    assert set(failures) == set(expected)
    for text, what in expected.items():
        assert failures[text]["places"] == [_place(text)]
        assert re.search(REASONS[what], failures[text]["reason"]), (what, failures[text])

    # Each finished clip is stored, valid and written back; a failed one has no URL.
    urls = _urls(project)
    manifest = json.loads((project / "public/audio/manifest.json").read_text(encoding="utf-8"))
    assert {c["text"] for c in manifest["clips"]} == set(TEXTS) - set(expected)
    for text, url in urls.items():
        if text in expected:
            assert url is None
        else:
            assert url is not None
            assert sf.info(str(project / "public" / url.removeprefix("/"))).duration > 0.3
    on_disk = {str(p.relative_to(project / "public/audio")) for p in project.rglob("*.mp3")}
    assert on_disk == {c["path"] for c in manifest["clips"]}
    # A retryable failure was tried three times, everything else once.
    tries = Counter(calls(log))
    assert {t: n for t, n in tries.items() if n != 1} == {
        t: 3 for t, what in expected.items() if what == "fail"
    }

    # The same faults again: only the failed texts are tried, and listed one per line.
    settings, log = _configure(project, "second")
    code, out = project.invoke(*GENERATE)
    assert code == 1, out
    assert set(calls(log)) == set(expected)
    listed = [line for line in out.splitlines() if line.startswith("failed: ")]
    assert len(listed) == len(expected)
    for text in expected:
        [line] = [line for line in listed if line.startswith(f"failed: {_place(text)}: ")]
        assert re.search(REASONS[expected[text]], line.partition(f"{_place(text)}: ")[2]), line
    assert "Traceback" not in out

    # Healed: exactly the failures are made, each once, and everything is written back.
    settings, log = _configure(project, "healed", heal=True)
    code, out = project.invoke(*GENERATE, "--json")
    assert code == 0, out
    assert sorted(calls(log)) == sorted(expected)
    assert json.loads(out)["generated"] == len(expected)
    assert all(_urls(project).values())
    assert not (project / "public/audio/.temp-audio").exists()


def _processes_with(marker: str) -> list[int]:
    """Live processes (not zombies) whose environment holds `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes():
                stat = (entry / "stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
                if stat[0] != "Z":
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.slow
def test_a_hanging_synthesizer_is_killed_at_the_timeout_with_its_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fault_provider.write_grammar(tmp_path / "data", ["山を見ます。", "川を見ます。"])
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", f"{FAKE_SAY_DIR}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_SAY_MODE", "hang")  # say starts a `sleep 600` and never exits
    monkeypatch.setenv("FAKE_SAY_PIDS", str(tmp_path / "pids"))
    marker = f"TTS_ASSETS_TEST_RUN={uuid.uuid4().hex}"
    monkeypatch.setenv(*marker.split("="))
    result = CliRunner().invoke(
        app, ["generate", "--provider", "say", "--type", "grammar", "--timeout", "1", "--json"]
    )
    assert result.exit_code == 1, result.output
    summary = json.loads(result.output)
    # The pool's deadline and the provider's are both --timeout; either may fire first.
    assert [f["reason"].removeprefix("say ") for f in summary["failures"]] == [
        "timed out after 1 s"
    ] * 2
    assert summary["seconds"] < 10
    assert (tmp_path / "pids").exists()  # the hang really started its child
    assert _processes_with(marker) == []
    assert not (tmp_path / "public/audio/.temp-audio").exists()


def test_a_provider_bug_after_the_clips_still_records_and_writes_them_back(
    project: Project,
) -> None:
    # aclose() raises an unexpected error once every clip is made: a bug (exit 4, the
    # command group says so, tested below in a process too), but the finished clips must
    # not be lost to it. Three texts in two entries show it as the module's twenty would.
    made = TEXTS[:3]
    fault_provider.write_grammar(project / "data", made, per_entry=2)
    fault_provider.write_config(project, crash="close")
    result = CliRunner().invoke(app, ["generate", "--provider", "fault", "--type", "grammar"])
    assert result.exit_code == 4
    assert "error: unexpected RuntimeError: injected bug in close()" in result.output
    manifest = json.loads((project / "public/audio/manifest.json").read_text(encoding="utf-8"))
    assert {c["text"] for c in manifest["clips"]} == set(made)
    assert all(_urls(project).values())
    assert not (project / "public/audio/.temp-audio").exists()


@pytest.mark.slow
def test_a_bug_exits_4_with_one_line_and_its_traceback_in_a_log(project: Project) -> None:
    # A bug is not a failed clip (exit 1): CI must be able to tell them apart.
    fault_provider.write_config(project, crash="open")
    done = subprocess.run(
        [*fault_provider.DRIVER, "generate", "--provider", "fault", "--type", "grammar"],
        cwd=project,
        env=fault_provider.driver_env(TTS_ASSETS_CACHE_DIR=str(project / "cache")),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 4
    (line,) = [ln for ln in done.stderr.splitlines() if ln.startswith("error:")]
    assert line.startswith("error: unexpected RuntimeError: injected bug in open()")
    assert "Traceback" not in done.stderr
    (log,) = (project / "cache/crashes").iterdir()
    assert str(log) in line
    logged = log.read_text(encoding="utf-8")
    assert "Traceback" in logged and "_crash" in logged
