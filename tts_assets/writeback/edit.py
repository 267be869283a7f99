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
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO

from ..content.document import BOM, Document
from ..content.item import JsonPath, describe_path, value_at
from ..content.selector import kind_of
from ..content.spans import SpanIndex
from ..content.stream import Broken
from ..errors import InputError

_ABSENT: Any = object()


def apply_urls(doc: Document, urls: Mapping[JsonPath, object]) -> bytes | None:
    """The file's new bytes with each value (a URL, null, a clip's word timings) set at its
    path, or None if nothing changes. Missing keys are created; a parallel URL list is
    created or extended with null up to the index. InputError if a value on the way is not
    a container."""
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


def _set(doc: Document, data: Any, path: JsonPath, url: object, base: JsonPath = ()) -> bool:
    """Set `url` at `path` in `data` (the value at `base` in `doc`), creating what is
    missing; True if it changed."""
    container = data
    for n, step in enumerate(path):
        if isinstance(step, str) and isinstance(container, dict):
            held = container.get(step, _ABSENT)
        elif isinstance(step, int) and isinstance(container, list):
            if len(container) <= step:
                container.extend([None] * (step + 1 - len(container)))
            held = container[step]
        else:
            want = "an object" if isinstance(step, str) else "a list"
            raise InputError(
                f"{describe_path(doc.path, base + path[:n])}: expected {want} to hold a URL, "
                f"found {kind_of(container)}; fix the entry"
            )
        if n == len(path) - 1:
            if held == url:
                return False
            container[step] = url
            return True
        if held is None or held is _ABSENT:
            held = container[step] = {} if isinstance(path[n + 1], str) else []
        container = held
    raise ValueError("a URL path cannot be empty")  # the loop returns at its last step


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
        return self.prefix + self.body(data) + self.suffix

    def body(self, data: Any, *, nested: bool = False) -> str:
        """`data` as json.dumps writes it (`nested`: an entry of the top-level list)."""
        body = json.dumps(
            data, indent=self.indent, separators=self.separators, ensure_ascii=self.ensure_ascii
        )
        if nested and self.indent is not None:
            body = body.replace("\n", "\n" + self.indent)
        if self.newline != "\n":
            body = body.replace("\n", self.newline)
        return body

    def head(self) -> str:  # before the first entry of the top-level list
        return "[" + ("" if self.indent is None else self.newline + self.indent)

    def between(self) -> str:
        if self.indent is None:
            return self.separators[0]
        return "," + self.newline + self.indent

    def tail(self) -> str:  # after the last entry of the top-level list
        return ("" if self.indent is None else self.newline) + "]"


_FIRST_INDENT = re.compile(r"\n([ \t]*)\S")


def _detect_style(doc: Document) -> _Style | None:
    """The style that re-serializes `doc` byte for byte, or None (hand-formatted)."""
    text = doc.text
    body = text.strip(" \t\r\n")
    start = text.index(body[0])
    styles = _styles(body, text[:start], text[start + len(body) :], body.isascii())
    return next((style for style in styles if style.render(doc.data) == text), None)


def _styles(text: str, prefix: str, suffix: str, ascii_too: bool = True) -> list[_Style]:
    """The styles json.dumps may have written `text` (a file's body, or what comes before
    its first entry) in."""
    layouts: list[tuple[str | None, tuple[str, str], str]]
    if "\n" not in text:
        layouts = [(None, (", ", ": "), "\n"), (None, (",", ":"), "\n")]
    else:
        m = _FIRST_INDENT.search(text)
        layouts = [(m.group(1) if m else "", (",", ": "), "\r\n" if "\r\n" in text else "\n")]
    return [
        _Style(indent, separators, ensure_ascii, newline, prefix, suffix)
        for ensure_ascii in ((False, True) if ascii_too else (False,))
        for indent, separators, newline in layouts
    ]


class Rewritten:
    """A content file whose top level is a list, written again an entry at a time as it is
    read (`update.write_back_file`), with the URLs of each entry set: an entry changed is
    written as the whole file would be (`apply_urls`), as json.dumps writes it where the
    whole file is so (`_Style`), else edited in place (`_edit`). Which one is known only
    at the end, so while some entry is written otherwise each way, both are written, to
    temporary files. Memory: an entry at a time, whatever the file's size."""

    def __init__(self, entries: Any) -> None:
        self.source = entries
        """The file read as a stream keeping its text (`content.stream.Entries`)."""
        self.count = 0
        self.styles: list[_Style] | None = None
        """The styles the file may still be written in (None: its start not read yet)."""
        self.changed = False
        self.edited: BinaryIO = tempfile.TemporaryFile()  # noqa: SIM115 (closed by `done`, `close`)
        self.rendered: BinaryIO | None = None
        """The file as written in `rendered_in`, once an entry is written otherwise in it."""
        self.rendered_in: _Style | None = None
        if entries.bom:
            self.edited.write(BOM)

    def entries(self, urls: Mapping[JsonPath, object]) -> None:
        """Write every entry read so far, each with the URLs of `urls` under it set."""
        data, pieces = self.source.data, self.source.pieces
        if self.styles is None:
            head = pieces.popleft()
            start = head.index("[")
            styles = _styles(head[start + 1 :] + "{", head[:start], "")
            self.styles = [s for s in styles if s.prefix + s.head() == head]
            self._write(head, head)
        by_entry: dict[int, dict[JsonPath, object]] = {}
        for path, url in urls.items():
            by_entry.setdefault(int(path[0]), {})[path[1:]] = url
        for n in range(self.count, len(data)):
            text, after = pieces.popleft(), pieces.popleft()
            value = data[n]
            last = self.source.ended and n == len(data) - 1
            self.styles = [
                s
                for s in self.styles
                if s.body(value, nested=True) == text
                and (
                    after.startswith(s.tail()) and not after[len(s.tail()) :].strip(" \t\r\n")
                    if last
                    else after == s.between()
                )
            ]
            mine = by_entry.get(n)
            if mine:
                self._entry(n, text, value, mine)
            else:
                self._write(text, text)
            self._write(after, after)
        self.count = len(data)

    def _entry(self, n: int, text: str, value: Any, urls: Mapping[JsonPath, object]) -> None:
        doc = Document(self.source.path, text=text, data=value, bom=False)
        new = json.loads(text)  # a private copy: the entry is the loader's
        changed = False
        for path, url in urls.items():
            changed |= _set(doc, new, path, url, base=(n,))
        if not changed:
            self._write(text, text)
            return
        self.changed = True
        edited = _edit(doc, new, urls)
        style = self.rendered_in or (self.styles[0] if self.styles else None)
        rendered = style.body(new, nested=True) if style is not None else edited
        for made in {edited, rendered}:
            if json.loads(made) != new:  # never write a file that says something else
                raise RuntimeError(f"write-back of {doc.path} went wrong; it was not written")
        self._write(edited, rendered)

    def _write(self, edited: str, rendered: str) -> None:
        """`edited` into the file edited in place; `rendered` into the file written as
        json.dumps writes it, begun (as a copy of the first) where they first differ."""
        if self.rendered is None and edited != rendered and self.styles:
            self.rendered_in = self.styles[0]
            self.rendered = tempfile.TemporaryFile()  # noqa: SIM115 (as `edited`)
            self.edited.seek(0)
            shutil.copyfileobj(self.edited, self.rendered)
        self.edited.write(edited.encode())
        if self.rendered is not None:
            self.rendered.write(rendered.encode())

    def done(self) -> BinaryIO | None:
        """The file written (at its start), None when no entry changed."""
        if not self.changed:
            self.close()
            return None
        styles = self.styles or []
        chosen: BinaryIO = self.edited
        other = self.rendered
        if self.rendered is not None and styles:
            if styles[0] is not self.rendered_in:
                self.close()
                raise Broken(self.source.path)  # two styles alike so far: read whole
            chosen, other = self.rendered, self.edited
        if other is not None:
            other.close()
        chosen.seek(0)
        return chosen

    def close(self) -> None:
        self.edited.close()
        if self.rendered is not None:
            self.rendered.close()


def inline(value: Any) -> str:
    """A value as JSON on one line, as a hand-formatted file and a report write it."""
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
        new = value_at(data, path)
        if old != new:
            span = index.find(path)
            assert span is not None
            edits.append((*span, inline(new)))
    for path in grown:
        edits.append(_grow(index, path, value_at(doc.data, path), value_at(data, path)))
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


def _grow(index: SpanIndex, path: JsonPath, old: Any, new: Any) -> tuple[int, int, str]:
    """The edit that gives the existing value at `path` its new members or elements."""
    text = index.text
    span = index.find(path)
    assert span is not None
    if old is None or not (isinstance(old, dict | list) and old):
        # null, {} or []: the whole value is written anew, on one line.
        return (*span, inline(new))
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
        f",{spacing}{inline(k) + colon if box.is_object else ''}{inline(v)}" for k, v in added
    )
    return last.value_end, last.value_end, "".join(members)
