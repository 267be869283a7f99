"""Durations: each clip's length in milliseconds, written into the content's `duration`
places (`writeback.timings.decide_timings`).

- verify: a `duration` place that lacks its clip's length is *missing*, one holding
  another length is *stale*.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..store.clip_files import REGENERATE
from ..writeback.timings import Timings
from .hooks import Feature, Found, Problem
from .timings import judged

if TYPE_CHECKING:
    from .checked import Checked


class Durations(Feature):
    name = "durations"

    def verify(self, scope: Checked, found: Found) -> None:
        """Each clip length place: its clip's length, as write-back would leave it."""
        durations = Timings.durations_of_store(scope.store)
        for item, place, _, _, verdict in judged(scope, durations, lambda item: item.duration_path):
            if verdict.outcome == "added":
                why = f"no clip length yet at {place} for {verdict.clip}; {REGENERATE}"
                found.problems.append(Problem(item.file, item.text_path, "missing", why))
            elif verdict.outcome in ("replaced", "cleared"):
                why = f"{place} holds another length than its clip's; {REGENERATE}"
                found.problems.append(Problem(item.file, item.text_path, "stale", why))


FEATURE = Durations()
