"""Helpers for tests that work on a project folder through the CLI, as a user would.

`Project` is a project folder for one test (the `project` fixture of tests/conftest.py
gives an empty one as the working directory), in the style of dvc's `tmp_dir`:

    project.gen({"data/grammar.json": [...], "notes.txt": "..."})   # JSON, text or bytes
    project.config('provider = "fault"\\n')                         # tts-assets.toml
    code, out = project.invoke("generate", "--dry-run")             # the CLI, in the folder
    summary = project.json("generate")                              # --json, exit 0, parsed
    before = project.tree()                                         # every file's bytes

It is a Path, so `project / "data"` works as before.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, overload

import pytest
from typer.testing import CliRunner

from tests.support import fault_provider
from tests.support.manifests import read_manifest
from tts_assets.cli.app import app

VOCABULARY = [
    {"id": "v1", "word": "ねこ"},
    {"id": "v2", "word": "いぬ"},
]
GRAMMAR = [{"id": "g1", "examples": [{"japanese": "みずをのみます。"}]}]
"""The content of `make_kokoro_project`: three texts, three clips."""

LOCK_NAME = ".tts-assets.lock"
"""Part of the name of a lock file a run may leave (see `tree(locks=False)`)."""


def write_json(path: Path, doc: object) -> None:
    """`doc` as a hand-formatted content file (two-space indent, UTF-8, final newline)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_json(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


@contextmanager
def working_directory(folder: Path) -> Iterator[None]:
    """`folder` as the working directory for the block (unchanged if it already is)."""
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(cwd)


def invoke(*args: str) -> tuple[int, str]:
    """Run the CLI in the working directory: (exit code, stdout and stderr)."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


@overload
def tree(root: Path, *, folders: Literal[False] = ..., locks: bool = ...) -> dict[str, bytes]: ...
@overload
def tree(root: Path, *, folders: bool, locks: bool = ...) -> dict[str, bytes | None]: ...
def tree(root: Path, *, folders: bool = False, locks: bool = True) -> dict[str, bytes | None]:  # type: ignore[misc]
    """Every file under `root` with its bytes, by path from `root` ({} if there is no `root`).

    folders: every other path too (a folder, a broken link), as None: a test that none appeared
    locks:   False leaves out lock files (`.tts-assets.lock`), which a run may leave behind
    """
    return {
        str(p.relative_to(root)): p.read_bytes() if p.is_file() else None
        for p in sorted(root.rglob("*"))
        if (folders or p.is_file()) and (locks or LOCK_NAME not in p.name)
    }


def made_once(factory: pytest.TempPathFactory, build: Callable[[Project], object]) -> Project:
    """A project folder `build` filled (content, a config, a fault-provider run), for the
    tests of a module to copy (`Project.copy`): made once per module, where each test
    making its own cost a run each. Whatever `build` writes names the project's own files
    by relative paths, so that a copy's point to the copy."""
    root = Project(factory.mktemp("made") / "project")
    root.mkdir()
    with fault_provider.registered():
        build(root)
    return root


def new_project(parent: Path) -> Project:
    """An empty project folder of its own under `parent`: a sweep's case's, as the `project`
    fixture gives a test one (tests/support/sweep.py)."""
    return Project(tempfile.mkdtemp(prefix="project", dir=parent))


def make_kokoro_project(root: Path) -> Path:
    """A project folder after one real generate run: two vocabulary words, one grammar example."""
    project = Project(root).gen({"data/vocabulary.json": VOCABULARY, "data/grammar.json": GRAMMAR})
    assert project.json("generate")["generated"] == 3
    return root


def url_of(project: Path, type_file: str, *path: str | int) -> str:
    """The URL the content file `type_file` holds at `path`."""
    value: object = read_json(project / "data" / type_file)
    for step in path:
        value = value[step]  # type: ignore[index]
    assert isinstance(value, str)
    return value


def clip_of(project: Path, url: str) -> Path:
    """The clip file a URL of the default prefix names."""
    return project / "public" / url.removeprefix("/")


class Project(type(Path())):  # type: ignore[misc]
    """A project folder for a test: content, config, runs of the CLI in it, its files."""

    def gen(self, files: Mapping[str, object]) -> Project:
        """Write `files` (path from the project → content): a dict or list as a JSON file
        (as `write_json` writes one), a str as UTF-8 text, bytes as they are."""
        for rel, content in files.items():
            path = self / rel
            if isinstance(content, dict | list):
                write_json(path, content)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            elif isinstance(content, bytes):
                path.write_bytes(content)
            else:
                raise TypeError(f"{rel}: cannot write a {type(content).__name__}")
        return self

    def config(self, text: str) -> Project:
        """tts-assets.toml holding `text`."""
        return self.gen({"tts-assets.toml": text})

    def copy(self, source: Path) -> Project:
        """Every file of the project folder `source` copied into this one."""
        shutil.copytree(source, self, dirs_exist_ok=True)
        return self

    def invoke(self, *args: str) -> tuple[int, str]:
        """Run the CLI in this folder: (exit code, stdout and stderr)."""
        with working_directory(self):
            return invoke(*args)

    def json(self, *args: str, code: int = 0) -> Any:
        """Run the CLI with --json in this folder: its answer, parsed, once it exits `code`."""
        exit_code, out = self.invoke(*args, "--json")
        assert exit_code == code, out
        return json.loads(out)

    def read_json(self, rel: str) -> Any:
        return read_json(self / rel)

    @overload
    def tree(self, *, folders: Literal[False] = ..., locks: bool = ...) -> dict[str, bytes]: ...
    @overload
    def tree(self, *, folders: bool, locks: bool = ...) -> dict[str, bytes | None]: ...
    def tree(self, *, folders: bool = False, locks: bool = True) -> dict[str, bytes | None]:  # type: ignore[misc]
        """Every file with its bytes: see the module's `tree`."""
        return tree(self, folders=folders, locks=locks)

    def manifest(self, out_dir: str = "public/audio") -> Any:
        """The manifest of `out_dir`, parsed."""
        return read_manifest(self / out_dir)

    def url_of(self, type_file: str, *path: str | int) -> str:
        """The URL the content file `type_file` holds at `path`."""
        return url_of(self, type_file, *path)

    def clip_of(self, url: str) -> Path:
        """The clip file a URL of the default prefix names."""
        return clip_of(self, url)
