"""Which models a configuration uses: per language, the catalog models its provider's
settings name (or the packaged ones it falls back on), for `models list`, `models pull
--for-config` and the CI cache key."""

from __future__ import annotations

import contextlib
from pathlib import Path

from ..errors import TtsAssetsError
from ..languages import resolved
from ..models.catalog import Catalog, Model
from ..models.installed import packaged
from ..settings.config import Settings
from .voices import Voices

LISTENING_MODEL = "whisper-base"


def catalog_of(settings: Settings | None) -> Catalog:
    return Catalog(settings.models if settings is not None else {})


def _name_of(value: Path | str | None, catalog: Catalog) -> str | None:
    """The model a setting names, when it names one by name (not a file on disk)."""
    if value is None:
        return None
    with contextlib.suppress(OSError):
        if Path(value).exists():
            return None
    model = catalog.named(value)
    return model.name if model is not None else None


def uses(settings: Settings) -> dict[str, list[str]]:
    """Which models the configuration uses, by model name: the languages and settings
    that use each (`zh (kokoro)`, `listening check`)."""
    found: dict[str, list[str]] = {}
    for lang, names in by_language(settings).items():
        for name in names:
            found.setdefault(name, []).append(lang)
    return found


def by_language(settings: Settings) -> dict[str, list[str]]:
    """The models each language uses (`zh (kokoro)`: [kokoro-v1.0-int8, ...]), and the
    listening check's (`listening check`), by model name."""
    catalog = catalog_of(settings)
    found: dict[str, list[str]] = {}

    def add(name: str | None, use: str) -> None:
        if name is not None and name not in found.setdefault(use, []):
            found[use].append(name)

    voices = Voices(settings)
    for lang in sorted({settings.lang, *settings.languages}):
        try:
            choice = voices.choice(resolved(lang))
        except TtsAssetsError:
            continue
        own = settings.providers.get(choice.provider)
        provider = voices.provider(choice.provider)
        # What the provider declares it uses: a setting that names a file is no model
        # of the catalog; one left unset is the provider's own default.
        for value, default in provider.models_used(own, choice.voice):
            add(
                _name_of(value, catalog) or (None if value else default),
                f"{lang} ({provider.name})",
            )
    if settings.listen:
        heard_by = _name_of(settings.listen_model, catalog)
        if heard_by is None and settings.listen_model.name == LISTENING_MODEL:
            heard_by = LISTENING_MODEL  # packaged, not in the catalog
        add(heard_by, "listening check")
    return found


def needed(settings: Settings) -> list[Model]:
    """What `pull --for-config` pulls: the models the configuration uses that a pull
    installs (a packaged one is left to its package), and the config's own models."""
    catalog = catalog_of(settings)
    names = [*uses(settings), *settings.models]
    chosen: list[Model] = []
    for name in dict.fromkeys(names):
        model = catalog.get(name)
        shipped = packaged(name)
        if model is None or (shipped is not None and shipped.installed()):
            continue
        chosen.append(model)
    return chosen
