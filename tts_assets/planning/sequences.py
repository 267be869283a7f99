"""Joins planned (drills, dialogues): each a clip joined from its parts' clips
(`recipes.Joined`).

A sequence (`content.sequence`; a dialogue, `content.dialogue`, is one whose parts are its
lines and the pauses between turns) joins the clips of texts the plan has anyway: its key is a
hash of its parts' content keys, its silences and the join's version (`Joined.key`), so
a changed part (a corrected prompt) remakes the part's clip and the sequence, nothing
else; a rerun makes nothing. Its parts are billed as the texts they are, once; the
sequence itself is never sent to a provider. A sequence whose part has no clip (its text
refused, or kept as a person's recording) is refused with that reason, alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..content.gate import Refusal
from ..content.item import Item, Part
from ..content.text import clean
from ..pauses import has_pause
from .plan import Clip, Plan, Surroundings, clip_of, settle
from .recipes import Joined, SequencePart
from .speaking import refusal


def plan_sequences(
    plan: Plan,
    sequences: Sequence[Item],
    around: Surroundings,
) -> list[Refusal]:
    """Put the clips of `sequences` into `plan`; the sequences that cannot be made, with why."""
    if not sequences:
        # Most content strings no drill: no index of a course's clips built for none.
        return []
    clip_of = {id(item): clip for clip in plan.clips for item in clip.items}
    # A text keeps a person's URL whether or not other texts share its clip: the texts of
    # a clip they share (in the plan's clips) too, so a course planned in windows, where
    # that text may be its clip's only one (held), says the same.
    held = {id(item) for clip in [*plan.clips, *plan.held] for item in clip.held}
    refused: list[Refusal] = []
    by_path: dict[str, Clip] = {}
    for item in sequences:
        counts = plan.type_counts(item.type_name)
        counts.texts += 1
        parts = _parts(item, clip_of, held)
        if isinstance(parts, str):
            refused.append(refusal(item, parts))
            counts.refused += 1
            continue
        target = clip_of[id(next(p.item for p in reversed(_parts_of(item)) if p.item))]
        clip = joined_clip(item, Joined(tuple(parts), target.voice), by_path, around)
        settle(plan, around, item, clip, counts)
    plan.add_needed(by_path.values(), around)
    return refused


def _parts(item: Item, clip_of: dict[int, Clip], held: set[int]) -> list[SequencePart] | str:
    """The parts of the sequence `item`; or why one has no clip."""
    parts: list[SequencePart] = []
    for part in _parts_of(item):
        if part.item is None:
            parts.append(SequencePart(part.name, seconds=part.seconds, answer=part.answer))
            continue
        clip = clip_of.get(id(part.item))
        if clip is None:
            if id(part.item) in held:
                join = "a drill" if part.speaker is None else "a dialogue"  # a line's speaker
                return (
                    f'its part "{part.name}" keeps a person\'s recording ({part.item.where}): '
                    f"{join} joins the clips tts-assets makes"
                )
            return (
                f'its part "{part.name}" has no clip ({part.item.where} is refused: its own '
                "line says why)"
            )
        voice = clip.voice.voice if part.speaker is not None else ""
        text = part.item.unmarked or _read(part.item, clip.spoken)
        parts.append(
            SequencePart(
                part.name, clip.rel_path, text, clip.lang, speaker=part.speaker, voice=voice
            )
        )
    return parts


def _read(item: Item, spoken: str) -> str:
    """What a learner reads of a part said as `spoken`, for its timings: what is said, or,
    where the tool wrote silences into it (a cloze's blanks), the text as written (the
    blank, not the marker); a text with spans is read without its marks (`unmarked`)."""
    if not has_pause(spoken):
        return spoken
    written = clean(item.text)
    return spoken if has_pause(written) else written


def joined_clip(item: Item, recipe: Joined, by_path: dict[str, Clip], around: Surroundings) -> Clip:
    """The clip of `item` joined as `recipe` says (joins alike share it)."""
    return clip_of(by_path, item, recipe.key(around.settings.audio), recipe, item.type_name, around)


def _parts_of(item: Item) -> Sequence[Part]:
    return () if item.drill is None else item.drill.parts
