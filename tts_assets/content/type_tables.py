"""The tables of a content type, declared once: `[types.X]`, its `[[types.X.fields]]` and the
tables of its joins (`Join`: `[[types.X.sequences]]` in `sequence`, `[[types.X.dialogues]]`
in `dialogue`), as the config's own tables are (`tables.Table`).

Each key is declared once, in its table's row: what it takes and, when it names a place in
an entry, that place (`places.PlaceKey`: its kind, whether the tool writes it, its default),
which the row adds to `places.PLACE_KEYS` (`declared`), in the table's order. The parser
checks a table against its keys (`check_table`: an unknown key, a value of another type), and
the content-type reference in the docs is made from the same declarations (the docs' hooks,
`scripts/docs_hooks.py`), with each key's docstring from the class that keeps it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .places import (
    ACCENT,
    ANSWER,
    DURATION,
    KANJI,
    READING,
    TEXT,
    TIMINGS,
    URL,
    URLS,
    WHERE,
    Kind,
    PlaceKey,
    SpecError,
    declare,
)
from .selector import kind_of
from .text import KINDS, SEGMENT_UNITS

_EXPRESSION = "a path expression (a string)"
_GAP_LENGTH = "cloze: the length of the blank's silence"


@dataclass(frozen=True)
class TableKey:
    """One key of a content type's table."""

    name: str
    takes: str
    """What it takes, for people."""
    types: tuple[type, ...] = (str,)
    """The TOML values it takes (checked before anything else is)."""
    place: PlaceKey | None = None
    """The place it names in each entry, when it names one."""
    doc: str = ""
    """What it does, where the class that keeps it has no docstring for it."""
    choices: tuple[str, ...] = ()
    """The values it takes, when they are a closed set (checked after its type)."""
    needs: str = ""
    """The key it needs beside it in the table, and why (`cloze: the length of the
    blank's silence`); "": none."""
    also: PlaceKey | None = None
    """A place it gives beside its own, at that place's default (`duration`: the slow
    clip's length); None: none."""


def place_key(
    table: str,
    key: str,
    kind: Kind,
    what: str,
    steps: str,
    *names: str,
    takes: str = _EXPRESSION,
    needs: str = "",
    default: str = "",
    prefixed: tuple[str, str] = ("", ""),
    slow: tuple[str, ...] = (),
) -> TableKey:
    """The key `key` of `table`, which names a place (`PlaceKey`: its kind, what the owner
    keeps there, its `[]` steps, places of its own to suggest and where it goes when not
    given); `slow`: (what, default, names...) of its slow clip's place, which it gives
    beside its own (`slow_KEY`, its place prefixed `slow`)."""
    place = PlaceKey(table, key, kind, what, steps, default, names, prefixed=prefixed)
    also = None
    if slow:
        also = PlaceKey(
            table, f"slow_{key}", kind, slow[0], steps, slow[1], slow[2:], key, (key, "slow")
        )
    return TableKey(key, takes, place=place, needs=needs, also=also)


def declared(*keys: TableKey) -> tuple[TableKey, ...]:
    """The keys of a table, with the places they name and give added to
    `places.PLACE_KEYS` in their order."""
    declare(p for k in keys for p in (k.place, k.also) if p is not None)
    return keys


def _field(key: str, kind: Kind, what: str, steps: str, *names: str, **more: Any) -> TableKey:
    return place_key("field", key, kind, what, steps, *names, **more)


_WHERE = PlaceKey("type", "where", WHERE, "the key it selects its entries by", "none")

TYPE_TABLE: tuple[TableKey, ...] = declared(
    TableKey("file", "a file name, a pattern or a list of them", (object,)),
    TableKey("path", "a path from the config file's folder (a string)"),
    TableKey("root", "keys separated by dots (a string)"),
    TableKey(
        "where",
        "a table of keys and their values",
        (object,),
        _WHERE,
        "Only the entries whose value at each key is listed (a key path, `meta.kind`; an "
        'absent key and null read as ""); each key is a place the type reads.',
    ),
    TableKey(
        "where_not",
        "a table of keys and their values",
        (object,),
        _WHERE,
        "Only the entries whose value at each key is none of those listed.",
    ),
    TableKey("fields", "a list of field tables", (object,)),
    TableKey(
        "slow",
        "a tempo or a list of tempi",
        (object,),
        doc="The tempi of its texts' twins, over the config's slow (0.75, or [0.6, 0.8]).",
    ),
    TableKey(
        "enabled",
        "true or false",
        (bool,),
        doc="false: the type is switched off, neither read nor reported missing.",
    ),
)
"""The keys of `[types.X]` of its own; each join adds its own (`Join`: `sequences`,
`dialogues` and `speakers`), after `fields`."""

FIELD_TABLE: tuple[TableKey, ...] = declared(
    TableKey("name", "a string"),
    _field(
        "text",
        TEXT,
        "its text",
        "text",
        takes="a path expression, or a list of alternatives",
    ),
    _field("url", URL, "its URL", "text", "audioUrl", "{stem}AudioUrl"),
    TableKey("lang", "a language code (a string)"),
    TableKey("voice", "a voice name, or a list of them (a rotation)", (str, list)),
    TableKey("voice_mode", '"rotate" or "each"'),
    _field(
        "voices_url",
        URLS,
        "its voices' clips' URLs",
        "url",
        "voices{Last}",
        "{stem}VoiceUrls",
        default="the url's last key prefixed voices (audioUrl: voicesAudioUrl)",
        prefixed=("url", "voices"),
    ),
    TableKey("kind", '"text", "reading" or "kana"', choices=KINDS),
    TableKey("enabled", "true or false", (bool,)),
    TableKey("split", "true or false", (bool,)),
    _field("reading", READING, "its reading", "text"),
    _field("accent", ACCENT, "its pitch accent", "text"),
    _field("kanji", KANJI, "its kanji", "none"),
    _field("segments", TIMINGS, "its word timings", "url", "segments", "{stem}Segments"),
    TableKey("segments_by", '"word", "phrase" or "sentence"', choices=SEGMENT_UNITS),
    _field(
        "duration",
        DURATION,
        "its clip's length",
        "url",
        "durationMs",
        "{stem}DurationMs",
        slow=(
            "its slow clip's length",
            "duration's last key prefixed slow (durationMs: slowDurationMs)",
            "slowDurationMs",
            "slow{Stem}DurationMs",
        ),
    ),
    TableKey("cloze", 'a length, like "2s"'),
    TableKey("cloze_blank", "the blank as the course writes it (a string)", needs=_GAP_LENGTH),
    _field("cloze_answer", ANSWER, "its cloze's answer", "text", needs=_GAP_LENGTH),
    TableKey(
        "cloze_separator",
        'what separates the answers (a string, " / ")',
        needs="cloze_answer: the answers it separates",
    ),
    _field(
        "cloze_url",
        URL,
        "its filled sentence's URL",
        "url",
        "filled{Last}",
        "{stem}FilledUrl",
        needs="cloze_answer: the answer its filled sentence says",
        default="the url's last key prefixed filled (audioUrl: filledAudioUrl)",
        prefixed=("url", "filled"),
        slow=(
            "its filled sentence's slow clip's URL",
            "cloze_url's last key prefixed slow (filledAudioUrl: slowFilledAudioUrl)",
            "filled{Last}",
            "{stem}FilledUrl",
        ),
    ),
    TableKey("lang_mark", "the mark as the course writes it, with {lang} and {text} (a string)"),
    _field(
        "slow_url",
        URL,
        "its slow clip's URL",
        "url",
        "slow{Last}",
        "{last}Slow",
        default="the url's last key prefixed slow (audioUrl: slowAudioUrl)",
        prefixed=("url", "slow"),
    ),
    _field(
        "slow_segments",
        TIMINGS,
        "its slow clip's word timings",
        "url",
        "slowSegments",
        "slow{Stem}Segments",
        default="segments' last key prefixed slow (segments: slowSegments)",
        prefixed=("segments", "slow"),
    ),
)
"""The keys of `[[types.X.fields]]`, each place key with the place it names (and gives)."""


def check_table(body: Mapping[str, Any], keys: tuple[TableKey, ...]) -> None:
    """SpecError (naming the key) for the first key of `body` that `keys` does not declare,
    or whose value is not of a type it takes; the `text` key's list is its own rule."""
    known = {k.name: k for k in keys}
    for name, value in body.items():
        key = known.get(name)
        if key is None:
            raise SpecError(name, f"unknown key {name}; valid keys: {', '.join(known)}")
        if name != "text" and not isinstance(value, key.types):
            raise SpecError(name, f"expected {key.takes}, found {kind_of(value)}")
        if key.choices and value not in key.choices:
            raise SpecError(name, f'"{value}" is not one of: {", ".join(key.choices)}')
        if key.needs and key.needs.partition(":")[0] not in body:
            raise SpecError(name, f"needs {key.needs}")


@dataclass(frozen=True)
class Join:
    """One kind of join a type may declare (drills, dialogues), declared once in its own
    module: the type's key that lists its tables, what each table takes (its keys, and the
    places they name), and how a table is made; the generic code (`spec.TypeSpec`, the
    places' checks, the docs) loops over the joins and names none.

    Its owners (`places.Placed`) are checked as a field is: the places they read and
    write, against every other owner of the type."""

    key: str
    """The type's key that lists its tables (`sequences`: `[[types.X.sequences]]`), also
    the `TypeSpec` attribute that holds them."""
    keys: tuple[TableKey, ...]
    """The keys of each table, in order (those that name a place carry its `PlaceKey`)."""
    needs: tuple[str, ...]
    """The keys a table must give."""
    make: Callable[[Mapping[str, Any], Mapping[str, Any], str], Any]
    """Its owner, made of a table, the type's table that lists it and the content
    language."""
    owner: type
    """The class of its owners, whose docstrings the docs show for its keys."""
    type_keys: tuple[TableKey, ...] = ()
    """The keys it adds to the type's table (`speakers` for dialogues)."""
    alone: bool = False
    """Whether a type of these alone, without fields, is one (a dialogue's texts are its
    own; a drill's are its type's fields')."""
    check: Callable[[tuple[Any, ...], Mapping[str, int]], None] | None = None
    """What it checks of its owners against the type's fields (each field's name and its
    `[]` count); SpecError with the key at fault."""

    def __post_init__(self) -> None:
        declared(*self.keys)

    @property
    def table(self) -> str:
        """Its owners' table, as places and messages name it (`drill`, `dialogue`)."""
        return next(k.place.table for k in self.keys if k.place is not None)

    def parse(self, typed: Mapping[str, Any], lang: str) -> tuple[Any, ...]:
        """Its tables in a type's table `typed` (the list at `key`), each checked against
        its keys and made; SpecError with the key at fault (`sequences[0].parts`;
        `sequences[0]` for a table that is none, or lacks a key it needs)."""
        value = typed[self.key]
        if not isinstance(value, list):
            raise SpecError(self.key, f"expected a list of tables, found {kind_of(value)}")
        found = []
        for i, body in enumerate(value):
            where = f"{self.key}[{i}]"
            if not isinstance(body, Mapping):
                raise SpecError(where, f"expected a table, found {kind_of(body)}")
            try:
                check_table(body, self.keys)
                missing = next((need for need in self.needs if need not in body), None)
                if missing is None:
                    found.append(self.make(body, typed, lang))
            except SpecError as e:
                raise SpecError(f"{where}.{e.key}", str(e)) from None
            if missing is not None:
                raise SpecError(where, f'missing "{missing}"')
        return tuple(found)
