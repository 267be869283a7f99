"""Where values sit in a JSON text: character spans for surgical edits and error lines.

The scanner works on text that `json.loads` already accepted, so it only has to find
boundaries, not to validate. It is lazy: a container's members are located the first
time a path goes through it, and each container is scanned once per `SpanIndex`.
Strings are matched whole by one regular expression, escapes included, so brackets and
quotes inside strings never confuse it; nothing recurses, so depth is no limit.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .item import JsonPath

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_SCALAR = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")
# Inside a container: whole strings (so their contents are never read as syntax) and
# brackets; a string followed by ":" is an object key.
_TOKEN = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*")(\s*:)?|[\[\]{}]', re.S)


@dataclass(frozen=True)
class Member:
    """One `"key": value` of an object: where its key and its value are."""

    key: str
    key_start: int
    key_end: int
    value_start: int
    value_end: int


@dataclass(frozen=True)
class Container:
    """An object or list: its brackets and its members (objects) or elements (lists)."""

    start: int
    """Position of `{` or `[`."""
    end: int
    """Position just after `}` or `]`."""
    members: tuple[Member, ...]
    """Object members in order; for a list, `key` is "" and the key span is empty."""
    opener: str
    """`{` or `[`."""

    @property
    def is_object(self) -> bool:
        return self.opener == "{"


def value_end(text: str, pos: int) -> int:
    """The position just after the JSON value that starts at `pos`."""
    ch = text[pos]
    if ch == '"':
        m = _STRING.match(text, pos)
    elif ch in "[{":
        depth = 0
        for t in _TOKEN.finditer(text, pos):
            c = t.group()
            if c in "[{":
                depth += 1
            elif c in "]}":
                depth -= 1
                if depth == 0:
                    return t.end()
        m = None
    else:
        m = _SCALAR.match(text, pos)
    if m is None:
        raise ValueError(f"no JSON value at {pos}")
    return m.end()


def _skip_ws(text: str, pos: int) -> int:
    m = _WS.match(text, pos)
    return m.end() if m else pos


def scan_container(text: str, start: int) -> Container:
    """The members or elements of the object or list whose bracket is at `start`."""
    opener = text[start]
    members: list[Member] = []
    pos = _skip_ws(text, start + 1)
    closer = "}" if opener == "{" else "]"
    while text[pos] != closer:
        if opener == "{":
            key_end = _STRING.match(text, pos).end()  # type: ignore[union-attr]
            raw = text[pos:key_end]
            key = json.loads(raw) if "\\" in raw else raw[1:-1]
            key_start = pos
            pos = _skip_ws(text, key_end)  # at ":"
            pos = _skip_ws(text, pos + 1)
        else:
            key, key_start, key_end = "", pos, pos
        end = value_end(text, pos)
        members.append(Member(key, key_start, key_end, pos, end))
        pos = _skip_ws(text, end)
        if text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
    return Container(start, pos + 1, tuple(members), opener)


class SpanIndex:
    """Finds the span of any path in one JSON text, scanning each container once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.root = _skip_ws(text, 0)
        self._containers: dict[int, Container] = {}

    def container(self, start: int) -> Container:
        """The object or list whose opening bracket is at `start` (cached)."""
        found = self._containers.get(start)
        if found is None:
            found = self._containers[start] = scan_container(self.text, start)
        return found

    def find(self, path: JsonPath) -> tuple[int, int] | None:
        """The (start, end) of the value at `path`, or None if it is not in the text."""
        if not path:
            return self.root, value_end(self.text, self.root)
        start = end = self.root
        for step in path:
            if self.text[start] not in "[{":
                return None
            box = self.container(start)
            if isinstance(step, str):
                if not box.is_object:
                    return None
                member = next((m for m in reversed(box.members) if m.key == step), None)
            else:
                if box.is_object or step >= len(box.members):
                    return None
                member = box.members[step]
            if member is None:
                return None
            start, end = member.value_start, member.value_end
        return start, end


def find_duplicate_key(text: str) -> tuple[str, int] | None:
    """The first key that repeats within one object, and the position of the repeat."""
    stack: list[set[str] | None] = []
    for t in _TOKEN.finditer(text):
        c = t.group()
        if c == "{":
            stack.append(set())
        elif c == "[":
            stack.append(None)
        elif c in "]}":
            if stack:
                stack.pop()
        elif t.group(2) and stack and stack[-1] is not None:
            raw = t.group(1)
            key = json.loads(raw) if "\\" in raw else raw[1:-1]
            if key in stack[-1]:
                return key, t.start()
            stack[-1].add(key)
    return None


def line_col(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of a position, as editors show them."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1
