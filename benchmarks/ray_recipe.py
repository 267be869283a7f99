"""The Ray recipe's own costs as a course grows, and the per-clip cost of synthesis.

    python -m benchmarks.ray_recipe --texts 12000,120000     # prints its rows
    python -m benchmarks.ray_recipe --synthesis 10,40 --texts ''   # Kokoro and espeak

`examples/ray/voice_course.py` spends, besides the clips' synthesis on its actors:

- the driver's plan, `tts_assets.missing_clips(settings)`: the course planned whole and
  every missing clip kept as plain data (measured with the readings cache cold, as a
  course's first run has it, and warm);
- each batch's plan, `tts_assets.make_batch(settings, keys, folder)`: the same content
  planned again by the actor before it makes its keys (measured with the out dir still
  empty and a batch of one key whose clip its folder already holds, so that only the
  planning is counted: it makes nothing);
- `tts_assets.merge(out_dir, folders)`: every clip of the folders checked and copied in
  (the folder filled without synthesis by `benchmarks.fill_store`, one real clip under
  every name, as the actors would have made it);
- the final `tts_assets.generate(settings)`: every clip present, the URLs written back.

With `--by-set` the course is split by set and type: the same costs, each split planned
alone (`split plans`: every type of this one-set content planned in turn, with a
readings cache of its own, cold then warm; `split write-backs`: each type's URLs written
back in turn, from the same unwritten content as `write-back`).

Each step runs in a process of its own, measured from outside (`wait4`: CPU seconds of
user + system, peak RSS), on content built like `benchmarks.scale`'s (the sample copied,
about half the texts repeating). `--synthesis N1,N2` runs `tts-assets generate` on the
first N1, then N2 entries of such a vocabulary (each entry a word and its examples) with
Kokoro, and of an English one with espeak-ng (which reads no kanji), into empty out dirs
(concurrency 1), and gives the CPU seconds a
clip adds from N1 to N2 entries, each run less its dry run (the model's load and the
planning cancel out).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks._support import ROOT, load_average, machine
from benchmarks.scale import texts_per_copy, write_course

MISSING = "import tts_assets as t; print(len(t.missing_clips(S)))"
SPLITS = "import tts_assets as t; from dataclasses import replace\n"
BY_TYPE = "for y in TYPES: "
STEPS = {
    "missing_clips, cold": MISSING,
    "missing_clips, warm": MISSING,
    "split plans, cold": SPLITS + BY_TYPE + "print(len(t.missing_clips(replace(S, type=y))))",
    "split plans, warm": SPLITS + BY_TYPE + "print(len(t.missing_clips(replace(S, type=y))))",
    "a batch's plan": (
        "import shutil, tts_assets as t; m = json.loads(Path('filled/manifest.json').read_text());"
        "c = m['clips'][0]; m['clips'] = [c]; b = P / 'batch';"
        "(b / c['path']).parent.mkdir(parents=True, exist_ok=True);"
        "shutil.copy(Path('filled') / c['path'], b / c['path']);"
        "(b / 'manifest.json').write_text(json.dumps(m));"
        "r = t.make_batch(S, [c['key']], b); print(r.generated)"
    ),
    "merge": (
        "import tts_assets as t; r = t.merge(S.out_dir, [P / 'filled']);"
        "print(json.dumps(r.as_json())[:200])"
    ),
    "write-back": (
        "import tts_assets as t; r = t.generate(S); assert r.generated == 0, r.generated;"
        "print(len(r.written))"
    ),
    "split write-backs": (
        SPLITS + "n = 0\n" + BY_TYPE + "r = t.generate(replace(S, type=y));"
        " assert r.generated == 0, r.generated; n += len(r.written)\nprint(n)"
    ),
}
"""Each step's code, run with `SETUP` before it. A split is one type of the course (a
`--by-set` actor's share: this content is one set); a "split" step runs every split in
turn in one process, as an actor or the driver does."""
TYPES = ("grammar", "kanji", "reading", "vocabulary")
SETUP = (
    "import json, os, sys; from pathlib import Path; P = Path(sys.argv[1]); os.chdir(P);"
    "from tts_assets.settings.config import Settings;"
    "S = Settings(data_dir=Path('data'), out_dir=Path('out'));"
    f"TYPES = {TYPES!r};"
)


@dataclass
class Cost:
    cpu: float
    rss: float
    wall: float
    out: str
    """What it printed."""

    @property
    def said(self) -> str:
        """The last line it printed."""
        return (self.out.strip().splitlines() or [""])[-1]


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TTS_ASSETS_")}
    env["PYTHONPATH"] = str(ROOT)
    env["TTS_ASSETS_CACHE_DIR"] = str(cache)
    return env


def child(args: list[str], cwd: Path, cache: Path) -> Cost:
    """`python ARGS` in `cwd`: its CPU (user + system, its children's too), peak RSS, wall
    time and last line printed; SystemExit with its stderr when it fails."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, *args], cwd=cwd, env=_env(cache), stdout=out, stderr=err
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{' '.join(args)}: {err.read().decode(errors='replace')[-3000:]}")
        printed = out.read().decode(errors="replace")
    return Cost(usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, wall, printed)


def recipe(texts: int, per_copy: int, scratch: Path) -> tuple[int, dict[str, Cost]]:
    """Each step's cost at about `texts` texts: (clips, costs by step)."""
    project = scratch / f"course-{texts}"
    shutil.rmtree(project, ignore_errors=True)
    write_course(project / "data", max(1, round(texts / per_copy)))
    (project / "out").mkdir()
    cache = scratch / f"cache-{texts}"
    shutil.rmtree(cache, ignore_errors=True)
    costs: dict[str, Cost] = {}
    for step, code in STEPS.items():
        if step == "a batch's plan":  # the actors' clips, made without synthesis
            fill = ["-m", "benchmarks.fill_store", "data", "filled"]
            costs["(fill, not the recipe's)"] = child(fill, project, cache)
            shutil.copytree(project / "data", project / "unwritten")
        if step == "split write-backs":  # the URLs not yet written, as before the first
            shutil.rmtree(project / "data")
            (project / "unwritten").rename(project / "data")
        own = cache.with_name(cache.name + "-splits") if step.startswith("split plans") else cache
        costs[step] = child(["-c", SETUP + code, str(project)], project, own)
        cost = costs[step]
        print(f"{texts}: {step}: {cost.cpu:.2f} s, {cost.rss:.0f} MiB: {cost.said}", flush=True)
    clips = int(costs["missing_clips, cold"].said)
    shutil.rmtree(project, ignore_errors=True)
    return clips, costs


def english(entries: int) -> list[dict[str, Any]]:
    """A vocabulary of `entries` English words, each with an example sentence."""
    words = ("water", "book", "cat", "friend", "train", "weather", "library", "window")
    return [
        {
            "id": f"en-{n}",
            "word": f"{words[n % len(words)]} {n}",
            "examples": [{"sentence": f"The {words[n % len(words)]} was there at {n} past."}],
        }
        for n in range(entries)
    ]


def synthesis(sizes: list[int], scratch: Path) -> dict[str, list[tuple[int, Cost, Cost]]]:
    """By provider, for each of `sizes` (entries of the vocabulary): the clips made, the
    run's cost and its dry run's cost."""
    write_course(scratch / "synth-course", 4)  # new texts past the sample's 34 words
    japanese = json.loads((scratch / "synth-course/vocabulary.json").read_text("utf-8"))
    found: dict[str, list[tuple[int, Cost, Cost]]] = {}
    for provider, lang in (("kokoro", "ja"), ("espeak", "en")):
        doc = japanese if lang == "ja" else english(max(sizes))  # espeak-ng reads no kanji
        for words in sizes:
            project = scratch / f"synth-{provider}-{words}"
            (project / "data").mkdir(parents=True)
            (project / "data/vocabulary.json").write_text(json.dumps(doc[:words]), "utf-8")
            cache = scratch / f"synth-cache-{provider}-{words}"
            base = ["-m", "tts_assets", "generate", "--type", "vocabulary"]
            base += ["--provider", provider, "--lang", lang]
            base += ["--data-dir", "data", "--out-dir", "out", "--json"]
            dry = child([*base, "--dry-run"], project, cache)
            run = child([*base, "--concurrency", "1"], project, cache)
            made = int(json.loads(run.out)["generated"])
            found.setdefault(provider, []).append((made, run, dry))
            print(f"{provider}: {made} clips: {run.cpu:.2f} s (dry {dry.cpu:.2f} s)", flush=True)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", default="12000,120000")
    parser.add_argument("--synthesis", default="", help="entries to synthesize: N1,N2")
    parser.add_argument("--scratch", type=Path, help="where the courses go (default: a temp)")
    args = parser.parse_args()
    load, started = load_average(), time.perf_counter()
    rows: list[str] = []
    with tempfile.TemporaryDirectory(prefix="tts-assets-ray-", dir=args.scratch) as tmp:
        scratch = Path(tmp)
        if args.synthesis:
            sizes = [int(n) for n in args.synthesis.split(",")]
            for provider, runs in synthesis(sizes, scratch).items():
                (m1, r1, d1), (m2, r2, d2) = runs[0], runs[-1]
                per = ((r2.cpu - d2.cpu) - (r1.cpu - d1.cpu)) / max(m2 - m1, 1)
                made = " / ".join(str(m) for m, _, _ in runs)
                cpu = " / ".join(f"{r.cpu:.1f} s" for _, r, _ in runs)
                dry = " / ".join(f"{d.cpu:.1f} s" for _, _, d in runs)
                rows.append(
                    f"| {provider} | {made} | {cpu} | {dry} | {per:.3f} s "
                    f"| {max(r.rss for _, r, _ in runs):.0f} MiB |"
                )
        per_copy = texts_per_copy() if args.texts else 0
        for asked in (int(n) for n in args.texts.split(",") if n):
            clips, costs = recipe(asked, per_copy, scratch)
            cells = " | ".join(f"{c.cpu:.2f} s, {c.rss:.0f} MiB" for c in costs.values())
            rows.append(f"| {asked:,} | {clips:,} | {cells} |")
            if not any("steps" in r for r in rows):
                rows.insert(0, "| steps | | " + " | ".join(costs) + " |")
    info = machine()
    print(
        f"Measured {info['date']} in {(time.perf_counter() - started) / 60:.1f} min on "
        f"{info['CPU']} ({info['cores']}), load {load} at the start, tts-assets "
        f"{info['tts-assets']}"
    )
    print("\n".join(rows))


if __name__ == "__main__":
    main()
