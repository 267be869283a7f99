"""The staging folder's names: one folder per out dir in a
`temp_dir` the config names, only the tool's own names taken as its files, and a
`.gitignore` that goes with the folder once nothing else is left."""

from __future__ import annotations

import os
from pathlib import Path

from tests.support.markers import needs_symlinks
from tts_assets.settings.config import Settings
from tts_assets.store.layout import (
    STAGING_NAME,
    ignore_staging,
    leave_staging,
    made_journal,
    made_journals,
    staging_folder,
)


@needs_symlinks
def test_each_out_dir_stages_in_a_folder_of_its_own_in_a_named_temp_dir(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    a, b = (
        staging_folder(tmp_path / "a/audio", shared),
        staging_folder(tmp_path / "b/audio", shared),
    )
    assert a.parent == b.parent == shared and a != b
    assert staging_folder(tmp_path / "a/audio", shared) == a  # the same out dir, the same one
    os.symlink(tmp_path / "a", tmp_path / "link")
    assert staging_folder(tmp_path / "link/audio", shared) == a  # named by its real path
    assert staging_folder(tmp_path / "a/audio", None) == tmp_path / "a/audio" / STAGING_NAME
    settings = Settings(out_dir=tmp_path / "a/audio", temp_dir=shared)
    assert settings.staging == a


def test_only_journals_of_the_tools_names_are_taken_as_journals(tmp_path: Path) -> None:
    ours = made_journal(tmp_path)
    ours.write_text("", "utf-8")
    for name in ("made-by-hand.log", "made-notes.log", "made-1-xyz.log"):
        (tmp_path / name).write_text("a person's", "utf-8")
    assert made_journals(tmp_path) == [ours]


def test_the_gitignore_goes_with_the_folder_and_only_its_own(tmp_path: Path) -> None:
    staging = tmp_path / "staging"
    staging.mkdir()
    ignore_staging(staging)
    (staging / "live.part").write_bytes(b"a live run's")
    leave_staging(staging)
    assert sorted(p.name for p in staging.iterdir()) == [".gitignore", "live.part"]
    (staging / "live.part").unlink()
    leave_staging(staging)
    assert not staging.exists()

    staging.mkdir()
    (staging / ".gitignore").write_text("mine\n", "utf-8")  # a person's
    ignore_staging(staging)
    leave_staging(staging)
    assert (staging / ".gitignore").read_text("utf-8") == "mine\n"
