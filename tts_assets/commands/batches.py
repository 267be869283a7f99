"""The seam for engines beyond one machine: the missing clips as plain data, and a batch of
them made into a folder that `merge` joins.

The driver asks `missing_clips(settings)`; each worker calls `make_batch(settings, keys,
folder)`; the driver joins the folders with `merge` and runs `generate`, which writes the
URLs back. examples/ray/ is the recipe, tested on a local Ray.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict, Unpack

from ..making.hooks import Reporter, Stop
from ..planning.course import course_of
from ..planning.prepare import Prepared
from ..planning.shard import Batch
from ..settings.config import Settings
from .generate import generate
from .operation import operation
from .summary import Summary


class BatchOptions(TypedDict, total=False):
    """How `make_batch` runs, besides the settings, the keys and the folder."""

    reporter: Reporter | None
    stop: Stop | None
    """Ends the batch early when requested (what is made is kept)."""
    lock_wait: float


@dataclass(frozen=True)
class MissingClip:
    """A clip the content needs and the out dir lacks, as plain data for an engine."""

    key: str
    """Its content key: what `make_batch` is given."""
    path: str
    """Relative to the out dir (TYPE/KEY.EXT)."""
    text: str
    lang: str
    provider: str
    voice: str
    characters: int
    """What a paid provider would bill for it (0 for a slow clip, which is stretched)."""
    slow: tuple[str, ...] = ()
    """The keys of its slow clips (`slow`), made with it by the batch that makes it."""


@operation()
def missing_clips(settings: Settings) -> list[MissingClip]:
    """Every clip the content of `settings` needs and its out dir lacks, in plan order (as
    the dry run plans them; nothing is written). A slow clip whose clip is missing too is
    listed with that clip (`MissingClip.slow`), never on its own."""
    with course_of(settings) as course:
        return course.gathered(lambda: ([], set()), _missing)[0][0]


def _missing(found: tuple[list[MissingClip], set[str]], prepared: Prepared) -> None:
    """Add to `found` the missing clips of `prepared` no earlier window listed (and their
    keys, with their slow clips')."""
    listed, seen = found
    # A drill is made by the run that joins the batches (`Recipe.shard_key`), never one.
    new = [c for c in prepared.plan.new if c.shard_key is not None and c.key not in seen]
    seen.update(c.key for c in new)
    missing = {clip.key for clip in new}
    slow: dict[str, list[str]] = {}
    with_source = {clip.key: clip.shard_key for clip in new if clip.shard_key != clip.key}
    for key, source in with_source.items():
        if source in missing:
            slow.setdefault(str(source), []).append(key)
    listed += [
        MissingClip(
            key=clip.key,
            path=clip.rel_path,
            text=clip.spoken,
            lang=clip.lang.code,
            provider=clip.voice.provider,
            voice=clip.voice.voice,
            characters=clip.recipe.billed,
            slow=tuple(slow.get(clip.key, ())),
        )
        for clip in new
        if with_source.get(clip.key) not in missing
    ]


def make_batch(
    settings: Settings,
    keys: Iterable[str],
    folder: Path,
    **options: Unpack[BatchOptions],
) -> Summary:
    """Make the clips of `keys` (from `missing_clips`) into `folder`, this batch's own, as
    a shard's run makes its share: the out dir and the content only read, no JSON written."""
    batch = Batch(frozenset(keys), Path(folder).name)
    return generate(settings, shard=batch, shard_dir=Path(folder), **options)
