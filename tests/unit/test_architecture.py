"""The package's shape: its layers hold, no module imports its way back to itself.

docs/architecture.md draws the layers, and pyproject.toml's `[tool.importlinter]` holds
them (`lint-imports` in CI); this test runs the same contract and finds import loops,
which a layers contract does not forbid inside one layer.
"""

from __future__ import annotations

import subprocess
import sys

import grimp
import pytest

from tests.support import REPO


def test_the_import_contract_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlinter.cli import lint_imports

    monkeypatch.chdir(REPO)
    assert lint_imports(config_filename=str(REPO / "pyproject.toml")) == 0


def test_no_module_imports_its_way_back_to_itself() -> None:
    graph = grimp.build_graph("tts_assets")
    loops = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.find_shortest_chain(importer=imported, imported=module) is not None:
                loops.append((module, imported))
    assert not loops, loops


def test_the_command_line_is_not_needed_to_import_the_library() -> None:
    """`import tts_assets` and its stages load neither typer nor rich (the CLI's own)."""
    code = (
        "import sys, tts_assets.commands.generate, tts_assets.planning.prepare;"
        "print(sorted(m for m in ('typer', 'rich') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
