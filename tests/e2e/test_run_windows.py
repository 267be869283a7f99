"""A run of a course window by window does what its run in one window does: the same clips,
manifest, content files and report whatever the windows, on test_verify_windows' course shaped
like a real one (words in several folders, each with its meaning in a second language, slow
twins, drills, a predecessor's URL kept, another dead, a text changed, clips missing or
corrupt, a new word said in two types), each provider opened once (espeak-ng's worker
processes started once) for the run, not for each window."""

from __future__ import annotations

import difflib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_verify_windows import _course
from tests.support.manifests import comparable_project
from tests.support.markers import needs_espeak_library
from tests.support.project import Project
from tests.support.windows import counted_windows, small_windows
from tts_assets.providers import espeak_workers
from tts_assets.providers.engine import Engine, physical_cores
from tts_assets.providers.espeak import EspeakProvider
from tts_assets.providers.kokoro import KokoroProvider

pytestmark = pytest.mark.slow  # real clips are made


def _ran(project: Project) -> tuple[int, dict[str, Any], dict[str, bytes]]:
    """A run's exit code, its --json report (its seconds and speed taken out), and every
    file of the project after it (the lock files aside)."""
    code, out = project.invoke("generate", "--json")
    found = json.loads(out)
    found["seconds"] = found["clips_per_minute"] = 0
    return code, found, comparable_project(project, project.tree(locks=False))


def _lines(code: int, summary: dict[str, Any], files: dict[str, bytes]) -> list[str]:
    return [
        f"exit {code}",
        *json.dumps(summary, indent=1, ensure_ascii=False, sort_keys=True).splitlines(),
        *(f"{name} {hash(data)}" for name, data in sorted(files.items())),
    ]


def _counted_opens(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each of Kokoro and espeak-ng is opened and closed from now on, and how many
    espeak-ng worker processes start (a counter the test clears)."""
    counts: Counter[str] = Counter()
    for cls in (KokoroProvider, EspeakProvider):
        for name in ("open", "aclose"):
            real = getattr(cls, name)

            async def counted(self: Engine, real: Any = real, name: str = name) -> None:
                counts[f"{type(self).name} {name}"] += 1
                await real(self)

            monkeypatch.setattr(cls, name, counted)
    started = espeak_workers.Worker.__init__

    def worker(self: espeak_workers.Worker) -> None:
        counts["espeak worker processes"] += 1
        started(self)

    monkeypatch.setattr(espeak_workers.Worker, "__init__", worker)
    return counts


@pytest.mark.parametrize("provider", ["kokoro", pytest.param("espeak", marks=needs_espeak_library)])
def test_a_run_in_windows_does_what_a_run_in_one_window_does(
    project: Project, monkeypatch: pytest.MonkeyPatch, provider: str, tmp_path: Path
) -> None:
    _course(project, provider)
    windows = counted_windows(monkeypatch)
    opened = _counted_opens(monkeypatch)
    small_windows(monkeypatch, None)
    whole = Project(tmp_path / "whole").copy(project)
    expected = _ran(whole)
    assert len(windows) == 1  # one window, planned once
    summary = expected[1]
    assert summary["generated"] > 0 and summary["written"], summary
    for texts in ("1", "2", "5"):
        small_windows(monkeypatch, texts)
        ran = Project(tmp_path / f"in{texts}").copy(project)
        opened.clear()
        said = _ran(ran)
        assert len(windows) > 1, texts
        windows.clear()
        # Opened once for the run, not for each window that makes clips: a model loaded,
        # espeak-ng's worker processes started, once.
        once = {"kokoro": int(provider == "kokoro"), "espeak": 1}  # espeak-ng: the meanings
        for name, times in once.items():
            assert opened[f"{name} open"] == opened[f"{name} aclose"] == times, (texts, opened)
        assert opened["espeak worker processes"] <= physical_cores(), (texts, opened)
        if said != expected:
            diff = difflib.unified_diff(_lines(*expected), _lines(*said), lineterm="", n=2)
            pytest.fail(f"windows of {texts}:\n" + "\n".join(diff))
