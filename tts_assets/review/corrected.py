"""The word a rejection's reading corrects, for the language of the clip's text.

A reading in a verdict becomes a pronunciation override of a written form (the
pronunciations file takes readings in kana), so it is taken only when it is usable kana,
short enough for a word, and the clip's language tells which word of its text it
corrects (`Language.misread`, in its package: Japanese's one word the analyzer finds,
`lang/ja/misread.py`). A reading for another language's text, or for a kana chart's
sound, is refused (another voice is what fixes those). Anything refused is an InputError
naming the verdict's place in review.json and what to do.
"""

from __future__ import annotations

from collections.abc import Callable

from ..content.item import quoted
from ..content.reading import normalize_reading, unusable_reason
from ..errors import InputError
from ..languages import LANGUAGES, Lang, hook
from ..settings.pronunciations import READING_LIMIT
from .verdicts import Verdict


def misread_word(
    verdict: Verdict, text: str, lang: Lang, kind: str, place: Callable[[str], str]
) -> str:
    """The written form `verdict`'s reading is an override of, for a clip that says `text`
    (in `lang`, of `kind`); InputError otherwise (module docstring). `place(key)` names a
    key of the verdict in review.json (`review.json › verdicts › [0] › word`)."""
    reading = normalize_reading(verdict.reading or "")
    reason = unusable_reason(reading)
    if reason is not None:
        raise InputError(f"{place('reading')}: {reason}; give the reading in kana")
    if len(reading) > READING_LIMIT:
        raise InputError(
            f"{place('reading')}: a reading of {len(reading)} characters; give the reading of "
            f"the misread word alone (at most {READING_LIMIT})"
        )
    known = lang.profile
    if known is None or not known.misread or kind not in ("text", "reading"):
        what = "a kana chart's sound" if kind == "kana" else f"a text in {lang}"
        taking = " or ".join(p.title for p in LANGUAGES.values() if p.misread)
        raise InputError(
            f"{place('reading')}: a reading in kana corrects a word of a {taking} text, and "
            f"this clip says {what} ({quoted(text)}); reject it with another voice instead"
        )
    found: Callable[[Verdict, str, str, Callable[[str], str]], str] = hook(known.misread)
    return found(verdict, text, kind, place)
