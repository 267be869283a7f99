"""Make the new clips of a plan: synthesis → assembler → finishing, with progress and failures.

    piece jobs ──synthesis pool──▶ Audio ──assembler──▶ whole clip ──finishing pool──▶ stored
    (workers, --timeout each,        (by clip,           (physical cores, --timeout each,
     the provider's retries)          in order)           retries with the same pieces)

Both pools run at once: a clip is finished while other pieces are still synthesized, and
synthesis waits while `WAITING_PER_FINISHER` whole clips per finishing worker wait. A
fatal provider error stops new synthesis, and every clip already whole is still finished
and stored. A fault of the machine (a full disk, a folder it may not write: `MachineFault`)
stops both at once, since nothing more could be stored; what is stored stays stored, as it
does when a stop request (Ctrl-C) cancels both.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from typing import Any

import anyio

from ..audio.samples import Audio
from ..errors import CannotSay, MachineFault, ProviderFatal, machine_fault
from ..planning.plan import Clip
from ..providers.base import physical_cores
from .assembler import Assembler
from .finishing import finishing_job
from .graph import Made, Making
from .hooks import Reporter
from .pool import Event, Failed, Job, JobTimeout, Pool, Started, Succeeded
from .report import Progress, failure, reason
from .synthesis import piece_jobs, piece_of, speech_for

TICK_S = 0.5
"""Seconds between progress reports."""

WAITING_PER_FINISHER = 2
"""Whole clips that may wait for the finishing pool, per finishing worker: synthesis
starts no new piece while more wait, so a provider faster than the finishing (espeak's
processes, an HTTP API) does not pile every clip's audio up in memory."""


async def make_spoken(clips: list[Clip], making: Making) -> Made:
    """The maker of spoken clips (`recipes.Spoken`): synthesize, finish and store each of
    `clips` (new clips of `making`'s plan) through its provider (`making`'s open
    providers), with the run's workers as provider calls at once and the audio and timeout
    of its settings."""
    plan, providers, store, workers = making.plan, making.providers, making.store, making.workers
    reporter, stop = making.reporter, making.stop
    audio, timeout = making.settings.audio, making.settings.timeout
    groups: dict[str, list[Clip]] = {}
    for clip in clips:  # each group is synthesized once
        groups.setdefault(clip.key, []).append(clip)
    progress = Progress(total=len(plan.present) + len(clips), present=len(plan.present))
    progress.done = progress.present
    assembler = Assembler({key: len(clips[0].pieces) for key, clips in groups.items()})
    failed: dict[str, str] = {}
    unsaid: dict[str, str] = {}
    """Keys whose clips the provider could not say in their language, and why."""
    faults: list[MachineFault] = []
    """The fault of the machine that stopped the run (the first one)."""
    faulted: set[str] = set()
    """Keys whose clips failed because of the machine, not because of themselves."""
    send, receive = anyio.create_memory_object_stream[Job[None]](math.inf)
    finishers = physical_cores()
    halted = False
    """Both pools were told to stop (a stop request or a fault of the machine)."""
    room = [anyio.Event()]
    """Set when the finishing pool starts a clip (or both stop): a paced job may go."""

    async def paced(jobs: list[Job[Audio]]) -> AsyncIterator[Job[Audio]]:
        """`jobs`, each held back while `WAITING_PER_FINISHER` clips per finishing
        worker wait to be finished (bounded memory whatever the two stages' speeds)."""
        for job in jobs:
            while send.statistics().current_buffer_used >= WAITING_PER_FINISHER * finishers:
                room[0] = anyio.Event()
                await room[0].wait()
            yield job

    def fail(key: str, error: BaseException) -> None:
        if machine_fault(error) is not None:
            faulted.add(key)
            stop_for(error)
        if key not in failed:
            failed[key] = reason(error)
            if isinstance(error, CannotSay):
                unsaid[key] = error.why
            progress.count(failed=len(groups[key]))
        assembler.abandon(key)

    def on_piece(event: Event) -> None:
        if isinstance(event, Succeeded):
            key, index = piece_of(event.id)
            if halted:
                # A piece a provider's thread finished after the stop (Kokoro and Piper
                # run in threads that a cancellation cannot interrupt): the finishing
                # pool is closed, so the clip is left unmade, as the stop asks.
                assembler.abandon(key)
                return
            pieces = assembler.add(key, index, event.value)
            if pieces is not None:
                made_by = providers[groups[key][0].voice.provider]
                job = finishing_job(key, groups[key], pieces, audio, store, made_by)
                send.send_nowait(job)
        elif isinstance(event, Failed):
            (key, index), error = piece_of(event.id), event.error
            clip = groups[key][0]
            provider = providers[clip.voice.provider]
            if isinstance(error, JobTimeout) and provider.billing is not None:
                late = provider.billing.late_answer(speech_for(clip, index, provider))
                error = error if late is None else JobTimeout(f"{error}: {late}")
            fail(key, error)

    def on_finished(event: Event) -> None:
        if isinstance(event, Started):
            room[0].set()  # a waiting clip was taken
        if isinstance(event, Succeeded):
            clips = groups[event.id]
            progress.count(generated=len(clips))
            plan.tally(clips, "generated")
            try:
                store.flush(at_most_every=2.0)
            except OSError as e:
                if machine_fault(e) is None:
                    raise
                stop_for(e)  # the manifest is written again at the end of the run
        elif isinstance(event, Failed):
            fail(event.id, event.error)

    def stop_for(error: BaseException) -> None:
        """Stop both pools at once for a fault of the machine: nothing more can be stored."""
        fault = machine_fault(error)
        if fault is not None and not faults:
            faults.append(fault)
            halt()

    synthesis = Pool[Audio](
        workers,
        timeout=timeout,
        is_fatal=lambda e: isinstance(e, ProviderFatal) or machine_fault(e) is not None,
        on_event=on_piece,
    )
    finishing = Pool[None](
        finishers,
        timeout=timeout,
        is_fatal=lambda e: machine_fault(e) is not None,
        on_event=on_finished,
    )
    jobs = piece_jobs(groups, providers, abandoned=assembler.abandoned)

    async def finish_all() -> None:
        with receive:  # what it reports, on_finished has already taken
            await finishing.run(receive)

    def halt() -> None:
        nonlocal halted
        halted = True
        synthesis.stop()
        finishing.stop()
        room[0].set()  # a paced job waiting for room sees the stop

    unsubscribe = stop.on_request(halt)
    try:
        async with anyio.create_task_group() as ticking:
            ticking.start_soon(_tick, reporter, progress, (synthesis, finishing))
            async with anyio.create_task_group() as stages:
                stages.start_soon(finish_all)
                with send:
                    report = await synthesis.run(paced(jobs))
            ticking.cancel_scope.cancel()
    finally:
        unsubscribe()
    progress.active = 0
    reporter.progress(progress)
    if not halted and report.fatal is None:
        # Every clip is stored but the failed ones: a paid answer kept for any other goes.
        for name, provider in providers.items():
            if (billing := provider.billing) is None:
                continue
            billing.keep_answers_for(
                speech_for(clip, index, provider)
                for key in failed
                if (clip := groups[key][0]).voice.provider == name
                for index in range(len(clip.pieces))
            )
    made = Made(generated=progress.generated)
    if faults:
        made.fatal = str(faults[0])  # the clips it stopped are not failures of their own
    elif report.fatal is not None:
        made.fatal = reason(report.fatal)
    for key, why in failed.items():
        if key in faulted or (made.fatal is not None and why == made.fatal):
            continue  # the fatal error is reported once, not per clip
        plan.tally(groups[key], "failed")
        made.failures.append(failure(groups[key], why, unsaid.get(key)))
    return made


async def _tick(reporter: Reporter, progress: Progress, pools: tuple[Pool[Any], ...]) -> None:
    while True:
        progress.active = sum(pool.active for pool in pools)  # jobs running in each stage
        reporter.progress(progress)
        await anyio.sleep(TICK_S)
