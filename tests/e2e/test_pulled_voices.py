"""`tts-assets voices` lists the pulled voices with their languages, and Kokoro's "no
voice for this language" names the pull that gives it one.

The pulled models are stand-ins of the pinned sizes, pinned for the test by their own
digests (tests/support/pulled_standins.py): what is listed is read from a model's folder,
never from a loaded model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import pulled_standins
from tests.support.project import Project, write_json


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TTS_ASSETS_MODELS_DIR", str(tmp_path / "models"))
    return tmp_path / "models"


def _rows(project: Project, *args: str) -> dict[str, dict[str, str]]:
    return {row["voice"]: row for row in project.json("voices", *args)["voices"]}


def test_kokoros_pulled_voices_are_listed_with_their_languages(
    project: Project, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _rows(project)
    assert set(before) == {"jf_alpha", "jf_gongitsune", "jf_nezumi", "jf_tebukuro", "jm_kumo"}
    assert before["jf_alpha"]["from"] == "packaged"

    pulled_standins.kokoro_voices(
        monkeypatch, "af_heart", "ef_dora", "jf_alpha", "zf_xiaobei", "zm_yunxi"
    )
    # Pulled, not in use: listed with the setting that uses it.
    rows = _rows(project)
    assert rows["jf_alpha"]["from"] == "packaged"
    assert rows["zf_xiaobei"] == {
        "voice": "zf_xiaobei",
        "languages": "zh",
        "from": "kokoro-voices-v1.0",
        "note": "not in use; pass --kokoro-voices kokoro-voices-v1.0",
    }
    assert rows["af_heart"]["languages"] == "en-us" and rows["ef_dora"]["languages"] == "es"

    # In use: every voice is the pulled file's, the defaults marked.
    rows = _rows(project, "--kokoro-voices", "kokoro-voices-v1.0")
    assert set(rows) == {"af_heart", "ef_dora", "jf_alpha", "zf_xiaobei", "zm_yunxi"}
    assert {row["from"] for row in rows.values()} == {"kokoro-voices-v1.0"}
    assert rows["zf_xiaobei"]["note"] == "default for zh"
    assert rows["zm_yunxi"]["languages"] == "zh" and rows["zm_yunxi"]["note"] == ""


def test_piper_lists_its_pulled_voices_with_their_languages(
    project: Project, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pulled_standins.piper_voice(monkeypatch, "de_DE-thorsten-medium", "de_DE")
    rows = _rows(project, "--provider", "piper")
    assert rows["en_US-joe-medium"]["from"] == "packaged"
    assert rows["de_DE-thorsten-medium"] == {
        "voice": "de_DE-thorsten-medium",
        "languages": "de",
        "from": "piper:de_DE-thorsten-medium",
        "note": "default for de",
    }


def test_a_language_kokoro_has_no_voice_for_names_the_pull(
    project: Project, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_json(project / "data/vocabulary.json", [{"word": "每天"}])
    code, out = project.invoke("generate", "--lang", "zh", "--dry-run")
    assert code == 2
    assert "; pass --kokoro-voices kokoro-voices-v1.0 (run: tts-assets models pull " in out

    pulled_standins.kokoro_voices(monkeypatch, "jf_alpha", "zf_xiaobei")
    code, out = project.invoke("generate", "--lang", "zh", "--dry-run")
    assert code == 2  # pulled, not named in the settings: naming it is what is left
    assert "; pass --kokoro-voices kokoro-voices-v1.0, or --provider espeak" in out
