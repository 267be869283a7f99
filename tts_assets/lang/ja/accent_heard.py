"""The accent a Japanese clip is heard with, against the accent it should have.

A clip's pitch is tracked with WORLD's Harvest (pyworld, the `accent` extra) and read
mora by mora, the morae placed by the clip's timings: each mora's pitch is the median,
in semitones, of the voiced frames of its vowel (`VOWEL_PART`: not the consonant before
it, which bends the pitch, nor the fade at the end of the last). Each accent phrase is
then heard as the pattern that fits it best: of the patterns a phrase of its length can
have (the fall after each mora, or none), the one whose high morae stand highest above
its low ones (`contrast`).

The rule (`benchmarks/accent.py` measures it):

- the clip is *wrong* when a phrase is heard with another pattern whose contrast beats
  the expected one's by `MARGIN_ST` semitones or more, or when the expected pattern
  falls inside the clip and the clip does not (no pattern reaches `FLAT_ST`: heard
  flat); a flat clip of a pattern that does not fall inside it (飴 LH, 花 LH said
  alone) is not wrong: its rise is small in speech too.
- a phrase is *unchecked* when too few of its morae are voiced to tell (a devoiced
  vowel: 柿 か|き with き whispered), or the clip's morae do not match its pattern.
- A word of one mora is heard on the two halves of its mora: accented (木 H) it falls
  within it, else (気 L) it does not.
- A question's rising last mora (`R`) is left out, but where it rises from the phrase's
  high (飴？ `LR`) or is the first low after the fall (雨？ `HV`, `V`) its first half is
  held to that level: the word's accent is heard before the question's rise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from ...audio.accent_contour import semitones, split_single
from .accent import DIP, RISE, accent_pattern

if TYPE_CHECKING:
    import numpy.typing as npt

MARGIN_ST = 1.5
"""How far (semitones) another pattern must fit better than the expected one to be heard."""
FLAT_ST = 1.0
"""The least contrast (semitones) of a pattern heard at all; below it a phrase is flat."""
FRAME_S = 0.005
"""Seconds per pitch frame."""
VOWEL_PART = (0.35, 0.8)
"""The part of a mora its pitch is read from: after its consonant (which bends the
pitch), before its last fifth (where a word's last mora fades and creaks down as the
voice stops, whatever its accent)."""
LONGEST_MORA_S = 0.25
"""The longest a mora is read over: a phrase's last mora before a pause or the end is
drawn out by the model (half a second and more) and fades and creaks down as the voice
stops, whatever its accent; its pitch is read in the first quarter second."""
MIN_VOICED = 3
"""Voiced frames a mora needs for a pitch of its own."""
MIN_VOICED_SHARE = 0.5
"""The share of its frames a mora needs voiced for a pitch of its own: a devoiced vowel
(す of です, し of ました) has a few frames the tracker takes for voice in its noise, at
any pitch."""
F0_RANGE = (50.0, 600.0)
"""The pitch range searched (Hz): a deep male voice to a child's."""
QUIET_DB = 20.0
"""How far below the clip's loud voiced frames (its 90th percentile, in its voice's
band) a frame's energy may be and still count as voiced."""
OCTAVE_SLIP = 1.8
"""How far above or below the clip's median pitch (a ratio) a frame is taken for an
octave error of the tracker and folded back (10 semitones)."""

AccentVerdict = Literal["right", "wrong", "unchecked"]


@dataclass(frozen=True)
class PhraseHeard:
    """One accent phrase: its pattern expected and heard."""

    expected: str
    """H/L per mora, as it should be said."""
    heard: str
    """H/L per mora as heard, `?` for a mora without pitch, "" when none could be told;
    `flat` when no pattern stands out."""
    verdict: AccentVerdict
    contrast: float
    """How far (semitones) the expected pattern's high morae stand above its low ones."""


@dataclass(frozen=True)
class AccentHeard:
    """A clip's accent: every phrase expected and heard, and the clip's verdict."""

    phrases: tuple[PhraseHeard, ...]
    pitches: tuple[float | None, ...]
    """Each mora's pitch in semitones above 1 Hz; None where it is not voiced."""

    @property
    def verdict(self) -> AccentVerdict:
        verdicts = {phrase.verdict for phrase in self.phrases}
        if "wrong" in verdicts:
            return "wrong"
        return "right" if "right" in verdicts else "unchecked"

    @property
    def expected(self) -> str:
        """The phrases' expected patterns, space-separated (LHL LHH)."""
        return " ".join(phrase.expected for phrase in self.phrases)

    @property
    def heard(self) -> str:
        """The phrases' heard patterns, space-separated (LHH LHH)."""
        return " ".join(phrase.heard or "?" for phrase in self.phrases)


def track_pitch(samples: npt.NDArray[Any], rate: int) -> npt.NDArray[Any]:
    """F0 in Hz every `FRAME_S` seconds (0 where unvoiced), by WORLD's Harvest."""
    import numpy as np
    import pyworld

    x = np.ascontiguousarray(samples, dtype=np.float64)
    f0, _ = pyworld.harvest(
        x, rate, f0_floor=F0_RANGE[0], f0_ceil=F0_RANGE[1], frame_period=FRAME_S * 1000
    )
    f0 = np.asarray(f0)
    # A frame quiet below a voice's band (80-1000 Hz) is noise taken for voice (a
    # devoiced vowel's hiss, a consonant's release), never an accent.
    f0[_quiet(x, rate, len(f0))] = 0.0
    voiced = f0 > 0
    if voiced.any():
        # Octave errors: a frame twice or half the voice's median is the tracker's slip,
        # not an accent (whose moves stay well within OCTAVE_SLIP).
        median = float(np.median(f0[voiced]))
        f0[voiced & (f0 > median * OCTAVE_SLIP)] /= 2
        f0[voiced & (f0 < median / OCTAVE_SLIP)] *= 2
    return f0


def _quiet(x: npt.NDArray[Any], rate: int, frames: int) -> npt.NDArray[Any]:
    """Which of `frames` pitch frames of `x` are quiet in a voice's band (`QUIET_DB`)."""
    import numpy as np

    hop = round(FRAME_S * rate)
    width = 2 * hop * 2
    padded = np.pad(x, (width // 2, width))
    starts = np.arange(frames) * hop
    windows = padded[starts[:, None] + np.arange(width)[None, :]] * np.hanning(width)
    spectrum = np.abs(np.fft.rfft(windows, axis=1)) ** 2
    freqs = np.fft.rfftfreq(width, 1 / rate)
    band = spectrum[:, (freqs >= 80) & (freqs <= 1000)].sum(axis=1)
    level = 10 * np.log10(band + 1e-12)
    loud = float(np.percentile(level, 90))
    quiet: npt.NDArray[Any] = level < loud - QUIET_DB
    return quiet


def mora_pitches(f0: npt.NDArray[Any], morae: Sequence[tuple[float, float]]) -> list[float | None]:
    """Each mora's pitch (semitones) from `f0` (Hz per `FRAME_S`); None if not voiced."""
    import numpy as np

    pitches: list[float | None] = []
    for start, end in morae:
        length = min(end - start, LONGEST_MORA_S)
        first = int((start + VOWEL_PART[0] * length) / FRAME_S)
        last = int(np.ceil((start + VOWEL_PART[1] * length) / FRAME_S))
        # Its vowel only: the frames at its start still glide from the mora before,
        # and a devoiced vowel (柿's き) must not borrow its neighbour's pitch.
        frames = f0[max(0, first) : max(0, last)]
        voiced = frames[frames > 0]
        enough = len(voiced) >= max(MIN_VOICED, MIN_VOICED_SHARE * len(frames))
        pitches.append(float(np.median(semitones(voiced))) if enough else None)
    return pitches


def contrast(pitches: Sequence[float | None], pattern: str) -> float | None:
    """How far the high morae of `pattern` stand above its low ones in `pitches`
    (mean minus mean, semitones); None when either has no voiced mora."""
    highs = [p for p, level in zip(pitches, pattern, strict=True) if p is not None and level == "H"]
    lows = [p for p, level in zip(pitches, pattern, strict=True) if p is not None and level == "L"]
    if not highs or not lows:
        return None
    return sum(highs) / len(highs) - sum(lows) / len(lows)


def judge_phrase(pitches: Sequence[float | None], expected: str) -> PhraseHeard:
    """One phrase heard: the best-fitting pattern against `expected` (see the module)."""
    wanted = contrast(pitches, expected)
    if wanted is None:
        return PhraseHeard(expected, _marked("", pitches), "unchecked", 0.0)
    candidates = {accent_pattern(a, len(expected)) for a in range(len(expected) + 1)}
    if len(expected) == 2:
        # The halves of a word of one mora, or a word of two: rising or falling.
        candidates = {"LH", "HL"}
    scored = [(c, s) for c in sorted(candidates) if (s := contrast(pitches, c)) is not None]
    best, score = max(scored, key=lambda pair: pair[1])
    falls = "HL" in expected
    if score < FLAT_ST:
        heard = _marked("flat", pitches)
        return PhraseHeard(expected, heard, "wrong" if falls else "right", wanted)
    if best != expected and score - wanted >= MARGIN_ST:
        return PhraseHeard(expected, _marked(best, pitches), "wrong", wanted)
    return PhraseHeard(expected, _marked(expected, pitches), "right", wanted)


SPECIAL_MORAE = frozenset("んンーッっ") | frozenset("ɴːʔ")
"""The moraic nasal, the long vowel and the geminate (in kana or Kokoro's phonemes): the
accent never falls on them, and their pitch, short and weak, misleads the tracker."""


def hear_accent(
    samples: npt.NDArray[Any],
    rate: int,
    morae: Sequence[tuple[float, float]],
    patterns: Sequence[str],
    said: Sequence[str] | None = None,
) -> AccentHeard:
    """The accent of a clip whose morae are said at `morae` (seconds, in order), its
    phrases expected with `patterns` (H/L per mora, as many morae in all). `said`: each
    mora's kana or phonemes, whose special morae (`SPECIAL_MORAE`) are not read."""
    if sum(len(p) for p in patterns) != len(morae):
        unknown = tuple(PhraseHeard(p, "", "unchecked", 0.0) for p in patterns)
        return AccentHeard(unknown, ())
    f0 = track_pitch(samples, rate)
    phrases: list[PhraseHeard] = []
    all_pitches: list[float | None] = []
    at = 0
    for told in patterns:
        phrase = _as_heard(told)
        size = len(phrase.pattern)
        own_said = None if said is None else said[at : at + size]
        pitches, expected = _phrase_pitches(f0, morae[at : at + size], phrase, own_said)
        at += size
        known = [p for p in pitches if p is not None]
        all_pitches += pitches if size > 1 else [sum(known) / len(known) if known else None]
        phrases.append(_as_told(judge_phrase(pitches, expected), phrase))
    return AccentHeard(tuple(phrases), tuple(all_pitches))


@dataclass(frozen=True)
class _Told:
    """A phrase's told pattern as the clip is heard against it."""

    told: str
    """The pattern as told (`R` or `V` on a question's last mora)."""
    pattern: str
    """H and L per mora: the told pattern with its last mora held to a level."""
    rises: bool
    """Whether its last mora's pitch is left out (a question's rise)."""
    halved: bool
    """Whether its last mora is read in its first part only (held to its level)."""


def _as_heard(told: str) -> _Told:
    # A question's rise (R, V, LR): the module's docstring says how each is held.
    high = told.endswith(RISE) and len(told) > 1 and accent_pattern(0, len(told)) == told[:-1] + "H"
    rises = told.endswith(RISE) and len(told) > 2 and not high
    halved = told.endswith(DIP) or high
    last = "H" if told == DIP or high else "L"
    pattern = told[:-1] + last if told.endswith((RISE, DIP)) else told
    return _Told(told, pattern, rises, halved)


def _phrase_pitches(
    f0: npt.NDArray[Any],
    morae: Sequence[tuple[float, float]],
    phrase: _Told,
    said: Sequence[str] | None,
) -> tuple[list[float | None], str]:
    """(each mora's pitch, the pattern expected of them) of a phrase said at `morae`:
    a word of one mora on its two halves (`split_single`), special morae and a
    question's rise left out."""
    own_morae = list(morae)
    if phrase.halved:
        start, end = own_morae[-1]
        own_morae[-1] = (start, start + (end - start) * (2 / 3 if phrase.told == DIP else 1 / 2))
    spans, expected = split_single(own_morae, phrase.pattern)
    pitches = mora_pitches(f0, spans)
    if said is not None and len(phrase.pattern) > 1:
        # A nasal alone is the moraic nasal too, as Kokoro writes it before b, k, n.
        special = [m in SPECIAL_MORAE or (len(m) == 1 and m in "mnŋɲ") for m in said]
        pitches = [None if s else p for p, s in zip(pitches, special, strict=True)]
    if phrase.rises:
        pitches[-1] = None
    return pitches, expected


def _as_told(heard: PhraseHeard, phrase: _Told) -> PhraseHeard:
    """`heard` said back against the phrase's told pattern: its rise or dip marked, a
    word of one mora as that mora's own pattern."""
    told, said = phrase.told, heard.heard
    if len(told) > 1 and not (phrase.rises or phrase.halved):
        return heard
    if len(told) > 1 and said not in ("", "flat"):
        said = said[:-1] + told[-1]
    if len(told) == 1:
        # Said back as the mora's own pattern: H if it falls, L if not (木？: V).
        said = {"HL": "H", "LH": "L"}.get(said, said)
        if told == DIP and said == "H":
            said = DIP
    return replace(heard, expected=told, heard=said)


@dataclass(frozen=True)
class AccentPair:
    """Two texts said alike whose accents differ: a minimal pair a learner cannot hear."""

    texts: tuple[str, str]
    expected: tuple[str, str]
    """Each text's patterns (`HL`, `LH`)."""
    heard: tuple[str, str]
    """Each clip's patterns as heard ("" where it was not checked)."""
    reason: str
    """What makes them indistinguishable, for a teacher."""
    clips: tuple[str, str] = ("", "")
    """The two clips' paths (relative to the out dir)."""


def minimal_pair(
    texts: tuple[str, str],
    expected: tuple[str, str],
    heard: tuple[AccentHeard | None, AccentHeard | None],
    same_samples: bool,
) -> AccentPair | None:
    """The pair of two texts of one reading (`expected`: their patterns in their clips)
    when their clips cannot teach the difference: the same samples, either clip heard
    wrong or unchecked, or both heard alike; None when the pair is heard as it should be.

    Texts whose patterns are the same in a clip of the word alone (花 and 鼻: odaka and
    flat differ only on the particle after them) are a pair too: the difference is not
    in the clips at all."""
    heard_as = tuple(h.heard if h is not None else "" for h in heard)
    pair = (texts, expected, (heard_as[0], heard_as[1]))
    if expected[0] == expected[1]:
        return AccentPair(
            *pair,
            f"{texts[0]} and {texts[1]} differ only in the pitch after the word, which a "
            "clip of the word alone does not have; give the drill the word with a particle "
            f"({texts[0]}が, {texts[1]}が)",
        )
    if same_samples:
        return AccentPair(*pair, "the two clips are the same samples")
    verdicts = [h.verdict if h is not None else "unchecked" for h in heard]
    if "wrong" in verdicts:
        return AccentPair(*pair, "a clip is not said with its accent")
    if "unchecked" in verdicts:
        return AccentPair(*pair, "a clip's accent could not be heard")
    if heard_as[0] == heard_as[1]:
        return AccentPair(*pair, "the two clips are heard with the same pattern")
    return None


def _marked(pattern: str, pitches: Sequence[float | None]) -> str:
    """`pattern` with `?` on the morae without pitch (flat stays flat)."""
    if pattern in ("", "flat"):
        return pattern
    return "".join("?" if p is None else level for p, level in zip(pitches, pattern, strict=True))
