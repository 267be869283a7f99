"""The user's folders: where the cache is, following the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from tts_assets.dirs import cache_folder


def test_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTS_ASSETS_CACHE_DIR", "/somewhere/tts")
    assert cache_folder() == Path("/somewhere/tts")
    monkeypatch.delenv("TTS_ASSETS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/xdg")
    assert cache_folder() == Path("/xdg/tts-assets")
