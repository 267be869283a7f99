"""Where a run is: the ETA the progress line shows is measured after the model's load."""

from __future__ import annotations

import pytest

from tts_assets.making import report
from tts_assets.making.report import ETA_AFTER, Progress


class Clock:
    """A fake monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_first_eta_is_not_the_model_load_times_the_clips_left(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The first ETA said 33 minutes for a run of 79 seconds: 20 s of model load
    # before the first clip, multiplied by every clip left.
    clock = Clock()
    monkeypatch.setattr(report.time, "monotonic", clock)
    progress = Progress(total=100)
    clock.now += 20.0  # the model loads, then the first clip takes a second
    progress.count(generated=1)
    assert progress.eta is None  # one clip and the load: no rate yet
    for n in range(ETA_AFTER):
        clock.now += 1.0
        progress.count(generated=1)
        if n < ETA_AFTER - 1:
            assert progress.eta is None
    # A clip a second from here on: the clips left take as many seconds.
    assert progress.eta == pytest.approx(100 - 1 - ETA_AFTER)
    clock.now += 1.0
    progress.count(failed=1)  # a failed clip is worked too
    assert progress.done == 2 + ETA_AFTER
    assert progress.eta == pytest.approx(100 - 2 - ETA_AFTER)


def test_present_clips_are_done_but_not_worked(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    monkeypatch.setattr(report.time, "monotonic", clock)
    progress = Progress(total=10, done=6, present=6)
    assert progress.eta is None  # nothing worked yet: no rate
    clock.now += 5.0
    for _ in range(1 + ETA_AFTER):
        progress.count(generated=1)
        clock.now += 0.5
    assert progress.eta == pytest.approx(0.0)  # all ten are done
