"""What tells a Vietnamese text from another in Latin letters: its syllables and tone marks.

Vietnamese writes one syllable per word, each of a fixed shape: an onset of one of 27
consonants or clusters (b, ch, kh, ngh, qu, tr, đ ...), one to three vowels (a ă â e ê i
o ô ơ u ư y), and at most one final (c ch m n ng nh p t), with at most one of five tone
marks (à á ả ã ạ) on a vowel. English, French, German... words mostly break that shape
(`and`, `water`, `suis`, `Straße`), and a Vietnamese sentence almost always carries
tone marks or the letters â ă ê ô ơ ư đ. So the gate reads a text's Latin words as
syllables (`syllables`): a `vi` text with more marked syllables than foreign words is
Vietnamese; any other with a foreign word is another Latin language; a few unmarked
syllables (`anh em`, `ba`) could be either, and the declared language stands. The same
count tells a Vietnamese sentence in another language's field (`looks_vietnamese`).

Measured on hanabira.org's sentences by `benchmarks/languages.py`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

VIETNAMESE_LETTERS = (
    "ăđĩũơưĂĐĨŨƠƯ" + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
)  # fmt: skip
"""Latin letters Vietnamese writes and no other language here does: ă đ ĩ ũ ơ ư and the
vowels with a tone mark under them or a mark stacked on another (ạ ả ấ ầ ẩ ẫ ậ ... ỹ,
Unicode's Vietnamese block U+1EA0-U+1EF9). á à ã â ê ô, shared with French or Portuguese,
are not among them."""

_WORD = re.compile(r"[^\W\d_]+")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
"""The five tone marks (grave, acute, tilde, hook above, dot below), decomposed."""
_SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưy]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?"
)
"""A Vietnamese syllable without its tone mark (lower case, NFC)."""
_VOWEL_LETTERS = frozenset("ăâêôơưđ")
"""Letters that mark a syllable as Vietnamese as a tone mark does."""
_OWN = frozenset(VIETNAMESE_LETTERS)
_MARKED_VOWELS = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_MARKED = re.compile(f"[{_MARKED_VOWELS}{_MARKED_VOWELS.upper()}]")
"""A letter with a Vietnamese tone or vowel mark (composed), or đ."""
_MAX_ACRONYM = 6
"""`USB`, `TV`, `ASEAN`: capitals that are no syllable are spelled out, in any language."""


@dataclass(frozen=True, slots=True)
class Syllables:
    """The Latin words of a text, read as Vietnamese syllables."""

    marked: int = 0
    """Syllables with a tone mark or one of â ă ê ô ơ ư đ (`không`, `đi`, `nhà`)."""
    plain: int = 0
    """Syllables without a mark (`anh`, `em`, `con`): Vietnamese, or an English `a`."""
    foreign: tuple[str, ...] = ()
    """Words no Vietnamese syllable is (`water`, `suis`), in order."""
    own_letter: str = ""
    """The first letter only Vietnamese writes (ơ, ư, đ, ế ...), "" when none."""
    alien_letter: str = ""
    """The first letter with a mark Vietnamese never writes (ǎ ī î ü ç ñ ß), "" when none."""

    @property
    def words(self) -> int:
        return self.marked + self.plain + len(self.foreign)


def syllables(text: str) -> Syllables:
    """`text`'s Latin words counted as marked, plain and foreign (capitals aside)."""
    marked = plain = 0
    foreign: list[str] = []
    own = alien = ""
    for word in _WORD.findall(unicodedata.normalize("NFC", text)):
        if not own:
            own = next((c for c in word if c in _OWN), "")
        if not alien and not word.isascii():
            alien = next((c for c in word if _alien(c)), "")
        kind = _kind(word)
        if kind == "marked":
            marked += 1
        elif kind == "plain":
            plain += 1
        elif not (word.isupper() and len(word) <= _MAX_ACRONYM):
            foreign.append(word)
    return Syllables(marked, plain, tuple(foreign), own, alien)


def _untoned(text: str) -> str:
    """`text` in lower case without its tone marks (NFC): `Việt` → `viêt`."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))


def _alien(letter: str) -> bool:
    """Whether `letter` carries a mark Vietnamese never writes (ǎ î ü ç ñ), or is ß."""
    if letter.isascii():
        return False
    base = _untoned(letter)
    return not (base.isascii() or base in _VOWEL_LETTERS)


def _kind(word: str) -> str:
    """The kind of `word`: "marked" or "plain" for a Vietnamese syllable, "" for another."""
    tones = sum(c in _TONES for c in unicodedata.normalize("NFD", word))
    if tones > 1:
        return ""
    base = _untoned(word)
    if not _SYLLABLE.fullmatch(base):
        return ""
    return "marked" if tones or not _VOWEL_LETTERS.isdisjoint(base) else "plain"


def may_look_vietnamese(text: str) -> bool:
    """Whether `text` has enough marked letters to pass `looks_vietnamese`: more than
    half as many as it has words. A quick test that spares most texts of other languages
    (German, French) the reading of their words as syllables."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    marks = len(_MARKED.findall(text))
    return bool(marks) and 2 * marks > len(_WORD.findall(text))


def looks_vietnamese(found: Syllables) -> bool:
    """Whether a text whose words are `found` is Vietnamese, whatever its field says.

    More than half its words are marked syllables, no letter has a mark Vietnamese never
    writes, and either a letter only Vietnamese writes is among them or there are three
    words at least and none foreign: `là`, `só`, `già` are French, Portuguese and Italian
    words too, Thai romanized with tone marks (`chăn mâi sǎa-màat`) has a caron, `Tôi
    không có gì` is Vietnamese.
    """
    if found.alien_letter or 2 * found.marked <= found.words:
        return False
    return bool(found.own_letter) or (found.words >= 3 and not found.foreign)


class OwnWords:
    """How a language's words in Latin letters are told from another Latin language's
    (`Language.own_words`): by their syllables (`syllables`), read where enough of a
    text's letters carry its marks (`may_look`), and whether those make it the
    language's whatever its field says (`looks`)."""

    syllables = staticmethod(syllables)
    may_look = staticmethod(may_look_vietnamese)
    looks = staticmethod(looks_vietnamese)


SYLLABLES = OwnWords()
"""Vietnamese's: one syllable per word, of a fixed shape, with its tone marks."""
