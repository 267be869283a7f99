"""Write-back: put clip URLs into a content file and change nothing else in it.

Two ways, chosen per file:

- If re-serializing the parsed JSON reproduces the file exactly (files written by
  `json.dumps(..., indent=N, ensure_ascii=False)` or `JSON.stringify(x, null, N)`, with
  2 or 4 spaces or tabs, LF or CRLF, with or without the final newline), the URLs are
  set in the data and the file is serialized the same way.
- Otherwise (hand-formatted files: short lists on one line, `"a" : 1`, escaped
  non-ASCII, `1.50`...) the text is edited surgically: an existing URL value's span is
  replaced, a missing key is inserted after the last member of its object with the same
  indentation and separator as that member, a parallel list is extended after its last
  element. Nothing else moves.

Either way key order, non-ASCII text, line endings, the final newline and a UTF-8 byte
order mark are kept, and the result is checked to parse to the intended data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..content.document import BOM, Document
from ..content.item import JsonPath, describe_path
from ..content.selector import kind_of
from ..content.spans import SpanIndex
from ..errors import InputError

_ABSENT: Any = object()


def apply_urls(doc: Document, urls: Mapping[JsonPath, object]) -> bytes | None:
    """The file's new bytes with each URL set at its path, or None if nothing changes.

    A None URL clears the place to null; a value that is not a string (a clip's word
    timings, `segments`) is written as the JSON it is.

    Missing keys are created on their entry or example; a parallel URL list is created
    or extended with null up to the index. Raises InputError if a value on the way is
    not a container (the loader has checked this for every item it returned).
    """
    if not urls:
        return None
    data = json.loads(doc.text)  # a private copy: doc.data is shared with the loader
    changed = False
    for path, url in urls.items():
        changed |= _set(doc, data, path, url)
    if not changed:
        return None
    style = _detect_style(doc)
    text = style.render(data) if style else _edit(doc, data, urls)
    if text == doc.text:
        return None
    if json.loads(text) != data:  # never write a file that says something else
        raise RuntimeError(f"write-back of {doc.path} went wrong; the file was not written")
    return (BOM if doc.bom else b"") + text.encode("utf-8")


def _set(doc: Document, data: Any, path: JsonPath, url: object) -> bool:
    """Set `url` at `path` in `data`, creating what is missing; True if it changed."""
    if not path:
        raise ValueError("a URL path cannot be empty")
    container = data
    for n, step in enumerate(path):
        last = n == len(path) - 1
        if isinstance(step, str) and isinstance(container, dict):
            if last:
                if container.get(step, _ABSENT) == url:
                    return False
                container[step] = url
                return True
            child = container.get(step)
            if child is None:
                child = container[step] = {} if isinstance(path[n + 1], str) else []
        elif isinstance(step, int) and isinstance(container, list):
            if len(container) <= step:
                container.extend([None] * (step + 1 - len(container)))
            if last:
                if container[step] == url:
                    return False
                container[step] = url
                return True
            child = container[step]
            if child is None:
                child = container[step] = {} if isinstance(path[n + 1], str) else []
        else:
            want = "an object" if isinstance(step, str) else "a list"
            raise InputError(
                f"{describe_path(doc.path, path[:n])}: expected {want} to hold a URL, "
                f"found {kind_of(container)}; fix the entry"
            )
        container = child
    return True  # pragma: no cover - the loop always returns at the last step


# --- the fast path: files json.dumps would write -------------------------------------


@dataclass(frozen=True)
class _Style:
    """A json.dumps configuration, plus what surrounds the value, that reproduces a file."""

    indent: str | None
    separators: tuple[str, str]
    ensure_ascii: bool
    newline: str
    prefix: str
    suffix: str

    def render(self, data: Any) -> str:
        body = json.dumps(
            data, indent=self.indent, separators=self.separators, ensure_ascii=self.ensure_ascii
        )
        if self.newline != "\n":
            body = body.replace("\n", self.newline)
        return self.prefix + body + self.suffix


_FIRST_INDENT = re.compile(r"\n([ \t]*)\S")


def _detect_style(doc: Document) -> _Style | None:
    """The style that re-serializes `doc` byte for byte, or None (hand-formatted)."""
    text = doc.text
    body = text.strip(" \t\r\n")
    start = text.index(body[0])
    prefix, suffix = text[:start], text[start + len(body) :]
    newline = "\r\n" if "\r\n" in body else "\n"
    layouts: list[tuple[str | None, tuple[str, str]]]
    if "\n" in body:
        m = _FIRST_INDENT.search(body)
        layouts = [(m.group(1) if m else "", (",", ": "))]
    else:
        layouts = [(None, (", ", ": ")), (None, (",", ":"))]
    for ensure_ascii in (False, True) if body.isascii() else (False,):
        for indent, separators in layouts:
            style = _Style(indent, separators, ensure_ascii, newline, prefix, suffix)
            if style.render(doc.data) == text:
                return style
    return None


# --- the surgical path: hand-formatted files -----------------------------------------


def _inline(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _edit(doc: Document, data: Any, urls: Mapping[JsonPath, object]) -> str:
    """`doc.text` with only the URL places changed so that it parses to `data`."""
    text = doc.text
    index = SpanIndex(text)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in the old text
    grown: dict[JsonPath, None] = {}  # existing containers that gain members, in order
    for path in urls:
        old = doc.data
        n = 0
        while n < len(path) and (child := _child(old, path[n])) is not _ABSENT:
            old = child
            n += 1
        if n < len(path):
            grown[path[:n]] = None
            continue
        new = _value(data, path)
        if old != new:
            span = index.find(path)
            assert span is not None
            edits.append((*span, _inline(new)))
    for path in grown:
        edits.append(_grow(index, path, _value(doc.data, path), _value(data, path)))
    pieces: list[str] = []
    done = 0
    # Insertions sit at a value's end, replacements start at a value's start: no overlaps.
    for start, end, replacement in sorted(edits, key=lambda e: e[0]):
        pieces += (text[done:start], replacement)
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _child(value: Any, step: str | int) -> Any:
    if isinstance(step, str):
        return value.get(step, _ABSENT) if isinstance(value, dict) else _ABSENT
    if isinstance(value, list) and step < len(value):
        return value[step]
    return _ABSENT


def _value(data: Any, path: JsonPath) -> Any:
    for step in path:
        data = data[step]
    return data


def _grow(index: SpanIndex, path: JsonPath, old: Any, new: Any) -> tuple[int, int, str]:
    """The edit that gives the existing value at `path` its new members or elements."""
    text = index.text
    span = index.find(path)
    assert span is not None
    if old is None or not (isinstance(old, dict | list) and old):
        # null, {} or []: the whole value is written anew, on one line.
        return (*span, _inline(new))
    box = index.container(span[0])
    if isinstance(old, dict):
        added = [(k, v) for k, v in new.items() if k not in old]
    else:
        added = [("", v) for v in new[len(old) :]]
    last = box.members[-1]
    if len(box.members) > 1:
        gap = text[box.members[-2].value_end : last.key_start]
        spacing = gap[gap.index(",") + 1 :]
    else:
        spacing = text[box.start + 1 : last.key_start]
    colon = text[last.key_end : last.value_start]
    if not spacing and (" " in colon or not box.is_object):
        spacing = " "
    members = (
        f",{spacing}{_inline(k) + colon if box.is_object else ''}{_inline(v)}" for k, v in added
    )
    return last.value_end, last.value_end, "".join(members)
