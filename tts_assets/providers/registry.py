"""Find provider classes by name: built-ins and plugins through the same entry-point group.

A third-party package adds a provider by declaring, in its pyproject.toml,

    [project.entry-points."tts_assets.providers"]
    myvoice = "my_package.provider:MyVoiceProvider"

The built-in providers are declared the same way in tts-assets' own pyproject.toml; the
table below is the fallback for a source checkout that was never installed. A provider
is known by its entry point's name everywhere (the run, the manifest, the content key),
and its class must say the same `name`: a subclass of a built-in that kept its parent's
name would otherwise be mistaken for the parent. A class that still declares the
deprecated `takes_phonemes` in place of `alphabet(voice)`, or is built on the old base
`Provider` in place of `Engine` and `VoiceCatalogue`, is loaded with a DeprecationWarning
(`deprecated_members`).
"""

from __future__ import annotations

import functools
import importlib
import sys
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import InputError

if TYPE_CHECKING:  # the classes are imported by `get`; listing names needs none of them
    from .engine import Engine

GROUP = "tts_assets.providers"

_BUILTIN = {
    "kokoro": "tts_assets.providers.kokoro:KokoroProvider",
    "piper": "tts_assets.providers.piper:PiperProvider",
    "say": "tts_assets.providers.say:SayProvider",
    "espeak": "tts_assets.providers.espeak:EspeakProvider",
    "elevenlabs": "tts_assets.providers.elevenlabs:ElevenLabsProvider",
    "supertonic": "tts_assets.providers.supertonic:SupertonicProvider",
}

BUILT_IN: tuple[str, ...] = tuple(_BUILTIN)
"""The names of the providers that come with tts-assets (`--help` lists them)."""

DEFAULT_PROVIDER = "kokoro"
"""The provider of a run that names none."""

_registered: dict[str, type[Engine]] = {}


def register(name: str, cls: type[Engine]) -> None:
    """Register a provider class at run time (tests register fault-injecting providers).

    ValueError when the class's `name` is not `name`.
    """
    if cls.name != name:
        raise ValueError(
            _mismatch("provider", name, f"{cls.__module__}:{cls.__qualname__}", cls.name)
        )
    _warn_deprecated(cls)
    _registered[name] = cls


def unregister(name: str) -> None:
    """Forget a provider registered with `register`."""
    _registered.pop(name, None)


def plugins(group: str, built_in: Mapping[str, str]) -> dict[str, str]:
    """The entry points of `group` by name: `built_in`, in its order, then the installed
    plugins by name (an installed built-in keeps its place: a dict keeps a key's first)."""
    return {**built_in, **dict(sorted(_installed(group, tuple(sys.path)).items()))}


@functools.lru_cache(maxsize=8)
def _installed(group: str, path: tuple[str, ...]) -> dict[str, str]:
    """The entry points of `group` installed on `path` (sys.path), scanned once per path
    (it takes a while; importlib.metadata is slow to import: not for `--help`)."""
    from importlib.metadata import entry_points

    return {ep.name: ep.value for ep in entry_points(group=group)}


def load(kind: str, name: str, target: str) -> Any:
    """The object `target` (`module:attribute`) names, a `kind` ("provider", "feature")
    found under the entry point `name`; InputError when its own `name` is another."""
    module_name, _, attr = target.partition(":")
    found = getattr(importlib.import_module(module_name), attr)
    if found.name != name:
        raise InputError(_mismatch(kind, name, target, found.name))
    return found


def _mismatch(kind: str, name: str, target: str, said: str) -> str:
    return (
        f'{kind} plugin {name!r} ({target}) has name = "{said}" in its class; a {kind} '
        f'answers to its entry point\'s name: set name = "{name}" in the class'
    )


def names() -> list[str]:
    """Every provider name, built in, installed as a plugin, or registered."""
    return sorted(set(plugins(GROUP, _BUILTIN)) | set(_registered))


def get(name: str) -> type[Engine]:
    """The provider class called `name`; InputError listing the valid names otherwise."""
    if name in _registered:
        return _registered[name]
    target = plugins(GROUP, _BUILTIN).get(name)
    if target is None:
        shown = name if len(name) <= 40 else name[:39] + "…"  # a 100,000-character one too
        raise InputError(f"unknown provider {shown!r}; valid providers: {', '.join(names())}")
    cls: type[Engine] = load("provider", name, target)
    _warn_deprecated(cls)
    return cls


_INSTEAD = {
    "takes_phonemes": "sets takes_phonemes, which is deprecated: declare alphabet(voice) "
    "instead (it then takes Kokoro's Japanese phonemes on every voice)",
    "Provider": "subclasses Provider, the old base, which is deprecated: subclass "
    "tts_assets.Engine and VoiceCatalogue instead (BlockingEngine for Blocking"
    "Provider; Billing too, for a paid engine)",
}
"""What a class that declares each deprecated member is told to do instead."""


def deprecated_members(cls: type[Engine]) -> list[str]:
    """The deprecated members `cls` declares: `takes_phonemes` set without `alphabet`
    overridden (the default `alphabet` reads it, for one release), and `Provider` for a
    class built on the old base (the three parts in one, kept for one release)."""
    from .base import Provider
    from .engine import Engine

    found = []
    if cls.takes_phonemes and cls.alphabet is Engine.alphabet:
        found.append("takes_phonemes")
    if issubclass(cls, Provider):
        found.append("Provider")
    return found


def _warn_deprecated(cls: type[Engine]) -> None:
    """A DeprecationWarning for a provider class that declares a deprecated member."""
    for member in deprecated_members(cls):
        warnings.warn(
            f"provider {cls.name!r} ({cls.__module__}:{cls.__qualname__}) "
            f"{_INSTEAD[member]}; see docs/providers.md",
            DeprecationWarning,
            stacklevel=3,
        )
