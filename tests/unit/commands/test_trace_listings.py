"""A folder the import system lists (a path entry's finder, `importlib.metadata` looking for
plugins) is an input by the names an import or a distribution can be found by: a hidden
entry or `__pycache__` made there since (`.hypothesis`, `.pytest_cache` in the project
folder Python runs from) keeps a record; a new module there does not. A folder the run lists
itself is an input by all its entries, as ever."""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tts_assets.commands import trace


@pytest.fixture
def traced(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[trace.Inputs]:
    """A trace on (the audit hook as `tracing` adds it), with `tmp_path`/path on sys.path;
    the fast loop's /dev/shm folders noted as any other."""
    monkeypatch.setattr(trace, "_SKIPPED", ("/proc/", "/sys/"))
    if not trace._hooked:
        sys.addaudithook(trace._hook)  # idle while no trace is on, as `tracing` leaves it
        trace._hooked = True
    folder = tmp_path / "path"
    folder.mkdir()
    (folder / "listed_mod_a.py").write_text("A = 1\n")
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # the module's own file unchanged
    importlib.invalidate_caches()
    found = trace.Inputs()
    monkeypatch.setattr(trace, "_current", found)
    yield found
    monkeypatch.setattr(trace, "_current", None)
    sys.modules.pop("listed_mod_a", None)


def test_an_import_notes_its_folder_by_the_names_imports_find(
    traced: trace.Inputs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "path"
    importlib.import_module("listed_mod_a")
    monkeypatch.setattr(trace, "_current", None)
    assert traced.listed[str(folder)][0] == "m"
    (folder / ".hypothesis").mkdir()
    (folder / ".pytest_cache").mkdir()
    (folder / "__pycache__").mkdir(exist_ok=True)
    assert traced.changed(env=False) is None
    (folder / "rich.py").write_text("")  # would be imported before the installed one
    assert traced.changed(env=False) == str(folder)


def test_a_distribution_search_notes_its_folder_the_same(
    traced: trace.Inputs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "path"
    list(importlib.metadata.distributions(path=[str(folder)]))
    monkeypatch.setattr(trace, "_current", None)
    assert traced.listed[str(folder)][0] == "m"
    (folder / ".cache").mkdir()
    assert traced.changed(env=False) is None
    (folder / "plugin-1.0.dist-info").mkdir()  # a plugin installed since
    assert traced.changed(env=False) == str(folder)


@pytest.mark.parametrize("first", ["import", "run"])
def test_a_folder_the_run_lists_itself_is_noted_whole(
    traced: trace.Inputs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str
) -> None:
    """Listed by the import system and by the run (either first): every entry counts, a
    hidden one too."""
    folder = tmp_path / "path"
    for step in (first, {"import": "run", "run": "import"}[first]):
        if step == "import":
            importlib.import_module("listed_mod_a")
        else:
            os.listdir(folder)
    monkeypatch.setattr(trace, "_current", None)
    assert traced.listed[str(folder)][0] == "d"
    (folder / ".hidden").write_text("")
    assert traced.changed(env=False) == str(folder)
