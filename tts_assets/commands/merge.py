"""`merge`: join the out dirs of a run's shards into one out dir.

Each shard (`--shard K/N`) stores its clips and manifest in a folder of its own; `merge`
copies them into the out dir, where a plain `generate` finds them and writes the URLs
back. Every shard file is checked before it is taken; a path with two different entries
is refused before anything changes (unless the out dir's file is missing or damaged); a
killed merge is finished by running it again (docs/guarantees.md).
"""

from __future__ import annotations

import errno
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AudioInvalid, InputError
from ..store import lock
from ..store.files import READ_LIMIT, not_regular, read_bounded
from ..store.layout import clip_file, staging_folder
from ..store.manifest import Store, StoredClip, holds, sha256
from .report import AlwaysOk, fields_json


@dataclass
class MergeReport(AlwaysOk):
    out_dir: Path
    shards: list[Path]
    taken: dict[str, list[str]] = field(default_factory=dict)
    """Clip paths copied into the out dir, by the shard folder they came from."""
    repaired: list[str] = field(default_factory=list)
    """Among them, paths whose out dir entry had a missing or damaged file."""
    present: int = 0
    """Shard clips the out dir already held, intact and identical."""
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def copied(self) -> int:
        return sum(len(paths) for paths in self.taken.values())

    def lines(self) -> list[str]:
        lines = [
            f"{shard}: {len(self.taken.get(str(shard), []))} clips taken" for shard in self.shards
        ]
        repaired = (
            f", {len(self.repaired)} of them repairing a damaged file" if self.repaired else ""
        )
        lines += self.notes
        lines.append(
            f"merged {len(self.shards)} shard folder(s) into {self.out_dir}: {self.copied} "
            f"clips copied{repaired}, {self.present} already there, in {self.seconds:.1f} s"
        )
        return lines

    def as_json(self) -> dict[str, object]:
        return fields_json(self, "copied")


@dataclass(frozen=True)
class _Offer:
    """A shard's clip: its manifest entry, checked against its file."""

    shard: Path
    entry: StoredClip

    def read(self) -> bytes:
        try:
            # No more than the entry's size is read: a larger file differs anyway.
            path = clip_file(self.shard, self.entry.path)
            assert path is not None  # checked when the offer was made
            data = read_bounded(path, max(0, min(self.entry.bytes, READ_LIMIT)))
        except FileNotFoundError:
            raise self._refuse("is in its manifest but the file is missing") from None
        except OSError as e:
            if e.errno == errno.EFBIG:
                raise self._refuse("differs from its manifest entry (size or sha256)") from None
            raise self._refuse(f"cannot be read ({not_regular(e)})") from None
        if len(data) != self.entry.bytes or sha256(data) != self.entry.sha256:
            raise self._refuse("differs from its manifest entry (size or sha256)")
        # A hash proves the bytes are the ones recorded, not that they are audio: a shard's
        # manifest could have been written for anything. Whole, in its format, decodable.
        from ..audio.codec import decode
        from ..audio.integrity import assert_complete, sniff

        try:
            assert_complete(data, sniff(data) or Path(self.entry.path).suffix.lstrip("."))
            decode(data)
        except AudioInvalid as e:
            raise self._refuse(f"is not a whole clip ({str(e).partition('; ')[0]})") from None
        return data

    def same_clip(self, other: StoredClip) -> bool:
        return (self.entry.key, self.entry.sha256) == (other.key, other.sha256)

    def _refuse(self, what: str) -> InputError:
        return InputError(
            f"{self.shard}: {self.entry.path} {what}; run that shard again, or merge "
            "without its folder (the final generate makes what is missing)"
        )


def merge(
    out_dir: Path,
    shard_dirs: Sequence[Path],
    *,
    temp_dir: Path | None = None,
    lock_wait: float = 0.0,
) -> MergeReport:
    """Copy the clips of every shard folder into `out_dir` (module docstring); `temp_dir`
    is the staging folder (`.temp-audio` inside `out_dir` by default)."""
    started = time.monotonic()
    staging = staging_folder(out_dir, temp_dir)
    if not shard_dirs:
        raise InputError("no shard folders given: tts-assets merge OUT_DIR SHARD_DIR...")
    seen: dict[Path, Path] = {}
    for folder in shard_dirs:
        if not folder.is_dir():
            raise InputError(f"{folder}: no such shard folder; nothing was merged")
        real = folder.resolve()
        if real == out_dir.resolve():
            raise InputError(f"{folder}: a shard folder cannot be the out dir {out_dir} itself")
        if real in seen:
            raise InputError(f"{folder}: given twice (also as {seen[real]}); nothing was merged")
        seen[real] = folder
    shards = list(shard_dirs)
    report = MergeReport(out_dir=out_dir, shards=shards)
    with lock.locked(shards, wait=lock_wait):
        offers = _offers(shards, staging)
        with lock.locked([out_dir], wait=lock_wait):
            store = Store(out_dir, staging)
            wanted: list[_Offer] = []
            for path, offer in sorted(offers.items()):
                own = store.get(path)
                intact = own is not None and holds(clip_file(out_dir, own.path), own)
                if own is not None and intact and offer.same_clip(own):
                    report.present += 1
                    store.claim(path, offer.entry.sets or ())
                    continue
                if intact:
                    raise _conflict(path, str(out_dir), str(offer.shard))
                wanted.append(offer)
                if own is not None:
                    report.repaired.append(path)
            for offer in wanted:
                store.put(offer.entry.path, offer.read(), offer.entry)
                report.taken.setdefault(str(offer.shard), []).append(offer.entry.path)
                # Every file is in place before the manifest names it (put renames first).
                store.flush(at_most_every=2.0)
            store.flush()
            report.notes += store.moved
            store.clean_staging()
    report.seconds = time.monotonic() - started
    return report


def _offers(shards: list[Path], staging: Path) -> dict[str, _Offer]:
    """Every shard clip by path, each file checked; conflicts between shards refused."""
    offers: dict[str, _Offer] = {}
    for shard in shards:
        for entry in Store(shard, staging):  # only read
            offer = _Offer(shard, entry)
            if clip_file(shard, entry.path) is None:
                raise InputError(
                    f"{shard}: its manifest lists {entry.path!r}, which is not a clip path "
                    "tts-assets writes (TYPE/KEY.EXT, no symlinks); nothing was merged"
                )
            offer.read()
            first = offers.get(entry.path)
            if first is None:
                offers[entry.path] = offer
            elif not first.same_clip(entry):
                raise _conflict(entry.path, str(first.shard), str(shard))
    return offers


def _conflict(path: str, first: str, second: str) -> InputError:
    """Two folders disagree on a clip: the advice of what made them (`claimed_by`)."""
    from ..planning.shard import claimed_by

    owners = [claimed_by(Path(folder)) or "" for folder in (first, second)]
    if any(owner.startswith("batch ") for owner in owners):
        advice = (
            "merge the batches of one missing_clips only (each made with the same content "
            "and settings it was asked with), or leave one of the two out"
        )
    else:
        advice = (
            "merge shards of one run only (same content, settings and --shard N), or leave "
            "one of the two out"
        )
    return InputError(
        f"{path}: {first} and {second} hold different clips for this path (another key or "
        f"other bytes); nothing was merged: {advice}"
    )
