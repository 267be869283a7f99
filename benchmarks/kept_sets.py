"""A course of several content sets (`[[sets]]`, the seed app's shape), run again with
nothing to do: the kept plan of the whole command, old code beside new.

    python -m benchmarks.kept_sets --texts 120000 --sets 8 --before /tmp/old

The content is `benchmarks.scale`'s (the sample in `data/` copied, about half the texts
repeating), split into `--sets` data folders of about the same number of copies, each a
set of one config, all sharing one out dir filled without synthesis (`fill_store`); a first
run writes the URLs back. Then each command twice per checkout, the checkouts taking turns,
each with its own readings cache and kept plans: `no-op` (`generate --json`) and `dry run`
(`generate --dry-run --json`). Each cell: CPU seconds (user + system, `wait4`) and peak RSS.
Printed, not written into BENCHMARKS.md (the numbers are quoted there by hand).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks._support import ROOT, load_average
from benchmarks.scale import _env, run, texts_per_copy, write_course
from tts_assets.store.database import DATABASE_ENV


def build(project: Path, texts: int, sets: int) -> None:
    """The course of `sets` sets in `project`, its out dir filled and its URLs written."""
    per_copy = texts_per_copy()
    count = max(sets, round(texts / per_copy))
    blocks = []
    for k in range(sets):
        share = count // sets + (1 if k < count % sets else 0)
        write_course(project / f"set{k}", share, first=k * (count // sets + 1))
        blocks.append(f'[[sets]]\nname = "set{k}"\ndata_dir = "set{k}"\nout_dir = "out"\n')
    (project / "tts-assets.toml").write_text("\n".join(blocks), encoding="utf-8")
    (project / "out").mkdir()
    env = _env(ROOT, project / "fill-cache")
    env[DATABASE_ENV] = str(10**12)  # a JSON manifest, which every checkout reads
    for k in range(sets):
        subprocess.run(
            [sys.executable, "-m", "benchmarks.fill_store", f"set{k}", "out"],
            cwd=project,
            env=env,
            check=True,
            capture_output=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=120000)
    parser.add_argument("--sets", type=int, default=8)
    parser.add_argument("--before", type=Path, help="another checkout, measured beside")
    parser.add_argument("--scratch", type=Path, help="where the course goes (default: a temp)")
    args = parser.parse_args()
    checkouts = [("before", args.before.resolve())] if args.before else []
    checkouts.append(("after" if args.before else "this checkout", ROOT))
    print(f"load average {load_average()} at the start", flush=True)
    with tempfile.TemporaryDirectory(prefix="tts-assets-sets-", dir=args.scratch) as scratch:
        project = Path(scratch)
        build(project, args.texts, args.sets)
        for name, path in checkouts:  # the URLs written back once; each cache warmed
            run(path, project / f"cache-{name}", ["generate", "--json"], project)
        texts = None
        for command in ("no-op", "no-op", "dry run", "dry run"):
            argv = ["generate", "--json", *(["--dry-run"] if command == "dry run" else [])]
            for name, path in checkouts:
                cost, out = run(path, project / f"cache-{name}", argv, project)
                doc = json.loads(out)
                made = sum(s["generated"] for s in doc["sets"])
                texts = sum(t["texts"] for s in doc["sets"] for t in s["types"].values())
                if made or doc["exit_code"]:
                    raise SystemExit(f"{name}: {command} is not a no-op")
                print(
                    f"{texts:,} texts in {args.sets} sets: {command}, {name}: "
                    f"{cost.cpu:.2f} s CPU, {cost.rss:,.0f} MiB",
                    flush=True,
                )
    print(f"load average {load_average()} at the end")


if __name__ == "__main__":
    main()
