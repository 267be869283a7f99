"""When each unit of what a provider said is heard, carried with its samples to the stored clip.

A provider that can tell reports its own units, in samples of the audio it returns:

    phoneme    Kokoro (each token of its input, from the durations its model computes),
               Piper (each phoneme, from its model's alignments)
    character  ElevenLabs (each character of the text, from its `with-timestamps` answer)
    word       espeak-ng (each word of the text, from its word events)

Every stage that moves samples moves the marks with them: trimming cuts them to the
speech kept and shifts them, resampling scales them, joining a passage's pieces offsets
each piece's marks by where it lands, padding shifts them by the lead. A mark is never
invented: a provider that reports none leaves `Audio.timings` None, and the clip records
that it has none (`readings.words` turns marks into the words of the content).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

Unit = Literal["phoneme", "character", "word"]


@dataclass(frozen=True)
class Mark:
    """One unit of what was said and where it is heard: [start, end) in samples."""

    text: str
    """The unit as the provider spelled it: a phoneme, a character, or a word ("" for a
    unit with no spelling of its own, such as Kokoro's boundary tokens)."""
    start: int
    """Its first sample."""
    end: int
    """The sample after its last (equal to `start` for a unit with no duration)."""


@dataclass(frozen=True)
class Timings:
    """Everything a provider reported of when it said what it was given, in samples."""

    unit: Unit
    """What each mark is: a phoneme, a character or a word of the request."""
    marks: tuple[Mark, ...]
    """In the order spoken; for `character` and `word`, in the order of the text."""
    source: str
    """Who measured them, for the manifest (`kokoro durations`, `piper alignments`,
    `espeak-ng word events`, `elevenlabs alignment`)."""

    def _moved(self, at: Callable[[int], int]) -> Timings:
        """These marks, each of their samples moved to `at(sample)`."""
        return replace(self, marks=tuple(Mark(m.text, at(m.start), at(m.end)) for m in self.marks))

    def shifted(self, offset: int) -> Timings:
        """These marks `offset` samples later (earlier when negative)."""
        return self._moved(lambda at: at + offset)

    def clamped(self, start: int, end: int) -> Timings:
        """These marks held inside [start, end): what falls outside is pulled to its edge,
        so a unit said before the speech kept starts where the speech starts."""
        return self._moved(lambda at: min(max(at, start), end))

    def rescaled(self, from_rate: int, to_rate: int) -> Timings:
        """These marks in samples at `to_rate` instead of `from_rate`."""
        if from_rate == to_rate:
            return self
        return self._moved(lambda at: round(at * to_rate / from_rate))

    def kept(self, start: int, end: int) -> Timings:
        """The marks of the samples [start, end) cut out of the audio (trimming), in
        samples of the cut: held inside it, then shifted to begin at 0."""
        return self.clamped(start, end).shifted(-start)


def joined(parts: Sequence[tuple[Timings | None, int]]) -> Timings | None:
    """The marks of pieces joined into one audio: each (timings, offset where the piece
    starts in the whole), a space between two pieces. None when any piece has none (a
    passage's timings are whole or absent, never partial) or the pieces disagree on the
    unit."""
    found = [(t, offset) for t, offset in parts if t is not None]
    if not found or len(found) != len(parts):
        return None
    first = found[0][0]
    if any(t.unit != first.unit for t, _ in found):
        return None
    marks: list[Mark] = []
    for timings, offset in found:
        if marks:
            # Pieces are sentences: what ends one and starts the next are two words.
            marks.append(Mark(" ", offset, offset))
        marks += timings.shifted(offset).marks
    return Timings(first.unit, tuple(marks), first.source)
