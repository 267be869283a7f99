"""A dry run of a course planned window by window says what its dry run in one window says,
plain and `--json`, in the same order, with the same exit code, on
test_verify_windows' course shaped like a real one (words in several folders, each with
its meaning in a second language, slow twins, drills, a predecessor's URL kept, another
dead, a text changed, clips missing, a new word whose folder a later window moves).

The order is the whole course's: every text's clip, then the joins (texts in several
languages), then the drills, as `plan_content` plans them; the first planned clips a dry run
shows are the ones a run makes first. A window's drills come after its own texts, so a
course in windows puts each clip where its plan in one window has it."""

from __future__ import annotations

import json
import re

import pytest

from tests.e2e.test_verify_windows import _course, _diff
from tests.support.markers import needs_espeak_library
from tests.support.project import Project
from tests.support.windows import counted_windows, small_windows

pytestmark = pytest.mark.slow  # real clips are made first

PROGRESS = re.compile(r"^planned [0-9,]+ texts? of the course so far .*\n", re.MULTILINE)
"""The line a course in windows tells while it plans (on stderr, every few seconds)."""


def _dry(project: Project, *args: str) -> tuple[int, str]:
    """The dry run's exit code and output, its seconds and progress lines taken out."""
    code, out = project.invoke("generate", "--dry-run", *args)
    out = PROGRESS.sub("", out)
    out = re.sub(r"in [0-9.]+ s\b", "in S s", out)
    out = re.sub(r'"seconds": [0-9.]+', '"seconds": 0', out)
    return code, out


@pytest.mark.parametrize("provider", ["kokoro", pytest.param("espeak", marks=needs_espeak_library)])
def test_a_dry_run_in_windows_says_what_one_window_s_says(
    project: Project, monkeypatch: pytest.MonkeyPatch, provider: str
) -> None:
    _course(project, provider)
    windows = counted_windows(monkeypatch)
    small_windows(monkeypatch, None)
    expected = [_dry(project), _dry(project, "--json")]
    assert len(windows) == 2  # one window, each run
    windows.clear()
    code, plain = expected[0]
    assert code == 1, plain  # a dead URL
    found = json.loads(expected[1][1])
    kinds = {name for c in found["types"].values() for name, n in c.items() if n}
    assert {"stale", "kept", "dead", "new", "present"} <= kinds, plain
    drills = [bool(c.get("parts")) for c in found["clips"]]
    assert drills.index(True) > 0 and all(drills[drills.index(True) :]), plain  # at the end
    first = plain.split("first planned clips:\n")[1].splitlines()[:10]
    assert "[1s]" in first[-1] and "[1s]" not in first[0], plain  # the drills among them
    for texts in ("1", "2", "5"):
        small_windows(monkeypatch, texts)
        said = [_dry(project), _dry(project, "--json")]
        assert said == expected, _diff(said, expected)
        assert len(windows) > 4, texts
        windows.clear()
