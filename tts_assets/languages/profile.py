"""What code asks of a language, declared once: a language's profile.

A language is one `Language`, a row of `LANGUAGES` (`languages/__init__.py`). Every
question the rest of the code asks of a language is a field here, with a default and what
it means, so that code asks the profile (`language(code).pitch_accent`) and never branches
on a language code; a new language is its row, its code (`tts_assets/lang/<code>.py`: its
numbers class where digits are said; a folder, `lang/<code>/`, when it has more) and one
data line per engine that speaks it (docs/adding-a-language.md).

A language's code (its reader, numbers, listening fold, accent check, built-in types)
lives in its package and is reached only through the hooks its profile names: strings,
`package.module:attribute`, imported on first use (`hook`), so this package imports
nothing above it and a run of German texts never imports the Japanese reader. The facts
of its scripts (kana, Vietnamese syllables, romaji) are below it, in `scripts/`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from ..scripts import CASED
from ..scripts.romanized import Romanization
from ..scripts.vietnamese import OwnWords


@dataclass(frozen=True)
class Language:
    """A language content can be written in, and what a text in it is written with."""

    code: str
    """ISO 639-1 code: ja, zh, ..."""
    name: str
    """Its English name as content keys use it: the grammar sentence is `examples[].<name>`."""
    scripts: tuple[str, ...]
    own_words: OwnWords | None = None
    """How its words in Latin letters are told from another Latin language's, by which the
    language gate knows its texts (Vietnamese's syllables and tone marks:
    `scripts.vietnamese.SYLLABLES`); None for a language its script alone names, or that
    script cannot tell from its neighbours."""
    han_forms: tuple[str, ...] = ()
    """The character sets (Python codecs) whose Han only it writes, by which the gate
    tells its Han from another language's (Japanese: `cp932`, 駅; Chinese: `gb2312`,
    `big5`, 们): a character one language's sets have and no other's is its form."""
    reading_script: str | None = None
    """What its readings are written in, as a message names them (`KANA`, `"pinyin"`: the
    pronunciations file says a reading it cannot take is pinyin); a name only, which no
    code compares (what a reader does is its reader's: `reader`); None: none."""
    pitch_accent: str = ""
    """For a language whose words carry a pitch accent that a clip is told (`accent`),
    the module of its package that hears it (`verify --accent`: `check_accents`),
    `tts_assets.lang.ja.accent_verify`; "": none."""
    han_alone: bool = False
    """Whether a text of Han characters alone may be its own: the gate cannot tell it from
    the other language writing Han (Japanese and Chinese), so it lets it through."""
    romanization: Romanization | None = None
    """How a text of it written in Latin letters looks (`scripts.romanized`: `ROMAJI`,
    `PINYIN`): the gate refuses such a text as not written in the language's own script,
    and says what to write instead."""
    sentence_ends: str = "marks"
    """How its sentences end (`content.text.sentence_ends`): `marks` (。！？ and . before a
    space), `korean` (.?! after a Hangul syllable, even with no space), `european` (.?!…
    but not after its abbreviations, an initial or a lower-case continuation)."""
    abbreviations: frozenset[str] = frozenset()
    """Its abbreviations that never end a sentence (`Dr.`, `z. B.`, `p. ej.`), lower case,
    without their last dot."""
    low_quotes: bool = False
    """Whether its quotations open low and close with “ („So.“): a “ closes the sentence."""
    ordinal_dot: bool = False
    """Whether a number with a dot is an ordinal (`3. Mai`, German): no sentence end."""
    own_types: str = ""
    """The built-in types only its content has, as `module:function` of its package
    returning their tables (`content.builtins`): Japanese's `kanji` and kana chart,
    Korean's Hangul chart (`characters`); "": the shared types only."""
    listening_form: str = ""
    """How the listening check folds a text before comparing what was heard, as
    `module:Class` of its package, a `listening.compare.Fold` (Japanese: its pronunciation
    in kana; Chinese: Traditional characters as Simplified, 〇 as 零); "": case and
    punctuation folded only."""
    listening: tuple[float, float, int] | None = None
    """The listening check's calibration for it (`listening.verdict`,
    `benchmarks/listening_thresholds.py`): the error-rate ceiling, the score floor, and the
    fewest kana or letters of a text judged; None: its clips are "not checked" until it is
    measured with its voices."""
    spaced: bool = True
    """Whether it writes spaces between its words (else the listening check joins without)."""
    numbers: str = ""
    """Its numbers, dates and times in words: its rules class, `module:Class` of its
    package (`tts_assets.lang.de:German`; `readings.numbers`); "": said as
    written."""
    regional_numbers: tuple[tuple[str, str], ...] = ()
    """The rules of a regional variant, by its tag (lower case), where they differ:
    `(("pt-br", "tts_assets.lang.pt:BrazilianPortuguese"),)`."""
    misread: str = ""
    """Where a reviewer's reading of a misread word is turned into a pronunciation
    override (`review`'s verdicts), `module:function` of its package; "": its texts take
    no reading, another voice fixes them."""
    said_words: str = ""
    """For a language whose words are timed by their morae, `module:function` of its
    package giving a piece's words as said (surface, reading, morae) where its reader
    decided none (`making.finishing`); "": words timed as the provider gives them."""
    spoken_length: str = ""
    """How much longer or shorter a text of it is said than its letters say, given its
    reading, `module:function` of its package (Chinese: by its syllables' tones; the
    review page's length flags); "": as its letters say."""
    shown_said: str = ""
    """How what a clip was said as is shown to a reviewer, as `module:function` of its
    package, `(said) -> str` (Chinese: a syllable respelled for the engine, `ni2`, with its
    tone mark, `ní`); "": as it was said."""
    reads: str = ""
    """Whether a reading given to a written form is one of its readings (`module:function`
    of its package, `(form, reading) -> bool`): the pronunciations file names the language
    of a reading it cannot take (pinyin); "": not asked."""
    reader: str = ""
    """Its reader, which decides what each text says beyond numbers and respellings before a
    provider speaks it (`readings.reader.Reader`), as `package.module:Class`, imported on
    first use (`tts_assets.lang.ja.reader:JapaneseReader`: readings and the accent
    told; `...zh.reader:ChineseReader`: pinyin, polyphones decided); "": none, its texts
    are said in words and respelled. A name, not the class: this package imports nothing
    above it."""
    borrows_english: bool = True
    """Whether an English word in its texts is a borrowed word to list (not in English)."""
    unspoken: str = ""
    """Why no built-in engine speaks it, for a language none does (docs/languages.md shows
    it in the engines' table); "" for one at least one engine speaks (a test holds one of
    the two true). Which voices speak a language is each engine's to say
    (`Provider.languages_spoken`), so a plugin speaks a language without editing this."""

    @property
    def capitals(self) -> bool:
        """Whether its script writes capitals, by which a name is told from a word (Thai's
        writes none)."""
        return any(script in CASED for script in self.scripts)

    @property
    def title(self) -> str:
        return self.name.capitalize()


def wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


def hook(named: str) -> Any:
    """What a profile's hook names: `package.module:attribute` (or a module), imported
    on first use."""
    module, _, attribute = named.partition(":")
    found = importlib.import_module(module)
    return getattr(found, attribute) if attribute else found
