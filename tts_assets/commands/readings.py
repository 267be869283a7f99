"""`tts-assets readings`: every reading problem in the selected content, without synthesis.

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
from dataclasses import dataclass, field

from ..planning.plan import ToRead
from ..planning.prepare import prepare
from ..planning.speaking import ReadingNote, reading_work, said, worth_a_look
from ..readings import Reading
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
    """Texts per verdict (agree, disagree, unusable, override, bare, unchecked)."""
    notes: list[ReadingNote] = field(default_factory=list)
    """The verdicts worth a look, with their places, in content order."""
    seconds: float = 0.0
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
            "seconds": round(self.seconds, 3),
        }


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
    works = [(w.written, w.given, w.kind) for _, w in found]
    for (written, given, kind), decision in decide_all(works, prepared.overrides).items():
        cache[ToRead(written, given, kind)] = decision
    for item, work in found:
        decided = said(work, prepared.overrides, cache)
        report.checked += 1
        report.counts[decided.verdict] += 1
        shown = worth_a_look(decided)
        if shown is not None:
            report.notes.append(ReadingNote(item.where, *shown))
    report.seconds = time.monotonic() - started
    return report
