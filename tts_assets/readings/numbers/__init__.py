"""What a text is said as: its numbers, dates, times and abbreviations in words, as a
teacher says them, before any provider reads it.

    spoken = spoken_form("Der Kurs beginnt am 3. Oktober um 17:00 Uhr.", "de")
    spoken.text     # "Der Kurs beginnt am dritten Oktober um siebzehn Uhr."
    spoken.doubts   # ()  (what was said as written because it reads more than one way)

Every provider gets the same words (Kokoro, Piper, espeak-ng and ElevenLabs say the same
thing) and the clip records them. One module per language: `de`, `es`, `it`, `fr`, `pt`,
`en` (over the shared passes of `latin`), `ko` and `zh`. Japanese keeps its readings
engine (`readings.reconcile`): its texts pass through unchanged, as do languages without
rules. Number words come from num2words (Chinese and Korean native numerals are spelled
here); nothing is imported before a text needs it.
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass
from types import ModuleType

from ...languages import base_code
from .common import Doubts

RULES_VERSION = "1"
"""Bump when a rule changes what a text is said as (it changes what clips say)."""

LANGUAGES = ("de", "es", "it", "fr", "pt", "en", "ko", "zh")
"""The languages whose numbers are said in words here."""


@dataclass(frozen=True)
class Spoken:
    """What a text is said as, and what in it was said as written for want of confidence."""

    text: str
    doubts: tuple[str, ...] = ()

    @property
    def note(self) -> str | None:
        """The doubts as one note for the clip's reviewer, or None."""
        if not self.doubts:
            return None
        return "numbers: " + "; ".join(self.doubts)


@functools.lru_cache(maxsize=65536)
def spoken_form(text: str, lang: str) -> Spoken:
    """`text` (in language `lang`) with its numbers, dates, times and abbreviations in
    words; unchanged for Japanese and languages without rules."""
    code = base_code(lang)
    if code not in LANGUAGES or not _worth_reading(text):
        return Spoken(text)
    module = _MODULES.get(code) or _MODULES.setdefault(
        code, importlib.import_module(f"{__name__}.{code}")
    )
    doubts = Doubts()
    said = module.say(text, doubts) if code in ("ko", "zh") else _latin(module, text, lang, doubts)
    return Spoken(doubts.restore(said), tuple(dict.fromkeys(doubts.found)))


def spoken_material(text: str, lang: str) -> str | None:
    """What the content key holds of `text`'s spoken form: None when it is the text (the
    key stays what it was), else the form and these rules' version, so a clip is made
    anew when what it says changes."""
    said = spoken_form(text, lang).text
    return None if said == text else f"numbers {RULES_VERSION}: {said}"


def _latin(module: object, text: str, lang: str, doubts: Doubts) -> str:
    from .latin import say

    brazil = lang.lower().replace("_", "-") == "pt-br"
    locale = getattr(module, "LOCALE_BR", None) if brazil else None
    return say(text, locale or module.LOCALE, doubts)  # type: ignore[attr-defined]


def _worth_reading(text: str) -> bool:
    """Whether `text` may hold anything the rules change: a digit, a dot (abbreviations),
    a percent or currency sign, or a capital I, V or X (Roman numerals)."""
    return _WORTH.search(text) is not None


_WORTH = re.compile(r"[\d.%€$£¥₩/IVX]|M(?:me|lle)\b|Dr\b|Pr\b|\b(?:Mo|Di|Mi|Do|Fr|Sa|So)[-–]")
_MODULES: dict[str, ModuleType] = {}
