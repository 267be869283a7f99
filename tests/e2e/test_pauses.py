"""A pause written in a text is silence of its length in the clip, never spoken.

On every provider's real path, Kokoro first: `[pause:1.5s]` and an SSML break become the
silence they ask for in the stored clip (found by energy, within 50 ms), the words around
them are timed on either side of it, a marker that gives no length is refused at its place,
and changing a pause remakes that clip alone. The library says what a run says.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import numpy as np
import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.markers import needs_espeak_library
from tests.support.project import Project, write_json
from tests.support.timings_check import pauses as silences
from tts_assets.audio.codec import decode

pytestmark = pytest.mark.slow  # real models and engines

WITHIN_S = 0.05
TEXTS = {
    "ja": (
        "おはようございます。[pause:1.5s]こんにちは。",
        '水を飲みます。<break time="700ms"/>本を読みます。',
    ),
    "en": (
        "Good morning. [pause:1.5s] Hello.",
        'I drink water. <break time="700ms"/> I read books.',
    ),
}
ASKED = (1.5, 0.7)
FIELD = {"ja": "japanese", "en": "english"}


def _course(project: Project, lang: str) -> None:
    first, second = TEXTS[lang]
    field = FIELD[lang]
    write_json(
        project / "data/grammar.json",
        [{"id": "g1", "examples": [{field: first}, {field: second}, {field: "[pause:soon]"}]}],
    )
    if lang == "en":
        project.config('lang = "en"\n')


def _longest_silence(project: Project, clip: dict[str, Any]) -> tuple[float, list[dict[str, Any]]]:
    audio = decode((project / "public/audio" / clip["path"]).read_bytes())
    found = silences(np.asarray(audio.samples), audio.sample_rate, -40.0, 0.15)
    longest = max((b - a for a, b in found), default=0) / audio.sample_rate
    return longest, clip["timings"].get("words", [])


def _check(project: Project, summary: dict[str, Any], timed: bool = True) -> None:
    assert summary["failed"] == 0, summary["failures"]
    (refused,) = summary["refused"]
    assert refused["place"].startswith("grammar.json › [0] › examples › [2] › ")
    assert "[pause:soon]: not a length" in refused["reason"]
    manifest = json.loads((project / "public/audio/manifest.json").read_text("utf-8"))
    clips = {c["text"]: c for c in manifest["clips"]}
    lang = "ja" if "おはよう" in "".join(clips) else "en"
    for text, asked in zip(TEXTS[lang], ASKED, strict=True):
        clip = clips[text]
        assert f"[pause:{asked:g}s]" in clip["spoken"]  # what was said, for a reviewer
        longest, words = _longest_silence(project, clip)
        assert abs(longest - asked) <= WITHIN_S, (text, longest)
        if timed:
            # The silence falls between two words: one ends before it, the next starts
            # after it, about the pause apart.
            gaps = [b["start"] - a["end"] for a, b in itertools.pairwise(words)]
            assert max(gaps) / 1000 == pytest.approx(asked, abs=WITHIN_S), (text, words)


def test_kokoro_says_a_written_pause_as_silence(project: Project) -> None:
    _course(project, "ja")
    summary = project.json("generate", code=1)  # the unreadable marker is refused: exit 1
    _check(project, summary)
    # A pause changed: that clip alone is made anew.
    doc = project.read_json("data/grammar.json")
    doc[0]["examples"][0]["japanese"] = "おはようございます。[pause:2s]こんにちは。"
    write_json(project / "data/grammar.json", doc)
    again = project.json("generate", code=1)
    assert again["generated"] == 1 and again["present"] == 1


def test_the_library_says_a_pause_as_a_run_does(project: Project) -> None:
    import tts_assets

    audio = tts_assets.synthesize(TEXTS["ja"][0], lang="ja", provider="kokoro")
    found = silences(np.asarray(audio.samples), audio.sample_rate, -40.0, 0.15)
    longest = max(b - a for a, b in found) / audio.sample_rate
    assert longest == pytest.approx(1.5, abs=0.15)  # raw pieces, their own edge silence kept
    with pytest.raises(tts_assets.InputError, match=r"\[pause:soon\]: not a length"):
        tts_assets.synthesize("a [pause:soon] b", lang="en", provider="piper")


def test_piper_says_a_written_pause_as_silence(project: Project) -> None:
    _course(project, "en")
    _check(project, project.json("generate", "--provider", "piper", code=1))


@needs_espeak_library
def test_espeak_says_a_written_pause_as_silence(project: Project) -> None:
    _course(project, "en")
    _check(project, project.json("generate", "--provider", "espeak", code=1))


def test_elevenlabs_is_sent_the_words_and_the_silence_is_made_here(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    _course(project, "en")
    monkeypatch.setenv("ELEVENLABS_API_KEY", "sk-test")
    with FakeElevenLabs(api_key="sk-test") as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        summary = project.json("generate", "--provider", "elevenlabs", code=1)
        sent = [record.body["text"] for record in server.stats.records]
    _check(project, summary)
    # Never the marker: each part is sent alone, and billed by its own characters.
    assert sent and not any("pause" in text or "break" in text for text in sent), sent


def test_a_pause_holds_where_the_readings_engine_decides_the_words(project: Project) -> None:
    """A text whose words the engine decides (digits on Kokoro, an override, a built-in
    rule) keeps its pauses: the silence in the clip and the length in its key."""
    texts = [
        "3時に会いましょう。[pause:1.5s]こんにちは。",  # digits: the analyzer reads them
        "会議に行きます。[pause:1.5s]日本に行きます。",  # an override of 日本
    ]
    write_json(
        project / "data/grammar.json",
        [{"id": "g1", "examples": [{"japanese": text} for text in texts]}],
    )
    project.config('[pronunciations]\n"日本" = "にっぽん"\n')
    summary = project.json("generate")
    assert summary["generated"] == 2, summary
    manifest = json.loads((project / "public/audio/manifest.json").read_text("utf-8"))
    clips = {c["text"]: c for c in manifest["clips"]}
    for text in texts:
        assert "[pause:1.5s]" in clips[text]["spoken"]
        longest, _ = _longest_silence(project, clips[text])
        assert abs(longest - 1.5) <= WITHIN_S, (text, longest)
    doc = project.read_json("data/grammar.json")
    for example in doc[0]["examples"]:
        example["japanese"] = example["japanese"].replace("[pause:1.5s]", "[pause:2s]")
    write_json(project / "data/grammar.json", doc)
    assert project.json("generate")["generated"] == 2  # a new length: new clips
