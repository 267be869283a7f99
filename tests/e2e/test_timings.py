"""Every clip records when its words are said, from the model that made it, true of its audio.

Each real provider makes the clips of content shaped like the seed app's drills (a word, a
minimal pair, a sentence, a shadowing passage of several sentences); each stored clip's
timings are then held against the clip's own audio: words in order and inside the clip,
each pause the audio holds (found by energy) falling between two words within 50 ms, the
first word starting where the speech starts and the last ending where it ends within 80 ms.
"""

from __future__ import annotations

import itertools
import json
import os
from typing import Any

import pytest

from tests.support import TESTS
from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.markers import needs_espeak_library
from tests.support.project import Project, write_json
from tests.support.timings_check import check_timings
from tts_assets.audio.codec import decode
from tts_assets.readings.words import TimedWord

PAUSE_MS = 50
EDGE_MS = 80

CONTENT: dict[str, dict[str, Any]] = {
    "ja": {
        "words": ["雨", "飴", "図書館"],
        "sentence": "毎朝七時に起きます。",
        "passage": "今日は雨が降っています。出かける予定でしたが、家にいることにしました。",
    },
    "en": {
        "words": ["library", "rain"],
        "sentence": "I get up at seven every morning.",
        "passage": "It was raining all day. We stayed at home, and read a book by the window.",
    },
}


def _content(project: Project, lang: str) -> None:
    sample = CONTENT[lang]
    write_json(
        project / "data/vocabulary.json",
        [
            {"word": word, "examples": [{"sentence": sample["sentence"]}]}
            for word in sample["words"]
        ],
    )
    write_json(project / "data/readings.json", [{"id": "r1", "text": sample["passage"]}])


def _clips(project: Project) -> list[dict[str, Any]]:
    manifest = json.loads((project / "public/audio/manifest.json").read_text("utf-8"))
    clips: list[dict[str, Any]] = manifest["clips"]
    return clips


def _assert_true_of_the_audio(project: Project, clip: dict[str, Any]) -> list[TimedWord]:
    """The clip's words, after checking them against its stored audio."""
    timings = clip["timings"]
    assert "none" not in timings, timings
    words = [TimedWord(w["start"], w["end"], w["text"]) for w in timings["words"]]
    assert words, clip["text"]
    audio = decode((project / "public/audio" / clip["path"]).read_bytes())
    check = check_timings(words, audio.samples, audio.sample_rate, -45.0)
    where = f"{clip['text']!r}: {check}"
    assert check.in_order and check.inside, where
    assert all(overlap <= PAUSE_MS for overlap in check.pause_overlaps_ms), where
    assert check.start_error_ms <= EDGE_MS and check.end_error_ms <= EDGE_MS, where
    return words


@pytest.mark.slow
def test_kokoro_clips_time_each_written_word_and_each_mora_of_its_reading(
    project: Project,
) -> None:
    _content(project, "ja")
    assert project.json("generate")["failed"] == 0
    clips = _clips(project)
    assert len(clips) == 5
    passage_pauses = 0
    for clip in clips:
        words = _assert_true_of_the_audio(project, clip)
        assert clip["timings"]["source"] == "kokoro durations"
        # The words are the text as written, in order, punctuation and all.
        assert "".join(w.text for w in words) == clip["text"]
        for word in clip["timings"]["words"]:
            morae = word["morae"]
            assert "".join(kana for _, _, kana in morae) == word["reading"]
            assert morae[0][0] >= word["start"] and morae[-1][1] <= word["end"]
            assert all(a[1] <= b[0] for a, b in itertools.pairwise(morae))
        if clip["text"] == CONTENT["ja"]["passage"]:
            audio = decode((project / "public/audio" / clip["path"]).read_bytes())
            passage_pauses = len(
                check_timings(words, audio.samples, audio.sample_rate, -45.0).pause_overlaps_ms
            )
    assert passage_pauses >= 2  # the passage's sentence and comma pauses were checked
    (rain,) = [c for c in clips if c["text"] == "雨"]
    assert rain["timings"]["words"][0]["reading"] == "あめ"


@pytest.mark.slow
def test_piper_clips_time_each_word_from_its_alignments(project: Project) -> None:
    _content(project, "en")
    assert project.json("generate", "--lang", "en", "--provider", "piper")["failed"] == 0
    for clip in _clips(project):
        words = _assert_true_of_the_audio(project, clip)
        assert clip["timings"]["source"] == "piper alignments"
        assert not clip["timings"].get("unmatched"), clip["timings"]
        assert [w.text for w in words] == clip["spoken"].split()


@pytest.mark.slow
@needs_espeak_library
def test_espeak_clips_time_each_word_from_its_word_events(project: Project) -> None:
    _content(project, "en")
    assert project.json("generate", "--lang", "en", "--provider", "espeak")["failed"] == 0
    for clip in _clips(project):
        words = _assert_true_of_the_audio(project, clip)
        assert clip["timings"]["source"] == "espeak-ng word events"
        assert [w.text for w in words] == clip["spoken"].split()


@pytest.mark.slow
def test_the_espeak_program_records_that_it_gives_no_timings(project: Project) -> None:
    _content(project, "en")
    project.config('[providers.espeak]\nengine = "system"\n')
    assert project.json("generate", "--lang", "en", "--provider", "espeak")["failed"] == 0
    for clip in _clips(project):
        assert clip["timings"] == {
            "none": 'the espeak-ng program (engine = "system") reports no word timings; '
            "the packaged library does"
        }


@pytest.mark.slow  # real time: an HTTP server and MP3 decoding
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_elevenlabs_clips_time_each_word_from_the_answers_alignment(
    project: Project, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    _content(project, lang)
    monkeypatch.setenv("ELEVENLABS_API_KEY", "sk-test")
    with FakeElevenLabs(api_key="sk-test") as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        summary = project.json("generate", "--lang", lang, "--provider", "elevenlabs")
        paths = {record.path for record in server.stats.records}
    assert summary["failed"] == 0
    assert all(path.endswith("/with-timestamps") for path in paths)
    for clip in _clips(project):
        words = _assert_true_of_the_audio(project, clip)
        assert clip["timings"]["source"] == "elevenlabs alignment"
        if lang == "ja":
            assert "".join(w.text for w in words) == clip["spoken"]
        else:
            assert [w.text for w in words] == clip["spoken"].split()


@pytest.mark.slow  # runs a process per clip
def test_say_clips_record_that_say_gives_no_timings(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", f"{TESTS / 'support/fake_say'}{os.pathsep}{os.environ['PATH']}")
    _content(project, "ja")
    assert project.json("generate", "--provider", "say")["failed"] == 0
    clips = _clips(project)
    assert clips and all(c["timings"] == {"none": "macOS say reports no timings"} for c in clips)
