"""A Korean vocabulary file said by Supertonic (`[languages] ko = "supertonic:F1"`) through
the CLI: without the model, one line naming its pull; with the small model of
tests/support/supertonic_graphs.py installed as supertonic-3 (`models pull --from`, its
pins the small files'), planned, made, written back, made again the same, and a text
with a character the model cannot say refused while the others are made."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support import REPO
from tests.support.course import make_course
from tests.support.project import Project
from tests.support.supertonic_graphs import install_small_model

CONFIG = 'lang = "ko"\n\n[languages]\nko = "supertonic:F1"\n'
WORDS = [
    {"id": "w1", "word": "사과"},
    {"id": "w2", "word": "학교에 가요."},
    {"id": "w3", "word": "사과 3개를 주세요."},
]


@pytest.fixture
def course(project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setenv("TTS_ASSETS_MODELS_DIR", str(tmp_path / "models"))
    project.gen({"data/vocabulary.json": WORDS})
    return project.config(CONFIG)


def test_without_the_model_one_line_names_its_pull(course: Project) -> None:
    for args in (("generate",), ("generate", "--dry-run")):
        code, out = course.invoke(*args)
        assert code == 2, out
        (line,) = [line for line in out.splitlines() if line.strip()]
        assert "supertonic-3 is not installed; run: tts-assets models pull supertonic-3" in line
    assert not (course / "public").exists()


def test_korean_clips_are_planned_made_written_back_and_made_again_the_same(
    course: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_small_model(monkeypatch, tmp_path)
    plan = course.json("generate", "--dry-run")
    assert plan["generated"] == 0 and plan["types"]["vocabulary"]["new"] == 3, plan

    summary = course.json("generate")
    assert summary["generated"] == 3 and summary["failures"] == [], summary
    clips = course.manifest()["clips"]
    assert {(c["provider"], c["voice"], c["lang"]) for c in clips} == {("supertonic", "F1", "ko")}
    said = {c["text"]: c for c in clips}
    # Word timings are declared unavailable, never guessed.
    assert all("one duration per piece" in c["timings"]["none"] for c in clips)
    assert not any(ch.isdigit() for ch in said["사과 3개를 주세요."]["spoken"])
    made = {}
    for n in range(3):
        path = course.clip_of(course.url_of("vocabulary.json", n, "audioUrl"))
        made[n] = path.read_bytes()
        path.unlink()
    (course / "public" / "audio" / "manifest.json").unlink(missing_ok=True)
    summary = course.json("generate")
    assert summary["generated"] == 3
    for n in range(3):
        path = course.clip_of(course.url_of("vocabulary.json", n, "audioUrl"))
        assert path.read_bytes() == made[n]  # the same key, the same bytes


def test_a_text_it_cannot_say_fails_and_the_others_are_made(
    course: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_small_model(monkeypatch, tmp_path)
    course.gen({"data/vocabulary.json": [*WORDS, {"id": "w4", "word": "學校에 가요."}]})
    code, out = course.invoke("generate")
    assert code == 1, out
    assert "學 (U+5B78) at character 1" in out
    code, out = course.invoke("generate", "--dry-run", "--json")
    assert '"new": 1' in out  # only the refused text is left to make


def test_the_seed_apps_korean_folder_configured_from_the_docs_is_said_by_supertonic(
    project: Project, fault: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTS_ASSETS_MODELS_DIR", str(tmp_path / "models"))
    install_small_model(monkeypatch, tmp_path)
    page = (REPO / "docs/languages.md").read_text(encoding="utf-8")
    (mapped,) = re.findall(r'^ko = "(supertonic:[^"]+)"', page, re.M)  # the seven languages
    make_course(project)
    config = (project / "tts-assets.toml").read_text(encoding="utf-8")
    (project / "tts-assets.toml").write_text(
        config.replace('ko = "fault"', f'ko = "{mapped}"'), encoding="utf-8"
    )
    project.json("generate", "--set", "ko")  # exit 0: every text made
    korean = project.manifest()["clips"]
    assert len(korean) >= 4 and {c["lang"] for c in korean} == {"ko"}  # words, sentence, chart
    assert {(c["provider"], c["voice"]) for c in korean} == {("supertonic", "F1")}
