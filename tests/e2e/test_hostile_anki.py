"""`tts-assets export anki` tried as a careless user and an attacker would (hostile review of
the new surfaces): a text that keeps a person's recording (there, through a link out of the
out dir, `..`, a Git LFS pointer, a CDN), a `--field` the type already speaks or a list of
objects, ids that are no ids, deck names Anki turns into "blank", an output that cannot be
written or a disk that fills, a stop and a kill while the deck is written. Each held here
failed on the code before. The course is made once by a run of the fault provider (its
clips are real files the store vouches for); decks are imported with Anki's own library."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_export_anki import anki, notes
from tests.e2e.test_export_anki import imported as imported_by_anki
from tests.support.markers import needs_symlinks
from tests.support.mounts import fill, read_only, tmpfs
from tests.support.project import Project, made_once

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
    assert water["meaning"] == "みず" and water["Meaning 2"] == ""
    assert not any(name.endswith("+") for name in water), list(water)


def test_a_field_holding_a_list_of_objects_is_said_not_left_empty_in_silence(
    project: Project,
) -> None:
    out = project.json("export", "anki", "-o", "deck.apkg", "--field", "examples")
    assert any("--field examples" in note and "list" in note for note in out["notes_said"]), out


@pytest.mark.parametrize("field", ["meening", "x" * 5000, "audioUrl.x", "examples[].nothing"])
def test_a_field_no_entry_holds_is_said_not_left_empty_in_silence(
    project: Project, field: str
) -> None:
    """A misspelt --field made every note's field empty, exit 0, no word."""
    out = project.json("export", "anki", "-o", "deck.apkg", "--field", field)
    (said,) = [note for note in out["notes_said"] if note.startswith("--field ")]
    assert f"--field {field}: no entry holds a value there" in said, said
    out = project.json("export", "anki", "-o", "deck.apkg", "--field", "meaning")
    assert not any(note.startswith("--field ") for note in out["notes_said"]), out


@pytest.mark.parametrize("key", ["uid", "[]", "x" * 5000])
def test_an_id_key_no_entry_holds_is_said(project: Project, key: str) -> None:
    """Every note was known by its first text in silence: its next change, a new note."""
    out = project.json("export", "anki", "-o", "deck.apkg", "--id-key", key)
    (said,) = [note for note in out["notes_said"] if note.startswith("--id-key ")]
    assert "no entry holds it" in said and len(said) < 300, said
    out = project.json("export", "anki", "-o", "deck.apkg", "--id-key", "id")
    assert not any(note.startswith("--id-key ") for note in out["notes_said"]), out


@pytest.mark.parametrize("value", [True, {"id": 1}, 1.5, "  "])
def test_an_id_that_is_no_id_is_listed(project: Project, value: object) -> None:
    """Such an entry was known by its text in silence: its next change made a new note."""
    words = project.read_json("data/vocabulary.json")
    words[2]["id"] = value
    project.gen({"data/vocabulary.json": words})
    out = project.json("export", "anki", "-o", "deck.apkg")
    (listed,) = out["unidentified"]
    assert listed.startswith("vocabulary.json › [2] › id: "), listed


@pytest.mark.parametrize("deck", ["::", "Course::", "::ja", "   ", "Course:: ::ja"])
def test_a_deck_name_anki_would_call_blank_is_refused(project: Project, deck: str) -> None:
    before = project.tree(folders=True)
    code, out = project.invoke("export", "anki", "--deck", deck)
    assert code == 2 and "needs a word" in out and "Traceback" not in out, out
    assert project.tree(folders=True) == before


def test_a_long_deck_name_makes_a_file_name_a_file_system_takes(project: Project) -> None:
    """The default file name is the deck's: 300 letters were exit 4, 'File name too long'."""
    code, out = project.invoke("export", "anki", "--deck", "語" * 300)
    assert code == 0, out
    (deck,) = project.glob("*.apkg")
    assert len(os.fsencode(deck.name)) <= 255


# --- where the deck is written -------------------------------------------------------------


@pytest.mark.parametrize(
    "output",
    ["data/vocabulary.json", "public/audio/manifest.json", "tts-assets.toml", "public/audio"],
)
def test_an_output_that_is_a_course_file_is_refused_before_anything_is_read(
    project: Project, output: str
) -> None:
    """A deck written over the content, the manifest or the config would lose them."""
    before = project.tree(folders=True)
    code, out = project.invoke("export", "anki", "-o", output)
    assert code == 2 and out.startswith("error: --output ") and out.count("\n") == 1, out
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
