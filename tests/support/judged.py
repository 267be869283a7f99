"""The language gate one layer below a run: the verdicts of one file, and a course's items
judged in one window with its files' lines (what `planning.course` asks of the gate)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tts_assets.content.gate import FileCheck, FileVotes, GateVerdict, Refusal, Votes
from tts_assets.content.item import Item
from tts_assets.content.lang_spans import judged
from tts_assets.languages import resolved


def file_check(verdicts: Iterable[GateVerdict], lang: str) -> FileCheck | None:
    """The verdict on a file whose texts in `lang` got `verdicts`."""
    votes = Votes()
    for verdict in verdicts:
        votes.add(verdict)
    return votes.check(resolved(lang))


@dataclass(frozen=True)
class Judged:
    passed: list[Item]
    refused: list[Refusal]
    files: list[str]
    """One line per file that is mostly another language than `content_lang`."""


def judged_run(items: Sequence[Item], content_lang: str) -> Judged:
    """`items` judged as a course of one window judges them."""
    votes = FileVotes()
    refused = judged(items, votes)
    gone = {id(r.item) for r in refused}
    passed = [item for item in items if id(item) not in gone]
    return Judged(passed, refused, votes.lines(content_lang))
