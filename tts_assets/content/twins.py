"""A field's twins: the fields the loader reads beside it, each text's other clip.

- A **slow twin** (`slow`): the same texts, each clip stretched to the tempo, its URL at
  the field's `slow_url` (`audioUrl` → `slowAudioUrl`), its word timings and length
  beside its own (`making.slow` makes it from the text's clip, never synthesized).
- A **voice twin** (`voice_mode = "each"`): the same texts said by one voice of the
  field's list, its URL at its index of the field's `voices_url` (`voice_twins`).
- A **filled twin** (`cloze_answer`): the same texts said with their blanks filled by the
  answer, its URL at the field's `cloze_url` (`content.cloze`).

A twin's places are its field's own, checked with that field (`TypeSpec`); its name is the
field's with what it adds (`word (slow)`, `question (filled)`), which is also how a drill's
sequence names a part said slowly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .rotation import ROTATE
from .selector import Selector
from .spec import TypeSpec

SLOW_TWIN = " (slow)"
"""What a slow twin's field name adds to its field's (`slow_twins`)."""


def own_tempo_field(name: str) -> str:
    """The name of the field whose slow twin is the field `name` (itself if it is none)."""
    return name.removesuffix(SLOW_TWIN)


def slow_twins(types: Sequence[TypeSpec], tempo: float | None) -> list[TypeSpec]:
    """`types` with, for each enabled field, its slow twin when `tempo` is set: the same
    texts, their URL at the field's `slow_url` and their word timings at its
    `slow_segments`, each clip stretched to `tempo`."""
    if tempo is None:
        return list(types)
    found: list[TypeSpec] = []
    for spec in types:
        twins = tuple(
            replace(
                f,
                name=f"{f.name}{SLOW_TWIN}",
                url=_slow_source(f.slow_url_selector),
                segments=(
                    None if f.slow_segments_selector is None else f.slow_segments_selector.source
                ),
                slow_url=None,
                slow_segments=None,
                duration=(
                    None if f.slow_duration_selector is None else f.slow_duration_selector.source
                ),
                tempo=tempo,
            )
            for f in spec.fields
            if f.enabled and f.twin is None
        )
        found.append(replace(spec, fields=spec.fields + twins) if twins else spec)
    return found


def _slow_source(selector: Selector | None) -> str:
    assert selector is not None  # a field at its own tempo has its slow places
    return selector.source


def cloze_twins(types: Sequence[TypeSpec]) -> list[TypeSpec]:
    """`types` with, for each enabled field with a `cloze_answer`, its filled twin: the
    same texts said with their blanks filled by the answer, their URLs at `cloze_url`."""
    found: list[TypeSpec] = []
    for spec in types:
        twins = tuple(
            replace(
                f,
                name=f"{f.name}{FILLED_TWIN}",
                url=f.cloze_url_selector.source,
                cloze_url=None,
                segments=None,
                slow_segments=None,
                slow_url=None,
                duration=None,
                fill=True,
            )
            for f in spec.fields
            if f.enabled and f.cloze_url_selector is not None and not f.fill
        )
        found.append(replace(spec, fields=spec.fields + twins) if twins else spec)
    return found


FILLED_TWIN = " (filled)"
"""What a cloze field's filled twin's name adds to its field's (`cloze_twins`)."""


def voice_twins(types: Sequence[TypeSpec]) -> list[TypeSpec]:
    """`types` with, for each enabled field whose voices say every text (`each`), a field
    per voice: the same texts said by that voice, each URL at its index of the field's
    voices' list place (`voicesAudioUrl[1]`). The field itself keeps the first voice's
    clip at its URL: the same clip as the list's first, made once. No slow twin, timings or
    filled sentence of their own: those are the field's."""
    found: list[TypeSpec] = []
    for spec in types:
        twins = tuple(
            replace(
                f,
                name=f"{f.name} ({voice})",
                url=f"{f.voices_url_selector.source}[{n}]",
                voice=voice,
                voices=(),
                voice_mode=ROTATE,
                voices_url=None,
                voice_twin=True,
                segments=None,
                duration=None,
                slow_url=None,
                slow_segments=None,
            )
            for f in spec.fields
            if f.enabled and f.voices_url_selector is not None and f.tempo == 1.0 and not f.fill
            for n, voice in enumerate(f.voices)
        )
        found.append(replace(spec, fields=spec.fields + twins) if twins else spec)
    return found
