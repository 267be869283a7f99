"""A kept plan: a run that would do what the last one did, with nothing to do, says so
without planning the course again (issue 62).

A run (or a dry run) that planned the whole course and had nothing to make, write or
report as wrong keeps a small record in the cache folder (`kept-plans/`): its summary, what
it told the reporter, and the state of every input it read, found by tracing the run
(`commands.trace`: the files it opened, the folders it listed, what it asked `os.stat`,
the environment it read, the tool's own code) beside what names the run (the tool's
version, Python's, the settings, the folders, the machine's CPUs, every `TTS_ASSETS_`
variable). A record is kept only when every input is, at the run's end, as the run found
it, and when the summary rebuilt from the record is the run's own, line for line and in
`--json` (the time aside).

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
import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..dirs import cache_folder
from ..features import registry as features
from ..frontends.base import package_version
from ..planning.plan import Clip, Plan, TypeCounts
from ..providers import registry as providers
from ..writeback.update import FileWriteBack
from .summary import Summary
from .trace import Inputs, file_state, tracing

__all__ = ["Telling", "keep", "kept_record", "replay", "tell_again", "tracing"]

if TYPE_CHECKING:
    from ..making.hooks import Reporter
    from ..settings.config import Settings

FORMAT = 1
LIMIT = 256 << 20
"""A record larger than this is not read (a course of millions of clips is planned)."""
FOLDER = "kept-plans"
_COUNTS = tuple(TypeCounts.__dataclass_fields__)
_SUMMARY_KEYS = {
    *("counts", "skipped", "notes", "present", "workers", "billable", "dry_run", "write_back")
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

    def planned(self, plan: Plan, workers: int) -> None:
        self.events.append(["planned", len(plan.clips), len(plan.new), len(plan.present), workers])
        self.reporter.planned(plan, workers)

    def progress(self, progress: Any) -> None:
        self.keepable = False
        self.reporter.progress(progress)

    def notice(self, message: str) -> None:
        self.events.append(["notice", message])
        self.reporter.notice(message)


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
        "settings": repr(settings),
        "cpus": [os.cpu_count(), cpus],
        "env": sorted([k, v] for k, v in os.environ.items() if k.startswith("TTS_ASSETS_")),
    }
    found: dict[str, object] = json.loads(json.dumps(names))  # as a record reads back
    return found


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
    if inputs is None or inputs.doubt is not None or not told.keepable or _registered():
        return False
    body = _summary_body(summary)
    if body is None or not _tellings_fit(told.events, dry_run):
        return False
    _own_code(inputs)
    if inputs.changed() is not None:
        return False  # the run changed what it read (or another did meanwhile)
    rebuilt = rebuilt_summary(body)
    if rebuilt is None or not _same(rebuilt, summary):
        return False
    record = {
        "names": _names(settings, dry_run),
        "inputs": {
            "files": inputs.files,
            "listed": inputs.listed,
            "stats": inputs.stats,
            "env": inputs.env,
        },
        "told": told.events,
        "summary": body,
    }
    try:
        write_atomically(record_path(settings, dry_run), json.dumps(record).encode())
    except OSError:
        return False
    return True


def _did_nothing(summary: Summary) -> bool:
    """Whether `summary` is of a run that made, wrote, found wrong and will show nothing."""
    if summary.interrupted or summary.fatal is not None or summary.generated:
        return False
    if summary.shard is not None or summary.listening is not None or summary.exit_code:
        return False
    for empty in ("failures", "refused", "written", "not_written", "replacing", "kept"):
        if getattr(summary, empty):
            return False
    for empty in ("dead", "unfetched", "planned"):
        if getattr(summary, empty):
            return False
    if any(True for _ in summary.readings) or any(True for _ in summary.clips):
        return False
    # A file's write-back that did something.
    return all(f.as_json() == FileWriteBack(f.path).as_json() for f in summary.write_back)


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
        "write_back": [str(f.path) for f in summary.write_back],
    }


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


def write_atomically(path: Path, data: bytes) -> None:
    """`data` at `path`, through a temporary file renamed over it (fsynced first)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            write_all(out, data)
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
    try:
        path = record_path(settings, dry_run)
        with open(path, "rb") as found:
            raw = found.read(LIMIT + 1)
        if len(raw) > LIMIT:
            return None
        record = json.loads(raw)
        if not isinstance(record, dict) or record.get("names") != _names(settings, dry_run):
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
            stats=_states(got["stats"]),
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
            write_back=[FileWriteBack(Path(_text(p))) for p in body["write_back"]],
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
    summary = rebuilt_summary(record.get("summary"))
    events = _events(record.get("told"))
    if summary is None or events is None or not holds(record):
        return None
    summary.seconds = time.monotonic() - started
    return events, summary


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


def tell_again(
    events: list[Event], reporter: Reporter, call: Callable[..., object], *, before: bool
) -> None:
    """Tell `reporter` (through `call`) what the kept run told it: its notices (`before`),
    or its plan (the counts of its clips: such a reporter reads no more of it)."""
    for event in events:
        if before and event[0] == "notice":
            call(reporter.notice, event[1])
        elif not before and event[0] == "planned":
            clips, new, present, workers = cast(list[int], event[1:])
            none = cast(list[Clip], [None])
            call(reporter.planned, Plan(none * clips, none * new, none * present, {}), workers)
