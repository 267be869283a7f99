"""Clips made from clips already stored (slow twins, drills), never sent to a provider:
one phase that makes them as many at once as there are physical cores (CPU work), each
within its time, and keeps what a stop did not cut short.

A clip that cannot be made (its source missing, a stretch or a join that fails) fails
with its reason and the others go on; a fault of the machine (a full disk) stops the
phase, as it stops the run (`errors.machine_fault`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

import anyio
import anyio.to_thread

from ..errors import machine_fault
from ..planning.plan import Clip, Plan
from ..providers.base import physical_cores
from ..store.manifest import Store, StoredClip
from .clips import Made
from .hooks import Reporter, Stop
from .report import Failure, Progress, reason


async def make_derived(
    plan: Plan,
    clips: Sequence[Clip],
    store: Store,
    make: Callable[[Clip], Awaitable[tuple[bytes, StoredClip]]],
    timeout: float,
    reporter: Reporter,
    stop: Stop,
    what: str,
) -> Made:
    """Make each of `clips` with `make` (its file and manifest entry, from the store) and
    store it, within `timeout` seconds each; a failure is reported as `its WHAT: why`."""
    made = Made()
    progress = Progress(total=len(clips))
    limiter = anyio.CapacityLimiter(physical_cores())

    async def one(clip: Clip) -> None:
        if stop.requested or made.fatal is not None:
            return
        try:
            async with limiter:
                with anyio.fail_after(timeout):
                    data, entry = await make(clip)
                # What a stop cancelled is never stored; what is done is kept.
                await anyio.to_thread.run_sync(_put, clip, store, data, entry, stop)
        except Exception as e:
            fault = machine_fault(e)
            if fault is not None:
                made.fatal = made.fatal or str(fault)
                return
            why = "timed out" if isinstance(e, TimeoutError) else reason(e)
            made.failures.append(failure(clip, f"its {what}: {why}"))
            for type_name in clip.needed_by:
                plan.counts[type_name].failed += 1
            progress.count(failed=1)
        else:
            made.generated += 1
            progress.count(generated=1)
            for type_name in clip.needed_by:
                plan.counts[type_name].generated += 1
        reporter.progress(progress)

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


def _put(clip: Clip, store: Store, data: bytes, entry: StoredClip, stop: Stop) -> None:
    if not stop.requested:
        store.put(clip.rel_path, data, entry)


def failure(clip: Clip, why: str) -> Failure:
    """The failure of `clip` for `why`, at every place that needs it."""
    return Failure(
        places=[item.where for item in clip.items],
        text=clip.spoken,
        reason=why,
        lang=clip.lang,
        provider=clip.voice.provider,
        key=clip.key,
    )
