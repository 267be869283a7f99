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
    from tts_assets.readings.zh import rules

    sys.modules.pop("tts_assets.readings.chinese.rules", None)
    with pytest.warns(DeprecationWarning):
        old = importlib.import_module("tts_assets.readings.chinese.rules")
    assert old is rules
    assert new_path("tts_assets.readings.chinese.rules") == "tts_assets.readings.zh.rules"
    assert new_path("tts_assets.readings.saying") is None


def test_no_moved_path_is_a_file_any_more() -> None:
    root = Path(__file__).parents[2]
    for old in MOVED:
        place = root.joinpath(*old.split("."))
        assert not place.with_suffix(".py").exists() and not (place / "__init__.py").exists()
