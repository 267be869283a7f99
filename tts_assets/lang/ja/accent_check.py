"""The stored Japanese clips heard for their accents (`verify --accent`).

Each clip whose manifest entry records when its morae are said (`timings`, in
milliseconds of the stored file) is decoded and heard (`accent.hear_accent`) against
the accent it was told (its entry's `pitch`: what it was made to say), or, for a clip
made with the model's own pitch, the accent the analyzer gives its text
(`readings.accent.expected_accent`) where the clip says what the analyzer reads (a clip
that says another reading, the content's, is not held to the written text's accent). A
clip without mora timings, or whose morae are not the ones its accent counts, is not
checked, and counted so.

Texts said alike (the same kana) with different accents are minimal pairs (雨/飴,
箸/橋), paired by what their clips say, not by how the analyzer reads the written
words: a pair whose
clips are the same samples, or are heard alike, or has a clip not said with its accent,
cannot teach the difference and is reported as a pair. Texts whose accents differ only
after the word (花/鼻, odaka and flat) are said alike alone by design: a note says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from pathlib import Path
from typing import Any

from ...audio.codec import decode
from ...readings.saying import TOLD_SEPARATOR
from ...readings.words import mora_kana, mora_spans
from .accent import expected_accent, phrases_of_pattern
from .accent_heard import AccentHeard, AccentPair, hear_accent, minimal_pair
from .kana import reading_key


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
    pitch: Mapping[str, Any] | None = None
    """The manifest entry's `pitch`: the accent it was told (None: the model's own)."""
    reading: str | None = None
    """The manifest entry's `reading`: the kana it says, where the readings engine
    decided it (None: the text as the analyzer reads it)."""


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


def _stated_otherwise(clip: AccentClip) -> str | None:
    """How the content's accent of `clip` (its told pitch `from` the content) differs from
    the analyzer's of its text, in words; None when it was not the content's, or agrees."""
    told = clip.pitch or {}
    pattern = told.get("pattern")
    if told.get("from") != "content" or not isinstance(pattern, str):
        return None
    analyzed = "".join(p.pattern for p in expected_accent(clip.text))
    stated = "".join(
        p for p in phrases_of_pattern(pattern.replace(TOLD_SEPARATOR, " ")) if p != "-"
    )
    if not analyzed or analyzed == stated:
        return None
    return f"{clip.text} is told the content's accent {stated}, where {clip.text} is {analyzed}"


@dataclass(frozen=True)
class _Expected:
    kana: str
    """What the clip says, to pair it with the clips said alike."""
    patterns: list[str]
    """Each accent phrase's pattern, as it should be heard."""
    accents: tuple[int, ...]
    """The analyzer's accent of each phrase where it reads the text as the clip says it
    (tells an odaka word from a flat one, which a clip of the word alone cannot)."""


def _expected(clip: AccentClip) -> _Expected | None:
    """What `clip` should be heard with: the accent it was told, else the analyzer's
    accent of its text where the clip says what the analyzer reads; None: nothing to
    hold it to (a clip of the model's own pitch that says another reading)."""
    phrases = expected_accent(clip.text)
    analyzed = "".join(p.kana for p in phrases)
    said = (clip.pitch or {}).get("kana") or clip.reading
    alike = said is None or reading_key(str(said)) == reading_key(analyzed)
    accents = tuple(p.accent for p in phrases) if alike else ()
    told = (clip.pitch or {}).get("pattern")
    if isinstance(told, str) and told:
        cut = phrases_of_pattern(told.replace(TOLD_SEPARATOR, " "))
        return _Expected(str(said or analyzed), [p for p in cut if p != "-"], accents)
    if not phrases or not alike:
        return None  # it says another reading than the analyzer's of its text
    return _Expected(analyzed, [p.pattern for p in phrases], accents)


def hear_accents(clips: Sequence[AccentClip]) -> Accents:
    """Hear every clip of `clips` for its accent, then its minimal pairs (module doc).
    Clips are told apart by their paths: one text said two ways (十分 read じゅっぷん and
    じゅうぶん) is two clips, each held to its own accent."""
    found = Accents()
    held = _hear_each(clips, found)
    of = {clip.rel_path: clip for clip in clips}
    by_kana: dict[str, list[str]] = defaultdict(list)
    for rel, each in held.items():
        by_kana[each.kana].append(rel)
    for paths in by_kana.values():
        for a, b in combinations(sorted(paths, key=lambda rel: (of[rel].text, rel)), 2):
            if not _may_pair(of[a], of[b], held[a], held[b]):
                continue
            pair = _pair(of[a], of[b], held[a], held[b], found)
            if pair is not None:
                pair = replace(pair, clips=(a, b))
                alike = held[a].pattern == held[b].pattern
                (found.alike if alike else found.pairs).append(pair)
    return found


@dataclass(frozen=True)
class _Held:
    """What a heard clip was held to."""

    kana: str
    """The reading it should say (`reading_key`): clips of one reading may be a pair."""
    pattern: str
    """The accent pattern it was heard against."""
    accents: tuple[int, ...]
    """The analyzer's accent of each phrase; () when it reads the text otherwise."""


def _hear_each(clips: Sequence[AccentClip], found: Accents) -> dict[str, _Held]:
    """Hear each clip for its accent into `found` (those with nothing to hold them to, or
    no timing of each mora, are unchecked); what each heard clip was held to."""
    held: dict[str, _Held] = {}
    for clip in clips:
        expected = _expected(clip)
        spans = mora_spans(clip.timings)
        if expected is None or spans is None or len(spans) != sum(map(len, expected.patterns)):
            found.unchecked.append(clip.rel_path)
            continue
        audio = decode(clip.file.read_bytes())
        heard = hear_accent(
            audio.samples, audio.sample_rate, spans, expected.patterns, mora_kana(clip.timings)
        )
        found.heard[clip.rel_path] = heard
        if heard.verdict == "unchecked":
            found.unchecked.append(clip.rel_path)
        held[clip.rel_path] = _Held(reading_key(expected.kana), heard.expected, expected.accents)
    return held


def _may_pair(a: AccentClip, b: AccentClip, held_a: _Held, held_b: _Held) -> bool:
    """Two clips of one reading may be a minimal pair: other texts, held to other
    patterns, or to one pattern while the analyzer gives both their accents and tells
    them apart (花/鼻)."""
    if a.text == b.text:
        return False
    if held_a.pattern == held_b.pattern and held_a.accents == held_b.accents:
        return False
    return held_a.pattern != held_b.pattern or bool(held_a.accents and held_b.accents)


def _pair(
    a: AccentClip, b: AccentClip, held_a: _Held, held_b: _Held, found: Accents
) -> AccentPair | None:
    """The minimal pair two clips make as heard, or None."""
    pair = minimal_pair(
        (a.text, b.text),
        (held_a.pattern, held_b.pattern),
        (found.heard.get(a.rel_path), found.heard.get(b.rel_path)),
        same_samples=a.sha256 == b.sha256,
    )
    if pair is not None and held_a.pattern == held_b.pattern:
        # Alike alone by design (花/鼻), unless the content stated an accent the
        # analyzer reads otherwise: then the content is what to check.
        stated = _stated_otherwise(a) or _stated_otherwise(b)
        if stated is not None:
            alike = f"{a.text} and {b.text} are told the same accent"
            pair = replace(pair, reason=f"{alike}: {stated}; check the content's accent")
    return pair
