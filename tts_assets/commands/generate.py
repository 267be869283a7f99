"""The main job, start to end: lock, plan every window, then make, flush and write back
each window's new clips, then say what was done.

    content ──a window──▶ plan ──making──▶ synthesis ─▶ assembler ─▶ finishing ─▶ store
                                                                   store ──▶ write-back

The survey (`tally.surveyed`) plans every window first, so what stops a run stops it
before anything is made (a dry run's summary is its tally). The lifecycle (`_Run`) is
plain blocking code; only making clips needs an event loop: `generate` starts one in the
calling thread, `agenerate` runs the lifecycle in a worker thread and makes the clips in
the caller's own loop.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Coroutine
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict, Unpack

import anyio
import anyio.from_thread
import anyio.to_thread

from ..errors import OUT_OF_MEMORY, InputError, near_memory_limit, watching
from ..features.heard import Hearing
from ..making.hooks import Reporter, SilentReporter, Stop
from ..making.pool import lone_errors
from ..planning.prepare import Prepared, outside_folders
from ..planning.shard import Batch, Shard, ShardStore, Split, claim, shard_settings, shared
from ..settings.config import Settings
from ..store import lock
from ..writeback.record import record
from . import kept
from .operation import data_folder, ready
from .summary import Summary
from .tally import Tally, Window, surveyed

if TYPE_CHECKING:
    from ..planning.plan import Clip, Plan


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
    only: Callable[[Clip], bool] | None
    """Make only the missing clips this accepts (`review --apply` makes the clips a review
    rejected); the other missing clips are left for a later run (default: make all)."""
    shard: Shard | Batch | None
    """Make only this shard's share of the new clips (or this batch's), into `shard_dir`;
    write no JSON (default None: the whole run)."""
    shard_dir: Path | None
    """The shard's own folder (default `shards/K`); the out dir is then only read."""


def generate(settings: Settings, **options: Unpack[RunOptions]) -> Summary:
    """Run the main job and return what it did (no event loop may be running here).

    Raises TtsAssetsError for input errors (before anything is written) and a held lock;
    clip failures and fatal provider errors are in the summary."""
    return _Run(settings, **options).run(_HERE)


async def agenerate(settings: Settings, **options: Unpack[RunOptions]) -> Summary:
    """`generate` for a caller inside an event loop (asyncio or trio, through anyio).

    Cancelling it stops the run as a `Stop` would (what is made is kept and written
    back), then raises the cancellation.
    """
    job = _Run(settings, **options)
    done = anyio.Event()

    async def stop_if_cancelled() -> None:
        try:
            await done.wait()
        finally:
            if not done.is_set():
                job.stop.request()

    with lone_errors():
        async with anyio.create_task_group() as tg:
            tg.start_soon(stop_if_cancelled)
            summary = await anyio.to_thread.run_sync(job.run, _LOOP)
            done.set()
    return summary


class _Runner(NamedTuple):
    """Where the lifecycle calls the reporter and makes clips (`generate`: the calling
    thread; `agenerate`: the caller's event loop)."""

    call: Callable[..., Any]
    make: Callable[[Callable[[], Coroutine[Any, Any, Any]]], Any]


_HERE = _Runner(lambda fn, *args: fn(*args), lambda fn: anyio.run(watching, fn))
_LOOP = _Runner(anyio.from_thread.run_sync, anyio.from_thread.run)


class _Run:
    """One run of the main job (blocking; see the module docstring)."""

    def __init__(self, settings: Settings, **options: Unpack[RunOptions]) -> None:
        self.shard, self.shard_dir = options.get("shard"), options.get("shard_dir")
        if self.shard_dir is not None and self.shard is None:
            raise InputError(f"--shard-dir {self.shard_dir}: give the shard too (--shard K/N)")
        self.settings = settings
        self.only = options.get("only")
        self.dry_run = options.get("dry_run", False)
        self.reporter: Reporter = options.get("reporter") or SilentReporter()
        self.stop = options.get("stop") or Stop()
        self.lock_wait = options.get("lock_wait", 0.0)
        self.started = time.monotonic()
        self.halted: str | None = None
        """Why no window after this one makes a clip (a window's making could not go on)."""
        self.hearing = Hearing()
        """The listening check's model, loaded once for every window that hears its clips."""
        self.alone = True
        """The course is one window: its plan is told whatever it makes (as the kept plan
        tells it again)."""

    def run(self, runner: _Runner) -> Summary:
        # The listening check and Rubber Band (slow clips) found before anything is made;
        # a dry run stops where the run would (exit 2), so a PR check fails as it will.
        settings = ready(self.settings, listens=True, stretches=True)
        self.runner = runner
        if self.shard is not None:
            return self._run_shard(self.shard, settings)
        # The course's run, or the kept plan of the last one when nothing it declares it
        # reads has changed since (`commands.kept`); a run with nothing to do keeps its
        # plan. A run of some clips (`only`) neither uses nor keeps one.
        sets = [settings] if self.only is None else []
        with kept.over_sets(sets, self.dry_run, self.reporter) as course:

            def full(telling: Reporter) -> Summary:
                self.reporter = telling
                return self._course(settings)

            return course.run(self.reporter, full, runner.call)

    def _told(self, message: str) -> None:
        """A large first run decides its readings for minutes: the reporter says how far."""
        self.runner.call(self.reporter.notice, message)

    def _course(self, settings: Settings) -> Summary:
        """The course's run: planned window by window (`tally.surveyed`; a dry run stops
        there), then each window made and written back, then the tally."""
        with ExitStack() as own:
            if not self.dry_run:
                # The data dir is locked before its files are read, so a run that waited
                # for another sees that run's write-back; a missing data dir is reported
                # by the loader.
                own.enter_context(self._locked(data_folder(settings)))

            def lock_out() -> None:
                # The out dir (and the folders of content outside the data dir) made and
                # locked only once the input is known to be good.
                own.enter_context(self._locked([*outside_folders(settings), settings.out_dir]))

            # A dry run counts Git LFS pointers, not an error: the plan is shown (nothing is
            # written either way), and the dry run exits as the run would (2).
            dry, lock = self.dry_run, None if self.dry_run else lock_out
            tally = own.enter_context(
                surveyed(settings, progress=self._told, lock=lock, run=not dry, pointers=dry)
            )
            if dry:
                return tally.summary(self.started)
            self.alone = tally.only is not None
            self._windows(tally)
            summary = tally.summary(self.started, tally.finished(partial=self.only is not None))
            # Stopped, or texts failed or were refused, in a process that reached its
            # address-space limit: whatever each error says (a library that could not load
            # its dictionary, a model that could not load, a thread that could not start),
            # memory ran out, not the texts (exit 3, one line).
            ended = summary.fatal or summary.failures or summary.refused
            if summary.fatal != OUT_OF_MEMORY and ended and near_memory_limit():
                summary.fatal = OUT_OF_MEMORY
                summary.failures, summary.refused = [], []
            return summary

    def _windows(self, tally: Tally, share: Callable[[Prepared], int] | None = None) -> None:
        """Make and write back each window of the surveyed course; with `share` (a shard's
        run), each window first narrowed to the shard's share and added to `tally`."""
        course = tally.course
        with ExitStack() as open_:
            if not self.dry_run:
                # Each provider not bound to an event loop opened once for the run: each
                # window makes its clips in a loop of its own (`Voices.kept_open`).
                open_.enter_context(course.voices.kept_open(self.runner.make))
                open_.enter_context(self.hearing)
            only = tally.only
            for prepared in [only] if only is not None else course.windows():
                if share is not None:
                    tally.others += share(prepared)
                    tally.add(prepared)
                    if self.dry_run:
                        continue
                prepared.elsewhere = course.index.texts
                tally.to_make(prepared)  # a clip that failed in an earlier window: not again
                if only is not None:  # its damaged records recorded again, then added up
                    tally.add(prepared)
                window = self._make(prepared)
                tally.made(prepared, window)
                self.halted = self.halted or window.fatal

    def _run_shard(self, shard: Shard | Batch, settings: Settings) -> Summary:
        """A shard's run: its share of the missing clips into its own folder, no JSON.

        Only the shard's folder is claimed, locked and written: the data dir and the out
        dir are only read, so N shards run at once (or share an out dir over a network
        file system). The split is made over every clip of the course as it is surveyed.
        """
        folder = self.shard_dir if self.shard_dir is not None else shard.default_folder()
        settings = shard_settings(folder, settings)
        every = Split()

        def each(prepared: Prepared) -> None:
            every.add(prepared.plan)
            if isinstance(shard, Batch):
                shard.check_slow(prepared.plan.new)  # before its folder is claimed

        def share(prepared: Prepared) -> int:
            whole = len(prepared.plan.new)
            prepared.plan = shared(prepared.plan, shard, every)
            return whole - len(prepared.plan.new)

        def lock() -> None:
            if isinstance(shard, Batch):
                shard.check(every)  # before its folder is claimed
            if not self.dry_run:
                claim(folder, shard)
                own.enter_context(self._locked([folder]))

        with ExitStack() as own:
            surveyed_ = surveyed(
                settings,
                progress=self._told,
                lock=lock,
                run=not self.dry_run,
                pointers=self.dry_run,
                each=each,
                store=lambda: ShardStore(folder, settings),
            )
            course = own.enter_context(surveyed_).course
            course.again()  # planned again, each window counted as its share
            tally = Tally(course)
            self._windows(tally, share)
            tally.course_notes = course.finish(pointers=self.dry_run)
            summary = tally.summary(self.started)
        summary.shard, summary.other_shards = str(shard), tally.others
        summary.dead = []  # a shard writes no JSON: the run that joins the shards says it
        return summary

    def _locked(self, folders: list[Path]) -> AbstractContextManager[None]:
        return lock.locked(folders, wait=self.lock_wait, give_up=lambda: self.stop.requested)

    def _make(self, prepared: Prepared) -> Window:
        """Make a window's new clips, then record and write back whatever got made."""
        from ..making.backfill import untimed_said  # not for a dry run

        plan, store = prepared.plan, prepared.store
        window = Window(left=self._narrowed(plan))
        window.workers = workers = prepared.voices.workers(plan)
        going = not self.stop.requested and self.halted is None
        untimed = untimed_said(prepared) if going else None
        store.clean_staging()
        if plan.new and going:  # MachineFault before anything is synthesized (or billed)
            # where a folder it writes cannot be (a symlinked content file: its link's)
            folders = {store.out_dir / clip.type_name for clip in plan.new}
            if prepared.settings.update_json:
                folders |= {path.resolve().parent for path in prepared.loaded.documents}
            store.check_writable(folders)
        if self.alone or ((plan.new or untimed) and going):  # a window with nothing to make: quiet
            self.runner.call(self.reporter.planned, plan, workers)
        try:
            if (plan.new or untimed) and going:
                # The making code loads only when there is something to make; the stop's
                # watcher beside the providers, then the timings of `untimed` found again.
                from ..making.run import make_watched

                making = functools.partial(
                    make_watched, prepared, workers, untimed, self.reporter, self.stop
                )
                window.made = made = self.runner.make(making)
                window.fatal = made.fatal
            if prepared.settings.listen and not self.stop.requested:
                window.listening = self.hearing.made(prepared)
            window.interrupted = self.stop.requested
        finally:
            # Even when making ends in an error (a provider bug, Ctrl-C while a model
            # loads), the clips made so far are recorded and written back.
            done = record(prepared)
            window.write_back, window.not_written = done.files, done.problems
            window.notes, window.fatal = done.notes, window.fatal or done.fault
            # What the run staged is in place or gone: the folder goes once it holds only
            # its .gitignore (kept answers and a killed run's journals keep it).
            prepared.store.leave_staging()
        return window

    def _narrowed(self, plan: Plan) -> int:
        """Narrow the plan's new clips to those `only` takes; how many others it left for
        a later run."""
        if self.only is None:
            return 0
        # A clip that says no text (a drill) is made once the clips it joins are.
        only = self.only
        left = [c for c in plan.new if c.speech is not None and not only(c)]
        plan.new = [c for c in plan.new if c.speech is None or only(c)]
        return len(left)
