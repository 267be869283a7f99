"""How a language looks written in Latin letters: its romanization, which the language
gate refuses in a field of that language with what to write instead (romaji in a
Japanese field: write kana; pinyin in a Chinese one: write characters)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Romanization:
    """A way of writing a language in Latin letters, and how a text written so is told."""

    name: str
    """What it is called (`romaji`): what the gate says a refused text is."""
    pattern: re.Pattern[str]
    """A word of it (`every_word`), or a mark only it writes."""
    every_word: bool
    """Whether every word of a text must be one of `pattern` (romaji), or one mark of it
    anywhere tells it (pinyin's tone marks)."""
    write: str
    """What to write instead, in the language's own script (`kana`)."""
    instead_of: str
    """What a file's texts should be written in (`Japanese script`)."""

    def looks(self, text: str) -> bool:
        """Whether `text` (Latin letters) is written in this romanization."""
        if not self.every_word:
            return self.pattern.search(text) is not None
        words = _WORD.findall(text)
        return bool(words) and all(self.pattern.fullmatch(w) for w in words)


_WORD = re.compile(r"[^\W\d_]+")

ROMAJI = Romanization(
    "romaji",
    # Hepburn, Kunrei and wapuro syllables: (geminate) (consonant) (y) vowel, or syllabic n.
    re.compile(
        r"(?:(?:([kgsztdhbpfjc])(?=\1)|t(?=ch))?(?:sh|ch|ts|dz|[kgsztdnhbpmyrwfjv])?y?"
        r"[aiueoāīūēōâîûêô]|n)+",
        re.IGNORECASE,
    ),
    every_word=True,
    write="kana",
    instead_of="Japanese script",
)
"""Japanese in Latin letters."""

PINYIN = Romanization(
    "pinyin",
    re.compile("[ǎěǐǒǔǚǜǖǘāēīōūĀĒĪŌŪ]"),
    every_word=False,
    write="characters",
    instead_of="Chinese characters",
)
"""Chinese in Latin letters with tone marks: how Chinese romanizes, and the script its
readings are written in (`Language.reading_script`)."""
