"""Helpers for tests that work on a project folder through the CLI, as a user would."""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from tts_assets.cli.app import app

VOCABULARY = [
    {"id": "v1", "word": "ねこ"},
    {"id": "v2", "word": "いぬ"},
]
GRAMMAR = [{"id": "g1", "examples": [{"japanese": "みずをのみます。"}]}]
"""The content of `make_kokoro_project`: three texts, three clips."""


def write_json(path: Path, doc: object) -> None:
    """`doc` as a hand-formatted content file (two-space indent, UTF-8, final newline)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_json(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def invoke(*args: str) -> tuple[int, str]:
    """Run the CLI in the working directory: (exit code, stdout and stderr)."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def tree(root: Path) -> dict[str, bytes | None]:
    """Every path under `root` with its bytes (None for a folder)."""
    return {
        str(p.relative_to(root)): p.read_bytes() if p.is_file() else None
        for p in sorted(root.rglob("*"))
    }


def make_kokoro_project(root: Path) -> Path:
    """A project folder after one real generate run: two vocabulary words, one grammar example."""
    write_json(root / "data/vocabulary.json", VOCABULARY)
    write_json(root / "data/grammar.json", GRAMMAR)
    cwd = os.getcwd()
    os.chdir(root)
    try:
        code, out = invoke("generate", "--json")
    finally:
        os.chdir(cwd)
    assert code == 0, out
    assert json.loads(out)["generated"] == 3
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
