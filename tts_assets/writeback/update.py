"""Write-back at the moment of writing: URLs applied to a content file as it is then.

A run reads its content files when it starts and may synthesize for minutes. Meanwhile
a person saves a file, `git pull` rewrites it, an entry is added. So write-back never
rebuilds a file from what the run read: it reads the file again, finds its texts again
with the loader (`windows.load_document`), asks the run which URL each text deserves now,
edits only URL places (`edit.apply_urls`, formatting kept), and replaces the file
only if it did not change in the meantime (`store.files.replace_if_unchanged`). If it did, it
starts over with the newer file, a few times.

Each URL place of the fields that read the file ends up as one of:

    added      the text's clip exists and the place had no URL: it gets it
    replaced   it held a URL tts-assets made for an older text or setting (or, with
               `replace_hand_set`, a person's URL): the new URL, listed with the old one
    kept       it holds a URL tts-assets did not make (`/audio/human/v1.mp3`, a CDN
               link): a person's choice, left as it is
    cleared    its text is gone (emptied, removed, a shorter list of readings) and it
               held a URL tts-assets made: set to null, so no app plays audio of a text
               that is not there
    unchanged  everything else; a text without a clip keeps its URL (verify calls it
               stale), and is reported when it is not a text the run read:
               `vocabulary.json › [3] › word: changed during the run; run again`

Cleared places become null rather than disappearing: null is what a parallel list of
URLs is padded with, and the loader reads null and absent alike.

A field's `segments` places (word timings) follow the URL places, decided the same way
(`timings`): reported in the same lists, each with `what = "segments"`.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from ..content.document import Document, parse_document
from ..content.item import Item, JsonPath, UrlChange, describe_path, excerpt
from ..content.load import Leftover, LoadResult
from ..content.shared import ReadPlaces
from ..content.spec import TypeSpec
from ..content.stream import Broken, Entries, open_stream
from ..content.windows import entry_by_entry, load_document
from ..errors import InputError, NotReplaced
from ..store.files import Snapshot, check_name, read_snapshot, replace_if_unchanged
from .edit import Rewritten, apply_urls
from .timings import DURATION, SEGMENTS, Decided, Timings, decide_timings

ATTEMPTS = 5
"""Reads of a file that keeps changing between reading it and replacing it."""

TIMINGS_SHOWN = 10
"""Places of word timings kept that a file's report names one by one."""


@dataclass(frozen=True)
class FileWriteBack:
    """What write-back did to one content file (module docstring), for the report and
    `--json`."""

    path: Path
    written: bool = False
    """The file was replaced (False: no URL place changed)."""
    added: int = 0
    replaced: tuple[UrlChange, ...] = ()
    cleared: tuple[UrlChange, ...] = ()
    kept: tuple[UrlChange, ...] = ()
    gone: frozenset[str] = frozenset()
    """The places of `kept` whose text is gone (the others' texts are there)."""
    changed: tuple[str, ...] = ()
    """Places of texts that appeared or changed during the run and have no clip yet."""
    lost: tuple[str, ...] = ()
    """What the replaced file could not keep (`owner nobody (uid 65534): ...`)."""
    saves_kept: tuple[Path, ...] = ()
    """Copies of saves of the file that landed while it was written, set aside (never
    deleted): each save is in the file too, unless a program saved over it since."""

    def lines(self, told: Collection[str] = ()) -> list[str]:
        """The report's lines on this file, one per place worth a look but those `told` (a
        dead URL); of the word timings kept (samples may be made up), the first few."""
        out = [f"{place}: changed during the run; run again" for place in self.changed]
        timed = [k for k in self.kept if k.what == SEGMENTS]
        for k in self.kept:
            gone = k.place in self.gone
            if k.what != SEGMENTS and k.place not in told:
                out.append(
                    f"{k.place}: kept {k.old} (not a URL tts-assets made"
                    + ("; its text is gone)" if gone else ")")
                )
        for k in timed[:TIMINGS_SHOWN]:
            out.append(
                f"{k.place}: kept word timings tts-assets did not write, {excerpt(k.old or '')}"
                + (
                    " (their text is gone)"
                    if k.place in self.gone
                    else "; set each one's start and end to null, or run with "
                    f"--replace-hand-set-urls, for the timings of {k.new}"
                )
            )
        if len(timed) > TIMINGS_SHOWN:
            out.append(
                f"{self.path}: {len(timed) - TIMINGS_SHOWN} more places' word timings kept "
                "that tts-assets did not write (--json lists them)"
            )
        out += [f"{self.path}: written, but could not keep its {what}" for what in self.lost]
        out += [f"{self.path}: {_saves_kept(self.saves_kept)}"] if self.saves_kept else []
        return out

    def as_json(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "written": self.written,
            "added": self.added,
            "replaced": [c.as_json() for c in self.replaced],
            "cleared": [c.as_json() for c in self.cleared],
            "kept": [c.as_json() for c in self.kept],
            "changed_during_run": list(self.changed),
            "not_kept": list(self.lost),
            "saves_kept": [str(p) for p in self.saves_kept],
        }


def _saves_kept(aside: Sequence[Path]) -> str:
    return (
        "saved while tts-assets wrote it; the last save is in place, and copies of the saves "
        f"are kept in {', '.join(map(str, aside))} (a program that read the file meanwhile "
        "may have saved over one): look, then delete them"
    )


@dataclass(frozen=True)
class Deciding:
    """What a run knows of the places write-back decides, the same for every file."""

    url_for: Callable[[Item], str | None]
    """The URL of the clip that exists now for a text, or None."""
    made_by_tool: Callable[[str], bool]
    """Whether write-back may replace a URL."""
    replace_hand_set: bool = False
    refused: Callable[[Item], bool] | None = None
    """A text the language gate refused: a URL tts-assets made for it is cleared (that
    clip speaks a text in the wrong language)."""
    known: Callable[[Item], bool] = lambda item: True
    """A text the run read (one without a clip it did not read appeared during the run,
    and is reported)."""
    timings: Timings | None = None
    """For the `segments` places (None: left as they are)."""
    durations: Timings | None = None
    """For the `duration` places (None: left as they are)."""


def write_back_file(
    read: Snapshot | None,
    path: Path,
    types: Sequence[TypeSpec],
    decide: Deciding,
    *,
    temp_name: Callable[[], Path] | None = None,
    settled: bool = False,
) -> FileWriteBack:
    """Give the texts of the content file `path`, as it is now, the URLs their clips have now.

    `read` is the file as the run read it (None: it changed meanwhile); `settled`: nothing
    to do while its bytes are those read (`Plan.unsettled`). A top-level list one type
    reads is edited an entry at a time (memory bounded by an entry); another file whole.

    NotReplaced (nothing written) when the file was deleted, moved or linked during the
    run, has hard links, or kept changing; InputError when it is not valid content now.
    """
    if settled and read is not None and _unchanged(read):
        return FileWriteBack(path)
    aside: tuple[Path, ...] = ()  # saves kept aside by the attempts refused so far
    for _ in range(ATTEMPTS):
        try:
            _same_name(read, path)
            outcome, new, now = _written(path, types, decide)
        except NotReplaced as e:
            if e.kind == "changed":
                continue  # written again while we read it: read it once more
            raise _naming(e, aside) from None
        if new is None:
            return replace(outcome, saves_kept=aside)
        try:
            kept = replace_if_unchanged(now, new, temp=temp_name() if temp_name else None)
        except NotReplaced as e:
            aside += e.kept
            if e.kind == "changed":
                continue  # saved again while we wrote: apply the URLs to that version
            raise _naming(e, aside) from None
        finally:
            if not isinstance(new, bytes):
                new.close()
        return replace(outcome, written=True, lost=kept.lost, saves_kept=aside)
    raise _naming(NotReplaced(path, "changed", "kept changing while tts-assets wrote it"), aside)


def _written(
    path: Path, types: Sequence[TypeSpec], decide: Deciding
) -> tuple[FileWriteBack, bytes | BinaryIO | None, Snapshot]:
    """What write-back does to the file, its new bytes (None: unchanged) and the file as
    read."""
    if len(types) == 1 and not types[0].root_path:
        try:
            return _streamed(path, types, decide)
        except Broken:
            pass  # read whole, which says what is wrong with it
    return _whole(path, types, decide)


class _Found:
    """What write-back decides of a file, its parts kept apart in the order a whole file's
    are reported (each text's, each drill's, each text gone's URL; the word timings'; the
    clip lengths'), whether the file is decided whole or entry by entry."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parts: dict[int, Decided] = defaultdict(Decided)

    def decide(self, doc: Document, loaded: LoadResult, decide: Deciding) -> dict[JsonPath, object]:
        """The places of `loaded` (the file's texts, or an entry's) to change."""
        urls: dict[JsonPath, object] = {}
        _decide(doc, loaded.items, (), decide, urls, self.parts[0])
        _decide(doc, loaded.sequences, (), decide, urls, self.parts[1])
        _decide(doc, (), loaded.leftovers, decide, urls, self.parts[2])
        tool, hand_set = decide.made_by_tool, decide.replace_hand_set
        for n, (found, within, what) in enumerate(
            (
                (decide.timings, LoadResult(items=loaded.items), SEGMENTS),
                (decide.timings, LoadResult(sequences=loaded.sequences), SEGMENTS),
                (decide.timings, LoadResult(leftover_timings=loaded.leftover_timings), SEGMENTS),
                (decide.durations, LoadResult(items=loaded.items), DURATION),
            ),
            start=3,
        ):
            if found is not None:
                decide_timings(doc, within, urls, tool, found, hand_set, what, self.parts[n])
        return urls

    def outcome(self) -> FileWriteBack:
        every = [self.parts[n] for n in sorted(self.parts)]
        return FileWriteBack(
            path=self.path,
            added=sum(p.added for p in every),
            replaced=tuple(c for p in every for c in p.replaced),
            cleared=tuple(c for p in every for c in p.cleared),
            kept=tuple(c for p in every for c in p.kept),
            gone=frozenset().union(*(p.gone for p in every)),
            changed=tuple(c for p in every for c in p.changed),
        )


def _whole(
    path: Path, types: Sequence[TypeSpec], decide: Deciding
) -> tuple[FileWriteBack, bytes | None, Snapshot]:
    try:
        raw, snapshot = read_snapshot(path)
    except FileNotFoundError:
        raise NotReplaced(path, "deleted") from None
    now = parse_document(path, raw, snapshot)
    loaded = load_document(now, types)
    found = _Found(path)
    urls = found.decide(now, loaded, decide)
    _never_over_read(now, types, urls)
    return found.outcome(), apply_urls(now, urls), snapshot


def _streamed(
    path: Path, types: Sequence[TypeSpec], decide: Deciding
) -> tuple[FileWriteBack, BinaryIO | None, Snapshot]:
    """`_whole`, an entry at a time (`content.stream` keeping its text), its new bytes in a
    temporary file. Broken where the stream cannot read it as a list of entries."""
    try:
        doc = open_stream(path, keep=True)
    except FileNotFoundError:
        raise NotReplaced(path, "deleted") from None
    entries = doc.entries
    assert isinstance(entries, Entries)
    found = _Found(path)
    written = Rewritten(entries)
    try:
        for loaded in entry_by_entry(doc, types[0]):
            urls = found.decide(doc, loaded, decide)
            _never_over_read(doc, types, urls)
            written.entries(urls)
            entries.release()
        written.entries({})  # the entries at the end that the type does not select
        if entries.snapshot is None:
            raise NotReplaced(path, "changed", "changed while tts-assets read it")
        return found.outcome(), written.done(), entries.snapshot
    except BaseException:
        written.close()
        raise
    finally:
        entries.close()


def _unchanged(read: Snapshot) -> bool:
    """Whether the file `read` describes holds, under its name, the bytes it held."""
    try:
        check_name(read)
        if not read.same_file(os.stat(read.real)):
            return False
        with open(read.real, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest() == read.sha256
    except (NotReplaced, OSError):
        return False


def _same_name(read: Snapshot | None, path: Path) -> None:
    """NotReplaced when the name the run read no longer leads to the file it read (a
    symbolic link now, or one that leads elsewhere), or names nothing."""
    if read is None:
        return
    check_name(read)
    if not os.path.lexists(path):
        raise NotReplaced(path, "deleted")
    if (path.is_symlink(), Path(os.path.realpath(path))) != (read.linked, read.real):
        check_name(read)
        raise NotReplaced(path, "moved")


def _naming(e: NotReplaced, aside: tuple[Path, ...]) -> NotReplaced:
    """`e`, naming the saves the attempts before it kept aside (a retry must not lose
    their names)."""
    if aside == e.kept:
        return e
    return NotReplaced(e.path, e.kind, f"{e.detail}; {_saves_kept(aside)}", kept=aside)


def _never_over_read(doc: Document, types: Sequence[TypeSpec], changes: Iterable[JsonPath]) -> None:
    """InputError, before anything is written, where a place to write is, or is inside or
    around, one a type of the file reads: every writer goes through here, so none writes
    over what a person wrote, whatever a check before missed."""
    reads = None
    for path in changes:
        reads = reads or ReadPlaces(types)
        who = reads.reader_of(doc.data, path)
        if who is not None:
            raise InputError(
                f"{describe_path(doc.path, path)}: tts-assets would write here, where {who}; "
                "nothing was written: give the place the tool writes one of its own in the config"
            )


def _decide(
    doc: Document,
    items: Sequence[Item],
    leftovers: Sequence[Leftover],
    decide: Deciding,
    urls: dict[JsonPath, object],
    done: Decided,
) -> None:
    """Add to `urls` the URL places of `items` and `leftovers` to change, and to `done`
    every place worth reporting."""
    made_by_tool = decide.made_by_tool
    for item in items:
        url = decide.url_for(item)
        held = doc.value_at(item.url_path)
        old = held if isinstance(held, str) and held else None
        if url is not None and old == url:
            continue  # most places: in place already
        place = describe_path(doc.path, item.url_path)
        if url is None:
            if decide.refused is not None and decide.refused(item):
                if old is not None and made_by_tool(old):
                    urls[item.url_path] = None
                    done.cleared.append(UrlChange(place, old, None))
            elif old is not None and not made_by_tool(old) and not decide.replace_hand_set:
                # A person's URL: its text needs no clip, and it stays.
                done.kept.append(UrlChange(place, old, None))
            elif not decide.known(item):
                done.changed.append(item.where)
            continue
        if old is None:
            done.added += 1
        elif made_by_tool(old) or decide.replace_hand_set:
            done.replaced.append(UrlChange(place, old, url))
        else:
            done.kept.append(UrlChange(place, old, url))
            continue
        urls[item.url_path] = url
    for left in leftovers:
        done.left_over(
            urls, left.path, UrlChange(left.where, left.value, None), made_by_tool(left.value)
        )
