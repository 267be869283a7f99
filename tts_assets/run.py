"""The main job, start to end: lock, load, plan, make the new clips, flush, write back.

    content ──prepare──▶ plan ──making──▶ synthesis ─▶ assembler ─▶ finishing ─▶ store
                                                                   store ──▶ write-back

`agenerate` is the run; `generate` is the same run for code that has no event loop.
Everything that blocks (reading content, planning, locks, writing) runs in a worker
thread, so the event loop stays free for the caller's own tasks, such as the CLI's
signal watcher, which ends a run gracefully through a `Stop`.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TypedDict, Unpack

import anyio
import anyio.to_thread

from . import lock
from .config import Settings, checked
from .content.writeback import apply_urls
from .finishing import preload
from .hooks import Reporter, SilentReporter, Stop
from .making import make_clips
from .prepare import Prepared, prepare
from .results import Summary

PREVIEW_CLIPS = 10
"""Planned clips the dry-run report shows."""


class RunOptions(TypedDict, total=False):
    """How `generate` and `agenerate` run, besides the settings."""

    dry_run: bool
    """Plan and report only; write nothing (default False)."""
    reporter: Reporter | None
    """Told about the plan and the progress (default: nothing is told)."""
    stop: Stop | None
    """Ends the run early when requested (default: a run goes to its end)."""
    lock_wait: float
    """Seconds to wait for another run on the same content (default 0: stop at once)."""


def generate(settings: Settings, **options: Unpack[RunOptions]) -> Summary:
    """Run the main job and return what it did (no event loop may be running here).

    Raises TtsAssetsError subclasses for input errors (before anything is written) and
    when the lock is held; clip failures and fatal provider errors are in the summary.
    """
    return anyio.run(functools.partial(agenerate, settings, **options))


async def agenerate(
    settings: Settings,
    *,
    dry_run: bool = False,
    reporter: Reporter | None = None,
    stop: Stop | None = None,
    lock_wait: float = 0.0,
) -> Summary:
    """`generate` for a caller inside an event loop (asyncio or trio, through anyio);
    the keywords are `RunOptions`."""
    started = time.monotonic()
    settings = checked(settings)
    reporter = reporter or SilentReporter()
    stop = stop or Stop()
    if dry_run:
        prepared = await anyio.to_thread.run_sync(prepare, settings)
        return _summary(prepared, started, dry_run=True)
    # The data dir is locked before its files are read, so a run that waited for another
    # sees that run's write-back; a missing data dir is reported by the loader.
    data_lock = [settings.data_dir] if settings.data_dir.is_dir() else []
    async with _locked(data_lock, lock_wait, stop):
        prepared = await anyio.to_thread.run_sync(prepare, settings)
        # The out dir is made and locked only once the input is known to be good.
        async with _locked([settings.out_dir], lock_wait, stop):
            if prepared.store.changed_on_disk():
                # Another run (other data dir, same out dir) finished while we waited.
                prepared = await anyio.to_thread.run_sync(prepare, settings)
            summary = await _make(prepared, started, reporter, stop)
    summary.seconds = time.monotonic() - started
    return summary


async def _make(prepared: Prepared, started: float, reporter: Reporter, stop: Stop) -> Summary:
    """Make the plan's new clips, then record and write back whatever got made."""
    settings, plan, store = prepared.settings, prepared.plan, prepared.store
    summary = _summary(prepared, started, dry_run=False)
    summary.workers = workers = prepared.voices.workers(plan)
    await anyio.to_thread.run_sync(store.clean_staging)
    reporter.planned(plan, workers)
    try:
        if plan.new and not stop.requested:
            importing = preload()
            try:
                names = {clip.voice.provider for clip in plan.new}
                async with prepared.voices.opened(names, workers) as providers:
                    importing.join()
                    made = await make_clips(
                        plan,
                        providers,
                        store,
                        audio=settings.audio,
                        workers=workers,
                        timeout=settings.timeout,
                        reporter=reporter,
                        stop=stop,
                    )
            finally:
                importing.join()
            summary.generated = made.generated
            summary.failures = made.failures
            summary.fatal = made.fatal
        summary.interrupted = stop.requested
    finally:
        # Even when making ends in an error (a provider bug, Ctrl-C while a model loads),
        # the clips made so far are recorded and written back.
        with anyio.CancelScope(shield=True):
            summary.written = await anyio.to_thread.run_sync(_record, prepared)
    return summary


def _record(prepared: Prepared) -> list[Path]:
    """Flush the manifest, write the URLs back, clean the staging folder (blocking)."""
    store = prepared.store
    store.flush()
    written = write_back(prepared) if prepared.settings.update_json else []
    store.clean_staging()
    return written


def write_back(prepared: Prepared) -> list[Path]:
    """Write each present clip's URL into its JSON file; returns the files changed."""
    store = prepared.store
    urls: dict[Path, dict[tuple[str | int, ...], str]] = {}
    for clip in prepared.plan.clips:
        if store.is_present(clip.rel_path, clip.key):
            for item in clip.items:
                urls.setdefault(item.file, {})[item.url_path] = clip.url
    written = []
    for path, doc in prepared.loaded.documents.items():
        new = apply_urls(doc, urls.get(path, {}))
        if new is not None:
            # A content file that is a symbolic link is updated where it points, like a
            # symlinked out dir: replacing the link with a file would cut the team's link.
            store.write(path.resolve(), new)
            written.append(path)
    return written


def _summary(prepared: Prepared, started: float, *, dry_run: bool) -> Summary:
    """The summary of a planned run, before anything is made."""
    loaded, plan, voices = prepared.loaded, prepared.plan, prepared.voices
    paid = any(voices.provider(c.voice.provider).paid for c in plan.new)
    out_dir = prepared.settings.out_dir
    return Summary(
        counts=plan.counts,
        skipped=[(s.where, s.reason) for s in loaded.skipped],
        present=len(plan.present),
        dry_run=dry_run,
        billable_characters=plan.billable_characters if paid or dry_run else 0,
        planned=[(_preview(c.spoken), str(out_dir / c.rel_path)) for c in plan.new[:PREVIEW_CLIPS]],
        seconds=time.monotonic() - started,
        notes=[
            *loaded.notes,
            *(f"skipped {s.where}: {s.reason}" for s in loaded.skipped if not s.placeholder),
        ],
    )


def _preview(text: str, limit: int = 60) -> str:
    """`text` on one line, cut to `limit` characters for the dry-run report."""
    line = " ".join(text.split())
    return line if len(line) <= limit else f"{line[: limit - 1]}…"


@contextlib.asynccontextmanager
async def _locked(folders: list[Path], wait: float, stop: Stop) -> AsyncIterator[None]:
    """Hold the run lock on `folders`, waiting in a thread (a stop ends the wait)."""
    held = lock.locked(folders, wait=wait, give_up=lambda: stop.requested)
    with contextlib.ExitStack() as stack:
        await anyio.to_thread.run_sync(stack.enter_context, held)
        yield
