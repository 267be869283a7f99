"""Timings for clips made before clips recorded them: found again, never invented.

A course whose clips were made by an earlier tts-assets has no `timings` in their manifest
entries. Its provider, where it says a text the same way every time and bills nothing
(Kokoro, Piper, espeak-ng: `Provider.deterministic`, not `paid`), is asked again for each
such clip, in memory; the audio is finished as the run finishes a clip, and only when the
bytes come out equal to the stored clip's (its sha256) are that audio's timings the stored
clip's: they are kept in its entry. The clip's file is never written, and a clip whose
bytes differ (another model build, a clip someone replaced) gets none. Kokoro's encoder
half alone would give the durations for less, but not where they fall in the trimmed and
padded stored file: the bytes are the proof.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import anyio.to_thread

from ..audio import AudioSettings
from ..planning.plan import Clip
from ..providers.base import Provider
from ..store.manifest import Store, sha256
from .finishing import clip_timings, finish_clip
from .hooks import Stop
from .synthesis import speech_for


async def backfill_timings(
    clips: Sequence[Clip],
    providers: Mapping[str, Provider],
    store: Store,
    audio: AudioSettings,
    stop: Stop,
) -> int:
    """Find the timings of each of `clips` (present, without timings) again; the number
    kept."""
    kept = 0
    for clip in clips:
        if stop.requested:
            break
        entry = store.get(clip.rel_path)
        provider = providers.get(clip.voice.provider)
        if entry is None or provider is None:
            continue
        try:
            pieces = [
                await provider.synthesize(speech_for(clip, index, provider))
                for index in range(len(clip.pieces))
            ]
            data, _, _, _, heard = await anyio.to_thread.run_sync(
                finish_clip, pieces, audio, clip.spoken, clip.kind, clip.gaps
            )
        except Exception:  # this clip's timings stay unknown; the run goes on
            continue
        if sha256(data) != entry.sha256:
            continue  # not provably the stored audio: no timings rather than wrong ones
        timings = await anyio.to_thread.run_sync(clip_timings, clip, heard, provider.no_timings())
        store.replace(replace(entry, timings=timings.as_manifest()))
        kept += 1
    return kept
