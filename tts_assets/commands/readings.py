"""`tts-assets readings`: every reading problem in the selected content, without synthesis.

It asks `readings.Saying` what a run asks before making a clip and counts its verdicts
with their places (what each means: docs/readings.md). A disagreement is settled by
speaking the content's reading: news for a teacher, not a failure; it exits 1 for what
was not spoken right (`strict`: every disagreement too). Each (text, reading) is analyzed
once.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..content.item import Item
from ..content.lang_spans import said_alone
from ..errors import ExitCode
from ..languages import LANGUAGES, title_of
from ..making.synthesis import speech_of
from ..planning.course import Prepared, course_of
from ..providers.engine import Engine
from ..readings.form import NOTED, ranked
from ..readings.saying import RESPELL, Form, ReadingNote, Said, Written
from ..settings.config import Settings
from .operation import operation
from .report import FieldsJson

PROBLEMS = ("unusable", "failed", "unsaid", "accent-unusable")
"""Verdicts that fail the report: the clip could not say the content's reading (or accent)."""
SCREEN = 15
"""How many notes beside the problems are listed, the likeliest wrong first (`--all`: all)."""
NUMBERS = "numbers"
"""The verdict of a text whose numbers were said as written or guessed (never a problem)."""
STRICT_PROBLEMS = ("disagree", "unusable", "failed", "unsaid", "accent-disagree", "accent-unusable")
"""With `strict`: every disagreement fails too."""


@dataclass
class ReadingsReport:
    checked: int = 0
    """Texts whose reading was decided."""
    counts: Counter[str] = field(default_factory=Counter)
    """Texts per verdict (docs/readings.md says what each means)."""
    notes: list[ReadingNote] = field(default_factory=list)
    """The verdicts worth a look, with their places, in content order."""
    seconds: float = 0.0
    borrowed: dict[tuple[str, str], Borrowed] = field(default_factory=dict)
    """The Latin-script words inside texts of other languages than English, by word and
    language: those with a `why` are listed, to check."""
    strict: bool = False
    """Whether a disagreement is a problem (`--strict`)."""
    every: bool = False
    """Whether every note is listed (`--all`), not only a screen of the likeliest wrong."""

    @property
    def failing(self) -> tuple[str, ...]:
        return STRICT_PROBLEMS if self.strict else PROBLEMS

    @property
    def problems(self) -> int:
        return sum(self.counts[v] for v in self.failing)

    @property
    def exit_code(self) -> int:
        return ExitCode.FAILED if self.problems else ExitCode.OK

    def lines(self) -> list[str]:
        problems = [n for n in self.notes if n.verdict in self.failing]
        doubts = ranked(n for n in self.notes if n.verdict not in (*self.failing, *NOTED))
        noted = ranked(n for n in self.notes if n.verdict in NOTED)
        shown = len(doubts) if self.every else SCREEN
        listed = [*problems, *doubts[:shown], *(noted if self.every else ())]
        lines = [f"{n.place}: {n.verdict}: {n.message}" for n in listed]
        if len(doubts) > shown:
            lines.append(
                f"{len(doubts) - SCREEN} more to check, less likely wrong than those above "
                "(--all lists them)"
            )
        if noted and not self.every:
            counted = Counter(n.verdict for n in noted)
            lines.append(
                f"{len(noted)} text(s) said as most likely meant "
                f"({', '.join(f'{c} {v}: {NOTED[v]}' for v, c in sorted(counted.items()))}; "
                "--all lists them)"
            )
        borrowed = [b for b in self.borrowed.values() if b.why]
        if borrowed:
            lines.append(
                f"{len(borrowed)} borrowed word(s) to check, said as the voice reads "
                'them unless [pronunciations] respells them ("Homeoffice" = "Hohmoffiss"):'
            )
            lines += [f"  {b.line()}" for b in borrowed]
        return [*lines, self._total()]

    def _total(self) -> str:
        counts = ", ".join(f"{self.counts[v]} {v}" for v in sorted(self.counts))
        line = f"{self.checked} readings checked in {self.seconds:.1f} s ({counts or 'none'}); "
        if not self.problems:
            line += "ok"
        else:
            line += (
                f"{self.problems} problem(s): fix the reading (or the accent it states), or "
                "add a pronunciation ([pronunciations] in tts-assets.toml)"
            )
        if self.counts["disagree"] and not self.strict:
            line += (
                f"; {self.counts['disagree']} disagreement(s) settled by speaking the "
                "content's reading (listed above; --strict fails on them)"
            )
        return line

    def as_json(self) -> dict[str, object]:
        return {
            "ok": not self.problems,
            "exit_code": self.exit_code,
            "checked": self.checked,
            "counts": dict(sorted(self.counts.items())),
            "strict": self.strict,
            "problems": [n.as_json() for n in self.notes if n.verdict in self.failing],
            "disagreements": [n.as_json() for n in self.notes if n.verdict == "disagree"],
            "doubts": [n.as_json() for n in ranked(self.notes) if n.verdict in ("doubt", NUMBERS)],
            "noted": [n.as_json() for n in ranked(self.notes) if n.verdict in NOTED],
            "accents": [n.as_json() for n in self.notes if n.verdict.startswith("accent-")],
            "overrides": [n.as_json() for n in self.notes if n.verdict == "override"],
            "borrowed": [b.as_json() for b in self.borrowed.values() if b.why],
            "seconds": round(self.seconds, 3),
        }


@dataclass
class Borrowed(FieldsJson):
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


def borrowed_words(
    items: Sequence[Item], prepared: Prepared, found: dict[tuple[str, str], Borrowed]
) -> None:
    """Add to `found` the Latin-script words inside texts of languages that borrow English:
    every one in a language not written in Latin script (K-pop in Korean), else those a
    respelling names or the packaged espeak-ng reads as another language (Job, Paris). One
    it reads with the language's own rules (Homeoffice) is not listed (no `why`)."""
    from ..languages import LATIN, latin_words
    from ..pauses import without_pauses

    candidates: dict[str, dict[str, None]] = {}
    for item in items:
        lang = item.lang.base
        if lang not in LANGUAGES or not LANGUAGES[lang].borrows_english:
            continue
        # Pause markers ([pause:1s], <break time="1s"/>) are no words said.
        for word in dict.fromkeys(latin_words(without_pauses(item.spoken))):
            if not any(c.isalpha() for c in word):
                continue
            key = (word, lang)
            if key in found:
                found[key].texts += 1
                continue
            respelled = prepared.overrides.respellings.get(word)
            said = respelled.said if respelled is not None else None
            if LATIN not in LANGUAGES[lang].scripts:
                why = f"Latin script inside {title_of(lang)}"
                found[key] = Borrowed(word, lang, item.where, why=why, said=said)
            elif said is not None:
                found[key] = Borrowed(word, lang, item.where, why="respelled", said=said)
            else:
                candidates.setdefault(lang, {})[word] = None
                found[key] = Borrowed(word, lang, item.where)
    for (word, lang), other in _switched(candidates).items():
        found[word, lang].why = f"espeak-ng reads it as {other}"


def _switched(candidates: dict[str, dict[str, None]]) -> dict[tuple[str, str], str]:
    """Of `candidates` (words by language), those the packaged espeak-ng reads alone in
    another language, with that language's name; empty when it is not installed."""
    from ..frontends.espeak_switches import MARKER
    from ..languages import same_language
    from ..providers.espeak import EspeakProvider
    from ..providers.espeak_library import LibraryError, packaged, packaged_available

    if not candidates or not packaged_available():
        return {}
    found: dict[tuple[str, str], str] = {}
    try:
        library = packaged()
        for lang, words in candidates.items():
            voice = EspeakProvider.default_voices.get(lang, lang)
            listed = list(words)
            for word, said in zip(listed, library.phonemes(listed, voice), strict=True):
                codes = [c for c in MARKER.findall(said) if not same_language(c, lang)]
                if codes:
                    found[word, lang] = title_of(codes[0])
    except LibraryError:
        return {}
    return found


@operation()
def check_readings(
    settings: Settings, *, strict: bool = False, every: bool = False
) -> ReadingsReport:
    """Reconcile every reading of the selected content as a run decides it (no model,
    nothing written), every bare reading checked as for a provider that takes phonemes."""
    started = time.monotonic()
    with course_of(settings, decided=False) as course:
        report, _ = course.gathered(lambda: ReadingsReport(strict=strict, every=every), _read)
    report.seconds = time.monotonic() - started
    return report


def _read(report: ReadingsReport, prepared: Prepared) -> None:
    """Add to `report` every reading of `prepared` (a window of the course) reconciled."""
    owned = {id(r) for r in prepared.plan.refused}
    gate = {id(r.item) for r in prepared.refused if id(r) not in owned}
    # A dialogue's lines with no URL of their own are texts said too (`LoadResult.lines`);
    # a text in several languages is read run by run, each in its language.
    texts = [*prepared.loaded.items, *prepared.loaded.lines]
    passed = said_alone(item for item in texts if id(item) not in gate)
    saying, voices = prepared.saying, prepared.voices
    speakers = [voices.for_item(item) for item in passed]
    providers = [voices.provider(speaker.provider) for speaker in speakers]
    forms = saying.forms(
        [
            (Written.of(item), provider, speaker.voice)
            for item, provider, speaker in zip(passed, providers, speakers, strict=True)
        ],
        every_reading=True,
    )
    said = saying.said_each(list(zip(forms, providers, strict=True)))
    asked: dict[tuple[str, str, str, str], str | None] = {}
    for item, form, answer, provider, speaker in zip(
        passed, forms, said, providers, speakers, strict=True
    ):
        verdict, note = _verdict(form, answer)
        if verdict is None or verdict not in PROBLEMS:
            # What generate would refuse at synthesis, where its provider can tell before
            # (espeak-ng's switch to another language): the same reason, not "ok".
            unsaid = _unsaid(item, answer, provider, speaker.voice, asked)
            if unsaid is not None:
                verdict, note = "unsaid", ("unsaid", unsaid)
        if answer.accent_note is not None and answer.refused is None:
            # The accent the content states: said as stated where it is an accent of the
            # text (news where the analyzer's is another), else not said (a problem).
            told, message = answer.accent_note
            report.counts[f"accent-{told}"] += 1
            report.notes.append(ReadingNote(item.where, f"accent-{told}", message))
        if verdict is None or (verdict == "unchecked" and note is None):
            continue  # nothing decided worth a word (a text told its accent alone)
        report.checked += 1
        report.counts[verdict] += 1
        if note is not None:
            report.notes.append(ReadingNote(item.where, *note, risk=answer.risk))
    borrowed_words(passed, prepared, report.borrowed)


def _unsaid(
    item: Item,
    said: Said,
    provider: Engine,
    voice: str,
    asked: dict[tuple[str, str, str, str], str | None],
) -> str | None:
    """Why `provider` would not say `item` as `said` (`Engine.cannot_say`), each piece
    asked once per run; None when it can, or cannot tell."""
    for index, piece in enumerate(said.pieces):
        speech = speech_of(said, index, provider, item.lang.code, voice, 1.0)
        if speech.phonemes is not None:
            return None  # said from the phonemes decided, not read from the text
        same = (provider.name, voice, item.lang.code, piece)
        if same not in asked:
            asked[same] = provider.cannot_say(speech)
        if asked[same] is not None:
            return asked[same]
    return None


def _verdict(form: Form, said: Said) -> tuple[str | None, tuple[str, str] | None]:
    """The verdict `readings` counts for a text said as `said` (None: nothing decided of
    it, as for most texts), and the (verdict, message) it lists."""
    if form.refused is not None or said.refused is not None:
        verdict = said.verdict or "unusable"
        return verdict, (verdict, said.refused or form.refused or "")
    work, own = form.to_read, form.own.verdict if form.own is not None else None
    if work is None:
        if form.verdict == NUMBERS and form.spoken.doubts:
            # Said as written (or guessed), and what to write instead.
            return NUMBERS, (NUMBERS, "; ".join(form.spoken.doubts))
        if own is None:
            return None, None
        if said.verdict == "doubt":
            return "doubt", said.shown
        return own, None
    if work.kind == RESPELL:
        return "override", ("override", said.note) if said.note else None
    verdict = said.verdict or own or "unchecked"
    return verdict, said.shown
