"""Turning synthesized samples into stored clips: trim, loudness, encode, validate.

Only the settings live at this level, so configuration and planning can import them
without numpy; the signal work is in submodules the synthesis path imports (`process`).
"""

from __future__ import annotations

from .settings import FORMATS, AudioSettings

__all__ = ["FORMATS", "AudioSettings"]
