"""Stage two of making clips: join a clip's pieces, finish and check the audio, store it.

A whole clip (every piece made, assembler.py) becomes one job of its own pool, with its
own limit (the physical cores: this is CPU work) and its own timeout, so the time it
takes never counts against a piece's synthesis. A retryable error here tries the
finishing again with the same pieces; nothing is synthesized again.

Two thread hops per clip: the CPU work (join, trim, loudness, encode, validate, measure:
the audio code; when its words are said: `readings.words`), then the write (stage, fsync,
rename, record in the manifest).
"""

from __future__ import annotations

import contextlib
import copy
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from importlib import import_module
from typing import TYPE_CHECKING

import anyio.to_thread

from ..audio import AudioSettings
from ..audio.samples import Audio
from ..errors import AudioInvalid
from ..languages import hook
from ..pauses import SENTENCE_S
from ..planning.plan import Clip
from ..retry import RetryPolicy
from ..store.manifest import Store
from .pool import Job
from .synthesis import sent_of

if TYPE_CHECKING:
    from ..audio.measure import ClipMeasures
    from ..providers.engine import Engine
    from ..readings.form import SaidWord
    from ..readings.words import ClipTimings


def preload() -> threading.Thread:
    """Start importing the audio code in a thread (join it before use), while the
    providers load their models outside the GIL: startup costs the longer of the two."""
    thread = threading.Thread(target=_import_audio, name="import-audio")
    thread.start()
    return thread


def _import_audio() -> None:
    # An import error is raised again, to the caller, by the import that needs the module.
    with contextlib.suppress(Exception):
        import_module("tts_assets.audio.process")


def led(settings: AudioSettings, clip: Clip) -> AudioSettings:
    """`settings` for finishing `clip`: its lead longer by the silence its text asks for
    before its first word (`Spoken.lead`: a listening cloze whose blank opens the sentence
    has its gap there), which no `[audio]` bound limits."""
    speech = clip.recipe.speech
    lead = speech.lead if speech is not None else 0.0
    if lead <= 0:
        return settings
    longer = copy.copy(settings)
    object.__setattr__(longer, "lead_ms", settings.lead_ms + round(lead * 1000))
    return longer


def finish_clip(
    pieces: list[Audio],
    settings: AudioSettings,
    text: str,
    kind: str = "text",
    gaps: float | Sequence[float] = SENTENCE_S,
) -> tuple[bytes, float, ClipMeasures, str | None, Audio]:
    """The stored file of a clip of `text` (spoken as `kind`) made of `pieces` (`gaps`
    seconds of silence between each two), its seconds, what its audio measures (from the
    samples checking the file decoded), the phonemes its provider said, and its samples as
    decoded from the file with the provider's timings moved to them (blocking)."""
    from ..audio.measure import measure_audio
    from ..audio.process import finish_pieces, process_heard

    # A passage: its pieces finished one by one (memory bounded by the longest).
    passage = len(pieces) > 1
    whole = finish_pieces(pieces, settings, gaps) if passage else pieces[0]
    data, heard = process_heard(whole, settings, text, kind, finished=passage)
    return data, heard.duration, measure_audio(heard), whole.phonemes, heard


def finished(
    clip: Clip, pieces: list[Audio], settings: AudioSettings, made_by: Engine
) -> tuple[bytes, float, ClipMeasures, str | None, ClipTimings]:
    """`finish_clip` of the pieces of `clip`'s text, with when each of its words is said
    (blocking): what a run stores, and what finding a clip's timings again compares
    (`backfill`)."""
    try:
        data, duration, measures, said, heard = finish_clip(
            pieces, led(settings, clip), clip.spoken, clip.kind, sent_of(clip).gaps
        )
    except AudioInvalid as e:
        if not made_by.deterministic():
            raise
        # Making the clip again would fail again: say what would help instead.
        found = re.sub(r"; [^;]*synthesize it again$", "", str(e))
        raise AudioInvalid(
            f"{found}; {made_by.name} says this text the same way every time, so making it "
            "again would fail again: check the text (a letter with no sound of its own, a "
            "symbol), give it a reading, or choose another voice"
        ) from None
    return data, duration, measures, said, clip_timings(clip, heard, made_by.no_timings())


def clip_timings(clip: Clip, heard: Audio, none: str = "") -> ClipTimings:
    """When each word of `clip` is said in its stored samples `heard`, and where its
    written pauses are (blocking); `none`: why a provider that reported none did not."""
    from ..readings.words import clip_words

    said = sent_of(clip)
    known = clip.lang.profile
    analysis = known.said_words if known is not None else ""

    def morphemes() -> list[SaidWord]:
        # What the reader decided is said, piece by piece; for a text it did not decide,
        # what its language's analyzer reads, as the provider's own G2P does.
        if said.said_words:
            return list(said.said_words)
        words: Callable[[str], Sequence[SaidWord]] = hook(analysis)
        return [m for piece in said.pieces for m in words(piece)]

    found = clip_words(
        heard.timings,
        heard.samples,
        heard.sample_rate,
        clip.lang.code,
        said.pieces,
        morphemes if analysis else None,
        none,
        written=clip.spoken,
        spoken=said.form.spoken,
        # Words not timed by their morae take their readings from the words said as they
        # are (a Chinese text's syllables), shown as the review page shows what was said.
        read=() if analysis else said.said_words,
        shown=hook(known.shown_said) if known is not None and known.shown_said else None,
    )
    if not said.pauses or not heard.silences:
        return found
    # Where its pauses are, for its slow clip to keep them at their length.
    rate = heard.sample_rate
    spans = tuple((round(a * 1000 / rate), round(b * 1000 / rate)) for a, b in heard.silences)
    return replace(found, pauses=spans)


def store_clips(
    store: Store,
    clips: list[Clip],
    data: bytes,
    duration: float,
    measures: ClipMeasures,
    said: str | None,
    timings: ClipTimings,
    device: str | None,
) -> None:
    """Store `data` as the file of each of `clips` (one synthesis, several types)."""
    recorded, words = measures.as_manifest(), timings.as_manifest()
    for clip in clips:
        entry = clip.manifest_entry(data, duration, recorded, said, device)
        store.put(clip.rel_path, data, replace(entry, timings=words))


def finishing_job(
    key: str,
    clips: list[Clip],
    pieces: list[Audio],
    settings: AudioSettings,
    store: Store,
    made_by: Engine,
) -> Job[None]:
    """The job that finishes and stores the clips of content key `key` from `pieces`."""

    async def run() -> None:
        made = await anyio.to_thread.run_sync(finished, clips[0], pieces, settings, made_by)
        ran_on = getattr(made_by, "device", None)  # a plugin may not call Engine.__init__
        await anyio.to_thread.run_sync(store_clips, store, clips, *made, ran_on)

    # The run's timeout is per piece: a passage of forty sentences may take forty times.
    return Job(key, run, retry=RetryPolicy(), timeout_scale=max(1, len(pieces)))
