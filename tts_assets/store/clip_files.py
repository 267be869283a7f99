"""The stored clip files checked against the manifest: their bytes, then their sound.

A clip was decoded and checked (`audio.process.check`) when it was stored, and its
manifest entry records its size and sha256, so a file with those bytes is intact without
being decoded again; a file that differs is decoded to tell what happened (does it still
play?), and `deep` decodes every file, as after a change of the checks themselves.

`verify` reads and hashes every clip, which needs nothing of the planning: so it runs in
another process (`BytesCheck`, this module run as a program) while verify plans on this
one, told the entries of a JSON manifest its store read (`--told`), reading a database's
rows itself. A small out dir is checked in this process.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from ..audio import AudioSettings
from ..errors import AudioInvalid, NotFetched
from .database import DATABASE_NAME, STUB_BYTES
from .files import open_regular
from .layout import MANIFEST_NAME, is_clip_path
from .manifest import Store, StoredClip, sha256

REGENERATE = "run tts-assets generate (or verify --fix)"

SECOND_PROCESS_BYTES = 256 * 1024
"""The smallest manifest whose files `BytesCheck` reads in another process (below it,
starting one costs more than it saves)."""


@dataclass(frozen=True)
class Damage:
    kind: Literal["missing", "corrupt", "unfetched"]
    message: str


_NOT_A_CLIP = Damage(
    "corrupt",
    "not a clip path tts-assets writes (TYPE/KEY.EXT, no symlinks); verify --fix removes the entry",
)


def _bytes_of(
    root: str, path: str, size: int, digest: str, linked: frozenset[str] | None
) -> Damage | tuple[bytes, str | None]:
    """The bytes of the file at clip path `path` of the out dir `root` (`linked`: the type
    folders that are symbolic links; None: look), and how they differ from the record of
    `size` bytes of `digest` (None: not), or the Damage when it cannot be read. Plain os
    calls on str paths: verify reads every clip."""
    folder = path.partition("/")[0]
    if not is_clip_path(path) or folder in (
        linked if linked is not None else _linked(root, [folder])
    ):
        return _NOT_A_CLIP
    try:
        # Never waits on a named pipe, never reads a device or a file beyond any clip.
        fd = open_regular(os.path.join(root, path))
        try:
            parts = []
            # One read takes a file of the recorded size (and sees that it is not larger).
            while part := os.read(fd, min(max(size, 0), READ_CAP) + 1):
                parts.append(part)
        finally:
            os.close(fd)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return _NOT_A_CLIP
        if e.errno == errno.ENOENT:
            return Damage("missing", f"{path}: the file is missing; {REGENERATE}")
        return Damage("corrupt", f"{path}: cannot read the file ({e.strerror})")
    data = b"".join(parts)  # (one part: that part itself, not a copy)
    if len(data) != size:
        return data, f"{len(data)} bytes where the manifest records {size}"
    if sha256(data) != digest:
        return data, "its sha256 differs from the manifest's (changed after it was made)"
    return data, None


def _check_decoded(
    entry: StoredClip, audio: AudioSettings, kind: str, data: bytes, finding: str | None
) -> Damage | None:
    """Decode and check `data` (after `finding`, if any: whether the file still plays
    tells what happened)."""
    from ..audio.process import checked_audio

    findings = [] if finding is None else [finding]
    try:
        seconds = checked_audio(data, audio.of_file(entry.path), entry.text, kind).duration
    except NotFetched as e:
        return Damage("unfetched", f"{entry.path}: {e}")
    except AudioInvalid as e:
        findings.append(str(e).partition("; synthesize it again")[0])
    else:
        if finding is None and abs(round(seconds, 3) - entry.duration) > DURATION_SLACK:
            # The bytes are the manifest's, the sound is not: its sha256 was written for
            # another file (a forged or hand-edited manifest).
            findings.append(
                f"it decodes to {seconds:.3f} s where the manifest records "
                f"{entry.duration:.3f} s for these bytes (the file and its sha256 were "
                "replaced together)"
            )
    if not findings:
        return None
    # generate trusts a file of the recorded size: only --fix replaces every corrupt one.
    return Damage("corrupt", f"{entry.path}: {'; '.join(findings)}; run tts-assets verify --fix")


DURATION_SLACK = 0.0015
"""How far a decoded clip's seconds may be from its manifest entry's (rounded to ms)."""


READ_CAP = 1 << 24
"""The most one read asks for: a manifest's size is not trusted with a buffer."""


def _told(entry: StoredClip) -> tuple[str, int, str]:
    """What a clip's file is checked against: its path, bytes and sha256."""
    return entry.path, entry.bytes, entry.sha256


def _linked(root: str, folders: Iterable[str]) -> frozenset[str]:
    """Those of `folders` (under `root`) that are symbolic links."""
    return frozenset(f for f in set(folders) if os.path.islink(os.path.join(root, f)))


def check_files(
    store: Store,
    entries: Sequence[StoredClip],
    audio: AudioSettings,
    workers: int | None = None,
    kinds: Mapping[str, str] | None = None,
    *,
    deep: bool = True,
    found: Mapping[str, Damage | str] | None = None,
) -> dict[str, Damage]:
    """The damaged files among `entries`, by path; `kinds` says how the plan speaks each
    path, else "text"; `deep` decodes every file, not only those whose bytes differ.
    `found`: what a `BytesCheck` of this store found; without it, every file is hashed on
    this thread. The files to decode are decoded on `workers` threads.
    """
    if not entries:
        return {}
    kind = (kinds or {}).get
    root = os.fspath(store.out_dir)
    linked = _linked(root, (e.path.partition("/")[0] for e in entries))
    damage: dict[str, Damage] = {}
    to_decode: list[tuple[StoredClip, tuple[bytes, str | None] | str | None]] = []
    for e in entries:
        read = found.get(e.path) if found is not None else _bytes_of(root, *_told(e), linked)
        if isinstance(read, Damage):
            damage[e.path] = read
        elif deep or (read[1] if isinstance(read, tuple) else read) is not None:
            to_decode.append((e, read))
    if to_decode:

        def decode(job: tuple[StoredClip, tuple[bytes, str | None] | str | None]) -> Damage | None:
            e, read = job
            # What the other process read is read here too: a file to decode is needed whole.
            got = read if isinstance(read, tuple) else _bytes_of(root, *_told(e), linked)
            if isinstance(got, Damage):
                return got
            return _check_decoded(e, audio, kind(e.path, "text"), *got)

        workers = workers or min(len(to_decode), os.cpu_count() or 1)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="verify") as pool:
            decoded = list(pool.map(decode, to_decode))
        damage.update((job[0].path, d) for job, d in zip(to_decode, decoded, strict=True) if d)
    return {e.path: damage[e.path] for e in entries if e.path in damage}  # in their order


class BytesCheck:
    """Every manifest entry's file of an out dir read and hashed in another process,
    started before the caller plans and asked (`found`) after: None where it read another
    manifest than the caller's store, or failed (the caller checks on its own)."""

    def __init__(
        self,
        out_dir: Path,
        *,
        start: bool = True,
        smallest: int = SECOND_PROCESS_BYTES,
        store: Store | None = None,
    ) -> None:
        """Start reading `out_dir`'s files, unless `start` is False or the manifest is
        smaller than `smallest`; `store`: the caller's, whose JSON entries it is told."""
        self.process: subprocess.Popen[bytes] | None = None
        if not start or not sys.executable:
            return  # (an embedded interpreter may have no executable to start)
        try:
            manifest = os.stat(out_dir / MANIFEST_NAME)
        except OSError:
            return
        if not stat.S_ISREG(manifest.st_mode) or _entries_size(out_dir, manifest) < smallest:
            return
        told = store is not None and store.database is None
        try:
            with tempfile.TemporaryFile() as entries:
                if store is not None and told:
                    _tell(store, entries)
                self.process = subprocess.Popen(
                    [sys.executable, "-m", __name__, os.fspath(out_dir), *([TOLD] if told else [])],
                    stdin=entries if told else subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
        except OSError:
            self.process = None

    def found(self, store: Store) -> dict[str, Damage | str] | None:
        """Damage or the finding (bytes that differ) by path, for the files not intact."""
        if self.process is None:
            return None
        out, _ = self.process.communicate()
        if self.process.returncode != 0:
            return None
        try:
            result = json.loads(out)
        except ValueError:
            return None
        stamp = result.get("manifest")
        if stamp is None or tuple(stamp) != store.manifest_stamp:
            return None
        return {
            path: Damage(what[1], what[2]) if what[0] == "damage" else what[1]
            for path, what in result["found"].items()
        }

    def close(self) -> None:
        """End the process if it still runs (the caller stopped before asking)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> BytesCheck:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _entries_size(out_dir: Path, manifest: os.stat_result) -> int:
    """The bytes of the file that holds the out dir's entries (a stub's database)."""
    if manifest.st_size > STUB_BYTES:
        return manifest.st_size
    try:
        found = os.stat(out_dir / DATABASE_NAME)
    except OSError:
        return manifest.st_size
    return found.st_size if stat.S_ISREG(found.st_mode) else manifest.st_size


TOLD = "--told"
"""The process's argument when its entries come on its standard input (`_tell`)."""


def _tell(store: Store, into: BinaryIO) -> None:
    """Write `store`'s manifest stamp and entries (path, bytes, sha256) into `into`."""
    told = {
        "manifest": store.manifest_stamp,
        "entries": [_told(e) for e in store],
    }
    into.write(json.dumps(told, separators=(",", ":")).encode())
    into.seek(0)


def _report(
    out_dir: Path, stamp: list[int] | None, entries: Iterable[Sequence[Any]]
) -> dict[str, object]:
    """What `BytesCheck` is answered: the `stamp`, and each of `entries` whose file's
    bytes are not the recorded ones."""
    root = os.fspath(out_dir)
    try:
        folders = os.listdir(out_dir)
    except OSError:
        folders = []  # (then no file can be read either)
    linked = _linked(root, folders)
    found: dict[str, list[str]] = {}
    for path, size, digest in entries:
        read = _bytes_of(root, path, size, digest, linked)
        if isinstance(read, Damage):
            found[path] = ["damage", read.kind, read.message]
        elif read[1] is not None:
            found[path] = ["differs", read[1]]
    return {"manifest": stamp, "found": found}


if __name__ == "__main__":
    out_dir = Path(sys.argv[1])
    if sys.argv[2:] == [TOLD]:
        doc = json.loads(sys.stdin.buffer.read())  # the entries, as `_tell` wrote them
        result = _report(out_dir, doc["manifest"], doc["entries"])
    else:
        store = Store(out_dir, out_dir / ".temp-audio")
        stamp = store.manifest_stamp
        entries = map(_told, store)  # a database's row by row
        result = _report(out_dir, None if stamp is None else list(stamp), entries)
    json.dump(result, sys.stdout)
