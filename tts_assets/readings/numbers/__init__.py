"""What a text is said as: its numbers, dates, times and abbreviations in words, as a
teacher says them, before any provider reads it.

    spoken = spoken_form("Der Kurs beginnt am 3. Oktober um 17:00 Uhr.", "de")
    spoken.text     # "Der Kurs beginnt am dritten Oktober um siebzehn Uhr."
    spoken.doubts   # ()  (what was said as written because it reads more than one way)
    spoken.spans    # ((20, 22, 20, 27), (34, 39, 39, 47)): each part rewritten, as
                    # (written start, end, spoken start, end): `3.` → `dritten`
    spoken.written_span(20, 27)   # (20, 22): where spoken words came from in the text

Every provider gets the same words (Kokoro, Piper, espeak-ng and ElevenLabs say the same
thing) and the clip records them. One class per language, in the language's package
(`tts_assets/lang/<code>/numbers.py`) and named by its profile (`Language.numbers`),
its words in a TOML file beside it (`rules.Rules`):
the Latin languages' over the shared passes of `latin.LatinRules` (`romance.RomanceRules`
for the Romance ones), the others over `rules.Rules`. Japanese keeps its readings engine
(`lang/ja`): its texts pass through unchanged, as do languages without rules.
Units after a number are said from a table per language (`units.py`: `5 km` fünf
Kilometer), phone numbers, postcodes and PINs digit by digit or in the language's groups
(`phones.py`: `06 12 34 56 78` zéro six, douze ...). Number words come from num2words
(Chinese, Korean native and Vietnamese numerals are spelled here); nothing is imported
before a text needs it. No text stops the rules: what
one cannot say is said as written and noted.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from ...languages import LANGUAGES as LANGUAGES_KNOWN
from ...languages import base_code, hook
from .draft import Draft, Span
from .rules import Rules
from .units import SIGNS, unit_sign

RULES_VERSION = "1"
"""Bump when a rule changes what a text is said as (it changes what clips say)."""

RULES: dict[str, str] = {
    tag: named
    for profile in LANGUAGES_KNOWN.values()
    if profile.numbers
    for tag, named in ((profile.code, profile.numbers), *profile.regional_numbers)
}
"""Each language's rules, as `module:Class` of its package (`tts_assets/lang/<code>/
numbers.py`, imported on first use), by language tag (`pt-br`, lower case) and base code
(`pt`): what each profile names (`Language.numbers`, `regional_numbers`)."""

FAILED = "the number rules failed on this text"
"""The doubt of a text whose rules raised: a fault to fix, said as written meanwhile."""

LANGUAGES = tuple(code for code in RULES if "-" not in code)
"""The languages whose numbers are said in words here."""


@dataclass(frozen=True)
class Spoken:
    """What a text is said as, what in it was said as written for want of confidence,
    and where each part the rules rewrote came from in the written text."""

    text: str
    doubts: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()
    """Each rewritten part as (written start, written end, spoken start, spoken end), in
    order; the text between them is said as written."""
    fault: str = ""
    """The rules' own error when they failed on this text (a bug: `FAILED`), "" when they
    did not; the owner of what is said refuses such a text rather than say it."""

    @property
    def note(self) -> str | None:
        """The doubts as one note for the clip's reviewer, or None."""
        return "numbers: " + "; ".join(self.doubts) if self.doubts else None

    def written_span(self, start: int, end: int) -> tuple[int, int]:
        """Where the spoken text's `start:end` came from in the written text: a span
        that cuts into a rewritten part takes all of that part's written text."""
        return self._written(start, first=True), self._written(end, first=False)

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [span[2] for span in self.spans]

    def _written(self, at: int, first: bool) -> int:
        index = bisect.bisect_right(self._starts, at) - 1
        while index >= 0 and not first and self.spans[index][2] == at:
            index -= 1  # an end at a part's start belongs to what comes before it
        if index < 0:
            return at
        ws, we, ss, se = self.spans[index]
        if at < se or (at == se and first and ss == se):
            return ws if first else we
        return at - se + we


@functools.lru_cache(maxsize=65536)
def spoken_form(text: str, lang: str) -> Spoken:
    """`text` (in language `lang`) with its numbers, dates, times and abbreviations in
    words; unchanged for Japanese and languages without rules."""
    rules = rules_for(lang)
    if rules is None or _WORTH.search(text) is None:
        return Spoken(text)
    draft = Draft(text)
    try:
        draft.sub(SIGNS, unit_sign)
        rules.say(draft)
        draft.restore()
        rules.unknown_abbreviations(text, draft)
    except MemoryError:
        raise  # memory ran out, not the rules: the run stops (exit 3)
    except Exception as error:  # a fault in the rules: this text as written, never a crash
        what = f"{type(error).__name__}: {error}"
        return Spoken(text, (f"{FAILED} ({what}); said as written",), fault=what)
    return Spoken(draft.text, tuple(dict.fromkeys(draft.doubts.found)), draft.spans())


def spoken_material(text: str, lang: str) -> str | None:
    """What the content key holds of `text`'s spoken form: None when it is the text (the
    key stays what it was), else the form and these rules' version, so a clip is made
    anew when what it says changes."""
    said = spoken_form(text, lang).text
    return None if said == text else f"numbers {RULES_VERSION}: {said}"


def rules_for(lang: str) -> Rules | None:
    """The rules of language `lang` (`de`, `pt-BR`, `en-GB`), or None without any."""
    tag = lang.lower().replace("_", "-")
    found = RULES.get(tag) or RULES.get(base_code(lang))
    if found is None:
        return None
    rules = _LOADED.get(found)
    if rules is None:
        rules = _LOADED[found] = hook(found)()
    return rules


_WORTH = re.compile(
    r"[\d.%€$£¥₩¢/IVXฯๆ§&㈜\u00bc-\u00be\u2150-\u215e]|\bvs\b|M(?:me|lle)\b|Dr\b|Pr\b|\b[^\W\d_]{2,3}\s?[-–]"
)
"""What a text holds where the rules may change anything: a digit, a dot, `&`, `vs` or ฯ
(abbreviations), ๆ (a word repeated), a percent, currency or fraction sign, a capital I,
V or X, or a short word before a dash (a range of days: `lun-ven`)."""
_LOADED: dict[str, Rules] = {}
