"""The provider protocol: turn (text, language, voice, speed) into float samples.

Every provider, built in or from a plugin, is a class with this shape, found through the
`tts_assets.providers` entry point group (see `registry.py`). Capabilities are plain class
attributes so `tts-assets providers` can list them without loading any model.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import anyio
import anyio.to_thread

from ..errors import InputError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


@dataclass(frozen=True)
class Audio:
    """Synthesized speech: mono float32 samples in [-1, 1] at one sample rate."""

    samples: NDArray[np.float32]
    """Mono samples; int16 is made on demand when encoding."""
    sample_rate: int
    """Samples per second."""

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate if self.sample_rate else 0.0


@dataclass(frozen=True)
class ProviderOptions:
    """What the user configured for a provider; each provider reads what it needs."""

    model: Path | None = None
    """A model file other than the packaged one (--kokoro-model, a Piper .onnx voice)."""
    voices_file: Path | None = None
    """A voices file other than the packaged one (--kokoro-voices)."""
    api_key: str | None = field(default=None, repr=False)
    """Secret for HTTP providers; never printed (repr=False)."""
    base_url: str | None = None
    """Endpoint for HTTP providers."""
    timeout: float = 60.0
    """Seconds one clip may take; subprocess providers kill their process after it."""
    concurrency: int | None = None
    """The concurrency the run asked for, when given explicitly."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Provider-specific settings from the config file ([providers.<name>])."""
    scratch_dir: Path | None = None
    """Where temporary files go (the run's `.temp-audio/`); None: the system temp folder."""


def package_version(name: str) -> str:
    """An installed distribution's version ("missing" if absent), for model identities."""
    try:
        return version(name)
    except PackageNotFoundError:
        return "missing"


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in blocks (model files are large)."""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def physical_cores() -> int:
    """Physical CPU cores this process may use (hyper-threads share one core's units)."""
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
    """The name users pass to --provider."""
    description: ClassVar[str] = ""
    """One line for `tts-assets providers`."""
    needs_key: ClassVar[bool] = False
    """Whether an API key is required."""
    key_env_var: ClassVar[str | None] = None
    """Environment variable the key is read from."""
    paid: ClassVar[bool] = False
    """Whether characters sent are billed (dry-run reports them)."""
    default_voices: ClassVar[Mapping[str, str]] = {}
    """Default voice per language code."""
    max_piece_chars: ClassVar[int] = 200
    """Longest text sent in one call; longer texts are split at sentence ends."""
    settings: ClassVar[frozenset[str] | None] = None
    """The keys of `[providers.NAME]` this provider reads; any other key is a config
    error. None (a plugin that declares none): every key is passed through."""

    def __init__(self, options: ProviderOptions | None = None) -> None:
        """Keep `options`. A subclass checks its `[providers.NAME]` settings here and
        raises InputError for a bad one (the run adds the config file's name); it loads
        nothing heavy here."""
        self.options = options or ProviderOptions()

    @classmethod
    def unavailable_reason(cls) -> str | None:
        """Why this provider cannot run on this machine, or None when it can."""
        return None

    def default_voice(self, lang: str) -> str:
        """The voice used for `lang` when configuration names none."""
        try:
            return self.default_voices[lang]
        except KeyError:
            langs = ", ".join(sorted(self.default_voices)) or "none"
            raise InputError(
                f"provider {self.name!r} has no default voice for language {lang!r} "
                f"(it has defaults for: {langs}); pass --voice or map the language "
                f'in [languages] (e.g. {lang} = "{self.name}:VOICE")'
            ) from None

    def voices(self) -> list[str]:
        """Every voice name this provider accepts (may load a voice list, not a model)."""
        return sorted(set(self.default_voices.values()))

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

    def natural_concurrency(self) -> int:
        """How many clips this provider makes at once when the user does not say."""
        return physical_cores()

    async def open(self) -> None:
        """Load models or open connections; called once before the first clip."""

    async def synthesize(self, text: str, lang: str, voice: str, speed: float) -> Audio:
        """Make the audio for one text (one piece of a long text)."""
        raise NotImplementedError

    async def aclose(self) -> None:
        """Release what `open` acquired."""


class BlockingProvider(Provider):
    """A provider whose synthesis is a blocking call, run in a bounded worker thread."""

    def __init__(self, options: ProviderOptions | None = None) -> None:
        super().__init__(options)
        self._limiter: anyio.CapacityLimiter | None = None

    def set_thread_limit(self, limit: int) -> None:
        """Bound the threads running `synthesize_blocking` (the run's concurrency)."""
        self._limiter = anyio.CapacityLimiter(max(1, limit))

    def synthesize_blocking(self, text: str, lang: str, voice: str, speed: float) -> Audio:
        """Make the audio for one text, blocking the calling thread."""
        raise NotImplementedError

    async def synthesize(self, text: str, lang: str, voice: str, speed: float) -> Audio:
        if self._limiter is None:
            self.set_thread_limit(self.natural_concurrency())
        return await anyio.to_thread.run_sync(
            self.synthesize_blocking, text, lang, voice, speed, limiter=self._limiter
        )
