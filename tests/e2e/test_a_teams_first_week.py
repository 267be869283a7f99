"""What a team meets in its first week with the tool, each on content shaped like a real
course, through the CLI, with the fault-injecting provider (no model). The review page
named after the course is asked of `write_page` (tests/unit/commands/test_course_name.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import fault_provider
from tests.support.markers import needs_symlinks
from tests.support.project import Project
from tts_assets.store.database import DATABASE_ENV

TEXTS = ["山を見ます。", "川を見ます。"]


def test_verify_caps_each_list_as_generate_does(project: Project, fault: None) -> None:
    """The seed app's eleven sets printed 13,744 lines of missing texts: the first 20 of a
    kind are shown, then how many more, all of them in --json."""
    texts = [f"{n}番目の文です。" for n in range(45)]
    fault_provider.write_grammar(project / "data", texts)
    project.config('provider = "fault"\n')
    code, out = project.invoke("verify")
    assert code == 1, out
    assert sum(": missing: " in line for line in out.splitlines()) == 20
    assert "missing: 25 more (--json lists them)" in out
    assert "45 problem(s): 45 missing" in out
    assert len(project.json("verify", code=1)["problems"]) == 45


def test_a_file_with_no_entries_is_said_in_words_not_an_empty_table(
    project: Project, fault: None
) -> None:
    project.gen({"data/vocabulary.json": [], "data/grammar.json": []})
    project.config('provider = "fault"\n')
    code, out = project.invoke("generate")
    assert code == 0, out
    assert "┏" not in out  # no table of no rows
    assert "no spoken text found in the content" in out
    assert f"{Path('data/vocabulary.json')} holds no entries (an empty list)" in out
    assert f"{Path('data/grammar.json')} holds no entries (an empty list)" in out
    code, out = project.invoke("verify")
    assert f"{Path('data/vocabulary.json')} holds no entries" in out


@needs_symlinks
def test_a_symlinked_type_folder_is_refused_by_name_before_anything_is_written(
    project: Project, fault: None
) -> None:
    """Clips were written through a linked type folder, then never trusted (a
    link could lead out of the out dir): every slow clip failed with LookupError on every
    run, and verify said "run generate to try again"."""
    fault_provider.write_grammar(project / "data", TEXTS)
    project.config('provider = "fault"\nslow = 0.75\n')
    elsewhere = project / "elsewhere/grammar"
    elsewhere.mkdir(parents=True)
    (project / "public/audio").mkdir(parents=True)
    (project / "public/audio/grammar").symlink_to(elsewhere)
    before = project.tree()
    for command in ("generate", "verify", "generate --dry-run", "rebuild-manifest"):
        code, out = project.invoke(*command.split())
        assert code == 2, (command, out)
        assert f"{Path('public/audio/grammar')}: the out dir's grammar folder is a symbolic " in out
        assert "LookupError" not in out and "Traceback" not in out
    assert project.tree() == before and not any(elsewhere.iterdir())


def test_one_english_file_among_a_types_japanese_ones_is_left_out_not_made_english(
    project: Project, fault: None
) -> None:
    """hanabira.org's shape: `words*.json` also matches its English word list;
    the error advised --lang, which would make every Japanese word list English too. It
    names the file to leave out of the pattern instead."""
    japanese = [{"vocabulary_original": w} for w in ("猫", "犬", "水", "山", "川", "海")]
    english = [{"vocabulary_original": w} for w in ("mountain", "water", "river", "station")]
    project.gen(
        {
            "json_data/words_essential_xaa.json": japanese,
            "json_data/wordsTanos_openai_JLPT_N5.json": japanese[::-1],
            "json_data/wordsTanos_openai_EIKEN_N5.json": english,
        }
    )
    words = (
        '[types.words]\nfile = "{file}"\n'
        'fields = [{{ text = "vocabulary_original", url = "vocabulary_audio" }}]\n'
    )
    config = 'provider = "fault"\ndata_dir = "json_data"\n'
    project.config(config + words.format(file="words*.json"))
    code, out = project.invoke("generate", "--dry-run")
    assert code == 2, out
    assert f"error: {Path('json_data/wordsTanos_openai_EIKEN_N5.json')}: " in out
    assert (
        "texts are Latin script, not Japanese, while the 2 other file(s) of the words type are "
        "Japanese: leave wordsTanos_openai_EIKEN_N5.json out of that type's file pattern"
    ) in out
    assert "pass --lang" not in out
    # As the docs now write it, the run goes.
    fixed = words.format(file="").replace(
        'file = ""', 'file = ["words_*.json", "wordsTanos_openai_JLPT_*.json"]'
    )
    project.config(config + fixed)
    assert project.invoke("generate", "--dry-run")[0] == 0


def test_a_wrong_database_threshold_is_refused_before_a_clip_is_made(
    project: Project, fault: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TTS_ASSETS_MANIFEST_DATABASE_FROM was read at a run's first flush: a clip (a paid
    one, with a paid provider) was made before the run stopped with exit 2."""
    project.config('provider = "fault"\n')
    project.gen(
        {"data/vocabulary.json": [{"id": "1", "word": "みず"}, {"id": "2", "word": "やま"}]}
    )
    before = (project / "data/vocabulary.json").read_bytes()
    monkeypatch.setenv(DATABASE_ENV, "lots")
    code, out = project.invoke("generate")
    assert code == 2 and f"{DATABASE_ENV}=lots" in out, out
    assert not list(project.glob("public/audio/**/*.mp3"))
    assert (project / "data/vocabulary.json").read_bytes() == before
