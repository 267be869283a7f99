"""What the review page's hooks read, prepared once (`Page`): the plan's clips and the
manifest entries of those the store holds (`hooks.Feature.shown`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..planning.plan import Clip
from ..store.manifest import StoredClip

RowFacts = Mapping[str, Any]
"""Fields of a review row (`review.row.Row`) a feature sets, by name."""


@dataclass(frozen=True)
class Page:
    """The clips a review page shows (module docstring)."""

    clips: list[Clip]
    """The plan's clips, a drill's sequence among them."""
    entries: dict[str, StoredClip]
    """The manifest entry of each clip whose row shows it stored and measured, by path."""
    present: dict[str, StoredClip]
    """The manifest entry of each clip the store holds (measured or not), by path."""
