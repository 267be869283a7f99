"""A pitch contour given a Japanese accent: a height per mora, in the voice's own range.

One owner of how levels (`LHH`, `HL`, `HLL27LLLL`: `level_height`) become a
fundamental-frequency contour: the Kokoro provider sets its model's predicted F0 to it
before the decoder (the accent said at the source), and the accent benchmark re-synthesizes
clips with it through WORLD.

The contour keeps what the voice did and moves only its trend: the original F0 in semitones
is split into a smooth trend and the detail around it (the small movements a consonant or a
vowel onset makes, held within `DETAIL_ST`); the trend is replaced by the pattern's levels,
high and low around the voice's median, `span` semitones apart (its own range, kept within
`SPAN_ST`), and the detail is added back. Each mora holds its level; the moves between
levels are smoothed over `GLIDE_S`, so a fall begins at the end of the accented mora, as it
does in speech. A word of one mora has its pattern on its two halves: falling when accented
(木 H: a fall within the mora), rising when not (気 L).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy.typing as npt

CONTOUR_VERSION = "2"
"""Bump on any change here that changes the sound of a clip told the same accent (part
of the content key of such a clip, beside its pitch)."""
SPAN_ST = (4.0, 7.0)
"""The distance between high and low, in semitones: the voice's own range (10th to 90th
percentile of its F0 in the clip) kept within these bounds."""
GLIDE_S = 0.06
"""Seconds over which a move between levels is smoothed."""
TREND_S = 0.12
"""Seconds of the moving average that is the original's trend (what is replaced)."""
DETAIL_ST = 1.5
"""The most the detail kept may move the pitch off the pattern, in semitones: a
consonant's bend stays, a voice's own fall at the end of a word (which would unsay a
high last mora) does not."""


HIGH = "H"
LOW = "L"
ABOVE = "+"
ABOVE_HEIGHT = 1.2
DIP = "V"
"""A question's last mora after a fall: low, then rising above the high (its halves)."""


_HEIGHTS = {
    HIGH: 1.0,
    LOW: 0.0,
    ABOVE: ABOVE_HEIGHT,
    DIP: 0.0,
    **{str(d): d / 10 for d in range(10)},
}
"""The height each level letter names (`level_height`); a `DIP` where it starts, as
`accent_contour` lays its rise."""


def level_height(letter: str) -> float:
    """The height a level letter names, 0 the voice's low and 1 its high: `H` 1, `L` 0,
    a digit its tenths between them, `+` above the high (a question's rise)."""
    if letter not in _HEIGHTS:
        raise ValueError(f"{letter!r} is not a level (H, L, a digit or +)")
    return _HEIGHTS[letter]


def level_letter(height: float) -> str:
    """The letter of the level nearest `height` (`level_height`)."""
    if height > 1.0:
        return ABOVE
    if height >= 0.95:
        return HIGH
    if height < 0.05:
        return LOW
    return str(min(9, max(1, round(height * 10))))


LEVELS = frozenset(_HEIGHTS)
"""The letters of a level (`level_height`)."""


def semitones(hz: Any) -> Any:
    """Hz as semitones above 1 Hz (numpy arrays or floats)."""
    import numpy as np

    return 12.0 * np.log2(hz)


def split_single(
    morae: Sequence[tuple[float, float]], pattern: str
) -> tuple[list[tuple[float, float]], str]:
    """A one-mora word's pattern on the two halves of its mora; other words unchanged. A
    mora said low and then rising (`DIP`) is laid on its halves too (low, above the
    high), after its word's high where it is the one mora (木？: thirds high, low, above)."""
    if DIP in pattern:
        spans: list[tuple[float, float]] = []
        levels = ""
        for (start, end), letter in zip(morae, pattern, strict=True):
            if letter != DIP:
                spans.append((start, end))
                levels += letter
                continue
            cuts = [HIGH, LOW, ABOVE] if len(pattern) == 1 else [LOW, ABOVE]
            width = (end - start) / len(cuts)
            spans += [(start + i * width, start + (i + 1) * width) for i in range(len(cuts))]
            levels += "".join(cuts)
        return spans, levels
    if len(morae) != 1 or len(pattern) != 1:
        return list(morae), pattern
    start, end = morae[0]
    middle = (start + end) / 2
    return [(start, middle), (middle, end)], "HL" if pattern == HIGH else "LH"


def accent_contour(
    f0: npt.NDArray[Any],
    frame_s: float,
    morae: Sequence[tuple[float, float]],
    pattern: str,
    voiced_hz: float = 30.0,
) -> npt.NDArray[Any]:
    """`f0` (Hz per frame of `frame_s` seconds) with `pattern` laid on `morae`: (start,
    end) seconds, one per letter (a level: `level_height`). Frames below `voiced_hz`
    (unvoiced, or the ramps into and out of voicing a model predicts) are kept as they are."""
    import numpy as np

    if len(morae) != len(pattern) or not pattern:
        raise ValueError(f"{len(morae)} morae for the pattern {pattern!r}")
    morae, pattern = split_single(morae, pattern)
    f0 = np.asarray(f0, dtype=np.float64)
    voiced = f0 >= voiced_hz
    if voiced.sum() < 2:
        return f0.copy()
    frames = np.arange(len(f0))
    tones = np.full(len(f0), np.nan)
    tones[voiced] = semitones(f0[voiced])
    # The trend through unvoiced gaps: voiced frames joined by straight lines.
    filled = np.interp(frames, frames[voiced], tones[voiced])
    trend = _smooth(filled, max(1, round(TREND_S / frame_s)))
    low, high = np.percentile(tones[voiced], [10, 90])
    span = float(np.clip(high - low, *SPAN_ST))
    centre = float(np.median(tones[voiced]))
    levels = np.array([centre - span / 2 + level_height(p) * span for p in pattern])
    times = (frames + 0.5) * frame_s
    # Each frame takes the level of the mora it falls in; before the first and after
    # the last mora, the nearest one's.
    starts = np.array([start for start, _ in morae])
    index = np.clip(np.searchsorted(starts, times, side="right") - 1, 0, len(morae) - 1)
    target = _smooth(levels[index], max(1, round(GLIDE_S / frame_s)))
    detail = np.clip(tones[voiced] - trend[voiced], -DETAIL_ST, DETAIL_ST)
    out = f0.copy()
    out[voiced] = 2.0 ** ((detail + target[voiced]) / 12.0)
    return out


def _smooth(values: npt.NDArray[Any], width: int) -> npt.NDArray[Any]:
    """A centred moving average of `width` frames, the edges held (no fall to zero)."""
    import numpy as np

    if width <= 1:
        return values
    padded = np.pad(values, (width // 2, width - 1 - width // 2), mode="edge")
    return np.convolve(padded, np.ones(width) / width, mode="valid")
