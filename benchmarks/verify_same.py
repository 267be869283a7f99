"""`verify` of one checkout beside another's: the same report word for word, and its cost.

    python -m benchmarks.verify_same --before /tmp/old --texts 120000 --turns 3
    python -m benchmarks.verify_same --before /tmp/old --course /tmp/course   # built before

The course is `benchmarks.scale`'s (the sample in `data/` copied until it holds about
`--texts` spoken texts, an out dir filled by `benchmarks.fill_store`, the URLs written back
by a first run), kept in `--course` (built there when it holds no `out/`). Beside it, a
damaged copy (`damaged/`: the content copied, the out dir's clips linked, each damaged one
written anew, never through a link):

- the content: a text's URL removed (missing), a URL of another clip of the tool's (stale),
  a text changed (its URL stale), a text emptied with its URL left (gone), an entry removed
  (its clip unused), in the first, middle and last windows of the course;
- the clips: one deleted (missing), one of other bytes of the same size, one cut short
  (corrupt);
- the manifest: a record whose `bytes` is not a number, one whose sha256 is another's.

Each checkout runs `verify` and `verify --json` on both courses, the checkouts taking turns
`--turns` times (a readings cache each; the kept plans are none of verify's). The outputs
must be the same but for the seconds verify took (`checked in N s`, `"seconds"`): else
the differences are printed and the exit is 1. Each cell is CPU seconds (user + system,
verify's hashing process included: `wait4`) and peak RSS, the median turn by CPU.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks._support import ROOT, load_average
from benchmarks.scale import Cost, _env, run, texts_per_copy, write_course
from tts_assets.store.database import DATABASE_ENV

VERIFY = ["verify", "--data-dir", "data", "--out-dir", "out"]
SECONDS = re.compile(r"(checked in |\"seconds\": )[0-9.e+-]+")


def build(course: Path, texts: int) -> None:
    """`benchmarks.scale`'s course of about `texts` texts in `course` (data/, out/), its
    URLs written back by this checkout."""
    shutil.rmtree(course, ignore_errors=True)
    write_course(course / "data", max(1, round(texts / texts_per_copy())))
    (course / "out").mkdir()
    cache = course / "cache"
    env = _env(ROOT, cache)
    env[DATABASE_ENV] = str(10**12)  # a JSON manifest
    fill = [sys.executable, "-m", "benchmarks.fill_store", "data", "out"]
    subprocess.run(fill, cwd=course, env=env, capture_output=True, check=True)
    first = [sys.executable, "-m", "tts_assets", "generate", *VERIFY[1:], "--json"]
    subprocess.run(first, cwd=course, env=env, capture_output=True, check=True)


def _entries(path: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return found


def _write(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _fresh(path: Path, data: bytes) -> None:
    """`path` written anew with `data` (a linked file is unlinked first: its twin stays)."""
    path.unlink(missing_ok=True)
    path.write_bytes(data)


def damage(course: Path, damaged: Path) -> None:
    """A copy of `course` in `damaged`, damaged as the module docstring says."""
    shutil.rmtree(damaged, ignore_errors=True)
    damaged.mkdir(parents=True)
    shutil.copytree(course / "data", damaged / "data")
    subprocess.run(["cp", "-al", str(course / "out"), str(damaged / "out")], check=True)
    out = damaged / "out"
    vocabulary = _entries(damaged / "data" / "vocabulary.json")
    n = len(vocabulary)
    said = Counter(entry.get("audioUrl") for entry in vocabulary)

    def alone(at: int) -> dict[str, Any]:
        """The first entry from `at` on whose clip no other entry's word says, with an example."""
        return next(
            e
            for e in vocabulary[at:]
            if said[e.get("audioUrl")] == 1 and e.get("examples") and e is not vocabulary[-1]
        )

    first, middle, last = vocabulary[1], alone(n // 2), vocabulary[-1]
    clips = [alone(at)["audioUrl"].removeprefix("/audio/") for at in (4, n // 4, 3 * n // 4)]
    records = [alone(at)["examples"][0]["audioUrl"].removeprefix("/audio/") for at in (8, n - 9)]
    del first["audioUrl"]  # missing
    middle["audioUrl"] = first["examples"][0]["audioUrl"]  # another clip of the tool's: stale
    last["word"] += "ゑ"  # a text changed: its URL stale
    removed = vocabulary.pop(n // 3)  # its clips unused, where no other text says them
    alone(2 * n // 3)["examples"][0]["sentence"] = ""  # gone: its URL left
    _write(damaged / "data" / "vocabulary.json", vocabulary)
    missing, other, short = (out / clip for clip in clips)
    missing.unlink()
    size = other.stat().st_size
    _fresh(other, bytes(range(256)) * (size // 256) + bytes(size % 256))
    _fresh(short, short.read_bytes()[: size // 2])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    by_path = {c["path"]: c for c in manifest["clips"]}
    by_path[records[0]]["bytes"] = "many"
    by_path[records[1]]["sha256"] = "0" * 64
    _fresh(out / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
    print(f"damaged: {removed['id']} removed, {missing.name} deleted", flush=True)


Runs = dict[tuple[str, str, str], list[Any]]
"""By (course, flag, checkout): each turn's output (seconds masked) or cost."""


def measure(course: Path, checkouts: dict[str, Path], tmp: Path, turns: int) -> tuple[Runs, Runs]:
    """Each checkout's `verify` and `verify --json` of `course` and its damaged copy, the
    checkouts taking turns `turns` times: (outputs, costs)."""
    caches = {name: tmp / f"cache-{name}" for name in checkouts}
    runs = {
        (where, flag): (course / where, [*VERIFY, *([flag] if flag else [])])
        for where in (".", "damaged")
        for flag in ("", "--json")
    }
    outputs: Runs = {}
    costs: Runs = {}
    for name, checkout in checkouts.items():  # each readings cache filled: untimed
        run(checkout, caches[name], VERIFY, course)
    for turn in range(turns):
        for (where, flag), (cwd, argv) in runs.items():
            for name, checkout in checkouts.items():
                cost, out = run(checkout, caches[name], argv, cwd)
                outputs.setdefault((where, flag, name), []).append(SECONDS.sub(r"\1N", out))
                costs.setdefault((where, flag, name), []).append(cost)
                print(f"turn {turn + 1}, {where} {flag or 'plain'}, {name}: {cost}", flush=True)
    return outputs, costs


def compared(outputs: Runs, costs: Runs, names: list[str]) -> bool:
    """Print each run's outputs compared (every turn's, the first checkout's against each
    other's) and its median costs: whether every output was the same."""
    alike = True
    for where, flag in dict.fromkeys((w, f) for w, f, _ in outputs):
        first = outputs[where, flag, names[0]]
        same = all(outputs[where, flag, name] == first for name in names)
        alike = alike and same and len(set(first)) == 1
        cells = []
        for name in names:
            each: list[Cost] = costs[where, flag, name]
            median = sorted(each, key=lambda c: c.cpu)[len(each) // 2]
            turns = ", ".join(f"{c.cpu:.2f}" for c in each)
            cells.append(f"{name} {median.cpu:.2f} s, {median.rss:,.0f} MiB ({turns})")
        verdict = "the same" if same else "DIFFERENT"
        lines = len(first[0].splitlines())
        print(f"{where} {flag or 'plain'}: {verdict} ({lines} lines); " + "; ".join(cells))
        for name in names[1:]:
            for old, new in zip(first, outputs[where, flag, name], strict=True):
                diff = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm=""))
                if diff:
                    print("\n".join(diff[:40]))
    return alike


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="the checkout compared (required)")
    parser.add_argument("--texts", type=int, default=120000)
    parser.add_argument("--turns", type=int, default=3)
    parser.add_argument("--course", type=Path, help="where the course is kept (default: temp)")
    parser.add_argument("--damage", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.damage is not None:  # in a process of its own: the peaks measured are verify's
        damage(args.damage, args.damage / "damaged")
        return
    if args.before is None:
        parser.error("--before: the checkout to compare with is required")
    with tempfile.TemporaryDirectory(prefix="tts-assets-verify-same-") as tmp:
        course = args.course or Path(tmp) / "course"
        if not (course / "out").is_dir():
            build(course, args.texts)
        # Damaged by a process of its own: a child's peak RSS starts at its parent's (Linux
        # keeps it across exec), and the manifest parsed here would be it.
        damaging = [sys.executable, "-m", "benchmarks.verify_same", "--damage", str(course)]
        subprocess.run(damaging, check=True, env=_env(ROOT, Path(tmp)))
        checkouts = {"before": args.before.resolve(), "after": ROOT}
        print(f"load average {load_average()}", flush=True)
        outputs, costs = measure(course, checkouts, Path(tmp), args.turns)
        print(f"load average {load_average()}", flush=True)
        alike = compared(outputs, costs, list(checkouts))
    print("every output the same" if alike else "OUTPUTS DIFFER")
    sys.exit(0 if alike else 1)


if __name__ == "__main__":
    main()
