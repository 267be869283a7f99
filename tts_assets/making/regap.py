"""Clips whose pauses changed, made from their stored clip: never synthesized (`planning.regap`).

The stored clip's file is decoded; the speech between its pauses (where its record says
they are, `timings.pauses`) is kept sample for sample, and each pause becomes the silence
the new clip asks for; its words' timings move with the speech. The result is finished and
checked as any clip is. Nothing is sent to a provider, so nothing is billed again.
"""

from __future__ import annotations

import anyio
import anyio.to_thread

from ..audio import AudioSettings
from ..audio.samples import Audio
from ..planning.plan import Clip
from ..planning.recipes import Regapped
from ..store.manifest import StoredClip
from .derived import decoded, make_derived
from .graph import Made, Making
from .slow import finished_from, marks_of


async def make_regapped(clips: list[Clip], making: Making) -> Made:
    """The maker of clips with new pauses (`recipes.Regapped`)."""
    return await make_derived(clips, making, _regap, "new pauses")


async def _regap(clip: Clip, making: Making) -> tuple[bytes, StoredClip]:
    """The file of `clip` and its manifest entry; stores nothing. LookupError when its
    stored clip is gone."""
    store, recipe = making.store, clip.recipe
    assert isinstance(recipe, Regapped)
    source = recipe.source
    entry = store.get(source)
    path = store.clip_file(source)
    if entry is None or path is None or entry.timings is None:
        raise LookupError(f"its clip with the former pauses ({source}) is not in the store")
    heard = await anyio.to_thread.run_sync(decoded, path, abandon_on_cancel=True)
    return await anyio.to_thread.run_sync(
        _rejoined, clip, recipe, heard, entry, making.settings.audio, abandon_on_cancel=True
    )


def _rejoined(
    clip: Clip, recipe: Regapped, heard: Audio, source: StoredClip, settings: AudioSettings
) -> tuple[bytes, StoredClip]:
    """`heard` (the stored clip `source`) with each pause its recipe's gap (blocking)."""
    import numpy as np

    rate = heard.sample_rate
    recorded = source.timings or {}
    spans = [
        (round(a * rate / 1000), round(b * rate / 1000)) for a, b in recorded.get("pauses") or ()
    ]
    gap = recipe.spoken.gaps
    gaps = gap if isinstance(gap, tuple) else (gap,) * len(spans)
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
    return finished_from(clip, joined, source, words, settings, stretched=False)
