"""The main job: content → items → plan → pool → provider → audio → store → write-back."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import anyio
import anyio.to_thread

from . import lock
from .config import PRIMARY_LANG, Settings, VoiceChoice
from .content import load as content_load
from .content import spec as content_spec
from .content.item import Item
from .content.text import split_sentences
from .content.writeback import apply_urls
from .errors import ClipError, InputError, ProviderFatal
from .fsutil import write_atomic
from .plan import PIECE_PAUSE_S, Clip, Plan, TypeCounts, Voice, make_plan
from .pool import Event, Failed, Job, JobTimeout, Pool, Started, Succeeded
from .providers import registry
from .providers.base import Audio, BlockingProvider, Provider, ProviderOptions, physical_cores
from .store import Store, StoredClip, sha256

if TYPE_CHECKING:
    from .content.load import LoadResult


@dataclass(frozen=True)
class Failure:
    """A clip that could not be made, with every entry that needed it."""

    places: list[str]
    text: str
    reason: str


@dataclass
class Progress:
    """Where a run is, for progress bars and CI lines."""

    total: int
    done: int = 0
    generated: int = 0
    failed: int = 0
    present: int = 0
    active: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def per_minute(self) -> float:
        """Clips made (or failed) per minute; present clips cost nothing and do not count."""
        worked = self.generated + self.failed
        return 60.0 * worked / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        worked = self.generated + self.failed
        if not worked:
            return None
        return (self.total - self.done) * self.elapsed / worked


class Reporter(Protocol):
    """What the run tells the console (console.py implements it; tests may record it)."""

    def planned(self, plan: Plan, workers: int) -> None: ...
    def progress(self, progress: Progress) -> None: ...
    def notice(self, message: str) -> None: ...


class SilentReporter:
    """A reporter that says nothing (library use, --json)."""

    def planned(self, plan: Plan, workers: int) -> None:
        pass

    def progress(self, progress: Progress) -> None:
        pass

    def notice(self, message: str) -> None:
        pass


@dataclass
class Summary:
    """What a run did: the --json object and the table at the end."""

    counts: dict[str, TypeCounts]
    failures: list[Failure] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(place, reason) of texts that were not spoken (empty text...)."""
    seconds: float = 0.0
    generated: int = 0
    present: int = 0
    workers: int = 0
    interrupted: bool = False
    fatal: str | None = None
    written: list[Path] = field(default_factory=list)
    """JSON files whose URLs changed."""
    dry_run: bool = False
    billable_characters: int = 0
    planned: list[tuple[str, str]] = field(default_factory=list)
    """First planned clips (text, path), for the dry-run report."""
    notes: list[str] = field(default_factory=list)
    """Things worth knowing that are not errors (a built-in type's file is absent...)."""

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        if self.fatal:
            return 3
        return 1 if self.failures else 0

    @property
    def per_minute(self) -> float:
        return 60.0 * self.generated / self.seconds if self.seconds > 0 else 0.0

    def as_json(self) -> dict[str, object]:
        return {
            "ok": self.exit_code == 0,
            "exit_code": self.exit_code,
            "dry_run": self.dry_run,
            "types": {name: vars(c) for name, c in sorted(self.counts.items())},
            "generated": self.generated,
            "present": self.present,
            "failed": len(self.failures),
            "failures": [
                {"places": f.places, "text": f.text, "reason": f.reason} for f in self.failures
            ],
            "skipped": [{"place": p, "reason": r} for p, r in self.skipped],
            "seconds": round(self.seconds, 3),
            "clips_per_minute": round(self.per_minute, 1),
            "workers": self.workers,
            "interrupted": self.interrupted,
            "fatal": self.fatal,
            "written": [str(p) for p in self.written],
            "billable_characters": self.billable_characters,
            "notes": self.notes,
        }


# --- voices ------------------------------------------------------------------------


class Voices:
    """Which provider and voice speak each language, with providers made once per run."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.providers: dict[str, Provider] = {}
        self._cache: dict[tuple[str, str | None], Voice] = {}
        self._check_tables()

    def _check_tables(self) -> None:
        """Every [providers.NAME] table names a provider and only keys it reads."""
        where = f"{self.settings.config_file}: " if self.settings.config_file else ""
        for name, table in self.settings.providers.items():
            try:
                known = registry.get(name).settings
            except InputError as e:
                raise InputError(f"{where}[providers.{name}]: {e}") from None
            unknown = sorted(set(table) - known) if known is not None else []
            if unknown:
                valid = ", ".join(sorted(known or ())) or "none"
                raise InputError(
                    f"{where}unknown key providers.{name}.{unknown[0]}; valid keys: {valid}"
                )

    def provider(self, name: str) -> Provider:
        if name not in self.providers:
            cls = registry.get(name)
            s = self.settings
            try:
                self.providers[name] = self._make(cls, name)
            except InputError as e:
                # A provider's own settings come from the config file: name it.
                raise InputError(f"{s.config_file}: {e}" if s.config_file else str(e)) from None
        return self.providers[name]

    def _make(self, cls: type[Provider], name: str) -> Provider:
        s = self.settings
        return cls(
            ProviderOptions(
                model=s.kokoro_model if name == "kokoro" else _path(s.providers, name),
                voices_file=s.kokoro_voices if name == "kokoro" else None,
                api_key=s.api_key,
                base_url=s.base_url,
                timeout=s.timeout,
                concurrency=s.concurrency,
                extra=s.providers.get(name, {}),
                scratch_dir=s.temp_dir,
            )
        )

    def choice(self, lang: str) -> VoiceChoice:
        """--provider/--voice speak Japanese; [languages] the rest (and Japanese without them)."""
        s = self.settings
        mapped = s.languages.get(lang)
        if lang != PRIMARY_LANG:
            # An unmapped language: the primary provider's default voice for it.
            return mapped or VoiceChoice(self.choice(PRIMARY_LANG).provider, None)
        if s.provider is None:
            base = mapped or VoiceChoice("kokoro", None)
        elif mapped is not None and mapped.provider == s.provider:
            base = mapped
        else:
            base = VoiceChoice(s.provider, None)
        return VoiceChoice(base.provider, s.voice or base.voice)

    def for_item(self, item: Item) -> Voice:
        cache_key = (item.lang, item.voice)
        if cache_key not in self._cache:
            choice = self.choice(item.lang)
            provider = self.provider(choice.provider)
            voice = item.voice or choice.voice or provider.default_voice(item.lang)
            provider.check_voice(voice)
            self._cache[cache_key] = Voice(provider.name, voice, provider.identity(voice))
        return self._cache[cache_key]


def _path(providers: Mapping[str, Mapping[str, object]], name: str) -> Path | None:
    model = providers.get(name, {}).get("model")
    return Path(str(model)) if model else None


# --- the run -----------------------------------------------------------------------


def load(settings: Settings) -> tuple[LoadResult, list[content_spec.TypeSpec]]:
    """Parse the selected content types and their files (no writing)."""
    types = content_spec.resolve_types(settings.types, settings.config_file)
    selected = content_spec.select_types(types, settings.type, settings.include_fields)
    return content_load.load_items(settings.data_dir, selected), selected


def plan_run(settings: Settings, loaded: LoadResult, voices: Voices, store: Store) -> Plan:
    def split(item: Item, text: str) -> list[str]:
        limit = voices.provider(voices.for_item(item).provider).max_piece_chars
        return split_sentences(text, limit) if item.split or len(text) > limit else [text]

    return make_plan(
        loaded.items,
        voice_for=voices.for_item,
        split=split,
        speed=settings.speed,
        audio=settings.audio,
        url_prefix=settings.url_prefix,
        is_present=store.is_present,
        current_url=loaded.value_at_url,
        empty=loaded.empty_counts(),
    )


def workers_for(settings: Settings, voices: Voices, plan: Plan) -> int:
    """The pool's concurrency: the flag or env, else the largest natural concurrency."""
    if settings.concurrency is not None:
        return settings.concurrency
    used = {c.voice.provider for c in plan.new} or {voices.choice(PRIMARY_LANG).provider}
    return max(voices.provider(name).natural_concurrency() for name in used)


def generate(
    settings: Settings,
    *,
    dry_run: bool = False,
    reporter: Reporter | None = None,
    handle_signals: bool = False,
    lock_wait: float = 0.0,
) -> Summary:
    """Run the main job; raises TtsAssetsError subclasses for input and fatal errors."""
    reporter = reporter or SilentReporter()
    started = time.monotonic()
    if dry_run:
        return _prepare(settings, started, dry_run=True)[0]
    # The data dir is locked before its files are read, so a run that waited for another
    # sees that run's write-back; a missing data dir is reported by the loader.
    data_lock = [settings.data_dir] if settings.data_dir.is_dir() else []
    with lock.locked(data_lock, wait=lock_wait):
        summary, loaded, plan, voices, store = _prepare(settings, started, dry_run=False)
        # The out dir is made and locked only once the input is known to be good.
        with lock.locked([settings.out_dir], wait=lock_wait):
            if store.changed_on_disk():
                # Another run (other data dir, same out dir) finished while we waited.
                summary, loaded, plan, voices, store = _prepare(settings, started, False)
            workers = workers_for(settings, voices, plan)
            summary.workers = workers
            store.clean_staging()
            reporter.planned(plan, workers)
            try:
                if plan.new:
                    anyio.run(
                        _synthesize,
                        settings,
                        plan,
                        voices,
                        store,
                        workers,
                        summary,
                        reporter,
                        handle_signals,
                    )
            finally:
                # Even when synthesis ends in an error (a provider bug, Ctrl-C while a
                # model loads), the clips made so far are recorded and written back.
                store.flush()
                if settings.update_json:
                    summary.written = write_back(loaded, plan, store)
                store.clean_staging()
    summary.seconds = time.monotonic() - started
    return summary


def _prepare(
    settings: Settings, started: float, dry_run: bool
) -> tuple[Summary, LoadResult, Plan, Voices, Store]:
    """Load the content, resolve voices and plan the clips: everything but writing."""
    loaded, _ = load(settings)
    store = Store(settings.out_dir, settings.temp_dir)
    voices = Voices(settings)
    plan = plan_run(settings, loaded, voices, store)
    paid = any(voices.provider(c.voice.provider).paid for c in plan.new)
    summary = Summary(
        counts=plan.counts,
        skipped=[(s.where, s.reason) for s in loaded.skipped],
        present=len(plan.present),
        dry_run=dry_run,
        billable_characters=plan.billable_characters if paid or dry_run else 0,
        planned=[(_preview(c.spoken), str(settings.out_dir / c.rel_path)) for c in plan.new[:10]],
        seconds=time.monotonic() - started,
        notes=[
            *loaded.notes,
            *(f"skipped {s.where}: {s.reason}" for s in loaded.skipped if not s.placeholder),
        ],
    )
    return summary, loaded, plan, voices, store


def _preview(text: str, limit: int = 60) -> str:
    """`text` on one line, cut to `limit` characters for the dry-run report."""
    line = " ".join(text.split())
    return line if len(line) <= limit else f"{line[: limit - 1]}…"


def write_back(loaded: LoadResult, plan: Plan, store: Store) -> list[Path]:
    """Write each present clip's URL into its JSON file; returns the files changed."""
    urls: dict[Path, dict[tuple[str | int, ...], str]] = {}
    for clip in plan.clips:
        if store.is_present(clip.rel_path, clip.key):
            for item in clip.items:
                urls.setdefault(item.file, {})[item.url_path] = clip.url
    written = []
    for path, doc in loaded.documents.items():
        new = apply_urls(doc, urls.get(path, {}))
        if new is not None:
            # A content file that is a symbolic link is updated where it points, like a
            # symlinked out dir: replacing the link with a file would cut the team's link.
            write_atomic(path.resolve(), new, staging=store.temp_dir)
            written.append(path)
    return written


async def _synthesize(
    settings: Settings,
    plan: Plan,
    voices: Voices,
    store: Store,
    workers: int,
    summary: Summary,
    reporter: Reporter,
    handle_signals: bool,
) -> None:
    groups = plan.synthesis_groups()
    used = {clips[0].voice.provider for clips in groups.values()}
    # The audio code (numpy, soundfile, soxr) imports while the providers load their
    # models, which mostly runs outside the GIL: startup costs the longer of the two.
    audio_import = threading.Thread(target=_import_audio, name="import-audio")
    audio_import.start()
    try:
        for name in used:
            provider = voices.provider(name)
            if isinstance(provider, BlockingProvider):
                provider.set_thread_limit(workers)
            await provider.open()
    finally:
        audio_import.join()
    from .audio.process import join, process

    progress = Progress(total=len(plan.clips), present=len(plan.present))
    progress.done = progress.present
    cpu = anyio.CapacityLimiter(physical_cores())
    pieces: dict[str, list[Audio | None]] = {}
    failed_keys: dict[str, str] = {}

    def make_audio(clips: list[Clip], parts: list[Audio]) -> tuple[bytes, float]:
        clip = clips[0]
        whole = parts[0] if len(parts) == 1 else join(parts, PIECE_PAUSE_S)
        return process(whole, settings.audio, clip.spoken)

    def store_clip(clips: list[Clip], data: bytes, duration: float) -> None:
        digest = sha256(data)
        for clip in clips:
            store.put(clip.rel_path, data, stored_clip(clip, data, duration, digest))

    async def piece_job(key: str, index: int) -> None:
        clips = groups[key]
        clip = clips[0]
        provider = voices.providers[clip.voice.provider]
        audio = await provider.synthesize(
            clip.pieces[index], clip.lang, clip.voice.voice, clip.speed
        )
        slots = pieces.setdefault(key, [None] * len(clip.pieces))
        slots[index] = audio
        if any(s is None for s in slots):
            return  # another piece of this text is still being made
        parts = [s for s in slots if s is not None]
        pieces.pop(key, None)
        data, duration = await anyio.to_thread.run_sync(make_audio, clips, parts, limiter=cpu)
        await anyio.to_thread.run_sync(store_clip, clips, data, duration)
        progress.generated += len(clips)
        progress.done += len(clips)
        for c in clips:
            plan.counts[c.type_name].generated += 1
        store.flush(at_most_every=2.0)

    jobs: list[Job[None]] = []
    # Longest texts first (longest-processing-time-first): a passage's pieces spread over
    # every worker instead of trailing at the end behind one, and the run ends on short
    # readings, so no worker idles long while another finishes a sentence. Synthesis time
    # grows with the length of the text; the sort is stable, so equal lengths keep content
    # order.
    order = sorted(groups, key=lambda k: -len(groups[k][0].spoken))
    for key in order:
        n = len(groups[key][0].pieces)
        for i in range(n):
            jobs.append(
                Job(id=f"{key}#{i}" if n > 1 else key, run=_bind(piece_job, key, i), max_attempts=3)
            )

    def on_event(event: Event) -> None:
        if isinstance(event, (Started, Succeeded, Failed)):
            progress.active = event.active
        if isinstance(event, Failed):
            key = event.id.partition("#")[0]
            if key not in failed_keys:
                failed_keys[key] = _reason(event.error)
                n = len(groups[key])
                progress.failed += n
                progress.done += n
            pieces.pop(key, None)

    pool = Pool(
        workers,
        timeout=settings.timeout,
        is_fatal=lambda e: isinstance(e, ProviderFatal),
        is_retryable=lambda e: isinstance(e, ClipError) and e.retryable,
        on_event=on_event,
    )

    async with anyio.create_task_group() as tg:
        if handle_signals:
            tg.start_soon(_watch_interrupts, pool, summary, reporter)

        async def ticker() -> None:
            while True:
                reporter.progress(progress)
                await anyio.sleep(0.5)

        tg.start_soon(ticker)
        report = await pool.run(jobs)
        tg.cancel_scope.cancel()
    reporter.progress(progress)

    for provider in voices.providers.values():
        await provider.aclose()

    if report.fatal is not None:
        summary.fatal = _reason(report.fatal)
    summary.interrupted = summary.interrupted or report.stopped
    summary.generated = progress.generated
    for key, reason in failed_keys.items():
        if report.fatal is not None and reason == summary.fatal:
            continue  # the fatal error is reported once, not per clip
        clips = groups[key]
        for c in clips:
            plan.counts[c.type_name].failed += 1
        summary.failures.append(
            Failure(
                places=[item.where for c in clips for item in c.items],
                text=clips[0].spoken,
                reason=reason,
            )
        )


def stored_clip(clip: Clip, data: bytes, duration: float, digest: str) -> StoredClip:
    """The manifest entry of `clip` stored as `data` (whose sha256 is `digest`)."""
    return StoredClip(
        key=clip.key,
        path=clip.rel_path,
        text=clip.spoken,
        provider=clip.voice.provider,
        voice=clip.voice.voice,
        duration=round(duration, 3),
        bytes=len(data),
        sha256=digest,
    )


def _import_audio() -> None:
    # An import error is raised again, to the caller, by the import that needs the module.
    with contextlib.suppress(Exception):
        import_module("tts_assets.audio.process")


def _bind(
    fn: Callable[[str, int], Awaitable[None]], key: str, index: int
) -> Callable[[], Awaitable[None]]:
    return lambda: fn(key, index)


def _reason(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return (
        text
        if isinstance(error, (ClipError, ProviderFatal, InputError, JobTimeout))
        else (f"{type(error).__name__}: {text}")
    )


async def _watch_interrupts(pool: Pool, summary: Summary, reporter: Reporter) -> None:
    """First Ctrl-C: finish gracefully (keep and write back what is done). Second: abort."""
    with anyio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
        async for _ in signals:
            if summary.interrupted:
                reporter.notice("aborted")
                os._exit(130)
            summary.interrupted = True
            reporter.notice(
                "stopping: finished clips are kept and written back (Ctrl-C again to abort at once)"
            )
            pool.stop()
