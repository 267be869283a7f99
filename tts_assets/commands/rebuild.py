"""`rebuild-manifest`: the manifest made again from the clip files present, synthesizing nothing.

A damaged manifest would otherwise cost every clip again, on a paid provider a second
bill. Clip files are named by their content key, so the current plan says what each file
should be: one present that passes a stored clip's checks is recorded; one that fails is
left for `generate`, one no plan names for `prune`. An unreadable manifest is renamed
aside (`.damaged`); one written by a newer tts-assets is never rewritten.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError
from ..planning.course import course_of
from ..planning.plan import Clip
from ..planning.prepare import Prepared
from ..settings.config import Settings
from ..store.database import DATABASE_NAME, STUB_BYTES, named
from ..store.files import read_head
from ..store.layout import DAMAGED_SUFFIX
from ..store.manifest import NewerManifest, Store, StoredClip, holds, with_sets
from .operation import content, operation
from .recovered import entry_from_file, kept_from, paid, side_by_side, timed_again
from .report import AlwaysOk, FieldsJson


@dataclass
class RebuildReport(AlwaysOk, FieldsJson):
    manifest: Path
    recorded: int = 0
    """Entries of the new manifest made from clip files."""
    kept: int = 0
    """Entries of the old manifest kept as they were (their files intact)."""
    missing: int = 0
    """Clips the plan needs whose file is not there (generate makes them)."""
    rejected: list[str] = field(default_factory=list)
    """One line per clip file that failed the checks (left out; generate makes it again)."""
    unnamed: int = 0
    """Clip files no plan names (left out; prune lists them)."""
    damaged: Path | None = None
    """Where the unreadable old manifest was kept."""
    timed: int = 0
    """Entries made from files whose word timings were found again (`found_timings`)."""
    untimed_paid: list[str] = field(default_factory=list)
    """Clips of a paid provider whose word timings were found nowhere: lost."""
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        lines = list(self.rejected)
        if self.damaged is not None:
            lines.append(f"the unreadable manifest is kept as {self.damaged}")
        if self.timed:
            lines.append(
                f"{self.timed} clip(s) got their word timings back from the content's "
                "segments or their WebVTT tracks (a Japanese word's morae are not kept there)"
            )
        if self.untimed_paid:
            shown = ", ".join(self.untimed_paid[:5])
            more = f" and {len(self.untimed_paid) - 5} more" if len(self.untimed_paid) > 5 else ""
            lines.append(
                f"{len(self.untimed_paid)} paid clip(s) keep no word timings ({shown}{more}): "
                "neither the content's segments nor a WebVTT track beside them holds them; "
                "they are lost unless those clips are made (and paid for) again"
            )
        if self.unnamed:
            lines.append(
                f"{self.unnamed} clip file(s) no text of this content needs were left out "
                "(tts-assets prune lists them); if another content set shares this out dir, "
                "run rebuild-manifest for it too before pruning"
            )
        lines += self.notes
        lines.append(
            f"{self.manifest}: {self.recorded} clip(s) recorded from their files"
            + (f", {self.kept} entry(ies) kept" if self.kept else "")
            + f", nothing synthesized, in {self.seconds:.1f} s; "
            + (
                f"{self.missing + len(self.rejected)} clip(s) to make: run tts-assets generate"
                if self.missing or self.rejected
                else "every clip is present"
            )
        )
        return lines


@operation(locks=content)
def rebuild(settings: Settings, *, lock_wait: float = 0.0) -> RebuildReport:
    """Rebuild the out dir's manifest from its clip files (see the module docstring)."""
    started = time.monotonic()
    settings = replace(settings, type="all")
    try:  # a newer tts-assets's manifest is not ours to rewrite
        found = Store(settings.out_dir, settings.staging)
        if found.database is not None:
            found.check_writable([])  # held by another process: busy, not damaged
        old, damaged, was_database = list(found), False, found.database is not None
    except NewerManifest:
        raise
    except InputError:
        old, damaged, was_database = [], True, False
    # Every text is planned, whoever's URL it holds now: with no manifest, no URL can
    # be shown to be the tool's, and a clip file is recognised by its name alone.
    every = replace(settings, replace_hand_set_urls=True)
    empty = Store(settings.out_dir, settings.staging, load=False)
    with course_of(every, empty) as course:
        store = course.store
        report = RebuildReport(manifest=store.manifest_path)
        on_disk = store.clip_files()
        planned: set[str] = set()
        read: list[Path] = []

        def window(prepared: Prepared) -> None:
            # A drill's record (where its parts are) is not in its file; a clip two windows
            # plan is recorded by the first.
            clips = {
                c.rel_path: c
                for c in prepared.plan.new
                if c.speech is not None and c.rel_path not in planned
            }
            planned.update(clips)
            read.extend(prepared.loaded.documents)
            report.missing += sum(1 for rel in clips if rel not in on_disk)
            present = [clip for rel, clip in sorted(clips.items()) if rel in on_disk]
            found = side_by_side(lambda c: entry_from_file(store, c, settings), present)
            _record_found(prepared, list(zip(present, found, strict=True)), old, report)

        course.each(window)
    if not read:
        raise InputError(
            f"{settings.data_dir}: no content file found, so no clip could be recognized; "
            "run rebuild-manifest where the content is, or pass --data-dir"
        )
    for entry in old:  # kept where its file is intact and no clip of the plan recorded it
        if store.get(entry.path) is None and holds(store.clip_file(entry.path), entry):
            store.replace(entry)
            report.kept += 1
    known = {e.path for e in store} | planned
    report.unnamed = sum(1 for rel in on_disk if rel not in known)
    if damaged:
        report.damaged = _keep_damaged(store)
    store.flush()
    if not was_database:  # a database is written whole again: no move of it
        report.notes += store.moved
    store.clean_staging()
    report.seconds = time.monotonic() - started
    return report


def _record_found(
    prepared: Prepared,
    found: list[tuple[Clip, StoredClip | str]],
    old: list[StoredClip],
    report: RebuildReport,
) -> None:
    """Record each clip's entry made from its file (a str: why its file was rejected),
    keeping what the old manifest's entry of the same bytes knew."""
    store = prepared.store
    serving = frozenset({store.serving}) if store.serving else frozenset()
    before = {entry.path: entry for entry in old}
    for clip, entry in found:
        if isinstance(entry, str):
            report.rejected.append(f"{clip.rel_path}: {entry}; left out")
            continue
        was = before.get(clip.rel_path)
        if was is not None and (was.bytes, was.sha256) == (entry.bytes, entry.sha256):
            entry = kept_from(entry, vars(was))
        if entry.timings is None:  # found again where the tool also wrote them
            entry = timed_again(entry, clip, prepared)
            if entry.timings is not None:
                report.timed += 1
            elif paid(entry.provider):
                report.untimed_paid.append(entry.path)
        store.replace(with_sets(entry, serving))
        report.recorded += 1


def _keep_damaged(store: Store) -> Path | None:
    """Move the damaged manifest aside (the database its manifest.json names, else that
    file); where it went, None if gone."""
    manifest = store.manifest_path
    with contextlib.suppress(OSError, ValueError):
        head = read_head(manifest, STUB_BYTES + 1)
        if len(head) <= STUB_BYTES and named(json.loads(head)):
            manifest = store.out_dir / DATABASE_NAME
    kept = manifest.with_name(manifest.name + DAMAGED_SUFFIX)
    try:
        os.replace(manifest, kept)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise InputError(
            f"{kept} is a folder, so the damaged {manifest} cannot be kept there; move or "
            "remove one of them and run rebuild-manifest again"
        ) from None
    return kept
