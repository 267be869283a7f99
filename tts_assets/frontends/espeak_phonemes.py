"""espeak-ng's phonemes of a text in one language, and what it could not read in it.

espeak-ng reads a word it takes for another language's with that language's rules and
marks the switch in its phonemes (French `email`: `œ̃ (en)ˈiːmeɪl(fr)`); a letter of a
script its language does not write it spells out by name, in that language (Spanish
`你`: `tʃˈinosˈimbolo`, "chino símbolo"). A caller that must say a text in one language
(a Kokoro voice speaks one) has to find both rather than say them: `espeak_phonemes`
returns the phonemes with the words read in another language, and `foreign_letters`
names the letters it would spell out.

The library is the one espeakng-loader ships (libespeak-ng 1.52 and its data, the same
espeak-ng kokoro-onnx and misaki use), driven through phonemizer: each language's
backend loads a private copy of the library, and one lock serialises the calls, since
espeak-ng keeps global state and is not thread-safe.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

TIE = "^"
"""Joins the letters of one sound in the phonemes (`t^ʃ`, `a^ɪ`)."""

# A switch marker: the language espeak-ng reads the following words in, `(^e^n)` with
# ties between its letters. Text parentheses are sent as guillemets (see `_sent`), so
# every parenthesis in espeak-ng's answer is a marker.
_MARKER = re.compile(r"\(([^()]*)\)")
_LOCK = threading.Lock()
_QUIET = logging.getLogger(__name__ + ".phonemizer")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False
_QUIET.setLevel(logging.ERROR)  # its notes on every switch it keeps: we report them


@dataclass(frozen=True)
class EspeakReading:
    """What espeak-ng makes of a text in one language."""

    phonemes: str
    """IPA with stress marks, `TIE` inside a sound, punctuation kept (guillemets as curly
    quotes), switch markers removed."""
    languages: tuple[str, ...] = ()
    """The other languages espeak-ng switched to inside the text (en); () when none."""
    switched: tuple[str, ...] = ()
    """The words it reads in another language, each found alone (may miss a word that
    switches only beside its neighbours)."""


def espeak_phonemes(text: str, language: str) -> EspeakReading:
    """espeak-ng's phonemes of `text` read as `language` (an espeak-ng voice: es, fr-fr);
    RuntimeError or OSError when espeak-ng (espeakng-loader, phonemizer) cannot load."""
    said = _phonemize(_sent(text), language)
    home = language.split("-")[0]
    languages = tuple(
        dict.fromkeys(
            found
            for marker in _MARKER.findall(said)
            if (found := marker.replace(TIE, "")).split("-")[0] != home
        )
    )
    # The words it reads in another language, each alone.
    words = dict.fromkeys(re.findall(r"\w[\w'’-]*", text)) if languages else {}
    switched = tuple(w for w in words if _MARKER.search(_phonemize(w, language)))
    phonemes = _MARKER.sub("", said).replace("«", "(").replace("»", ")")
    return EspeakReading(phonemes, languages, switched)


def foreign_letters(text: str, script: str) -> list[str]:
    """The letters of `text` outside `script` (a Unicode script name: LATIN, DEVANAGARI),
    which espeak-ng spells out by name; a letter that decomposes into one of `script`
    (ª, º, ﬁ) is not foreign."""
    found: list[str] = []
    for char in text:
        if not unicodedata.category(char).startswith("L"):
            continue
        base = unicodedata.normalize("NFKD", char)[:1] or char
        if not unicodedata.name(base, "").startswith(script) and char not in found:
            found.append(char)
    return found


def _sent(text: str) -> str:
    # As misaki sends it: guillemets become curly quotes and parentheses guillemets,
    # which phonemizer keeps as punctuation, so parentheses in the answer are markers.
    text = text.replace("«", "\u201c").replace("»", "\u201d")
    return text.replace("(", "«").replace(")", "»")


def _phonemize(text: str, language: str) -> str:
    with _LOCK:
        return str(_backend(language).phonemize([text], strip=True)[0])


@functools.cache  # called under `_LOCK`: one backend a language
def _backend(language: str) -> Any:
    import espeakng_loader
    from phonemizer.backend import EspeakBackend
    from phonemizer.backend.espeak.wrapper import EspeakWrapper

    EspeakWrapper.set_library(espeakng_loader.get_library_path())
    EspeakWrapper.set_data_path(espeakng_loader.get_data_path())
    return EspeakBackend(
        language,
        preserve_punctuation=True,
        with_stress=True,
        tie=TIE,
        language_switch="keep-flags",
        logger=_QUIET,
    )
