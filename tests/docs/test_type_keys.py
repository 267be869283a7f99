"""The content-type reference is the declarations ("the content-type reference in
the docs is generated from the declarations"): every key of a type's tables and every kind
of place, as committed in docs/content-types.md, is what the code declares now."""

from __future__ import annotations

from tests.support import REPO
from tts_assets.content.places import KINDS
from tts_assets.content.sequence import DRILLS
from tts_assets.content.spec import TYPE_KEYS
from tts_assets.content.type_tables import FIELD_TABLE


def _part() -> str:
    page = (REPO / "docs" / "content-types.md").read_text(encoding="utf-8")
    start = page.index("<!-- generated: type-keys -->")
    return page[start : page.index("<!-- end: type-keys -->", start)]


def test_every_declared_key_and_kind_is_in_the_committed_reference() -> None:
    part = _part()
    for keys in (TYPE_KEYS, FIELD_TABLE, DRILLS.keys):
        for key in keys:
            row = next(line for line in part.splitlines() if line.startswith(f"| `{key.name}` |"))
            assert key.takes in row
            if key.place is not None:
                assert f"{key.place.kind.name}, {key.place.what}" in row
    for kind in KINDS:
        assert f"| `{kind.name}` | {kind.holds} | {kind.writer or 'never written'} |" in part
