"""Every test of the models here pulls into a models folder of its own, online."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def models_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TTS_ASSETS_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.delenv("TTS_ASSETS_OFFLINE", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    return tmp_path / "models"
