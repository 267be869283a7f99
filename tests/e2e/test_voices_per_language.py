"""Per-language voices and the local providers through `tts-assets generate`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.support.markers import needs_espeak
from tests.support.project import Project
from tts_assets.cli.app import app
from tts_assets.store.manifest import Store

VOCABULARY = [
    {"id": "v1", "word": "みず", "meaning": "water"},
    {"id": "v2", "word": "ほん", "meaning": "book", "examples": [{"sentence": "ほんをよみます。"}]},
]

GENERATE = ("generate", "--type", "vocabulary")


@pytest.fixture
def project(project: Project) -> Project:
    return project.gen({"data/vocabulary.json": VOCABULARY})


def _voices_by_text(project: Project) -> dict[str, tuple[str, str]]:
    store = Store(project / "public/audio", project / ".temp-audio")
    return {clip.text: (clip.provider, clip.voice) for clip in store}


@pytest.mark.slow
@needs_espeak
def test_english_meanings_are_opt_in_and_follow_the_language_map(project: Project) -> None:
    (project / "tts-assets.toml").write_text(
        '[languages]\nja = "espeak:ja"\nen = "piper:en_US-joe-medium"\n', encoding="utf-8"
    )
    first = project.json(*GENERATE)
    assert first["generated"] == 3  # two words and one example; meanings are opt-in
    doc = json.loads((project / "data/vocabulary.json").read_text(encoding="utf-8"))
    assert "meaningAudioUrl" not in doc[0]

    second = project.json(*GENERATE, "--include", "vocabulary.meaning")
    assert second["generated"] == 2  # only the two meanings are new
    doc = json.loads((project / "data/vocabulary.json").read_text(encoding="utf-8"))
    assert doc[0]["meaningAudioUrl"].startswith("/audio/vocabulary/")
    voices = _voices_by_text(project)
    assert voices["みず"] == ("espeak", "ja")
    assert voices["ほんをよみます。"] == ("espeak", "ja")
    assert voices["water"] == ("piper", "en_US-joe-medium")


@pytest.mark.slow
@needs_espeak
def test_provider_flag_overrides_the_map_for_japanese_only(project: Project) -> None:
    (project / "tts-assets.toml").write_text(
        '[languages]\nja = "kokoro:jm_kumo"\nen = "espeak"\n', encoding="utf-8"
    )
    project.json(
        *GENERATE, "--provider", "espeak", "--voice", "ja", "--include", "vocabulary.meaning"
    )
    voices = _voices_by_text(project)
    assert voices["みず"] == ("espeak", "ja")
    assert voices["book"] == ("espeak", "en-us")  # the provider's default English voice


def test_a_language_no_provider_speaks_is_a_clear_error(project: Project) -> None:
    result = CliRunner().invoke(
        app, ["generate", "--type", "vocabulary", "--include", "vocabulary.meaning"]
    )
    assert result.exit_code == 2
    # Not the content language: the fix maps it, offline providers offered first.
    assert result.output.startswith(
        "error: en: kokoro has no English voice in its voices file (kokoro: the content "
        "language's provider, as [languages] has no en); pass --kokoro-voices "
        "kokoro-voices-v1.0 (run: tts-assets models pull kokoro-voices-v1.0), or map it in "
        '[languages] (en = "espeak:en-us"), or '
        "piper (en_US-joe-medium), or supertonic (set [languages] en = "
        '"supertonic:F1" in tts-assets.toml (run: tts-assets models pull supertonic-3)), '
        "or elevenlabs"
    ), result.output
    assert not (project / "public").exists()
