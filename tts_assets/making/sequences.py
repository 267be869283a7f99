"""Joins made (drills, dialogues): each joined from its parts' clips in the store, never
synthesized.

Each part's file is decoded, trimmed to its speech and joined with the silences between
them (a written pause at its length, an `answer` sized to the next part, else the clips'
own lead and tail), each part at the loudness its clip was finished to, padded, encoded
and checked as any clip is, and stored with where each part is: `{"source": "sequence",
"words": [{"start", "end", "text", "part", "lang"}]}` (a dialogue's line: `"speaker"` and
`"voice"` instead of `"part"` and `"lang"`), which the `timings` place and a WebVTT track
are written from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread

from ..audio import AudioSettings
from ..audio.samples import Audio
from ..content.sequence import answer_seconds
from ..planning.plan import Clip
from ..planning.recipes import Joined, SequencePart
from ..store.manifest import Store, StoredClip
from .derived import decoded, make_derived
from .graph import Maker, Making

SOURCE = "sequence"
"""The `source` of a sequence's timings: where each part is, as it joined them."""


def join_maker(timed: Timed, noun: str | Callable[[Clip], str]) -> Maker:
    """The maker of joins whose timings `timed` records; a failure calls it `noun`."""

    async def join(clip: Clip, making: Making) -> tuple[bytes, StoredClip]:
        audio = making.settings.audio
        return await anyio.to_thread.run_sync(
            joined, clip, making.store, audio, timed, abandon_on_cancel=True
        )

    return partial(make_derived, make=join, what=noun)


def _noun(clip: Clip) -> str:
    recipe = clip.recipe
    assert isinstance(recipe, Joined)
    return "dialogue" if any(p.speaker is not None for p in recipe.parts) else "drill"


@dataclass(frozen=True)
class Placed:
    """Where a text part of a join is, in ms of the joined clip."""

    part: SequencePart
    start: int
    """Where its speech starts."""
    end: int
    """Where its speech ends."""
    shift: int
    """What to add to a time of its own clip to place it in the join."""


Timed = Callable[[Sequence[Placed], Store, Joined], dict[str, Any]]
"""What a join records of where its parts are (its `timings`), from where each is."""


def joined(
    clip: Clip, store: Store, settings: AudioSettings, timed: Timed
) -> tuple[bytes, StoredClip]:
    """The file of the join `clip` and its manifest entry (blocking); stores nothing.
    LookupError when a part is not there."""
    from ..audio.measure import measure_audio
    from ..audio.process import process_heard

    recipe = clip.recipe
    assert isinstance(recipe, Joined)
    texts = [p for p in recipe.parts if p.source is not None]
    heard = [decoded(_part_file(part, store)) for part in texts]
    durations = [a.duration for a in heard]
    gaps = _gaps(recipe.parts, durations, settings)
    finished, heads = _strung(heard, gaps, settings)
    # Checked as a text of its parts with its silences written as pauses, so its length
    # is held to theirs (`audio.bounds`): a part said too long fails the drill too.
    checked = "".join(
        part.text + _as_pauses(gap) for part, gap in zip(texts, [*gaps, 0.0], strict=True)
    )
    data, audio = process_heard(finished, settings, checked, "text", finished=True)
    entry = clip.manifest_entry(data, audio.duration, measure_audio(audio).as_manifest())
    placed = _placed(texts, audio, settings, heads)
    entry = replace(entry, provider=clip.voice.provider, timings=timed(placed, store, recipe))
    return data, entry


def _strung(
    parts: Sequence[Audio], gaps: Sequence[float], settings: AudioSettings
) -> tuple[Audio, list[int]]:
    """The parts' speech end to end, `gaps` seconds of silence between them, padded with
    the lead and tail (`audio.process.padded`), at the clips' rate (`Audio.silences`:
    where each silence is); and
    where each part's speech starts in its own clip. Each part is finished already: its
    speech is taken as it is, and no filter runs again on the whole."""
    import numpy as np

    from ..audio.edges import speech_span
    from ..audio.process import padded
    from ..audio.resample import resample

    rate = settings.sample_rate or parts[0].sample_rate
    pieces = []
    heads = []
    for part in parts:
        samples = np.asarray(part.samples, dtype=np.float32)
        if part.sample_rate != rate:
            samples = resample(samples, part.sample_rate, rate)
        span = speech_span(samples, rate, settings.trim_db)
        if span is None:
            raise LookupError("the clip of a part is silent")
        pieces.append(samples[span[0] : span[1]])
        heads.append(span[0])
    whole, _, silences = padded(pieces, gaps, settings, rate)
    return Audio(whole, rate, None, None, tuple(silences)), heads


def _as_pauses(seconds: float) -> str:
    """`seconds` of silence as pause markers (each at most `pauses.LONGEST_S`)."""
    from ..pauses import LONGEST_S

    markers = []
    while seconds > 0.0005:
        step = min(seconds, LONGEST_S)
        markers.append(f" [pause:{step:.3f}s] ")
        seconds -= step
    return "".join(markers)


def _part_file(part: SequencePart, store: Store) -> Path:
    path = None if part.source is None else store.clip_file(part.source)
    if path is None:
        raise LookupError(f'the clip of its part "{part.name}" is not in the store ({part.source})')
    return path


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


def _placed(
    texts: Sequence[SequencePart], audio: Audio, settings: AudioSettings, heads: Sequence[int]
) -> list[Placed]:
    """Where each text part is in the finished join, in ms (`heads`: where each part's
    speech starts in its own clip)."""
    rate = audio.sample_rate

    def ms(sample: int) -> int:
        return round(sample * 1000 / rate)

    lead = round(rate * settings.lead_ms / 1000)
    tail = round(rate * settings.tail_ms / 1000)
    starts = [lead, *(end for _, end in audio.silences)]
    ends = [*(start for start, _ in audio.silences), len(audio.samples) - tail]
    return [
        Placed(p, ms(a), ms(b), ms(a - head))
        for p, a, b, head in zip(texts, starts, ends, heads, strict=True)
    ]


def _parts(placed: Sequence[Placed], store: Store, recipe: Joined) -> dict[str, Any]:
    """A drill's or a dialogue's timings: where each text part is (`SequencePart.labels`)."""
    words = [{"start": p.start, "end": p.end, "text": p.part.text} | p.part.labels for p in placed]
    return {"source": SOURCE, "words": words}


make_joined = join_maker(_parts, _noun)
