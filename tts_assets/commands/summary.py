"""What a run did: the summary (the `--json` object and the table at the end).

A dry run's summary is the plan's (`planned`); a run's adds what making and write-back
did.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

from ..content.item import Item, UrlChange
from ..content.load import LoadResult
from ..content.rotation import ROTATE
from ..content.spec import FieldSpec
from ..errors import ExitCode
from ..features.heard import Heards
from ..features.registry import having
from ..making.backfill import untimed, untimed_note
from ..making.report import Failure, would_fail
from ..planning.course import CACHE_KIB, Course
from ..planning.dead import DeadUrl, UnfetchedUrl, dead_urls, unfetched_advice, unfetched_clips
from ..planning.heap import building
from ..planning.plan import Clip, Plan, TypeCounts
from ..planning.prepare import Prepared
from ..planning.recipes import Stretched
from ..readings.form import NOTED
from ..readings.saying import ReadingNote
from ..settings.config import Settings
from ..writeback.update import FileWriteBack
from .recovered import recover

PREVIEW_CLIPS = 10
"""Planned clips the dry-run report shows."""
KEPT_SHOWN = 20
"""A person's URLs (and readings, dead and unfetched URLs) listed by name in the report
(`--json` lists every one)."""


class Line(NamedTuple):
    """One line of the report under the table, and how it stands out."""

    text: str
    tone: Literal["plain", "warning", "failure"] = "plain"
    """A warning is worth a look (a reading, a kept URL); a failure cost a clip."""


class CountsTable(NamedTuple):
    """The table at the top of the report: a row of counts per type."""

    title: str
    columns: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class RefusedText:
    """A text refused (by the language gate, or too long to be made) as the report lists it:
    it has no clip, by design. The gate's own record of it is `content.gate.Refusal`."""

    place: str
    """`vocabulary.json › [3] › word`."""
    text: str
    reason: str
    """`"Arbeit" is Latin script, not Japanese`."""

    def as_json(self) -> dict[str, str]:
        return {"place": self.place, "text": self.text, "reason": self.reason}


@dataclass
class Summary:
    """What a run did: the --json object and the table at the end."""

    counts: dict[str, TypeCounts]
    failures: list[Failure] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(place, reason) of texts that were not spoken (empty text...)."""
    refused: list[RefusedText] = field(default_factory=list)
    """Texts clearly not in their field's language: never voiced; the run exits 1."""
    seconds: float = 0.0
    generated: int = 0
    present: int = 0
    workers: int = 0
    interrupted: bool = False
    fatal: str | None = None
    written: list[Path] = field(default_factory=list)
    """JSON files whose URLs changed."""
    write_back: list[FileWriteBack] = field(default_factory=list)
    """Each content file's write-back: URLs added, replaced (with their old value), kept
    (a person's), cleared (their text is gone), texts that changed during the run."""
    replacing: list[UrlChange] = field(default_factory=list)
    """URLs tts-assets made for another clip that write-back replaces, with old values."""
    kept: list[UrlChange] = field(default_factory=list)
    """A person's URLs where a clip's URL would go: kept (`replace_hand_set_urls`)."""
    dead: list[DeadUrl] = field(default_factory=list)
    """A person's URLs under the URL prefix that name no file, left in place by this run
    (kept, or their clip failed): texts without audio, which verify calls dead. The run
    exits 1, as verify does."""
    unfetched: list[UnfetchedUrl] = field(default_factory=list)
    """A dry run's clip files that are Git LFS pointers (the tool's own and a person's):
    the run would stop before making anything, so the dry run exits 2 as it would."""
    readings: list[ReadingNote] = field(default_factory=list)
    """Verdicts on the new clips' readings a teacher should see, with their places."""
    clips: Iterable[dict[str, object]] = ()
    """A dry run's planned clips: what each will say (`spoken`, `phonemes`) and why (made
    when `as_json` is, so that a dry run without --json never holds them)."""
    not_written: list[str] = field(default_factory=list)
    """Content files write-back left alone (changed, deleted, moved, hard-linked), one line
    each: the run exits 1, and the next run writes their URLs."""
    dry_run: bool = False
    billable_characters: int = 0
    planned: list[tuple[str, str]] = field(default_factory=list)
    """First planned clips (text, path), for the dry-run report."""
    notes: list[str] = field(default_factory=list)
    """Things worth knowing that are not errors (a built-in type's file is absent...)."""
    shard: str | None = None
    """`K/N` for a shard's run (`--shard`), which makes only its share of the new clips."""
    other_shards: int = 0
    """In a shard's run: the missing clips the other shards make."""
    listening: Heards | None = None
    """What the listening check heard (`listen`); None when it did not run. A flagged clip
    is reported, and fails `verify --listen`, not the run that made it."""

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return ExitCode.INTERRUPTED
        if self.fatal:
            return ExitCode.CANNOT_GO_ON
        if self.unfetched:
            return ExitCode.INPUT
        failed = self.failures or self.refused or self.not_written or self.dead
        return ExitCode.FAILED if failed else ExitCode.OK

    @property
    def per_minute(self) -> float:
        return 60.0 * self.generated / self.seconds if self.seconds > 0 else 0.0

    def table(self) -> CountsTable:
        """The counts per type, with a run's columns (`generated`, `failed`) unless dry."""
        title = "dry run: nothing written" if self.dry_run else "summary"
        columns = ["type", "texts", "clips", "new", "present", "stale", "kept", "dead", "empty"]
        columns += ["refused"] if self.dry_run else ["refused", "generated", "failed"]
        rows = []
        for name, c in sorted(self.counts.items()):
            row = [name, c.texts, c.clips, c.new, c.present, c.stale, c.kept, c.dead, c.empty]
            row += [c.refused] if self.dry_run else [c.refused, c.generated, c.failed]
            rows.append([str(v) for v in row])
        return CountsTable(title, columns, rows)

    def lines(self) -> list[Line]:
        """The report under the table: notes and what is wrong, then what the run did (a
        dry run: what it would do)."""
        found = [Line(f"note: {note}") for note in self.notes]
        found += _readings_lines(self.readings)
        dead = {d.place for d in self.dead} | {u.place for u in self.unfetched}
        found += _kept_lines([k for k in self.kept if k.place not in dead])
        found += _dead_lines(self.dead)
        found += _unfetched_lines(self.unfetched)
        # Not voiced, by design: a clip in the wrong language is worse than none.
        found += [Line(f"refused: {r.place}: {r.reason}", "failure") for r in self.refused]
        found += self._shard_lines()
        found += self._dry_run_lines() if self.dry_run else self._run_lines()
        return found

    def _shard_lines(self) -> list[Line]:
        """A shard's run: its share of the missing clips, and how the shards are joined."""
        if self.shard is None:
            return []
        mine = sum(c.new for c in self.counts.values())
        return [
            Line(
                f"shard {self.shard}: {mine} of the {mine + self.other_shards} missing clips "
                f"are this shard's (the other shards make {self.other_shards}); no JSON is "
                "written: join the shard folders with tts-assets merge, then run tts-assets "
                "generate"
            )
        ]

    def _dry_run_lines(self) -> list[Line]:
        """What a run would fail (for want of a voice), its first clips, and their cost."""
        found = [
            Line(f"would fail: {', '.join(f.places)}: {f.reason}", "failure") for f in self.failures
        ]
        if self.planned:
            found.append(Line("first planned clips:"))
            found += [Line(f"  {text} → {path}") for text, path in self.planned]
        found.append(Line(f"characters a paid provider would bill: {self.billable_characters}"))
        return found

    def _run_lines(self) -> list[Line]:
        """What a run failed, wrote back and heard, and how fast it went."""
        found = [
            Line(f"failed: {', '.join(f.places)}: {f.reason}", "failure") for f in self.failures
        ]
        if self.fatal:
            found.append(Line(f"stopped: {self.fatal}", "failure"))
        told = {d.place for d in self.dead}
        found += [Line(f"note: {n}", "warning") for f in self.write_back for n in f.lines(told)]
        found += [Line(f"not written: {line}", "failure") for line in self.not_written]
        found += _heard_lines(self.listening)
        if self.interrupted:
            found.append(Line("interrupted: finished clips were kept and written back", "warning"))
        found.append(
            Line(
                f"{self.generated} generated in {self.seconds:.1f} s "
                f"({self.per_minute:.0f} clips/min, {self.workers} workers); "
                f"{len(self.written)} JSON file(s) updated"
            )
        )
        return found

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
            "refused": [r.as_json() for r in self.refused],
            "seconds": round(self.seconds, 3),
            "clips_per_minute": round(self.per_minute, 1),
            "workers": self.workers,
            "interrupted": self.interrupted,
            "fatal": self.fatal,
            "written": [str(p) for p in self.written],
            "write_back": [f.as_json() for f in self.write_back],
            "not_written": self.not_written,
            "readings": [r.as_json() for r in self.readings],
            "clips": list(self.clips),
            "replacing": [c.as_json() for c in self.replacing],
            "kept": [c.as_json() for c in self.kept],
            "dead": [d.as_json() for d in self.dead],
            "unfetched": [u.as_json() for u in self.unfetched],
            "billable_characters": self.billable_characters,
            "notes": self.notes,
            "shard": self.shard,
            "other_shards": self.other_shards,
            "listening": self.listening.as_json() if self.listening is not None else None,
        }


def _heard_lines(listening: Heards | None) -> list[Line]:
    """What the listening check flagged, then what it heard (none when it did not run)."""
    if listening is None:
        return []
    found = [Line(f"heard: {h.place}: {h.message()}", "warning") for h in listening.flagged]
    return found + [Line(line) for line in listening.lines()]


def _readings_lines(readings: Sequence[ReadingNote]) -> list[Line]:
    """The first readings to see, a line counting the rest by verdict, and one counting
    the noted ones (said as most likely meant: `tts-assets readings` lists each)."""
    seen = [r for r in readings if r.verdict not in NOTED]
    found = [Line(f"reading: {r.line()}", "warning") for r in seen[:KEPT_SHOWN]]
    if len(seen) > KEPT_SHOWN:
        found.append(Line(f"reading: {_more_readings(seen)}", "warning"))
    noted = Counter(r.verdict for r in readings if r.verdict in NOTED)
    if noted:
        kinds = ", ".join(f"{n} {verdict} ({NOTED[verdict]})" for verdict, n in noted.items())
        found.append(Line(f"reading: noted, {kinds}; tts-assets readings lists them"))
    return found


def _more_readings(readings: Sequence[ReadingNote]) -> str:
    """The line after the first readings shown: how many more, by verdict, and where the
    rest are (only the clips a run makes get one, so a rerun that makes nothing has none)."""
    more = readings[KEPT_SHOWN:]
    by_verdict = Counter(r.verdict for r in more)
    kinds = ", ".join(f"{n} {verdict}" for verdict, n in sorted(by_verdict.items()))
    return (
        f"{len(more)} more on the clips to make ({kinds}); "
        "tts-assets readings lists them all (--json here too)"
    )


def _kept_lines(kept: Sequence[UrlChange]) -> list[Line]:
    """A person's URLs kept where a clip's would go (those with no file are dead instead)."""
    found = [
        Line(
            f"kept: {change.place}: {change.old} (not a URL tts-assets made; "
            "--replace-hand-set-urls replaces it)"
        )
        for change in kept[:KEPT_SHOWN]
    ]
    if len(kept) > KEPT_SHOWN:
        more = len(kept) - KEPT_SHOWN
        found.append(Line(f"kept: {more} more URL(s) set by hand (--json lists them)"))
    return found


def _dead_lines(dead: Sequence[DeadUrl]) -> list[Line]:
    """A person's URLs that lead to no file: texts without audio, as verify calls them."""
    found = [Line(f"dead: {gone.line()}", "failure") for gone in dead[:KEPT_SHOWN]]
    if len(dead) > KEPT_SHOWN:
        more = len(dead) - KEPT_SHOWN
        found.append(Line(f"dead: {more} more URL(s) lead to no file (--json lists them)"))
    return found


def _unfetched_lines(unfetched: list[UnfetchedUrl]) -> list[Line]:
    """The clip files that are Git LFS pointers: what fetches them, then the first few."""
    if not unfetched:
        return []
    found = [Line(f"unfetched: {unfetched_advice(unfetched)}", "failure")]
    found += [Line(f"unfetched: {u.line()}", "failure") for u in unfetched[:KEPT_SHOWN]]
    if len(unfetched) > KEPT_SHOWN:
        more = len(unfetched) - KEPT_SHOWN
        found.append(Line(f"unfetched: {more} more (--json lists them)"))
    return found


def planned(prepared: Prepared, started: float, *, dry_run: bool) -> Summary:
    """The summary of a planned run, before anything is made."""
    loaded, plan, voices = prepared.loaded, prepared.plan, prepared.voices
    paid = any(voices.provider(c.voice.provider).billing is not None for c in plan.new)
    out_dir = prepared.store.out_dir  # a shard's own folder in a shard's run
    return Summary(
        counts=plan.counts,
        skipped=[(s.where, s.reason) for s in loaded.skipped if not s.refused],
        refused=[
            *(RefusedText(r.item.where, r.item.text, r.verdict.reason) for r in prepared.refused),
            *(
                RefusedText(s.where, _preview(s.text), s.reason)
                for s in loaded.skipped
                if s.refused
            ),
        ],
        present=len(plan.present),
        dry_run=dry_run,
        billable_characters=plan.billable_characters if paid or dry_run else 0,
        replacing=plan.replacing,
        kept=plan.kept,
        # A dry run reports what the run would leave dead; a run, what it left (`_recorded`).
        dead=dead_urls(prepared) if dry_run else [],
        readings=prepared.readings,
        clips=_ClipsJson(plan.new, out_dir) if dry_run else (),
        planned=[(_planned(c), str(out_dir / c.rel_path)) for c in plan.new[:PREVIEW_CLIPS]],
        seconds=time.monotonic() - started,
        notes=[
            *rotation_shares(prepared),
            *(note for feature in having("planned") for note in feature.planned(prepared)),
            *loaded.notes,
            *(
                f"skipped {s.where}: {s.reason}"
                for s in loaded.skipped
                if not s.placeholder and not s.refused
            ),
        ],
    )


def rotation_shares(prepared: Prepared) -> list[str]:
    """A note per field of a list of voices (`content.rotation`) that says some text: how
    many of its texts each voice says (`voices in rotation: vocabulary.word: jf_alpha 11,
    jf_nezumi 9`; `voices each: ...`, every text in every voice)."""
    return rotation_lines(rotating_fields(prepared), rotation_counts(prepared))


Rotating = dict[tuple[str, str], FieldSpec]
"""The fields of a list of voices (no twin's), by (type, field)."""


def rotating_fields(prepared: Prepared) -> Rotating:
    """The fields of `prepared`'s types said by a list of voices (in turn, or each)."""
    return {
        (spec.name, f.name): f
        for spec in prepared.types
        for f in spec.fields
        if f.voices and not f.is_twin
    }


def rotation_counts(prepared: Prepared) -> dict[tuple[str, str], Counter[str]]:
    """How many texts of each field of a list of voices each voice says in `prepared`'s
    plan."""
    listed = rotating_fields(prepared)
    shares: dict[tuple[str, str], Counter[str]] = {at: Counter() for at in listed}
    if not listed:
        return shares
    # Who counts a voice's text: the field's own item (rotate), or each voice's twin (each:
    # the field's own item shares the first voice's clip with that voice's twin).
    counts = {
        (t, name if f.voice_mode == ROTATE else f"{name} ({voice})"): shares[t, name]
        for (t, name), f in listed.items()
        for voice in f.voices
    }
    for clip in prepared.plan.clips:
        for item in clip.items:
            counted = counts.get((item.type_name, item.field))
            if counted is not None:
                counted[clip.voice.voice] += 1
    return shares


def rotation_lines(listed: Rotating, shares: dict[tuple[str, str], Counter[str]]) -> list[str]:
    """The notes of `rotation_shares`, from each listed field's counts (`rotation_counts`)."""
    # A field with no text here (a built-in type without its file) gets no note.
    return [_shares(at, f, shares[at]) for at, f in listed.items() if shares[at].total()]


def _shares(at: tuple[str, str], f: FieldSpec, counted: Counter[str]) -> str:
    """The note on the voices of field `at` (type, name), `counted` by voice."""
    told = ", ".join(f"{voice} {counted[voice]}" for voice in f.voices) + " text(s)"
    if f.voice_mode == ROTATE:
        told += ", one voice per entry by its id (else its first text), on every run"
        return f"voices in rotation: {at[0]}.{at[1]}: {told}"
    place = f.voices_url_selector.source if f.voices_url_selector else "its list place"
    told += (
        ", every text in every voice (the first voice's at its URL, each voice's in its "
        f"list at {place})"
    )
    return f"voices each: {at[0]}.{at[1]}: {told}"


def dry(prepared: Prepared, started: float) -> Summary:
    """A dry run's summary: the plan, the URLs it cannot fetch, the new clips their
    providers would fail (`making.report.would_fail`), and what searching for timings
    will cost."""
    summary = planned(prepared, started, dry_run=True)
    summary.unfetched = unfetched_clips(prepared)
    summary.failures = would_fail(prepared.plan, prepared.voices)
    cost = untimed(prepared.plan, prepared.store, prepared.voices).note()
    if cost is not None:
        summary.notes.append(cost)
    return summary


@dataclass(frozen=True)
class _ClipsJson:
    """The `--json` objects of planned clips, each made as it is read."""

    clips: list[Clip]
    out_dir: Path

    def __iter__(self) -> Iterator[dict[str, object]]:
        for clip in self.clips:
            yield _clip_json(clip, str(self.out_dir / clip.rel_path))


def _clip_json(clip: Clip, path: str) -> dict[str, object]:
    """What a dry run's `--json` says of one planned clip: what will be said, and how."""
    return {
        "path": path,
        "text": clip.spoken,
        "provider": clip.voice.provider,
        "voice": clip.voice.voice,
        **clip.recipe.recorded(clip.spoken, None),
        "places": [item.where for item in clip.items],
        "billable_characters": clip.recipe.billed,
        **clip.recipe.shown(),
    }


def _planned(clip: Clip) -> str:
    """A planned clip as the dry run's preview shows it: its text, and a twin's tempo."""
    recipe = clip.recipe
    made = f" ({recipe.tempo:g}×, stretched from its clip)" if isinstance(recipe, Stretched) else ""
    return _preview(clip.spoken) + made


def _preview(text: str, limit: int = 60) -> str:
    """`text` on one line, cut to `limit` characters for the dry-run report."""
    line = " ".join(text.split())
    return line if len(line) <= limit else f"{line[: limit - 1]}…"


# --- a course planned window by window -------------------------------------------------
#
# A dry run of a course planned window by window (`planning.course`): its summary made as
# each window is planned, then the window let go.
#
# What a window says of its own texts (their counts, places, refusals, readings, URLs kept or
# dead) is added up as it comes. What is said of each clip is said once, where the clip is
# first found (`CourseIndex.first`): the clips each type needs, new or present, the
# characters a paid provider bills, the first planned clips, a clip's `--json` object (its
# places gathered from every window, on disk). The notes that count something over the
# course (voices in rotation, texts that keep a person's recording, timings to search for)
# are made once, from counts added up. A course of one window is summed up exactly as
# `prepare` sums up a whole course (`summary.dry`).

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
    refused: list[RefusedText] = field(default_factory=list)
    present: int = 0
    billable: int = 0
    replacing: list[UrlChange] = field(default_factory=list)
    kept: list[UrlChange] = field(default_factory=list)
    dead: list[DeadUrl] = field(default_factory=list)
    readings: list[ReadingNote] = field(default_factory=list)
    planned: list[tuple[str, str]] = field(default_factory=list)
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
        plan = prepared.plan
        self.skipped += [(s.where, s.reason) for s in loaded.skipped if not s.refused]
        self.refused += [
            RefusedText(r.item.where, r.item.text, r.verdict.reason) for r in prepared.refused
        ]
        self.refused += [
            RefusedText(s.where, _preview(s.text), s.reason) for s in loaded.skipped if s.refused
        ]
        self.replacing += plan.replacing
        self.kept += plan.kept
        self.dead += dead_urls(prepared)
        self.readings += prepared.readings
        self.notes += [n for n in loaded.notes if n != prepared.hint and n not in self.notes]
        self.skip_notes += [
            f"skipped {s.where}: {s.reason}"
            for s in loaded.skipped
            if not s.placeholder and not s.refused
        ]
        files = {u.file for u in self.unfetched if u.own}
        self.unfetched += [u for u in unfetched_clips(prepared) if not u.own or u.file not in files]

    def _clips(self, prepared: Prepared) -> set[str]:
        """Count the window's clips where each is first found (each type's clips, new or
        present, the characters billed, the first planned, their `--json` objects); the
        paths of the clips first found here."""
        plan, out_dir = prepared.plan, prepared.store.out_dir
        new = {id(clip) for clip in plan.new}
        asked = [(clip.rel_path, clip.needed_by) for clip in plan.clips]
        first: set[str] = set()
        for clip, (is_first, types) in zip(plan.clips, self.course.index.first(asked), strict=True):
            is_new = id(clip) in new
            for name in types:
                counted = self.counts.setdefault(name, TypeCounts())
                counted.clips += 1
                if is_new:
                    counted.new += 1
                else:
                    counted.present += 1
            if is_first:
                first.add(clip.rel_path)
                if not is_new:
                    self.present += 1
                    continue
                self.billable += clip.recipe.billed
                if len(self.planned) < PREVIEW_CLIPS:
                    self.planned.append((_planned(clip), str(out_dir / clip.rel_path)))
            if is_new:
                self.shown.add(clip, str(out_dir / clip.rel_path), is_first)
        return first

    def summary(self, notes: list[str], started: float) -> Summary:
        """The course's summary, once every window is added (`notes`: the course's own)."""
        course = self.course
        store = course.store
        damage = store.damage_notes()
        loaded = [n for n in self.notes if n not in damage]
        hint = [self.hint] if self.hint is not None and not self.any_present else []
        view = _view(course, self.counts, self.recorded)
        rotating = rotating_fields(view)
        found = Summary(
            counts=self.counts,
            skipped=self.skipped,
            refused=self.refused,
            present=self.present,
            dry_run=True,
            billable_characters=self.billable,
            replacing=self.replacing,
            kept=self.kept,
            dead=self.dead,
            readings=self.readings,
            clips=self.shown,
            planned=self.planned,
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


def _view(course: Course, counts: dict[str, TypeCounts], recorded: list[Item]) -> Prepared:
    """The course as a `features.hooks.Feature.planned` hook sees it once every window is
    planned: its counts and the texts that keep a person's recording, its clips not kept
    (each window's were let go)."""
    plan = Plan([], [], [], counts, recorded=recorded)
    return Prepared(
        course.settings,
        LoadResult(),
        course.types,
        course.voices,
        course.store,
        plan,
        saying=course.saying,
    )


class _Shown:
    """The `--json` objects of a dry run's new clips, kept on disk as each is first found,
    with the places later windows find them at (a private temporary database); read in
    the order they were found."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("", check_same_thread=False)
        self._db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self._db.executescript(
            """
            CREATE TABLE shown (seq INTEGER PRIMARY KEY, path TEXT UNIQUE, json TEXT);
            CREATE TABLE places (path TEXT, place TEXT);
            CREATE INDEX places_of ON places (path);
            """
        )

    def add(self, clip: Clip, path: str, first: bool) -> None:
        """`clip`'s object (at `path`), where it is first found, else its places here."""
        if first:
            self._db.execute(
                "INSERT INTO shown (path, json) VALUES (?, ?)",
                (clip.rel_path, json.dumps(_clip_json(clip, path), ensure_ascii=False)),
            )
        else:
            self._db.executemany(
                "INSERT INTO places VALUES (?, ?)", [(clip.rel_path, i.where) for i in clip.items]
            )

    def __iter__(self) -> Iterator[dict[str, object]]:
        for path, raw in self._db.execute("SELECT path, json FROM shown ORDER BY seq"):
            found: dict[str, object] = json.loads(raw)
            more = self._db.execute(
                "SELECT place FROM places WHERE path = ? ORDER BY rowid", (path,)
            )
            places = found["places"]
            assert isinstance(places, list)
            places += [place for (place,) in more]
            yield found
