"""review-decisions.json: retakes change what every command plans; a bad file is one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.project import Project, new_project
from tests.support.sweep import check_each
from tts_assets.errors import InputError
from tts_assets.planning.course import prepare
from tts_assets.planning.decisions import DECISIONS_NAME, Accepted, Retake, read_decisions
from tts_assets.settings.config import Settings

VOCABULARY = [
    {"id": "v1", "word": "ねこ"},
    {"id": "v2", "word": "いぬ"},
    {"id": "v3", "word": "ねこ"},
]


def settings_of(root: Path, decisions: Any | None = None) -> Settings:
    """The settings of a project in `root`: vocabulary, and `decisions` (JSON, or the file's
    text) if given."""
    files = {"data/vocabulary.json": json.dumps(VOCABULARY, ensure_ascii=False)}
    if decisions is not None:
        text = decisions if isinstance(decisions, str) else json.dumps(decisions)
        files[f"data/{DECISIONS_NAME}"] = text
    Project(root).gen(files)
    return Settings(data_dir=root / "data", out_dir=root / "public/audio", type="vocabulary")


def retakes(**texts: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": "tts-assets-review-decisions",
        "version": 1,
        "accepted": {},
        "retakes": {"vocabulary": {text: value for text, value in texts.items()}},
    }


def clips(settings: Settings) -> dict[str, tuple[str, str, str]]:
    """Each text's clip: (voice, key, path)."""
    plan = prepare(settings).plan
    return {c.spoken: (c.voice.voice, c.key, c.rel_path) for c in plan.clips}


def test_a_retake_gives_its_text_another_voice_or_a_new_take(tmp_path: Path) -> None:
    before = clips(settings_of(tmp_path / "a"))
    nezumi = retakes(ねこ={"provider": "kokoro", "voice": "jf_nezumi"})
    voiced = clips(settings_of(tmp_path / "b", nezumi))
    taken = clips(settings_of(tmp_path / "c", retakes(いぬ={"provider": "kokoro", "take": 2})))
    assert before["ねこ"][0] == "jf_alpha"
    # Both places of ねこ keep sharing one clip, now in the other voice.
    assert voiced["ねこ"][0] == "jf_nezumi" and voiced["ねこ"][1] != before["ねこ"][1]
    assert voiced["いぬ"] == before["いぬ"]
    assert taken["いぬ"][0] == "jf_alpha" and taken["いぬ"][1] != before["いぬ"][1]
    assert taken["ねこ"] == before["ねこ"]
    # Take 0 is the first take: its key is the key of a text never reviewed.
    first = clips(settings_of(tmp_path / "d", retakes(いぬ={"provider": "kokoro", "take": 0})))
    assert first == before


def test_a_retake_decided_for_another_provider_changes_nothing(tmp_path: Path) -> None:
    settings = settings_of(tmp_path / "a", retakes(ねこ={"provider": "espeak", "voice": "ja+f3"}))
    assert clips(settings) == clips(settings_of(tmp_path / "b"))


def test_a_retake_voice_the_provider_refuses_names_the_file_and_the_retake(
    project: Project,
) -> None:
    settings_of(project, retakes(ねこ={"provider": "kokoro", "voice": "af_heart"}))
    code, out = project.invoke("generate", "--dry-run", "--type", "vocabulary")
    assert code == 2
    line = out.strip()
    assert "\n" not in line and "Traceback" not in line
    assert line.startswith(f"error: {DECISIONS_NAME} › retakes › vocabulary › ねこ › voice: ")
    assert "af_heart" in line


NOT_DECISIONS = [
    ("{", "invalid JSON"),
    ({"accepted": {}}, 'not a review decisions file (no "format"'),
    ({"format": "tts-assets-review-decisions", "version": 2}, "update tts-assets"),
    (
        {"format": "tts-assets-review-decisions", "version": 1, "other": 1},
        "› other: unknown key",
    ),
    (retakes(ねこ={"voice": "jf_nezumi"}), '› ねこ: "provider" is missing'),
    (retakes(ねこ={"provider": "kokoro", "take": -1}), "› take: expected a whole number"),
    (retakes(ねこ={"provider": "kokoro", "take": True}), "› take: expected a whole number"),
    (retakes(ねこ={"provider": "kokoro", "speed": 2}), "› speed: unknown key"),
    (
        {
            "format": "tts-assets-review-decisions",
            "version": 1,
            "accepted": {"vocabulary/x.mp3": {"at": "now"}},
        },
        '› accepted › vocabulary/x.mp3: "sha256" is missing',
    ),
]


def test_a_file_that_is_not_one_is_refused_in_one_line(tmp_path: Path) -> None:
    check_each(
        _a_file_that_is_not_one_is_refused_in_one_line,
        [(tmp_path, *c) for c in NOT_DECISIONS],
        ids=lambda case: repr(case[1:]),
    )


def _a_file_that_is_not_one_is_refused_in_one_line(
    tmp_path: Path, content: Any, message: str
) -> None:
    settings = settings_of(new_project(tmp_path), content)  # a folder of the case's own
    with pytest.raises(InputError) as raised:
        prepare(settings)
    text = str(raised.value)
    assert "\n" not in text and DECISIONS_NAME in text
    assert message in text


def test_decisions_read_back_what_was_written(tmp_path: Path) -> None:
    settings = settings_of(tmp_path)
    decisions = read_decisions(settings.data_dir)
    assert (decisions.accepted, decisions.retakes) == ({}, {})
    decisions.accepted["vocabulary/a.mp3"] = Accepted("ab" * 32, "2026-11-22T10:00:00Z", "fine")
    retake = Retake("piper", None, 3, "flat", "2026-11-22T10:00:00Z")
    decisions.retakes[("vocabulary", "いぬ")] = retake
    decisions.path.write_bytes(decisions.as_bytes())
    again = read_decisions(settings.data_dir)
    assert again.accepted == decisions.accepted and again.retakes == decisions.retakes
    assert again.is_accepted("vocabulary/a.mp3", "ab" * 32)
    assert not again.is_accepted("vocabulary/a.mp3", "cd" * 32)  # the clip changed since
    assert decisions.as_bytes().decode("utf-8").endswith("}\n")
    assert "いぬ" in decisions.as_bytes().decode("utf-8")  # readable, not \\u escapes
