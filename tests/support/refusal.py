"""A command's refusal of bad input, asked one layer below the command line."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from tests.support.project import Project, working_directory
from tts_assets.cli.console import shortened
from tts_assets.commands.generate import generate
from tts_assets.errors import InputError
from tts_assets.settings.load import content_sets, load_settings


def refused(folder: Project, files: Mapping[str, object] | None = None, /, **flags: Any) -> str:
    """What `generate --dry-run` (with `flags`: `type="words"` for `--type words`) in
    `folder` is refused with, asked one layer below the command line, as the command asks
    it (the settings loaded from the folder, then each content set's dry run) and as the
    user reads it (the CLI's `shortened`). With `files`, the folder holds only them (a
    folder shared by many cases: nothing of another case's is there). Fails on anything
    but bad input (exit 2) in one line with nothing written: accepted, or an exception the
    command would report as a bug (exit 4)."""
    if files is not None:
        folder.gen(files)
    before = folder.tree()
    if files is not None:
        assert set(before) == set(files)
    try:
        with working_directory(folder):
            for settings in content_sets(load_settings(".", **flags)):
                generate(settings, dry_run=True)
    except InputError as e:
        assert e.exit_code == 2, e
        message = shortened(str(e))
    else:
        pytest.fail(f"accepted: {files or sorted(before)}")
    assert "\n" not in message, message  # one line
    assert folder.tree() == before
    return message
