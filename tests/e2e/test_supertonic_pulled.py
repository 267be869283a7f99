"""The real Supertonic-3, where it is pulled (`tts-assets models pull supertonic-3`, 401
MB; no test machine downloads it): its graphs have the names and shapes the runtime and
the small graphs of tests/support/supertonic_graphs.py use, and it makes a Korean clip."""

from __future__ import annotations

import pytest

from tests.support.supertonic_graphs import SIGNATURE, signature
from tts_assets.models.catalog import pinned
from tts_assets.models.installed import installed
from tts_assets.providers.base import Speech
from tts_assets.providers.supertonic import SupertonicProvider

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        installed(pinned()["supertonic-3"]) is None,
        reason="supertonic-3 is not pulled here (tts-assets models pull supertonic-3, 401 MB)",
    ),
]


def test_the_real_graphs_have_the_names_and_shapes_the_runtime_feeds() -> None:
    found = installed(pinned()["supertonic-3"])
    assert found is not None
    for name, expected in SIGNATURE.items():
        assert signature(found.folder / f"{name}.onnx") == expected, name


def test_a_korean_clip_is_made_and_made_again_the_same() -> None:
    speech = Speech("안녕하세요. 만나서 반갑습니다.", "ko", "F1")
    first = SupertonicProvider().synthesize_blocking(speech)
    again = SupertonicProvider().synthesize_blocking(speech)
    assert first.sample_rate == 44100
    assert 0.8 < first.duration < 6.0
    assert first.samples.tobytes() == again.samples.tobytes()
