"""How long loading and planning take inside the process, without the CLI around them.

    python -m benchmarks.plan_time DATA_DIR OUT_DIR

Prints `{"load": s, "plan": s, "items": n, "clips": n}`: the content read into items
(`prepare.load`), then planned against the store (`plan_content`: voices, content keys,
presence), as `generate` does before deciding what to make (the collector paused, as
`prepare` pauses it).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from tts_assets.planning.heap import building
from tts_assets.planning.prepare import load, plan_content
from tts_assets.planning.voices import Voices
from tts_assets.settings.config import Settings
from tts_assets.store.manifest import Store


def main() -> None:
    settings = Settings(data_dir=Path(sys.argv[1]), out_dir=Path(sys.argv[2]))
    with building():  # as `prepare` loads and plans
        started = time.perf_counter()
        loaded, _ = load(settings)
        loaded_at = time.perf_counter()
        store = Store(settings.out_dir, settings.staging)
        plan = plan_content(settings, loaded, Voices(settings), store)
        done = time.perf_counter()
    result = {
        "load": loaded_at - started,
        "plan": done - loaded_at,
        "items": len(loaded.items),
        "clips": len(plan.clips),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
