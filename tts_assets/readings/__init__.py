"""What a text is said as: one owner per run (`saying.Saying`), and the Japanese readings.

`saying.Saying` decides what every text is said as (numbers in words, Japanese readings,
Chinese pinyin, overrides and respellings): the plan, a run, the one-text API and the
listening check ask it (it is imported from `readings.saying`, which loads the provider
protocol). The rest of this package reconciles each written Japanese text with its reading:

    reading = reconcile("御雑煮", "おぞうに")      # runs the analyzer
    reading.verdict                                # "disagree"
    reading.message                                # 御雑煮: read as ごぞうに, content says ...
    kokoro_phonemes(reading)                       # "o ʣoːɲi"
    reading.text_form                              # "おぞうに", for providers that take text
    key_material("御雑煮", "おぞうに")             # what decides it; no analyzer
    said_material([reading], ["御雑煮"], phonemes=True)  # what it says: the content key

Modules: `saying` (the owner), `reader` (what the owner asks of a language's reader, and
where each is found), `form` (the values passed between them), `ja` (the Japanese reader:
`ja.reader`, with `kana`, `analysis`, `reconcile`, `memo`, `phonemes`, `accent` ...), `zh`
(the Chinese reader: `zh.reader`, pinyin, the content's and decided), `numbers` (numbers,
dates and times in words), `overrides` (reviewed pronunciations and respellings),
`identity` (content-key material).
"""

from .identity import (
    RULES_VERSION,
    analyzer_identity,
    key_material,
    phoneme_identity,
    said_material,
)
from .ja.analysis import Morpheme
from .ja.kana import normalize_reading, reading_key, unusable_reason
from .ja.phonemes import kokoro_phonemes, phonemes_of
from .ja.reconcile import KINDS, Kind, Reading, ReadingVerdict, reconcile
from .overrides import NO_OVERRIDES, Override, Overrides

__all__ = [
    "KINDS",
    "NO_OVERRIDES",
    "RULES_VERSION",
    "Kind",
    "Morpheme",
    "Override",
    "Overrides",
    "Reading",
    "ReadingVerdict",
    "analyzer_identity",
    "key_material",
    "kokoro_phonemes",
    "normalize_reading",
    "phoneme_identity",
    "phonemes_of",
    "reading_key",
    "reconcile",
    "said_material",
    "unusable_reason",
]
