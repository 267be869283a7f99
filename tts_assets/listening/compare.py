"""What was meant against what was heard: both in one written form, and how far apart.

Japanese is compared in kana, as the readings work compares readings: the meant text and
Whisper's transcript are each read by the same analyzer (OpenJTalk, which also gives
Kokoro its phonemes), their pronunciations folded by `reading_key` (hiragana, long
vowels spelled out). So a kanji Whisper chose for the same sound costs nothing (暑い /
熱い, 子供 / 子ども), digits are read (10日 → とおか), and only a different sound counts.
Other languages are compared in their letters, marks and digits, case and punctuation
folded (`Straße` and `STRASSE`, `l'heure` and `l’heure` are one form; Thai's vowel and
tone marks stay, as ข่าว and ข้าว are two words), after their numbers are
put in words by the rules that decided what was said (`readings.Saying`): Whisper
writes `17 Uhr` where the clip says "siebzehn Uhr", `9:30` where it says "nine thirty".
Chinese is folded into Simplified characters first (OpenCC's `t2s`): Whisper writes
Traditional ones for Mandarin speech as often as not (們 for 们, 書 for 书), which is
the same speech; and the year digit 〇 is 零.

The distance is the character error rate: edits (insertions, deletions, substitutions)
from the meant form to the heard one, over the meant form's length.
"""

from __future__ import annotations

import unicodedata

from ..languages import KANA, SIMPLIFIED, language
from ..pauses import without_pauses
from ..readings.ja.analysis import first_analysis
from ..readings.ja.kana import reading_key, to_hiragana
from ..readings.saying import spoken_text
from ..readings.zh.simplified import simplified as simplified_chars


def pronounced(text: str) -> str:
    """How the analyzer says a Japanese text, in katakana (punctuation left out)."""
    return "".join(m.pronunciation for m in first_analysis(text) if not m.is_symbol)


def said_form(text: str, lang: str) -> str:
    """The form two texts of `lang` are compared in (see the module docstring): the
    words around a text's pauses (a cloze's gaps), never the markers."""
    text = without_pauses(text)
    fold = _fold_of(lang)
    if fold == KANA:
        return reading_key(pronounced(text)) if text.strip() else ""
    text = unicodedata.normalize("NFKC", text)
    if fold == SIMPLIFIED:
        text = simplified(text)
    folded = spoken_text(text, lang).casefold()
    if fold == SIMPLIFIED:
        folded = folded.replace("〇", "零")
    return "".join(c for c in folded if unicodedata.category(c)[0] in "LMN")


def _fold_of(lang: str) -> str | None:
    """How texts of `lang` are folded before they are compared (its profile's
    `listening_form`)."""
    known = language(lang)
    return known.listening_form if known else None


def simplified(text: str) -> str:
    """Chinese `text` in Simplified characters (OpenCC's Traditional → Simplified, which
    the listening check needs installed)."""
    found = simplified_chars(text)
    if found is None:
        raise ModuleNotFoundError("No module named 'opencc'")
    return found


def meant_forms(text: str, lang: str, reading: str | None = None) -> list[str]:
    """The forms of the meant text whose fit to the audio is scored: as written, and for
    Japanese its pronunciation in katakana and hiragana (Whisper may write a word either
    way, and a form it would not write must not cost the clip); its pauses left out."""
    text = without_pauses(text)
    forms = [text]
    if _fold_of(lang) == KANA:
        said = pronounced(without_pauses(reading or text))
        forms += [said, to_hiragana(said)]
    return forms


def error_rate(meant: str, heard: str) -> float:
    """Edits from `meant` to `heard` over the length of `meant` (1.0 per character of
    `heard` when `meant` is empty)."""
    if len(meant) < len(heard):
        longer, shorter = heard, meant
    else:
        longer, shorter = meant, heard
    previous = list(range(len(shorter) + 1))
    for i, a in enumerate(longer, 1):
        row = [i]
        for j, b in enumerate(shorter, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = row
    return previous[-1] / max(1, len(meant))
