"""How a drill's parts are spaced and checked (`making.sequences`): the silences between
its text parts, an answer sized to the part after it, and a length bound that counts
its silences as the pauses they are."""

from __future__ import annotations

import pytest

from tests.support.sweep import check_each
from tts_assets.audio.bounds import speech_bounds
from tts_assets.audio.settings import AudioSettings
from tts_assets.content.sequence import answer_seconds
from tts_assets.making.sequences import _as_pauses, _gaps
from tts_assets.planning.plan import SequencePart

SETTINGS = AudioSettings()
PADDING = (SETTINGS.lead_ms + SETTINGS.tail_ms) / 1000


def _text(name: str) -> SequencePart:
    return SequencePart(name, source=f"vocabulary/{name}.mp3", text=name, lang="ja")


def test_silences_fall_between_text_parts_an_answer_sized_to_the_next() -> None:
    parts = [
        SequencePart("1s", seconds=1.0),  # before the first text: the clip's own edge
        _text("meaning"),
        SequencePart("answer", answer=True),
        _text("word"),
        SequencePart("1s", seconds=1.0),
        SequencePart("500ms", seconds=0.5),  # pauses in a row add up
        _text("word (slow)"),
        _text("again"),  # nothing written between: the clips' own padding
        SequencePart("2s", seconds=2.0),  # after the last text: the clip's own edge
    ]
    durations = [1.0, 0.8, 1.1, 0.6]
    assert _gaps(parts, durations, SETTINGS) == [
        pytest.approx(answer_seconds(0.8)),
        pytest.approx(1.5),
        pytest.approx(PADDING),
    ]
    assert answer_seconds(0.8) == pytest.approx(2.2)
    assert answer_seconds(0.0) == 1.0 and answer_seconds(60.0) == 10.0


SILENCES = [0.0, 0.25, 2.0, 10.0, 25.0, 120.0]


def test_a_drill_s_silence_counts_in_its_length_bound_however_long() -> None:
    check_each(
        _a_drill_s_silence_counts_in_its_length_bound_however_long,
        [(c,) for c in SILENCES],
        ids=lambda case: repr(case[-1]),
    )


def _a_drill_s_silence_counts_in_its_length_bound_however_long(seconds: float) -> None:
    alone = speech_bounds("水山")
    spaced = speech_bounds("水" + _as_pauses(seconds) + "山")
    assert spaced[0] == pytest.approx(alone[0] + seconds, abs=0.01)
    assert spaced[1] == pytest.approx(alone[1] + seconds, abs=0.01)
