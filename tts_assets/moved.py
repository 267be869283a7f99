"""Import paths that moved, importable under their old names for one release.

The readers' modules moved into their language's package (`readings/ja/`, `readings/zh/`),
and the text-to-phoneme modules from `providers/` into `frontends/`. A plugin or script that
imports an old path gets the very same module (not a copy, so patching it patches the one
the tool uses), with a `DeprecationWarning` naming the new path. Remove in 0.(n+1).
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

MOVED = {
    "tts_assets.providers.kokoro_phonemes": "tts_assets.frontends.kokoro_phonemes",
    "tts_assets.providers.espeak_pinyin": "tts_assets.frontends.espeak_pinyin",
    "tts_assets.providers.espeak_phonemes": "tts_assets.frontends.espeak_phonemes",
    "tts_assets.providers.espeak_switches": "tts_assets.frontends.espeak_switches",
    "tts_assets.providers.pinyin": "tts_assets.frontends.pinyin",
    "tts_assets.readings.analysis": "tts_assets.readings.ja.analysis",
    "tts_assets.readings.reconcile": "tts_assets.readings.ja.reconcile",
    "tts_assets.readings.accent": "tts_assets.readings.ja.accent",
    "tts_assets.readings.kana": "tts_assets.readings.ja.kana",
    "tts_assets.readings.morae": "tts_assets.readings.ja.morae",
    "tts_assets.readings.context": "tts_assets.readings.ja.context",
    "tts_assets.readings.memo": "tts_assets.readings.ja.memo",
    "tts_assets.readings.phonemes": "tts_assets.readings.ja.phonemes",
    "tts_assets.readings.counters": "tts_assets.readings.ja.counters",
    "tts_assets.readings.homographs": "tts_assets.readings.ja.homographs",
    "tts_assets.readings.chinese": "tts_assets.readings.zh",
}
"""Old dotted path → new one; a moved package's submodules follow it."""


def new_path(name: str) -> str | None:
    """Where the module once imported as `name` lives now; None: it never moved."""
    for old, new in MOVED.items():
        if name == old or name.startswith(old + "."):
            return new + name[len(old) :]
    return None


class _OldPaths:
    """A meta path finder and loader for the old paths (the protocols, not the classes of
    importlib.abc: importing that module costs every start-up about 10 ms)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if new_path(fullname) is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, cast("Loader", self))

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        new = new_path(spec.name)
        assert new is not None
        warnings.warn(
            f"{spec.name} moved to {new}; the old path goes in the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        return importlib.import_module(new)

    def exec_module(self, module: ModuleType) -> None:
        """The module is the new one, already run."""


def install() -> None:
    """Let the old paths import (once per process)."""
    if not any(isinstance(finder, _OldPaths) for finder in sys.meta_path):
        sys.meta_path.insert(0, _OldPaths())  # before a leftover folder of an old install
