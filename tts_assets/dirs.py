"""Where tts-assets keeps what it makes outside a project, and every environment
variable that says so.

    cache folder    $TTS_ASSETS_CACHE_DIR, else $XDG_CACHE_HOME/tts-assets, else
                    ~/.cache/tts-assets: rewritten models, the joined Whisper base, the
                    readings memo, crash logs, and the models folder
    models folder   $TTS_ASSETS_MODELS_DIR, else <cache folder>/models: what
                    `tts-assets models pull` installs, one folder per model

A leaf: it imports nothing of the package, so every layer may ask it.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_DIR_ENV = "TTS_ASSETS_CACHE_DIR"
"""The cache folder."""
MODELS_DIR_ENV = "TTS_ASSETS_MODELS_DIR"
"""The models folder (default: `models` in the cache folder)."""
OFFLINE_ENV = "TTS_ASSETS_OFFLINE"
"""1: `models pull` refuses the network (installs only from --from DIR)."""
HF_OFFLINE_ENV = "HF_HUB_OFFLINE"
"""Hugging Face's own offline switch, honoured the same way."""
HF_ENDPOINT_ENV = "HF_ENDPOINT"
"""A Hugging Face mirror (default https://huggingface.co), as huggingface_hub reads it."""
GITHUB_MIRROR_ENV = "TTS_ASSETS_GITHUB_MIRROR"
"""A mirror of GitHub's release downloads (default https://github.com)."""

_TRUE = ("1", "true", "yes", "on")


def cache_folder() -> Path:
    """$TTS_ASSETS_CACHE_DIR, else $XDG_CACHE_HOME/tts-assets, else ~/.cache/tts-assets."""
    if os.environ.get(CACHE_DIR_ENV):
        return Path(os.environ[CACHE_DIR_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tts-assets"


def models_folder() -> Path:
    """$TTS_ASSETS_MODELS_DIR, else the `models` folder in the cache folder."""
    if os.environ.get(MODELS_DIR_ENV):
        return Path(os.environ[MODELS_DIR_ENV])
    return cache_folder() / "models"


def offline() -> str | None:
    """The variable that turns the network off (`TTS_ASSETS_OFFLINE=1`), or None."""
    for name in (OFFLINE_ENV, HF_OFFLINE_ENV):
        if os.environ.get(name, "").strip().lower() in _TRUE:
            return f"{name}={os.environ[name]}"
    return None
