"""Japanese words written alike, read as their sentence shows (`homographs.toml`).

The analyzer reads a word written one way and read two the same way wherever it stands:
辛い つらい in このスープは辛い (からい, spicy). A teacher reads it from the words beside it:
the file lists each word, its readings and the words of a sentence that show each
(スープ, 料理: からい; 仕事, 別れ: つらい), as the Chinese decider's `rules.toml` does for
polyphones.

A reading shown by its sentence is said (`context.with_rules` says it as a built-in rule,
where the analyzer reads otherwise); where no reading is shown, or two are, a word the file
marks `doubted` stays a doubt (`context.notes`). Each test is a substring or an end test over a
tuple of strings within the word's sentence: linear in the text.
"""

from __future__ import annotations

import bisect
import functools
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from .. import expanded
from .analysis import Morpheme
from .kana import is_kana, is_kanji, to_hiragana

_SENTENCE_ENDS = "。．！？!?\n"
"""Where a sentence ends: the words of another sentence show nothing."""
END = "$"
"""A cue after a word: its sentence ends there (あの方 alone, あの方。)."""


@dataclass(frozen=True)
class Reading:
    """One reading of a word and what in its sentence shows it."""

    start: str
    """Its start as the dictionary spells it (katakana: カラ of カライ)."""
    meaning: str
    near: tuple[str, ...] = ()
    """Words anywhere in the sentence that show it."""
    after: tuple[str, ...] = ()
    """What the text before the word ends with (with `before`, where both are given)."""
    before: tuple[str, ...] = ()
    """What the text after the word starts with."""
    examples: tuple[str, ...] = ()

    def placed(self, sentence: Sentence, start: int, end: int) -> str | None:
        """The word before or after the word from `start` to `end` in `sentence` that
        shows this reading (`after`, `before`: all given holding), or None. A cue is a word
        of the sentence (or a word's start before its kana, 至 of に至る), never
        characters inside another (の世界 of の世界史)."""
        if not self.after and not self.before:
            return None
        after = next((w for w in self.after if sentence.word(start - len(w), w)), None)
        before = next((w for w in self.before if sentence.word(end, w)), None)
        if (self.after and after is None) or (self.before and before is None):
            return None
        return after or before

    def near_word(self, sentence: Sentence, start: int, end: int) -> str | None:
        """A word anywhere else in `sentence` that shows this reading (`near`), or None
        (子 of 椅子 is none)."""
        return next((w for w in self.near if sentence.anywhere(w, start, end)), None)


@dataclass(frozen=True)
class Sentence:
    """A sentence of an analysis: its text and where its words start and end."""

    text: str
    opened: int
    closed: int
    starts: tuple[int, ...]
    """Where each morpheme starts in `text`, and where the last ends."""
    heads: frozenset[int]
    """The same, as a set."""
    words: frozenset[int]
    """The starts of morphemes but a one-kanji suffix joined to a kanji before it (史 of
    世界史, 学 of 経済学): where a word may end."""

    def word(self, at: int, cue: str) -> bool:
        """Whether `cue` is at `at` in the sentence, from a word's start to the start of a
        word (not of a kanji suffix joined to it: 史 of 世界史), or to kana that end the
        word it ends in (る of に至る)."""
        if cue == END:
            return at == self.closed
        if at < self.opened or at + len(cue) > self.closed or not self.text.startswith(cue, at):
            return False
        end = at + len(cue)
        if at not in self.heads:
            return False
        if end in self.words or end == self.closed:
            return True
        after = bisect.bisect_right(self.starts, end)
        if after == len(self.starts) or self.starts[after - 1] == end:
            return False  # a kanji suffix starts here (史)
        return all(is_kana(c) for c in self.text[end : self.starts[after]])

    def anywhere(self, cue: str, start: int, end: int) -> bool:
        """Whether `cue` is a word of the sentence outside the word from `start` to `end`."""
        at = self.text.find(cue, self.opened, self.closed)
        while at >= 0:
            if (at + len(cue) <= start or at >= end) and self.word(at, cue):
                return True
            at = self.text.find(cue, at + 1, self.closed)
        return False


@dataclass(frozen=True)
class Homograph:
    """A word written one way and read several (辛い: からい, つらい)."""

    stems: tuple[str, ...]
    readings: tuple[Reading, ...]
    ending: bool = True
    """Whether kana may follow the stem in the word (辛かった); False: the stem is the
    whole word (市場, not 市場調査)."""
    doubted: bool = True
    """Whether it is doubted where its sentence shows no reading."""
    doubted_after: tuple[str, ...] = ()
    """Words after which it is doubted where its sentence shows no reading, though it is
    not `doubted` elsewhere (方 after この: かた or ほう; 東の方 is ほう)."""

    def said(self, morpheme: Morpheme) -> int | None:
        """Which reading `morpheme` is said with when it is this word, else None."""
        stem = next((s for s in self.stems if morpheme.surface.startswith(s)), None)
        if stem is None:
            return None
        rest = morpheme.surface[len(stem) :]
        if rest and (not self.ending or not all(is_kana(c) for c in rest)):
            return None
        return next(
            (i for i, r in enumerate(self.readings) if morpheme.reading.startswith(r.start)),
            None,
        )

    def as_read(self, morpheme: Morpheme, reading: int) -> str:
        """`morpheme` (this word, said with another reading) as read with `reading`,
        hiragana."""
        said = self.said(morpheme)
        assert said is not None
        rest = morpheme.reading[len(self.readings[said].start) :]
        return to_hiragana(self.readings[reading].start + rest)


@dataclass(frozen=True)
class Found:
    """A word of the file in an analysis, and what its sentence shows."""

    index: int
    """Where it is in the analysis."""
    word: Homograph
    said: int
    """The reading the analyzer says."""
    decided: int | None
    """The reading its sentence shows; None: none, or two (`shown` names them)."""
    shown: tuple[tuple[int, str], ...]
    """Each reading shown and the word that shows it."""
    doubted: bool = False
    """Whether it is a doubt where `decided` is None (`Homograph.doubted_after`)."""

    def doubt(self, morpheme: Morpheme) -> str:
        """What a teacher should check of a word no reading of which its sentence shows."""
        said = self.word.readings[self.said]
        starts = {r.start: i for i, r in reversed(list(enumerate(self.word.readings)))}
        others = [
            f"{self.word.as_read(morpheme, i)} ({self.word.readings[i].meaning})"
            for start, i in starts.items()
            if start != said.start
        ]
        text = (
            f"{morpheme.surface} is said {to_hiragana(morpheme.reading)} ({said.meaning}); "
            f"if it means otherwise, it is {' or '.join(others)}"
        )
        if len(self.shown) > 1:
            words = " and ".join(f"{w} ({self.word.readings[i].meaning})" for i, w in self.shown)
            text += f" (its sentence has {words})"
        return text + ": give the text its reading"

    def why(self) -> str:
        """Why the decided reading is said (an override's rule)."""
        assert self.decided is not None
        reading = self.word.readings[self.decided]
        word = dict(self.shown)[self.decided]
        return f"{reading.meaning}: {word} in its sentence"


@dataclass(frozen=True)
class Homographs:
    """Every word of the file."""

    version: str
    words: tuple[Homograph, ...]

    @functools.cached_property
    def starting(self) -> dict[str, tuple[Homograph, ...]] | None:
        """The words a stem of which starts with each character, in the file's order: a
        morpheme is asked of those its first character starts (`decide`), not of every
        word (most morphemes start none). None where a stem is empty (it starts any)."""
        if any(not stem for word in self.words for stem in word.stems):
            return None
        found: dict[str, list[Homograph]] = {}
        for word in self.words:
            for first in dict.fromkeys(stem[0] for stem in word.stems):
                found.setdefault(first, []).append(word)
        return {first: tuple(words) for first, words in found.items()}

    def asked(self, surface: str) -> tuple[Homograph, ...]:
        """The words a morpheme written `surface` may be (`starting`)."""
        starting = self.starting
        return self.words if starting is None else starting.get(surface[:1], ())


@functools.cache
def homographs() -> Homographs:
    return parse(resources.files(__package__).joinpath("homographs.toml").read_text("utf-8"))


def parse(text: str) -> Homographs:
    """The words of a `homographs.toml` text; ValueError naming what it cannot read."""
    data = tomllib.loads(text)
    sets: dict[str, list[str]] = data.get("sets", {})
    words = []
    for n, entry in enumerate(data.get("words", [])):
        where = f"homographs.toml › words › [{n}]"
        readings = []
        for reading in entry.get("readings", []):
            readings.append(
                Reading(
                    str(reading["start"]),
                    str(reading["meaning"]),
                    expanded(where, reading.get("near", []), sets),
                    expanded(where, reading.get("after", []), sets),
                    expanded(where, reading.get("before", []), sets),
                    tuple(reading.get("examples", [])),
                )
            )
        if not entry.get("stems") or len(readings) < 2:
            raise ValueError(f"{where}: a word needs its stems and two readings or more")
        words.append(
            Homograph(
                tuple(entry["stems"]),
                tuple(readings),
                bool(entry.get("ending", True)),
                bool(entry.get("doubted", True)),
                expanded(where, entry.get("doubted_after", []), sets),
            )
        )
    return Homographs(str(data.get("version", "0")), tuple(words))


def touching(text: str) -> bool:
    """Whether `text` may hold a word of the file whose reading it may change or doubt:
    the word (a substring test), where it is doubted or a word that shows one of its
    readings is in the text too (今日 alone is never touched)."""
    return any(
        any(stem in text for stem in word.stems)
        and (
            word.doubted
            or any(w in text for w in word.doubted_after)
            or any(w in text for r in word.readings for w in (*r.near, *r.after, *r.before))
        )
        for word in homographs().words
    )


def decide(morphemes: Sequence[Morpheme], skip: frozenset[int] = frozenset()) -> list[Found]:
    """Each word of the file in `morphemes` (but those at `skip`: an override said them),
    with the reading its sentence shows."""
    known = homographs()
    found: list[Found] = []
    starts: list[int] = []
    heads: set[int] = set()
    text = ""
    for index, morpheme in enumerate(morphemes):
        starts.append(len(text))
        if not _joined(morphemes, index):
            heads.add(len(text))
        text += morpheme.surface
    starts.append(len(text))
    heads.add(len(text))
    # Where each sentence ends, found once: each word's sentence by bisection.
    ends = [i for i, c in enumerate(text) if c in _SENTENCE_ENDS]
    for index, morpheme in enumerate(morphemes):
        if index in skip:
            continue
        for word in known.asked(morpheme.surface):
            said = word.said(morpheme)
            if said is None:
                continue
            start, end = starts[index], starts[index] + len(morpheme.surface)
            before = bisect.bisect_left(ends, start)
            after = bisect.bisect_left(ends, end)
            sentence = Sentence(
                text,
                ends[before - 1] + 1 if before else 0,
                ends[after] if after < len(ends) else len(text),
                tuple(starts),
                frozenset(starts),
                frozenset(heads),
            )
            # A word placed before or after it shows a reading over words anywhere (店を
            # 開く is ひらく, though 店 beside 開く shows あく).
            for shows in (Reading.placed, Reading.near_word):
                found_by = (
                    (i, shows(r, sentence, start, end)) for i, r in enumerate(word.readings)
                )
                shown = tuple((i, w) for i, w in found_by if w is not None)
                if shown:
                    break
            # A reading may be shown two ways (two entries of the same start): one reading.
            one = len({word.readings[i].start for i, _ in shown}) == 1
            decided = shown[0][0] if one else None
            doubted = word.doubted or any(
                sentence.word(start - len(w), w) for w in word.doubted_after
            )
            found.append(Found(index, word, said, decided, shown, doubted))
            break
    return found


def _joined(morphemes: Sequence[Morpheme], index: int) -> bool:
    """Whether the morpheme at `index` is a one-kanji suffix joined to a kanji before it
    (史 of 世界史, 学 of 経済学): no word ends before it."""
    if index == 0 or not morphemes[index].joins:
        return False
    here, before = morphemes[index].surface, morphemes[index - 1].surface
    return len(here) == 1 and is_kanji(here) and bool(before) and is_kanji(before[-1])
