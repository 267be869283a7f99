"""The end of a run: the manifest flushed, then every content file given its clips' URLs.

Write-back runs whether or not clips were made (URLs may be missing while every clip is
there); each file is written by `update.write_back_file` at the moment of writing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content.spec import TypeSpec
from ..content.stream import Entries
from ..errors import InputError, NotReplaced, machine_fault
from ..planning.heap import building
from ..planning.plan import Clip, replaced_urls
from ..planning.prepare import Prepared
from ..store.layout import staged_name
from ..store.manifest import Store
from . import tracks
from .timings import Timings
from .update import Deciding, FileWriteBack, write_back_file


def record(prepared: Prepared) -> WriteBack:
    """Flush the manifest, write the URLs back (with `update_json`), clean the staging
    folder. When the manifest cannot be written (a full disk), the URLs written are those
    of the clips the manifest on disk lists: no URL points at a clip none vouches for.
    """
    store = prepared.store
    for clip in prepared.plan.present:
        store.claim(clip.rel_path)  # prune keeps what this content set still uses
    fault = None
    try:
        store.flush()
    except OSError as e:
        fault = machine_fault(e)
        if fault is None:
            raise
        prepared = replace(prepared, store=Store(store.out_dir, store.temp_dir))
    done = WriteBack()
    if not store.foretold:  # the move this flush made, as every writer says it
        done.notes += store.moved
    if prepared.settings.webvtt:
        clips = prepared.plan.clips
        done.notes += tracks.keep_tracks(prepared.store, clips, track_units(clips))
    if prepared.settings.update_json:
        with building():  # each file read and searched again: as many objects as the load
            written = write_back(prepared)
        written.notes = done.notes + written.notes
        done = written
    if fault is not None:
        done.fault = str(fault)
        done.notes.append(
            f"{store.manifest_path} could not be written: the clips made since it was last "
            "written get no URL; the next run takes them back from the journal each was "
            "noted in as it was put in place, or makes again those it cannot"
        )
    store.clean_staging()
    return done


@dataclass
class WriteBack:
    """What write-back did: each content file's report, and the files it left alone."""

    files: list[FileWriteBack] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """One line per file not written (`... changed on disk while ...; run again`)."""
    fault: str | None = None
    """A fault of the machine that kept the manifest or a file from being written (a
    full disk)."""
    notes: list[str] = field(default_factory=list)
    """What the run's summary should say of it (the manifest could not be written)."""


def write_back(prepared: Prepared) -> WriteBack:
    """Give every text of the content files the window finished (`LoadResult.finished`),
    as they are now, the URL of its clip (`update.write_back_file`); the run's answers
    about the course's texts are its index's (`Prepared.elsewhere`)."""
    settings, store, texts = prepared.settings, prepared.store, prepared.elsewhere
    assert texts is not None, "write-back answers from the course's index"
    # The clips as this run planned them, by place; those present when it planned and
    # those it made (a clip the manifest lists now) present.
    texts.remember(prepared, made=lambda clip: store.is_listed(clip.rel_path, clip.key))
    texts.unsettle(_unsettled(prepared))

    decide = Deciding(
        texts.url_at,
        replaced_urls(settings, store),
        settings.replace_hand_set_urls,
        texts.refused,
        texts.read,
        Timings.of_store(store),
        Timings.durations_of_store(store),
    )
    types_of: dict[Path, list[TypeSpec]] = {}
    for spec in prepared.types:
        for found in spec.locations(settings.data_dir):
            types_of.setdefault(found, []).append(spec)
    done = WriteBack()
    staging = _device(store.temp_dir) or _device(store.out_dir)
    for path in prepared.loaded.finished:
        doc = prepared.loaded.documents[path]
        read = doc.entries.snapshot if isinstance(doc.entries, Entries) else doc.snapshot
        # Staged in the out dir's staging folder when it is on the file's file system (a
        # kill leaves the half file there, for the next run to remove); else beside it,
        # so a full or read-only out dir never keeps the content's URLs from being written.
        here = staging is not None and _device(path.resolve().parent) == staging
        try:
            done.files.append(
                write_back_file(
                    read,
                    path,
                    types_of.get(path, prepared.types),
                    decide,
                    temp_name=(lambda: staged_name(store.temp_dir)) if here else None,
                    settled=texts.settled(path),
                )
            )
        except (NotReplaced, InputError) as e:
            done.problems.append(f"{e}; its URLs were not written: run again")
        except OSError as e:
            fault = machine_fault(e)
            if fault is None:
                raise
            done.fault = done.fault or str(fault)
            done.problems.append(f"{path}: {fault}; its URLs were not written")
    return done


def _unsettled(prepared: Prepared) -> set[Path]:
    """The files of `prepared` (a window) where write-back may have work: a URL to change
    (`Plan.unsettled`), a text refused, a leftover, timings or lengths to write, a drill."""
    loaded = prepared.loaded
    found = set(prepared.plan.unsettled) | {r.item.file for r in prepared.refused}
    found |= {left.file for left in loaded.leftovers}
    found |= {left.file for left in loaded.leftover_timings}
    found |= {i.file for i in loaded.items if i.segments_path or i.duration_path}
    found |= {i.file for i in loaded.sequences}
    return found


def track_units(clips: Iterable[Clip]) -> dict[str, tuple[str, ...]]:
    """The tracks each clip has, by its path: its words', and its phrases' or sentences'
    where a field that says it gathers its segments so (`segments_by`)."""
    found: dict[str, tuple[str, ...]] = {}
    for clip in clips:
        units = {i.segments_by for i in clip.items if i.segments_path is not None}
        found[clip.rel_path] = ("word", *sorted(units - {"word"}))
    return found


def _device(folder: Path) -> int | None:
    try:
        return os.stat(folder).st_dev
    except OSError:
        return None
