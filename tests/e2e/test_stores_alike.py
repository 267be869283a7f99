"""`verify` and the dry run say the same of one course whether its manifest is `manifest.json`
or a database (`TTS_ASSETS_MANIFEST_DATABASE_FROM`), in one window and in many, and a
database manifest in windows reads only the rows a window's plan names, then the rows no
window named (verify's unused clips), never every row.

The course is test_verify_windows' (three folders of words with their meanings in a second
language, slow twins, word timings, clip lengths, a drill per word, a predecessor's URL, a
dead one, stale, missing, corrupt, gone and unused clips), with one record damaged besides:
the same manifest is read as JSON, then moved into a database, and every output compared."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.test_dry_run_windows import _dry
from tests.e2e.test_verify_windows import _course, _diff, _said
from tests.support.manifests import is_database, parsed_rows, read_manifest, write_manifest
from tests.support.project import Project
from tests.support.windows import small_windows
from tts_assets.commands import verify as verify_module
from tts_assets.planning.course import Course
from tts_assets.store.database import DATABASE_ENV, DATABASE_NAME, stub, write_database
from tts_assets.store.layout import MANIFEST_NAME

pytestmark = pytest.mark.slow  # real clips are made first (Kokoro)

WINDOWS = (None, "1", "2", "5")
"""The course in one window, then in windows of 1, 2 and 5 texts."""


def _outputs(project: Project, monkeypatch: pytest.MonkeyPatch) -> dict[str | None, Any]:
    """verify and the dry run, plain and --json, at each of `WINDOWS`."""
    said: dict[str | None, Any] = {}
    for texts in WINDOWS:
        if texts is None:
            small_windows(monkeypatch, None)
        else:
            small_windows(monkeypatch, texts)
        said[texts] = [
            _said(project),
            _said(project, "--json"),
            _dry(project),
            _dry(project, "--json"),
        ]
    return said


def test_a_json_manifest_and_a_database_say_the_same(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATABASE_ENV, str(10**12))
    _course(project, "kokoro")
    out_dir = project / "public/audio"
    doc = read_manifest(out_dir)
    url = project.read_json("data/one/vocabulary.json")[1]["audioUrl"]  # planned, intact
    (index,) = (n for n, c in enumerate(doc["clips"]) if url.endswith(c["path"]))
    doc["clips"][index]["verdict"] = 7
    damaged = doc["clips"][index]["path"]
    write_manifest(out_dir, doc)
    assert not is_database(out_dir)
    as_json = _outputs(project, monkeypatch)

    code, plain = as_json[None][0]
    assert code == 1
    assert f"the record of {damaged} is damaged (verdict" in plain, plain
    report = as_json[None][1][1]
    for kind in ('"missing"', '"corrupt"', '"unused"', '"stale"', '"gone"'):
        assert kind in report, report

    # The same manifest, its entries moved into a database (as a flush moves them).
    write_database(out_dir / DATABASE_NAME, doc["clips"], doc["version"])
    (out_dir / MANIFEST_NAME).write_bytes(stub())
    monkeypatch.setenv(DATABASE_ENV, "0")
    assert is_database(out_dir)
    parsed = parsed_rows(monkeypatch)
    planned = _planned_clips(monkeypatch)
    reported = _rows_read_by_the_report(monkeypatch, parsed)
    as_database = _outputs(project, monkeypatch)
    for texts in WINDOWS:
        assert as_database[texts] == as_json[texts], _diff(as_database[texts], as_json[texts])

    # In windows, the rows read are those the windows' plans named, and verify's report
    # reads the rows no window named (its unused clips): not every row.
    every = {c["path"] for c in doc["clips"]}
    unplanned = every - planned
    assert unplanned and set(reported) == unplanned, (reported, unplanned)
    assert set(parsed) <= planned | unplanned
    parsed.clear()
    small_windows(monkeypatch, "2")
    assert _dry(project) == as_json["2"][2]
    assert parsed and set(parsed) <= planned, set(parsed) - planned


def _planned_clips(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The clip paths the windows of a course planned from now on."""
    planned: set[str] = set()
    windows = Course.windows

    def seen(self: Course) -> Iterator[Any]:
        for prepared in windows(self):
            planned.update(c.rel_path for c in prepared.plan.clips)
            yield prepared

    monkeypatch.setattr(Course, "windows", seen)
    return planned


def _rows_read_by_the_report(monkeypatch: pytest.MonkeyPatch, parsed: list[str]) -> list[str]:
    """The rows parsed while verify's report of a course in windows is made (the last
    such report's)."""
    reported: list[str] = []
    report = verify_module._Windows.report

    def watched(self: Any, notes: list[str]) -> Any:
        before = len(parsed)
        try:
            return report(self, notes)
        finally:
            reported[:] = parsed[before:]

    monkeypatch.setattr(verify_module._Windows, "report", watched)
    return reported
