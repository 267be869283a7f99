"""A clip slowed for learners: the same samples stretched in time, pitch and voice kept.

Re-synthesizing at a provider's slower speed says another clip (Kokoro at a slower speed
is misheard more often and voices a phantom vowel before the first word:
`benchmarks/slow.py`), and bills a paid provider twice; the clip that exists, stretched by a phase
vocoder made for speech, says what it says, slower. Rubber Band (its R3 "finer" engine) is the
stretcher: well kept, made for this, run as its own program (`rubberband`, from the
`rubberband-cli` package on Debian and Ubuntu, `brew install rubberband` on macOS), on
float WAV files in the run's scratch folder.
"""

from __future__ import annotations

import bisect
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    from .samples import Audio

PROGRAM = "rubberband"
STRETCH = "rubberband r3"
"""What stretches, in a slow clip's content key: a change of stretcher remakes them."""
INSTALL = (
    "slow clips need Rubber Band's program: apt-get install rubberband-cli (Debian, "
    "Ubuntu), brew install rubberband (macOS); or leave slow unset"
)


def stretcher() -> str:
    """The Rubber Band program's path; InputError (exit 2, before anything is made) when
    it is not installed."""
    found = shutil.which(PROGRAM)
    if found is None:
        raise InputError(INSTALL)
    return found


async def stretched(
    audio: Audio,
    tempo: float,
    folder: Path,
    timeout: float,
    kept: Sequence[tuple[int, int]] = (),
) -> Audio:
    """`audio` played at `tempo` (0.75: in 4/3 the time), its pitch kept, its files in
    `folder` (a private scratch folder); the spans `kept` ([start, end) in samples: the
    silences of a clip's written pauses) at their own length, the rest stretched around
    them (`keyframes`). Rubber Band runs in a process group of its own, killed with its
    children when it overruns `timeout` seconds or the stretch is cancelled
    (`programs.run_command`). Its timings are not carried (`making.slow` moves the
    clip's words with `moved`)."""
    import anyio.to_thread
    import numpy as np
    import soundfile as sf

    from ..programs import Command, run_command
    from .samples import Audio

    program = stretcher()
    given, made = folder / "in.wav", folder / "out.wav"
    samples = np.asarray(audio.samples, dtype=np.float32)
    await anyio.to_thread.run_sync(sf.write, given, samples, audio.sample_rate, "FLOAT")
    timing = ["-T", f"{tempo:g}"]
    frames = keyframes(len(samples), tempo, kept)
    if len(frames) > 2:
        # Rubber Band's key-frame map: each kept span's start and end where they land.
        (folder / "map.txt").write_text("".join(f"{a} {b}\n" for a, b in frames[1:-1]))
        seconds = frames[-1][1] / audio.sample_rate
        timing = ["-M", str(folder / "map.txt"), "-D", repr(seconds)]
    argv = [program, "-q", "-3", *timing, str(given), str(made)]
    await run_command(Command(argv), timeout=timeout, tool=PROGRAM)
    read = await anyio.to_thread.run_sync(lambda: sf.read(made, dtype="float32", always_2d=False))
    return Audio(read[0], read[1], audio.phonemes, None)


def keyframes(length: int, tempo: float, kept: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where the samples of audio `length` samples long land once stretched to `tempo`
    with the spans `kept` at their length: (sample, where it lands) at the start, at
    each kept span's start and end, and at the end; a piecewise-linear map (`moved`)."""
    frames = [(0, 0)]
    for start, end in sorted(kept):
        start, end = max(start, frames[-1][0]), min(end, length)
        if end <= start:
            continue  # empty, or inside the span before
        landed = frames[-1][1] + round((start - frames[-1][0]) / tempo)
        frames += [(start, landed), (end, landed + end - start)]
    frames.append((length, frames[-1][1] + round((length - frames[-1][0]) / tempo)))
    return [f for n, f in enumerate(frames) if n == 0 or f[0] > frames[n - 1][0]]


def moved(frames: Sequence[tuple[int, int]], sample: float) -> int:
    """Where `sample` lands in the stretched audio, by the map `frames` (`keyframes`)."""
    index = max(0, bisect.bisect_right([f[0] for f in frames], sample) - 1)
    index = min(index, len(frames) - 2)
    (a, b), (c, d) = frames[index], frames[index + 1]
    return round(b + (sample - a) * (d - b) / (c - a))
