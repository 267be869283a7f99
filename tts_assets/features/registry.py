"""The features, by name, in their declared order: built-ins and plugins through the same
entry-point group, as providers are (`providers.registry`).

A third-party package adds a feature by declaring, in its pyproject.toml,

    [project.entry-points."tts_assets.features"]
    myfeature = "my_package.feature:FEATURE"

where `FEATURE` is an instance of a `hooks.Feature` subclass whose `name` is the entry
point's. The built-ins are declared the same way in tts-assets' own pyproject.toml;
`BUILT_IN` is the fallback for a checkout never installed, and their order. Every command
calls each feature's hook in it, then the plugins' by name: the order of verify's
problems, generate's notes and prune's list is declared here, not implied by imports.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..providers.registry import load, plugins

if TYPE_CHECKING:
    from .hooks import Feature

GROUP = "tts_assets.features"

BUILT_IN: dict[str, str] = {
    "refused": "tts_assets.features.refused:FEATURE",
    "advice": "tts_assets.features.advice:FEATURE",
    "timings": "tts_assets.features.timings:FEATURE",
    "durations": "tts_assets.features.durations:FEATURE",
    "tracks": "tts_assets.features.tracks:FEATURE",
    "listening": "tts_assets.features.listening:FEATURE",
    "accent": "tts_assets.lang.ja.accent_feature:FEATURE",
    "lengths": "tts_assets.features.lengths:FEATURE",
    "slow": "tts_assets.features.slow:FEATURE",
    "drills": "tts_assets.features.drills:FEATURE",
    "dialogues": "tts_assets.features.dialogues:FEATURE",
}
"""The features that come with tts-assets, in the order every command calls them."""

_registered: dict[str, Feature] = {}


def register(feature: Feature) -> None:
    """Register a feature at run time, after every other (tests register fault-injecting
    ones); ValueError when it has no name."""
    if not feature.name:
        raise ValueError(f"{type(feature).__qualname__} has no name: set name = ... in its class")
    _registered[feature.name] = feature
    features.cache_clear()


def unregister(name: str) -> None:
    """Forget a feature registered with `register`."""
    _registered.pop(name, None)
    features.cache_clear()


@functools.lru_cache(maxsize=1)
def features() -> tuple[Feature, ...]:
    """Every feature, in the declared order: the built-ins, the plugins by name, then the
    ones registered at run time."""
    targets = plugins(GROUP, BUILT_IN)
    # Each `module:attribute`; InputError when its name is not the entry point's.
    found: list[Feature] = [load("feature", name, target) for name, target in targets.items()]
    return (*found, *(f for name, f in _registered.items() if name not in targets))


def having(hook: str) -> tuple[Feature, ...]:
    """The features that plug into `hook` (their class overrides it), in the declared
    order: what a command loops over."""
    return _having(hook, features())


@functools.lru_cache(maxsize=16)
def _having(hook: str, every: tuple[Feature, ...]) -> tuple[Feature, ...]:
    from .hooks import Feature

    return tuple(f for f in every if getattr(type(f), hook) is not getattr(Feature, hook))
