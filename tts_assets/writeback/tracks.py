"""WebVTT tracks beside the clips (`webvtt = true`): written, and whose a track on disk is.

A clip with word timings has its track at `TYPE/KEY.vtt` (`store.layout.track_path`),
written from the manifest's record of its timings (`readings.words.webvtt_of`), byte for
byte the same every time. So a track is the tool's exactly when its bytes are those: a
track that says anything else was edited by a person (a teacher's corrected cue, a
caption of their own) or put there by one, and is kept whatever the settings say, listed
with the way to let the tool write it again (delete it). The timings recorded are what
vouches for a track, as the sha256 recorded vouches for a clip: a track written before its
clip's timings changed (they do not, once recorded) would read as a person's.

    written    the tool's track: its clip's timings, as the tool writes them
    missing    no track where its clip has timings, or the one an earlier tool wrote from
               them (a Chinese word named by the pinyin its voice was given: `ni2`)
    person's   anything else at its place (other bytes, a symbolic link, a folder)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Literal

from ..store.files import read_bounded
from ..store.layout import track_path
from ..store.manifest import Store, StoredClip

if TYPE_CHECKING:
    from ..planning.plan import Clip

State = Literal["written", "missing", "person's"]

TRACK_LIMIT = 1 << 24
"""The largest track read (16 MiB: the words of a passage of hours); a larger file at a
track's place is a person's, never read whole."""

SHOWN = 10
"""Kept tracks named one by one in a run's notes; the others are counted."""


def track_of(entry: StoredClip, by: str = "word", *, former: bool = False) -> bytes | None:
    """The track the tool writes for the clip of `entry`, a cue per word (or phrase or
    sentence: `by`), its words as its text writes them (`former`: as an earlier tool wrote
    them, a Chinese word by the pinyin its voice was given); None: no word timings."""
    from ..readings.words import webvtt_of  # the readings layer: not for --help
    from .timings import segments_of

    text = webvtt_of({"words": segments_of(entry.timings, by, entry, former=former)})
    return text.encode("utf-8") if text else None


def track_state(store: Store, entry: StoredClip, by: str = "word") -> State | None:
    """Whose the track of `entry`'s clip is (module docstring); None when its clip has no
    word timings (no track is the tool's to write)."""
    data = track_of(entry, by)
    if data is None:
        return None
    path = store.file(track_path(entry.path, by))
    try:
        held = read_bounded(path, TRACK_LIMIT)
    except FileNotFoundError:
        return "missing" if not path.is_symlink() else "person's"
    except OSError:
        return "person's"  # a symbolic link, a folder, a pipe, a huge file: not the tool's
    if held == data:
        return "written"
    # What an earlier tool wrote from the same record counts as missing.
    return "missing" if held == track_of(entry, by, former=True) else "person's"


def keep_tracks(
    store: Store, clips: Iterable[Clip], units: Mapping[str, Iterable[str]]
) -> list[str]:
    """Write the missing tracks (`units` by clip path) of each of `clips` the store holds
    with word timings; the run's notes: the tracks kept as a person's, one not written."""
    kept: list[str] = []
    for clip in clips:
        entry = store.get(clip.rel_path)
        if entry is None or not store.is_present(clip.rel_path, clip.key):
            continue
        for by in units[clip.rel_path]:
            state = track_state(store, entry, by)
            if state is None:
                break
            path = store.file(track_path(entry.path, by))
            if state == "person's":
                kept.append(str(path))
            if state != "missing":
                continue
            try:
                store.write(path, track_of(entry, by) or b"")
            except OSError as e:
                return [f"{path}: a WebVTT track was not written ({e.strerror}); run again"]
    notes = [
        f"{path}: kept: a WebVTT track tts-assets did not write (it differs from its clip's "
        "word timings: edited by hand?); delete it to let tts-assets write it again"
        for path in kept[:SHOWN]
    ]
    if len(kept) > SHOWN:
        notes.append(f"{len(kept) - SHOWN} more WebVTT track(s) kept as a person's")
    return notes
