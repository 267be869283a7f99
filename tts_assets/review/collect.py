"""Rows from what a run leaves today: the plan says which clip serves which texts and how
each is said as a run decides it now, the manifest what each clip is, the review decisions
what was accepted.

This is the thin bridge between the run and the page, and the only module here that
knows how a run sees the content (`prepare`); it reads, never writes. A run records each
clip's measures in its manifest entry (finishing.py), so a page is made without opening
the audio; entries from before that are decoded and measured, on a thread pool as wide
as the machine (`benchmarks/review_page.py`).
"""

from __future__ import annotations

import hashlib
import os
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..audio.measure import ClipMeasures, measure_clip
from ..content.item import Item, JsonPath, describe_path
from ..content.skips import Skip
from ..errors import AudioInvalid, InputError
from ..features.registry import having
from ..features.shown import Page
from ..languages import resolved
from ..making.report import Failure
from ..planning.course import Prepared
from ..planning.dead import DeadUrl, UnfetchedUrl, dead_urls, unfetched_urls
from ..planning.decisions import read_decisions
from ..planning.plan import Clip
from ..planning.speaking import say_again
from ..store.failed import read_failed
from ..store.manifest import Store, StoredClip
from .flags import assess
from .row import ReadingCheck, ReadingStatus, Row

REGENERATE = "run tts-assets generate"
RETRY = "run tts-assets generate to try again"
REFUSED_TEXT_CHARS = 300
"""How much of a text refused a clip the page shows."""


def collect_rows(
    prepared: Prepared, *, page_dir: Path, failures: Sequence[Failure] = ()
) -> list[Row]:
    """One assessed row per clip the prepared content needs, and per text refused a clip,
    by type, file, entry and field; URLs relative to `page_dir`; `failures` (a run's) give
    their clips' rows the reason. Loads no model and writes nothing."""
    ranked = [
        *_clip_rows(prepared, page_dir, failures),
        *_dead_rows(prepared),
        *_refused_rows(prepared),
    ]
    rank = _rank(prepared.loaded.items)
    ranked.sort(key=lambda pair: rank(pair[0]))  # stable: a place's rows keep their order
    return assess((row for _, row in ranked), target_lufs=prepared.settings.audio.target_lufs)


_Place = tuple[str, Path, str, JsonPath]
"""A row's text's type, file, field and path in its file: what ranks the rows."""


def _place(text: Item | Skip) -> _Place:
    return text.type_name, text.file, text.field, text.text_path


def _rank(items: Sequence[Item]) -> Callable[[_Place], tuple[object, ...]]:
    """The rows' order: type, file, entry, then field. The loader walks field by field, a
    reviewer entry by entry (a kanji's readings and its examples together)."""
    fields: dict[tuple[str, str], int] = {}
    for item in items:
        fields.setdefault((item.type_name, item.field), len(fields))
    types = {name: n for n, name in enumerate(dict.fromkeys(i.type_name for i in items))}

    def key(place: _Place) -> tuple[object, ...]:
        type_name, file, field, path = place
        return (
            types.get(type_name, len(types)),
            str(file),
            _sortable(entry_path(path)),
            fields.get((type_name, field), len(fields)),
            _sortable(path),
        )

    return key


class _Made:
    """What the runs left of the clips the page shows: each one's manifest entry and
    measures, what it says decided now, the decisions taken on it, why a clip is not there."""

    def __init__(self, prepared: Prepared, failures: Sequence[Failure]) -> None:
        store = prepared.store
        # A drill's sequence is reviewed as a clip of its own, beside its parts.
        self.clips = prepared.plan.clips
        self.entries = {
            c.rel_path: e
            for c in self.clips
            if store.is_present(c.rel_path, c.key) and (e := store.get(c.rel_path)) is not None
        }
        self.measured = _measure_all(store, list(self.entries.values()))
        # What each clip the store holds says as a run decides it now, from the plan's
        # forms: its notes are today's, not those recorded when it was made (the content
        # key holds what is said, so a clip said otherwise now is another, not present).
        present = [c for c in self.clips if c.rel_path in self.entries]
        say_again(present, prepared.saying, prepared.voices)
        # The places whose URL plays a clip the tool made for what they said before.
        dead = {change.place for change in prepared.plan.dead}
        self.stale = {c.place for c in prepared.plan.replacing if c.place not in dead}
        self.decisions = read_decisions(prepared.settings.data_dir)
        # This run's failures by place (their reason, and whether trying again may help),
        # and what the runs before it recorded of the clips that failed, by content key.
        self.failed = {place: (f.reason, f.unsaid is None) for f in failures for place in f.places}
        self.recorded = read_failed(prepared.settings.out_dir)

    def missing(self, clip: Clip) -> str:
        """Why `clip` has no file: this run's failure, else what the runs before it recorded."""
        why = next((self.failed[i.where] for i in clip.items if i.where in self.failed), None)
        if why is None and clip.key in self.recorded:
            why = self.recorded[clip.key].reason, self.recorded[clip.key].again
        if why is None:
            if any(describe_path(i.file, i.url_path) in self.stale for i in clip.items):
                return f"stale: its URL plays an older clip, made before it changed; {REGENERATE}"
            return f"no clip yet: not made; {REGENERATE}"
        # A provider that cannot say the text (it switched language) fails it again:
        # its reason says what to change instead of "try again".
        reason, again = why
        return f"its synthesis failed: {reason}" + (f"; {RETRY}" if again else "")


def _clip_rows(
    prepared: Prepared, page_dir: Path, failures: Sequence[Failure]
) -> Iterator[tuple[_Place, Row]]:
    """A row per clip the content needs, its URL relative to `page_dir`."""
    made = _Made(prepared, failures)
    # The out dir seen from the page's folder, percent-encoded, "" or ending in "/".
    out_dir = Path(os.path.relpath(prepared.settings.out_dir.absolute(), page_dir.absolute()))
    base = "" if out_dir.as_posix() == "." else urllib.parse.quote(out_dir.as_posix()) + "/"
    rows = [
        (_place(clip.items[0]), _clip_row(clip, made, base + urllib.parse.quote(clip.rel_path)))
        for clip in made.clips
    ]
    shown = {row.clip: made.entries[row.clip] for _, row in rows if row.status == "clip"}
    facts: dict[str, dict[str, Any]] = {}
    for feature in having("shown"):
        for path, found in feature.shown(Page(made.clips, shown, made.entries)).items():
            facts.setdefault(path, {}).update(found)
    for place, row in rows:
        yield place, replace(row, **facts[row.clip]) if row.clip in facts else row


def _clip_row(clip: Clip, made: _Made, url: str) -> Row:
    """The row of a clip: what it says, then how it sounds, or why it is missing."""
    row = _said_row(
        clip,
        clip.items[0],
        # Two fields may speak one text (kanji `reading` is `onyomi[0]`): one place.
        tuple(dict.fromkeys(item.where for item in clip.items)),
        clip=clip.rel_path,
        url=url,
        pieces=len(clip.pieces),
        tempo=clip.tempo,
    )
    found = made.measured.get(clip.rel_path)  # measured: its entry is there
    if isinstance(found, ClipMeasures):
        entry = made.entries[clip.rel_path]
        accepted = made.decisions.is_accepted(clip.rel_path, entry.sha256)
        return said_today(row, clip, entry, measures=found, accepted=accepted)
    broken = f"{clip.rel_path}: {found}; run tts-assets verify --fix"
    return replace(row, status="missing", reason=made.missing(clip) if found is None else broken)


def _said_row(clip: Clip, item: Item, places: tuple[str, ...], /, **more: Any) -> Row:
    """The row of `clip` at `item`, its first place: what it says and who says it."""
    return Row(
        type=clip.type_name,
        entry=describe_path(item.file, entry_path(item.text_path)),
        places=places,
        text=item.text,
        lang=clip.lang,
        key=clip.key,
        spoken=clip.said,
        provider=clip.voice.provider,
        voice=clip.voice.voice,
        **more,
    )


def _dead_rows(prepared: Prepared) -> Iterator[tuple[_Place, Row]]:
    """A row per text whose person's URL plays nothing: it names no file, or a file that is
    a Git LFS pointer (a person's URL that leads to a file is theirs, not a row)."""
    # Dead as verify and generate call it: the text has no audio.
    lost: dict[str, DeadUrl | UnfetchedUrl] = {d.place: d for d in dead_urls(prepared)}
    lost |= {u.place: u for u in unfetched_urls(prepared)}
    for clip in [*prepared.plan.held, *prepared.plan.clips]:
        if clip.speech is None:
            continue  # a drill a person keeps is theirs (`dead.unfetched_urls`)
        for item in clip.held:
            url = lost.get(describe_path(item.file, item.url_path))
            if url is None:
                continue
            why = f"{'dead' if isinstance(url, DeadUrl) else 'not fetched'}: {url.line()}"
            yield _place(item), _said_row(clip, item, (item.where,), status="missing", reason=why)


def _refused_rows(prepared: Prepared) -> Iterator[tuple[_Place, Row]]:
    """A row per text refused a clip, by the loader or the language gate (an empty text is
    not something to review)."""
    loaded = prepared.loaded
    langs = {(t.name, f.name): f.lang for t in prepared.types for f in t.fields}
    refused = [(_place(s), s.where, s.reason) for s in loaded.skipped if not s.placeholder]
    refused += [(_place(i), i.where, r.verdict.reason) for r in prepared.refused if (i := r.item)]
    for place, where, reason in refused:
        type_name, file, field, text_path = place
        text = str(loaded.documents[file].value_at(text_path) or "")
        row = Row(
            type=type_name,
            entry=describe_path(file, entry_path(text_path)),
            places=(where,),
            # A text refused for its length would weigh more than the rest of the page.
            text=text if len(text) <= REFUSED_TEXT_CHARS else text[:REFUSED_TEXT_CHARS] + "…",
            lang=resolved(langs.get((type_name, field), "")),
            status="refused",
            reason=reason,
        )
        yield place, row


READING_VERDICTS: dict[str, ReadingStatus | None] = {
    "agree": "agreed",
    "disagree": "reading",
    "corrected": None,  # the voice's slip, mended by the content's pinyin: `readings` lists it
    "unusable": "reading-unusable",
    "doubt": "reading-doubt",
    "override": "override",
    "numbers": "numbers",
    "unchecked": None,
    "alike": None,  # a word the dictionaries read two ways, no rule: a line in `readings`
    "ruled": None,  # a built-in rule said a word as its sentence shows: a line in `readings`
}
"""The reading verdicts a run decides (`Spoken.verdict`), as the page names them.
`corrected` is a Japanese disagreement the dictionary settles too (the content's reading is
one the written form has, and was said): a line in `readings`, not a review row."""


def said_today(row: Row, clip: Clip, entry: StoredClip, **facts: Any) -> Row:
    """`row` with how its clip `entry` is said: its reading, verdict, note and risk as a run
    decides them now (`speaking.say_again`), and the words, phonemes and language its entry
    records (an entry from before a field existed keeps what the plan says); and `facts`."""
    speech = clip.speech
    said = None if speech is None else speech.said
    status = None if speech is None else READING_VERDICTS.get(str(speech.verdict))
    return replace(
        row,
        lang=resolved(entry.lang) if entry.lang else row.lang,
        reading=entry.reading if said is None else said.reading,
        spoken=entry.spoken or entry.text or row.spoken,
        phonemes=entry.phonemes or row.phonemes,
        reading_check=ReadingCheck(status, speech.note or "") if speech and status else None,
        risk=said.risk if said is not None and status not in (None, "agreed") else None,
        **facts,
    )


def page_id(out_dir: Path) -> str:
    """The id a page over `out_dir` keeps its review state under: one per out dir."""
    return hashlib.sha256(str(out_dir.resolve()).encode("utf-8")).hexdigest()[:16]


def entry_path(text_path: JsonPath) -> JsonPath:
    """The path of the entry a text belongs to: up to the entry's index in its list."""
    for index, step in enumerate(text_path):
        if isinstance(step, int):
            return text_path[: index + 1]
    return text_path


def _measure_all(store: Store, entries: Sequence[StoredClip]) -> dict[str, ClipMeasures | str]:
    """The measures of each clip, or why they cannot be had: recorded in its manifest
    entry, else decoded from its file (entries from before measures were recorded)."""
    found: dict[str, ClipMeasures | str] = {}
    unmeasured = []
    for entry in entries:
        try:  # none recorded (an entry from before they were) is no set of measures
            found[entry.path] = ClipMeasures.from_manifest(entry.measures, entry.path)
        except InputError:
            # A hand-edited entry's measures are only a copy of the file's: measure it.
            unmeasured.append(entry.path)
    if unmeasured:
        workers = min(len(unmeasured), os.cpu_count() or 1)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="review") as pool:
            decoded = pool.map(lambda rel: _measure(store, rel), unmeasured)
            found.update(zip(unmeasured, decoded, strict=True))
    return found


def _measure(store: Store, rel: str) -> ClipMeasures | str:
    """A present clip's measures, decoded from its file; or why they cannot be had."""
    data = store.read(rel)
    if isinstance(data, str):
        return f"cannot read the file ({data})"
    try:
        return measure_clip(data)
    except AudioInvalid as e:
        return str(e).partition(";")[0]


def _sortable(path: JsonPath) -> tuple[tuple[int, int | str], ...]:
    """A JSON path as a sort key: indexes in number order, keys in name order."""
    return tuple((0, step) if isinstance(step, int) else (1, step) for step in path)
