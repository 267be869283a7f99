"""Which Whisper the listening check hears with (`listen_model`): Whisper base by default, a
pulled model of the catalog by its name, or a model folder; a model not pulled is an
input error naming the command that pulls it, and a verdict is kept per model."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.support.project import Project
from tests.support.sweep import check_each, check_each_one
from tts_assets.errors import InputError, ModelNotInstalled
from tts_assets.listening.model import WHISPER_BASE, find_whisper


@pytest.fixture(autouse=True)
def no_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTS_ASSETS_MODELS_DIR", str(tmp_path / "models"))


def test_whisper_base_is_the_default_and_named_so() -> None:
    assert find_whisper() == WHISPER_BASE
    assert find_whisper("whisper-base") == WHISPER_BASE
    assert find_whisper(Path("/some/project/whisper-base")) == WHISPER_BASE  # anchored name


def test_a_catalog_whisper_not_pulled_names_its_pull() -> None:
    def case(name: str) -> None:
        with pytest.raises(ModelNotInstalled, match=f"run: tts-assets models pull {name}$"):
            find_whisper(Path("/project") / name)

    check_each_one(case, ["whisper-small", "whisper-large-v3-turbo"])


def test_a_model_folder_is_heard_with_and_known_by_its_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "my-whisper"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"weights")
    found = find_whisper(folder)
    assert found.folder == folder
    assert found.identity == f"my-whisper-{hashlib.sha256(b'weights').hexdigest()[:12]}"


def test_what_is_no_whisper_is_refused() -> None:
    def case(setting: str, said: str) -> None:
        with pytest.raises(InputError, match=said):
            find_whisper(setting)

    check_each(
        case,
        [
            ("kokoro-v1.0", "a kokoro-model model, not a Whisper one"),
            ("whisper-tiny", "no Whisper model of that name"),
        ],
    )


def test_a_folder_without_a_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no faster-whisper model there"):
        find_whisper(tmp_path)


def test_verify_listen_with_a_model_not_pulled_exits_2_naming_the_pull(project: Project) -> None:
    project.gen(
        {"data/grammar.json": [{"id": "g1", "examples": [{"japanese": "今日は雨です。"}]}]}
    ).config('listen_model = "whisper-small"\n')
    code, out = project.invoke("verify", "--listen")
    assert code == 2, out
    assert "whisper-small is not installed; run: tts-assets models pull whisper-small" in out
    assert "Traceback" not in out


def test_the_whisper_named_is_what_the_config_needs_pulled(tmp_path: Path) -> None:
    from tts_assets.commands.cache_key import cache_key
    from tts_assets.planning.models import by_language, needed
    from tts_assets.settings.load import load_settings

    base = load_settings(tmp_path, listen=True)
    small = load_settings(tmp_path, listen=True, listen_model="whisper-small")
    assert by_language(base)["listening check"] == ["whisper-base"]
    assert by_language(small)["listening check"] == ["whisper-small"]
    assert [m.name for m in needed(small)] == ["whisper-small"]  # models pull --for-config
    assert cache_key(small) != cache_key(base)


@pytest.mark.slow  # imports CTranslate2
@pytest.mark.parametrize("content", [b"garbage", b"", bytes(4096)])
def test_a_model_folder_ctranslate2_cannot_load_is_an_input_error(
    tmp_path: Path, content: bytes
) -> None:
    from tts_assets.listening.model import load_model

    folder = tmp_path / "my-whisper"
    folder.mkdir()
    (folder / "model.bin").write_bytes(content)
    (folder / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_model(1, "cpu", find_whisper(folder))
    message = str(caught.value)
    assert message.startswith(f"listen_model = {folder}: CTranslate2 cannot load it")
    assert "\n" not in message


@pytest.mark.slow  # joins 145 MB
def test_a_joined_whisper_base_changed_at_its_size_is_joined_again(tmp_path: Path) -> None:
    import os

    from tts_assets.listening.model import MODEL_SHA256, model_folder

    model = model_folder(tmp_path) / "model.bin"
    st = model.stat()
    with model.open("r+b") as f:
        f.seek(st.st_size // 2)
        f.write(b"\0" * 64)
    os.utime(model, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert model_folder(tmp_path) / "model.bin" == model
    assert hashlib.sha256(model.read_bytes()).hexdigest() == MODEL_SHA256
