"""The main job, start to end: lock, load, plan, make the new clips, flush, write back.

    content ──prepare──▶ plan ──making──▶ synthesis ─▶ assembler ─▶ finishing ─▶ store
                                                                   store ──▶ write-back

The lifecycle (`_Run`) is plain blocking code: reading, planning, locking and writing
block anyway. Only making clips needs an event loop, and it gets one from the runner:

- `generate` runs the lifecycle in the calling thread and starts an event loop only when
  there are clips to make (a run with nothing to make, and a dry run, start none);
- `agenerate` runs the lifecycle in a worker thread and makes the clips in the caller's
  own event loop, so the caller's other tasks (a signal watcher, a server) go on.

A `Stop` ends a run gracefully; its `watch()` runs beside the making (the CLI's signal
watcher is such a stop).
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Coroutine
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypedDict, TypeVar, Unpack

import anyio
import anyio.to_thread

from ..content.item import Item, JsonPath
from ..content.load import LoadResult
from ..content.spec import TypeSpec
from ..errors import InputError, MachineFault, NotReplaced, machine_fault
from ..making.hooks import Reporter, SilentReporter, Stop
from ..making.pool import lone_errors
from ..making.results import Refused, Summary
from ..planning.heap import building
from ..planning.prepare import Prepared, decided, prepare
from ..planning.shard import Shard, ShardStore, claim, shard_settings
from ..settings.config import Settings, checked
from ..store import lock
from ..store.files import check_writable
from ..store.manifest import Store, staged_name
from ..store.urls import ClipUrls

if TYPE_CHECKING:
    from ..content.update import FileWriteBack
    from ..making.clips import Made
    from ..planning.plan import Clip

T = TypeVar("T")

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
    only: Callable[[Clip], bool] | None
    """Make only the missing clips this accepts (`review --apply` makes the clips a review
    rejected); the other missing clips are left for a later run (default: make all)."""
    shard: Shard | None
    """Make only this shard's share of the new clips, into `shard_dir`; write no JSON
    (default None: the whole run)."""
    shard_dir: Path | None
    """The shard's own folder (default `shards/K`); the out dir is then only read."""


def generate(settings: Settings, **options: Unpack[RunOptions]) -> Summary:
    """Run the main job and return what it did (no event loop may be running here).

    Raises TtsAssetsError subclasses for input errors (before anything is written) and
    when the lock is held; clip failures and fatal provider errors are in the summary.
    """
    return _Run(settings, **options).run(_Here())


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
            summary = await anyio.to_thread.run_sync(job.run, _Loop())
            done.set()
    return summary


class _Runner(Protocol):
    """Where the lifecycle calls the reporter and makes clips."""

    def call(self, fn: Callable[..., T], *args: Any) -> T: ...
    def make(self, fn: Callable[[], Coroutine[Any, Any, T]]) -> T: ...


class _Here:
    """Everything in the calling thread: an event loop of its own for making clips."""

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        return fn(*args)

    def make(self, fn: Callable[[], Coroutine[Any, Any, T]]) -> T:
        return anyio.run(fn)


class _Loop:
    """The lifecycle in a worker thread; the caller's event loop for the rest."""

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        import anyio.from_thread

        return anyio.from_thread.run_sync(fn, *args)

    def make(self, fn: Callable[[], Coroutine[Any, Any, T]]) -> T:
        import anyio.from_thread

        return anyio.from_thread.run(fn)


class _Run:
    """One run of the main job (blocking; see the module docstring)."""

    def __init__(
        self,
        settings: Settings,
        *,
        dry_run: bool = False,
        reporter: Reporter | None = None,
        stop: Stop | None = None,
        lock_wait: float = 0.0,
        only: Callable[[Clip], bool] | None = None,
        shard: Shard | None = None,
        shard_dir: Path | None = None,
    ) -> None:
        if shard_dir is not None and shard is None:
            raise InputError(f"--shard-dir {shard_dir}: give the shard too (--shard K/N)")
        self.settings = settings
        self.only = only
        self.dry_run = dry_run
        self.reporter = reporter or SilentReporter()
        self.stop = stop or Stop()
        self.lock_wait = lock_wait
        self.shard = shard
        self.shard_dir = shard_dir
        self.started = time.monotonic()

    def run(self, runner: _Runner) -> Summary:
        settings = checked(self.settings)
        if self.shard is not None:
            return self._run_shard(self.shard, settings, runner)
        if self.dry_run:
            return _summary(decided(prepare(settings)), self.started, dry_run=True)
        with ExitStack() as held:
            # The data dir is locked before its files are read, so a run that waited for
            # another sees that run's write-back; a missing data dir is reported by the
            # loader.
            held.enter_context(
                self._locked([settings.data_dir] if settings.data_dir.is_dir() else [])
            )
            prepared = prepare(settings)
            # The out dir is made and locked only once the input is known to be good.
            held.enter_context(self._locked([settings.out_dir]))
            if prepared.store.changed_on_disk():
                # Another run (other data dir, same out dir) finished while we waited.
                prepared = prepare(settings)
            summary = self._make(decided(prepared), runner)
        summary.seconds = time.monotonic() - self.started
        return summary

    def _run_shard(self, shard: Shard, settings: Settings, runner: _Runner) -> Summary:
        """A shard's run: its share of the missing clips into its own folder, no JSON.

        Only the shard's folder is claimed, locked and written (its staging folder is
        inside it): the data dir and the out dir are only read, so N shards run at once
        on one machine (or share an out dir over a network file system), and a rerun of
        the shard resumes what it left.
        """
        folder = self.shard_dir if self.shard_dir is not None else shard.default_folder()
        settings = shard_settings(folder, settings)

        def prepared_share() -> tuple[Prepared, int]:
            whole = prepare(settings, ShardStore(folder, settings))
            share = shard.share(whole.plan)
            return replace(whole, plan=share), len(whole.plan.new) - len(share.new)

        prepared, others = prepared_share()
        decided(prepared)
        if self.dry_run:
            summary = _summary(prepared, self.started, dry_run=True)
        else:
            claim(folder, shard)
            with self._locked([folder]):
                if prepared.store.changed_on_disk():
                    # An earlier attempt of this shard finished while we waited.
                    prepared, others = prepared_share()
                    decided(prepared)
                summary = self._make(prepared, runner)
            summary.seconds = time.monotonic() - self.started
        summary.shard, summary.other_shards = str(shard), others
        return summary

    def _locked(self, folders: list[Path]) -> AbstractContextManager[None]:
        return lock.locked(folders, wait=self.lock_wait, give_up=lambda: self.stop.requested)

    def _make(self, prepared: Prepared, runner: _Runner) -> Summary:
        """Make the plan's new clips, then record and write back whatever got made."""
        plan, store = prepared.plan, prepared.store
        left = []
        if self.only is not None:
            left = [clip for clip in plan.new if not self.only(clip)]
            plan.new = [clip for clip in plan.new if self.only(clip)]
        summary = _summary(prepared, self.started, dry_run=False)
        if left:
            summary.notes.append(
                f"{len(left)} other missing clip(s) left for a later run (tts-assets generate)"
            )
        summary.workers = workers = prepared.voices.workers(plan)
        store.clean_staging()
        if plan.new and not self.stop.requested:
            _check_writable(prepared)  # before anything is synthesized (or billed)
        runner.call(self.reporter.planned, plan, workers)
        try:
            if plan.new and not self.stop.requested:
                made = runner.make(functools.partial(self._make_clips, prepared, workers))
                summary.generated = made.generated
                summary.failures = made.failures
                summary.fatal = made.fatal
            summary.interrupted = self.stop.requested
        finally:
            # Even when making ends in an error (a provider bug, Ctrl-C while a model
            # loads), the clips made so far are recorded and written back.
            _record(prepared, summary)
        return summary

    async def _make_clips(self, prepared: Prepared, workers: int) -> Made:
        """The new clips through their providers, with the stop's watcher beside them."""
        made: list[Made] = []
        with lone_errors():
            async with anyio.create_task_group() as watching:
                watching.start_soon(self.stop.watch)
                try:
                    made.append(await self._open_and_make(prepared, workers))
                finally:
                    watching.cancel_scope.cancel()
        return made[0]

    async def _open_and_make(self, prepared: Prepared, workers: int) -> Made:
        # The making code loads only when there is something to make (not for a dry run).
        from ..making.clips import make_clips
        from ..making.finishing import preload

        settings, plan = prepared.settings, prepared.plan
        importing = preload()
        try:
            names = {clip.voice.provider for clip in plan.new}
            async with prepared.voices.opened(names, workers) as providers:
                importing.join()
                store, reporter, stop = prepared.store, self.reporter, self.stop
                return await make_clips(plan, providers, store, settings, workers, reporter, stop)
        finally:
            importing.join()


def _check_writable(prepared: Prepared) -> None:
    """Raise MachineFault when a folder the run will write cannot be written: the out dir,
    its staging folder and type folders, and (with write-back) the content files' folders.

    A probe file is written, fsynced and removed in the staging folder, so a full disk
    is found too; each folder is checked the way a write there would fail (EROFS, EACCES).
    """
    store, settings = prepared.store, prepared.settings
    folders = {store.out_dir / clip.type_name for clip in prepared.plan.new}
    if settings.update_json:
        # A symlinked content file is written where its link leads.
        folders |= {path.resolve().parent for path in prepared.loaded.documents}
    try:
        store.temp_dir.mkdir(parents=True, exist_ok=True)
        probe = staged_name(store.temp_dir)
        try:
            with open(probe, "wb") as f:
                f.write(bytes(PROBE_BYTES))
                f.flush()
                os.fsync(f.fileno())
        finally:
            probe.unlink(missing_ok=True)
        for folder in sorted(folders):
            folder.mkdir(parents=True, exist_ok=True)
            check_writable(folder)
    except OSError as e:
        fault = machine_fault(e) or MachineFault(f"{e.filename}: {e.strerror}")
        raise MachineFault(f"{fault}; nothing was synthesized") from None


PROBE_BYTES = 1 << 16
"""What the check before a run writes in the staging folder: a disk that cannot take
this cannot take a clip."""


def _record(prepared: Prepared, summary: Summary) -> None:
    """Flush the manifest, write the URLs back, clean the staging folder.

    When the manifest cannot be written (a full disk), the URLs written back are those of
    the clips the manifest on disk lists: a clip it does not list is made again by the
    next run, and no URL may point at a clip no manifest vouches for.
    """
    store = prepared.store
    for clip in prepared.plan.present:
        store.claim(clip.rel_path)  # prune keeps what this content set still uses
    try:
        store.flush()
    except OSError as e:
        fault = machine_fault(e)
        if fault is None:
            raise
        summary.fatal = summary.fatal or str(fault)
        summary.notes.append(
            f"{store.manifest_path} could not be written: the clips made since it was last "
            "written get no URL; the next run makes them again"
        )
        prepared = replace(prepared, store=Store(store.out_dir, store.temp_dir))
    if prepared.settings.update_json:
        with building():  # each file read and searched again: as many objects as the load
            done = write_back(prepared)
        summary.write_back = done.files
        summary.written = [f.path for f in done.files if f.written]
        summary.not_written = done.problems
        if done.fault is not None:
            summary.fatal = summary.fatal or done.fault
    store.clean_staging()


@dataclass
class WriteBack:
    """What write-back did: each content file's report, and the files it left alone."""

    files: list[FileWriteBack] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """One line per file not written (`... changed on disk while ...; run again`)."""
    fault: str | None = None
    """A fault of the machine that kept a file from being written (a full disk)."""


Text = tuple[str, str, str]
"""A text of a field of a type: (type name, field, spoken text)."""


def write_back(prepared: Prepared) -> WriteBack:
    """Give every text of the content files, as they are now, the URL of its clip.

    Each file is read again and its texts found again (`content.update`): an edit saved
    during the run is kept, a text that changed gets no URL of the old text's clip (it is
    reported, to be made by the next run), and a file that vanished or became another
    file is left alone. A text whose clip the store holds gets that clip's URL; a URL a
    person set is kept unless `replace_hand_set_urls`; a URL tts-assets made for a text
    that is gone, or that the language gate refused, is cleared (set to null).
    """
    from ..content.update import write_back_file

    settings, store = prepared.settings, prepared.store

    @functools.cache
    def clip_urls() -> tuple[dict[tuple[Path, JsonPath], tuple[str, str]], dict[Text, str]]:
        """The URL of each clip the store holds now, by place and by text (made when a
        file that is not settled asks for one)."""
        by_place: dict[tuple[Path, JsonPath], tuple[str, str]] = {}
        by_text: dict[Text, str] = {}
        # The clips found present when the run planned were checked then: only the others
        # are looked up (planning 120,000 texts asks for every clip once, not twice).
        present = {id(clip) for clip in prepared.plan.present}
        for clip in prepared.plan.clips:
            if id(clip) in present or store.is_present(clip.rel_path, clip.key):
                for item in clip.items:
                    by_place[item.file, item.url_path] = (item.spoken, clip.url)
                    by_text.setdefault((item.type_name, item.field, item.spoken), clip.url)
        return by_place, by_text

    refused = {(r.item.type_name, r.item.field, r.item.spoken) for r in prepared.refused}
    unsettled = prepared.plan.unsettled | {r.item.file for r in prepared.refused}

    def url_for(item: Item) -> str | None:
        by_place, by_text = clip_urls()
        held = by_place.get((item.file, item.url_path))
        if held is not None and held[0] == item.spoken:
            return held[1]  # the text read there, or its retake or voice chosen in review
        return by_text.get((item.type_name, item.field, item.spoken))

    def is_refused(item: Item) -> bool:
        return (item.type_name, item.field, item.spoken) in refused

    types_of: dict[Path, list[TypeSpec]] = {}
    for spec in prepared.types:
        path = Path(os.path.normpath(settings.data_dir / spec.file))
        types_of.setdefault(path, []).append(spec)
    ours = ClipUrls(settings.url_prefix)
    done = WriteBack()
    loaded = prepared.loaded
    as_read = {path: LoadResult() for path in loaded.documents}
    for item in loaded.items:
        as_read[item.file].items.append(item)
    for left in loaded.leftovers:
        as_read[left.file].leftovers.append(left)
    staging = _device(store.temp_dir) or _device(store.out_dir)
    for path, doc in loaded.documents.items():
        # Staged in the out dir's staging folder when it is on the file's file system (a
        # kill leaves the half file there, for the next run to remove); else beside it,
        # so a full or read-only out dir never keeps the content's URLs from being written.
        here = staging is not None and _device(path.resolve().parent) == staging
        try:
            done.files.append(
                write_back_file(
                    doc,
                    types_of.get(path, prepared.types),
                    url_for,
                    ours.made,
                    replace_hand_set=settings.replace_hand_set_urls,
                    temp_name=(lambda: staged_name(store.temp_dir)) if here else None,
                    refused=is_refused,
                    as_read=as_read[path],
                    # The plan found every text here with its clip's URL, and nothing made
                    # or cleared since: while the file is as read, nothing is to be done.
                    settled=path not in unsettled and not as_read[path].leftovers,
                )
            )
        except (NotReplaced, InputError) as e:
            done.problems.append(f"{e}; its URLs were not written: run again")
        except OSError as e:
            fault = machine_fault(e)
            if fault is None:
                raise
            done.fault = done.fault or str(fault)
            done.problems.append(f"{path}: {fault}; its URLs were not written")
    return done


def _device(folder: Path) -> int | None:
    """The file system `folder` is on (st_dev), None when it does not exist."""
    try:
        return os.stat(folder).st_dev
    except OSError:
        return None


def _summary(prepared: Prepared, started: float, *, dry_run: bool) -> Summary:
    """The summary of a planned run, before anything is made."""
    loaded, plan, voices = prepared.loaded, prepared.plan, prepared.voices
    paid = any(voices.provider(c.voice.provider).paid for c in plan.new)
    out_dir = prepared.store.out_dir  # a shard's own folder in a shard's run
    return Summary(
        counts=plan.counts,
        skipped=[(s.where, s.reason) for s in loaded.skipped],
        refused=[Refused(r.item.where, r.item.text, r.verdict.reason) for r in prepared.refused],
        present=len(plan.present),
        dry_run=dry_run,
        billable_characters=plan.billable_characters if paid or dry_run else 0,
        replacing=plan.replacing,
        kept=plan.kept,
        readings=prepared.readings,
        clips=[_clip_json(c, str(out_dir / c.rel_path)) for c in plan.new] if dry_run else [],
        planned=[(_preview(c.spoken), str(out_dir / c.rel_path)) for c in plan.new[:PREVIEW_CLIPS]],
        seconds=time.monotonic() - started,
        notes=[
            *loaded.notes,
            *(f"skipped {s.where}: {s.reason}" for s in loaded.skipped if not s.placeholder),
        ],
    )


def _clip_json(clip: Clip, path: str) -> dict[str, object]:
    """What a dry run's `--json` says of one planned clip: what will be said, and how."""
    return {
        "path": path,
        "text": clip.spoken,
        "spoken": clip.said,
        "phonemes": None if clip.phonemes is None else " ".join(clip.phonemes),
        "reading": clip.reading,
        "verdict": clip.verdict,
        "note": clip.note,
        "places": [item.where for item in clip.items],
    }


def _preview(text: str, limit: int = 60) -> str:
    """`text` on one line, cut to `limit` characters for the dry-run report."""
    line = " ".join(text.split())
    return line if len(line) <= limit else f"{line[: limit - 1]}…"
