"""The languages tts-assets knows: a profile each (`profile.Language`, a row of
`LANGUAGES`), their codes and names.

One table serves the content types (the grammar sentence of Chinese content sits under
`examples[].chinese`), the language gate (a Japanese text is written in kana and Han,
never in Hangul) and, later, the providers (which voice speaks which language). A code
is looked up by its primary subtag, so `en-US`, `pt-BR` and `zh-TW` find English,
Portuguese and Chinese; the code itself is kept as given wherever a voice is chosen.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from ..scripts import BOPOMOFO, HAN, HANGUL, KANA, LATIN, THAI
from ..scripts.romanized import PINYIN, ROMAJI, Romanization
from ..scripts.vietnamese import SYLLABLES
from .profile import Language, hook, wordset

__all__ = ["HAN", "KANA", "LATIN", "Language", "Romanization", "hook"]

LANGUAGES: Mapping[str, Language] = {
    profile.code: profile
    for profile in (
        Language(
            "ja",
            "japanese",
            (HAN, KANA),
            reading_script=KANA,
            pitch_accent="tts_assets.lang.ja.accent_verify",
            han_alone=True,
            han_forms=("cp932",),
            reader="tts_assets.lang.ja.reader:JapaneseReader",
            romanization=ROMAJI,
            listening_form="tts_assets.lang.ja.listening:KanaFold",
            own_types="tts_assets.lang.ja.types:types",
            misread="tts_assets.lang.ja.misread:misread_word",
            said_words="tts_assets.lang.ja.analysis:first_analysis",
            listening=(0.3, -1.3, 8),
            spaced=False,
        ),
        Language(
            "zh",
            "chinese",
            (HAN, BOPOMOFO),
            reading_script=PINYIN.name,
            han_alone=True,
            han_forms=("gb2312", "big5"),
            reader="tts_assets.lang.zh.reader:ChineseReader",
            numbers="tts_assets.lang.zh.numbers:Chinese",
            romanization=PINYIN,
            listening_form="tts_assets.lang.zh.listening:SimplifiedFold",
            spoken_length="tts_assets.lang.zh.pinyin:tone_length",
            reads="tts_assets.lang.zh.pinyin:reads",
            shown_said="tts_assets.lang.zh.pinyin:marked",
            spaced=False,
        ),
        Language(
            "ko",
            "korean",
            (HANGUL, HAN),
            sentence_ends="korean",
            numbers="tts_assets.lang.ko.numbers:Korean",
            own_types="tts_assets.lang.ko.types:types",
        ),
        Language(
            "de",
            "german",
            (LATIN,),
            numbers="tts_assets.lang.de:German",
            sentence_ends="european",
            low_quotes=True,
            ordinal_dot=True,
            abbreviations=wordset(
                "dr prof hr fr frl nr st bzw vgl ca evtl ggf inkl bspw sog z.b d.h u.a o.ä u.u "
                "v.a s.o s.u z.t i.d.r"
            ),
        ),
        Language(
            "es",
            "spanish",
            (LATIN,),
            numbers="tts_assets.lang.es:Spanish",
            sentence_ends="european",
            abbreviations=wordset(
                "sr sra srta dr dra dña ud uds vd vds ej pág núm aprox av avda ee uu"
            ),
        ),
        Language(
            "it",
            "italian",
            (LATIN,),
            numbers="tts_assets.lang.it:Italian",
            sentence_ends="european",
            abbreviations=wordset("sig sigg sig.ra dott dott.ssa prof ing avv es pag"),
        ),
        Language(
            "en",
            "english",
            (LATIN,),
            numbers="tts_assets.lang.en:English",
            sentence_ends="european",
            borrows_english=False,
            abbreviations=wordset("mr mrs ms dr prof st jr sr mt vs approx dept fig e.g i.e"),
            listening=(0.2, -1.0, 12),
        ),
        Language(
            "fr",
            "french",
            (LATIN,),
            numbers="tts_assets.lang.fr:French",
            sentence_ends="european",
            abbreviations=wordset(
                "m mme mmes mlle mlles dr pr st ste ex env av apr cf j.-c c.-à-d"
            ),
        ),
        Language(
            "pt",
            "portuguese",
            (LATIN,),
            numbers="tts_assets.lang.pt:Portuguese",
            regional_numbers=(("pt-br", "tts_assets.lang.pt:BrazilianPortuguese"),),
            sentence_ends="european",
            abbreviations=wordset("sr sra srta dr dra prof ex pág núm av"),
        ),
        Language("th", "thai", (THAI,), numbers="tts_assets.lang.th:Thai", spaced=False),
        Language(
            "vi",
            "vietnamese",
            (LATIN,),
            own_words=SYLLABLES,
            numbers="tts_assets.lang.vi:Vietnamese",
            sentence_ends="european",
            abbreviations=wordset("tp ts ths pgs gs bs ks"),
        ),
        Language(
            "pl",
            "polish",
            (LATIN,),
            numbers="tts_assets.lang.pl:Polish",
            sentence_ends="european",
            ordinal_dot=True,
            abbreviations=wordset(
                "dr prof mgr inż hab doc ks św gen płk np tzn tj wg ok ul al nr str godz tel tys "
                "zob por ww im"
            ),
        ),
        Language(
            "nl",
            "dutch",
            (LATIN,),
            numbers="tts_assets.lang.nl:Dutch",
            sentence_ends="european",
            abbreviations=wordset(
                "dhr mevr mw dr drs ir prof nr blz bijv o.a m.a.w d.w.z enz ca incl excl jl vnl "
                "z.g.a.n"
            ),
        ),
    )
}
"""Every language tts-assets knows, by code (a field a row does not give is its default)."""

LATIN_LANGUAGES = tuple(
    code for code, lang in LANGUAGES.items() if lang.scripts == (LATIN,) and lang.own_words is None
)
"""The languages script alone cannot tell apart (Vietnamese, written in Latin letters, is
known by its own letters and tone marks)."""


_MACRO = {"cmn": "zh", "yue": "zh", "hak": "zh", "wuu": "zh", "nan": "zh"}
"""ISO 639-3 codes of varieties that voices name (espeak-ng's cmn, yue) → their language."""


@functools.lru_cache(maxsize=1024)
def base_code(code: str) -> str:
    """The language a code names, by its primary subtag: `en-US` → en, `pt_BR` → pt,
    `cmn` and `zh-yue` → zh; a code not known here is its own primary subtag, lowercased.
    Kept for the codes last asked (planning asks it several times a text: a course's
    texts are in a few languages)."""
    primary = code.replace("_", "-").split("-", 1)[0].lower()
    return _MACRO.get(primary, primary)


def same_language(a: str, b: str) -> bool:
    """Whether two codes name one language (`en` and `en-gb`, `zh` and `cmn`)."""
    return base_code(a) == base_code(b)


def language(code: str) -> Language | None:
    """The language of a code (`ja`, `en-US`, `zh_TW`), or None for a language not in the table."""
    return LANGUAGES.get(base_code(code))


@dataclass(frozen=True, slots=True, eq=False)
class Lang:
    """A text's language, resolved once (`resolved`): past the loader a text carries this,
    not its code, and asks it what it is rather than looking its code up again.

    `code` stays as written (`en-US`, `pt-BR`, `zh_TW`): a voice is chosen by it, a
    regional variant's numbers too, and a content key's material and a provider's request
    are made of it, byte for byte; `base` is the language it names (en, pt, zh);
    `profile` what code asks of it (None: a language tts-assets does not know, said as
    written). It prints as its code.

    One object per code (`resolved`; a copy or an unpickled one is that same object), so
    equality and hashing are identity's, as cheap as a string's in the caches."""

    code: str
    base: str
    profile: Language | None

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return f"Lang({self.code!r})"

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return resolved, (self.code,)

    @property
    def title(self) -> str:
        return title_of(self.code)


_RESOLVED: dict[str, Lang] = {}


def resolved(code: str) -> Lang:
    """The one `Lang` of a code for the run, which every text in that code carries."""
    found = _RESOLVED.get(code)
    if found is None:
        found = _RESOLVED[code] = Lang(code, base_code(code), language(code))
    return found


def content_language(code: str) -> Language:
    """The language of a run's content; ValueError, listing the known codes, for another."""
    lang = language(code)
    if lang is None:
        raise ValueError(
            f'"{code}" is not a content language tts-assets knows; use one of: '
            + ", ".join(LANGUAGES)
        )
    return lang


_OTHER_TITLES = {
    "hi": "Hindi",
    "ru": "Russian",
    "id": "Indonesian",
    "tr": "Turkish",
}


def title_of(code: str) -> str:
    """How a language code is named to users: `Japanese` for ja, the code itself if unknown."""
    lang = language(code)
    return lang.title if lang else _OTHER_TITLES.get(base_code(code), code)


LATIN_LETTERS = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
"""Latin letters (Vietnamese's ế and ữ too) and digits, for a regex character class."""

LATIN_WORD = re.compile(rf"[{LATIN_LETTERS}'’]+(?:[-.·][{LATIN_LETTERS}'’]+)*")
"""A word of Latin script (hyphenated parts included), wherever it stands: `K-pop` in
`K-pop을`, `AI` in `我喜欢AI`."""


def is_latin_word(word: str) -> bool:
    """Whether `word` has letters, all of them Latin (digits and marks aside)."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(unicodedata.name(c, "").startswith("LATIN") for c in letters)


def latin_words(text: str) -> list[str]:
    """The words of Latin script in `text`, in order (Job in German, K-pop in Korean)."""
    return [m.group() for m in LATIN_WORD.finditer(text) if is_latin_word(m.group())]
