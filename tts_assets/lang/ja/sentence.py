"""The parts of a sentence said apart, read as the sentence reads them.

A cloze's gapped text is said in parts with a silence for each blank (`content.cloze`):
`本を読___ください` is said `本を読`, a gap, `ください`. Read alone, a part ending in a
kanji whose ending is in the blank makes that kanji a word of its own (読 よみ), and a part
starting with a particle reads it as a word (は ハ). The sentence filled with its answers
(`本を読んでください`) says how each part is read: its words are laid on the text, and each
part takes the words inside it; a word the blank cuts keeps the sound of its part where
the part outside it is written in kana that end (or start) what the word says (読ん, ヨン:
its ん in the blank, so 読 ヨ). Where the words cannot be laid on the text, or a word is
cut where its sound cannot be (a kanji on both sides of the blank), a part is read alone.

A part whose sound is the same either way keeps the reading it has alone (its clip's key
does not change); the others take the sentence's, with the source `sentence`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .analysis import Morpheme, laid, prepare
from .kana import is_kana, to_hiragana, to_katakana
from .reconcile import Reading


def in_sentence(
    pieces: Sequence[str], alone: Sequence[Reading], sentence: Reading
) -> tuple[Reading, ...]:
    """The reading of each of `pieces` (said in this order, with gaps between them) as a
    part of `sentence`, where it says it otherwise than `alone` (each piece read alone);
    else as alone."""
    text = prepare(sentence.written)
    read_as = any(m.read_as is not None for m in sentence.morphemes)
    spans = None if read_as else laid(text, sentence.morphemes)
    if spans is None:
        return tuple(alone)
    out: list[Reading] = []
    at = 0
    for piece, reading in zip(pieces, alone, strict=True):
        wanted = prepare(piece)
        start = text.find(wanted, at)
        if start == -1 or not reading.says_anything or reading.kind != "text":
            out.append(reading)
            continue
        at = start + len(wanted)
        words = _part(sentence.morphemes, spans, start, at)
        out.append(reading if words is None else _as_part(reading, words))
    return tuple(out)


def _part(
    morphemes: Sequence[Morpheme], spans: Sequence[tuple[int, int]], start: int, end: int
) -> tuple[Morpheme, ...] | None:
    """The words of text[start:end], a word cut at either edge said as its part there
    (`_cut`); None where one cannot be."""
    words: list[Morpheme] = []
    for morpheme, (begin, finish) in zip(morphemes, spans, strict=True):
        if finish <= start or begin >= end:
            continue
        if begin < start or finish > end:
            cut = _cut(morpheme, max(start, begin) - begin, min(end, finish) - begin)
            if cut is None:
                return None
            morpheme = cut
        words.append(morpheme)
    if not words:
        return None
    # The first word after a gap begins an accent phrase of its own.
    words[0] = replace(words[0], joins=False)
    return tuple(words)


def _cut(morpheme: Morpheme, start: int, end: int) -> Morpheme | None:
    """`morpheme` said only as its surface[start:end]: the kana written outside that part
    taken off the start and end of what it says; None where they are not kana, or not
    what it says there (a kanji on both sides of a blank)."""
    surface = prepare(morpheme.surface)
    head, tail = surface[:start], surface[end:]
    if morpheme.phonemes is not None or not all(is_kana(c) for c in head + tail):
        return None
    head, tail = to_katakana(head), to_katakana(tail)
    said, spelled = morpheme.pronunciation, morpheme.reading
    if not all(kana.startswith(head) and kana.endswith(tail) for kana in (said, spelled)):
        return None
    said, spelled = (kana[len(head) : len(kana) - len(tail)] for kana in (said, spelled))
    if not said:
        return None
    return replace(
        morpheme, surface=surface[start:end], reading=spelled, pronunciation=said, accent=None
    )


def _as_part(alone: Reading, words: tuple[Morpheme, ...]) -> Reading:
    """`alone` said as `words` (a part of its sentence), where that says it otherwise."""
    said = "".join(m.pronunciation for m in words)
    if said == alone.pronunciation:
        return alone
    spelled = to_hiragana("".join(m.reading for m in words))
    return replace(
        alone,
        analyzed=spelled,
        pronunciation=said,
        text_form=spelled,
        morphemes=words,
        source="sentence",
    )
