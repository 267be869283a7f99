"""`adopt`: take over the clips a predecessor's URLs point at, synthesizing nothing.

A course moving to tts-assets has clips its old tool made (`/audio/vocabulary/aa5e4ad6.mp3`),
possibly paid ElevenLabs audio. To tts-assets such a URL is a person's: write-back keeps
it and a run makes no clip for its text. `adopt` takes each over instead, for the texts
whose URL place holds one under the URL prefix:

- the file it names under the out dir is read and checked as a stored clip is (it decodes
  completely, in the configured format, with a plausible length for its text) and
  measured;
- it is stored as that text's clip (`TYPE/KEY.EXT`, the content key the current settings
  give the text) and recorded in the manifest with the text it serves and where it came
  from (`origin`), so verify, prune, review and merge treat it as a clip the tool made;
- its URL places get the clip's URL (write-back), and no run synthesizes the text.

What cannot be adopted is listed with its place and left as it is (a person's URL, kept):
a URL that leads to no file, a Git LFS pointer (fetch first), a file that is not audio of
that text, one URL shared by different texts (whose clip would it be?). `generate
--replace-dead-urls` makes clips for the dead ones when asked. The original files are
left where they are; the content no longer names them once adopted. A dry run
(`--dry-run`) checks everything and writes nothing.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..audio.integrity import is_lfs_pointer, sniff
from ..content.item import Item
from ..errors import LFS_FETCH
from ..planning.plan import Clip
from ..planning.prepare import Prepared, decided, prepare
from ..settings.config import Settings, checked
from ..store import lock
from ..store.files import not_regular, read_bounded
from ..store.manifest import StoredClip
from ..store.urls import ClipUrls
from ..writeback.record import record
from .rebuild import entry_of


@dataclass(frozen=True)
class NotAdopted:
    """A kept URL that could not be adopted, and why; it stays as it is."""

    url: str
    places: tuple[str, ...]
    """Every text place that holds it."""
    reason: str

    def as_json(self) -> dict[str, object]:
        return {"url": self.url, "places": list(self.places), "reason": self.reason}


@dataclass
class AdoptReport:
    """What `adopt` took over, what it could not, and what it left alone."""

    dry_run: bool = False
    adopted: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    """(URL, clip path, places) of each clip taken over (or that would be, in a dry run)."""
    refused: list[NotAdopted] = field(default_factory=list)
    elsewhere: int = 0
    """Texts whose kept URL is not under the URL prefix (a CDN, another site): not ours."""
    written: list[Path] = field(default_factory=list)
    """Content files whose URLs changed."""
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.refused else 0

    def lines(self) -> list[str]:
        lines = [
            f"not adopted: {place}: {n.url}: {n.reason}" for n in self.refused for place in n.places
        ]
        verb = "would adopt" if self.dry_run else "adopted"
        summary = f"{verb} {len(self.adopted)} clip(s), nothing synthesized"
        if self.refused:
            summary += f"; {len(self.refused)} URL(s) could not be adopted (listed above)"
        if self.elsewhere:
            summary += f"; {self.elsewhere} text(s) keep a URL outside the URL prefix"
        if not self.dry_run and self.written:
            summary += f"; {len(self.written)} content file(s) updated"
        lines.append(f"{summary} in {self.seconds:.1f} s")
        return lines

    def as_json(self) -> dict[str, object]:
        return {
            "ok": self.exit_code == 0,
            "exit_code": self.exit_code,
            "dry_run": self.dry_run,
            "adopted": [
                {"url": url, "clip": clip, "places": list(places)}
                for url, clip, places in self.adopted
            ],
            "not_adopted": [n.as_json() for n in self.refused],
            "elsewhere": self.elsewhere,
            "written": [str(p) for p in self.written],
            "seconds": round(self.seconds, 3),
        }


def adopt(settings: Settings, *, dry_run: bool = False, lock_wait: float = 0.0) -> AdoptReport:
    """Take over the clips the content's kept URLs point at (module docstring).

    Raises TtsAssetsError subclasses for bad input, and LockedError when another run holds
    the content; nothing is written then.
    """
    started = time.monotonic()
    settings = checked(settings)
    report = AdoptReport(dry_run=dry_run)
    if dry_run:
        _adopt(decided(prepare(settings)), report, store_them=False)
    else:
        folders = [settings.data_dir] if settings.data_dir.is_dir() else []
        with ExitStack() as held:
            held.enter_context(lock.locked([*folders, settings.out_dir], wait=lock_wait))
            prepared = decided(prepare(settings))
            held.enter_context(lock.locked(prepared.outside(), wait=lock_wait))
            if _adopt(prepared, report, store_them=True):
                prepared = decided(prepare(settings))  # the adopted clips are present now
            done = record(prepared)
            report.written = [f.path for f in done.files if f.written]
    report.seconds = time.monotonic() - started
    return report


def _adopt(prepared: Prepared, report: AdoptReport, *, store_them: bool) -> bool:
    """Check every kept URL and (with `store_them`) store what can be adopted; whether
    anything was stored."""
    settings, store, loaded = prepared.settings, prepared.store, prepared.loaded
    urls = ClipUrls(settings.url_prefix)
    uses: dict[str, list[tuple[Clip, Item]]] = {}
    for clip in [*prepared.plan.held, *prepared.plan.clips]:
        for item in clip.held:
            url = loaded.value_at_url(item)
            if isinstance(url, str):
                uses.setdefault(url, []).append((clip, item))
    taken: dict[str, str] = {}  # clip path → the URL adopted for it
    candidates: list[tuple[str, tuple[str, ...], Clip, Path]] = []
    for url, found in uses.items():
        places = tuple(item.where for _, item in found)
        clips = {clip.rel_path: clip for clip, _ in found}
        path = urls.file(url, settings.out_dir)
        if path is None:
            report.elsewhere += len(found)
            continue
        if len(clips) > 1:
            texts = ", ".join(sorted({f'"{c.spoken}"' for c in clips.values()}))
            why = f"one URL shared by different texts ({texts}): whose clip would it be?"
            report.refused.append(NotAdopted(url, places, why))
            continue
        (clip,) = clips.values()
        if clip.rel_path in taken:
            why = f"the same text keeps another URL too, adopted already ({taken[clip.rel_path]})"
            report.refused.append(NotAdopted(url, places, why))
            continue
        if store.is_present(clip.rel_path, clip.key):
            why = f"the text has its tts-assets clip already ({clip.url})"
            report.refused.append(NotAdopted(url, places, why))
            continue
        taken[clip.rel_path] = url
        candidates.append((url, places, clip, path))
    # Decoding and measuring is most of the work: the files are checked side by side.
    workers = max(1, min(len(candidates), os.cpu_count() or 1))
    with ThreadPoolExecutor(workers) as pool:
        checked = list(pool.map(lambda c: _checked(c[3], c[2], prepared), candidates))
    stored = False
    for (url, places, clip, _), entry in zip(candidates, checked, strict=True):
        if isinstance(entry, str):
            report.refused.append(NotAdopted(url, places, entry))
            continue
        report.adopted.append((url, clip.rel_path, places))
        if store_them:
            store.put(clip.rel_path, entry[1], replace(entry[0], origin=url))
            stored = True
    if stored:
        store.flush()
        store.clean_staging()
    return stored


def _checked(path: Path, clip: Clip, prepared: Prepared) -> tuple[StoredClip, bytes] | str:
    """The manifest entry `clip` would have as the file at `path`, with its bytes, or why
    it cannot."""
    audio = prepared.settings.audio
    if path.is_symlink():
        return f"{path} is a symbolic link; adopt a regular file"
    try:
        # A named pipe is refused without waiting on it, a file larger than any clip
        # before it is read.
        data = read_bounded(path)
    except FileNotFoundError:
        return f"no file at {path}"
    except OSError as e:
        return f"{path} cannot be read ({not_regular(e)}); adopt a regular audio file"
    if is_lfs_pointer(data):
        return f"{path} is a Git LFS pointer, not the audio: {LFS_FETCH}; then adopt again"
    found = sniff(data)
    if found is None:
        return f"{path} is not audio ({len(data)} bytes)"
    if found != audio.format:
        return (
            f"{path} is {found}, and this project stores {audio.format} clips; set [audio] "
            f'format = "{found}" to adopt it, or let tts-assets make the clip'
        )
    entry = entry_of(data, clip, audio)
    return (entry, data) if not isinstance(entry, str) else f"{path}: {entry}"
