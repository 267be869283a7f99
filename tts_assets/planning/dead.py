"""The dead URLs a plan leaves: a person's URL under the URL prefix that names no file.

The app plays nothing for such a text. `verify` reports each as *dead*; `generate` reports
the ones its run leaves (kept, or meant to be replaced and their clip failed) and exits 1;
the review page shows each text as a row without a clip. One list, one wording
(`store.urls.dead_advice`), one fix: restore the file, or `generate --replace-dead-urls`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

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
