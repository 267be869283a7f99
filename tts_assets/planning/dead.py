"""The dead URLs a plan leaves: a person's URL under the URL prefix that names no file.

The app plays nothing for such a text. `verify` reports each as *dead*; `generate` reports
the ones its run leaves (kept, or meant to be replaced and their clip failed) and exits 1;
the review page shows each text as a row without a clip. One list, one wording
(`store.urls.dead_advice`), one fix: restore the file, or `generate --replace-dead-urls`.
A person's URL whose file is a Git LFS pointer is listed apart (`unfetched_urls`): its fix
is to fetch the files.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ..content.item import describe_path
from ..errors import LFS_FETCH
from ..store.urls import ClipUrls, dead_advice
from .prepare import Prepared


@dataclass(frozen=True)
class DeadUrl:
    """A person's URL under the URL prefix whose file is not there, at a text's URL place."""

    place: str
    """`vocabulary.json › [3] › audioUrl`."""
    url: str
    file: Path
    """The file it names under the out dir."""

    def line(self) -> str:
        return dead_advice(self.place, self.url, self.file)

    def as_json(self) -> dict[str, str]:
        return {
            "place": self.place,
            "url": self.url,
            "file": str(self.file),
            "message": self.line(),
        }


def dead_urls(prepared: Prepared, replaced: Collection[str] | None = None) -> list[DeadUrl]:
    """The plan's dead URLs that stay: those it keeps, and (after a run) those it meant to
    replace whose place is not in `replaced` (their clip failed, or write-back is off).
    None: before the run, only the ones it keeps."""
    urls = ClipUrls(prepared.settings.url_prefix)
    out_dir = prepared.settings.out_dir
    found = []
    for change in prepared.plan.dead:
        if change.old is None or (change.new is not None and replaced is None):
            continue
        if replaced is not None and change.place in replaced:
            continue
        path = urls.file(change.old, out_dir)
        if path is not None:
            found.append(DeadUrl(change.place, change.old, path))
    return found


@dataclass(frozen=True)
class UnfetchedUrl:
    """A person's URL whose file is a Git LFS pointer, not the audio (a checkout without
    its LFS files): the app plays nothing until the files are fetched."""

    place: str
    url: str
    file: Path
    text: str

    def line(self) -> str:
        return f"{self.place} keeps {self.url}, a Git LFS pointer, not the audio: {LFS_FETCH}"

    def as_json(self) -> dict[str, str]:
        return {
            "place": self.place,
            "url": self.url,
            "file": str(self.file),
            "message": self.line(),
        }


def unfetched_urls(prepared: Prepared) -> list[UnfetchedUrl]:
    """The person's URLs the plan keeps whose file is a Git LFS pointer: `generate` stops
    before making anything (a run cannot judge those clips, and would leave their texts
    silent), `verify` calls them unfetched, the review page lists them as not fetched."""
    from ..audio.integrity import is_lfs_pointer
    from ..store.files import read_head

    urls = ClipUrls(prepared.settings.url_prefix)
    out_dir = prepared.settings.out_dir
    loaded = prepared.loaded
    found = []
    for clip in [*prepared.plan.clips, *prepared.plan.held]:
        for item in clip.held:
            url = loaded.value_at_url(item)
            path = urls.file(url, out_dir) if isinstance(url, str) else None
            if path is None:
                continue
            try:
                head = read_head(path, 1024)
            except OSError:
                continue  # no file (a dead URL, said apart) or not one to read
            if is_lfs_pointer(head):
                place = describe_path(item.file, item.url_path)
                found.append(UnfetchedUrl(place, url, path, item.text))
    return found
