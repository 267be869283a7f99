"""A twin's row on the review page says it is one: its tempo (a ladder's rung), which the
page shows beside its voice (three rows of one text at one place looked alike)."""

from __future__ import annotations

from tests.support.project import Project
from tts_assets.planning.course import prepare
from tts_assets.review.collect import collect_rows
from tts_assets.review.page import _row_json
from tts_assets.settings.load import load_settings


def test_each_twin_row_has_its_tempo_and_the_page_is_told(project: Project) -> None:
    project.gen({"data/vocabulary.json": [{"id": "v1", "word": "ねこ"}]})
    project.config("slow = [0.6, 0.8]\n")
    settings = load_settings(project)
    rows = collect_rows(prepare(settings), page_dir=settings.out_dir)
    assert sorted(r.tempo or 1.0 for r in rows) == [0.6, 0.8, 1.0]
    assert sum(r.tempo is None for r in rows) == 1  # the clip as spoken
    assert {r.text for r in rows} == {"ねこ"}
    assert sorted(_row_json(r).get("tm", 1.0) for r in rows) == [0.6, 0.8, 1.0]
