"""What a Chinese text is said as: the content's pinyin, else pypinyin's where the voice
reads a word otherwise and pypinyin is sure.

Chinese content gives a word's reading in pinyin, as Japanese content gives kana. A voice
that can be told (`Provider.reads_pinyin`: espeak-ng, Kokoro's Chinese) is asked how it
says the text with those syllables (`Provider.say_pinyin_each`): as it would (`agree`),
from the pinyin where it reads a word otherwise (`disagree`), or not at all (`unusable`).
A syllable no dictionary gives its character (呢 "nei") is a slip in the content, not a
reading to say: the text is refused with the reason, before the voice is asked.

A text without pinyin is said as pypinyin's phrase dictionary reads it where the voice
reads it otherwise (便宜 pián yi, where espeak-ng says biàn yí), unless a character the
voice misreads is one pypinyin is unsure of (`unsure`): a character with more than one
reading that no dictionary word covers (教 in 他教我: jiāo or jiào; `unsure`). Such a text
is said as the voice reads it and flagged for review, as neither is sure. Measured on the seed
app's Chinese content with pinyin (BENCHMARKS.md, Chinese readings): of its 480 texts
espeak-ng read 8 otherwise than pypinyin, all 8 said from pypinyin and right by the
content's pinyin; none made wrong.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from ...content.item import READING_CHARS, excerpt
from ...providers.base import PinyinSaid, Provider
from ...providers.pinyin import doubtful, hanzi_of, phrase_reading, plain, syllables_for

PINYIN_RULES = "1"
"""Bump on any change to how a text with pinyin is said (it is part of the content key)."""

DICTIONARY = "dictionary"
"""The verdict of a Chinese text said as pypinyin's phrase dictionary reads it, where its
voice reads it otherwise: not a problem (the dictionary is sure), not flagged."""


def pinyin_material(given: str, text: str) -> str:
    """What decides how a Chinese `text` with the pinyin `given` is said, for its content
    key: the pinyin as syllables, and the rules. The same for the content's pinyin and for
    pypinyin's, so a word said one way is one clip whoever gave its reading."""
    numbered = syllables_for(text, given)
    return f"pinyin {PINYIN_RULES}\x1f{given if numbered is None else ' '.join(numbered)}"


def before_asking(written: str, given: str) -> PinyinSaid | tuple[str, ...]:
    """What is decided of `written` with the content's pinyin `given` before asking its
    voice: the pinyin unreadable (said as written), a likely slip (`unusable`: refused),
    else its numbered syllables to ask about."""
    numbered = syllables_for(written, given)
    if numbered is None:
        return PinyinSaid(
            "unchecked",
            written,
            "",
            f"{written}: the pinyin {excerpt(given, READING_CHARS)!r} does not read as one "
            "syllable per character; said as written",
        )
    slips = doubtful(written, numbered)
    if slips:
        found = "; ".join(
            f"{char} {plain([syllable])} (it is read {', '.join(plain([r]) for r in readings)})"
            for char, syllable, readings in slips
        )
        return PinyinSaid(
            "unusable",
            written,
            "",
            f"{written}: the content's pinyin {excerpt(given, READING_CHARS)} gives {found}: "
            "likely a mistake in the pinyin, so no clip was made; fix the pinyin",
        )
    return numbered


def _before_asking_safely(written: str, given: str) -> PinyinSaid | tuple[str, ...]:
    """`before_asking`, a failure of its rules on this text answered `failed`."""
    try:
        return before_asking(written, given)
    except Exception as e:  # a bug in the pinyin rules, for this text alone
        return PinyinSaid("failed", written, "", failed(written, "the pinyin rules", e))


def with_pinyin_each(
    texts: Sequence[tuple[str, str]], provider: Provider, voice: str
) -> list[PinyinSaid | None]:
    """How `provider` says each (text, the content's pinyin) of `texts` with `voice`:
    agreeing, from the pinyin where it reads a word otherwise, or not at all (`unusable`)
    where it cannot be made to, or where the pinyin is a likely slip; `failed` where the
    rules failed on it (a bug). None: nothing to decide (the provider cannot tell)."""
    early = [_before_asking_safely(text, given) for text, given in texts]
    asked = [
        (text, ahead)
        for (text, _), ahead in zip(texts, early, strict=True)
        if isinstance(ahead, tuple)
    ]
    told = iter(ask_each(provider, asked, voice))
    return [next(told) if isinstance(ahead, tuple) else ahead for ahead in early]


@dataclass(frozen=True)
class Guessed:
    """How a Chinese text without pinyin is said, by its voice and pypinyin."""

    said: PinyinSaid | None
    """What to give the voice so that it says pypinyin's reading (its `disagree`), or why
    not; None: it says the text as it reads it (agreeing, or it cannot tell)."""
    guess: tuple[str, ...]
    """pypinyin's phrase reading, numbered syllables."""
    doubt: str | None = None
    """Why the text is worth a look (the voice and pypinyin disagree on a character
    pypinyin is unsure of): it is said as the voice reads it."""
    failed: str | None = None
    """Why the voice's rules could not tell (they failed on it: a bug): it is refused."""
    misread: tuple[int, ...] = ()
    """The characters (indexes among the text's Chinese characters) the voice reads
    otherwise than pypinyin; empty: not known."""

    @property
    def changed(self) -> bool:
        """Whether it is said from pypinyin's reading, not as the voice reads it."""
        return self.said is not None and self.said.verdict == "disagree" and self.doubt is None


def without_pinyin_each(
    texts: Sequence[str], provider: Provider, voice: str
) -> list[Guessed | None]:
    """How each Chinese text of `texts` (no pinyin in the content) is said by `provider`
    with `voice`: from pypinyin's phrase reading where the voice reads it otherwise and
    pypinyin is sure of every character the voice misreads; flagged where it is not (the
    module docstring). None: nothing to decide (pypinyin not installed, no Chinese
    characters, or the voice cannot tell)."""
    guesses = [phrase_reading(text) for text in texts]
    asked = [(text, guess) for text, guess in zip(texts, guesses, strict=True) if guess]
    told = iter(ask_each(provider, asked, voice))
    found: list[Guessed | None] = []
    for text, guess in zip(texts, guesses, strict=True):
        said = next(told) if guess else None
        if guess is not None and said is not None and said.verdict == "failed":
            found.append(Guessed(None, guess, failed=said.message))
            continue
        if guess is None or said is None or said.verdict not in ("disagree", "unusable"):
            found.append(None)
            continue
        misread = said.misread or tuple(range(len(guess)))
        unsure_here = set(unsure(text)) & set(misread)
        if said.verdict == "disagree" and not unsure_here:
            found.append(Guessed(said, guess, misread=misread))
            continue
        name = provider.name
        chars = hanzi_of(text)
        why = (
            f"pypinyin is unsure of {', '.join(chars[i] for i in sorted(unsure_here))}"
            if unsure_here
            else f"it cannot be made to say {plain(guess)}"
        )
        guessed = Guessed(None, guess, misread=misread)
        doubt = (
            f"{otherwise(text, name, guessed, said.heard)} than pypinyin "
            f"({read_by_pypinyin(text, guessed)}); said as {name} reads it ({why}): check it, "
            "or give the text its pinyin"
        )
        found.append(replace(guessed, doubt=doubt))
    return found


WORDS_NAMED = 5
"""The most misread words a note names (a passage may hold many)."""


def _misread_words(text: str, guessed: Guessed) -> list[tuple[str, str]] | None:
    """The runs of characters of `text` its voice reads otherwise than pypinyin, each with
    pypinyin's reading (便宜, pián yi); None when that is the whole text or not known."""
    chars = hanzi_of(text)
    indexes = sorted(i for i in set(guessed.misread) if i < min(len(chars), len(guessed.guess)))
    if not indexes or len(indexes) == len(chars):
        return None
    runs: list[list[int]] = []
    for i in indexes:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    guess = guessed.guess
    return [("".join(chars[i] for i in run), plain([guess[i] for i in run])) for run in runs]


def _named(words: list[tuple[str, str]], shown: Callable[[tuple[str, str]], str]) -> str:
    named = ", ".join(shown(word) for word in words[:WORDS_NAMED])
    more = len(words) - WORDS_NAMED
    return f"{named} and {more} more" if more > 0 else named


def otherwise(text: str, name: str, guessed: Guessed, heard: str) -> str:
    """`便宜: espeak reads it otherwise (its phonemes)` for a word; for a longer text, its
    start and the words read otherwise, never the whole text and its phonemes again."""
    words = _misread_words(text, guessed)
    if words is None:
        return f"{text}: {name} reads it otherwise" + (f" ({heard})" if heard else "")
    return f"{excerpt(text)}: {name} reads {_named(words, lambda w: w[0])} otherwise"


def read_by_pypinyin(text: str, guessed: Guessed) -> str:
    """pypinyin's reading of what its voice reads otherwise: the text's, or each word's."""
    words = _misread_words(text, guessed)
    if words is None:
        return plain(guessed.guess)
    return _named(words, lambda w: f"{w[0]} {w[1]}")


def dictionary_note(text: str, provider: Provider, guessed: Guessed) -> str:
    """The note of a text said as pypinyin reads it."""
    heard = guessed.said.heard if guessed.said is not None else ""
    return (
        f"{otherwise(text, provider.name, guessed, heard)}; said as pypinyin's phrase "
        f"dictionary reads it ({read_by_pypinyin(text, guessed)})"
    )


def ask_each(
    provider: Provider, texts: Sequence[tuple[str, tuple[str, ...]]], voice: str
) -> list[PinyinSaid | None]:
    """`provider.say_pinyin_each`, each text's answer on its own where the batch fails:
    a text whose rules fail is answered `failed` with the reason (a bug, to report), and
    never stops another's."""
    if not texts:
        return []
    try:
        return list(provider.say_pinyin_each(texts, voice))
    except Exception:  # one text's failure is found below, alone
        pass
    return [_alone(provider, text, numbered, voice) for text, numbered in texts]


def _alone(provider: Provider, text: str, numbered: tuple[str, ...], voice: str) -> PinyinSaid:
    try:
        found = provider.say_pinyin_each([(text, numbered)], voice)[0]
    except Exception as e:  # a bug in the provider's rules, for this text
        return PinyinSaid("failed", text, "", failed(text, f"{provider.name}'s pinyin rules", e))
    return found if found is not None else PinyinSaid("unchecked", text, "", "")


def failed(text: str, rules: str, error: BaseException | str) -> str:
    """The reason a text is refused when `rules` raised `error` on it (a bug), or said
    they failed with it."""
    if isinstance(error, str):
        what = error
    else:
        what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return (
        f"{_short(text)}: {rules} failed on it ({_short(what, 120)}), so no clip was made: "
        "a bug in tts-assets, please report it (the text and this line)"
    )


def _short(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def unsure(text: str) -> list[int]:
    """The indexes (among the Chinese characters of `text`) of the characters pypinyin is
    unsure of: more than one reading in its character dictionary, outside every word of
    its phrase dictionary (as pypinyin cuts the text), and inside no word of two to four
    characters jieba's dictionary has (教 in 他教我: jiāo or jiào; 中 in 中文 is sure).
    Without jieba, by pypinyin's phrases alone. Empty when pypinyin is not installed."""
    tools = _pypinyin()
    if tools is None:
        return []
    alone = _alone_in(tools.cut(text), tools.phrases)
    chars = hanzi_of(text)
    words = _jieba_words()
    found = []
    for i, char in enumerate(chars):
        if not alone[i] or len(tools.readings(char)) < 2:
            continue
        if words is not None and _in_a_word(chars, i, words):
            continue
        found.append(i)
    return found


LONGEST_WORD = 4
"""The longest dictionary word looked for around a character (`unsure`)."""


def _in_a_word(chars: Sequence[str], at: int, words: frozenset[str]) -> bool:
    """Whether some word of `words`, two to four characters of `chars`, spans `at`."""
    for size in range(2, LONGEST_WORD + 1):
        for start in range(max(0, at - size + 1), min(at, len(chars) - size) + 1):
            if "".join(chars[start : start + size]) in words:
                return True
    return False


def _alone_in(words: list[str], phrases: Mapping[str, object]) -> list[bool]:
    """For each Chinese character of the cut `words`, whether no phrase covers it."""
    found: list[bool] = []
    for word in words:
        chars = hanzi_of(word)
        covered = len(chars) > 1 and word in phrases
        found += [not covered] * len(chars)
    return found


@functools.cache
def _jieba_words() -> frozenset[str] | None:
    """The words of jieba's dictionary (its dict.txt, read without loading jieba's
    segmenter, which takes seconds); None when jieba is not installed."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return None
    try:
        text = (Path(spec.origin).parent / "dict.txt").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return frozenset(line.partition(" ")[0] for line in text.splitlines())


@dataclass(frozen=True)
class _Pypinyin:
    """What `unsure` asks of pypinyin."""

    cut: Callable[[str], list[str]]
    """Its segmentation of a text into words (by its phrase dictionary)."""
    phrases: Mapping[str, object]
    """Its phrase dictionary."""
    readings: Callable[[str], tuple[str, ...]]
    """A character's readings in its character dictionary."""


@functools.cache
def _pypinyin() -> _Pypinyin | None:
    try:
        from pypinyin.constants import PHRASES_DICT
        from pypinyin.core import Pinyin
        from pypinyin.pinyin_dict import pinyin_dict
    except ImportError:
        return None
    seg = Pinyin().seg

    @functools.cache
    def readings(char: str) -> tuple[str, ...]:
        listed = str(pinyin_dict.get(ord(char), ""))
        return tuple(r for r in dict.fromkeys(listed.split(",")) if r)

    return _Pypinyin(lambda text: list(seg(text)), PHRASES_DICT, readings)
