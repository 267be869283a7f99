"""What a run asks of an engine: one request (`Speech`) and the run's options
(`ProviderOptions`), the values every part of the provider protocol speaks in
(`engine`, `catalogue`, `billing`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..models.catalog import Catalog, Model


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
    phonemes (`Engine.alphabet`); None: the provider reads `text` itself."""
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

    @property
    def catalog(self) -> Catalog:
        """Every model a setting may name: the catalog's and the config's own."""
        return Catalog(self.models)
