"""Every operation's first step is one decorator's (`commands/operation.py`): settings made
by hand are checked as a config file's are, before anything is touched, and an operation
that writes the content holds the data dir and the out dir for the whole call.

The other run's lock is held by the test itself (`lock.locked`) for as long as it asserts:
no ordering is hoped for.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support import fault_provider
from tests.support.project import tree
from tests.support.sweep import check_each
from tts_assets import ConfigError, LockedError, Settings, generate
from tts_assets.commands.adopt import adopt
from tts_assets.commands.batches import missing_clips
from tts_assets.commands.prune import prune
from tts_assets.commands.readings import check_readings
from tts_assets.commands.rebuild import rebuild
from tts_assets.commands.verify import verify
from tts_assets.store import lock

TEXTS = ["山を見ます。", "川を見ます。"]

OPERATIONS: dict[str, Callable[[Settings], Any]] = {
    "verify": verify,
    "rebuild": rebuild,
    "prune": lambda s: prune(s, delete=True),
    "adopt": adopt,
    "readings": check_readings,
    "missing_clips": missing_clips,
    "generate": generate,
}

WRITERS: dict[str, Callable[[Settings], Any]] = {
    "rebuild": rebuild,
    "prune": lambda s: prune(s, delete=True),
    "prune-listing": prune,
    "adopt": adopt,
}
"""The operations that hold the content for their whole call (listing too, for prune)."""


def _course(root: Path) -> Settings:
    return Settings(
        data_dir=root / "data", out_dir=root / "public/audio", provider="fault", type="grammar"
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A grammar file, generated once a module with the fault provider."""
    root = tmp_path_factory.mktemp("course")
    fault_provider.write_grammar(root / "data", TEXTS)
    with fault_provider.registered():
        done = generate(_course(root))
    assert done.failures == [] and done.generated == len(TEXTS)
    return root


@pytest.fixture
def settings(generated: Path, tmp_path: Path, fault: None) -> Settings:
    """A private copy of the course generated above: a course to operate on."""
    shutil.copytree(generated, tmp_path, dirs_exist_ok=True)
    return _course(tmp_path)


OPERATION_NAMES = sorted(OPERATIONS)


def test_settings_made_by_hand_are_checked_before_anything_is_touched(
    settings: Settings, tmp_path: Path
) -> None:
    check_each(
        _settings_made_by_hand_are_checked_before_anything_is_touched,
        [(settings, tmp_path, c) for c in OPERATION_NAMES],
        ids=lambda case: repr(case[-1]),
    )


def _settings_made_by_hand_are_checked_before_anything_is_touched(
    settings: Settings, tmp_path: Path, name: str
) -> None:
    before = tree(tmp_path, folders=True)
    bad = Settings(**{**_fields(settings), "lang": "xx-not-a-language"})
    with pytest.raises(ConfigError, match="lang"):
        OPERATIONS[name](bad)
    bad = Settings(**{**_fields(settings), "concurrency": 0})
    with pytest.raises(ConfigError, match="concurrency"):
        OPERATIONS[name](bad)
    assert tree(tmp_path, folders=True) == before


@pytest.mark.parametrize("held", ["data", "out"])
@pytest.mark.parametrize("name", sorted(WRITERS))
def test_an_operation_that_writes_the_content_holds_both_folders_for_the_call(
    settings: Settings, tmp_path: Path, name: str, held: str
) -> None:
    folder = settings.data_dir if held == "data" else settings.out_dir
    before = tree(tmp_path)
    with lock.locked([folder]), pytest.raises(LockedError, match="another tts-assets run"):
        WRITERS[name](settings)
    assert tree(tmp_path) == before
    WRITERS[name](settings)  # once let go, it runs


def test_a_dry_run_of_adopt_holds_nothing(settings: Settings) -> None:
    with lock.locked([settings.data_dir, settings.out_dir]):
        report = adopt(settings, dry_run=True)
    assert report.exit_code == 0


def test_the_decorated_operations_keep_their_names_and_keywords() -> None:
    """`functools.wraps`: the docs' generated API pages and `help()` show the operation."""
    for fn in (verify, rebuild, prune, adopt, check_readings, missing_clips):
        assert fn.__doc__ and fn.__name__ != "run", fn
        assert "settings" in fn.__wrapped__.__code__.co_varnames  # type: ignore[attr-defined]


def _fields(settings: Settings) -> dict[str, Any]:
    from dataclasses import fields

    return {f.name: getattr(settings, f.name) for f in fields(settings) if f.init}


def test_the_course_is_the_one_generated(settings: Settings) -> None:
    manifest = json.loads((settings.out_dir / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["clips"]) == len(TEXTS)
