"""The word a rejection's reading corrects in a Japanese text: one word the analyzer found
in the clip's text (`Language.misread`; `review.corrected` checks the reading first).

A reading in a verdict becomes a pronunciation override of a written form, said wherever
whole words of a text spell that form. So it is taken only for what a reviewer can hear
misread, one word:

- the `word` the verdict names, which must be one word of the text as the analyzer reads
  it (`この歌は一度聞いたことがある。` is この / 歌 / は / 一度 / 聞い / た / こと / が / ある):
  a run of several (`この歌`) would turn the text into another;
- or, with no `word`, the whole text, when the text itself is one such word (a
  vocabulary entry), or a bare reading (a kanji's `みず`);
- read as at most as many kana as the word can be read as (`longest_reading`): one word
  is never read as a sentence.

Only a Japanese text's words have readings: a reading for another language's text, or
for a kana chart's sound, is refused (another voice is what fixes those). Anything refused
is an InputError naming the verdict's place in review.json and what to do.
"""

from __future__ import annotations

from collections.abc import Callable

from ...content.item import quoted
from ...content.reading import normalize_reading
from ...errors import InputError
from ...readings.overrides import Override, Overrides
from ...review.verdicts import ONE_WORD, Verdict
from ...scripts.kana import is_kana
from .analysis import Morpheme, first_analysis

READ_PER_CHARACTER = 6
"""The most kana one written character other than kana is read as (承 うけたまわ, W ダブリュー,
% パーセント); a kana is read as itself."""


def longest_reading(word: str) -> int:
    """The most kana `word` can be read as: each kana as itself, each other character as
    at most `READ_PER_CHARACTER`, and one more (a long vowel said where none is written)."""
    return 1 + sum(1 if is_kana(c) else READ_PER_CHARACTER for c in word)


def misread_word(verdict: Verdict, text: str, kind: str, place: Callable[[str], str]) -> str:
    """The written form `verdict`'s reading (usable kana, `review.corrected`) is an
    override of, for a clip that says the Japanese `text` (of `kind`); InputError
    otherwise (module docstring). `place(key)` names a key of the verdict in review.json
    (`review.json › verdicts › [0] › word`)."""
    reading = normalize_reading(verdict.reading or "")
    word = _word(verdict.word, reading, text, kind, place)
    if len(reading) > longest_reading(word):
        raise InputError(
            f"{place('reading')}: {quoted(reading)} ({len(reading)} kana) is no reading of "
            f"{quoted(word)}, which is read as {longest_reading(word)} kana at most; give the "
            "reading of that word alone"
        )
    return word


def _word(word: str | None, reading: str, text: str, kind: str, place: Callable[[str], str]) -> str:
    """The word `reading` is for: `word`, or the whole `text` where it is one word."""
    if word is None:
        one_word = ONE_WORD.fullmatch(text) is not None
        if not one_word or (kind == "text" and len(_words(_analysis(text, place))) != 1):
            what = (
                f"the whole text ({quoted(text)}), several words as the analyzer reads it "
                f"({_shown(_analysis(text, place))}),"
                if one_word
                else f"a whole sentence ({quoted(text)})"
            )
            raise InputError(
                f"{place('reading')}: a reading for {what} would make the clip say only that "
                'reading; name the misread word as written ("word": "一度") with its reading '
                "(the review page asks for both)"
            )
        return text
    if word not in text:
        raise InputError(f"{place('word')}: {quoted(word)} is not in the text {quoted(text)}")
    if word != text and kind == "reading":
        raise InputError(
            f"{place('word')}: {quoted(text)} is a reading, one word: leave the word out"
        )
    one_word = ONE_WORD.fullmatch(word) is not None
    if word == text and not one_word:
        raise InputError(
            f"{place('word')}: {quoted(word)} is the whole text: its reading would make the "
            "clip say only that reading; name the misread word alone"
        )
    if not one_word:
        raise InputError(
            f"{place('word')}: {quoted(word)} is not one word (it holds a space, punctuation "
            "or a sentence end, or is over 32 characters); name the misread word alone"
        )
    if kind == "text":
        analysis = _analysis(text, place)
        runs = Overrides([Override(word, reading)]).aligned(analysis)
        if not runs or any(end - start != 1 for start, end, _ in runs):
            raise InputError(
                f"{place('word')}: {quoted(word)} is not one word of the text as the analyzer "
                f"reads it ({_shown(analysis)}), so its reading would say more or less than one "
                "word; name one of those words (a compound it splits is written in the "
                "pronunciations file by hand)"
            )
    return word


def _analysis(text: str, place: Callable[[str], str]) -> tuple[Morpheme, ...]:
    try:
        return first_analysis(text)
    except ImportError:
        raise InputError(
            f"{place('reading')}: the Japanese analyzer (pyopenjtalk-plus) is not installed, "
            "so the words of the text cannot be told; install tts-assets with its "
            "dependencies"
        ) from None


def _words(analysis: tuple[Morpheme, ...]) -> tuple[Morpheme, ...]:
    return tuple(m for m in analysis if not m.is_symbol)


def _shown(analysis: tuple[Morpheme, ...]) -> str:
    """`この / 歌 / は`: the words as the messages list them (at most 24)."""
    words = _words(analysis)
    shown = " / ".join(m.surface for m in words[:24])
    return shown + (" / …" if len(words) > 24 else "")
