"""A file a command writes where its user said (`--output`): checked before any work is
done, so a folder or a wrong kind of file named there is one line and exit 2, never a
finished run that cannot be saved."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from ..errors import InputError


def output_file(path: Path, suffixes: Collection[str], example: str) -> Path:
    """`path` when a file with one of `suffixes` can be written there; InputError saying
    what to give instead (`example`: a name that would do)."""
    shown = f"--output {path}"
    if path.is_dir():
        raise InputError(f"{shown}: is a folder; give a file name ({example})")
    if path.suffix.lower() not in suffixes:
        kinds = ", ".join(sorted(suffixes))
        raise InputError(f"{shown}: expected a file ending {kinds}; give a name like {example}")
    for folder in path.parents:
        if folder.exists() and not folder.is_dir():
            raise InputError(f"{shown}: {folder} is a file, not a folder; give another path")
    return path
