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


BEFORE_59 = "5a350af"
"""Issue 59's commit before: its Chinese decider in readings/zh, before the language
packages moved it to lang/zh."""


@pytest.mark.slow  # starts a process that loads pypinyin and g2pM
@pytest.mark.skipif(
    subprocess.run(
        ["git", "-C", str(REPO), "cat-file", "-e", f"{BEFORE_59}^{{commit}}"], capture_output=True
    ).returncode
    != 0,
    reason=f"{BEFORE_59} is not in this clone's history",
)
def test_the_chinese_benchmark_runs_the_decider_of_a_commit_before_the_packages() -> None:
    """`zh_polyphones --before-decider 5a350af` (its BENCHMARKS block's before rows) ran
    the decider from lang/zh, which that tree has not: the run failed after the move."""
    from benchmarks.zh_polyphones import decided_elsewhere

    cheap, grown = decided_elsewhere(BEFORE_59, ["这件衣服很便宜。", "孩子长大了。"])
    assert cheap is not None and cheap.syllables[5:] == ("pian2", "yi5")
    assert grown is not None and grown.syllables[2] == "zhang3"
