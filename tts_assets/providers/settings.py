"""Typed provider settings: the keys of a `[providers.NAME]` table, checked before a run.

Each provider declares its settings as a frozen dataclass that subclasses
`ProviderSettings`, one field per key with a docstring under it, and names it in its
`settings_type`; they are checked as every table is (`tts_assets.tables`). A key an
environment variable sets names it (`env=`); the variable starts with the provider's
name in capitals (`-` as `_`), which is how settings find it without importing every
provider:

    @dataclass(frozen=True)
    class PiperSettings(ProviderSettings):
        intra_op_threads: int = setting(1, low=1)
        \"\"\"ONNX threads per inference.\"\"\"

    @dataclass(frozen=True)
    class ElevenLabsSettings(ProviderSettings):
        api_key: str | None = setting(None, secret=True, env="ELEVENLABS_API_KEY")
"""

from __future__ import annotations

from dataclasses import dataclass

from ..tables import BadSetting as BadSetting  # for providers (plugins too)
from ..tables import Table
from ..tables import setting as setting


def env_prefix(provider: str) -> str:
    """How the environment variables of provider `provider` start: `ELEVENLABS_`."""
    return provider.upper().replace("-", "_") + "_"


@dataclass(frozen=True)
class ProviderSettings(Table):
    """Base of every provider's settings: one checked field per key of its table."""
