"""Settings and gates that misled CI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.support.markers import needs_symlinks
from tests.support.project import Project, write_json
from tts_assets.cli.app import app
from tts_assets.errors import ConfigError
from tts_assets.settings.load import load_settings


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0"])
def test_a_timeout_that_no_clip_can_meet_is_refused(value: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["generate", "--dry-run", "--timeout", value])
    assert result.exit_code == 2
    assert f"--timeout {float(value)}" in result.output


@pytest.mark.parametrize("value", ["1", "true", "TRUE", "yes", "on", "On"])
def test_batch_mode_forces_one_worker_even_over_concurrency(
    value: str, monkeypatch: pytest.MonkeyPatch, project: Project
) -> None:
    monkeypatch.setenv("TTS_ASSETS_BATCH_MODE", value)
    assert load_settings(".", concurrency=4).concurrency == 1


@pytest.mark.parametrize("value", ["0", "false", "off", "no"])
def test_batch_mode_off(value: str, monkeypatch: pytest.MonkeyPatch, project: Project) -> None:
    monkeypatch.setenv("TTS_ASSETS_BATCH_MODE", value)
    assert load_settings(".", concurrency=4).concurrency == 4


def test_batch_mode_of_another_word_is_refused(
    monkeypatch: pytest.MonkeyPatch, project: Project
) -> None:
    monkeypatch.setenv("TTS_ASSETS_BATCH_MODE", "sometimes")
    with pytest.raises(ConfigError, match="TTS_ASSETS_BATCH_MODE='sometimes': use 1, true"):
        load_settings(".")


def test_a_config_file_with_a_bom_is_read(project: Project) -> None:
    (project / "tts-assets.toml").write_bytes("\ufeffspeed = 1.25\n".encode())
    assert load_settings(".").speed == 1.25


def test_verify_that_found_no_content_file_fails(project: Project) -> None:
    (project / "data").mkdir()
    result = CliRunner().invoke(app, ["verify", "--provider", "espeak"])
    assert result.exit_code == 1
    assert "nothing checked: no content file of the selected types is in data" in result.output
    doc = json.loads(CliRunner().invoke(app, ["verify", "--provider", "espeak", "--json"]).output)
    assert doc["ok"] is False and doc["nothing_checked"]


@needs_symlinks
def test_verify_names_each_missing_or_broken_type_file(project: Project) -> None:
    write_json(project / "data/vocabulary.json", [])
    (project / "data/grammar.json").symlink_to(project / "gone.json")
    result = CliRunner().invoke(app, ["verify", "--provider", "espeak"])
    grammar, kanji = Path("data/grammar.json"), Path("data/kanji.json")  # data\\... on Windows
    assert f"note: {grammar} is a symbolic link to nothing" in result.output
    assert f"note: {kanji} not found; the kanji type was skipped" in result.output


@pytest.mark.parametrize("prefix", ["/a?x=1", "/audio#top", "/%2e%2e/x", "/a/%2E/b"])
def test_a_url_prefix_that_would_break_every_url_is_refused(prefix: str, project: Project) -> None:
    with pytest.raises(ConfigError, match="url_prefix"):
        load_settings(".", url_prefix=prefix)
