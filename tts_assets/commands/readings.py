"""`tts-assets readings`: every reading problem in the selected content, without synthesis.

For each Chinese text the content gives pinyin for, it asks the provider that voices it
how it would say it (`speaking.decide_pinyin`), and reports the words it reads otherwise
and the pinyin that gives a character a reading no dictionary has (a likely slip).

For each Japanese text whose reading the engine decides (a text with a reading, a bare
on'yomi or kun'yomi, a text an override touches) it runs the same reconciliation a run
does before making the clip, and reports, with their places: disagreements (the
analyzer's reading and the content's), readings that are not kana, and the overrides
applied. It exits 1 when there is a problem no override settles. Each distinct (text,
reading) is analyzed once.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from ..planning.plan import ToRead
from ..planning.prepare import prepare
from ..planning.speaking import (
    PINYIN,
    SHOWN,
    ReadingNote,
    decide_pinyin,
    reading_work,
    said,
    worth_a_look,
)
from ..providers.base import PinyinSaid
from ..readings import Reading
from ..readings.memo import decide_all
from ..settings.config import Settings, checked

PROBLEMS = ("disagree", "unusable")
"""Verdicts that fail the report: the content needs a fix or an override."""


@dataclass
class ReadingsReport:
    """What `readings` found."""

    checked: int = 0
    """Texts whose reading was decided."""
    counts: Counter[str] = field(default_factory=Counter)
    """Texts per verdict (agree, disagree, unusable, override, bare, unchecked)."""
    notes: list[ReadingNote] = field(default_factory=list)
    """The verdicts worth a look, with their places, in content order."""
    seconds: float = 0.0

    @property
    def problems(self) -> int:
        return sum(self.counts[v] for v in PROBLEMS)

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0

    def lines(self) -> list[str]:
        lines = [f"{n.place}: {n.verdict}: {n.message}" for n in self.notes]
        counts = ", ".join(f"{self.counts[v]} {v}" for v in sorted(self.counts))
        lines.append(
            f"{self.checked} readings checked in {self.seconds:.1f} s ({counts or 'none'}); "
            + (
                f"{self.problems} problem(s): fix the reading, or add a pronunciation "
                "([pronunciations] in tts-assets.toml)"
                if self.problems
                else "ok"
            )
        )
        return lines

    def as_json(self) -> dict[str, object]:
        return {
            "ok": not self.problems,
            "exit_code": self.exit_code,
            "checked": self.checked,
            "counts": dict(sorted(self.counts.items())),
            "problems": [n.as_json() for n in self.notes if n.verdict in PROBLEMS],
            "overrides": [n.as_json() for n in self.notes if n.verdict == "override"],
            "seconds": round(self.seconds, 3),
        }


def check_readings(settings: Settings) -> ReadingsReport:
    """Reconcile every reading of the selected content (no model, nothing written)."""
    started = time.monotonic()
    prepared = prepare(checked(settings))
    refused = {id(r.item) for r in prepared.refused}
    report = ReadingsReport()
    cache: dict[ToRead, Reading] = {}
    found = [
        (item, work)
        for item in prepared.loaded.items
        if id(item) not in refused
        and (work := reading_work(item, prepared.overrides, takes_phonemes=True)) is not None
    ]
    # Kept between runs, and made on every core when there are many (`readings.memo`).
    works = [(w.written, w.given, w.kind) for _, w in found if w.kind != PINYIN]
    for (written, given, kind), decision in decide_all(works, prepared.overrides).items():
        cache[ToRead(written, given, kind)] = decision
    pinyin: dict[tuple[str, str, ToRead], PinyinSaid | None] = {}
    for item, work in found:
        if work.kind == PINYIN:
            voice = prepared.voices.for_item(item)
            same = (voice.provider, voice.voice, work)
            if same not in pinyin:
                provider = prepared.voices.provider(voice.provider)
                pinyin[same] = decide_pinyin(work, provider, voice.voice)
            told = pinyin[same]
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
    report.seconds = time.monotonic() - started
    return report
