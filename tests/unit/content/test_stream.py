"""A content file's entries parsed one at a time (`content.stream`): the same entries
`read_document` parses, whatever the chunks cut through; every file it does not read as a
list of entries read whole, its mistake said in the very words `read_document` says it."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support.sweep import check_each_one
from tts_assets.content import stream
from tts_assets.content.document import BOM, read_document
from tts_assets.errors import InputError

ENTRIES: list[Any] = [
    {"word": "水", "audioUrl": None, "examples": [{"sentence": "みずです。"}]},
    {"word": 'a "quoted" ] and [ brackets, }{', "n": -1.5e3, "ok": True, "none": None},
    [1, [2, [3, {"deep": "😀"}]]],
    12345678901234567890,
    "ことば",
    0.25,
    None,
    False,
    {"": "", "\\": "\u3000", "tab\t": "\U0001f600"},
]
OBJECTS: list[Any] = [
    {"n": n, "word": f"語{n}", "examples": [{"s": "},\n{"}, {"s": f"{n}"}], "more": {}}
    for n in range(60)
]
"""Entries that are objects, some of their values objects, as most content files hold:
parsed many at once where lines part them (`Entries._ahead`). Each file of them is read in
chunks of a byte too (`CHUNKS`), most of this module's time: a few dozen show it."""
MISTAKE_AT = 45
"""The object the mistakes "after many objects" are in (`BAD`)."""
GOOD: dict[str, bytes] = {
    "compact": json.dumps(ENTRIES, ensure_ascii=False, separators=(",", ":")).encode(),
    "indented": json.dumps(ENTRIES, ensure_ascii=False, indent=1).encode(),
    "escaped": json.dumps(ENTRIES).encode(),
    "spaces everywhere": b' \r\n\t[ \n1 ,\t2\r\n, {"a" : [ ] } , 3 ] \n\n ',
    "bom": BOM + json.dumps(ENTRIES, ensure_ascii=False).encode(),
    "one number": b"[7]",
    "one number then space": b"[70 ]\n",
    "objects indented": json.dumps(OBJECTS, ensure_ascii=False, indent=1).encode(),
    "objects each on its line": b"[\n"
    + b",\n".join(json.dumps(o, ensure_ascii=False).encode() for o in OBJECTS)
    + b"\n]\n",
    # Every line at the left: an object within an entry parts from the next as entries do.
    "objects at the left": json.dumps(OBJECTS, ensure_ascii=False, indent=0).encode(),
    "objects compact": json.dumps(OBJECTS, ensure_ascii=False, separators=(",", ":")).encode(),
    "objects then others": json.dumps([*OBJECTS, 1, [2], "x"], indent=1).encode(),
}
BAD: dict[str, bytes] = {
    "duplicate key late": b'[{"a": 1}, {"b": 2},\n {"c": 3, "c": 4}]',
    "duplicate key after many objects": json.dumps(OBJECTS, indent=1)
    .replace(f'"n": {MISTAKE_AT},', f'"n": {MISTAKE_AT}, "n": {MISTAKE_AT},')
    .encode(),
    "NaN after many objects": json.dumps(OBJECTS, indent=1)
    .replace(f'"n": {MISTAKE_AT}', '"n": NaN')
    .encode(),
    "missing comma after many objects": b"[\n"
    + b",\n".join(json.dumps(o).encode() for o in OBJECTS[:MISTAKE_AT])
    + b"\n"
    + b",\n".join(json.dumps(o).encode() for o in OBJECTS[MISTAKE_AT:])
    + b"\n]",
    "NaN late": b'[{"a": 1}, {"b": NaN}]',
    "Infinity": b"[1, -Infinity]",
    "trailing comma": b'[{"a": 1},]',
    "missing comma": b'[{"a": 1} {"b": 2}]',
    "unterminated": b'[{"a": 1}, {"b": ',
    "unterminated list": b'[{"a": 1}, {"b": 2}',
    "extra data": b'[{"a": 1}] {"b": 2}',
    "extra list": b"[1][2]",
    "invalid UTF-8 late": b'[{"a": "x"}, {"b": "\xff"}]',
    "cut UTF-8 at the end": b'[{"a": "x"}, "\xe6\xb0',
    "UTF-16": "[1]".encode("utf-16"),
    "empty": b"",
    "only space": b" \n ",
    "a wide space first": "\u3000[1]".encode(),
    "two BOMs": BOM + BOM + b"[1]",
    "too deep": b"[" + b"[" * 100_000 + b"]" * 100_000 + b"]",
    "a Git LFS pointer": b"version https://git-lfs.github.com/spec/v1\noid sha256:"
    + b"0" * 64
    + b"\nsize 12345\n",
    "a bad constant": b"[1, nul]",
    "a bare word": b"[1, True]",
}
READ_WHOLE: dict[str, bytes] = {
    "an object": b'{"words": [1, 2]}',
    "an empty list": b"[]",
    "an empty list with space": b"[ \n ]\n",
    "a string": b'"[1]"',
    "null": b"null",
}


def _streamed(path: Path) -> list[Any]:
    doc = stream.open_stream(path)
    if doc.entries is None:
        return list(doc.data)
    return list(doc.entries)


def _error(read: Any, path: Path) -> str:
    with pytest.raises(InputError) as raised:
        read(path)
    return str(raised.value)


CHUNKS = [1, 2, 3, 7, 64, stream.CHUNK]
"""Chunks that cut the text anywhere: inside a number, a character's bytes, a string."""


@pytest.fixture(params=CHUNKS)
def chunk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """The stream reading chunks of each size of `CHUNKS`, one test each."""
    size: int = request.param
    monkeypatch.setattr(stream, "CHUNK", size)
    return size


def _in_each_chunk(check: Callable[[], object]) -> None:
    """`check` with the stream reading chunks of each size of `CHUNKS` (one test for them
    all; each size it fails at named)."""

    def at(size: int) -> None:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(stream, "CHUNK", size)
            check()

    check_each_one(at, CHUNKS, ids=lambda size: f"chunks of {size}")


def test_the_entries_are_what_the_whole_file_parses_to(tmp_path: Path) -> None:
    """Each file of `GOOD` (one test for them all; each it fails on named)."""

    def parsed_alike(name: str) -> None:
        path = Path(tempfile.mkdtemp(dir=tmp_path)) / "words.json"  # a file of its own
        path.write_bytes(GOOD[name])
        whole = read_document(path)

        def streamed() -> None:
            doc = stream.open_stream(path)
            assert doc.entries is not None  # read as a stream, not whole
            assert list(doc.entries) == whole.data
            assert doc.data == whole.data  # each entry kept in the document's list as it came
            assert doc.bom == whole.bom
            assert doc.text == ""

        _in_each_chunk(streamed)

    check_each_one(parsed_alike, GOOD, ids=str)


def test_a_mistake_is_said_as_the_whole_read_says_it(tmp_path: Path) -> None:
    """Each file of `BAD` (one test for them all; each it fails on named)."""

    def said_alike(name: str) -> None:
        path = Path(tempfile.mkdtemp(dir=tmp_path)) / "words.json"  # a file of its own
        path.write_bytes(BAD[name])
        expected = _error(read_document, path)

        def streamed() -> None:
            assert _error(_streamed, path) == expected

        _in_each_chunk(streamed)

    check_each_one(said_alike, BAD, ids=str)


def test_what_is_not_a_list_of_entries_is_read_whole(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    def case(name: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        path = tmp_path / "words.json"
        path.write_bytes(READ_WHOLE[name])
        doc = stream.open_stream(path)
        assert doc.entries is None
        assert doc.data == read_document(path).data

    check_each_one(case, list(READ_WHOLE))


def test_a_missing_file_is_said_as_the_whole_read_says_it(tmp_path: Path) -> None:
    path = tmp_path / "words.json"
    assert _error(stream.open_stream, path) == _error(read_document, path)
    path.mkdir()
    assert _error(stream.open_stream, path) == _error(read_document, path)


def test_the_entries_walked_are_let_go_their_places_kept(tmp_path: Path, chunk: int) -> None:
    path = tmp_path / "words.json"
    path.write_text(json.dumps([{"n": n} for n in range(50)]), encoding="utf-8")
    doc = stream.open_stream(path)
    assert isinstance(doc.entries, stream.Entries)
    held = []
    for n, entry in enumerate(doc.entries):
        assert entry == {"n": n}
        assert doc.data[n] is entry  # the place an item names holds its entry
        held.append(sum(e is not None for e in doc.data))
        if n % 10 == 9:
            doc.entries.release()
    assert len(doc.data) == 50
    assert max(held) == 10  # never more than the entries since the last release
    assert doc.data[:40] == [None] * 40


def test_the_stream_reads_a_chunk_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stream, "CHUNK", 1000)
    path = tmp_path / "words.json"
    path.write_text(json.dumps([{"word": "x" * 50}] * 2000), encoding="utf-8")
    doc = stream.open_stream(path)
    assert isinstance(doc.entries, stream.Entries)
    entries = doc.entries
    longest = 0
    for _ in entries:
        longest = max(longest, len(entries._text))
    assert longest < 2200  # about two chunks of the file's 122,000 bytes, never all of it


@pytest.mark.parametrize("name", [name for name in BAD if name.endswith("after many objects")])
def test_a_mistake_after_entries_parsed_at_once_is_said_as_the_whole_read_says_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """The entries before the mistake parsed many at once (`Entries._ahead`, a few hundred
    characters at a time here), then the mistake met as one entry is."""
    monkeypatch.setattr(stream, "AHEAD", 400)
    at_once = []
    ahead = stream.Entries._ahead

    def counted(self: stream.Entries, between: str) -> None:
        ahead(self, between)
        at_once.append(len(self._parsed))

    monkeypatch.setattr(stream.Entries, "_ahead", counted)
    path = tmp_path / "words.json"
    path.write_bytes(BAD[name])
    expected = _error(read_document, path)
    assert _error(_streamed, path) == expected
    assert sum(at_once) > MISTAKE_AT * 2 // 3  # most entries before the mistake at once
