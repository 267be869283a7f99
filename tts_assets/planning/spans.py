"""Texts in several languages planned (`content.lang_spans`): each run a text said by its
language's voice, its clip planned as any text's, the text's clip joined from them
(`recipes.Spanned`).

A run's clip is keyed as a text's is (`recipes.Spoken.key`), so a run said elsewhere (the
same English word as a meaning of its own) is one clip, made and billed once; it has no
URL of its own (its item stands at its text's place, and write-back writes the join's
URL there: the join is placed after its runs). A text whose URL place keeps a person's
URL needs neither its join nor its runs' clips. A run its reader refuses refuses its text,
with the run's reason. A run whose language has no voice stops the run here (exit 2),
naming the text's place.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..content.gate import Refusal
from ..content.item import Item, quoted
from ..content.lang_spans import judged as judged
from ..content.lang_spans import spans_of
from ..errors import InputError
from ..readings.saying import Saying
from .plan import STEPS, Clip, Plan, Surroundings, TypeCounts, Voice, clip_of, said_as, settle
from .recipes import SequencePart, Spanned, Spoken
from .sequences import joined_clip, plan_sequences
from .speaking import refusal
from .voices import Voices


def apart(items: Sequence[Item]) -> tuple[list[Item], list[Item]]:
    """`items` said as one text each, and those in several languages."""
    one = [item for item in items if not spans_of(item)]
    return one, [item for item in items if spans_of(item)] if len(one) < len(items) else []


def plan_joins(
    plan: Plan,
    texts: Sequence[Item],
    drills: Sequence[Item],
    voices: Voices,
    saying: Saying,
    around: Surroundings,
) -> list[Refusal]:
    """Put the clips joined from the clips planned so far into `plan`: those of `texts`
    (each run's clip, where no text has it already, and each text's join), then the
    drills' (whose parts may be such texts); the texts and drills that cannot be made,
    with why."""
    found: list[Refusal] = []
    since = plan.lengths()
    if texts:
        placing = _Placing(plan, around)
        said, refused = _said(texts, voices, saying, around.settings.speed)
        for text in texts:
            counts = plan.type_counts(text.type_name)
            counts.texts += 1
            run = next((run for run in _runs(text) if refused[id(run)]), None)
            if run is None:
                placing.place(text, said, counts)
                continue
            why = f"its {run.lang.title} span {quoted(run.spoken)}: {refused[id(run)]}"
            found.append(refusal(text, why))
            counts.refused += 1
        plan.stepped(STEPS.index("runs"), since, found)
        since = plan.lengths()
        plan.add_needed(placing.joins.values(), around)
    plan.stepped(STEPS.index("joins"), since)
    since = plan.lengths()
    drilled = plan_sequences(plan, drills, around)
    plan.stepped(STEPS.index("drills"), since, drilled)
    return found + drilled


def _said(
    texts: Sequence[Item], voices: Voices, saying: Saying, speed: float
) -> tuple[dict[int, tuple[Voice, Spoken]], dict[int, str | None]]:
    """Each run of `texts` (by its id): its voice and recipe; and why it cannot be said."""
    runs = [run for text in texts for run in _runs(text)]
    speakers = [_voice(voices, run) for run in runs]
    forms = voices.forms(saying, zip(runs, speakers, strict=True))
    said = {
        id(run): (voice, said_as(run, voice, form, speed))
        for run, voice, form in zip(runs, speakers, forms, strict=True)
    }
    return said, {id(run): form.refused for run, form in zip(runs, forms, strict=True)}


def _voice(voices: Voices, run: Item) -> Voice:
    """Who says `run`; InputError naming its text's place where its language has none."""
    try:
        return voices.for_item(run)
    except InputError as e:
        raise InputError(
            f"{run.where}: its {run.lang.title} span {quoted(run.spoken)} has no voice: {e}"
        ) from None


def _runs(text: Item) -> list[Item]:
    return [part.item for part in spans_of(text) if part.item is not None]


class _Placing:
    """The runs' clips and the joins of the texts placed so far."""

    def __init__(self, plan: Plan, around: Surroundings) -> None:
        self.plan = plan
        self.around = around
        self.by_key = {clip.key: clip for clip in [*plan.clips, *plan.held]}
        self.joins: dict[str, Clip] = {}

    def place(self, text: Item, said: dict[int, tuple[Voice, Spoken]], counts: TypeCounts) -> None:
        """Place `text`'s join, and its runs' clips unless its URL is a person's."""
        parts: list[SequencePart] = []
        runs: list[tuple[Item, Clip]] = []
        voices: list[Voice] = []
        for part in spans_of(text):
            run = part.item
            if run is None:
                parts.append(SequencePart(part.name, seconds=part.seconds))
                continue
            voice, spoken = said[id(run)]
            key = spoken.key(run.spoken, run.lang, self.around.settings.audio)
            if key not in self.by_key:  # no text of the plan has its clip: its own
                self.by_key[key] = clip_of({}, run, key, spoken, run.type_name, self.around)
            clip = self.by_key[key]
            runs.append((run, clip))
            voices.append(voice)
            parts.append(SequencePart(part.name, clip.rel_path, run.spoken, run.lang))
        own = next(
            (v for (run, _), v in zip(runs, voices, strict=True) if run.lang == text.lang), None
        )
        recipe = Spanned(tuple(parts), own or voices[0], tuple(voices), text.unmarked or "")
        join = joined_clip(text, recipe, self.joins, self.around)
        if not settle(self.plan, self.around, text, join, counts):
            return
        for run, clip in runs:
            # Counted and listed the first time a run needs it (a clip every text of which
            # keeps a person's URL is made now for the run too).
            clip.items.append(run)
            if len(clip.items) == 1:
                if any(held is clip for held in self.plan.held):
                    self.plan.held = [held for held in self.plan.held if held is not clip]
                self.plan.add(clip, self.around.is_present(clip.rel_path, clip.key))
