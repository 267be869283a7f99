"""espeak-ng saying a Chinese text with the content's pinyin.

espeak-ng 1.52 reads most Chinese words right, and some polyphones by another reading
than the content gives (便宜 "cheap" is pián yi; it says biàn yí). Where the content
gives pinyin, the text is compared with what espeak-ng would say, word by word as it
groups them: each syllable of the pinyin is what espeak-ng says for that syllable
written with its tone number (`pian2`, which its Mandarin voice reads as a syllable:
`ph'iE35n`). A word it reads otherwise is given to it as those numbered syllables
(便宜 → `pian2 yi5`), and what it then says is checked again against the pinyin: a text
it still would not say so is refused with the reason, never said wrong.

Why numbered pinyin rather than its phoneme input (`[[...]]`, which espeak_Synth takes
only with the espeakPHONEMES flag): the syllables are read by espeak-ng's own rules for
them, with its tone contours and its joins, the phonemes it records are those of the text
it was given (no second reading to keep in step), and it works the same through the
library and the program. espeak-ng 1.52 reads nearly every numbered syllable as Mandarin;
the few it reads as English (jiong, qiong, xiong, interjections; BENCHMARKS.md) are
caught by the check after the change. Debian's 1.51 reads numbered pinyin as English:
there every disagreement is refused.

Tolerated, as not a misreading: a neutral tone on either side (the content's `yi` in
pián yi, espeak-ng's light 的), and any tone of 一 and 不, whose tone changes before the
next syllable (yī → yì zhī).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from .base import PinyinSaid
from .espeak_switches import PAUSE
from .pinyin import CHANGING, hanzi_of, is_hanzi, plain

_TONE = re.compile(r"\d+")
_NOISE = re.compile(rf"[',]|{PAUSE}|\s+")
_NEUTRAL = "11"
"""espeak-ng's Mandarin neutral tone."""


def say_pinyin(
    text: str, numbered: Sequence[str], phonemes_of: Callable[[str], str], who: str
) -> PinyinSaid:
    """How espeak-ng (`who`, for messages) says `text` with the content's pinyin
    `numbered` (pian2, yi5); `phonemes_of(text)` gives its phonemes of a text."""
    chars = hanzi_of(text)
    wanted = plain(numbered)
    if any(c.isalnum() and not is_hanzi(c) for c in text):
        return PinyinSaid("unchecked", text, "", "")  # letters or digits beside the characters
    if len(chars) != len(numbered):
        return PinyinSaid(
            "unchecked",
            text,
            "",
            f"{text}: the pinyin {wanted} has {len(numbered)} syllables for {len(chars)} "
            "characters; not compared",
        )
    said = phonemes_of(text)
    words = _words(said)
    if "(" in said or sum(len(_TONE.findall(w)) for w in words) != len(chars):
        return PinyinSaid("unchecked", text, said, "")
    expected = _syllables(numbered, phonemes_of)
    if expected is None:
        return _refused(text, wanted, said, who, "it reads some of its syllables as English")
    patterns = [_pattern(e, n, c) for e, n, c in zip(expected, numbered, chars, strict=True)]
    # Which characters each of its words says, and which words it misreads.
    misread: list[range] = []
    start = 0
    for word in words:
        size = len(_TONE.findall(word))
        span = range(start, start + size)
        if not re.fullmatch("".join(patterns[i] for i in span), _bare(word)):
            misread.append(span)
        start += size
    if not misread:
        return PinyinSaid("agree", text, said, "")
    replaced = _replaced(text, {i: numbered[i] for span in misread for i in span})
    again = phonemes_of(replaced)
    heard = " ".join(_bare(w) for w in words)
    indexes = tuple(i for span in misread for i in span)
    if "(" in again or not re.fullmatch("".join(patterns), _bare(again)):
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


def _refused(text: str, wanted: str, heard: str, who: str, why: str) -> PinyinSaid:
    return PinyinSaid(
        "unusable",
        text,
        heard,
        f"{text}: {who} reads it otherwise ({heard}) than the content's pinyin {wanted}, "
        f"and cannot be made to say {wanted} ({why}); give zh another provider in "
        "[languages], or check the pinyin",
    )


def _words(said: str) -> list[str]:
    """espeak-ng's words in `said` (a word may say several characters: 便宜)."""
    return [w for w in (_bare(part) for part in said.split()) if w]


def _bare(said: str) -> str:
    """`said` without stress marks, pauses and spaces."""
    return _NOISE.sub("", said)


def _syllables(numbered: Sequence[str], phonemes_of: Callable[[str], str]) -> list[str] | None:
    """What espeak-ng says for each numbered syllable alone; None when it reads one of
    them in another language or as more than one syllable."""
    found = []
    for syllable in numbered:
        said = phonemes_of(syllable)
        bare = _bare(said)
        if "(" in said or len(_TONE.findall(bare)) != 1:
            return None
        found.append(bare)
    return found


def _pattern(said: str, numbered: str, char: str) -> str:
    """A pattern for espeak-ng's phonemes of one syllable whose tone may differ as far as
    the module docstring tolerates."""
    (before, after), tone = _TONE.split(said), _TONE.findall(said)[0]
    free = numbered.endswith("5") or char in CHANGING
    tones = r"\d+" if free else f"(?:{tone}|{_NEUTRAL})"
    return re.escape(before) + tones + re.escape(after)


def _replaced(text: str, by_index: dict[int, str]) -> str:
    """`text` with the characters at these indexes (among its characters) written as
    their numbered syllables, each run of them set apart by spaces."""
    out: list[str] = []
    index = 0
    run: list[str] = []
    for char in text:
        if is_hanzi(char):
            if index in by_index:
                run.append(by_index[index])
                index += 1
                continue
            index += 1
        if run:
            out.append(f" {' '.join(run)} ")
            run = []
        out.append(char)
    if run:
        out.append(f" {' '.join(run)} ")
    return re.sub(r" +", " ", "".join(out)).strip()
