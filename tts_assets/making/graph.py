"""The making order: the graph of inputs (as dvc's stages: one runs once what it depends
on is there).

Each clip's recipe names the clips it is made from (`Recipe.inputs`). A clip of the run is
made once those of its inputs that the run makes are stored: the new clips are taken in
ranks (a spoken clip, or one made from clips already stored, in the first; a slow twin of
a new clip in the second; a drill with a new slow twin in the third), the manifest flushed
between makers. A stop or a fatal error leaves the rest unmade, and what is made is kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import anyio.to_thread

if TYPE_CHECKING:
    from ..languages import Lang
    from ..planning.plan import Clip, Plan
    from ..providers.engine import Engine
    from ..settings.config import Settings
    from ..store.manifest import Store
    from .hooks import Reporter, Stop
    from .report import Failure


@dataclass
class Made:
    """What making the new clips did."""

    generated: int = 0
    failures: list[Failure] = field(default_factory=list)
    """Clips that failed (a fatal error is not repeated per clip)."""
    fatal: str | None = None
    timed: int = 0
    """Present clips whose timings were found again (`making.backfill`)."""
    untimed: int = 0
    """Present clips without timings whose timings could not be found again."""
    asked: Counter[tuple[Lang, str]] = field(default_factory=Counter)
    """The texts (content keys) of the new clips asked for, by language and provider."""

    def add(self, other: Made) -> None:
        self.generated += other.generated
        self.failures += other.failures
        self.fatal = self.fatal or other.fatal
        self.timed += other.timed
        self.untimed += other.untimed
        self.asked.update(other.asked)


def asked_of(clips: Iterable[Clip]) -> Counter[tuple[Lang, str]]:
    """The texts (content keys) of `clips`, by language and provider (`Made.asked`)."""
    found: dict[tuple[Lang, str], set[str]] = {}
    for clip in clips:
        found.setdefault((clip.lang, clip.voice.provider), set()).add(clip.key)
    return Counter({voiced: len(keys) for voiced, keys in found.items()})


@dataclass
class Making:
    """What every maker is given; `failed`: the keys of the clips this run could not make
    (a clip made from one fails saying so)."""

    plan: Plan
    store: Store
    settings: Settings
    providers: Mapping[str, Engine]
    workers: int
    reporter: Reporter
    stop: Stop
    failed: set[str] = field(default_factory=set)


Maker = Callable[[list["Clip"], Making], Awaitable[Made]]
"""Makes the clips of one kind it is given (their inputs stored) and says what it did."""


def ranks(clips: Sequence[Clip]) -> list[list[Clip]]:
    """`clips` in the order they can be made: each clip in the rank after the last of its
    inputs among `clips` (the first when it has none there), in their order."""
    by_path = {clip.rel_path: clip for clip in clips}
    rank: dict[str, int] = {}

    def of(clip: Clip) -> int:
        known = rank.get(clip.rel_path)
        if known is None:
            rank[clip.rel_path] = 0  # an input met again on its own way down is made first
            below = [by_path[i.path] for i in clip.inputs if i.path in by_path]
            known = rank[clip.rel_path] = 1 + max(map(of, below)) if below else 0
        return known

    found: list[list[Clip]] = []
    for clip in clips:
        n = of(clip)
        found.extend([] for _ in range(n + 1 - len(found)))
        found[n].append(clip)
    return found


async def make_in_order(
    clips: Sequence[Clip], making: Making, makers: Mapping[type, Maker]
) -> Made:
    """Make `clips` (new ones) in the order of their inputs, each kind by its maker of
    `makers` (by recipe type)."""
    made = Made()
    ran = False
    for rank in ranks(clips):
        for kind, maker in makers.items():
            these = [clip for clip in rank if type(clip.recipe) is kind]
            if not these or made.fatal is not None or making.stop.requested:
                continue
            if ran:
                # Every clip made so far is in the journal already (`Store.put`); the
                # manifest lists them too before the clips made from them are.
                await anyio.to_thread.run_sync(flushed, making.store)
            made.add(await maker(these, making))
            making.failed |= {f.key for f in made.failures if f.key}
            ran = True
    return made


def flushed(store: Store) -> None:
    """The manifest written if it changed; a fault of the machine is left for the end of
    the run to report (the journal keeps what the manifest could not list)."""
    from ..errors import machine_fault

    try:
        store.flush()
    except OSError as e:
        if machine_fault(e) is None:
            raise
