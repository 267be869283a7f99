"""A kept plan: a run that would do what the last one did, with nothing to do, says so
without planning the course again (issue 62).

A run (or a dry run) that planned the whole course and had nothing to make, write or
report as wrong keeps a small record in the cache folder (`kept-plans/`): its summary, what
it told the reporter, and the state of every input it read, found by tracing the run
(`commands.trace`: the files it opened, the folders it listed, what it asked `os.stat`,
the environment it read, the tool's own code) beside what names the run (the tool's
version, Python's, the settings, the folders, the machine's CPUs, every `TTS_ASSETS_`
variable). A record is kept only when every input is, at the run's end, as the run found
it (each file and listing looked at again; a stat's state is the answer the run itself was
given, which the next run's check asks again: `Inputs.changed`), and when the summary
rebuilt from the record is the run's own, line for line and in `--json` (the time aside).

The next run of the same kind reads the record and checks every input again (each file's
bytes, each listing, each stat, each variable): when all hold, nothing the plan depends on
changed, so its plan is the one before, every clip still present at its size; the run
tells the reporter what it told before and returns the summary. Anything else (a change, a
record missing, damaged, too large, of another format or naming anything not asked) is
the full run, silently. A record is written to a temporary file and renamed: a kill leaves
the old record, the new one, or none.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..content.item import UrlChange
from ..dirs import cache_folder
from ..errors import LockedError
from ..features import registry as features
from ..frontends.base import package_version
from ..planning.plan import Clip, Plan, TypeCounts
from ..providers import registry as providers
from ..store import lock
from ..writeback.update import FileWriteBack
from .summary import Summary
from .trace import Inputs, Stats, file_state, tracing

__all__ = [
    "Course",
    "Telling",
    "keep",
    "kept_record",
    "outside_of",
    "over_sets",
    "replay",
    "tell_again",
    "tracing",
]

if TYPE_CHECKING:
    from ..making.hooks import Reporter
    from ..settings.config import Settings

FORMAT = 2
LIMIT = 256 << 20
"""A record larger than this is not read (a course of millions of clips is planned)."""
CHUNK = 1 << 20
"""The bytes of a record written at once (`_record`)."""
FOLDER = "kept-plans"
_COUNTS = tuple(TypeCounts.__dataclass_fields__)
_SUMMARY_KEYS = {
    *("counts", "skipped", "notes", "present", "workers", "billable", "dry_run", "write_back"),
    "kept",
}

Event = list[object]
"""What a run told its reporter: ["notice", message] or ["planned", clips, new, present,
workers]."""


class Telling:
    """A reporter that tells `reporter` and notes what it was told (`Event`s); any other
    call (progress) makes the run's telling unkeepable."""

    def __init__(self, reporter: Reporter) -> None:
        self.reporter = reporter
        self.events: list[Event] = []
        self.keepable = bool(getattr(reporter, "counts_only", False))
        self.outside: list[str] = []
        """The folders outside the data dir whose content the run locked."""

    def planned(self, plan: Plan, workers: int) -> None:
        self.events.append(["planned", len(plan.clips), len(plan.new), len(plan.present), workers])
        self.reporter.planned(plan, workers)

    def progress(self, progress: Any) -> None:
        self.keepable = False
        self.reporter.progress(progress)

    def notice(self, message: str) -> None:
        self.events.append(["notice", message])
        self.reporter.notice(message)

    def locked_outside(self, folders: list[Path]) -> None:
        """The run locked these folders of content outside its data dir: a replay locks
        them too (the reporter it tells, if a `Telling`, is told as well)."""
        self.outside = [os.path.abspath(f) for f in folders]
        told = getattr(self.reporter, "locked_outside", None)
        if callable(told):
            told(folders)


def record_path(settings: Settings, dry_run: bool) -> Path:
    """Where the record of a run of `settings` (dry or not) is kept."""
    return cache_folder() / FOLDER / f"{_digest(json.dumps(_names(settings, dry_run)))}.json"


def _names(settings: Settings, dry_run: bool) -> dict[str, object]:
    """What names a run besides its inputs: a record of another is not its record."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = -1
    names = {
        "format": FORMAT,
        "tool": package_version("tts-assets"),
        "python": [sys.version, sys.executable, sys.path],
        "cwd": os.getcwd(),
        "data": os.path.abspath(settings.data_dir),
        "out": os.path.abspath(settings.out_dir),
        "dry_run": dry_run,
        "settings": _stable(settings),
        "cpus": [os.cpu_count(), cpus],
        "env": sorted([k, v] for k, v in os.environ.items() if k.startswith("TTS_ASSETS_")),
    }
    found: dict[str, object] = json.loads(json.dumps(names))  # as a record reads back
    return found


def _stable(value: object) -> str:
    """`value` as text that is the same in every process: a set's members sorted (a set's
    own order changes with the process's string hashes), the rest as `repr` says it."""
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(map(_stable, value))) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_stable(k)}: {_stable(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return type(value).__name__ + "(" + ", ".join(map(_stable, value)) + ")"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = (_field(f.name, getattr(value, f.name), f.repr) for f in dataclasses.fields(value))
        return f"{type(value).__name__}(" + ", ".join(fields) + ")"
    return repr(value)


def _field(name: str, value: object, shown: bool) -> str:
    """A dataclass field as `_stable` names it: a field its repr hides (a secret, the API
    key) by a digest of its text, so a record in the cache folder never holds it."""
    text = _stable(value)
    return f"{name}={text}" if shown else f"{name}=<{_digest(text)}>"


def _registered() -> bool:
    """Whether a provider or a feature was registered at run time (a library user's, in a
    notebook say): its code is in no file a record could check, and may have changed
    since (the same name, another class), so such a process neither keeps nor uses one."""
    return bool(providers._registered or features._registered)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


# --- keeping ---------------------------------------------------------------------------


def keep(
    settings: Settings, dry_run: bool, inputs: Inputs | None, told: Telling, summary: Summary
) -> bool:
    """Keep the record of a run that had nothing to do (the module docstring); whether it
    was kept. Never raises for a record it cannot write."""
    part = _part(told, summary, dry_run)
    if part is None:
        return False
    return _write(record_path(settings, dry_run), _names(settings, dry_run), inputs, part)


def _part(told: Telling, summary: Summary, dry_run: bool) -> dict[str, object] | None:
    """What a record keeps of one run (what it told, its summary), when the run had nothing
    to do and a replay can tell it again line for line; else None."""
    if not told.keepable:
        return None
    body = _summary_body(summary)
    if body is None or not _tellings_fit(told.events, dry_run):
        return None
    rebuilt = rebuilt_summary(body)
    if rebuilt is None or not _same(rebuilt, summary):
        return None
    return {"told": told.events, "summary": body, "outside": told.outside}


def _write(path: Path, names: object, inputs: Inputs | None, kept: dict[str, object]) -> bool:
    """Write the record named `names` of a trace's `inputs` with what it `kept`, when the
    trace is sound and every input is still as first met; whether it was written."""
    if inputs is None or inputs.doubt is not None or _registered():
        return False
    _own_code(inputs)
    if inputs.changed(env=False, signed=True) is not None:
        return False  # the run changed what it read (or another did meanwhile)
    try:
        write_atomically(path, _record(names, inputs, kept))
    except OSError:
        return False
    return True


def _record(names: object, inputs: Inputs, kept: dict[str, object]) -> Iterator[bytes]:
    """The record's bytes, as `json.dumps` writes `{"names": names, "inputs": {"files",
    "listed", "stats", "env"}, **kept}`, in pieces of about `CHUNK` bytes: the stats read
    a row at a time from where the trace keeps them (`trace.Stats`: a course's every clip)."""
    dumps = json.dumps
    head = f'{{"names": {dumps(names)}, "inputs": {{"files": {dumps(inputs.files)}, '
    pieces = chain(
        (head, f'"listed": {dumps(inputs.listed)}, "stats": '),
        inputs.stats.json(),
        (f', "env": {dumps(inputs.env)}}}',),
        (f", {dumps(key)}: {dumps(value)}" for key, value in kept.items()),
        ("}",),
    )
    chunk: list[str] = []
    size = 0
    for piece in pieces:
        chunk.append(piece)
        size += len(piece)
        if size >= CHUNK:
            yield "".join(chunk).encode()
            chunk, size = [], 0
    yield "".join(chunk).encode()


def _did_nothing(summary: Summary) -> bool:
    """Whether `summary` is of a run that made, wrote, found wrong and will show nothing."""
    if summary.interrupted or summary.fatal is not None or summary.generated:
        return False
    if summary.shard is not None or summary.listening is not None or summary.exit_code:
        return False
    for empty in ("failures", "refused", "written", "not_written", "replacing"):
        if getattr(summary, empty):
            return False
    for empty in ("dead", "unfetched", "planned"):
        if getattr(summary, empty):
            return False
    if any(True for _ in summary.readings) or any(True for _ in summary.clips):
        return False
    # A file's write-back that did something; a person's URLs kept (a predecessor's, as a
    # course that adopts one keeps them run after run) are said again from the record.
    return all(f.as_json() == _kept_only(f).as_json() for f in summary.write_back)


def _kept_only(done: FileWriteBack) -> FileWriteBack:
    """What `done` would be had write-back only kept a person's URLs."""
    return FileWriteBack(done.path, kept=done.kept, gone=done.gone)


def _summary_body(summary: Summary) -> dict[str, object] | None:
    """What a summary with nothing to do holds, JSON-able; None for any other summary."""
    if not _did_nothing(summary):
        return None
    return {
        "counts": {n: [getattr(c, k) for k in _COUNTS] for n, c in summary.counts.items()},
        "skipped": [list(s) for s in summary.skipped],
        "notes": list(summary.notes),
        "present": summary.present,
        "workers": summary.workers,
        "billable": summary.billable_characters,
        "dry_run": summary.dry_run,
        "write_back": [_file_body(f) for f in summary.write_back],
        "kept": [_change_body(c) for c in summary.kept],
    }


def _file_body(done: FileWriteBack) -> object:
    """A file's write-back as a record keeps it: its path, or [path, kept, gone]."""
    if not done.kept:
        return str(done.path)
    return [str(done.path), [_change_body(c) for c in done.kept], sorted(done.gone)]


def _change_body(change: UrlChange) -> list[str | None]:
    return [change.place, change.old, change.new, change.what]


def _file(body: object) -> FileWriteBack:
    """The write-back `_file_body` kept (TypeError when it is not one)."""
    if isinstance(body, str):
        return FileWriteBack(Path(body))
    path, kept, gone = cast(list[object], body)
    changes = tuple(_change(c) for c in cast(list[object], kept))
    return FileWriteBack(
        Path(_text(path)), kept=changes, gone=frozenset(_text(g) for g in cast(list[object], gone))
    )


def _change(body: object) -> UrlChange:
    place, old, new, what = cast(list[object], body)
    return UrlChange(_text(place), _text_or_none(old), _text_or_none(new), _text(what))


def _text_or_none(value: object) -> str | None:
    return None if value is None else _text(value)


def _tellings_fit(events: list[Event], dry_run: bool) -> bool:
    """Notices, then (a run) one plan told last: what a replay can tell again."""
    kinds = [e[0] for e in events]
    if dry_run:
        return "planned" not in kinds
    return kinds.count("planned") == 1 and kinds[-1] == "planned"


def _own_code(inputs: Inputs) -> None:
    """The tool's code (and any module loaded from outside the Python installation) among
    the inputs: a module imported before the trace began is the run's input too."""
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path not in inputs.files:
            inputs.files[path] = file_state(path)


def _same(rebuilt: Summary, summary: Summary) -> bool:
    rebuilt.seconds = summary.seconds
    return rebuilt.as_json() == summary.as_json() and rebuilt.lines() == summary.lines()


def write_atomically(path: Path, data: Iterable[bytes]) -> None:
    """`data` (its pieces) at `path`, through a temporary file renamed over it (fsynced
    first)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            for piece in data:
                write_all(out, piece)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_all(out: Any, data: bytes) -> None:
    """Write `data` (a seam for the kill test)."""
    out.write(data)


# --- using -----------------------------------------------------------------------------


def kept_record(settings: Settings, dry_run: bool, reporter: Reporter) -> dict[str, Any] | None:
    """The record of the last run like this one, when there is one that reads as a record
    and this run's reporter can be told again what it was told; else None."""
    if not getattr(reporter, "counts_only", False) or _registered():
        return None
    return _read(lambda: record_path(settings, dry_run), lambda: _names(settings, dry_run))


def _read(path: Callable[[], Path], names: Callable[[], object]) -> dict[str, Any] | None:
    """The record at `path()` when it reads as one and is named `names()`; else None."""
    try:
        fd = os.open(path(), os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        with open(fd, "rb") as found:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None  # a FIFO would never answer, a device never end
            raw = found.read(LIMIT + 1)
        if len(raw) > LIMIT:
            return None
        record = json.loads(raw)
        if not isinstance(record, dict) or record.get("names") != names():
            return None
        return record
    except (OSError, ValueError, TypeError, RecursionError):
        return None


def holds(record: dict[str, Any]) -> bool:
    """Whether every input of `record` is as it was: each file's bytes, each listing, each
    stat, each variable. Anything that does not read as a record does not hold."""
    try:
        got = record["inputs"]
        inputs = Inputs(
            files=_states(got["files"]),
            listed=_states(got["listed"]),
            stats=Stats(_states(got["stats"])),
            env=_env(got["env"]),
        )
        if not inputs.files:
            return False
        return inputs.changed() is None
    except (KeyError, TypeError, ValueError, OSError, RecursionError):
        return False


def _states(found: object) -> dict[str, Any]:
    if not isinstance(found, dict):
        raise TypeError("not a map")
    for key, state in found.items():
        if not isinstance(key, str) or "\0" in key.rstrip("\0l") or not os.path.isabs(key):
            raise TypeError("not a path")
        if state is not None and not isinstance(state, list):
            raise TypeError("not a state")
    return found


def _env(found: object) -> dict[str, str | None]:
    if not isinstance(found, dict):
        raise TypeError("not a map")
    for key, value in found.items():
        if not isinstance(key, str) or not (value is None or isinstance(value, str)):
            raise TypeError("not a variable")
    return cast(dict[str, "str | None"], found)


def rebuilt_summary(body: object) -> Summary | None:
    """The summary a record keeps; None when `body` is not one."""
    try:
        if not isinstance(body, dict) or set(body) != _SUMMARY_KEYS:
            return None
        counts = {str(n): TypeCounts(*map(_count, c)) for n, c in body["counts"].items()}
        if any(len(c) != len(_COUNTS) for c in body["counts"].values()):
            return None
        skipped = [(_text(p), _text(r)) for p, r in body["skipped"]]
        return Summary(
            counts=counts,
            skipped=skipped,
            notes=[_text(n) for n in body["notes"]],
            present=_count(body["present"]),
            workers=_count(body["workers"]),
            billable_characters=_count(body["billable"]),
            dry_run=body["dry_run"] is True,
            write_back=[_file(f) for f in body["write_back"]],
            kept=[_change(c) for c in body["kept"]],
        )
    except (TypeError, ValueError, AttributeError):
        return None


def _count(value: object) -> int:
    if type(value) is not int or value < 0:
        raise TypeError("not a count")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not a text")
    return value


def replay(record: dict[str, Any], started: float) -> tuple[list[Event], Summary] | None:
    """What the kept run told its reporter and its summary (its time this run's), when
    every input of `record` holds and the rest reads as a record; else None."""
    again = _again(record)
    if again is None or not holds(record):
        return None
    again[1].seconds = time.monotonic() - started
    return again


def _again(part: object) -> tuple[list[Event], Summary] | None:
    """What a record's `part` (one run's) says it told and its summary; None when it does
    not read as such."""
    if not isinstance(part, dict):
        return None
    summary = rebuilt_summary(part.get("summary"))
    events = _events(part.get("told"))
    return None if summary is None or events is None else (events, summary)


def outside_of(part: object) -> list[Path] | None:
    """The folders outside the data dir a record's `part` says its run locked, when each
    is still a folder; else None (the full run)."""
    found = part.get("outside") if isinstance(part, dict) else None
    if not isinstance(found, list):
        return None
    folders = [Path(f) for f in found if isinstance(f, str) and os.path.isabs(f)]
    if len(folders) != len(found) or not all(f.is_dir() for f in folders):
        return None
    return folders


def _events(found: object) -> list[Event] | None:
    if not isinstance(found, list):
        return None
    events: list[Event] = []
    try:
        for event in found:
            if event[0] == "notice" and len(event) == 2:
                events.append(["notice", _text(event[1])])
            elif event[0] == "planned" and len(event) == 5:
                events.append(["planned", *map(_count, event[1:])])
            else:
                return None
    except (TypeError, KeyError, IndexError):
        return None
    return events


def tell_again(events: list[Event], reporter: Reporter, call: Callable[..., object]) -> None:
    """Tell `reporter` (through `call`) what the kept run told it, in order: its notices,
    then its plan (the counts of its clips: such a reporter reads no more of it)."""
    for event in events:
        if event[0] == "notice":
            call(reporter.notice, event[1])
        elif event[0] == "planned":
            clips, new, present, workers = cast(list[int], event[1:])
            none = cast(list[Clip], [None])
            call(reporter.planned, Plan(none * clips, none * new, none * present, {}), workers)


# --- a run over several content sets ----------------------------------------------------


class Course:
    """A run over several content sets (`[[sets]]`), whose plan is kept as one record.

    Each set's run reads what the sets before it left in memory, and a run over several sets
    reads every set before making any (`cli.sets.EachSet.plan_all`): so one trace covers
    the whole command, from before the first set is read to the last set's end, and one
    record keeps what each set told and its summary. The command answers from it only when
    every set's would be: the same sets, every input as it was, every set's data dir and
    out dir locked at once without waiting (a folder another run holds is the full run,
    which waits as it is told). With one set, each run keeps its own (`keep`).
    """

    def __init__(self, sets: list[Settings], dry_run: bool) -> None:
        self.sets = sets
        self.dry_run = dry_run
        self.replays: list[tuple[list[Event], Summary]] | None = None
        """Each set's kept run, when the record holds: the command tells these again."""
        self.inputs: Inputs | None = None
        self.runs: list[tuple[Telling, Summary]] = []

    @property
    def whole(self) -> bool:
        """Whether the command is kept as one (several sets, no provider registered here)."""
        return len(self.sets) > 1 and not _registered()

    def _names(self) -> dict[str, object]:
        return {"sets": [_names(s, self.dry_run) for s in self.sets]}

    def _path(self) -> Path:
        return cache_folder() / FOLDER / f"{_digest(json.dumps(self._names()))}.json"

    def run(self, reporter: Reporter, full: Callable[[Reporter], Summary]) -> Summary:
        """The next set's run: told again from the record, or `full(reporter)` with what it
        tells noted."""
        if self.replays is not None:
            started = time.monotonic()
            events, summary = self.replays[len(self.runs)]
            tell_again(events, reporter, lambda fn, *args: fn(*args))
            summary.seconds = time.monotonic() - started
            self.runs.append((Telling(reporter), summary))
            return summary
        if not self.whole:
            return full(reporter)
        told = Telling(reporter)  # not a reporter the set's own run keeps or replays for
        summary = full(told)
        self.runs.append((told, summary))
        return summary

    def replayed(self, holding: contextlib.ExitStack) -> list[tuple[list[Event], Summary]] | None:
        """Each set's kept run when the record holds, its folders then locked in `holding`
        (a run that writes); else None."""
        record = _read(self._path, self._names)
        parts = None if record is None else record.get("sets")
        if record is None or not isinstance(parts, list) or len(parts) != len(self.sets):
            return None
        replays = [_again(p) for p in parts]
        if not self.dry_run:
            folders = self._folders(parts)
            if folders is None:
                return None
            try:
                holding.enter_context(lock.locked(folders))
            except (LockedError, OSError):  # held, or not lockable: the full run says which
                return None
        if not holds(record):
            return None
        found = [r for r in replays if r is not None]
        return found if len(found) == len(replays) else None

    def _folders(self, parts: list[object]) -> list[Path] | None:
        """The folders the full run locks: each set's data dir and out dir, and the folders
        of content outside a data dir its part names; None when one of those is gone."""
        folders = [f for s in self.sets for f in (s.data_dir, s.out_dir) if f.is_dir()]
        for part in parts:
            outside = outside_of(part)
            if outside is None:
                return None
            folders += outside
        return folders

    def keep(self) -> bool:
        """Keep the record of a command whose every set had nothing to do; whether kept."""
        if self.replays is not None or len(self.runs) != len(self.sets):
            return False
        parts = [_part(told, summary, self.dry_run) for told, summary in self.runs]
        if any(p is None for p in parts):
            return False
        return _write(self._path(), self._names(), self.inputs, {"sets": parts})


@contextlib.contextmanager
def over_sets(sets: list[Settings], dry_run: bool) -> Iterator[Course]:
    """A command over `sets` (`Course`): answered from its record when that holds (the
    folders locked for the block), else traced, and its record kept after the block when
    every set had nothing to do."""
    course = Course(sets, dry_run)
    if not course.whole:
        yield course
        return
    with contextlib.ExitStack() as holding:
        course.replays = course.replayed(holding)
        if course.replays is not None:
            yield course
            return
    with tracing() as inputs:
        course.inputs = inputs
        yield course
    course.keep()
