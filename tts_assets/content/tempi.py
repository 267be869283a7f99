"""The tempi of a text's twins (`slow`): one number, or a ladder of them, and what each may be.

A twin is its text's clip stretched (`making.slow`): slower (0.5 to 0.95) for a beginner,
faster (1.1 to 1.5) for an advanced learner. `slow` declares one tempo (its twin at the
field's slow places) or a list (each tempo's twin at places of its own, named by its
`rung`), at the top level of the config or per type (`[types.T] slow`, which wins).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError
from ..languages import base_code
from .item import JsonPath
from .places import unparse
from .selector import Selector, ShapeError

Tempi = float | tuple[float, ...]
"""What `slow` declares: one tempo (its twin at the field's slow places, `word (slow)`), or
a ladder of them (each its twin at places of its own, `word (0.6×)`: `rung`)."""

TWIN_TEMPI = ((0.5, 0.95), (1.1, 1.5))
"""The tempi a text's twin may be stretched to (`slow`): slower, or faster; one nearer 1
sounds as its clip does."""


def tempi_refused(tempi: object) -> str:
    """Why `tempi` (a `slow` value: a number, or a list of them) is no ladder of twins, in
    words ending in what to give instead; "" when it is one."""
    ranges = " or ".join(f"{low:g} to {high:g}" for low, high in TWIN_TEMPI)
    if isinstance(tempi, list | tuple):
        if not tempi:
            return "an empty list makes no twin: give one tempo or more, or leave slow unset"
        for tempo in tempi:
            if not _number(tempo):
                return f"{shown(tempo)} in the list is not a number: give numbers from {ranges}"
        wrong = next((t for t in tempi if not _in_range(t)), None)
        if wrong is not None:
            return f"{wrong:g} is not a twin's tempo: give numbers from {ranges}"
        coarse = next((t for t in tempi if abs(round(t * 100) - t * 100) > 1e-6), None)
        if coarse is not None:
            return f"{coarse:g} is finer than hundredths: give each tempo to two decimals"
        rungs = [rung(t) for t in tempi]
        twice = next((t for t, r in zip(tempi, rungs, strict=True) if rungs.count(r) > 1), None)
        if twice is not None:
            return f"{twice:g} is in the list twice: give each tempo once"
        return ""
    slower, faster = TWIN_TEMPI
    one = (
        f"use a number from {slower[0]:g} to {slower[1]:g} (a slower twin) or from "
        f"{faster[0]:g} to {faster[1]:g} (a faster one)"
    )
    if not _number(tempi):
        return f"{one}, or a list of them"
    assert isinstance(tempi, int | float)
    return "" if _in_range(tempi) else one


def tempi_of(given: object, place: str) -> Tempi:
    """`given` (a `slow` value) as tempi; ConfigError `place = given: why` for one that is
    no tempo or ladder of them."""
    why = tempi_refused(given)
    if why:
        raise ConfigError(f"{place} = {shown(given)}: {why}")
    return tuple(float(t) for t in given) if isinstance(given, list) else float(given)  # type: ignore[arg-type]


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _in_range(tempo: float) -> bool:
    return any(low <= tempo <= high for low, high in TWIN_TEMPI)


def shown(tempi: object, most: int = 6) -> str:
    """`tempi` as a message shows it: a long list cut (`[0.6, 0.7, ... 1000 in all]`)."""
    if isinstance(tempi, list | tuple):
        items = [shown(t) for t in tempi[:most]]
        more = f", ... {len(tempi)} in all" if len(tempi) > most else ""
        return "[" + ", ".join(items) + more + "]"
    if _number(tempi):
        return str(tempi)
    text = repr(tempi)
    return text if len(text) <= 40 else text[:37] + "..."


def rung(tempo: float) -> str:
    """The name a ladder's tempo adds to its twin's places: in hundredths (0.6 → `60`)."""
    return str(round(tempo * 100))


SLOW_TWIN = " (slow)"
"""What a slow twin's field name adds to its field's (`slow_twins`)."""

_RUNG = re.compile(r"^(?P<field>.+?) \((?P<tempo>[0-9]*\.?[0-9]+)[×x]\)$")


def twin_name(field: str, tempo: float, ladder: bool) -> str:
    """How a twin is named, in reports and in a drill's parts: `word (slow)` for the one
    twin of a number, `word (0.6×)` for a ladder's."""
    return f"{field} ({tempo:g}×)" if ladder else f"{field}{SLOW_TWIN}"


def part_name(name: str) -> str:
    """A drill part's name as a twin is named: `word (0.60x)` → `word (0.6×)`."""
    found = _RUNG.match(name)
    if found is None:
        return name
    return twin_name(found.group("field"), float(found.group("tempo")), ladder=True)


def own_tempo_field(name: str) -> str:
    """The name of the field whose twin at another tempo is the field `name` (itself if
    it is none)."""
    found = _RUNG.match(name)
    return found.group("field") if found else name.removesuffix(SLOW_TWIN)


@dataclass(frozen=True)
class Speeds:
    """Which tempi each field's twins are at, the narrower winning: its type's own
    (`[types.T] slow`), else its language's (`[languages.xx] slow`), else the config's
    `slow`; each with where it is given, for a message."""

    tempi: Tempi | None = None
    """The config's `slow`."""
    said: str = "slow"
    """Where it is given (`tts-assets.toml: slow`)."""
    languages: Mapping[str, Tempi] = field(default_factory=dict)
    """By language code: `slow` of its `[languages.xx]` table."""
    source: str = "config"
    """The config file, for the narrower ones."""

    def of(self, type_name: str, own: Tempi | None, lang: str) -> tuple[Tempi | None, str]:
        """The tempi of the twins of a field speaking `lang` of the type `type_name`,
        whose own `slow` is `own`, and where they are given (`tts-assets.toml:
        types.words.slow`)."""
        if own is not None:
            return own, f"{self.source}: types.{type_name}.slow"
        for code in dict.fromkeys((lang, base_code(lang))):
            if code in self.languages:
                return self.languages[code], f"{self.source}: languages.{code}.slow"
        return self.tempi, self.said


def retired(
    selector: Selector | None, rungs: Sequence[str], entry: Any
) -> list[tuple[JsonPath, Any]]:
    """The places beside `selector`'s (a slow place) named as a rung of it not among
    `rungs` (`slowAudioUrl90`), and the slow place itself, with what each holds; one pass
    over the keys of each object that holds such a place."""
    if selector is None or not selector.steps or not isinstance(selector.steps[-1], str):
        return []
    stem = selector.steps[-1]
    parent = selector.steps[:-1]
    try:
        holders = Selector(unparse(parent), parent).matches(entry) if parent else None
    except ShapeError:
        return []
    found: list[tuple[JsonPath, Any]] = []
    for path, value in [((), entry)] if holders is None else [(m.path, m.value) for m in holders]:
        if not isinstance(value, dict):
            continue
        for key, held in value.items():
            if not key.startswith(stem):
                continue
            tail = key[len(stem) :]  # "": the place of one tempo's twin (`slow = 0.75`)
            if (not tail or (tail.isascii() and tail.isdigit() and len(tail) <= 3)) and (
                tail not in rungs
            ):
                found.append(((*path, key), held))
    return found
