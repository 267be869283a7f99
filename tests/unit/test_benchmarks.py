"""The benchmarks are a package a newcomer runs as `python -m benchmarks.NAME` from the
repository's root: no module edits `sys.path` to find the others or the tool."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

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
"""A commit whose Chinese decider lived in readings/zh, before the language packages
moved it to lang/zh."""


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


@pytest.mark.slow  # plans the sample three times, in processes of their own
@pytest.mark.parametrize("command", ["generate", "verify"])
def test_the_phases_benchmark_reaches_every_phase_it_names(tmp_path: Path, command: str) -> None:
    """`benchmarks.run_phases` on the sample, its out dir filled without synthesis: every
    function it wraps is reached by the command (a phase renamed or no longer called would
    leave its row out, and the measurement would say nothing of it), and the command has
    nothing to make."""
    from benchmarks.run_phases import PHASES

    shutil.copytree(REPO / "data", tmp_path / "data")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TTS_ASSETS_")}
    env |= {"PYTHONPATH": str(REPO), "TTS_ASSETS_CACHE_DIR": str(tmp_path / "cache")}

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", *args], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    run("benchmarks.fill_store", "data", "out")
    run("tts_assets", "generate", "--data-dir", "data", "--out-dir", "out")  # URLs written
    # Windows of 40 texts, as a large course's (the sample: 114 texts).
    said = run("benchmarks.run_phases", "data", "out", command, "--window", "40")
    rows = [line.split("|")[1].strip() for line in said.splitlines() if line.startswith("|   ")]
    named = [
        f"{m.rsplit('.', 1)[-1]}.{a}" for m, _, a in (s.partition(":") for s in PHASES[command])
    ]
    assert sorted(set(rows)) == sorted(named)
    first = said.splitlines()[0]
    assert first == "generate: generated 0, written 0" or first.startswith("verify: ok: ")
