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
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..store.clip_files import REGENERATE
from ..store.layout import TRACK_UNITS, clip_type, track_path
from ..store.manifest import Store, StoredClip, owners
from ..writeback.record import track_units
from ..writeback.tracks import track_state
from .hooks import Feature, Found, Problem, Surveyed
from .pruned import Unused

if TYPE_CHECKING:
    from .checked import Checked
    from .pruned import Pruned


class Tracks(Feature):
    """WebVTT tracks beside the clips (module docstring)."""

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

        def unwanted(path: str) -> Iterable[str]:
            if not scope.webvtt:
                return every
            wanted = scope.units.get(path, every)  # a clip no text plans: its tracks stay
            return [by for by in every if by not in wanted]

        kept = _unwanted_tracks(
            scope.store,
            (
                e
                for e in scope.store
                if e.path not in gone
                and clip_type(e.path) not in scope.missing
                and scope.ours(e)
                and set(owners(e)) <= ours
            ),
            found,
            unwanted,
            scope.webvtt,
        )
        if kept:
            found.notes.append(
                f"{kept} WebVTT track(s) kept: they differ from their clips' word timings, so "
                "a person edited them; delete them by hand if they are not wanted"
            )


def _unwanted_tracks(
    store: Store,
    entries: Iterable[StoredClip],
    found: Surveyed,
    unwanted: Callable[[str], Iterable[str]],
    webvtt: bool,
) -> int:
    """List as unused the tracks `unwanted(path)` the tool wrote of each of `entries` (why,
    with `webvtt` on: their unit no field gathers); returns how many are a person's (kept)."""
    persons = 0
    for entry in entries:
        for by in unwanted(entry.path):
            if not os.path.lexists(store.file(track_path(entry.path, by))):
                continue  # most clips, without webvtt: not even their timings are read
            state = track_state(store, entry, by)
            if state == "person's":
                persons += 1
            elif state == "written":
                rel = track_path(entry.path, by)
                size = store.file(rel).stat().st_size
                why = f"no field gathers its segments by {by} any more" if webvtt else ""
                found.unused.append(Unused(rel, "track", size, entry.text, why))
    return persons


FEATURE = Tracks()
