"""A clip slowed for learners: the same samples stretched in time, pitch and voice kept.

Re-synthesizing at a provider's slower speed says another clip (Kokoro at speed 0.75 was
misheard 2 of 5 sentences, and voices a phantom vowel before the first word: issue 39),
and bills a paid provider twice; the clip that exists, stretched by a phase vocoder made
for speech, says what it says, slower. Rubber Band (its R3 "finer" engine) is the
stretcher: well kept, made for this, run as its own program (`rubberband`, from the
`rubberband-cli` package on Debian and Ubuntu, `brew install rubberband` on macOS), on
float WAV files in the run's scratch folder.
"""

from __future__ import annotations

import shutil
import subprocess
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


def stretched(audio: Audio, tempo: float, folder: Path, timeout: float) -> Audio:
    """`audio` played at `tempo` (0.75: in 4/3 the time), its pitch kept (blocking), its
    files in `folder` (a private scratch folder). Its timings are not carried
    (`making.slow` scales the clip's words)."""
    import numpy as np
    import soundfile as sf

    from .samples import Audio

    program = stretcher()
    given, made = folder / "in.wav", folder / "out.wav"
    sf.write(given, np.asarray(audio.samples, dtype=np.float32), audio.sample_rate, "FLOAT")
    done = subprocess.run(
        [program, "-q", "-3", "-T", f"{tempo:g}", str(given), str(made)],
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
        raise RuntimeError(f"rubberband exited {done.returncode}: {why[0]}")
    samples, rate = sf.read(made, dtype="float32", always_2d=False)
    return Audio(samples, rate, audio.phonemes, None)


def pitch_ratio(original: Audio, slowed: Audio) -> float:
    """How the pitch of `slowed` (`original` stretched) compares with the original's: the
    median ratio of their F0 over the frames voiced in both, each frame of `slowed`
    mapped to the original's time across their speech (1.0: the pitch kept). Frame by
    frame, since the median of each clip's own voiced frames jumps by octaves where the
    tracker's voicing differs (a low voice's creak). Needs pyworld (the `accent` extra);
    how the stretch is measured (tests, benchmarks/slow.py), not part of making."""
    import numpy as np
    import pyworld

    from .edges import speech_span

    tracks = []
    for audio in (original, slowed):
        samples = np.asarray(audio.samples, dtype=np.float64)
        span = speech_span(samples, audio.sample_rate, -40.0)
        if span is None:
            return float("nan")
        f0, times = pyworld.harvest(samples, audio.sample_rate, frame_period=5.0)
        tracks.append((f0, times, span[0] / audio.sample_rate, span[1] / audio.sample_rate))
    (f0, times, start, end), (g0, slow_times, slow_start, slow_end) = tracks
    mapped = start + (slow_times - slow_start) * (end - start) / (slow_end - slow_start)
    voiced = np.interp(mapped, times, (f0 > 0).astype(np.float64)) > 0.99
    both = (g0 > 0) & voiced
    if not both.any():
        return float("nan")
    return float(np.median(g0[both] / np.interp(mapped[both], times, f0)))
