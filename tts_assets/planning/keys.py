"""Content keys: the hash that names a clip's file, from what changes its sound.

A clip's file is named after its content key, so identical texts share one synthesis, a
changed text gets a new file, and no entry id ever becomes part of a path. Each recipe
(`planning.recipes`) gives its key material here: a spoken text's (`content_key`, with its
tempo for a stretched one) and a join's (`join_key`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..audio import AudioSettings
from ..audio.tempo import STRETCH
from ..store.layout import KEY_LENGTH

PIPELINE_VERSION = "1"
"""Bump when trimming, joining or encoding changes the bytes for the same settings."""


@dataclass(frozen=True)
class Voice:
    """Who speaks a text: a provider, one of its voices, and what identifies the model."""

    provider: str
    """The provider's registry name (its entry point's)."""
    voice: str
    identity: Mapping[str, str] = field(default_factory=dict)


def content_key(
    spoken: str,
    lang: str,
    voice: Voice,
    speed: float,
    audio: AudioSettings,
    pieces: int,
    phonemes: Sequence[str] | None = None,
    kind: str = "text",
    take: int = 0,
    reading: str | None = None,
    tempo: float | None = None,
) -> str:
    """The hash that names a clip's file (KEY_LENGTH hex digits).

    `kind` "kana" (a chart's kana, spoken as a sound) keys apart from the same text as a
    word: は in a kana chart is not the particle は. A `take` above 0 (a review asked for
    the text again) keys a new clip, which a provider that varies makes anew. A `tempo`
    keys the clip stretched to it (`recipes.Stretched`); None: the clip at its own."""
    material: dict[str, object] = {
        "text": spoken,
        "lang": lang,
        "provider": voice.provider,
        "voice": voice.voice,
        "model": dict(voice.identity),
        "speed": round(speed, 4),
        "audio": audio.key_fields(),
        "pieces": pieces,
        "pipeline": PIPELINE_VERSION,
    }
    # Each of these only when it says something (phonemes given, a kana said as a sound, a
    # retake, a reading the readings engine decided, `readings.said_material`, a stretch),
    # so the keys of clips without it stay what they were.
    optional = {
        "phonemes": None if phonemes is None else list(phonemes),
        "kind": kind if kind == "kana" else None,
        "take": take or None,
        "reading": reading,
        "tempo": None if tempo is None else f"{tempo:g} {STRETCH}",
    }
    material.update((name, part) for name, part in optional.items() if part is not None)
    text = json.dumps(material, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:KEY_LENGTH]


def join_key(
    parts: Sequence[str | float | None],
    version: str,
    audio: AudioSettings,
    speakers: Sequence[str] = (),
) -> str:
    """The content key of a join of `parts` (each its clip's key, "answer", or a silence's
    seconds): its parts, the audio settings it is finished with, the join's `version`,
    and a dialogue's `speakers` (who says each line, as its timings name them; none: a
    drill, keyed as before dialogues)."""
    material: dict[str, object] = {
        "sequence": version,
        "pipeline": PIPELINE_VERSION,
        "audio": audio.key_fields(),
        "parts": list(parts),
    }
    if speakers:
        material["speakers"] = list(speakers)
    text = json.dumps(material, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:KEY_LENGTH]
