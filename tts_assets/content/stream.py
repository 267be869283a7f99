"""A content file's entries parsed one at a time: a course planned window by window.

`read_document` holds a file's text and every entry parsed, all at once.
`open_stream` reads a file whose top level is a list of entries a chunk at a time instead,
and parses each entry as the walk asks for it, with the decoder `parse_document` uses (the
entries are the same objects); the walk lets go of the entries it walked
(`Entries.release`).

Whatever the stream does not read as a list of entries is read whole by `read_document`,
which says what is wrong (`document`); a mistake after the first entry is raised when the
walk reaches it. Write-back reads the file again as a stream that keeps its text
(`Entries.keep`), an entry at a time, to write it again (`writeback.edit.Rewritten`).
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from ..store.files import READ_LIMIT, Snapshot, open_regular, snapshot_of, stat_key
from .document import BOM, Document, json_decoder, read_document

CHUNK = 1 << 20
"""Bytes read at a time: the stream's text holds about two of them."""

AHEAD = 1 << 18
"""Characters of entries parsed at once, ahead of the walk (`Entries._ahead`)."""

_SPACE = " \t\n\r"
"""JSON's whitespace (Python's `str.strip` strips more: a file starting with another space
is read whole, which refuses it as before)."""

_UTF16 = (b"\xff\xfe", b"\xfe\xff")


class _Whole(Exception):
    """The stream cannot read on: the file is read whole (`read_document`)."""


class Broken(Exception):
    """A stream that keeps the file's text (`Entries.keep`) cannot read on as a list of
    entries: its reader reads the file whole."""


class Entries:
    """The entries of a file whose top level is a list, parsed one at a time as they are
    iterated (once), each added to `data` (the document's list) as it is parsed.

    Once the list's end is read, `snapshot` is the file as read (None if it changed while
    it was read). With `keep`, the file's text is kept in `pieces` as it is walked, in
    order: what comes before the first entry, then each entry's text and what follows it
    (the comma and the spaces around it, after the last: the end of the list and the file),
    for a writer that copies the entries it does not change (`writeback.update`); no file
    that the stream cannot read as entries is read whole then: `Broken` is raised."""

    def __init__(self, path: Path, data: list[Any], *, keep: bool = False) -> None:
        self.path = path
        self.data = data
        self.keep = keep
        self.pieces: deque[str] = deque()
        self.snapshot: Snapshot | None = None
        self._hash = hashlib.sha256()
        self._stat: os.stat_result | None = None
        self._mark = 0
        """Where the text not yet in `pieces` starts (with `keep`)."""
        self._linked = False
        self._real = path
        self._released = 0
        self._file: BinaryIO | None = None
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._json = json_decoder()
        self._text = ""
        self._at = 0
        self._read = 0
        self._eof = False
        self.ended = False
        """The list's last entry was parsed."""
        self._between: str | None = None
        """What stood between the first two entries (a comma, the spaces the file puts
        around it), once met; "" once the entries ahead could not be parsed at once."""
        self._parsed: list[Any] = []
        """Entries parsed ahead of the walk (`_ahead`), in reverse order."""
        self.bom = False

    def start(self) -> bool:
        """Open the file and read up to its first entry: False where it is not a list of
        entries the stream reads (then read it whole)."""
        self._linked = self.path.is_symlink()
        self._real = Path(os.path.realpath(self.path))
        try:
            fd = open_regular(self._real)
        except OSError:
            return False
        self._file = os.fdopen(fd, "rb")
        try:
            self._stat = os.fstat(fd)
            first = self._file.read(max(CHUNK, len(BOM)))  # a BOM and UTF-16 told at once
            self._read = len(first)
            self._hash.update(first)
            self.bom = first.startswith(BOM)
            body = first[len(BOM) :] if self.bom else first
            if body.startswith(_UTF16):
                raise _Whole
            self._text = self._decoder.decode(body)
            self._eof = not first
            self._space()
            if not self._char("["):
                raise _Whole
            self._at += 1
            self._space()
            if self._eof_here() or self._char("]"):
                raise _Whole  # an empty list: its note is the whole read's
        except (_Whole, UnicodeDecodeError, OSError):
            self.close()
            return False
        self._kept(self._at)  # the list's start
        return True

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def release(self) -> None:
        """Let go of the entries parsed so far (their places in `data` kept, None)."""
        data = self.data
        for n in range(self._released, len(data)):
            data[n] = None
        self._released = len(data)

    def __iter__(self) -> Iterator[Any]:
        walked = 0
        try:
            while True:
                try:
                    entry = self._next()
                except (_Whole, UnicodeDecodeError, OSError):
                    if self.keep:
                        raise Broken(self.path) from None
                    break
                if entry is _END:
                    return
                self.data.append(entry)
                walked += 1
                yield entry
        finally:
            self.close()
        yield from self._whole(walked)

    def _whole(self, walked: int) -> Iterator[Any]:
        """The entries from the `walked`th on, the file read whole: `read_document` raises
        what is wrong with it."""
        read = read_document(self.path)
        whole = read.data
        if not isinstance(whole, list) or len(whole) < walked:
            raise InputError(f"{self.path}: changed while it was read; run again")
        self.snapshot = None  # not the bytes the first entries were parsed from
        for entry in whole[walked:]:
            self.data.append(entry)
            yield entry

    def _next(self) -> Any:
        """The next entry (the text is at its first character), the text then at the
        character after it; `_END` after the list's last."""
        if self._parsed:
            return self._parsed.pop()
        if self.ended:
            return _END
        while True:
            start = self._at
            try:
                entry, end = self._json.raw_decode(self._text, start)
            except json.JSONDecodeError:
                if self._eof:
                    raise _Whole from None
                self._more()
                continue
            except Exception:  # a duplicate key, NaN, nesting too deep: read whole
                raise _Whole from None
            after = end
            while after < len(self._text) and self._text[after] in _SPACE:
                after += 1
            if after == len(self._text) and not self._eof:
                self._more()  # a number's end, or the list's, is where the next thing is
                continue
            self._at = after
            break
        if self.keep:
            self._mark = start
            self._kept(end)  # the entry's text
        if self._char(","):
            self._at += 1
            self._space()
            if self.keep:
                self._kept(self._at)  # what follows it
            elif self._between is None and self._char("{"):
                self._between = self._text[end : self._at]
            elif self._between:
                self._ahead(self._between)
            return entry
        if not self._char("]"):
            raise _Whole
        self._at += 1
        self._space()
        if not self._eof_here():
            raise _Whole  # extra data after the list
        self._kept(len(self._text))  # the end of the list, and of the file
        self.ended = True
        return entry

    def _kept(self, end: int) -> None:
        """With `keep`: the text from `_mark` up to `end` into `pieces`."""
        if self.keep:
            self.pieces.append(self._text[self._mark : end])
            self._mark = end

    def _ahead(self, between: str) -> None:
        """Parse the entries of the text ahead as one list (`AHEAD` characters at most), as
        `json.loads` parses a whole file: the decoder called once, not once an entry.

        The text up to where an object ends, `between` follows (what stood between the
        first two entries) and another object starts is tried as a list: valid JSON only
        when it ends at an entry's end (a string or an inner object would be left open).
        Where it is not, the entries are parsed one by one from then on."""
        text, at = self._text, self._at
        mark = "}" + between + "{"
        end = text.rfind(mark, at, at + AHEAD)
        if end < 0:
            return
        try:
            found, stop = self._json.raw_decode("[" + text[at : end + 1] + "]")
        except Exception:  # a mistake, or no entry's end: one by one (`_next`)
            self._between = ""
            return
        if stop != end + 3 - at or type(found) is not list:
            self._between = ""
            return
        found.reverse()
        self._parsed = found
        self._at = end + len(mark) - 1

    def _char(self, char: str) -> bool:
        return self._at < len(self._text) and self._text[self._at] == char

    def _eof_here(self) -> bool:
        return self._at >= len(self._text) and self._eof

    def _space(self) -> None:
        """Skip JSON's whitespace, reading on where the text ends before the file does."""
        while True:
            text = self._text
            while self._at < len(text) and text[self._at] in _SPACE:
                self._at += 1
            if self._at < len(text) or self._eof:
                return
            self._more()

    def _more(self) -> None:
        """Read the next chunk onto the text (what was parsed dropped)."""
        assert self._file is not None
        chunk = self._file.read(CHUNK)
        self._read += len(chunk)
        if self._read > READ_LIMIT:
            raise _Whole
        self._hash.update(chunk)
        more = self._decoder.decode(chunk, final=not chunk)
        cut = min(self._at, self._mark) if self.keep else self._at
        self._text = self._text[cut:] + more
        self._at -= cut
        self._mark -= cut
        self._eof = not chunk
        if not self._eof:
            return
        # The file read to its end: `snapshot`, unless it changed meanwhile.
        assert self._stat is not None
        before, after = self._stat, os.fstat(self._file.fileno())
        if stat_key(before) == stat_key(after) and after.st_size == self._read:
            sha256 = self._hash.hexdigest()
            self.snapshot = snapshot_of(self.path, self._real, self._linked, after, sha256)


_END = object()


def open_stream(path: Path, *, keep: bool = False) -> Document:
    """The document at `path` with its entries to be parsed as they are walked
    (`Document.entries`), or read whole (`read_document`) where the stream does not read
    it (the module docstring; with `keep`, `Broken` is raised instead); InputError as
    `read_document` raises it."""
    entries = Entries(path, [], keep=keep)
    if not entries.start():
        if keep:
            raise Broken(path)
        return read_document(path)
    return Document(path=path, text="", data=entries.data, bom=entries.bom, entries=entries)
