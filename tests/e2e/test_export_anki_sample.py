"""`tts-assets export anki` on the repository's sample ("on the sample: a
deck Anki can import"): its four built-in types made by a real Kokoro run with a ladder of
tempi and a drill, exported, and imported with Anki's own library. Each note's text fields
hold the entry's texts and each audio field the clips of those texts, one for one, in the
content's order (a kanji's on'yomi whose first reading is also the kanji's `reading` lost
that text, so its field held one reading beside two sounds, and a twin's field showed some
of its texts again under `kunyomi (0.6×)`); a second export after a changed word and
meaning keeps every note's GUID."""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_export_anki import anki, exported_twice, imported, sounds
from tests.support.project import Project
from tests.support.sample import copy_sample

pytestmark = pytest.mark.slow
__all__ = ["anki"]  # the real Anki's empty collection, a fixture shared with the export's tests

CONFIG = """\
slow = [0.6, 0.8]

[[types.vocabulary.sequences]]
name = "drill"
url = "drillAudioUrl"
parts = ["word", "1s", "word (0.6×)"]
"""
TYPES = {"vocabulary.json": "vocabulary", "grammar.json": "grammar"}
TYPES |= {"kanji.json": "kanji", "readings.json": "reading"}
SAID: dict[str, list[tuple[str, str, str | None]]] = {
    "vocabulary": [("word", "word", "audioUrl"), ("example", "examples[].sentence", None)],
    "kanji": [
        ("onyomi", "onyomi", "onyomiAudioUrls"),
        ("kunyomi", "kunyomi", "kunyomiAudioUrls"),
        ("example", "examples[].word", None),
    ],
    "reading": [("passage", "text", "audioUrl")],
    "grammar": [("example", "examples[].japanese", None)],
}
"""Per type, fields whose texts and clips a note holds: (field name, the texts' key in the
entry, the URLs' key; None: the texts' objects hold theirs at `audioUrl`)."""


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample after one real run: every clip, twin and drill made and written back."""
    root = Project(tmp_path_factory.mktemp("sample") / "course")
    copy_sample(root / "data")
    root.config(CONFIG)
    summary = root.json("generate")
    assert summary["failed"] == 0 and summary["refused"] == [], summary
    return root


@pytest.fixture
def project(project: Project, course: Path) -> Project:
    return project.copy(course)


def _texts_and_urls(entry: dict[str, Any], texts: str, urls: str | None) -> list[tuple[str, Any]]:
    """The entry's texts of one field (an empty one has no clip, nor a place in its
    note), each with its URL place's value getter."""
    if urls is None:  # examples[].sentence → examples[].audioUrl
        key = texts.partition("[].")[2]
        found = [(e[key], e) for e in entry.get("examples", [])]
        return [(text, e.get) for text, e in found if text.strip()]
    value = entry[texts]
    if isinstance(value, list):
        return [(t, lambda k, n=n: _at(entry, k, n)) for n, t in enumerate(value)]
    return [(value, entry.get)]


def _at(entry: dict[str, Any], key: str, n: int) -> Any:
    listed = entry.get(key)
    return listed[n] if isinstance(listed, list) and n < len(listed) else None


def _name(url: str | None) -> str:
    assert isinstance(url, str), url
    return url.rpartition("/")[2]


def test_the_samples_deck_holds_every_text_and_clip_of_every_entry(
    project: Project, anki: Any
) -> None:
    out = project.json("export", "anki", "-o", "sample.apkg", "--field", "id")
    contents = {t: project.read_json(f"data/{f}") for f, t in TYPES.items()}
    assert out["notes"] == {t: len(entries) for t, entries in contents.items()}
    assert out["missing"] == [] and out["unpacked"] == []
    log = imported(anki, project / "sample.apkg")
    assert len(log.new) == sum(out["notes"].values()) and not log.duplicate
    manifest = {c["path"].rpartition("/")[2]: c for c in project.manifest()["clips"]}
    media = Path(anki.media.dir())
    by_type: dict[str, list[dict[str, str]]] = {}
    for nid in anki.find_notes(""):
        found = anki.get_note(nid)
        by_type.setdefault(found.note_type()["name"].rpartition(" ")[2], []).append(
            dict(found.items())
        )
    for type_name, fields in SAID.items():
        shown = by_type[type_name]
        assert len(shown) == len(contents[type_name])
        for entry in contents[type_name]:
            (note,) = [n for n in shown if n["id"] == entry["id"]]
            assert not [k for k in note if "×)" in k and not k.endswith(" audio")], note
            for name, texts, urls in fields:
                said = _texts_and_urls(entry, texts, urls)
                url_key = urls or "audioUrl"
                # The field's texts, and its sound for each, one for one, in order.
                assert note[name] == "<br>".join(html.escape(t) for t, _ in said), (name, note)
                assert sounds(note[f"{name} audio"]) == [_name(get(url_key)) for _, get in said]
                for rung in ("60", "80"):
                    twin = sounds(note[f"{name} (0.{rung[0]}×) audio"])
                    assert twin == [
                        _name(get(f"slow{url_key[0].upper()}{url_key[1:]}{rung}"))
                        for _, get in said
                    ], (name, rung, note)
            if type_name == "vocabulary":
                assert sounds(note["drill audio"]) == [_name(entry["drillAudioUrl"])]
    for each_type in by_type.values():
        for shown_note in each_type:
            for value in shown_note.values():
                for sound in sounds(value):
                    digest = hashlib.sha256((media / sound).read_bytes()).hexdigest()
                    assert digest == manifest[sound]["sha256"], sound


def test_a_second_export_of_the_changed_sample_keeps_every_notes_guid(
    project: Project, anki: Any
) -> None:

    def change(project: Project) -> None:
        words = project.read_json("data/vocabulary.json")
        words[0]["word"], words[0]["reading"] = "お水", "おみず"
        kanji = project.read_json("data/kanji.json")
        kanji[0]["kunyomi"] = kanji[0]["kunyomi"][:1]  # a reading dropped
        project.gen({"data/vocabulary.json": words, "data/kanji.json": kanji})

    before, after, log = exported_twice(project, anki, change)
    assert after.keys() == before.keys() and not log.new  # every note kept its GUID
    changed = [fields for guid, fields in after.items() if before[guid] != fields]
    assert len(changed) == 2, json.dumps(changed, ensure_ascii=False)
    (water,) = (f for f in after.values() if f.get("word") == "お水")
    assert all((Path(anki.media.dir()) / s).is_file() for k, v in water.items() for s in sounds(v))
