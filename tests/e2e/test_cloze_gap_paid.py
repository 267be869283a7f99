"""A cloze's gap of another length remakes the join, not the pieces.

`cloze = "2s"` → `"3s"` changed the key of every gapped sentence, and each was synthesized
(billed) again, though what its provider is asked to say did not change. Now the clip with
the new gap is cut from the stored one (`planning.regap`, `making.regap`): its speech kept,
its gap the new length, its words' timings moved. Counted on the test suite's ElevenLabs
server on 127.0.0.1, which counts every text it answers (what the real API bills); and on
Kokoro, the default provider.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.test_cloze import CLOZE, EXERCISES, _longest_silence_ms
from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.project import Project, write_json

pytestmark = pytest.mark.slow

KEY = "sk-test-0123456789abcdef"


def _course(project: Project, gap: str, provider: str) -> None:
    project.config(f'provider = "{provider}"\n' + CLOZE.format(gap=gap, more=""))


def _gapped(project: Project) -> list[dict[str, Any]]:
    """The records of the gapped sentences' clips."""
    doc = project.read_json("data/grammar.json")
    urls = [e["questionAudio"] for e in doc[0]["exercises"][:2]]
    clips = {c["path"]: c for c in project.manifest()["clips"]}
    return [clips[url.removeprefix("/audio/")] for url in urls]


def _changed_gap(project: Project, provider: str) -> tuple[list[Any], list[Any]]:
    """Generate at 2 s, then at 3 s: the gapped clips' records each time."""
    write_json(project / "data/grammar.json", [{"id": "g1", "exercises": EXERCISES}])
    _course(project, "2s", provider)
    assert project.json("generate")["failed"] == 0
    before = _gapped(project)
    _course(project, "3s", provider)
    summary = project.json("generate")
    assert summary["failed"] == 0 and summary["generated"] == 2, summary
    return before, _gapped(project)


def test_a_longer_gap_bills_no_piece_again(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    with FakeElevenLabs(api_key=KEY) as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        write_json(project / "data/grammar.json", [{"id": "g1", "exercises": EXERCISES}])
        _course(project, "2s", "elevenlabs")
        assert project.json("generate")["failed"] == 0
        billed = server.answered()
        _course(project, "3s", "elevenlabs")
        assert project.json("generate", "--dry-run")["billable_characters"] == 0
        summary = project.json("generate")
        assert server.answered() == billed, server.answered() - billed
        assert summary["generated"] == 2 and summary["failed"] == 0, summary
        code, out = project.invoke("verify")
        assert code == 0, out
    url = project.read_json("data/grammar.json")[0]["exercises"][0]["questionAudio"]
    assert 2900 <= _longest_silence_ms(project, url) <= 3300


def test_kokoro_keeps_the_speech_and_moves_the_words_with_the_gap(project: Project) -> None:
    before, after = _changed_gap(project, "kokoro")
    for old, new in zip(before, after, strict=True):
        assert new["key"] != old["key"] and new["text"] != old["text"]
        assert new["duration"] == pytest.approx(old["duration"] + 1.0, abs=0.03)
        (gap,) = new["timings"]["pauses"]
        (was,) = old["timings"]["pauses"]
        assert gap[1] - gap[0] == pytest.approx(was[1] - was[0] + 1000, abs=15)
        for word, said in zip(new["timings"]["words"], old["timings"]["words"], strict=True):
            shift = 0 if said["end"] <= was[0] else 1000
            assert word["start"] == pytest.approx(said["start"] + shift, abs=15)
        assert new["phonemes"] == old["phonemes"] and new["provider"] == "kokoro"
