"""SIGKILL at random moments: nothing is lost or half-written, and a rerun finishes the job.

The runs use espeak-ng, a real provider (the packaged espeak-ng library, or a real
synthesizer process per clip without it; the real audio pipeline and store), because it
is deterministic and fast: a run over the small copy of the sample content below takes a
few seconds, most of it importing the audio
stack, so ten kills and ten reruns fit in the slow suite. Kokoro would load its model in
every process and spend far longer per clip, for no extra coverage of crash safety.

Each trial starts from a fresh copy of the content and kills the run at a seeded random
moment in its own tenth of a clean run's duration (stratified: the ten moments cover
start-up, synthesis, manifest writes and write-back). After each kill every file must be
whole; after a plain rerun the result must equal the clean run byte for byte.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import soundfile as sf
from typer.testing import CliRunner

from tests.support import fault_provider
from tests.support.manifests import is_database, read_manifest
from tests.support.markers import needs_espeak
from tests.support.project import Project, tree
from tests.support.sample import sample_text
from tts_assets.cli.app import app
from tts_assets.store import files as fsutil
from tts_assets.store.database import DATABASE_NAME
from tts_assets.store.manifest import Store

SEED = 20261121
KILLS = 10
URL_PREFIX = "/audio/"


KANA = {
    "夏休みに海へ行きたいです。": "なつやすみにうみへいきたいです。",
    "今日は何も食べたくないです。": "きょうはなにもたべたくないです。",
    "この部屋で写真を撮ってもいいですか。": "このへやでしゃしんをとってもいいですか。",
    "疲れたら休んでもいいですよ。": "つかれたらやすんでもいいですよ。",
    "水": "みず",
    "この水はとても冷たいです。": "このみずはとてもつめたいです。",
    "本": "ほん",
    "図書館で本を三冊借りました。": "としょかんでほんをさんさつかりました。",
}
"""The texts of `_small_sample` in kana: espeak-ng's Japanese voice reads no kanji."""


def _small_sample(root: Path) -> None:
    """Two entries of grammar and two of vocabulary from the sample content, their texts
    in kana: 8 texts."""
    (root / "data").mkdir(parents=True)
    for name, n in (("grammar.json", 2), ("vocabulary.json", 2)):
        entries = json.loads(sample_text(name))[:n]
        text = json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
        for written, kana in KANA.items():
            text = text.replace(f'"{written}"', f'"{kana}"')
        (root / "data" / name).write_text(text, encoding="utf-8")


def _command() -> list[str]:
    return [sys.executable, "-m", "tts_assets", "generate", "--provider", "espeak"]


def _held_command(gate: Path, after: int) -> list[str]:
    """`_command()` whose clips after the first `after` wait for `gate` (real espeak clips)."""
    return [*fault_provider.held_driver("espeak", gate, after), *_command()[3:]]


def _made_clips(root: Path) -> int:
    """The clip files in place in the out dir (not the staging folder's)."""
    out = root / "public/audio"
    return sum(".temp-audio" not in p.parts for p in out.rglob("*.mp3")) if out.exists() else 0


def _made(root: Path, clips: int) -> bool:
    return _made_clips(root) >= clips


def _env(root: Path) -> dict[str, str]:
    # A private TMPDIR shows whatever a killed run leaves in the system temp folder.
    (root / "tmp").mkdir(exist_ok=True)
    env = fault_provider.driver_env()  # tests.support importable (the held command)
    return {**env, "TMPDIR": str(root / "tmp"), "TTS_ASSETS_CONCURRENCY": "2"}


def _result(root: Path) -> dict[str, bytes]:
    """The files a run is about: the content and the out dir, by path from `root` (a
    database manifest as what it holds: its file's pages are not the same twice)."""
    found = {f"data/{k}": v for k, v in tree(root / "data").items()} | {
        f"public/{k}": v for k, v in tree(root / "public").items()
    }
    out = root / "public/audio"
    if is_database(out):
        del found[f"public/audio/{DATABASE_NAME}"]
        found["public/audio/manifest.json"] = json.dumps(read_manifest(out)).encode()
    return found


def _without_urls(value: Any) -> Any:
    """`value` with every URL this tool writes removed (and lists of only URLs/nulls)."""
    if isinstance(value, dict):
        return {k: _without_urls(v) for k, v in value.items() if not _is_url(v)}
    if isinstance(value, list):
        return [_without_urls(v) for v in value]
    return value


def _is_url(value: Any) -> bool:
    if isinstance(value, str):
        return value.startswith(URL_PREFIX)
    if isinstance(value, list) and value:
        return all(v is None or (isinstance(v, str) and v.startswith(URL_PREFIX)) for v in value)
    return False


def _check_after_kill(root: Path, original: dict[str, bytes], clean: dict[str, bytes]) -> int:
    """Assert the crash invariants; returns how many clips the killed run left."""
    data = tree(root / "data")
    assert set(data) == set(original), "the data folder holds a file the run left behind"
    for name, raw in data.items():
        doc = json.loads(raw)  # parses
        assert _without_urls(doc) == json.loads(original[name]), f"{name} changed beyond URLs"
        # A JSON file is written once per run, whole: it is the original or the final one.
        assert raw in (original[name], clean[f"data/{name}"]), name

    out = root / "public/audio"
    manifest: dict[str, dict[str, Any]] = {}
    if (out / "manifest.json").exists():
        manifest = {c["path"]: c for c in read_manifest(out)["clips"]}
    clips = 0
    for rel, raw in tree(out).items() if out.exists() else []:
        if rel.startswith(("manifest.json", DATABASE_NAME, ".temp-audio/")):
            # The manifest (a database: with its journal, which its next open rolls back);
            # staging: the half files a kill leaves, which the next run removes.
            continue
        assert rel.endswith(".mp3"), f"unexpected file in the out dir: {rel}"
        frames, rate = sf.read(str(out / rel), dtype="float32")  # decodes fully
        assert len(frames) > rate * 0.1, rel
        # Renamed into place only when complete: the bytes are the clean run's bytes.
        assert raw == clean[f"public/audio/{rel}"], rel
        if rel in manifest:
            assert manifest[rel]["bytes"] == len(raw)
            assert manifest[rel]["sha256"] == hashlib.sha256(raw).hexdigest()
        clips += 1
    for rel in manifest:  # the manifest lists only files that exist
        assert (out / rel).is_file(), rel
    return clips


@pytest.mark.slow
@needs_espeak
def test_sigkill_at_random_moments_loses_nothing_and_a_rerun_equals_a_clean_run(
    tmp_path: Path,
) -> None:
    reference = tmp_path / "clean"
    _small_sample(reference)
    original = tree(reference / "data")
    started = time.monotonic()
    done = subprocess.run(_command(), cwd=reference, env=_env(reference), capture_output=True)
    duration = time.monotonic() - started
    assert done.returncode == 0, done.stderr.decode()
    clean = _result(reference)
    assert sum(k.endswith(".mp3") for k in clean) == 8
    assert not (reference / "public/audio/.temp-audio").exists()

    rng = random.Random(SEED)
    moments = [(i + rng.random()) * duration / KILLS for i in range(KILLS)]
    left = []
    # The last trial (None): killed once four clips are made, the rest held.
    trials: list[float | None] = [*moments, None]
    for n, moment in enumerate(trials):
        root = tmp_path / f"trial{n}"
        _small_sample(root)
        gate = root / "never"  # never created: the held trial's fifth clip waits for ever
        proc = subprocess.Popen(
            _command() if moment is not None else _held_command(gate, 4),
            cwd=root,
            env=_env(root),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if moment is None:
            fault_provider.wait_until(partial(_made, root, 4), proc)
        else:
            time.sleep(moment)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        left.append(_check_after_kill(root, original, clean))
        # Synthesizer scratch files live in .temp-audio/ too, never in the system temp.
        # (onnxruntime, which the readings analyzer imports, marks the system temp folder
        # with one `.ses` file on import; it is its own, not a run's leftover.)
        assert not [p for p in (root / "tmp").iterdir() if p.name != ".ses"]

        rerun = subprocess.run(_command(), cwd=root, env=_env(root), capture_output=True)
        assert rerun.returncode == 0, rerun.stderr.decode()
        assert _result(root) == clean, f"trial {n}"
        assert not (root / "public/audio/.temp-audio").exists()
    print(f"clean run {duration:.2f} s; kills at {[round(m, 2) for m in moments]} s left {left}")
    # The kills hit the middle of the work, not only start-up and the end: the held trial
    # always does (its four clips, kept whole), whatever the machine's load.
    assert left[-1] == 4, left


@pytest.fixture
def project(project: Project, fault: None) -> Project:
    """A project using the fault provider (healthy), as the working directory."""
    fault_provider.write_grammar(project / "data", [f"{c}を見ます。" for c in "山川海空花"])
    fault_provider.write_config(project)
    return project


def test_every_write_is_staged_in_temp_audio_never_beside_the_content(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    renames: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        renames.append((Path(src).resolve(), Path(dst).resolve()))
        real_replace(src, dst)

    real_exchange = fsutil.exchange

    def exchange(a: Path, b: Path) -> None:
        # Content files are swapped in (check-then-swap), not renamed over.
        renames.append((Path(a).resolve(), Path(b).resolve()))
        real_exchange(a, b)

    monkeypatch.setattr(fsutil.os, "replace", replace)
    monkeypatch.setattr(fsutil, "exchange", exchange)
    result = CliRunner().invoke(app, ["generate", "--provider", "fault", "--type", "grammar"])
    assert result.exit_code == 0, result.output
    staging = (project / "public/audio/.temp-audio").resolve()
    # The project's renames: os.replace is the process's, and a thread another test left
    # (a server, a pool) may rename its own files elsewhere meanwhile (the cache folder).
    renames = [(src, dst) for src, dst in renames if dst.is_relative_to(project.resolve())]
    targets = {dst.relative_to(project.resolve()).parts[0] for _, dst in renames}
    assert targets == {"data", "public"}
    # Clips, the manifest and the JSON all come from the out dir's .temp-audio: a kill
    # between writing and renaming leaves its half file there, never in data/ or beside
    # a clip.
    assert all(src.parent == staging for src, _ in renames), renames
    names = sorted(dst.suffix or dst.name for _, dst in renames)
    assert names.count(".mp3") == 5 and names.count(".json") >= 2  # manifest and grammar
    assert not staging.exists()


@pytest.mark.slow
def test_a_rerun_removes_what_killed_runs_left_in_temp_audio(project: Project) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        staging = project / "public/audio/.temp-audio"
        staging.mkdir(parents=True)
        (staging / f"{dead.pid}-0123.part").write_bytes(b"half a clip")
        scratch = staging / f"{dead.pid}-espeak-x1y2.scratch"
        scratch.mkdir()
        (scratch / "clip.wav").write_bytes(b"RIFF")
        live = staging / f"{alive.pid}-4567.part"
        live.write_bytes(b"another run is writing this")
        mine = staging / f"{dead.pid}-not-ours"  # not a name tts-assets makes: kept
        mine.mkdir()
        result = CliRunner().invoke(app, ["generate", "--provider", "fault", "--type", "grammar"])
        assert result.exit_code == 0, result.output
        # The live run's file and the folder not of its making stay, git told to ignore them.
        left = sorted([live.name, mine.name, ".gitignore"])
        assert sorted(p.name for p in staging.iterdir()) == left
    finally:
        alive.kill()
        alive.wait()


def test_a_staging_folder_on_another_file_system_falls_back_to_beside_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staging = tmp_path / "staging"
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(src).parent == staging:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_replace(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", replace)
    target = tmp_path / "content/grammar.json"
    target.parent.mkdir()
    target.write_bytes(b"old")
    Store(tmp_path / "out", staging).write(target, b"new")
    assert target.read_bytes() == b"new"
    assert list(staging.iterdir()) == []
    assert [p.name for p in target.parent.iterdir()] == ["grammar.json"]
