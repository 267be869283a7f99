"""A config file read again (a run loads its settings at each check): the same bytes are
parsed once, each reader gets a table of its own, and a file changed since is read as it
is now; a file that cannot be parsed is refused each time."""

from __future__ import annotations

from pathlib import Path

import pytest

from tts_assets.errors import ConfigError
from tts_assets.settings import sources


def test_a_config_read_again_is_its_own_table_as_the_file_is_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []
    real = sources.tomllib.loads
    monkeypatch.setattr(sources.tomllib, "loads", lambda text: parsed.append(text) or real(text))
    config = tmp_path / "tts-assets.toml"
    text = f'# {tmp_path}\nslow = -0.0\n[types.words]\nfile = "w.json"\nwhen = 2024-01-02\n'
    config.write_text(text, encoding="utf-8")
    first = sources.find_config(tmp_path, None)[1]
    first["types"]["words"]["file"] = "changed by its reader.json"
    again = sources.find_config(tmp_path, None)[1]
    assert again == real(text) and len(parsed) == 1
    assert str(again["slow"]) == "-0.0" and again["types"] is not first["types"]

    config.write_text(text.replace("w.json", "v.json"), encoding="utf-8")
    assert sources.find_config(tmp_path, None)[1]["types"]["words"]["file"] == "v.json"
    config.write_text(text + "[types\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ConfigError, match="invalid TOML"):
            sources.find_config(tmp_path, None)
    assert len(parsed) == 4
