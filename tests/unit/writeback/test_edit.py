"""Write-back: URLs go in, every other byte of the file stays where it was."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support import TESTS
from tests.support.markers import needs_modes
from tests.support.sweep import check_each, check_each_one
from tests.support.windows import whole_course
from tts_assets.content.document import parse_document
from tts_assets.content.item import JsonPath
from tts_assets.content.selection import select_types
from tts_assets.content.spec import builtin_types
from tts_assets.content.stream import Entries
from tts_assets.errors import InputError
from tts_assets.store.files import write_atomic
from tts_assets.writeback.edit import Rewritten, apply_urls

FIXTURES = TESTS / "fixtures" / "content"

CONTENT: list[dict[str, Any]] = [
    {"id": "k1", "character": "勝", "onyomi": ["ショウ"], "kunyomi": ["か.つ", "まさ.る"]},
    {
        "id": "v1",
        "word": "水",
        "audioUrl": None,
        "examples": [{"sentence": "水です。"}, {"sentence": "", "audioUrl": "/audio/old.mp3"}],
        "tags": [],
        "note": {},
    },
]
URLS: dict[JsonPath, str] = {
    (0, "audioUrl"): "/audio/sho.mp3",
    (0, "onyomiAudioUrls", 0): "/audio/sho.mp3",
    (0, "kunyomiAudioUrls", 1): "/audio/masaru.mp3",
    (1, "audioUrl"): "/audio/mizu.mp3",
    (1, "examples", 0, "audioUrl"): "/audio/mizu-desu.mp3",
}


def with_urls(data: Any, urls: dict[JsonPath, str]) -> Any:
    """What the data should be after write-back, built independently of the code under test."""
    data = json.loads(json.dumps(data))
    for path, url in urls.items():
        node = data
        for step, after in itertools.pairwise(path):
            if isinstance(step, int):
                node.extend([None] * (step + 1 - len(node)))
            elif step not in node:
                node[step] = None
            if node[step] is None:
                node[step] = {} if isinstance(after, str) else []
            node = node[step]
        last = path[-1]
        if isinstance(last, int):
            node.extend([None] * (last + 1 - len(node)))
        node[last] = url
    return data


def apply(raw: bytes, urls: dict[JsonPath, str]) -> bytes | None:
    return apply_urls(parse_document(Path("content.json"), raw), urls)


def dumps_style(**options: Any) -> Callable[[Any], str]:
    options.setdefault("ensure_ascii", False)
    return lambda data: json.dumps(data, **options)


STYLES: dict[str, Callable[[Any], str]] = {
    "2 spaces": dumps_style(indent=2),
    "4 spaces": dumps_style(indent=4),
    "tabs": dumps_style(indent="\t"),
    "JSON.stringify": dumps_style(separators=(",", ":")),
    "one line": dumps_style(),
    "escaped non-ASCII": dumps_style(indent=2, ensure_ascii=True),
}


def test_generated_files_change_only_in_url_fields() -> None:
    """Each style, with either line ending, a final newline or none, a BOM or none."""

    def case(style: str) -> None:
        check_each(
            _change_only_in_url_fields,
            [
                (style, newline, final_newline, bom)
                for newline in ("\n", "\r\n")
                for final_newline in (True, False)
                for bom in (False, True)
            ],
        )

    check_each_one(case, STYLES)


def _change_only_in_url_fields(style: str, newline: str, final_newline: bool, bom: bool) -> None:
    def encode(data: Any) -> bytes:
        text = STYLES[style](data).replace("\n", newline) + (newline if final_newline else "")
        return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")

    new = apply(encode(CONTENT), URLS)
    # Byte for byte what the same tool would write for the data with the URLs in it.
    assert new == encode(with_urls(CONTENT, URLS))


def test_hand_formatted_file_is_edited_surgically() -> None:
    urls: dict[JsonPath, str] = {
        ("items", 0, "audioUrl"): "/audio/1.mp3",
        ("items", 0, "examples", 0, "audioUrl"): "/audio/2.mp3",
        ("items", 0, "examples", 1, "audioUrl"): "/audio/3.mp3",
        ("items", 1, "audioUrl"): "/audio/4.mp3",
        ("items", 1, "onyomiAudioUrls", 0): "/audio/5.mp3",
        ("items", 1, "kunyomiAudioUrls", 0): "/audio/6.mp3",
        ("items", 2, "audioUrl"): "/audio/7.mp3",
        ("items", 2, "onyomiAudioUrls", 0): "/audio/a.mp3",
        ("items", 2, "onyomiAudioUrls", 1): "/audio/8.mp3",
    }
    raw = (FIXTURES / "hand_formatted.json").read_bytes()
    expected = (FIXTURES / "hand_formatted.expected.json").read_bytes()
    assert apply(raw, urls) == expected
    # The same edit with CRLF line ends, a BOM, and no final newline.
    crlf = raw.replace(b"\n", b"\r\n")
    assert apply(crlf, urls) == expected.replace(b"\n", b"\r\n")
    assert apply(b"\xef\xbb\xbf" + raw, urls) == b"\xef\xbb\xbf" + expected
    assert apply(raw.rstrip(b"\n"), urls) == expected.rstrip(b"\n")
    # Written once, nothing is left to change.
    assert apply(expected, urls) is None


SURGICAL_EDITS = [
    # a key missing from a one-line object goes after its last member
    ('[{"word": "水"}]', {(0, "audioUrl"): "/a"}, '[{"word": "水", "audioUrl": "/a"}]'),
    ('[{"word":"水"}]', {(0, "audioUrl"): "/a"}, '[{"word":"水","audioUrl":"/a"}]'),
    ('[{ "word" : "水" }]', {(0, "audioUrl"): "/a"}, '[{ "word" : "水", "audioUrl" : "/a" }]'),
    # an empty object or list, or null, is written anew on one line
    ("[{}]", {(0, "audioUrl"): "/a"}, '[{"audioUrl": "/a"}]'),
    ('[{"u": [ ]}]', {(0, "u", 1): "/a"}, '[{"u": [null, "/a"]}]'),
    ('[{"u": null}]', {(0, "u", 0): "/a"}, '[{"u": ["/a"]}]'),
    # a parallel list is padded with null up to the index
    ('[{"u": ["/x"]}]', {(0, "u", 2): "/a"}, '[{"u": ["/x", null, "/a"]}]'),
    ('[{"u": [null,  "/x"]}]', {(0, "u", 0): "/a"}, '[{"u": ["/a",  "/x"]}]'),
    # nested keys are created
    ('[{"w": 1}]', {(0, "audio", "url"): "/a"}, '[{"w": 1, "audio": {"url": "/a"}}]'),
    # strings with escapes and brackets, and odd numbers, stay exactly as written
    (
        '[{"s": "a\\"]}\\\\", "n": 1.0E+2, "audioUrl": "/old"}]',
        {(0, "audioUrl"): "/new"},
        '[{"s": "a\\"]}\\\\", "n": 1.0E+2, "audioUrl": "/new"}]',
    ),
]
"""(a file, the URLs to write, what the file holds then)"""


def test_surgical_edits() -> None:
    check_each(_edited_surgically, SURGICAL_EDITS, ids=lambda case: str(case[0]))


def _edited_surgically(text: str, urls: dict[JsonPath, str], expected: str) -> None:
    new = apply(text.encode(), urls)
    assert new is not None
    assert new.decode() == expected


def test_unchanged_is_none() -> None:
    raw = (json.dumps(with_urls(CONTENT, URLS), ensure_ascii=False, indent=2) + "\n").encode()
    assert apply(raw, URLS) is None
    assert apply(raw, {}) is None
    assert apply(b'[{"word": "x" , "audioUrl" : "/a"}]', {(0, "audioUrl"): "/a"}) is None


def test_a_url_cannot_replace_content() -> None:
    with pytest.raises(InputError, match=r"content.json › \[0\] › word: expected an object"):
        apply(b'[{"word": "x"}]', {(0, "word", "audioUrl"): "/a"})


def test_sample_data_round_trip(tmp_path: Path, sample_data: Path) -> None:
    for name in ("vocabulary.json", "grammar.json", "kanji.json", "readings.json"):
        shutil.copy(sample_data / name, tmp_path)
    types = select_types(builtin_types(), "all")
    loaded = whole_course(tmp_path, types)
    urls: dict[Path, dict[JsonPath, str]] = {}
    for n, item in enumerate(loaded.items):
        urls.setdefault(item.file, {})[item.url_path] = f"/audio/{item.type_name}/{n}.mp3"
    for path, doc in loaded.documents.items():
        new = apply_urls(doc, urls[path])
        assert new is not None
        write_atomic(path, new)

    again = whole_course(tmp_path, types)
    assert [i.spoken for i in again.items] == [i.spoken for i in loaded.items]
    for n, item in enumerate(again.items):
        assert again.value_at_url(item) == f"/audio/{item.type_name}/{n}.mp3"
    for path, doc in again.documents.items():
        assert apply_urls(doc, urls[path]) is None
        # Only URL fields were added: without them the file is the original, byte for byte.
        stripped = _without_urls(doc.data)
        original = (sample_data / path.name).read_bytes()
        assert (json.dumps(stripped, ensure_ascii=False, indent=2) + "\n").encode() == original


def _without_urls(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _without_urls(v)
            for k, v in value.items()
            if k not in ("audioUrl", "onyomiAudioUrls", "kunyomiAudioUrls")
        }
    if isinstance(value, list):
        return [_without_urls(v) for v in value]
    return value


# --- atomic writes ---------------------------------------------------------------------------


@needs_modes
def test_write_atomic_replaces_and_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "kanji.json"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["kanji.json"]

    fresh = tmp_path / "fresh.json"
    write_atomic(fresh, b"{}")
    assert fresh.read_bytes() == b"{}"
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


def test_write_atomic_failure_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kanji.json"
    path.write_bytes(b"old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["kanji.json"]


def streamed(raw: bytes, urls: dict[JsonPath, str], tmp: Path) -> bytes | None:
    """What `Rewritten` writes of the file `raw` (its top level a list), read, edited and
    written an entry at a time, each entry with the URLs of `urls` under it."""
    path = tmp / "content.json"
    path.write_bytes(raw)
    entries = Entries(path, [], keep=True)
    assert entries.start()
    written = Rewritten(entries)
    for _ in entries:
        n = len(entries.data) - 1
        written.entries({p: u for p, u in urls.items() if p[0] == n})
        entries.release()
    written.entries({})
    new = written.done()
    if new is None:
        return None
    with new:
        return new.read()


LIST_EDITS = [
    *[
        (f"{style}{newline!r}{bom}", STYLES[style](CONTENT).replace("\n", newline), bom)
        for style in STYLES
        for newline in ("\n", "\r\n")
        for bom in (False, True)
    ],
    *[(f"{text}", text, False) for text, _, _ in SURGICAL_EDITS],
    # one entry as json.dumps writes it, the next by hand: the whole file is edited in place
    ("mixed", '[\n  {\n    "w": 1\n  },\n  {"w": 2}\n]\n', False),
]
"""(a name, a file whose top level is a list, whether it starts with a BOM)"""


def test_a_file_written_an_entry_at_a_time_is_the_file_written_whole(tmp_path: Path) -> None:
    """A file of any size is written again as it is read, an entry at a time: each URL set
    where the whole file's write-back sets it, as json.dumps would write the file where it
    is so, else edited in place, byte for byte (each file of `LIST_EDITS`; each it fails
    on named)."""

    def written_whole(text: str, bom: bool) -> None:
        folder = Path(tempfile.mkdtemp(dir=tmp_path))  # a folder of its own
        raw = (b"\xef\xbb\xbf" if bom else b"") + (text + "\n").encode()
        data = json.loads(text)
        urls = {p: u for p, u in URLS.items() if p[0] < len(data) and isinstance(data[p[0]], dict)}
        urls |= {(n, "audioUrl"): f"/audio/{n}.mp3" for n in range(len(data))}
        assert streamed(raw, urls, folder) == apply(raw, urls)
        assert streamed(raw, {}, folder) is None

    check_each(written_whole, {name: (text, bom) for name, text, bom in LIST_EDITS})
