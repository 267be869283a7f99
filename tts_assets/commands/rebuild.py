"""`rebuild-manifest`: the manifest made again from the clip files present, synthesizing nothing.

A damaged manifest (cut short, edited by hand, overwritten) would otherwise cost every
clip again, on a paid provider a second bill. Clip files are named by their content key
(`TYPE/KEY.EXT`), so the plan of the current content says what each file should be:

- every clip the plan needs whose file is present is read, checked as a clip is checked
  when it is stored (it decodes completely, in the configured format, with a plausible
  length for its text), hashed and measured, and recorded with what the plan decides it
  says (its reading, phonemes and verdict) and the content set it serves;
- a file that fails the checks is left out: `generate` makes it again;
- clip files no plan names are left out: `prune` lists them as orphans;
- entries of the manifest that still load (a manifest that is not damaged, or an out dir
  that other content sets share) are kept when their files are intact.

The old manifest is kept beside the new one as `manifest.json.damaged` when it could not
be read. A manifest written by a newer tts-assets is never rewritten: upgrade instead.
Everything happens under the run lock of the data dir and the out dir.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..audio.settings import AudioSettings
from ..errors import AudioInvalid, InputError
from ..planning.plan import Clip
from ..planning.prepare import decided, prepare
from ..settings.config import Settings, checked
from ..store import lock
from ..store.files import write_atomic
from ..store.manifest import NewerManifest, Store, StoredClip, sha256, with_sets

DAMAGED_SUFFIX = ".damaged"
"""Where the manifest that could not be read is kept (`manifest.json.damaged`)."""


@dataclass
class RebuildReport:
    """What rebuilding the manifest found and recorded."""

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
    seconds: float = 0.0

    def lines(self) -> list[str]:
        lines = list(self.rejected)
        if self.damaged is not None:
            lines.append(f"the unreadable manifest is kept as {self.damaged}")
        if self.unnamed:
            lines.append(
                f"{self.unnamed} clip file(s) no text of this content needs were left out "
                "(tts-assets prune lists them); if another content set shares this out dir, "
                "run rebuild-manifest for it too before pruning"
            )
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

    def as_json(self) -> dict[str, object]:
        return {
            "manifest": str(self.manifest),
            "recorded": self.recorded,
            "kept": self.kept,
            "missing": self.missing,
            "rejected": self.rejected,
            "unnamed": self.unnamed,
            "damaged": None if self.damaged is None else str(self.damaged),
            "seconds": round(self.seconds, 3),
        }


def rebuild(settings: Settings, *, lock_wait: float = 0.0) -> RebuildReport:
    """Rebuild the out dir's manifest from its clip files (see the module docstring).

    Raises InputError for bad input and for a manifest of a newer tts-assets, LockedError
    when another run holds the content; nothing is written then.
    """
    started = time.monotonic()
    settings = replace(checked(settings), type="all")
    folders = [settings.data_dir] if settings.data_dir.is_dir() else []
    with lock.locked([*folders, settings.out_dir], wait=lock_wait):
        old, damaged = _old_manifest(settings)
        # Every text is planned, whoever's URL it holds now: with no manifest, no URL can
        # be shown to be the tool's, and a clip file is recognised by its name alone.
        every = replace(settings, replace_hand_set_urls=True)
        prepared = prepare(every, Store(settings.out_dir, settings.staging, load=False))
        if not prepared.loaded.documents:
            raise InputError(
                f"{settings.data_dir}: no content file found, so no clip could be recognized; "
                "run rebuild-manifest where the content is, or pass --data-dir"
            )
        decided(prepared)
        store = prepared.store
        report = RebuildReport(manifest=store.manifest_path)
        by_path: dict[str, Clip] = {}
        for clip in prepared.plan.new:
            by_path.setdefault(clip.rel_path, clip)
        on_disk = store.clip_files()
        report.missing = sum(1 for rel in by_path if rel not in on_disk)
        present = [clip for rel, clip in sorted(by_path.items()) if rel in on_disk]
        workers = max(1, min(len(present), os.cpu_count() or 1))
        with ThreadPoolExecutor(workers) as pool:
            found = list(pool.map(lambda c: _entry(store, c, settings), present))
        serving = frozenset({store.serving}) if store.serving else frozenset()
        for clip, entry in zip(present, found, strict=True):
            if isinstance(entry, str):
                report.rejected.append(f"{clip.rel_path}: {entry}; left out")
            else:
                store.replace(with_sets(entry, serving))
                report.recorded += 1
        for entry in old:
            if store.get(entry.path) is None and _intact(store, entry):
                store.replace(entry)
                report.kept += 1
        known = {e.path for e in store} | by_path.keys()
        report.unnamed = sum(1 for rel in on_disk if rel not in known)
        if damaged is not None:
            report.damaged = store.manifest_path.with_name(
                store.manifest_path.name + DAMAGED_SUFFIX
            )
            write_atomic(report.damaged, damaged)
        store.flush()
        store.clean_staging()
    report.seconds = time.monotonic() - started
    return report


def _old_manifest(settings: Settings) -> tuple[list[StoredClip], bytes | None]:
    """The entries of the manifest now in the out dir, and its bytes when it could not be
    read (to keep them). Raises NewerManifest: a newer tts-assets's manifest is not ours
    to rewrite."""
    try:
        return list(Store(settings.out_dir, settings.staging)), None
    except NewerManifest:
        raise
    except InputError:
        return [], (settings.out_dir / "manifest.json").read_bytes()


def _entry(store: Store, clip: Clip, settings: Settings) -> StoredClip | str:
    """The manifest entry of `clip` from its file, or why the file is not a good clip."""
    path = store.clip_file(clip.rel_path)
    if path is None:
        return "reached through a symbolic link, which tts-assets never writes"
    try:
        data = path.read_bytes()
    except OSError as e:
        return f"cannot read it ({e.strerror})"
    return entry_of(data, clip, settings.audio.of_file(path))


def entry_of(data: bytes, clip: Clip, audio: AudioSettings) -> StoredClip | str:
    """The manifest entry of `clip` stored as `data`, checked as a new clip is (it decodes
    completely in `audio.format`, with a plausible length for its text) and measured; or
    why `data` is not a good clip of it."""
    from ..audio.measure import measure_audio
    from ..audio.validation import checked_audio

    try:
        decoded = checked_audio(data, audio, clip.spoken, clip.kind)
    except AudioInvalid as e:
        return str(e).partition("; synthesize it again")[0]
    measures = measure_audio(decoded).as_manifest()
    return clip.manifest_entry(data, decoded.duration, measures)


def _intact(store: Store, entry: StoredClip) -> bool:
    """Whether the file of an old entry still holds the bytes it records."""
    path = store.clip_file(entry.path)
    try:
        data = path.read_bytes() if path is not None else b""
    except OSError:
        return False
    return len(data) == entry.bytes and sha256(data) == entry.sha256
