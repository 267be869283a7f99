"""A course's summary, added up window by window, each window let go as the next comes.

`survey` plans every window once, nothing made, before a run makes any, so what stops a
run stops it before anything is made. Each clip is said of once, where first found; every
list is in the course's order: by the step of planning that found it, then as found.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from ..content.item import UrlChange
from ..content.load import LoadResult
from ..errors import InputError
from ..features.registry import having
from ..making.backfill import untimed, untimed_note
from ..making.graph import Made
from ..making.report import Failure, would_fail
from ..planning.course import CACHE_KIB, Course, course_of, first_present
from ..planning.dead import DeadUrl, UnfetchedUrl, unfetched_clips, unfetched_error, unfetched_urls
from ..planning.dead import dead_urls as dead_urls_of
from ..planning.plan import STEPS, Clip, Plan, TypeCounts
from ..planning.prepare import Prepared
from ..readings.saying import ReadingNote
from ..settings.config import Settings
from ..store.manifest import Store
from ..writeback.update import FileWriteBack
from .recovered import recover
from .summary import (
    PREVIEW_CLIPS,
    LoadNotes,
    RefusedText,
    Streamed,
    Summary,
    clip_json,
    planned_preview,
    refused_texts,
    rotating_fields,
    rotation_counts,
    rotation_lines,
)

T = TypeVar("T")

_ADDED = ("texts", "stale", "kept", "dead", "empty", "refused")
"""The counts of a type that count texts: each window's added up."""


@contextmanager
def surveyed(
    settings: Settings,
    *,
    lock: Callable[[], None] | None = None,
    pointers: bool = False,
    each: Callable[[Prepared], None] | None = None,
    store: Callable[[], Store] | None = None,
    **course: Any,
) -> Iterator[Tally]:
    """The tally of `settings`' course (`survey`). `lock()` is called once the input is
    known to be good, and the course surveyed again if another run changed the store
    meanwhile; `store`: where clips are looked up (default: the out dir's)."""
    while True:
        with course_of(settings, store() if store is not None else None, **course) as found:
            tally = survey(found, pointers=pointers, each=each)
            if lock is not None:
                lock()
                lock = None
                if found.store.changed_on_disk():
                    continue  # another run (other data dir, same out dir) finished meanwhile
            yield tally
            return


def survey(
    course: Course, *, pointers: bool = False, each: Callable[[Prepared], None] | None = None
) -> Tally:
    """Every window of `course` planned once, nothing made: its tally; InputError where a
    run stops before making anything (a Git LFS pointer, unless `pointers`)."""

    def add(found: tuple[Tally, list[UnfetchedUrl]], prepared: Prepared) -> None:
        tally, unfetched = found
        if course.run and not pointers:
            unfetched.extend(unfetched_urls(prepared))
        if course.run and course.one:
            # A run of a course of one window makes the window planned here, added up
            # once its damaged records are recorded again (`Tally.only`).
            tally.only = prepared
        else:
            tally.add(prepared)
        if course.run:  # what a run's write-back and its notes ask of the course's texts
            course.index.texts.remember(prepared)
        if each is not None:
            each(prepared)

    (tally, unfetched), notes = course.gathered(
        lambda: (Tally(course), list[UnfetchedUrl]()), add, pointers=pointers
    )
    if unfetched:
        raise InputError(unfetched_error(unfetched))
    tally.course_notes = notes
    return tally


@dataclass
class Tally:
    """A course's summary, added up window by window (module docstring)."""

    course: Course
    counts: dict[str, TypeCounts] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    refused: list[tuple[int, RefusedText]] = field(default_factory=list)
    present: int = 0
    billable: int = 0
    paid: bool = False
    replacing: list[tuple[int, UrlChange]] = field(default_factory=list)
    kept: list[tuple[int, UrlChange]] = field(default_factory=list)
    dead: list[tuple[int, DeadUrl]] = field(default_factory=list)
    loaded: LoadNotes = field(default_factory=LoadNotes)
    course_notes: list[str] = field(default_factory=list)
    skip_notes: list[str] = field(default_factory=list)
    unfetched: list[UnfetchedUrl] = field(default_factory=list)
    failures: dict[str, Failure] = field(default_factory=dict)
    rotation: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    untimed: Counter[str] = field(default_factory=Counter)
    shown: _Shown = field(default_factory=lambda: _Shown())
    noted: dict[str, Any] = field(default_factory=dict)
    """What each feature's `planned` gave so far, by its name."""
    ran: _Ran | None = None
    """What the run made and wrote back (`made`); None: nothing was made (a dry run)."""
    only: Prepared | None = None
    """A run's course of one window, planned by the survey and not yet added: the run
    makes it without planning it again (`commands.generate`)."""
    others: int = 0
    """Of a shard's run, the new clips its windows leave to other shards."""

    def add(self, prepared: Prepared) -> None:
        recover(prepared, write=False)  # damaged records counted present, as a run finds them
        plan, voices = prepared.plan, prepared.voices
        self.paid = self.paid or any(
            voices.provider(c.voice.provider).billing is not None for c in plan.new
        )
        for name, counted in plan.counts.items():
            mine = self.counts.setdefault(name, TypeCounts())
            for what in _ADDED:
                setattr(mine, what, getattr(mine, what) + getattr(counted, what))
        first = self._clips(prepared)
        self._texts(prepared)
        for feature in having("planned"):
            self.noted[feature.name] = feature.planned(prepared, self.noted.get(feature.name))
        for at, shares in rotation_counts(prepared).items():
            self.rotation.setdefault(at, Counter()).update(shares)
        found = untimed(plan, prepared.store, voices)
        spoken = [c for c in found.spoken if c.rel_path in first]
        self.untimed.update(
            spoken=len(spoken),
            chars=sum(sum(map(len, c.pieces)) for c in spoken),
            slow=len([c for c in found.slow if c.rel_path in first]),
        )
        for failure in would_fail(plan, voices):
            known = self.failures.setdefault(failure.key, failure)
            if known is not failure:
                known.places.extend(failure.places)

    def _texts(self, prepared: Prepared) -> None:
        plan, loaded = prepared.plan, prepared.loaded
        self.skipped += [(s.where, s.reason) for s in loaded.skipped if not s.refused]
        self.refused += refused_texts(prepared)
        self.replacing += [(plan.step_of(change), change) for change in plan.replacing]
        self.kept += [(plan.step_of(change), change) for change in plan.kept]
        self.dead += _dead(prepared)
        self.shown.note(prepared.readings)
        self.loaded.add(prepared)
        self.skip_notes += [
            f"skipped {s.where}: {s.reason}"
            for s in loaded.skipped
            if not s.placeholder and not s.refused
        ]
        files = {u.file for u in self.unfetched if u.own}
        self.unfetched += [u for u in unfetched_clips(prepared) if not u.own or u.file not in files]

    def _clips(self, prepared: Prepared) -> set[str]:
        """Count the window's clips where each is first found; the paths first found here."""
        plan, out_dir = prepared.plan, prepared.store.out_dir
        step = plan.step_of
        new = {id(clip) for clip in plan.new}  # by identity: no two clips of a plan are one
        asked = [(clip.rel_path, clip.needed_by) for clip in plan.clips]
        first: set[str] = set()
        counted: Counter[str] = Counter()  # each type's clips, in the order met (`counts`')
        made: Counter[str] = Counter()  # of them, the new ones
        for clip, (is_first, types) in zip(plan.clips, self.course.index.first(asked), strict=True):
            is_new = id(clip) in new
            counted.update(types)
            made.update(types if is_new else ())
            if is_first:
                first.add(clip.rel_path)
                if not is_new:
                    self.present += 1
                    continue
                self.billable += clip.recipe.billed
            if is_new:
                self.shown.add(clip, str(out_dir / clip.rel_path), is_first, step(clip))
        for name, clips in counted.items():
            counts = self.counts.setdefault(name, TypeCounts())
            counts.clips += clips
            counts.new += made[name]
            counts.present += clips - made[name]
        return first

    def to_make(self, prepared: Prepared) -> None:
        """`prepared`'s new clips as a run makes them (`recover`), less those that failed in
        an earlier window: never made twice in one run (a paid provider may have billed
        the first attempt); their places join the failure."""
        recover(prepared)
        run = self.run
        if not run.failed:
            return
        plan, kept = prepared.plan, []
        for clip in plan.new:
            failure = run.failed.get(clip.key)
            if failure is None:
                kept.append(clip)
                continue
            failure.places.extend(i.where for i in clip.items if i.where not in failure.places)
        plan.new = kept

    @property
    def run(self) -> _Ran:
        if self.ran is None:
            self.ran = _Ran()
        return self.ran

    def made(self, prepared: Prepared, window: Window) -> None:
        run = self.run
        run.left += window.left
        if (made := window.made) is not None:
            # Its clips made and failed kept by path in the course's index (each type's
            # counts, `summary`), its failures by key (`to_make`).
            run.making = True
            run.made.add(made)
            failed = {f.key for f in made.failures}
            run.failed.update((f.key, f) for f in made.failures if f.key)
            listed = prepared.store.is_listed
            done = [c for c in prepared.plan.new if c.key in failed or listed(c.rel_path, c.key)]
            self.course.index.made([(c.rel_path, c.key in failed) for c in done])
        run.fatal = run.fatal or window.fatal
        run.interrupted = run.interrupted or window.interrupted
        run.workers = max(run.workers, window.workers)
        self._await(window.write_back)
        run.write_back += window.write_back
        run.not_written += window.not_written
        run.dead += _dead(prepared, {c.place for f in window.write_back for c in f.replaced})
        run.notes += [n for n in window.notes if n not in run.notes]
        if window.listening is not None:
            run.listening = window.listening.joined(run.listening)
        self._refused_late([text for _, text in refused_texts(prepared)])

    def _await(self, files: list[FileWriteBack]) -> None:
        """Note the person's URLs `files` kept beside no clip whose text other windows plan
        (`Plan.held`): a later window's clip of it is the one to name there (`_awaited`)."""
        run, texts = self.run, self.course.index.texts
        for at, done in enumerate(files, len(run.write_back)):
            for n, kept in enumerate(done.kept):
                if kept.new is not None or kept.place in done.gone:
                    continue
                held = texts.held(done.path, kept.place)
                clips = texts.planned(held) if held is not None else []
                if clips:  # most a person recorded are said nowhere else: nothing to await
                    run.awaiting.append((at, n, clips))

    def _awaited(self) -> list[FileWriteBack]:
        """Every window's write-back, each URL `_await` noted given the first clip of its
        text the store holds now."""
        found = list(self.run.write_back)
        present = self.course.store.is_present
        named: dict[int, dict[int, str]] = {}
        for at, n, clips in self.run.awaiting:
            url = first_present(clips, present)
            if url is not None:
                named.setdefault(at, {})[n] = url
        for at, urls in named.items():
            kept = tuple(
                replace(k, new=urls[n]) if n in urls else k for n, k in enumerate(found[at].kept)
            )
            found[at] = replace(found[at], kept=kept)
        return found

    def _refused_late(self, refused: list[RefusedText]) -> None:
        """The texts a window refused that the survey did not (a file changed since)."""
        if not refused:
            return
        run = self.run
        if run.refusals is None:  # made once: a course may refuse many texts
            run.refusals = {(r.place, r.text) for _, r in self.refused}
        known = run.refusals
        late = [r for r in refused if (r.place, r.text) not in known]
        known.update((r.place, r.text) for r in late)
        self.refused += [(len(STEPS), r) for r in late]

    def finished(self, *, partial: bool = False) -> list[str]:
        """What each feature's `finished` notes (`partial`: a run of some clips only)."""
        view, failures = self.view(), self.run.made.failures
        notes = [n for f in having("finished") for n in f.finished(view, failures, partial=partial)]
        self.course.store.leave_staging()
        return notes

    def view(self) -> Prepared:
        """The course as a feature's `made` and `finished` see it: its counts, its clips by
        key in the course's index (`Prepared.elsewhere`)."""
        course = self.course
        plan = Plan([], [], [], self.counts)
        return Prepared(
            course.settings,
            LoadResult(),
            course.types,
            course.voices,
            course.store,
            plan,
            saying=course.saying,
            elsewhere=course.index.texts,
        )

    def summary(self, started: float, finished: Iterable[str] = ()) -> Summary:
        """The course's summary (`finished`: the notes of the features' `finished`)."""
        store, run = self.course.store, self.ran
        noted = [self.noted[f.name] for f in having("planned") if f.name in self.noted]
        found = Summary(
            counts=self.counts,
            skipped=self.skipped,
            refused=_in_steps(self.refused),
            present=self.present,
            dry_run=run is None,
            billable_characters=self.billable if run is None or self.paid else 0,
            replacing=_in_steps(self.replacing),
            kept=_in_steps(self.kept),
            dead=_in_steps(self.dead if run is None else run.dead),
            unfetched=self.unfetched if run is None else [],
            readings=Streamed(self.shown.readings),
            clips=self.shown if run is None else (),
            planned=self.shown.first(PREVIEW_CLIPS),
            notes=[
                *rotation_lines(rotating_fields(self.course.types), self.rotation),
                *(note for tally in noted if tally is not None for note in tally.notes()),
                *self.loaded.said(store.damage_notes()),
                *self.course_notes,
                *self.skip_notes,
            ],
        )
        if run is None:
            found.failures = list(self.failures.values())
            cost = untimed_note(self.untimed["spoken"], self.untimed["chars"], self.untimed["slow"])
            found.notes += [] if cost is None else [cost]
        else:
            self._add_run(found, run, finished)
        found.seconds = time.monotonic() - started
        return found

    def _add_run(self, found: Summary, run: _Ran, finished: Iterable[str]) -> None:
        generated, failed = self.course.index.made_types()
        for name, counts in found.counts.items():
            counts.generated, counts.failed = generated[name], failed[name]
        found.generated = run.made.generated
        found.failures = run.made.failures
        found.fatal = run.fatal or run.made.fatal
        found.interrupted = run.interrupted
        found.workers = run.workers
        found.write_back = self._awaited()
        found.written = [f.path for f in found.write_back if f.written]
        found.not_written = run.not_written
        found.listening = run.listening
        if run.left:
            found.notes.append(
                f"{run.left} other missing clip(s) left for a later run (tts-assets generate)"
            )
        if run.making:
            found.notes += [n for f in having("made") for n in f.made(self.view(), run.made)]
        found.notes += [n for n in [*run.notes, *finished] if n not in found.notes]


@dataclass
class Window:
    """What a run did of one window (`Tally.made`)."""

    made: Made | None = None
    write_back: list[FileWriteBack] = field(default_factory=list)
    not_written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fatal: str | None = None
    interrupted: bool = False
    workers: int = 0
    left: int = 0
    """The new clips a run of some clips (`only`) left for a later run."""
    listening: Any = None
    """`features.heard.Heards`."""


@dataclass
class _Ran(Window):
    """A run's windows (`Window`) added up (`Tally.made`)."""

    made: Made = field(default_factory=Made)
    failed: dict[str, Failure] = field(default_factory=dict)
    """Each clip whose making failed, by its content key."""
    dead: list[tuple[int, DeadUrl]] = field(default_factory=list)
    making: bool = False
    refusals: set[tuple[str, str]] | None = None
    """The refused texts (place, text) reported so far."""
    awaiting: list[tuple[int, int, list[tuple[str, str, str]]]] = field(default_factory=list)
    """Each person's URL a window kept beside no clip of its text that other windows plan
    (`_await`): its file's report in `write_back`, its place in its `kept`, the clips."""


def _dead(prepared: Prepared, replaced: set[str] | None = None) -> list[tuple[int, DeadUrl]]:
    """The dead URLs of `prepared` (`dead_urls`), each with its step of planning."""
    plan = prepared.plan
    steps = {change.place: plan.step_of(change) for change in plan.dead}
    return [(steps.get(url.place, 0), url) for url in dead_urls_of(prepared, replaced)]


def _in_steps(found: list[tuple[int, T]]) -> list[T]:
    """`found` in the course's order: step by step, each step's in the order found."""
    return [thing for _, thing in sorted(found, key=lambda pair: pair[0])]


class _Shown:
    """The `--json` objects of a dry run's new clips and the notes on their readings, kept
    in a private temporary database, read in the course's order."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("", check_same_thread=False)
        self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self.db.executescript(
            """
            CREATE TABLE shown (
                path TEXT PRIMARY KEY, step INTEGER, seq INTEGER, preview TEXT, json TEXT
            );
            CREATE TABLE places (path TEXT, place TEXT);
            CREATE INDEX places_of ON places (path);
            CREATE TABLE notes (place TEXT, verdict TEXT, message TEXT, path TEXT);
            """
        )
        self._seq = 0

    def add(self, clip: Clip, path: str, first: bool, step: int) -> None:
        """`clip`'s object where first found; else its places here, and this step if earlier."""
        self._seq += 1
        if first:
            self.db.execute(
                "INSERT INTO shown VALUES (?, ?, ?, ?, ?)",
                (
                    clip.rel_path,
                    step,
                    self._seq,
                    planned_preview(clip),
                    json.dumps(clip_json(clip, path), ensure_ascii=False),
                ),
            )
        else:
            self.db.execute(
                "UPDATE shown SET step = ?, seq = ? WHERE path = ? AND step > ?",
                (step, self._seq, clip.rel_path, step),
            )
            self.db.executemany(
                "INSERT INTO places VALUES (?, ?)", [(clip.rel_path, i.where) for i in clip.items]
            )

    def first(self, many: int) -> list[tuple[str, str]]:
        """The first `many` clips (what each says, its path), as a dry run shows them."""
        rows = self.db.execute(
            "SELECT preview, json FROM shown ORDER BY step, seq LIMIT ?", (many,)
        )
        return [(preview, str(json.loads(raw)["path"])) for preview, raw in rows]

    def __iter__(self) -> Iterator[dict[str, object]]:
        for path, raw in self.db.execute("SELECT path, json FROM shown ORDER BY step, seq"):
            found: dict[str, object] = json.loads(raw)
            more = self.db.execute(
                "SELECT place FROM places WHERE path = ? ORDER BY rowid", (path,)
            )
            places = found["places"]
            assert isinstance(places, list)
            places += [place for (place,) in more]
            yield found

    def note(self, notes: Iterable[ReadingNote]) -> None:
        self.db.executemany(
            "INSERT INTO notes VALUES (?, ?, ?, ?)",
            [(n.place, n.verdict, n.message, n.clip) for n in notes],
        )

    def readings(self) -> Iterator[ReadingNote]:
        """The notes in the whole course's order: the new clips', then those on clips made."""
        for row in self.db.execute(
            "SELECT n.place, n.verdict, n.message FROM notes n LEFT JOIN shown s"
            " ON s.path = n.path ORDER BY s.path IS NULL, s.step, s.seq, n.rowid"
        ):
            yield ReadingNote(*row)
