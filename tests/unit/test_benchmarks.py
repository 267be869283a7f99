"""The benchmarks are a package a newcomer runs as `python -m benchmarks.NAME` from the
repository's root: no module edits `sys.path` to find the others or the tool."""

from __future__ import annotations

import ast
import os
import subprocess
import sys

import pytest

from tests.support import REPO

BENCHMARKS = REPO / "benchmarks"


def _edits_sys_path(node: ast.AST) -> bool:
    for call in ast.walk(node):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute):
            target = call.func.value
            if ast.unparse(target) == "sys.path":
                return True
    return False


def test_no_benchmark_edits_sys_path_when_imported() -> None:
    editing = []
    for path in sorted(BENCHMARKS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # Module level only: a function may set up a child's path on purpose.
        top = [n for n in tree.body if not isinstance(n, ast.FunctionDef | ast.ClassDef)]
        if any(_edits_sys_path(n) for n in top):
            editing.append(path.name)
    assert (BENCHMARKS / "__init__.py").is_file()
    assert editing == []


@pytest.mark.slow  # starts a process
def test_a_benchmark_runs_as_a_module_of_the_package() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.languages", "--help"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout
