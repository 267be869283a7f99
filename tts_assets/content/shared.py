"""Types that share a file: no place one type writes may be a place another reads or writes.

Within one type the owners' places are checked when it is declared (`TypeSpec`); two types
of one file (and one root) are checked here, both ways, unless their `where` selections
rule each other out. A config is checked on the file names it gives (`check_url_places`,
whatever --type selects, so that it is refused before anything is written), and a load on
the files the names turn out to be (`check_shared_files`: a pattern and a name, a `path`
and a `file`, may be one file).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from pathlib import Path
from typing import Protocol

from ..errors import ConfigError, InputError
from .item import value_at
from .places import Owner, Place, blamed_first, may_overlap, meeting, unparse, where_places
from .selector import MISSING, Selector, ShapeError
from .where import Condition, complement, disjoint, selects


class Typed(Protocol):
    """What is asked of a type here (`spec.TypeSpec`)."""

    @property
    def name(self) -> str: ...
    @property
    def file(self) -> str: ...
    @property
    def path(self) -> Path | None: ...
    @property
    def root_path(self) -> tuple[str, ...]: ...
    @property
    def where(self) -> tuple[Condition, ...]: ...
    def owners(self) -> list[tuple[str, Owner]]: ...


def check_url_places(types: Iterable[Typed], source: str = "config") -> None:
    """Refuse two types that could write one place of one file, or a place the other reads
    (ConfigError), grouped by the file name each gives."""
    named = (
        (str(t.path) if t.path else posixpath.normpath(t.file.replace("\\", "/")), t) for t in types
    )
    _check_by_file(named, source)


def check_shared_files(readers: Mapping[Path, Sequence[Typed]]) -> None:
    """Refuse (InputError, naming the file) two types that read one content file found on
    disk (`readers`: each file and the types that read it) where one could write a place of
    the other's."""
    for path, specs in readers.items():
        try:
            _check_by_file(((path.name, t) for t in specs), str(path))
        except ConfigError as e:
            raise InputError(str(e)) from None


def _check_by_file(named: Iterable[tuple[str, Typed]], source: str) -> None:
    """`check_apart` of the types of each file (as named) and root."""
    by_file: dict[tuple[str, tuple[str, ...]], list[Typed]] = {}
    for file, t in named:
        by_file.setdefault((file, t.root_path), []).append(t)
    for (file, _), specs in by_file.items():
        check_apart(specs, file, source)


def check_apart(specs: Sequence[Typed], file: str, source: str) -> None:
    """Each pair of `specs` (types of one file and one root) kept apart, or ConfigError."""
    for a, b in combinations(specs, 2):
        if a is b or a.name == b.name or disjoint(a.where, b.where):
            continue
        clashes: list[tuple[int, str]] = []
        for first, second in ((a, b), (b, a)):
            writers, readers = first.owners(), second.owners()
            # Only the pairs `meeting` finds may clash: no place f writes is one of g's.
            for w, r in sorted(
                meeting([f for _, f in writers], [g for _, g in readers], second.where)
            ):
                (_, f), (at, g) = writers[w], readers[r]
                places = g.reads() + g.writes() + where_places(second.where)
                for mine in blamed_first(f):
                    for there in places:
                        if may_overlap(mine.selector, there.selector):
                            clashes.append(
                                _clash_line((a, b), first, f, mine, second, (at, g), there, file)
                            )
        if clashes:
            rank, line = min(clashes, key=lambda c: c[0])
            raise ConfigError(
                f"{source}: {line}; " + _separate(a, b, "url" if rank < 2 else "place")
            )


def _clash_line(
    pair: tuple[Typed, Typed],
    first: Typed,
    f: Owner,
    mine: Place,
    second: Typed,
    g_at: tuple[str, Owner],
    there: Place,
    file: str,
) -> tuple[int, str]:
    """(rank, words) of a place of type `first` that another type's place may be: a URL
    written over a text first (the worst), then two URLs, then a place the config gives
    (word timings, a slow clip's), then a default slow place, then the URL it would be."""
    at, g = g_at
    other = f"{second.name}.{g.name}"
    if mine.key == "url" and there.key == "text":
        return 0, (
            f'the {first.name} type writes its URL at "{f.url}" in {file}, where the '
            f'{second.name} type reads its text "{there.selector.source}" ({other})'
        )
    if mine.key == "url" and there.key == "url" and there.table != "type":
        (a, fa), (b, gb) = (
            ((first, f), (second, g)) if first is pair[0] else ((second, g), (first, f))
        )
        return 1, (
            f'the {a.name} and {b.name} types both write their URL at "{fa.url}" in '
            f"{file} ({a.name}.{fa.name}, {b.name}.{gb.name})"
        )
    verb = "writes" if there.writes else "reads"
    given = mine.key != "url" and f.gives(mine.key)
    there_key = "where" if there.table == "type" else f"{at}.{there.declared.config_key}"
    return 2 if given else 3 if mine.key != "url" else 4, (
        f"the {first.name} type writes {mine.what} ({first.name}.{f.name} "
        f'{mine.declared.config_key}) at "{mine.selector.source}" in {file}, where the '
        f'{second.name} type {verb} {there.what} "{there.selector.source}" ({other} '
        f"{there.key}, types.{second.name}.{there_key})"
    )


def _separate(a: Typed, b: Typed, place: str = "url") -> str:
    """How to keep two types of one file apart, in words."""
    for this, other in ((a, b), (b, a)):
        toml = complement(other.where)
        if toml:
            return (
                f"give {this.name} {toml} so it leaves out the {other.name} entries, "
                f"or give it another {place}"
            )
    return f"give one of them another {place}, or a where that leaves out the other's entries"


class ReadPlaces:
    """The places the types of one file read (texts, readings, accents, kanji, answers,
    `where` keys), asked by the writer before anything is written: a place the tool writes
    is never one that is read, nor inside or around one, whatever got past the checks
    before it (`writeback.update`)."""

    def __init__(self, types: Iterable[Typed]) -> None:
        self._by_first: dict[object, list[tuple[Typed, Owner | None, Place]]] = {}
        for t in types:
            for _, owner in t.owners():
                for place in owner.reads():
                    self._add(t, owner, place)
            for place in where_places(t.where):
                self._add(t, None, place)

    def _add(self, t: Typed, owner: Owner | None, place: Place) -> None:
        steps = place.selector.steps
        first = steps[0] if steps and isinstance(steps[0], str) else None
        self._by_first.setdefault(first, []).append((t, owner, place))

    def reader_of(self, data: object, path: tuple[str | int, ...]) -> str | None:
        """Who reads at, inside or around `path` of the document `data` (`the vocabulary
        type's field "word" reads its text "word"`), or None: the place is the writer's."""
        found = list(self._by_first.get(None, ()))  # those whose first key `path` holds
        found += [c for step in path if isinstance(step, str) for c in self._by_first.get(step, ())]
        for t, owner, place in found:
            root = t.root_path
            n = len(root)
            if path[:n] != root or len(path) <= n + 1 or not isinstance(path[n], int):
                continue
            rel = path[n + 1 :]
            if not may_overlap(Selector(unparse(rel), rel), place.selector):
                continue
            if t.where and not _selected(t, data, path[: n + 1]):
                continue
            who = "the type" if owner is None else f'{owner.table} "{owner.name}"'
            return f'the {t.name} type\'s {who} reads {place.what} "{place.selector.source}" there'
        return None


def _selected(t: Typed, data: object, entry_path: tuple[str | int, ...]) -> bool:
    entry = value_at(data, entry_path, MISSING)
    if entry is MISSING:
        return True  # no entry there yet: judged as selected, the safe way
    try:
        return selects(t.where, entry)
    except ShapeError:
        return True
