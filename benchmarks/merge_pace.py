"""`tts-assets merge` as the clips grow, old code beside new (the merge's manifest).

    python -m benchmarks.merge_pace --texts 12000,60000 --before DIR
    python -m benchmarks.merge_pace --texts 120000     # this checkout alone
    python -m benchmarks.merge_pace --texts 120000 --manifests json,database

A folder filled without synthesis (`benchmarks.fill_store`, one real clip under every
name) on content built like `benchmarks.scale`'s is merged into an empty out dir by each
checkout in turn (`tts-assets merge OUT FILLED`); each cell is the merge's CPU seconds
(user + system, `wait4`) and its CPU per thousand clips, which stays flat when the merge
is linear in its clips. `--manifests json,database` merges with each out dir's manifest in
each form in turn (a database: `TTS_ASSETS_MANIFEST_DATABASE_FROM=0`). Prints its rows
(BENCHMARKS.md quotes them).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import benchmarks.scale as scale
from benchmarks._support import ROOT, load_average
from benchmarks.scale import Cost, run, texts_per_copy, write_course


def _filled(texts: int, per_copy: int, scratch: Path) -> tuple[Path, int]:
    """A data folder of about `texts` texts and a folder holding every clip of it."""
    project = scratch / f"course-{texts}"
    write_course(project / "data", max(1, round(texts / per_copy)))
    subprocess.run(
        [sys.executable, "-m", "benchmarks.fill_store", "data", "filled"],
        cwd=project,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    clips = sum(1 for _ in (project / "filled").rglob("*.mp3"))
    return project, clips


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", default="12000,60000")
    parser.add_argument("--before", type=Path, help="the old checkout (none: this one alone)")
    parser.add_argument(
        "--manifests", default="json", help="the out dir's manifest forms, each in turn"
    )
    args = parser.parse_args()
    forms = {"json": None, "database": "0"}
    lines = [(form, forms[form.strip()]) for form in args.manifests.split(",")]
    per_copy = texts_per_copy()
    checkouts = [("before", args.before.resolve())] if args.before else []
    checkouts.append(("after", ROOT))
    print(f"load average at the start: {load_average()}")
    with tempfile.TemporaryDirectory(prefix="tts-assets-merge-") as tmp:
        scratch = Path(tmp)
        for texts in (int(t) for t in args.texts.split(",")):
            project, clips = _filled(texts, per_copy, scratch)
            costs: dict[str, Cost] = {}
            for form, line in lines:
                scale.MANIFEST_LINE = line
                for name, checkout in checkouts:
                    out = project / f"out-{name}"
                    cost, _ = run(
                        checkout, scratch / f"cache-{name}", ["merge", str(out), "filled"], project
                    )
                    costs[f"{name}, {form}"] = cost
                    shutil.rmtree(out)
            cells = " | ".join(
                f"{c.cpu:.2f} s, {c.rss:.0f} MiB ({1000 * c.cpu / clips:.2f} s a 1,000 clips)"
                for c in costs.values()
            )
            print(f"| clips | {' | '.join(costs)} |")
            print(f"| {clips:,} | {cells} |", flush=True)
            shutil.rmtree(project)


if __name__ == "__main__":
    main()
