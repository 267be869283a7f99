"""The row model of the review page: one row per clip, or per text that has no clip.

A row holds facts about one clip (its texts and places, what was written and said, who
said it, what its audio measures); `flags.assess` derives the tool's doubts from them.
Rows are plain data with no I/O: `collect.collect_rows` makes them, tests write them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..audio.measure import ClipMeasures
from ..languages import Lang

Status = Literal["clip", "missing", "refused"]
"""`clip`: a stored clip to listen to; `missing`: the text should have a clip and has none
(not made yet, failed, or its file is damaged); `refused`: the text is deliberately not
voiced (the language gate, a text with nothing to say)."""

ReadingStatus = Literal[
    "agreed", "reading", "reading-unusable", "reading-doubt", "override", "numbers"
]
"""How the written form and its reading were reconciled before speaking (readings work):
they agreed, or the flag the page raises for it (`flags.FLAGS` says what each means)."""


@dataclass(frozen=True)
class ReadingCheck:
    """What reconciling a text with its reading found, in words for the reviewer."""

    status: ReadingStatus
    detail: str = ""
    """E.g. `read as ごぞうに, content says おぞうに; spoke おぞうに`."""


@dataclass(frozen=True)
class Flag:
    """One doubt about a row: a code from `flags.FLAGS` and what exactly is doubtful."""

    code: str
    detail: str


@dataclass(frozen=True)
class Row:
    """One clip (or one text without a clip) as the review page shows it. Empty strings
    and None mean the fact is not known or does not apply."""

    type: str
    entry: str
    """The entry of the first place, for grouping: `kanji.json › [12]`."""
    places: tuple[str, ...]
    """Every place that uses the clip, first one first: `kanji.json › [12] › examples › [0]`."""
    text: str
    """The text as written in the content, at the first place."""
    lang: Lang
    """Language the text is spoken in, resolved (its clip's, its record's or its field's)."""
    key: str = ""
    clip: str = ""
    """The clip file relative to the out dir (`kanji/<key>.mp3`)."""
    url: str = ""
    """The clip's URL relative to the page."""
    reading: str | None = None
    spoken: str = ""
    """The form given to the engine, as text."""
    phonemes: str | None = None
    """The exact phonemes the engine got (phoneme providers)."""
    reading_check: ReadingCheck | None = None
    risk: float | None = None
    """How likely the clip says its text wrong, as its language's reader estimates it
    (`Form.risk`)."""
    provider: str = ""
    voice: str = ""
    pieces: int = 1
    """Sentence pieces synthesized separately and joined (long texts)."""
    tempo: float | None = None
    """A twin's tempo, its text's clip stretched to it (`slow`; a ladder's rung); None: the
    clip as spoken."""
    measures: ClipMeasures | None = None
    status: Status = "clip"
    reason: str = ""
    """Why there is no clip (`missing` and `refused` rows)."""
    heard: str | None = None
    """What the listening check heard in the clip (Whisper's transcript)."""
    listened: str | None = None
    """The listening check's verdict: `ok`, `flagged`, `not checked`; None: not listened to."""
    listen_note: str = ""
    """Why it was flagged, or why it was not checked."""
    pitch: str = ""
    """The pitch accent the clip was told (H high, L low per mora, its phrases spaced, `|`
    a pause, `R` a question's rise) and where from ("" when it keeps the model's own)."""
    accent: str = ""
    """What `verify --accent` found wrong with the clip's accent (the pattern expected and
    heard, or the minimal pair it cannot teach)."""
    contrast: str = ""
    """A minimal pair of length (おばさん/おばあさん) the clip is in, whose clips barely
    tell the length mora apart (`listening.lengths`)."""
    accepted: bool = False
    """Accepted in an earlier review, and the clip has not changed since."""
    flags: tuple[Flag, ...] = ()
    """The tool's doubts, most serious first (set by `flags.assess`)."""
    words: tuple[tuple[int, int, str], ...] = ()
    """When each word of the clip is said (start and end in ms, the word as written),
    from the manifest's timings: the page lights the word being spoken."""

    @property
    def reviewable(self) -> bool:
        """Whether there is audio to accept or reject."""
        return self.status == "clip"
