"""The audio API the synthesis path uses: samples in, validated file bytes out."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..errors import AudioInvalid
from .codec import decode, encode
from .edges import speech_span
from .loudness import integrated_lufs, limit, normalize
from .resample import resample
from .samples import Audio
from .settings import AudioSettings
from .timings import Timings
from .timings import joined as joined_marks
from .validation import checked_audio, sound_samples

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = [
    "checked_audio",
    "decode",
    "encode",
    "finish",
    "join",
    "process",
    "process_heard",
]


def _gaps(pause_s: float | Sequence[float], count: int, rate: int) -> list[NDArray[np.float32]]:
    """The silence after each of `count` pieces but the last: `pause_s` seconds each, or
    each its own (a text with pauses written in it)."""
    seconds = [pause_s] * (count - 1) if isinstance(pause_s, int | float) else list(pause_s)
    if len(seconds) != count - 1:
        raise ValueError(f"{len(seconds)} pauses for {count} pieces")
    return [np.zeros(max(0, round(s * rate)), dtype=np.float32) for s in seconds]


def _joined(
    parts: Sequence[NDArray[np.floating]], gaps: Sequence[NDArray[np.float32]], start: int = 0
) -> tuple[NDArray[np.float32], list[int], list[tuple[int, int]]]:
    """`parts` with `gaps` between them: the samples, where each part starts and where each
    gap is (counted from `start`)."""
    out: list[NDArray[np.float32]] = []
    starts: list[int] = []
    silences: list[tuple[int, int]] = []
    offset = start
    for index, part in enumerate(parts):
        if index:
            gap = gaps[index - 1]
            out.append(gap)
            silences.append((offset, offset + len(gap)))
            offset += len(gap)
        out.append(np.asarray(part, dtype=np.float32))
        starts.append(offset)
        offset += len(part)
    return np.concatenate(out), starts, silences


def padded(
    parts: Sequence[NDArray[np.floating]],
    pause_s: float | Sequence[float],
    settings: AudioSettings,
    rate: int,
) -> tuple[NDArray[np.float32], list[int], list[tuple[int, int]]]:
    """`parts` joined with `pause_s` between each two (`_gaps`) and padded with the lead
    and tail of `settings`: the samples, where each part starts and where each gap is."""
    lead = np.zeros(round(rate * settings.lead_ms / 1000), np.float32)
    tail = np.zeros(round(rate * settings.tail_ms / 1000), np.float32)
    speech, starts, silences = _joined(parts, _gaps(pause_s, len(parts), rate), len(lead))
    return np.concatenate([lead, speech, tail]), starts, silences


def _phonemes(pieces: Sequence[Audio]) -> str | None:
    """The phonemes of joined pieces, where every piece has some."""
    said = [piece.phonemes for piece in pieces]
    return " | ".join(p for p in said if p) if all(said) else None


def join(pieces: Sequence[Audio], pause_s: float | Sequence[float]) -> Audio:
    """`pieces` end to end with `pause_s` of silence between each two (or each its own),
    at the first piece's rate, their own edge silence kept (`finish` trims the whole's)."""
    if not pieces:
        raise AudioInvalid("nothing to join: the text produced no audio pieces")
    rate = pieces[0].sample_rate
    parts = [resample(np.asarray(p.samples, dtype=np.float32), p.sample_rate, rate) for p in pieces]
    whole, starts, _ = _joined(parts, _gaps(pause_s, len(pieces), rate))
    placed = [
        (p.timings and p.timings.rescaled(p.sample_rate, rate), at)
        for p, at in zip(pieces, starts, strict=True)
    ]
    return Audio(whole, rate, _phonemes(pieces), joined_marks(placed))


def finish(audio: Audio, settings: AudioSettings) -> Audio:
    """`audio` ready to encode: speech only, at the target loudness, padded lead and tail.

    Raises AudioInvalid for samples that cannot be speech (see `sound_samples`).
    """
    speech, marks = _speech(audio, settings)
    rate = settings.sample_rate or audio.sample_rate
    speech = normalize(speech, rate, settings.target_lufs, settings.true_peak_dbfs)
    finished, (start,), _ = padded([speech], 0.0, settings, rate)
    return Audio(finished, rate, audio.phonemes, marks and marks.shifted(start))


def finish_pieces(
    pieces: Sequence[Audio], settings: AudioSettings, pause_s: float | Sequence[float]
) -> Audio:
    """A passage's pieces ready to encode: each trimmed to its speech and checked as a clip
    is (`sound_samples`: a silent piece is a sentence not said), then joined with `pause_s`
    between them, brought to the target loudness as a whole and kept under the true-peak
    ceiling piece by piece, and padded as one clip; where each silence between them is
    (`Audio.silences`).

    The costly filters (the limiter's oversampling, the loudness meter) run on one piece or
    one chunk at a time, so finishing a passage of twenty minutes needs a few copies of
    its samples, not the many a filter over the whole would.
    """
    if not pieces:
        raise AudioInvalid("nothing to join: the text produced no audio pieces")
    cut = [_speech(piece, settings) for piece in pieces]
    speeches = [speech for speech, _ in cut]
    rate = settings.sample_rate or pieces[0].sample_rate
    gaps = _gaps(pause_s, len(pieces), rate)

    def joined(parts: Sequence[NDArray[np.floating]]) -> NDArray[np.float32]:
        return _joined(parts, gaps)[0]

    target, ceiling = settings.target_lufs, settings.true_peak_dbfs
    gain_db = target - integrated_lufs(joined(speeches), rate)
    shaped = speeches
    for _ in range(4):  # limiting lowers the loudness a little: make up, limit again
        scale = 10 ** (gain_db / 20)
        shaped = [limit(x * scale, rate, ceiling) for x in speeches]
        level = integrated_lufs(joined(shaped), rate)
        if not math.isfinite(level) or abs(level - target) <= 0.05:
            break
        gain_db += target - level
    whole, starts, silences = padded(shaped, pause_s, settings, rate)
    placed = [(marks, at) for (_, marks), at in zip(cut, starts, strict=True)]
    return Audio(whole, rate, _phonemes(pieces), joined_marks(placed), tuple(silences))


def _speech(audio: Audio, settings: AudioSettings) -> tuple[NDArray[np.float64], Timings | None]:
    """The speech of one clip or piece: checked (NaN, silence and clipping judged on what
    came in), trimmed to its span, at the clips' rate (after trimming, before loudness:
    the filters then run on fewer samples); and its marks moved with it."""
    samples = sound_samples(audio)
    span = speech_span(samples, audio.sample_rate, settings.trim_db)
    assert span is not None  # sound_samples refuses a silent clip
    speech: NDArray[np.floating] = samples[span[0] : span[1]]
    marks = audio.timings and audio.timings.kept(*span)
    if settings.sample_rate and audio.sample_rate != settings.sample_rate:
        speech = resample(speech.astype(np.float32), audio.sample_rate, settings.sample_rate)
        marks = marks and marks.rescaled(audio.sample_rate, settings.sample_rate)
        marks = marks and marks.clamped(0, len(speech))
    return np.asarray(speech, dtype=np.float64), marks


def process(
    audio: Audio, settings: AudioSettings, text: str, kind: str = "text"
) -> tuple[bytes, float]:
    """The stored file for `audio` and its duration in seconds: finish, encode, check."""
    data, heard = process_heard(audio, settings, text, kind)
    return data, heard.duration


def process_heard(
    audio: Audio, settings: AudioSettings, text: str, kind: str = "text", *, finished: bool = False
) -> tuple[bytes, Audio]:
    """The stored file for `audio` and its samples decoded from that file, as a listener
    hears them (checking decodes them anyway: what is measured of a clip is measured
    on these, with no second decoding), with the provider's timings moved to them.
    `finished`: `audio` is already finished (`finish_pieces`), only to be encoded and
    checked."""
    ready = audio if finished else finish(audio, settings)
    data = encode(ready, settings)
    heard = checked_audio(data, settings, text, kind)
    # Decoding keeps the timeline (the encoders' delay is taken out), so the marks of
    # the samples encoded are the marks of the samples heard.
    marks = ready.timings and ready.timings.rescaled(ready.sample_rate, heard.sample_rate)
    scale = heard.sample_rate / ready.sample_rate
    silences = tuple((round(a * scale), round(b * scale)) for a, b in ready.silences)
    return data, Audio(heard.samples, heard.sample_rate, ready.phonemes, marks, silences)
