"""A JSON manifest read once for every content set of one command.

Inside `shared_reads` (`generate` over several sets sharing an out dir), a store that
reads a manifest the file system says is the one read before (device, inode, size,
times) takes a copy of the records read then; any other file, or one with a damaged
record, is read as always. Outside it nothing is kept.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .files import stat_key

Identity = tuple[int, ...]  # what the file system says of a manifest (`files.stat_key`)

_read: dict[str, tuple[Identity, dict[str, Any]]] | None = None
"""By manifest path: the file's identity and its records (each a `manifest.StoredClip`)."""


@contextmanager
def shared_reads() -> Iterator[None]:
    """Within the block, a manifest unchanged since a store read it is not read again (the
    module docstring); nested, the outer block's reads are shared."""
    global _read
    if _read is not None:
        yield
        return
    _read = {}
    try:
        yield
    finally:
        _read = None


def identity(path: Path) -> Identity | None:
    """The manifest file's identity inside `shared_reads` (None outside it, or when it
    cannot be asked)."""
    if _read is None:
        return None
    try:
        return stat_key(os.stat(path))
    except OSError:
        return None


def records(path: Path, now: Identity | None) -> dict[str, Any] | None:
    """A copy of the records read of `path` when it was the file `now` is; else None."""
    found = None if _read is None or now is None else _read.get(os.fspath(path))
    if found is None or found[0] != now:
        return None
    return dict(found[1])


def keep(path: Path, before: Identity | None, clips: Mapping[str, Any]) -> None:
    """Keep the records just read of `path` (a copy), when the file is still the one it
    was before they were read (`before`)."""
    if _read is not None and before is not None and identity(path) == before:
        _read[os.fspath(path)] = (before, dict(clips))
