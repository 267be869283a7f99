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

The rules, script by script and language by language, are the user's page's
(docs/languages.md, "The language gate"); each profile declares the facts they read
(`tts_assets.languages`: its scripts, its Han forms, its romanization, its own words).

`FileVotes` looks at the verdicts of one file and one language together: when most
texts with a clear verdict look like one other language, the file itself is in that
language and the run should stop before writing anything, with the fix in its message.
"""

from __future__ import annotations

import enum
import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..languages import (
    HAN,
    LANGUAGES,
    LATIN,
    LATIN_LANGUAGES,
    Lang,
    Language,
    Romanization,
    language,
    title_of,
)
from ..pauses import without_pauses
from ..scripts.letters import NAMES, SAID, SCRIPT_PATTERNS, Letters, first_of, han_forms, letters
from ..scripts.letters import without_glosses as without_glosses
from .item import Item
from .item import quoted as quote

STRAY = "stray"
"""What a text in Latin letters with a Chinese, Japanese or Korean letter left in it
(`Wasser (水`) looks like: a slip in one text, not a file in another language."""

FILE_MIN_TEXTS = 3
"""A file is judged as a whole only when at least this many texts look like one language."""

_MAX_CAPITALS = 6
"""`NHK`, `DVD`, `USB`: capitals spoken letter by letter; longer runs are words."""

_OWN_SCRIPTS = tuple(script for script in SCRIPT_PATTERNS if script != LATIN)
"""The scripts other than Latin, in the order a stray letter of them is named."""


@functools.cache
def _owners() -> dict[str, str]:
    """Each script one language alone declares, and that language (kana: ja)."""
    declared: dict[str, list[str]] = {}
    for code, profile in LANGUAGES.items():
        for script in profile.scripts:
            declared.setdefault(script, []).append(code)
    return {script: codes[0] for script, codes in declared.items() if len(codes) == 1}


@functools.cache
def _han_sets() -> dict[str, tuple[str, ...]]:
    """The character sets of each language that declares its Han forms."""
    return {code: p.han_forms for code, p in LANGUAGES.items() if p.han_forms}


def _romanization(name: str) -> tuple[Romanization, Language] | None:
    """The romanization called `name` (a refused text's `looks_like`), and whose it is."""
    for profile in LANGUAGES.values():
        if profile.romanization is not None and profile.romanization.name == name:
            return profile.romanization, profile
    return None


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
    if target.scripts == (LATIN,) and n.latin and (stray := _stray(text, n)):
        want = target.title
        return GateVerdict(
            Status.REFUSED,
            f"{quote(text)} has {stray} in {want}: a {want} voice would name them rather than "
            "say them; remove them, or put them in parentheses as a note (said without it)",
            STRAY,
        )
    if target.own_words is not None and 2 * n.latin > n.total:
        return _in_own_words(text, quote(text), target)
    if target.scripts == (LATIN,):  # which Latin language, it cannot tell, but Vietnamese
        own = _own_words(text) if n.latin else None
        if n.latin and own is None:
            return GateVerdict(
                Status.AMBIGUOUS, "Latin script: which Latin language, it cannot tell"
            )
        looks, what = own or _identify(text, n)
        return GateVerdict(Status.REFUSED, f"{quote(text)} {what}, not {target.title}", looks)
    # The text is quoted only where it is refused: most texts pass.
    return _in_own_script(text, n, target)


def _in_own_script(text: str, n: Letters, target: Language) -> GateVerdict:
    """The verdict for a text in a field of a language with a script of its own: what
    its letters say it is. Chinese characters alone stand if a Han character alone may be
    the field's language's (Japanese); Latin capitals stand, spoken letter by letter; its
    romanization (romaji, pinyin) is refused with what to write instead."""
    looks, what = _identify(text, n)
    want, romanized = target.title, target.romanization
    if looks == target.code:
        return GateVerdict(Status.OK, what)
    if looks == HAN and target.han_alone:
        return GateVerdict(Status.AMBIGUOUS, "Han written alike in Japanese and Chinese")
    if looks == HAN:
        written = target.scripts[0].capitalize()
        written = f" ({written})" if written != want else ""
        return GateVerdict(
            Status.REFUSED, f"{quote(text)} is Chinese characters only, not {want}{written}", HAN
        )
    if looks == LATIN and n.latin <= _MAX_CAPITALS and not any(c.islower() for c in text):
        return GateVerdict(Status.AMBIGUOUS, "Latin capitals, spoken letter by letter")
    if looks == LATIN and romanized is not None and romanized.looks(text):
        return GateVerdict(
            Status.REFUSED,
            f"{quote(text)} is {romanized.name} (Latin script), not {want}: write it in "
            f"{romanized.write}",
            romanized.name,
        )
    return GateVerdict(Status.REFUSED, f"{quote(text)} {what}, not {want}", looks)


def _stray(text: str, n: Letters) -> str:
    """The letters of another script in a text in Latin letters but a note in parentheses
    (`water (水)`), in words (`Chinese characters (水)`); "" when none. espeak-ng names
    such a letter ("chinesisches Schriftzeichen"): a check of what it said cannot tell."""
    if any(getattr(n, script) for script in _OWN_SCRIPTS):
        text, _ = without_glosses(text, (LATIN,))
        n = letters(text)
    for script in _OWN_SCRIPTS:
        if getattr(n, script):
            return f"{NAMES[script]} ({first_of(script, text)})"
    return ""


def _identify(text: str, n: Letters) -> tuple[str, str]:
    """What a text's letters say it is (a language code, HAN, LATIN or a script), in
    words: a script one language alone writes names it (one written without Han, Thai,
    where its letters outnumber the other scripts' but Latin; one written beside Han, the
    most letters of any, the first registered on a tie); Han alone, the language whose
    forms only it writes (`Language.han_forms`); Latin, whose words it is (`own_words`)."""
    owners = _owners()
    counts = {script: getattr(n, script) for script in _OWN_SCRIPTS}
    others = sum(counts.values())
    beside: list[tuple[int, int, str, str]] = []
    for order, (script, code) in enumerate(owners.items()):
        count = counts.get(script, 0)
        if not count:
            continue
        if HAN not in LANGUAGES[code].scripts:
            if count > others - count:
                return code, _said(script, text, code)
        else:
            beside.append((-count, order, script, code))
    if beside:
        _, _, script, code = min(beside)
        return code, _said(script, text, code)
    if n.han:
        forms = han_forms(text, _han_sets())
        if len(forms) == 1:
            ((code, found),) = forms.items()
            title = LANGUAGES[code].title
            not_theirs = " or ".join(LANGUAGES[c].title for c in _han_sets() if c != code)
            return code, f"has {title} forms {not_theirs} does not use ({found}): {title}"
        return HAN, "is Chinese characters"
    if n.latin:
        if own := _own_words(text):
            return own
        return LATIN, "is Latin script"
    return n.other_script.lower(), f"is {n.other_script} script"


def _said(script: str, text: str, code: str) -> str:
    """How a text whose letters of `script` name language `code` is said to be."""
    return f"{SAID[script].format(first=first_of(script, text))}: {LANGUAGES[code].title}"


def _own_words(text: str) -> tuple[str, str] | None:
    """The language whose words a text in Latin letters clearly is, and how, in words
    (`has Vietnamese letters (ơ): Vietnamese`); None when none is clearly."""
    if text.isascii():
        return None
    for code, profile in LANGUAGES.items():
        own = profile.own_words
        if own is None or not own.may_look(text):
            continue  # too few of its marks and letters
        found = own.syllables(text)
        if not own.looks(found):
            continue
        title = profile.title
        if found.own_letter:
            return code, f"has {title} letters ({found.own_letter}): {title}"
        return code, f"is in {title} syllables with tone marks: {title}"
    return None


def _in_own_words(text: str, quoted: str, target: Language) -> GateVerdict:
    """The verdict for a text mostly in Latin letters in a field of a language known by
    its words (`Language.own_words`: Vietnamese)."""
    assert target.own_words is not None
    found = target.own_words.syllables(text)
    title = target.title
    if found.foreign and len(found.foreign) >= found.marked:
        shown = ", ".join(f'"{word}"' for word in found.foreign[:3])
        why = f"no {title} syllables" if len(found.foreign) > 1 else f"no {title} syllable"
        if not found.marked:
            why += ", and no tone mark"
        return GateVerdict(
            Status.REFUSED, f"{quoted} is Latin script, not {title} ({shown}: {why})", LATIN
        )
    if found.marked:
        return GateVerdict(Status.OK, f"{title} syllables with tone marks")
    if not found.words:
        return GateVerdict(Status.AMBIGUOUS, "Latin capitals, spoken letter by letter")
    return GateVerdict(
        Status.AMBIGUOUS, f"{title} syllables without tone marks: {title} or another"
    )


@dataclass(frozen=True)
class FileCheck:
    """A file whose texts, in one declared language, mostly look like another."""

    lang: Lang
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
            else {LATIN: "Latin script", HAN: "Chinese characters"}.get(looks, looks)
        )
        return (
            f"{file}: {self.count} of {self.total} texts are {what}, not {self.lang.title}, "
            f"while the {others} other file(s) of the {type_names} type are "
            f"{self.lang.title}: leave {Path(file).name} out of that type's file pattern "
            "(`file` takes a list of names and patterns), or give it a type of its own with "
            "its language; --lang would make all of them another language"
        )

    def message(self, file: str, *, content_language: bool = True) -> str:
        """The one line that stops the run: what the texts are, and the fix (that field's
        lang rather than --lang where `content_language` is False)."""
        want = self.lang.title
        counted = f"{file}: {self.count} of {self.total} texts"
        looks = self.looks_like
        if looks in LANGUAGES:
            fix = f'set lang = "{looks}" on the field'
            if content_language:
                fix = f"pass --lang {looks}"
            return f"{counted} look {title_of(looks)} ({looks}), not {want}; {fix}"
        if romanized := _romanization(looks):
            way, _ = romanized
            return f"{counted} are {way.name}, not {way.instead_of}; write them in {way.write}"
        if looks == LATIN:
            return (
                f"{counted} are Latin script, not {want}; pass --lang with their language "
                f"({', '.join(LATIN_LANGUAGES)})"
            )
        if looks == HAN:
            return f"{counted} are Chinese characters, not {want}; pass --lang ja or --lang zh"
        return f"{counted} are {looks.capitalize()} script, not {want}; fix the file or its lang"


@dataclass
class Votes:
    """What the texts of one file in one language say of it: when the largest group of
    refused texts that look alike is at least `FILE_MIN_TEXTS` and more than half of the
    votes (ambiguous texts do not vote), the file is that other thing (`check`); otherwise
    the refused texts are refused one by one."""

    total: int = 0
    voters: int = 0
    groups: Counter[str] = field(default_factory=Counter)

    def add(self, v: GateVerdict) -> None:
        self.total += 1
        if v.status is Status.AMBIGUOUS or v.looks_like == STRAY:
            return
        self.voters += 1
        if v.refused:
            self.groups[v.looks_like] += 1

    def check(self, lang: Lang) -> FileCheck | None:
        if not self.groups:
            return None
        looks, count = self.groups.most_common(1)[0]
        if count < FILE_MIN_TEXTS or 2 * count <= self.voters:
            return None
        return FileCheck(lang=lang, looks_like=looks, count=count, total=self.total)


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
class FileVotes:
    """The gate's verdicts on each file's texts, counted (a course judged window by window
    holds only these)."""

    votes: defaultdict[tuple[Path, Lang], Votes] = field(default_factory=lambda: defaultdict(Votes))
    types: defaultdict[Path, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, item: Item, verdict: GateVerdict) -> None:
        self.votes[item.file, item.lang].add(verdict)
        self.types[item.file].add(item.type_name)

    def lines(self, content_lang: str) -> list[str]:
        """One line per file (and language) that is mostly another language."""
        checks = {key: votes.check(key[1]) for key, votes in self.votes.items()}
        types, found = self.types, []
        for (file, lang), check in checks.items():
            if check is None:
                continue
            # A file one of a type's many files: the others in their language say it is the
            # odd one (hanabira.org's English word list among its Japanese ones, all matched
            # by `words*.json`): --lang would make them all that other language.
            fine = [
                other
                for (other, other_lang), found_here in checks.items()
                if found_here is None and other_lang == lang and types[other] & types[file]
            ]
            if fine:
                names = ", ".join(sorted(types[file] & {t for f in fine for t in types[f]}))
                found.append(check.odd_one(str(file), names, len(fine)))
            else:
                found.append(check.message(str(file), content_language=lang.code == content_lang))
        return found
