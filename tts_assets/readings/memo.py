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
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any, cast

from .analysis import Morpheme
from .overrides import NO_OVERRIDES, Override, Overrides
from .reconcile import Kind, Reading, reconcile

Work = tuple[str, str | None, str]
"""What one decision is of: (written, given reading, kind)."""

SHARE_FROM = 2000
"""Decisions left to make from which they are shared out over the cores."""


def cache_path() -> Path:
    """The cache file of this analyzer and these rules."""
    import hashlib

    from ..dirs import cache_folder
    from .identity import RULES_VERSION, analyzer_identity

    tag = hashlib.sha256(f"{analyzer_identity()}|{RULES_VERSION}".encode()).hexdigest()[:16]
    return cache_folder() / f"readings-{tag}.sqlite"


def decide_all(
    works: Iterable[Work], overrides: Overrides = NO_OVERRIDES, *, fresh: bool = False
) -> dict[Work, Reading]:
    """The engine's decision for each of `works`, from the cache file where it holds one,
    the rest made (on every core when many) and kept there.

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
            for work, key in keys.items():
                row = db.execute("SELECT value FROM decisions WHERE key = ?", (key,)).fetchone()
                if row is not None:
                    with contextlib.suppress(ValueError, TypeError, KeyError):
                        found[work] = _loads(row[0])
        missing = [w for w in wanted if w not in found]
        made = _make(missing, overrides)
        found.update(made)
        if db is not None and made:
            with contextlib.suppress(sqlite3.Error):
                db.executemany(
                    "INSERT OR REPLACE INTO decisions (key, value) VALUES (?, ?)",
                    [(keys[w], _dumps(r)) for w, r in made.items()],
                )
                db.commit()
    return found


def _make(works: Sequence[Work], overrides: Overrides) -> dict[Work, Reading]:
    cores = os.cpu_count() or 1
    if len(works) < SHARE_FROM or cores < 2:
        return {w: reconcile(w[0], w[1], cast(Kind, w[2]), overrides) for w in works}
    chunks = [list(works[i::cores]) for i in range(cores)]
    table = [(o.form, o.reading, o.phonemes) for o in overrides]
    # Spawned, not forked: the caller may have threads (an event loop's workers).
    with ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("spawn")) as pool:
        done = list(pool.map(_decide_chunk, chunks, [table] * len(chunks)))
    return {w: _loads(value) for chunk in done for w, value in chunk}


def _decide_chunk(
    works: list[Work], table: list[tuple[str, str | None, str | None]]
) -> list[tuple[Work, str]]:
    """In a worker process: the decisions of `works`, as JSON."""
    overrides = Overrides([Override(*entry) for entry in table])
    return [(w, _dumps(reconcile(w[0], w[1], cast(Kind, w[2]), overrides))) for w in works]


def _key(work: Work, overrides: Overrides) -> str:
    written, given, kind = work
    touching = overrides.touching(written) if overrides else ()
    material = [(o.form, o.reading, o.phonemes) for o in touching]
    return json.dumps([written, given, kind, material], ensure_ascii=False)


def _dumps(reading: Reading) -> str:
    return json.dumps(asdict(reading), ensure_ascii=False)


def _loads(value: str) -> Reading:
    doc: dict[str, Any] = json.loads(value)
    doc["morphemes"] = tuple(Morpheme(**m) for m in doc["morphemes"])
    doc["overrides"] = tuple(Override(**o) for o in doc["overrides"])
    return Reading(**doc)


@contextlib.contextmanager
def _opened() -> Any:
    """The cache database, or None when it cannot be used here (a read-only home)."""
    db = None
    try:
        path = cache_path()
        path.parent.mkdir(parents=True, exist_ok=True)
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
