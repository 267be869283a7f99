"""How a kept plan's record names a run's settings (`commands.kept._stable`): any setting
that differs, at any depth, names another record; a secret is never written out."""

from __future__ import annotations

import copy
import dataclasses
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

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


def test_a_variable_read_is_kept_by_a_digest_never_its_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A variable a traced run reads may hold a secret (an API key): the record keeps a
    digest of it, and a changed value is still a changed input."""
    from tts_assets.commands import trace

    found = trace.Inputs()
    monkeypatch.setenv("TTS_TEST_SECRET", "hunter2-key")
    monkeypatch.delenv("TTS_TEST_UNSET", raising=False)
    monkeypatch.setattr(trace, "_current", found)
    monkeypatch.setattr(os.environ, "__class__", trace._Recording)
    assert os.environ["TTS_TEST_SECRET"] == "hunter2-key"
    assert os.environ.get("TTS_TEST_UNSET") is None
    monkeypatch.setattr(trace, "_current", None)
    assert "hunter2" not in json.dumps(found.env)
    assert found.env["TTS_TEST_UNSET"] is None and found.changed() is None
    monkeypatch.setenv("TTS_TEST_SECRET", "hunter3-key")
    assert found.changed() == "$TTS_TEST_SECRET"


def test_a_variable_the_run_set_itself_does_not_spoil_its_record(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """threadpoolctl sets KMP_DUPLICATE_LIB_OK with `os.environ.setdefault` on import: read
    unset, then set by the run itself. Keeping asks the files, not the variables (a process
    can change only its own environment; the next starts as this one did); a replay asks
    them too. Found on the multi-language course: no run that imported it was ever kept."""
    from tts_assets.commands import kept, trace

    monkeypatch.delenv("TTS_TEST_SET_BY_RUN", raising=False)
    found = trace.Inputs(env={"TTS_TEST_SET_BY_RUN": None})
    monkeypatch.setenv("TTS_TEST_SET_BY_RUN", "True")  # as the run's import did
    assert found.changed(env=False) is None
    assert found.changed() == "$TTS_TEST_SET_BY_RUN"  # a replay in such an environment
    found.files[str(tmp_path / "x")] = None
    monkeypatch.setattr(kept, "cache_folder", lambda: tmp_path / "cache")
    assert kept._write(tmp_path / "cache/r.json", {}, found, {})
