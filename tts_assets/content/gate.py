"""The language gate: is a text written in its field's language? Decided before any synthesis.

A clip in the wrong language is worse than none, so every text is checked against its
field's language by its script, and a text that is clearly another language is never
voiced. The verdict is one of three (`Status`):

- OK: the script names the field's language (kana for Japanese, Hangul for Korean,
  Han in Japanese-only forms such as 駅 for Japanese, in Chinese-only forms such as 们
  for Chinese).
- AMBIGUOUS: the script fits the field's language but fits others too, so the declared
  language stands: Han written alike in Japanese and Chinese (学生, 今天), any Latin text
  in a German, Spanish, English... field, capitals such as CD or NHK in a Japanese,
  Chinese or Korean field (spoken letter by letter, as those languages do), and texts
  with no letters (2024).
- REFUSED: the text is clearly something else, with a reason
  (`"Arbeit" is Latin script, not Japanese`) and what it looks like instead.

The rules, for a field in language L:

- Japanese, Chinese, Korean: kana anywhere makes a text Japanese and Hangul makes it
  Korean (the larger count wins when both appear); without them Han decides by its
  forms (see `scripts.han_forms`), and Han-only text is never Korean (Korean is written
  in Hangul). Latin mixed into such a text is accepted (`Tシャツ`, `私はNHKで働いています。`,
  `我用iPhone`): the text is judged by its other letters. A Latin-only text is refused
  (a Japanese or Chinese voice spells Latin letters out) unless it is all capitals
  (`CD`, `NHK`): romaji and pinyin are named as such, so the fix says to write kana or
  characters.
- Thai: Thai letters make a text Thai (Latin beside them is accepted, as above); a
  Latin-only text (a romanization such as `khun chop`) is refused unless all capitals.
- German, Spanish, Italian, English, French, Portuguese: a text with Latin letters is
  judged by them and accepted (`water (水)`: the note is left out before the gate), unless
  it is Vietnamese (below) or a Chinese, Japanese, Korean or Thai letter is left in it
  (`Wasser (水`): a voice of the language names it ("chinesisches Schriftzeichen") rather
  than says it; a text with no Latin letter at all is refused too. Script cannot tell
  these languages apart; an offline identifier was measured as a cross-check on short
  texts and does not earn its place (BENCHMARKS.md, "Languages").
- Vietnamese: its Latin words are read as Vietnamese syllables (`content/vietnamese.py`).
  With more syllables marked by a tone or a Vietnamese vowel than foreign words (`Tôi
  dùng iPhone`), a text is Vietnamese; with as many foreign words or more (`I drink
  water.`, `email`, `¿Qué tal?`), it is another Latin language, refused; unmarked
  syllables only (`anh em`) stand. A text mostly of marked syllables, with a letter
  only Vietnamese writes (ơ, ư, đ, ế...) or three words and none foreign, and no mark
  Vietnamese never writes (ǎ, ü), is Vietnamese in any other field.
- A language not in the table (`tts_assets.languages.LANGUAGES`): every text stands.

`check_file` looks at the verdicts of one file and one language together: when most
texts with a clear verdict look like one other language, the file itself is in that
language and the run should stop before writing anything, with the fix in its message.
"""

from __future__ import annotations

import enum
import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..languages import (
    BOPOMOFO,
    HAN,
    HANGUL,
    KANA,
    LANGUAGES,
    LATIN,
    LATIN_LANGUAGES,
    THAI,
    Language,
    language,
    profile,
    title_of,
)
from ..pauses import without_pauses
from .item import Item
from .item import quoted as quote
from .scripts import Letters, first_of, han_forms, letters, without_glosses
from .vietnamese import looks_vietnamese, may_look_vietnamese, syllables

ROMAJI = profile.ROMAJI
"""What a Latin text in a Japanese field looks like when it is written kana in Latin letters
(the profile's `romanization`)."""
PINYIN = profile.PINYIN
"""What a Latin text with pinyin tone marks in a Chinese field looks like."""
STRAY = "stray"
"""What a text in Latin letters with a Chinese, Japanese or Korean letter left in it
(`Wasser (水`) looks like: a slip in one text, not a file in another language."""

FILE_MIN_TEXTS = 3
"""A file is judged as a whole only when at least this many texts look like one language."""

_MAX_CAPITALS = 6
"""`NHK`, `DVD`, `USB`: capitals spoken letter by letter; longer runs are words."""

# Hepburn, Kunrei and wapuro syllables: (geminate) (consonant) (y) vowel, or syllabic n.
_ROMAJI_WORD = re.compile(
    r"(?:(?:([kgsztdhbpfjc])(?=\1)|t(?=ch))?(?:sh|ch|ts|dz|[kgsztdnhbpmyrwfjv])?y?"
    r"[aiueoāīūēōâîûêô]|n)+",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
_PINYIN_MARKS = re.compile("[ǎěǐǒǔǚǜǖǘāēīōūĀĒĪŌŪ]")


class Status(enum.StrEnum):
    """How a text stands against its field's language."""

    OK = "ok"
    AMBIGUOUS = "ambiguous"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class GateVerdict:
    """The gate's answer for one text in one language."""

    status: Status
    reason: str
    """Why: for a refused text, the line shown to the user (`"Arbeit" is Latin script, ...`)."""
    looks_like: str = ""
    """For a refused text, what it is instead: a language code (zh), LATIN, ROMAJI, PINYIN,
    HAN (Chinese characters that could be Japanese or Chinese) or another script's name."""

    @property
    def refused(self) -> bool:
        return self.status is Status.REFUSED


@functools.lru_cache(maxsize=1 << 16)
def check_text(text: str, lang: str) -> GateVerdict:
    """The verdict for `text` (its spoken, cleaned form) in a field of language `lang`;
    a pause written in it (`[pause:1.5s]`, `pauses.py`) is silence, not letters."""
    target = language(lang)
    if target is None:
        return GateVerdict(Status.AMBIGUOUS, f"no script rule for language {lang!r}")
    text = without_pauses(text)
    n = letters(text)
    if n.total == 0:
        return GateVerdict(Status.AMBIGUOUS, "no letters")
    quoted = quote(text)
    if target.scripts == (LATIN,) and n.latin and (stray := _stray(text, n)):
        want = target.title
        return GateVerdict(
            Status.REFUSED,
            f"{quoted} has {stray} in {want}: a {want} voice would name them rather than "
            "say them; remove them, or put them in parentheses as a note (said without it)",
            STRAY,
        )
    if target.own_letters and 2 * n.latin > n.total:
        return _in_vietnamese(text, quoted)
    if target.scripts == (LATIN,):
        return _in_latin_language(text, n, target, quoted)
    return _in_own_script(text, n, target, quoted)


def _in_latin_language(text: str, n: Letters, target: Language, quoted: str) -> GateVerdict:
    """The verdict for a text in a field of a language written in Latin letters: its
    Latin text cannot be told from another Latin language's, unless it is Vietnamese."""
    want = target.title
    if n.latin:
        if vietnamese := _vietnamese(text):
            return GateVerdict(Status.REFUSED, f"{quoted} {vietnamese}, not {want}", "vi")
        return GateVerdict(Status.AMBIGUOUS, "Latin script: which Latin language, it cannot tell")
    looks, what = _identify(text, n)
    return GateVerdict(Status.REFUSED, f"{quoted} {what}, not {want}", looks)


def _in_own_script(text: str, n: Letters, target: Language, quoted: str) -> GateVerdict:
    """The verdict for a text in a field of a language with a script of its own: what
    its letters say it is."""
    looks, what = _identify(text, n)
    if looks == target.code:
        return GateVerdict(Status.OK, what)
    if looks == HAN:
        return _han_only(target, quoted)
    if looks == LATIN and (verdict := _latin_in_own_script(text, n, target, quoted)):
        return verdict
    return GateVerdict(Status.REFUSED, f"{quoted} {what}, not {target.title}", looks)


def _han_only(target: Language, quoted: str) -> GateVerdict:
    """Chinese characters alone: the field's language if a Han character alone may be
    its (Japanese), else refused."""
    if target.han_alone:
        return GateVerdict(Status.AMBIGUOUS, "Han written alike in Japanese and Chinese")
    want = target.title
    written = target.scripts[0].capitalize()
    written = f" ({written})" if written != want else ""
    return GateVerdict(
        Status.REFUSED, f"{quoted} is Chinese characters only, not {want}{written}", HAN
    )


def _latin_in_own_script(
    text: str, n: Letters, target: Language, quoted: str
) -> GateVerdict | None:
    """Latin letters where the field's language has a script of its own: capitals spoken
    letter by letter stand, its romanization (romaji, pinyin) is refused with what to
    write instead; None: refused as any Latin text."""
    if n.latin <= _MAX_CAPITALS and not any(c.islower() for c in text):
        return GateVerdict(Status.AMBIGUOUS, "Latin capitals, spoken letter by letter")
    if target.romanization == ROMAJI and _is_romaji(text):
        return GateVerdict(
            Status.REFUSED,
            f"{quoted} is romaji (Latin script), not Japanese: write it in kana",
            ROMAJI,
        )
    if target.romanization == PINYIN and _PINYIN_MARKS.search(text):
        return GateVerdict(
            Status.REFUSED,
            f"{quoted} is pinyin (Latin script), not Chinese: write it in characters",
            PINYIN,
        )
    return None


def _stray(text: str, n: Letters) -> str:
    """The letters of Chinese, Japanese, Korean or Thai script in a text in Latin letters,
    outside a note in parentheses (`water (水)`, left unsaid), in words (`Chinese
    characters (水)`); "" when none. espeak-ng names such a letter in the text's
    language ("chinesisches Schriftzeichen") without switching, so a check of what it
    said cannot catch it."""
    if n.han or n.kana or n.hangul or n.bopomofo or n.thai:
        text, _ = without_glosses(text, (LATIN,))
        n = letters(text)
    for count, script, name in (
        (n.han, HAN, "Chinese characters"),
        (n.kana, KANA, "kana"),
        (n.hangul, HANGUL, "Hangul"),
        (n.bopomofo, BOPOMOFO, "bopomofo"),
        (n.thai, THAI, "Thai letters"),
    ):
        if count:
            return f"{name} ({first_of(script, text)})"
    return ""


def _identify(text: str, n: Letters) -> tuple[str, str]:
    """What a text's letters say it is (a language code, HAN, LATIN or a script), in words."""
    if n.thai > n.han + n.kana + n.hangul + n.bopomofo:
        return "th", f"is {THAI.capitalize()} script: Thai"
    if n.kana or n.hangul:
        if n.kana >= n.hangul:
            return "ja", f"has kana ({first_of(KANA, text)}): Japanese"
        return "ko", "is Hangul: Korean"
    if n.han or n.bopomofo:
        forms = han_forms(text)
        if n.bopomofo:
            return "zh", f"has bopomofo ({first_of(BOPOMOFO, text)}): Chinese"
        if forms.chinese and not forms.japanese:
            return "zh", f"has Chinese forms Japanese does not use ({forms.chinese}): Chinese"
        if forms.japanese and not forms.chinese:
            return "ja", f"has Japanese forms Chinese does not use ({forms.japanese}): Japanese"
        return HAN, "is Chinese characters"
    if n.latin:
        if vietnamese := _vietnamese(text):
            return "vi", vietnamese
        return LATIN, "is Latin script"
    return n.other_script.lower(), f"is {n.other_script} script"


def _vietnamese(text: str) -> str:
    """How a text in Latin letters is Vietnamese, in words; "" when it is not clearly."""
    if text.isascii() or not may_look_vietnamese(text):
        return ""  # too few tone marks and Vietnamese letters
    found = syllables(text)
    if not looks_vietnamese(found):
        return ""
    if found.own_letter:
        return f"has Vietnamese letters ({found.own_letter}): Vietnamese"
    return "is in Vietnamese syllables with tone marks: Vietnamese"


def _in_vietnamese(text: str, quoted: str) -> GateVerdict:
    """The verdict for a text mostly in Latin letters in a Vietnamese field."""
    found = syllables(text)
    if found.foreign and len(found.foreign) >= found.marked:
        shown = ", ".join(f'"{word}"' for word in found.foreign[:3])
        why = "no Vietnamese syllables" if len(found.foreign) > 1 else "no Vietnamese syllable"
        if not found.marked:
            why += ", and no tone mark"
        return GateVerdict(
            Status.REFUSED, f"{quoted} is Latin script, not Vietnamese ({shown}: {why})", LATIN
        )
    if found.marked:
        return GateVerdict(Status.OK, "Vietnamese syllables with tone marks")
    if not found.words:
        return GateVerdict(Status.AMBIGUOUS, "Latin capitals, spoken letter by letter")
    return GateVerdict(
        Status.AMBIGUOUS, "Vietnamese syllables without tone marks: Vietnamese or another"
    )


def _is_romaji(text: str) -> bool:
    words = _WORD.findall(text)
    return bool(words) and all(_ROMAJI_WORD.fullmatch(w) for w in words)


# --- whole files ---------------------------------------------------------------------


@dataclass(frozen=True)
class FileCheck:
    """A file whose texts, in one declared language, mostly look like another."""

    lang: str
    """The language the texts were declared in."""
    looks_like: str
    """What most of them are instead (a `GateVerdict.looks_like`)."""
    count: int
    """Texts that look like it."""
    total: int
    """Texts of the file in `lang` that were checked."""

    def odd_one(self, file: str, type_names: str, others: int) -> str:
        """The line for a file whose type's `others` other files are in its language: the
        file is the odd one, left out of the type's file pattern (not a --lang for all)."""
        looks = self.looks_like
        what = (
            title_of(looks)
            if looks in LANGUAGES
            else {
                ROMAJI: "romaji",
                PINYIN: "pinyin",
                LATIN: "Latin script",
                HAN: "Chinese characters",
            }.get(looks, looks)
        )
        return (
            f"{file}: {self.count} of {self.total} texts are {what}, not {title_of(self.lang)}, "
            f"while the {others} other file(s) of the {type_names} type are "
            f"{title_of(self.lang)}: leave {Path(file).name} out of that type's file pattern "
            "(`file` takes a list of names and patterns), or give it a type of its own with "
            "its language; --lang would make all of them another language"
        )

    def message(self, file: str, *, content_language: bool = True) -> str:
        """The one line that stops the run: what the texts are, and the fix.

        `content_language` False: the texts' language is a field's own `lang`, so the fix
        is that field's lang rather than --lang.
        """
        want = title_of(self.lang)
        counted = f"{file}: {self.count} of {self.total} texts"
        looks = self.looks_like
        if looks in LANGUAGES:
            fix = f'set lang = "{looks}" on the field'
            if content_language:
                fix = f"pass --lang {looks}"
            return f"{counted} look {title_of(looks)} ({looks}), not {want}; {fix}"
        if looks == ROMAJI:
            return f"{counted} are romaji, not Japanese script; write them in kana"
        if looks == PINYIN:
            return f"{counted} are pinyin, not Chinese characters; write them in characters"
        if looks == LATIN:
            return (
                f"{counted} are Latin script, not {want}; pass --lang with their language "
                f"({', '.join(LATIN_LANGUAGES)})"
            )
        if looks == HAN:
            return f"{counted} are Chinese characters, not {want}; pass --lang ja or --lang zh"
        return f"{counted} are {looks.capitalize()} script, not {want}; fix the file or its lang"


def check_file(verdicts: Iterable[GateVerdict], lang: str) -> FileCheck | None:
    """The file-level verdict for the verdicts of one file's texts in `lang`, if it has one.

    Texts with an ambiguous verdict do not vote. When the largest group of refused texts
    that look alike is at least `FILE_MIN_TEXTS` and more than half of the voting texts,
    the file is that other thing: a FileCheck. Otherwise None: the refused texts are
    refused one by one and the rest are made.
    """
    total = voters = 0
    groups: Counter[str] = Counter()
    for v in verdicts:
        total += 1
        if v.status is Status.AMBIGUOUS or v.looks_like == STRAY:
            continue
        voters += 1
        if v.refused:
            groups[v.looks_like] += 1
    if not groups:
        return None
    looks, count = groups.most_common(1)[0]
    if count < FILE_MIN_TEXTS or 2 * count <= voters:
        return None
    return FileCheck(lang=lang, looks_like=looks, count=count, total=total)


# --- a run's items -------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """An item the gate refused: never voiced, listed with its place and reason."""

    item: Item
    verdict: GateVerdict

    @property
    def line(self) -> str:
        """`vocabulary.json › [3] › word: "Arbeit" is Latin script, not Japanese`."""
        return f"{self.item.where}: {self.verdict.reason}"


@dataclass
class GateResult:
    """What the gate lets through, what it refuses, and the files it stops the run on."""

    passed: list[Item] = field(default_factory=list)
    """Items to plan and voice, in their order."""
    refused: list[Refusal] = field(default_factory=list)
    """Items clearly in another language: listed, counted, the run exits 1 at the end."""
    files: list[str] = field(default_factory=list)
    """One line per file (and language) that is mostly another language: the run stops
    before writing anything (exit 2)."""


def judge_items(items: Iterable[Item], content_lang: str) -> GateResult:
    """Check every item against its language, then every file as a whole.

    `content_lang` is the run's content language (--lang): a file whose texts in it look
    like another language is told to pass --lang; one whose texts in a field's own
    language do (an English `meaning` written in Japanese) is told to fix that field.
    """
    result = GateResult()
    by_file: dict[tuple[Path, str], list[GateVerdict]] = {}
    types: dict[Path, set[str]] = {}
    for item in items:
        verdict = check_text(item.spoken, item.lang)
        by_file.setdefault((item.file, item.lang), []).append(verdict)
        types.setdefault(item.file, set()).add(item.type_name)
        if verdict.refused:
            result.refused.append(Refusal(item, verdict))
        else:
            result.passed.append(item)
    checks = {key: check_file(verdicts, key[1]) for key, verdicts in by_file.items()}
    for (file, lang), check in checks.items():
        if check is None:
            continue
        # A file one of a type's many files: the others in their language say it is the
        # odd one (hanabira.org's English word list among its Japanese ones, all matched
        # by `words*.json`): --lang would make them all that other language.
        fine = [
            other
            for (other, other_lang), found in checks.items()
            if found is None and other_lang == lang and types[other] & types[file]
        ]
        if fine:
            names = ", ".join(sorted(types[file] & {t for f in fine for t in types[f]}))
            result.files.append(check.odd_one(str(file), names, len(fine)))
        else:
            result.files.append(check.message(str(file), content_language=lang == content_lang))
    return result
