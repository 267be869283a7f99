"""`prune`: find the clips no content needs any more, and delete them with `--yes`.

A file is needed when the current plan of every configured type makes it (not only the
selected type: prune must never delete another type's clips), or when any string in the
content ends with its `TYPE/KEY.EXT` path, whatever the URL prefix: a URL the JSON still
holds keeps its file until generate has written the new one back. The clips of a type
whose content file is missing are kept (a moved file must not cost its audio), and with
no content file at all prune refuses to run: from the wrong folder everything would look
unneeded.

Prune only ever touches what tts-assets itself writes, `TYPE/KEY.EXT` directly under the
out dir (KEY the 32 hex digits of a content key): hand-placed files, the manifest and
anything reached through a symlink are left alone. It reports three kinds of unneeded
things:

    unreferenced   a manifest entry whose file nothing needs
    orphan         a clip file the manifest does not list (a run killed between rename
                   and manifest write) that nothing needs
    no file        a manifest entry nothing needs whose file is already gone

Without `--yes` nothing is written. With it, under the run lock, the survey is made
again, the entries leave the manifest (written atomically) and only then are the files
deleted: a crash in between leaves orphans for the next prune, never a manifest entry
without its file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from . import lock, run
from .audio import FORMATS
from .config import Settings
from .content.document import Document
from .errors import InputError
from .store import Store

CLIP_PATH = re.compile(rf"[A-Za-z0-9_-]+/[0-9a-f]{{32}}\.(?:{'|'.join(FORMATS)})")
"""The only paths (relative to the out dir) tts-assets writes clips to: TYPE/KEY.EXT."""

Reason = Literal["unreferenced", "orphan", "no file"]


def clip_file(out_dir: Path, rel_path: str) -> Path | None:
    """The file of clip path `rel_path`, or None if tts-assets could not have written it.

    None when `rel_path` is not `TYPE/KEY.EXT` (a hand-edited manifest could say
    `../../x`) or when its type folder or the file itself is a symlink, which could lead
    out of the out dir.
    """
    if not CLIP_PATH.fullmatch(rel_path):
        return None
    path = out_dir / rel_path
    if path.parent.is_symlink() or path.is_symlink():
        return None
    return path


def clip_files(out_dir: Path) -> dict[str, int]:
    """Every clip file on disk (relative path → bytes), without following symlinks."""
    found: dict[str, int] = {}
    try:
        folders = list(os.scandir(out_dir))
    except (FileNotFoundError, NotADirectoryError):
        return found
    for folder in folders:
        if not folder.is_dir(follow_symlinks=False):
            continue
        with os.scandir(folder.path) as files:
            for entry in files:
                rel = f"{folder.name}/{entry.name}"
                if entry.is_file(follow_symlinks=False) and CLIP_PATH.fullmatch(rel):
                    found[rel] = entry.stat(follow_symlinks=False).st_size
    return dict(sorted(found.items()))


def referenced_paths(documents: Iterable[Document]) -> set[str]:
    """The `TYPE/FILE` ending of every string in the documents (URLs with any prefix)."""
    found: set[str] = set()
    stack: list[Any] = [doc.data for doc in documents]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            tail = value.split("?", 1)[0].split("#", 1)[0].rsplit("/", 2)[-2:]
            if len(tail) == 2:
                found.add("/".join(tail))
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return found


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

    def line(self) -> str:
        if self.reason == "orphan":
            detail = f"orphan: not in the manifest, {self.bytes} bytes"
        elif self.reason == "no file":
            detail = "manifest entry whose file is already gone"
        else:
            detail = f"unreferenced, {self.bytes} bytes"
        text = f" «{self.text}»" if self.text else ""
        return f"{self.path}: {detail}{text}"


@dataclass
class PruneReport:
    """What prune found (and deleted, with --yes)."""

    unused: list[Unused] = field(default_factory=list)
    kept_orphans: list[str] = field(default_factory=list)
    """Clip files the manifest does not list but the content refers to."""
    notes: list[str] = field(default_factory=list)
    """Clip folders left alone, and why."""
    deleted: bool = False

    @property
    def bytes(self) -> int:
        return sum(u.bytes for u in self.unused)

    def lines(self) -> list[str]:
        """One line per unneeded thing and per kept orphan, then what was (or would be) done."""
        lines = [u.line() for u in self.unused]
        kept = "not in the manifest, but the content uses it; kept"
        lines += [f"{p}: {kept}" for p in self.kept_orphans]
        lines += self.notes
        files = sum(1 for u in self.unused if u.reason != "no file")
        entries = sum(1 for u in self.unused if u.reason != "orphan")
        what = (
            f"{_count(files, 'file', 'files')} ({self.bytes} bytes) and "
            f"{_count(entries, 'manifest entry', 'manifest entries')}"
        )
        if not self.unused:
            lines.append("nothing to prune: every clip is needed")
        elif self.deleted:
            lines.append(f"deleted {what}")
        else:
            lines.append(f"{what} no content needs; run again with --yes to delete them")
        return lines

    def as_json(self) -> dict[str, object]:
        return {
            "deleted": self.deleted,
            "unused": [
                {"path": u.path, "reason": u.reason, "bytes": u.bytes, "text": u.text}
                for u in self.unused
            ],
            "kept_orphans": self.kept_orphans,
            "notes": self.notes,
            "bytes": self.bytes,
        }


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def survey(settings: Settings) -> tuple[PruneReport, Store]:
    """What no content needs, and the store it was read from (writes nothing).

    Raises InputError when no content file is found at all: from the wrong folder every
    clip would look unneeded.
    """
    every_type = replace(settings, type="all")
    loaded, types = run.load(every_type)
    if not loaded.documents:
        raise InputError(
            f"{settings.data_dir}: no content file found, so every clip would look unneeded; "
            "run prune where the content is, or pass --data-dir"
        )
    store = Store(settings.out_dir, settings.temp_dir)
    plan = run.plan_run(every_type, loaded, run.Voices(every_type), store)
    needed = {c.rel_path for c in plan.clips} | referenced_paths(loaded.documents.values())
    report = PruneReport()
    # A type whose file is missing says nothing about its clips: keep them (a moved file
    # must not cost its audio); delete the folder by hand when the type is gone for good.
    unknown = {
        spec.name: spec.file
        for spec in types
        if Path(os.path.normpath(settings.data_dir / spec.file)) not in loaded.documents
    }
    on_disk = clip_files(settings.out_dir)
    for name, file in unknown.items():
        prefix = f"{name}/"
        if any(p.startswith(prefix) for p in on_disk) or any(
            e.path.startswith(prefix) for e in store
        ):
            report.notes.append(f"{prefix} kept: {file} is not in the data dir")
    on_disk = {rel: n for rel, n in on_disk.items() if rel.partition("/")[0] not in unknown}
    for entry in store:
        # Entries with other paths were not written by tts-assets as clips: leave them.
        if entry.path in needed or not CLIP_PATH.fullmatch(entry.path):
            continue
        if entry.path.partition("/")[0] in unknown:
            continue
        size = on_disk.get(entry.path)
        reason: Reason = "no file" if size is None else "unreferenced"
        report.unused.append(Unused(entry.path, reason, size or 0, entry.text))
    for rel, size in on_disk.items():
        if store.get(rel) is not None:
            continue
        if rel in needed:
            report.kept_orphans.append(rel)
        else:
            report.unused.append(Unused(rel, "orphan", size, None))
    return report, store


def prune(settings: Settings, *, delete: bool = False, lock_wait: float = 0.0) -> PruneReport:
    """List the clips no content needs; with `delete`, drop them from the manifest and disk.

    Raises TtsAssetsError subclasses for bad input (nothing is deleted then) and
    LockedError when another run holds the content.
    """
    if not delete or not settings.out_dir.is_dir():
        return survey(settings)[0]
    # Same order as generate (data dir, then out dir), and the survey is made under the
    # lock: a run that finished meanwhile may have made clips an older survey calls unused.
    data_lock = [settings.data_dir] if settings.data_dir.is_dir() else []
    with lock.locked([*data_lock, settings.out_dir], wait=lock_wait):
        report, store = survey(settings)
        for unused in report.unused:
            if unused.reason != "orphan":
                store.drop(unused.path, delete=False)
        store.flush()
        store.clean_staging()
        for unused in report.unused:
            path = clip_file(settings.out_dir, unused.path)
            if path is not None and unused.reason != "no file":
                path.unlink(missing_ok=True)
        report.deleted = True
    return report
