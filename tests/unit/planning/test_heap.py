"""The collector while a command builds its model of the content (`heap.building`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.project import VOCABULARY, Project, write_json
from tts_assets.errors import InputError
from tts_assets.planning import course, heap
from tts_assets.planning.course import prepare
from tts_assets.settings.config import Settings


@pytest.fixture
def settings(project: Project) -> Settings:
    project.gen({"data/vocabulary.json": VOCABULARY})
    return Settings(data_dir=project / "data", out_dir=project / "out", type="vocabulary")


@pytest.fixture
def collector_seen(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether the collector ran while the content was loaded, per load."""
    seen: list[bool] = []
    load_windows = course.load_windows

    def watched(*args: object, **kwargs: object) -> Any:
        seen.append(gc.isenabled())
        return load_windows(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(course, "load_windows", watched)
    enabled = gc.isenabled()
    yield seen
    if enabled:
        gc.enable()


def test_the_collector_is_paused_while_building_and_running_after(
    settings: Settings, collector_seen: list[bool]
) -> None:
    gc.enable()
    prepared = prepare(settings)
    assert collector_seen == [False]
    assert gc.isenabled()
    assert len(prepared.loaded.items) == 2


def test_a_collector_paused_by_the_caller_stays_paused(
    settings: Settings, collector_seen: list[bool]
) -> None:
    gc.disable()
    prepare(settings)
    assert collector_seen == [False]
    assert not gc.isenabled()


def test_the_collector_runs_again_after_bad_input(
    settings: Settings, collector_seen: list[bool]
) -> None:
    write_json(settings.data_dir / "vocabulary.json", {"not": "a list"})
    gc.enable()
    with pytest.raises(InputError):
        prepare(settings)
    assert collector_seen == [False]
    assert gc.isenabled()


@pytest.fixture
def frozen_as_it_was() -> Iterator[None]:
    """The session's frozen heap frozen again after the test unfreezes it (the suite
    freezes what collection built, tests/conftest.py: unfrozen, every later collection
    of this worker would walk it again)."""
    frozen = gc.get_freeze_count() > 0
    yield
    if frozen:
        gc.freeze()


@pytest.mark.usefixtures("frozen_as_it_was")
def test_only_a_process_of_our_own_freezes_what_was_built(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    gc.enable()
    gc.unfreeze()
    prepare(settings)
    assert gc.get_freeze_count() == 0  # a library caller's heap is left as it was
    monkeypatch.setattr(heap, "_freeze", False)
    heap.own_process()
    try:
        prepare(settings)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
