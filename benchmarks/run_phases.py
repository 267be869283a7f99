"""Where a real run's and verify's memory goes, phase by phase.

    python -m benchmarks.run_phases DATA OUT generate           # RSS at each phase
    python -m benchmarks.run_phases DATA OUT verify --traced    # Python's own allocations

Runs `generate` (no dry run: the path a real run takes, planned in full) or `verify` in
this process on a course already made (`benchmarks.scale`'s, its out dir filled by
`benchmarks.fill_store` and its URLs written back), with the functions that make up its
phases wrapped: each call's memory when it starts and ends, and the highest it reached
inside. Without `--traced` the figures are the process's resident set (`VmRSS`, its peak
`VmHWM` reset at each call through `/proc/self/clear_refs`); with it, Python's own
allocations (`tracemalloc`, slower), and at the point `--at` names (the phase whose start
holds the whole plan) the allocations still held, grouped by the innermost module of
tts_assets that made them. Set `TTS_ASSETS_CACHE_DIR` to the course's own cache: the kept
plan of an earlier run is removed first, so the command plans in full.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import shutil
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MIB = 1024 * 1024

PHASES = {
    "generate": (  # each window surveyed, then made and written back
        "tts_assets.store.manifest:Store._load",
        "tts_assets.planning.course:judged",
        "tts_assets.planning.course:plan_content",
        "tts_assets.planning.course:find_regaps",
        "tts_assets.planning.course:said",
        "tts_assets.commands.tally:Tally.add",
        "tts_assets.commands.tally:recover",
        "tts_assets.making.backfill:untimed_said",
        "tts_assets.commands.generate:record",
        "tts_assets.commands.tally:dead_urls_of",
        "tts_assets.commands.kept:Course.keep",
    ),
    "verify": (  # each window planned and checked
        "tts_assets.store.manifest:Store._load",
        "tts_assets.planning.course:judged",
        "tts_assets.planning.course:plan_content",
        "tts_assets.planning.course:said",
        "tts_assets.commands.verify:_Windows.add",
        "tts_assets.commands.verify:check_files",
        "tts_assets.commands.verify:check_texts",
        "tts_assets.commands.verify:check_leftovers",
        "tts_assets.commands.verify:check_damaged",
        "tts_assets.commands.verify:check_unused",
    ),
}
"""The functions wrapped, `module:attribute` (a method as `Class.name`), in the order a
command reaches them."""

AT = {
    "generate": "tts_assets.commands.kept:Course.keep",
    "verify": "tts_assets.commands.verify:check_damaged",
}
"""Where the held allocations are grouped by default: every window made, before the end
(verify's: every window checked, the manifest and the course's index held)."""


def rss() -> tuple[float, float]:
    """The resident set and its peak since the last reset, in MiB."""
    found: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0]) / 1024
    return found["VmRSS"], found["VmHWM"]


def reset_peak_rss() -> None:
    Path("/proc/self/clear_refs").write_text("5")


@dataclass
class Frame:
    seq: int
    name: str
    start: float
    high: float


@dataclass
class Phases:
    """The calls seen, each with its memory at start and end and the highest inside."""

    traced: bool
    at: str
    rows: list[tuple[int, int, str, float, float, float, float]] = field(default_factory=list)
    started: int = 0
    stack: list[Frame] = field(default_factory=list)
    held: list[tuple[str, float, int]] = field(default_factory=list)

    def now(self) -> tuple[float, float]:
        if self.traced:
            current, peak = tracemalloc.get_traced_memory()
            return current / MIB, peak / MIB
        return rss()

    def reset(self) -> None:
        if self.traced:
            tracemalloc.reset_peak()
        else:
            reset_peak_rss()

    def enter(self, name: str) -> None:
        if name == self.at and self.traced and not self.held:
            self.held = grouped(tracemalloc.take_snapshot())
        current, peak = self.now()
        if self.stack:
            self.stack[-1].high = max(self.stack[-1].high, peak)
        self.started += 1
        self.stack.append(Frame(self.started, name, current, current))
        self.reset()

    def leave(self, seconds: float) -> None:
        current, peak = self.now()
        frame = self.stack.pop()
        frame.high = max(frame.high, peak)
        if self.stack:
            self.stack[-1].high = max(self.stack[-1].high, frame.high)
        depth = len(self.stack)
        self.rows.append((frame.seq, depth, frame.name, frame.start, current, frame.high, seconds))
        self.reset()

    def wrap(self, spec: str) -> None:
        module_name, _, attribute = spec.partition(":")
        owner: Any = importlib.import_module(module_name)
        *path, last = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        inner: Callable[..., Any] = getattr(owner, last)
        short = f"{module_name.rsplit('.', 1)[-1]}.{attribute}"

        @functools.wraps(inner)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            self.enter(short)
            started = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                self.leave(time.process_time() - started)

        setattr(owner, last, wrapped)
        if self.at == spec:
            self.at = short


def grouped(snapshot: tracemalloc.Snapshot) -> list[tuple[str, float, int]]:
    """The allocations held, by the innermost line of tts_assets that made them (a
    document's or the manifest's objects are the line's that called the decoder):
    (place, MiB, blocks), largest first."""
    sizes: dict[str, list[float]] = {}
    for stat in snapshot.statistics("traceback"):
        frames = list(reversed(stat.traceback))  # the innermost first
        frame = next((f for f in frames if "tts_assets/" in f.filename), frames[0])
        found = sizes.setdefault(_short(str(frame)), [0.0, 0])
        found[0] += stat.size / MIB
        found[1] += stat.count
    ordered = sorted(sizes.items(), key=lambda kv: -kv[1][0])
    return [(place, size, int(count)) for place, (size, count) in ordered]


def _short(place: str) -> str:
    return place.split("tts_assets/", 1)[-1] if "tts_assets/" in place else place.rsplit("/", 1)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("command", choices=sorted(PHASES))
    parser.add_argument("--traced", action="store_true", help="tracemalloc, not RSS")
    parser.add_argument("--at", help="the phase whose start groups what is held")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--window", type=int, help="the texts of a window (a small course's many)")
    args = parser.parse_args()
    cache = os.environ.get("TTS_ASSETS_CACHE_DIR")
    if cache is None:
        raise SystemExit("set TTS_ASSETS_CACHE_DIR to the course's cache")
    from tts_assets.commands.kept import FOLDER

    shutil.rmtree(Path(cache) / FOLDER, ignore_errors=True)  # planned in full
    if args.traced:
        tracemalloc.start(6)
    phases = Phases(args.traced, args.at or AT[args.command])
    for spec in PHASES[args.command]:
        phases.wrap(spec)
    from tts_assets.settings.config import Settings

    if args.window is not None:
        from tts_assets.content import windows

        windows.WINDOW_TEXTS = args.window

    settings = Settings(data_dir=args.data, out_dir=args.out)
    phases.enter("whole command")
    started = time.process_time()
    if args.command == "generate":
        from tts_assets.commands.generate import generate

        summary = generate(settings)
        said = f"generated {summary.generated}, written {len(summary.written)}"
    else:
        from tts_assets.commands.verify import verify

        report = verify(settings)
        said = report.lines()[-1]
    phases.leave(time.process_time() - started)
    what = "traced MiB" if args.traced else "RSS MiB"
    print(f"{args.command}: {said}")
    print(f"| phase ({what}) | at start | at end | highest inside | CPU s |")
    print("|---|---|---|---|---|")
    for _, depth, name, start, end, high, seconds in sorted(phases.rows):
        print(f"| {'  ' * depth}{name} | {start:,.1f} | {end:,.1f} | {high:,.1f} | {seconds:.2f} |")
    if phases.held:
        total = sum(size for _, size, _ in phases.held)
        print(f"\nheld at the start of {phases.at}: {total:,.1f} MiB traced")
        print("| made in | MiB | blocks |")
        print("|---|---|---|")
        for name, size, count in phases.held[: args.top]:
            print(f"| {name} | {size:,.1f} | {count:,} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
