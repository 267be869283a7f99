"""How the listening check compares a Japanese clip: in kana, as the readings work compares
readings (`listening.compare`, named by the profile's `listening_form`).

The meant text and Whisper's transcript are each read by the same analyzer (OpenJTalk, which
also gives Kokoro its phonemes), their pronunciations folded by `reading_key` (hiragana,
long vowels spelled out). So a kanji Whisper chose for the same sound costs nothing (暑い /
熱い), digits are read (10日 → とおか), and only a different sound counts.
"""

from __future__ import annotations

from ...listening.compare import Fold
from ...pauses import without_pauses
from ...scripts.kana import to_hiragana
from .analysis import first_analysis
from .kana import reading_key


def pronounced(text: str) -> str:
    """How the analyzer says a Japanese text, in katakana (punctuation left out)."""
    return "".join(m.pronunciation for m in first_analysis(text) if not m.is_symbol)


class KanaFold(Fold):
    """Japanese compared in kana (the module docstring)."""

    unit = "kana"

    def said_form(self, text: str, lang: str) -> str:
        return reading_key(pronounced(text)) if text.strip() else ""

    def meant_forms(self, text: str, reading: str | None) -> list[str]:
        """As written, and its pronunciation in katakana and hiragana (Whisper may write a
        word either way, and a form it would not write must not cost the clip)."""
        said = pronounced(without_pauses(reading or text))
        return [text, said, to_hiragana(said)]
