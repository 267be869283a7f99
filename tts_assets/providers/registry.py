"""Find provider classes by name: built-ins and plugins through the same entry-point group.

A plugin declares its provider in its pyproject.toml (docs/providers.md), as tts-assets'
own pyproject.toml declares the built-ins; the table below is the fallback for a source
checkout that was never installed. A provider is known by its entry point's name
everywhere (the run, the manifest, the content key), and its class must say the same
`name`: a subclass of a built-in that kept its parent's name would otherwise be mistaken
for the parent.
"""

from __future__ import annotations

import functools
import importlib
import sys
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
    """Register a provider class at run time (tests register fault-injecting providers);
    ValueError when the class's `name` is not `name`."""
    if cls.name != name:
        raise ValueError(
            _mismatch("provider", name, f"{cls.__module__}:{cls.__qualname__}", cls.name)
        )
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
    return cls
