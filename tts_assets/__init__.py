"""tts-assets: the audio of language-learning content, as a library with a CLI on top.

    import tts_assets

    settings = tts_assets.load_settings(".", speed=1.1)       # as the CLI checks flags
    summary = tts_assets.generate(settings)                    # or: await agenerate(...)
    print(summary.generated, summary.exit_code)

    audio = tts_assets.synthesize("今日は雨です。")            # one text, no files
    mp3 = tts_assets.render(audio)

Importing this package loads neither the CLI (typer, rich) nor numpy or a model.
"""

from __future__ import annotations

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
from .single import asynthesize, get_provider, render, synthesize

__all__ = [
    "Audio",
    "AudioInvalid",
    "AudioSettings",
    "BlockingProvider",
    "ClipError",
    "ConfigError",
    "Failure",
    "InputError",
    "Interrupted",
    "LockedError",
    "Plan",
    "Progress",
    "Provider",
    "ProviderFatal",
    "ProviderOptions",
    "ProviderSettings",
    "Reporter",
    "RetryPolicy",
    "Settings",
    "SilentReporter",
    "Speech",
    "Stop",
    "Summary",
    "TtsAssetsError",
    "VoiceChoice",
    "agenerate",
    "asynthesize",
    "generate",
    "get_provider",
    "load_settings",
    "render",
    "synthesize",
]
