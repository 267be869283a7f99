"""Where clips live: staged in `.temp-audio/`, renamed into the out dir, listed in a manifest.

A clip is only ever visible under its final name once it is complete: its bytes are
written and fsynced in the staging folder, then renamed into place. The manifest
(`<out-dir>/manifest.json`) records what exists; a run trusts a file only when the
manifest lists it with the same size, never on mere existence, so a file left by a
crash between rename and manifest write is simply made again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import InputError
from .fsutil import write_atomic

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class StoredClip:
    """One manifest entry: a complete, validated audio file under the out dir."""

    key: str
    """Content key (hash of everything that changes the sound)."""
    path: str
    """Path relative to the out dir, with forward slashes."""
    text: str
    """The spoken text."""
    provider: str
    voice: str
    duration: float
    """Seconds of audio."""
    bytes: int
    """File size; resume checks it against the file on disk."""
    sha256: str


class Store:
    """The out dir, its staging folder and its manifest."""

    def __init__(self, out_dir: Path, temp_dir: Path) -> None:
        self.out_dir = out_dir
        self.temp_dir = temp_dir
        self.manifest_path = out_dir / MANIFEST_NAME
        self._clips: dict[str, StoredClip] = {}
        # put() runs in worker threads while flush() runs on the event loop: changes are
        # counted under a lock, so a put made during a flush is never marked as written.
        self._lock = threading.Lock()
        self._changes = 0
        self._written = 0
        self._last_flush = 0.0
        self._seen = self._manifest_stat()
        self._load()

    def _manifest_stat(self) -> tuple[int, int] | None:
        try:
            st = self.manifest_path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def changed_on_disk(self) -> bool:
        """Whether another process rewrote the manifest since this store read it."""
        return self._manifest_stat() != self._seen

    def _load(self) -> None:
        try:
            raw = self.manifest_path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as e:
            raise InputError(f"{self.manifest_path}: cannot read the manifest ({e})") from None
        try:
            doc = json.loads(raw)
            if doc.get("version") != MANIFEST_VERSION:
                raise ValueError(f"unknown manifest version {doc.get('version')!r}")
            for entry in doc["clips"]:
                clip = StoredClip(**entry)
                self._clips[clip.path] = clip
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise InputError(
                f"{self.manifest_path}: not a tts-assets manifest ({e}); move it away and run "
                "again (existing clips are then regenerated)"
            ) from None

    # --- queries ---------------------------------------------------------------------

    def __iter__(self) -> Iterator[StoredClip]:
        return iter(sorted(self._clips.values(), key=lambda c: c.path))

    def __len__(self) -> int:
        return len(self._clips)

    def get(self, rel_path: str) -> StoredClip | None:
        return self._clips.get(rel_path)

    def file(self, rel_path: str) -> Path:
        return self.out_dir / rel_path

    def is_present(self, rel_path: str, key: str) -> bool:
        """True when the manifest lists this file with this key and the file has its size."""
        clip = self._clips.get(rel_path)
        if clip is None or clip.key != key:
            return False
        try:
            return self.file(rel_path).stat().st_size == clip.bytes
        except OSError:
            return False

    # --- changes ---------------------------------------------------------------------

    def put(self, rel_path: str, data: bytes, clip: StoredClip) -> StoredClip:
        """Stage `data`, rename it to `rel_path` and record it (manifest written on flush)."""
        target = self.file(rel_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data, staging=self.temp_dir)
        recorded = StoredClip(**{**asdict(clip), "path": rel_path})
        with self._lock:
            self._clips[rel_path] = recorded
            self._changes += 1
        return recorded

    def drop(self, rel_path: str, *, delete: bool = True) -> None:
        """Forget a clip (and delete its file)."""
        with self._lock:
            self._clips.pop(rel_path, None)
            self._changes += 1
        if delete:
            self.file(rel_path).unlink(missing_ok=True)

    def flush(self, *, at_most_every: float = 0.0) -> None:
        """Write the manifest atomically if it changed (and `at_most_every` s have passed)."""
        now = time.monotonic()
        if self._changes == self._written or now - self._last_flush < at_most_every:
            return
        with self._lock:
            changes = self._changes
            clips = [asdict(c) for c in sorted(self._clips.values(), key=lambda c: c.path)]
        doc = {"version": MANIFEST_VERSION, "clips": clips}
        data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
        self.out_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(self.manifest_path, data, staging=self.temp_dir)
        self._seen = self._manifest_stat()
        self._written = changes
        self._last_flush = now

    def clean_staging(self) -> None:
        """Remove what killed runs left in the staging folder (not a live run's files).

        Staged files (`<pid>-*.part`) and providers' scratch folders (`<pid>-*.scratch/`)
        of processes that no longer run are removed, then the folder itself when empty.
        """
        if not self.temp_dir.is_dir():
            return
        for leftover in self.temp_dir.glob("[0-9]*-*"):
            pid = leftover.name.partition("-")[0]
            if not pid.isdigit() or (int(pid) != os.getpid() and _alive(int(pid))):
                continue
            if leftover.suffix == ".scratch" and leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
            elif leftover.suffix == ".part" and not leftover.is_dir():
                leftover.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # not empty: a live run is staging there
            self.temp_dir.rmdir()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
