"""The key CI keeps the model caches under: the tool's version and the models' identity.

What the model caches hold changes with the tool, the models the configured voices use and
the runtime, never with the content, so the key is made of exactly those; `tts-assets
cache-key` prints `key=<cache_key>` for `$GITHUB_OUTPUT` (examples/github-actions).
Nothing here loads a model, and a pulled model counts by its pinned digests, so the key is
known before the pull (CI computes it, restores the cache, then pulls what is missing).
"""

from __future__ import annotations

import hashlib
import json

from ..languages import resolved
from ..models.catalog import Model
from ..models.installed import packaged
from ..planning.models import by_language, catalog_of
from ..planning.voices import Voices
from ..providers.base import package_version
from ..settings.config import Settings


def model_identity(settings: Settings) -> dict[str, dict[str, str]]:
    """Per language the settings give a voice for: its provider, voice and model identity
    (a pulled model's by its pins, module docstring)."""
    voices = Voices(settings)
    catalog = catalog_of(settings)
    used = by_language(settings)
    identity: dict[str, dict[str, str]] = {}
    for lang in sorted({settings.lang, *settings.languages}):
        language = resolved(lang)  # a code of the config: --lang, a [languages] key
        choice = voices.choice(language)
        provider = voices.provider(choice.provider)
        pulled = {
            name: pins(model)
            for name in used.get(f"{lang} ({provider.name})", [])
            if (model := catalog.get(name)) is not None
            and ((shipped := packaged(name)) is None or not shipped.installed())
        }
        if pulled:  # by the class's defaults: the provider may not open what is not pulled
            voice = choice.voice or provider.catalogue.default_voices.get(language.base, "")
            runtime = provider.runtime_package
            identity[lang] = {
                "provider": provider.name,
                "voice": voice,
                "runtime": package_version(runtime) if runtime else "",
                **{f"model:{name}": pin for name, pin in sorted(pulled.items())},
            }
        else:
            voice = choice.voice or provider.catalogue.default_voice(lang)
            identity[lang] = {"provider": provider.name, "voice": voice, **provider.identity(voice)}
    # A pulled Whisper the listening check names (`listen_model`) is in the cache too.
    heard_by = {
        f"model:{name}": pins(model)
        for name in used.get("listening check", [])
        if (model := catalog.get(name)) is not None
    }
    if heard_by:
        identity["listening check"] = heard_by
    return identity


def pins(model: Model) -> str:
    """A pulled model's identity: the pinned digest of each of its files."""
    return ",".join(f"{f.name}={f.sha256 or f.md5}" for f in model.files)


def cache_key(settings: Settings) -> str:
    """`tts-assets-<version>-<16 hex digits>`: equal exactly when the caches' contents are."""
    material = {"models": model_identity(settings), "onnxruntime": package_version("onnxruntime")}
    blob = json.dumps(material, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return f"tts-assets-{package_version('tts-assets')}-{hashlib.sha256(blob).hexdigest()[:16]}"
