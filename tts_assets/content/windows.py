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
from pathlib import Path

from ..errors import InputError
from .document import Document, opened
from .load import LoadResult, _Loading, _located, _shared_files, read_parsed
from .spec import TypeSpec
from .stream import Entries, open_stream

WINDOW_TEXTS = 5_000
"""Texts a window holds (whole entries: a little more): a smaller window lowers the peak a
little and asks the course's index more (`benchmarks/scale.py`). Tests give it fewer to
plan a small course in many windows."""


def load_windows(
    data_dir: Path,
    types: Sequence[TypeSpec],
    texts: int | None = None,
    *,
    include_disabled: bool = False,
) -> Iterator[tuple[LoadResult, bool]]:
    """The texts of `types` under `data_dir` a window of about
    `texts` texts at a time (default `WINDOW_TEXTS`; module docstring), each with
    whether it is the last (a course that fits in one window is one window, the whole
    load). Raises InputError naming the file and place, when the walk reaches the mistake."""
    loading = _Windowed(include_disabled, texts or WINDOW_TEXTS)
    for _ in loading.walk_all(data_dir, types):
        yield loading.take(), False
    loading.finish()
    yield loading.take(), True


class _Windowed(_Loading):
    """A load that pauses once a window's texts are found, and lets go of each file once
    every type reading it walked it."""

    def __init__(self, include_disabled: bool, texts: int) -> None:
        super().__init__(include_disabled)
        self.texts = texts
        self.full = lambda: len(self.result.items) >= self.texts
        self._readers: dict[Path, list[TypeSpec]] = {}
        """The types that read each file."""
        self._walks: dict[Path, int] = {}
        """How many of its readers walked each file."""

    def walk_all(self, data_dir: Path, types: Sequence[TypeSpec]) -> Iterator[None]:
        """Walk each file of `types` under `data_dir`, pausing once a window is full;
        InputError as `load_windows` raises it."""
        if not data_dir.is_dir():
            raise InputError(f"{data_dir}: data folder not found; create it or pass --data-dir")
        for spec in types:
            for path in spec.locations(data_dir):
                self._readers.setdefault(path, []).append(spec)
        _shared_files(self._readers)
        for spec in types:
            self.result.counts[spec.name] = 0
            for path in _located(spec, data_dir, self.result):
                doc = opened(path, spec.name, spec.optional, self.result, self.read)
                if doc is not None:
                    yield from self.walking(spec, doc)
                    self.walked(doc)
                    if self.full is not None and self.full():
                        yield  # a window that ends with a file holds its end

    def read(self, path: Path) -> Document:
        """Only the parsed entries are walked: a file that one type reads is read as a
        stream of entries, let go of as they are walked (`content.stream`); of another, the
        bytes and text are let go (write-back reads each file again as it writes it)."""
        if len(self._readers[path]) == 1:
            return open_stream(path)
        return read_parsed(path)

    def resumed(self, doc: Document) -> None:
        """The window taken is planned: the entries it was found in are let go."""
        if isinstance(doc.entries, Entries):
            doc.entries.release()

    def walked(self, doc: Document) -> None:
        """Once every reader walked `doc`: its leftovers into this window, what was kept of
        its places dropped, and the file finished in this window."""
        path = doc.path
        self._walks[path] = self._walks.get(path, 0) + 1
        if self._walks[path] < len(self._readers[path]):
            return
        self.result.finished.append(path)
        owners = self.owners.pop(path, {})
        mine = [u for u in self.url_places if u[1] == path]
        timed = [t for t in self.timing_places if t[1] == path]
        self.result.add_leftovers(mine, timed, lambda _: owners)
        self.url_places = [u for u in self.url_places if u[1] != path]
        self.timing_places = [t for t in self.timing_places if t[1] != path]
        self.owners[path] = {}  # the finish of the last window finds nothing left of it
        self.ended.add(path)

    def take(self) -> LoadResult:
        """The window found so far; the loader goes on with empty lists, keeping the
        documents still being walked."""
        self._leftovers_so_far()
        found = self.result
        window = LoadResult(
            items=found.items,
            skipped=found.skipped,
            documents=dict(found.documents),
            counts=dict(found.counts),
            notes=found.notes,
            leftovers=found.leftovers,
            leftover_timings=found.leftover_timings,
            sequences=found.sequences,
            lines=found.lines,
            finished=found.finished,
        )
        found.items, found.skipped, found.notes, found.sequences = [], [], [], []
        found.lines, found.finished = [], []
        found.leftovers, found.leftover_timings = [], []
        found.documents = {p: d for p, d in found.documents.items() if p not in self.ended}
        return window

    def _leftovers_so_far(self) -> None:
        """The leftovers of the entries walked so far of a file that one type reads: every
        place of an entry is under it, so each window's are known as it is taken, and
        what was kept of them dropped (a file that several types read keeps them until
        the last has walked it)."""
        walker = self.walker
        if (
            walker
            and walker.doc.path not in self.ended
            and len(self._readers[walker.doc.path]) == 1
        ):
            walker.left_over(self.result)
