"""The two stages of making a clip: synthesis of its pieces, then finishing (join, process,
store) with its own retries. A retryable error while finishing retries the finishing
only: the pieces already made are kept, never synthesized again, and never lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import fault_provider
from tts_assets.cli import app
from tts_assets.errors import ClipError
from tts_assets.store import Store

PASSAGE = "今日は雨です。傘を持って出かけました。駅までは十分です。"
"""Three sentences: three pieces, joined into one clip."""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: None) -> Path:
    (tmp_path / "data").mkdir()
    readings = [{"id": "r1", "text": PASSAGE}]
    (tmp_path / "data/readings.json").write_text(json.dumps(readings, ensure_ascii=False))
    fault_provider.write_config(tmp_path, log=str(tmp_path / "calls.jsonl"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_retryable_error_while_storing_retries_the_storing_and_keeps_the_pieces(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put = Store.put
    failures = []

    def flaky_put(self: Store, *args: object, **kwargs: object) -> object:
        if not failures:
            failures.append(args[0])
            raise ClipError("disk briefly unavailable", retryable=True)
        return put(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "put", flaky_put)
    result = CliRunner().invoke(
        app, ["generate", "--provider", "fault", "--type", "reading", "--json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["generated"] == 1 and summary["failed"] == 0
    assert len(failures) == 1
    # Each sentence was synthesized once: the retry reused the pieces.
    assert sorted(fault_provider.calls(project / "calls.jsonl")) == sorted(
        ["今日は雨です。", "傘を持って出かけました。", "駅までは十分です。"]
    )
    url = json.loads((project / "data/readings.json").read_text())[0]["audioUrl"]
    assert (project / "public" / url.removeprefix("/")).is_file()
