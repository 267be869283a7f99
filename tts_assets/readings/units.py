"""A clip's word timings gathered into the units a learner repeats: phrases or sentences.

A shadowing drill plays a clip one stretch at a time, seeking to each segment's start and
stopping at its end (the seed app's `Shadowing.tsx`); stopping after every word is not
shadowing. A field's `segments_by` says what a segment is:

    word      each word as said (the timings as recorded)
    phrase    in Japanese an accent phrase (a word with the particles and endings that
              lean on it: 今日は | 朝から | 雨が | 降っています。), as the clip was told
              its pitch (`lang.ja.accent`: the told pattern's phrases, mora by mora);
              elsewhere, and where no pattern fits the words, the stretch up to a comma
              or a sentence's end
    sentence  the stretch up to a sentence's end, as the language ends its sentences
              (`content.text.sentence_ends`: not after `Dr.` or a German ordinal)

A unit starts where its first word starts and ends where its last word ends, in the same
milliseconds, so its edges are word edges measured from the clip; its text is the text
as written from its first word to its last (the words' own texts joined where a word is
not found in it), its reading the words' readings joined where every word has one.
Nothing is guessed: units only join the words the provider timed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..content.text import CLAUSE_END, sentence_ends

_KEYS = ("start", "end", "text", "reading")
_PATTERN_SEPARATORS = re.compile(r"[\s|/]+")
_MORA_LETTERS = frozenset("HLRV")
"""The letters of a told pattern that are morae (`lang.ja.accent`: V a question's dip)."""
_NEARBY = 16
"""How far past the last word the next one's text is looked for (spaces and signs)."""
_FARTHEST = 256
"""... and at most, past words not found (what they are written as)."""
_BETWEEN = " \t\n\u3000、，,。．.!?！？;；:：\"'「」『』()（）-–—…"
"""What may stand between two words found one after the other."""


def units_of(
    words: Sequence[Mapping[str, Any]],
    by: str,
    text: str,
    lang: str,
    pattern: str | None = None,
) -> list[dict[str, object]]:
    """The segments of a clip whose word timings are `words` (the manifest's records:
    `{"start", "end", "text", "reading"?, "morae"?}`), by `by` (module docstring): `text`
    is the clip's text as written, `lang` its language, `pattern` the pitch pattern it was
    told (Japanese), if any."""
    if by == "word" or not words:
        return [{k: w[k] for k in _KEYS if k in w} for w in words]
    placed = _place(words, text)
    cuts = _cuts_at(words, placed, text, sentence_ends(text, lang), _SENTENCE_SIGNS)
    if by == "phrase":
        clauses = [m.end() for m in CLAUSE_END.finditer(text)]
        cuts |= _phrase_cuts(words, pattern) or _cuts_at(
            words, placed, text, clauses, _CLAUSE_SIGNS
        )
    units: list[dict[str, object]] = []
    first = 0
    for index in range(len(words)):
        if index in cuts or index == len(words) - 1:
            units.append(_unit(words[first : index + 1], placed[first : index + 1], text))
            first = index + 1
    return units


def _place(words: Sequence[Mapping[str, Any]], text: str) -> list[tuple[int, int] | None]:
    """Where each word's text is in `text`, found in order; None for a word not found
    (a number said in words, phonemes where the words did not match)."""
    placed: list[tuple[int, int] | None] = []
    cursor = 0
    missed = 0  # words not found since the last one found
    for word in words:
        said = str(word.get("text", ""))
        # Looked for just ahead (whitespace and signs between words; after words not
        # found, their written form too), so the search stays linear in the text.
        reach = len(said) + min(_NEARBY * (1 + missed), _FARTHEST)
        at = text.find(said, cursor, cursor + reach) if said else -1
        between = text[cursor:at] if at >= 0 else ""
        if at < 0 or (not missed and between.strip(_BETWEEN)):
            placed.append(None)
            missed += 1
            continue
        placed.append((at, at + len(said)))
        cursor = at + len(said)
        missed = 0
    return placed


_SENTENCE_SIGNS = frozenset("。．！？!?.…")
_CLAUSE_SIGNS = frozenset("、，,;；:：")
_CLOSING = "」』）)]】\"'”’»"


def _cuts_at(
    words: Sequence[Mapping[str, Any]],
    placed: Sequence[tuple[int, int] | None],
    text: str,
    ends: Sequence[int],
    signs: frozenset[str],
) -> set[int]:
    """The words after which one of `ends` (positions in `text`) falls: past the word's
    start and no later than where the next word starts. A word not found in the text
    ends a unit where its own text ends in one of `signs`."""
    cuts: set[int] = set()
    ends = sorted(ends)
    following = [len(text)] * len(words)  # where the next word found starts
    for index in range(len(words) - 2, -1, -1):
        after = placed[index + 1]
        following[index] = after[0] if after is not None else following[index + 1]
    pointer = 0
    for index, word in enumerate(words):
        here = placed[index]
        if here is None:
            said = str(word.get("text", "")).rstrip().rstrip(_CLOSING)
            if said[-1:] in signs:
                cuts.add(index)
            continue
        while pointer < len(ends) and ends[pointer] <= here[0]:
            pointer += 1
        if pointer == len(ends) or ends[pointer] > max(following[index], here[1]):
            continue
        if ends[pointer] <= here[1] or index + 1 == len(words) or placed[index + 1]:
            cuts.add(index)  # the end is in this word, or right after it
            continue
        # Words not found follow (a number said in words): the end is theirs, the last
        # of them's unless one ends in a sign of its own.
        run = index + 1
        while run + 1 < len(words) and placed[run + 1] is None:
            run += 1
        if not any(i in cuts for i in range(index + 1, run + 1)):
            own = [
                i
                for i in range(index + 1, run + 1)
                if str(words[i].get("text", "")).rstrip().rstrip(_CLOSING)[-1:] in signs
            ]
            cuts.add(own[0] if own else run)
    return cuts


def _phrase_cuts(words: Sequence[Mapping[str, Any]], pattern: str | None) -> set[int]:
    """The words after which an accent phrase of the told `pattern` ends, where every
    word's morae are recorded and they count the pattern's morae; empty otherwise (the
    caller then cuts at the clauses)."""
    if not pattern:
        return set()
    lengths = [
        sum(1 for c in phrase if c in _MORA_LETTERS)
        for phrase in _PATTERN_SEPARATORS.split(pattern)
        if phrase
    ]
    morae = [word.get("morae") for word in words]
    if not all(isinstance(m, list) and m for m in morae):
        return set()
    counts = [len(m) for m in morae if isinstance(m, list)]
    if sum(counts) != sum(lengths):
        return set()  # the words are not those the pattern was told for
    boundaries = list(itertools.accumulate(lengths))
    cuts: set[int] = set()
    done = 0
    pointer = 0
    for index, count in enumerate(counts):
        done += count
        crossed = False
        while pointer < len(boundaries) and boundaries[pointer] <= done:
            crossed = True
            pointer += 1
        if crossed:
            cuts.add(index)
    return cuts


def _unit(
    words: Sequence[Mapping[str, Any]],
    placed: Sequence[tuple[int, int] | None],
    text: str,
) -> dict[str, object]:
    first, last = placed[0], placed[-1]
    if first is not None and last is not None and all(p is not None for p in placed):
        written = text[first[0] : last[1]]
    else:
        joiner = " " if any(c.isspace() for c in text.strip()) else ""
        written = joiner.join(str(w.get("text", "")) for w in words)
    unit: dict[str, object] = {
        "start": words[0]["start"],
        "end": words[-1]["end"],
        "text": written,
    }
    readings = [w.get("reading") for w in words]
    if all(isinstance(r, str) for r in readings):
        unit["reading"] = "".join(str(r) for r in readings)
    return unit
