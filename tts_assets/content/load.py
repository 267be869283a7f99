"""Loading: every spoken text of the selected content types, as Items in file order.

Each file is read once (`Document`, reused by write-back) and walked entry by entry,
field by field, with the type's precompiled path expressions.

What stops the run (InputError: a mistake in the file's structure, which would otherwise
cost audio in silence) and what skips one text (nothing to say, or a text no clip should
be made of: `skips`) is the list in docs/guarantees.md ("Broken or hostile input stops
before anything is written"). Nothing is recorded where there is no place for a text at
all (an absent or null container, an empty list, an index past the end). A file whose
entries no type of the run selects gets a note saying so (`where.unselected_note`).

A URL or word timings at a place of a loaded field where no text is spoken (emptied,
removed, a shorter list) is a `Leftover`: write-back clears those
the tool made, verify reports them. A place the tool writes that holds the content's own
value (`places.Kind.accepts`), or that another owner writes too, stops the run (`_claim`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..languages import Lang, resolved
from .document import Document, read_document
from .item import (
    Item,
    JsonPath,
    Twin,
    describe_path,
    found_item,
    stated,
    timing_places,
    value_at,
)
from .joins import HeldPlace, Joins, matches_in
from .lang_spans import Cut, Unsaid, cut_spans, marked, spanned, without_notes
from .places import PLACE_KEYS, TIMINGS, Kind, Owner, timings_like
from .rotation import EACH, by_text, entry_id, turn
from .selector import MISSING, Match, Selector, ShapeError, kind_of
from .skips import MISSING_KEY, NULL, Skip, unsaid
from .spec import FieldSpec, TypeSpec
from .tempi import SLOW_TWIN, retired
from .text import clean
from .where import Unselected, absent, selects

READ_PER_CHARACTER = 8
"""The most characters a reading spends on one character of its text: a pinyin syllable
with its tone and a space (`zhuāng `), a kanji's longest kana (`うけたまわ`). A longer
reading (and a little more) is no reading of its text, and costs memory for each character."""


@dataclass(frozen=True)
class Leftover:
    """A URL or word timings whose text is gone: no text is spoken where the place it sits
    at belongs (emptied, removed, a shorter list)."""

    type_name: str
    """The content type whose field reads this place."""
    file: Path
    path: JsonPath
    """Where it is in the document."""
    field: str
    """The spec field whose place it is (its URL, `segments` or a slow clip's)."""
    value: Any
    """What the place holds: a URL (a string), or word timings (a list: the tool's, or a
    person's)."""

    @property
    def where(self) -> str:
        return describe_path(self.file, self.path)


@dataclass
class LoadResult:
    """The items of a run, the texts skipped, and each file read (for write-back)."""

    items: list[Item] = field(default_factory=list)
    """Every spoken text, in type order, then file order, then field order."""
    skipped: list[Skip] = field(default_factory=list)
    """Texts with nothing to say, in the same order."""
    documents: dict[Path, Document] = field(default_factory=dict)
    """Each file read, by the path Items name it with."""
    counts: dict[str, int] = field(default_factory=dict)
    """Items found per type (0 for a type whose file was skipped)."""
    notes: list[str] = field(default_factory=list)
    """Types skipped because their file is missing, in words for the report."""
    leftovers: list[Leftover] = field(default_factory=list)
    """URLs whose text is gone, in the same order as the items."""
    leftover_timings: list[Leftover] = field(default_factory=list)
    """Word timings whose text is gone, in the same order."""
    sequences: list[Item] = field(default_factory=list)
    """Drill sequences (`content.sequence`) and dialogues (`content.dialogue`), kind
    `sequence`: each joins the clips of texts among `items` (or `lines`); not texts to
    say, so not among them."""
    lines: list[Item] = field(default_factory=list)
    """The lines of the dialogues among `sequences` that have no URL place of their own:
    texts said (planned, made, billed) only for their dialogue's clip, never written back
    (their `url_path` is their text's place: `content.joins`)."""
    finished: list[Path] = field(default_factory=list)
    """The files every type reading them walked to their end here (a window's: in this
    window), in the order read: write-back writes each once its texts' clips are made."""
    takes: dict[int, int] = field(default_factory=dict)
    """Which take of its clip each text a review retook is (by the item's id): 0, the
    first, where it is not here (`planning.decisions.Retake`)."""

    def skip_counts(self, refused: bool = False) -> Counter[str]:
        """Texts skipped per type, the refused ones (too long to be made) or the others."""
        return Counter(s.type_name for s in self.skipped if s.refused == refused)

    def add_leftovers(self, places: Iterable[HeldPlace], owned: Container[JsonPath]) -> None:
        """The places of one file that no text claimed (`owned`): a URL's, a timings'."""
        for place in places:
            if place[2] not in owned:
                found = self.leftovers if isinstance(place[4], str) else self.leftover_timings
                found.append(Leftover(*place))

    def value_at_url(self, item: Item) -> Any:
        """What the JSON holds now where the item's URL goes (None if nothing)."""
        return self.documents[item.file].value_at(item.url_path)


def enumerate_at(root: JsonPath, entries: Iterable[Any]) -> Iterator[tuple[JsonPath, Any]]:
    """Each of `entries` with its place: its index under `root`."""
    return (((*root, i), entry) for i, entry in enumerate(entries))


class Walker:
    """Finds the items of one type in one document."""

    def __init__(
        self, spec: TypeSpec, doc: Document, result: LoadResult, owners: dict[JsonPath, str]
    ) -> None:
        self.spec = spec
        self.doc = doc
        self.result = result
        self.owners = owners
        self.held: list[HeldPlace] = []
        """Every URL place of these fields that holds a URL and was not claimed when it was
        found (its text's, found before it), and every `segments` place that holds timings,
        whether its text is there or not."""
        self.selected = 0
        """Entries the type's `where` selected (every entry, without one)."""
        self.unselected: Unselected | None = None
        """The file, when it has entries and the type's `where` selected none of them."""
        self.identity: str | None = None
        """What identifies the entry walked (`rotation.entry_id`, else its first text),
        which decides who says it where a field's voices rotate."""
        self.joins = (
            Joins(spec, doc.path, result, self._claim, self.held)
            if any(owners for _, owners in spec.joined())
            else None
        )
        """Its drills and dialogues, found entry by entry (`joins`)."""
        self._labels: dict[tuple[int, str], tuple[Owner, str, Kind]] = {}
        """By owner (its id) and place key: how a claim names it, and the kind of its
        place (worked out once, not once a claim)."""

    def run(self, fields: Sequence[FieldSpec]) -> Iterator[None]:
        """Find the items of each entry, pausing (yield) after each entry selected."""
        walked, lacking = 0, None
        for base, entry in self._entries():
            walked += 1
            if self.spec.where and not self._selects(entry, base):
                if not self.selected:  # what every entry lacks, if none is selected
                    here = set(absent(self.spec.where, entry))
                    lacking = here if lacking is None else lacking & here
                continue
            self.selected += 1
            self.identity = entry_id(entry)
            before = len(self.result.items)
            # What each field found, by its [] binding, only where drills are strung of it.
            found: dict[tuple[str, tuple[int, ...]], Item | None] | None = (
                {} if self.joins is not None and self.joins.strung else None
            )
            for f in fields:
                for match in self._choose(f, entry, base):
                    count = len(self.result.items)
                    self._add(f, entry, base, match)
                    if found is not None:
                        added = len(self.result.items) > count
                        found[f.name, match.binds] = self.result.items[count] if added else None
                self._find_urls(f, entry, base)
            if self.joins is not None:
                self.joins.walk(entry, base, fields, found)
            counts = self.result.counts  # counted before a window may take the items
            counts[self.spec.name] = counts.get(self.spec.name, 0) + len(self.result.items) - before
            yield
        if walked and not self.selected:
            keys = tuple(c.key for c in self.spec.where if c.key in (lacking or ()))
            self.unselected = Unselected(self.doc.path, walked, keys)

    def _find_urls(self, f: FieldSpec, entry: Any, base: JsonPath) -> None:
        for m in f.url_selector.found(entry):  # a text's URL place is checked in _add
            # A place claimed stays claimed: only the others may be left over (`finish`).
            if isinstance(m.value, str) and m.value and (path := base + m.path) not in self.owners:
                self.held.append((self.spec.name, self.doc.path, path, f.name, m.value))
        self._dropped_voices(f, entry, base)
        if f.selector("slow_url") is not None and not f.is_twin:
            self._find_retired(f, entry, base)
        segments = f.selector("segments")
        if segments is None:
            return
        for m in segments.found(entry):  # a text's timings place is checked in _add
            if m.value is MISSING or m.value is None:
                continue
            if not timings_like(m.value):
                self._not_its_kind(
                    f, "segments", segments.source, base + m.path, TIMINGS.holds, m.value
                )
            if m.value:
                self.held.append((self.spec.name, self.doc.path, base + m.path, f.name, m.value))

    def _dropped_voices(self, f: FieldSpec, entry: Any, base: JsonPath) -> None:
        """The URLs of voices dropped from the list of `f` (`each`): past its voices in its
        list place, where no voice twin writes, so they are leftovers (cleared)."""
        voices_url = f.selector("voices_url")
        if voices_url is None:
            return
        for m in voices_url.found(entry):  # its voices' places are checked in _add
            if not isinstance(m.value, list):
                continue
            for n in range(len(f.voices), len(m.value)):
                if isinstance(url := m.value[n], str) and url:
                    at = (*base, *m.path, n)
                    self.held.append((self.spec.name, self.doc.path, at, f.name, url))

    def _find_retired(self, f: FieldSpec, entry: Any, base: JsonPath) -> None:
        """The URLs and timings at the places of twins `f` has not (a tempo dropped from
        its ladder, or the ladder or number changed): left over (`Leftover`)."""
        where = (self.spec.name, self.doc.path)
        one = f"{f.name}{SLOW_TWIN}"  # its one tempo's twin scans its own places
        rungs = ("", *f.rungs) if any(g.name == one for g in self.spec.fields) else f.rungs
        for place, value in retired(f.selector("slow_url"), rungs, entry):
            if isinstance(value, str) and value:
                self.held.append((*where, base + place, f.name, value))
        for place, value in retired(f.selector("slow_segments"), rungs, entry):
            if isinstance(value, list) and value and timings_like(value):
                self.held.append((*where, base + place, f.name, value))

    def _entries(self) -> Iterable[tuple[JsonPath, Any]]:
        """Each entry of the file with its place: a list's items (at `root`), or the file's
        one object where it holds a text of the type (a course of a file per word)."""
        spec, doc = self.spec, self.doc
        if doc.entries is not None and not spec.root_path:
            return enumerate_at((), doc.entries)  # a top-level list, parsed as it is walked
        value = doc.data
        for n, key in enumerate(spec.root_path):
            if not isinstance(value, dict) or key not in value:
                raise InputError(
                    f'{describe_path(doc.path, spec.root_path[:n])}: no "{key}" key; '
                    f'the {spec.name} type reads its entries from "{spec.root}": '
                    "add it, or change the type's root"
                )
            value = value[key]
        if isinstance(value, list):
            return enumerate_at(spec.root_path, value)
        if isinstance(value, dict) and not spec.root_path and self._one_entry(value):
            return [((), value)]
        if spec.root_path:
            raise InputError(
                f"{describe_path(doc.path, spec.root_path)}: expected the list of entries, "
                f"found {kind_of(value)}; fix the file or the {spec.name} type's root"
            )
        if value is None:
            # Not an empty course: read as one, prune would call every clip of it unused.
            raise InputError(
                f"{doc.path}: holds null, not a list of entries; write [] for a file with no "
                "entries yet, or restore its entries"
            )
        hint = "KEY"
        if isinstance(value, dict):
            hint = next((k for k, v in value.items() if isinstance(v, list)), hint)
        raise InputError(
            f"{doc.path}: expected a list of entries at the top level, found {kind_of(value)}; "
            f'put the entries in a list, or set root = "{hint}" in [types.{spec.name}]'
        )

    def _one_entry(self, value: dict[str, Any]) -> bool:
        """Whether a file's top-level object is itself an entry: a field of the type finds
        a text in it (else it is a wrapper whose list the type's `root` names)."""
        for f in self.spec.fields:
            for selector in f.selectors:
                try:
                    found = selector.matches(value)
                except ShapeError:
                    return True  # the walk names what is wrong with its shape
                if any(isinstance(m.value, str) and m.value.strip() for m in found):
                    return True
        return False

    def _selects(self, entry: Any, base: JsonPath) -> bool:
        """Whether the entry is this type's (its `where`); InputError if it cannot tell."""
        try:
            return selects(self.spec.where, entry)
        except ShapeError as e:
            where = describe_path(self.doc.path, base + e.path)
            raise InputError(
                f"{where}: {e}; the {self.spec.name} type selects its entries by it "
                "(where): fix the entry"
            ) from None

    def _choose(self, f: FieldSpec, entry: Any, base: JsonPath) -> list[Match]:
        """The matches of a field; with alternatives, per `[]` binding the first non-empty."""
        if len(f.selectors) == 1:
            return matches_in(f.selectors[0], entry, self.doc.path, base)
        chosen: dict[tuple[int, ...], Match] = {}
        fallback: dict[tuple[int, ...], Match] = {}
        for n in range(len(f.selectors)):
            for m in matches_in(f.selectors[n], entry, self.doc.path, base):
                if m.binds in chosen:
                    continue
                if isinstance(m.value, str) and clean(m.value, f.kind):
                    chosen[m.binds] = m
                else:
                    fallback.setdefault(m.binds, m)
        return [chosen.get(b) or fallback[b] for b in sorted(chosen.keys() | fallback.keys())]

    def _add(self, f: FieldSpec, entry: Any, base: JsonPath, match: Match) -> None:
        """Add the text `match` found of field `f` as an item, or as a skip saying why not."""
        value, binds = match.value, match.binds
        text_path = base + match.path
        url_path = base + f.url_selector.place(binds)
        spoken, reason, left_out, context = self._said(f, entry, match, text_path)
        if self.identity is None and isinstance(value, str) and value.strip():
            self.identity = by_text(value)  # no id: its first text names it
        too_long = reason.startswith("text too long")
        # A reading that is no text, or a blank one (exported content's missing one), is none.
        held = None if reason else _beside(f.selector("reading"), entry, binds)
        reading = held if isinstance(held, str) and held.strip() else None
        if reading is not None:
            problem = self._reading_problem(f, base, binds, spoken, reading)
            if problem:
                reason, too_long = problem, True
        cut: Cut | Unsaid | None = None  # a text with spans in other languages (`lang_spans`)
        if not reason and marked(spoken, f.kind, f.lang_mark):
            said = reading, _accent_at(f, entry, binds)
            cut = cut_spans(spoken, f, describe_path(self.doc.path, text_path), said)
            if isinstance(cut, Unsaid):
                reason, too_long = cut.reason, cut.refused
        if reason:
            where = (self.spec.name, self.doc.path, text_path, f.name)
            self.result.skipped.append(Skip(*where, reason, url_path, spoken, too_long))
            return
        self._claim(f, "url", f.url_selector, entry, base, binds)
        segments_path = self._claim(f, "segments", f.selector("segments"), entry, base, binds)
        duration_path = self._claim(f, "duration", f.selector("duration"), entry, base, binds)
        item = found_item(
            type_name=self.spec.name,
            file=self.doc.path,
            text_path=text_path,
            text=value,
            spoken=spoken,
            lang=resolved(f.lang),
            url_path=url_path,
            voice=self._voice(f),
            field=f.name,
            split=f.split,
            kind=f.kind,
            stated=stated(
                reading,
                _accent_at(f, entry, binds),
                _kanji_of(f, entry),
                left_out,
                context,
            ),
            timings=timing_places(segments_path, duration_path, f.segments_by),
            made_from=None if f.tempo == 1.0 else Twin(f.tempo),
        )
        self.result.items.append(
            spanned(item, cut, self._span_voice) if isinstance(cut, Cut) else item
        )

    def _voice(self, f: FieldSpec) -> str | None:
        """Who says the texts `f` finds in this entry: its voice; of its voices in rotation,
        the entry's (`rotation.turn`); with `each`, the first (`twins.voice_twins`)."""
        if not f.voices:
            return f.voice
        if f.voice_mode == EACH or self.identity is None:
            return f.voices[0]
        return turn(f.voices, self.identity)

    def _span_voice(self, lang: Lang) -> str | None:
        """Who says this entry's span in `lang`: the entry's voice of the language's
        rotation (as its fields of that language are); None: the language's voice."""
        given = dict(self.spec.rotations)
        voices = given.get(lang.code) or given.get(lang.base)
        if not voices or self.identity is None:
            return None
        return turn(voices, self.identity)

    def _said(
        self, f: FieldSpec, entry: Any, match: Match, text_path: JsonPath
    ) -> tuple[str, str, tuple[str, ...], str | None]:
        """(what the text `match` found is said as, why it is not said or "", the glosses
        left out of it, the sentence a cloze's gapped text stands for, or None);
        InputError for a value that is no text."""
        value = match.value
        if isinstance(value, str):  # cleaned, its cloze's blanks said, its glosses left out
            spoken = clean(value, f.kind)
            cloze, context = "", None
            if f.gap is not None and spoken:
                filled = f.twin == "filled"
                spoken, cloze, context = f.gap.said(entry, match.binds, spoken, f.kind, filled)
            spoken, left_out = without_notes(spoken, f.kind, resolved(f.lang), f.lang_mark)
            return spoken, unsaid(spoken, cloze, f.split), left_out, context
        if value is None:
            return "", NULL, (), None
        if value is MISSING:
            return "", MISSING_KEY, (), None
        raise InputError(
            f"{describe_path(self.doc.path, text_path)}: expected a text (a string), "
            f"found {kind_of(value)}; fix the entry"
        )

    def _reading_problem(
        self, f: FieldSpec, base: JsonPath, binds: tuple[int, ...], spoken: str, reading: str
    ) -> str:
        """Why `reading` cannot be the reading of `spoken` (too long for it), else ""."""
        if len(reading) <= (limit := READ_PER_CHARACTER * (len(spoken) + 2)):
            return ""
        place = f.selector("reading")
        assert place is not None  # a reading was found through it
        where = describe_path(self.doc.path, base + place.place(binds))
        said = f"{len(spoken):,} character{'s' if len(spoken) > 1 else ''}"
        return (
            f"reading too long ({len(reading):,} characters at {where}; a text of {said} "
            f"is read in at most {limit:,}): fix the reading"
        )

    def _claim(
        self,
        owner: Owner,
        key: str,
        selector: Selector | None,
        entry: Any,
        base: JsonPath,
        binds: tuple[int, ...],
    ) -> JsonPath | None:
        """The place `key` of `owner` names for the text matched with `binds` (None: it
        names none), checked writable and claimed: InputError where another owner has it."""
        if selector is None:
            return None
        rel = selector.place(binds)
        path = base + rel
        label = self._labels.get((id(owner), key))
        if label is None or label[0] is not owner:
            named = f"{self.spec.name}.{owner.name} {owner.table}'s {key}"
            label = self._labels[id(owner), key] = (owner, named, PLACE_KEYS[owner.table, key].kind)
        _, named, kind = label
        # the place can be written: every value on its way is null, absent or a container,
        # and the value there is one its kind's writer may write over
        # (`places.Kind.accepts`): never the content's own (a text, an id, an object, a
        # number where a URL goes)
        n, value = None, entry  # where the way ends early (null, absent, past the end): None
        for at, step in enumerate(rel):
            if value is None:
                break
            if isinstance(step, str) and isinstance(value, dict):
                value = value.get(step)
            elif isinstance(step, int) and isinstance(value, list):
                value = value[step] if step < len(value) else None
            else:
                n = at  # the value at rel[:n] is not the container step rel[n] needs
                break
        if n is not None:
            held = "an object" if isinstance(rel[n], str) else "a list"  # what rel[n] leads into
            self._not_its_kind(owner, key, selector.source, base + rel[:n], held, value)
        elif value is not MISSING and not kind.accepts(value):
            self._not_its_kind(owner, key, selector.source, path, kind.holds, value)
        previous = self.owners.setdefault(path, named)
        if previous is not named and previous != named:
            raise InputError(
                f"{describe_path(self.doc.path, path)}: both the {previous} and the {named} "
                f"write here; give the {owner.table}'s {key} a place of its own"
            )
        return path

    def _not_its_kind(
        self,
        owner: Owner,
        key: str,
        source: str,
        path: JsonPath,
        want: str,
        found: Any,
    ) -> None:
        held = "a list of other things" if isinstance(found, list) else kind_of(found)
        if isinstance(owner, FieldSpec) and owner.twin == "voice":
            key = "voices_url"  # a voice's URL is in its field's list: that is the key
        what = PLACE_KEYS[owner.table, key].what
        raise InputError(
            f"{describe_path(self.doc.path, path)}: holds {held}, not {want}, where the "
            f'{self.spec.name}.{owner.name} {owner.table} writes {what} ("{source}"); fix the '
            f"entry (null lets the tool write there), or if the value is the content's own, "
            f"give the {owner.table}'s {key} a place of its own"
        )


ACCENT_CHARS = 400
"""The longest accent read as written: longer, it is no accent of a text (reported)."""


def _accent_at(f: FieldSpec, entry: Any, binds: tuple[int, ...]) -> str | None:
    """The accent the field names for the text matched with `binds`, as written (a
    number as its digits; anything else that is not a string as its JSON, which the
    readings report as no accent); None: there is none (absent, null, empty)."""
    value = _beside(f.selector("accent"), entry, binds)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value if len(value) <= ACCENT_CHARS else value[:ACCENT_CHARS] + "…"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    shown = json.dumps(value, ensure_ascii=False, default=str)
    return shown if len(shown) <= 40 else shown[:39] + "…"


KANJI_CHARS = 4
"""The longest kanji a bare reading is taken to be of (a field naming a longer text names
no kanji)."""


def _kanji_of(f: FieldSpec, entry: Any) -> str | None:
    """The kanji the entry's bare readings are of (the first of the field's `kanji`
    alternatives that holds a short text), or None."""
    for selector in f.compiled["kanji"]:
        value = _beside(selector, entry, ())
        if isinstance(value, str) and 0 < len(value.strip()) <= KANJI_CHARS:
            return value.strip()
    return None


def _beside(selector: Selector | None, entry: Any, binds: tuple[int, ...]) -> Any:
    """The value a place beside a text holds (`selector` placed with its `binds`); None
    where there is none."""
    if selector is None:
        return None
    return value_at(entry, selector.place(binds))


def read_parsed(path: Path) -> Document:
    """`read_document` of `path`, its text let go once parsed: for a load whose files are
    not written back (a large course's text would be held beside its parsed entries)."""
    return replace(read_document(path), text="")
