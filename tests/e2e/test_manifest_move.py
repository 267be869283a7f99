"""An out dir's JSON manifest moves into a database at the default line
(`store.database.DATABASE_FROM`), and a plan that brings it there says so first: the move
is one way (an older tts-assets refuses the out dir), so a team hears of it in the dry run
and the run, whole and in windows; after the move, nothing more is said."""

from __future__ import annotations

import pytest

from tests.support.manifests import is_database
from tests.support.project import Project
from tests.support.windows import small_windows
from tts_assets.store import database
from tts_assets.store.database import DATABASE_ENV, DATABASE_NAME

pytestmark = pytest.mark.slow  # Kokoro makes the clips


def _moving(found: dict[str, object]) -> list[str]:
    notes = found["notes"]
    assert isinstance(notes, list)
    return [n for n in notes if DATABASE_NAME in n]


@pytest.mark.parametrize("texts", [None, "1"], ids=["whole", "in windows"])
def test_the_move_at_the_default_line_is_said_in_the_dry_run_and_the_run(
    project: Project, monkeypatch: pytest.MonkeyPatch, texts: str | None
) -> None:
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    project.gen({"data/vocabulary.json": [{"id": "v1", "word": "雨"}]})
    assert project.json("generate")["generated"] == 1  # one clip: a JSON manifest
    assert not is_database(project / "public/audio")
    monkeypatch.setattr(database, "DATABASE_FROM", 3)  # the course now brings it to 3
    project.gen({"data/grammar.json": [{"id": "g1", "examples": [
        {"japanese": "山を見ます。"}, {"japanese": "猫がいます。"}]}]})  # fmt: skip
    if texts is not None:
        small_windows(monkeypatch, texts)
    (note,) = _moving(project.json("generate", "--dry-run"))
    assert "3 clips once the " in note and "are made, 3 or more" in note, note
    assert "older" in note and DATABASE_ENV in note
    made = project.json("generate")
    assert made["generated"] == 2 and _moving(made) == [note]
    assert is_database(project / "public/audio")
    assert _moving(project.json("generate", "--dry-run")) == []
    assert project.json("verify")["broken"] == []


@pytest.mark.parametrize("texts", [None, "1"], ids=["whole", "in windows"])
def test_a_line_the_team_set_is_not_foretold_but_the_run_that_moves_it_says_so(
    project: Project, monkeypatch: pytest.MonkeyPatch, texts: str | None
) -> None:
    # As prune --yes, adopt and rebuild-manifest say it: the move is one way.
    monkeypatch.setenv(DATABASE_ENV, "2")
    if texts is not None:
        small_windows(monkeypatch, texts)
    project.gen({"data/vocabulary.json": [{"id": "v1", "word": "雨"}, {"id": "v2", "word": "猫"}]})
    assert _moving(project.json("generate", "--dry-run")) == []
    made = project.json("generate")
    (note,) = _moving(made)
    assert made["generated"] == 2 and f"moved into {DATABASE_NAME} by this command" in note
    assert is_database(project / "public/audio")
    assert _moving(project.json("generate")) == []
