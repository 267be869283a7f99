"""A run split over 3 shards, then merged, equals one unsharded run byte for byte.

Real runs: `tts-assets generate --provider espeak` in separate processes (espeak is a
real, deterministic synthesizer, and fast), the split of `tts_assets.shard`, the merge of
`tts_assets.merge`, and a final plain `generate` that writes the URLs back.

`generate --shard K/N` is wired into the run in the next round; until then `_run_shard`
gives each shard's process only the entries of its share (one text per entry here), which
is what the flag will select from the whole content. When the flag exists, `_run_shard`
becomes `generate --shard K/3 --shard-dir shards/K` on the whole content, and the rest
of this file stays as it is.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tts_assets.config import Settings
from tts_assets.merge import merge
from tts_assets.prepare import prepare
from tts_assets.shard import Shard
from tts_assets.store import MANIFEST_NAME, Store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"),
]

TEXTS = [
    *(f"{w}を見ました。" for w in "山川海空花本駅雨"),
    *("やま", "かわ", "うみ", "そら", "はな"),
    "今日はとても良い天気ですね。明日も晴れるでしょうか。",
    "やま",  # a repeat: one clip for two entries
    "毎日日本語を勉強しています。駅の前で友達に会いました。",
]
N = 3


def _write(data: Path, texts: list[str]) -> None:
    data.mkdir(parents=True, exist_ok=True)
    entries = [{"id": f"g{n}", "examples": [{"japanese": t}]} for n, t in enumerate(texts)]
    text = json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
    (data / "grammar.json").write_text(text, encoding="utf-8")


def _generate(root: Path, *args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tts_assets", "generate", "--provider", "espeak"]
    env = {**os.environ, "TTS_ASSETS_BATCH_MODE": "1"}
    return subprocess.Popen(
        [*command, "--json", *args], cwd=root, env=env, stdout=subprocess.PIPE, text=True
    )


def _summary(proc: subprocess.Popen[str]) -> dict[str, Any]:
    out, _ = proc.communicate()
    summary: dict[str, Any] = json.loads(out)
    assert proc.returncode == 0, summary
    return summary


def _share(root: Path, shard: Shard) -> list[str]:
    """The texts of `shard`'s clips, split over every clip the content needs."""
    settings = Settings(provider="espeak", data_dir=root / "data", out_dir=root / "public/audio")
    plan = prepare(settings).plan
    mine = shard.keys(plan.clips)
    return [c.spoken for c in plan.clips if c.key in mine]


def _run_shard(root: Path, shard: Shard) -> subprocess.Popen[str]:
    """Start shard `shard`'s run into `shards/K` (see the module docstring)."""
    mine = set(_share(root, shard))
    _write(root / f"shard-data/{shard.index}", [t for t in TEXTS if t in mine])
    return _generate(
        root,
        "--data-dir",
        f"shard-data/{shard.index}",
        "--out-dir",
        f"shards/{shard.index}",
        "--no-update-json",
    )


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _result(root: Path) -> dict[str, bytes]:
    """What a run is about: the content and the out dir."""
    return {f"data/{k}": v for k, v in _tree(root / "data").items()} | {
        f"public/audio/{k}": v for k, v in _tree(root / "public/audio").items()
    }


@pytest.fixture(scope="module")
def unsharded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("unsharded")
    _write(root / "data", TEXTS)
    summary = _summary(_generate(root))
    assert summary["generated"] == len(set(TEXTS))
    return _result(root)


def _finish(root: Path, shards: list[Path]) -> dict[str, bytes]:
    """Merge the shard folders, then the final generate writes the URLs back."""
    report = merge(root / "public/audio", shards)
    assert report.copied == len(set(TEXTS))
    final = _summary(_generate(root))
    assert final["generated"] == 0 and final["present"] == len(set(TEXTS))
    assert final["written"] == [str(Path("data/grammar.json"))]
    return _result(root)


def test_three_shards_as_processes_then_merged_equal_one_run(
    tmp_path: Path, unsharded: dict[str, bytes]
) -> None:
    _write(tmp_path / "data", TEXTS)
    shards = [Shard(k, N) for k in range(1, N + 1)]
    procs = [_run_shard(tmp_path, s) for s in shards]  # all three at once
    made = [_summary(p)["generated"] for p in procs]
    assert sum(made) == len(set(TEXTS)) and all(made), made
    # The shards wrote no JSON.
    _write(tmp_path / "original", TEXTS)
    assert (tmp_path / "data/grammar.json").read_bytes() == (
        tmp_path / "original/grammar.json"
    ).read_bytes()
    result = _finish(tmp_path, [tmp_path / f"shards/{s.index}" for s in shards])
    assert result == unsharded


def test_a_killed_shard_rerun_makes_only_its_missing_clips(
    tmp_path: Path, unsharded: dict[str, bytes]
) -> None:
    _write(tmp_path / "data", TEXTS)
    shards = [Shard(k, N) for k in range(1, N + 1)]
    for s in shards[:2]:
        _summary(_run_shard(tmp_path, s))
    victim = shards[2]
    folder = tmp_path / f"shards/{victim.index}"
    proc = _run_shard(tmp_path, victim)
    deadline = time.monotonic() + 120
    while not (folder / MANIFEST_NAME).exists():  # written after the first clip
        assert proc.poll() is None and time.monotonic() < deadline, "the shard ended first"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    kept = len(Store(folder, tmp_path / ".temp-audio"))
    share = len(_share(tmp_path, victim))
    assert 1 <= kept < share

    rerun = _summary(_run_shard(tmp_path, victim))
    assert rerun["present"] == kept
    assert rerun["generated"] == share - kept
    result = _finish(tmp_path, [tmp_path / f"shards/{s.index}" for s in shards])
    assert result == unsharded
