"""The dead URLs a plan leaves: a person's URL under the URL prefix that names no file.

The app plays nothing for such a text. `verify` reports each as *dead*; `generate` reports
the ones its run leaves (kept, or meant to be replaced and their clip failed) and exits 1;
the review page shows each text as a row without a clip. One list, one wording
(`store.urls.dead_advice`), one fix: restore the file, or `generate --replace-dead-urls`.
A person's URL whose file is a Git LFS pointer is listed apart (`unfetched_urls`): its fix
is to fetch the files.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..audio.integrity import is_lfs_pointer, sniff
from ..content.item import describe_path
from ..errors import LFS_FETCH
from ..store.files import not_regular, read_head, special_file
from ..store.urls import ClipUrls, dead_advice
from .prepare import Prepared


@dataclass(frozen=True)
class _Silent:
    """A person's URL at a text's URL place that plays nothing, and the file it names."""

    place: str
    url: str
    file: Path
    """The file it names under the out dir."""

    def line(self) -> str:
        raise NotImplementedError

    def as_json(self) -> dict[str, str]:
        return {
            "place": self.place,
            "url": self.url,
            "file": str(self.file),
            "message": self.line(),
        }


@dataclass(frozen=True)
class DeadUrl(_Silent):
    """A person's URL under the URL prefix whose file is not there, at a text's URL place."""

    failed: bool = False
    """Its text's new clip, meant to replace it (`replace_dead_urls`), was not made by the
    run: running that run again is not the next step, what its failure says is."""

    def line(self) -> str:
        if self.failed:
            return (
                f"{self.place} keeps {self.url}, and no file is there ({self.file}); its new "
                "clip could not be made by this run (its failure says why), so the URL was "
                "kept: do what the failure says, then run generate --replace-dead-urls again"
            )
        return dead_advice(self.place, self.url, self.file)


def dead_urls(prepared: Prepared, replaced: Collection[str] | None = None) -> list[DeadUrl]:
    """The plan's dead URLs that stay: those it keeps, and (after a run: `replaced` not
    None) those it meant to replace whose place is not in `replaced`."""
    urls = ClipUrls(prepared.settings.url_prefix)
    out_dir = prepared.settings.out_dir
    writes = prepared.settings.update_json  # else a URL meant to be replaced stays anyway
    found = []
    for change in prepared.plan.dead:
        if change.old is None or (change.new is not None and replaced is None):
            continue
        if replaced is not None and change.place in replaced:
            continue
        path = urls.file(change.old, out_dir)
        if path is not None:
            failed = replaced is not None and change.new is not None and writes
            found.append(DeadUrl(change.place, change.old, path, failed))
    return found


@dataclass(frozen=True)
class UnfetchedUrl(_Silent):
    """A person's URL whose file is a Git LFS pointer, not the audio (a checkout without
    its LFS files): the app plays nothing until the files are fetched."""

    text: str
    own: bool = False
    """A clip of the tool's own (its manifest lists it), planned as new until fetched."""

    def line(self) -> str:
        return f"{self.place} keeps {self.url}, a Git LFS pointer, not the audio: {LFS_FETCH}"


def unfetched_clips(prepared: Prepared) -> list[UnfetchedUrl]:
    """Every clip file the plan needs that is a Git LFS pointer: the tool's own clips
    (`Store.unfetched`), at their first text's place, then the person's URLs."""
    out_dir = prepared.store.out_dir
    own = set(prepared.store.unfetched)
    found = []
    for clip in prepared.plan.clips:
        if clip.rel_path in own and clip.items:
            own.discard(clip.rel_path)
            item = clip.items[0]
            place = describe_path(item.file, item.url_path)
            file = out_dir / clip.rel_path
            found.append(UnfetchedUrl(place, clip.url, file, item.text, own=True))
    return [*found, *unfetched_urls(prepared)]


def unfetched_error(found: list[UnfetchedUrl]) -> str:
    """The one line that stops a run on clip files that are Git LFS pointers (a dry run
    prints it on stderr too, with its plan, and exits 2 as the run would)."""
    return pointers_stop(f"{found[0].place} keeps {found[0].url}", len(found) - 1)


def pointers_stop(first: str, more: int, noun: str = "") -> str:
    """The line that stops a run on `first` (and `more` `noun`) that is a Git LFS pointer."""
    also = f" and {more} more{noun}" if more else ""
    return f"{first}{also}: a Git LFS pointer, not the audio: {LFS_FETCH}; nothing was synthesized"


def unfetched_advice(found: list[UnfetchedUrl]) -> str:
    """The dry run's line on the clip files that are Git LFS pointers."""
    files = len({u.file for u in found})
    own = len({u.file for u in found if u.own})
    counted = f", {own} of them the tool's own clips, counted new above" if own else ""
    return (
        f"{len(found)} text(s) lead to a Git LFS pointer, not the audio ({files} "
        f"file(s){counted}): run `git lfs pull` (in CI: actions/checkout with lfs: true); "
        "generate stops (exit 2) before making anything until they are fetched. If their "
        "objects are lost for good, delete the pointer files, then `tts-assets generate "
        "--replace-dead-urls` makes their clips (docs: Adopting, Git LFS)"
    )


def unfetched_urls(prepared: Prepared) -> list[UnfetchedUrl]:
    """The person's URLs the plan keeps whose file is a Git LFS pointer (a run cannot judge
    those clips, and would leave their texts silent: `generate` stops on them)."""
    urls = ClipUrls(prepared.settings.url_prefix)
    out_dir = prepared.settings.out_dir
    loaded = prepared.loaded
    found = []
    for clip in [*prepared.plan.clips, *prepared.plan.held]:
        if clip.speech is None:
            continue  # a drill a person keeps is theirs: not a text without its audio
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


KeptKind = Literal["corrupt", "dead", "unfetched"]
"""What is wrong with the file a person's URL leads to (`kept_problem`)."""


def kept_problem(url_place: str, url: str, path: Path) -> tuple[KeptKind, str] | None:
    """(kind, message) when a person's URL under the URL prefix, at `url_place`, (its file
    `path`, symbolic links followed) leads to no audio: no file there (*dead*), something
    that is not a file or not audio (*corrupt*), or a Git LFS pointer (*unfetched*)."""
    what = special_file(path)
    if what is not None:
        return "corrupt", f"{url_place} keeps {url}, and {path} is {what}, not audio"
    try:
        head = read_head(Path(os.path.realpath(path)), 1024)
    except (FileNotFoundError, NotADirectoryError):
        return "dead", dead_advice(url_place, url, path)
    except OSError as e:
        why = not_regular(e)
        return "dead", f"{url_place} keeps {url}, and {path} cannot be read ({why})"
    if is_lfs_pointer(head):
        return "unfetched", f"{url_place} keeps {url}, a Git LFS pointer: {LFS_FETCH}"
    if sniff(head) is None:
        return (
            "corrupt",
            f"{url_place} keeps {url}, and {path} is not audio ({_looks_like(head)}); restore "
            "the file, or let tts-assets make the clip: generate --replace-hand-set-urls",
        )
    return None


def _looks_like(head: bytes) -> str:
    if not head:
        return "an empty file"
    start = head.lstrip()[:15].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "an HTML page"
    if start.startswith((b"<?xml", b"<")):
        return "markup"
    if start.startswith((b"{", b"[")):
        return "JSON"
    return f"it begins {head[:8]!r}"
