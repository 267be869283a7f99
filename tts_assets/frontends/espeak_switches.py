"""Which of espeak-ng's language switches are how a native says a borrowed word.

espeak-ng marks a word it reads with another language's rules in its phonemes
(German `Job`: `(en)dZ'0b(de)`). Most such switches are right: a German says `Job`,
an Italian `team`, a Korean `AI` the English way. Some are wrong and must stay refused:
Debian's espeak-ng 1.51 reads Chinese characters as English pinyin with tone digits
(每天: `(en)meI55Tr'i:55...`, "mei three"), and a switch that covers part of a word
garbles the rest (`Work-Life-Balance`: only "Work" and "Balance" switch).

A switch is accepted when every switched stretch is a whole word of Latin script:

- in languages that borrow such words whole (`WORD_BORROWERS`: de, es, it, fr, pt),
  any whole Latin-script word;
- in Korean and Chinese (`ACRONYM_BORROWERS`), an acronym (AI, OECD) or a short
  capitalised word (K-pop), and only when the rest of the text, in its own script, is
  read without a switch.

Everything else is refused, naming the word (`RefusedSwitch`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..languages import LATIN_WORD, base_code, is_latin_word, latin_words

WORD_BORROWERS = ("de", "es", "it", "fr", "pt")
"""Languages whose texts say a whole Latin-script word of another language its way."""
ACRONYM_BORROWERS = ("ko", "zh")
"""Languages whose texts say an acronym or a short capitalised Latin word its way."""
SHORT_WORD = 8
"""The longest capitalised word (in characters) Korean and Chinese texts borrow whole."""

MARKER = re.compile(r"\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\)")
"""A language switch in espeak-ng's phonemes: `(en)`."""
PAUSE = r"_[!:|^_]*"
"""A pause in espeak-ng's phonemes (`_`, `_:`, `_!`, `_|`), as a regex: what may stand
between words, never a sound."""
_PAUSES = re.compile(PAUSE)


@dataclass(frozen=True)
class RefusedSwitch:
    """A switch that is not a borrowed word: the word it is in (None when none can be
    named) and why, in a clause."""

    word: str | None
    reason: str


def refused_switch(
    text: str,
    lang: str,
    phonemes: str,
    phonemes_of: Callable[[str], str],
    own: Callable[[str], bool],
) -> RefusedSwitch | None:
    """None when every language switch in `phonemes` (espeak-ng's for `text` in `lang`)
    is a borrowed word this language says that way, else what is refused. `phonemes_of`:
    espeak-ng's phonemes of another text in that voice; `own`: the clip's language's codes."""
    home = base_code(lang)
    if home not in WORD_BORROWERS and home not in ACRONYM_BORROWERS:
        return RefusedSwitch(None, "")
    words = latin_words(text)
    for word in words:
        shape = _switch_shape(phonemes_of(word), own)
        if shape == "part":
            return RefusedSwitch(word, "only part of it switches")
        if shape == "whole" and home in ACRONYM_BORROWERS and not _short_capitalised(word):
            return RefusedSwitch(word, "not an acronym or a short capitalised word")
    if home in ACRONYM_BORROWERS:
        rest = LATIN_WORD.sub(lambda m: " " if is_latin_word(m.group()) else m.group(), text)
        if rest.strip() and _switch_shape(phonemes_of(rest), own) != "none":
            return RefusedSwitch(None, "the text in its own script switches too" if words else "")
    elif not _whole_words(phonemes, own):
        # (Korean and Chinese join a borrowed word to the next syllable, K-pop을: there
        # the word alone and the rest alone tell.)
        return RefusedSwitch(None, "a switch inside a word")
    return None


def _short_capitalised(word: str) -> bool:
    """AI, OECD, K-pop, iPhone aside (lower case first): what Korean and Chinese borrow."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True  # an acronym
    return word[:1].isupper() and len(word) <= SHORT_WORD


def _switch_shape(said: str, own: Callable[[str], bool]) -> str:
    """`none` when `said` switches nowhere, `whole` when all of it is one switched stretch,
    else `part`."""
    bare = _PAUSES.sub(" ", said).strip()
    markers = list(MARKER.finditer(bare))
    if not any(not own(m.group(1)) for m in markers):
        return "none"
    # One stretch: switched from the start, and back (if at all) only at the end.
    first, *rest = markers
    if first.start() != 0 or own(first.group(1)):
        return "part"
    if rest and (len(rest) > 1 or not own(rest[0].group(1)) or bare[rest[0].end() :].strip()):
        return "part"
    return "whole"


def _whole_words(said: str, own: Callable[[str], bool]) -> bool:
    """Whether every switched stretch of `said` starts and ends between words."""
    for marker in MARKER.finditer(said):
        before = said[: marker.start()]
        after = said[marker.end() :]
        if not own(marker.group(1)):
            if before and not re.search(rf"(?:\s|{PAUSE})$", before):
                return False
        elif after and not re.match(r"[\s_]", after):
            return False
    return True
