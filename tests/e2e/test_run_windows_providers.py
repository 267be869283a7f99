"""A run in windows opens each provider once for the run and closes it once at its end, on
every way out (an error, a stop, Ctrl-C between windows, a provider out of credits, a bug in
its close), the windows each making their clips in an event loop of their own; a provider
bound to its event loop (`Engine.loop_bound`, an HTTP client's) is opened and closed around
each window's clips as before. The course: three folders, a window each (windows of one
text, whole files), each with a Japanese word and its English meaning said by two providers
that record their opens, closes and calls (test_voices' pair)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, ClassVar

import anyio
import pytest

from tests.support import fault_provider
from tests.support.project import Project, write_json
from tests.support.windows import small_windows
from tts_assets import Settings, Stop, agenerate, generate, load_settings
from tts_assets.commands import tally
from tts_assets.providers import registry

WORDS = {"a": ("みず", "water"), "b": ("ほん", "book"), "c": ("やま", "mountain")}
"""A folder each, walked a, b, c: a window a folder, each with two new clips."""

CONFIG = """
[languages]
ja = "japanese"
en = "english"

[types.vocabulary]
file = "*/vocabulary.json"

[[types.vocabulary.fields]]
text = "word"
url = "audioUrl"

[[types.vocabulary.fields]]
text = "meaning"
url = "meaningAudioUrl"
lang = "en"
"""


class English(fault_provider.FaultProvider):
    """A provider for English that records its and the run's opens, closes and texts said."""

    name: ClassVar[str] = "english"
    events: ClassVar[list[str]] = []

    async def open(self) -> None:
        English.events.append(f"open {self.name}")
        await super().open()

    async def aclose(self) -> None:
        English.events.append(f"close {self.name}")
        await super().aclose()

    async def synthesize(self, request: Any) -> Any:
        English.events.append(f"say {request.text}")
        return await super().synthesize(request)


class Japanese(English):
    name: ClassVar[str] = "japanese"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def project(project: Project, monkeypatch: pytest.MonkeyPatch) -> Iterator[Project]:
    registry.register("english", English)
    registry.register("japanese", Japanese)
    English.events = []
    for folder, (word, meaning) in WORDS.items():
        entries = [{"id": folder, "word": word, "meaning": meaning}]
        write_json(project / f"data/{folder}/vocabulary.json", entries)
    small_windows(monkeypatch, "1")
    yield project.config(CONFIG)
    registry.unregister("english")
    registry.unregister("japanese")


def _settings(project: Project, **providers: dict[str, object]) -> Settings:
    return load_settings(project, providers=providers)


def _opens_and_closes() -> list[str]:
    return [e for e in English.events if not e.startswith("say ")]


def _urls(project: Project) -> dict[str, tuple[str | None, str | None]]:
    """Each folder's word's and meaning's URL."""
    found = {}
    for folder in WORDS:
        [entry] = json.loads((project / f"data/{folder}/vocabulary.json").read_text("utf-8"))
        found[folder] = (entry.get("audioUrl"), entry.get("meaningAudioUrl"))
    return found


def test_each_provider_is_opened_once_before_the_first_window_and_closed_after_the_last(
    project: Project,
) -> None:
    summary = generate(_settings(project))
    assert summary.exit_code == 0 and summary.generated == 6, summary
    events = English.events
    assert _opens_and_closes() == [
        "open english",
        "open japanese",
        "close japanese",
        "close english",
    ], events
    said = [i for i, e in enumerate(events) if e.startswith("say ")]
    assert len(said) == 6  # three windows' clips, between the opens and the closes
    assert events.index("open japanese") < said[0] and said[-1] < events.index("close japanese")
    assert all(all(urls) for urls in _urls(project).values())


def test_a_provider_bound_to_its_event_loop_is_opened_and_closed_around_each_window(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Japanese, "loop_bound", True)
    summary = generate(_settings(project))
    assert summary.exit_code == 0 and summary.generated == 6, summary
    assert _opens_and_closes() == [
        "open english",
        *["open japanese", "close japanese"] * 3,
        "close english",
    ]


def test_the_same_clips_and_files_as_a_run_that_opens_them_for_each_window(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    again = Project(tmp_path / "again").copy(project)
    assert generate(_settings(project)).generated == 6
    monkeypatch.setattr(English, "loop_bound", True)  # both, as before they were kept
    assert generate(_settings(again)).generated == 6
    assert project.tree(locks=False) == again.tree(locks=False)


def test_a_provider_out_of_credits_in_the_second_window_is_closed_once_at_the_end(
    project: Project,
) -> None:
    summary = generate(_settings(project, japanese={"fates": {"ほん": "fatal"}}))
    assert summary.exit_code == 3 and summary.fatal and "quota" in summary.fatal
    assert "say やま" not in English.events  # the last window makes nothing
    assert _opens_and_closes() == [
        "open english",
        "open japanese",
        "close japanese",
        "close english",
    ]
    urls = _urls(project)
    assert all(urls["a"]) and urls["c"] == (None, None), urls


def test_a_failing_open_in_the_first_window_closes_the_one_already_open(
    project: Project,
) -> None:
    with pytest.raises(RuntimeError, match="injected bug in open"):
        generate(_settings(project, japanese={"crash": "open"}))
    assert English.events == ["open english", "open japanese", "close english"]


def test_a_failing_close_at_the_end_closes_the_other_and_keeps_every_window(
    project: Project,
) -> None:
    with pytest.raises(RuntimeError, match="injected bug in close"):
        generate(_settings(project, english={"crash": "close"}))
    assert sorted(_opens_and_closes()) == [
        "close english",
        "close japanese",
        "open english",
        "open japanese",
    ]
    assert all(all(urls) for urls in _urls(project).values())


@pytest.mark.parametrize("error", [KeyboardInterrupt, RuntimeError], ids=["ctrl-c", "bug"])
def test_ctrl_c_or_a_bug_between_windows_closes_both_once(
    project: Project, monkeypatch: pytest.MonkeyPatch, error: type[BaseException]
) -> None:
    """Ctrl-C (SIGINT outside the making is KeyboardInterrupt), or a bug, once the second
    window is made and written back."""
    ran = tally.Tally.made
    windows = [0]

    def interrupted(self: tally.Tally, *args: Any) -> None:
        ran(self, *args)
        windows[0] += 1
        if windows[0] == 2:
            raise error

    monkeypatch.setattr(tally.Tally, "made", interrupted)
    with pytest.raises(error):
        generate(_settings(project))
    assert _opens_and_closes() == [
        "open english",
        "open japanese",
        "close japanese",
        "close english",
    ]
    urls = _urls(project)
    assert all(urls["a"]) and all(urls["b"]) and urls["c"] == (None, None), urls


@pytest.mark.anyio
async def test_a_stop_in_the_first_window_makes_nothing_after_it_and_closes_both_once(
    project: Project,
) -> None:
    """In the caller's event loop (`agenerate`: each window's making in that one loop)."""
    stop = Stop()
    settings = _settings(project, english={"delay": 30.0}, japanese={"delay": 30.0})

    async def stop_soon() -> None:
        while "open japanese" not in English.events:
            await anyio.sleep(0.01)
        await anyio.sleep(0.1)
        stop.request()

    with anyio.fail_after(20):
        async with anyio.create_task_group() as tg:
            tg.start_soon(stop_soon)
            summary = await agenerate(settings, stop=stop)
    assert summary.interrupted and summary.generated == 0
    assert _opens_and_closes() == [
        "open english",
        "open japanese",
        "close japanese",
        "close english",
    ]
    assert [e for e in English.events if e.startswith("say ")] == ["say water", "say みず"]
