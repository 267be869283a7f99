"""A course's texts loaded a window at a time (`content.windows`): together the windows are
what one window with room for the whole course finds, in its order; each holds whole
entries and no more than its own files; a file is let go once every type reading it walked it."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.support.windows import whole_course
from tts_assets.content import selection as content_selection
from tts_assets.content import spec as content_spec
from tts_assets.content.load import LoadResult
from tts_assets.content.windows import load_windows

TOML = """
[types.vocabulary]
file = "vocabulary.json"

[[types.vocabulary.fields]]
text = "word"
url = "audioUrl"

[[types.vocabulary.fields]]
text = "examples[].sentence"
url = "examples[].audioUrl"

[types.letters]
file = "chart.json"
where = { type = ["kana"] }

[[types.letters.fields]]
text = "char"
url = "audioUrl"

[types.glyphs]
file = "chart.json"
where = { type = ["kanji"] }

[[types.glyphs.fields]]
text = "char"
url = "audioUrl"
"""

VOCABULARY: list[dict[str, Any]] = [
    {
        "id": f"v{n}",
        "word": f"ことば{n}",
        "audioUrl": f"/audio/vocabulary/{n:032x}.mp3",
        "examples": [{"sentence": f"ぶん{n}です。"}, {"sentence": f"もうひとつ{n}。"}],
    }
    for n in range(9)
]
# Texts gone, their URLs left: leftovers, one in each part of the file.
VOCABULARY[1]["word"] = ""
VOCABULARY[6]["examples"][1]["sentence"] = ""
VOCABULARY[6]["examples"][1]["audioUrl"] = "/audio/vocabulary/gone.mp3"
CHART: list[dict[str, Any]] = [
    {"type": "kana" if n % 2 else "kanji", "char": "あいうえおかきくけこ"[n], "audioUrl": None}
    for n in range(10)
]
CHART[4]["char"] = ""  # a kanji with no text, its URL left
CHART[4]["audioUrl"] = "/audio/kanji/gone.mp3"


@pytest.fixture
def course(tmp_path: Path) -> tuple[Path, list[content_spec.TypeSpec]]:
    data = tmp_path / "data"
    data.mkdir()
    (data / "vocabulary.json").write_text(json.dumps(VOCABULARY, ensure_ascii=False), "utf-8")
    (data / "chart.json").write_text(json.dumps(CHART, ensure_ascii=False), "utf-8")
    config = tmp_path / "tts-assets.toml"
    config.write_text(TOML, encoding="utf-8")
    types = content_selection.resolve_types(tomllib.loads(TOML)["types"], config, "ja")
    chosen = content_selection.select_types(types, "all", (), "ja")
    return data, [t for t in chosen if t.name in ("vocabulary", "letters", "glyphs")]


def _found(result: LoadResult) -> tuple[object, ...]:
    return (
        [(i.type_name, i.file, i.text_path, i.spoken, i.url_path) for i in result.items],
        result.skipped,
        result.leftovers,
        result.leftover_timings,
        result.notes,
        [(s.file, s.text_path) for s in result.sequences],
    )


@pytest.mark.parametrize("texts", [1, 2, 5, 1000])
def test_the_windows_together_are_what_one_window_finds(
    course: tuple[Path, list[content_spec.TypeSpec]], texts: int
) -> None:
    data, types = course
    whole = whole_course(data, types)
    assert whole.leftovers and len(whole.leftovers) == 3  # the case is one
    windows = list(load_windows(data, types, texts))
    joined = LoadResult()
    for window, _ in windows:
        for name in ("items", "skipped", "leftovers", "leftover_timings", "notes", "sequences"):
            getattr(joined, name).extend(getattr(window, name))
    assert _found(joined) == _found(whole)
    assert windows[-1][0].counts == whole.counts
    assert [last for _, last in windows] == [False] * (len(windows) - 1) + [True]
    if texts == 1000:
        assert len(windows) == 1  # a course that fits in one window is one
    else:
        assert len(windows) > 3


def test_each_window_holds_whole_entries_and_about_its_texts(
    course: tuple[Path, list[content_spec.TypeSpec]],
) -> None:
    data, types = course
    seen: set[tuple[Path, int]] = set()
    for window, _ in load_windows(data, types, 2):
        entries = {(i.file, i.type_name, i.text_path[0]) for i in window.items}
        # An entry's texts are never split between two windows.
        assert not {(f, e) for f, _, e in entries} & seen
        seen |= {(f, e) for f, t, e in entries if t != "letters"}  # letters and glyphs share a file
        # A window stops at the first entry boundary past its texts: one entry more at most.
        assert len(window.items) <= 2 + 3


def test_a_file_is_let_go_once_every_type_reading_it_walked_it(
    course: tuple[Path, list[content_spec.TypeSpec]],
) -> None:
    data, types = course
    for window, _ in load_windows(data, types, 2):
        files = {i.file for i in window.items}
        # Its own files, and the shared chart while a type is still to read it.
        assert set(window.documents) <= files | {data / "chart.json", data / "vocabulary.json"}
        # Only the parsed entries are kept: a run reads a file again before writing it.
        assert all(doc.text == "" for doc in window.documents.values())
        for item in window.items:
            assert window.value_at_url(item) == whole_course(data, types).value_at_url(item)


def test_a_file_one_type_reads_is_held_a_window_of_entries_at_a_time(
    course: tuple[Path, list[content_spec.TypeSpec]],
) -> None:
    data, types = course
    words = [dict(VOCABULARY[0], id=f"v{n}", word=f"ことば{n}") for n in range(200)]
    (data / "vocabulary.json").write_text(json.dumps(words, ensure_ascii=False), "utf-8")
    whole = whole_course(data, types)
    held = []
    for window, _ in load_windows(data, types, 6):
        doc = window.documents.get(data / "vocabulary.json")
        if doc is None:
            continue
        assert doc.entries is not None  # a stream: one type reads the file
        held.append(sum(entry is not None for entry in doc.data))
        for item in window.items:  # each item's entry is there while its window is planned
            assert window.value_at_url(item) == whole.value_at_url(item)
    assert len(held) > 30
    assert max(held) <= 2  # the window's entries (3 texts each), never the file's 200
