"""Real programs that change a content file behind a run's back, as people's tools do."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(cwd: Path, *args: str) -> None:
    """Run git in `cwd` with a throwaway identity."""
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def editor_save(path: Path, old: str, new: str) -> None:
    """Save `path` as an editor does: GNU sed -i writes a new file and renames it over."""
    subprocess.run(["sed", "-i", f"s/{old}/{new}/", str(path)], check=True)
