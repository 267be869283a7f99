"""Faults of the machine stop a run, never fail it clip by clip.

Real file systems: a tmpfs small enough to fill during a real run, and tmpfs mounted
read-only (for the out dir, and for the working directory). Mounting needs root, as in
Docker CI; elsewhere these tests are skipped, with that reason.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.support import fault_provider
from tests.support.mounts import read_only, tmpfs
from tts_assets.store.manifest import Store

pytestmark = pytest.mark.slow  # real processes, real mounts

TEXTS = [f"{n}番目の文を読みます。" for n in range(1, 61)]


def _run(cwd: Path, *args: str, **config: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*fault_provider.DRIVER, "generate", "--provider", "fault", "--type", "grammar", *args],
        cwd=cwd,
        env=fault_provider.driver_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


def _urls(data: Path) -> list[str | None]:
    doc = json.loads((data / "grammar.json").read_text("utf-8"))
    return [ex.get("audioUrl") for entry in doc for ex in entry["examples"]]


def _project(root: Path, **config: Any) -> Path:
    fault_provider.write_grammar(root / "data", TEXTS)
    fault_provider.write_config(root, log=str(root / "calls.jsonl"), **config)
    return root


def test_a_full_disk_stops_the_run_keeps_what_is_stored_and_exits_3(tmp_path: Path) -> None:
    project = _project(tmp_path / "p", delay=0.05)
    out = tmp_path / "p/public/audio"
    with tmpfs(out, "400k"):
        done = _run(project, "--concurrency", "2", "--json")
        assert done.returncode == 3, done.stderr
        assert "Traceback" not in done.stderr + done.stdout
        summary = json.loads(done.stdout)
        assert "the disk is full" in summary["fatal"]
        assert summary["failures"] == []  # the machine failed, not the clips
        assert 0 < summary["generated"] < len(TEXTS)
        calls = fault_provider.calls(project / "calls.jsonl")
        assert len(calls) < len(TEXTS), "new work stopped at once"
        # What the manifest on disk lists is written back, and every URL is a clip it lists.
        store = Store(out, out / ".temp-audio")
        urls = [u for u in _urls(project / "data") if u]
        assert urls, json.dumps(summary, ensure_ascii=False)
        for url in urls:
            clip = store.get(url.removeprefix("/audio/"))
            assert clip is not None and (out / clip.path).stat().st_size == clip.bytes
        assert not list((out / ".temp-audio").glob("*.part"))
        # With room again, a rerun makes exactly what is missing.
        subprocess.run(["mount", "-o", "remount,size=20m", str(out)], check=True)
        again = _run(project, "--json")
        assert again.returncode == 0, again.stderr
        assert json.loads(again.stdout)["generated"] == len(TEXTS) - len(store)
        assert all(_urls(project / "data"))


def test_a_read_only_out_dir_stops_before_anything_is_synthesized(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    out = tmp_path / "p/public/audio"
    before = (project / "data/grammar.json").read_bytes()
    with tmpfs(out, "1m"):
        read_only(out)
        done = _run(project)
        assert done.returncode == 3, done.stderr
        (line,) = done.stderr.strip().splitlines()
        assert line.startswith("error: ") and "read-only" in line, line
        assert "public/audio" in line and "nothing was synthesized" in line
        assert not (project / "calls.jsonl").exists(), "no clip was synthesized (or billed)"
        assert (project / "data/grammar.json").read_bytes() == before


def test_a_read_only_data_dir_stops_before_anything_is_synthesized(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    fault_provider.write_config(project, log=str(project / "calls.jsonl"))
    with tmpfs(project / "data", "1m") as data:
        fault_provider.write_grammar(data, TEXTS)
        read_only(data)
        done = _run(project)
        assert done.returncode == 3, done.stderr
        (line,) = done.stderr.strip().splitlines()
        assert line.startswith("error: ") and "/p/data: the file system is read-only" in line
        assert not (project / "calls.jsonl").exists()
        assert not (project / "public/audio/grammar").exists() or not any(
            (project / "public/audio/grammar").iterdir()
        )


def test_a_read_only_working_directory_does_not_matter(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    with tmpfs(tmp_path / "cwd", "1m") as cwd:
        read_only(cwd)
        done = _run(
            cwd,
            "--data-dir",
            str(project / "data"),
            "--out-dir",
            str(project / "public/audio"),
            "--config",
            str(project / "tts-assets.toml"),
            "--json",
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["generated"] == len(TEXTS)
        assert all(_urls(project / "data"))
        assert not (project / "public/audio/.temp-audio").exists()


def test_the_staging_folder_is_on_the_out_dirs_file_system(tmp_path: Path) -> None:
    # The project on one file system, the out dir on another: every clip is staged
    # beside it and renamed within one file system (atomic), none copied across.
    project = _project(tmp_path / "p")
    name = uuid.uuid4().hex
    with tmpfs(tmp_path / name, "20m") as out:
        done = _run(project, "--out-dir", str(out), "--json")
        assert done.returncode == 0, done.stderr
        assert os.stat(out).st_dev != os.stat(project).st_dev
        clips = list((out / "grammar").glob("*.mp3"))
        assert len(clips) == len(TEXTS)
        assert {os.stat(c).st_dev for c in clips} == {os.stat(out).st_dev}
        assert not (project / ".temp-audio").exists()


def test_an_unwritable_home_is_named_not_taken_for_a_broken_install(tmp_path: Path) -> None:
    # Kokoro's model is assembled once into a cache under the home folder.
    fault_provider.write_grammar(tmp_path / "p/data", TEXTS[:1])
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME",)}
    env.pop("KOKORO_JA_CACHE", None)
    env.pop("TTS_ASSETS_CACHE_DIR", None)
    with tmpfs(tmp_path / "home", "1m") as home:
        read_only(home)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "tts_assets",
                "generate",
                "--provider",
                "kokoro",
                "--type",
                "grammar",
            ],
            cwd=tmp_path / "p",
            env={**env, "HOME": str(home)},
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 3, done.stderr
    (line,) = [ln for ln in done.stderr.splitlines() if ln.startswith("error: ")]
    assert line.startswith(f"error: {home}/.cache: cannot write the Kokoro model cache there")
    assert "KOKORO_JA_CACHE" in line and "reinstall" not in line
