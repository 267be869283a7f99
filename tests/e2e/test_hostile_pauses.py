"""Pauses written in a text, tried as a careless or hostile user would, through the CLI on
each provider's real path.

Each test was written before its fix and failed on the code before it: a full-width marker
and a kana chart's marker read out as letters on Kokoro, a bare reading's `[pause:0.5s]`
made 5 s by the notation cleanup, malformed markers spoken or reported as a bug, a text of
450 ten-second pauses made into a 75-minute clip with a quiet dry run, ElevenLabs billed
for a lone "." and three times for one pause written three ways, a slow clip that
stretched a written pause with the speech. What loads a model or runs a program is marked
`slow`; the fault provider (it takes text, as espeak-ng and ElevenLabs do) holds the rest in
the fast loop.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.markers import needs_espeak_library
from tests.support.project import Project, write_json
from tests.support.timings_check import pauses as silences
from tts_assets.audio.codec import decode
from tts_assets.audio.edges import speech_span

WITHIN_S = 0.05
"""How close a silence in a clip is to the pause written (the guarantee's tolerance)."""


def _silences(project: Project, path: str) -> list[float]:
    """The seconds of each silence inside the clip at `path` (under the out dir)."""
    audio = decode((project / "public/audio" / path).read_bytes())
    found = silences(np.asarray(audio.samples), audio.sample_rate, -40.0, 0.15)
    return [(b - a) / audio.sample_rate for a, b in found]


def _clips(project: Project) -> dict[str, dict[str, Any]]:
    return {c["text"]: c for c in project.manifest()["clips"]}


def _reasons(summary: dict[str, Any]) -> dict[str, str]:
    return {r["place"]: r["reason"] for r in summary["refused"]}


def _never_a_bug(out: str) -> None:
    assert "a bug in tts-assets" not in out and "RecursionError" not in out, out


# --- 5 and 16: full-width markers, and markers in a kana chart and in readings, on Kokoro


@pytest.mark.slow
def test_kokoro_reads_full_width_kana_and_reading_markers_as_silence(project: Project) -> None:
    project.gen(
        {
            "data/grammar.json": [
                {
                    "id": "g1",
                    "examples": [
                        # As a Japanese input method types it, in full-width forms.
                        {"japanese": "おはようございます。［pause:1.5s］こんにちは。"},
                        {"japanese": "水を飲みます。［ｐａｕｓｅ：７００ｍｓ］本を読みます。"},
                    ],
                }
            ],
            "data/characters.json": [{"id": "c1", "type": "hiragana", "char": "あ[pause:1s]い"}],
            # The okurigana dot of a bare reading is notation; a marker's is its length.
            "data/kanji.json": [
                {
                    "id": "k1",
                    "kanji": "勝",
                    "onyomi": ["しょう"],
                    "kunyomi": ["か.つ[pause:0.5s]まさ.る"],
                }
            ],
        }
    )
    summary = project.json("generate")
    assert summary["failed"] == 0 and not summary["refused"], summary
    clips = _clips(project)
    for text, asked, spoken in [
        ("おはようございます。［pause:1.5s］こんにちは。", 1.5, "[pause:1.5s]"),
        ("水を飲みます。［ｐａｕｓｅ：７００ｍｓ］本を読みます。", 0.7, "[pause:0.7s]"),
        ("ア[pause:1s]イ", 1.0, "ア [pause:1s] イ"),  # the chart's sounds, as katakana
        ("かつ[pause:0.5s]まさる", 0.5, "かつ [pause:0.5s] まさる"),
    ]:
        clip = clips[text]
        assert spoken in clip["spoken"], clip
        # Never said as letters (none of these words has a p: "pause" has).
        assert "p" not in (clip.get("phonemes") or ""), clip
        (silence,) = _silences(project, clip["path"])
        assert abs(silence - asked) <= WITHIN_S, (text, silence)
    assert [w["text"] for w in clips["ア[pause:1s]イ"]["timings"]["words"]] == ["ア", "イ"]


@pytest.mark.slow
def test_kokoro_refuses_a_malformed_marker_and_skips_a_text_of_pauses(project: Project) -> None:
    texts = [
        "おはよう[pause:[pause:1s]s]ございます。",
        "おはよう[pause:1s ございます。",
        "おはよう【pause:1s】ございます。",
        "[pause:1s]、。",
        "おはようございます。",
    ]
    write_json(
        project / "data/grammar.json",
        [{"id": "g1", "examples": [{"japanese": text} for text in texts]}],
    )
    code, out = project.invoke("generate", "--json")
    _never_a_bug(out)
    summary = json.loads(out)
    assert code == 1 and summary["failed"] == 0, summary["failures"]
    place = "grammar.json › [0] › examples › [{}] › japanese"
    reasons = _reasons(summary)
    assert "[pause:[pause:1s]: not a pause marker" in reasons[place.format(0)]
    assert "[pause:1s ございます。: not a pause marker (unclosed" in reasons[place.format(1)]
    assert "【pause:1s】: a pause is written in square brackets" in reasons[place.format(2)]
    skipped = {s["place"]: s["reason"] for s in summary["skipped"]}
    assert skipped[place.format(3)] == "nothing to say (only pauses)"
    assert list(_clips(project)) == ["おはようございます。"]


# --- 5 and 17: malformed markers, and texts with nothing to say, on espeak-ng ------------

HOSTILE = {
    "Say [pause:[pause:1s]s] now.": "[pause:[pause:1s]: not a pause marker",
    "One [pause:1s two.": "[pause:1s two.: not a pause marker (unclosed",
    "Go [pause:1s]] now.": "not a pause marker (a bracket too many)",
    "Go [pause 1s] now.": "[pause 1s]: not a pause marker",
    "Go <break time=1s/> now.": 'its attributes are name="value"',
    'Go <break tme="1s"/> now.': 'a break has no attribute "tme"',
    '<prosody rate="slow">Go now.</prosody>': "SSML <prosody> is not read",
    "Count to 1[pause:1s]000.": "a pause inside a number",
    "Go [pause:-1s] now.": "[pause:-1s]: not a length",
    "Go [pause:nan s] now.": "not a length",
}
NOTHING = ["[pause:1s]", "[pause:1s][pause:2s]", "[pause:1s]、。", '<break time="1s"/> . <break/>']


@pytest.mark.slow
@needs_espeak_library
def test_espeak_refuses_each_malformed_marker_with_its_reason(project: Project) -> None:
    said_right = [
        "<speak>Good morning. <break time='1s'/> Hello.</speak>",
        "[pause:2s] Good night. [pause:1s] Bye. [pause:3s]",
    ]
    texts = [*HOSTILE, *NOTHING, *said_right]
    write_json(
        project / "data/grammar.json",
        [{"id": "g1", "examples": [{"english": text} for text in texts]}],
    )
    project.config('lang = "en"\n')
    code, out = project.invoke("generate", "--provider", "espeak", "--json")
    _never_a_bug(out)
    summary = json.loads(out)
    assert code == 1 and summary["failed"] == 0, summary["failures"]
    reasons = _reasons(summary)
    for n, (text, why) in enumerate(HOSTILE.items()):
        reason = reasons[f"grammar.json › [0] › examples › [{n}] › english"]
        assert reason.startswith(text[:20]) and why in reason, (text, reason)
    skipped = {s["place"]: s["reason"] for s in summary["skipped"]}
    for n in range(len(HOSTILE), len(HOSTILE) + len(NOTHING)):
        assert skipped[f"grammar.json › [0] › examples › [{n}] › english"] == (
            "nothing to say (only pauses)"
        )
    clips = _clips(project)
    assert set(clips) == set(said_right)  # nothing else was made, or said
    for text, asked in zip(said_right, (1.0, 1.0), strict=True):
        clip = clips[text]
        (silence,) = _silences(project, clip["path"])
        assert abs(silence - asked) <= WITHIN_S, (text, silence)
        assert "speak" not in clip["spoken"] and "break" not in clip["spoken"]
    # The words of a text that starts with a pause are its own, not the marker's.
    words = [w["text"] for w in clips[said_right[1]]["timings"]["words"]]
    assert words == ["Good", "night.", "Bye."], words


# --- 9: a text's pauses are bounded, and the dry run says so -------------------------------


@pytest.mark.slow
@needs_espeak_library
def test_a_text_of_many_long_pauses_is_refused_by_the_dry_run_and_the_run(
    project: Project,
) -> None:
    hostile = "Go. " + "[pause:10s]" * 450 + " Go."  # 4,958 characters: 75 minutes
    write_json(
        project / "data/grammar.json",
        [{"id": "g1", "examples": [{"english": hostile}, {"english": "Good morning."}]}],
    )
    project.config('lang = "en"\n')
    place = "grammar.json › [0] › examples › [0] › english"
    code, out = project.invoke("generate", "--provider", "espeak", "--dry-run")
    assert code == 1, out
    line = next(line for line in out.splitlines() if line.startswith(f"refused: {place}"))
    assert "too many pauses: 450 pause markers (a text holds at most 100)" in line
    assert "4,500.0 s in all (at most 120 s of pauses in one text)" in line
    assert "split the text into several entries" in line
    summary = project.json("generate", "--provider", "espeak", code=1)
    assert summary["generated"] == 1 and list(_clips(project)) == ["Good morning."]
    assert "too many pauses" in _reasons(summary)[place]


# --- 12: on a paid provider, one pause written three ways is one clip, "." no request ----


@pytest.mark.slow
def test_elevenlabs_bills_one_pause_written_three_ways_once_and_no_lone_sign(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    ways = [
        "Good morning. [pause:1.5s] Hello.",
        "Good morning. [pause:1500ms] Hello.",
        'Good morning. <break time="1.5s"/> Hello.',
        "Good morning.［pause:1.5s］Hello.",
    ]
    lone = ['<break time="1s"/><break time="1s"/>.', "Hi. [pause:1s] . [pause:1s] Bye."]
    write_json(
        project / "data/grammar.json",
        [{"id": "g1", "examples": [{"english": text} for text in [*ways, *lone]]}],
    )
    project.config('lang = "en"\n')
    monkeypatch.setenv("ELEVENLABS_API_KEY", "sk-test")
    with FakeElevenLabs(api_key="sk-test") as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        dry = project.json("generate", "--provider", "elevenlabs", "--dry-run")
        summary = project.json("generate", "--provider", "elevenlabs")
        sent = sorted(record.body["text"] for record in server.stats.records)
    assert summary["generated"] == 2 and summary["failed"] == 0, summary
    # Each part once: never ".", never a part twice for the same pause written otherwise.
    assert sent == ["Bye.", "Good morning.", "Hello.", "Hi."], sent
    assert dry["billable_characters"] == sum(len(text) for text in sent)
    doc = project.read_json("data/grammar.json")
    urls = [example.get("audioUrl") for example in doc[0]["examples"]]
    assert len(set(urls[: len(ways)])) == 1 and urls[0]
    assert urls[len(ways)] is None  # says nothing: skipped, with a note
    clip = _clips(project)["Hi. [pause:1s] . [pause:1s] Bye."]
    assert clip["spoken"] == "Hi. [pause:2s] Bye."
    (silence,) = _silences(project, clip["path"])
    assert abs(silence - 2.0) <= WITHIN_S


# --- 13: a slow clip keeps a written pause at its length ----------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "provider",
    ["kokoro", pytest.param("espeak", marks=needs_espeak_library), "piper", "elevenlabs"],
)
def test_a_slow_clip_stretches_the_speech_not_a_written_pause(
    project: Project, provider: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    japanese = provider == "kokoro"
    text = (
        ("おはようございます。[pause:1.5s]こんにちは。", "japanese")
        if japanese
        else ("Good morning. [pause:1.5s] Hello there.", "english")
    )
    write_json(project / "data/grammar.json", [{"id": "g1", "examples": [{text[1]: text[0]}]}])
    project.config(("" if japanese else 'lang = "en"\n') + "slow = 0.75\n")
    monkeypatch.setenv("ELEVENLABS_API_KEY", "sk-test")
    with FakeElevenLabs(api_key="sk-test") as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        summary = project.json("generate", "--provider", provider)
    assert summary["generated"] == 2 and summary["failed"] == 0, summary
    (example,) = project.read_json("data/grammar.json")[0]["examples"]
    clips = {c["path"]: c for c in project.manifest()["clips"]}
    normal = clips[example["audioUrl"].removeprefix("/audio/")]
    slow = clips[example["slowAudioUrl"].removeprefix("/audio/")]
    (kept,) = _silences(project, slow["path"])
    assert abs(kept - 1.5) <= WITHIN_S, kept  # it became 2.0 s, stretched with the speech
    # The speech around it is slowed: 4/3 as long, the pause left out of both.
    speech = []
    for clip in (normal, slow):
        audio = decode((project / "public/audio" / clip["path"]).read_bytes())
        span = speech_span(np.asarray(audio.samples, np.float64), audio.sample_rate, -40.0)
        assert span is not None
        (pause,) = clip["timings"]["pauses"]
        speech.append((span[1] - span[0]) / audio.sample_rate - (pause[1] - pause[0]) / 1000)
    assert speech[1] == pytest.approx(speech[0] / 0.75, rel=0.06), speech
    # The slow clip's words and pause are where its audio has them.
    (pause,) = slow["timings"]["pauses"]
    words = slow["timings"]["words"]
    before = [w for w in words if w["end"] <= pause[0]]
    assert before and len(before) < len(words)
    assert all(w["start"] >= pause[1] - 20 for w in words[len(before) :])


# --- the same, fast: what is planned and said, by the fault provider -----------------------


def test_what_a_text_with_pauses_is_planned_as(project: Project, fault: None) -> None:
    texts = [
        "Good morning. [pause:1.5s] Hello.",
        "Good morning. [pause:1500ms] Hello.",
        'Good morning. <break time="1.5s"/> Hello.',
        "[pause:1s] Good morning.",  # an opening pause: silence, then the text
        "Good morning.",
        "[pause:1s]、。",
        "One [pause:1s two.",
    ]
    project.gen(
        {
            "data/grammar.json": [{"id": "g1", "examples": [{"english": t} for t in texts]}],
            "data/vocabulary.json": [{"id": "v1", "word": "Day", "reading": "day [pause:1s]"}],
            # A passage, said sentence by sentence: a lone sign is no sentence to send.
            "data/readings.json": [
                {"id": "r1", "text": "Fine. . Thanks. [pause:1s] Bye. ! Now."},
                {"id": "r2", "text": "Fine. . Thanks."},
            ],
        }
    )
    project.config('lang = "en"\nprovider = "fault"\n[providers.fault]\nlog = "calls.jsonl"\n')
    code, out = project.invoke("generate", "--json")
    _never_a_bug(out)
    summary = json.loads(out)
    assert code == 1 and summary["generated"] == 5 and summary["failed"] == 0, summary
    doc = project.read_json("data/grammar.json")
    urls = [example.get("audioUrl") for example in doc[0]["examples"]]
    assert len({*urls[:3]}) == 1 and len({*urls[:5]}) == 3  # its opening pause: a clip apart
    assert urls[5:] == [None, None]
    reasons = _reasons(summary)
    assert (
        "not a pause marker (unclosed" in reasons["grammar.json › [0] › examples › [6] › english"]
    )
    assert (
        "has a pause marker in it: a pause is written in a text, not in its reading"
        in (reasons["vocabulary.json › [0] › word"])
    )
    said = [json.loads(line)["text"] for line in (project / "calls.jsonl").read_text().splitlines()]
    assert sorted(said) == [
        *["Bye.", "Fine.", "Fine."],
        *["Good morning.", "Good morning.", "Good morning.", "Hello.", "Now.", "Thanks."],
        "Thanks.",
    ], said
