"""A file a command writes where its user said (`--output`): checked before any work is
done, so a bad path is one line and exit 2, never a finished (perhaps paid) run that cannot
be saved; a disk that fills while it is written is the machine's fault (exit 3)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from ..errors import InputError, machine_fault

NAME_BYTES = 255  # the longest file name most file systems take


def output_file(
    path: Path, suffixes: Collection[str], example: str, owned: Iterable[Path] = ()
) -> Path:
    """`path` when a file with one of `suffixes` can be written there; InputError saying
    what to give instead (`example`: a name that would do). A path in one of the `owned`
    folders (a course's data and out dirs), even through a link, is refused."""
    shown = f"--output {path}"
    if len(os.fsencode(path.name)) > NAME_BYTES:  # before a stat, which fails on it
        raise InputError(f"{shown}: the file name is too long; give a shorter one ({example})")
    if path.is_dir():
        raise InputError(f"{shown}: is a folder; give a file name ({example})")
    if path.suffix.lower() not in suffixes:
        kinds = ", ".join(sorted(suffixes))
        raise InputError(f"{shown}: expected a file ending {kinds}; give a name like {example}")
    for folder in path.parents:
        if folder.exists() and not folder.is_dir():
            raise InputError(f"{shown}: {folder} is a file, not a folder; give another path")
    real = Path(os.path.realpath(path))
    for folder in owned:
        if real.is_relative_to(os.path.realpath(folder)):
            raise InputError(
                f"{shown}: is inside {folder}, a folder of the course (its content, its "
                "clips), where nothing is this command's to replace; give a path outside it"
            )
    nearest = next(p for p in (path.absolute(), *path.absolute().parents) if p.exists())
    if not os.access(nearest if nearest.is_dir() else nearest.parent, os.W_OK):
        raise InputError(
            f"{shown}: {nearest} cannot be written (read-only, or no permission); choose "
            "another folder"
        )
    return path


@contextlib.contextmanager
def machine_faults() -> Iterator[None]:
    """A full disk (or a read-only file system) while writing: exit 3, not a traceback."""
    try:
        yield
    except OSError as e:
        fault = machine_fault(e)
        if fault is None:
            raise
        raise fault from None
