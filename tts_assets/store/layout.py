"""Where each file lives: the clip layout under the out dir, names in the staging folder,
and every other file tts-assets writes (`own_file`).

    <out-dir>/TYPE/KEY.EXT        a clip (`clip_path`); KEY is KEY_LENGTH hex digits
    <out-dir>/TYPE/KEY.vtt        its words' timings as WebVTT, for a `<track>` (`track_path`;
                                  written with `webvtt = true`)
    <out-dir>/manifest.json       what exists (`manifest.py`); `.damaged` when set aside
    <out-dir>/review.html         the review page (`review-SET.html` for a shared out dir)
    <out-dir>/failed.json         why the clips the last runs could not make have none
                                  (`failed.py`)
    <out-dir>/.temp-audio/        the staging folder (`staging_folder`; a `temp_dir` the
                                  config names holds it as `<temp_dir>/tts-assets-HASH/`,
                                  one per out dir: two projects sharing it stay apart):
    <staging>/PID-RANDOM.part     a file being written (`staged_name`)
    <staging>/PID-TOOL-*.scratch/ a synthesizer's scratch folder (`scratch_folder`)
    <staging>/made-PID-RANDOM.log the clips a run put in place and has not yet recorded in
                                  the manifest (`made_journal`): what prune may delete
    <staging>/paid-answers/SHA256.json  a paid answer kept until its clip is stored
                                  (`PAID_NAME`, `paid_answer_name`)
    <staging>/.gitignore          `*`: a workflow that commits the out dir commits none
                                  of the staging folder (`ignore_staging`)
    <data-dir>/review-decisions.json  what reviews decided (`planning.decisions`)
    <config>/pronunciations.toml  the overrides `review --apply` adds to (its default name)
    <folder>/.tts-assets-shard    a shard's claim on its folder (`planning.shard`)
    <models>/NAME/.verified.json  what was verified of a pulled model (`models.installed`)
    <cache>/readings-TAG.sqlite   the reading memo (`readings.memo`), SQLite's files beside
    <cache>/crashes/tts-assets-crash-STAMP-PID.log  a bug's traceback (`cli.crash`)
    FILE.RANDOM.kept              a save set aside while a file was written (`files.py`)

The process id in staging names tells a killed run's leftovers from a live run's
(`Store.clean_staging`). Every other module asks this one for these names.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from ..audio.settings import FORMATS
from .database import DATABASE_NAME, NEW_SUFFIX
from .files import KEPT_SUFFIX, create_in

KEY_LENGTH = 32
"""Hex digits of a content key, the name of its clip's file."""

CLIP_PATH = re.compile(rf"[A-Za-z0-9_-]+/[0-9a-f]{{{KEY_LENGTH}}}\.(?:{'|'.join(FORMATS)})")
"""The only paths (relative to the out dir) tts-assets writes clips to: TYPE/KEY.EXT."""

TRACK_SUFFIX = ".vtt"
"""A clip's WebVTT track: its name with this suffix for the format's (`track_path`)."""
STAGED_SUFFIX = ".part"
SCRATCH_SUFFIX = ".scratch"
MADE_PREFIX = "made-"
MADE_SUFFIX = ".log"

MANIFEST_NAME = "manifest.json"
DAMAGED_SUFFIX = ".damaged"
"""Where a manifest that could not be read is set aside (`manifest.json.damaged`)."""
STAGING_NAME = ".temp-audio"
"""The staging folder's name inside the out dir (and inside a shard's folder)."""
OWN_STAGING_PREFIX = "tts-assets-"
"""The name of an out dir's staging folder inside a `temp_dir` the config names, before
the hash of the out dir's real path (`staging_folder`)."""
PAID_NAME = "paid-answers"
"""Where a paid provider keeps each answer it was billed for until its clip is made."""
PAGE_NAME = "review.html"
FAILED_NAME = "failed.json"
DECISIONS_NAME = "review-decisions.json"
PRONUNCIATIONS_NAME = "pronunciations.toml"
"""Where `review --apply` adds corrected readings when the config names no file."""
CLAIM_NAME = ".tts-assets-shard"
VERIFIED_NAME = ".verified.json"
CRASH_PREFIX = "tts-assets-crash-"
MEMO_PREFIX = "readings-"
MEMO_SUFFIX = ".sqlite"

_MADE = re.compile(re.escape(MADE_PREFIX) + r"[0-9]+-[0-9a-f]+" + re.escape(MADE_SUFFIX))
"""The name of a run's journal (`made_journal`)."""

_OWN_NAMES = {
    MANIFEST_NAME: "an out dir's manifest",
    DATABASE_NAME: "an out dir's manifest",
    DATABASE_NAME + "-journal": "an out dir's manifest, being written",
    DATABASE_NAME + NEW_SUFFIX: "an out dir's manifest, being written",
    MANIFEST_NAME + DAMAGED_SUFFIX: "a damaged manifest set aside",
    PAGE_NAME: "a review page",
    FAILED_NAME: "the record of clips that could not be made",
    DECISIONS_NAME: "the decisions of reviews",
    PRONUNCIATIONS_NAME: "the pronunciation overrides reviews add to",
    VERIFIED_NAME: "the record of a verified model",
}
_OWN_PATTERNS = (
    (re.compile(r"review-[A-Za-z0-9._-]+\.html"), "a review page"),
    (re.compile(re.escape(CLAIM_NAME) + r"(?:\.[0-9]+-[0-9a-f]+)?"), "a shard's claim"),
    (re.compile(r"[0-9]+-[0-9a-f]+" + re.escape(STAGED_SUFFIX)), "a file being written"),
    (_MADE, "a run's journal"),
    (re.compile(re.escape(CRASH_PREFIX) + r".*\.log"), "a bug's traceback"),
    (
        re.compile(re.escape(MEMO_PREFIX) + r"[0-9a-f]+" + re.escape(MEMO_SUFFIX) + r"(?:-\w+)?"),
        "the reading memo",
    ),
    (re.compile(r".+\.[0-9a-f]{8}" + re.escape(KEPT_SUFFIX)), "a save set aside"),
)


def clip_path(type_name: str, key: str, extension: str) -> str:
    """Where the clip of content key `key` lives, relative to the out dir: TYPE/KEY.EXT."""
    return f"{type_name}/{key}.{extension}"


def key_of(rel_path: str) -> str:
    """The content key a clip path (TYPE/KEY.EXT) names."""
    return rel_path.rpartition("/")[2].partition(".")[0]


TRACK_UNITS = ("phrase", "sentence")
"""The units a clip may have a track of beside its words' (`TYPE/KEY.sentences.vtt`)."""


def track_path(rel_path: str, by: str = "word") -> str:
    """Where the WebVTT track `by` words (sentences, phrases) of the clip at `rel_path`
    lives: TYPE/KEY.vtt (TYPE/KEY.sentences.vtt ...)."""
    unit = "" if by == "word" else f".{by}s"
    return rel_path.rpartition(".")[0] + unit + TRACK_SUFFIX


def track_paths(rel_path: str) -> list[str]:
    """Every track the clip at `rel_path` may have: its words', its sentences', ..."""
    return [track_path(rel_path, by) for by in ("word", *TRACK_UNITS)]


def is_track_path(rel_path: str) -> bool:
    """Whether `rel_path` is a path tts-assets writes a clip's track to (`track_path`)."""
    clip = f"{rel_path.partition('.')[0]}.{FORMATS[0]}"
    return is_clip_path(clip) and rel_path in track_paths(clip)


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


def own_file(path: Path) -> str | None:
    """What `path` is when tts-assets writes files of its name (`an out dir's manifest`),
    told by name and place alone (the module docstring's list), or None. Such a file is
    never content, whatever a type's pattern matches."""
    name = path.name
    found = _OWN_NAMES.get(name)
    if found is not None:
        return found
    if STAGING_NAME in path.parts[:-1]:
        return "a file in the staging folder"
    if is_clip_path(f"{path.parent.name}/{name}"):
        return "a clip"
    if is_track_path(f"{path.parent.name}/{name}"):
        return "a clip's WebVTT track"
    return next((what for pattern, what in _OWN_PATTERNS if pattern.fullmatch(name)), None)


def clip_file(out_dir: Path, rel_path: str) -> Path | None:
    """The file of clip path `rel_path` under `out_dir`, or None if tts-assets could not
    have written it: not TYPE/KEY.EXT (`../../x`), or a symlink on the way."""
    if not is_clip_path(rel_path):
        return None
    path = out_dir / rel_path
    if path.parent.is_symlink() or path.is_symlink():
        return None
    return path


SET_NAME_MARK = "#"
"""What joins a set's folder and its name in the id of a set that shares both its folders
with another (`../../json_data#ko`): never in a path tts-assets writes or reads as one."""


def content_set_id(data_dir: Path, out_dir: Path, name: str | None = None) -> str:
    """A content set's identity in its out dir's manifest: its data dir as a POSIX path
    relative to its out dir (`../../courseA`), the same wherever the project is checked
    out; `name` added after `SET_NAME_MARK` for a set whose folders another set shares.
    """
    relative = Path(os.path.relpath(os.path.abspath(data_dir), os.path.abspath(out_dir)))
    return relative.as_posix() + (f"{SET_NAME_MARK}{name}" if name else "")


def staging_folder(out_dir: Path, temp_dir: Path | None) -> Path:
    """The staging folder of `out_dir`: `.temp-audio` inside it, or in a `temp_dir` the
    config names, `<temp_dir>/tts-assets-HASH` (of the out dir's real path): a named
    folder may be shared, so each out dir stages and cleans up in its own there."""
    if temp_dir is None:
        return out_dir / STAGING_NAME
    real = os.path.realpath(os.path.abspath(out_dir))
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:16]
    return temp_dir / f"{OWN_STAGING_PREFIX}{digest}"


PAID_ANSWER = re.compile(r"[0-9a-f]{64}\.json")
"""The name of a kept paid answer in `<staging>/paid-answers/`: the sha256 of the request."""


def paid_answer_name(asked: str) -> str:
    """The name a paid answer to the request `asked` (as text) is kept under."""
    return hashlib.sha256(asked.encode("utf-8")).hexdigest() + ".json"


STAGING_IGNORE = ".gitignore"
"""A file in the staging folder telling git to ignore all of it."""
_IGNORE_TEXT = "# tts-assets' staging folder: nothing here is content\n*\n"


def ignore_staging(staging: Path) -> None:
    """Write `staging`'s `.gitignore` (`*`) when it has none (the folder exists)."""
    path = staging / STAGING_IGNORE
    if path.exists() or path.is_symlink():
        return
    with contextlib.suppress(OSError):
        path.write_text(_IGNORE_TEXT, "utf-8")


def staged_name(staging: Path) -> Path:
    """A fresh name for a file being written in `staging`: `<pid>-<random>.part`."""
    return staging / f"{os.getpid()}-{uuid.uuid4().hex}{STAGED_SUFFIX}"


def made_journal(staging: Path) -> Path:
    """A fresh name for one store's journal of clips put in place but not yet in the
    manifest: `made-<pid>-<random>.log`."""
    return staging / f"{MADE_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:12]}{MADE_SUFFIX}"


def made_journals(staging: Path) -> list[Path]:
    """Every journal of clips put in place in `staging` (`made_journal`), live runs' too."""
    try:
        found = staging.glob(f"{MADE_PREFIX}*{MADE_SUFFIX}")
        return sorted(path for path in found if _MADE.fullmatch(path.name))
    except OSError:
        return []


def leave_staging(staging: Path) -> None:
    """Remove the staging folder once it holds nothing but its own `.gitignore`."""
    ignore = staging / STAGING_IGNORE
    with contextlib.suppress(OSError):
        if ignore.read_text("utf-8") == _IGNORE_TEXT and [p.name for p in staging.iterdir()] == [
            STAGING_IGNORE
        ]:
            ignore.unlink()
    with contextlib.suppress(OSError):
        staging.rmdir()


@contextlib.contextmanager
def scratch_folder(staging: Path | None, tool: str) -> Iterator[Path]:
    """A private folder for one synthesizer call, removed afterwards: in `staging`
    (`<pid>-<tool>-*.scratch`), else in the system temp folder."""
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
