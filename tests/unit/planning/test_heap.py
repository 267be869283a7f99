"""The collector while a command builds its model of the content (`heap.building`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tests.support.project import VOCABULARY, Project, write_json
from tts_assets.content import load as content_load
from tts_assets.errors import InputError
from tts_assets.planning import heap
from tts_assets.planning.prepare import prepare
from tts_assets.settings.config import Settings


@pytest.fixture
def settings(project: Project) -> Settings:
    project.gen({"data/vocabulary.json": VOCABULARY})
    return Settings(data_dir=project / "data", out_dir=project / "out", type="vocabulary")


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


class _Model:
    """A stand-in for what a run built (anything a weak reference can follow)."""


def test_a_model_left_lives_until_the_next_is_built_in_the_process_of_a_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`heap.leave`: in the command-line process a run's model is not freed when the run is
    done (the process ends soon after); the next model built lets it go first, so a command
    of several runs holds one at most. A program that calls the library frees it at once."""
    import weakref

    monkeypatch.setattr(heap, "_freeze", True)
    monkeypatch.setattr(heap, "_left", [])
    model = _Model()
    alive = weakref.ref(model)
    heap.leave(model)
    del model
    assert alive() is not None
    enabled = gc.isenabled()
    gc.disable()  # paused already: `building` freezes nothing of the test process
    try:
        with heap.building():
            assert alive() is None  # let go before the next is built
    finally:
        if enabled:
            gc.enable()
    monkeypatch.setattr(heap, "_freeze", False)
    other = _Model()
    gone = weakref.ref(other)
    heap.leave(other)
    del other
    assert gone() is None
