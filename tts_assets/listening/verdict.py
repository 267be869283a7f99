"""The listening check's verdict on one clip, its thresholds, and how it is kept.

A clip is *flagged* when what Whisper heard is too far from what was meant:

- its said form (kana for Japanese, `compare.py`) differs by a character error rate over
  its language's ceiling (its profile's `listening`); or
- the meant text fits the audio worse than its language's score floor (mean token
  log-probability under forced decoding: it catches a changed verb or a dropped negation
  that costs only a few characters); or
- Whisper hears another language, with a probability over `LANGUAGE_P`.

Otherwise it is *ok*; a clip the check cannot judge is *not checked* (`judged.py`). The
thresholds were chosen per language on real clips, correct and planted wrong
(`benchmarks/listening_thresholds.py`, whose latest table is in BENCHMARKS.md).

A verdict is kept in the clip's manifest entry (`StoredClip.listened`) with the sha256 of
the bytes heard and the check's identity (`IDENTITY`), so a clip is transcribed once:
while its bytes and the check are the same, the stored verdict is its verdict.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..languages import Lang
from ..store.manifest import StoredClip
from .compare import fold_of
from .ear import Hearing
from .model import WHISPER_BASE

VERSION = 2
"""Bump when what is heard or how it is judged changes: every clip is heard again."""
IDENTITY = f"{WHISPER_BASE.identity}/{VERSION}"
"""The model (Whisper base) and the rules a stored verdict was reached with."""


def identity(model: str) -> str:
    """The identity of verdicts reached by the model of identity `model` (`Whisper`)."""
    return f"{model}/{VERSION}"


MAX_ERROR_RATE = 0.2
"""Flag above this character error rate of the said forms (a language without its own)."""
MIN_SCORE = -1.0
"""Flag below this mean log-probability of the meant text's tokens (the same)."""
LANGUAGE_P = 0.5
"""Flag when another language is heard with more than this probability."""

Outcome = Literal["ok", "flagged", "not checked"]


@dataclass(frozen=True)
class Listened:
    """The listening check's verdict on one clip."""

    verdict: Outcome
    why: str = ""
    """What was off (flagged), or why the clip was not judged (not checked)."""
    heard: str | None = None
    """Whisper's transcript; None when nothing was heard (not checked)."""
    error_rate: float | None = None
    score: float | None = None
    language: str | None = None
    language_p: float | None = None
    sha256: str | None = None
    """The bytes heard."""
    by: str = IDENTITY
    """The model and the rules that reached it."""

    @property
    def flagged(self) -> bool:
        return self.verdict == "flagged"

    def as_manifest(self) -> dict[str, Any]:
        """What the manifest entry records (a result that was heard)."""
        return {key: getattr(self, key) for key in _KEPT}

    def as_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.as_manifest().items() if k != "by"}


_KEPT = ("by", "sha256", "verdict", "heard", "why", "error_rate", "score", "language", "language_p")
_NUMBERS = ("error_rate", "score", "language_p")


def not_checked(why: str) -> Listened:
    return Listened("not checked", why)


def stored(entry: StoredClip, by: str = IDENTITY) -> Listened | None:
    """The verdict `entry` records, when it was reached on its bytes by this check (with
    the model and rules of identity `by`)."""
    found = entry.listened
    if not isinstance(found, Mapping) or found.get("by") != by:
        return None
    if found.get("sha256") != entry.sha256 or found.get("verdict") not in ("ok", "flagged"):
        return None
    try:
        numbers: dict[str, Any] = {k: found.get(k) for k in _NUMBERS}
        numbers = {k: None if v is None else float(v) for k, v in numbers.items()}
        why, heard = str(found.get("why") or ""), str(found.get("heard") or "")
        language = found.get("language")
        return Listened(
            found["verdict"], why, heard, **numbers, language=language, sha256=entry.sha256, by=by
        )
    except (TypeError, ValueError):
        return None  # a hand-edited record: hear the clip again


def thresholds(lang: Lang) -> tuple[float, float]:
    """`lang`'s (error-rate ceiling, score floor): a clip above the one or below the
    other is flagged."""
    known = lang.profile
    if known is None or known.listening is None:
        return MAX_ERROR_RATE, MIN_SCORE
    return known.listening[0], known.listening[1]


def decide(
    hearing: Hearing,
    lang: Lang,
    error_rate: float,
    sha256: str | None = None,
    by: str = IDENTITY,
    *,
    fits: bool = True,
) -> Listened:
    """The verdict on a clip meant in `lang`, from what was heard (`error_rate`: between
    the said forms of the meant text and the transcript; `by`: the check's identity).
    `fits`: whether the meant text's fit to the audio is judged; not for the words around
    a cloze's gaps, which make no sentence the model finds likely (明日は___かもしれない)."""
    max_rate, min_score = thresholds(lang)
    off = []
    if hearing.language != lang.code and hearing.language_p > LANGUAGE_P:
        off.append(f"heard as {hearing.language} (p {hearing.language_p:.2f}), not {lang}")
    if error_rate > max_rate:
        unit = fold_of(lang).unit
        off.append(f"{unit} error rate {error_rate:.2f} > {max_rate}")
    if fits and hearing.score < min_score:
        fit = "no form fits" if math.isinf(hearing.score) else f"{hearing.score:.2f}"
        off.append(f"the meant text fits the audio poorly (score {fit} < {min_score})")
    score = None if math.isinf(hearing.score) else round(hearing.score, 3)
    return Listened(
        verdict="flagged" if off else "ok",
        why="; ".join(off),
        heard=hearing.text,
        error_rate=round(error_rate, 3),
        score=score,
        language=hearing.language,
        language_p=round(hearing.language_p, 3),
        sha256=sha256,
        by=by,
    )
