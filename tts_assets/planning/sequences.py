"""Drill sequences planned: each a clip named after its parts' clips, made from them.

A sequence (`content.sequence`) joins the clips of texts the plan has anyway: its key is a
hash of its parts' content keys, its silences and the join's version (`JOIN_VERSION`), so
a changed part (a corrected prompt) remakes the part's clip and the sequence, nothing
else; a rerun makes nothing. Its parts are billed as the texts they are, once; the
sequence itself is never sent to a provider. A sequence whose part has no clip (its text
refused, or kept as a person's recording) is refused with that reason, alone.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from ..audio import AudioSettings
from ..content.gate import Refusal
from ..content.item import Item, UrlChange, describe_path
from ..content.sequence import JOIN_VERSION
from ..store.layout import KEY_LENGTH, clip_path
from .plan import PIPELINE_VERSION, Clip, Plan, SequencePart, Surroundings, TypeCounts
from .speaking import refusal


def plan_sequences(
    plan: Plan,
    sequences: Sequence[Item],
    around: Surroundings,
    audio: AudioSettings,
    url_prefix: str,
) -> list[Refusal]:
    """Put the clips of `sequences` into `plan` (`Plan.sequences`, `sequences_new`, its
    counts); the sequences that cannot be made, with why."""
    clip_of = {id(item): clip for clip in plan.clips for item in clip.items}
    held = {id(item) for clip in plan.held for item in clip.held}
    refused: list[Refusal] = []
    by_path: dict[str, Clip] = {}
    for item in sequences:
        counts = plan.counts.get(item.type_name) or plan.counts.setdefault(
            item.type_name, TypeCounts()
        )
        counts.texts += 1
        parts = _parts(item, clip_of, held)
        if isinstance(parts, str):
            refused.append(refusal(item, parts))
            counts.refused += 1
            continue
        clip = _clip(item, parts, clip_of, by_path, audio, url_prefix)
        if _held_by_a_person(plan, item, clip, around, counts):
            clip.held.append(item)
        else:
            clip.items.append(item)
    for clip in by_path.values():
        if clip.items:
            _count(plan, clip, around)
    return refused


def _parts(item: Item, clip_of: dict[int, Clip], held: set[int]) -> list[SequencePart] | str:
    """The parts of the sequence `item`, each text part with its clip; or why one has none."""
    parts: list[SequencePart] = []
    for part in item.parts:
        if part.item is None:
            parts.append(SequencePart(part.name, seconds=part.seconds, answer=part.answer))
            continue
        clip = clip_of.get(id(part.item))
        if clip is None:
            if id(part.item) in held:
                return (
                    f'its part "{part.name}" keeps a person\'s recording ({part.item.where}): '
                    "a drill joins the clips tts-assets makes"
                )
            return (
                f'its part "{part.name}" has no clip ({part.item.where} is refused: its own '
                "line says why)"
            )
        parts.append(SequencePart(part.name, clip.rel_path, clip.spoken, clip.lang))
    return parts


def _clip(
    item: Item,
    parts: list[SequencePart],
    clip_of: dict[int, Clip],
    by_path: dict[str, Clip],
    audio: AudioSettings,
    url_prefix: str,
) -> Clip:
    """The clip of a sequence of `parts` (one per key: sequences alike share it)."""
    key = sequence_key(parts, audio)
    rel_path = clip_path(item.type_name, key, audio.extension)
    clip = by_path.get(rel_path)
    if clip is None:
        target = clip_of[id(next(p.item for p in reversed(item.parts) if p.item))]
        clip = by_path[rel_path] = Clip(
            key=key,
            type_name=item.type_name,
            rel_path=rel_path,
            url=f"{url_prefix.rstrip('/')}/{rel_path}",
            spoken=item.spoken,
            lang=item.lang,
            voice=target.voice,
            speed=target.speed,
            pieces=[],
            kind=item.kind,
            parts=tuple(parts),
        )
    return clip


def _held_by_a_person(
    plan: Plan, item: Item, clip: Clip, around: Surroundings, counts: TypeCounts
) -> bool:
    """Whether the sequence's URL place keeps a person's URL (counted `kept`); a URL of
    the tool's for another clip is counted stale, as a text's is."""
    existing = around.current_url(item)
    if existing != clip.url:
        plan.unsettled.add(item.file)
    if not isinstance(existing, str) or not existing or existing == clip.url:
        return False
    change = UrlChange(describe_path(item.file, item.url_path), existing, clip.url)
    if not around.made_by_tool(existing):
        counts.kept += 1
        plan.kept.append(change)
        return True
    counts.stale += 1
    plan.replacing.append(change)
    return False


def _count(plan: Plan, clip: Clip, around: Surroundings) -> None:
    """A needed sequence counted in its type, and listed as new where it is not stored."""
    plan.sequences.append(clip)
    counts = plan.counts[clip.type_name]
    counts.clips += 1
    if around.is_present(clip.rel_path, clip.key):
        counts.present += 1
        return
    counts.new += 1
    plan.sequences_new.append(clip)
    plan.unsettled.update(item.file for item in clip.items)


def sequence_key(parts: Sequence[SequencePart], audio: AudioSettings) -> str:
    """The content key of a sequence of `parts`: its parts' keys and silences, the audio
    settings it is finished with, the join's version."""
    material = {
        "sequence": JOIN_VERSION,
        "pipeline": PIPELINE_VERSION,
        "audio": audio.key_fields(),
        "parts": [
            p.source_key if p.source else ("answer" if p.answer else p.seconds) for p in parts
        ],
    }
    text = json.dumps(material, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:KEY_LENGTH]
