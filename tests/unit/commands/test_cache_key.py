"""The CI cache key: the tool's version and the models' identity, nothing of the content."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path

import pytest

from tts_assets.commands.cache_key import cache_key, model_identity
from tts_assets.settings.config import Settings, VoiceChoice


def test_the_key_names_the_version_and_is_stable() -> None:
    key = cache_key(Settings())
    assert re.fullmatch(rf"tts-assets-{re.escape(version('tts-assets'))}-[0-9a-f]{{16}}", key)
    assert cache_key(Settings()) == key


def test_the_content_does_not_change_the_key(tmp_path: Path) -> None:
    assert cache_key(Settings(data_dir=tmp_path / "other", out_dir=tmp_path / "out")) == (
        cache_key(Settings())
    )


def test_another_model_or_voice_changes_the_key() -> None:
    base = Settings()
    assert cache_key(replace(base, voice="jf_nezumi")) != cache_key(base)
    assert cache_key(replace(base, provider="espeak")) != cache_key(base)
    mapped = replace(base, languages={"en": VoiceChoice("piper", "en_US-joe-medium")})
    assert cache_key(mapped) != cache_key(base)
    assert set(model_identity(mapped)) == {"ja", "en"}
    assert model_identity(mapped)["en"]["provider"] == "piper"


@pytest.mark.slow
def test_making_the_key_loads_no_model() -> None:
    code = (
        "import json, sys\n"
        "from tts_assets.commands.cache_key import cache_key\n"
        "from tts_assets.settings.config import Settings\n"
        "cache_key(Settings())\n"
        "print(json.dumps(sorted(m for m in ('onnxruntime', 'numpy', 'kokoro_onnx') "
        "if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
