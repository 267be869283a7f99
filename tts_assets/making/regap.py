"""Clips whose pauses changed, made from their stored clip: never synthesized (`planning.regap`).

The stored clip's file is decoded; the speech between its pauses (where its record says
they are, `timings.pauses`) is kept sample for sample, and each pause becomes the silence
the new clip asks for; its words' timings move with the speech. The result is finished and
checked as any clip is. Nothing is sent to a provider, so nothing is billed again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import anyio
import anyio.to_thread

from ..audio import AudioSettings
from ..audio.samples import Audio
from ..planning.plan import Clip, Plan
from ..store.manifest import Store, StoredClip
from .clips import Made
from .derived import make_derived
from .hooks import Reporter, Stop
from .slow import decoded, marks_of, timings_of


async def make_regapped_clips(
    plan: Plan,
    clips: Sequence[Clip],
    store: Store,
    audio: AudioSettings,
    timeout: float,
    reporter: Reporter,
    stop: Stop,
) -> Made:
    """Make and store each of `clips` (`Clip.regap` set) from its stored clip."""

    async def make(clip: Clip) -> tuple[bytes, StoredClip]:
        return await regapped(clip, store, audio)

    return await make_derived(plan, clips, store, make, timeout, reporter, stop, "new pauses")


async def regapped(clip: Clip, store: Store, settings: AudioSettings) -> tuple[bytes, StoredClip]:
    """The file of `clip` and its manifest entry, made from its stored clip `clip.regap`
    with each pause its new length; stores nothing. LookupError when that clip is gone."""
    source = clip.regap
    entry = store.get(source) if source is not None else None
    path = store.clip_file(source) if source is not None else None
    if entry is None or path is None or entry.timings is None:
        raise LookupError(f"its clip with the former pauses ({source}) is not in the store")
    heard = await anyio.to_thread.run_sync(decoded, path, abandon_on_cancel=True)
    return await anyio.to_thread.run_sync(
        _rejoined, clip, heard, entry, settings, abandon_on_cancel=True
    )


def _rejoined(
    clip: Clip, heard: Audio, source: StoredClip, settings: AudioSettings
) -> tuple[bytes, StoredClip]:
    """`heard` (the stored clip `source`) with each pause `clip.gaps` long (blocking)."""
    import numpy as np

    from ..audio.measure import measure_audio
    from ..audio.process import process_heard

    rate = heard.sample_rate
    recorded = source.timings or {}
    spans = [(round(a * rate / 1000), round(b * rate / 1000)) for a, b in recorded["pauses"]]
    gaps = clip.gaps if isinstance(clip.gaps, tuple) else (clip.gaps,) * len(spans)
    parts = []
    frames = [(0, 0)]
    at = 0
    for (start, end), seconds in zip(spans, gaps, strict=True):
        parts.append(heard.samples[at:start])
        landed = frames[-1][1] + start - frames[-1][0]
        silence = round(seconds * rate)
        parts.append(np.zeros(silence, dtype=np.float32))
        frames += [(start, landed), (end, landed + silence)]
        at = end
    parts.append(heard.samples[at:])
    length = len(heard.samples)
    frames.append((length, frames[-1][1] + length - frames[-1][0]))
    marks, words = marks_of(recorded, rate, frames, spans)
    joined = Audio(np.concatenate(parts).astype(np.float32), rate, heard.phonemes, marks)
    data, finished = process_heard(joined, settings, clip.spoken, clip.kind)
    entry = clip.manifest_entry(data, finished.duration, measure_audio(finished).as_manifest())
    timings = timings_of(recorded, words, finished)
    if timings is not None and "source" in recorded:
        timings = {**timings, "source": recorded["source"]}  # its words were not stretched
    entry = replace(
        entry,
        provider=source.provider,
        voice=source.voice,
        phonemes=source.phonemes,
        reading=source.reading,
        device=source.device,
        timings=timings,
    )
    return data, entry
