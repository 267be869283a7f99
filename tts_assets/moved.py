"""Import paths that moved, importable under their old names for one release.

Each language's code moved into its package (`lang/ja/`, `lang/zh/`, `lang/<code>/numbers.py`:
the readers, the numbers classes, the accent check), the script facts down to `scripts/`,
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
    "tts_assets.readings.analysis": "tts_assets.lang.ja.analysis",
    "tts_assets.readings.reconcile": "tts_assets.lang.ja.reconcile",
    "tts_assets.readings.accent": "tts_assets.lang.ja.accent",
    "tts_assets.readings.kana": "tts_assets.lang.ja.kana",
    "tts_assets.readings.morae": "tts_assets.lang.ja.morae",
    "tts_assets.readings.context": "tts_assets.lang.ja.context",
    "tts_assets.readings.memo": "tts_assets.lang.ja.memo",
    "tts_assets.readings.phonemes": "tts_assets.lang.ja.phonemes",
    "tts_assets.readings.counters": "tts_assets.lang.ja.counters",
    "tts_assets.readings.homographs": "tts_assets.lang.ja.homographs",
    "tts_assets.readings.chinese": "tts_assets.lang.zh",
    # Each language's code into its package.
    "tts_assets.readings.ja": "tts_assets.lang.ja",
    "tts_assets.readings.zh": "tts_assets.lang.zh",
    "tts_assets.readings.identity": "tts_assets.lang.ja.identity",
    "tts_assets.listening.accents": "tts_assets.lang.ja.accent_check",
    "tts_assets.listening.accent": "tts_assets.lang.ja.accent_heard",
    "tts_assets.review.misread": "tts_assets.lang.ja.misread",
    "tts_assets.content.scripts": "tts_assets.scripts.letters",
    "tts_assets.content.vietnamese": "tts_assets.scripts.vietnamese",
    **{
        f"tts_assets.readings.numbers.{code}": f"tts_assets.lang.{code}"
        for code in ("de", "en", "es", "fr", "it", "pl", "pt", "th", "vi")
    },
    "tts_assets.readings.numbers.ko": "tts_assets.lang.ko.numbers",
    "tts_assets.readings.numbers.zh": "tts_assets.lang.zh.numbers",
}
"""Old dotted path → new one; a moved package's submodules follow it."""


MOVED_NAMES = {
    "tts_assets.readings": {
        **dict.fromkeys(
            ("RULES_VERSION", "analyzer_identity", "key_material", "phoneme_identity"),
            "tts_assets.lang.ja.identity",
        ),
        "said_material": "tts_assets.lang.ja.identity",
        "Morpheme": "tts_assets.lang.ja.analysis",
        **dict.fromkeys(
            ("normalize_reading", "reading_key", "unusable_reason"), "tts_assets.lang.ja.kana"
        ),
        **dict.fromkeys(("kokoro_phonemes", "phonemes_of"), "tts_assets.lang.ja.phonemes"),
        **dict.fromkeys(
            ("KINDS", "Kind", "Reading", "ReadingVerdict", "reconcile"),
            "tts_assets.lang.ja.reconcile",
        ),
    },
}
"""Names a package's face no longer gives (the Japanese readings `tts_assets.readings`
gave), by package → name → the module that has it now (`moved_name`)."""


def moved_name(package: str, name: str) -> object:
    """The object `name`, once imported from `package`, with a `DeprecationWarning`
    naming its new module; AttributeError for a name that never moved (a package's
    `__getattr__`)."""
    module = MOVED_NAMES.get(package, {}).get(name)
    if module is None:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    warnings.warn(
        f"{package}.{name} moved to {module}; the old path goes in the next release",
        DeprecationWarning,
        stacklevel=3,
    )
    return getattr(importlib.import_module(module), name)


def new_path(name: str) -> str | None:
    """Where the module once imported as `name` lives now; None: it never moved."""
    for old, new in MOVED.items():
        if name == old or name.startswith(old + "."):
            return new + name[len(old) :]
    return None


class _OldPaths:
    """A meta path finder and loader for the old paths (the protocols, not the classes of
    importlib.abc: importing that module would slow every start-up)."""

    def __init__(self) -> None:
        self.specs: dict[str, importlib.machinery.ModuleSpec | None] = {}

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
        module = importlib.import_module(new)
        self.specs[spec.name] = module.__spec__  # importlib sets the old path's next
        return module

    def exec_module(self, module: ModuleType) -> None:
        """The module is the new one, already run; it keeps its own spec."""
        assert module.__spec__ is not None
        module.__spec__ = self.specs.pop(module.__spec__.name)


def install() -> None:
    """Let the old paths import (once per process)."""
    if not any(isinstance(finder, _OldPaths) for finder in sys.meta_path):
        sys.meta_path.insert(0, _OldPaths())  # before a leftover folder of an old install
