"""What a command reads, found by tracing its process (for the test that proves the kept
plan's declared inputs complete, `test_declared_inputs`).

    python -m tests.support.trace OUT.json generate --json ...

runs `tts-assets ARGS` with an audit hook on: every file the process opens (`open`, which
`open()`, `os.open` and imports raise), every SQLite database it connects to, every shared
library it loads and every folder it lists (`os.listdir`, `os.scandir`), and every
environment variable it reads (`os.environ` noting its reads). At exit it writes them to
OUT.json, with what the kept plan declares (`commands.inputs.declared`) for the settings
the command ran on. Only a test process does this: the tool never watches itself.
"""

from __future__ import annotations

import atexit
import json
import os
import runpy
import sys
from typing import Any

_read: dict[str, set[str]] = {"files": set(), "listed": set(), "env": set()}
_busy = False


def _path(value: object) -> str | None:
    if isinstance(value, bytes):
        value = os.fsdecode(value)
    elif isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str) or not value or value == ":memory:":
        return None
    return os.path.abspath(value.removeprefix("file:").split("?")[0])


def _hook(event: str, args: tuple[Any, ...]) -> None:
    global _busy
    if _busy:
        return
    kind = {"open": "files", "ctypes.dlopen": "files", "sqlite3.connect": "files"}.get(event)
    if kind is None and event in ("os.listdir", "os.scandir"):
        kind = "listed"
    if kind is None:
        return
    _busy = True
    try:
        found = _path(args[0] if args and args[0] is not None else ".")
        if found is not None:
            _read[kind].add(found)
    finally:
        _busy = False


class _Noting(os._Environ[str]):
    """`os.environ`, noting each variable read."""

    def __getitem__(self, key: str) -> str:
        if sys._getframe(1).f_code.co_name != "__iter__":  # not a view's walk over all
            _read["env"].add(key)
        value: str = super().__getitem__(key)
        return value


def _written(out: str) -> None:
    from tts_assets.commands import inputs
    from tts_assets.settings.load import content_sets, load_settings

    os.environ.__class__ = os._Environ
    folders: dict[str, Any] = _folders(sys.argv[1:])
    settings = content_sets(load_settings(".", None, **folders))
    found = inputs.declared(settings)
    doc: dict[str, object] = {kind: sorted(paths) for kind, paths in _read.items()}
    doc["declared"] = {"files": found.files, "out_dirs": found.out_dirs}
    doc["code"] = inputs.loaded_code()
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f)


def _folders(args: list[str]) -> dict[str, str]:
    named = {"--data-dir": "data_dir", "--out-dir": "out_dir"}
    return {named[a]: args[i + 1] for i, a in enumerate(args) if a in named}


def main() -> None:
    out, *args = sys.argv[1:]
    sys.argv = ["tts-assets", *args]
    atexit.register(_written, os.path.abspath(out))
    sys.addaudithook(_hook)
    os.environ.__class__ = _Noting
    runpy.run_module("tts_assets", run_name="__main__")


if __name__ == "__main__":
    main()
