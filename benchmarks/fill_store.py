"""Fill an out dir with every clip a content folder needs, without synthesizing any.

    python -m benchmarks.fill_store DATA_DIR OUT_DIR [CONFIG]

Plans the content exactly as `tts-assets generate` does, window by window (same settings,
providers and content keys; with CONFIG, those of that config file, as `generate --config
CONFIG`) and records each planned clip in the store with stand-in bytes. A later real `tts-assets
generate` then finds every clip present: that later run is the no-op the benchmark times.
Making 6,000 real clips first would cost more than the whole no-op measurement. The no-op
path reads only the manifest and file sizes; `verify` decodes every clip, so each stand-in
is one real clip: a speech-shaped tone put through the audio pipeline (trimmed, normalized,
encoded, checked), stored under every clip's name. Each record says its clip has no word
timings, and why: a record without timings would have a real run synthesize the clip again
in memory to find them (`making.backfill`).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from tts_assets.commands.tally import surveyed
from tts_assets.settings.config import Settings
from tts_assets.settings.load import load_settings


def stand_in() -> tuple[bytes, float]:
    """One real clip (bytes, seconds): 0.7 s of a voiced tone at a syllable rhythm, as
    plausible for a two-to-six-kana reading as the readings the large content speaks."""
    import numpy as np

    from tts_assets.audio.process import process
    from tts_assets.audio.settings import AudioSettings
    from tts_assets.providers.base import Audio

    rate = 24000
    t = np.arange(int(0.7 * rate)) / rate
    voiced = sum(np.sin(2 * np.pi * 180 * k * t) / k for k in range(1, 6))
    syllables = 0.5 - 0.5 * np.cos(2 * np.pi * 5 * t)
    samples = (0.2 * voiced * syllables).astype(np.float32)
    return process(Audio(samples, rate), AudioSettings(), "かきくけ")


def main() -> None:
    if len(sys.argv) > 3:
        settings = load_settings(config_file=sys.argv[3], data_dir=sys.argv[1], out_dir=sys.argv[2])
    else:
        settings = Settings(data_dir=Path(sys.argv[1]), out_dir=Path(sys.argv[2]))
    data, seconds = stand_in()
    untimed = {"none": "a stand-in of benchmarks/fill_store.py: no words"}
    filled = 0
    with surveyed(settings) as tally:  # each clip's folder known over the course
        course = tally.course
        store = course.store
        for prepared in course.windows():  # a clip of two windows is filled by the first
            for clip in prepared.plan.new:
                entry = replace(clip.manifest_entry(data, seconds), timings=untimed)
                store.put(clip.rel_path, data, entry)
            filled += len(prepared.plan.new)
        store.flush()
        store.clean_staging()
    print(filled)


if __name__ == "__main__":
    main()
