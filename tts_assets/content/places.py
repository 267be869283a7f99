"""Where a field reads and writes in an entry, and whether two fields' places keep apart.

A field reads its text, reading, accent and kanji, and writes its URL, word timings,
clip length, slow clip's and filled sentence's places (`FieldSpec.reads`, `writes`). A
place one field writes must not be a place it or another field reads or writes, nor
inside or around one, nor a key its type selects entries by: one would replace the other.
These are checked when a config is read (`clash`, `check_url_places`), with the config
key at fault and what to write instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from .selector import EACH, ExpressionError, Selector, Step, parse_alternatives
from .where import Condition


class FieldSpec(Protocol):
    """What is asked of a field here (`spec.FieldSpec`): its name, URL and places."""

    @property
    def name(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def url_selector(self) -> Selector: ...
    def reads(self) -> list[Place]: ...
    def writes(self) -> list[Place]: ...


class SpecError(ValueError):
    """A type or field is not valid; `key` is the config key at fault."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Place:
    """A place a field reads or writes in each entry, and the config key that names it."""

    key: str
    """`text`, `reading`, `url`, `segments`, `slow_url`, `slow_segments`, `where`."""
    selector: Selector
    writes: bool


WHAT = {
    "text": "its text",
    "reading": "its reading",
    "accent": "its pitch accent",
    "kanji": "its kanji",
    "where": "the key it selects its entries by",
    "url": "its URL",
    "segments": "its word timings",
    "duration": "its clip's length",
    "slow_url": "its slow clip's URL",
    "slow_segments": "its slow clip's word timings",
    "slow_duration": "its slow clip's length",
    "cloze_url": "its filled sentence's URL",
}


def place_beside(key: str, given: object, url: Selector, beside: str = "url") -> Selector:
    """The place `key` names beside each text (`reading`, `accent`: `beside` "text") or
    beside its URL (`segments`, `slow_url`, `slow_segments`), checked one way for all: one
    path expression, with the URL's `[]` steps (the text's)."""
    if not isinstance(given, str) or "|" in given:
        raise SpecError(key, "expected one path expression (a string)")
    try:
        (place,) = parse_alternatives(given)
    except ExpressionError as e:
        raise SpecError(key, str(e)) from None
    if place.each_count != url.each_count:
        there = "text" if beside == "text" else f'url "{url.source}"'
        raise SpecError(
            key,
            f'{there} has {url.each_count} "[]" but {key} "{place.source}" has '
            f"{place.each_count}; give the {key} the same [] steps as the {beside}",
        )
    return place


def slow_place(key: str, beside: Selector) -> Selector:
    """The default place of a slow clip's `key` (`slow_url`, `slow_segments`): `beside`
    with its last key prefixed `slow`."""
    return prefixed_place(key, beside, "slow")


def prefixed_place(key: str, beside: Selector, prefix: str) -> Selector:
    """`beside` with its last key prefixed `prefix` (`audioUrl` → `slowAudioUrl`)."""
    steps = list(beside.steps)
    keys = [i for i, step in enumerate(steps) if isinstance(step, str)]
    if not keys:
        raise SpecError(key, f'"{beside.source}" has no key to put "{prefix}" before; give {key}')
    last = keys[-1]
    name = str(steps[last])
    steps[last] = prefix + name[:1].upper() + name[1:]
    return Selector(_unparse(steps), tuple(steps))


def clash(f: FieldSpec, g: FieldSpec, where: Sequence[Condition] = ()) -> tuple[str, str] | None:
    """(the config key at fault, why) when a place field `f` writes may be a place field
    `g` (or `f` itself) reads or writes, or inside or around one, or a key the type selects
    its entries by (`where`); None when they keep apart. Where two places are the same
    after the expressions are read (`a . b` is `a.b`), one would replace the other."""
    same = f is g
    places = (
        g.reads() + g.writes() + [Place("where", Selector(c.key, c.path), False) for c in where]
    )
    for mine in blamed_first(f):
        for there in places:
            if same and there.key == mine.key:
                continue
            if not may_overlap(mine.selector, there.selector):
                continue
            if mine.key == "url" and there.key == "url":
                return "fields", (  # `g` is the field before `f` (`TypeSpec`)
                    f'fields "{g.name}" and "{f.name}" both write their URL at '
                    f'"{f.url}"; give each its own url'
                )
            whose = (
                f"the type reads {WHAT['where']}"
                if there.key == "where"
                else (f'field "{g.name}" {"writes" if there.writes else "reads"} {WHAT[there.key]}')
            )
            fix = "change the url" if mine.key == "url" else _own_place(f, mine.key, places)
            key = "fields" if mine.key == "url" and not same else mine.key
            return key, (
                f'field "{f.name}" writes {WHAT[mine.key]} at "{mine.selector.source}", '
                f'where {whose} "{there.selector.source}"; {fix}'
            )
    return None


def blamed_first(f: FieldSpec) -> list[Place]:
    """The places `f` writes, the one to blame for a clash first: a place the config gives
    (`slow_segments`, `slow_url`, `segments`), then the URL, then a default slow place."""
    given = [k for k in ("slow_segments", "slow_url", "segments") if getattr(f, k) is not None]
    order = [*given, "url"]
    return sorted(f.writes(), key=lambda p: order.index(p.key) if p.key in order else len(order))


def _own_place(f: FieldSpec, key: str, taken: Sequence[Place] = ()) -> str:
    """How to give `key` of field `f` a place of its own, in words: beside its URL, under
    a name that neither its other places nor `taken` (another field's) take."""
    steps = list(f.url_selector.steps)
    keys = [i for i, step in enumerate(steps) if isinstance(step, str)]
    if not keys:
        return f"give {key} a place of its own"
    last = str(steps[keys[-1]])
    stem = last[:-3] if last.endswith(("Url", "URL", "url")) and len(last) > 3 else last
    names = {
        "segments": ["segments", f"{stem}Segments"],
        "slow_url": [f"slow{last[:1].upper()}{last[1:]}", f"{last}Slow"],
        "slow_segments": ["slowSegments", f"slow{stem[:1].upper()}{stem[1:]}Segments"],
    }[key]
    taken = [*taken, *(p for p in f.reads() + f.writes() if p.key != key)]
    for name in names:
        steps[keys[-1]] = name
        there = Selector(_unparse(steps), tuple(steps))
        if not any(may_overlap(there, p.selector) for p in taken):
            return f'give {key} a place of its own, e.g. "{there.source}"'
    return f"give {key} a place of its own"


def suggest_url(text: Selector, url: Selector) -> str:
    """The URL expression the user most likely meant: the text's path, ending in the URL key."""
    last_key = next((s for s in reversed(url.steps) if isinstance(s, str)), "audioUrl")
    steps = list(text.steps)
    if steps and isinstance(steps[-1], str):
        steps[-1] = last_key
    else:
        steps = [last_key, *(s for s in steps if not isinstance(s, str))]
    return _unparse(steps)


def _unparse(steps: Iterable[Step]) -> str:
    out = ""
    for s in steps:
        if isinstance(s, str):
            out += f".{s}" if out else s
        else:
            out += "[]" if s is EACH else f"[{s}]"
    return out


def may_overlap(a: Selector, b: Selector) -> bool:
    """True if one expression can name a place inside (or equal to) the other's."""
    for s, t in zip(a.steps, b.steps, strict=False):
        if s is EACH or t is EACH:
            if isinstance(s, str) or isinstance(t, str):
                return False
        elif s != t or type(s) is not type(t):
            return False
    return True
