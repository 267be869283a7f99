"""The models page says, for every model the tool knows by name, where it comes from and
under which licence: each catalog model and each packaged one has a row of its own, whose
licence is the one the catalog (what `tts-assets models list` shows) records."""

from __future__ import annotations

import re

from tests.support import REPO
from tts_assets.models.catalog import pinned, piper_voices
from tts_assets.models.installed import PACKAGED

PAGE = (REPO / "docs/models.md").read_text(encoding="utf-8")


def _rows() -> dict[str, list[str]]:
    """The rows of the page's tables, by the model name in their first cell."""
    found = {}
    for line in PAGE.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        name = re.fullmatch(r"`([^`]+)`", cells[0])
        if line.startswith("|") and name and len(cells) == 4:
            found[name[1]] = cells
    return found


def test_every_model_has_a_row_with_its_source_and_licence() -> None:
    rows = _rows()
    known = {m.name: m.licence for m in pinned().values()} | {p.name: p.licence for p in PACKAGED}
    for name, licence in known.items():
        assert name in rows, f"docs/models.md has no row for {name}"
        _, _, source, shown = rows[name]
        assert source, name
        assert licence.split()[0] in shown, (name, shown)


def test_the_piper_voices_say_whose_licence_applies() -> None:
    rows = _rows()
    assert "MODEL_CARD" in rows["piper:KEY"][3]
    assert all("MODEL_CARD" in v.licence for v in piper_voices().values())
    assert "CC0" in PAGE and "de_DE-thorsten-medium" in PAGE
