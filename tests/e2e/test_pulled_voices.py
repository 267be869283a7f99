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
from tts_assets.errors import InputError


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


FULL_FILE_VOICE = (
    "error: {where}the kokoro voice '{voice}' is in Kokoro's full voices file "
    "(kokoro-voices-v1.0), not in the voices in use (the packaged Japanese voices); "
    "{get}pass --kokoro-voices "
    'kokoro-voices-v1.0 or set [providers.kokoro] voices = "kokoro-voices-v1.0"\n'
)
PULL = "run: tts-assets models pull kokoro-voices-v1.0, then "


@pytest.mark.parametrize(
    ("lang", "field", "text", "voice"),
    [
        # a Chinese course; its last dry run loads the Chinese G2P and the polyphone
        # decider's dictionaries and model (over 3 s of CPU: the fast loop's limit)
        pytest.param("zh", "chinese", "我喜欢喝水。", "zf_xiaobei", marks=pytest.mark.slow),
        # the README's own example; its last dry run loads espeak-ng's English phonemes
        pytest.param("en", "english", "I like water.", "af_heart", marks=pytest.mark.slow),
    ],
)
def test_a_course_naming_a_voice_of_the_full_file_is_told_the_pull(
    project: Project,
    models: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    field: str,
    text: str,
    voice: str,
) -> None:
    # Not "unknown voice ... valid voices: jf_alpha, ...", but the command that
    # gets it, at the check before anything is made (exit 2, one line).
    project.gen({f"data/{lang}/grammar.json": [{"examples": [{field: text}]}]})
    project.config(
        f'lang = "{lang}"\ndata_dir = "data/{lang}"\n\n[languages]\n{lang} = "kokoro:{voice}"\n'
    )
    before = project.tree()
    where = f"{project / 'tts-assets.toml'}: [languages] {lang}: "  # where to change it
    for args in (("generate", "--dry-run"), ("generate",)):
        code, out = project.invoke(*args)
        assert (code, out) == (2, FULL_FILE_VOICE.format(where=where, voice=voice, get=PULL))
    assert project.tree() == before

    # The library says the same.
    import tts_assets

    with pytest.raises(InputError) as raised:
        tts_assets.synthesize(text, lang=lang, provider="kokoro", voice=voice)
    assert f"error: {raised.value}\n" == FULL_FILE_VOICE.format(where="", voice=voice, get=PULL)

    # Pulled, not in use: naming it is what is left.
    pulled_standins.kokoro_voices(monkeypatch, "jf_alpha", voice)
    code, out = project.invoke("generate", "--dry-run")
    assert (code, out) == (2, FULL_FILE_VOICE.format(where=where, voice=voice, get=""))
    code, out = project.invoke("generate", "--dry-run", "--kokoro-voices", "kokoro-voices-v1.0")
    assert code == 0, out


def test_a_voice_in_no_kokoro_file_lists_the_voices(project: Project, models: Path) -> None:
    project.gen({"data/grammar.json": [{"examples": [{"chinese": "我喜欢喝水。"}]}]})
    project.config('lang = "zh"\n\n[languages]\nzh = "kokoro:zf_nobody"\n')
    code, out = project.invoke("generate", "--dry-run")
    assert code == 2
    assert out == (
        f"error: {project / 'tts-assets.toml'}: [languages] zh: unknown voice 'zf_nobody' for "
        "provider 'kokoro'; valid voices: jf_alpha, "
        "jf_gongitsune, jf_nezumi, jf_tebukuro, jm_kumo\n"
    )
