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
    from .audio.samples import Audio
    from .commands.adopt import AdoptReport, adopt
    from .commands.apply_review import Applied, apply_review
    from .commands.batches import MissingClip, make_batch, missing_clips
    from .commands.cache_key import cache_key
    from .commands.generate import agenerate, generate
    from .commands.merge import MergeReport, merge
    from .commands.providers import list_providers
    from .commands.prune import PruneReport, prune
    from .commands.readings import ReadingsReport, check_readings
    from .commands.rebuild import RebuildReport, rebuild
    from .commands.report import Report, Table
    from .commands.review import WrittenPage, write_page
    from .commands.single import asynthesize, get_provider, render, synthesize
    from .commands.summary import Summary
    from .commands.types import TypesInForce, types_in_force
    from .commands.verify import fix, verify
    from .commands.voices import list_voices
    from .errors import (
        AudioInvalid,
        ClipError,
        ConfigError,
        InputError,
        Interrupted,
        LockedError,
        MachineFault,
        NotReplaced,
        ProviderFatal,
        TtsAssetsError,
    )
    from .making.hooks import Reporter, SilentReporter, Stop
    from .making.report import Failure, Progress
    from .planning.plan import Plan
    from .planning.shard import Shard
    from .providers.billing import Billing
    from .providers.catalogue import VoiceCatalogue
    from .providers.engine import BlockingEngine, Engine
    from .providers.settings import ProviderSettings
    from .providers.speech import ProviderOptions, Speech
    from .retry import RetryPolicy
    from .settings.config import Settings, VoiceChoice
    from .settings.load import content_sets, load_settings
    from .settings.sets import ContentSet

_HOMES = {
    ".audio": ["AudioSettings"],
    ".settings.config": ["Settings", "VoiceChoice"],
    ".settings.load": ["content_sets", "load_settings"],
    ".errors": [
        "AudioInvalid",
        "ClipError",
        "ConfigError",
        "InputError",
        "Interrupted",
        "LockedError",
        "MachineFault",
        "NotReplaced",
        "ProviderFatal",
        "TtsAssetsError",
    ],
    ".making.hooks": ["Reporter", "SilentReporter", "Stop"],
    ".planning.plan": ["Plan"],
    ".audio.samples": ["Audio"],
    ".providers.engine": ["BlockingEngine", "Engine"],
    ".providers.catalogue": ["VoiceCatalogue"],
    ".providers.billing": ["Billing"],
    ".providers.speech": ["ProviderOptions", "Speech"],
    ".providers.settings": ["ProviderSettings"],
    ".making.report": ["Failure", "Progress"],
    ".commands.summary": ["Summary"],
    ".retry": ["RetryPolicy"],
    ".commands.generate": ["agenerate", "generate"],
    ".commands.verify": ["fix", "verify"],
    ".commands.prune": ["PruneReport", "prune"],
    ".commands.adopt": ["AdoptReport", "adopt"],
    ".commands.merge": ["MergeReport", "merge"],
    ".commands.rebuild": ["RebuildReport", "rebuild"],
    ".commands.readings": ["ReadingsReport", "check_readings"],
    ".commands.apply_review": ["Applied", "apply_review"],
    ".commands.review": ["WrittenPage", "write_page"],
    ".commands.cache_key": ["cache_key"],
    ".commands.batches": ["MissingClip", "make_batch", "missing_clips"],
    ".commands.providers": ["list_providers"],
    ".commands.voices": ["list_voices"],
    ".commands.types": ["TypesInForce", "types_in_force"],
    ".commands.report": ["Report", "Table"],
    ".settings.sets": ["ContentSet"],
    ".planning.shard": ["Shard"],
    ".commands.single": ["asynthesize", "get_provider", "render", "synthesize"],
}
"""Each public name by the module it lives in (tests/unit/test_api.py holds the block above
to it)."""

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
