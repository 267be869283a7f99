"""Voices in rotation: a list of voices for a field or a language, and who says each entry.

A field's `voice` (or a `[languages]` entry) may be a list of two or more voices, with a
mode (`voice_mode`):

    rotate   each entry is said by one voice of the list, the same for all its texts,
             chosen by the entry's identity (`identity`): its `id`, else its first text
    each     every text is said by every voice: the field's URL gets the first voice's
             clip, and the list place (`voices_url`) one URL per voice, in the list's order
             (`content.twins.voice_twins`)

Who says an entry is a hash of its identity with each voice, the highest wins (rendezvous
hashing, `turn`): never its position in the file, so an entry keeps its voice on every run
whatever is added, removed or moved around it, and a voice dropped from the list moves
only the entries it said (a voice added takes its share from each of the others). A list of
one voice is that voice: its clips keep the keys they had.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .selector import kind_of

ROTATE = "rotate"
EACH = "each"
MODES = (ROTATE, EACH)
"""How a list of voices says a field's texts (module docstring)."""

MOST_VOICES = 50
"""The longest list of voices: each entry weighs every voice of its list."""

ID_KEY = "id"
"""The entry key that identifies an entry, as `export anki` reads it (`--id-key`)."""


class VoicesError(ValueError):
    """A list of voices that is not one: what is wrong and what to do."""


def voice_list(value: Any) -> tuple[str, ...]:
    """The voices of a `voice` list as written (names, stripped), checked: VoicesError
    for an empty list, a name that is no string or blank, a voice named twice, or more
    than `MOST_VOICES`."""
    if not isinstance(value, list | tuple):
        raise VoicesError(f"expected a voice name or a list of them, found {kind_of(value)}")
    if not value:
        raise VoicesError(
            "an empty list names no voice: name one, a list of two or more to rotate, "
            "or leave it out for the configured voice"
        )
    if len(value) > MOST_VOICES:
        raise VoicesError(
            f"{len(value):,} voices; a rotation takes at most {MOST_VOICES}: keep the voices "
            "a learner should hear"
        )
    names: list[str] = []
    for n, name in enumerate(value):
        if not isinstance(name, str) or not name.strip():
            found = "a blank name" if isinstance(name, str) else kind_of(name)
            raise VoicesError(f"[{n}] is {found}; each voice of the list is a name (a string)")
        if name.strip() in names:
            raise VoicesError(
                f"names {name.strip()} twice; each voice once (a voice listed twice would "
                "say twice the share, or make the same clip twice)"
            )
        names.append(name.strip())
    return tuple(names)


def check_mode(mode: Any) -> str:
    """`mode` if it is one of `MODES`, else VoicesError."""
    if mode not in MODES:
        raise VoicesError(f"{mode!r} is not one of: {', '.join(MODES)}")
    return str(mode)


def entry_id(entry: Any) -> str | None:
    """What identifies `entry` when it names itself: its `id` (a string that is not
    blank, or a whole number), as `export anki` reads it; None: it does not."""
    if not isinstance(entry, dict):
        return None
    value = entry.get(ID_KEY)
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return f"id:{value}"
    return None


def by_text(text: str) -> str:
    """The identity of an entry without an id: its first text (as `export anki` knows it)."""
    return f"text:{text}"


def turn(voices: tuple[str, ...], identity: str) -> str:
    """The voice of `voices` that says the entry `identity`: the one whose hash with the
    identity is highest (module docstring)."""
    if len(voices) == 1:
        return voices[0]
    material = identity.encode() + b"\x00"
    return max(
        voices, key=lambda voice: hashlib.blake2b(material + voice.encode(), digest_size=8).digest()
    )
