"""Slow twins (and the faster twin): a text's clip stretched to a field's tempo, made from
its clip once it is stored, never synthesized (`making.slow`).

- generate: a note on the texts whose clip is a person's recording: no twin is made of
  them, so the slow button never plays another voice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..content.item import Item
from .hooks import Feature

if TYPE_CHECKING:
    from ..planning.prepare import Prepared


class SlowTwins(Feature):
    """A text's clip at another tempo (module docstring)."""

    name = "slow"

    def planned(self, prepared: Prepared) -> list[str]:
        return recordings_note(prepared.plan.recorded)


def recordings_note(recorded: Sequence[Item]) -> list[str]:
    """The note on the texts whose clip is a person's recording: no slow clip of theirs."""
    if not recorded:
        return []
    return [
        f"{len(recorded)} text(s) keep a person's recording (its URL is not tts-assets'): "
        "no slow clip is made of them, so the slow button never plays another voice; "
        "--replace-hand-set-urls makes both (e.g. "
        f"{recorded[0].where})"
    ]


FEATURE = SlowTwins()
