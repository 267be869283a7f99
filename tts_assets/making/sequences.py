"""Drill sequences made: each joined from its parts' clips in the store, never synthesized.

A sequence (`planning.sequences`) is made once its parts are stored (after the clips and
the slow clips): each part's file is read and decoded, trimmed to its speech and joined
with the silences between them (a written pause at its length, an `answer` sized to the
next part, else the clips' own lead and tail), each part at the loudness its clip was
finished to (the same target for every voice, so they stay matched), padded, encoded and
checked as any clip is, and stored with where each
part is: `{"source": "sequence", "words": [{"start", "end", "text", "part", "lang"}]}`,
which the `timings` place and a WebVTT track are written from. Nothing is sent to a
provider. A sequence whose part is not in the store fails with that reason; the run goes
on.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread

from ..audio import AudioSettings
from ..audio.samples import Audio
from ..content.sequence import answer_seconds
from ..planning.plan import Clip, Plan, SequencePart
from ..store.manifest import Store, StoredClip
from .clips import Made
from .derived import make_derived
from .hooks import Reporter, Stop

SOURCE = "sequence"
"""The `source` of a sequence's timings: where each part is, as it joined them."""


async def make_sequences(
    plan: Plan,
    clips: Sequence[Clip],
    store: Store,
    audio: AudioSettings,
    timeout: float,
    reporter: Reporter,
    stop: Stop,
    failed: Collection[str] = (),
) -> Made:
    """Join and store each sequence of `clips` from its parts in `store`, as many at once
    as there are physical cores, each within `timeout` seconds; `failed`: the keys of the
    clips this run could not make (a sequence of one says so)."""

    async def make(clip: Clip) -> tuple[bytes, StoredClip]:
        return await anyio.to_thread.run_sync(
            joined, clip, store, audio, failed, abandon_on_cancel=True
        )

    return await make_derived(plan, clips, store, make, timeout * 2, reporter, stop, "drill")


def joined(
    clip: Clip, store: Store, settings: AudioSettings, failed: Collection[str] = ()
) -> tuple[bytes, StoredClip]:
    """The file of the sequence `clip` and its manifest entry, joined from its parts'
    clips in `store` (blocking); stores nothing. LookupError when a part is not there."""
    from ..audio.measure import measure_audio
    from ..audio.process import process_heard

    texts = [p for p in clip.parts if p.source is not None]
    heard = [_decoded(_part_file(part, store, failed)) for part in texts]
    durations = [a.duration for a in heard]
    gaps = _gaps(clip.parts, durations, settings)
    finished = _strung(heard, gaps, settings)
    # Checked as a text of its parts with its silences written as pauses, so its length
    # is held to theirs (`audio.bounds`): a part said too long fails the drill too.
    checked = "".join(
        part.text + _as_pauses(gap) for part, gap in zip(texts, [*gaps, 0.0], strict=True)
    )
    data, audio = process_heard(finished, settings, checked, "text", finished=True)
    entry = clip.manifest_entry(data, audio.duration, measure_audio(audio).as_manifest())
    entry = replace(entry, provider=clip.voice.provider, timings=_timings(texts, audio, settings))
    return data, entry


def _strung(parts: Sequence[Audio], gaps: Sequence[float], settings: AudioSettings) -> Audio:
    """The parts' speech end to end, `gaps` seconds of silence between them, padded with
    the lead and tail, at the clips' rate; where each silence is (`Audio.silences`).

    Each part is a stored clip, finished already (at the loudness target, under the true
    peak ceiling): its speech is taken as it is, so the voices stay as matched as their
    clips are and no filter runs again on the whole (a drill costs its decoding and its
    encoding, little else)."""
    import numpy as np

    from ..audio.edges import speech_span
    from ..audio.resample import resample

    rate = settings.sample_rate or parts[0].sample_rate
    pieces = []
    for part in parts:
        samples = np.asarray(part.samples, dtype=np.float32)
        if part.sample_rate != rate:
            samples = resample(samples, part.sample_rate, rate)
        span = speech_span(samples, rate, settings.trim_db)
        if span is None:
            raise LookupError("the clip of a part is silent")
        pieces.append(samples[span[0] : span[1]])
    out = [np.zeros(round(rate * settings.lead_ms / 1000), np.float32)]
    silences: list[tuple[int, int]] = []
    offset = len(out[0])
    for index, piece in enumerate(pieces):
        out.append(piece)
        offset += len(piece)
        if index < len(gaps):
            gap = np.zeros(round(gaps[index] * rate), np.float32)
            silences.append((offset, offset + len(gap)))
            out.append(gap)
            offset += len(gap)
    out.append(np.zeros(round(rate * settings.tail_ms / 1000), np.float32))
    return Audio(np.concatenate(out), rate, None, None, tuple(silences))


def _as_pauses(seconds: float) -> str:
    """`seconds` of silence as pause markers (each at most `pauses.LONGEST_S`)."""
    from ..pauses import LONGEST_S

    markers = []
    while seconds > 0.0005:
        step = min(seconds, LONGEST_S)
        markers.append(f" [pause:{step:.3f}s] ")
        seconds -= step
    return "".join(markers)


def _part_file(part: SequencePart, store: Store, failed: Collection[str]) -> Path:
    source, key = part.source, part.source_key
    if source is None or key is None or not store.is_present(source, key):
        why = (
            "failed (its failure says why)" if key in failed else f"is not in the store ({source})"
        )
        raise LookupError(f'the clip of its part "{part.name}" {why}; the next run makes both')
    path = store.clip_file(source)
    if path is None:
        raise LookupError(f'the clip of its part "{part.name}" is not in the store ({source})')
    return path


def _decoded(path: Path) -> Audio:
    from ..audio.codec import decode

    return decode(path.read_bytes())


def _gaps(
    parts: Sequence[SequencePart], durations: Sequence[float], settings: AudioSettings
) -> list[float]:
    """The silence between each two text parts: the pauses and answers written between
    them (an answer sized to the text part after it), else the clips' own lead and tail
    (the padding a clip has on its own). Silences before the first text part or after the
    last are a clip's edges, which its lead and tail replace."""
    gaps: list[float] = []
    pending: float | None = None
    seen = 0
    for part in parts:
        if part.source is not None:
            if seen:
                padding = (settings.lead_ms + settings.tail_ms) / 1000
                gaps.append(padding if pending is None else pending)
            seen += 1
            pending = None
            continue
        if not seen:
            continue
        length = (
            answer_seconds(durations[seen])
            if part.answer and seen < len(durations)
            else (part.seconds or 0.0)
        )
        pending = (pending or 0.0) + length
    return gaps


def _timings(
    texts: Sequence[SequencePart], audio: Audio, settings: AudioSettings
) -> dict[str, Any]:
    """Where each text part is in the finished sequence, in ms: between the lead, the
    silences joined between the parts (`Audio.silences`) and the tail."""
    rate = audio.sample_rate

    def ms(sample: int) -> int:
        return round(sample * 1000 / rate)

    lead = round(rate * settings.lead_ms / 1000)
    tail = round(rate * settings.tail_ms / 1000)
    starts = [lead, *(end for _, end in audio.silences)]
    ends = [*(start for start, _ in audio.silences), len(audio.samples) - tail]
    words = [
        {"start": ms(a), "end": ms(b), "text": p.text, "part": p.name, "lang": p.lang}
        for p, a, b in zip(texts, starts, ends, strict=True)
    ]
    return {"source": SOURCE, "words": words}
