"""WebVTT tracks beside the clips (`webvtt = true`): a clip's words' track, and its
sentences' or phrases' where a field gathers its segments so (`writeback.tracks`).

- verify (with `webvtt`): each intact clip's tracks: a missing one is *missing*, those a
  person edited are counted in a note;
- prune: the tracks the tool wrote that no content wants (every one with `webvtt` off;
  with it on, a sentences' or phrases' track of a clip no field gathers so any more:
  `segments_by` switched) are listed; those a person edited are kept, with a note.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..store.clip_files import REGENERATE
from ..store.layout import TRACK_UNITS, clip_type, track_path
from ..store.manifest import owners
from ..writeback.record import track_units
from ..writeback.tracks import track_state
from .hooks import Feature, Found, Problem, Surveyed
from .pruned import Unused

if TYPE_CHECKING:
    from .checked import Checked
    from .pruned import Pruned


class Tracks(Feature):
    name = "tracks"

    def verify(self, scope: Checked, found: Found) -> None:
        if not scope.settings.webvtt:
            return
        edited = 0
        units = track_units(scope.clips)
        for clip in scope.first():
            entry = scope.store.get(clip.rel_path)
            if entry is None or entry.key != clip.key or clip.rel_path in scope.damage:
                continue
            for by in units[clip.rel_path]:
                state = track_state(scope.store, entry, by)
                if state == "missing":
                    item = clip.items[0]
                    track = track_path(clip.rel_path, by)
                    why = f"its clip's WebVTT track {track} is missing; {REGENERATE}"
                    found.problems.append(Problem(item.file, item.text_path, "missing", why))
                elif state == "person's":
                    edited += 1
        if edited:
            found.notes.append(
                f"{edited} WebVTT track(s) differ from their clips' word timings: a person's, "
                "kept (delete one to let generate write it again)"
            )

    def prune(self, scope: Pruned, found: Surveyed) -> None:
        # Tracks of this set's clips that serve no set but this configuration's (each
        # reads webvtt from it): a set another configuration runs may want them.
        ours = {scope.own, *scope.fellows}
        gone = {u.path for u in found.unused}
        every = ("word", *TRACK_UNITS)
        store, kept = scope.store, 0
        for entry in store:
            if (
                entry.path in gone
                or clip_type(entry.path) in scope.missing
                or not scope.ours(entry)
                or not set(owners(entry)) <= ours
            ):
                continue
            # Without webvtt every track is unwanted; with it, those of a unit no field
            # gathers (a clip no text plans: its tracks stay).
            wanted = scope.units.get(entry.path, every) if scope.webvtt else ()
            for by in every:
                rel = track_path(entry.path, by)
                if by in wanted or not os.path.lexists(store.file(rel)):
                    continue  # most clips, without webvtt: not even their timings are read
                state = track_state(store, entry, by)
                if state == "person's":
                    kept += 1
                elif state == "written":
                    why = f"no field gathers its segments by {by} any more" if scope.webvtt else ""
                    size = store.file(rel).stat().st_size
                    found.unused.append(Unused(rel, "track", size, entry.text, why))
        if kept:
            found.notes.append(
                f"{kept} WebVTT track(s) kept: they differ from their clips' word timings, so "
                "a person edited them; delete them by hand if they are not wanted"
            )


FEATURE = Tracks()
