"""What each field of a manifest record holds, checked once when the manifest is read.

A manifest is a file a person can edit, and a field of another type than the tool writes
would stop a command far from the manifest, as a bug. So `damage` holds each field to the
shape the tool writes (inside objects, what a reader relies on), and the store leaves out
a record that fails as damaged (`manifest.DamagedRecord`).
"""

from __future__ import annotations

import base64
import math
from collections.abc import Callable, Mapping
from typing import Any

from ..audio.measure import WAVEFORM_CHARS

Check = Callable[[Any], str | None]
"""A field's check: None when the value has the field's shape, else what it is instead."""


def _kind(value: object) -> str:
    """What a JSON value is, in words ("a string", "null", "a list" ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return {
        str: "a string",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


PLACE = " › "
"""Between the steps of a place in a record (`timings › words › [0] › text`), as content
places are written."""


def _at(step: str, why: str) -> str:
    """`why` (what a value is instead, or the place below `step` and what is there) at
    `step`: " › step: what" or " › step › ...: what"."""
    return f"{PLACE}{step}{why if why.startswith(PLACE) else ': ' + why}"


def _count(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return None
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return f"{value if number else _kind(value)}, not a count of bytes"


_NUMBER = (int, float)
"""The exact types of a JSON number (`type(x) in _NUMBER`: true and false are not numbers)."""


def _number(value: Any) -> bool:
    return type(value) in _NUMBER and math.isfinite(value) and value >= 0


def _shape(test: Callable[[Any], object], what: str) -> Check:
    """The check of a value `test` passes (else: what it is, "not `what`")."""
    return lambda value: None if test(value) else f"{_kind(value)}, not {what}"


_text = _shape(lambda v: isinstance(v, str), "a string")
_seconds = _shape(_number, "a number of seconds")
_tempo = _shape(lambda v: _number(v) and v, "a tempo")
_texts = _shape(
    lambda v: isinstance(v, list) and all(isinstance(s, str) for s in v), "a list of strings"
)
_level = _shape(  # a loudness in dB (negative) or null
    lambda v: v is None or (type(v) in _NUMBER and math.isfinite(v)), "a level in dB"
)
_span = _shape(
    lambda v: isinstance(v, list) and len(v) == 2 and all(map(_number, v)), "a pause's [start, end]"
)


def _optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def _object(shape: Mapping[str, Check], *, whole: bool = False) -> Check:
    """An object whose keys of `shape` each pass their check (where present; `whole`:
    every one present)."""

    def check(value: object) -> str | None:
        if not isinstance(value, dict):
            return f"{_kind(value)}, not an object"
        for key, inner in shape.items():
            if key not in value:
                if whole:
                    return _at(key, "missing")
            elif (why := inner(value[key])) is not None:
                return _at(key, why)
        return None

    return check


def _list_of(check: Check, what: str) -> Check:
    def each(value: object) -> str | None:
        if not isinstance(value, list):
            return f"{_kind(value)}, not a list of {what}"
        for n, inner in enumerate(value):
            if (why := check(inner)) is not None:
                return _at(f"[{n}]", why)
        return None

    return each


def _waveform(value: object) -> str | None:
    if isinstance(value, str) and len(value) == WAVEFORM_CHARS:
        try:
            base64.b64decode(value, validate=True)  # as the review page reads it
            return None
        except ValueError:
            pass
    return f"{_kind(value)}, not a waveform of {WAVEFORM_CHARS} base64 characters"


_MEASURES = _object(
    {
        "duration": _seconds,
        "speech": _seconds,
        "peak": _seconds,
        "lufs": _level,
        "loudest_dbfs": _level,
        "waveform": _waveform,
    },
    whole=True,
)


def _word(value: object) -> str | None:
    """`{"start", "end", "text", "reading"?, "morae"?: [[start, end, kana], ...]}` in ms;
    written out (not an `_object`): most of the time a manifest takes to check."""
    if type(value) is not dict:
        return f"{_kind(value)}, not a word's object"
    for key in ("start", "end"):
        if type(value.get(key)) is not int:
            return _at(key, f"{_kind(value.get(key))}, not milliseconds")
    if type(value.get("text")) is not str:
        return _at("text", f"{_kind(value.get('text'))}, not a string")
    reading = value.get("reading")
    if reading is not None and type(reading) is not str:
        return _at("reading", f"{_kind(reading)}, not a string")
    morae = value.get("morae", ())
    if type(morae) is not list and morae != ():
        return _at("morae", f"{_kind(morae)}, not a list")
    for n, mora in enumerate(morae):
        if not (
            type(mora) is list
            and 2 <= len(mora) <= 3
            and type(mora[0]) in _NUMBER
            and type(mora[1]) in _NUMBER
            and (len(mora) == 2 or type(mora[2]) is str)
        ):
            return _at("morae", _at(f"[{n}]", f"{_kind(mora)}, not a mora's [start, end, kana]"))
    return None


_TIMINGS = _object(
    {
        "source": _text,
        "words": _list_of(_word, "words"),
        "none": _text,
        "pauses": _list_of(_span, "pauses"),
        "tried": _object({"sha256": _text, "build": _text}),
    }
)
"""`readings.words.ClipTimings.as_manifest()`, and `making.backfill.tried`'s record."""

_ACCENT = _object(
    {
        "sha256": _text,
        "expected": _optional(_text),
        "heard": _optional(_text),
        "pair": _optional(_text),
    }
)
"""What `verify --accent` heard (`commands.verify._accents`)."""

_PITCH = _object(
    {"pattern": _text, "kana": _optional(_text), "from": _text, "note": _optional(_text)}
)
"""The accent a clip was told (`readings.accent`)."""

_LISTENED = _object(
    {
        "by": _text,
        "sha256": _text,
        "verdict": _text,
        "heard": _optional(_text),
        "why": _optional(_text),
        "language": _optional(_text),
    }
)
"""The listening check's verdict (`listening.verdict.Listened.as_manifest`)."""

_maybe_text = _optional(_text)

CHECKS: Mapping[str, Check] = {
    "key": _text,
    "path": _text,
    "text": _text,
    "provider": _text,
    "voice": _text,
    "duration": _seconds,
    "bytes": _count,
    "sha256": _text,
    "lang": _maybe_text,
    "measures": _optional(_MEASURES),
    "spoken": _maybe_text,
    "phonemes": _maybe_text,
    "reading": _maybe_text,
    "verdict": _maybe_text,
    "note": _maybe_text,
    "sets": _optional(_texts),
    "origin": _maybe_text,
    "also_from": _optional(_texts),
    "device": _maybe_text,
    "listened": _optional(_LISTENED),
    "timings": _optional(_TIMINGS),
    "accent": _optional(_ACCENT),
    "pitch": _optional(_PITCH),
    "tempo": _optional(_tempo),
}
"""Each field of a record and its check (`StoredClip`'s fields, every one)."""


def damage(entry: Mapping[str, Any]) -> str | None:
    """Where and what is wrong in the first field of `entry` that does not hold what the
    tool writes there ("timings › words › [0] › start: null, not milliseconds"); None
    when every field does."""
    for name, value in entry.items():
        if type(value) is str:
            if name in _TEXTS:
                continue  # most of a record: a text where a text goes, its check not called
        elif value is None and name in _NULLABLE:
            continue  # and most of the rest: null where null goes
        check = CHECKS.get(name)
        if check is not None and (why := check(value)) is not None:
            return _at(name, why).removeprefix(PLACE)
    return None


_TEXTS = frozenset(name for name, check in CHECKS.items() if check in (_text, _maybe_text))
"""The fields whose check takes any string (`damage` passes one there at once)."""

_NULLABLE = frozenset(name for name, check in CHECKS.items() if check(None) is None)
"""The fields whose check takes null (`damage` passes a null there at once)."""
