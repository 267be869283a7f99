"""The listening pass over a store: kept verdicts are not heard again, what cannot be judged
is not checked, and verdicts are recorded only on the bytes heard.

Whisper itself is replaced by an ear that reports what it is asked (the real model is
heard in tests/e2e/test_listening.py).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import soundfile

from tts_assets.languages import Lang
from tts_assets.listening.ear import Ear, Hearing
from tts_assets.listening.judged import Subject
from tts_assets.listening.listen import listen, record
from tts_assets.store.manifest import Store, StoredClip, sha256


class Scripted(Ear):
    """An ear that hears what it is told to, and counts the clips it heard."""

    def __init__(self, says: dict[str, str]) -> None:
        self.says = says
        self.asked: list[tuple[str, ...]] = []

    def hear(self, samples: Any, lang: Lang, meant: Sequence[str], **_: Any) -> Hearing:
        self.asked.append(tuple(meant))
        return Hearing(self.says.get(meant[0], meant[0]), -0.2, lang.code, 0.99)


def _wav(seconds: float, pitch: float) -> bytes:
    t = np.arange(int(24_000 * seconds)) / 24_000
    out = io.BytesIO()
    soundfile.write(
        out,
        (0.3 * np.sin(2 * np.pi * pitch * t)).astype("float32"),
        24_000,
        format="WAV",
        subtype="PCM_16",
    )
    return out.getvalue()


def _store(tmp_path: Path, texts: dict[str, str]) -> Store:
    store = Store(tmp_path / "out", tmp_path / "out/.temp-audio")
    for index, (path, text) in enumerate(texts.items()):
        data = _wav(2.0, 200 + 50 * index)
        clip = StoredClip("k", path, text, "piper", "joe", 2.0, len(data), sha256(data), "en")
        store.put(path, data, clip)
    store.flush()
    return store


def subjects(store: Store) -> list[Subject]:
    return [Subject.of(entry) for entry in store]


TEXTS = {
    "grammar/a.wav": "I drink coffee every morning.",
    "grammar/b.wav": "Please turn left at the station.",
    "vocabulary/c.wav": "I drink coffee every morning.",
}


def test_each_clip_is_heard_once_and_a_wrong_one_flagged(tmp_path: Path) -> None:
    store = _store(tmp_path, TEXTS)
    ear = Scripted({"Please turn left at the station.": "The station is closed today."})
    done = listen(store, subjects(store), ear=ear, workers=1)
    assert done.results["grammar/a.wav"].verdict == "ok"
    flagged = done.results["grammar/b.wav"]
    assert flagged.verdict == "flagged" and flagged.heard == "The station is closed today."
    assert done.heard == len(ear.asked) == 3  # distinct bytes: each heard
    assert done.counts == {"ok": 2, "flagged": 1, "not checked": 0}


def test_a_kept_verdict_is_not_heard_again_until_the_bytes_change(tmp_path: Path) -> None:
    store = _store(tmp_path, TEXTS)
    first = listen(store, subjects(store), ear=Scripted({}), workers=1)
    assert record(store, first) == 3
    store.flush()

    again = Store(store.out_dir, store.temp_dir)  # what the next run reads
    ear = Scripted({})
    second = listen(again, subjects(again), ear=ear, workers=1)
    assert ear.asked == [] and second.heard == 0 and second.kept == 3
    assert second.results == first.results

    data = _wav(2.0, 900)  # another clip under the same path (its entry fixed to match)
    (store.out_dir / "grammar/b.wav").write_bytes(data)
    entry = again.get("grammar/b.wav")
    assert entry is not None
    again.replace(StoredClip(**{**entry.__dict__, "sha256": sha256(data), "bytes": len(data)}))
    third = listen(again, subjects(again), ear=ear, workers=1)
    assert third.heard == 1 and third.kept == 2


def test_what_cannot_be_judged_is_not_heard(tmp_path: Path) -> None:
    store = _store(tmp_path, {"vocabulary/w.wav": "Water."})
    ear = Scripted({})
    done = listen(store, subjects(store), ear=ear, workers=1)
    assert ear.asked == []
    assert done.counts["not checked"] == 1
    assert "too short" in done.results["vocabulary/w.wav"].why
    assert record(store, done) == 0  # nothing heard, nothing kept


def test_a_file_unlike_its_entry_is_not_judged_and_not_recorded(tmp_path: Path) -> None:
    store = _store(tmp_path, TEXTS)
    (store.out_dir / "grammar/a.wav").write_bytes(_wav(2.0, 700))
    done = listen(store, subjects(store), ear=Scripted({}), workers=2)
    assert done.results["grammar/a.wav"].verdict == "not checked"
    assert "not the one the manifest records" in done.results["grammar/a.wav"].why
    assert record(store, done) == 2


def test_a_verdict_another_model_reached_is_heard_again(tmp_path: Path) -> None:
    store = _store(tmp_path, TEXTS)
    assert record(store, listen(store, subjects(store), ear=Scripted({}), workers=1)) == 3
    bigger = Scripted({})
    bigger.identity = "whisper-small-3e305921506d"
    again = listen(store, subjects(store), ear=bigger, workers=1)
    assert again.kept == 0 and again.heard == 3
    assert record(store, again) == 3
    entry = store.get("grammar/a.wav")
    assert entry is not None and entry.listened is not None
    assert entry.listened["by"].startswith("whisper-small-3e305921506d/")
    base = Scripted({})
    assert listen(store, subjects(store), ear=base, workers=1).heard == 3  # and back
