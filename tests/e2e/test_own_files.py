"""The tool's own files are never content, whatever a type's pattern matches:
`review-decisions.json` beside the content, the manifest of an out dir inside the
data dir, a review page, a shard's claim, what a killed run left in the staging folder.

Through the CLI, with the fault provider speaking.
"""

from __future__ import annotations

import json

import pytest

from tests.support.project import Project
from tests.support.refusal import refused_by_types
from tests.support.sweep import check_each_one
from tests.support.windows import loaded_as_run

WORDS = (
    '[types.words]\nfile = "{pattern}"\n[[types.words.fields]]\ntext = "word"\nurl = "audioUrl"\n'
)


def _course(project: Project, pattern: str, out_dir: str = "public/audio") -> Project:
    project.gen(
        {
            "data/words-a.json": [{"id": "a1", "word": "ねこ"}],
            "data/more/words-b.json": [{"id": "b1", "word": "いぬ"}],
        }
    )
    return project.config(
        f'provider = "fault"\ntype = "words"\nout_dir = "{out_dir}"\n'
        + WORDS.format(pattern=pattern)
    )


def _accept_every_clip(project: Project, out_dir: str = "public/audio") -> None:
    """`review --apply` with every clip accepted: writes data/review-decisions.json."""
    verdicts = [
        {
            "key": c["key"],
            "clip": c["path"],
            "places": ["words-a.json › [0] › word"],
            "text": c["text"],
            "verdict": "accept",
            "note": "",
            "reading": None,
            "voice": None,
            "at": "2026-11-22T10:00:00Z",
        }
        for c in project.manifest(out_dir)["clips"]
    ]
    review = {
        "format": "tts-assets-review",
        "version": 1,
        "page": "0123456789abcdef",
        "exported": "2026-11-22T10:01:00Z",
        "verdicts": verdicts,
    }
    (project / "review.json").write_text(json.dumps(review), encoding="utf-8")
    code, out = project.invoke("review", "--apply", "review.json")
    assert code == 0, out


@pytest.fixture
def course(project: Project, fault: None) -> Project:
    return project


def test_a_json_pattern_never_reads_the_review_decisions(course: Project) -> None:
    _course(course, "*.json")
    assert course.invoke("generate")[0] == 0
    _accept_every_clip(course)
    assert (course / "data/review-decisions.json").is_file()
    for command in ("generate", "verify", "review"):
        code, out = course.invoke(command)
        assert code == 0, (command, out)
        assert "review-decisions.json" not in out, (command, out)
    # What the next run reads, asked of its load: words-a.json's one text, nothing else.
    assert [item.spoken for item in loaded_as_run(course).items] == ["ねこ"]


def test_a_recursive_pattern_over_an_out_dir_inside_the_data_dir_runs_every_time(
    course: Project,
) -> None:
    """`**/*.json` with the out dir inside the data dir: the first run wrote the manifest
    there, and every later run must not read it (it ran once, then was refused)."""
    _course(course, "**/*.json", out_dir="data/audio")
    for _ in range(2):
        code, out = course.invoke("generate")
        assert code == 0, out
    assert (course / "data/audio/manifest.json").is_file()
    _accept_every_clip(course, "data/audio")
    code, out = course.invoke("review")
    assert code == 0, out
    assert (course / "data/audio/review.html").is_file()
    (course / "data/audio/.temp-audio").mkdir(exist_ok=True)
    (course / "data/audio/.temp-audio/999999999-dead.json").write_text("{", encoding="utf-8")
    (course / "data/.tts-assets-shard").write_text("1/2\n", encoding="ascii")
    (course / "data/audio/manifest.json.damaged").write_text("{", encoding="utf-8")
    for command in ("generate", "verify", "prune"):
        code, out = course.invoke(command)
        assert code == 0, (command, out)
    # The two content files, nothing else, as the next run loads them.
    assert sorted(item.spoken for item in loaded_as_run(course).items) == ["いぬ", "ねこ"]
    urls = [
        course.read_json(f)[0]["audioUrl"] for f in ("data/words-a.json", "data/more/words-b.json")
    ]
    assert all(u.startswith("/audio/words/") for u in urls)


OWN_FILES = ["review-decisions.json", "manifest.json"]


def _own_file_refused(course: Project, name: str) -> str:
    """What a run is refused with for a type whose file is the tool's own `name`, asked
    where the run decides it, before it reads any content (`refused_by_types`: the
    settings check each type's file): one line, exit 2, nothing written."""
    _course(course, name)
    (course / "data" / name).write_text("[]", encoding="utf-8")
    line = refused_by_types(course)
    assert f"{name} is tts-assets' own" in line and "never content" in line, line
    return line


def test_a_type_naming_the_tools_own_file_is_refused(course: Project) -> None:
    """Each file asked where a run asks it; the command line shows one refused."""
    check_each_one(lambda name: _own_file_refused(course, name), OWN_FILES)
    line = _own_file_refused(course, OWN_FILES[0])
    before = course.tree()
    code, out = course.invoke("generate")
    assert code == 2 and out == f"error: {line}\n", out
    assert course.tree() == before
