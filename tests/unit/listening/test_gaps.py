"""A clip with the tool's own silences in it is heard by the speech around them:
every gapped cloze failed `verify --listen`, heard with its 2 s gap and held to a
sentence with a hole in it."""

from __future__ import annotations

import numpy as np

from tts_assets.languages import resolved
from tts_assets.listening.ear import Hearing
from tts_assets.listening.listen import without_gaps
from tts_assets.listening.verdict import decide


def test_a_long_silence_inside_a_clip_is_cut_short_and_the_edges_and_short_ones_kept() -> None:
    rate = 16_000
    tone = np.sin(np.arange(rate // 2) / 5).astype(np.float32)  # 0.5 s of sound
    lead, short, gap = (np.zeros(int(rate * s), np.float32) for s in (0.8, 0.2, 2.0))
    samples = np.concatenate([lead, tone, short, tone, gap, tone, lead])
    heard = without_gaps(samples, rate)
    assert len(samples) - len(heard) == int(rate * 1.7)  # the gap down to 0.3 s
    assert np.array_equal(heard[: len(lead) + len(tone)], samples[: len(lead) + len(tone)])


def test_the_words_around_a_gap_are_judged_by_what_was_heard_not_their_fit() -> None:
    hearing = Hearing("明日はかもしれない", -2.1, "ja", 0.99)
    assert decide(hearing, resolved("ja"), 0.0).verdict == "flagged"
    assert decide(hearing, resolved("ja"), 0.0, fits=False).verdict == "ok"
    assert decide(hearing, resolved("ja"), 0.9, fits=False).verdict == "flagged"
