"""Slow clips for learners: each text's clip stretched to the `slow` tempo, never synthesized.

On the default provider (Kokoro) and espeak-ng: every text gets a slow clip whose URL is
written beside the first's; its speech lasts the normal clip's ÷ the tempo and keeps its
pitch; its word timings are the normal clip's, moved to it; a rerun makes nothing; a new
tempo remakes the slow clips alone, and a paid provider would be billed for none.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.support.markers import needs_espeak_library
from tests.support.pitch import pitch_ratio
from tests.support.project import Project, write_json
from tts_assets.audio.codec import decode
from tts_assets.audio.edges import speech_span
from tts_assets.audio.samples import Audio

pytestmark = pytest.mark.slow

TEMPO = 0.75


def _content(project: Project, words: list[str], sentence: str) -> None:
    write_json(
        project / "data/vocabulary.json",
        [{"word": word, "examples": [{"sentence": sentence}]} for word in words],
    )


def _audio(project: Project, url: str) -> Audio:
    return decode((project / "public" / url.lstrip("/")).read_bytes())


def _speech_s(audio: Audio) -> float:
    """Seconds of speech in `audio` (its padding left out)."""
    samples = np.asarray(audio.samples, dtype=np.float64)
    span = speech_span(samples, audio.sample_rate, -40.0)
    assert span is not None
    return (span[1] - span[0]) / audio.sample_rate


def _pairs(project: Project) -> list[tuple[str, str]]:
    """(URL, slow URL) of every text of the vocabulary."""
    entries: list[dict[str, Any]] = project.read_json("data/vocabulary.json")
    found = []
    for entry in entries:
        found.append((entry["audioUrl"], entry["slowAudioUrl"]))
        found += [(e["audioUrl"], e["slowAudioUrl"]) for e in entry["examples"]]
    return found


def _check(project: Project, tempo: float = TEMPO) -> None:
    clips = {c["path"]: c for c in project.read_json("public/audio/manifest.json")["clips"]}
    for url, slow in _pairs(project):
        assert url != slow
        normal, stretched = _audio(project, url), _audio(project, slow)
        normal_s, slow_s = _speech_s(normal), _speech_s(stretched)
        assert slow_s == pytest.approx(normal_s / tempo, rel=0.05), (url, normal_s, slow_s)
        assert pitch_ratio(normal, stretched) == pytest.approx(1.0, abs=0.05), url
        timed = clips[slow.removeprefix("/audio/")]["timings"]
        first = clips[url.removeprefix("/audio/")]["timings"]
        if "words" in first:
            assert [w["text"] for w in timed["words"]] == [w["text"] for w in first["words"]]
            ends = [0] + [w["end"] for w in timed["words"]]
            for word, before in zip(timed["words"], ends, strict=False):
                assert before <= word["start"] <= word["end"] <= timed_ms(clips, slow)
            later = timed["words"][-1]["end"] > first["words"][-1]["end"]
            assert later == (tempo < 1), (url, tempo)


def timed_ms(clips: dict[str, Any], url: str) -> float:
    return float(clips[url.removeprefix("/audio/")]["duration"]) * 1000 + 1


def test_kokoro_s_clips_get_slow_twins_stretched_not_synthesized(project: Project) -> None:
    _content(project, ["図書館", "雨"], "毎朝、図書館で本を読みます。")
    dry = project.json("generate", "--dry-run", "--slow", str(TEMPO))
    words = "図書館雨毎朝、図書館で本を読みます。"
    assert dry["billable_characters"] <= len(words)  # the slow clips are billed nothing
    summary = project.json("generate", "--slow", str(TEMPO))
    assert summary["generated"] == 6 and summary["failures"] == []
    _check(project)

    before = project.tree()
    assert project.json("generate", "--slow", str(TEMPO))["generated"] == 0
    assert project.tree() == before
    code, out = project.invoke("verify", "--slow", str(TEMPO))
    assert code == 0, out

    # A lost slow clip is made again from its clip, nothing synthesized.
    (_, slow), *_ = _pairs(project)
    (project / "public" / slow.lstrip("/")).unlink()
    summary = project.json("generate", "--slow", str(TEMPO), "--replace-dead-urls")
    assert summary["generated"] == 1

    # Another tempo: the slow clips alone are made again.
    normal = {url for url, _ in _pairs(project)}
    summary = project.json("generate", "--slow", "0.6")
    assert summary["generated"] == 3
    assert {url for url, _ in _pairs(project)} == normal


def test_a_faster_twin_is_the_same_recipe_at_1_25_made_from_the_one_spoken_clip(
    project: Project,
) -> None:
    """A faster twin is a stretched clip at another tempo: no recipe, maker or
    key of its own (`planning.recipes.Stretched`), declared by `slow` for now."""
    _content(project, ["図書館", "雨"], "毎朝、図書館で本を読みます。")
    assert project.json("generate", "--slow", str(TEMPO))["generated"] == 6
    spoken = {url for url, _ in _pairs(project)}
    slower = {slow for _, slow in _pairs(project)}
    dry = project.json("generate", "--dry-run", "--slow", "1.25")
    assert dry["billable_characters"] == 0  # made from the clips stored: nothing sent
    summary = project.json("generate", "--slow", "1.25")
    assert summary["generated"] == 3 and summary["failures"] == []  # the twins alone
    assert {url for url, _ in _pairs(project)} == spoken
    assert not {fast for _, fast in _pairs(project)} & slower  # keyed by its tempo
    _check(project, 1.25)
    clips = {c["path"]: c for c in project.read_json("public/audio/manifest.json")["clips"]}
    for url, fast in _pairs(project):
        own, twin = clips[url.removeprefix("/audio/")], clips[fast.removeprefix("/audio/")]
        assert (twin["provider"], twin["voice"]) == (own["provider"], own["voice"])
    assert project.json("generate", "--slow", "1.25")["generated"] == 0


def test_without_rubber_band_a_run_with_slow_stops_before_making_anything(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    _content(project, ["雨"], "雨です。")
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    before = project.tree(folders=True)
    code, out = project.invoke("generate", "--slow", str(TEMPO))
    assert code == 2 and out.count("\n") == 1 and "Traceback" not in out
    assert "slow clips need Rubber Band's program: apt-get install rubberband-cli" in out
    assert project.tree(folders=True) == before
    assert os.environ["PATH"]


@needs_espeak_library
def test_espeak_s_clips_get_slow_twins(project: Project) -> None:
    _content(project, ["library"], "I read a book in the library every morning.")
    summary = project.json("generate", "--lang", "en", "--provider", "espeak", "--slow", str(TEMPO))
    assert summary["generated"] == 4 and summary["failures"] == []
    _check(project)


def _shas(project: Project) -> dict[str, str]:
    return {
        c["path"]: c["sha256"] for c in project.read_json("public/audio/manifest.json")["clips"]
    }


def _fake_rubberband(folder: Path, real: str) -> Path:
    """A `rubberband` that says it started, waits for the gate file, then is the real one:
    the test stops the run while a stretch is under way (a fault injected, nothing faked
    of the stretch itself)."""
    folder.mkdir()
    script = folder / "rubberband"
    script.write_text(
        "#!/bin/sh\n"
        f'touch "{folder}/started"\n'
        f'while [ ! -e "{folder}/gate" ]; do sleep 0.05; done\n'
        f'exec "{real}" "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return folder


def test_ctrl_c_while_slow_clips_are_made_keeps_the_clips_and_a_rerun_makes_the_rest(
    project: Project, tmp_path: Path
) -> None:
    real = shutil.which("rubberband")
    assert real is not None, "apt-get install rubberband-cli"
    _content(project, ["雨"], "毎朝、図書館で本を読みます。")
    fake = _fake_rubberband(tmp_path / "fake", real)
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.Popen(
        [sys.executable, "-m", "tts_assets", "generate", "--slow", str(TEMPO), "--json"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 300
        while not (fake / "started").exists():  # the clips are made; a stretch waits
            assert run.poll() is None and time.monotonic() < deadline, run.stderr
            time.sleep(0.05)
        run.send_signal(signal.SIGINT)
        _, err = run.communicate(timeout=60)
    finally:
        (fake / "gate").touch()  # the abandoned stretch may finish: it is never stored
        if run.poll() is None:
            run.kill()
    assert run.returncode == 130, err
    assert "Traceback" not in err
    entries = project.read_json("data/vocabulary.json")
    assert entries[0]["audioUrl"] and entries[0]["examples"][0]["audioUrl"]  # written back
    assert "slowAudioUrl" not in entries[0]
    made = {
        c["path"]: c["sha256"] for c in project.read_json("public/audio/manifest.json")["clips"]
    }
    assert len(made) == 2

    # The rerun stretches the two clips, synthesizes nothing.
    summary = project.json("generate", "--slow", str(TEMPO))
    assert summary["generated"] == 2
    after = {
        c["path"]: c["sha256"] for c in project.read_json("public/audio/manifest.json")["clips"]
    }
    assert all(after[path] == sha for path, sha in made.items()) and len(after) == 4
    _check(project)


def test_slow_clips_of_a_sharded_run_are_merged_with_their_clips(project: Project) -> None:
    _content(project, ["雨", "図書館", "学校"], "毎朝、図書館で本を読みます。")
    for shard in ("1/2", "2/2"):
        project.json("generate", "--slow", str(TEMPO), "--shard", shard)
    code, out = project.invoke("merge", "public/audio", "shards/1", "shards/2")
    assert code == 0, out
    summary = project.json("generate", "--slow", str(TEMPO))
    assert summary["generated"] == 0  # every clip, slow ones too, came from the shards
    _check(project)
    code, out = project.invoke("verify", "--slow", str(TEMPO))
    assert code == 0, out
