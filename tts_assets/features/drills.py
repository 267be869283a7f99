"""Drills: one clip strung from an entry's texts' clips and timed silences
(`content.sequence`), made from the stored clips, never synthesized (`making.sequences`).

- verify: a drill's URL place is checked as a text's is (missing, stale, a person's URL),
  beside the content's texts; so is a dialogue's, a join among the drills
  (`dialogues`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .hooks import Feature

if TYPE_CHECKING:
    from ..content.item import Item
    from ..content.load import LoadResult


class Drills(Feature):
    name = "drills"

    def texts(self, loaded: LoadResult) -> list[Item]:
        return loaded.sequences


FEATURE = Drills()
