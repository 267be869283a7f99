"""A ladder of speeds: `slow = [0.6, 0.8]` makes a twin per tempo of
each text, each made once from the one spoken clip (nothing sent to a provider twice),
each at a place of its own (`slowAudioUrl60`, `slowAudioUrl80`); a tempo set per type or
per language wins over the config's, the narrower first; a drill names a twin at a tempo
(`word (0.6×)`); a tempo dropped from the list is cleared and pruned like any clip."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.pitch import pitch_ratio
from tests.support.project import Project, write_json
from tests.support.windows import whole_course
from tts_assets.audio.codec import decode
from tts_assets.audio.edges import speech_span
from tts_assets.planning.prepare import selected_types
from tts_assets.settings.load import load_settings

LADDER = (0.6, 0.8)
WORDS = ["図書館", "雨"]
SENTENCE = "毎朝、図書館で本を読みます。"


def _content(project: Project) -> None:
    write_json(
        project / "data/vocabulary.json",
        [{"word": word, "examples": [{"sentence": SENTENCE}]} for word in WORDS],
    )


def _texts(project: Project) -> list[dict[str, Any]]:
    """Every object of the vocabulary that holds a text's URL (words and sentences)."""
    entries: list[dict[str, Any]] = project.read_json("data/vocabulary.json")
    return [place for e in entries for place in (e, *e["examples"])]


def _speech_s(project: Project, url: str) -> float:
    audio = decode((project / "public" / url.lstrip("/")).read_bytes())
    samples = np.asarray(audio.samples, dtype=np.float64)
    span = speech_span(samples, audio.sample_rate, -40.0)
    assert span is not None
    return (span[1] - span[0]) / audio.sample_rate


@pytest.mark.slow
def test_kokoro_makes_a_twin_per_tempo_of_the_ladder_from_the_one_spoken_clip(
    project: Project,
) -> None:
    _content(project)
    project.config("slow = [0.6, 0.8]\n")
    dry = project.json("generate", "--dry-run")
    assert dry["billable_characters"] <= len("".join(WORDS) + SENTENCE)  # twins bill nothing
    summary = project.json("generate")
    assert summary["failures"] == []
    assert summary["generated"] == 3 * (1 + len(LADDER))  # 3 texts, each with 2 twins
    clips = {c["path"]: c for c in project.manifest()["clips"]}
    for place in _texts(project):
        assert "slowAudioUrl" not in place  # a ladder's twins are at places of their own
        spoken = place["audioUrl"]
        speech = _speech_s(project, spoken)
        own = clips[spoken.removeprefix("/audio/")]
        for tempo in LADDER:
            twin = place[f"slowAudioUrl{round(tempo * 100)}"]
            assert twin != spoken
            assert _speech_s(project, twin) == pytest.approx(speech / tempo, rel=0.05), twin
            one, other = (
                decode((project / "public" / u.lstrip("/")).read_bytes()) for u in (spoken, twin)
            )
            assert pitch_ratio(one, other) == pytest.approx(1.0, abs=0.05), twin
            made = clips[twin.removeprefix("/audio/")]
            assert (made["provider"], made["voice"]) == (own["provider"], own["voice"])
            # Two records of one text: each says its tempo (the spoken clip none).
            assert (made["text"], made["tempo"], own["tempo"]) == (own["text"], tempo, None)
    before = project.tree()
    assert project.json("generate")["generated"] == 0  # a rerun makes nothing
    assert project.tree() == before
    code, out = project.invoke("verify")
    assert code == 0, out


@pytest.mark.slow
def test_a_tempo_dropped_from_the_ladder_is_cleared_and_pruned(project: Project) -> None:
    _content(project)
    project.config("slow = [0.6, 0.8]\n")
    assert project.json("generate")["generated"] == 9
    dropped = {place["slowAudioUrl80"] for place in _texts(project)}
    kept = {place["slowAudioUrl60"] for place in _texts(project)}

    project.config("slow = [0.6]\n")
    summary = project.json("generate")
    assert summary["generated"] == 0  # nothing made: the 0.6 twins are there
    assert all(place["slowAudioUrl80"] is None for place in _texts(project))
    assert {place["slowAudioUrl60"] for place in _texts(project)} == kept
    code, out = project.invoke("prune", "--yes", "--json")
    assert code == 0, out
    deleted = {"/audio/" + u["path"] for u in json.loads(out)["unused"]}
    assert deleted == dropped  # the dropped tempo's twins, and nothing else
    left = {
        f"/audio/{p.relative_to(project / 'public/audio').as_posix()}"
        for p in (project / "public/audio").rglob("*.mp3")
    }
    assert not dropped & left and kept <= left
    code, out = project.invoke("verify")
    assert code == 0, out


@pytest.mark.slow
def test_a_damaged_twin_is_named_by_its_rung_and_made_again_from_its_clip(
    project: Project,
) -> None:
    """verify names a twin by its tempo and URL place (it named the text's place, which
    the text's clip and each rung's twin share), and --fix stretches it again."""
    write_json(project / "data/vocabulary.json", [{"word": WORDS[1]}])
    project.config("slow = [0.6, 0.8]\n")
    assert project.json("generate")["generated"] == 3
    entry = project.read_json("data/vocabulary.json")[0]
    twin = project.clip_of(entry["slowAudioUrl60"])
    twin.write_bytes(twin.read_bytes()[:500])
    code, out = project.invoke("verify")
    assert code == 1 and "corrupt: its 0.6× twin at vocabulary.json › [0] › slowAudioUrl60: " in out
    assert "0.8×" not in out, out
    code, out = project.invoke("verify", "--fix")
    assert code == 0, out
    assert project.clip_of(entry["slowAudioUrl60"]).stat().st_size > 500
    assert project.invoke("verify")[0] == 0


@pytest.mark.slow
def test_each_text_is_billed_once_whatever_the_ladder(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = "sk-test-0123456789abcdef"
    monkeypatch.setenv("ELEVENLABS_API_KEY", key)
    _content(project)
    project.config('slow = [0.6, 0.8, 1.25]\n\n[languages]\nja = "elevenlabs"\n')
    with FakeElevenLabs(api_key=key) as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        dry = project.json("generate", "--dry-run")
        summary = project.json("generate")
        again = project.json("generate")
        answered = server.answered()
    assert summary["failures"] == [] and summary["generated"] == 3 * 4
    assert again["generated"] == 0
    assert set(answered) == {*WORDS, SENTENCE} and all(n == 1 for n in answered.values())
    assert dry["billable_characters"] == len("".join(WORDS) + SENTENCE)
    for place in _texts(project):
        assert len({place[k] for k in ("slowAudioUrl60", "slowAudioUrl80", "slowAudioUrl125")}) == 3


@pytest.mark.slow
def test_a_drill_names_a_twin_at_a_tempo_of_its_types_ladder(project: Project) -> None:
    _content(project)
    project.config(
        "slow = 0.75\n\n"
        "[types.vocabulary]\nslow = [0.6, 0.8]\n\n"
        "[[types.vocabulary.sequences]]\n"
        'url = "drillAudioUrl"\n'
        'parts = ["word", "1s", "word (0.6×)", "1s", "word (0.80x)"]\n'
        'timings = "drillParts"\n'
    )
    summary = project.json("generate", "--type", "vocabulary")
    assert summary["failures"] == [] and summary["skipped"] == []
    entries = project.read_json("data/vocabulary.json")
    for entry in entries:
        parts = entry["drillParts"]
        said = [p for p in parts if p.get("text")]
        assert len(said) == 3, parts
        word = _speech_s(project, entry["audioUrl"])
        slow = [p["end"] - p["start"] for p in said]
        # the parts are the word, then its twins at 0.6 and at 0.8: longest at 0.6
        assert slow[1] > slow[2] > slow[0] > 0, slow
        assert slow[1] / 1000 == pytest.approx(word / 0.6, rel=0.2)
    assert project.json("generate", "--type", "vocabulary")["generated"] == 0


def test_the_narrower_tempi_win_a_types_then_a_languages_then_the_configs(
    project: Project,
) -> None:
    project.gen(
        {
            "data/vocabulary.json": [{"word": "雨", "meaning": "rain"}],
            "data/grammar.json": [{"pattern": "です", "meaning": "is"}],
        }
    )
    project.config(
        "slow = 0.75\n\n"
        "[languages.ja]\nslow = [0.6, 0.8]\n\n"
        "[types.vocabulary]\nslow = [0.7]\n\n"
        "[types.grammar]\n"
        'file = "grammar.json"\n'
        "[[types.grammar.fields]]\n"
        'name = "pattern"\ntext = "pattern"\nurl = "audioUrl"\n'
        "[[types.grammar.fields]]\n"
        'name = "meaning"\ntext = "meaning"\nurl = "meaningAudioUrl"\nlang = "en"\n'
    )
    settings = load_settings(project, provider="fault")
    loaded = whole_course(settings.data_dir, selected_types(settings))
    fields = {(i.type_name, i.field) for i in loaded.items}
    assert ("vocabulary", "word (0.7×)") in fields  # the type's own
    assert not {f for f in fields if f[0] == "vocabulary" and f[1].endswith(("(slow)", "0.6×)"))}
    assert {("grammar", "pattern (0.6×)"), ("grammar", "pattern (0.8×)")} <= fields  # ja's
    assert ("grammar", "meaning (slow)") in fields  # English: the config's one tempo
