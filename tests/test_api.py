"""The library used as a library: settings validated as the CLI validates them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tts_assets.config import Settings
from tts_assets.errors import ConfigError
from tts_assets.run import generate


def test_settings_a_library_passes_are_checked_as_the_cli_checks_flags(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out", speed=5.0)
    with pytest.raises(ConfigError, match=r"--speed 5\.0: must be between 0\.5 and 2\.0"):
        generate(settings, dry_run=True)
    assert not (tmp_path / "out").exists()
