"""How long loading and planning take inside the process, without the CLI around them.

    python -m benchmarks.plan_time DATA_DIR OUT_DIR
    python -m benchmarks.plan_time DATA_DIR OUT_DIR --repeat 7 --traced --slow 0.75

Prints `{"load": s, "plan": s, "items": n, "clips": n}`: the content read into items
(`content.windows`, in one window), then planned against the store (`plan_content`: voices,
content keys, presence), as `generate` does before deciding what to make (the collector paused,
as `prepare` pauses it). With `--repeat N` the plan is made once more to warm the caches, then N
times: `plan_cpu_min` and `plan_cpu_median` are its CPU seconds (steadier than the wall clock on
a busy machine); with `--traced`, `retained_mib` and `peak_mib` are what one more plan keeps and
what it reached at most (tracemalloc), beyond what was there before. `--slow` plans each text's
slow twin too; `--rotate` says the content language's texts in two Kokoro voices, one per entry
by its id (`[languages] ja = ["kokoro:jf_alpha", "kokoro:jf_nezumi"]`, `content.rotation`). Two
checkouts side by side: run the script of this one from outside both, each with its checkout on
PYTHONPATH.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
import tracemalloc
from pathlib import Path
from typing import Any

from tests.support.windows import whole_course
from tts_assets.planning.heap import building
from tts_assets.planning.plan import Surroundings
from tts_assets.planning.prepare import plan_content, selected_types
from tts_assets.planning.voices import Voices
from tts_assets.readings.saying import Saying
from tts_assets.settings.config import Settings
from tts_assets.settings.sources import with_overrides
from tts_assets.store.manifest import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=0, help="plans timed after a warm one")
    parser.add_argument("--traced", action="store_true", help="the memory of one more plan")
    parser.add_argument("--slow", type=float, default=None, help="a slow twin per text")
    parser.add_argument("--rotate", action="store_true", help="two voices, one per entry")
    args = parser.parse_args()
    settings = Settings(data_dir=args.data_dir, out_dir=args.out_dir, slow=args.slow)
    if args.rotate:
        rotating = ["kokoro:jf_alpha", "kokoro:jf_nezumi"]
        settings = with_overrides(settings, {"languages": {"ja": rotating}})
    with building():  # as `prepare` loads and plans
        started = time.perf_counter()
        loaded = whole_course(settings.data_dir, selected_types(settings))
        loaded_at = time.perf_counter()
        store = Store(settings.out_dir, settings.staging)
        voices = Voices(settings)
        around, saying = Surroundings(settings, store, loaded), Saying(accent=settings.accent)
        plan = plan_content(around, voices, (), saying)
        done = time.perf_counter()
    result: dict[str, Any] = {
        "load": loaded_at - started,
        "plan": done - loaded_at,
        "items": len(loaded.items),
        "clips": len(plan.clips),
    }
    del plan
    if args.repeat:
        times = []
        for _ in range(args.repeat):
            gc.collect()
            with building():
                cpu = time.process_time()
                plan_content(around, voices, (), saying)
                times.append(time.process_time() - cpu)
        result["plan_cpu_min"] = min(times)
        result["plan_cpu_median"] = statistics.median(times)
    if args.traced:
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        kept = plan_content(around, voices, (), saying)
        gc.collect()
        after, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        result["retained_mib"] = (after - before) / 2**20
        result["peak_mib"] = (peak - before) / 2**20
        result["clips"] = len(kept.clips)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
