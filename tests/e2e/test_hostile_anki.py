"""`tts-assets export anki` tried as a careless user and an attacker would: a
text that keeps a person's recording (there, through a link out of the
out dir, `..`, a Git LFS pointer, a CDN), a `--field` the type already speaks or a list of
objects, ids that are no ids, deck names Anki turns into "blank", an output that cannot be
written or a disk that fills, a stop and a kill while the deck is written. Each held here
failed on the code before. The course is made once by a run of the fault provider (its
clips are real files the store vouches for); decks are imported with Anki's own library."""

from __future__ import annotations

import html
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_export_anki import anki, notes, sounds
from tests.e2e.test_export_anki import imported as imported_by_anki
from tests.support.markers import needs_symlinks
from tests.support.mounts import fill, read_only, tmpfs
from tests.support.project import Project, made_once, working_directory
from tests.support.sweep import check_each_one

CONFIG = """\
lang = "ja"
provider = "fault"

[providers.fault]
heal = true

[types.vocabulary]
file = "vocabulary.json"

[[types.vocabulary.fields]]
text = "word"
url = "audioUrl"

[[types.vocabulary.fields]]
text = "meaning"
url = "meaningAudioUrl"

[types.grammar]
enabled = false
[types.kanji]
enabled = false
[types.reading]
enabled = false
"""

WORDS = [
    {"id": "v1", "word": "水", "meaning": "みず", "examples": [{"translation": "water"}]},
    {"id": "v2", "word": "山", "meaning": "やま"},
    {"id": "v3", "word": "川", "meaning": "かわ"},
]
LFS = b"version https://git-lfs.github.com/spec/v1\noid sha256:" + b"4d" * 32 + b"\nsize 9\n"


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def build(root: Project) -> None:
        root.gen({"data/vocabulary.json": WORDS}).config(CONFIG)
        assert root.json("generate")["failed"] == 0

    return made_once(tmp_path_factory, build)


@pytest.fixture
def project(project: Project, course: Path, fault: None) -> Project:
    return project.copy(course)


__all__ = ["anki"]  # the real Anki's empty collection, a fixture shared with the export's tests


def imported(collection: Any, deck: Path) -> dict[str, dict[str, str]]:
    """`deck` imported as File › Import does: every note's fields, by its first field."""
    imported_by_anki(collection, deck)
    return {fields[next(iter(fields))]: fields for fields in notes(collection).values()}


def media(deck: Path) -> dict[str, bytes]:
    """The media a package holds, by name."""
    import json

    with zipfile.ZipFile(deck) as package:
        names = json.loads(package.read("media"))
        return {name: package.read(number) for number, name in names.items()}


def with_urls(project: Project, *urls: str) -> None:
    """The words' URLs replaced by `urls`, a person's recordings, in order."""
    words = project.read_json("data/vocabulary.json")
    for word, url in zip(words, urls, strict=False):
        word["audioUrl"] = url
    project.gen({"data/vocabulary.json": words})


# --- a person's recordings -----------------------------------------------------------


def test_a_text_keeping_a_persons_recording_is_in_its_note_with_that_recording(
    project: Project, anki: Any
) -> None:
    """Such a text was left out of its note: no word on the card's front, no sound, exit 0."""
    recording = project.clip_of(project.url_of("vocabulary.json", 1, "meaningAudioUrl"))
    (project / "public/audio/human").mkdir()
    (project / "public/audio/human/v1.mp3").write_bytes(recording.read_bytes())
    with_urls(project, "/audio/human/v1.mp3")
    code, out = project.invoke("export", "anki", "-o", "deck.apkg")
    assert code == 0, out
    water = imported(anki, project / "deck.apkg")["水"]
    (sound,) = water["word audio"].removeprefix("[sound:").removesuffix("]").split()
    assert media(project / "deck.apkg")[sound] == recording.read_bytes()


@needs_symlinks
@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("/audio/human/secret.mp3", "leads through a symbolic link"),
        ("/audio/../../outside/secret.mp3", "is not a file under the out dir"),
        ("/audio/lfs.mp3", "is a Git LFS pointer"),
        ("https://cdn.example.com/v1.mp3", "is not a file under the out dir"),
        ("/audio/human2/gone.mp3", "no file is there"),
    ],
)
def test_a_recording_the_deck_cannot_hold_is_listed_with_why_and_never_packed(
    project: Project, url: str, why: str
) -> None:
    outside = project.parent / "outside"
    outside.mkdir()
    (outside / "secret.mp3").write_bytes(b"ID3 a file out of the out dir")
    (project / "public/audio/human").symlink_to(outside)
    (project / "public/audio/lfs.mp3").write_bytes(LFS)
    with_urls(project, url)
    out = project.json("export", "anki", "-o", "deck.apkg", code=1)
    (listed,) = out["unpacked"]
    assert listed.startswith("vocabulary.json › [0] › word (word): ") and why in listed, listed
    packed = media(project / "deck.apkg").values()
    assert all(b"out of the out dir" not in data and data != LFS for data in packed)


# --- fields, ids and decks ---------------------------------------------------------------


def test_a_field_the_type_speaks_is_shown_once(project: Project, anki: Any) -> None:
    """The docs' own `--field meaning`, on a course that speaks its meanings, showed
    'みず<br>みず' in one field and made Anki add a field 'meaning+'; `--field Meaning` (Anki's
    field names are one whatever their case) did the same."""
    code, out = project.invoke(
        "export", "anki", "-o", "deck.apkg", "--field", "meaning", "--field", "Meaning"
    )
    assert code == 0, out
    water = imported(anki, project / "deck.apkg")["水"]
    assert water["meaning"] == "みず" and "Meaning 2" not in water  # no entry holds `Meaning`
    assert not any(name.endswith("+") for name in water), list(water)


def test_a_field_holding_a_list_of_objects_is_said_not_left_empty_in_silence(
    project: Project,
) -> None:
    out = project.json("export", "anki", "-o", "deck.apkg", "--field", "examples")
    assert any("--field examples" in note and "list" in note for note in out["notes_said"]), out


MISSPELT_FIELDS = ["meening", "x" * 5000, "audioUrl.x", "examples[].nothing"]


def test_a_field_no_entry_holds_is_said_not_left_empty_in_silence(project: Project) -> None:
    """A misspelt --field made every note's field empty, exit 0, no word. Each is said on
    its own line, all asked in one export; a field entries hold is said nothing of."""
    args = [a for field in MISSPELT_FIELDS for a in ("--field", field)]
    out = project.json("export", "anki", "-o", "deck.apkg", *args)
    said = [note for note in out["notes_said"] if note.startswith("--field ")]

    def said_once(field: str) -> None:
        (line,) = [note for note in said if note.startswith(f"--field {field}:")]
        assert f"--field {field}: no entry holds a value there" in line, line

    check_each_one(said_once, MISSPELT_FIELDS, ids=lambda field: field[:20])
    assert len(said) == len(MISSPELT_FIELDS), said
    out = project.json("export", "anki", "-o", "deck.apkg", "--field", "meaning")
    assert not any(note.startswith(("--field ", "--id-key ")) for note in out["notes_said"]), out


@pytest.mark.parametrize("key", ["uid", "[]", "x" * 5000])
def test_an_id_key_no_entry_holds_is_said(project: Project, key: str) -> None:
    """Every note was known by its first text in silence: its next change, a new note. The
    default `id`, which the entries hold, is said nothing of (the test above)."""
    out = project.json("export", "anki", "-o", "deck.apkg", "--id-key", key)
    (said,) = [note for note in out["notes_said"] if note.startswith("--id-key ")]
    assert "no entry holds it" in said and len(said) < 300, said


def test_an_id_that_is_no_id_is_listed(project: Project) -> None:
    """Such an entry was known by its text in silence: its next change made a new note.
    One case through the command; every value that is no id is listed by the entry's
    identity (`_identity`, tests/unit/commands/test_anki_identity.py)."""
    words = project.read_json("data/vocabulary.json")
    words[2]["id"] = True
    project.gen({"data/vocabulary.json": words})
    out = project.json("export", "anki", "-o", "deck.apkg")
    (listed,) = out["unidentified"]
    assert listed.startswith("vocabulary.json › [2] › id: "), listed


def test_a_deck_name_anki_would_call_blank_is_refused(project: Project) -> None:
    """One case through the command line; every blank name is refused by the deck's name
    (`deck_of`, tests/unit/commands/test_anki_deck_names.py)."""
    before = project.tree(folders=True)
    code, out = project.invoke("export", "anki", "--deck", "Course:: ::ja")
    assert code == 2 and "needs a word" in out and "Traceback" not in out, out
    assert project.tree(folders=True) == before


def test_a_long_deck_name_makes_a_file_name_a_file_system_takes(project: Project) -> None:
    """The default file name is the deck's: 300 letters were exit 4, 'File name too long'."""
    code, out = project.invoke("export", "anki", "--deck", "語" * 300)
    assert code == 0, out
    (deck,) = project.glob("*.apkg")
    assert len(os.fsencode(deck.name)) <= 255


# --- where the deck is written -------------------------------------------------------------


COURSE_FILES = ["data/vocabulary.json", "public/audio/manifest.json", "tts-assets.toml"]
"""Outputs that are the course's files: a deck written there would lose them."""
PUBLISHED = ["public/audio", "public/deck.apkg", "public/audio/vocabulary/deck.apkg"]
"""Outputs in the web root or the out dir: a deck there was published with the site and
never listed by prune or verify (public/audio, the out dir itself, too)."""
IN_DATA = ["data/deck.apkg"]


def _output_refused(project: Project, output: str) -> str:
    """What the export (commands/anki.py, as the command line calls it) refuses `output`
    with: exit 2, before anything is read or written."""
    from tts_assets.cli.console import shortened
    from tts_assets.commands.anki import export_anki
    from tts_assets.errors import InputError
    from tts_assets.settings.load import content_sets, load_settings

    before = project.tree(folders=True)
    with working_directory(project), pytest.raises(InputError) as refused:
        export_anki(content_sets(load_settings("."), None), Path(output))
    assert refused.value.exit_code == 2
    said = shortened(str(refused.value))
    assert said.startswith(f"--output {Path(output)}: ") and "\n" not in said, said
    assert project.tree(folders=True) == before
    return said


def test_an_output_in_the_course_the_web_root_or_the_data_is_refused(project: Project) -> None:
    """Each case asked of the export; the test below runs one through the command line."""
    check_each_one(
        lambda output: _output_refused(project, output), [*COURSE_FILES, *PUBLISHED, *IN_DATA]
    )


def test_an_output_that_is_a_course_file_stops_the_command_before_anything_is_read(
    project: Project,
) -> None:
    line = _output_refused(project, "data/vocabulary.json")
    before = project.tree(folders=True)
    code, out = project.invoke("export", "anki", "-o", "data/vocabulary.json")
    assert code == 2 and out == f"error: {line}\n", out
    assert project.tree(folders=True) == before


def test_a_read_only_folder_is_refused_before_anything_is_read(
    project: Project, tmp_path: Path
) -> None:
    with tmpfs(tmp_path / "ro", "1m") as folder:
        read_only(folder)
        code, out = project.invoke("export", "anki", "-o", str(folder / "deck.apkg"))
    assert code == 2 and "cannot be written" in out and "Traceback" not in out, out


def test_a_full_disk_keeps_the_old_deck_and_is_exit_3(project: Project, tmp_path: Path) -> None:
    """It was exit 4, a bug report asked for a full disk."""
    with tmpfs(tmp_path / "full", "256k") as folder:
        (folder / "deck.apkg").write_bytes(b"the deck exported before")
        fill(folder)
        code, out = project.invoke("export", "anki", "-o", str(folder / "deck.apkg"))
        assert code == 3 and "the disk is full" in out and "Traceback" not in out, out
        assert (folder / "deck.apkg").read_bytes() == b"the deck exported before"
        assert sorted(p.name for p in folder.iterdir()) == ["deck.apkg", "filler"]


STALL = """\
import sys, time, pathlib
from tts_assets.commands import anki
write = anki._package
marker = pathlib.Path(sys.argv[1]).absolute()
def stalled(package, scratch, path):
    write(package, scratch, path)
    noted = marker.with_suffix(".tmp")  # whole when the test sees it (a rename)
    noted.write_text(str(pathlib.Path(path).absolute()))
    noted.replace(marker)  # staged: the test may stop us
    for _ in range(12000):  # short sleeps: a signal just before one long sleep waits it out
        time.sleep(0.05)
anki._package = stalled
sys.argv[1:] = sys.argv[2:]
from tests.support.fault_provider import register; register()
from tts_assets.cli.app import main; main()
"""
"""The CLI, its package write held once the new deck is staged (a fault injected), so the
test stops it there and nowhere else."""


@pytest.mark.slow
@pytest.mark.parametrize("name", ["SIGTERM", "SIGKILL"])
def test_a_stop_or_a_kill_while_the_deck_is_written_keeps_the_old_deck(
    project: Project, name: str
) -> None:
    from tests.support.fault_provider import driver_env

    sig = getattr(signal, name, None)
    if sig is None:
        pytest.skip(f"no {name} here")

    (project / "deck.apkg").write_bytes(b"the deck exported before")
    staged = project.parent / "staged"
    argv = [sys.executable, "-c", STALL, str(staged), "export", "anki", "-o", "deck.apkg"]
    proc = subprocess.Popen(argv, cwd=project, env=driver_env(), stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not staged.exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the deck was never staged"
            time.sleep(0.02)
        assert Path(staged.read_text()).is_file()
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert (project / "deck.apkg").read_bytes() == b"the deck exported before"
    if sig == signal.SIGTERM:
        assert proc.returncode == 130 and "interrupted" in stderr, stderr
        assert not list(project.glob(".anki-*"))  # its scratch folder gone
    else:  # what a kill leaves: the staged deck, never a second copy of the course's clips
        (left,) = project.glob(".anki-*")
        assert [p.name for p in left.iterdir()] == ["deck.apkg"]


# --- two courses, and what Anki reads in a field ------------------------------------------


def test_two_courses_with_the_same_ids_keep_their_own_notes(
    course: Path, fault: None, tmp_path: Path, anki: Any
) -> None:
    """Both courses' notes had GUIDs of the type and the id alone: the second deck's import
    turned the first course's notes (and their review history) into the second's."""
    from tests.e2e.test_export_anki import later_second

    decks = []
    for name, words in [("spanish", ["海", "空", "森"]), ("german", ["火", "木"])]:
        course_copy = Project(tmp_path / name)
        course_copy.mkdir()
        course_copy.copy(course)
        entries = course_copy.read_json("data/vocabulary.json")[: len(words)]
        for entry, word in zip(entries, words, strict=True):
            entry["word"] = word
        course_copy.gen({"data/vocabulary.json": entries})
        assert course_copy.json("generate")["failed"] == 0
        code, out = course_copy.invoke("export", "anki", "-o", "deck.apkg")
        assert code == 0, out
        decks.append(course_copy / "deck.apkg")
    first = imported(anki, decks[0])
    later_second(decks[0])
    log = imported_by_anki(anki, decks[1])
    assert len(log.new) == 2 and not log.updated, log
    shown = {fields["word"] for fields in notes(anki).values()}
    assert shown == {"海", "空", "森", "火", "木"}
    assert set(first) == {"海", "空", "森"}
    # The same course exported again is the same notes: its import updates them.
    log = imported_by_anki(anki, decks[0])
    assert not log.new and len(log.duplicate) + len(log.updated) == 3, log


def test_old_guids_keep_the_notes_a_deck_from_before_the_course_was_in_them_made(
    project: Project, anki: Any
) -> None:
    """A learner who imported a deck whose GUIDs were the set, the type and the id alone
    (as every export made them before) keeps updating those notes with `--old-guids`."""
    import genanki

    code, out = project.invoke("export", "anki", "-o", "deck.apkg", "--old-guids")
    assert code == 0, out
    before = {genanki.guid_for("tts-assets", "", "vocabulary", f"id:v{n}") for n in (1, 2, 3)}
    imported(anki, project / "deck.apkg")
    assert set(notes(anki)) == before
    code, out = project.invoke("export", "anki", "-o", "new.apkg")
    assert code == 0, out
    imported(anki, project / "new.apkg")
    assert len(notes(anki)) == 6  # without it, each note anew beside the old


def test_anki_s_field_separator_in_a_text_or_a_value_is_a_space_and_said(
    project: Project, anki: Any
) -> None:
    """A text holding U+001F (Anki's field separator, in content Anki exported) made a deck
    Anki refused whole: "note has 3 fields, expected 2"."""
    words = project.read_json("data/vocabulary.json")
    words[0]["word"] = "猫\u001f犬"
    words[1]["examples"] = [{"translation": "moun\u001ftain"}]
    project.gen({"data/vocabulary.json": words})
    assert project.json("generate")["failed"] == 0
    out = project.json("export", "anki", "-o", "deck.apkg", "--field", "examples[].translation")
    shown = imported(anki, project / "deck.apkg")
    assert shown["猫 犬"]["word audio"].startswith("[sound:")
    assert shown["山"]["examples translation"] == "moun tain"
    assert out["separators"] == [
        "vocabulary.json › [0] › word",
        "vocabulary.json › [1] › examples[].translation",
    ], out


def test_a_sound_tag_written_in_a_text_or_a_value_is_shown_not_played(
    project: Project, anki: Any
) -> None:
    """`[sound:KEY.mp3]` in a text stayed a live tag in the deck: the card played a clip
    that was not its text's."""
    words = project.read_json("data/vocabulary.json")
    other = project.url_of("vocabulary.json", 1, "audioUrl").rpartition("/")[2]
    words[0]["word"] = f"水 [sound:{other}]"
    words[0]["examples"] = [{"translation": f"[sound:{other}]"}]
    project.gen({"data/vocabulary.json": words})
    assert project.json("generate")["failed"] == 0
    code, out = project.invoke(
        "export", "anki", "-o", "deck.apkg", "--field", "examples[].translation"
    )
    assert code == 0, out
    imported(anki, project / "deck.apkg")
    (nid,) = anki.find_notes('"word:水*"')
    card = anki.get_note(nid).cards()[0]
    own = project.url_of("vocabulary.json", 0, "audioUrl").rpartition("/")[2]
    played = [tag.filename for tag in [*card.question_av_tags(), *card.answer_av_tags()]]
    assert other not in played and own in played, played
    assert f"[sound:{other}]" in html.unescape(card.answer())  # shown as the text says


def test_a_field_with_alternatives_is_one_line_and_exit_2(project: Project) -> None:
    before = project.tree()
    code, out = project.invoke("export", "anki", "-o", "deck.apkg", "--field", "note|meaning")
    assert code == 2 and out.count("\n") == 1 and "unpack" not in out, out
    assert "--field 'note|meaning'" in out and "one path" in out, out
    assert project.tree() == before


@pytest.mark.parametrize("line_url", [None, "lines[].audioUrl"], ids=["lines", "line URLs"])
def test_each_type_has_its_own_fields_and_a_dialogue_shows_its_lines(
    project: Project, anki: Any, line_url: str | None
) -> None:
    """Every --field was a field of every note type (empty where the type has no such
    value), fields were named by path expressions, and a dialogue's card had no text; a
    line's own clip (`line_url`) is a sound of its own field, beside the transcript."""
    from tests.support.talk import talk_config, talk_entry

    project.config(talk_config(CONFIG, {"A": "tone", "B": "tone"}, line_url=line_url))
    project.gen({"data/talk.json": [talk_entry(1, ("A", "おはよう。"), ("B", "はい。"))]})
    assert project.json("generate")["failed"] == 0
    code, out = project.invoke(
        "export", "anki", "-o", "deck.apkg", "--field", "examples[].translation"
    )
    assert code == 0, out
    imported_by_anki(anki, project / "deck.apkg")
    by_type = {}
    for nid in anki.find_notes(""):
        note = anki.get_note(nid)
        by_type.setdefault(note.note_type()["name"].rpartition(" ")[2], []).append(note)
    (talk,) = by_type["talk"]
    lines = ["dialogue lines audio"] if line_url else []
    assert list(talk.keys()) == ["title", "title audio", *lines, "dialogue", "dialogue audio"]
    assert talk["dialogue"] == "A: おはよう。<br>B: はい。"
    if line_url:
        assert sounds(talk["dialogue lines audio"]) == [
            project.read_json("data/talk.json")[0]["lines"][n]["audioUrl"].rpartition("/")[2]
            for n in (0, 1)
        ]
    assert talk["dialogue audio"].startswith("[sound:")
    assert "A: おはよう。<br>B: はい。" in talk.cards()[0].answer()  # on its card's back
    fields = list(by_type["vocabulary"][0].keys())
    assert fields == ["word", "word audio", "meaning", "meaning audio", "examples translation"]
