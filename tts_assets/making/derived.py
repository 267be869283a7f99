"""Clips made from clips already stored (slow twins, drills), never sent to a provider:
the one driver of their makers, which makes them as many at once as there are physical
cores (CPU work), each within its time, and keeps what a stop did not cut short.

A clip whose input is not there (it failed in this run, or it is not in the store) fails
with that reason before anything is read (`ready`); one that cannot be made (a stretch or
a join that fails) fails with its reason, and the others go on; a fault of the machine (a
full disk) stops them, as it stops the run (`errors.machine_fault`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import anyio
import anyio.to_thread

from ..audio.samples import Audio
from ..errors import machine_fault
from ..planning.plan import Clip
from ..providers.base import physical_cores
from ..store.manifest import StoredClip
from .graph import Made, Making
from .report import Progress, failure, reason

Make = Callable[[Clip, Making], Awaitable[tuple[bytes, StoredClip]]]
"""Makes one clip's file and manifest entry from the store (stores nothing)."""


async def make_derived(
    clips: Sequence[Clip], making: Making, make: Make, what: str | Callable[[Clip], str]
) -> Made:
    """Make each of `clips` with `make` and store it, within twice the run's timeout each
    (a stretch runs its program within the timeout); a failure is reported as `its WHAT:
    why`."""
    made = Made()
    plan, store, stop = making.plan, making.store, making.stop
    progress = Progress(total=len(clips))
    limiter = anyio.CapacityLimiter(physical_cores())

    async def one(clip: Clip) -> None:
        if stop.requested or made.fatal is not None:
            return
        try:
            ready(clip, making)
            async with limiter:
                with anyio.fail_after(making.settings.timeout * 2):
                    data, entry = await make(clip, making)
                # What a stop cancelled is never stored; what is done is kept.
                if not stop.requested:
                    await anyio.to_thread.run_sync(store.put, clip.rel_path, data, entry)
        except Exception as e:
            fault = machine_fault(e)
            if fault is not None:
                made.fatal = made.fatal or str(fault)
                return
            why = "timed out" if isinstance(e, TimeoutError) else reason(e)
            noun = what if isinstance(what, str) else what(clip)
            made.failures.append(failure([clip], f"its {noun}: {why}"))
            plan.tally([clip], "failed")
            progress.count(failed=1)
        else:
            made.generated += 1
            progress.count(generated=1)
            plan.tally([clip], "generated")
        making.reporter.progress(progress)

    unsubscribe = None
    try:
        async with anyio.create_task_group() as group:
            unsubscribe = stop.on_request(group.cancel_scope.cancel)
            for clip in clips:
                group.start_soon(one, clip)
    finally:
        if unsubscribe is not None:
            unsubscribe()
    return made


def ready(clip: Clip, making: Making) -> None:
    """LookupError when an input of `clip` is not there to make it from: it failed in this
    run (`Making.failed`), or the store does not hold it."""
    for found in clip.inputs:
        if found.key in making.failed:
            why = "failed (its failure says why)"
        elif not making.store.is_present(found.path, found.key):
            why = f"is not in the store ({found.path})"
        else:
            continue
        raise LookupError(f"{found.name} {why}; {found.then}")


def decoded(path: Path) -> Audio:
    from ..audio.codec import decode

    return decode(path.read_bytes())
