"""Slow twins (and the faster twin): a text's clip stretched to a field's tempo, made from
its clip once it is stored, never synthesized (`making.slow`).

- generate: a note on the texts whose clip is a person's recording: no twin is made of
  them, so the slow button never plays another voice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .hooks import Feature

if TYPE_CHECKING:
    from ..planning.prepare import Prepared


class SlowTwins(Feature):
    name = "slow"

    def planned(self, prepared: Prepared, earlier: Any) -> Recordings:
        found = earlier if isinstance(earlier, Recordings) else Recordings()
        recorded = prepared.plan.recorded
        if recorded:
            found.count += len(recorded)
            found.first = found.first or recorded[0].where
        return found


@dataclass
class Recordings:
    """The texts whose clip is a person's recording, counted over a course's windows."""

    count: int = 0
    first: str = ""
    """The place of the first."""

    def notes(self) -> list[str]:
        """The note on them: no slow clip of theirs."""
        if not self.count:
            return []
        return [
            f"{self.count} text(s) keep a person's recording (its URL is not tts-assets'): "
            "no slow clip is made of them, so the slow button never plays another voice; "
            f"--replace-hand-set-urls makes both (e.g. {self.first})"
        ]


FEATURE = SlowTwins()
