"""A run's making: the new clips of a plan, each made once the clips it is made from are
stored (`graph`), with the timings of present clips found again (`backfill`).

The providers are opened only when a clip needs one, while the making code finishes
importing (`finishing.preload`); the timings of the clips a provider said before are found
first, those of the stretched ones once the clips they are stretched from are known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import anyio

from .backfill import Untimed, backfill, has_words
from .finishing import preload
from .graph import Made, Making, asked_of, make_in_order
from .makers import MAKERS
from .pool import lone_errors
from .report import Failure

if TYPE_CHECKING:
    from ..planning.prepare import Prepared
    from .hooks import Reporter, Stop

__all__ = ["Failure", "Made", "make_new", "make_watched"]
"""What a command needs of making: the call, and what it says it did."""


async def make_watched(
    prepared: Prepared, workers: int, untimed: Untimed | None, reporter: Reporter, stop: Stop
) -> Made:
    """`make_new`, with the stop's watcher beside it, a lone error seen as itself."""
    made: list[Made] = []
    with lone_errors():
        async with anyio.create_task_group() as watching:
            watching.start_soon(stop.watch)
            try:
                made.append(await make_new(prepared, workers, untimed, reporter, stop))
            finally:
                watching.cancel_scope.cancel()
    return made[0]


async def make_new(
    prepared: Prepared, workers: int, untimed: Untimed | None, reporter: Reporter, stop: Stop
) -> Made:
    """Make the plan's new clips and find `untimed`'s timings again (module docstring)."""
    settings, plan = prepared.settings, prepared.plan
    untimed = untimed or Untimed()
    importing = preload()
    try:
        made, timed = Made(), (0, 0)
        said = [clip for clip in plan.new if clip.recipe.sent is not None]
        names = {clip.voice.provider for clip in [*said, *untimed.spoken]}
        async with prepared.voices.opened(names, workers) as providers:
            importing.join()
            making = Making(plan, prepared.store, settings, providers, workers, reporter, stop)
            if untimed.spoken and not stop.requested:
                found = await backfill(untimed.spoken, making)
                timed = found, len(untimed.spoken) - found
            if plan.new and not stop.requested:
                made = await make_in_order(plan.new, making, MAKERS)
            made.asked = asked_of(plan.new)
        made.timed, made.untimed = timed
    finally:
        importing.join()
    if untimed.slow and made.fatal is None and not stop.requested:
        # Those whose clip's timings are known now (found, or made).
        slowed = [c for c in untimed.slow if has_words(prepared.store, c.inputs[0].path)]
        found = await backfill(slowed, making)
        made.timed += found
        made.untimed += len(slowed) - found
    return made
