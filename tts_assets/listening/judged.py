"""Which clips the listening check can judge, and why the others are not checked.

Whisper base hears whole sentences well and isolated words badly: on Kokoro's Japanese,
correct one-word clips are heard otherwise about as often as not, at any threshold
(`benchmarks/listening.py`), so a word, a bare reading or a chart's kana sound is *not
checked*, never passed. So is a clip in a language or from a provider the check was not
calibrated on: espeak-ng's formant voices are heard wrongly even when they are right,
and a language is judged only where its threshold was measured. Not checked is a fact
reported beside the verdicts; it is never "ok".
"""

from __future__ import annotations

from dataclasses import dataclass

from ..languages import LANGUAGES as PROFILES
from ..languages import Lang, resolved
from ..store.manifest import StoredClip
from .compare import said_form
from .ear import MAX_SECONDS

LANGUAGES = frozenset(code for code, p in PROFILES.items() if p.listening is not None)
"""The languages whose thresholds were calibrated (their profile's `listening`,
`benchmarks/listening_thresholds.py`): Japanese and English. The others' comparison is ready
(`compare.py`), their thresholds wait for a measurement with their voices."""


MIN_SECONDS = 1.0
"""Clips shorter than this are words: not judged."""


@dataclass(frozen=True)
class Subject:
    """One stored clip as the listening check sees it."""

    path: str
    """The clip file relative to the out dir."""
    sha256: str
    """Its bytes: a result is kept only while they are the same."""
    text: str
    """What the engine was given (the text, or what a misread word was said as)."""
    lang: Lang
    """Its language, resolved from the code its record keeps ("": not known)."""
    provider: str
    duration: float
    kind: str = "text"
    """How the plan speaks it: `text`, `reading` (a bare reading) or `kana` (one sound)."""
    reading: str | None = None
    """The kana the readings engine decided is said, when it decided."""

    @classmethod
    def of(cls, entry: StoredClip, kind: str = "text") -> Subject:
        """The subject of manifest entry `entry`, spoken as `kind`."""
        return cls(
            path=entry.path,
            sha256=entry.sha256,
            text=entry.spoken or entry.text,
            lang=resolved(entry.lang or ""),
            provider=entry.provider,
            duration=entry.duration,
            kind=kind,
            reading=entry.reading,
        )


def not_judged(subject: Subject) -> str | None:
    """Why the listening check cannot judge `subject`, or None when it can."""
    if subject.kind != "text":
        what = "a bare reading" if subject.kind == "reading" else "a kana sound"
        return f"{what}: too short for Whisper base to judge"
    # An adopted clip records no provider (`""`): a person's or another tool's recording,
    # heard as Whisper hears people. A provider says whether Whisper hears its voices so
    # (`heard_by_whisper`: neural ones; espeak-ng's formant voices are heard wrongly when
    # they are right); one not installed here cannot say.
    if subject.provider and not _heard_by_whisper(subject.provider):
        return f"{subject.provider}'s voices: Whisper base does not hear them reliably"
    calibrated = PROFILES[subject.lang.code].listening if subject.lang.code in LANGUAGES else None
    if calibrated is None:
        return f"{subject.lang.code or 'an unknown language'}: no threshold calibrated for it"
    if subject.duration > MAX_SECONDS:
        seconds, most = f"{subject.duration:.0f} s", f"{MAX_SECONDS:.0f} s"
        return f"{seconds}: longer than the {most} Whisper hears at once"
    if subject.duration < MIN_SECONDS:
        return "a word: too short for Whisper base to judge"
    # Fewer kana (Japanese) or letters (others) than its profile's least make a word or a
    # short phrase, which Whisper base mishears too often to tell wrong from right.
    if len(said_form(subject.reading or subject.text, subject.lang)) < calibrated[2]:
        return "a word or short phrase: too short for Whisper base to judge"
    return None


def _heard_by_whisper(provider: str) -> bool:
    from ..errors import InputError
    from ..providers.registry import get

    try:
        return get(provider).heard_by_whisper
    except (InputError, ImportError):
        return False
