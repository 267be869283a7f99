"""Typed provider settings: the keys of a `[providers.NAME]` table, checked before a run.

Each provider declares its settings as a frozen dataclass that subclasses
`ProviderSettings`, one field per key with a docstring under it, and names it in its
`settings_type`; they are checked as every table is (`tts_assets.tables`).

    @dataclass(frozen=True)
    class PiperSettings(ProviderSettings):
        intra_op_threads: int = setting(1, low=1)
        \"\"\"ONNX threads per inference.\"\"\"
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..tables import BadSetting, Table, setting

__all__ = [
    "API_KEY_ENV",
    "BASE_URL_ENV",
    "ENVIRONMENT",
    "BadSetting",
    "ProviderSettings",
    "setting",
]

API_KEY_ENV = "ELEVENLABS_API_KEY"
BASE_URL_ENV = "ELEVENLABS_BASE_URL"

ENVIRONMENT: Mapping[str, tuple[str, str]] = {
    API_KEY_ENV: ("elevenlabs", "api_key"),
    BASE_URL_ENV: ("elevenlabs", "base_url"),
}
"""Environment variables that set one provider's setting: (provider, key)."""


@dataclass(frozen=True)
class ProviderSettings(Table):
    """Base of every provider's settings: one checked field per key of its table."""
