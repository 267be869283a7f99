"""Where the samples of a clip land once stretched with its written pauses kept at their
length (`audio.tempo.keyframes`, `moved`): the map a slow clip is stretched by."""

from __future__ import annotations

import itertools

from tts_assets.audio.tempo import keyframes, moved


def test_speech_is_stretched_and_each_kept_span_keeps_its_length() -> None:
    frames = keyframes(1000, 0.5, [(100, 300), (600, 700)])
    assert frames == [(0, 0), (100, 200), (300, 400), (600, 1000), (700, 1100), (1000, 1700)]
    # Inside a kept span one sample is one sample; around them, two.
    assert [moved(frames, s) for s in (0, 50, 100, 200, 300, 450, 650, 1000)] == [
        0,
        100,
        200,
        300,
        400,
        700,
        1050,
        1700,
    ]


def test_no_kept_span_is_the_plain_stretch() -> None:
    assert keyframes(1200, 0.75, []) == [(0, 0), (1200, 1600)]


def test_empty_overlapping_and_edge_spans_make_a_map_that_only_goes_forward() -> None:
    frames = keyframes(1000, 0.5, [(0, 100), (50, 200), (400, 400), (900, 1200)])
    assert frames[0] == (0, 0) and frames[-1][0] == 1000
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in itertools.pairwise(frames))
    assert moved(frames, 100) - moved(frames, 0) == 100  # kept at the start
    assert moved(frames, 1000) - moved(frames, 900) == 100  # kept at the end
