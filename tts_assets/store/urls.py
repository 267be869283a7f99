"""The URLs tts-assets writes into content, and how to tell them from URLs a person wrote.

A clip's URL is the URL prefix, a slash, and the clip's path in the out dir
(`/audio/vocabulary/<key>.mp3`). Only such a URL is the tool's to replace or clear: a
native speaker's recording (`/audio/human/v1.mp3`), a CDN link, a URL under another
prefix or with a query string is a person's choice, and write-back keeps it unless told
otherwise. The clip path layout itself (`TYPE/KEY.EXT`) is the store's fact; this module
asks it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .layout import is_clip_path


@dataclass(frozen=True)
class ClipUrls:
    """The URLs of clips under one URL prefix."""

    prefix: str
    """`--url-prefix` as configured (`/audio`, `https://cdn.example.com/audio/`)."""

    def url(self, rel_path: str) -> str:
        """The URL of the clip at `rel_path` (relative to the out dir)."""
        return f"{self.prefix.rstrip('/')}/{rel_path}"

    def clip_path(self, url: str) -> str | None:
        """The clip path `url` names, or None when tts-assets did not make this URL."""
        head = f"{self.prefix.rstrip('/')}/"
        if not url.startswith(head):
            return None
        rel = url[len(head) :]
        return rel if is_clip_path(rel) else None

    def made(self, url: str) -> bool:
        """Whether tts-assets wrote `url` (under its prefix, in its own form)."""
        return self.clip_path(url) is not None
