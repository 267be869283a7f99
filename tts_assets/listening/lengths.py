"""Minimal pairs of length whose clips barely tell them apart (おばさん/おばあさん, きて/きって).

Two words a course pairs (side by side in one object under keys of their own: a drill's
`word1` and `word2`, not the items of a list such as a kanji's readings) that
differ only by a length mora (a long vowel: ー, or the kana that lengthens the vowel
before it, おばあさん; a geminate: っ) exist to teach that mora. Japanese is timed by its
morae: the extra mora should take about as long as one. How long each mora of a clip is
said comes from the model that made it (Kokoro's own durations, recorded in the manifest
entry's `timings`), so no audio is read. The contrast is what the extra mora adds to the
word, over the mora before it, the mora itself and the mora after (a neighbour said
shorter to make room counts against it), as a share of the short word's mean mora; a
pair under `THRESHOLD` of a mora is flagged (`benchmarks/length_pairs.py` measures what it
was set on).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from ..readings.words import mora_kana, mora_spans
from ..scripts.kana import to_hiragana

THRESHOLD = 0.5
"""Least share of a mora an extra length mora must add for the pair to be heard apart."""

_VOWELS = dict.fromkeys("あかさたなはまやらわがざだばぱゃぁ", "あ")
_VOWELS |= dict.fromkeys("いきしちにひみりぎじぢびぴぃ", "い")
_VOWELS |= dict.fromkeys("うくすつぬふむゆるぐずづぶぷゅぅ", "う")
_VOWELS |= dict.fromkeys("えけせてねへめれげぜでべぺぇ", "え")
_VOWELS |= dict.fromkeys("おこそとのほもよろをごぞどぼぽょぉ", "お")
_LENGTHENS = {"あ": "あ", "い": "いえ", "う": "うお", "え": "え", "お": "お"}
"""The vowels a kana lengthens (え before い, お before う: せい, こう)."""


@dataclass(frozen=True)
class LengthClip:
    """What the length check needs of one stored clip."""

    rel_path: str
    text: str
    places: tuple[str, ...]
    """Where the content uses it (`kanji.json › [0] › word1`): clips side by side pair."""
    timings: Mapping[str, Any] | None
    """The manifest entry's `timings`, with each mora's span and kana."""


@dataclass(frozen=True)
class LengthPair:
    """A pair of clips differing by a length mora, and how much their clips differ."""

    short: str
    long: str
    """The two clips' paths."""
    contrast: float
    """What the length mora adds, as a share of a mora (the least, for several)."""
    added_ms: int
    """What it adds, in milliseconds."""
    reason: str
    """For the review page, where the contrast is under the threshold; else ""."""


def length_pairs(clips: Sequence[LengthClip]) -> list[LengthPair]:
    """Every pair the content puts side by side whose clips differ by length morae only,
    with its contrast (the module docstring); a clip without mora timings pairs with none."""
    beside: dict[str, list[LengthClip]] = defaultdict(list)
    for clip in clips:
        for place in dict.fromkeys(_object(p) for p in clip.places):
            if place:
                beside[place].append(clip)
    found: dict[tuple[str, str], LengthPair] = {}
    for group in beside.values():
        for a, b in combinations(group, 2):
            pair = _pair(a, b) or _pair(b, a)
            if pair is not None:
                found[pair.short, pair.long] = pair
    return list(found.values())


def _object(place: str) -> str:
    """The object holding the text at `place` under a key of its own (`… › pairs › [0]`
    for `word1`); "" for an item of a list (a kanji's readings are no pair)."""
    holder, _, key = place.rpartition(" › ")
    return "" if key.startswith("[") else holder


def _pair(short: LengthClip, long: LengthClip) -> LengthPair | None:
    """The pair of `short` and `long` where `long` says `short` with length morae added."""
    said = [to_hiragana(k) for k in mora_kana(short.timings)]
    longer = [to_hiragana(k) for k in mora_kana(long.timings)]
    spans, long_spans = mora_spans(short.timings), mora_spans(long.timings)
    if not said or not spans or not long_spans or len(longer) <= len(said):
        return None
    added = inserted(said, longer)
    if not added:
        return None
    lengths = [end - start for start, end in spans]
    long_lengths = [end - start for start, end in long_spans]
    mora = sum(lengths) / len(lengths)
    if mora <= 0:
        return None
    extra = [_added(lengths, long_lengths, added, k) for k in added]
    least = min(extra)
    contrast = least / mora
    reason = ""
    if contrast < THRESHOLD:
        reason = (
            f"{short.text} / {long.text}: the clips differ by {least * 1000:.0f} ms where the "
            f"length mora is ({contrast:.2f} of a mora, under {THRESHOLD:g}): a learner "
            "hardly hears the difference the pair teaches"
        )
    return LengthPair(short.rel_path, long.rel_path, contrast, round(least * 1000), reason)


def inserted(short: Sequence[str], long: Sequence[str]) -> list[int]:
    """Where in `long` (morae) length morae are added to say `short`: each ー, っ, or a
    vowel that lengthens the one before it; [] where `long` is not `short` so lengthened."""
    added: list[int] = []
    i = 0
    for j, mora in enumerate(long):
        if i < len(short) and short[i] == mora:
            i += 1
        elif _lengthens(long, j):
            added.append(j)
        else:
            return []
    return added if i == len(short) else []


def _lengthens(morae: Sequence[str], at: int) -> bool:
    """Whether mora `at` is a length mora: ー, っ, or a vowel lengthening the one before."""
    mora = morae[at]
    if mora in ("ー", "っ"):
        return at > 0
    if at == 0 or mora not in _LENGTHENS:
        return False
    before = _VOWELS.get(morae[at - 1][-1])
    return before is not None and before in _LENGTHENS[mora]


def _added(short: Sequence[float], long: Sequence[float], added: Sequence[int], at: int) -> float:
    """Seconds the length mora at `at` of `long` adds: the mora before, it and the mora
    after, against the same morae of `short`."""
    before = sum(1 for k in added if k < at)  # length morae before it shift the others
    low = max(0, at - 1)
    high = min(len(long), at + 2)
    window = [k for k in range(low, high) if k == at or k not in added]
    said = sum(long[k] for k in window)
    was = [k - before - (1 if k > at else 0) for k in window if k != at]
    return said - sum(short[k] for k in was if 0 <= k < len(short))
