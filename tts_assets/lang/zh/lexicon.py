"""What pypinyin's dictionaries say of a run of Chinese characters: its words (cut as
pypinyin cuts them, by its phrase dictionary), each character's reading in them, and
each character's readings alone.

pypinyin's own `lazy_pinyin` does the same and converts every syllable on every call;
here each word's and character's numbered syllables are converted once and kept, so a
sentence costs its cut and a few lookups. Imported only where a Chinese text is decided:
pypinyin loads its dictionaries on first use, which takes a noticeable moment.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    """One word of pypinyin's cut of a run of characters."""

    text: str
    syllables: tuple[str, ...]
    """Its reading, one numbered syllable per character (`pian2 yi5`); a character
    pypinyin has no reading of is `?`."""
    phrase: bool
    """Whether the reading comes from its phrase dictionary (a word of two characters or
    more), not from each character's first reading."""


@dataclass(frozen=True)
class Lexicon:
    """pypinyin's dictionaries, asked per run of characters."""

    cut: Callable[[str], list[str]]
    phrases: dict[str, tuple[str, ...]]
    """Each phrase's numbered syllables, converted on first use."""
    _phrase_dict: dict[str, list[list[str]]]
    _char_dict: dict[int, str]
    _chars: dict[str, tuple[str, ...]]

    def words(self, run: str) -> list[Word]:
        """`run` (Chinese characters only) cut into words, each with its reading: pypinyin's
        cut (the longest word from the start) or the longest word from the end, whichever
        makes fewer words, then fewer characters alone, else the one from the end (有空|调
        against 有|空调: the end's; Chinese words cut from the end go wrong less often)."""
        ahead = self.cut(run)
        behind = self._cut_from_end(run)
        alone = [sum(len(w) == 1 for w in each) for each in (ahead, behind)]
        cut = ahead if (len(ahead), alone[0]) < (len(behind), alone[1]) else behind
        found = []
        for word in cut:
            syllables = self.phrase(word) if len(word) > 1 else None
            if syllables is not None:
                found.append(Word(word, syllables, True))
            else:
                found += [Word(c, (self.readings(c) or ("?",))[:1], False) for c in word]
        return found

    def _cut_from_end(self, run: str) -> list[str]:
        """`run` cut into the longest words of the phrase dictionary from its end."""
        cut: list[str] = []
        end = len(run)
        while end > 0:
            size = min(LONGEST, end)
            while size > 1 and run[end - size : end] not in self._phrase_dict:
                size -= 1
            cut.append(run[end - size : end])
            end -= size
        cut.reverse()
        return cut

    def phrase(self, word: str) -> tuple[str, ...] | None:
        """The numbered syllables of `word` in the phrase dictionary, or None."""
        held = self.phrases.get(word)
        if held is not None:
            return held
        listed = self._phrase_dict.get(word)
        if listed is None or len(listed) != len(word):
            return None
        held = tuple(_numbered(readings[0]) for readings in listed)
        self.phrases[word] = held
        return held

    def readings(self, char: str) -> tuple[str, ...]:
        """Every reading of `char` in the character dictionary, numbered, the usual first."""
        held = self._chars.get(char)
        if held is None:
            listed = self._char_dict.get(ord(char), "")
            held = tuple(dict.fromkeys(_numbered(r) for r in listed.split(",") if r))
            self._chars[char] = held
        return held


LONGEST = 6
"""The longest word looked for from the end of a run."""


@functools.cache
def _numbered(marked: str) -> str:
    from pypinyin.contrib.tone_convert import to_tone3

    return str(to_tone3(marked, neutral_tone_with_five=True)).replace("ü", "v")


@functools.cache
def lexicon() -> Lexicon | None:
    """pypinyin's dictionaries, loaded once; None when pypinyin is not installed."""
    try:
        from pypinyin.constants import PHRASES_DICT
        from pypinyin.pinyin_dict import pinyin_dict
        from pypinyin.seg.mmseg import seg
    except ImportError:
        return None
    return Lexicon(lambda run: list(seg.cut(run)), {}, PHRASES_DICT, pinyin_dict, {})
