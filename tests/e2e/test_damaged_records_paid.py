"""A damaged manifest record never costs its clip twice.

A paid clip whose record has one field of the wrong type (even a cosmetic one, `note: 5`),
a `path` naming another clip's file, or a key off by one character was billed again by
`generate`, the command the damage note recommended, though its file and its sha256 were
intact. Now `generate` records it again from its file, as `rebuild-manifest` would.

ElevenLabs on the test suite's server on 127.0.0.1, which counts every text it answers
(what the real API bills): every field of a record, given every wrong value of every JSON
type (each on another text's record, one run per field), then the records that name
another clip's file or another key: not one text answered twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_damaged_records import INSIDE, WRONG
from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.manifests import PATH_IN_DATABASE, is_database, read_manifest, write_manifest
from tests.support.project import Project
from tts_assets.store.records import CHECKS

pytestmark = pytest.mark.slow  # a real server, a real readings engine

KEY = "sk-test-0123456789abcdef"
CONFIG = """provider = "elevenlabs"
webvtt = true

[types.shadowing]
file = "shadowing.json"
fields = [{ text = "text", url = "audioUrl", segments = "segments" }]
"""
TEXTS = [f"{n}番目の文を毎朝読みます。" for n in range(1, 19)]
"""More texts than any field has wrong values: each value damages another text's record."""


@pytest.fixture(scope="module")
def server() -> Iterator[FakeElevenLabs]:
    with FakeElevenLabs(api_key=KEY, max_concurrent=3) as made:
        yield made


@pytest.fixture
def paid(server: FakeElevenLabs, monkeypatch: pytest.MonkeyPatch) -> FakeElevenLabs:
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
    return server


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, server: FakeElevenLabs) -> Path:
    root = Project(tmp_path_factory.mktemp("made") / "project")
    root.mkdir()
    root.config(CONFIG).gen(
        {"data/shadowing.json": [{"id": f"s{n}", "text": t} for n, t in enumerate(TEXTS)]}
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ELEVENLABS_API_KEY", KEY)
        env.setenv("ELEVENLABS_BASE_URL", server.base_url)
        assert root.json("generate")["generated"] == len(TEXTS)
    return root


def _values(name: str) -> list[object]:
    """Every wrong value of `name`'s field: one of each JSON type, and inside its objects."""
    return [v for v in WRONG.values() if CHECKS[name](v) is not None] + INSIDE.get(name, [])


def _damaged(project: Project, damage: Any) -> list[dict[str, Any]]:
    """The manifest with `damage(records by text)` applied; the records as they were."""
    doc = read_manifest(project / "public/audio")
    paths = [c["path"] for c in doc["clips"]]
    intact = [dict(c) for c in doc["clips"]]
    damage({c["text"]: c for c in doc["clips"]})
    if is_database(project / "public/audio") and [c["path"] for c in doc["clips"]] != paths:
        pytest.skip(PATH_IN_DATABASE)
    write_manifest(project / "public/audio", doc)
    return intact


def _billed_once(project: Project, server: FakeElevenLabs, intact: list[dict[str, Any]]) -> str:
    """Run generate, then verify: nothing billed again, every record back as it was."""
    before = server.answered()
    assert project.json("generate", "--dry-run")["billable_characters"] == 0  # as it will be
    code, out = project.invoke("generate")
    assert code == 0, out
    assert server.answered() == before, "billed again: " + str(server.answered() - before)
    assert "nothing synthesized or billed" in out, out
    after = {c["path"]: c for c in project.manifest()["clips"]}
    for record in intact:  # each record whole again (each field the file or plan says)
        assert after[record["path"]]["sha256"] == record["sha256"]
    code, verified = project.invoke("verify")
    assert code == 0 and "damaged" not in verified, verified
    return out


@pytest.mark.parametrize("field", sorted(CHECKS))
def test_no_wrong_value_of_a_field_bills_its_clip_again(
    made: Path, project: Project, paid: FakeElevenLabs, field: str
) -> None:
    project.copy(made)
    values = _values(field)
    assert values and len(values) < len(TEXTS)

    def damage(records: dict[str, dict[str, Any]]) -> None:
        for text, value in zip(TEXTS, values, strict=False):
            records[text][field] = value

    intact = _damaged(project, damage)
    out = _billed_once(project, paid, intact)
    assert out.count("recorded again from its file") == len(values), out
    # What the record knew of its bytes and no file says again is kept where it held its
    # shape: ElevenLabs' timings of each word, paid for with the clip.
    after = {c["text"]: c for c in project.manifest()["clips"]}
    for record in intact:
        if field != "timings":
            assert after[record["text"]]["timings"] == record["timings"]


def _another(records: dict[str, dict[str, Any]], one: int, other: int) -> None:
    """The record of text `one` names the file of text `other`."""
    records[TEXTS[one]]["path"] = records[TEXTS[other]]["path"]


def _swapped(records: dict[str, dict[str, Any]], one: int, other: int) -> None:
    """The records of texts `one` and `other` each name the other's file."""
    first, second = records[TEXTS[one]], records[TEXTS[other]]
    first["path"], second["path"] = second["path"], first["path"]


def _off_by_one(key: str) -> str:
    return key[:-1] + ("0" if key[-1] != "0" else "1")


CROSSED = {
    "path-of-another-clip": lambda r: _another(r, 0, 1),
    "paths-swapped": lambda r: _swapped(r, 2, 3),
    "key-off-by-one": lambda r: r[TEXTS[4]].update(key=_off_by_one(r[TEXTS[4]]["key"])),
    "key-of-another-clip": lambda r: r[TEXTS[5]].update(key=r[TEXTS[6]]["key"]),
    "path-in-another-folder": lambda r: r[TEXTS[7]].update(
        path=r[TEXTS[7]]["path"].replace("shadowing/", "vocabulary/")
    ),
    "every-one-at-once": lambda r: (
        _another(r, 8, 9),
        r[TEXTS[10]].update(key=_off_by_one(r[TEXTS[10]]["key"])),
        r[TEXTS[11]].update(note=5, verdict=7, sha256=3),
    ),
}


@pytest.mark.parametrize("crossed", CROSSED)
def test_a_record_naming_another_clip_bills_neither_again(
    made: Path, project: Project, paid: FakeElevenLabs, crossed: str
) -> None:
    project.copy(made)
    intact = _damaged(project, CROSSED[crossed])
    _billed_once(project, paid, intact)
    assert project.manifest()["clips"] == sorted(intact, key=lambda c: c["path"])


def test_a_record_whose_file_changed_is_made_again(
    made: Path, project: Project, paid: FakeElevenLabs
) -> None:
    """A damaged record whose file no longer holds the bytes it records is no proof: its
    clip is made again (billed), as a record whose file changed size is."""
    project.copy(made)

    def damage(records: dict[str, dict[str, Any]]) -> None:
        records[TEXTS[0]]["note"] = 5
        clip = project / "public/audio" / records[TEXTS[0]]["path"]
        clip.write_bytes(clip.read_bytes()[:-1] + b"\0")

    _damaged(project, damage)
    before = paid.answered()
    code, out = project.invoke("generate")
    assert code == 0, out
    assert paid.answered() - before == {TEXTS[0]: 1}
    assert "makes its clip again" in out
