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

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from ..errors import ConfigError
from .places import SpecError, renamed
from .rotation import ROTATE
from .selector import Selector
from .shared import check_url_places
from .spec import FieldSpec, TypeSpec
from .tempi import Speeds, Tempi, rung, shown, twin_name


def slow_twins(types: Sequence[TypeSpec], speeds: Speeds | Tempi | None) -> list[TypeSpec]:
    """`types` with, for each enabled field, a twin per tempo `speeds` gives it (`Speeds.of`)
    at the field's slow places; a ladder's each at those places with its `rung` after their
    last key (`slowAudioUrl60`), checked as the field's own: ConfigError naming where the
    ladder is given when one would write where another place is read or written."""
    if not isinstance(speeds, Speeds):
        speeds = Speeds(speeds)
    found: list[TypeSpec] = []
    for spec in types:
        own: list[FieldSpec] = []
        twins: list[Callable[[], FieldSpec]] = []
        given: list[tuple[str, Tempi]] = []
        for f in spec.fields:
            chosen, where = speeds.of(spec.name, spec.slow, f.lang)
            if chosen is None or not f.enabled or f.tempo != 1.0:
                own.append(f)
                continue
            tempi = chosen if isinstance(chosen, tuple) else (chosen,)
            if isinstance(chosen, tuple):
                f = replace(f, rungs=tuple(rung(t) for t in tempi))
            own.append(f)
            given.append((where, chosen))
            twins += [partial(_twin, f, tempo) for tempo in tempi]
        try:  # a twin's own places (its URL on its field's filled URL) checked here too
            made = [twin() for twin in twins]
            found.append(replace(spec, fields=(*own, *made)) if made else spec)
        except SpecError as e:
            where, chosen = given[0]
            why = str(e).partition("; ")[0]
            # The key at fault where a drill or a dialogue is (`dialogues[0].line_url`): its
            # message names its place by what it holds, a field's by the field.
            joined = "[" in e.key and not e.key.startswith("fields")
            key = f"types.{spec.name}.{e.key}: " if joined else ""
            raise ConfigError(
                f"{where} = {shown(chosen)}: {key}{why}; give the field a slow_url of its "
                "own (each tempo's place is it followed by the tempo in hundredths)"
            ) from None
    return found


def twins_apart(types: Sequence[TypeSpec], speeds: Speeds | Tempi | None, source: str) -> None:
    """ConfigError where a ladder's twin of one type writes a place another type of its file
    reads or writes (`shared.check_url_places`): `types` are every type of the config, so
    a run of one of them (--type) is refused as the whole config is."""
    check_url_places(slow_twins(cloze_twins(types), speeds), source)


_NOT_ITS_OWN: dict[str, Any] = dict.fromkeys(("segments", "duration", "slow_url", "slow_segments"))
"""A filled or a voice twin's timings, length and slow clip are its field's."""


def _twin(f: FieldSpec, tempo: float) -> FieldSpec:
    """The twin of field `f` at `tempo` (a ladder's, `f.rungs`: at places of its own)."""
    ladder = bool(f.rungs)
    suffix = rung(tempo) if ladder else ""

    def at(key: str) -> str | None:
        selector = f.selector(key)
        return None if selector is None else suffixed(selector, suffix)

    return replace(
        f,
        name=twin_name(f.name, tempo, ladder),
        url=suffixed(f.compiled["slow_url"][0], suffix),  # a field at its tempo has one
        segments=at("slow_segments"),
        slow_url=None,
        slow_segments=None,
        duration=at("slow_duration"),
        tempo=tempo,
    )


def suffixed(selector: Selector, suffix: str) -> str:
    """`selector` as written, its last key followed by `suffix` (`slowAudioUrl` + `60`)."""
    found = renamed(selector, lambda key: key + suffix) if suffix else None
    return selector.source if found is None else found.source


def cloze_twins(types: Sequence[TypeSpec]) -> list[TypeSpec]:
    """`types` with, for each enabled field with a `cloze_answer`, its filled twin: the
    same texts said with their blanks filled by the answer, their URLs at `cloze_url`."""
    found: list[TypeSpec] = []
    for spec in types:
        twins = tuple(
            replace(
                f,
                name=f"{f.name}{FILLED_TWIN}",
                url=cloze.source,
                cloze_url=None,
                twin="filled",
                **_NOT_ITS_OWN,
            )
            for f in spec.fields
            if f.enabled and (cloze := f.selector("cloze_url")) is not None and f.twin != "filled"
        )
        found.append(replace(spec, fields=spec.fields + twins) if twins else spec)
    return found


FILLED_TWIN = " (filled)"
"""What a cloze field's filled twin's name adds to its field's (`cloze_twins`)."""


def voice_twins(types: Sequence[TypeSpec]) -> list[TypeSpec]:
    """`types` with, for each enabled field whose voices say every text (`each`), a field
    per voice, each URL at its index of the field's list place (`voicesAudioUrl[1]`); the
    field keeps the first voice's clip at its URL (made once). Slow twins, timings and
    filled sentences are the field's."""
    found: list[TypeSpec] = []
    for spec in types:
        twins = tuple(
            replace(
                f,
                name=f"{f.name} ({voice})",
                url=f"{voices_url.source}[{n}]",
                voice=voice,
                voices=(),
                voice_mode=ROTATE,
                voices_url=None,
                twin="voice",
                rungs=(),
                **_NOT_ITS_OWN,
            )
            for f in spec.fields
            if f.enabled and (voices_url := f.selector("voices_url")) is not None and not f.is_twin
            for n, voice in enumerate(f.voices)
        )
        found.append(replace(spec, fields=spec.fields + twins) if twins else spec)
    return found
