"""The record of failed clips read back (`store.failed.read_failed`): a damaged one is empty."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.sweep import check_each_one
from tts_assets.store.failed import read_failed
from tts_assets.store.layout import FAILED_NAME


def test_a_damaged_record_is_read_as_empty(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Any JSON that is not the record's object, or no JSON at all: read as empty (a JSON
    list was an AttributeError, a crash of verify and of the review page)."""

    def case(text: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        (tmp_path / FAILED_NAME).write_text(text, encoding="utf-8")
        assert read_failed(tmp_path) == {}

    check_each_one(
        case,
        ["[]", '[{"version": 1}]', "5", '"failed"', "null", '{"version": 1, "failed": 5}', "{", ""],
    )


def test_no_record_is_empty(tmp_path: Path) -> None:
    assert read_failed(tmp_path) == {}
