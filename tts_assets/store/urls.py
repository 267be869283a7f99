"""The URLs tts-assets writes into content, and the one place that decides whose a URL is.

A clip's URL is the URL prefix, a slash, and the clip's path in the out dir
(`/audio/vocabulary/<key>.mp3`). A URL is the tool's only where it is under the URL prefix
(or a former one the config names, `former_url_prefixes`) and the tool can show it made
or adopted exactly that URL (`UrlOwner`):

- it is the clip URL (`PREFIX/TYPE/KEY.EXT`, spelled as the tool writes it) of a clip the
  manifest lists, that path with that key; under a former prefix it moves to this one;
- it is the very URL the current plan computes for the text at its place (`Clip.url`,
  under this prefix, keyed by what the text says), whether or not that clip exists yet:
  every caller compares a place's URL with it before asking the owner;
- it is where an adopted clip was found (its `origin`, or one of its `also_from`), a URL
  `adopt` took from the content under the prefix: write-back replaces it with the clip's.

The manifest is committed with the content, where anyone can change it: what it says is
believed only of URLs under a prefix the config names. A URL on another host is never
the tool's, whatever an entry claims.

Anything else is a person's choice, whatever its shape (a recording, a predecessor tool's
clip that looks like a clip path, a CDN link): write-back keeps it unless told otherwise,
a run makes no clip for its text, `adopt` may take it over, prune never deletes its file.
A person's URL under the prefix names a file under the out dir (`file`); spellings of one
path (`%2D`, `/./`, `//`) name one file.
"""

from __future__ import annotations

import posixpath
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .layout import is_clip_path, key_of


class Listing(Protocol):
    """What the owner asks the store: the manifest's clips and adopted clips' origins."""

    def is_listed(self, rel_path: str, key: str) -> bool: ...

    def origins(self) -> frozenset[str]: ...


@dataclass(frozen=True)
class ClipUrls:
    """The URLs of clips under one URL prefix."""

    prefix: str
    """`--url-prefix` as configured (`/audio`, `https://cdn.example.com/audio/`)."""

    def url(self, rel_path: str) -> str:
        return f"{self.prefix.rstrip('/')}/{rel_path}"

    def clip_path(self, url: str) -> str | None:
        """The clip path `url` names under this prefix, or None (another prefix, or not
        the tool's shape)."""
        rel = self.relative(url)
        return rel if rel is not None and is_clip_path(rel) else None

    def relative(self, url: str) -> str | None:
        """The path under the out dir that `url` names, when it is under this prefix and
        stays inside the out dir (no `..`, no query or fragment); else None. Normalised,
        so the spellings of one file give one path (compare these, never the URLs)."""
        head = f"{self.prefix.rstrip('/')}/"
        if not url.startswith(head) or "?" in url or "#" in url:
            return None
        rel = urllib.parse.unquote(url[len(head) :])
        if not rel or "\\" in rel or "\x00" in rel or rel.startswith("/") or ".." in rel.split("/"):
            return None
        normal = posixpath.normpath(rel)  # neither absolute nor above: only "." is left to refuse
        return None if normal == "." else normal

    def file(self, url: str, out_dir: Path) -> Path | None:
        """The file under `out_dir` that `url` names (whether or not it exists), or None
        when the URL is not under this prefix or could lead outside the out dir."""
        rel = self.relative(url)
        return None if rel is None else out_dir / rel

    def link(self, url: str, out_dir: Path) -> Path | None:
        """The first symbolic link on the way from `out_dir` to the file `url` names (a
        folder or the file itself), or None."""
        rel = self.relative(url)
        folder = out_dir
        for part in Path(rel).parts if rel is not None else ():
            folder = folder / part
            if folder.is_symlink():
                return folder
        return None

    def dead(self, url: str, out_dir: Path) -> bool:
        """Whether `url` is under this prefix and no file is there (a broken link)."""
        path = self.file(url, out_dir)
        return path is not None and not path.is_file()


def dead_advice(url_place: str, url: str, path: Path) -> str:
    """What generate, verify and review say of a person's URL that names no file."""
    return (
        f"{url_place} keeps {url}, and no file is there ({path}); restore the file, or let "
        "tts-assets make the clip: generate --replace-dead-urls"
    )


class UrlOwner:
    """Whose each URL in the content is (module docstring): the one place that decides."""

    def __init__(
        self,
        urls: ClipUrls,
        store: Listing,
        out_dir: Path,
        *,
        dead: bool = False,
        former: Iterable[str] = (),
    ) -> None:
        self.urls = urls
        self.store = store
        self.out_dir = out_dir
        self.dead = dead
        """`replace_dead_urls`: a person's URL under the prefix that leads to no file is
        replaced too."""
        self.prefixes = (urls, *(ClipUrls(p) for p in former if p != urls.prefix))
        """The URL prefix, then the former ones the config names (`former_url_prefixes`)."""
        self._heads = tuple(dict.fromkeys(f"{u.prefix.rstrip('/')}/" for u in self.prefixes))
        self._origins: frozenset[str] | None = None

    def made(self, url: str, planned: str | None = None) -> bool:
        """Whether tts-assets can show it made `url`: it is `planned` (the plan's URL for
        the text at its place), or the clip URL of a listed clip under this prefix or a
        former one, spelled exactly as the tool writes it."""
        if planned is not None and url == planned:
            return True
        return any(
            url.startswith(head)
            and is_clip_path(rel := url[len(head) :])
            and self.store.is_listed(rel, key_of(rel))
            for head in self._heads
        )

    def adopted(self, url: str) -> bool:
        """Whether `url` is where an adopted clip came from, under this prefix or a former
        one."""
        if self._origins is None:
            self._origins = self.store.origins()
        return url in self._origins and any(u.relative(url) is not None for u in self.prefixes)

    def replaced(self, url: str) -> bool:
        """Whether write-back may replace `url` with a clip's: made, adopted, or (with
        `dead`) a person's URL under the prefix that leads to no file."""
        return (
            self.made(url) or self.adopted(url) or (self.dead and self.urls.dead(url, self.out_dir))
        )

    __call__ = replaced
