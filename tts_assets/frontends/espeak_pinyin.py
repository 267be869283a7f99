"""espeak-ng saying a Chinese text with the content's pinyin.

Where the content gives pinyin, the text is compared with what espeak-ng would say, word
by word as it groups them: each syllable of the pinyin is what espeak-ng says for that
syllable written with its tone number (`pian2`). A word it reads otherwise is given to
it as those numbered syllables (便宜 → `pian2 yi5`), and what it then says is checked
again against the pinyin: a text it still would not say so is refused with the reason,
never said wrong. Why numbered pinyin and not its phoneme input, and why erhua (儿 joined
to the syllable before it) is refused (`erhua_in`, `erhua_switched`): docs/languages.md,
"Chinese readings from the content's pinyin" and "Erhua (儿)". Debian's 1.51 reads
numbered pinyin as English: there every disagreement is refused.

Tolerated, as not a misreading: espeak-ng's light syllable where the content gives a tone
(its light 的), but in a text of one syllable, which said light is another word (个 alone,
said `ko-11`: the content's gè is given as `ge4`). A syllable the content gives light is
said light: 东西 dōngxi "things", which espeak-ng reads dōngxī "east and west", is given
as `dong1 xi5`. The syllables it is asked about carry the tone changes of
speech (readings/chinese/sandhi.py: 你好 ni2 hao3, 一个 yi2 ge4, 不是 bu2 shi4): where it
says another tone, the word is given to it as those numbered syllables.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import cast

from .base import PinyinSaid
from .espeak_switches import PAUSE
from .pinyin import hanzi_of, is_hanzi, plain

_TONE = re.compile(r"\d+")
_NOISE = re.compile(rf"[',]|{PAUSE}|\s+")
_compiled = functools.lru_cache(maxsize=1 << 12)(re.compile)
"""A pattern compiled once, for the rare word `_says` cannot compare piece by piece."""
_NEUTRAL = "11"
"""espeak-ng's Mandarin neutral tone."""


def _asked(
    text: str,
    numbered: Sequence[str],
    chars: Sequence[str],
    phonemes_of: Callable[[str], str],
    who: str,
) -> PinyinSaid:
    """How espeak-ng (`who`, for messages) says `text` with the content's pinyin `numbered`
    (pian2, yi5), its characters `chars`, where `_not_asked` lets it through;
    `phonemes_of(text)` gives its phonemes of a text."""
    wanted = plain(numbered)
    said = phonemes_of(text)
    words = [w for w in map(_bare, said.split()) if w]  # one may say several characters: 便宜
    if "(" in said or sum(len(_TONE.findall(w)) for w in words) != len(chars):
        return PinyinSaid("unchecked", text, said, "")
    # What it says for each numbered syllable alone (None: in another language).
    alone = [_syllable_alone(phonemes_of(syllable)) for syllable in numbered]
    if None in alone:
        return _refused(text, wanted, said, who, "it reads some of its syllables as English")
    expected = cast(list[str], alone)
    # A syllable alone said light is another word (个 gè said ge): no neutral tone tolerated.
    light = len(chars) > 1
    patterns = [_syllable_pattern(e, n, light) for e, n in zip(expected, numbered, strict=True)]
    misread = _misread(words, patterns)
    if not misread:
        return PinyinSaid("agree", text, said, "")
    replaced = _replaced(text, {i: numbered[i] for span in misread for i in span})
    again = phonemes_of(replaced)
    heard = " ".join(_bare(w) for w in words)
    indexes = tuple(i for span in misread for i in span)
    if "(" in again or not _says(patterns, _bare(again)):
        refused = _refused(text, wanted, heard, who, f"even as {replaced!r} it says {again}")
        return replace(refused, misread=indexes)
    misread_chars = ", ".join("".join(chars[i] for i in span) for span in misread)
    return PinyinSaid(
        "disagree",
        replaced,
        said,
        f"{text}: {who} reads {misread_chars} otherwise ({heard}), the content says "
        f"{wanted}; said from the pinyin",
        misread=indexes,
    )


def said_each(
    texts: Sequence[tuple[str, Sequence[str]]],
    phonemes_of_each: Callable[[Sequence[str]], Sequence[str]],
    who: str,
) -> list[PinyinSaid]:
    """How espeak-ng says each (text, numbered pinyin) of `texts`, espeak-ng asked for its
    phonemes in batches (`phonemes_of_each`, a load of its library each): first each text
    and its syllables, then the texts its misread words are replaced in, so a run's texts
    cost it two loads, not one per text."""
    known: dict[str, str] = {}

    def phonemes_of(text: str) -> str:
        if text not in known:
            raise _NotYet(text)
        return known[text]

    chars = [hanzi_of(text) for text, _ in texts]
    found: dict[int, PinyinSaid] = {}
    waiting = []
    for n, (text, numbered) in enumerate(texts):
        not_asked = _not_asked(text, numbered, chars[n], who)
        if not_asked is None:
            waiting.append(n)
        else:
            found[n] = not_asked
    wanted = [t for n in waiting for t in (texts[n][0], *texts[n][1])]
    while waiting:
        asked = [t for t in dict.fromkeys(wanted) if t not in known]
        known.update(zip(asked, phonemes_of_each(asked), strict=True))
        wanted, still = [], []
        for n in waiting:
            try:
                found[n] = _asked(texts[n][0], texts[n][1], chars[n], phonemes_of, who)
            except _NotYet as e:
                wanted.append(e.args[0])
                still.append(n)
        if still and not wanted:  # pragma: no cover - every miss names its text
            raise AssertionError("espeak-ng's pinyin compare asked for nothing new")
        waiting = still
    return [found[n] for n in range(len(texts))]


class _NotYet(Exception):
    """espeak-ng's phonemes of a text (its one argument) not asked yet: `said_each` asks
    for it next."""


def _not_asked(
    text: str, numbered: Sequence[str], chars: Sequence[str], who: str
) -> PinyinSaid | None:
    """What is said of `text` before espeak-ng is asked: not compared (letters or digits
    beside its characters, another count of syllables than of characters), or erhua it
    cannot say; None: ask it."""
    if any(c.isalnum() and not is_hanzi(c) for c in text):
        return PinyinSaid("unchecked", text, "", "")  # letters or digits beside the characters
    if len(chars) != len(numbered):
        return PinyinSaid(
            "unchecked",
            text,
            "",
            f"{text}: the pinyin {plain(numbered)} has {len(numbered)} syllables for "
            f"{len(chars)} characters; not compared",
        )
    erhua = erhua_in(text, numbered)
    if erhua:
        return PinyinSaid("unusable", text, "", f"{text}: {who} {cannot_say_erhua(erhua)}")
    return None


def _misread(words: Sequence[str], patterns: Sequence[_Syllable]) -> list[range]:
    """Which characters each of espeak-ng's `words` says, those of the words it misreads
    (against each syllable's `patterns`)."""
    misread: list[range] = []
    start = 0
    for word in words:
        size = len(_TONE.findall(word))
        span = range(start, start + size)
        if not _says([patterns[i] for i in span], _bare(word)):
            misread.append(span)
        start += size
    return misread


ERHUA = "儿"
ERHUA_WHY = "it cannot say erhua (儿)"
"""Why espeak-ng says no text with erhua, in a few words (`CannotSay.why`)."""


def erhua_in(text: str, numbered: Sequence[str]) -> list[str]:
    """The erhua of `text` by its content's syllables `numbered`, one a character: each
    儿 given a neutral er right after another character, with that character (点儿)."""
    found: list[str] = []
    syllables = iter(numbered)
    before = ""
    for char in text:
        said = next(syllables) if is_hanzi(char) else None
        if char == ERHUA and before and said == "er5":
            found.append(before + char)
        before = char if said is not None else ""
    return list(dict.fromkeys(found))


def erhua_switched(text: str, phonemes_of: Callable[[str], str]) -> list[str]:
    """The erhua words espeak-ng reads in another language in `text` (哪儿: its
    dictionary's `na3r5`, "na three r five"): each 儿 after another character (点儿),
    when its phonemes of `text` switch language and those of `text` with a comma before
    every such 儿 do not. Empty when the switch has another cause."""
    pairs = list(dict.fromkeys(re.findall(rf"[^\W\d_]{ERHUA}", text)))
    found = [pair for pair in pairs if is_hanzi(pair[0])]
    if not found:
        return []
    # A comma, not a space, keeps espeak-ng from its dictionary's erhua entries, which
    # are phrases of two words: (哪 儿) na3r5.
    apart = re.sub(f"(?<=[{''.join(p[0] for p in found)}]){ERHUA}", f"\uff0c{ERHUA}", text)
    return found if "(" not in phonemes_of(apart) else []


def cannot_say_erhua(words: Sequence[str]) -> str:
    """Why espeak-ng says no text with the erhua `words` (点儿), in a clause after its
    name, and what to do."""
    return (
        f"cannot say the erhua of {', '.join(words)} ({ERHUA} joined to the syllable before "
        "it): its Mandarin has no r-coloured syllable, and it reads its own erhua words in "
        "English, so no clip was made; give zh a voice that says it in [languages] (Kokoro's "
        'Chinese voices: zh = "kokoro:zf_xiaobei")'
    )


def _refused(text: str, wanted: str, heard: str, who: str, why: str) -> PinyinSaid:
    return PinyinSaid(
        "unusable",
        text,
        heard,
        f"{text}: {who} reads it otherwise ({heard}) than the content's pinyin {wanted}, "
        f"and cannot be made to say {wanted} ({why}); give zh another provider in "
        "[languages], or check the pinyin",
    )


def _bare(said: str) -> str:
    """`said` without stress marks, pauses and spaces."""
    return _NOISE.sub("", said)


@functools.lru_cache(maxsize=1 << 12)
def _syllable_alone(said: str) -> str | None:
    """espeak-ng's phonemes `said` of a numbered syllable alone, bare (`_bare`); None where
    it reads it in another language or as more than one syllable. Once a process for the
    same phonemes: a course's texts say the same few hundred syllables again and again."""
    bare = _bare(said)
    if "(" in said or len(_TONE.findall(bare)) != 1:
        return None
    return bare


@dataclass(frozen=True)
class _Syllable:
    """What espeak-ng may say for one syllable: its phonemes before and after the tone,
    and the tones tolerated (the module docstring)."""

    before: str
    after: str
    tones: tuple[str, ...]
    """The tone numbers it may say."""

    def regex(self) -> str:
        tones = "|".join(self.tones) if self.tones else r"\d+"
        return re.escape(self.before) + f"(?:{tones})" + re.escape(self.after)


@functools.lru_cache(maxsize=1 << 12)
def _syllable_pattern(said: str, numbered: str, light: bool = True) -> _Syllable:
    """What espeak-ng may say for the syllable `numbered`, whose phonemes alone are
    `said`, its tone differing as far as the module docstring tolerates (`light`: said
    in the neutral tone too, as in a sentence). Made once a process for the same
    syllable (a `_Syllable` is frozen)."""
    (before, after), tone = _TONE.split(said), _TONE.findall(said)[0]
    light = light or numbered.endswith("5")
    return _Syllable(before, after, (tone, _NEUTRAL) if light else (tone,))


def _says(expected: Sequence[_Syllable], bare: str) -> bool:
    """Whether `bare` (phonemes without stress or spaces) is the syllables `expected`
    said in turn. Compared piece by piece between the tone numbers: a regular expression
    per word, compiled for each of a course's many words, was most of a dry run's time.
    Where two syllables' tones would touch (nothing said between them), a tone run cannot
    be split by eye, and the pattern decides."""
    joins = [a.after + b.before for a, b in itertools.pairwise(expected)]
    if "" in joins or not expected:
        return _compiled("".join(e.regex() for e in expected)).fullmatch(bare) is not None
    tones = _TONE.findall(bare)
    pieces = _TONE.split(bare)
    if len(tones) != len(expected):
        return False
    if pieces[0] != expected[0].before or pieces[-1] != expected[-1].after:
        return False
    if any(piece != join for piece, join in zip(pieces[1:-1], joins, strict=True)):
        return False
    return all(not e.tones or t in e.tones for e, t in zip(expected, tones, strict=True))


def _replaced(text: str, by_index: dict[int, str]) -> str:
    """`text` with the characters at these indexes (among its characters) written as
    their numbered syllables, each run of them set apart by spaces."""
    out: list[str] = []
    index = 0
    for char in text:
        if is_hanzi(char):
            index += 1
            if index - 1 in by_index:
                out.append(f" {by_index[index - 1]} ")
                continue
        out.append(char)
    return re.sub(r" +", " ", "".join(out)).strip()
