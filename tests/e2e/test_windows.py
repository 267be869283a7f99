"""A dry run plans a course window by window: whatever the windows, it says what a dry run
of the course in one window says, down to each clip's path and its places.

The course holds what crosses windows: a word repeated in a later entry (one clip, its
places gathered), a sentence of vocabulary said in grammar too (one clip in grammar's
folder, though vocabulary's window meets it first: the course is planned again), a drill
and slow twins, a person's URL kept, one that leads to no file, a text the language gate
refuses, an empty text and readings worth a look; then the same once a run made its
clips and a text changed (present, stale)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.project import Project, write_json
from tests.support.talk import talk_config, talk_entry
from tests.support.windows import small_windows
from tts_assets.planning.course import CourseIndex

CONFIG = """
provider = "fault"
slow = 0.75

[types.vocabulary]
file = "vocabulary.json"

[[types.vocabulary.fields]]
text = "word"
url = "audioUrl"
reading = "reading"

[[types.vocabulary.fields]]
text = "examples[].sentence"
url = "examples[].audioUrl"

[[types.vocabulary.sequences]]
name = "drill"
url = "drillAudioUrl"
parts = ["word", "1s", "word (slow)"]
"""

SHARED = "今日は雨が降っています。"

VOCABULARY: list[dict[str, Any]] = [
    {"id": "v1", "word": "水", "reading": "みず", "examples": [{"sentence": "水を飲みます。"}]},
    {"id": "v2", "word": "上手", "reading": "じょうず", "examples": [{"sentence": SHARED}]},
    {"id": "v3", "word": "本", "audioUrl": "https://cdn.example.com/hon.mp3"},
    {"id": "v4", "word": "Arbeit"},
    {"id": "v5", "word": "", "examples": [{"sentence": "本を読みます。"}]},
    {"id": "v6", "word": "山", "reading": "やま", "audioUrl": "/audio/vocabulary/lost.mp3"},
    {"id": "v7", "word": "水", "reading": "みず", "examples": [{"sentence": "水を飲みます。"}]},
    {"id": "v8", "word": "一日", "reading": "いちにち"},
    {"id": "v9", "word": "山", "reading": "かわ"},
]
GRAMMAR = [
    {"id": "g1", "examples": [{"japanese": "もう一度言ってください。"}, {"japanese": SHARED}]},
    {"id": "g2", "examples": [{"japanese": "水を飲みます。"}]},
]


@pytest.fixture
def course(project: Project, fault: None) -> Project:
    return project.gen(
        {
            "data/vocabulary.json": VOCABULARY,
            "data/grammar.json": GRAMMAR,
            "tts-assets.toml": CONFIG,
        }
    )


def _dry(
    course: Project, monkeypatch: pytest.MonkeyPatch, texts: int | None, code: int = 1
) -> tuple[dict[str, Any], dict[str, int]]:
    """The dry run's --json (no seconds; its lists in the order it gives them: a course in
    windows lists them in the whole course's), and how often the course index was asked
    of new clips and planned again."""
    if texts is None:
        small_windows(monkeypatch, None)
    else:
        small_windows(monkeypatch, str(texts))
    calls = {"first": 0, "again": 0}
    for name in calls:
        real = getattr(CourseIndex, name)

        def counted(self: CourseIndex, *args: Any, _real: Any = real, _name: str = name) -> Any:
            calls[_name] += 1
            return _real(self, *args)

        monkeypatch.setattr(CourseIndex, name, counted)
    found = course.json("generate", "--dry-run", code=code)  # 1: a refused text, a dead URL
    found.pop("seconds")
    monkeypatch.undo()
    return found, calls


@pytest.mark.parametrize("texts", [1, 3])
def test_a_course_in_windows_is_planned_as_in_one(
    course: Project, monkeypatch: pytest.MonkeyPatch, texts: int
) -> None:
    whole, one = _dry(course, monkeypatch, None)
    assert one == {"first": 1, "again": 0}  # the course fits in one window
    windowed, calls = _dry(course, monkeypatch, texts)
    assert calls["first"] > 3  # many windows
    assert calls["again"] == 1  # the shared sentence met in vocabulary first, then grammar
    assert windowed == whole
    # What crosses the windows is in it.
    types = whole["types"]
    assert types["vocabulary"]["kept"] == 2 and types["vocabulary"]["dead"] == 1  # dead: kept too
    assert "vocabulary.json › [3] › word" in {r["place"] for r in whole["refused"]}
    shared = [c for c in whole["clips"] if c["text"] == SHARED]
    assert len(shared) == 2  # its clip and its slow twin, each in grammar's folder
    assert all(c["path"].startswith("public/audio/grammar/") for c in shared)
    water = [c["places"] for c in whole["clips"] if c["text"] == "水"]
    assert sorted(map(len, water)) == [2, 2]  # v1 and v7 share them
    assert whole["readings"]


@pytest.mark.slow  # its run stretches the slow twins with Rubber Band (a process a clip)
def test_a_course_in_windows_counts_what_a_run_left_as_in_one(
    course: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_windows(monkeypatch, None)
    course.json("generate", code=1)
    words = course.read_json("data/vocabulary.json")
    words[7]["word"] = "二日"  # stale: its URL is the old text's clip
    words[7]["reading"] = "ふつか"
    course.gen({"data/vocabulary.json": words})
    whole, _ = _dry(course, monkeypatch, None)
    windowed, calls = _dry(course, monkeypatch, 2)
    assert calls["first"] > 3
    assert windowed == whole
    assert whole["types"]["vocabulary"]["stale"] == 3  # the word, its slow twin, its drill
    assert whole["present"] == 17 and whole["types"]["grammar"]["present"] == 6  # slow twins too


TALK_LINE = '今日は<lang xml:lang="en">apple</lang>を食べます。'
"""A dialogue's line with a span in English (`content.lang_spans`)."""


def test_dialogues_and_spans_in_windows_are_planned_as_in_one(
    project: Project, fault: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dialogue's lines (`LoadResult.lines`) and a line in two languages cross windows as
    texts do: a line said in several dialogues is one clip, its runs one clip each, a
    dialogue said alike in several entries one join, as one window plans them."""
    head = 'lang = "ja"\nprovider = "fault"\n'
    project.config(talk_config(head, {"A": "tone", "B": "tone"}))
    talks = [
        talk_entry(n, ("A", TALK_LINE if n % 2 else "おはよう。"), ("B", "いいですね。"))
        for n in range(1, 6)
    ]
    write_json(project / "data/talk.json", talks)
    whole, one = _dry(project, monkeypatch, None, code=0)
    assert one == {"first": 1, "again": 0}
    windowed, calls = _dry(project, monkeypatch, 1, code=0)
    assert calls["first"] > 3  # many windows
    assert windowed == whole
    spanned = [c for c in whole["clips"] if "spans" in c]
    assert len(spanned) == 1 and len(spanned[0]["places"]) == 3  # talks 1, 3 and 5
    joined = [c["places"] for c in whole["clips"] if c.get("parts")]
    assert sorted(map(len, joined)) == [2, 3]  # two dialogues, each said alike in 2 or 3
    said = [c["text"] for c in whole["clips"]]
    assert said.count("いいですね。") == 1 and said.count("apple") == 1
