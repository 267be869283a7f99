"""Write-back at the moment of writing: URLs applied to a content file as it is then.

A run reads its content files when it starts and may synthesize for minutes. Meanwhile
a person saves a file, `git pull` rewrites it, an entry is added. So write-back never
rebuilds a file from what the run read: it reads the file again, finds its texts again
with the loader (`load.load_document`), asks the run which URL each text deserves now,
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

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..content.document import Document, parse_document
from ..content.item import Item, JsonPath, UrlChange, describe_path, excerpt
from ..content.load import LoadResult, load_document
from ..content.shared import ReadPlaces
from ..content.spec import TypeSpec
from ..errors import InputError, NotReplaced
from ..store.files import Snapshot, check_name, read_snapshot, replace_if_unchanged
from .edit import apply_urls
from .timings import SEGMENTS, Decided, Timings, decide_durations, decide_timings

ATTEMPTS = 5
"""Reads of a file that keeps changing between reading it and replacing it."""

TIMINGS_SHOWN = 10
"""Places of word timings kept that a file's report names one by one."""


@dataclass(frozen=True)
class FileWriteBack:
    """What write-back did to one content file, for the report and `--json`."""

    path: Path
    """The file, as the loader names it."""
    written: bool = False
    """The file was replaced (False: no URL place changed)."""
    added: int = 0
    """URL places that had no URL and got one."""
    replaced: tuple[UrlChange, ...] = ()
    """URLs replaced by the URL of the text's current clip, with their old value."""
    cleared: tuple[UrlChange, ...] = ()
    """URLs tts-assets made for texts that are gone, set to null."""
    kept: tuple[UrlChange, ...] = ()
    """URLs tts-assets did not make, left where it would have written or cleared, and
    where a text that keeps a person's URL has no clip."""
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
        """What the report says about this file, one line per place worth a look (not the
        places in `told`, which the report names already: a dead URL); of the word timings
        kept, the first `TIMINGS_SHOWN`, then how many more (a course's samples may hold
        made-up times in every entry)."""
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


def write_back_file(
    read: Document,
    types: Sequence[TypeSpec],
    url_for: Callable[[Item], str | None],
    made_by_tool: Callable[[str], bool],
    *,
    replace_hand_set: bool = False,
    include_disabled: bool = False,
    temp_name: Callable[[], Path] | None = None,
    refused: Callable[[Item], bool] | None = None,
    as_read: LoadResult | None = None,
    settled: bool = False,
    timings: Timings | None = None,
    durations: Timings | None = None,
) -> FileWriteBack:
    """Give the texts of `read.path`, as the file is now, the URLs their clips have now.

    `read` is the file as the run read it (from `load_items`); `types` are the types
    that read it, with the fields the run loaded (`include_disabled` as given to the
    loader). `url_for(item)` is the URL of the clip that exists now for that text, or
    None; `made_by_tool(url)` tells a URL write-back may replace (`store.urls.UrlOwner`).
    `replace_hand_set` replaces a person's URL where a clip exists for its text; a
    person's URL whose text is gone is kept either way. `refused(item)` tells a text the
    language gate refused: a URL tts-assets made for it is cleared (that clip speaks a
    text in the wrong language), a person's is kept. `as_read` is what the loader found
    in `read` (its items and leftovers), when the caller has it: a file whose bytes did not
    change is then not parsed and searched again. `settled`: the caller found every text of
    `read` with its clip's URL in place and nothing to clear (`Plan.unsettled`), so while
    the file's bytes are those it read, there is nothing to do. `timings`: the word
    timings of the store's clips, for the `segments` places of the fields that have them
    (`timings.decide_timings`; None: those places are left as they are).

    Raises NotReplaced (nothing written) when the file was deleted during the run, or
    its name became a symbolic link or now leads elsewhere, when it has hard links,
    or when it kept changing on every attempt; InputError when the file as it is now
    is not valid content; OSError for the file system's own failures.
    """
    if read.snapshot is None:
        raise ValueError(f"{read.path}: write-back needs the document as read from disk")
    if as_read is None:
        as_read = load_document(read, types, include_disabled=include_disabled)
    known = _Texts(as_read)
    aside: tuple[Path, ...] = ()  # saves kept aside by the attempts refused so far
    for _ in range(ATTEMPTS):
        try:
            raw, snapshot = _read_again(read)
        except NotReplaced as e:
            raise _naming(e, aside) from None
        if raw == read.raw:
            if settled:
                return FileWriteBack(read.path, saves_kept=aside)
            now, loaded = replace(read, snapshot=snapshot), as_read
        else:
            now = parse_document(read.path, raw, snapshot)
            loaded = load_document(now, types, include_disabled=include_disabled)
        urls, outcome = _decide(
            now, loaded, known, url_for, made_by_tool, replace_hand_set, refused
        )
        beside: list[Decided] = []
        if timings is not None:
            beside.append(
                decide_timings(now, loaded, urls, made_by_tool, timings, replace_hand_set)
            )
        if durations is not None:
            beside.append(
                decide_durations(now, loaded, urls, made_by_tool, durations, replace_hand_set)
            )
        for timed in beside:
            urls.update(timed.changes)
            outcome = replace(
                outcome,
                replaced=outcome.replaced + tuple(timed.replaced),
                cleared=outcome.cleared + tuple(timed.cleared),
                kept=outcome.kept + tuple(timed.kept),
                gone=outcome.gone | timed.gone,
            )
        _never_over_read(now, types, urls)
        new = apply_urls(now, urls)
        if new is None:
            return replace(outcome, saves_kept=aside)
        assert now.snapshot is not None
        try:
            kept = replace_if_unchanged(now.snapshot, new, temp=temp_name() if temp_name else None)
        except NotReplaced as e:
            aside += e.kept
            if e.kind == "changed":
                continue  # saved again while we wrote: apply the URLs to that version
            raise _naming(e, aside) from None
        return replace(outcome, written=True, lost=kept.lost, saves_kept=aside)
    raise _naming(
        NotReplaced(read.path, "changed", "kept changing while tts-assets wrote it"), aside
    )


def _naming(e: NotReplaced, aside: tuple[Path, ...]) -> NotReplaced:
    """`e`, naming the saves the attempts before it kept aside (a retry must not lose
    their names): as it is when there are none, or it names them all already."""
    if aside == e.kept:
        return e
    return NotReplaced(e.path, e.kind, f"{e.detail}; {_saves_kept(aside)}", kept=aside)


def _never_over_read(doc: Document, types: Sequence[TypeSpec], changes: Iterable[JsonPath]) -> None:
    """InputError, before anything is written, where a place to write is one a type of
    the file reads (a text, a reading, an answer, a `where` key), or inside or around one:
    the writers of every kind go through here, so none writes over what a person wrote,
    whatever a check before missed."""
    reads = None
    for path in changes:
        reads = reads or ReadPlaces(types)
        who = reads.reader_of(doc.data, path)
        if who is not None:
            raise InputError(
                f"{describe_path(doc.path, path)}: tts-assets would write here, where {who}; "
                "nothing was written: give the place the tool writes one of its own in the config"
            )


class _Texts:
    """The texts the run read in a file (type, field, text as written), gathered the first
    time one is asked for: only a text with no clip is looked up."""

    def __init__(self, loaded: LoadResult) -> None:
        self.loaded = loaded
        self.texts: set[tuple[str, str, str]] | None = None

    def __contains__(self, text: tuple[str, str, str]) -> bool:
        if self.texts is None:
            every = [*self.loaded.items, *self.loaded.sequences]
            self.texts = {(i.type_name, i.field, i.text) for i in every}
        return text in self.texts


def _read_again(read: Document) -> tuple[bytes, Snapshot]:
    """The file as it is now, if its name still leads to the file the run read."""
    assert read.snapshot is not None
    check_name(read.snapshot)
    try:
        raw, snapshot = read_snapshot(read.path)
    except FileNotFoundError:
        raise NotReplaced(read.path, "deleted") from None
    if (snapshot.linked, snapshot.real) != (read.snapshot.linked, read.snapshot.real):
        # Swapped between the check and the read: say how, if it still is.
        check_name(read.snapshot)
        raise NotReplaced(read.path, "moved")
    return raw, snapshot


def _decide(
    doc: Document,
    loaded: LoadResult,
    known: _Texts,
    url_for: Callable[[Item], str | None],
    made_by_tool: Callable[[str], bool],
    replace_hand_set: bool,
    refused: Callable[[Item], bool] | None = None,
) -> tuple[dict[JsonPath, object], FileWriteBack]:
    """The URL places to change, and the report of every place worth reporting."""
    urls: dict[JsonPath, object] = {}
    added = 0
    replaced: list[UrlChange] = []
    cleared: list[UrlChange] = []
    kept: list[UrlChange] = []
    changed: list[str] = []
    for item in [*loaded.items, *loaded.sequences]:
        url = url_for(item)
        held = doc.value_at(item.url_path)
        old = held if isinstance(held, str) and held else None
        if url is None:
            if refused is not None and refused(item):
                held_url = doc.value_at(item.url_path)
                if isinstance(held_url, str) and held_url and made_by_tool(held_url):
                    urls[item.url_path] = None
                    place = describe_path(doc.path, item.url_path)
                    cleared.append(UrlChange(place, held_url, None))
                continue
            if old is not None and not made_by_tool(old) and not replace_hand_set:
                # A person's URL: its text needs no clip, and it stays.
                kept.append(UrlChange(describe_path(doc.path, item.url_path), old, None))
            elif (item.type_name, item.field, item.text) not in known:
                changed.append(item.where)
            continue
        if old == url:
            continue
        place = describe_path(doc.path, item.url_path)
        if old is None:
            added += 1
        elif made_by_tool(old) or replace_hand_set:
            replaced.append(UrlChange(place, old, url))
        else:
            kept.append(UrlChange(place, old, url))
            continue
        urls[item.url_path] = url
    gone: set[str] = set()
    for left in loaded.leftovers:
        if made_by_tool(left.url):
            urls[left.url_path] = None
            cleared.append(UrlChange(left.where, left.url, None))
        else:
            kept.append(UrlChange(left.where, left.url, None))
            gone.add(left.where)
    outcome = FileWriteBack(
        path=doc.path,
        added=added,
        replaced=tuple(replaced),
        cleared=tuple(cleared),
        kept=tuple(kept),
        gone=frozenset(gone),
        changed=tuple(changed),
    )
    return urls, outcome
