"""What each new clip says, set on it from what the run's owner of what is said answers.

Before a clip is made (or a dry run lists it), the owner is asked what it says
(`Saying.said_each`): its provider's pieces or phonemes, the reading, the verdict and its
note. This module only puts that answer on the clips: it decides nothing. A clip whose
text cannot be said right leaves the plan, and its texts are refused with the reason, as
the language gate's are.

Every verdict a teacher should see is returned with its place:

    kanji.json › [12] › examples › [0] › word:
        御雑煮: read as ごぞうに, content says おぞうに; spoke おぞうに
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ..content.gate import GateVerdict, Refusal, Status
from ..content.item import Item, describe_path
from ..readings.saying import ReadingNote, Said, Saying
from .plan import Clip, Plan
from .recipes import Spoken
from .voices import Voices


def say_new(plan: Plan, saying: Saying, voices: Voices) -> tuple[list[ReadingNote], list[Refusal]]:
    """Set what each new clip of `plan` says; a clip that says nothing leaves the plan.
    Returns the verdicts worth reporting, in plan order, each once (and `unusable_accents`),
    and the texts refused."""
    notes: list[ReadingNote] = []
    refused: list[tuple[Clip, str]] = []
    for (clip, spoken), answer in _said(plan.new, saying, voices):
        spoken.said = answer
        if answer.refused is not None:
            refused.append((clip, answer.refused))
            continue
        if answer.shown is not None:
            notes += _noted(clip, answer.shown, _gives_its_reading)
        if answer.accent_note is not None:
            notes += _noted(clip, answer.accent_note, _states_its_accent)
    # A twin's text is its clip's: one note per place, however many tempi it is made at.
    return [*dict.fromkeys(notes), *unusable_accents(plan.present)], leave_out(plan, refused)


def _said(
    clips: Sequence[Clip], saying: Saying, voices: Voices
) -> Iterator[tuple[tuple[Clip, Spoken], Said]]:
    """Each of `clips` whose text is said by a provider, with what says it (`Clip.speech`),
    and what `saying` answers it says."""
    asked = [(clip, clip.speech) for clip in clips if clip.speech is not None]
    said = saying.said_each([(s.form, voices.provider(s.voice.provider)) for _, s in asked])
    return zip(asked, said, strict=True)


def _noted(
    clip: Clip, shown: tuple[str, str], concerns: Callable[[Clip, Item, str], bool]
) -> list[ReadingNote]:
    """`shown` at the places of `clip` it concerns: a note on what the content gives (a
    reading, an accent) at the entries that give it; every place where none gives it."""
    verdict, message = shown
    items = [item for item in clip.items if concerns(clip, item, verdict)] or clip.items
    return [ReadingNote(item.where, verdict, message, clip=clip.rel_path) for item in items]


def _gives_its_reading(clip: Clip, item: Item, verdict: str) -> bool:
    work = None if clip.speech is None else clip.speech.form.to_read
    if verdict not in ("unusable", "disagree", "corrected") or work is None or work.given is None:
        return True
    return item.reading == work.given


def _states_its_accent(clip: Clip, item: Item, verdict: str) -> bool:
    stated = [i.accent for i in clip.items if i.accent is not None]
    return not stated or item.accent is not None


def unusable_accents(clips: Sequence[Clip]) -> list[ReadingNote]:
    """The accents the content states that cannot be their texts', of `clips` already
    made: a run says them every time, not only when the clip is made."""
    notes: list[ReadingNote] = []
    for clip in clips:
        note = None if clip.speech is None else clip.speech.form.accent_note
        if note is not None and note[0] == "unusable":
            notes += _noted(clip, note, _states_its_accent)
    return notes


def say_again(clips: Sequence[Clip], saying: Saying, voices: Voices) -> None:
    """Set what each of `clips` (present ones) says, as `say_new` does, to make one again
    in memory (`making.backfill`)."""
    for (_, spoken), answer in _said(clips, saying, voices):
        if answer.refused is None:
            spoken.said = answer


def leave_out(plan: Plan, clips: list[tuple[Clip, str]]) -> list[Refusal]:
    """Take `clips` (new, each refused with the reason) out of `plan`: their texts are
    counted refused, and no URL is written for them (nor one replaced). A new clip made
    from one of them (a drill, a text's runs joined) leaves with it."""
    if not clips:
        return []
    clips = [*clips, *_made_from(plan.new, clips)]
    gone = {id(clip) for clip, _ in clips}
    plan.new = [clip for clip in plan.new if id(clip) not in gone]
    plan.clips = [clip for clip in plan.clips if id(clip) not in gone]
    places = {describe_path(i.file, i.url_path) for clip, _ in clips for i in clip.items}
    plan.replacing = [c for c in plan.replacing if c.place not in places]
    plan.dead = [c for c in plan.dead if c.place not in places]
    refused: list[Refusal] = []
    for clip, reason in clips:
        counts = plan.counts[clip.type_name]
        counts.new -= 1
        counts.clips -= 1
        counts.refused += len(clip.items)
        refused += [refusal(item, reason) for item in clip.items]
    plan.refused += refused
    return refused


def _made_from(new: Sequence[Clip], clips: list[tuple[Clip, str]]) -> list[tuple[Clip, str]]:
    """The clips of `new` made from one of `clips` (refused), or from one made from them
    (a join comes after its inputs in the plan)."""
    gone = {id(clip) for clip, _ in clips}
    paths = {clip.rel_path for clip, _ in clips}
    found: list[tuple[Clip, str]] = []
    for clip in new:
        input_ = next((i for i in clip.inputs if i.path in paths), None)
        if input_ is not None and id(clip) not in gone:
            found.append((clip, f"{input_.name} is refused (its own line says why)"))
            paths.add(clip.rel_path)
    return found


def refusal(item: Item, reason: str) -> Refusal:
    return Refusal(item, GateVerdict(Status.REFUSED, reason))
