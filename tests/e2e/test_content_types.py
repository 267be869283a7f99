"""Content types through the command line: a chart and listening planned, two types that
write one place refused before anything is written (the types themselves:
tests/unit/content/test_types.py)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.support.chart import CHART, write
from tests.support.project import Project
from tts_assets.cli.app import app

# --- through the CLI ---------------------------------------------------------------------


def test_generate_plans_the_chart_and_listening_types(project: Project) -> None:
    (project / "data").mkdir()
    write(project / "data", "characters.json", CHART)
    write(project / "data", "listening.json", [{"text": "今日は雨です。傘を持って行きます。"}])
    result = CliRunner().invoke(app, ["generate", "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert {name: counts["texts"] for name, counts in summary["types"].items()} == {
        "characters": 5,
        "listening": 1,
    }
    assert summary["notes"] == [
        f"{Path('data/vocabulary.json')} not found; the vocabulary type was skipped",
        f"{Path('data/grammar.json')} not found; the grammar type was skipped",
        f"{Path('data/kanji.json')} not found; the kanji type was skipped",
        f"{Path('data/readings.json')} not found; the reading type was skipped",
    ]


def test_a_config_where_two_types_write_one_place_stops_before_writing(project: Project) -> None:
    (project / "data").mkdir()
    write(project / "data", "characters.json", CHART)
    (project / "tts-assets.toml").write_text(
        '[types.kanji]\nfile = "characters.json"\n', encoding="utf-8"
    )
    before = sorted(p.name for p in project.rglob("*"))
    result = CliRunner().invoke(app, ["generate", "--type", "characters"])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith("error: ")
    assert "the kanji and characters types both write their URL" in line
    assert sorted(p.name for p in project.rglob("*")) == before
