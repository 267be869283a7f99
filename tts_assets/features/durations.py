"""Durations: each clip's length in milliseconds, written into the content's `duration`
places (`writeback.timings.decide_durations`).

- verify: a `duration` place that lacks its clip's length is *missing*, one holding
  another length is *stale*.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..content.item import describe_path
from ..store.clip_files import REGENERATE
from ..writeback.timings import Timings, judge
from .hooks import Feature, Found, Problem

if TYPE_CHECKING:
    from .checked import Checked


class Durations(Feature):
    """Each clip's length in the content (module docstring)."""

    name = "durations"

    def verify(self, scope: Checked, found: Found) -> None:
        """Each clip length place: its clip's length, as write-back would leave it."""
        loaded = scope.loaded
        durations = Timings.durations_of_store(scope.store)
        for item in loaded.items:
            if item.duration_path is None:
                continue
            doc = loaded.documents[item.file]
            url = doc.value_at(item.url_path)
            held = doc.value_at(item.duration_path)
            verdict = judge(
                held, url, url, scope.replaced, durations, scope.settings.replace_hand_set_urls
            )
            place = describe_path(item.file, item.duration_path)
            if verdict.outcome == "added":
                why = f"no clip length yet at {place} for {verdict.clip}; {REGENERATE}"
                found.problems.append(Problem(item.file, item.text_path, "missing", why))
            elif verdict.outcome in ("replaced", "cleared"):
                why = f"{place} holds another length than its clip's; {REGENERATE}"
                found.problems.append(Problem(item.file, item.text_path, "stale", why))


FEATURE = Durations()
