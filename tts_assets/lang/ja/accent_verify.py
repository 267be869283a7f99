"""`verify --accent` over a plan: the stored Japanese clips heard for their accents, what
is wrong with them and what could not be checked, and what is kept of each in its manifest
entry (`StoredClip.accent`) for the review page. `accent_feature.py` wires it in.

Every intact clip of a language with a pitch accent is heard (but a kana said alone: a
chart's sound has no accent to imitate), where its manifest entry records when its morae
are said (`timings`, in milliseconds of the stored file): decoded and heard
(`accent_heard.hear_accent`) against the accent it was told (its entry's `pitch`: what it
was made to say), or, for a clip made with the model's own pitch, the accent the analyzer
gives its text (`accent.expected_accent`) where the clip says what the analyzer reads (a
clip that says another reading, the content's, is not held to the written text's accent).
A clip without mora timings, or whose morae are not the ones its accent counts, is not
checked, and counted so.

Texts said alike (the same kana) with different accents are minimal pairs (雨/飴), paired by
what their clips say, not by how the analyzer reads the written words: a pair whose clips
are the same samples, or are heard alike, or has a clip not said with its accent, cannot
teach the difference and is reported as a pair. Texts whose accents differ only after the
word (花/鼻, odaka and flat) are said alike alone by design: a note says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import combinations
from pathlib import Path

from ...audio.codec import decode
from ...content.item import Item
from ...features.checked import Problem
from ...planning.plan import Clip
from ...readings.saying import TOLD_SEPARATOR
from ...readings.words import mora_kana, mora_spans
from ...store.manifest import Store, StoredClip
from .accent import expected_accent, phrases_of_pattern
from .accent_heard import AccentHeard, AccentPair, hear_accent, minimal_pair
from .kana import reading_key

UNCHECKED_SHOWN = 10
"""The texts of clips `verify --accent` could not check that its note names."""


@dataclass(frozen=True)
class _Stored:
    clip: Clip
    entry: StoredClip
    file: Path


@dataclass(frozen=True)
class _Held:
    """What a clip is heard against."""

    kana: str
    """What the clip says, to pair it with the clips said alike."""
    patterns: list[str]
    """Each accent phrase's pattern, as it should be heard."""
    accents: tuple[int, ...]
    """The analyzer's accent of each phrase where it reads the text as the clip says it
    (tells an odaka word from a flat one, which a clip of the word alone cannot)."""


@dataclass
class AccentCheck:
    """What `verify --accent` found over a plan's clips."""

    told: dict[str, _Stored] = field(default_factory=dict)
    """The clips heard, by path."""
    sounds: int = 0
    """The clips of a kana said alone: not heard."""
    heard: dict[str, AccentHeard] = field(default_factory=dict)
    """Each checked clip's accent, by its path."""
    unchecked: list[str] = field(default_factory=list)
    """Clips not checked (no mora timings, or morae the text's accent does not count)."""
    pairs: list[AccentPair] = field(default_factory=list)
    """Minimal pairs whose clips cannot teach the difference."""
    alike: list[AccentPair] = field(default_factory=list)
    """Pairs said alike alone by design (花/鼻): for a note."""

    def problems(self) -> Iterator[Problem]:
        """An *accent* problem at each place of a clip said with another accent (the clip
        at fault), and of a minimal pair a learner cannot tell apart (neither clip alone
        is)."""
        for rel, heard in self.heard.items():
            if heard.verdict != "wrong":
                continue
            for item in self.told[rel].clip.items:
                # Each place quoted with its own text (あ and ア share a clip).
                why = (
                    f"{item.spoken}: said with the accent {heard.heard}, expected "
                    f"{heard.expected} (H high, L low, per mora): a learner would imitate the "
                    "wrong accent"
                )
                yield Problem(item.file, item.text_path, "accent", why, rel)
        for pair in self.pairs:
            why = (
                f"{pair.texts[0]}/{pair.texts[1]} ({pair.expected[0]}/{pair.expected[1]}, heard "
                f"{pair.heard[0] or '?'}/{pair.heard[1] or '?'}): a minimal pair a learner "
                f"cannot tell apart: {pair.reason}"
            )
            for rel in pair.clips:
                for item in self.told[rel].clip.items:
                    yield Problem(item.file, item.text_path, "accent", why)

    def notes(self) -> list[str]:
        """Notes on the pairs said alike on purpose and on the clips not checked for their
        accent (a kana alone; no mora timings, or too few voiced morae)."""
        told, unchecked = self.told, self.unchecked
        notes = [pair.reason for pair in self.alike]
        if self.sounds:
            notes.append(
                f"{self.sounds} Japanese clip(s) of a kana said alone (a chart's sound) not "
                "checked for their accent: a sound alone has none to imitate"
            )
        if unchecked:
            texts = list(dict.fromkeys(told[rel].clip.spoken for rel in unchecked))
            shown = ", ".join(texts[:UNCHECKED_SHOWN])
            more = (
                f" and {len(texts) - UNCHECKED_SHOWN} more" if len(texts) > UNCHECKED_SHOWN else ""
            )
            notes.append(
                f"{len(told) - len(unchecked)} of {len(told)} Japanese clip(s) "
                f"checked for their accent; {len(unchecked)} not (no mora timings, or "
                f"too few voiced morae): {shown}{more}"
            )
        return notes

    def kept(self) -> dict[str, dict[str, object]]:
        """What was heard of each checked clip, as its manifest entry keeps it
        (`StoredClip.accent`)."""
        kept: dict[str, dict[str, object]] = {
            rel: {
                "sha256": self.told[rel].entry.sha256,
                "expected": heard.expected,
                "heard": heard.heard,
                "wrong": heard.verdict == "wrong",
                "pair": None,
            }
            for rel, heard in self.heard.items()
            if heard.verdict != "unchecked"
        }
        for pair in self.pairs:
            why = f"{pair.texts[0]}/{pair.texts[1]}: a minimal pair a learner cannot tell apart: "
            for rel in pair.clips:
                if rel in kept:
                    kept[rel]["pair"] = why + pair.reason
        return kept


def check_accents(store: Store, clips: list[Clip], damage: Mapping[str, object]) -> AccentCheck:
    """Hear every intact clip with a pitch accent to hear, then its minimal pairs (module
    doc). Clips are told apart by their paths: one text said two ways (十分 read じゅっぷん
    and じゅうぶん) is two clips, each held to its own accent."""
    found = AccentCheck()
    for clip in clips:
        entry = store.get(clip.rel_path)
        file = store.clip_file(clip.rel_path)
        profile = clip.lang.profile
        accented = profile is not None and bool(profile.pitch_accent)
        if not clip.recipe.heard or not accented or clip.rel_path in damage:
            continue  # a join says no one text: its parts' clips are heard
        if entry is None or file is None:
            continue
        if _a_sound_alone(clip):
            found.sounds += 1
            continue
        found.told[clip.rel_path] = _Stored(clip, entry, file)
    held = _hear_each(found)
    by_kana: dict[str, list[str]] = defaultdict(list)
    for rel, each in held.items():
        by_kana[each.kana].append(rel)
    of = found.told
    for paths in by_kana.values():
        for a, b in combinations(sorted(paths, key=lambda rel: (of[rel].clip.spoken, rel)), 2):
            pattern_a, pattern_b = found.heard[a].expected, found.heard[b].expected
            if not _may_pair(of[a], of[b], (pattern_a, pattern_b), held[a], held[b]):
                continue
            pair = minimal_pair(
                (of[a].clip.spoken, of[b].clip.spoken),
                (pattern_a, pattern_b),
                (found.heard[a], found.heard[b]),
                same_samples=of[a].entry.sha256 == of[b].entry.sha256,
            )
            if pair is None:
                continue
            pair = replace(pair, clips=(a, b))
            if pattern_a != pattern_b:
                found.pairs.append(pair)
                continue
            # Alike alone by design (花/鼻), unless the content stated an accent the
            # analyzer reads otherwise: then the content is what to check.
            stated = _stated_otherwise(of[a]) or _stated_otherwise(of[b])
            if stated is not None:
                alike = f"{pair.texts[0]} and {pair.texts[1]} are told the same accent"
                pair = replace(pair, reason=f"{alike}: {stated}; check the content's accent")
            found.alike.append(pair)
    return found


def _hear_each(found: AccentCheck) -> dict[str, _Held]:
    """Hear each clip told into `found` (those with nothing to hold them to, or no timing
    of each mora, are unchecked); what each heard clip was held to, its kana as a
    `reading_key`."""
    held: dict[str, _Held] = {}
    for rel, stored in found.told.items():
        expected = _expected(stored)
        timings = stored.entry.timings
        spans = mora_spans(timings)
        if expected is None or spans is None or len(spans) != sum(map(len, expected.patterns)):
            found.unchecked.append(rel)
            continue
        audio = decode(stored.file.read_bytes())
        heard = hear_accent(
            audio.samples, audio.sample_rate, spans, expected.patterns, mora_kana(timings)
        )
        found.heard[rel] = heard
        if heard.verdict == "unchecked":
            found.unchecked.append(rel)
        held[rel] = replace(expected, kana=reading_key(expected.kana))
    return held


def _expected(stored: _Stored) -> _Held | None:
    """What `stored` should be heard with: the accent it was told, else the analyzer's
    accent of its text where the clip says what the analyzer reads; None: nothing to
    hold it to (a clip of the model's own pitch that says another reading)."""
    text, told = stored.clip.spoken, stored.entry.pitch or {}
    phrases = expected_accent(text)
    analyzed = "".join(p.kana for p in phrases)
    said = told.get("kana") or stored.entry.reading
    alike = said is None or reading_key(str(said)) == reading_key(analyzed)
    accents = tuple(p.accent for p in phrases) if alike else ()
    pattern = told.get("pattern")
    if isinstance(pattern, str) and pattern:
        cut = phrases_of_pattern(pattern.replace(TOLD_SEPARATOR, " "))
        return _Held(str(said or analyzed), [p for p in cut if p != "-"], accents)
    if not phrases or not alike:
        return None  # it says another reading than the analyzer's of its text
    return _Held(analyzed, [p.pattern for p in phrases], accents)


def _may_pair(
    a: _Stored, b: _Stored, patterns: tuple[str, str], held_a: _Held, held_b: _Held
) -> bool:
    """Two clips of one reading may be a minimal pair: other texts, held to other
    patterns, or to one pattern while the analyzer gives both their accents and tells
    them apart (花/鼻)."""
    if a.clip.spoken == b.clip.spoken:
        return False
    if patterns[0] != patterns[1]:
        return True
    return bool(held_a.accents and held_b.accents) and held_a.accents != held_b.accents


def _stated_otherwise(stored: _Stored) -> str | None:
    """How the content's accent of `stored` (its told pitch `from` the content) differs
    from the analyzer's of its text, in words; None when it was not the content's, or
    agrees."""
    text, told = stored.clip.spoken, stored.entry.pitch or {}
    pattern = told.get("pattern")
    if told.get("from") != "content" or not isinstance(pattern, str):
        return None
    analyzed = "".join(p.pattern for p in expected_accent(text))
    stated = "".join(
        p for p in phrases_of_pattern(pattern.replace(TOLD_SEPARATOR, " ")) if p != "-"
    )
    if not analyzed or analyzed == stated:
        return None
    return f"{text} is told the content's accent {stated}, where {text} is {analyzed}"


def keep_accents(store: Store, heard: Mapping[str, Mapping[str, object]]) -> int:
    """Keep each clip's heard accent in its manifest entry (`StoredClip.accent`), on the
    entries whose bytes are the ones heard; how many changed."""
    written = 0
    for path, found in heard.items():
        entry = store.get(path)
        if entry is None or entry.sha256 != found["sha256"] or entry.accent == found:
            continue
        store.replace(replace(entry, accent=dict(found)))
        written += 1
    return written


def _a_sound_alone(clip: Clip) -> bool:
    """Whether `clip` says a kana alone (a chart's sound, or one mora written in kana):
    no word, so no accent a learner would imitate. A word of one mora in kanji (木, 気)
    has one, and is heard."""
    from ...scripts.kana import is_kana, kana_morae

    def alone(item: Item) -> bool:
        letters = [c for c in item.spoken if c.isalnum()]
        kana = bool(letters) and all(is_kana(c) for c in letters)
        return item.kind == "kana" or (kana and len(kana_morae("".join(letters))) <= 1)

    return bool(clip.items) and all(alone(item) for item in clip.items)
