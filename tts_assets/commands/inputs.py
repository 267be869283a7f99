"""What a run declares it reads, and the state of it now (for the kept plan, `kept`).

A run with nothing to do is a function of its inputs, and this module names them all, as
dvc's run cache keys a stage on its declared dependencies:

- by their bytes: the content files the types find (`TypeSpec.locations`), the config,
  pronunciations and review decisions files, the readings memos, and the code that runs
  from outside Python's installation (the tool's own modules, a plugin's);
- by what the file system says of each entry under it: the out dir;
- by name: the modules and distributions each folder of the import path offers;
- the settings, the tool's version and `VARIABLES` name the record itself (`kept`).

A file is hashed only where its signature (inode, size, mtime, ctime) moved, as git's
index does; a signature taken within `RACY_NS` of the file's last change is not kept (a
second change in the same tick would look the same). tests/support/trace.py traces a run
and proves this list complete.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content.selection import resolve_types
from ..dirs import cache_folder
from ..planning.decisions import decisions_path
from ..store.layout import MEMO_PREFIX, MEMO_SUFFIX

if TYPE_CHECKING:
    from ..settings.config import Settings

FileState = list[Any] | None
"""A file's state: [inode, size, mtime, ctime, blake2b of its bytes]; None when missing."""

VARIABLES = ("TTS_ASSETS_", "OPEN_JTALK_")
"""The environment variables a run reads that change what it plans, by how they start."""
RACY_NS = 1_000_000_000
_CHUNK = 1 << 20
_INSTALLED = tuple(
    {os.path.join(p, "") for b in (sys.prefix, sys.base_prefix) for p in (b, os.path.realpath(b))}
)
_MODULES = (".py", ".pth", ".so", ".pyd", ".dist-info", ".egg-info", ".egg-link")
"""What an import or a distribution is found by in a folder of the import path (a folder
with an `__init__.py` too)."""


@dataclass
class Declared:
    """The files and folders a run over some content sets declares it reads."""

    files: list[str]
    out_dirs: list[str]
    outside: list[Path]
    """The folders of content files outside each set's data dir (a run locks them too)."""


def declared(sets: Sequence[Settings]) -> Declared:
    """What a run over `sets` reads (the module docstring), found now."""
    files: list[str] = []
    outside: set[Path] = set()
    for one in sets:
        data = one.data_dir.resolve()
        for spec in resolve_types(one.types, one.config_file, one.lang).values():
            for path in spec.locations(one.data_dir):
                files.append(os.path.abspath(path))
                folder = path.resolve().parent
                if not folder.is_relative_to(data):
                    outside.add(folder)
        own = [one.config_file, one.pronunciations_path, decisions_path(one.data_dir)]
        files += [os.path.abspath(p) for p in own if p is not None]
    memos = cache_folder().glob(f"{MEMO_PREFIX}*{MEMO_SUFFIX}")
    files += sorted(os.path.abspath(p) for p in memos)
    outs = [os.path.abspath(one.out_dir) for one in sets]
    return Declared(list(dict.fromkeys(files)), list(dict.fromkeys(outs)), sorted(outside))


@dataclass
class Inputs:
    """The state of a run's inputs (JSON-able through `as_json`)."""

    files: dict[str, FileState]
    trees: dict[str, str]
    """Each out dir's entries, as one digest."""
    path: str
    """The import path's modules and distributions, as one digest."""
    code: dict[str, FileState] = field(default_factory=dict)
    """The modules loaded from outside Python's installation."""

    def as_json(self) -> dict[str, object]:
        return {"files": self.files, "trees": self.trees, "path": self.path, "code": self.code}

    def held_by(self, now: Inputs) -> bool:
        """Whether `now` holds every input of this state: the same bytes, entries and
        names (a signature that moved alone is the same)."""
        code = _bytes(now.code)
        return (
            _bytes(self.files) == _bytes(now.files)
            and (self.trees, self.path) == (now.trees, now.path)
            and all(code.get(path, 0) == said for path, said in _bytes(self.code).items())
        )


def from_json(found: object) -> Inputs:
    """The `Inputs` a record keeps (TypeError, KeyError when it is not one)."""
    if not isinstance(found, dict):
        raise TypeError("not a map")
    trees, path = found["trees"], found["path"]
    if not isinstance(path, str) or not isinstance(trees, dict):
        raise TypeError("not a state")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in trees.items()):
        raise TypeError("not a tree")
    return Inputs(_files(found["files"]), trees, path, _files(found["code"]))


def _files(found: object) -> dict[str, FileState]:
    if not isinstance(found, dict):
        raise TypeError("not a map")
    for path, state in found.items():
        if not isinstance(path, str) or "\0" in path or not os.path.isabs(path):
            raise TypeError("not a path")
        if state is not None and not (
            isinstance(state, list)
            and len(state) == 5
            and all(type(n) is int for n in state[:4])
            and isinstance(state[4], str)
        ):
            raise TypeError("not a file's state")
    return found


def state(
    found: Declared, known: Inputs | None = None, code: Iterable[str] | None = None
) -> Inputs:
    """The state now of what `found` declares, and of the module files `code` (default:
    those loaded now); a file whose signature is `known`'s keeps its digest unread."""
    seen = {} if known is None else {**known.code, **known.files}
    files = {path: file_state(path, seen.get(path)) for path in found.files}
    modules = loaded_code() if code is None else code
    loaded = {path: file_state(path, seen.get(path)) for path in modules}
    trees = {folder: tree_state(folder) for folder in found.out_dirs}
    return Inputs(files, trees, import_path(), loaded)


def _bytes(files: dict[str, FileState]) -> dict[str, object]:
    return {path: None if s is None else s[4] for path, s in files.items()}


def file_state(path: str, known: FileState = None) -> FileState:
    """`path`'s state now, its bytes read only where its signature is not `known`'s (and
    only from a regular file: never a FIFO or a device)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    sign = [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
    if known is not None and known[:4] == sign:
        return known
    if not stat.S_ISREG(st.st_mode):
        return [0, 0, 0, 0, f"not a file: {stat.S_IFMT(st.st_mode):o}"]
    digest = hashlib.blake2b(digest_size=20)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return [0, 0, 0, 0, "unreadable"]
    with open(fd, "rb") as read:
        while chunk := read.read(_CHUNK):
            digest.update(chunk)
    if st.st_ctime_ns > time.time_ns() - RACY_NS:
        sign = [0, 0, 0, 0]  # changed just now: hashed again next time
    return [*sign, digest.hexdigest()]


def tree_state(folder: str) -> str:
    """Every entry under `folder` (a link's target's too) as one digest, less a database's
    shared-memory file (`-shm`), which readers write. Each entry is hashed as it is listed
    and the digests added up, in any order: a folder of clips is never held."""
    total = 0
    folders = [folder]
    while folders:
        top = folders.pop()
        try:
            with os.scandir(top) as found:
                for entry in found:
                    if not entry.name.endswith("-shm"):
                        total += _entry(entry, folders)
        except OSError as error:
            total += _said(f"{top}\0{error.errno}")
    return f"{total % (1 << 256):064x}"


def _entry(entry: os.DirEntry[str], folders: list[str]) -> int:
    """`entry` as `tree_state` adds it up (a folder's path put on `folders`)."""
    try:
        st = entry.stat(follow_symlinks=False)
        said = f"{entry.path}\0{st.st_mode}"
        if stat.S_ISDIR(st.st_mode):
            folders.append(entry.path)
        else:
            said += f"\0{st.st_ino}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}"
        if stat.S_ISLNK(st.st_mode):
            to = os.stat(entry.path)
            said += f"\0{to.st_mode}\0{to.st_ino}\0{to.st_size}\0{to.st_mtime_ns}"
    except OSError as error:
        said = f"{entry.path}\0{error.errno}"
    return _said(said)


def _said(text: str) -> int:
    digest = hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=32)
    return int.from_bytes(digest.digest())


def import_path() -> str:
    """The modules and distributions each folder of `sys.path` offers, by name, as one
    digest (a project's log or a tool's hidden folder beside them is none)."""
    names: list[str] = []
    for entry in sys.path:
        folder = os.path.abspath(entry or ".")
        try:
            with os.scandir(folder) as found:
                for e in found:
                    if e.name.endswith(_MODULES) or (
                        e.name[:1] != "."
                        and e.is_dir()
                        and os.path.exists(os.path.join(e.path, "__init__.py"))
                    ):
                        names.append(f"{folder}/{e.name}")
        except OSError:
            names.append(f"{folder}\0none")
    text = "\n".join(sorted(names)).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(text, digest_size=20).hexdigest()


def loaded_code() -> list[str]:
    """The files of the modules loaded now from outside Python's installation."""
    found = []
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and not path.startswith(_INSTALLED):
            found.append(os.path.abspath(path))
    return sorted(set(found))
