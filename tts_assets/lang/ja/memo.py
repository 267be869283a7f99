"""The engine's decisions kept between runs, and made on every core when there are many.

A file in the cache folder (`readings-*.sqlite`, named by `engine_version`) keeps each
decision by the text, its reading, its kind and the overrides touching it, as a JSON
row (never pickled: the file may come from another run's cache) with the accent its
words are told; a row that does not hold what the engine writes is decided again. What
is left to decide is shared out over the cores when it is a lot, each share kept as it
is done.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import sqlite3
import stat
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, cast, get_args

from ...errors import out_of_memory
from ...readings.form import named, short
from ...readings.overrides import NO_OVERRIDES, Override, Overrides
from ...readings.reader import Held
from ...slotted import maker
from . import context, dictionary, written_alike
from .accent import told_pattern
from .analysis import Morpheme
from .reconcile import Kind, Reading, ReadingVerdict, Source, reconcile

Work = tuple[str, str | None, str]
"""What one decision is of: (written, given reading, kind)."""

FORMAT = "7"
"""The shape of a stored decision; a new one names a new file."""

SHARE_FROM = 2000
"""Decisions left to make from which they are shared out over the cores."""

SHARE = 250
"""Decisions a worker makes before handing them back (and the file keeping them)."""

BATCH = 500
"""Decisions read from the file in one query."""

Progress = Callable[[int, int], None]
"""Told (decided, of how many) while many decisions are made (`decide_all`)."""


def engine_version() -> str:
    """Everything that decides a decision besides its text, its reading, its kind and the
    overrides touching it: the analyzer, the rules and the lists of words they read
    (`context.identity`, the words written alike, the dictionary's readings that settle a
    disagreement) and the shape of a row."""
    from .identity import RULES_VERSION, analyzer_identity

    alike = written_alike.identity()
    found = f"{analyzer_identity()}|{RULES_VERSION}|{FORMAT}|{context.identity()}|{alike}"
    return f"{found}|{dictionary.version()}"


def cache_path() -> Path:
    import hashlib

    from ...dirs import cache_folder
    from ...store.layout import MEMO_PREFIX, MEMO_SUFFIX

    tag = hashlib.sha256(engine_version().encode()).hexdigest()[:16]
    return cache_folder() / f"{MEMO_PREFIX}{tag}{MEMO_SUFFIX}"


def decide_all(
    works: Iterable[Work],
    overrides: Overrides = NO_OVERRIDES,
    *,
    fresh: bool = False,
    trusted: Collection[Work] = (),
    failed: dict[Work, str] | None = None,
    told: dict[Work, str | None] | None = None,
    made: set[Work] | None = None,
    progress: Progress | None = None,
    held: Held | None = None,
) -> dict[Work, Reading]:
    """The engine's decision for each of `works`, from the cache file where it holds one
    (with `fresh`, for `trusted` alone: the file is a cache, never trusted to say what is
    said but for what this run decided), the rest made (on every core when many,
    `progress` told how far) and kept there. With `held` (a run planned window by window)
    the workers and the file are kept for the next call.

    A work whose decision raises (a bug) is left out with the reason in `failed` (raised
    without it). `told` gets the accent pattern each decision's words are told (None where
    working it out failed), `made` the works decided here (not read from the file)."""
    wanted = list(dict.fromkeys(works))
    if not wanted:
        return {}
    keys = {work: _key(work, overrides) for work in wanted}
    with _memo(held) as db:
        asked = {w: keys[w] for w in trusted if w in keys} if fresh else keys
        found = _read(db, asked) if db is not None and asked else {}
        missing = [w for w in wanted if w not in found]
        share, errors = _made_and_kept(db, missing, keys, overrides, progress, held)
    found.update(share)
    if made is not None:
        made.update(share)
    if errors:
        if failed is None:
            raise ReadingsFailed(next(iter(errors.values())))
        failed.update(errors)
    if told is not None:
        told.update({work: pattern for work, (_, pattern) in found.items()})
    return {work: reading for work, (reading, _) in found.items()}


def _made_and_kept(
    db: sqlite3.Connection | None,
    works: Sequence[Work],
    keys: dict[Work, str],
    overrides: Overrides,
    progress: Progress | None,
    held: Held | None,
) -> tuple[dict[Work, tuple[Reading, str | None]], dict[Work, str]]:
    """The decisions of `works` made, each share kept as it is done, and why any failed."""
    share: dict[Work, tuple[Reading, str | None]] = {}
    errors: dict[Work, str] = {}
    for done in _make(works, overrides, progress, held):
        rows: list[tuple[str, Reading, str | None]] = []
        lost: list[str] = []
        for w, decided in done:
            if isinstance(decided, str):
                errors[w] = decided
                lost.append(keys[w])
            else:
                share[w] = decided
                rows.append((keys[w], *decided))
        if db is not None:
            _keep(db, rows, lost)
    return share, errors


class ReadingsFailed(Exception):
    """The engine failed on a text (a bug), for a caller that takes no failures."""


def _read(db: sqlite3.Connection, keys: dict[Work, str]) -> dict[Work, tuple[Reading, str | None]]:
    """The decisions the file holds of `keys`. A row that does not parse or holds the wrong
    types is left out (decided again); a damaged file, no more rows are read from it. A
    word met in many rows (a particle, a course's common words) is made once and shared."""
    works = {key: work for work, key in keys.items()}
    known: dict[tuple[object, ...], Morpheme] = {}
    found: dict[Work, tuple[Reading, str | None]] = {}
    with contextlib.suppress(sqlite3.Error):
        for rows in _rows(db, list(works)):
            for key, value in rows:
                work = works.get(key)
                if work is not None:
                    with contextlib.suppress(ValueError, RecursionError):
                        found[work] = _loads(value, known)
    return found


def _rows(db: sqlite3.Connection, asked: list[str]) -> Iterator[Iterable[tuple[str, str]]]:
    """The rows (key, value) of the file that may be of `asked`: every row in one pass when
    `asked` are most of them (a course run again: half the time of asking by key), else
    those of `asked`, `BATCH` keys a query."""
    (last,) = db.execute("SELECT coalesce(max(rowid), 0) FROM decisions").fetchone()
    if len(asked) * 2 >= last:  # rows deleted leave `last` above the count: never fewer
        yield db.execute(
            "SELECT key, value FROM decisions WHERE length(value) <= ?", (VALUE_LIMIT,)
        )
        return
    for start in range(0, len(asked), BATCH):
        batch = asked[start : start + BATCH]
        marks = ",".join("?" * len(batch))
        query = f"SELECT key, value FROM decisions WHERE key IN ({marks}) AND length(value) <= ?"
        yield db.execute(query, (*batch, VALUE_LIMIT))


def _keep(
    db: sqlite3.Connection, rows: list[tuple[str, Reading, str | None]], lost: list[str]
) -> None:
    if not rows and not lost:
        return
    with contextlib.suppress(sqlite3.Error):
        db.executemany(
            "INSERT OR REPLACE INTO decisions (key, value) VALUES (?, ?)",
            [(key, _dumps(reading, pattern)) for key, reading, pattern in rows],
        )
        db.executemany("DELETE FROM decisions WHERE key = ?", [(key,) for key in lost])
        db.commit()


_Done = list[tuple[Work, "tuple[Reading, str | None] | str"]]
"""Decisions made (with the accent told), or why each failed."""


def _make(
    works: Sequence[Work], overrides: Overrides, progress: Progress | None, held: Held | None
) -> Iterator[_Done]:
    """The decisions of `works`, share by share: here when few, else on every core, with
    `progress` told as each share is done (on the workers `held` keeps, when it keeps
    some: `decide_all`)."""
    cores = os.cpu_count() or 1
    kept = held.get(POOL) if held is not None else None
    if kept is None and (len(works) < SHARE_FROM or cores < 2):
        if works:
            yield [(w, _decided(w, overrides)) for w in works]
        return
    shares = [list(works[i : i + SHARE]) for i in range(0, len(works), SHARE)]
    table = [(o.form, o.reading, o.phonemes) for o in overrides]
    done = 0
    if progress is not None:
        progress(done, len(works))
    with contextlib.ExitStack() as own:
        if isinstance(kept, ProcessPoolExecutor):
            pool = kept
        else:
            # Spawned, not forked: the caller may have threads (an event loop's workers).
            made = ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("spawn"))
            pool = held.keep(POOL, made) if held is not None else own.enter_context(made)
        for share in pool.map(_decide_chunk, shares, [table] * len(shares)):
            yield share
            done += len(share)
            if progress is not None:
                progress(done, len(works))


POOL = "ja-readings-workers"
"""What the workers deciding readings are kept as in a run's `Held`."""

MEMO = "ja-readings-memo"
"""What the cache file's connection is kept as in a run's `Held` (`_memo`)."""


def _memo(held: Held | None) -> Any:
    """The cache database as `_opened` gives it, for one call; with `held` (a run planned
    window by window), opened by the first call and kept for the next ones."""
    if held is None:
        return _opened()
    kept = held.get(MEMO)
    if kept is None:  # not opened yet, or it could not be: tried again
        kept = held.keep(MEMO, _opened())
    return contextlib.nullcontext(kept)


def _decided(work: Work, overrides: Overrides) -> tuple[Reading, str | None] | str:
    """The engine's decision of `work` and the accent its words are told, or why it
    failed (a bug: one line)."""
    try:
        reading = reconcile(work[0], work[1], cast(Kind, work[2]), overrides)
    except MemoryError:
        raise  # memory ran out, not the rules: the run stops (exit 3)
    except Exception as e:  # one text's failure, reported for it alone
        if out_of_memory(e):  # the dictionary could not be mapped: the machine, not the text
            raise MemoryError(str(e)) from e
        return (
            f"the readings engine failed on it ({short(named(e), 120)}), so no clip was made: "
            "a bug in tts-assets, please report it (the text and this line)"
        )
    return reading, _told(reading)


def _told(reading: Reading) -> str | None:
    """The accent pattern `reading`'s words are told ("" when it says nothing); None when
    working it out failed (the reader tries again, and says it with the model's pitch)."""
    if not reading.says_anything:
        return ""
    try:
        return told_pattern(reading.morphemes)
    except MemoryError:
        raise
    except Exception:  # the analyzer's bug: not kept
        return None


def _decide_chunk(works: list[Work], table: list[tuple[str, str | None, str | None]]) -> _Done:
    """In a worker process: `_decided` of each of `works`."""
    overrides = Overrides([Override(*entry) for entry in table])
    return [(work, _decided(work, overrides)) for work in works]


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # `json.dumps`'s, made once


def _key(work: Work, overrides: Overrides) -> str:
    written, given, kind = work
    touching = overrides.touching(written) if overrides else ()
    material = [(o.form, o.reading, o.phonemes) for o in touching]
    return _ENCODE([written, given, kind, material])


def _dumps(reading: Reading, told: str | None) -> str:
    words = [
        [m.surface, m.reading, m.pronunciation, m.phonemes, m.accent, m.joins, m.read_as]
        for m in reading.morphemes
    ]
    applied = [[o.form, o.reading, o.phonemes, o.rule] for o in reading.overrides]
    row = [
        reading.written,
        reading.given,
        reading.kind,
        reading.verdict,
        reading.analyzed,
        reading.pronunciation,
        reading.text_form,
        reading.message,
        reading.source,
        words,
        applied,
        told,
        reading.risk,
    ]
    return _ENCODE(row)


_VERDICTS = frozenset(get_args(ReadingVerdict))
_reading = maker(Reading)
_morpheme = maker(Morpheme)
"""A row's decision and words made as their classes make them (`slotted`: a row a text)."""
_SOURCES = frozenset(get_args(Source))
_KINDS = frozenset(get_args(Kind))


def _loads(
    value: object, known: dict[tuple[object, ...], Morpheme] | None = None
) -> tuple[Reading, str | None]:
    """The decision a row holds, and the accent told; ValueError when it is not one (wrong
    types included), RecursionError when it nests too deeply. `known`: the words already
    made (of other rows), by their fields (a word is a value)."""
    if type(value) is not str:
        raise ValueError("not a text")
    row = json.loads(value)
    if type(row) is not list or len(row) != 13 or not _fits(row):
        raise ValueError("not a decision")
    written, given, kind, verdict, analyzed, pronunciation, text_form, message = row[:8]
    source, words, applied, told, risk = row[8:]
    shared = {} if known is None else known
    morphemes = []
    for word in words:
        fields = _word_fields(word)
        made = shared.get(fields)
        if made is None:
            made = shared[fields] = _morpheme(*fields)
        morphemes.append(made)
    # `_fits` checked each field's type and value: `_reading` takes them as they are (a
    # `cast` a field would be a call each, for nothing).
    return (
        _reading(
            written,
            given,
            kind,
            verdict,
            analyzed,
            pronunciation,
            text_form,
            message,
            tuple(morphemes),
            source,
            tuple(_override(o) for o in applied) if applied else (),
            float(risk) if risk is not None else None,
        ),
        told,
    )


_TEXT, _TEXT_OR_NULL, _LIST = frozenset({str}), frozenset({str, type(None)}), frozenset({list})
_ROW_TYPES = (
    *(_TEXT, _TEXT_OR_NULL),  # written, given
    *(_TEXT,) * 5,  # kind, verdict, analyzed, pronunciation, text_form
    *(_TEXT_OR_NULL, _TEXT, _LIST, _LIST, _TEXT_OR_NULL),  # message, source, words, applied, told
    frozenset({int, float, type(None)}),  # risk
)
"""The types each of a row's thirteen fields may hold (`_fits`)."""


def _fits(row: list[Any]) -> bool:
    """Whether each of a row's thirteen fields holds what the engine writes there: a text, a
    text or null, one of a set of texts, a list, a risk from 0 to 1. One pass over a table
    of types: a row per text of a course is read each run."""
    if not all(type(value) in types for value, types in zip(row, _ROW_TYPES, strict=True)):
        return False
    risk = row[12]
    return (
        row[2] in _KINDS
        and row[3] in _VERDICTS
        and row[8] in _SOURCES
        and (risk is None or 0 <= risk <= 1)
    )


def _word_fields(word: object) -> tuple[object, ...]:
    if type(word) is not list or len(word) != 7:
        raise ValueError("not a word")
    surface, reading, pronunciation, phonemes, accent, joins, read_as = word
    if not (
        type(surface) is str
        and type(reading) is str
        and type(pronunciation) is str
        and (phonemes is None or type(phonemes) is str)
        and (accent is None or (type(accent) is int and 0 <= accent < 1000))
        and type(joins) is bool
        and (read_as is None or type(read_as) is str)
    ):
        raise ValueError("not a word")
    return (surface, reading, pronunciation, phonemes, accent, joins, read_as)


def _override(override: object) -> Override:
    if type(override) is not list or len(override) != 4:
        raise ValueError("not an override")
    if not all(v is None or type(v) is str for v in override) or override[0] is None:
        raise ValueError("not an override")
    return Override(*override)


VALUE_LIMIT = 1 << 20
"""The longest stored decision read (1 MiB of JSON); a longer row is decided again."""


def _own_files(path: Path) -> bool:
    """Whether the database at `path` and SQLite's files beside it are the cache's own:
    each a regular file or absent. A symbolic link (which could lead out of the cache
    folder, to a file a person owns), a named pipe or a device in their place is
    removed (the link, not what it leads to); False if one cannot be."""
    for suffix in ("", "-journal", "-wal", "-shm"):  # the file, and SQLite's beside it
        name = path.with_name(path.name + suffix)
        try:
            st = os.lstat(name)
        except FileNotFoundError:
            continue
        if stat.S_ISREG(st.st_mode):
            continue
        try:
            os.unlink(name)  # a folder is not removed: the memo is not used then
        except OSError:
            return False
    return True


@contextlib.contextmanager
def _opened() -> Any:
    """The cache database, or None when it cannot be used here (a read-only home, a
    folder in its place)."""
    db = None
    try:
        path = cache_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        if not _own_files(path):
            raise OSError(f"{path}: not a file the cache can use")
        # Any thread: a run planned in windows keeps it for every window (`_memo`).
        db = sqlite3.connect(path, timeout=30, check_same_thread=False)
        db.execute("CREATE TABLE IF NOT EXISTS decisions (key TEXT PRIMARY KEY, value TEXT)")
    except (OSError, sqlite3.Error):
        if db is not None:
            db.close()
        db = None
    try:
        yield db
    finally:
        if db is not None:
            db.close()
