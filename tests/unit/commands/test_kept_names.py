"""How a kept plan's record names a run's settings (`commands.kept._stable`): any setting
that differs, at any depth, names another record; a secret is never written out."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from pathlib import Path

from tts_assets.commands.kept import _stable
from tts_assets.providers.elevenlabs import ElevenLabsSettings
from tts_assets.providers.kokoro import KokoroSettings
from tts_assets.settings.config import Settings, VoiceChoice


def _other(value: object) -> Iterator[object]:
    """`value` changed in one place each time, at every depth."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            for changed in _other(getattr(value, f.name)):
                twin = copy.copy(value)
                object.__setattr__(twin, f.name, changed)
                yield twin
    elif isinstance(value, dict):
        yield {**value, "added": 1}
        for key, inner in value.items():
            yield from ({**value, key: changed} for changed in _other(inner))
    elif isinstance(value, frozenset):
        yield value | {"added"}
    elif isinstance(value, (tuple, list)):
        yield type(value)([*value, "added"])
        for i, inner in enumerate(value):
            yield from (type(value)([*value[:i], o, *value[i + 1 :]]) for o in _other(inner))
    elif isinstance(value, bool):
        yield not value
    elif isinstance(value, (int, float)):
        yield value + 1
    elif isinstance(value, str):
        yield value + "x"
    elif isinstance(value, Path):
        yield value / "x"
    elif value is None:
        yield "x"


def test_any_setting_that_differs_names_another_record() -> None:
    settings = Settings(
        slow=(0.6, 0.8),
        languages={"ja": VoiceChoice("kokoro", None, voices=("jf_alpha", "jf_nezumi"))},
        providers={
            "kokoro": KokoroSettings(),
            "elevenlabs": ElevenLabsSettings(api_key="sk-secret-0123", voices=("a", "b")),
        },
        types={"words": {"file": "w.json", "fields": [{"text": "word"}]}},
        fellow_sets={"../more": frozenset({"kanji", "grammar", "vocabulary"})},
        pronunciations={"猫": "ねこ"},
        origins={"slow": "tts-assets.toml: slow"},
    )
    named = _stable(settings)
    assert "sk-secret-0123" not in named
    others = [_stable(o) for o in _other(settings)]
    assert len(others) > 80
    assert named not in others
    assert all("sk-secret" not in o for o in others)


def test_a_set_told_through_a_course_of_several_sets_keeps_no_record_of_its_own() -> None:
    # A course of several sets keeps one record holding each set's run; each set's own
    # run is told through that course's `Telling`, which cannot be told again, so it
    # neither reads nor writes a record (two records, and their inputs hashed twice).
    from tts_assets.cli.console import PlainReporter
    from tts_assets.commands.kept import Course, Telling

    sets = [Settings()]
    assert not Course(sets, False, None).off
    assert not Course(sets, False, PlainReporter()).off
    assert Course(sets, False, Telling(PlainReporter())).off
    assert Course([], False, None).off
