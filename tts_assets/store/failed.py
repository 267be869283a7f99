"""Why a text has no clip after the run that printed it: the record of failed clips.

The review page is often made later than the run, by someone else, from the files the
run left: so each run of `generate` keeps its failures in `<out-dir>/failed.json`, one
entry per content key:

    {"version": 1, "failed": [{"key": "…", "set": "…", "text": "…", "places": ["…"],
                               "reason": "…", "again": true}]}

A later run replaces the entries of its own set (`updated`); other sets' stay. A damaged
record is read as empty (it is a report, never what decides anything) and written anew.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .files import read_bounded
from .layout import FAILED_NAME

VERSION = 1
LIMIT = 16 << 20
"""The most bytes a record may hold (a damaged or hostile one is read as empty)."""


@dataclass(frozen=True)
class FailedClip:
    """A clip a run could not make, and why."""

    key: str
    set: str
    text: str
    places: tuple[str, ...]
    reason: str
    again: bool = True
    """Whether making it again may succeed (False: its provider cannot say the text)."""


def read_failed(out_dir: Path) -> dict[str, FailedClip]:
    """The record of `out_dir`, by content key ({} when there is none or it is damaged)."""
    try:
        doc = json.loads(read_bounded(out_dir / FAILED_NAME, LIMIT))
    except (OSError, ValueError, RecursionError):
        return {}
    entries = doc.get("failed") if isinstance(doc, dict) and doc.get("version") == VERSION else ()
    clips = map(_entry, entries) if isinstance(entries, list) else ()
    return {clip.key: clip for clip in clips if clip is not None}


def _entry(entry: object) -> FailedClip | None:
    if not isinstance(entry, dict):
        return None
    got: Callable[[str], Any] = entry.get
    key, set_id, text, reason, places = map(got, ("key", "set", "text", "reason", "places"))
    said = (key, set_id, text, reason, *places) if isinstance(places, list) else (None,)
    if not all(isinstance(s, str) for s in said):
        return None
    return FailedClip(key, set_id, text, tuple(places), reason, entry.get("again") is not False)


def updated(
    before: Mapping[str, FailedClip],
    set_id: str,
    failed: Iterable[FailedClip],
    *,
    planned: Collection[str],
    present: Collection[str],
) -> dict[str, FailedClip]:
    """The record after a run of set `set_id` that `failed` these clips, planned the keys
    `planned` and finds the keys `present` in the store: its set's entries are this run's
    failures and the earlier ones it still plans and did not make; other sets' stay."""
    after = {
        key: clip
        for key, clip in before.items()
        if clip.set != set_id or (key in planned and key not in present)
    }
    for clip in failed:
        after[clip.key] = clip
    return after


def encoded(record: Mapping[str, FailedClip]) -> bytes | None:
    """The file's bytes for `record`, or None when it is empty (no file is kept then)."""
    if not record:
        return None
    entries = [asdict(clip) for clip in sorted(record.values(), key=lambda c: (c.set, c.key))]
    doc = {"version": VERSION, "failed": entries}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
