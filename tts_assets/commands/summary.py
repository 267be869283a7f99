"""What a run did: the summary (the `--json` object and the table at the end)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

from ..content.item import UrlChange, excerpt
from ..content.rotation import ROTATE
from ..content.spec import FieldSpec, TypeSpec
from ..errors import ExitCode
from ..features.heard import Heards
from ..making.report import Failure
from ..planning.dead import DeadUrl, UnfetchedUrl, unfetched_advice
from ..planning.plan import STEPS, Clip, TypeCounts
from ..planning.prepare import Prepared
from ..planning.recipes import Stretched
from ..readings.form import NOTED
from ..readings.saying import ReadingNote
from ..tables import count_of
from ..writeback.update import FileWriteBack
from .report import FieldsJson, plain

Tone = Literal["plain", "warning", "failure"]
PREVIEW_CLIPS = 10
"""Planned clips the dry-run report shows."""
KEPT_SHOWN = 20
"""The entries of each list the report shows by name (`--json` lists every one)."""


class Line(NamedTuple):
    """One line of the report under the table: a warning is worth a look (a reading, a
    kept URL); a failure cost a clip."""

    text: str
    tone: Tone = "plain"


class CountsTable(NamedTuple):
    title: str
    columns: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class RefusedText(FieldsJson):
    """A text refused (by the language gate, or too long to be made): no clip, by design."""

    place: str
    text: str
    reason: str


@dataclass
class Summary:
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
    replacing: list[UrlChange] = field(default_factory=list)
    """URLs tts-assets made for another clip that write-back replaces."""
    kept: list[UrlChange] = field(default_factory=list)
    """A person's URLs where a clip's URL would go (`replace_hand_set_urls`)."""
    dead: list[DeadUrl] = field(default_factory=list)
    """A person's URLs under the URL prefix that name no file, left in place by this run:
    texts without audio, which verify calls dead (exit 1, as verify's)."""
    unfetched: list[UnfetchedUrl] = field(default_factory=list)
    """A dry run's clip files that are Git LFS pointers (the tool's own and a person's):
    the run would stop before making anything, so the dry run exits 2 as it would."""
    readings: Iterable[ReadingNote] = field(default_factory=list)
    """Verdicts on the new clips' readings a teacher should see (a course's on disk)."""
    clips: Iterable[dict[str, object]] = ()
    """A dry run's planned clips (made only when `as_json` is)."""
    not_written: list[str] = field(default_factory=list)
    """Content files write-back left alone (changed, deleted, moved, hard-linked), one line
    each: the run exits 1, and the next run writes their URLs."""
    dry_run: bool = False
    billable_characters: int = 0
    planned: list[tuple[str, str]] = field(default_factory=list)
    """First planned clips (text, path), for the dry-run report."""
    notes: list[str] = field(default_factory=list)
    shard: str | None = None
    """`K/N` for a shard's run (`--shard`)."""
    other_shards: int = 0
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
        title = "dry run: nothing written" if self.dry_run else "summary"
        ran = ("generated", "failed")  # the columns, in `TypeCounts`' order
        names = [n for n in vars(TypeCounts()) if not (self.dry_run and n in ran)]
        rows = [
            [name, *(str(vars(c)[n]) for n in names)] for name, c in sorted(self.counts.items())
        ]
        return CountsTable(title, ["type", *names], rows)

    def lines(self) -> list[Line]:
        """The report under the table: notes and what is wrong, then what the run did."""
        found = [Line(f"note: {note}") for note in self.notes]
        if self.skipped:  # one note on the text places that hold nothing yet: not failed
            first, more = self.skipped[0][0], len(self.skipped) - 1
            found.append(
                Line(
                    f"note: {more + 1} text place(s) hold no text yet ({first}"
                    f"{f' and {more} more' if more else ''}): skipped, no clip until they "
                    "are written (--json lists them under skipped)"
                )
            )
        found += _readings_lines(self.readings)
        dead = {d.place for d in self.dead} | {u.place for u in self.unfetched}
        # A person's URLs kept where a clip's would go (those with no file are dead instead),
        # those that lead to no file (texts without audio, as verify calls them), and the
        # clip files that are Git LFS pointers (what fetches them, then the first few).
        said = "(not a URL tts-assets made; --replace-hand-set-urls replaces it)"
        kept = [f"{k.place}: {k.old} {said}" for k in self.kept if k.place not in dead]
        found += _listed("kept", "plain", kept, " URL(s) set by hand")
        found += _listed(
            "dead", "failure", [d.line() for d in self.dead], " URL(s) lead to no file"
        )
        if self.unfetched:
            found.append(Line(f"unfetched: {unfetched_advice(self.unfetched)}", "failure"))
        found += _listed("unfetched", "failure", [u.line() for u in self.unfetched], "")
        # Not voiced, by design: a clip in the wrong language is worse than none.
        found += [Line(f"refused: {r.place}: {r.reason}", "failure") for r in self.refused]
        if self.shard is not None:
            mine, others = sum(c.new for c in self.counts.values()), self.other_shards
            found.append(
                Line(
                    f"shard {self.shard}: {mine} of the {mine + others} missing clips are this "
                    f"shard's (the other shards make {others}); no JSON is written: join the "
                    "shard folders with tts-assets merge, then run tts-assets generate"
                )
            )
        failed = "would fail" if self.dry_run else "failed"
        found += [
            Line(f"{failed}: {', '.join(f.places)}: {f.reason}", "failure") for f in self.failures
        ]
        found += self._dry_run_lines() if self.dry_run else self._run_lines()
        return found

    def _dry_run_lines(self) -> list[Line]:
        found = []
        if self.planned:
            found.append(Line("first planned clips:"))
            found += [Line(f"  {text} → {path}") for text, path in self.planned]
        found.append(Line(f"characters a paid provider would bill: {self.billable_characters}"))
        return found

    def _run_lines(self) -> list[Line]:
        found = [Line(f"stopped: {self.fatal}", "failure")] if self.fatal else []
        told = {d.place for d in self.dead}
        found += [Line(f"note: {n}", "warning") for f in self.write_back for n in f.lines(told)]
        found += [Line(f"not written: {line}", "failure") for line in self.not_written]
        if self.listening is not None:  # what the listening check flagged, then heard
            heard = self.listening
            found += [Line(f"heard: {h.place}: {h.message()}", "warning") for h in heard.flagged]
            found += [Line(line) for line in heard.lines()]
        if self.interrupted:
            found.append(Line("interrupted: finished clips were kept and written back", "warning"))
        found.append(
            Line(
                f"{self.generated} generated in {self.seconds:.1f} s "
                f"({self.per_minute:.0f} clips/min, {count_of(self.workers, 'worker')}); "
                f"{len(self.written)} JSON file(s) updated"
            )
        )
        return found

    def as_json(self) -> dict[str, object]:
        def named(*names: str) -> dict[str, object]:
            return {name: plain(getattr(self, name)) for name in names}

        return {
            "ok": self.exit_code == 0,
            "exit_code": self.exit_code,
            "dry_run": self.dry_run,
            "types": {name: vars(c) for name, c in sorted(self.counts.items())},
            **named("generated", "present"),
            "failed": len(self.failures),
            "failures": [
                {"places": f.places, "text": f.text, "reason": f.reason} for f in self.failures
            ],
            "skipped": [{"place": p, "reason": r} for p, r in self.skipped],
            "refused": plain(self.refused),
            "seconds": round(self.seconds, 3),
            "clips_per_minute": round(self.per_minute, 1),
            **named("workers", "interrupted", "fatal", "written", "write_back", "not_written"),
            "readings": Streamed(lambda: (r.as_json() for r in self.readings)),
            "clips": Streamed(lambda: iter(self.clips)),
            **named("replacing", "kept", "dead", "unfetched", "billable_characters", "notes"),
            **named("shard", "other_shards", "listening"),
        }


@dataclass
class LoadNotes:
    """What a course's load noted, each note once, and its hint (`Prepared.hint`)."""

    notes: list[str] = field(default_factory=list)
    hint: str | None = None
    any_present: bool = False

    def add(self, prepared: Prepared) -> None:
        self.notes += [
            n for n in prepared.loaded.notes if n != prepared.hint and n not in self.notes
        ]
        self.hint = self.hint or prepared.hint
        self.any_present = self.any_present or bool(prepared.plan.present)

    def said(self, damage: list[str]) -> list[str]:
        """The notes, those of the store's `damage` after the others, then the hint."""
        hint = [self.hint] if self.hint is not None and not self.any_present else []
        return [*(n for n in self.notes if n not in damage), *damage, *hint]


class Streamed(list[Any]):
    """A list whose items are made each time it is read (`Summary.clips`, on disk for a
    course of any size): json's encoder writes a list by iterating it, never holding it."""

    def __init__(self, items: Callable[[], Iterator[Any]]) -> None:
        super().__init__()
        self._items = items

    def __iter__(self) -> Iterator[Any]:
        return self._items()

    def __len__(self) -> int:
        return sum(1 for _ in self._items())

    def __bool__(self) -> bool:
        return next(self._items(), _NONE) is not _NONE

    def __eq__(self, other: object) -> bool:
        return list(self._items()) == other

    def __repr__(self) -> str:
        return repr(list(self._items()))


_NONE = object()


def _readings_lines(readings: Iterable[ReadingNote]) -> list[Line]:
    """The first readings to see, then the rest counted; read once (they may be on disk)."""
    found: list[Line] = []
    more: Counter[str] = Counter()
    noted: Counter[str] = Counter()
    for r in readings:
        if r.verdict in NOTED:
            noted[r.verdict] += 1
        elif len(found) < KEPT_SHOWN:
            found.append(Line(f"reading: {r.line()}", "warning"))
        else:
            more[r.verdict] += 1
    if more:  # only the clips a run makes get one: a rerun that makes nothing has none
        kinds = ", ".join(f"{n} {verdict}" for verdict, n in sorted(more.items()))
        found.append(
            Line(
                f"reading: {more.total()} more on the clips to make ({kinds}); "
                "tts-assets readings lists them all (--json here too)",
                "warning",
            )
        )
    if noted:
        kinds = ", ".join(f"{n} {verdict} ({NOTED[verdict]})" for verdict, n in noted.items())
        found.append(Line(f"reading: noted, {kinds}; tts-assets readings lists them"))
    return found


def _listed(tag: str, tone: Tone, texts: list[str], what: str) -> list[Line]:
    """The first `KEPT_SHOWN` of `texts`, then how many more, if any."""
    found = [Line(f"{tag}: {text}", tone) for text in texts[:KEPT_SHOWN]]
    left = len(texts) - KEPT_SHOWN
    return [*found, Line(f"{tag}: {left} more{what} (--json lists them)")] if left > 0 else found


def refused_texts(prepared: Prepared) -> list[tuple[int, RefusedText]]:
    """The texts `prepared` refused, each with the step of planning that refused it."""
    found = [
        (prepared.plan.step_of(r), RefusedText(r.item.where, r.item.text, r.verdict.reason))
        for r in prepared.refused
    ]
    skipped = prepared.loaded.skipped
    return found + [
        (len(STEPS), RefusedText(s.where, excerpt(s.text, 60), s.reason))
        for s in skipped
        if s.refused
    ]


Rotating = dict[tuple[str, str], FieldSpec]
"""The fields of a list of voices (no twin's), by (type, field)."""


def rotating_fields(types: Iterable[TypeSpec]) -> Rotating:
    return {
        (spec.name, f.name): f for spec in types for f in spec.fields if f.voices and not f.is_twin
    }


def rotation_counts(prepared: Prepared) -> dict[tuple[str, str], Counter[str]]:
    """How many texts of each field of a list of voices each voice says."""
    listed = rotating_fields(prepared.types)
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
    """The notes on the voices of each field of `listed` that has a text here."""
    found = []
    for at, f in listed.items():
        counted = shares.get(at, Counter())
        if not counted.total():
            continue
        told = ", ".join(f"{voice} {counted[voice]}" for voice in f.voices) + " text(s)"
        if f.voice_mode == ROTATE:
            told += ", one voice per entry by its id (else its first text), on every run"
            found.append(f"voices in rotation: {at[0]}.{at[1]}: {told}")
            continue
        voices_url = f.selector("voices_url")
        place = voices_url.source if voices_url else "its list place"
        told += (
            ", every text in every voice (the first voice's at its URL, each voice's in its "
            f"list at {place})"
        )
        found.append(f"voices each: {at[0]}.{at[1]}: {told}")
    return found


def clip_json(clip: Clip, path: str) -> dict[str, object]:
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


def planned_preview(clip: Clip) -> str:
    recipe = clip.recipe
    made = f" ({recipe.tempo:g}×, stretched from its clip)" if isinstance(recipe, Stretched) else ""
    return excerpt(clip.spoken, 60) + made
