"""A course's texts loaded a window at a time: memory bounded by a window of entries.

A course is loaded in windows of about `WINDOW_TEXTS` texts, whole entries each, in the
order the files' types list them (type by type, file by file, entry by entry). Each
window's `LoadResult` holds its own items, skips and drills, the documents its items are
in, the notes found in it, and the leftovers of the files whose every reader finished in
it. A file that one type reads is parsed an entry at a time and let go of as it is walked
(`content.stream`); another is parsed once and kept until every type that reads it has
walked it. Read the windows one after another: the loader moves on when the next one is
asked for. Write-back writes each file once its last window is made
(`LoadResult.finished`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..store.files import special_file
from .builtins import EXTRAS
from .document import Document
from .item import JsonPath
from .joins import HeldPlace
from .load import LoadResult, Walker, read_parsed
from .shared import check_shared_files
from .spec import TypeSpec
from .stream import Entries, open_stream
from .where import Unselected, unselected_note

WINDOW_TEXTS = 5_000
"""Texts a window holds (whole entries: a little more): a smaller window lowers the peak a
little and asks the course's index more (`benchmarks/scale.py`). Tests give it fewer to
plan a small course in many windows."""


def load_windows(
    data_dir: Path, types: Sequence[TypeSpec], texts: int | None = None
) -> Iterator[tuple[LoadResult, bool]]:
    """The texts of `types` under `data_dir`, a window of about `texts` at a time (module
    docstring), each with whether it is the last; InputError naming the file and place,
    when the walk reaches the mistake."""
    if not data_dir.is_dir():
        raise InputError(f"{data_dir}: data folder not found; create it or pass --data-dir")
    readers: dict[Path, list[TypeSpec]] = {}
    for spec in types:
        for path in spec.locations(data_dir):
            readers.setdefault(path, []).append(spec)
    loading = _Loading(readers, texts or WINDOW_TEXTS)
    for spec in types:
        loading.result.counts[spec.name] = 0
        paths = spec.locations(data_dir)
        if not paths and not spec.optional:
            raise InputError(
                f"{spec.location(data_dir)}: no file matches; the {spec.name} type needs one: "
                f"create it, fix the pattern, or switch the type off ([types.{spec.name}] "
                "enabled = false)"
            )
        if not paths:
            note = f"{spec.location(data_dir)}: no file matches; the {spec.name} type was skipped"
            loading.result.notes.append(note)
        for path in paths:
            doc = loading.open(spec, path)
            if doc is None:
                continue
            for _ in loading.walking(spec, doc):
                yield loading.take(), False
            if loading.full():
                yield loading.take(), False  # a window that ends with a file holds its end
    loading.finish()
    yield loading.take(), True


def load_document(doc: Document, types: Sequence[TypeSpec]) -> LoadResult:
    """The items of one file already read, by the `types` that read it, as the course's
    windows find them: write-back's, of the file as it is when it writes."""
    loading = _Loading({doc.path: list(types)}, None)
    loading.result.documents[doc.path] = doc
    for spec in types:
        for _ in loading.walking(spec, doc):
            pass
    return loading.finish()


def entry_by_entry(doc: Document, spec: TypeSpec) -> Iterator[LoadResult]:
    """`load_document` of a file that `spec` alone reads as a stream (`content.stream`), an
    entry at a time: after each entry it selects (the last one with the file's end), that
    entry's items, drills and dialogues, and the URLs and timings whose text is gone (every
    place of an entry is under it)."""
    loading = _Loading({doc.path: [spec]}, 0)
    loading.result.documents[doc.path] = doc
    for _ in loading.walking(spec, doc):
        yield loading.take()
    yield loading.take()


class _Loading:
    """One load: the window found so far, which field owns each place of each file, and
    the types that read each file (each let go of once all of them walked it)."""

    def __init__(self, readers: dict[Path, list[TypeSpec]], texts: int | None) -> None:
        # the config checked the names it gives; a pattern and a name, or a `path` and a
        # `file`, may be one file
        check_shared_files(readers)
        self.readers = readers
        self.texts = texts
        """Texts that make a window (None: one window)."""
        self.result = LoadResult()
        self.owners: dict[Path, dict[JsonPath, str]] = {}
        self.held: list[HeldPlace] = []
        """Every URL place of the loaded fields that holds a URL and was not claimed when
        it was found (a place claimed stays claimed), and every `segments` place that holds
        timings."""
        self.selected: set[Path] = set()
        """The files of which some type selected an entry."""
        self.unselected: dict[str, tuple[TypeSpec, list[Unselected]]] = {}
        """By type: the files with entries of which its `where` selected none."""
        self.ended: set[Path] = set()
        """The files told finished so far (`LoadResult.finished`)."""
        self.walks: dict[Path, int] = {}
        """How many of its readers walked each file."""
        self.walker: Walker | None = None
        """The walk under way."""

    def full(self) -> bool:
        return self.texts is not None and len(self.result.items) >= self.texts

    def open(self, spec: TypeSpec, path: Path) -> Document | None:
        """The document at `path` that `spec` reads, read once (module docstring: its text
        let go); None, with a note, when an optional type skips it; InputError
        when the type needs it."""
        found, name = self.result, spec.name
        if (doc := found.documents.get(path)) is not None:
            return doc
        if not path.is_file():
            what = special_file(path)  # a named pipe would hang the read, a folder is no JSON
            if not spec.optional:
                if what is not None:
                    raise InputError(
                        f"{path} is {what}, not a file; the {name} type reads a JSON "
                        "file there: put the file in its place"
                    )
                raise InputError(
                    f"{path} not found; the {name} type needs it: create it or pass --data-dir"
                )
            if what is not None:
                found.notes.append(f"{path} is {what}, not a file; the {name} type was skipped")
            elif path.is_symlink():
                found.notes.append(
                    f"{path} is a symbolic link to nothing; the {name} type was skipped: "
                    "fix the link"
                )
            elif name not in EXTRAS:
                found.notes.append(f"{path} not found; the {name} type was skipped")
            return None
        alone = len(self.readers[path]) == 1
        doc = found.documents[path] = open_stream(path) if alone else read_parsed(path)
        if doc.entries is None and doc.data == []:  # a stream has entries (`content.stream`)
            found.notes.append(f"{path} holds no entries (an empty list): nothing to say")
        return doc

    def walking(self, spec: TypeSpec, doc: Document) -> Iterator[None]:
        """Walk `doc`'s entries as `spec` reads them, pausing once a window is full (a
        window full at the last entry of a stream ends once the file is, so that the file
        is finished in it)."""
        fields = [f for f in spec.fields if f.enabled]
        walker = self.walker = Walker(spec, doc, self.result, self.owners.setdefault(doc.path, {}))
        for _ in walker.run(fields):
            if self.full() and not getattr(doc.entries, "ended", False):
                yield
                if isinstance(doc.entries, Entries):
                    doc.entries.release()  # the window taken is planned
        self.held += walker.held
        if walker.selected:
            self.selected.add(doc.path)
        elif walker.unselected is not None:
            self.unselected.setdefault(spec.name, (spec, []))[1].append(walker.unselected)
        path = doc.path  # once every reader walked it: its leftovers, and finished here
        self.walks[path] = self.walks.get(path, 0) + 1
        if self.walks[path] < len(self.readers[path]):
            return
        self.result.finished.append(path)
        self.result.add_leftovers([p for p in self.held if p[1] == path], self.owners.pop(path, {}))
        self.held = [p for p in self.held if p[1] != path]
        self.ended.add(path)

    def finish(self) -> LoadResult:
        found = self.result
        for spec, files in self.unselected.values():
            # A file whose entries another type of the run selects is that type's.
            alone = [f for f in files if f.path not in self.selected]
            if alone:
                found.notes.append(unselected_note(spec.name, spec.where, alone))
        return found

    def take(self) -> LoadResult:
        """The window found so far; the loader goes on with empty lists, keeping the
        documents still being walked. A file one type reads gives the window the leftovers
        walked so far (every place of an entry is under it); another, once all walked it."""
        found, walker = self.result, self.walker
        if walker and walker.doc.path not in self.ended and len(self.readers[walker.doc.path]) == 1:
            found.add_leftovers(walker.held, walker.owners)
            walker.held.clear()
            walker.owners.clear()
        window = replace(found, documents=dict(found.documents), counts=dict(found.counts))
        found.items, found.skipped, found.notes, found.sequences = [], [], [], []
        found.lines, found.finished = [], []
        found.leftovers, found.leftover_timings = [], []
        found.documents = {p: d for p, d in found.documents.items() if p not in self.ended}
        return window
