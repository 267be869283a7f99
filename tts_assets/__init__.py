"""tts-assets: the audio of language-learning content, as a library with a CLI on top.

    import tts_assets

    settings = tts_assets.load_settings(".", speed=1.1)       # as the CLI checks flags
    summary = tts_assets.generate(settings)                    # or: await agenerate(...)
    print(summary.generated, summary.exit_code)

    audio = tts_assets.synthesize("今日は雨です。")            # one text, no files
    mp3 = tts_assets.render(audio)

Importing this package loads neither the CLI (typer, rich) nor numpy or a model; each
public name is imported from its module on first use (so `tts-assets --help` loads only
the CLI).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what type checkers and editors see: the same names, from the same homes
    from .audio import AudioSettings
    from .config import Settings, VoiceChoice, load_settings
    from .errors import (
        AudioInvalid,
        ClipError,
        ConfigError,
        InputError,
        Interrupted,
        LockedError,
        ProviderFatal,
        TtsAssetsError,
    )
    from .hooks import Reporter, SilentReporter, Stop
    from .plan import Plan
    from .providers.base import Audio, BlockingProvider, Provider, ProviderOptions, Speech
    from .providers.settings import ProviderSettings
    from .results import Failure, Progress, Summary
    from .retry import RetryPolicy
    from .run import agenerate, generate
    from .sets import ContentSet, content_sets
    from .shard import Shard
    from .single import asynthesize, get_provider, render, synthesize

_HOMES = {
    ".audio": ["AudioSettings"],
    ".config": ["Settings", "VoiceChoice", "load_settings"],
    ".errors": [
        "AudioInvalid",
        "ClipError",
        "ConfigError",
        "InputError",
        "Interrupted",
        "LockedError",
        "ProviderFatal",
        "TtsAssetsError",
    ],
    ".hooks": ["Reporter", "SilentReporter", "Stop"],
    ".plan": ["Plan"],
    ".providers.base": ["Audio", "BlockingProvider", "Provider", "ProviderOptions", "Speech"],
    ".providers.settings": ["ProviderSettings"],
    ".results": ["Failure", "Progress", "Summary"],
    ".retry": ["RetryPolicy"],
    ".run": ["agenerate", "generate"],
    ".sets": ["ContentSet", "content_sets"],
    ".shard": ["Shard"],
    ".single": ["asynthesize", "get_provider", "render", "synthesize"],
}
"""Each public name by the module it lives in (tests/test_api.py holds the block above to it)."""

_HOME = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> object:
    """A public name, imported from its module the first time it is asked for."""
    if name not in _HOME:
        raise AttributeError(f"module 'tts_assets' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
