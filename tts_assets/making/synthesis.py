"""Stage one of making clips: each piece of each new clip, one provider call, one pool job.

Each piece becomes a `Speech` request and a job that returns its `Audio`. The jobs are
given longest text first (longest-processing-time-first): a passage's pieces spread over
every worker instead of trailing at the end behind one, and the run ends on short
readings; the sort is stable, so equal lengths keep content order.

What a job returns goes to the assembler (assembler.py), never into the job itself: the
job's timeout and retries cover the provider call and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Protocol

from ..audio.samples import Audio
from ..errors import ClipError
from ..frontends.alphabets import takes_phonemes, takes_pitch
from ..planning.plan import Clip
from ..planning.recipes import Spoken
from ..providers.base import Speech
from ..providers.engine import Engine
from .pool import Job


class Sayable(Protocol):
    """What a text is said as, piece by piece (a plan's `Spoken`, `readings.Said`)."""

    @property
    def pieces(self) -> tuple[str, ...]: ...
    @property
    def phonemes(self) -> tuple[str, ...] | None: ...
    @property
    def pitch(self) -> tuple[str | None, ...] | None: ...


def speech_for(clip: Clip, index: int, provider: Engine) -> Speech:
    said = sent_of(clip)
    return speech_of(said, index, provider, clip.lang.code, said.voice.voice, said.speed)


def speech_of(
    said: Sayable, index: int, provider: Engine, lang: str, voice: str, speed: float
) -> Speech:
    """The request for piece `index` of `said`: its phonemes (and pitch) only if the voice
    takes them (`Engine.alphabet`)."""
    phonemes = pitch = None
    alphabet = provider.alphabet(voice)
    if said.phonemes is not None and takes_phonemes(alphabet):
        phonemes = said.phonemes[index]
        if said.pitch is not None and takes_pitch(alphabet):
            pitch = said.pitch[index]
    return Speech(said.pieces[index], lang, voice, speed, phonemes, pitch)


def sent_of(clip: Clip) -> Spoken:
    """What `clip`'s provider is sent (`Recipe.sent`): a clip the spoken maker makes."""
    sent = clip.recipe.sent
    if sent is None:
        raise TypeError(f"{clip.rel_path} is made from other clips, not by a provider")
    return sent


def piece_id(key: str, index: int, count: int) -> str:
    return f"{key}#{index}" if count > 1 else key


def piece_of(job_id: str) -> tuple[str, int]:
    key, _, index = job_id.partition("#")
    return key, int(index or 0)


def speech_job(
    job_id: str, provider: Engine, speech: Speech, unless: Callable[[], bool] = bool
) -> Job[Audio]:
    """One provider call as a pool job, tried again as the provider's policy says; not
    made once `unless()` (its clip was abandoned: another of its pieces failed)."""

    async def run() -> Audio:
        if unless():
            raise ClipError("not made: another piece of its text failed")
        return await provider.synthesize(speech)

    return Job(job_id, run, retry=provider.retry_policy())


def piece_jobs(
    groups: Mapping[str, list[Clip]],
    providers: Mapping[str, Engine],
    *,
    abandoned: Callable[[str], bool],
) -> list[Job[Audio]]:
    """The jobs of every piece of every clip in `groups` (clips by key), longest first;
    a piece whose clip was `abandoned` (another of its pieces failed) is not made."""
    jobs: list[Job[Audio]] = []
    for key in sorted(groups, key=lambda k: -len(groups[k][0].spoken)):
        clip = groups[key][0]
        provider = providers[clip.voice.provider]
        for index in range(count := len(clip.pieces)):
            speech = speech_for(clip, index, provider)
            job_id = piece_id(key, index, count)
            jobs.append(speech_job(job_id, provider, speech, partial(abandoned, key)))
    return jobs
