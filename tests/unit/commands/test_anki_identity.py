"""What identifies an entry's notes across exports (`--id-key`)."""

from __future__ import annotations

from tests.support.sweep import check_each_one
from tts_assets.commands.anki import AnkiExport, _identity


def test_an_id_key_of_dotted_keys_reads_the_nested_value() -> None:
    report = AnkiExport.__new__(AnkiExport)
    report.unidentified = []
    entry = {"meta": {"uid": "w7"}, "word": "水"}
    assert _identity(entry, "meta.uid", "vocabulary.json › [0]", report, "水") == "id:w7"
    # A key that holds the dots itself is read as written first.
    assert _identity({"meta.uid": 3, **entry}, "meta.uid", "x", report, "水") == "id:3"
    assert _identity(entry, "meta.nothing", "x", report, "水") == "text:水"
    assert report.unidentified == []


def test_an_id_that_is_no_id_is_listed_and_the_entry_known_by_its_text() -> None:
    """Such an entry was known by its text in silence: its next change made a new note."""

    def case(value: object) -> None:
        report = AnkiExport.__new__(AnkiExport)
        report.unidentified = []
        entry = {"id": value, "word": "川"}
        assert _identity(entry, "id", "vocabulary.json › [2]", report, "川") == "text:川"
        (listed,) = report.unidentified
        assert listed.startswith("vocabulary.json › [2] › id: "), listed

    check_each_one(case, [True, {"id": 1}, 1.5, "  "])
