"""What each new Japanese clip says: its reading reconciled before it is made.

The plan names a clip by what the readings engine decided it says
(`readings.said_material`), read from the reading memo where it holds the decision, so a
run with nothing to make loads no analyzer once the memo is warm. Before a clip is made its
decision is made again without the memo (`redecide`). Here, for the clips that are to be
made (or that a dry run lists), what is said is set (`readings.reconcile`):
the written form when the analyzer reads it as the content does, else the content's
reading with its pronunciation; a reading that is not kana is never said. A provider that
takes phonemes (Kokoro) gets the exact phonemes; one that takes text gets the form that
makes it say the agreed reading (the kana, where the written form would be misread).

Every verdict a teacher should see is returned with its place:

    kanji.json › [12] › examples › [0] › word:
        御雑煮: read as ごぞうに, content says おぞうに; spoke おぞうに
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from ..content.item import Item
from ..readings import Kind, Overrides, Reading, kokoro_phonemes, reconcile
from ..readings.memo import decide_all
from .plan import Clip, Plan, ToRead

SHOWN = ("disagree", "unusable", "override")
"""Verdicts reported with their places (agreement and bare readings are not news)."""


@dataclass(frozen=True)
class ReadingNote:
    """A verdict a teacher should see, at one place of the content."""

    place: str
    verdict: str
    message: str

    def line(self) -> str:
        return f"{self.place}: {self.message}"

    def as_json(self) -> dict[str, str]:
        return {"place": self.place, "verdict": self.verdict, "message": self.message}


def reading_work(item: Item, overrides: Overrides, *, takes_phonemes: bool) -> ToRead | None:
    """What the engine reconciles for `item`, or None when the provider reads it as is.

    Japanese texts with a reading, bare readings (a text provider says them as spelled,
    unless an override names one), and texts an override touches, passages spoken in
    pieces included (each piece is said with the overrides); not a kana chart's sounds.
    """
    if item.lang.split("-")[0].lower() != "ja" or item.kind == "kana":
        return None
    if item.split:
        touched = bool(overrides) and bool(overrides.touching(item.spoken))
        return ToRead(item.spoken, None, "text") if touched else None
    if item.kind == "reading":
        if not takes_phonemes and overrides.get(item.spoken) is None:
            return None
        return ToRead(item.spoken, None, "reading")
    if item.reading is not None:
        return ToRead(item.spoken, item.reading, "text")
    if overrides and overrides.touching(item.spoken):
        return ToRead(item.spoken, None, "text")
    return None


def said(work: ToRead, overrides: Overrides, cache: dict[ToRead, Reading]) -> Reading:
    """The engine's decision for `work`, once per distinct work in `cache`."""
    found = cache.get(work)
    if found is None:
        found = cache[work] = reconcile(work.written, work.given, cast(Kind, work.kind), overrides)
    return found


def worth_a_look(decided: Reading) -> tuple[str, str] | None:
    """(verdict, message) of a decision a teacher should see: a problem, or an override
    applied (inside a sentence too); None for agreement and plain bare readings."""
    if decided.verdict in SHOWN and decided.message:
        return decided.verdict, decided.message
    if decided.overrides:
        applied = "; ".join(o.describe() for o in decided.overrides)
        return "override", f"{decided.written}: said with the override {applied}"
    return None


def redecide(plan: Plan, overrides: Overrides) -> bool:
    """Decide anew, without the reading memo, what each new clip says (before it is
    made): whether every decision its key was made from holds. Where one does not, the
    memo now holds the fresh decision, and the content must be planned again (the key
    covers what is said)."""
    wanted = [clip for clip in plan.new if clip.works]
    fresh = decide_all([w for clip in wanted for w in clip.works], overrides, fresh=True)
    return all(tuple(fresh[w] for w in clip.works) == clip.decisions for clip in wanted)


def decide(plan: Plan, takes_phonemes: Callable[[Clip], bool]) -> list[ReadingNote]:
    """Set what each new clip with a reading says, as its key was made from (its pieces or
    phonemes, and its reading, verdict and note); a clip with nothing to say leaves the
    plan's new clips.

    Returns the verdicts worth reporting, in plan order.
    """
    notes: list[ReadingNote] = []
    silent: list[Clip] = []
    for clip in plan.new:
        if clip.to_read is None or not clip.decisions:
            continue
        if len(clip.decisions) > 1:
            notes += _decide_pieces(clip, takes_phonemes(clip))
            continue
        decided = clip.decisions[0]
        clip.verdict = decided.verdict
        clip.note = decided.message
        shown = worth_a_look(decided)
        if shown is not None:
            notes += [ReadingNote(item.where, *shown) for item in clip.items]
        if not decided.says_anything:
            silent.append(clip)
            continue
        clip.reading = decided.pronunciation
        if takes_phonemes(clip):
            clip.phonemes = [kokoro_phonemes(decided)]
        else:
            clip.pieces = [decided.text_form]
    for clip in silent:
        plan.new.remove(clip)
        plan.counts[clip.type_name].new -= 1
    return notes


def _decide_pieces(clip: Clip, phonemes: bool) -> list[ReadingNote]:
    """A passage spoken in pieces with the overrides that touch it: each piece is said as
    the engine decided, with the overrides (the content gives a passage no reading)."""
    decisions = clip.decisions
    applied = [o for d in decisions for o in d.overrides]
    if phonemes:
        clip.phonemes = [kokoro_phonemes(d) for d in decisions]
    else:
        clip.pieces = [d.text_form for d in decisions]
    if not applied:
        return []
    clip.verdict = "override"
    described = "; ".join(sorted({o.describe() for o in applied}))
    clip.note = f"said with the override {described}"
    return [ReadingNote(item.where, "override", clip.note) for item in clip.items]
