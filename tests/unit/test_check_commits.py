"""The commit message check CI runs (scripts/check_commits.py)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_commits.py"


def _module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("check_commits", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_short_subject_with_a_body_passes() -> None:
    assert _module().problems("Keep the database when its stub is replaced\n\nWhy.\n") == []


def test_a_subject_over_72_characters_fails() -> None:
    found = _module().problems("x" * 73 + "\n")
    assert len(found) == 1 and "73 characters" in found[0]


def test_a_body_glued_to_the_subject_fails() -> None:
    assert _module().problems("Fix it\nbecause\n") != []


def test_comment_lines_of_the_editor_are_not_the_message() -> None:
    assert _module().problems("# Please enter the message\nFix the lock\n") == []


@pytest.mark.slow
def test_the_check_fails_on_a_long_subject_in_a_real_history(tmp_path: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(
            [
                "git",
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "core.hooksPath=/dev/null",
                *args,
            ],
            cwd=tmp_path,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    git("init", "-q")
    git("commit", "-q", "--allow-empty", "-m", "Start")
    base = git("rev-parse", "HEAD")
    git("commit", "-q", "--allow-empty", "-m", "Add a short subject")
    run = [sys.executable, str(SCRIPT), "--since", base]
    assert subprocess.run(run, cwd=tmp_path, capture_output=True).returncode == 0
    git("commit", "-q", "--allow-empty", "-m", "a subject that goes on " * 5)
    failed = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True)
    assert failed.returncode == 1 and "over 72" in failed.stderr
