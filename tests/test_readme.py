"""The README's TOML examples are real: each parses, and each config example is valid config.

A user copies these blocks into tts-assets.toml; a key the code no longer takes, a value
of the wrong type or a malformed type definition fails here before it fails for them.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tts_assets import load_settings
from tts_assets.content.spec import resolve_types

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCKS = re.findall(r"```toml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_the_readme_has_toml_examples() -> None:
    assert len(BLOCKS) >= 3


@pytest.mark.parametrize("block", BLOCKS, ids=[b.splitlines()[0][:40] for b in BLOCKS])
def test_each_toml_example_parses_and_is_valid_config(
    block: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tomllib.loads(block)
    if "project" in table:  # a plugin's pyproject.toml, not a tts-assets config
        assert set(table["project"]["entry-points"]) == {"tts_assets.providers"}
        return
    for variable in ("ELEVENLABS_API_KEY", "ELEVENLABS_BASE_URL", "TTS_ASSETS_CONCURRENCY"):
        monkeypatch.delenv(variable, raising=False)
    (tmp_path / "tts-assets.toml").write_text(block, encoding="utf-8")
    settings = load_settings(tmp_path)
    resolve_types(settings.types, settings.config_file)
    assert settings.config_file == tmp_path / "tts-assets.toml"


PYTHON = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("block", PYTHON, ids=[b.splitlines()[0][:40] for b in PYTHON])
def test_each_python_example_compiles_and_names_only_what_the_package_exports(block: str) -> None:
    import ast

    import tts_assets

    tree = compile(block, "README.md", "exec", ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    assert isinstance(tree, ast.Module)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "tts_assets":
            assert node.attr in tts_assets.__all__, node.attr
        if isinstance(node, ast.ImportFrom) and node.module == "tts_assets":
            assert {alias.name for alias in node.names} <= set(tts_assets.__all__)
