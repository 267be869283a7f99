"""Shards: one CI machine's share of the clips a run must make (`--shard K/N`).

A run split over N machines gives each the same content and a shard number; each makes
only its share of the clips, into its own folder, and `tts-assets merge` joins the
folders afterwards. The CI system is the scheduler: nothing here talks to the other
machines, so every shard must compute the same split on its own.

The split is a partition of the content keys, computed over **every clip the content
needs**, present or not, and only then narrowed to what is missing:

- it depends on nothing a run changes: a rerun of a failed shard, on the same content
  and settings, gets the same share and makes only what that share still misses, and
  no two shards ever make the same clip (Piper's clips differ from run to run, so an
  overlap would be a merge conflict, not just wasted work);
- it is balanced by expected work (`weight`): the heaviest clips are dealt first, each
  to the shard with the least work so far (longest-processing-time-first), so a few
  long passages cannot pile up on one machine;
- what is missing is balanced only as well as a random sample of the clips would be.
  That costs little where sharding matters (a first run or a new voice: everything is
  missing, and the split of the missing work is the balanced split itself; a new
  language: a large random subset), and the imbalance is largest when few clips are
  missing, when one machine would do anyway.

Splitting only the missing clips would balance them better, but the split would change
as soon as any shard's clips exist: shards that see different out dirs, or a rerun after
a partial run, would disagree on who makes what.
"""

from __future__ import annotations

import contextlib
import heapq
import os
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import replace as replaced
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from ..errors import InputError
from ..store.files import read_regular
from ..store.layout import CLAIM_NAME, KEY_LENGTH, STAGING_NAME
from ..store.manifest import Store
from .plan import Plan

if TYPE_CHECKING:
    from ..settings.config import Settings

_BATCH_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,99}")
_KEY = re.compile(rf"[0-9a-f]{{{KEY_LENGTH}}}")
"""A content key, as `missing_clips` gives it."""
ASK = "ask missing_clips of the same settings and content for the keys"

CLIP_COST_CHARS = 4
"""A clip's fixed cost (one model call per piece, trimming, loudness, encoding, the
write), counted as this many characters of text: a shard of many short readings is
not mistaken for little work."""


@dataclass(frozen=True)
class Shard:
    """Shard `index` of `count` (`--shard K/N`, K counted from 1)."""

    index: int
    count: int

    def __post_init__(self) -> None:
        if not 1 <= self.index <= self.count:
            raise ValueError(f"shard {self.index}/{self.count}: K must be 1 to N")

    @classmethod
    def parse(cls, text: str) -> Shard:
        """`"2/4"` → shard 2 of 4; anything else is an InputError saying what to write."""
        index, slash, count = text.strip().partition("/")
        usage = "write K/N with whole numbers, 1 ≤ K ≤ N, e.g. --shard 2/4"
        if not (slash and index.isdecimal() and count.isdecimal()):
            raise InputError(f"--shard {text!r}: {usage}")
        k, n = int(index), int(count)
        if n < 1:
            raise InputError(f"--shard {text!r}: N is the number of shards, at least 1; {usage}")
        if not 1 <= k <= n:
            raise InputError(f"--shard {text!r}: K must be between 1 and {n}; {usage}")
        return cls(k, n)

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def keys(self, every: Iterable[Work] | Split) -> set[str]:
        """The content keys this shard makes, split over `every` clip the content needs."""
        mine = every.mine.get(self) if isinstance(every, Split) else None
        if mine is None:
            mine = {key for key, index in assign(every, self.count).items() if index == self.index}
            if isinstance(every, Split):
                every.mine[self] = mine
        return mine

    def select(self, new: Sequence[W], every: Iterable[Work] | Split) -> list[W]:
        """The clips of `new` (missing ones) this shard makes, in their order; `every`:
        every clip the content needs, present or not (module docstring)."""
        mine = self.keys(every)
        # A stretched clip goes with the clip it is stretched from (`Recipe.shard_key`).
        return [clip for clip in new if _shard_key(clip) in mine]

    def default_folder(self) -> Path:
        return Path("shards") / str(self.index)


def shared(plan: Plan, shard: Shard | Batch, every: Split) -> Plan:
    """The part of `plan` (a window of the course whose clips are `every`) `shard` runs:
    its missing clips (`select`) beside every present clip; each type's `new` counts those
    only."""
    new = shard.select(plan.new, every)
    kept = {id(clip) for clip in (*plan.present, *new)}
    counts = {name: replaced(c, new=0) for name, c in plan.counts.items()}
    for clip in new:
        counts[clip.type_name].new += 1
    clips = [clip for clip in plan.clips if id(clip) in kept]
    # A drill is joined from clips other shards may make: the run after the join makes it
    # (`Joined.shard_key`), never a shard or a batch.
    for clip in plan.new:
        if _shard_key(clip) is None:
            counts[clip.type_name].clips -= 1
    # replace(): whatever else a plan carries stays as it is.
    return replaced(plan, clips=clips, new=new, counts=counts)


def _shard_key(clip: Work) -> str | None:
    shard_key = getattr(clip, "shard_key", None)
    return clip.key if shard_key is None else shard_key


@dataclass(frozen=True)
class Batch:
    """The clips of `keys` (content keys), made into a folder of their own and joined by
    `merge` as a shard's: what an engine beyond one machine gives each worker (Ray Data's
    `map_batches` over actors: `tts_assets.make_batch`, examples/ray/). The engine is the
    scheduler; the keys come from `tts_assets.missing_clips`, so every batch plans the
    same content and makes exactly its keys (a slow clip with its source's key)."""

    keys: frozenset[str]
    name: str
    """Its folder's default name, and what the folder's claim says (`batch NAME`)."""

    def __post_init__(self) -> None:
        if not _BATCH_NAME.fullmatch(self.name):
            raise InputError(
                f"batch name {self.name!r}: use letters, digits, '.', '_' and '-' (a folder "
                "name), e.g. batch-0007"
            )

    def __str__(self) -> str:
        return f"batch {self.name}"

    def select(self, new: Sequence[W], every: Iterable[Work] | Split) -> list[W]:
        """The clips of `new` of its keys, and each slow clip of a clip of its keys;
        InputError for a slow clip's key whose clip is missing and not in the batch
        (`check_slow`: another batch would bill it again, or it has nothing to stretch)."""
        self.check_slow(new)
        keys = self.keys
        found = [(c, _shard_key(c)) for c in new]
        return [c for c, k in found if k is not None and (c.key in keys or k in keys)]

    def check(self, every: Split) -> None:
        """InputError for a key that is not a content key, or one of no clip the course
        (whose clips are `every`) needs."""
        ask = ASK
        malformed = sorted(k for k in self.keys if not _KEY.fullmatch(str(k)))
        if malformed:
            raise InputError(
                f"{self}: {len(malformed)} key(s) are not content keys ({KEY_LENGTH} hex "
                f"digits), e.g. {str(malformed[0])[:80]!r}: {ask}; nothing was made"
            )
        unknown = sorted(self.keys - every.weights.keys())
        if unknown:
            raise InputError(
                f"{self}: {len(unknown)} of its {len(self.keys)} key(s) are of no clip this "
                f"content needs, e.g. {unknown[0]}: {ask} (the content or settings changed "
                "since, or the keys are another course's); nothing was made"
            )

    def check_slow(self, new: Sequence[Work]) -> None:
        """`select`'s InputError for the missing clips `new`, which a run checks each
        window for before its folder is claimed."""
        missing = {clip.key: clip for clip in new}
        for key in sorted(self.keys):
            clip = missing.get(key)
            source = _shard_key(clip) if clip is not None else None
            if source not in (None, key) and source in missing and source not in self.keys:
                raise InputError(
                    f"{self}: {key} is the slow clip of {source}, which is missing and not in "
                    "the batch: give the batch both keys (missing_clips lists the slow clip "
                    "with its clip, in MissingClip.slow); nothing was made"
                )

    def default_folder(self) -> Path:
        return Path("shards") / self.name


class Work(Protocol):
    """What the split reads of a clip (`plan.Clip` has it)."""

    @property
    def key(self) -> str: ...
    @property
    def spoken(self) -> str: ...
    @property
    def pieces(self) -> Sequence[str]: ...


W = TypeVar("W", bound=Work)


def weight(clip: Work) -> int:
    return len(clip.spoken) + CLIP_COST_CHARS * max(1, len(clip.pieces))


class Split:
    """Every clip a shard may make of a course (not a drill), by content key with its
    weight, added up window by window (`add`): the split is made over all of them (module
    docstring), and each window's share taken of it (`shared`)."""

    def __init__(self) -> None:
        self.weights: dict[str, int] = {}
        self.mine: dict[Shard, set[str]] = {}
        """Each shard's keys, once asked."""

    def add(self, plan: Plan) -> None:
        self.weigh(clip for clip in plan.clips if clip.shard_key is not None)

    def weigh(self, clips: Iterable[Work]) -> None:
        weights = self.weights
        for clip in clips:
            # One key is one text: its clips weigh the same (max() keeps this order-free).
            weights[clip.key] = max(weights.get(clip.key, 0), weight(clip))


def assign(every: Iterable[Work] | Split, count: int) -> dict[str, int]:
    """Each content key's shard (1 to `count`): heaviest first, to the least loaded.

    Depends only on the set of (key, weight) pairs, not on their order: ties in weight
    are dealt in key order and ties in load go to the lower shard. Clips sharing a key
    (one text in two types) are one piece of work.
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, not {count}")
    if not isinstance(every, Split):
        clips, every = every, Split()
        every.weigh(clips)
    weights = every.weights
    loads = [(0, index) for index in range(1, count + 1)]
    shard_of: dict[str, int] = {}
    for key, work in sorted(weights.items(), key=lambda kw: (-kw[1], kw[0])):
        load, index = heapq.heappop(loads)
        shard_of[key] = index
        heapq.heappush(loads, (load + work, index))
    return shard_of


class ShardStore(Store):
    """A shard's store: its clips go to the shard's folder; the out dir (`base`) is only
    read, so N shards can read one out dir at once. A clip counts as present where
    either holds it."""

    def __init__(self, folder: Path, settings: Settings) -> None:
        super().__init__(folder, settings.staging)
        self.base = Store(settings.out_dir, settings.staging)

    def prefetch(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        super().prefetch(keys)
        self.base.prefetch(keys)

    def is_present(self, rel_path: str, key: str) -> bool:
        return super().is_present(rel_path, key) or self.base.is_present(rel_path, key)

    def is_listed(self, rel_path: str, key: str) -> bool:
        return super().is_listed(rel_path, key) or self.base.is_listed(rel_path, key)

    def origins(self) -> frozenset[str]:
        return super().origins() | self.base.origins()


def shard_settings(folder: Path, settings: Settings) -> Settings:
    """The settings of a shard's run into `folder`: no JSON written, staging inside it, so
    shards sharing one project folder over a network file system never stage in, or clean
    up, one folder; InputError for a folder that is the out dir, the data dir or the
    staging folder."""
    real = folder.resolve()
    for flag, other in (
        ("the out dir (--out-dir", settings.out_dir),
        ("the data dir (--data-dir", settings.data_dir),
        ("the staging folder (temp_dir", settings.staging),
    ):
        if real == other.resolve():
            raise InputError(
                f"--shard-dir {folder} is {flag} {other}): a shard writes its clips to a "
                "folder of its own (e.g. --shard-dir shards/2), and tts-assets merge joins "
                "the shard folders into the out dir"
            )
    staging = folder / STAGING_NAME
    return replaced(settings, update_json=False, temp_dir=staging, own_temp_dir=True)


def claimed_by(folder: Path) -> str | None:
    """Who claimed `folder` (`claim`): `shard K/N`, `batch NAME`; None: no one, or unread."""
    try:
        found = read_regular(folder / CLAIM_NAME, 1024)  # never waits on a pipe
        return found.decode("ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def claim(folder: Path, shard: Shard | Batch) -> None:
    """Mark `folder` as `shard`'s own, or refuse it if another shard marked it first.

    Each shard writes into a folder of its own. Shards that share one folder, on a
    network file system, cannot be kept apart by the run's lock: `lock.py` flocks the
    folder, and Linux's NFS client keeps a directory's flock on the machine that took
    it (only regular files are locked on the server), so every machine would hold "the"
    lock at once and the last manifest written would drop the others' clips. The mark
    is made with `link()`, which the server performs atomically (the classic lock of
    NFS), so exactly one shard wins a folder; the same shard may come back to it (a
    rerun resumes what it left). Raises InputError (exit 2) naming the owner.
    """
    folder.mkdir(parents=True, exist_ok=True)
    mark = folder / CLAIM_NAME
    text = f"{shard}\n"
    draft = folder / f"{CLAIM_NAME}.{os.getpid()}-{uuid.uuid4().hex}"
    try:
        fd = os.open(
            draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644
        )
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.link(draft, mark)
        return
    except FileExistsError:
        pass
    finally:
        with contextlib.suppress(OSError):
            os.unlink(draft)
    owner = claimed_by(folder) or "?"
    if owner != str(shard):
        raise InputError(
            f"{folder}: this folder belongs to shard {owner} ({mark.name}); give each shard "
            f"a folder of its own (e.g. {shard.default_folder()}) and join them with "
            "tts-assets merge"
        )
