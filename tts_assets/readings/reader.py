"""What `Saying` asks of a language's reader, and where each reader is found.

A language whose texts are decided before a provider speaks them (Japanese readings and
accent, Chinese pinyin and polyphones) declares its reader in its profile
(`Language.reader`, `module:Class`: `tts_assets.lang.ja.reader:JapaneseReader`),
imported on first use as `numbers.RULES` loads a language's number rules; a language without one is
said in words (`numbers`) and with the team's respellings, and nothing more. `Saying` asks a
reader four things, in the order a text meets them:

    work = reader.work(written, alphabet, every_reading)   # what is decided, or None
    form = reader.plan(written, form, work, alphabet)      # what names the clip, or None
    forms = reader.decide(planned)                          # a run's texts at once
    said = reader.said(form, provider)                      # what a clip is given

and, before clips are made, whether the decisions a plan was made from still hold
(`holds`). `alphabet` is what the text's voice is told in (`Engine.alphabet(voice)`,
kept as `Form.alphabet`): a reader writes the alphabets it knows (`frontends.alphabets`)
and gives the others text. A reader is made once per `Saying` (a run) with its `Options`,
so what it asks a voice or the reading memo is asked once per run.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol, TypeVar, runtime_checkable

from ..frontends.alphabets import Alphabet
from ..languages import hook
from ..providers.engine import Engine
from .form import AccentMode, Form, Said, ToRead, Written
from .overrides import Overrides

T = TypeVar("T")


@dataclass(frozen=True)
class Options:
    """What a run's `Saying` was made with, and every reader it asks shares."""

    overrides: Overrides
    """The team's pronunciations and respellings."""
    fresh: bool
    """Every reading decided anew (the reading memo's decisions replaced)."""
    accent: AccentMode
    """Which texts a provider that takes a pitch is told the accent of (`accent` setting)."""
    progress: Callable[[str], None] | None = None
    """Told a line now and then while a reader decides many texts (a large first run)."""
    held: Held | None = None
    """What the run's readers keep between their calls until it ends (`Held`); None: each
    call holds what it needs for itself."""

    def memo(self, name: str) -> Memo:
        """The run's decisions kept as `name` (`Held.memo`); without `held`, a reader's own."""
        return Memo() if self.held is None else self.held.memo(name)


class Held:
    """What a run's readers keep for every call they are asked (a pool of workers that
    decides texts), let go of when the run ends (`close`): a course planned window by
    window (`planning.course`) asks its readers once a window."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._kept: dict[str, object] = {}

    def get(self, name: str) -> object | None:
        return self._kept.get(name)

    def keep(self, name: str, thing: AbstractContextManager[T]) -> T:
        found = self._kept[name] = self._stack.enter_context(thing)  # until `close`
        return found

    def memo(self, name: str) -> Memo:
        """The decisions a reader keeps as `name` for every window of the run (`Memo`)."""
        found = self._kept.get(name)
        if not isinstance(found, Memo):
            found = self._kept[name] = Memo()
        return found

    def close(self) -> None:
        """Let go of everything kept (each in turn exits)."""
        self._kept.clear()
        self._stack.close()


class Memo:
    """What a reader decided, by what it decided it of (a text, with its reading, voice...),
    kept for the whole run: a course planned window by window, then each window planned
    again to make it, asks its readers of the same texts more than once, and each is
    decided once. A private SQLite database (a small cache in memory, the rest on disk,
    deleted with the last reader holding it: a plan's readers may be asked after its
    course ends): a course of a million texts holds a decision for most of them. Its
    values are pickled: no other process reads or writes it."""

    CACHE_KIB = 1024
    BATCH = 500

    def __init__(self) -> None:
        self._db = sqlite3.connect("", check_same_thread=False)
        self._db.execute(f"PRAGMA cache_size = -{self.CACHE_KIB}")
        self._db.execute("CREATE TABLE memo (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID")

    def get(self, keys: Iterable[Hashable]) -> dict[Any, Any]:
        """What is kept of each of `keys` that is, by its key."""
        named = {repr(key): key for key in keys}
        asked, found = list(named), {}
        for start in range(0, len(asked), self.BATCH):
            batch = asked[start : start + self.BATCH]
            marks = ",".join("?" * len(batch))
            query = f"SELECT key, value FROM memo WHERE key IN ({marks})"
            for key, value in self._db.execute(query, batch):
                found[named[key]] = pickle.loads(value)
        return found

    def put(self, decided: Mapping[Any, object]) -> None:
        """Keep each of `decided` (its key, what was decided)."""
        self._db.executemany(
            "INSERT OR REPLACE INTO memo VALUES (?, ?)",
            [(repr(key), pickle.dumps(value)) for key, value in decided.items()],
        )


class Planned(NamedTuple):
    """A text as planned before its reader decides it (`Reader.decide`)."""

    written: Written
    provider: Engine
    voice: str
    form: Form


@runtime_checkable
class Reader(Protocol):
    """What a language's reader decides of its texts (the module docstring)."""

    respelled: bool
    """Whether the team's respellings are said in its texts as written words; False where
    the reader applies the team's overrides itself (the Japanese readings engine)."""

    def work(
        self, written: Written, alphabet: Alphabet | None, every_reading: bool
    ) -> ToRead | None:
        """What is decided of `written` before a voice of `alphabet` says it; None: it is
        read as it is (respelled, where the team respells a word of it). `every_reading`:
        decided as for a voice that takes phonemes, whoever says it (the `readings`
        report)."""

    def plan(
        self, written: Written, form: Form, work: ToRead, alphabet: Alphabet | None
    ) -> Form | None:
        """`form` (the text in words and pieces, with its pauses' material) with what
        `work` adds to its content key and `to_read` set; None: a voice of `alphabet`
        cannot be told it, and reads the text as it is."""

    def decide(self, planned: Sequence[Planned]) -> list[Form]:
        """The forms of `planned` (every text of the run in its language, not refused) with
        what their key waits on decided, in order: each asked once, together."""

    def said(self, form: Form, provider: Engine) -> Said | None:
        """What a clip of `form` gives `provider` (its voice's alphabet: `form.alphabet`);
        None: its pieces, as they are."""

    def holds(self, forms: Sequence[Form]) -> bool:
        """Whether the decisions `forms` were keyed by hold when made anew."""


class ReaderClass(Protocol):
    """A reader as its profile names it: made with a run's `Options`."""

    def __call__(self, options: Options) -> Reader: ...


def load(named: str, options: Options) -> Reader:
    """The reader a profile names (`package.module:Class`), made for a run."""
    made: ReaderClass = hook(named)
    return made(options)
