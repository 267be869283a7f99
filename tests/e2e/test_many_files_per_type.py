"""A course with many files per type and its languages in the file names, configured in a
few lines (hanabira.org's 63 files took about 60 [types.X] tables).

A type's `file` takes a pattern (`grammar_kr_*.json`) or a list; each matching file is read
and written back on its own; `--type` takes several names; a built-in type a project does
not use is switched off and no longer reported missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.project import Project
from tts_assets.content.spec import resolve_types
from tts_assets.errors import ConfigError
from tts_assets.languages import LANGUAGES, title_of

CONFIG = """\
provider = "fault"
lang = "ko"

[types.grammar]
file = "grammar_kr_*.json"
fields = [{ text = "examples[].kr", url = "examples[].audio" }]

[types.words]
file = ["words_basic.json", "words_more_*.json"]
fields = [{ text = "word", url = "audio" }]

[types.vocabulary]
enabled = false
[types.kanji]
enabled = false
[types.reading]
enabled = false
"""


@pytest.fixture
def course(project: Project, fault: None) -> Project:
    grammar = [{"id": "g", "examples": [{"kr": "물을 마셔요."}]}]
    project.gen(
        {
            "data/grammar_kr_n1.json": grammar,
            "data/grammar_kr_n2.json": [{"id": "h", "examples": [{"kr": "책을 읽어요."}]}],
            "data/grammar_th_n1.json": [{"id": "t", "examples": [{"kr": "책"}]}],
            "data/words_basic.json": [{"word": "학교"}],
            "data/words_more_1.json": [{"word": "친구"}],
            "data/words_more_2.json": [{"word": "가족"}],
        }
    )
    return project.config(CONFIG)


def test_patterns_and_lists_read_and_write_back_each_file(course: Project) -> None:
    before = (course / "data/grammar_th_n1.json").read_bytes()
    summary = course.json("generate")
    assert summary["types"]["grammar"]["texts"] == 2
    assert summary["types"]["words"]["texts"] == 3
    for name in ("grammar_kr_n1", "grammar_kr_n2"):
        doc = json.loads((course / f"data/{name}.json").read_text("utf-8"))
        assert doc[0]["examples"][0]["audio"].startswith("/audio/grammar/")
    for name in ("words_basic", "words_more_1", "words_more_2"):
        doc = json.loads((course / f"data/{name}.json").read_text("utf-8"))
        assert doc[0]["audio"].startswith("/audio/words/")
    # A file the pattern does not match is not read, and not touched.
    assert (course / "data/grammar_th_n1.json").read_bytes() == before
    # Types switched off are neither read nor reported missing.
    assert not [n for n in summary["notes"] if "not found" in n], summary["notes"]
    # Several types by name, and the same clips found present.
    again = course.json("generate", "--type", "grammar,words")
    assert again["generated"] == 0 and again["present"] == 5
    assert course.json("verify")["ok"] is True


def test_a_pattern_that_matches_nothing_names_itself(course: Project) -> None:
    course.config(CONFIG.replace("grammar_kr_*.json", "grammar_jp_*.json"))
    code, out = course.invoke("generate", "--dry-run")
    assert code == 2
    assert "grammar_jp_*.json: no file matches; the grammar type needs one" in out
    assert "Traceback" not in out


def test_types_in_force_leave_out_what_is_switched_off(course: Project) -> None:
    code, out = course.invoke("types")
    assert code == 0
    assert "[types.kanji]" not in out and "[types.vocabulary]" not in out
    assert 'file = ["words_basic.json", "words_more_*.json"]' in out


def test_a_file_list_of_the_wrong_shape_is_refused(tmp_path: Path) -> None:
    table = {"words": {"file": [1, 2], "fields": [{"text": "[].w", "url": "[].a"}]}}
    with pytest.raises(ConfigError, match=r"types\.words\.file: expected a file name, a pattern"):
        resolve_types(table, tmp_path / "tts-assets.toml", "ko")
    table = {"words": {"file": ["../x.json"], "fields": [{"text": "[].w", "url": "[].a"}]}}
    with pytest.raises(ConfigError, match="outside the data folder"):
        resolve_types(table, tmp_path / "tts-assets.toml", "ko")


UNKNOWN = [(c, title_of(c)) for c in ("id", "tr", "nl", "ru", "hi") if c not in LANGUAGES][:2]
"""Languages the tool does not know (whichever of these are not added yet)."""


@pytest.mark.parametrize(("code", "name"), UNKNOWN)
def test_a_field_in_a_language_the_tool_cannot_voice_right_is_refused(
    tmp_path: Path, code: str, name: str
) -> None:
    table = {"words": {"file": "w.json", "fields": [{"text": "w", "url": "a", "lang": code}]}}
    with pytest.raises(ConfigError, match=rf'types\.words\.fields\[0\]\.lang: "{code}" \({name}\)'):
        resolve_types(table, tmp_path / "tts-assets.toml", "ko")
