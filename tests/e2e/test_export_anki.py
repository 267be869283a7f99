"""`tts-assets export anki`: a deck the real Anki imports, with every clip an
entry has (slow twins and drills too), and notes a later export updates rather than
duplicates. The course is made once by a real run (Kokoro says the Japanese, espeak-ng the
English prompts); each test exports a copy and imports it with Anki's own library."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.project import Project, made_once

pytestmark = pytest.mark.slow

CONFIG = """\
lang = "ja"
slow = 0.75

[languages]
en = "espeak:en-us"

[types.vocabulary]
file = "vocabulary.json"

[[types.vocabulary.fields]]
text = "word"
url = "audioUrl"
reading = "reading"

[[types.vocabulary.fields]]
text = "meaning"
url = "meaningAudioUrl"
lang = "en"

[[types.vocabulary.fields]]
text = "examples[].sentence"
url = "examples[].audioUrl"

[[types.vocabulary.sequences]]
name = "drill"
url = "drillAudioUrl"
parts = ["meaning", "answer", "word", "1s", "word (slow)"]

[types.grammar]
enabled = false
[types.kanji]
enabled = false
[types.reading]
enabled = false
"""

WORDS = [
    {
        "id": "v1",
        "word": "水",
        "reading": "みず",
        "meaning": "water",
        "examples": [{"sentence": "水を飲みます。", "translation": "I drink water."}],
    },
    {"id": "v2", "word": "山", "reading": "やま", "meaning": "mountain", "examples": []},
    {"word": "猫", "reading": "ねこ", "meaning": "cat"},
]


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The course after one real run: every clip made and written back."""

    def build(root: Project) -> None:
        root.gen({"data/vocabulary.json": WORDS}).config(CONFIG)
        summary = root.json("generate")
        assert summary["failed"] == 0, summary

    return made_once(tmp_path_factory, build)


@pytest.fixture
def project(project: Project, course: Path) -> Project:
    return project.copy(course)


@pytest.fixture
def anki(tmp_path: Path) -> Iterator[Any]:
    """An empty collection of the real Anki (its Rust core), as a person's Anki is."""
    from anki.collection import Collection

    (tmp_path / "anki").mkdir()
    collection = Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        yield collection
    finally:
        collection.close()


def imported(collection: Any, deck: Path) -> Any:
    """`deck` imported into `collection` as Anki's File › Import does, notes updated."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    options = ImportAnkiPackageOptions(
        merge_notetypes=True, update_notes=1, update_notetypes=1, with_scheduling=False
    )
    request = ImportAnkiPackageRequest(package_path=str(deck), options=options)
    return collection.import_anki_package(request).log


def later_second(deck: Path) -> None:
    """Wait until the clock's second is past the one `deck`'s notes were stamped with."""
    with zipfile.ZipFile(deck) as package, tempfile.TemporaryDirectory() as scratch:
        package.extract("collection.anki2", scratch)
        with contextlib.closing(sqlite3.connect(Path(scratch) / "collection.anki2")) as db:
            (stamped,) = db.execute("SELECT max(mod) FROM notes").fetchone()
    while int(time.time()) <= stamped:
        time.sleep(0.05)


def exported(project: Project, collection: Any, name: str) -> Any:
    """The course exported to `name` and imported into `collection`: the import's log."""
    code, out = project.invoke("export", "anki", "-o", name)
    assert code == 0, out
    return imported(collection, project / name)


def exported_twice(
    project: Project, collection: Any, change: Callable[[Project], object]
) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]], Any]:
    """The course exported and imported, `change`d and made again, exported and imported
    again: the notes before and after (by GUID), and the second import's log."""
    exported(project, collection, "first.apkg")
    before = notes(collection)
    change(project)
    assert project.json("generate")["failed"] == 0
    # Anki updates a note whose modification second differs from its own (an export's notes
    # carry the second it was written in): a warm model can make the new clip in under a
    # second, so the second export is made in a later second than the first.
    later_second(project / "first.apkg")
    log = exported(project, collection, "second.apkg")
    return before, notes(collection), log


def notes(collection: Any) -> dict[str, dict[str, str]]:
    """Every note of `collection`, by GUID: its fields by name."""
    found = {}
    for nid in collection.find_notes(""):
        note = collection.get_note(nid)
        found[note.guid] = dict(note.items())
    return found


def sounds(value: str) -> list[str]:
    """The media names of the `[sound:...]` tags in a field."""
    return [part.split("]")[0] for part in value.split("[sound:")[1:]]


def test_every_entry_is_a_note_with_each_of_its_clips(project: Project, anki: Any) -> None:
    code, out = project.invoke(
        "export", "anki", "-o", "deck.apkg", "--field", "examples[].translation"
    )
    assert code == 0, out
    log = imported(anki, project / "deck.apkg")
    assert len(log.new) == 3 and not log.duplicate
    found = {fields["word"]: fields for fields in notes(anki).values()}
    assert set(found) == {"水", "山", "猫"}
    water = found["水"]
    assert water["meaning"] == "water" and water["examples translation"] == "I drink water."
    assert water["examples sentence"] == "水を飲みます。"
    manifest = {c["path"].rpartition("/")[2]: c for c in project.manifest()["clips"]}
    media = Path(anki.media.dir())
    for name in [
        "word audio",
        "meaning audio",
        "examples sentence audio",
        "word (slow) audio",
        "drill audio",
    ]:
        (sound,) = sounds(water[name])
        # The clip the content's URL names, under its content key, its bytes unchanged.
        record = manifest[sound]
        assert hashlib.sha256((media / sound).read_bytes()).hexdigest() == record["sha256"]
    word_url = project.read_json("data/vocabulary.json")[0]["audioUrl"]
    assert sounds(water["word audio"]) == [word_url.rpartition("/")[2]]
    assert sounds(water["drill audio"]) == [
        project.read_json("data/vocabulary.json")[0]["drillAudioUrl"].rpartition("/")[2]
    ]
    assert found["山"]["examples sentence"] == ""  # no example: an empty field


def test_a_second_export_of_a_changed_course_updates_the_same_notes(
    project: Project, anki: Any
) -> None:

    def change(project: Project) -> None:
        words = project.read_json("data/vocabulary.json")
        words[0]["word"], words[0]["reading"] = "お水", "おみず"  # an entry with an id
        words[2]["meaning"] = "a cat"  # an entry without one: known by its word
        project.gen({"data/vocabulary.json": words})

    before, after, log = exported_twice(project, anki, change)
    assert after.keys() == before.keys() and not log.new  # every note kept its GUID
    changed = {guid: fields for guid, fields in after.items() if before[guid] != fields}
    assert {fields["word"] for fields in changed.values()} == {"お水", "猫"}
    (water,) = (f for f in after.values() if f["word"] == "お水")
    assert sounds(water["word audio"])[0] in os.listdir(anki.media.dir())


def test_texts_without_a_clip_are_listed_and_exit_1(project: Project) -> None:
    words = project.read_json("data/vocabulary.json")
    words.append({"id": "v4", "word": "川", "reading": "かわ", "meaning": "river"})
    project.gen({"data/vocabulary.json": words})
    out = project.json("export", "anki", "-o", "deck.apkg", code=1)
    assert out["notes"] == {"vocabulary": 4}
    assert any("[3] › word (word)" in place for place in out["missing"]), out["missing"]
    assert (project / "deck.apkg").is_file()  # written all the same, for what it has


def test_entries_sharing_an_id_are_numbered_and_listed(project: Project) -> None:
    words = project.read_json("data/vocabulary.json")
    words[1]["id"] = "v1"
    project.gen({"data/vocabulary.json": words})
    out = project.json("export", "anki", "-o", "deck.apkg")
    assert out["renamed"] == ["vocabulary: id:v1"]
    with zipfile.ZipFile(project / "deck.apkg") as package:
        package.extract("collection.anki2", project)
    with sqlite3.connect(project / "collection.anki2") as db:
        guids = [row[0] for row in db.execute("select guid from notes")]
    assert len(set(guids)) == 3


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-o", "."], "is a folder"),
        (["-o", "deck.zip"], "expected a file ending .apkg"),
        (["-o", "deck.apkg", "--field", "examples[.x"], "--field"),
    ],
)
def test_a_wrong_output_or_field_is_one_line_and_exit_2(
    project: Project, args: list[str], said: str
) -> None:
    before = project.tree()
    code, out = project.invoke("export", "anki", *args)
    assert code == 2 and said in out and "Traceback" not in out, out
    assert project.tree() == before


def test_an_export_leaves_nothing_in_the_temporary_folder(
    project: Project, anki: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """genanki's `write_to_file` makes the deck's collection database in the system's
    temporary folder and never removes it (one file an export, the size of its notes: a
    fast loop left 31 a run in /dev/shm). The export makes it beside the deck, in the
    folder it removes, and the deck still imports into the real Anki."""
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    code, out = project.invoke("export", "anki", "-o", "deck.apkg")
    assert code == 0, out
    assert list(temporary.iterdir()) == []
    assert [p.name for p in project.iterdir() if p.name.startswith(".anki-")] == []
    log = imported(anki, project / "deck.apkg")
    assert len(log.new) == 3 and not log.duplicate


def test_without_genanki_the_export_says_how_to_install_it(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "genanki", None)  # an import of it fails
    code, out = project.invoke("export", "anki", "-o", "deck.apkg")
    assert code == 2 and "pip install 'tts-assets[anki]'" in out, out
    assert not (project / "deck.apkg").exists()


def test_each_content_set_is_a_subdeck(project: Project, anki: Any) -> None:
    config = CONFIG.replace('lang = "ja"\n', "")
    sets = (
        '\n[[sets]]\nname = "ja"\ndata_dir = "data"\nlang = "ja"\n'
        'out_dir = "public/audio"\nurl_prefix = "/audio"\n'
    )
    project.config(config + sets)
    code, out = project.invoke("export", "anki", "-o", "deck.apkg", "--deck", "Course")
    assert code == 0, out
    imported(anki, project / "deck.apkg")
    assert "Course::ja" in {d.name for d in anki.decks.all_names_and_ids()}
