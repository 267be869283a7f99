"""One text, outside a run: a provider by name, a text to audio, audio to file bytes.

    async with get_provider("kokoro") as kokoro:
        audio = await asynthesize("今日は雨です。", provider=kokoro)
    data = render(audio)                       # MP3 bytes, as a run stores a clip

    audio = synthesize("Good morning.", lang="en", provider="piper")   # no event loop

A text is said as a run says it; nothing is stored or written. A text a run would refuse
raises InputError; what a run lists for a teacher is logged as a warning: a doubt is never
silent.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import TypedDict, Unpack

import anyio

from ..audio import AudioSettings
from ..audio.samples import Audio
from ..content.gate import check_text
from ..content.text import clean
from ..errors import InputError, ProviderFatal, watching
from ..languages import resolved
from ..making.pool import Pool
from ..making.synthesis import piece_id, speech_job, speech_of
from ..pauses import SENTENCE_S
from ..planning.voices import Voices
from ..providers.engine import Engine
from ..readings.saying import Said, Saying, Written
from ..settings.config import Settings, pronunciation_overrides
from .operation import ready_or_found

log = logging.getLogger(__name__)


@asynccontextmanager
async def get_provider(name: str, settings: Settings | None = None) -> AsyncIterator[Engine]:
    """The provider registered as `name`, opened, and closed when the block ends; its
    settings are `settings` (default: the working directory's config file and environment)."""
    settings = ready_or_found(settings)
    async with Voices(settings).provider(name) as provider:
        yield provider


async def asynthesize(
    text: str,
    *,
    lang: str = "ja",
    voice: str | None = None,
    speed: float | None = None,
    provider: str | Engine | None = None,
    settings: Settings | None = None,
    reading: str | None = None,
) -> Audio:
    """The audio of `text` in `lang`: raw samples, not yet trimmed or normalized (`render`).

    `provider` is a name, an open provider (from `get_provider`), or None for the one the
    settings choose for `lang`; `voice` and `speed` default as in a run. `reading` is the
    text's reading as content gives it (kana for Japanese, pinyin for Chinese). Raises
    InputError for a text with nothing to say, one a run would refuse, or an unknown
    voice, and the error of the last attempt when a piece fails.
    """
    settings = ready_or_found(settings)
    spoken = clean(text)
    if not spoken:
        raise InputError(f"nothing to say in {text!r}")
    verdict = check_text(spoken, lang)
    if verdict.refused:  # never voiced, as in a run
        raise InputError(f"{verdict.reason}; pass the text's own language as lang=")
    voices = Voices(settings)
    language = resolved(lang)  # the library's argument, resolved once
    choice = voices.choice(language)
    async with AsyncExitStack() as stack:
        if isinstance(provider, Engine):
            chosen = provider
        else:
            chosen = await stack.enter_async_context(voices.provider(provider or choice.provider))
        voices_of = chosen.catalogue
        if voice is None and choice.provider == chosen.name:
            voice = choice.voice
        voice = voice or voices_of.default_voice(lang)
        voices_of.check_voice(voice)
        if not voices_of.speaks(voice, lang):
            speaks = ", ".join(voices_of.voice_languages(voice)) or "no language it can name"
            raise InputError(f"the {chosen.name} voice {voice} speaks {speaks}, not {lang}")
        rate = settings.speed if speed is None else speed
        # Decided anew, as before a run makes a clip (the reading memo is a cache).
        saying = Saying(pronunciation_overrides(settings), fresh=True, accent=settings.accent)
        said = saying.say(Written(spoken, language, reading), chosen, voice)
        if said.refused is not None:
            raise InputError(said.refused)
        if said.shown is not None and said.shown[1]:
            log.warning("%s: %s", *said.shown)  # as a run lists it at the text's place
        return await _speak(chosen, said, lang, voice, rate, settings.timeout)


async def _speak(
    provider: Engine, said: Said, lang: str, voice: str, speed: float, timeout: float
) -> Audio:
    pieces = said.pieces
    jobs = [
        speech_job(
            piece_id("text", i, len(pieces)),
            provider,
            speech_of(said, i, provider, lang, voice, speed),
        )
        for i in range(len(pieces))
    ]
    pool = Pool[Audio](
        min(len(jobs), provider.natural_concurrency()),
        timeout=timeout,
        is_fatal=lambda e: isinstance(e, ProviderFatal),
    )
    report = await pool.run(jobs)
    if report.fatal is not None:
        raise report.fatal
    outcomes = [report.outcomes[job.id] for job in jobs]
    for outcome in outcomes:
        if outcome.error is not None:
            raise outcome.error
    made = [outcome.value for outcome in outcomes if outcome.value is not None]
    if len(made) == 1:
        return made[0]
    from ..audio.process import join

    return join(made, said.pauses or SENTENCE_S)


class Options(TypedDict, total=False):
    """How `synthesize` says a text: `asynthesize`'s keywords, a provider by its name."""

    lang: str
    voice: str | None
    speed: float | None
    provider: str | None
    settings: Settings | None
    reading: str | None


def synthesize(text: str, **options: Unpack[Options]) -> Audio:
    """`asynthesize` for code that has no event loop running."""
    return anyio.run(watching, functools.partial(asynthesize, text, **options))


def render(
    audio: Audio, settings: AudioSettings | None = None, *, text: str | None = None
) -> bytes:
    """The file bytes of `audio` as a run stores a clip: trimmed, normalized, encoded;
    with `text`, checked as a run checks a clip of that text (AudioInvalid otherwise)."""
    from ..audio.process import checked_audio, encode, finish

    settings = settings or AudioSettings()
    data = encode(finish(audio, settings), settings)
    if text is not None:
        checked_audio(data, settings, text)
    return data
