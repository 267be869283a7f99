"""The provider protocol: turn a `Speech` request (text, language, voice, speed) into samples.

Every provider, built in or from a plugin, is a class with this shape, found through the
`tts_assets.providers` entry point group under its `name` (see `registry.py`). It
declares, as plain class attributes that the run reads without loading any model:

    name              the name users pass to --provider (equal to its entry point's name)
    settings_type     its typed settings, the keys of [providers.NAME] (settings.py)
    default_voices    the voice per language when configuration names none
                      (`voice_languages(voice)` says which languages each voice speaks)
    max_piece_chars   the longest text one call takes; longer texts are split
    paid              whether characters sent are billed (--dry-run counts them)

and, per voice, without loading a model, the alphabet it is told a text in
(`alphabet(voice)`: Kokoro's Japanese phonemes with their pitch, misaki's Chinese IPA,
espeak-ng's text told numbered pinyin; None: plain text, `frontends/alphabets.py`), as
Piper's voices declare their `phoneme_type`. A reader writes the alphabets it knows and
gives the others text; where a Chinese text's pinyin is told by comparing it with what the
voice says, the front-end asks `phonemes_of_each(texts, voice)`: what the engine would say
for each text in its own phonemes. `takes_phonemes` (and `takes_pitch` with it) is the
deprecated way a plugin said it takes Kokoro's Japanese phonemes: still read, for one
release, by the default `alphabet` (the registry warns when it loads such a class).

An instance is opened before its first clip and closed after its last (`async with`).
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, ClassVar, Literal, Self

import anyio
import anyio.to_thread

from ..audio.samples import Audio as Audio  # for providers (plugins too)
from ..errors import InputError
from ..frontends.alphabets import Alphabet, deprecated_alphabet
from ..frontends.base import PinyinSaid as PinyinSaid  # for providers (plugins too)
from ..frontends.base import package_version as package_version
from ..languages import base_code, same_language, title_of
from ..retry import RetryPolicy
from .settings import ProviderSettings

if TYPE_CHECKING:
    from ..models.catalog import Model


@dataclass(frozen=True)
class Speech:
    """One request to a provider: a text (one piece of a clip) and how to say it."""

    text: str
    """What to say: the cleaned text, or one sentence piece of a long one."""
    lang: str
    """Its language code (ja, en, ...)."""
    voice: str
    """One of the provider's voices."""
    speed: float = 1.0
    """Speaking rate, 1.0 normal."""
    phonemes: str | None = None
    """The exact phonemes to speak instead of `text`, for a voice whose alphabet is one of
    phonemes (`Provider.alphabet`); None: the provider reads `text` itself."""
    pitch: str | None = None
    """The level of each symbol of `phonemes` (H high, L low, a space for none: a
    Japanese accent, lang/ja/accent.py `phoneme_pitch`), for a voice whose alphabet
    takes a pitch (`Alphabet.pitch`); None: the pitch the provider gives it."""


@dataclass(frozen=True)
class ProviderOptions:
    """What a run asks of every provider it uses (its own settings are `settings_type`)."""

    timeout: float = 60.0
    """Seconds one clip may take; subprocess providers kill their process after it."""
    concurrency: int | None = None
    """The concurrency the run asked for, when given explicitly."""
    scratch_dir: Path | None = None
    """Where temporary files go (the run's `.temp-audio/`); None: the system temp folder."""
    paid_answers: Path | None = None
    """Where a paid provider keeps each answer it is billed for until the run's clips are
    made (`store.layout.PAID_NAME` in a run's staging folder); None: not kept (a text
    said through the library alone)."""
    device: Literal["auto", "cpu", "cuda"] = "auto"
    """Where a local model runs (`device.py`); never part of a content key."""
    models: Mapping[str, Model] = field(default_factory=dict)
    """The config's own models (`[models.NAME]`), which settings may name as catalog
    models are named (`models.installed.resolve`)."""


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in blocks (model files are large)."""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


@functools.cache
def as_fix(hint: str) -> str:
    """A provider's `voice_hint` as a fix to act on: `pass --voice X` for a flag, the hint
    itself for a setting to change (`set model_id = "eleven_v3" in [providers.elevenlabs]`)."""
    return f"pass {hint}" if hint.startswith("--") else hint


def physical_cores() -> int:
    """Physical CPU cores this process may use (hyper-threads share one core's units);
    read once per process."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    pairs: set[tuple[str, str]] = set()
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            physical = "0"
            for line in f:
                if line.startswith("physical id"):
                    physical = line.split(":", 1)[1].strip()
                elif line.startswith("core id"):
                    pairs.add((physical, line.split(":", 1)[1].strip()))
    except OSError:
        pass
    cores = len(pairs) or os.cpu_count() or 1
    return max(1, min(cores, usable or cores))


class Provider:
    """Base class of providers. Subclasses set the class attributes and `synthesize`."""

    name: ClassVar[str] = ""
    """The name users pass to --provider; the registry checks it is the entry point's."""
    description: ClassVar[str] = ""
    """One line for `tts-assets providers`."""
    settings_type: ClassVar[type[ProviderSettings]] = ProviderSettings
    """The keys of `[providers.NAME]`, typed; the base class has none."""
    paid: ClassVar[bool] = False
    """Whether characters sent are billed (dry-run reports them)."""
    default_voices: ClassVar[Mapping[str, str]] = {}
    """Default voice per language code."""
    max_piece_chars: ClassVar[int] = 200
    """Longest text sent in one call; longer texts are split at sentence ends."""
    takes_phonemes: ClassVar[bool] = False
    """Deprecated (one release; declare `alphabet(voice)`): True meant that every voice
    takes Kokoro's Japanese phonemes (`Speech.phonemes`), which the default `alphabet`
    still gives a class that sets it (the registry warns). Read, it says whether a voice
    of this provider takes phonemes at all."""
    takes_pitch: ClassVar[bool] = False
    """Deprecated with `takes_phonemes`: True, beside it, meant its Japanese phonemes take
    a pitch level each (`Speech.pitch`); read only by the default `alphabet`."""
    runtime_package: ClassVar[str] = ""
    """The Python package that runs its model (`kokoro-onnx`), whose version names the
    CI cache of its pulled models (`cache-key`); "" for a provider with none."""
    heard_by_whisper: ClassVar[bool] = False
    """Whether the listening check (Whisper base) hears its voices as it hears people
    (neural voices); a formant voice (espeak-ng) is heard wrong when it is right."""

    @classmethod
    def models_used(
        cls, settings: ProviderSettings | None, voice: str | None
    ) -> list[tuple[str | Path | None, str]]:
        """The models this provider uses with `settings` (its `[providers.NAME]` table)
        and `voice`: for each, what a setting names (a model's name or a file; None: not
        set) and the model it uses when nothing is set. `planning.models` tells a
        catalog name from a file, for `models list`, `models pull --for-config` and
        `cache-key`; a plugin's models join those as a built-in's do."""
        return []

    def __init__(
        self, settings: ProviderSettings | None = None, options: ProviderOptions | None = None
    ) -> None:
        """Keep the settings (checked when they were built) and the run's options.

        A provider loads nothing heavy here: planning and --dry-run make providers too.
        """
        if settings is not None and not isinstance(settings, self.settings_type):
            raise TypeError(f"{type(self).__name__} takes {self.settings_type.__name__}")
        self.settings = settings if settings is not None else self.settings_type()
        self.options = options or ProviderOptions()
        self.device: str | None = None
        """Where its model runs ("cpu", "cuda") once loaded, for the manifest; None for a
        provider that runs no model of its own."""

    @classmethod
    def unavailable_reason(cls) -> str | None:
        """Why this provider cannot run on this machine, or None when it can."""
        return None

    def voices(self) -> list[str]:
        """Every voice name this provider accepts (may load a voice list, not a model)."""
        return sorted(set(self.default_voices.values()))

    def voice_origin(self, voice: str) -> str:
        """Where `voice` comes from, for `tts-assets voices`: "packaged", a pulled model's
        name, a file; "" when there is nothing to say (a service's voice)."""
        return ""

    def other_voices(self) -> list[tuple[str, str, str]]:
        """Voices installed here that this provider's settings do not use: (voice, where
        it comes from, the setting that would use it). For `tts-assets voices`."""
        return []

    @classmethod
    def languages_spoken(cls) -> Mapping[str, str]:
        """Each language a voice of this engine speaks out of the box or after a pull, and
        which voice (with what it takes: `(pull)`, `(paid)`), from the class's data alone:
        no model, program or network is touched. docs/languages.md's table of languages ×
        engines is made from it, and a test holds every language's profile spoken by one
        engine or saying why not (`Language.unspoken`). The base class: `default_voices`."""
        return {lang: f"`{voice}`" for lang, voice in sorted(cls.default_voices.items())}

    def voice_languages(self, voice: str) -> tuple[str, ...]:
        """The languages `voice` speaks, as codes (`ja`, `en-us`, `cmn`), read without
        loading a model; () when this provider cannot tell.

        The base class knows the voices of `default_voices`: each speaks the languages it
        is the default for. A provider with other voices says here what they speak.
        """
        return tuple(sorted(lang for lang, v in self.default_voices.items() if v == voice))

    def speaks(self, voice: str, lang: str) -> bool:
        """Whether `voice` speaks `lang` (`en-gb` speaks en, `cmn` speaks zh)."""
        return any(same_language(code, lang) for code in self.voice_languages(voice))

    def voices_for(self, lang: str) -> list[str]:
        """The voices that speak `lang`, its default first."""
        found = [v for v in self.voices() if self.speaks(v, lang)]
        default = self._listed_default(lang)
        if default in found:
            found.remove(default)
            found.insert(0, default)
        return found

    def _listed_default(self, lang: str) -> str | None:
        return self.default_voices.get(lang) or self.default_voices.get(base_code(lang))

    def default_voice(self, lang: str) -> str:
        """The voice used for `lang` when configuration names none; InputError when no
        voice of this provider speaks it (`no_voice`, `voice_hint`)."""
        found = self.voices_for(lang)
        if found:
            return found[0]
        hint = self.voice_hint(lang)
        raise InputError(
            f"{lang}: {self.no_voice(lang)}; "
            + (as_fix(hint) if hint else f"map {lang} to another provider in [languages]")
        )

    def no_voice(self, lang: str) -> str:
        """Why this provider cannot speak `lang`, in a clause (`kokoro has no Chinese voice
        in its voices file`)."""
        return f"{self.name} has no {title_of(lang)} voice"

    def voice_hint(self, lang: str) -> str | None:
        """What would give this provider a voice for `lang`: a flag, said after "pass"
        (`--kokoro-voices kokoro-voices-v1.0 (run: tts-assets models pull
        kokoro-voices-v1.0)`), or a sentence of its own (`set model_id = ...`; see
        `as_fix`); None when nothing would."""
        return None

    def offer(self, lang: str) -> str | None:
        """The voice this provider would speak `lang` with, to suggest it when another
        provider has none; None when it has no such voice. Never loads a model."""
        found = self.voices_for(lang)
        return found[0] if found else None

    def check_voice(self, voice: str) -> None:
        """Raise InputError, listing the valid voices, when `voice` is not one of them."""
        valid = self.voices()
        if voice not in valid:
            raise InputError(
                f"unknown voice {voice!r} for provider {self.name!r}; "
                f"valid voices: {', '.join(valid)}"
            )

    def identity(self, voice: str) -> Mapping[str, str]:
        """What identifies the model behind `voice` (goes into every content key)."""
        return {}

    def alphabet(self, voice: str) -> Alphabet | None:
        """The alphabet `voice` is told a text in (`frontends.alphabets`: Kokoro's Japanese
        phonemes, misaki's Chinese IPA, espeak-ng's text told numbered pinyin); None: it
        reads plain text. Decided from the voice's name and this provider's data, with no
        model loaded (planning asks it of every voice). The default: None, or Kokoro's
        Japanese phonemes for a class that sets the deprecated `takes_phonemes`."""
        return deprecated_alphabet(self.takes_phonemes, self.takes_pitch)

    def phonemes_of_each(self, texts: Sequence[str], voice: str) -> list[str]:
        """What `voice` would say for each of `texts`, in this engine's own phonemes, in
        order, nothing synthesized: what a front-end compares with a text's pinyin
        (espeak-ng's, `frontends.espeak_pinyin`). Loads no model (an engine's rules are
        fine: it is asked at planning), and whatever it loads once for all the texts. The
        default raises NotImplementedError: only an alphabet whose pinyin is told by
        comparison (`Alphabet.pinyin` `numbered`) asks it."""
        raise NotImplementedError(f"{self.name} does not say its phonemes of a text")

    def said_by(self, voice: str) -> str:
        """Who says `voice`'s texts, as a reader's messages name it (`espeak-ng 1.52`);
        the provider's name unless it says more."""
        return self.name

    def cannot_say(self, speech: Speech) -> str | None:
        """Why this provider would fail `speech` as one it cannot say (`CannotSay`: a switch
        to another language, a letter it drops), found without synthesis where it can tell
        beforehand (`tts-assets readings` asks); None: it cannot tell, or it can say it."""
        return None

    def no_timings(self) -> str:
        """Why a clip this provider made has no timings (`Audio.timings` None), for the
        manifest: a provider that reports them says what kept them from a clip."""
        return f"{self.name} reports no timings"

    def natural_concurrency(self) -> int:
        """How many clips this provider makes at once when the user does not say."""
        return physical_cores()

    def retry_policy(self) -> RetryPolicy:
        """How a failed call of this provider is tried again (retry.py)."""
        return RetryPolicy()

    def deterministic(self) -> bool:
        """Whether this provider, with these settings, says a text the same way every time.

        A new take of a clip then sounds the same, so a review that rejects one is told
        to give a reading or another voice instead (`tts-assets review --apply`).
        """
        return False

    def set_thread_limit(self, limit: int) -> None:
        """Told the run's concurrency before `open` (a provider that bounds or spreads its
        own work takes it: threads, espeak-ng's worker processes)."""

    async def open(self) -> None:
        """Load models or open connections; called once before the first clip."""

    async def synthesize(self, speech: Speech) -> Audio:
        """Make the audio for one request (one piece of a long text)."""
        raise NotImplementedError

    def late_answer(self, speech: Speech) -> str | None:
        """What becomes of the request for `speech` when its clip ran past `--timeout` (a
        paid one sent is billed all the same; one that never left the queue is not), for
        the clip's failure; None: nothing worth saying."""
        return None

    def keep_answers_for(self, speeches: Iterable[Speech]) -> None:
        """The run made its clips but those of `speeches`: a provider that keeps what it is
        billed for (`ProviderOptions.paid_answers`) keeps only what these still need."""

    async def aclose(self) -> None:
        """Release what `open` acquired."""

    async def __aenter__(self) -> Self:
        await self.open()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


class BlockingProvider(Provider):
    """A provider whose synthesis is a blocking call, run in a bounded worker thread."""

    def __init__(
        self, settings: ProviderSettings | None = None, options: ProviderOptions | None = None
    ) -> None:
        super().__init__(settings, options)
        self._limiter: anyio.CapacityLimiter | None = None

    def set_thread_limit(self, limit: int) -> None:
        """Bound the threads running `synthesize_blocking` (the run's concurrency)."""
        self._limiter = anyio.CapacityLimiter(max(1, limit))

    def synthesize_blocking(self, speech: Speech) -> Audio:
        """Make the audio for one request, blocking the calling thread."""
        raise NotImplementedError

    async def synthesize(self, speech: Speech) -> Audio:
        if self._limiter is None:
            self.set_thread_limit(self.natural_concurrency())
        return await anyio.to_thread.run_sync(
            self.synthesize_blocking, speech, limiter=self._limiter
        )
