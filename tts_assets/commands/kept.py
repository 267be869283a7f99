"""A kept plan: a run that would do what the last one did, with nothing to do, says so
without planning the course again.

A run that had nothing to make, write or report as wrong keeps a record in the cache
folder (`kept-plans/`): its summary, what it told the reporter and the state of the inputs
it declares (`commands.inputs`), named by what else names the run (versions, settings,
folders, CPUs, `inputs.VARIABLES`). It is kept only when the inputs ended as they began
and the summary rebuilt from it is the run's own, line for line and in `--json`; a run
whose inputs are the same tells that again, anything else is the full run, silently.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sys
import time
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ..dirs import cache_folder
from ..errors import LockedError, TtsAssetsError
from ..features import registry as features
from ..frontends.base import package_version
from ..planning.plan import Clip, Plan
from ..providers import registry as providers
from ..store import lock
from ..store.files import read_regular, write_atomic
from ..writeback.update import FileWriteBack
from . import inputs
from .summary import Summary

__all__ = ["Course", "Telling", "over_sets", "tell_again"]

if TYPE_CHECKING:
    from ..making.hooks import Reporter
    from ..settings.config import Settings

FORMAT = 4
LIMIT = 16 << 20
FOLDER = "kept-plans"
_KEPT = (
    *("counts", "skipped", "notes", "present", "workers", "billable_characters", "dry_run"),
    *("write_back", "kept"),
)
"""The fields of a summary a record keeps (`_part`: the others are empty)."""
T = TypeVar("T")

Event = list[object]
"""What a run told its reporter: ["notice", message] or ["planned", clips, new, present,
workers]."""
_EVENTS = {"notice": tuple[str], "planned": tuple[int, int, int, int]}
Replay = tuple[list[Event], Summary]


class Telling:
    """A reporter that tells `reporter` and notes what it was told (`Event`s); any other
    call (progress) makes the run's telling unkeepable."""

    def __init__(self, reporter: Reporter) -> None:
        self.reporter = reporter
        self.events: list[Event] = []
        self.keepable = bool(getattr(reporter, "counts_only", False))

    def planned(self, plan: Plan, workers: int) -> None:
        self.events.append(["planned", len(plan.clips), len(plan.new), len(plan.present), workers])
        self.reporter.planned(plan, workers)

    def progress(self, progress: Any) -> None:
        self.keepable = False
        self.reporter.progress(progress)

    def notice(self, message: str) -> None:
        self.events.append(["notice", message])
        self.reporter.notice(message)


def _names(settings: Settings, dry_run: bool) -> dict[str, object]:
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
        "env": sorted(  # by digests: a variable may hold a secret
            [k, _digest(v)] for k, v in os.environ.items() if k.startswith(inputs.VARIABLES)
        ),
    }
    found: dict[str, object] = json.loads(json.dumps(names))  # as a record reads back
    return found


def _stable(value: object) -> str:
    """`value` as text that is the same in every process: a set's members sorted (its
    order changes with the string hashes), the rest as `repr` says it."""
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(map(_stable, value))) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_stable(k)}: {_stable(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return type(value).__name__ + "(" + ", ".join(map(_stable, value)) + ")"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # A field its repr hides (a secret, the API key) by a digest of its text, so a
        # record in the cache folder never holds it.
        said = ((f, _stable(getattr(value, f.name))) for f in dataclasses.fields(value))
        fields = (f"{f.name}={t}" if f.repr else f"{f.name}=<{_digest(t)}>" for f, t in said)
        return f"{type(value).__name__}(" + ", ".join(fields) + ")"
    return repr(value)


def _registered() -> bool:
    """Whether a provider or a feature was registered at run time: its code is in no file
    a record could check, so such a process neither keeps nor uses one."""
    return bool(providers._registered or features._registered)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


class Course:
    """The kept plan of a command over content sets (one, or each of `[[sets]]`): one
    record for all."""

    def __init__(self, sets: list[Settings], dry_run: bool, reporter: Reporter | None) -> None:
        self.sets = sets
        self.dry_run = dry_run
        self.names = {"sets": [_names(s, dry_run) for s in sets]}
        self.path = cache_folder() / FOLDER / f"{_digest(json.dumps(self.names))}.json"
        self.before: inputs.Inputs | None = None  # as the full run began
        self.was: inputs.Inputs | None = None  # as the record keeps them
        self.replays: list[Replay] | None = None  # each set's kept run, when the record holds
        self.runs: list[tuple[Telling, Summary]] = []
        told_again = reporter is None or getattr(reporter, "counts_only", False)
        # No record used or kept: no sets, a provider or feature registered at run time, or
        # a reporter that could not be told again (a course of several sets' `Telling`).
        self.off = not sets or _registered() or not told_again

    def _read(self) -> dict[str, Any] | None:
        try:  # a FIFO, a device or a record too large is refused (OSError)
            record = json.loads(read_regular(self.path, LIMIT))
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(record, dict) or record.get("names") != self.names:
            return None
        try:
            self.was = inputs.from_json(record["inputs"])
        except (KeyError, TypeError):
            return None
        return record

    def replayed(self, holding: contextlib.ExitStack) -> list[Replay] | None:
        """Each set's kept run when the record holds, checked holding every folder the full
        run locks (`over_sets`), the locks then pushed onto `holding`; else None."""
        record = None if self.off else self._read()
        parts = None if record is None else record.get("sets")
        was, count = self.was, len(self.sets)
        if record is None or was is None or not isinstance(parts, list) or len(parts) != count:
            return None
        found = [r for r in map(_again, parts) if r is not None]
        if len(found) != len(parts):
            return None
        with contextlib.ExitStack() as held:
            try:
                declared = inputs.declared(self.sets)
                if not self.dry_run:
                    data = [s.data_dir for s in self.sets]
                    folders = [*data, *declared.outside, *map(Path, declared.out_dirs)]
                    held.enter_context(lock.locked([f for f in folders if f.is_dir()]))
                again = inputs.declared(self.sets)  # as it is under the locks
                if not set(again.outside) <= set(declared.outside):
                    return None
                now = inputs.state(again, was, list(was.code))
            except (LockedError, OSError, TtsAssetsError, KeyError, TypeError):
                return None
            if not was.held_by(now):
                return None
            if now != was:  # a file touched, its bytes the same: its new signature kept
                _write(self.path, {**record, "inputs": now.as_json()})
            holding.push(held.pop_all())
        self.replays = found
        return found

    def start(self) -> None:
        if self.off:
            return
        try:
            self.before = inputs.state(inputs.declared(self.sets), self.was, [])
        except (OSError, TtsAssetsError):
            self.before = None

    def run(
        self,
        reporter: Reporter,
        full: Callable[[Reporter], Summary],
        call: Callable[..., object] = lambda fn, *args: fn(*args),
    ) -> Summary:
        """The next set's run: told again from the record (through `call`), or `full` with
        what it tells noted (so the set's own `generate` keeps no record of its own)."""
        if self.off:
            return full(reporter)
        told = Telling(reporter)
        if self.replays is None:
            summary = full(told)
        else:
            started = time.monotonic()
            events, summary = self.replays[len(self.runs)]
            tell_again(events, reporter, call)
            summary.seconds = time.monotonic() - started
        self.runs.append((told, summary))
        return summary

    def keep(self) -> bool:
        """Keep the record of a command whose every set had nothing to do and whose inputs
        are as they were when it began; whether kept (never raises)."""
        if self.replays is not None or len(self.runs) != len(self.sets) or _registered():
            return False
        parts = [_part(told, summary) for told, summary in self.runs]
        if self.before is None or any(p is None for p in parts):
            return False
        try:
            after = inputs.state(inputs.declared(self.sets), self.before)
        except (OSError, TtsAssetsError):
            return False
        if not self.before.held_by(after):
            return False  # the run changed what it read (or another did meanwhile)
        return _write(self.path, {"names": self.names, "inputs": after.as_json(), "sets": parts})


@contextlib.contextmanager
def over_sets(
    sets: list[Settings], dry_run: bool, reporter: Reporter | None = None
) -> Iterator[Course]:
    """A command over `sets`: answered from its record when that holds, else run, and its
    record kept after the block when every set had nothing to do. The record is checked
    holding every folder the full run would lock, taken without waiting (it could wait on
    a run that waits on it); a folder held or gone is the full run."""
    course = Course(sets, dry_run, reporter)
    with contextlib.ExitStack() as holding:
        if course.replayed(holding) is not None:
            yield course
            return
    course.start()
    yield course
    course.keep()


def _part(told: Telling, summary: Summary) -> dict[str, object] | None:
    """What a record keeps of one set's run, when it had nothing to do and a replay tells
    it again line for line; else None."""
    # One that made, wrote, found wrong and will show nothing (a person's URLs kept, as an
    # adopted course keeps them run after run, are said again).
    done: list[object] = [summary.exit_code, summary.generated, summary.written]
    done += [summary.replacing, summary.shard, summary.listening]  # a shard's, one heard
    shown = (summary.planned, summary.readings, summary.clips)
    kept = (FileWriteBack(f.path, kept=f.kept, gone=f.gone) for f in summary.write_back)
    same = map(lambda f, k: f.as_json() == k.as_json(), summary.write_back, kept)
    keep = told.keepable and not any(done) and not any(any(True for _ in s) for s in shown)
    body = {k: _plain(getattr(summary, k)) for k in _KEPT} if keep and all(same) else None
    rebuilt = rebuilt_summary(body)  # None for no body
    if rebuilt is None:
        return None
    rebuilt.seconds = summary.seconds
    if rebuilt.as_json() != summary.as_json() or rebuilt.lines() != summary.lines():
        return None
    return {"told": told.events, "summary": body}


def _write(path: Path, record: dict[str, object]) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(record).encode())
    except OSError:
        return False
    return True


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [_plain(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(map(_plain, value))  # type: ignore[type-var]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, Path) else value


def _again(part: object) -> Replay | None:
    """What one set's run told (`Event`s) and its summary; None when `part` is not one."""
    try:
        found = _of(dict, part)
        events = [[e[0], *_typed(_EVENTS[e[0]], e[1:])] for e in _of(list, found["told"])]
    except (TypeError, KeyError, IndexError, ValueError):
        return None
    summary = rebuilt_summary(found.get("summary"))
    return None if summary is None else (events, summary)


def rebuilt_summary(body: object) -> Summary | None:
    if not isinstance(body, dict) or set(body) != set(_KEPT):
        return None
    hints = typing.get_type_hints(Summary)
    try:
        return Summary(**{k: _typed(hints[k], body[k]) for k in _KEPT})
    except (TypeError, ValueError):
        return None


def _typed(hint: Any, value: object) -> Any:
    """`value` (as `_plain` wrote it) as a `hint` says; TypeError where it is not one."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        fields, hints = dataclasses.fields(hint), typing.get_type_hints(hint)
        items = _of(list, value)  # every field's, in order (a shorter list: ValueError)
        return hint(*(_typed(hints[f.name], v) for f, v in zip(fields, items, strict=True)))
    if origin is types.UnionType:  # `str | None`
        return None if value is None and type(None) in args else _typed(args[0], value)
    if origin is dict:
        return {_typed(args[0], k): _typed(args[1], v) for k, v in _of(dict, value).items()}
    if origin is tuple and args[-1] is not Ellipsis:  # a pair, `(place, reason)`
        return tuple(_typed(a, v) for a, v in zip(args, _of(list, value), strict=True))
    if origin in (list, tuple, frozenset):
        return origin(_typed(args[0], v) for v in _of(list, value))
    if hint is Path:
        return Path(_of(str, value))
    if hint is int and _of(int, value) < 0:
        raise TypeError("not a count")
    return _of(hint, value)


def _of(kind: type[T], value: object) -> T:
    if type(value) is not kind:
        raise TypeError(f"not a {kind.__name__}")
    return value


def tell_again(events: list[Event], reporter: Reporter, call: Callable[..., object]) -> None:
    """Tell `reporter` (through `call`) what the kept run told it, in order (of its plan,
    the counts: such a reporter reads no more of it)."""
    for event in events:
        if event[0] == "notice":
            call(reporter.notice, event[1])
        elif event[0] == "planned":
            clips, new, present, workers = cast(list[int], event[1:])
            none = cast(list[Clip], [None])
            call(reporter.planned, Plan(none * clips, none * new, none * present, {}), workers)
