"""Drill sequences: one clip strung from an entry's texts and timed silences.

A drill plays a prompt, leaves the learner time to answer, then the target and its slow
twin (Glossika- and Pimsleur-style lessons are made of such files). Each part is a clip
the tool makes anyway, in its own language and voice; a sequence joins them. Its keys and
parts (a field or its twin by name, a length of silence, `answer`: a silence sized to the
next text part by `ANSWER_FACTOR`, `ANSWER_EXTRA_S`, `ANSWER_MIN_S` and `ANSWER_MAX_S`)
are declared in `DRILLS` and explained on the user's page (docs/content-types.md,
"Drills"). The text parts share the `[]` of the sequence's URL, or name places without
`[]`. A sequence is bounded as a text's written pauses are (`MOST_PARTS`,
`MOST_SILENCE_S`): one beyond is refused with its reason, alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..pauses import MOST_MARKERS, MOST_S, marker_seconds, split
from .item import Part
from .places import TIMINGS, URL, Placed, SpecError, one_place, place_beside
from .selector import Selector, kind_of
from .tempi import part_name
from .type_tables import Join, TableKey, place_key

SEQUENCE = "sequence"
"""The `kind` of a drill sequence's Item: no text said, its parts' clips joined."""

ANSWER = "answer"
"""The part that is a silence sized to the next text part: time to answer."""
ANSWER_FACTOR = 1.5
ANSWER_EXTRA_S = 1.0
ANSWER_MIN_S = 1.0
ANSWER_MAX_S = 10.0

MOST_PARTS = MOST_MARKERS
"""The most parts one sequence may have (as a text's pause markers)."""
MOST_SILENCE_S = MOST_S
"""The most seconds of silence one sequence may ask for in all (as a text's pauses)."""

JOIN_VERSION = "1"
"""Bump on any change to how parts are joined (part of every sequence's content key)."""

_TWIN = re.compile(r"^(?P<field>.+?) \((?P<twin>slow|filled|[0-9]*\.?[0-9]+×)\)$")


@dataclass(frozen=True)
class PartSpec:
    """One part of a sequence as the config names it."""

    field: str | None = None
    """The field whose text's clip this part is (a twin's name for a twin); None: silence."""
    seconds: float | None = None
    """A silence of this length; None: a text part, or `answer`."""
    answer: bool = False
    """A silence sized to the next text part (`answer`)."""

    @property
    def own_field(self) -> str | None:
        """The field this part's text is read by (a twin's own field)."""
        if self.field is None:
            return None
        found = _TWIN.match(self.field)
        return found.group("field") if found else self.field

    @property
    def twin(self) -> str | None:
        """`slow`, `filled` or a ladder's tempo (`0.6×`) for a twin's part; None otherwise."""
        found = _TWIN.match(self.field or "")
        return found.group("twin") if found else None


def part_of(written: object) -> PartSpec:
    """A part as the config writes it (module docstring); SpecError otherwise."""
    if not isinstance(written, str) or not written.strip():
        found = kind_of(written)
        raise SpecError("parts", f"expected a field's name, a length or answer, found {found}")
    if written.strip() == ANSWER:
        return PartSpec(answer=True)
    if written.strip()[:1].isdigit() or written.strip()[:1] == ".":
        seconds = marker_seconds(written)
        if seconds is None:
            raise SpecError(
                "parts", f'"{written}" is not a length like "1s" or "500ms" (at most 10 s)'
            )
        return PartSpec(seconds=seconds)
    return PartSpec(field=part_name(written.strip()))


@dataclass(frozen=True)
class SequenceSpec(Placed):
    """One drill sequence of a type: its parts and where its URL and timings go."""

    table = "drill"

    url: str
    """Path expression of where each sequence's URL is written."""
    parts: tuple[PartSpec, ...]
    """The parts, in order."""
    name: str = ""
    """Its name in reports; defaults to the URL expression."""
    timings: str | None = None
    """Path expression of where each part's times go (`[{start, end, text, part, lang}]`,
    ms), with the URL's `[]`; None: the manifest only."""
    url_selector: Selector = field(init=False, repr=False, compare=False)
    timings_selector: Selector | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        url = one_place("url", self.url)
        object.__setattr__(self, "url_selector", url)
        timings = None if self.timings is None else place_beside("timings", self.timings, url)
        object.__setattr__(self, "timings_selector", timings)
        if not any(p.field for p in self.parts):
            raise SpecError("parts", "a sequence needs at least one text part (a field's name)")
        last = max(n for n, p in enumerate(self.parts) if p.field)
        if any(p.answer for p in self.parts[last + 1 :]):
            raise SpecError(
                "parts",
                '"answer" after the last text part: an answer\'s silence is sized to the text '
                "part after it, and none comes; put it before a text part, or give a length "
                '("3s")',
            )
        if not self.name:
            object.__setattr__(self, "name", url.source)

    @property
    def fields(self) -> list[str]:
        """The fields (and twins) whose texts are its parts, in order."""
        return [p.field for p in self.parts if p.field is not None]


def _sequence(body: Mapping[str, Any], _type: Mapping[str, Any], _lang: str) -> SequenceSpec:
    parts = body["parts"]
    if not isinstance(parts, list):
        raise SpecError("parts", f"expected a list, found {kind_of(parts)}")
    return SequenceSpec(**{**body, "parts": tuple(part_of(p) for p in parts)})


def answer_seconds(next_part_s: float) -> float:
    """The silence an `answer` part leaves before a text part `next_part_s` long."""
    wanted = ANSWER_FACTOR * next_part_s + ANSWER_EXTRA_S
    return min(ANSWER_MAX_S, max(ANSWER_MIN_S, wanted))


def check_fields(sequences: Sequence[SequenceSpec], steps: Mapping[str, int]) -> None:
    """SpecError where a sequence names a field the type does not have, or one whose texts
    have other `[]` than its URL (`steps`: each field's name and its `[]` count)."""
    for i, sequence in enumerate(sequences):
        for part in sequence.parts:
            own = part.own_field
            if own is None:
                continue
            if own not in steps:
                raise SpecError(
                    f"sequences[{i}].parts",
                    f'"{part.field}" names no field of the type; its fields are: '
                    + ", ".join(steps),
                )
            if steps[own] not in (0, sequence.url_selector.each_count):
                raise SpecError(
                    f"sequences[{i}].url",
                    f'"{sequence.url}" has {sequence.url_selector.each_count} "[]" but the '
                    f'texts of "{own}" have {steps[own]}; give the url the same [] steps',
                )


DRILLS = Join(
    "sequences",
    (
        TableKey("name", "a string"),
        place_key("drill", "url", URL, "its URL", "none", "drillAudioUrl", "{stem}DrillUrl"),
        TableKey("parts", "a list of field names, lengths and answer", (object,)),
        place_key(
            "drill",
            "timings",
            TIMINGS,
            "its parts' timings",
            "url",
            "drillParts",
            "{stem}Parts",
        ),
    ),
    ("url", "parts"),
    _sequence,
    owner=SequenceSpec,
    check=check_fields,
)
"""Drills: `[[types.X.sequences]]`, their keys and places."""


def beyond_bounds(parts: Sequence[Part]) -> str:
    """Why a sequence of `parts` is refused (too many parts, too much silence: its silence
    parts', an answer at its longest, and the pauses written in its text parts, which a
    slow twin keeps at their length too); "" when it is within its bounds."""
    silence = round(sum(silence_of(part) for part in parts), 3)  # 100 × 1.2 s is 120 s
    if len(parts) > MOST_PARTS:
        return f"a drill of {len(parts)} parts (at most {MOST_PARTS}): split it"
    if silence > MOST_SILENCE_S:
        return (
            f"a drill of up to {silence:g} s of silence (at most {MOST_SILENCE_S:g} s, an "
            f"answer counted at its longest, {ANSWER_MAX_S:g} s): shorten its pauses"
        )
    return ""


def not_loaded(part: PartSpec, type_name: str, rungs: tuple[str, ...] = ()) -> str:
    """Why a sequence's text part has no texts in a run: its twin is not made (no `slow`,
    no cloze; `rungs`: its own field's twins are a ladder of tempi, named each by its
    tempo), or its field is an opt-in one."""
    own = part.own_field
    if part.twin == "slow" and rungs:
        named = ", ".join(f'"{own} ({int(r) / 100:g}×)"' for r in rungs)
        return (
            f'its part "{part.field}" is the twin of "{own}" at the one slow tempo, but slow '
            f"is a list of tempi here: name the part by its tempo ({named}), or leave it out"
        )
    if part.twin == "slow":
        return (
            f'its part "{part.field}" is the slow twin of "{own}", made only with slow on: '
            "set slow = 0.75 in the config, or leave the part out"
        )
    if part.twin is not None and part.twin.endswith("×"):
        return (
            f'its part "{part.field}" is the twin of "{own}" at {part.twin}, made only with '
            f"{part.twin[:-1]} in the list of tempi of slow (the type's, its language's or "
            "the config's): add it to that list, or leave the part out"
        )
    if part.twin == "filled":
        return (
            f'its part "{part.field}" is the filled twin of "{own}", made only for a field '
            f"with cloze and cloze_answer: give the {own} field both, or leave the part out"
        )
    return (
        f'its part "{part.field}" is a field this run does not load (an opt-in field: '
        f"--include {type_name}.{own}, or enabled = true)"
    )


def silence_of(part: Part) -> float:
    """The most seconds of silence `part` holds (an answer's at its longest)."""
    if part.item is not None:
        found = split(part.item.spoken)
        return sum(found.pauses) + found.lead
    return ANSWER_MAX_S if part.answer else (part.seconds or 0.0)


def described(part: Part) -> str:
    """A part as a sequence's text shows it: its text, or its silence in brackets."""
    if part.item is not None:
        twin = part.name.rpartition(" (")[2].rstrip(")") if part.name.endswith(")") else ""
        shown = twin == "slow" or twin.endswith("×")
        return (part.item.unmarked or part.item.spoken) + (f" ({twin})" if shown else "")
    return f"[{part.name}]"
