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
    # The JSON of the material dict below, sorted by key, assembled from its parts: the
    # parts a voice and the audio settings fix are encoded once (`_fixed_parts`) and the
    # text around the others is laid out once (`_layout`), which keeps planning 120,000
    # texts fast. A test (tests/unit/store/test_manifest.py) holds it equal to json.dumps of
    # the plain dict, sorted by key.
    fixed = _fixed_parts(voice, speed, audio)
    parts = {"lang": _string(lang), "pieces": str(pieces), "text": _string(spoken)}
    # Each of these only when it says something (phonemes given, a kana said as a sound, a
    # retake, a reading the readings engine decided, `readings.said_material`, a stretch),
    # so the keys of clips without it stay what they were.
    optional = {
        "phonemes": None if phonemes is None else _dumps(list(phonemes)),
        "kind": _string(kind) if kind == "kana" else None,
        "take": _dumps(take) if take else None,
        "reading": None if reading is None else _string(reading),
        "tempo": None if tempo is None else _string(f"{tempo:g} {STRETCH}"),
    }
    parts.update((name, part) for name, part in optional.items() if part is not None)
    segments, holes = _layout(fixed, tuple(parts))
    text = segments[0]
    for hole, segment in zip(holes, segments[1:], strict=True):
        text += parts[hole] + segment
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:KEY_LENGTH]


_LAYOUTS: dict[tuple[int, tuple[str, ...]], tuple[dict[str, str], list[str], list[str]]] = {}
"""`_layout`'s answers, by the fixed parts' id and the other parts' names; the fixed
parts are kept in the value so that their id is not reused while it lives."""


def _layout(fixed: dict[str, str], names: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The material's JSON, sorted by key, cut where the parts `names` go: the text
    between them (the fixed parts already in it) and the names in the order they come."""
    found = _LAYOUTS.get((id(fixed), names))
    if found is not None and found[0] is fixed:
        return found[1], found[2]
    segments: list[str] = []
    holes: list[str] = []
    text = "{"
    for n, key in enumerate(sorted([*fixed, *names])):
        text += f'{", " if n else ""}"{key}": '
        if key in fixed:
            text += fixed[key]
        else:
            segments.append(text)
            holes.append(key)
            text = ""
    segments.append(text + "}")
    if len(_LAYOUTS) > 4096:
        _LAYOUTS.clear()
    _LAYOUTS[id(fixed), names] = (fixed, segments, holes)
    return segments, holes


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


_string = json.encoder.encode_basestring
"""`json.dumps(text, ensure_ascii=False)` of a str, without building an encoder."""

_FIXED: dict[tuple[int, float, int], tuple[Voice, AudioSettings, dict[str, str]]] = {}
"""The encoded parts a voice, a speed and the audio settings fix, by the objects' ids;
the objects are kept in the value so that their ids are not reused while it lives."""


def _fixed_parts(voice: Voice, speed: float, audio: AudioSettings) -> dict[str, str]:
    found = _FIXED.get((id(voice), speed, id(audio)))
    if found is not None and found[0] is voice and found[1] is audio:
        return found[2]
    parts = {
        "audio": json.dumps(audio.key_fields(), sort_keys=True, ensure_ascii=False),
        "model": json.dumps(dict(voice.identity), sort_keys=True, ensure_ascii=False),
        "pipeline": _dumps(PIPELINE_VERSION),
        "provider": _dumps(voice.provider),
        "speed": _dumps(round(speed, 4)),
        "voice": _dumps(voice.voice),
    }
    if len(_FIXED) > 4096:
        _FIXED.clear()
    _FIXED[id(voice), speed, id(audio)] = (voice, audio, parts)
    return parts


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
