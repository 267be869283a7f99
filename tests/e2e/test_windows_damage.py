"""A damaged manifest record in a course run in windows: `verify` and the dry run
name it in the same line whether the manifest is `manifest.json` or a database
(`TTS_ASSETS_MANIFEST_DATABASE_FROM`) and whether the course is planned whole, as one
window, or window by window.

A database manifest reads a row when a plan asks for its clip, so its damaged records are
found while the course is planned, not when the manifest is opened: a report that took the
damage notes before planning would say nothing of them."""

from __future__ import annotations

import pytest

from tests.e2e.test_dry_run_windows import _dry
from tests.e2e.test_verify_windows import _course, _said
from tests.support.manifests import is_database, read_manifest, write_manifest
from tests.support.markers import needs_espeak_library
from tests.support.project import Project
from tests.support.windows import small_windows
from tts_assets.store.database import DATABASE_ENV

pytestmark = [pytest.mark.slow, needs_espeak_library]  # real clips are made first


@pytest.mark.parametrize("store", ["json", "database"])
def test_a_damaged_record_is_named_alike_in_windows_and_whole(
    project: Project, monkeypatch: pytest.MonkeyPatch, store: str
) -> None:
    small_windows(monkeypatch, None)
    monkeypatch.setenv(DATABASE_ENV, "0" if store == "database" else str(10**12))
    _course(project, "espeak")
    out_dir = project / "public/audio"
    assert is_database(out_dir) == (store == "database")
    doc = read_manifest(out_dir)
    url = project.read_json("data/one/vocabulary.json")[1]["audioUrl"]  # planned, intact
    (index,) = (n for n, c in enumerate(doc["clips"]) if url.endswith(c["path"]))
    path = doc["clips"][index]["path"]
    doc["clips"][index]["verdict"] = 7
    write_manifest(out_dir, doc)
    named = f": the record of {path} is damaged (verdict"
    # The same line from either store: the stub manifest.json names the database.
    line = (
        f"note: public/audio/manifest.json: the record of {path} is damaged (verdict: a "
        f"number, not a string); it is left out; its file {path} holds the bytes it "
        "records: tts-assets generate records it again from the file, nothing synthesized "
        "or billed"
    )

    def said() -> list[tuple[int, str]]:
        return [
            _said(project),
            _said(project, "--json"),
            _dry(project),
            _dry(project, "--json"),
        ]

    whole = said()
    assert [code for code, _ in whole] == [1] * 4
    assert [n for n, (_, out) in enumerate(whole) if named not in out] == [], whole
    assert line in whole[0][1].splitlines() and line in whole[2][1].splitlines(), whole
    for texts in ("1", "2", "5"):
        small_windows(monkeypatch, texts)
        assert said() == whole, texts
