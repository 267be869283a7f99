"""The name a trace notes a path by (`trace._path`): what `os.path.abspath` makes of it,
found without it for a path already normal (a plan asks one of every clip), from any
working folder; an empty name and SQLite's `:memory:` are no path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tts_assets.commands import trace

PARTS = st.lists(st.sampled_from(["a", ".", "..", "", "b.c", ".d", "/", "//", ":memory:"]))


@pytest.mark.parametrize("where", ["", ".d", ".d/e"])
@given(parts=PARTS)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # read only
def test_a_path_is_named_as_abspath_names_it(tmp_path: Path, where: str, parts: list[str]) -> None:
    folder = tmp_path / where
    folder.mkdir(parents=True, exist_ok=True)
    path = "/".join(parts)
    was = os.getcwd()
    try:
        os.chdir(folder)
        expected = None if path in ("", ":memory:") else os.path.abspath(path)
        assert trace._path(path) == expected
        assert trace._path(os.fsencode(path)) == expected
    finally:
        os.chdir(was)


def test_the_root_as_working_folder() -> None:
    was = os.getcwd()
    try:
        os.chdir("/")
        assert trace._path("tmp") == "/tmp" and trace._path("tmp/") == "/tmp"
    finally:
        os.chdir(was)
