"""The old import paths of moved modules still import, for one release, as the very module."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from tts_assets.moved import MOVED, new_path


@pytest.mark.parametrize("old", sorted(MOVED))
def test_an_old_path_is_the_new_module_with_a_warning(old: str) -> None:
    new = importlib.import_module(MOVED[old])
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=MOVED[old]):
        module = importlib.import_module(old)
    assert module is new


def test_a_moved_packages_submodules_follow_it_and_patching_the_old_patches_the_new() -> None:
    from tts_assets.lang.zh import rules

    sys.modules.pop("tts_assets.readings.chinese.rules", None)
    with pytest.warns(DeprecationWarning):
        old = importlib.import_module("tts_assets.readings.chinese.rules")
    assert old is rules
    assert new_path("tts_assets.readings.chinese.rules") == "tts_assets.lang.zh.rules"
    assert new_path("tts_assets.readings.saying") is None


def test_no_moved_path_is_a_file_any_more() -> None:
    root = Path(__file__).parents[2]
    for old in MOVED:
        place = root.joinpath(*old.split("."))
        assert not place.with_suffix(".py").exists() and not (place / "__init__.py").exists()


def test_a_plugin_importing_a_languages_module_by_its_old_path_gets_it_with_a_warning() -> None:
    """Each language's code moved into its package (`lang/`): `tts_assets.readings.ja.accent`
    is the Japanese package's accent module, and a numbers class's old module its new one."""
    from tts_assets.lang.ja import accent

    for old in ("tts_assets.readings.ja.accent", "tts_assets.readings.ja"):
        sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning) as caught:  # the package's move, then the module's
        module = importlib.import_module("tts_assets.readings.ja.accent")
    assert any("tts_assets.lang.ja.accent" in str(w.message) for w in caught)
    assert module is accent
    assert new_path("tts_assets.readings.numbers.de") == "tts_assets.lang.de"


def test_the_japanese_names_the_readings_package_gave_import_with_a_warning() -> None:
    from tts_assets.lang.ja.identity import key_material

    with pytest.warns(DeprecationWarning, match="tts_assets.lang.ja.identity"):
        from tts_assets.readings import key_material as old
    assert old is key_material
    with pytest.raises(ImportError):
        from tts_assets.readings import nothing_here  # noqa: F401
