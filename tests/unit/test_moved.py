"""The old import paths of moved modules still import, for one release, as the very module."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from tests.support.sweep import check_each
from tts_assets.moved import MOVED, new_path


def test_an_old_path_is_the_new_module_with_a_warning() -> None:
    """Every moved path (one sweep: each case costs less than its own test would)."""
    check_each(_is_the_new_module_with_a_warning, {old: (old,) for old in sorted(MOVED)})


def _is_the_new_module_with_a_warning(old: str) -> None:
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


def test_a_module_imported_by_its_old_path_keeps_its_own_spec() -> None:
    """Importing the old path once left the new module with the old path's spec: a moved
    package was then "not a package" (`tts_assets.lang.zh`), and every Chinese reading of the
    process failed after a plugin (or a test) used the old path. Every moved path, in one
    sweep."""
    check_each(_keeps_its_own_spec, {old: (old,) for old in sorted(MOVED)})


def _keeps_its_own_spec(old: str) -> None:
    new = importlib.import_module(MOVED[old])
    own = new.__spec__
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning):
        importlib.import_module(old)
    assert new.__spec__ is own
    assert new.__spec__ is not None and new.__spec__.name == MOVED[old]
    if own is not None and own.submodule_search_locations is not None:
        assert importlib.import_module(f"{MOVED[old]}.{_a_submodule(new)}") is not None


def _a_submodule(package: object) -> str:
    """The name of one module inside `package`'s folder."""
    spec = package.__spec__  # type: ignore[attr-defined]
    folder = Path(next(iter(spec.submodule_search_locations)))
    return next(p.stem for p in sorted(folder.glob("*.py")) if p.stem != "__init__")
