"""What every pass of prune's survey reads, prepared once (`Pruned`): the store, this
content set, and what the content needs. The command's own passes and each feature's
(`hooks.Feature.prune`) read it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

from ..store.manifest import Store, StoredClip, owners

Reason = Literal["unreferenced", "orphan", "no file", "track"]
"""Why prune lists a file or entry as unused (`Unused.reason`)."""

_DETAILS: dict[Reason, str] = {
    "unreferenced": "unreferenced, {size} bytes",
    "orphan": "orphan: not in the manifest, {size} bytes",
    "no file": "manifest entry whose file is already gone",
    "track": "WebVTT track, and {why}, {size} bytes",
}
"""How a report says each reason, of a file of `size` bytes (a track's `why`)."""


@dataclass(frozen=True)
class Unused:
    """A clip file or manifest entry that nothing in the content needs any more."""

    path: str
    """Relative to the out dir."""
    reason: Reason
    bytes: int
    """Size on disk (0 when the file is gone)."""
    text: str | None
    """The spoken text the manifest records (None for an orphan)."""
    why: str = ""
    """Why a track is unused, where webvtt is on (its unit no field gathers any more)."""

    def line(self) -> str:
        detail = _DETAILS[self.reason].format(size=self.bytes, why=self.why or "webvtt is off")
        text = f" «{self.text}»" if self.text else ""
        return f"{self.path}: {detail}{text}"


class Surveyed(Protocol):
    """What prune's passes add to: its report's unused things and notes."""

    unused: list[Unused]
    notes: list[str]


@dataclass(frozen=True)
class Pruned:
    """What every pass of the survey reads (module docstring)."""

    store: Store
    own: str
    """This content set's id (`Settings.set_id`)."""
    fellows: Mapping[str, frozenset[str]]
    """The configuration's other content sets sharing the out dir, and their types."""
    needed: set[str]
    """The clip paths some content needs: planned, referenced, or adopted from."""
    missing: dict[str, str]
    """The types whose content file is missing (name → file): their clips are kept."""
    clip_files: dict[str, int]
    """Every clip file on disk (relative path → bytes)."""
    on_disk: dict[str, int]
    """The clip files of the types whose content file is there."""
    units: Mapping[str, tuple[str, ...]]
    """The tracks each planned clip has, by its path (`track_units`): its words', and its
    sentences' or phrases' where a field gathers its segments so."""
    webvtt: bool
    """Whether this configuration writes WebVTT tracks (`webvtt`)."""

    def ours(self, entry: StoredClip) -> bool:
        return ours(entry, self.own)


def ours(entry: StoredClip, own: str) -> bool:
    """Whether prune of content set `own` may consider `entry`: it serves `own`, or no
    set at all (its last set was forgotten)."""
    return entry.sets == () or own in owners(entry)
