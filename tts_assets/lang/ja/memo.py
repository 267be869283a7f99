"""The engine's decisions kept between runs, and made on every core when there are many.

Reconciling a text with a reading the analyzer disagrees with walks MeCab's alternative
analyses through the NJD rules, about 13 ms each (BENCHMARKS.md, readings at scale): a
course of 110,000 such entries would take a dry run half an hour. Two things keep that
off every run after the first and halve the first:

- a file in the cache folder (`readings-*.sqlite`, named by the analyzer's identity and the
  engine's rules version) keeps each decision by everything that decides it: the text,
  its reading, its kind and the overrides that touch it. A nightly CI run restores the
  cache folder (the shipped workflows do) and decides only what changed;
- what is left to decide is shared out over the machine's cores when it is a lot.

A decision is stored as JSON, never as pickled objects: the file may come from a cache
another run wrote.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import sqlite3
import stat
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any, cast, get_args

from ...errors import out_of_memory
from ...readings.overrides import NO_OVERRIDES, Override, Overrides
from . import context, dictionary, written_alike
from .analysis import Morpheme, prepare
from .reconcile import Kind, Reading, ReadingVerdict, Source, reconcile

Work = tuple[str, str | None, str]
"""What one decision is of: (written, given reading, kind)."""

FORMAT = "5"
"""The shape of a stored decision, or what decides one without changing what is said; a
new one names a new file (3: each word's accent; 4: a reading with punctuation is kana,
where a file kept before holds it `unusable`; 5: a disagreement a dictionary settles is
`corrected`, where a file kept before holds it `disagree`)."""

SHARE_FROM = 2000
"""Decisions left to make from which they are shared out over the cores."""


def cache_path() -> Path:
    """The cache file of this analyzer and these rules."""
    import hashlib

    from ...dirs import cache_folder
    from ...store.layout import MEMO_PREFIX, MEMO_SUFFIX
    from .identity import RULES_VERSION, analyzer_identity

    made = f"{analyzer_identity()}|{RULES_VERSION}|{FORMAT}"
    tag = hashlib.sha256(made.encode()).hexdigest()[:16]
    return cache_folder() / f"{MEMO_PREFIX}{tag}{MEMO_SUFFIX}"


def decide_all(
    works: Iterable[Work],
    overrides: Overrides = NO_OVERRIDES,
    *,
    fresh: bool = False,
    failed: dict[Work, str] | None = None,
) -> dict[Work, Reading]:
    """The engine's decision for each of `works`, from the cache file where it holds one,
    the rest made (on every core when many) and kept there.

    A work whose decision raises (a bug in the engine or the analyzer, for that text) is
    left out, with the reason in `failed`, and its row dropped from the file; without
    `failed`, the error is raised.

    The file is a cache, never trusted to say what is said: a decision read from it only
    names a clip (the content key covers what the decision says, `identity.said_material`),
    and before a clip is made its decision is made again (`fresh`: none is read, each is
    made and replaces what the file held), so a row another run wrote wrong can neither be
    spoken nor hide a wrong clip under the right key."""
    wanted = list(dict.fromkeys(works))
    if not wanted:
        return {}
    keys = {work: _key(work, overrides) for work in wanted}
    found: dict[Work, Reading] = {}
    with _opened() as db:
        if db is not None and not fresh:
            # A row that does not parse or holds the wrong types is dropped (decided
            # again below); a damaged file, no more rows are read from it.
            with contextlib.suppress(sqlite3.Error):
                for work, key in keys.items():
                    row = db.execute(_LOOKUP, (key, VALUE_LIMIT)).fetchone()
                    if row is not None:
                        with contextlib.suppress(ValueError, RecursionError):
                            found[work] = _loads(row[0])
        missing = [w for w in wanted if w not in found]
        errors: dict[Work, str] = {}
        made = _make(missing, overrides, errors)
        found.update(made)
        if db is not None and (made or errors):
            with contextlib.suppress(sqlite3.Error):
                db.executemany(
                    "INSERT OR REPLACE INTO decisions (key, value) VALUES (?, ?)",
                    [(keys[w], _dumps(r)) for w, r in made.items()],
                )
                db.executemany("DELETE FROM decisions WHERE key = ?", [(keys[w],) for w in errors])
                db.commit()
    if errors:
        if failed is None:
            raise ReadingsFailed(next(iter(errors.values())))
        failed.update(errors)
    return found


class ReadingsFailed(Exception):
    """The engine failed on a text (a bug), for a caller that takes no failures."""


def _make(
    works: Sequence[Work], overrides: Overrides, errors: dict[Work, str]
) -> dict[Work, Reading]:
    cores = os.cpu_count() or 1
    if len(works) < SHARE_FROM or cores < 2:
        done = [(w, _decided(w, overrides)) for w in works]
    else:
        chunks = [list(works[i::cores]) for i in range(cores)]
        table = [(o.form, o.reading, o.phonemes) for o in overrides]
        # Spawned, not forked: the caller may have threads (an event loop's workers).
        with ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("spawn")) as pool:
            chunked = list(pool.map(_decide_chunk, chunks, [table] * len(chunks)))
        done = [(w, _loads(value) if ok else value) for chunk in chunked for w, ok, value in chunk]
    made: dict[Work, Reading] = {}
    for work, decided in done:
        if isinstance(decided, Reading):
            made[work] = decided
        else:
            errors[work] = decided
    return made


def _decided(work: Work, overrides: Overrides) -> Reading | str:
    """The engine's decision of `work`, or why it failed (a bug: one line)."""
    try:
        return reconcile(work[0], work[1], cast(Kind, work[2]), overrides)
    except MemoryError:
        raise  # memory ran out, not the rules: the run stops (exit 3)
    except Exception as e:  # one text's failure, reported for it alone
        if out_of_memory(e):  # the dictionary could not be mapped: the machine, not the text
            raise MemoryError(str(e)) from e
        what = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
        what = what if len(what) <= 120 else what[:119] + "…"
        return (
            f"the readings engine failed on it ({what}), so no clip was made: a bug in "
            "tts-assets, please report it (the text and this line)"
        )


def _decide_chunk(
    works: list[Work], table: list[tuple[str, str | None, str | None]]
) -> list[tuple[Work, bool, str]]:
    """In a worker process: the decisions of `works`, as JSON (True), or why each
    failed (False)."""
    overrides = Overrides([Override(*entry) for entry in table])
    found: list[tuple[Work, bool, str]] = []
    for work in works:
        decided = _decided(work, overrides)
        if isinstance(decided, Reading):
            found.append((work, True, _dumps(decided)))
        else:
            found.append((work, False, decided))
    return found


def _key(work: Work, overrides: Overrides) -> str:
    written, given, kind = work
    touching = overrides.touching(written) if overrides else ()
    material = [(o.form, o.reading, o.phonemes) for o in touching]
    rules = context.material(written) if kind == "text" else ""
    if kind == "text" and given is None and written_alike.touching(prepare(written)):
        # Its note (`written_alike`) is part of the decision, not of what is said.
        rules += f"\nwritten alike {written_alike.listed().version}"
    if kind == "text" and given is not None:
        # Whether a disagreement is `corrected` is the dictionary's to say (`dictionary`).
        rules += f"\ndictionary {dictionary.version()}"
    return json.dumps(
        [written, given, kind, material, *([rules] if rules else [])], ensure_ascii=False
    )


def _dumps(reading: Reading) -> str:
    return json.dumps(asdict(reading), ensure_ascii=False)


def _loads(value: object) -> Reading:
    """The Reading a row holds; ValueError when it is not one (wrong types included),
    RecursionError when it nests too deeply."""
    if not isinstance(value, str):
        raise ValueError("not a text")
    doc = json.loads(value)
    if not isinstance(doc, dict) or doc.keys() != _READING.keys():
        raise ValueError("not a decision")
    morphemes, overrides = doc["morphemes"], doc["overrides"]
    if not (isinstance(morphemes, list) and isinstance(overrides, list)):
        raise ValueError("not a decision")
    for name, allowed in _READING.items():
        if allowed is not None and not _fits(doc[name], allowed):
            raise ValueError(f"{name}: {doc[name]!r}")
    doc["morphemes"] = tuple(Morpheme(**_checked(_filled(m), _MORPHEME)) for m in morphemes)
    doc["overrides"] = tuple(Override(**_checked(o, _OVERRIDE)) for o in overrides)
    return Reading(**doc)


_Allowed = tuple[type | str | None, ...]
_OPTIONAL: _Allowed = (str, None)
_READING: dict[str, _Allowed | None] = {
    "written": (str,),
    "given": _OPTIONAL,
    "kind": get_args(Kind),
    "verdict": get_args(ReadingVerdict),
    "analyzed": (str,),
    "pronunciation": (str,),
    "text_form": (str,),
    "message": _OPTIONAL,
    "morphemes": None,
    "source": get_args(Source),
    "overrides": None,
}
"""What each field of a stored decision may hold: types (None for null) or the literal
values allowed; None: checked on its own (a list of objects)."""
_MORPHEME: dict[str, _Allowed] = {
    "surface": (str,),
    "reading": (str,),
    "pronunciation": (str,),
    "phonemes": _OPTIONAL,
    "accent": (int, None),
    "joins": (bool,),
    "read_as": _OPTIONAL,
}
_OVERRIDE: dict[str, _Allowed] = {
    "form": (str,),
    "reading": _OPTIONAL,
    "phonemes": _OPTIONAL,
    "rule": _OPTIONAL,
}


def _fits(value: object, allowed: _Allowed) -> bool:
    if isinstance(value, str):
        return str in allowed or value in allowed
    if isinstance(value, bool):
        return bool in allowed
    if isinstance(value, int):
        return int in allowed and 0 <= value < 1000
    return value is None and None in allowed


def _filled(morpheme: object) -> object:
    """A stored word of a decision made before `Morpheme.read_as` with it (None)."""
    if isinstance(morpheme, dict) and "read_as" not in morpheme:
        return {**morpheme, "read_as": None}
    return morpheme


def _checked(doc: object, fields: dict[str, _Allowed]) -> dict[str, Any]:
    """`doc` when it is an object of exactly `fields`, each fitting; else ValueError."""
    if not isinstance(doc, dict) or doc.keys() != fields.keys():
        raise ValueError("not a decision")
    if not all(_fits(doc[name], allowed) for name, allowed in fields.items()):
        raise ValueError("not a decision")
    return doc


VALUE_LIMIT = 1 << 20
"""The longest stored decision read (1 MiB of JSON); a longer row is decided again."""

_LOOKUP = "SELECT value FROM decisions WHERE key = ? AND length(value) <= ?"

_SIDE_FILES = ("", "-journal", "-wal", "-shm")
"""The database file and what SQLite keeps beside it."""


def _own_files(path: Path) -> bool:
    """Whether the database at `path` and SQLite's files beside it are the cache's own:
    each a regular file or absent. A symbolic link (which could lead out of the cache
    folder, to a file a person owns), a named pipe or a device in their place is
    removed (the link, not what it leads to); False if one cannot be."""
    for suffix in _SIDE_FILES:
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
        db = sqlite3.connect(path, timeout=30)
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
