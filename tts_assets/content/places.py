"""Places: every place a type's config names in an entry, each one declared kind with one owner.

A **kind** (`KINDS`) says what the content holds at a place and who writes it, if anyone:
a text, a reading, an accent, a kanji, an answer, a `where` key and a speaker are read,
never written; a URL, a list of URLs, timings and a duration are written by write-back.

Each config key that names a place (`PLACE_KEYS`) is declared once, in its table's row
(`type_tables`), with its kind, the `[]` steps it takes and where it goes when not given.
An owner (a field, a drill or a dialogue) reads and writes its places (`Owner.reads`,
`writes`), and a place one owner writes must not be a place it or another owner reads or
writes, nor inside or around one, nor a key its type selects entries by: one would
replace the other. This is checked when a config is read (`clash`; between types of one
file `shared.check_shared_files`), naming both config keys and a place of its own to give;
at load on the files two types turn out to share; and by the writer itself
(`writeback.update`), which refuses a place that is read.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from .selector import EACH, ExpressionError, Selector, Step, parse_alternatives
from .where import Condition


def _never(_: Any) -> bool:
    return False


def _url_like(value: Any) -> bool:
    return value is None or isinstance(value, str)


def timings_like(value: Any) -> bool:
    """Whether `value` may be timings, a person's or the tool's: a list of objects that
    each hold a start and an end (`[]` too), or null. Anything else at a timings place (an
    id, a note, tags, an object) is the content's own, never the tool's to write over."""
    return value is None or (
        isinstance(value, list)
        and all(isinstance(word, dict) and "start" in word and "end" in word for word in value)
    )


def _ms_like(value: Any) -> bool:
    if value is None:
        return True
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return number and math.isfinite(value) and value >= 0


@dataclass(frozen=True)
class Kind:
    """One kind of place: what the content holds there, and who writes it."""

    name: str
    holds: str
    """What the content holds at such a place, in words."""
    writer: str | None
    """The code that writes such places; None: never written (a text, a reading...)."""
    accepts: Callable[[Any], bool] = _never
    """Whether a value found at such a place is one the tool may write over: its own kind
    of value, or null (a written kind only; the load refuses anything else)."""

    @property
    def written(self) -> bool:
        return self.writer is not None


TEXT = Kind("text", "a text to say (a string)", None)
READING = Kind("reading", "a text's reading (a string)", None)
ACCENT = Kind("accent", "a text's pitch accent (LHH, or an accent number)", None)
KANJI = Kind("kanji", "the kanji a bare reading is of (a string)", None)
ANSWER = Kind("answer", "a cloze's answer (a text; or a list of options and, beside it, the "
              "index of the right one)", None)  # fmt: skip
WHERE = Kind("where", "a value the type selects its entries by", None)
SPEAKER = Kind("speaker", "who says a dialogue's line (a string, a key of its speakers)", None)
URL = Kind("url", "a URL (a string) or null", "writeback/update.py", _url_like)
TIMINGS = Kind(
    "timings",
    "timings (a list of {start, end} objects) or null",
    "writeback/timings.py (decide_timings)",
    timings_like,
)
DURATION = Kind(
    "duration",
    "a length in milliseconds (a number) or null",
    "writeback/timings.py (decide_timings)",
    _ms_like,
)


def _urls_like(value: Any) -> bool:
    return value is None or (isinstance(value, list) and all(map(_url_like, value)))


URLS = Kind(
    "urls",
    "a list of URLs (strings or null) or null",
    "writeback/update.py (each URL at its index)",
    _urls_like,
)

KINDS = (TEXT, READING, ACCENT, KANJI, ANSWER, WHERE, SPEAKER, URL, URLS, TIMINGS, DURATION)
"""Every kind of place, the closed set."""


@dataclass(frozen=True)
class PlaceKey:
    """One config key that names a place: its table, its kind and how it is written."""

    table: str
    """`field` (`[[types.X.fields]]`), `drill` (`[[types.X.sequences]]`), `dialogue`
    (`[[types.X.dialogues]]`) or `type`."""
    key: str
    """The key (`slow_duration` is given by `duration`: `given_as`)."""
    kind: Kind
    what: str
    """What an owner keeps there, in words (`its slow clip's URL`)."""
    steps: str
    """Its `[]` steps: `text` (the text's), `url` (the URL's, so the text's) or `none`."""
    default: str = ""
    """Where it goes when the config does not give it, in words; "" when it goes nowhere."""
    names: tuple[str, ...] = ()
    """Places of its own to suggest, beside the owner's URL (`{last}`: the URL's last key,
    `{Last}` capitalized, `{stem}` without `Url`, `{Stem}` capitalized)."""
    given_as: str = ""
    """The config key that gives it, when it is not its own (`duration`)."""
    prefixed: tuple[str, str] = ("", "")
    """Where it goes when not given: (the key of the place it is beside, what that place's
    last key is prefixed with): `("url", "slow")`; ("", ""): nowhere."""

    @property
    def config_key(self) -> str:
        return self.given_as or self.key


PLACE_KEYS: dict[tuple[str, str], PlaceKey] = {}
"""Every config key that names a place, by (table, key), in the order its table declares
it (`type_tables`: a field's, a type's and each join's): the places an owner reads and
writes are compiled, and checked for a clash, in this order."""


def declare(keys: Iterable[PlaceKey]) -> None:
    """Add the place keys a table declares (`type_tables.declared`) to `PLACE_KEYS`."""
    for key in keys:
        if PLACE_KEYS.setdefault((key.table, key.key), key) is not key:
            raise ValueError(f"the place key {key.table}.{key.key} is declared twice")


class SpecError(ValueError):
    """A type or field is not valid; `key` is the config key at fault."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Place:
    """A place an owner reads or writes in each entry, and the config key that names it."""

    key: str
    """The key of the owner's table (`text`, `url`, `segments`, `slow_url`, `timings`...)."""
    selector: Selector
    table: str = "field"
    """The owner's table: `field`, `drill`, `dialogue`, or `type` for a `where` key."""

    @property
    def declared(self) -> PlaceKey:
        return PLACE_KEYS[self.table, self.key]

    @property
    def writes(self) -> bool:
        return self.declared.kind.written

    @property
    def what(self) -> str:
        return self.declared.what


def where_places(where: Iterable[Condition]) -> list[Place]:
    """The places a type reads to select its entries (its `where` keys)."""
    return [Place("where", Selector(c.key, c.path), "type") for c in where]


class Placed:
    """An owner whose places are its `KEY_selector` attributes (or `KEY_selectors`, for a
    key that names several: a field's text alternatives), one for each place key its table
    declares (a field, a drill, a dialogue): what it gives, reads and writes follows from
    the declarations, in their order."""

    table: ClassVar[str]
    """The table that declares it (`Owner.table`)."""

    def gives(self, key: str) -> bool:
        """Whether the config gives the place `key` (not its default)."""
        return getattr(self, key, None) is not None

    def reads(self) -> list[Place]:
        """The places it reads in an entry."""
        return [p for p in self._places() if not p.writes]

    def writes(self) -> list[Place]:
        """The places it writes in an entry."""
        return [p for p in self._places() if p.writes]

    def compiled_at(self, key: str) -> Sequence[Selector]:
        """The place `key` compiled: its `KEY_selectors` attribute, else its
        `KEY_selector`; none where it has none."""
        one = getattr(self, f"{key}_selector", None)
        return getattr(self, f"{key}_selectors", None) or ([one] if one else [])

    def _places(self) -> list[Place]:
        return [
            Place(key, selector, table)
            for table, key in PLACE_KEYS
            if table == self.table
            for selector in self.compiled_at(key)
        ]


class Owner(Protocol):
    """What owns places in an entry: a field (`spec.FieldSpec`), a drill
    (`sequence.SequenceSpec`) or a dialogue (`dialogue.DialogueSpec`)."""

    @property
    def name(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def url_selector(self) -> Selector: ...
    @property
    def table(self) -> str: ...
    def reads(self) -> list[Place]: ...
    def writes(self) -> list[Place]: ...
    def gives(self, key: str) -> bool: ...


def noun(owner: Owner) -> str:
    """`field "word"`, `drill "drill"`, `dialogue "dialogue"`: an owner as a message names it."""
    return f'{owner.table} "{owner.name}"'


def one_place(key: str, given: object) -> Selector:
    """The one place `key` names (a path expression, no `|` alternatives); SpecError naming
    `key` otherwise."""
    if not isinstance(given, str) or "|" in given:
        raise SpecError(key, "expected one path expression (a string)")
    try:
        (place,) = parse_alternatives(given)
    except ExpressionError as e:
        raise SpecError(key, str(e)) from None
    return place


def place_beside(key: str, given: object, url: Selector, beside: str = "url") -> Selector:
    """The place `key` names beside each text (`reading`, `accent`: `beside` "text") or
    beside its URL (`segments`, `slow_url`, `slow_segments`), checked one way for all: one
    path expression (`one_place`), with the URL's `[]` steps (the text's)."""
    place = one_place(key, given)
    if place.each_count != url.each_count:
        there = "text" if beside == "text" else f'url "{url.source}"'
        raise SpecError(
            key,
            f'{there} has {url.each_count} "[]" but {key} "{place.source}" has '
            f"{place.each_count}; give the {key} the same [] steps as the {beside}",
        )
    return place


def prefixed_place(key: str, beside: Selector, prefix: str) -> Selector:
    """`beside` with its last key prefixed `prefix` (`audioUrl` → `slowAudioUrl`)."""
    found = renamed(beside, lambda name: prefix + _capital(name))
    if found is None:
        raise SpecError(key, f'"{beside.source}" has no key to put "{prefix}" before; give {key}')
    return found


def renamed(selector: Selector, name: Callable[[str], str]) -> Selector | None:
    """`selector` with its last key named `name(that key)`; None where it has no key."""
    steps = list(selector.steps)
    keys = [i for i, step in enumerate(steps) if isinstance(step, str)]
    if not keys:
        return None
    steps[keys[-1]] = name(str(steps[keys[-1]]))
    return Selector(unparse(steps), tuple(steps))


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


Clash = tuple[str, str]
"""(the config key at fault, in its owner's table; why, with what to write instead)."""


def clash(f: Owner, g: Owner, where: Sequence[Condition] = (), at_g: str = "") -> Clash | None:
    """(the key of `f` at fault, why) when a place owner `f` writes may be (or be inside or
    around) a place owner `g` (or `f` itself) reads or writes, or a `where` key; None when
    they keep apart. `at_g` is where `g` is declared (`fields[1]`), for the message."""
    same = f is g
    places = g.reads() + g.writes() + where_places(where)
    heads = _by_head(places)
    for mine in blamed_first(f):
        for there in _may_meet(mine, places, heads):
            if same and there.key == mine.key:
                continue
            if not may_overlap(mine.selector, there.selector):
                continue
            if mine.key == "url" and there.key == "url" and f.table == g.table == "field":
                return "fields", (  # `g` is the field before `f` (`TypeSpec`)
                    f'fields "{g.name}" and "{f.name}" both write their URL at '
                    f'"{f.url}"; give each its own url'
                )
            if there.table == "type":
                whose, named = f"the type reads {there.what}", " (where)"
            else:
                verb = "writes" if there.writes else "reads"
                whose = f"{noun(g)} {verb} {there.what}"
                key = there.declared.config_key
                named = f" ({at_g}.{key})" if at_g else f" ({key})"
            key = mine.declared.config_key
            fix = own_place(f, mine, [*places, *f.reads(), *f.writes()])
            return key, (
                f"{noun(f)} writes {mine.what} at "
                f'"{mine.selector.source}", where {whose} "{there.selector.source}"{named}; {fix}'
            )
    return None


_ANY = object()
"""`_by_head`'s key for the places whose expression is empty (one may overlap any other)."""


def _by_head(places: Sequence[Place]) -> dict[object, list[int]]:
    """The indexes of `places` by their expression's first step as `may_overlap` tells
    them apart: a key as it is, an index or `[]` as None, an empty expression as `_ANY`."""
    found: dict[object, list[int]] = {}
    for i, place in enumerate(places):
        steps = place.selector.steps
        head = _ANY if not steps else steps[0] if isinstance(steps[0], str) else None
        found.setdefault(head, []).append(i)
    return found


def _may_meet(mine: Place, places: Sequence[Place], heads: dict[object, list[int]]) -> list[Place]:
    """The places of `places` (`heads`: `_by_head` of them) whose first step may name the
    one `mine`'s first step names, in their order: the only ones `may_overlap` may find
    overlapping it (a key and an index, or two keys apart, never overlap)."""
    steps = mine.selector.steps
    if not steps:
        return list(places)
    head = steps[0] if isinstance(steps[0], str) else None
    met = heads.get(head, []) + heads.get(_ANY, [])
    return [places[i] for i in sorted(met)]


def blamed_first(f: Owner) -> list[Place]:
    """The places `f` writes, the one to blame for a clash first: a place the config gives
    (`slow_segments`, `slow_url`, `segments`, a drill's `timings`), then the URL, then a
    place it takes by default."""

    given = (
        "slow_segments",
        "slow_url",
        "segments",
        "duration",
        "cloze_url",
        "voices_url",
        "timings",
        "line_url",
    )

    def rank(p: Place) -> int:
        if p.key == "url":
            return len(given)
        return given.index(p.key) if f.gives(p.key) and p.key in given else len(given) + 1

    return sorted(f.writes(), key=rank)


def own_place(f: Owner, mine: Place, taken: Sequence[Place] = ()) -> str:
    """How to give the place `mine` of owner `f` a place of its own, in words: beside its
    URL (a place with the text's `[]` that a dialogue writes, a line's own URL: beside its
    lines' texts), under a name (`PlaceKey.names`) that no place in `taken` may be."""
    key = mine.declared.config_key
    verb = "change the url" if key == "url" else f"give {key} a place of its own"
    beside = f.url_selector
    if mine.declared.steps == "text" and isinstance(
        text := getattr(f, "text_selector", 0), Selector
    ):
        beside = text

    def named(template: str, last: str) -> str:
        stem = last[:-3] if last.endswith(("Url", "URL", "url")) and len(last) > 3 else last
        return template.format(last=last, Last=_capital(last), stem=stem, Stem=_capital(stem))

    for name in mine.declared.names:
        there = renamed(beside, functools.partial(named, name))
        if there is not None and not any(may_overlap(there, p.selector) for p in taken):
            return f'{verb}, e.g. "{there.source}"'
    return verb


def suggest_url(text: Selector, url: Selector) -> str:
    """The URL expression the user most likely meant: the text's path, ending in the URL key."""
    last_key = next((s for s in reversed(url.steps) if isinstance(s, str)), "audioUrl")
    steps = list(text.steps)
    if steps and isinstance(steps[-1], str):
        steps[-1] = last_key
    else:
        steps = [last_key, *(s for s in steps if not isinstance(s, str))]
    return unparse(steps)


def unparse(steps: Iterable[Step]) -> str:
    """A path expression as written, from its steps."""
    out = ""
    for s in steps:
        if isinstance(s, str):
            out += f".{s}" if out else s
        else:
            out += "[]" if s is EACH else f"[{s}]"
    return out


def _keys_of(selector: Selector) -> tuple[str | None, ...]:
    """The steps of an expression as `may_overlap` tells them apart: each key as it is,
    each index or `[]` as None (two of them may name one place; a key and one never)."""
    return tuple(s if isinstance(s, str) else None for s in selector.steps)


def meeting(
    writers: Sequence[Owner], readers: Sequence[Owner], where: Sequence[Condition] = ()
) -> set[tuple[int, int]]:
    """The pairs (w, r) of indexes where a place `writers[w]` writes may overlap one
    `readers[r]` reads or writes, or a `where` key (then every r): `clash` finds nothing
    in any other pair. The places are indexed by their keys (`may_overlap` needs them to
    agree up to the shorter's end), so the time grows with the pairs found, not with
    every pair of owners."""
    exactly: dict[tuple[str | None, ...], set[int]] = {}  # a place's keys → its readers
    begun: dict[tuple[str | None, ...], set[int]] = {}  # the keys a place begins with → …
    for r, g in enumerate(readers):
        for place in g.reads() + g.writes():
            keys = _keys_of(place.selector)
            exactly.setdefault(keys, set()).add(r)
            for n in range(len(keys) + 1):
                begun.setdefault(keys[:n], set()).add(r)
    selected = where_places(where)
    pairs: set[tuple[int, int]] = set()
    for w, f in enumerate(writers):
        for mine in f.writes():
            if any(may_overlap(mine.selector, p.selector) for p in selected):
                pairs.update((w, r) for r in range(len(readers)))
                break
            keys = _keys_of(mine.selector)
            met = set(begun.get(keys, ()))
            for n in range(len(keys)):
                met.update(exactly.get(keys[:n], ()))
            pairs.update((w, r) for r in met)
    return pairs


def may_overlap(a: Selector, b: Selector) -> bool:
    """True if one expression can name a place inside (or equal to) the other's."""
    for s, t in zip(a.steps, b.steps, strict=False):
        if s is EACH or t is EACH:
            if isinstance(s, str) or isinstance(t, str):
                return False
        elif s != t or type(s) is not type(t):
            return False
    return True
