"""The URLs tts-assets writes into content, and how to tell them from URLs a person wrote.

A clip's URL is the URL prefix, a slash, and the clip's path in the out dir
(`/audio/vocabulary/<key>.mp3`). A URL that ends in a clip path of the tool's own shape
(`TYPE/<32 hex digits>.EXT`) is the tool's under any prefix: when the prefix moves (to a
CDN), the URLs made under the old one are recognised and move with it. Every other URL
is a person's choice: a native speaker's recording (`/audio/human/v1.mp3`), a
predecessor tool's clip (`/audio/vocabulary/aa5e4ad6.mp3`), a CDN link. Write-back
keeps it unless told otherwise, and a run makes no clip for its text.

A person's URL under the URL prefix names a file under the out dir (`file`): verify
checks that it is there, and `adopt` takes it over. The clip path layout itself is the
store's fact (`layout.py`); this module asks it.
"""

from __future__ import annotations

import posixpath
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .layout import clip_path_in, is_clip_path


@dataclass(frozen=True)
class ClipUrls:
    """The URLs of clips under one URL prefix."""

    prefix: str
    """`--url-prefix` as configured (`/audio`, `https://cdn.example.com/audio/`)."""

    def url(self, rel_path: str) -> str:
        """The URL of the clip at `rel_path` (relative to the out dir)."""
        return f"{self.prefix.rstrip('/')}/{rel_path}"

    def clip_path(self, url: str) -> str | None:
        """The clip path `url` names under this prefix, or None (another prefix, or not
        the tool's shape)."""
        rel = self.relative(url)
        return rel if rel is not None and is_clip_path(rel) else None

    def made(self, url: str) -> bool:
        """Whether tts-assets wrote `url`: it ends in a clip path of the tool's shape,
        under this prefix or an earlier one (no query, fragment or `..`: a URL a person
        decorated is theirs)."""
        if "?" in url or "#" in url or "/../" in url or "/./" in url:
            return False
        return clip_path_in(url) is not None

    def relative(self, url: str) -> str | None:
        """The path under the out dir that `url` names, when it is under this prefix and
        stays inside the out dir (no `..`, no query or fragment); else None."""
        head = f"{self.prefix.rstrip('/')}/"
        if not url.startswith(head) or "?" in url or "#" in url:
            return None
        rel = urllib.parse.unquote(url[len(head) :])
        if not rel or "\\" in rel or "\x00" in rel or rel.startswith("/"):
            return None
        normal = posixpath.normpath(rel)
        if normal != rel or normal.startswith("../") or normal in (".", ".."):
            return None
        return rel

    def file(self, url: str, out_dir: Path) -> Path | None:
        """The file under `out_dir` that `url` names (whether or not it exists), or None
        when the URL is not under this prefix or could lead outside the out dir (through
        `..` or a symbolic link)."""
        rel = self.relative(url)
        if rel is None:
            return None
        path = out_dir / rel
        folder = out_dir
        for part in Path(rel).parts:
            folder = folder / part
            if folder.is_symlink():
                return None
        return path

    def dead(self, url: str, out_dir: Path) -> bool:
        """Whether `url` is under this prefix and no file is there (a broken link)."""
        path = self.file(url, out_dir)
        return path is not None and not path.is_file()

    def replaced(self, out_dir: Path, *, dead: bool) -> Callable[[str], bool]:
        """What write-back may replace: the URLs tts-assets made, and with `dead`
        (`replace_dead_urls`) a person's URL under the prefix that leads to no file."""
        if not dead:
            return self.made
        return lambda url: self.made(url) or self.dead(url, out_dir)
