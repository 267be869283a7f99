"""What code asks of a language, declared once: a language's profile.

A language is one `Language` (its module in this package: `ja.py`, `zh.py` ...),
registered by one line in `languages/__init__.py`. Every question the rest of the code asks
of a language is a field here, with a default and what it means, so that code asks the
profile (`language(code).pitch_accent`) and never branches on a language code; a new
language is its profile, its numbers class (`readings/numbers/`) where digits are said,
and one data line per engine that speaks it (docs/adding-a-language.md).
"""

from __future__ import annotations

from dataclasses import dataclass

HAN = "han"
"""Chinese characters: hanzi, kanji, hanja."""
KANA = "kana"
"""Hiragana and katakana."""
HANGUL = "hangul"
BOPOMOFO = "bopomofo"
"""Zhuyin, the Chinese phonetic letters."""
LATIN = "latin"
THAI = "thai"
"""The Thai script's letters (its vowel and tone marks above and below are marks, not letters)."""

VIETNAMESE_LETTERS = (
    "ăđĩũơưĂĐĨŨƠƯ" + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
)  # fmt: skip
"""Latin letters Vietnamese writes and no other language here does: ă đ ĩ ũ ơ ư and the
vowels with a tone mark under them or a mark stacked on another (ạ ả ấ ầ ẩ ẫ ậ ... ỹ,
Unicode's Vietnamese block U+1EA0-U+1EF9). á à ã â ê ô, shared with French or Portuguese,
are not among them."""


@dataclass(frozen=True)
class Language:
    """A language content can be written in, and what a text in it is written with."""

    code: str
    """ISO 639-1 code: ja, zh, ..."""
    name: str
    """Its English name as content keys use it: the grammar sentence is `examples[].<name>`."""
    scripts: tuple[str, ...]
    """The scripts its texts are written in (HAN, KANA, HANGUL, BOPOMOFO, LATIN, THAI)."""
    own_letters: str = ""
    """Letters of its script that no other language here writes, by which the language
    gate knows its texts (Vietnamese's `VIETNAMESE_LETTERS`); "" for a language its
    script alone names, or that script cannot tell from its neighbours."""
    reading_script: str | None = None
    """The script its readings are written in, where its reader decides what each text
    says before a provider speaks (`readings.saying`): `KANA` (Japanese: readings, pitch
    accent, a word's morae timed) or `PINYIN` (Chinese: the content's pinyin, polyphones
    decided from the sentence); None: only numbers and respellings are decided."""
    pitch_accent: bool = False
    """Whether its words carry a pitch accent that a clip is told (`accent`) and that
    `verify --accent` hears (Japanese)."""
    han_alone: bool = False
    """Whether a text of Han characters alone may be its own: the gate cannot tell it from
    the other language writing Han (Japanese and Chinese), so it lets it through."""
    romanization: str | None = None
    """How a text of it written in Latin letters looks (`ROMAJI`, `PINYIN`): the gate
    refuses such a text as not written in the language's own script."""
    sentence_ends: str = "marks"
    """How its sentences end (`content.text.sentence_ends`): `marks` (。！？ and . before a
    space), `korean` (.?! after a Hangul syllable, even with no space), `european` (.?!…
    but not after its abbreviations, an initial or a lower-case continuation)."""
    abbreviations: frozenset[str] = frozenset()
    """Its abbreviations that never end a sentence (`Dr.`, `z. B.`, `p. ej.`), lower case,
    without their last dot."""
    low_quotes: bool = False
    """Whether its quotations open low and close with “ („So.“, German): a “ after a
    sentence end closes that sentence."""
    ordinal_dot: bool = False
    """Whether a number with a dot is an ordinal (`3. Mai`, German): no sentence end."""
    own_types: tuple[str, ...] = ()
    """The built-in types only its content has (`content.builtins.OWN_TYPES`): `kanji`,
    `characters` (its letter chart)."""
    letter_chart: str | None = None
    """The built-in chart of its letters (`content.builtins`): `hangul` (a Hangul chart:
    every entry a letter) or None (the kana chart's layout, or none)."""
    listening_form: str | None = None
    """How the listening check folds a text before comparing what was heard
    (`listening.compare`): `KANA` (its pronunciation in katakana), `SIMPLIFIED` (Traditional
    characters as Simplified, 〇 as 零) or None (case and punctuation only)."""
    listening: tuple[float, float, int] | None = None
    """The listening check's calibration for it (`listening.verdict`, BENCHMARKS.md,
    listening): the error-rate ceiling, the score floor, and the fewest kana or letters
    of a text judged; None: its clips are "not checked" until it is measured with its
    voices."""
    spaced: bool = True
    """Whether it writes spaces between its words (the listening check's text is joined
    without one where it does not)."""
    reader: str = ""
    """Its reader, which decides what each text says beyond numbers and respellings before a
    provider speaks it (`readings.reader.Reader`), as `package.module:Class`, imported on
    first use (`tts_assets.readings.ja.reader:JapaneseReader`: readings and the accent
    told; `...zh.reader:ChineseReader`: pinyin, polyphones decided); "": none, its texts
    are said in words and respelled. A name, not the class: this package imports nothing
    above it."""
    borrows_english: bool = True
    """Whether an English word in its texts is a borrowed word to list (`readings`): no for
    English itself."""
    unspoken: str = ""
    """Why no built-in engine speaks it, for a language none does (docs/languages.md shows
    it in the engines' table); "" for one at least one engine speaks (a test holds one of
    the two true). Which voices speak a language is each engine's to say
    (`Provider.languages_spoken`), so a plugin speaks a language without editing this."""

    @property
    def title(self) -> str:
        """The name as shown to users: Japanese, Chinese, ..."""
        return self.name.capitalize()


PINYIN = "pinyin"
"""Chinese in Latin letters with tone marks: a reading script, and how Chinese romanizes."""
ROMAJI = "romaji"
"""Japanese in Latin letters: how Japanese romanizes."""
SIMPLIFIED = "simplified"
"""Chinese folded to Simplified characters (the listening check's form)."""
