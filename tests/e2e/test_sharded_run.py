"""A run split over 3 shards, then merged, equals one unsharded run byte for byte.

Real commands in separate processes, as CI machines run them: `tts-assets generate
--shard K/3 --shard-dir shards/K --provider espeak` (espeak is a real, deterministic
synthesizer, and fast), `tts-assets merge public/audio shards/1 shards/2 shards/3`, and
a final plain `tts-assets generate` that finds every clip present and writes the URLs
back.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support import fault_provider
from tests.support.markers import needs_espeak
from tests.support.project import tree
from tts_assets.planning.course import prepare
from tts_assets.planning.shard import Shard
from tts_assets.settings.config import Settings
from tts_assets.store import lock
from tts_assets.store.manifest import MANIFEST_NAME, Store, sha256

pytestmark = [
    pytest.mark.slow,
    needs_espeak,
]

TEXTS = [
    # Kana: espeak-ng's Japanese voice reads no kanji (such a clip fails).
    *(f"{w}をみました。" for w in ("やま", "かわ", "うみ", "そら", "はな", "ほん", "えき", "あめ")),
    *("やま", "かわ", "うみ", "そら", "はな"),
    "きょうはとてもよいてんきですね。あしたもはれるでしょうか。",
    "やま",  # a repeat: one clip for two entries
    "まいにちにほんごをべんきょうしています。えきのまえでともだちにあいました。",
]
N = 3
OUT = "public/audio"


def _write(data: Path, texts: list[str]) -> None:
    data.mkdir(parents=True, exist_ok=True)
    entries = [{"id": f"g{n}", "examples": [{"japanese": t}]} for n, t in enumerate(texts)]
    text = json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
    (data / "grammar.json").write_text(text, encoding="utf-8")


def _cli(root: Path, *args: str) -> subprocess.Popen[str]:
    """`tts-assets ARGS` in `root`, as a CI step runs it (one worker, as one of N
    instances on a machine would have)."""
    env = {**os.environ, "TTS_ASSETS_BATCH_MODE": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "tts_assets", *args],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _generate(root: Path, *args: str) -> subprocess.Popen[str]:
    return _cli(root, "generate", "--provider", "espeak", "--json", *args)


def _shard(root: Path, shard: Shard) -> subprocess.Popen[str]:
    return _generate(root, "--shard", str(shard), "--shard-dir", f"shards/{shard.index}")


def _merge(root: Path, *folders: str) -> subprocess.CompletedProcess[str]:
    proc = _cli(root, "merge", OUT, *folders, "--json")
    out, err = proc.communicate()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _summary(proc: subprocess.Popen[str]) -> dict[str, Any]:
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    summary: dict[str, Any] = json.loads(out)
    return summary


def _share(root: Path, shard: Shard) -> int:
    """How many clips are shard `shard`'s, split over every clip the content needs."""
    settings = Settings(provider="espeak", data_dir=root / "data", out_dir=root / OUT)
    return len(shard.keys(prepare(settings).plan.clips))


def _result(root: Path) -> dict[str, bytes]:
    """What a run is about: the content and the out dir (clips and manifest)."""
    return {f"data/{k}": v for k, v in tree(root / "data").items()} | {
        f"{OUT}/{k}": v for k, v in tree(root / OUT).items()
    }


@pytest.fixture(scope="module")
def unsharded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("unsharded")
    _write(root / "data", TEXTS)
    summary = _summary(_generate(root))
    assert summary["generated"] == len(set(TEXTS)) and summary["shard"] is None
    return _result(root)


def _finish(root: Path, folders: list[str], copied: int = len(set(TEXTS))) -> dict[str, bytes]:
    """`tts-assets merge` (`copied` clips), then the final generate that writes the URLs
    back."""
    merged = _merge(root, *folders)
    assert merged.returncode == 0, merged.stderr
    report = json.loads(merged.stdout)
    assert report["copied"] == copied and report["present"] == 0, report
    final = _summary(_generate(root))
    assert final["generated"] == 0 and final["present"] == len(set(TEXTS))
    assert final["written"] == [str(Path("data/grammar.json"))]
    return _result(root)


def test_three_shards_at_once_then_merged_equal_one_run(
    tmp_path: Path, unsharded: dict[str, bytes]
) -> None:
    _write(tmp_path / "data", TEXTS)
    original = tree(tmp_path)
    shards = [Shard(k, N) for k in range(1, N + 1)]
    # A shard locks only its own folder: with the data dir and the out dir held (here by
    # the test, as a run writing them would), the three shards still run, all at once.
    with lock.locked([tmp_path / "data", tmp_path / OUT]):
        procs = [_shard(tmp_path, s) for s in shards]
        summaries = [_summary(p) for p in procs]
    made = [s["generated"] for s in summaries]
    assert made == [_share(tmp_path, s) for s in shards] and all(made), made
    assert sum(made) == len(set(TEXTS))
    assert [s["shard"] for s in summaries] == ["1/3", "2/3", "3/3"]
    assert [s["other_shards"] for s in summaries] == [len(set(TEXTS)) - m for m in made]
    assert all(s["written"] == [] for s in summaries)
    # The shards wrote no JSON, nothing in the out dir: nothing outside their folders.
    assert {k: v for k, v in tree(tmp_path).items() if not k.startswith("shards/")} == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "public", "shards"]
    assert not any((tmp_path / OUT).iterdir())
    result = _finish(tmp_path, [f"shards/{s.index}" for s in shards])
    assert result == unsharded
    # Merging again changes nothing.
    again = _merge(tmp_path, *(f"shards/{s.index}" for s in shards))
    assert again.returncode == 0 and json.loads(again.stdout)["copied"] == 0
    assert _result(tmp_path) == unsharded


def test_shards_only_read_an_out_dir_that_holds_part_of_the_clips(
    tmp_path: Path, unsharded: dict[str, bytes]
) -> None:
    """Clips made before (here: a run over the first half of the content) are neither
    made again nor touched; the shards make the rest, and the end is the same."""
    half = TEXTS[: len(TEXTS) // 2]
    _write(tmp_path / "data", half)
    first = _summary(_generate(tmp_path))
    _write(tmp_path / "data", TEXTS)
    before = tree(tmp_path / OUT)
    summaries = [_summary(p) for p in [_shard(tmp_path, Shard(k, N)) for k in range(1, N + 1)]]
    made = len(set(TEXTS)) - first["generated"]
    assert sum(s["generated"] for s in summaries) == made
    assert all(s["present"] == first["generated"] for s in summaries)
    assert tree(tmp_path / OUT) == before
    assert _finish(tmp_path, [f"shards/{k}" for k in range(1, N + 1)], made) == unsharded


def test_a_killed_shard_rerun_makes_only_its_missing_clips(
    tmp_path: Path, unsharded: dict[str, bytes]
) -> None:
    _write(tmp_path / "data", TEXTS)
    shards = [Shard(k, N) for k in range(1, N + 1)]
    for s in shards[:2]:
        _summary(_shard(tmp_path, s))
    victim = shards[2]
    folder = tmp_path / f"shards/{victim.index}"
    # Killed once its first clip is recorded: its second waits for a gate that never opens.
    held = fault_provider.held_driver("espeak", tmp_path / "never", 1)
    argv = ["generate", "--provider", "espeak", "--json", "--shard", str(victim)]
    proc = subprocess.Popen(
        [*held, *argv, "--shard-dir", f"shards/{victim.index}"],
        cwd=tmp_path,
        env={**fault_provider.driver_env(), "TTS_ASSETS_BATCH_MODE": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # The manifest is written after the first clip.
    fault_provider.wait_until(lambda: (folder / MANIFEST_NAME).exists(), proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    kept = len(Store(folder, tmp_path / ".temp-audio"))
    share = _share(tmp_path, victim)
    assert kept == 1 < share

    rerun = _summary(_shard(tmp_path, victim))
    assert rerun["present"] == kept
    assert rerun["generated"] == share - kept
    assert not (folder / ".temp-audio").exists(), "the killed shard's leftovers stay"
    result = _finish(tmp_path, [f"shards/{s.index}" for s in shards])
    assert result == unsharded


def _remade(folder: Path, rel_path: str, data: bytes) -> None:
    """`folder`'s clip `rel_path` replaced by other valid bytes, its manifest entry to
    match: what a shard of another run (other settings, another tool version) holds."""
    (folder / rel_path).write_bytes(data)
    doc = json.loads((folder / MANIFEST_NAME).read_bytes())
    (entry,) = [c for c in doc["clips"] if c["path"] == rel_path]
    entry.update(bytes=len(data), sha256=sha256(data))
    (folder / MANIFEST_NAME).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def test_a_conflicting_merge_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    _write(tmp_path / "data", TEXTS)
    for proc in [_shard(tmp_path, Shard(k, 2)) for k in (1, 2)]:
        _summary(proc)
    merged = _merge(tmp_path, "shards/1", "shards/2")
    assert merged.returncode == 0, merged.stderr
    # A folder from another run: one clip of shard 1's path holds another clip's sound.
    shutil.copytree(tmp_path / "shards/1", tmp_path / "other")
    one, *rest = Store(tmp_path / "other", tmp_path / ".temp-audio")
    # (espeak says some texts alike: another clip with other bytes)
    two = next(c for c in rest if c.sha256 != one.sha256)
    _remade(tmp_path / "other", one.path, (tmp_path / "other" / two.path).read_bytes())
    before = tree(tmp_path)

    against_out = _merge(tmp_path, "other")
    against_shard = _merge(tmp_path, "shards/1", "other")
    for refused, first in ((against_out, OUT), (against_shard, "shards/1")):
        assert refused.returncode == 2
        # --json: the one object every command prints, here the error (stderr has the line).
        assert json.loads(refused.stdout)["exit_code"] == 2
        (line,) = refused.stderr.splitlines()
        assert line.startswith(f"error: {one.path}: {first} and other hold different clips")
        assert "nothing was merged" in line
    assert tree(tmp_path) == before
