"""Long texts with the real Kokoro model: pieces made in parallel, the same bytes as in turn."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from tts_assets.commands.generate import generate
from tts_assets.providers import engine, registry
from tts_assets.providers.base import Audio, Speech
from tts_assets.providers.kokoro import KokoroProvider
from tts_assets.settings.config import Settings

pytestmark = pytest.mark.slow

PASSAGE = "今日は雨です。傘を持って出かけました。駅までは十分です。"
"""Three sentences: three pieces, each spoken by its own provider call."""


class OverlapKokoro(KokoroProvider):
    """The real Kokoro provider, counting how many of its calls run at the same moment."""

    lock: ClassVar[threading.Lock] = threading.Lock()
    active: ClassVar[int] = 0
    peak: ClassVar[int] = 0
    calls: ClassVar[int] = 0

    def synthesize_blocking(self, speech: Speech) -> Audio:
        cls = type(self)
        with cls.lock:
            cls.active += 1
            cls.calls += 1
            cls.peak = max(cls.peak, cls.active)
        try:
            return super().synthesize_blocking(speech)
        finally:
            with cls.lock:
                cls.active -= 1


@pytest.fixture
def overlap(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[OverlapKokoro]]:
    # Kokoro runs one inference per physical core; pretend to two, so that a one-core
    # machine tests the same thing.
    monkeypatch.setattr(engine, "physical_cores", lambda: 2)
    # Registered under Kokoro's own name, so the content keys are those of a real run.
    registry.register("kokoro", OverlapKokoro)
    try:
        yield OverlapKokoro
    finally:
        registry.unregister("kokoro")


def _run(root: Path, content: dict[str, object], concurrency: int) -> dict[str, bytes]:
    """Generate `content` ({file name: JSON}) at `concurrency`; the clip files by path."""
    project = root / f"c{concurrency}"
    data = project / "data"
    data.mkdir(parents=True)
    for name, doc in content.items():
        (data / name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = project / "out"
    summary = generate(
        Settings(data_dir=data, out_dir=out, temp_dir=project / ".temp", concurrency=concurrency)
    )
    assert summary.exit_code == 0, summary.failures
    return {
        str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.mp3")) if p.is_file()
    }


def test_pieces_of_one_passage_are_made_side_by_side_and_joined_as_in_turn(
    tmp_path: Path, overlap: type[OverlapKokoro]
) -> None:
    content = {"readings.json": [{"id": "r1", "text": PASSAGE}]}

    overlap.peak = overlap.calls = 0
    in_turn = _run(tmp_path, content, concurrency=1)
    assert (overlap.calls, overlap.peak) == (3, 1)

    overlap.peak = overlap.calls = 0
    side_by_side = _run(tmp_path, content, concurrency=2)
    # One clip, yet two of its pieces were in the model at the same moment.
    assert (overlap.calls, overlap.peak) == (3, 2)

    assert len(in_turn) == 1
    assert side_by_side == in_turn


def test_the_same_texts_give_the_same_bytes_at_any_concurrency(tmp_path: Path) -> None:
    content = {
        "kanji.json": [
            {"id": "k1", "onyomi": ["チョウ"], "kunyomi": ["ひのと", "か.つ"]},
            {"id": "k2", "onyomi": ["ニチ"], "kunyomi": ["ひ"]},
        ],
        "grammar.json": [{"id": "g1", "examples": [{"japanese": "水を飲みます。"}]}],
    }
    one = _run(tmp_path, content, concurrency=1)
    four = _run(tmp_path, content, concurrency=4)
    assert len(one) == 6  # チョウ, ひのと, かつ, ニチ, ひ, and the sentence
    assert four == one
