"""Where each file lives: the clip layout under the out dir, and names in the staging folder.

    <out-dir>/TYPE/KEY.EXT        a clip (`clip_path`); KEY is KEY_LENGTH hex digits
    <out-dir>/manifest.json       what exists (`manifest.py`)
    <staging>/PID-RANDOM.part     a file being written (`staged_name`)
    <staging>/PID-TOOL-*.scratch/ a synthesizer's scratch folder (`scratch_folder`)
    <staging>/made-PID-RANDOM.log the clips a run put in place and has not yet recorded in
                                  the manifest (`made_journal`): what prune may delete

The process id in staging names lets a later run tell a killed run's leftovers from a
live run's files (`Store.clean_staging`). Every other module asks this one; nothing here
imports more than the standard library, so settings and planning read it cheaply.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from ..audio.settings import FORMATS
from .files import create_in

KEY_LENGTH = 32
"""Hex digits of a content key, the name of its clip's file."""

CLIP_PATH = re.compile(rf"[A-Za-z0-9_-]+/[0-9a-f]{{{KEY_LENGTH}}}\.(?:{'|'.join(FORMATS)})")
"""The only paths (relative to the out dir) tts-assets writes clips to: TYPE/KEY.EXT."""

STAGED_SUFFIX = ".part"
SCRATCH_SUFFIX = ".scratch"
MADE_PREFIX = "made-"
MADE_SUFFIX = ".log"


def clip_path(type_name: str, key: str, extension: str) -> str:
    """Where the clip of content key `key` lives, relative to the out dir: TYPE/KEY.EXT."""
    return f"{type_name}/{key}.{extension}"


def clip_type(rel_path: str) -> str:
    """The type folder of a clip path (TYPE of TYPE/KEY.EXT)."""
    return rel_path.partition("/")[0]


def is_clip_path(rel_path: str) -> bool:
    """Whether `rel_path` is a path tts-assets writes a clip to (TYPE/KEY.EXT)."""
    return CLIP_PATH.fullmatch(rel_path) is not None


@functools.lru_cache(maxsize=1 << 17)
def clip_path_in(url: str) -> str | None:
    """The clip path (TYPE/KEY.EXT) that `url` ends with, whatever its prefix, or None."""
    tail = "/".join(url.split("?", 1)[0].split("#", 1)[0].rsplit("/", 2)[-2:])
    return tail if is_clip_path(tail) else None


def clip_file(out_dir: Path, rel_path: str) -> Path | None:
    """The file of clip path `rel_path` under `out_dir`, or None if tts-assets could not
    have written it.

    None when `rel_path` is not TYPE/KEY.EXT (a hand-edited manifest could say
    `../../x`) or when its type folder or the file itself is a symlink, which could
    lead out of the out dir.
    """
    if not is_clip_path(rel_path):
        return None
    path = out_dir / rel_path
    if path.parent.is_symlink() or path.is_symlink():
        return None
    return path


def content_set_id(data_dir: Path, out_dir: Path) -> str:
    """A content set's identity: its data dir as a POSIX path relative to its out dir
    (`../../courseA`), the same wherever the project is checked out."""
    relative = os.path.relpath(os.path.abspath(data_dir), os.path.abspath(out_dir))
    return Path(relative).as_posix()


def staged_name(staging: Path) -> Path:
    """A fresh name for a file being written in `staging`: `<pid>-<random>.part`."""
    return staging / f"{os.getpid()}-{uuid.uuid4().hex}{STAGED_SUFFIX}"


def made_journal(staging: Path) -> Path:
    """A fresh name for one store's journal of clips put in place but not yet in the
    manifest: `made-<pid>-<random>.log` (one per store: two stores of one process never
    remove each other's)."""
    return staging / f"{MADE_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:12]}{MADE_SUFFIX}"


def made_journals(staging: Path) -> list[Path]:
    """Every journal of clips put in place in `staging` (`made_journal`), live runs' too."""
    try:
        return sorted(staging.glob(f"{MADE_PREFIX}*{MADE_SUFFIX}"))
    except OSError:
        return []


@contextlib.contextmanager
def scratch_folder(staging: Path | None, tool: str) -> Iterator[Path]:
    """A private folder for one synthesizer call, removed afterwards whatever happens.

    Inside `staging` (`<pid>-<tool>-*.scratch`, so the next run removes what a killed
    run left), or in the system temp folder when there is no staging folder.
    """
    if staging is None:
        with tempfile.TemporaryDirectory(prefix=f"tts-assets-{tool}-") as folder:
            yield Path(folder)
        return
    prefix = f"{os.getpid()}-{tool}-"
    made = create_in(
        staging,
        lambda: tempfile.TemporaryDirectory(SCRATCH_SUFFIX, prefix, os.path.abspath(staging)),
    )
    with made as folder:
        yield Path(folder)
