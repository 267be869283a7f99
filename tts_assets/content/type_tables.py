"""The tables of a content type, declared once: `[types.X]`, its `[[types.X.fields]]` and its
`[[types.X.sequences]]` (drills) and its `[[types.X.dialogues]]`, as the config's own tables
are (`tables.Table`).

Each key says what it takes and, when it names a place in an entry, which declared place it
is (`places.PLACE_KEYS`: its kind, whether the tool writes it, its default). The parser
checks a table against its keys (`check_table`: an unknown key, a value of another type), and
the content-type reference in the docs is made from the same declarations (the docs' hooks,
`scripts/docs_hooks.py`), with each key's docstring from the class that keeps it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from .places import PLACE_KEYS, PlaceKey, SpecError
from .selector import kind_of

_EXPRESSION = "a path expression (a string)"

T = TypeVar("T")


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


def _place(table: str, key: str, takes: str = _EXPRESSION, doc: str = "") -> TableKey:
    return TableKey(key, takes, (str,), PLACE_KEYS[table, key], doc)


TYPE_TABLE: tuple[TableKey, ...] = (
    TableKey("file", "a file name, a pattern or a list of them", (object,)),
    TableKey("path", "a path from the config file's folder (a string)", (object,)),
    TableKey("root", "keys separated by dots (a string)", (object,)),
    TableKey(
        "where",
        "a table of keys and their values",
        (object,),
        PLACE_KEYS["type", "where"],
        "Only the entries whose value at each key is listed (a key path, `meta.kind`; an "
        'absent key and null read as ""); each key is a place the type reads.',
    ),
    TableKey(
        "where_not",
        "a table of keys and their values",
        (object,),
        PLACE_KEYS["type", "where"],
        "Only the entries whose value at each key is none of those listed.",
    ),
    TableKey("fields", "a list of field tables", (object,)),
    TableKey("sequences", "a list of drill tables", (object,)),
    TableKey("dialogues", "a list of dialogue tables", (object,)),
    TableKey(
        "speakers",
        'a table of SPEAKER = "VOICE"',
        (object,),
        doc="Who says its dialogues' lines, under a dialogue's own speakers, over its language's.",
    ),
    TableKey(
        "slow",
        "a tempo or a list of tempi",
        (object,),
        doc="The tempi of its texts' twins, over the config's slow (0.75, or [0.6, 0.8]).",
    ),
    TableKey(
        "enabled",
        "true or false",
        (object,),
        doc="false: the type is switched off, neither read nor reported missing.",
    ),
)
"""The keys of `[types.X]`."""

FIELD_TABLE: tuple[TableKey, ...] = (
    TableKey("name", "a string"),
    _place("field", "text", "a path expression, or a list of alternatives"),
    _place("field", "url"),
    TableKey("lang", "a language code (a string)"),
    TableKey("voice", "a voice name, or a list of them (a rotation)", (str, list)),
    TableKey("voice_mode", '"rotate" or "each"'),
    _place("field", "voices_url"),
    TableKey("kind", '"text", "reading" or "kana"'),
    TableKey("enabled", "true or false", (bool,)),
    TableKey("split", "true or false", (bool,)),
    _place("field", "reading"),
    _place("field", "accent"),
    _place("field", "kanji"),
    _place("field", "segments"),
    TableKey("segments_by", '"word", "phrase" or "sentence"'),
    _place("field", "duration"),
    TableKey("cloze", 'a length, like "2s"'),
    TableKey("cloze_blank", "the blank as the course writes it (a string)"),
    _place("field", "cloze_answer"),
    TableKey("cloze_separator", 'what separates the answers (a string, " / ")'),
    _place("field", "cloze_url"),
    TableKey("lang_mark", "the mark as the course writes it, with {lang} and {text} (a string)"),
    _place("field", "slow_url"),
    _place("field", "slow_segments"),
)
"""The keys of `[[types.X.fields]]`."""

SEQUENCE_TABLE: tuple[TableKey, ...] = (
    TableKey("name", "a string"),
    _place("drill", "url"),
    TableKey("parts", "a list of field names, lengths and answer", (object,)),
    _place("drill", "timings"),
)
"""The keys of `[[types.X.sequences]]`."""

DIALOGUE_TABLE: tuple[TableKey, ...] = (
    TableKey("name", "a string"),
    _place("dialogue", "text"),
    _place("dialogue", "speaker"),
    _place("dialogue", "line_url"),
    _place("dialogue", "url"),
    _place("dialogue", "timings"),
    TableKey("pause", 'a length, like "800ms" (or seconds, a number)', (str, int, float)),
    TableKey("speakers", 'a table of SPEAKER = "VOICE"', (object,)),
    TableKey("lang", "a language code (a string)"),
    TableKey("lang_mark", "the mark as the course writes it, with {lang} and {text} (a string)"),
)
"""The keys of `[[types.X.dialogues]]`."""


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


def parse_tables(
    value: object,
    key: str,
    keys: tuple[TableKey, ...],
    needs: tuple[str, ...],
    make: Callable[[Mapping[str, Any]], T],
) -> tuple[T, ...]:
    """Each table of the list `value` (a type's `[[types.X.KEY]]`: drills, dialogues),
    checked against `keys`, holding every key of `needs`, made by `make`; SpecError with
    the key at fault (`KEY[i].parts`; `KEY[i]` for a table that is none, or lacks a key)."""
    if not isinstance(value, list):
        raise SpecError(key, f"expected a list of tables, found {kind_of(value)}")
    found = []
    for i, body in enumerate(value):
        where = f"{key}[{i}]"
        if not isinstance(body, Mapping):
            raise SpecError(where, f"expected a table, found {kind_of(body)}")
        try:
            check_table(body, keys)
            missing = next((need for need in needs if need not in body), None)
            if missing is None:
                found.append(make(body))
        except SpecError as e:
            raise SpecError(f"{where}.{e.key}", str(e)) from None
        if missing is not None:
            raise SpecError(where, f'missing "{missing}"')
    return tuple(found)


def string_of(value: Any, key: str) -> str:
    """`value`, a string; SpecError naming `key` otherwise."""
    if not isinstance(value, str):
        raise SpecError(key, f"expected a string, found {kind_of(value)}")
    return value
