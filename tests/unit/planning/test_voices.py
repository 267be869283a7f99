"""The providers of a run are opened together and closed together, on every path out:
success, a provider that fails to open, a stop, a provider that fails at the end."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import ClassVar

import anyio
import pytest

from tests.support import fault_provider
from tests.support.project import Project
from tts_assets import Settings, Stop, agenerate, generate, load_settings
from tts_assets.providers import registry

VOCABULARY = [
    {"id": "v1", "word": "みず", "meaning": "water"},
    {"id": "v2", "word": "ほん", "meaning": "book"},
]


class English(fault_provider.FaultProvider):
    """A second provider, for English; records its own and the run's opens and closes."""

    name: ClassVar[str] = "english"
    events: ClassVar[list[str]] = []

    async def open(self) -> None:
        English.events.append(f"open {self.name}")
        await super().open()

    async def aclose(self) -> None:
        English.events.append(f"close {self.name}")
        await super().aclose()


class Japanese(English):
    name: ClassVar[str] = "japanese"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def project(project: Project) -> Iterator[Project]:
    """Vocabulary whose words are Japanese and whose meanings English, two providers."""
    registry.register("english", English)
    registry.register("japanese", Japanese)
    English.events = []
    project.gen({"data/vocabulary.json": json.dumps(VOCABULARY, ensure_ascii=False)})
    yield project.config('[languages]\nja = "japanese"\nen = "english"\n')
    registry.unregister("english")
    registry.unregister("japanese")


def _settings(project: Project, **providers: dict[str, object]) -> Settings:
    return load_settings(project, include_fields=("vocabulary.meaning",), providers=providers)


def test_both_are_opened_once_and_closed_once(project: Project) -> None:
    summary = generate(_settings(project))
    assert summary.exit_code == 0 and summary.generated == 4
    assert sorted(English.events) == [
        "close english",
        "close japanese",
        "open english",
        "open japanese",
    ]


def test_one_that_fails_to_open_closes_the_one_already_open(project: Project) -> None:
    # Opened in name order: english first, then japanese fails.
    with pytest.raises(RuntimeError, match="injected bug in open"):
        generate(_settings(project, japanese={"crash": "open"}))
    assert English.events == ["open english", "open japanese", "close english"]


@pytest.mark.anyio
async def test_a_stop_closes_both(project: Project) -> None:
    stop = Stop()
    settings = _settings(project, english={"delay": 30.0}, japanese={"delay": 30.0})

    async def stop_soon() -> None:
        while "open japanese" not in English.events:
            await anyio.sleep(0.01)
        await anyio.sleep(0.1)
        stop.request()

    with anyio.fail_after(10):
        async with anyio.create_task_group() as tg:
            tg.start_soon(stop_soon)
            summary = await agenerate(settings, stop=stop)
    assert summary.interrupted and summary.generated == 0
    assert sorted(English.events[2:]) == ["close english", "close japanese"]


def test_a_failing_close_still_closes_the_other_and_keeps_the_clips(project: Project) -> None:
    with pytest.raises(RuntimeError, match="injected bug in close"):
        generate(_settings(project, english={"crash": "close"}))
    assert sorted(English.events[2:]) == ["close english", "close japanese"]
    doc = json.loads((project / "data/vocabulary.json").read_text(encoding="utf-8"))
    assert all(entry["audioUrl"] and entry["meaningAudioUrl"] for entry in doc)
