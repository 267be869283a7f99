"""What making reports: each clip that could not be made, and where the run is."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import ClipError, InputError, ProviderFatal
from ..frontends.alphabets import takes_phonemes
from ..languages import Lang
from ..planning.plan import Clip, Plan
from ..planning.voices import Voices
from ..providers.base import Speech
from .pool import JobTimeout


@dataclass(frozen=True)
class Failure:
    """A clip that could not be made, with every entry that needed it."""

    places: list[str]
    text: str
    reason: str
    lang: Lang | None = None
    provider: str = ""
    unsaid: str | None = None
    """Why the provider could not say it in its language, in a few words (`it switched to
    English`), when that is why it failed (`CannotSay`)."""
    key: str = ""


def failure(clips: Sequence[Clip], why: str, unsaid: str | None = None) -> Failure:
    """The failure of `clips` (those of one content key) for `why`."""
    clip = clips[0]
    places = [item.where for one in clips for item in one.items]
    return Failure(places, clip.spoken, why, clip.lang, clip.voice.provider, unsaid, clip.key)


def reason(error: BaseException) -> str:
    """What went wrong, for a person: our own errors as they say it, others with their type."""
    text = str(error) or type(error).__name__
    ours = (ClipError, ProviderFatal, InputError, JobTimeout)
    return text if isinstance(error, ours) else f"{type(error).__name__}: {text}"


ETA_AFTER = 3
"""Clips worked after the first before an ETA is given: the first ones carry the model's
load and warm-up, which the clips after them do not pay again."""


@dataclass
class Progress:
    """Where a run is, for progress bars and CI lines."""

    total: int
    done: int = 0
    generated: int = 0
    failed: int = 0
    present: int = 0
    active: int = 0
    started: float = field(default_factory=time.monotonic)
    warm: tuple[float, int] | None = None
    """When the first clip was worked and how many were by then (`count`): the time
    before it is the model's load, so the rate an ETA is made of is measured from here."""

    def count(self, *, generated: int = 0, failed: int = 0) -> None:
        """Clips worked (made, or failed) just now."""
        self.generated += generated
        self.failed += failed
        self.done += generated + failed
        if self.warm is None:
            self.warm = (time.monotonic(), self.generated + self.failed)

    @property
    def per_minute(self) -> float:
        """Clips worked per minute (present clips do not count)."""
        elapsed = time.monotonic() - self.started
        return 60.0 * (self.generated + self.failed) / elapsed if elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the rate measured since the first clip was worked; None until
        `ETA_AFTER` more were (a guess from the first clip alone is its load time: it
        announced many minutes for a run of about one)."""
        if self.warm is None:
            return None
        since, first = self.warm
        worked = self.generated + self.failed - first
        if worked < ETA_AFTER:
            return None
        return (self.total - self.done) * (time.monotonic() - since) / worked


def would_fail(plan: Plan, voices: Voices) -> list[Failure]:
    """The new clips their providers would fail as ones they cannot say, where a provider
    can tell without synthesis (`Provider.cannot_say`: espeak-ng's switch to English for
    兄弟, as its check of a clip's phonemes finds it at synthesis), with the reason the
    run would give: a dry run that passes a text the run fails is no check."""
    found: list[Failure] = []
    asked: dict[tuple[str, str, Lang, str], str | None] = {}
    for clip in plan.new:
        provider = voices.provider(clip.voice.provider)
        said_from_phonemes = takes_phonemes(provider.alphabet(clip.voice.voice))
        sent = clip.recipe.sent
        if sent is None or (sent.phonemes is not None and said_from_phonemes):
            continue  # made from other clips, or said from its phonemes
        for piece in sent.pieces or [clip.spoken]:
            same = (provider.name, clip.voice.voice, clip.lang, piece)
            if same not in asked:
                asked[same] = provider.cannot_say(Speech(piece, clip.lang.code, clip.voice.voice))
            why = asked[same]
            if why is not None:
                found.append(failure([clip], why, why))
                break
    return found
