"""Dialogues: an entry's lines, each said by its speaker's voice, joined into one clip with
a pause between turns (`content.dialogue`), made from the lines' stored clips, never
synthesized (`making.sequences`, as a drill).

A dialogue's URL place is checked as a drill's is (`drills.Drills.texts`: its joins are
among the drills). What this feature adds:

- verify: each line with no URL place of its own (`LoadResult.lines`) has its clip in the
  store, intact: a line whose clip is gone is *missing* (at its text's place), so verify
  passes only where generate would make nothing, as for every text with a URL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..store.clip_files import REGENERATE
from .hooks import Feature, Found, Problem

if TYPE_CHECKING:
    from .checked import Checked


class Dialogues(Feature):
    name = "dialogues"

    def verify(self, scope: Checked, found: Found) -> None:
        # A line's clip is told once in the course, at its first line (kept for the course: a course
        # checked in windows tells it in the first window that meets it).
        told: set[str] = scope.once("dialogue clips told", lambda _: set(), course=True)
        for line in scope.loaded.lines:
            clip = scope.clip_of.get(id(line))
            if clip is None or clip.rel_path in told:
                continue  # refused (its dialogue says why), or told at its first line
            entry = scope.store.get(clip.rel_path)
            harm = scope.damage.get(clip.rel_path)
            if entry is None or entry.key != clip.key:
                why = f"the clip of this line of a dialogue ({clip.rel_path}) is not stored"
                found.problems.append(
                    Problem(line.file, line.text_path, "missing", f"{why}; {REGENERATE}")
                )
            elif harm is not None:
                found.problems.append(
                    Problem(line.file, line.text_path, harm.kind, harm.message, clip.rel_path)
                )
            else:
                continue
            told.add(clip.rel_path)


FEATURE = Dialogues()
