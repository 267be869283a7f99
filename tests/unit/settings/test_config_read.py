"""A config file read again (a run loads its settings at each check): the same bytes are
parsed once, each reader gets a table of its own, and a file changed since is read as it
is now; a file that cannot be parsed is refused each time. And where its content files lie:
inside an out dir or not, as pathlib tells it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tts_assets.errors import ConfigError
from tts_assets.settings import sources
from tts_assets.settings.checks import inside


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
    again = sources.find_config(tmp_path, None)[1]
    assert again == first == real(text) and len(parsed) == 1
    assert str(again["slow"]) == "-0.0"

    config.write_text(text.replace("w.json", "v.json"), encoding="utf-8")
    assert sources.find_config(tmp_path, None)[1]["types"]["words"]["file"] == "v.json"
    config.write_text(text + "[types\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ConfigError, match="invalid TOML"):
            sources.find_config(tmp_path, None)
    assert len(parsed) == 4


parts = st.lists(st.sampled_from(["a", "b", "ab", "a b", ".x", "é"]), max_size=4)


@given(parts, parts)
def test_a_file_lies_in_a_folder_as_pathlib_tells_it(file: list[str], folder: list[str]) -> None:
    """`checks.inside`, which refuses a content file in an out dir: a resolved path is the
    folder or lies in it exactly where pathlib finds the folder among its parents (`/a/b`
    is not in `/a`'s sibling `/a/bc`, and everything is in `/`)."""
    path, out = "/" + "/".join(file), "/" + "/".join(folder)
    expected = Path(path) == Path(out) or Path(out) in Path(path).parents
    assert inside(os.path.normcase(path), os.path.normcase(out)) is expected
    assert inside("/a/bc", "/a/b") is False and inside("/a/b", "/a") is True
