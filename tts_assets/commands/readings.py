"""`tts-assets readings`: every reading problem in the selected content, without synthesis.

For each Chinese text the content gives pinyin for, it asks the provider that voices it
how it would say it (`speaking.decide_pinyin`), and reports the words it reads otherwise
and the pinyin that gives a character a reading no dictionary has (a likely slip).

For each Japanese text whose reading the engine decides (a text with a reading, a bare
on'yomi or kun'yomi, a text an override touches) it runs the same reconciliation a run
does before making the clip, and reports, with their places: disagreements (the
analyzer's reading and the content's), readings that are not kana, and the overrides
applied. A disagreement is settled by speaking the content's reading: news for a teacher,
listed, not a failure. It exits 1 for what was not spoken right (an unusable reading);
`strict` makes every disagreement fail too. Each distinct (text, reading) is analyzed once.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..content.item import Item
from ..languages import LANGUAGES, base_code, title_of
from ..planning.plan import ToRead
from ..planning.prepare import Prepared, prepare
from ..planning.speaking import (
    PINYIN,
    RESPELL,
    SHOWN,
    ReadingNote,
    decide_pinyin_each,
    doubts_of,
    reading_work,
    respelled_note,
    said,
    worth_a_look,
)
from ..providers.base import PinyinSaid
from ..readings import Overrides, Reading
from ..readings.memo import decide_all
from ..settings.config import Settings, checked

PROBLEMS = ("unusable",)
"""Verdicts that fail the report: the clip could not say the content's reading."""
STRICT_PROBLEMS = ("disagree", "unusable")
"""With `strict`: every disagreement fails too (a team that wants content and analyzer to
agree everywhere)."""


@dataclass
class ReadingsReport:
    """What `readings` found."""

    checked: int = 0
    """Texts whose reading was decided."""
    counts: Counter[str] = field(default_factory=Counter)
    """Texts per verdict (agree, disagree, unusable, override, bare, unchecked; doubt: a
    Chinese text without pinyin its provider and pypinyin read otherwise)."""
    notes: list[ReadingNote] = field(default_factory=list)
    """The verdicts worth a look, with their places, in content order."""
    seconds: float = 0.0
    borrowed: list[Borrowed] = field(default_factory=list)
    """The Latin-script words inside texts of other languages than English, to check."""
    strict: bool = False
    """Whether a disagreement is a problem (`--strict`)."""

    @property
    def failing(self) -> tuple[str, ...]:
        """The verdicts that are problems in this report."""
        return STRICT_PROBLEMS if self.strict else PROBLEMS

    @property
    def problems(self) -> int:
        return sum(self.counts[v] for v in self.failing)

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0

    def lines(self) -> list[str]:
        lines = [f"{n.place}: {n.verdict}: {n.message}" for n in self.notes]
        if self.borrowed:
            lines.append(
                f"{len(self.borrowed)} borrowed word(s) to check, said as the voice reads "
                'them unless [pronunciations] respells them ("Homeoffice" = "Hohmoffiss"):'
            )
            lines += [f"  {b.line()}" for b in self.borrowed]
        counts = ", ".join(f"{self.counts[v]} {v}" for v in sorted(self.counts))
        lines.append(
            f"{self.checked} readings checked in {self.seconds:.1f} s ({counts or 'none'}); "
            + (
                f"{self.problems} problem(s): fix the reading, or add a pronunciation "
                "([pronunciations] in tts-assets.toml)"
                if self.problems
                else "ok"
            )
            + (
                f"; {self.counts['disagree']} disagreement(s) settled by speaking the "
                "content's reading (listed above; --strict fails on them)"
                if self.counts["disagree"] and not self.strict
                else ""
            )
        )
        return lines

    def as_json(self) -> dict[str, object]:
        return {
            "ok": not self.problems,
            "exit_code": self.exit_code,
            "checked": self.checked,
            "counts": dict(sorted(self.counts.items())),
            "strict": self.strict,
            "problems": [n.as_json() for n in self.notes if n.verdict in self.failing],
            "disagreements": [n.as_json() for n in self.notes if n.verdict == "disagree"],
            "overrides": [n.as_json() for n in self.notes if n.verdict == "override"],
            "borrowed": [b.as_json() for b in self.borrowed],
            "seconds": round(self.seconds, 3),
        }


@dataclass
class Borrowed:
    """A Latin-script word inside texts of a language other than English."""

    word: str
    lang: str
    place: str
    """Where it first occurs."""
    texts: int = 1
    """How many texts hold it."""
    why: str = ""
    """Why it is listed: inside another script, or read as another language."""
    said: str | None = None
    """Its respelling, when [pronunciations] gives one."""

    def line(self) -> str:
        said = f"; said as {self.said}" if self.said else ""
        more = f" and {self.texts - 1} more text(s)" if self.texts > 1 else ""
        return f"{self.word} ({self.lang}, {self.why}{said}): {self.place}{more}"

    def as_json(self) -> dict[str, object]:
        return {
            "word": self.word,
            "lang": self.lang,
            "place": self.place,
            "texts": self.texts,
            "why": self.why,
            "said": self.said,
        }


def borrowed_words(items: Sequence[Item], overrides: Overrides) -> list[Borrowed]:
    """The Latin-script words inside texts of other languages than English: every one
    inside a text of a language not written in Latin script (K-pop in Korean, AI in
    Chinese), and in German, Spanish, Italian, French, Portuguese and Vietnamese those a
    respelling names or espeak-ng reads as another language (Job, Paris), when the
    packaged espeak-ng is installed. A word espeak-ng reads with the language's own rules
    (Homeoffice in German) cannot be told from the language's own words, and is not
    listed."""
    from ..languages import LATIN, base_code, latin_words

    found: dict[tuple[str, str], Borrowed] = {}
    candidates: dict[str, dict[str, None]] = {}
    for item in items:
        lang = base_code(item.lang)
        if lang == "en" or lang not in LANGUAGES:
            continue
        for word in dict.fromkeys(latin_words(item.spoken)):
            if not any(c.isalpha() for c in word):
                continue
            key = (word, lang)
            if key in found:
                found[key].texts += 1
                continue
            respelled = overrides.respellings.get(word)
            said = respelled.said if respelled is not None else None
            if LATIN not in LANGUAGES[lang].scripts:
                why = f"Latin script inside {title_of(lang)}"
                found[key] = Borrowed(word, lang, item.where, why=why, said=said)
            elif said is not None:
                found[key] = Borrowed(word, lang, item.where, why="respelled", said=said)
            else:
                candidates.setdefault(lang, {})[word] = None
                found[key] = Borrowed(word, lang, item.where)
    switched = _switched(candidates)
    listed = []
    for (word, lang), entry in found.items():
        if not entry.why:
            other = switched.get((word, lang))
            if other is None:
                continue
            entry.why = f"espeak-ng reads it as {other}"
        listed.append(entry)
    return listed


def _switched(candidates: dict[str, dict[str, None]]) -> dict[tuple[str, str], str]:
    """Of `candidates` (words by language), those the packaged espeak-ng reads alone in
    another language, with that language's name; empty when it is not installed."""
    from ..languages import same_language
    from ..providers.espeak import EspeakProvider
    from ..providers.espeak_library import LibraryError, packaged, packaged_available
    from ..providers.espeak_switches import MARKER

    if not candidates or not packaged_available():
        return {}
    found: dict[tuple[str, str], str] = {}
    try:
        library = packaged()
        for lang, words in candidates.items():
            voice = EspeakProvider.default_voices.get(lang, lang)
            listed = list(words)
            for word, said in zip(listed, library.phonemes_each(listed, voice), strict=True):
                codes = [c for c in MARKER.findall(said) if not same_language(c, lang)]
                if codes:
                    found[word, lang] = title_of(codes[0])
    except LibraryError:
        return {}
    return found


def _pinyin_told(
    prepared: Prepared, found: Sequence[tuple[Item, ToRead]]
) -> dict[int, PinyinSaid | None]:
    """By the id of each item with the content's pinyin, how its provider says it (once
    per provider and voice, and per distinct text and pinyin)."""
    groups: dict[tuple[str, str], dict[ToRead, list[Item]]] = {}
    for item, work in found:
        speaker = prepared.voices.for_item(item)
        groups.setdefault((speaker.provider, speaker.voice), {}).setdefault(work, []).append(item)
    told: dict[int, PinyinSaid | None] = {}
    for (name, voice), works in groups.items():
        provider = prepared.voices.provider(name)
        for items, said_pinyin in zip(
            works.values(), decide_pinyin_each(list(works), provider, voice), strict=True
        ):
            for item in items:
                told[id(item)] = said_pinyin
    return told


def check_readings(settings: Settings, *, strict: bool = False) -> ReadingsReport:
    """Reconcile every reading of the selected content (no model, nothing written);
    `strict`: a disagreement is a problem too."""
    started = time.monotonic()
    prepared = prepare(checked(settings))
    refused = {id(r.item) for r in prepared.refused}
    report = ReadingsReport(strict=strict)
    cache: dict[ToRead, Reading] = {}
    found = [
        (item, work)
        for item in prepared.loaded.items
        if id(item) not in refused
        and (work := reading_work(item, prepared.overrides, takes_phonemes=True)) is not None
    ]
    # Kept between runs, and made on every core when there are many (`readings.memo`).
    works = [(w.written, w.given, w.kind) for _, w in found if w.kind not in (PINYIN, RESPELL)]
    for (written, given, kind), decision in decide_all(works, prepared.overrides).items():
        cache[ToRead(written, given, kind)] = decision
    pinyin = _pinyin_told(prepared, [(item, work) for item, work in found if work.kind == PINYIN])
    for item, work in found:
        if work.kind == RESPELL:
            report.checked += 1
            report.counts["override"] += 1
            note = respelled_note(work.written, prepared.overrides)
            if note is not None:
                report.notes.append(ReadingNote(item.where, "override", note))
            continue
        if work.kind == PINYIN:
            told = pinyin[id(item)]
            verdict = "unchecked" if told is None else told.verdict
            report.checked += 1
            report.counts[verdict] += 1
            if told is not None and told.message and verdict in SHOWN:
                report.notes.append(ReadingNote(item.where, verdict, told.message))
            continue
        decided = said(work, prepared.overrides, cache)
        report.checked += 1
        report.counts[decided.verdict] += 1
        shown = worth_a_look(decided)
        if shown is not None:
            report.notes.append(ReadingNote(item.where, *shown))
    passed = [item for item in prepared.loaded.items if id(item) not in refused]
    # Chinese without the content's pinyin: worth a look where the provider and pypinyin
    # read it otherwise (not a problem: neither is sure).
    with_work = {id(item) for item, _ in found}
    groups: dict[tuple[str, str], list[Item]] = {}
    for item in passed:
        if base_code(item.lang) == "zh" and item.kind == "text" and id(item) not in with_work:
            speaker = prepared.voices.for_item(item)
            groups.setdefault((speaker.provider, speaker.voice), []).append(item)
    for (name, voice), items in groups.items():
        texts = list(dict.fromkeys(item.spoken for item in items))
        looks = doubts_of(texts, prepared.voices.provider(name), voice)
        doubts = dict(zip(texts, looks, strict=True))
        for item in items:
            doubt = doubts[item.spoken]
            if doubt is not None:
                report.counts["doubt"] += 1
                report.notes.append(ReadingNote(item.where, "doubt", doubt))
    report.borrowed = borrowed_words(passed, prepared.overrides)
    report.seconds = time.monotonic() - started
    return report
