"""The collector while a command builds its model of the content (`heap.building`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.project import VOCABULARY, write_json
from tts_assets.content import load as content_load
from tts_assets.errors import InputError
from tts_assets.planning import heap
from tts_assets.planning.prepare import prepare
from tts_assets.settings.config import Settings


@pytest.fixture
def project(tmp_path: Path) -> Settings:
    write_json(tmp_path / "data/vocabulary.json", VOCABULARY)
    return Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out", type="vocabulary")


@pytest.fixture
def collector_seen(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether the collector ran while the content was loaded, per load."""
    seen: list[bool] = []
    load_items = content_load.load_items

    def watched(*args: object, **kwargs: object) -> content_load.LoadResult:
        seen.append(gc.isenabled())
        return load_items(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(content_load, "load_items", watched)
    enabled = gc.isenabled()
    yield seen
    if enabled:
        gc.enable()


def test_the_collector_is_paused_while_building_and_running_after(
    project: Settings, collector_seen: list[bool]
) -> None:
    gc.enable()
    prepared = prepare(project)
    assert collector_seen == [False]
    assert gc.isenabled()
    assert len(prepared.loaded.items) == 2


def test_a_collector_paused_by_the_caller_stays_paused(
    project: Settings, collector_seen: list[bool]
) -> None:
    gc.disable()
    prepare(project)
    assert collector_seen == [False]
    assert not gc.isenabled()


def test_the_collector_runs_again_after_bad_input(
    project: Settings, collector_seen: list[bool]
) -> None:
    write_json(project.data_dir / "vocabulary.json", {"not": "a list"})
    gc.enable()
    with pytest.raises(InputError):
        prepare(project)
    assert collector_seen == [False]
    assert gc.isenabled()


def test_only_a_process_of_our_own_freezes_what_was_built(
    project: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    gc.enable()
    gc.unfreeze()
    prepare(project)
    assert gc.get_freeze_count() == 0  # a library caller's heap is left as it was
    monkeypatch.setattr(heap, "_freeze", False)
    heap.own_process()
    try:
        prepare(project)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
