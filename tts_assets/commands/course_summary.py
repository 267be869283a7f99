"""A dry run of a course planned window by window (`planning.course`): its summary made as
each window is planned, then the window let go.

What a window says of its own texts (their counts, places, refusals, readings, URLs kept or
dead) is added up as it comes. What is said of each clip is said once, where the clip is
first found (`CourseIndex.first`): the clips each type needs, new or present, the
characters a paid provider bills, the first planned clips, a clip's `--json` object (its
places gathered from every window, on disk). The notes that count something over the
course (voices in rotation, texts that keep a person's recording, timings to search for)
are made once, from counts added up. Every list is in the whole course's order: a
window's drills, joins and dialogue lines come after its own texts, the whole plan's
after every text, so each thing listed is sorted by the step of planning that found it
(`plan.STEPS`), then by the order found. A course of one window is summed up exactly as
`prepare` sums up a whole course (`summary.dry`).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from ..content.item import Item, UrlChange
from ..content.load import LoadResult
from ..features.registry import having
from ..making.backfill import untimed, untimed_note
from ..making.report import Failure, would_fail
from ..planning.course import CACHE_KIB, Course
from ..planning.dead import DeadUrl, UnfetchedUrl, dead_urls, unfetched_clips
from ..planning.heap import building
from ..planning.plan import STEPS, Clip, Plan, TypeCounts
from ..planning.prepare import Prepared
from ..readings.saying import ReadingNote
from ..settings.config import Settings
from .recovered import recover
from .summary import (
    PREVIEW_CLIPS,
    RefusedText,
    Summary,
    clip_json,
    dry,
    planned_preview,
    preview,
    rotating_fields,
    rotation_counts,
    rotation_lines,
)

T = TypeVar("T")

_ADDED = ("texts", "stale", "kept", "dead", "empty", "refused")
"""The counts of a type that count texts: each window's added up."""


def dry_course(
    settings: Settings, started: float, progress: Callable[[str], None] | None = None
) -> Summary:
    """The summary of a dry run of the course `settings` name, planned window by window
    (the comment above); InputError where a dry run of the whole course stops."""
    with building():  # each window built and let go: no cycles (`planning.heap`)
        return _dry_course(settings, started, progress)


def _dry_course(
    settings: Settings, started: float, progress: Callable[[str], None] | None
) -> Summary:
    course = Course(settings, progress=progress)
    try:
        return _surveyed(course, started)
    finally:
        course.close()


def _surveyed(course: Course, started: float) -> Summary:
    """The dry run's summary of `course`, planned once more where a key moved."""
    while True:
        tally: _Tally | None = None
        for prepared, last in course.windows():
            if tally is None and last:  # the whole course in one window
                prepared.loaded.notes += course.finish(pointers=True)
                recover(prepared, write=False)
                return dry(prepared, started)
            tally = tally or _Tally(course)
            tally.add(prepared)
        notes = course.finish(pointers=True)
        if not course.moved and tally is not None:
            return tally.summary(notes, started)
        course.again()  # a key's folder moved: every key's types are known now


@dataclass
class _Tally:
    """A dry run's summary, added up window by window (`dry_course`)."""

    course: Course
    counts: dict[str, TypeCounts] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    refused: list[tuple[int, RefusedText]] = field(default_factory=list)
    """Each with the step of planning that refused it (`plan.STEPS`): the summary lists
    them in the whole course's order, step by step (as `_Shown` its clips)."""
    present: int = 0
    billable: int = 0
    replacing: list[tuple[int, UrlChange]] = field(default_factory=list)
    kept: list[tuple[int, UrlChange]] = field(default_factory=list)
    dead: list[tuple[int, DeadUrl]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """The load's notes and each window's (the course's ones are made at the end)."""
    skip_notes: list[str] = field(default_factory=list)
    unfetched: list[UnfetchedUrl] = field(default_factory=list)
    failures: dict[str, Failure] = field(default_factory=dict)
    recorded: list[Item] = field(default_factory=list)
    rotation: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    untimed: Counter[str] = field(default_factory=Counter)
    hint: str | None = None
    any_present: bool = False
    shown: _Shown = field(default_factory=lambda: _Shown())
    windows: dict[str, object] = field(default_factory=dict)
    """What each feature's `planned_window` gave so far, by its name."""
    readings: _Readings = field(init=False)

    def __post_init__(self) -> None:
        self.readings = _Readings(self.shown)

    def add(self, prepared: Prepared) -> None:
        """Add up what `prepared` (a window planned and decided) says."""
        recover(prepared, write=False)  # damaged records counted present, as a run finds them
        plan, loaded = prepared.plan, prepared.loaded
        for name, counted in plan.counts.items():
            mine = self.counts.setdefault(name, TypeCounts())
            for what in _ADDED:
                setattr(mine, what, getattr(mine, what) + getattr(counted, what))
        first = self._clips(prepared)
        self._texts(prepared, loaded)
        for feature in having("planned_window"):
            earlier = self.windows.get(feature.name)
            self.windows[feature.name] = feature.planned_window(prepared, earlier)
        for at, shares in rotation_counts(prepared).items():
            self.rotation.setdefault(at, Counter()).update(shares)
        self.recorded += plan.recorded
        found = untimed(plan, prepared.store, prepared.voices)
        spoken = [c for c in found.spoken if c.rel_path in first]
        self.untimed.update(
            spoken=len(spoken),
            chars=sum(sum(map(len, c.pieces)) for c in spoken),
            slow=len([c for c in found.slow if c.rel_path in first]),
        )
        for failure in would_fail(plan, prepared.voices):
            known = self.failures.setdefault(failure.key, failure)
            if known is not failure:
                known.places.extend(failure.places)
        self.any_present = self.any_present or bool(plan.present)
        self.hint = self.hint or prepared.hint

    def _texts(self, prepared: Prepared, loaded: LoadResult) -> None:
        """What a window says of its own texts, added to the course's."""
        self.skipped += [(s.where, s.reason) for s in loaded.skipped if not s.refused]
        self._stepped(prepared)
        if prepared.readings:  # most windows of a course made before have none
            clip_at: dict[str, str] = {}
            for clip in prepared.plan.clips:
                for item in clip.items:
                    clip_at.setdefault(item.where, clip.rel_path)
            self.readings.add(prepared.readings, clip_at)
        self.notes += [n for n in loaded.notes if n != prepared.hint and n not in self.notes]
        self.skip_notes += [
            f"skipped {s.where}: {s.reason}"
            for s in loaded.skipped
            if not s.placeholder and not s.refused
        ]
        files = {u.file for u in self.unfetched if u.own}
        self.unfetched += [u for u in unfetched_clips(prepared) if not u.own or u.file not in files]

    def _stepped(self, prepared: Prepared) -> None:
        """The window's refusals and URL changes, each with the step of planning that
        found it (`plan.STEPS`; a refused skip after them all), put in order at the end."""
        plan, skipped = prepared.plan, prepared.loaded.skipped
        step = plan.step_of
        self.refused += [
            (step(r), RefusedText(r.item.where, r.item.text, r.verdict.reason))
            for r in prepared.refused
        ]
        self.refused += [
            (len(STEPS), RefusedText(s.where, preview(s.text), s.reason))
            for s in skipped
            if s.refused
        ]
        self.replacing += [(step(change), change) for change in plan.replacing]
        self.kept += [(step(change), change) for change in plan.kept]
        dead = {change.place: step(change) for change in plan.dead}
        self.dead += [(dead[url.place], url) for url in self._dead(prepared)]

    def _dead(self, prepared: Prepared) -> list[DeadUrl]:
        """The window's dead URLs: those its run would leave (a run's: those it left)."""
        return dead_urls(prepared)

    def _clips(self, prepared: Prepared) -> set[str]:
        """Count the window's clips where each is first found (each type's clips, new or
        present, the characters billed, the first planned, their `--json` objects); the
        paths of the clips first found here."""
        plan, out_dir = prepared.plan, prepared.store.out_dir
        step = plan.step_of
        # By identity (no two clips of a plan are one), asked only where some clip is
        # new: `id` raises an audit event each call, which the kept plan's trace hears.
        new = {id(clip) for clip in plan.new} if plan.new else None
        asked = [(clip.rel_path, clip.needed_by) for clip in plan.clips]
        first: set[str] = set()
        counted: Counter[str] = Counter()  # each type's clips, in the order met (`counts`')
        made: Counter[str] = Counter()  # of them, the new ones
        for clip, (is_first, types) in zip(plan.clips, self.course.index.first(asked), strict=True):
            is_new = new is not None and id(clip) in new
            if types:
                counted.update(types)
                if is_new:
                    made.update(types)
            if is_first:
                first.add(clip.rel_path)
                if not is_new:
                    self.present += 1
                    continue
                self.billable += clip.recipe.billed
            if is_new:
                self.shown.add(clip, str(out_dir / clip.rel_path), is_first, step(clip))
        for name, clips in counted.items():
            counts = self.counts.get(name)
            if counts is None:
                counts = self.counts[name] = TypeCounts()
            counts.clips += clips
            counts.new += made[name]
            counts.present += clips - made[name]
        return first

    def summary(self, notes: list[str], started: float) -> Summary:
        """The course's summary, once every window is added (`notes`: the course's own)."""
        course = self.course
        store = course.store
        damage = store.damage_notes()
        loaded = [n for n in self.notes if n not in damage]
        hint = [self.hint] if self.hint is not None and not self.any_present else []
        view = _view(course, self.counts, self.recorded, self.windows)
        rotating = rotating_fields(view)
        found = Summary(
            counts=self.counts,
            skipped=self.skipped,
            refused=_in_steps(self.refused),
            present=self.present,
            dry_run=True,
            billable_characters=self.billable,
            replacing=_in_steps(self.replacing),
            kept=_in_steps(self.kept),
            dead=_in_steps(self.dead),
            readings=self.readings,
            clips=self.shown,
            planned=self.shown.first(PREVIEW_CLIPS),
            seconds=time.monotonic() - started,
            notes=[
                *rotation_lines(
                    rotating, {at: self.rotation.get(at, Counter()) for at in rotating}
                ),
                *(note for feature in having("planned") for note in feature.planned(view)),
                *loaded,
                *damage,
                *hint,
                *notes,
                *self.skip_notes,
            ],
        )
        found.unfetched = self.unfetched
        found.failures = list(self.failures.values())
        cost = untimed_note(self.untimed["spoken"], self.untimed["chars"], self.untimed["slow"])
        if cost is not None:
            found.notes.append(cost)
        return found


def _in_steps(found: list[tuple[int, T]]) -> list[T]:
    """`found` (each with the step of planning that found it, window by window) in the
    whole course's order: step by step, each step's in the order found."""
    return [thing for _, thing in sorted(found, key=lambda pair: pair[0])]


def _view(
    course: Course,
    counts: dict[str, TypeCounts],
    recorded: list[Item],
    windows: dict[str, object] | None = None,
) -> Prepared:
    """The course as a `features.hooks.Feature.planned` hook sees it once every window is
    planned: its counts, the texts that keep a person's recording and what each feature's
    `planned_window` gave (`windows`), its clips not kept (each window's were let go)."""
    plan = Plan([], [], [], counts, recorded=recorded)
    return Prepared(
        course.settings,
        LoadResult(),
        course.types,
        course.voices,
        course.store,
        plan,
        saying=course.saying,
        windows=dict(windows or {}),
    )


class _Readings:
    """The verdicts on a dry run's readings a teacher should see (`Summary.readings`), kept
    on disk as each window finds them (in `_Shown`'s database: a course of a million
    texts has some 150,000, about 780 bytes each in memory); read in the whole course's
    order (`speaking.say_new`'s): each new clip's, in `_Shown`'s order, its places' in
    the order found, then those on clips already made."""

    def __init__(self, shown: _Shown) -> None:
        self.db = shown.db
        self.db.execute("CREATE TABLE notes (place TEXT, verdict TEXT, message TEXT, path TEXT)")

    def add(self, notes: Iterable[ReadingNote], clip_at: dict[str, str]) -> None:
        """`notes`, each on the clip at its place (`clip_at`: the first clip of the
        window's plan with a text there)."""
        self.db.executemany(
            "INSERT INTO notes VALUES (?, ?, ?, ?)",
            [(n.place, n.verdict, n.message, clip_at.get(n.place)) for n in notes],
        )

    def __iter__(self) -> Iterator[ReadingNote]:
        for row in self.db.execute(
            "SELECT n.place, n.verdict, n.message FROM notes n LEFT JOIN shown s"
            " ON s.path = n.path ORDER BY s.path IS NULL, s.step, s.seq, n.rowid"
        ):
            yield ReadingNote(*row)


class _Shown:
    """The `--json` objects of a dry run's new clips, kept on disk as each is first found,
    with the places later windows find them at (a private temporary database); read in
    the whole course's order: step of planning by step (`plan.STEPS`: the texts' clips,
    then the joins', then the drills'), each step's in the order found. A clip a later
    window finds at an earlier step (a run of a text in several languages another
    window's text says) moves to where that window finds it, as in the whole plan (its
    places stay in the order found)."""

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
            """
        )

        self._seq = 0

    def add(self, clip: Clip, path: str, first: bool, step: int) -> None:
        """`clip`'s object (at `path`), where it is first found (at `step` of planning),
        else its places here."""
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
