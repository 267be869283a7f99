"""A row's reading notes are what a run decides today, not what its clip recorded.

A German course voiced by the real espeak-ng: a sentence whose number the rules say as
written with a doubt (`1h30`), and one they read plainly. Then the rules change (a fake of
the numbers rules: the change injected): a doubt dropped, a doubt found, a number said
otherwise. A clip whose text is said as before is not made again, so the page must show
today's doubts beside its audio; one said otherwise today is stale, and says so.
"""

from __future__ import annotations

import functools
import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.markers import needs_espeak
from tests.support.project import Project, write_json
from tts_assets import generate, load_settings, write_page
from tts_assets.errors import ConfigError
from tts_assets.planning.course import prepare
from tts_assets.readings import numbers
from tts_assets.review.collect import collect_rows
from tts_assets.review.row import Row

pytestmark = [pytest.mark.slow, needs_espeak]

DOUBTED = "Treffpunkt 1h30 am Tor."
PLAIN = "Ich arbeite gern."
VOCABULARY = [
    {"id": "v1", "word": "Tor", "examples": [{"sentence": DOUBTED}]},
    {"id": "v2", "word": "Arbeit", "examples": [{"sentence": PLAIN}]},
]
KANJI = [
    {
        "id": "k1",
        "character": "水",
        "kunyomi": ["みず"],
        # Kana: espeak-ng's Japanese voice reads no kanji.
        "examples": [{"word": "すいどう", "reading": "すいどう"}],
    }
]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("decided-today")
    write_json(root / "data/vocabulary.json", VOCABULARY)
    return _generated(root, 'lang = "de"\n')


@pytest.fixture(scope="module")
def made_in_japanese(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("decided-today-ja")
    write_json(root / "data/kanji.json", KANJI)
    return _generated(root)


def _generated(root: Path, config: str = "") -> Path:
    (root / "tts-assets.toml").write_text(f'provider = "espeak"\n{config}', "utf-8")
    assert generate(load_settings(root)).exit_code == 0
    return root


@pytest.fixture
def course(made: Path, project: Project) -> Project:
    return project.copy(made)


def _rows(root: Path) -> dict[str, Row]:
    settings = load_settings(root)
    return {r.text: r for r in collect_rows(prepare(settings), page_dir=settings.out_dir)}


def _rules(monkeypatch: pytest.MonkeyPatch, **said: tuple[str, tuple[str, ...]]) -> None:
    """The numbers rules changed: a text holding a key of `said` is said as its (text,
    doubts), the words replaced; every other as before."""
    real = numbers.spoken_form

    @functools.cache
    def changed(text: str, lang: str) -> numbers.Spoken:
        spoken = real(text, lang)
        for word, (told, doubts) in said.items():
            if word in text:
                return replace(spoken, text=spoken.text.replace(word, told), doubts=doubts)
        return spoken

    monkeypatch.setattr(numbers, "spoken_form", changed)


def test_a_run_records_the_doubt_the_page_shows(course: Project) -> None:
    rows = _rows(course)
    doubted = rows[DOUBTED]
    assert [f.code for f in doubted.flags] == ["numbers"]
    assert "1h30" in doubted.flags[0].detail
    assert rows[PLAIN].flags == () and rows[PLAIN].status == "clip"


def test_a_doubt_the_rules_no_longer_have_is_not_shown(
    course: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    _rules(monkeypatch, **{"1h30": ("1h30", ())})
    row = _rows(course)[DOUBTED]
    # Said as before: the same clip, its audio and measures as the run recorded them.
    assert row.status == "clip" and row.measures is not None
    assert row.reading_check is None and row.flags == ()


def test_a_doubt_the_rules_find_now_on_an_unchanged_clip_is_shown(
    course: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    _rules(monkeypatch, arbeite=("arbeite", ("arbeite: read two ways now",)))
    row = _rows(course)[PLAIN]
    assert row.status == "clip" and row.measures is not None
    assert [(f.code, f.detail) for f in row.flags] == [
        ("numbers", "numbers: arbeite: read two ways now")
    ]


def test_a_clip_said_otherwise_today_is_stale_and_shows_no_note(
    course: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    _rules(monkeypatch, **{"1h30": ("halb zwei", ("1h30: said as halb zwei",))})
    row = _rows(course)[DOUBTED]
    # Its URL still plays the old clip: the page says it is stale, and shows neither the
    # old audio nor today's note beside it.
    assert row.status == "missing" and row.measures is None and row.url
    assert row.reason.startswith("stale: ") and "run tts-assets generate" in row.reason
    assert [f.code for f in row.flags] == ["missing"]


def test_an_older_manifest_without_verdicts_shows_today_s_doubts(course: Project) -> None:
    manifest = course / "public/audio/manifest.json"
    doc = json.loads(manifest.read_text(encoding="utf-8"))
    for entry in doc["clips"]:
        del entry["verdict"], entry["note"]
    manifest.write_text(json.dumps(doc), encoding="utf-8")
    rows = _rows(course)
    assert [f.code for f in rows[DOUBTED].flags] == ["numbers"]
    assert rows[DOUBTED].measures is not None


def test_a_reading_changed_by_hand_makes_its_clip_stale(
    made_in_japanese: Path, project: Project
) -> None:
    course = project.copy(made_in_japanese)
    kanji = [{**KANJI[0], "examples": [{"word": "すいどう", "reading": "すいとう"}]}]
    doc = json.loads((course / "data/kanji.json").read_text(encoding="utf-8"))
    kanji[0]["examples"][0]["audioUrl"] = doc[0]["examples"][0]["audioUrl"]
    write_json(course / "data/kanji.json", kanji)
    row = _rows(course)["すいどう"]
    assert row.status == "missing" and row.reason.startswith("stale: ")
    assert _rows(course)["みず"].status == "clip"


def test_a_changed_pronunciation_makes_the_clips_it_touches_stale(course: Project) -> None:
    config = course / "tts-assets.toml"
    config.write_text(config.read_text("utf-8") + '[pronunciations]\n"Tor" = "Tohr"\n', "utf-8")
    rows = _rows(course)
    assert {rows[t].status for t in ("Tor", DOUBTED)} == {"missing"}
    assert rows["Tor"].reason.startswith("stale: ")
    assert rows[PLAIN].status == "clip"
    # A pronunciation written wrong is one line that says what to write.
    config.write_text(config.read_text("utf-8").replace('"Tohr"', '""'), "utf-8")
    with pytest.raises(ConfigError, match="Tor: reading is empty"):
        load_settings(course)


def test_a_deleted_content_file_leaves_a_page_that_says_why_it_is_empty(
    course: Project,
) -> None:
    (course / "data/vocabulary.json").unlink()
    assert _rows(course) == {}
    page = write_page(load_settings(course))
    assert page.rows == [] and page.path.is_file()
    assert page.lines()[0] == (
        f"note: no rows: no content file of the selected types is in {course / 'data'}; "
        "point --data-dir (or --config) at the content, or add its files"
    )
