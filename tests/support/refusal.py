"""A command's refusal of bad input, asked one layer below the command line.

refused            as `generate --dry-run` asks it: the settings, then each set's dry run
refused_by_types   as a run asks it before it reads any content: the settings, then the
                   types each set selects (`planning.prepare.selected_types`: the config's
                   types with their twins, voices and places kept apart), a run's first step
refused_by_load    as a run asks it when it reads the content: those types' texts loaded
                   from the data dir (the loader a course's windows call)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest

from tests.support.project import Project, working_directory
from tests.support.windows import loaded_by
from tts_assets.cli.console import shortened
from tts_assets.commands.generate import generate
from tts_assets.errors import InputError
from tts_assets.planning.prepare import selected_types
from tts_assets.settings.config import Settings
from tts_assets.settings.load import content_sets, load_settings


def refused(folder: Project, files: Mapping[str, object] | None = None, /, **flags: Any) -> str:
    """What `generate --dry-run` (with `flags`: `type="words"` for `--type words`, `set="zh"`
    for `--set zh`) in `folder` is refused with, asked one layer below the command line, as
    the command asks it (the settings loaded from the folder, then each content set's dry
    run) and as the user reads it (the CLI's `shortened`). With `files`, the folder holds
    only them (a folder shared by many cases: nothing of another case's is there). Fails on
    anything but bad input (exit 2) in one line with nothing written: accepted, or an exception the
    command would report as a bug (exit 4)."""
    return _refusal(folder, files, flags, lambda settings: generate(settings, dry_run=True))


def refused_by_types(
    folder: Project, files: Mapping[str, object] | None = None, /, **flags: Any
) -> str:
    """What a run in `folder` is refused with before it reads any content (`refused`, but
    each set asked for the types it selects, not for a dry run): a config's refusal,
    asked where a run decides it, for a case a test of the command showed it meets."""
    return _refusal(folder, files, flags, selected_types)


def refused_by_load(
    folder: Project, files: Mapping[str, object] | None = None, /, **flags: Any
) -> str:
    """What a run in `folder` is refused with when it reads the content (`refused`, but each
    set's content loaded with the types it selects, nothing planned): a content file's
    refusal, asked where a run decides it, for a case a test of the command showed it
    meets."""
    return _refusal(folder, files, flags, loaded_by)


def _refusal(
    folder: Project,
    files: Mapping[str, object] | None,
    flags: Mapping[str, Any],
    ask: Callable[[Settings], object],
) -> str:
    if files is not None:
        folder.gen(files)
    flags = dict(flags)
    chosen = flags.pop("set", None)
    before = folder.tree()
    if files is not None:
        assert set(before) == set(files)
    try:
        with working_directory(folder):
            for settings in content_sets(load_settings(".", **flags), chosen):
                ask(settings)
    except InputError as e:
        assert e.exit_code == 2, e
        message = shortened(str(e))
    else:
        pytest.fail(f"accepted: {files or sorted(before)}")
    assert "\n" not in message, message  # one line
    assert folder.tree() == before
    return message
