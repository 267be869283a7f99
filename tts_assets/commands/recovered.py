"""Clips whose manifest record is damaged, recorded again from their files: never paid twice.

A record left out as damaged (`store.manifest.DamagedRecord`) would cost its clip again,
on a paid provider a second bill, though its file is there. Where the file holds the bytes
the record records, the clip is recorded again from the file as `rebuild-manifest` does,
keeping what the record knew of those very bytes. A new clip whose key the store holds
in another type folder is put in place from that file the same way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from ..audio.settings import AudioSettings
from ..errors import AudioInvalid, InputError
from ..planning.plan import Clip
from ..planning.prepare import Prepared
from ..planning.shard import ShardStore
from ..settings.config import Settings
from ..store.files import not_regular, read_bounded
from ..store.manifest import Store, StoredClip, owners, sha256, with_sets
from ..store.records import CHECKS
from ..writeback.found_timings import found_timings

if TYPE_CHECKING:
    from ..audio.measure import ClipMeasures

KEPT = ("origin", "also_from", "device", "listened", "timings", "accent", "sets")
"""What a damaged record knew of its file's bytes that no file or plan says again: kept
where it holds its shape (and, for a verdict on bytes, names these bytes' sha256)."""


def recover(prepared: Prepared, *, write: bool = True) -> int:
    """Record again from their files the new clips of `prepared`'s plan that a damaged
    record vouches for, or that the store holds in another folder, and count them present
    (with `write` False, a dry run, only that); how many."""
    store = prepared.store
    if isinstance(store, ShardStore) or not (store.damaged or len(store)):
        return 0  # a shard only reads the out dir: the run that joins them recovers
    notes = store.damage_notes()
    found: list[Clip] = []
    for clip in prepared.plan.new:
        record = store.vouching(clip.rel_path, clip.key)
        if record is None:
            continue
        entry = entry_from_file(store, clip, prepared.settings)
        if isinstance(entry, str):
            continue  # not a good clip of this text: made again
        # The record's bytes are these (its sha256, or where that cannot be read its size);
        # where neither can be read, the file named by the clip's key is trusted.
        size = record.entry.get("bytes")
        same = record.file == entry.path or size == entry.bytes
        if not same and CHECKS["bytes"](size) is None:
            continue
        found.append(clip)
        if write:
            entry = kept_from(entry, record.entry) if same else entry
            entry = timed_again(entry, clip, prepared)
            # The content sets it serves: its record's, and this run's.
            sets = set(owners(entry)) if entry.sets is not None else set()
            sets |= {store.serving} if store.serving else set()
            store.replace(with_sets(entry, frozenset(sets)) if sets else entry)
            record.recovered = clip.rel_path
    recovered = {id(clip) for clip in found}
    others = [c for c in prepared.plan.new if id(c) not in recovered]
    found += held_elsewhere(store, store, others, write)
    prepared.plan.found(found)
    now = store.damage_notes()
    after = dict(zip(notes, now, strict=False))  # the records found since are the last
    prepared.loaded.notes[:] = [after.get(note, note) for note in prepared.loaded.notes]
    prepared.loaded.notes += now[len(notes) :]
    return len(found)


def held_elsewhere(held: Store, into: Store, new: list[Clip], write: bool = True) -> list[Clip]:
    """The clips of `new` that store `held` holds whole at another path (a text moved to
    another type, one `say` kept): put in place in `into` (with `write`), never billed again."""
    wanted = {clip.key: clip for clip in new}
    found: list[Clip] = []
    for entry in held.of_texts({clip.spoken for clip in new}) if new else ():
        clip = wanted.get(entry.key)
        if clip is None or (held is into and entry.path == clip.rel_path):
            continue
        path = held.clip_file(entry.path)
        try:
            data = read_bounded(path) if path is not None else b""
        except OSError:
            continue
        if sha256(data) != entry.sha256:
            continue
        if write:
            into.put(clip.rel_path, data, replace(entry, path=clip.rel_path, sets=None))
        found.append(wanted.pop(entry.key))
    return found


def kept_from(entry: StoredClip, record: Mapping[str, Any]) -> StoredClip:
    """`entry`, made from its file, with what an earlier `record` of these very bytes
    knew (`KEPT`, and the phonemes a provider reported where the plan decided none)."""
    kept: dict[str, Any] = {}
    for name in (*KEPT, "phonemes"):
        value: Any = record.get(name)
        value = list(value) if isinstance(value, tuple) else value  # a loaded entry's
        if value is None or CHECKS[name](value) is not None:
            continue
        if name == "phonemes" and entry.phonemes is not None:
            continue  # the plan's, said from them
        if name in ("listened", "accent") and value.get("sha256") != entry.sha256:
            continue  # a verdict on other bytes
        kept[name] = tuple(value) if isinstance(value, list) else value
    return replace(entry, **kept)


T = TypeVar("T")
R = TypeVar("R")


def side_by_side(check: Callable[[T], R], items: list[T]) -> list[R]:
    """`check` of each of `items`, in order, on as many threads as the machine has cores."""
    with ThreadPoolExecutor(max(1, min(len(items), os.cpu_count() or 1))) as pool:
        return list(pool.map(check, items))


def entry_from_file(store: Store, clip: Clip, settings: Settings) -> StoredClip | str:
    """The manifest entry of `clip` from its file, checked as a new clip is, or why the
    file is not a good clip of it."""
    path = store.clip_file(clip.rel_path)
    if path is None:
        return "reached through a symbolic link, which tts-assets never writes"
    try:
        data = read_bounded(path)
        duration, measures = measured(data, clip, settings.audio.of_file(path))
    except OSError as e:
        return f"cannot read it ({not_regular(e)})"
    except AudioInvalid as e:
        return str(e).partition("; synthesize it again")[0]
    return clip.manifest_entry(data, duration, measures.as_manifest())


def measured(data: bytes, clip: Clip, audio: AudioSettings) -> tuple[float, ClipMeasures]:
    """The length and measures of `data` checked as a new clip of `clip` (AudioInvalid)."""
    from ..audio.measure import measure_audio
    from ..audio.validation import checked_audio

    decoded = checked_audio(data, audio, clip.spoken, clip.kind)
    return decoded.duration, measure_audio(decoded)


def timed_again(entry: StoredClip, clip: Clip, prepared: Prepared) -> StoredClip:
    """`entry` with its words' timings found again (`found_timings`) where it has none."""
    if entry.timings is not None:
        return entry
    found = found_timings(clip, entry, prepared.loaded, prepared.store)
    return entry if found is None else replace(entry, timings=found)


def paid(name: str) -> bool:
    """Whether the provider `name` bills what it is sent (False when it is not known)."""
    from ..providers import registry
    from ..providers.billing import bills

    try:
        return bills(registry.get(name))
    except (InputError, ImportError, AttributeError):  # not installed here, a broken plugin
        return False
