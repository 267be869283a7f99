"""The stored Japanese clips heard for their accents (`verify --accent`).

Each clip whose manifest entry records when its morae are said (`timings`, in
milliseconds of the stored file) is decoded and heard (`accent.hear_accent`) against
the accent its text should have (`readings.accent.expected_accent`). A clip without
mora timings, or whose morae are not the ones the text's accent counts (a reading said
otherwise), is not checked, and counted so.

Texts of one reading and different accents are minimal pairs (雨/飴, 箸/橋): a pair whose
clips are the same samples, or are heard alike, or has a clip not said with its accent,
cannot teach the difference and is reported as a pair. Texts whose accents differ only
after the word (花/鼻, odaka and flat) are said alike alone by design: a note says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from ..audio.codec import decode
from ..readings.accent import expected_accent
from .accent import AccentHeard, AccentPair, hear_accent, minimal_pair


@dataclass(frozen=True)
class AccentClip:
    """What the accent pass needs of one stored clip (plain values, no Settings)."""

    rel_path: str
    text: str
    """The text the clip says, as the content writes it."""
    file: Path
    sha256: str
    timings: Mapping[str, Any] | None
    """The manifest entry's `timings`: `{"words": [{"morae": [[start, end, kana], ...]}]}`."""


@dataclass
class Accents:
    """What the accent pass found."""

    heard: dict[str, AccentHeard] = field(default_factory=dict)
    """Each checked clip's accent, by its path."""
    unchecked: list[str] = field(default_factory=list)
    """Clips not checked (no mora timings, or morae the text's accent does not count)."""
    pairs: list[AccentPair] = field(default_factory=list)
    """Minimal pairs whose clips cannot teach the difference."""
    alike: list[AccentPair] = field(default_factory=list)
    """Pairs said alike alone by design (花/鼻): for a note."""

    @property
    def wrong(self) -> list[str]:
        """The clips heard with another accent than their text's."""
        return [path for path, heard in self.heard.items() if heard.verdict == "wrong"]


def mora_spans(timings: Mapping[str, Any] | None) -> list[tuple[float, float]] | None:
    """Each mora's (start, end) in seconds from a manifest entry's `timings`; None when
    they hold no morae."""
    words = (timings or {}).get("words")
    if not isinstance(words, list):
        return None
    spans = [
        (float(mora[0]) / 1000, float(mora[1]) / 1000)
        for word in words
        if isinstance(word, dict)
        for mora in word.get("morae", ())
    ]
    return spans or None


def hear_accents(clips: Sequence[AccentClip]) -> Accents:
    """Hear every clip of `clips` for its accent, then its minimal pairs (module doc)."""
    found = Accents()
    kana_of: dict[str, str] = {}
    patterns: dict[str, str] = {}
    accents: dict[str, tuple[int, ...]] = {}
    sha: dict[str, str] = {}
    for clip in clips:
        phrases = expected_accent(clip.text)
        spans = mora_spans(clip.timings)
        if not phrases or spans is None or len(spans) != sum(p.morae for p in phrases):
            found.unchecked.append(clip.rel_path)
            continue
        audio = decode(clip.file.read_bytes())
        heard = hear_accent(audio.samples, audio.sample_rate, spans, [p.pattern for p in phrases])
        found.heard[clip.rel_path] = heard
        if heard.verdict == "unchecked":
            found.unchecked.append(clip.rel_path)
        kana_of[clip.text] = "".join(p.kana for p in phrases)
        patterns[clip.text] = heard.expected
        accents[clip.text] = tuple(p.accent for p in phrases)
        sha[clip.text] = clip.sha256
    by_text = {clip.text: clip.rel_path for clip in clips}
    by_kana: dict[str, list[str]] = defaultdict(list)
    for text, kana in kana_of.items():
        by_kana[kana].append(text)
    for texts in by_kana.values():
        for a, b in combinations(sorted(texts), 2):
            if accents[a] == accents[b]:
                continue  # the same accent: not a pair
            pair = minimal_pair(
                (a, b),
                (patterns[a], patterns[b]),
                (found.heard.get(by_text[a]), found.heard.get(by_text[b])),
                same_samples=sha[a] == sha[b],
            )
            if pair is not None:
                (found.alike if patterns[a] == patterns[b] else found.pairs).append(pair)
    return found
