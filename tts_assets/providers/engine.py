"""What an engine does: turn a `Speech` request (text, language, voice, speed) into samples.

The provider protocol is three classes a provider subclasses for what it has (docs/
providers.md): `Engine` here, `VoiceCatalogue` (`catalogue.py`) and, for a paid engine,
`Billing` (`billing.py`), which the run reaches through `Engine.catalogue` and `.billing`.

Every provider, built in or from a plugin, is found through the `tts_assets.providers`
entry point group under its `name` (`registry.py`); what the run needs of it before any
model loads it declares as class attributes (below) and answers per voice (`alphabet`).
An instance is opened before its first clip and closed after its last (`async with`).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import ClassVar, Self

import anyio
import anyio.to_thread

from ..audio.samples import Audio
from ..frontends.alphabets import Alphabet
from ..retry import RetryPolicy
from .billing import Billing
from .catalogue import VoiceCatalogue
from .settings import ProviderSettings
from .speech import ProviderOptions, Speech


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


class Engine:
    """Base class of what an engine does. Subclasses set the class attributes and
    `synthesize`, and subclass `VoiceCatalogue` (and `Billing`, when paid) beside it."""

    name: ClassVar[str] = ""
    """The name users pass to --provider; the registry checks it is the entry point's."""
    description: ClassVar[str] = ""
    """One line for `tts-assets providers`."""
    settings_type: ClassVar[type[ProviderSettings]] = ProviderSettings
    """The keys of `[providers.NAME]`, typed; the base class has none."""
    max_piece_chars: ClassVar[int] = 200
    """Longest text sent in one call; longer texts are split at sentence ends."""
    runtime_package: ClassVar[str] = ""
    """The Python package that runs its model (`kokoro-onnx`), whose version names the
    CI cache of its pulled models (`cache-key`); "" for a provider with none."""
    requires: ClassVar[Mapping[str, str]] = {}
    """The Python modules it cannot run without, each with the package that installs it;
    the base `unavailable_reason` names the first one missing and `install`."""
    install: ClassVar[str] = ""
    """The command that installs what `requires` names (`pip install 'tts-assets[piper]'`)."""
    heard_by_whisper: ClassVar[bool] = False
    """Whether the listening check (Whisper base) hears its voices as it hears people
    (neural voices); a formant voice (espeak-ng) is heard wrong when it is right."""
    loop_bound: ClassVar[bool] = True
    """Whether what `open` holds is bound to the event loop or the task that opened it (an
    HTTP client's connections, a task group): a run in windows then opens and closes it
    around each window's clips, each window's making in an event loop of its own. False (a
    local model, worker processes or threads, told the run's concurrency again before each
    window's clips): opened at the first clip of the run and closed at its end
    (`planning.voices.Voices.keep_open`)."""

    model_settings: ClassVar[Mapping[str, str]] = {}
    """Each setting that names a model it uses (`model`, `voices`), with the catalog model
    it uses when that setting is not set (`models_used`)."""

    reproducible: ClassVar[bool] = False
    """Whether it says a text the same way every time, whatever its settings."""
    timings_missing: ClassVar[str] = ""
    """Why a clip it made has no timings, where it says more than that it reports none."""

    @classmethod
    def models_used(
        cls, settings: ProviderSettings | None, voice: str | None
    ) -> list[tuple[str | Path | None, str]]:
        """The models this provider uses with `settings` (its `[providers.NAME]` table)
        and `voice`: for each, what a setting names (a model's name or a file; None: not
        set) and the model it uses when nothing is set. `planning.models` tells a
        catalog name from a file, for `models list`, `models pull --for-config` and
        `cache-key`; a plugin's models join those as a built-in's do."""
        return [(getattr(settings, key, None), model) for key, model in cls.model_settings.items()]

    def __init__(
        self, settings: ProviderSettings | None = None, options: ProviderOptions | None = None
    ) -> None:
        """Nothing heavy is loaded here: planning and --dry-run make providers too."""
        if settings is not None and not isinstance(settings, self.settings_type):
            raise TypeError(f"{type(self).__name__} takes {self.settings_type.__name__}")
        self.settings = settings if settings is not None else self.settings_type()
        self.options = options or ProviderOptions()
        self.device: str | None = None
        """Where its model runs ("cpu", "cuda") once loaded, for the manifest; None for a
        provider that runs no model of its own."""

    @property
    def catalogue(self) -> VoiceCatalogue:
        """Its voices (`catalogue.VoiceCatalogue`): the provider itself, whose class
        subclasses it beside `Engine`."""
        if isinstance(self, VoiceCatalogue):
            return self
        raise TypeError(
            f"provider {self.name!r} ({type(self).__qualname__}) declares no voices: "
            "subclass tts_assets.providers.catalogue.VoiceCatalogue beside Engine"
        )

    @property
    def billing(self) -> Billing | None:
        """What it is billed (`billing.Billing`): the provider itself when it is a paid
        engine; None: nothing it does is billed."""
        return self if isinstance(self, Billing) else None

    @classmethod
    def unavailable_reason(cls) -> str | None:
        """Why this provider cannot run on this machine, or None when it can."""
        for module, package in cls.requires.items():
            if importlib.util.find_spec(module) is None:
                return f"{package} is not installed; run: {cls.install}"
        return None

    def identity(self, voice: str) -> Mapping[str, str]:
        """What identifies the model behind `voice` (goes into every content key)."""
        return {}

    def alphabet(self, voice: str) -> Alphabet | None:
        """The alphabet `voice` is told a text in (`frontends.alphabets`: Kokoro's Japanese
        phonemes, misaki's Chinese IPA, espeak-ng's text told numbered pinyin); None: it
        reads plain text. Decided from the voice's name and this provider's data, with no
        model loaded (planning asks it of every voice). The default: None."""
        return None

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
        manifest: a provider that reports them says what kept them from a clip
        (`timings_missing`)."""
        return self.timings_missing or f"{self.name} reports no timings"

    def natural_concurrency(self) -> int:
        """How many clips this provider makes at once when the user does not say."""
        return physical_cores()

    def retry_policy(self) -> RetryPolicy:
        """How a failed call of this provider is tried again (retry.py)."""
        return RetryPolicy()

    def deterministic(self) -> bool:
        """Whether this provider, with these settings, says a text the same way every time
        (`reproducible`, unless its settings decide): if so, a review that rejects a clip
        is told to give a reading or another voice, since a new take sounds the same."""
        return self.reproducible

    def set_thread_limit(self, limit: int) -> None:
        """Told the run's concurrency before `open` (a provider that bounds or spreads its
        own work takes it: threads, espeak-ng's worker processes), and, kept open across a
        run's windows (not `loop_bound`), again before each window's clips, none in flight."""

    async def open(self) -> None:
        """Load models or open connections; called once before the first clip."""

    async def synthesize(self, speech: Speech) -> Audio:
        """Make the audio for one request (one piece of a long text)."""
        raise NotImplementedError

    async def aclose(self) -> None:
        """Release what `open` acquired."""

    async def __aenter__(self) -> Self:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


class BlockingEngine(Engine):
    """An engine whose synthesis is a blocking call, run in a bounded worker thread."""

    def __init__(
        self, settings: ProviderSettings | None = None, options: ProviderOptions | None = None
    ) -> None:
        super().__init__(settings, options)
        self._limiter: anyio.CapacityLimiter | None = None

    def natural_concurrency(self) -> int:
        """One inference per physical core (per `intra_op_threads` cores, where its
        settings have them)."""
        return max(1, physical_cores() // getattr(self.settings, "intra_op_threads", 1))

    def set_thread_limit(self, limit: int) -> None:
        """Bound the threads running `synthesize_blocking` to the run's concurrency, and a
        model run on the CPU (settings with `intra_op_threads`) to `natural_concurrency`:
        more inferences than cores only time-share them, each holding its activations in
        memory (`benchmarks/run.py`); the pool's extra jobs wait here for a core."""
        if hasattr(self.settings, "intra_op_threads"):
            limit = min(limit, self.natural_concurrency())
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
