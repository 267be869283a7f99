"""A course planned window by window: memory bounded by its largest file and one window of
texts, whatever its size.

`prepare` holds every text of the course and every clip they need at once: a few KiB a
text, so a course of a million texts needs gigabytes. `Course.windows` plans the same
course a window of texts at a time (`content.windows`: whole entries, in the order
`prepare` finds them), each window planned and decided exactly as `prepare` and
`decided` plan all of it, then let go. What a window cannot know alone is kept on disk,
in a temporary SQLite database that nothing outlives (`CourseIndex`, deleted when the run
ends or is killed):

- **one folder per clip across the course**: a text said in two types is stored once, in
  the folder `plan` chooses from every type that says it (`Surroundings.sharing`). A window
  asks the index for the types earlier windows found saying its keys. Where a later
  window finds a key in another type whose folder the rule prefers, the course is planned
  once more with every key's types known from the start (`moved`; rare: the same sentence
  in grammar and vocabulary, first met in the type whose name comes later);
- **each clip counted once**: the clips a type needs, new or present, and the characters a
  paid provider bills, counted where the clip is first found (`first`);
- **the files' languages**: the language gate's votes are counted over every window and
  the files judged once every window is (`content.gate.FileVotes`).
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from ..content.gate import FileVotes, Refusal, check_text
from ..content.item import Item, describe_path, text_of
from ..content.lang_spans import judged
from ..content.load import LoadResult
from ..content.windows import load_windows
from ..errors import ConfigError, InputError
from ..readings.saying import Saying
from ..settings.config import Settings, pronunciation_overrides
from ..store.manifest import Store
from ..tables import count_of
from .dead import pointers_stop
from .decisions import read_decisions
from .heap import building
from .plan import Clip, Plan, Surroundings
from .prepare import Prepared as Prepared
from .prepare import (
    accept,
    decisions_hold,
    plan_content,
    said,
    selected_types,
    unmatched,
)
from .prepare import replanned as replanned
from .regap import find_regaps
from .voices import Voices, other_provider

BATCH = 500
"""Keys asked of the index in one query."""

CACHE_KIB = 1024
"""The memory a run's temporary database keeps of its pages (the rest is on disk)."""

INDEX_CACHE_KIB = 8192
"""The memory the course's index (`CourseIndex`) keeps of its pages: a smaller cache wrote
and read them again on disk window after window (`benchmarks/dedup_index.py`)."""

PROGRESS_EVERY = 10.0
"""Seconds between two lines on how far planning a large course went."""

_SEP = "\x1f"
T = TypeVar("T")


class CourseIndex:
    """What the windows of one course share (module docstring): a private SQLite database
    on disk, deleted when it is closed or its process ends."""

    def __init__(self) -> None:
        # "" names a private temporary database: SQLite keeps it in memory up to its cache
        # and on disk beyond, and deletes it when the connection closes.
        self._db = sqlite3.connect("", check_same_thread=False)
        self._db.execute(f"PRAGMA cache_size = -{INDEX_CACHE_KIB}")
        self._db.executescript(
            """
            CREATE TABLE keys (key TEXT PRIMARY KEY, types TEXT NOT NULL, folder TEXT)
                WITHOUT ROWID;
            CREATE TABLE clips (path TEXT PRIMARY KEY, types TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE checked (path TEXT PRIMARY KEY) WITHOUT ROWID;
            CREATE TABLE texts (text TEXT, step INTEGER, seq INTEGER, path TEXT, key TEXT,
                url TEXT, place TEXT);
            CREATE INDEX texts_of ON texts (text);
            CREATE INDEX texts_at ON texts (place);
            CREATE TABLE held (file TEXT, place TEXT, text TEXT, PRIMARY KEY (file, place))
                WITHOUT ROWID;
            CREATE TABLE present (path TEXT PRIMARY KEY, key TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE made (path TEXT PRIMARY KEY, failed INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE new (path INTEGER PRIMARY KEY);
            """
        )
        self.texts = CourseTexts(self._db)
        """Every text's clips and refusals (a run's survey, `CourseTexts`)."""
        self.moved = False
        """A key was placed in one folder by a window, and in another by a later one."""
        self._asked: dict[str, tuple[str, str | None]] = {}
        """The rows of the keys the window being planned asked about (`sharing`)."""
        self._window: dict[str, set[str]] = {}
        """The types the window being planned found saying each of its keys."""

    def close(self) -> None:
        self._db.close()

    def again(self) -> None:
        """Forget the clips counted and the folders chosen (a new survey of the course),
        keeping every key's types: the next survey places each key where it stays."""
        self._db.execute("UPDATE keys SET folder = NULL")
        self._db.execute("DELETE FROM clips")
        self._db.execute("DELETE FROM checked")
        self._db.execute("DELETE FROM new")
        self.texts.clear()
        self.moved = False

    def _rows(self, table: str, column: str, keys: Sequence[str]) -> dict[str, tuple[str, ...]]:
        rows = _selected(self._db, f"SELECT * FROM {table} WHERE {column}", keys)
        return {row[0]: row[1:] for row in rows}

    def sharing(self, types: dict[str, set[str]]) -> dict[str, set[str]]:
        """`types` (a window's: the types saying each of its keys), with the types earlier
        windows found saying the same keys (`Surroundings.sharing`)."""
        rows = self._rows("keys", "key", list(types))
        self._asked = {key: (str(row[0]), row[1]) for key, row in rows.items()}
        self._window = types
        merged: dict[str, set[str]] = {}
        for key, names in types.items():
            known = rows.get(key)
            merged[key] = names.union(str(known[0]).split(_SEP)) if known else names
        return merged

    def placed(self, clips: Iterable[Clip]) -> None:
        """Keep the folder each clip of the window's texts was placed in, and the types
        saying its key; `moved` when a key's folder is not the one an earlier window chose."""
        rows: list[tuple[str, str, str]] = []
        window, asked = self._window.get, self._asked.get
        for clip in clips:
            key = clip.key
            names = window(key)
            if names is None:
                continue  # a drill's join: its key is no text's
            before = asked(key)
            if before is None:  # a key no earlier window found (most): kept as it is
                rows.append((key, _SEP.join(sorted(names)), clip.type_name))
                continue
            known, folder = set(before[0].split(_SEP)), before[1]
            if folder is not None and folder != clip.type_name:
                self.moved = True
            if not names <= known or folder is None:
                rows.append((key, _SEP.join(sorted(names | known)), clip.type_name))
        self._db.executemany("INSERT OR REPLACE INTO keys VALUES (?, ?, ?)", rows)
        self._asked, self._window = {}, {}

    def new_clips(self, paths: Iterable[str]) -> int:
        """How many of `paths` (the new clips a window plans) no earlier window planned
        new, each kept from now on: a clip two windows' texts say (one text in two types)
        is one clip the run makes, counted once (`Course.windows`' note on the move)."""
        before = self._db.total_changes
        # Each path by its hash, 8 bytes (the paths themselves grew its page cache with
        # every new clip): two paths alike by hash are counted once, far too rarely to
        # matter, a note's count one short.
        found = ((hash(p),) for p in paths)
        self._db.executemany("INSERT OR IGNORE INTO new VALUES (?)", found)
        return self._db.total_changes - before

    def made(self, paths: Sequence[tuple[str, bool]]) -> None:
        """Keep the clips a run's window made, or failed to make (with whether it failed)."""
        self._db.executemany("INSERT OR REPLACE INTO made VALUES (?, ?)", paths)

    def made_types(self) -> tuple[Counter[str], Counter[str]]:
        """Of the clips `made` was told, each type's made and failed ones: every type whose
        texts need the clip across the course (`first`)."""
        generated: Counter[str] = Counter()
        failed: Counter[str] = Counter()
        for types, did_fail in self._db.execute(
            "SELECT c.types, m.failed FROM made m JOIN clips c ON c.path = m.path"
        ):
            (failed if did_fail else generated).update(str(types).split(_SEP))
        return generated, failed

    def checking(self, paths: Iterable[str]) -> list[str]:
        """Those of `paths` (clip paths) no earlier call named, in their order, each kept
        from now on (`checked`): verify checks a clip's file where a window first plans it."""
        asked = list(dict.fromkeys(paths))
        rows = self._rows("checked", "path", asked)
        new = [path for path in asked if path not in rows]
        self._db.executemany("INSERT INTO checked VALUES (?)", [(path,) for path in new])
        return new

    def checked(self) -> Iterator[str]:
        """Every clip path `checking` was told, in path order."""
        return (path for (path,) in self._db.execute("SELECT path FROM checked ORDER BY path"))

    def first(self, needing: Sequence[tuple[str, tuple[str, ...]]]) -> list[tuple[bool, set[str]]]:
        """For each (clip path, the types whose texts of the window need it): whether no
        earlier window found it, and the types no earlier window counted it in."""
        rows = self._rows("clips", "path", [path for path, _ in needing])
        answers: list[tuple[bool, set[str]]] = []
        changed: dict[str, set[str]] = {}  # the rows written: a path new, or with more types
        seen: dict[str, set[str]] = {}  # the types counted of each path asked so far
        for path, names in needing:
            before = seen.get(path)
            if before is None:
                row = rows.get(path)
                if row is None:  # a clip no window found before (most): counted here
                    answers.append((True, set(names)))
                    seen[path] = changed[path] = set(names)
                    continue
                before = set(str(row[0]).split(_SEP))
            now = before.union(names)
            answers.append((False, now - before))
            seen[path] = now
            if len(now) > len(before):
                changed[path] = now
        self._db.executemany(
            "INSERT OR REPLACE INTO clips VALUES (?, ?)",
            [(path, _SEP.join(sorted(names))) for path, names in changed.items()],
        )
        return answers


class CourseTexts:
    """Each text of a course with the clips the course plans for it, at its place, and
    whether a window refused it, kept as each window is planned (`remember`): what the
    write-back of a file and the summary ask of the texts other windows planned."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._seq = 0
        self._refused: set[str] = set()
        self._unsettled: set[Path] = set()

    def clear(self) -> None:
        self._db.execute("DELETE FROM texts")
        self._db.execute("DELETE FROM held")
        self._db.execute("DELETE FROM present")
        self._refused.clear()
        self._unsettled.clear()

    def remember(self, prepared: Prepared, made: Callable[[Clip], bool] | None = None) -> None:
        """Keep the clips of `prepared`'s texts (a window planned) and the texts it refused
        or leaves to a person's recording (`Plan.recorded`), and which of its clips are
        present: those found so when it was planned, and the new ones `made`. A window
        planned again (a run's, after its survey) is kept again: the last plan of a place
        is its own."""
        plan = prepared.plan
        there = [*plan.present, *(c for c in plan.new if made is not None and made(c))]
        self._db.executemany(
            "INSERT OR REPLACE INTO present VALUES (?, ?)", [(c.rel_path, c.key) for c in there]
        )
        step = plan.step_of
        rows = []
        for clip in plan.clips:
            at = step(clip)
            for item in clip.items:
                self._seq += 1
                place = _place(item)
                rows.append((_text(item), at, self._seq, clip.rel_path, clip.key, clip.url, place))
        self._db.executemany("INSERT INTO texts VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        held = [
            (str(item.file), describe_path(item.file, item.url_path), _text(item))
            for clip in plan.held
            for item in clip.held
        ]
        self._db.executemany("INSERT OR REPLACE INTO held VALUES (?, ?, ?)", held)
        self._refused.update(_text(refusal.item) for refusal in prepared.refused)
        self._refused.update(_text(item) for item in plan.recorded)

    def unsettle(self, files: Iterable[Path]) -> None:
        self._unsettled.update(files)

    def settled(self, path: Path) -> bool:
        return path not in self._unsettled

    def url_at(self, item: Item) -> str | None:
        """The URL of the clip the run planned at `item`'s place for its text, when it is
        present (`remember`), else of the first clip of its text that is, in the course's
        order: a text's retake or voice chosen in review is the clip at its place."""
        row = self._db.execute(
            "SELECT text, path, key, url FROM texts WHERE place = ? ORDER BY rowid DESC LIMIT 1",
            (_place(item),),
        ).fetchone()
        if row is not None and row[0] == _text(item) and self._present(row[1], row[2]):
            return str(row[3])
        return first_present(self.planned(item), self._present)

    def _present(self, path: str, key: str) -> bool:
        found = self._db.execute("SELECT key FROM present WHERE path = ?", (path,)).fetchone()
        return found is not None and found[0] == key

    def planned(self, item: Item | str) -> list[tuple[str, str, str]]:
        """The clips the course plans of `item`'s text (or of the text `held` names), in
        the course's order: each (path, key, URL)."""
        text = item if isinstance(item, str) else _text(item)
        return [
            (str(path), str(key), str(url))
            for path, key, url in self._db.execute(
                "SELECT path, key, url FROM texts WHERE text = ? ORDER BY step, seq", (text,)
            )
        ]

    def held(self, file: Path, place: str) -> str | None:
        """The text whose person's URL at `place` of `file` a window held beside no clip of
        its own (`Plan.held`), as `planned` takes it; None for another place."""
        found = self._db.execute(
            "SELECT text FROM held WHERE file = ? AND place = ?", (str(file), place)
        ).fetchone()
        return None if found is None else str(found[0])

    def read(self, item: Item) -> bool:
        """Whether a clip is planned of `item`'s text, or it is refused."""
        text = _text(item)
        if text in self._refused:
            return True
        found = self._db.execute("SELECT 1 FROM texts WHERE text = ? LIMIT 1", (text,))
        return found.fetchone() is not None

    def refused(self, item: Item) -> bool:
        """Whether a window refused `item`'s text, or leaves it to a person's recording."""
        return _text(item) in self._refused

    def clips_of(self, keys: Collection[str]) -> list[tuple[str, str]]:
        """The course's clips of the content keys `keys`: each (key, clip path) once."""
        return sorted(set(_selected(self._db, "SELECT key, path FROM texts WHERE key", list(keys))))


def _selected(db: sqlite3.Connection, query: str, keys: Sequence[str]) -> Iterator[Any]:
    """The rows of `query` (`SELECT ... WHERE column`) `IN` `keys`, `BATCH` at a time."""
    for start in range(0, len(keys), BATCH):
        batch = keys[start : start + BATCH]
        yield from db.execute(f"{query} IN ({','.join('?' * len(batch))})", batch)


def first_present(
    clips: Iterable[tuple[str, str, str]], present: Callable[[str, str], bool]
) -> str | None:
    """The URL of the first of `clips` (each path, key, URL) that is `present`, or None."""
    return next((url for path, key, url in clips if present(path, key)), None)


def _place(item: Item) -> str:
    return _SEP.join((str(item.file), json.dumps(item.url_path)))


def _text(item: Item) -> str:
    """`item`'s text as write-back finds it again (`content.item.text_of`), as one string."""
    type_name, field, spoken, reading = text_of(item)
    return _SEP.join((type_name, field, spoken, "\x00" if reading is None else reading))


def prepare(
    settings: Settings,
    store: Store | None = None,
    *,
    files: bool = True,
    fresh: bool = False,
    pointers: bool = False,
    progress: Callable[[str], None] | None = None,
) -> Prepared:
    """The course of `settings` planned as one window, whatever its size (`planning.course`
    with a window of every text): for what needs every clip at once (the review page, an
    Anki deck, `say`, `rebuild-manifest`, a library user's look at a plan). The commands
    that run, check or count a course plan it window by window.

    `store` is where the clips are looked up and would be stored (default: the out dir's);
    with `files` False a clip its manifest lists is planned as present without its file
    being looked at. With `fresh` every reading is decided anew, the reading memo's
    decisions replaced. With `pointers` a clip of its own that is a Git LFS pointer is left
    for the caller to count (`dead.unfetched_clips`), not an error. What each new clip says
    is not decided (`decided`).

    Raises InputError when a file's texts mostly are another language than declared
    (`data/vocabulary.json: 371 of 371 texts look Chinese (zh), not Japanese; pass --lang
    zh`), or when a language the plan needs has no voice (voices.py).
    """
    if settings.sets:
        raise ConfigError(
            f"{settings.config_file or 'the settings'} list {len(settings.sets)} content sets; "
            "prepare or generate each one: for s in tts_assets.content_sets(settings)"
        )
    options = {"files": files, "fresh": fresh, "progress": progress}
    with course_of(settings, store, texts=sys.maxsize, decided=False, **options) as course:
        (prepared,) = course.windows()
        course.finish(pointers=pointers)  # its notes are `decided`'s
    prepared.saying.held = None  # the course's workers are let go with it
    return prepared


@contextmanager
def course_of(settings: Settings, store: Store | None = None, **options: Any) -> Iterator[Course]:
    """The course of `settings` (`Course`'s `options`), closed at the end; each window
    built and let go without cycles (`heap.building`)."""
    with building():
        course = Course(settings, store, **options)
        try:
            yield course
        finally:
            course.close()


class Course:
    """A course planned window by window (module docstring): `windows` yields each window
    planned and decided; `finish` stops the run where the whole course's input does.
    `store`, `files`, `progress` and `fresh` are `prepare`'s; `texts`: the texts of a
    window (default `content.windows.WINDOW_TEXTS`)."""

    def __init__(
        self,
        settings: Settings,
        store: Store | None = None,
        *,
        files: bool = True,
        progress: Callable[[str], None] | None = None,
        texts: int | None = None,
        fresh: bool = False,
        run: bool = False,
        decided: bool = True,
    ) -> None:
        self.settings = settings
        self.texts = texts
        self.decided = decided
        """What each new clip says set on it (`prepare.said`); False: planned only (a
        command that decides the readings itself)."""
        self.run = run
        """Planned for a run: what each new clip says decided anew, a window planned again
        where the reading memo held another decision (`decisions_hold`)."""
        self.progress = progress
        self._told = time.monotonic()
        """When the last line on the windows planned was told (`_tell`): the first, once
        planning took `PROGRESS_EVERY` seconds (a course planned sooner says nothing)."""
        self.index = CourseIndex()
        self.one = False
        """The course is one window (known once its first window is planned)."""
        self.votes = FileVotes()
        self.accepted: set[str] = set()
        """The entries of `accept_refused` that matched a refused text of any window."""
        self.types = selected_types(settings)
        self.voices = Voices(settings, keeps_answers=True)
        self.voices.check(self.types, str(settings.config_file or "config"))
        self.decisions = read_decisions(settings.data_dir)
        self.store = store if store is not None else Store(settings.out_dir, settings.staging)
        self.store.serving = settings.set_id
        overrides = pronunciation_overrides(settings)
        self.saying = Saying(overrides, fresh=fresh, accent=settings.accent, progress=progress)
        self.held = self.saying.keep()
        """What the readers keep for every window (their workers, what they decided)."""
        self.files = files

    def close(self) -> None:
        self.held.close()
        self.index.close()

    def planned(self, loaded: LoadResult, refused: Sequence[Refusal]) -> Prepared:
        """`loaded`'s texts planned, those `refused` (by the gate) left out: every clip they
        need, new stale or present, and the new ones said with other pauses made from
        stored clips (`regap`)."""
        settings, store, saying, voices = self.settings, self.store, self.saying, self.voices
        sharing = self.index.sharing
        around = Surroundings(settings, store, loaded, files=self.files, sharing=sharing)
        plan = plan_content(around, voices, refused, saying)
        _refuse_linked_folders(store, plan)
        if self.files:
            find_regaps(plan, store, saying, voices)  # new pauses, not new pieces
        refused = [*refused, *plan.refused]
        return Prepared(settings, loaded, self.types, voices, store, plan, refused, saying)

    def windows(self) -> Iterator[Prepared]:
        """Each window of the course planned and decided."""
        settings, voices, store = self.settings, self.voices, self.store
        texts, settled, told = 0, False, 0
        new = 0 if store.database is None else -1  # a database's manifest moves no more
        found = load_windows(settings.data_dir, self.types, self.texts)
        for n, (loaded, last) in enumerate(found):
            self.one = n == 0 and last
            texts += len(loaded.items)
            # A review's retakes (another voice, a new take) change what is planned.
            self.decisions.apply_to(loaded, voices)
            # A text's runs each judged in its language; a dialogue's lines as the texts.
            refused = judged([*loaded.items, *loaded.lines], self.votes)
            prepared = self.planned(loaded, refused)
            if self.run and not decisions_hold(prepared):
                prepared = self.planned(loaded, refused)  # the memo holds the fresh one now
            # A database manifest's damaged records are found as planning reads them: each
            # told in the window that found it.
            damage = store.damage_notes()
            loaded.notes.extend(damage[told:])
            told = len(damage)
            if not settled:
                # Said once, where no window has a clip present (`other_provider` reads
                # every entry): the first hint stands, a clip present anywhere silences it.
                prepared.hint = other_provider(settings, prepared.plan, store)
                settled = prepared.hint is not None or bool(prepared.plan.present)
            if prepared.hint is not None:
                loaded.notes.append(prepared.hint)
            if new >= 0 and store.database is None:  # said once, where they reach the line
                # The clips no earlier window planned new, nor the manifest lists (a clip
                # made again where it is listed adds none).
                paths = (c.rel_path for c in prepared.plan.new)
                new += self.index.new_clips(p for p in paths if store.get(p) is None)
                moving = store.moving_note(new)
                loaded.notes.extend(moving)
                new = -1 if moving else new
            prepared.accepted = self.accepted
            prepared.refused = accept(settings, loaded, prepared.refused, self.accepted)
            if self.decided:
                said(prepared)
            self.index.placed([*prepared.plan.clips, *prepared.plan.held])
            yield prepared
            if not self.one:  # one window: what this run decided holds (`decisions_hold`)
                # Let go of what was worked out of the window's texts, which would grow with
                # the course (what the readers decided is on disk for the run, `reader.Memo`).
                self.saying.forget()
                check_text.cache_clear()
            self._tell(n + 1, texts)

    def _tell(self, windows: int, texts: int) -> None:
        """A line on how far planning the course went, every `PROGRESS_EVERY` seconds."""
        now = time.monotonic()
        if self.progress is not None and now - self._told >= PROGRESS_EVERY:
            self._told = now
            done, many = count_of(texts, "text"), count_of(windows, "window")
            self.progress(f"planned {done} of the course so far ({many})")

    def each(self, add: Callable[[Prepared], None], *, pointers: bool = False) -> list[str]:
        """Tell `add` each window of the course (`gathered`); `finish`'s notes."""
        return self.gathered(lambda: None, lambda _, p: add(p), pointers=pointers)[1]

    def gathered(
        self, start: Callable[[], T], add: Callable[[T, Prepared], None], *, pointers: bool = False
    ) -> tuple[T, list[str]]:
        """Tell `add` each window of the course, planned and decided, with what `start()`
        made to gather it in; then `finish`. Where a later window moved a key's folder
        (`CourseIndex.moved`), every window is told once more, every key's types known, into
        a new `start()`. What was gathered last, and `finish`'s notes."""
        while True:
            found = start()
            for prepared in self.windows():
                add(found, prepared)
            notes = self.finish(pointers=pointers)
            if not self.index.moved:
                return found, notes
            self.again()

    def again(self) -> None:
        """Plan the course anew, every key's types known from its start."""
        self.index.again()
        self.votes, self.accepted = FileVotes(), set()
        self.store.unfetched.clear()

    def finish(self, *, pointers: bool = False) -> list[str]:
        """Once every window is planned: InputError where the whole course's input stops a
        run (a file mostly in another language, a clip of its own that is a Git LFS
        pointer unless `pointers`); else the notes on the whole course (the entries of
        `accept_refused` that match nothing)."""
        files = self.votes.lines(self.settings.lang)
        if files:
            more = len(files) - 1
            raise InputError(files[0] + (f" ({more} more file(s) alike)" if more else ""))
        unfetched = self.store.unfetched
        unfetched[:] = dict.fromkeys(unfetched)  # a clip of two windows
        if unfetched and not pointers:
            first = str(self.store.out_dir / unfetched[0])
            raise InputError(pointers_stop(first, len(unfetched) - 1, " clip(s)"))
        note = unmatched(self.settings, self.accepted)
        return [] if note is None else [note]


def _refuse_linked_folders(store: Store, plan: Plan) -> None:
    """InputError when the type folder of a clip the content needs is a symbolic link: a
    clip reached through a link is never trusted (it could lead out of the out dir), so a
    clip written through it would be made, then distrusted, on every run."""
    for name in sorted({clip.type_name for clip in plan.clips}):
        folder = store.out_dir / name
        if folder.is_symlink():
            raise InputError(
                f"{folder}: the out dir's {name} folder is a symbolic link (to "
                f"{os.readlink(folder)}); tts-assets never writes or trusts a clip reached "
                "through a link: put the folder it points to in its place (or point out_dir "
                "at a real folder); nothing was written"
            )
