"""g2pM's network runs with numpy's BLAS on one thread (its products are small: threads cost
more than they share, benchmarks/zh_polyphones.py), and leaves BLAS as it found it. Loads
g2pM's weights: slow."""

from __future__ import annotations

from typing import Any

import pytest

from tts_assets.lang.zh import model

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(model.weights() is None, reason="g2pM is not installed"),
]


def _blas_threads() -> list[int]:
    from threadpoolctl import threadpool_info

    return [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]


def test_the_network_runs_on_one_blas_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("threadpoolctl")
    seen: list[list[int]] = []
    run = model._run

    def watched(found: Any, batch: Any) -> Any:
        seen.append(_blas_threads())
        return run(found, batch)

    monkeypatch.setattr(model, "_run", watched)
    before = _blas_threads()
    found = model.probabilities([("他教我中文。", [1])])
    assert found[0][0]  # 教's readings, with their probabilities
    assert seen and all(threads and set(threads) == {1} for threads in seen)
    assert _blas_threads() == before
