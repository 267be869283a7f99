"""A cloze whose blank opens the sentence has its gap ("cloze blanks ... at the start").

`___に伴って変化が起きた`: the seed app's grammar exercises open 166 of their 1,046 blanks so.
A pause at a text's start was left out (a clip's edges were its own lead), so the learner
heard the sentence at once, with nothing to fill. Now the blank is silence before the first
word (`pauses.Paused.lead`), its length in the clip's key, its words' timings after it, and
another gap length cuts the stored clip again, billing nothing. On Kokoro, the default, and
counted on the test suite's ElevenLabs server on 127.0.0.1.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import soundfile

from tests.e2e.test_cloze import CLOZE
from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.project import Project, write_json

pytestmark = pytest.mark.slow

KEY = "sk-test-0123456789abcdef"
OPENING: list[dict[str, Any]] = [
    {"question": "___に伴って変化が起きた。", "options": ["時代", "水"], "correct": 0},
    {"question": "私は___を食べます。", "options": ["りんご", "水"], "correct": 0},
]


def _opening_silence_ms(project: Project, url: str) -> int:
    """The silence before the clip's first sound (40 dB below its loudest 10 ms), in ms."""
    samples, rate = soundfile.read(project / "public" / url.lstrip("/"), dtype="float32")
    if samples.ndim > 1:
        samples = samples.mean(axis=1)
    hop = rate // 100
    frames = len(samples) // hop
    rms = np.sqrt((samples[: frames * hop].reshape(frames, hop) ** 2).mean(axis=1))
    loud = np.flatnonzero(rms >= rms.max() * 10 ** (-40 / 20))
    return int(loud[0]) * 10


def _record(project: Project, url: str) -> dict[str, Any]:
    (found,) = [c for c in project.manifest()["clips"] if c["path"] == url.removeprefix("/audio/")]
    return found


def _urls(project: Project, key: str = "questionAudio") -> list[str]:
    return [e[key] for e in project.read_json("data/grammar.json")[0]["exercises"]]


def test_kokoro_says_an_opening_blank_as_silence_before_the_sentence(project: Project) -> None:
    project.config(CLOZE.format(gap="2s", more=""))
    write_json(project / "data/grammar.json", [{"id": "g1", "exercises": OPENING}])
    assert project.json("generate")["failed"] == 0
    opening, inner = _urls(project)
    assert 1950 <= _opening_silence_ms(project, opening) <= 2300  # the gap, then the words
    assert _opening_silence_ms(project, inner) < 300  # a blank inside: no gap before
    assert _opening_silence_ms(project, _urls(project, "filledQuestionAudio")[0]) < 300
    record = _record(project, opening)
    assert record["text"].startswith("[pause:2s]")  # what the clip says, as written one way
    assert min(w["start"] for w in record["timings"]["words"]) >= 2000  # words after the gap
    code, out = project.invoke("verify")
    assert code == 0, out
    assert project.json("generate")["generated"] == 0

    project.config(CLOZE.format(gap="3s", more=""))  # another length: cut again, not said
    summary = project.json("generate")
    assert summary["generated"] == 2 and summary["failed"] == 0, summary
    now = _record(project, _urls(project)[0])
    assert now["duration"] == pytest.approx(record["duration"] + 1.0, abs=0.03)
    assert now["phonemes"] == record["phonemes"]
    assert 2950 <= _opening_silence_ms(project, _urls(project)[0]) <= 3300


def test_another_opening_gap_bills_nothing_again(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    with FakeElevenLabs(api_key=KEY) as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        write_json(project / "data/grammar.json", [{"id": "g1", "exercises": OPENING}])
        project.config('provider = "elevenlabs"\n' + CLOZE.format(gap="2s", more=""))
        assert project.json("generate")["failed"] == 0
        billed = server.answered()
        project.config('provider = "elevenlabs"\n' + CLOZE.format(gap="3s", more=""))
        assert project.json("generate", "--dry-run")["billable_characters"] == 0
        summary = project.json("generate")
        assert server.answered() == billed, server.answered() - billed
        assert summary["generated"] == 2 and summary["failed"] == 0, summary
        code, out = project.invoke("verify")
        assert code == 0, out
    assert 2950 <= _opening_silence_ms(project, _urls(project)[0]) <= 3300
