"""A content file read once: its text and its parsed JSON, for loading and write-back.

Reading rejects what would make the file ambiguous or unwritable, each time with one
line naming the file, the line and column where known, and what to do: unreadable
files, UTF-16 files, invalid UTF-8 (with the byte offset), invalid JSON (line and column
from the parser), duplicate keys in one object (line and column of the repeat),
NaN/Infinity, and nesting too deep to parse. A UTF-8 byte order mark is accepted and
kept: write-back puts it back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..store.files import Snapshot, read_snapshot
from .item import JsonPath, value_at
from .spans import find_duplicate_key, line_col

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, eq=False)
class Document:
    """A parsed content file, kept with its text so write-back can keep its format."""

    path: Path
    """The file, as the loader named it (data dir / type file)."""
    text: str
    """The decoded text, without the byte order mark."""
    data: Any
    """The parsed JSON. Shared by every type reading this file: do not modify it."""
    bom: bool
    """The file starts with a UTF-8 byte order mark (kept on write-back)."""
    snapshot: Snapshot | None = None
    """Which file was read, to replace it only if it is still that file (None: not read
    from disk, or read as a stream)."""
    entries: Iterable[Any] | None = None
    """The entries of a list read as a stream (`content.stream`, a dry run in windows): each
    parsed as the walk asks for it and added to `data`, which holds no other. None: `data`
    is the whole file."""

    def value_at(self, path: JsonPath) -> Any:
        """The value at `path`, or None when the path does not exist."""
        return value_at(self.data, path)


def read_document(path: Path) -> Document:
    """Read and parse one content file; raises InputError with a one-line reason."""
    try:
        raw, snapshot = read_snapshot(path)
    except OSError as e:
        raise InputError(
            f"{path}: cannot read ({e.strerror}); check the path and permissions"
        ) from None
    return parse_document(path, raw, snapshot)


class _Duplicate(Exception):
    pass


class _Constant(Exception):
    pass


def _unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _Duplicate
    return obj


def _no_constant(name: str) -> Any:
    raise _Constant(name)


def json_decoder() -> json.JSONDecoder:
    """The decoder `parse_document` parses with (`json.loads` makes the same): a duplicate
    key raises `_Duplicate`, NaN and Infinity `_Constant` (`parse_document` says where)."""
    return json.JSONDecoder(object_pairs_hook=_unique_object, parse_constant=_no_constant)


def parse_document(path: Path, raw: bytes, snapshot: Snapshot | None = None) -> Document:
    """Parse the bytes of a content file (see the module docstring for what is rejected)."""
    bom = raw.startswith(BOM)
    body = raw[len(BOM) :] if bom else raw
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: the file is UTF-16; save it as UTF-8 and run again")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        offset = e.start + (len(BOM) if bom else 0)
        line = raw.count(b"\n", 0, offset) + 1
        raise InputError(
            f"{path}:{line}: invalid UTF-8 at byte {offset}; save the file as UTF-8 and run again"
        ) from None
    if not text or text.isspace():  # `text.strip()` would copy a file of megabytes
        raise InputError(f"{path}: the file is empty; it should hold JSON content")
    try:
        data = json.loads(text, object_pairs_hook=_unique_object, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise InputError(
            # "Unterminated string starting at": the place is already in front.
            f"{path}:{e.lineno}:{e.colno}: invalid JSON ({e.msg.removesuffix(' at')}); "
            "fix the file and run again"
        ) from None
    except _Duplicate:
        found = find_duplicate_key(text)
        key, pos = found if found else ("?", 0)
        line, col = line_col(text, pos)
        raise InputError(
            f'{path}:{line}:{col}: duplicate key "{key}" in one object; '
            "keep only one of them and run again"
        ) from None
    except _Constant as e:
        raise InputError(
            f"{path}: invalid JSON ({e.args[0]} is not a JSON number); "
            "use a number, a string or null and run again"
        ) from None
    except RecursionError:
        raise InputError(
            f"{path}: JSON nested too deeply to read; content files need only a few levels, "
            "fix the file and run again"
        ) from None
    return Document(path=path, text=text, data=data, bom=bom, snapshot=snapshot)
