"""What was meant against what was heard: both in one written form, and how far apart.

Each language is folded by its profile's `Fold` (`Language.listening_form`, a class of its
package: `lang/ja/listening.py`, `lang/zh/listening.py`), the others by `Fold` itself.
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

import functools
import unicodedata

from ..languages import Lang, hook
from ..pauses import without_pauses
from ..readings.saying import spoken_text


class Fold:
    """How texts of a language are put in one written form before they are compared: its
    letters, marks and digits, case and punctuation folded, its numbers in words. A
    language's profile names its own (`Language.listening_form`), a subclass in its
    package (Japanese: its pronunciation in kana; Chinese: Simplified characters)."""

    unit = "character"
    """What the error rate counts (`verdict`): `character`, or `kana`."""

    def said_form(self, text: str, lang: str) -> str:
        """The form `text` (in `lang`, its pauses left out) is compared in."""
        text = self.before(unicodedata.normalize("NFKC", text))
        folded = self.after(spoken_text(text, lang).casefold())
        return "".join(c for c in folded if unicodedata.category(c)[0] in "LMN")

    def before(self, text: str) -> str:
        """`text` as written, made ready for its numbers to be said (`said_form`)."""
        return text

    def after(self, folded: str) -> str:
        """`folded` (in words, case folded) before its punctuation goes (`said_form`)."""
        return folded

    def meant_forms(self, text: str, reading: str | None) -> list[str]:
        """The forms of the meant `text` (its pauses left out) whose fit to the audio is
        scored: as written."""
        return [text]


@functools.cache
def fold_of(lang: Lang) -> Fold:
    """How texts of `lang` are folded before they are compared (its profile's
    `listening_form`, made once)."""
    known = lang.profile
    if known is None or not known.listening_form:
        return Fold()
    made: type[Fold] = hook(known.listening_form)
    return made()


def said_form(text: str, lang: Lang) -> str:
    """The form two texts of `lang` are compared in (see the module docstring): the
    words around a text's pauses (a cloze's gaps), never the markers."""
    return fold_of(lang).said_form(without_pauses(text), lang.code)


def meant_forms(text: str, lang: Lang, reading: str | None = None) -> list[str]:
    """The forms of the meant text whose fit to the audio is scored: as written, and for
    Japanese its pronunciation in katakana and hiragana (Whisper may write a word either
    way, and a form it would not write must not cost the clip); its pauses left out."""
    return fold_of(lang).meant_forms(without_pauses(text), reading)


def error_rate(meant: str, heard: str) -> float:
    """Edits from `meant` to `heard` over the length of `meant` (1.0 per character of
    `heard` when `meant` is empty)."""
    longer, shorter = (heard, meant) if len(meant) < len(heard) else (meant, heard)
    previous = list(range(len(shorter) + 1))
    for i, a in enumerate(longer, 1):
        row = [i]
        for j, b in enumerate(shorter, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = row
    return previous[-1] / max(1, len(meant))
