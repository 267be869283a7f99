"""A manifest record with a field of the wrong type, against every command.

A person can edit the manifest. A field holding what the tool never writes there (a string
where `timings` is an object, a list where `lang` is a string ...) stopped commands as a
bug (exit 4) far from the manifest. It is found once, when the manifest is read: the
record is named in a note and left out; no command fails on it. Its file still holds the
bytes it records, so the next run records it again from the file, as rebuild-manifest
would, and makes nothing (generate billed it again; `test_damaged_records_paid`
counts that on a paid provider).

The project is real (espeak-ng clips with their word timings, a WebVTT track each, a
segments place in the content); every field of one record is given each wrong value in
turn, and every command runs on a copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.manifests import PATH_IN_DATABASE, is_database, read_manifest, write_manifest
from tests.support.markers import needs_espeak
from tests.support.project import Project
from tts_assets.store.manifest import StoredClip
from tts_assets.store.records import CHECKS

pytestmark = [pytest.mark.slow, needs_espeak]

CONFIG = """provider = "espeak"
webvtt = true

[types.shadowing]
file = "shadowing.json"
fields = [{ text = "text", url = "audioUrl", segments = "segments" }]
"""
CONTENT = {
    "data/vocabulary.json": [
        {"id": "v1", "word": "ねこ", "examples": [{"sentence": "ねこがすきです。"}]},
        {"id": "v2", "word": "いぬ"},
    ],
    "data/shadowing.json": [{"id": "s1", "text": "きょうはあめです。"}],
}
DAMAGED = "きょうはあめです。"
"""The text whose record is damaged: a shadowing sentence, its timings written back."""

WRONG: dict[str, object] = {
    "string": "x",
    "empty-string": "",
    "number": 7,
    "fraction": 1.5,
    "negative": -1,
    "list": [1],
    "empty-list": [],
    "object": {"a": 1},
    "empty-object": {},
    "null": None,
    "true": True,
    "false": False,
}
"""A wrong value of each JSON type (null only where a field cannot be null)."""

INSIDE: dict[str, list[object]] = {
    "timings": [
        {"source": "x", "words": "x"},
        {"source": "x", "words": [{"start": "0", "end": 1, "text": "a"}]},
        {"source": "x", "words": [{"start": 0, "end": 1, "text": "a", "morae": [[0, "1"]]}]},
        {"source": "x", "words": [{"start": 0, "end": 1, "text": "a", "morae": None}]},
        {"none": 3},
    ],
    "pitch": [{"pattern": 3, "from": "analyzer"}, {"pattern": "LH", "kana": ["ア"]}],
    "accent": [{"sha256": "x", "pair": 1}],
    "listened": [{"by": 1}],
    "measures": [{"duration": "1"}],
}
"""Wrong values inside the objects a record holds, where a reader looks."""

COMMANDS = [
    ("verify",),
    ("verify", "--deep"),
    ("verify", "--accent"),
    ("review",),
    ("prune",),
    ("readings",),
    ("generate",),
]
"""Every command that reads the manifest; generate last (it makes the clip again)."""


def _cases() -> list[Any]:
    cases = []
    for name in CHECKS:
        for kind, value in WRONG.items():
            if CHECKS[name](value) is not None:  # a wrong value for this field
                cases.append(pytest.param(name, value, id=f"{name}-{kind}"))
        for n, value in enumerate(INSIDE.get(name, [])):
            cases.append(pytest.param(name, value, id=f"{name}-inside{n}"))
    return cases


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = Project(tmp_path_factory.mktemp("made") / "project")
    root.mkdir()
    root.gen(CONTENT).config(CONFIG)
    assert root.json("generate")["failed"] == 0
    return root


def test_every_field_of_a_record_is_checked() -> None:
    assert set(CHECKS) == {f.name for f in StoredClip.__dataclass_fields__.values()}


@pytest.mark.parametrize(("field", "value"), _cases())
def test_a_wrong_field_is_a_damaged_record_that_no_command_fails_on(
    made: Path, project: Project, field: str, value: object
) -> None:
    project.copy(made)
    out_dir = project / "public/audio"
    if field == "path" and is_database(out_dir):
        pytest.skip(PATH_IN_DATABASE)
    doc = read_manifest(out_dir)
    (index,) = (n for n, c in enumerate(doc["clips"]) if c["text"] == DAMAGED)
    intact = dict(doc["clips"][index])
    doc["clips"][index][field] = value
    write_manifest(out_dir, doc)

    where = intact["path"] if field != "path" else f"clips › [{index}]"  # named as it can be
    named = f"the record of {where} is damaged ({field}"
    for command in COMMANDS:
        code, out = project.invoke(*command)
        assert code in (0, 1), (command, out)  # never 4, a bug; never 2, the whole manifest
        assert "Traceback" not in out and "bug in tts-assets" not in out, (command, out)
        if command[0] != "readings":  # a report of what is said, not of the clips
            assert named in out, (command, out)

    # generate recorded the clip again from its file, as rebuild-manifest does: nothing
    # synthesized, the record whole again (what its file and the plan cannot say again,
    # the words' timings, found in the content's segments where the record lost its own;
    # espeak-ng's own report of its phonemes, where the record lost it, is gone).
    assert "recorded again from its file" in out and "nothing synthesized or billed" in out
    again = read_manifest(out_dir)
    (recovered,) = (c for c in again["clips"] if c["text"] == DAMAGED)
    if field == "timings":
        assert recovered["timings"]["source"] == "found again in the content's segments"
        assert recovered["timings"]["words"] == intact["timings"]["words"]
    elif field == "phonemes":
        assert recovered["phonemes"] is None
    else:
        assert recovered == intact
    code, out = project.invoke("verify")
    assert code == 0 and "damaged" not in out, out


@pytest.mark.parametrize(
    "damage",
    [
        {"note": 5},
        {"verdict": 7},
        {"device": ["cpu"]},
        {"key": "0" * 32},
        {"sha256": 3, "bytes": "x"},
    ],
    ids=["note", "verdict", "device", "key", "sha256-and-bytes"],
)
def test_a_damaged_record_of_a_kokoro_clip_is_recorded_again_not_made(
    kokoro_project: Project, damage: dict[str, object]
) -> None:
    """Kokoro, the default provider: each record of a run damaged so, and the next run makes
    nothing; every record is whole again, where its model ran (`device`) among what it
    keeps of the damaged record (none where that field is the damaged one, or where the
    record's bytes cannot be read: they are not known to be the file's)."""
    out_dir = kokoro_project / "public/audio"
    doc = read_manifest(out_dir)
    intact = sorted((dict(c) for c in doc["clips"]), key=lambda c: c["path"])
    for record in doc["clips"][1:]:  # one sound record: the manifest is not all damaged
        record.update(damage)
    write_manifest(out_dir, doc)

    summary = kokoro_project.json("generate")
    assert summary["generated"] == 0, summary
    again = kokoro_project.manifest()["clips"]
    if "device" in damage or "bytes" in damage:  # neither the bytes' nor where they came from
        assert [c["device"] for c in again].count(None) == len(intact) - 1
        again = [{**c, "device": "cpu"} for c in again]
    assert again == intact
