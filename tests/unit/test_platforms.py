"""Nothing POSIX-only is imported where Windows would fail: every module of the package
imports, and the CLI answers `--help`, with the POSIX-only modules missing; and the fast
loop's tests import there and skip, by their markers, what the system lacks."""

from __future__ import annotations

import ast
import functools
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import TESTS
from tests.support.fault_provider import driver_env

POSIX_ONLY = ("fcntl", "pwd", "grp", "termios", "resource", "syslog")

CHECK = f"""
import importlib, pkgutil, sys
for name in {POSIX_ONLY!r}:
    sys.modules[name] = None  # `import name` now raises ImportError, as on Windows
import tts_assets
for info in pkgutil.walk_packages(tts_assets.__path__, "tts_assets."):
    if info.name != "tts_assets.__main__":
        importlib.import_module(info.name)
from tts_assets.cli.app import main
sys.argv = ["tts-assets", "--help"]
main()
"""


@pytest.mark.slow  # starts a process
def test_every_module_imports_without_the_posix_only_modules() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], env=driver_env(), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "generate" in done.stdout


# --- the fast loop on Windows and macOS (.github/workflows/tests.yml) ------------------

POSIX_MODULES = {*POSIX_ONLY, "pty", "tty", "posix"}
POSIX_SIGNALS = {"SIGKILL", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGSTOP", "SIGCONT",
                 "SIGALRM", "SIGCHLD", "SIGPIPE"}  # fmt: skip
NEEDS = {
    "symlink_to": "needs_symlinks",
    "symlink": "needs_symlinks",
    "mkfifo": "needs_fifo",
    "chmod": "needs_modes",
    "setxattr": "needs_xattrs",
}
"""A call a fast test makes → the marker (tests/support/markers.py) that skips it where
the system lacks it."""


@functools.cache
def _test_modules() -> tuple[tuple[Path, ast.Module], ...]:
    """Every test module that names something the tests below look for, parsed (once for
    both): one that names none of them, as a word, has nothing for them to find."""
    named = "|".join(sorted({*POSIX_MODULES, *POSIX_SIGNALS, *NEEDS}))
    words = re.compile(rf"\b(?:{named})\b")
    paths = sorted(p for p in TESTS.rglob("test_*.py") if "support" not in p.parts)
    texts = ((path, path.read_text(encoding="utf-8")) for path in paths)
    return tuple((path, ast.parse(text)) for path, text in texts if words.search(text))


def _names(nodes: list[ast.expr]) -> set[str]:
    """The names the expressions use (`pytest.mark.slow` → mark, slow, pytest)."""
    names = set()
    for sub in (sub for node in nodes for sub in ast.walk(node)):
        if isinstance(sub, ast.Name):
            names.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            names.add(sub.attr)
    return names


def _module_marks(tree: ast.Module) -> set[str]:
    """The names in the module's `pytestmark = ...`."""
    return _names(
        [
            node.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets)
        ]
    )


def test_every_test_module_imports_where_posix_is_missing() -> None:
    """A test module that imports a POSIX-only module, or names a POSIX-only signal, at
    its top level (decorators too) fails to collect on Windows, and every fast test in it
    with it: those belong inside the (slow, Linux) tests that use them."""
    found = []
    for path, tree in _test_modules():
        top: list[ast.AST] = []
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                top += node.decorator_list
            else:
                top.append(node)
        for node in (sub for t in top for sub in ast.walk(t)):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                names += [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
                found += [f"{path.name}: import {n}" for n in names if n in POSIX_MODULES]
            if isinstance(node, ast.Attribute) and node.attr in POSIX_SIGNALS:
                found.append(f"{path.name}:{node.lineno}: signal.{node.attr}")
    assert not found, found


def test_every_fast_test_of_a_posix_only_feature_is_marked_to_skip_where_it_is_missing() -> None:
    """A fast test that makes a symbolic link, a named pipe, a file mode or an extended
    attribute carries the marker that skips it on the systems without one."""
    unmarked = []
    for path, tree in _test_modules():
        module = _module_marks(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            marks = module | _names(node.decorator_list)
            if not node.name.startswith("test_") or "slow" in marks:
                continue
            if marks & {"needs_root", "geteuid"}:  # root only: skipped on Windows and macOS
                continue
            for sub in ast.walk(node):
                if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute):
                    needed = NEEDS.get(sub.func.attr)
                    if needed and needed not in marks:
                        unmarked.append(f"{path.name}::{node.name}: {sub.func.attr} → {needed}")
    assert not unmarked, unmarked
