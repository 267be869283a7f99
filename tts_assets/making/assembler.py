"""Collects the pieces of each clip as they are made, and hands a clip on when it is whole.

Pieces of one passage come back from the synthesis stage in any order; the assembler
keeps them by clip and index. When the last piece of a clip arrives, `add` returns all of
them in order, once, and forgets them: from there the finishing stage owns them (and
keeps them through its own retries). A clip one of whose pieces failed is `abandon`ed:
its pieces are let go and later ones are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..audio.samples import Audio


class Assembler:
    """The pieces made so far of every clip that is not whole yet."""

    def __init__(self, counts: Mapping[str, int]) -> None:
        self._counts = dict(counts)
        self._slots: dict[str, list[Audio | None]] = {}
        self._abandoned: set[str] = set()

    def add(self, key: str, index: int, audio: Audio) -> list[Audio] | None:
        """Keep piece `index` of clip `key`; every piece in order once the clip is whole."""
        if key in self._abandoned:
            return None
        slots = self._slots.setdefault(key, [None] * self._counts[key])
        slots[index] = audio
        if any(piece is None for piece in slots):
            return None  # another piece of this clip is still being made
        del self._slots[key]
        return [piece for piece in slots if piece is not None]

    def abandon(self, key: str) -> None:
        """Let the pieces of clip `key` go and ignore any that come later."""
        self._abandoned.add(key)
        self._slots.pop(key, None)

    def abandoned(self, key: str) -> bool:
        return key in self._abandoned
