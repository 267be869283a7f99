"""A run in windows whose windows each make clips: its providers opened once, or for each window.

    python -m benchmarks.windows_providers              # print the table (BENCHMARKS.md by hand)
    python -m benchmarks.windows_providers --before REV # the code to compare with

A course of `--texts` new words in folders of `--window` (one file each: a window a folder,
`content.windows.WINDOW_TEXTS` set to `--window` in the child) is run by `tts-assets
generate` on this checkout and on the code of `--before` (a `git archive` of that commit),
taking turns, each on a fresh copy of the course, over one cache folder warmed first. Each
run's CPU seconds (user + system, its worker processes with it) and peak RSS (its largest
process) come from `os.wait4`; a counting wrapper of the provider's `open` and `aclose` (and
of espeak-ng's worker processes started) reports how often each ran. The clips and the
content files written must be the same bytes on both sides.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks._support import ROOT, exported, load_average

WORDS = {
    "kokoro": "水 山 川 空 雨 火 木 金 土 日 月 花 犬 猫 鳥 魚 手 目 耳 口 足 本 車 町 村 森 海 "
    "石 糸 竹 虫 貝 雪 風 星 光 声 色 夏 冬",
    "espeak": "water mountain river sky rain fire tree gold earth sun moon flower dog cat bird "
    "fish hand eye ear mouth foot book car town village forest sea stone thread bamboo insect "
    "shell snow wind star light voice colour summer winter",
}
LANG = {"kokoro": "ja", "espeak": "en"}

CHILD = r"""
import atexit, collections, json, os, sys
from tts_assets.content import windows
windows.WINDOW_TEXTS = int(os.environ["WINDOW"])
counts = collections.Counter()
from tts_assets.providers import registry
cls = registry.get(sys.argv[1])
def counted(name):
    real = getattr(cls, name)
    async def wrapper(self):
        counts[name] += 1
        return await real(self)
    setattr(cls, name, wrapper)
counted("open")
counted("aclose")
try:
    from tts_assets.providers import espeak_workers
    started = espeak_workers.Worker.__init__
    def worker(self):
        counts["worker processes"] += 1
        started(self)
    espeak_workers.Worker.__init__ = worker
except ImportError:
    pass
atexit.register(lambda: print("COUNTS " + json.dumps(counts), file=sys.stderr))
sys.argv[1:] = ["generate", "--json"]
from tts_assets.cli.app import main
main()
"""


def course(folder: Path, provider: str, texts: int, window: int) -> None:
    """`texts` new words of `provider`'s language in folders of `window` words, one file each."""
    if folder.exists():
        shutil.rmtree(folder)
    words = WORDS[provider].split()[:texts]
    if len(words) < texts:
        sys.exit(f"{provider} has {len(words)} words here, not {texts}")
    (folder / "tts-assets.toml").parent.mkdir(parents=True)
    (folder / "tts-assets.toml").write_text(
        f'lang = "{LANG[provider]}"\nprovider = "{provider}"\n[types.vocabulary]\n'
        'file = "*/vocabulary.json"\nfields = [{ text = "word", url = "audioUrl" }]\n',
        encoding="utf-8",
    )
    for n in range(0, texts, window):
        path = folder / f"data/f{n // window:03d}/vocabulary.json"
        path.parent.mkdir(parents=True)
        entries = [{"id": f"{n + i}", "word": w} for i, w in enumerate(words[n : n + window])]
        path.write_text(json.dumps(entries, ensure_ascii=False, indent=2) + "\n", "utf-8")


def run(code: Path, folder: Path, provider: str, window: int, cache: Path) -> dict[str, Any]:
    """One `generate` of the course in `folder` on the package at `code`: its CPU seconds,
    peak RSS (MiB), the counts of its provider's calls, and a digest of what it wrote."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TTS_ASSETS_")}
    env.update(PYTHONPATH=str(code), TTS_ASSETS_CACHE_DIR=str(cache), WINDOW=str(window))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, provider], cwd=folder, env=env, stdout=out, stderr=err
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        said = err.read().decode()
        out.seek(0)
        summary = json.loads(out.read())
    if child.returncode != 0 or summary["failed"]:
        sys.exit(f"{code}: generate exited {child.returncode}:\n{said}")
    counts = json.loads(said.rsplit("COUNTS ", 1)[1].splitlines()[0])
    return {
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak": usage.ru_maxrss / 1024,
        "counts": counts,
        "generated": summary["generated"],
        "digest": written(folder),
    }


def written(folder: Path) -> str:
    """A digest of the clips (name and bytes) and of the content files written back."""
    digest = hashlib.sha256()
    found = [
        *sorted((folder / "public").rglob("*.mp3")),
        *sorted((folder / "data").rglob("*.json")),
    ]
    for path in found:
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="5f22fbc", help="the commit to compare with")
    parser.add_argument("--providers", default="espeak,kokoro")
    parser.add_argument("--texts", type=int, default=40)
    parser.add_argument("--window", type=int, default=5)
    parser.add_argument("--turns", type=int, default=3)
    args = parser.parse_args()
    providers = args.providers.split(",")
    loads = [load_average()]
    runs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        before = exported(args.before, Path(scratch) / "before")
        cache = Path(scratch) / "cache"
        sides = {"before": before, "after": ROOT}
        folder = Path(scratch) / "course"
        for provider in providers:  # the cache warmed (the int8 kernels' model) first
            course(folder, provider, args.texts, args.window)
            run(ROOT, folder, provider, args.window, cache)
        for turn in range(args.turns):
            order = list(sides) if turn % 2 == 0 else list(reversed(sides))
            for provider in providers:
                for side in order:
                    course(folder, provider, args.texts, args.window)
                    found = run(sides[side], folder, provider, args.window, cache)
                    runs.setdefault((provider, side), []).append(found)
            loads.append(load_average())
    print(f"load average (1 min) at the start and after each turn: {', '.join(loads)}")
    print(f"{args.texts} texts, windows of {args.window}, median of {args.turns} turns")
    print(
        "| provider | before: CPU s, peak MiB | after: CPU s, peak MiB | CPU after/before "
        "| peak after/before | opens, closes, worker processes: before / after |"
    )
    print("|---|---|---|---|---|---|")
    for provider in providers:
        b, a = runs[(provider, "before")], runs[(provider, "after")]
        digests = {r["digest"] for r in [*b, *a]}
        if len(digests) != 1:
            sys.exit(f"{provider}: the runs wrote other bytes ({len(digests)} digests)")

        def median(side: list[dict[str, Any]], key: str) -> float:
            return statistics.median(float(r[key]) for r in side)

        def counts(side: list[dict[str, Any]]) -> str:
            c = side[0]["counts"]
            return f"{c.get('open', 0)}, {c.get('aclose', 0)}, {c.get('worker processes', 0)}"

        cb, ca, pb, pa = (median(b, "cpu"), median(a, "cpu"), median(b, "peak"), median(a, "peak"))
        print(
            f"| {provider} | {cb:.2f}, {pb:.0f} | {ca:.2f}, {pa:.0f} | {ca / cb:.2f} | "
            f"{pa / pb:.2f} | {counts(b)} / {counts(a)} |"
        )
        turns = [(round(x["cpu"], 2), round(y["cpu"], 2)) for x, y in zip(b, a, strict=True)]
        print(f"  CPU seconds of each turn, (before, after): {turns}")


if __name__ == "__main__":
    main()
