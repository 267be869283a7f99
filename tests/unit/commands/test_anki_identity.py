"""What identifies an entry's notes across exports (`--id-key`)."""

from __future__ import annotations

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
