"""A manifest written by the tts-assets before manifests could be databases (main at `OLD`,
its package and entry points from git): read as it is, moved into a database once by the
next run that finds it that large, with every entry as it was; the old tool then refuses
it as newer and touches nothing, and this one makes nothing again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import old_tool
from tests.support.manifests import is_database, read_manifest
from tests.support.markers import needs_espeak
from tts_assets.store.database import DATABASE_ENV, DATABASE_NAME

pytestmark = pytest.mark.slow

OLD = "ed5c6cc"
"""Main as this work branched from it: JSON manifests only."""

WORDS = ["みず", "やま", "かわ", "うみ", "そら", "はな"]


def _run(project: Path, *args: str, package: Path | None = None, **env: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tts_assets", *args],
        cwd=project,
        env={**os.environ, **({"PYTHONPATH": str(package)} if package else {}), **env},
        capture_output=True,
        text=True,
    )
    assert done.returncode in (0, 2), done.stderr
    return f"{done.returncode} {done.stdout} {done.stderr}"


@needs_espeak
def test_a_manifest_the_old_tool_wrote_moves_into_a_database_once(tmp_path: Path) -> None:
    old = old_tool.extract(OLD, tmp_path / "old")
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    words = ",".join(f'{{"id": "v{n}", "word": "{w}"}}' for n, w in enumerate(WORDS))
    (project / "data/vocabulary.json").write_text(f"[{words}]\n", "utf-8")
    (project / "tts-assets.toml").write_text('provider = "espeak"\ntype = "vocabulary"\n')
    out = project / "public/audio"
    assert _run(project, "generate", package=old).startswith("0 ")
    written = read_manifest(out)
    assert not is_database(out) and len(written["clips"]) == len(WORDS)

    # This tool reads it as it is, and moves it at its first flush (every manifest of at
    # least 5 clips a database here): nothing made again, every entry as it was.
    said = _run(project, "generate", "--json", **{DATABASE_ENV: "5"})
    assert said.startswith("0 ") and '"generated": 0' in said
    assert is_database(out) and (out / DATABASE_NAME).is_file()
    moved = read_manifest(out)  # this tool's version, a clip's tempo (None: as spoken)
    assert moved["version"] >= written["version"]
    assert [{k: v for k, v in c.items() if k != "tempo"} for c in moved["clips"]] == [
        {k: v for k, v in c.items() if k != "tempo"} for c in written["clips"]
    ]
    assert _run(project, "verify").startswith("0 ")

    # The old tool: "written by a newer tts-assets", nothing touched.
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    for command in ("generate", "verify"):
        said = " ".join(_run(project, command, package=old).split())
        assert said.startswith("2 ") and "written by a newer tts-assets" in said
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
