"""The review page over 6,000 clips: rows, HTML, size, first render and scrolling in Chromium.

    python -m benchmarks.review_page              # about 2 minutes; prints a markdown section
    python -m benchmarks.review_page --entries 400 --keep

The clips are real MP3 files: espeak-ng speaks the main benchmark's content (109 short
readings, words and sentences) once, and each of the 6,000 clips a large kanji set
needs (`workload.write_large_kanji`: 12,000 texts, half of them repeats) is stored with
the bytes of the real clip whose text is closest in length, and with the measures a run
records (`finishing.finish_clip`). `write_page` (what `tts-assets review` runs) then
plans that content, makes the rows from the manifest, assesses them and writes the page,
exactly as a review of such content would; the same rows from a manifest without
measures (written before they were recorded) decode and measure the 6,000 files.
Measuring a clip when it is stored is timed side by side with the finishing it joins.
Chromium is the system's (tests/support/chromium.py), driven by Playwright.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from benchmarks import workload
from tests.support import chromium
from tts_assets.audio import AudioSettings
from tts_assets.audio.measure import measure_audio
from tts_assets.audio.process import decode, process_heard
from tts_assets.commands.review import write_page
from tts_assets.planning.course import prepare
from tts_assets.review.collect import collect_rows, page_id
from tts_assets.review.flags import assess
from tts_assets.review.page import render_page
from tts_assets.settings.config import Settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser

T = TypeVar("T")

SPEEDS = (2_000, 20_000)
"""Scrolling speeds in px/s: reading along (23 rows a second), and a fling (230)."""

LOAD_MARKS = """() => ({
  ready: performance.getEntriesByName("review-ready")[0].startTime,
  fcp: performance.getEntriesByName("first-contentful-paint")[0].startTime,
  heap: performance.memory.usedJSHeapSize / 2 ** 20,
  rows: document.querySelectorAll(".row").length,
})"""

# Scroll the list for `seconds` at `speed` px/s, one step per animation frame; the frame
# intervals are what a reader sees (60 Hz: 16.7 ms each when nothing is late).
SCROLL = """async ([speed, seconds]) => {
  const list = document.getElementById("list");
  list.scrollTop = 0;
  const frames = [];
  await new Promise((done) => {
    let last = performance.now();
    const started = last;
    const step = (now) => {
      frames.push(now - last);
      list.scrollTop += (speed * (now - last)) / 1000;
      last = now;
      if (now - started < seconds * 1000) requestAnimationFrame(step);
      else done();
    };
    requestAnimationFrame((now) => { last = now; requestAnimationFrame(step); });
  });
  const handlers = window.scrollHandlerMs.splice(0);
  return { frames, handlers, rows: document.querySelectorAll(".row").length };
}"""

# Installed before the page's script: times every scroll handler (the page's own draws
# the rows that come on screen), independent of what else the machine runs.
TIME_SCROLL_HANDLERS = """
window.scrollHandlerMs = [];
const addListener = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (type, handler, options) {
  if (type === "scroll") {
    const inner = handler;
    handler = function (event) {
      const started = performance.now();
      inner.call(this, event);
      window.scrollHandlerMs.push(performance.now() - started);
    };
  }
  return addListener.call(this, type, handler, options);
};
"""

# Change the order (a full rebuild of the view over every row), timed in the page.
REORDER = """() => {
  const select = document.getElementById("f-sort");
  const started = performance.now();
  select.value = select.value === "flags" ? "content" : "flags";
  select.dispatchEvent(new Event("change"));
  return performance.now() - started;
}"""


def timed(work: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def real_clips(folder: Path) -> list[tuple[str, bytes]]:
    """espeak-ng clips of the main benchmark's content: (text, file bytes)."""
    workload.write_content(folder / "data")
    subprocess.run(
        [sys.executable, "-m", "tts_assets", "generate", "--provider", "espeak", "--json"],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    doc = json.loads((folder / "public/audio/manifest.json").read_text(encoding="utf-8"))
    return [
        (entry["text"], (folder / "public/audio" / entry["path"]).read_bytes())
        for entry in doc["clips"]
    ]


def fill(settings: Settings, real: list[tuple[str, bytes]]) -> int:
    """Store every clip the content needs with the bytes of a real clip of similar length,
    and the measures a run records of it."""
    prepared = prepare(settings)
    store, plan = prepared.store, prepared.plan
    clips: dict[int, list[bytes]] = {}
    for text, data in real:
        clips.setdefault(len(text), []).append(data)
    lengths = sorted(clips)
    measured: dict[bytes, tuple[float, dict[str, Any]]] = {}
    for n, clip in enumerate(plan.new):
        nearest = min(lengths, key=lambda length: abs(length - len(clip.spoken)))
        data = clips[nearest][n % len(clips[nearest])]
        if data not in measured:
            audio = decode(data)
            measured[data] = (audio.duration, measure_audio(audio).as_manifest())
        duration, measures = measured[data]
        store.put(clip.rel_path, data, clip.manifest_entry(data, duration, measures))
    store.flush()
    store.clean_staging()
    return len(plan.new)


def without_measures(manifest: Path) -> bytes:
    """Drop the recorded measures from a manifest (as a run before them wrote it); returns
    the manifest's bytes as they were."""
    before = manifest.read_bytes()
    doc = json.loads(before)
    for entry in doc["clips"]:
        entry.pop("measures", None)
    manifest.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return before


def store_time_costs(real: list[tuple[str, bytes]], rounds: int) -> dict[str, float]:
    """Milliseconds a clip on one thread, side by side over the same real clips: the
    finishing a run does when it stores a clip (trim, loudness, encode, check), then
    measuring the samples its check decoded, timed one after the other for each clip so
    the machine's load falls on both alike; and decoding and measuring a stored file."""
    settings = AudioSettings()
    audios = [(decode(data), text) for text, data in real]
    finish_s = measure_s = 0.0
    for _ in range(rounds):
        for audio, text in audios:
            started = time.perf_counter()
            _, heard = process_heard(audio, settings, text, "text")
            finished = time.perf_counter()
            measure_audio(heard)
            finish_s += finished - started
            measure_s += time.perf_counter() - finished
    decoded_s, _ = timed(lambda: [measure_audio(decode(data)) for _, data in real])
    n = len(audios) * rounds
    return {
        "finish": 1000 * finish_s / n,
        "measure": 1000 * measure_s / n,
        "decode_measure": 1000 * decoded_s / len(real),
        "seconds": sum(a.duration for a, _ in audios) / len(audios),
        "clips": len(audios),
    }


def load_once(browser: Browser, page_path: Path) -> dict[str, float]:
    """Open the page in a fresh context: its own marks, and the wall time seen from Python."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    started = time.perf_counter()
    page.goto(page_path.as_uri())
    page.wait_for_selector("html[data-ready]")
    wall = time.perf_counter() - started
    marks: dict[str, float] = page.evaluate(LOAD_MARKS)
    context.close()
    if errors:
        raise RuntimeError(f"the page logged errors: {errors[:3]}")
    return marks | {"wall": 1000 * wall}


def in_chromium(page_path: Path, loads: int) -> dict[str, Any]:
    """First render over `loads` fresh loads, then re-sorting and scrolling in one page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        result: dict[str, Any] = {"loads": [load_once(browser, page_path) for _ in range(loads)]}
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.add_init_script(TIME_SCROLL_HANDLERS)
        page.goto(page_path.as_uri())
        page.wait_for_selector("html[data-ready]")
        result["reorder_ms"] = statistics.median(page.evaluate(REORDER) for _ in range(5))
        result["scroll"] = {speed: page.evaluate(SCROLL, [speed, 4]) for speed in SPEEDS}
        context.close()
        browser.close()
    return result


def frames_summary(scroll: dict[str, Any]) -> str:
    """Frame intervals (what a reader sees) and the page's own work per scroll event."""
    frames = sorted(scroll["frames"][1:])  # the first interval includes the scroll's start
    handlers = sorted(scroll["handlers"])
    late = sum(1 for f in frames if f > 25)
    return (
        f"{len(frames)} frames: median {statistics.median(frames):.1f} ms, 95th percentile "
        f"{_p95(frames):.1f} ms, longest {frames[-1]:.0f} ms, {late / len(frames):.1%} over "
        f"25 ms; the page's scroll handler median {statistics.median(handlers):.1f} ms, 95th "
        f"percentile {_p95(handlers):.1f} ms; {scroll['rows']} rows in the page"
    )


def _p95(values: list[float]) -> float:
    return values[min(len(values) - 1, round(0.95 * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=4000, help="kanji entries (3 texts each)")
    parser.add_argument("--loads", type=int, default=3, help="page loads in Chromium [3]")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    if reason := chromium.missing():
        sys.exit(reason)
    scratch = Path(tempfile.mkdtemp(prefix="tts-assets-review-bench-"))
    try:
        clips = real_clips(scratch / "clips")
        big = scratch / "large"
        texts = workload.write_large_kanji(big / "data", args.entries)
        settings = Settings(data_dir=big / "data", out_dir=big / "public/audio")
        stored = fill(settings, clips)
        with open("/proc/loadavg", encoding="ascii") as f:
            load_start = f.read().split()[0]

        plan_s, _ = timed(lambda: prepare(settings))
        pages = [timed(lambda: write_page(settings)) for _ in range(3)]
        page_path = pages[0][1].path
        rows_s, rows = timed(lambda: collect_rows(prepare(settings), page_dir=page_path.parent))
        before = without_measures(settings.out_dir / "manifest.json")
        decoded_rows_s, _ = timed(
            lambda: collect_rows(prepare(settings), page_dir=page_path.parent)
        )
        (settings.out_dir / "manifest.json").write_bytes(before)
        assess_s, _ = timed(lambda: assess(rows))
        costs = store_time_costs(clips, rounds=5)
        pid = page_id(settings.out_dir)
        render = [timed(lambda: render_page(rows, title="Review", page_id=pid)) for _ in range(5)]
        size = page_path.stat().st_size
        empty = len(render_page([], title="Review", page_id=pid).encode("utf-8"))
        browser = in_chromium(page_path, args.loads)
        with open("/proc/loadavg", encoding="ascii") as f:
            load_end = f.read().split()[0]
    finally:
        if args.keep:
            print(f"scratch folder kept: {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    loads: list[dict[str, float]] = browser["loads"]

    def median(name: str) -> float:
        return statistics.median(load[name] for load in loads)

    measures = [
        ("`write_page`: all of `tts-assets review` (load, plan, rows from the manifest's "
         "measures, flags, HTML, write), median of 3",
         f"{statistics.median(t for t, _ in pages):.2f} s"),
        ("of which loading and planning the content", f"{plan_s:.2f} s"),
        ("`collect_rows` with the measures recorded in the manifest", f"{rows_s:.2f} s"),
        ("of which the flags (`assess`)", f"{assess_s * 1000:.0f} ms"),
        (f"`render_page`, median of {len(render)}",
         f"{statistics.median(t for t, _ in render) * 1000:.0f} ms"),
        (f"`collect_rows` from a manifest without measures (every clip decoded), "
         f"{os.cpu_count()} threads", f"{decoded_rows_s:.1f} s"),
        (f"finishing a clip when it is stored (trim, loudness, encode, check), one thread, "
         f"{costs['clips']:.0f} real clips of {costs['seconds']:.2f} s on average",
         f"{costs['finish']:.2f} ms"),
        ("then measuring the samples its check decoded (what a run records now)",
         f"{costs['measure']:.2f} ms ({costs['measure'] / costs['finish']:.1%} of the "
         "finishing)"),
        ("decode and measure a stored clip (a page over an older manifest), one thread",
         f"{costs['decode_measure']:.2f} ms"),
        ("page size", f"{size / 2**20:.2f} MiB: {empty / 1024:.0f} KiB fixed + "
         f"{(size - empty) / len(rows):.0f} bytes a row"),
        (f"Chromium: ready (data parsed, first rows drawn), median of {len(loads)} loads",
         f"{median('ready'):.0f} ms"),
        ("Chromium: first contentful paint", f"{median('fcp'):.0f} ms"),
        ("Chromium: `goto` to ready, seen from Python", f"{median('wall'):.0f} ms"),
        ("rows in the DOM after loading", f"{loads[0]['rows']:.0f}"),
        ("JS heap after loading", f"{loads[0]['heap']:.0f} MiB"),
        ("re-sort the view (every row), median of 5", f"{browser['reorder_ms']:.0f} ms"),
        *((f"scroll 4 s at {speed:,} px/s", frames_summary(browser["scroll"][speed]))
          for speed in SPEEDS),
    ]  # fmt: skip
    flagged = sum(1 for r in rows if r.flags)
    print(
        f"{texts:,} texts, {stored:,} clips stored, {len(rows):,} rows ({flagged} flagged); "
        f"{os.cpu_count()} cores, load average {load_start} at the start, {load_end} at the end."
    )
    print("\n| measure | value |\n|---|---|")
    for name, value in measures:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
