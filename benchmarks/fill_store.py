"""Fill an out dir with every clip a content folder needs, without synthesizing any.

    python -m benchmarks.fill_store DATA_DIR OUT_DIR

Plans the content exactly as `tts-assets generate` does (same settings, providers and
content keys) and records each planned clip in the store with stand-in bytes. A later
real `tts-assets generate` then finds every clip present: that later run is the no-op
the benchmark times. Making 6,000 real clips first would cost more than the whole no-op
measurement, and the no-op path never reads the audio, only the manifest and file sizes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tts_assets.config import Settings
from tts_assets.prepare import prepare

STAND_IN = b"\xff\xfb" + bytes(1000)


def main() -> None:
    settings = Settings(data_dir=Path(sys.argv[1]), out_dir=Path(sys.argv[2]))
    prepared = prepare(settings)
    store, plan = prepared.store, prepared.plan
    for clip in plan.new:
        store.put(clip.rel_path, STAND_IN, clip.manifest_entry(STAND_IN, 1.0))
    store.flush()
    store.clean_staging()
    print(len(plan.new))


if __name__ == "__main__":
    main()
