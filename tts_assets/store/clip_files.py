"""The stored clip files checked against the manifest: their bytes, then their sound.

A clip was decoded and checked (`audio.process.check`) when it was stored, and its
manifest entry records its size and sha256, so a file with those bytes is intact without
being decoded again; a file that differs is decoded to tell what happened (does it still
play?), and `deep` decodes every file, as after a change of the checks themselves.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

from ..audio import AudioSettings
from ..errors import AudioInvalid, NotFetched
from .files import open_regular
from .layout import is_clip_path
from .manifest import Store, StoredClip, sha256

REGENERATE = "run tts-assets generate (or verify --fix)"


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
) -> dict[str, Damage]:
    """The damaged files among `entries`, by path; `kinds` says how the plan speaks each
    path, else "text"; `deep` decodes every file, not only those whose bytes differ.
    Every file is hashed on this thread; those to decode are decoded on `workers` threads.
    """
    if not entries:
        return {}
    kind = (kinds or {}).get
    root = os.fspath(store.out_dir)
    linked = _linked(root, (e.path.partition("/")[0] for e in entries))
    damage: dict[str, Damage] = {}
    to_decode: list[tuple[StoredClip, bytes, str | None]] = []
    for e in entries:
        read = _bytes_of(root, *_told(e), linked)
        if isinstance(read, Damage):
            damage[e.path] = read
        elif deep or read[1] is not None:
            to_decode.append((e, *read))
    if to_decode:

        def decode(job: tuple[StoredClip, bytes, str | None]) -> Damage | None:
            e, data, finding = job
            return _check_decoded(e, audio, kind(e.path, "text"), data, finding)

        workers = workers or min(len(to_decode), os.cpu_count() or 1)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="verify") as pool:
            decoded = list(pool.map(decode, to_decode))
        damage.update((job[0].path, d) for job, d in zip(to_decode, decoded, strict=True) if d)
    return {e.path: damage[e.path] for e in entries if e.path in damage}  # in their order
