"""An older tts-assets, as it was at a commit: its package from git, and the distribution
metadata it was installed with, so that a test can run the old tool beside this one.

The package alone is not the old tool: its provider and feature registries read their
entry points from the installed distribution's metadata (`importlib.metadata`), and the
one installed here is this checkout's, which names providers and features the old code
has not got. So the old tool's folder also holds a `tts_assets-<version>.dist-info` with
the entry points of the old pyproject.toml; the folder goes first on PYTHONPATH, and
`importlib.metadata` keeps the first distribution of a name it finds on the path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


def extract(commit: str, into: Path) -> Path:
    """tts-assets at `commit` (its package and its distribution metadata) in `into`: the
    folder to put first on PYTHONPATH. Skips the test when the commit is not in this
    checkout's history (a shallow clone)."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", commit, "tts_assets", "pyproject.toml"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        pytest.skip(f"{commit} is not in this checkout's history (a shallow clone)")
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    pyproject = into / "pyproject.toml"
    project = tomllib.loads(pyproject.read_text("utf-8"))["project"]
    pyproject.unlink()
    info = into / f"tts_assets-{project['version']}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n",
        encoding="utf-8",
    )
    groups = _groups(project)
    (info / "entry_points.txt").write_text(
        "".join(
            f"[{group}]\n" + "".join(f"{name} = {target}\n" for name, target in points.items())
            for group, points in groups.items()
        ),
        encoding="utf-8",
    )
    _assert_seen_first(into, groups)
    return into


def _groups(project: dict[str, Any]) -> dict[str, dict[str, str]]:
    """A pyproject's `[project.entry-points.*]` tables."""
    groups: dict[str, dict[str, str]] = project.get("entry-points", {})
    return groups


_SEEN = """
import json
from importlib.metadata import entry_points
print(json.dumps({g: {e.name: e.value for e in entry_points(group=g)} for g in %r}))
"""


def _assert_seen_first(folder: Path, old: dict[str, dict[str, str]]) -> None:
    """With `folder` first on the path, the entry points Python finds in every group of
    either tool are exactly the old tool's: none of the installed distribution's."""
    now = _groups(tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"])
    groups = sorted({*old, *now})
    seen = subprocess.run(
        [sys.executable, "-c", _SEEN % groups],
        env={**os.environ, "PYTHONPATH": str(folder)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(seen.stdout) == {g: old.get(g, {}) for g in groups}, seen.stdout
