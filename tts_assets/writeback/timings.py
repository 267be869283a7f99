"""Word timings in the content: what each `segments` place should hold, and whose a value
there is.

A `segments` place describes the clip its URL place names, or holds nothing: its text's
clip's timings where that URL is a clip of the tool's with timings, else none. A value
there is the tool's when it is the timings of a clip the store lists (the clip its URL
names first: one lookup), and a person's otherwise (hand-written times, corrections).
Each place ends up as one of, the way URL places do (`update`):

    added      nothing was there (absent, null, []): the clip's timings
    replaced   the tool's timings of another clip (the text or its clip changed), or with
               `replace_hand_set` a person's: the clip's timings, listed with the old value
    cleared    the tool's timings where no clip of the tool's with timings is named any
               more (its text is gone, refused, or its URL is a person's now): null
    kept       a person's timings where the tool would write its clip's: left as they
               are and listed, with how to let the tool write there
    unchanged  the clip's timings already, or a person's beside a clip the tool has no
               timings for (a person's URL): nothing to say

A change is reported as a `UrlChange` with `what = "segments"`: its `old` the value as
compact JSON, its `new` the URL of the clip whose timings stand there now.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Literal

from ..content.document import Document
from ..content.item import Item, JsonPath, UrlChange, describe_path
from ..content.load import LoadResult
from ..content.text import SEGMENT_UNITS
from ..store.layout import clip_path_in
from ..store.manifest import Store, StoredClip
from .edit import inline

Segments = list[dict[str, object]]
"""Word timings as the content holds them: `[{"start", "end", "text", "reading"?}]`."""

SEGMENTS = "segments"
"""`UrlChange.what` of a change of word timings."""


_SEGMENT_KEYS = ("start", "end", "text", "reading", "part", "lang", "speaker", "voice")
"""What a segment holds: a word's times, text and reading; a drill's part also its name
and language, a dialogue's line its speaker and voice (`making.sequences`)."""


def segments_of(
    timings: Mapping[str, Any] | None,
    by: str = "word",
    clip: StoredClip | None = None,
    *,
    former: bool = False,
) -> Segments | None:
    """A clip's word timings as the content's `segments` hold them (`Segments`), from the
    manifest's record, by word, phrase or sentence (`by`: the clip's record `clip` tells
    its text, language and told pitch), its words named as the clip's text writes them
    (`former`: as the record names them, as an earlier tool wrote them); None: none."""
    if clip is not None and timings is not None and not former:
        from ..readings.words import as_written  # the readings layer: not for --help

        timings = as_written(timings, clip.text)
    words = timings.get("words") if timings is not None else None
    if not isinstance(words, list) or not words:
        return None
    if not all(isinstance(word, dict) for word in words):
        return None
    if by == "word" or clip is None:
        return [{k: w[k] for k in _SEGMENT_KEYS if k in w} for w in words]
    from ..readings.units import units_of  # the readings layer: not for --help

    if by == "phrase" and (runs := _runs_of(timings)):
        return _run_by_run(words, runs)
    pitch = clip.pitch.get("pattern") if isinstance(clip.pitch, Mapping) else None
    return units_of(
        words,
        by,
        _read_as(timings, clip),
        clip.lang or "",
        pitch if isinstance(pitch, str) else None,
    )


def _read_as(timings: Mapping[str, Any] | None, clip: StoredClip) -> str:
    """The text a clip's units are cut from: a text in several languages as a learner
    reads it (its record's `text`: `making.spans`); else the clip's text."""
    text = timings.get("text") if timings is not None and _runs_of(timings) else None
    return text if isinstance(text, str) and text else clip.text


def _runs_of(timings: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The runs a text in several languages is joined from (`making.spans`)."""
    runs = timings.get("spans") if timings is not None else None
    return runs if isinstance(runs, list) and all(isinstance(r, dict) for r in runs) else []


def _run_by_run(words: list[dict[str, Any]], runs: list[dict[str, Any]]) -> Segments:
    """The phrases of a text in several languages: each run's, as its own clip's are."""
    from ..readings.units import units_of  # the readings layer: not for --help

    found: Segments = []
    for run in runs:
        start, end, pitch = run.get("start", 0), run.get("end", 0), run.get("pitch")
        inside = [w for w in words if start <= w.get("start", -1) < end]
        text, lang = str(run.get("text", "")), str(run.get("lang", ""))
        found += units_of(inside, "phrase", text, lang, pitch if isinstance(pitch, str) else None)
    return found


class Timings:
    """The word timings of the clips the store lists, as `segments` places hold them."""

    def __init__(
        self,
        of: Callable[[str, str], Segments | None],
        every: Callable[[], Iterable[Segments]] = tuple,
        former: Callable[[str, str], Segments | None] | None = None,
    ) -> None:
        """`of(url, by)`: the timings of the clip at a URL of the tool's (None: none);
        `every()`: every listed clip's, asked only for a value its URL's clip does not
        have (a text gone); `former(url, by)`: as an earlier tool wrote them."""
        self._of = of
        self._every = every
        self._former = former
        self._known: set[str] | None = None

    @classmethod
    def of_store(cls, store: Store) -> Timings:

        def of(url: str, by: str, former: bool = False) -> Segments | None:
            entry = _entry_at(store, url)
            return None if entry is None else segments_of(entry.timings, by, entry, former=former)

        def every() -> Iterable[Segments]:
            for entry in store:
                for by, former in itertools.product(SEGMENT_UNITS, (False, True)):
                    segments = segments_of(entry.timings, by, entry, former=former)
                    if segments is None:
                        break
                    yield segments

        return cls(of, every, lambda url, by: of(url, by, former=True))

    @classmethod
    def durations_of_store(cls, store: Store) -> Timings:
        """The lengths of the clips `store` lists, as `duration` places hold them."""

        def of(url: str, by: str) -> Any:
            entry = _entry_at(store, url)
            return None if entry is None else length_ms(entry)

        def every() -> Iterable[Any]:
            return (length_ms(entry) for entry in store)

        return cls(of, every)

    def of(self, url: str, by: str = "word") -> Segments | None:
        return self._of(url, by)

    def made(self, value: object, *urls: object) -> bool:
        """Whether `value` is timings the tool writes: of the clip at one of `urls`, or of
        any clip the store lists."""
        for url in urls:
            if not isinstance(url, str) or not url:
                continue
            if any(self._of(url, by) == value for by in SEGMENT_UNITS):
                return True
            if self._former and any(self._former(url, by) == value for by in SEGMENT_UNITS):
                return True
        if self._known is None:
            self._known = {_canonical(s) for s in self._every()}
        return _canonical(value) in self._known


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _nothing(value: object) -> bool:
    """A place with no timings yet: absent, null, an empty list, or segments whose times
    were set to null (what each adds, a translation, still to be kept)."""
    if not isinstance(value, list):
        return value is None
    return all(
        isinstance(s, dict) and s.get("start") is None and s.get("end") is None for s in value
    )


Outcome = Literal["unchanged", "added", "replaced", "cleared", "kept"]


@dataclass(frozen=True)
class Verdict:
    """What a text's `segments` place should become (module docstring)."""

    outcome: Outcome
    want: Segments | None = None
    """The timings it should hold (None: none, for `cleared`)."""
    clip: str | None = None
    """The URL of the clip whose timings `want` are."""


def judge(
    held: object,
    was: object,
    now: object,
    made_by_tool: Callable[[str], bool],
    timings: Timings,
    replace_hand_set: bool = False,
    by: str = "word",
) -> Verdict:
    """What a `segments` place that holds `held` should become, beside a URL place that
    held `was` and holds `now` once write-back is done."""
    # The clips named, where they are the tool's: the store is believed of no other URL.
    was, url = (u if isinstance(u, str) and u and made_by_tool(u) else None for u in (was, now))
    want = None if url is None else timings.of(url, by)
    clip = url if want is not None else None
    # What a person added to a segment (a translation) is theirs, not the timings: the
    # tool's timings with a translation beside each are still the tool's, and timings
    # that cannot carry it all are left to the person (kept, listed).
    bare, kept = own_keys(held), with_added(want, held)
    if _nothing(held):
        if want is None:
            return Verdict("unchanged")
        return Verdict("added", kept, clip) if kept is not None else Verdict("kept", want, clip)
    if bare == want:
        return Verdict("unchanged", want, clip)
    if kept is None and want is not None:
        return Verdict("kept", want, clip)
    want = kept
    if timings.made(bare, was, url):
        return Verdict("cleared" if want is None else "replaced", want, clip)
    if want is None:
        return Verdict("unchanged")  # a person's, beside no clip of the tool's with timings
    return Verdict("replaced" if replace_hand_set else "kept", want, clip)


def past_the_end(held: object, length: object) -> int | None:
    """The latest end of the segments `held` when it lies past a clip `length` ms long
    (a millisecond of rounding allowed), else None: the app would light a segment after
    the clip has ended."""
    if not isinstance(held, list) or not isinstance(length, int):
        return None
    ends = [s.get("end") for s in held if isinstance(s, dict)]
    numbers = [e for e in ends if isinstance(e, int | float) and not isinstance(e, bool)]
    latest = max(numbers, default=None)
    return round(latest) if latest is not None and latest > length + 1 else None


def own_keys(value: object) -> object:
    """`value` with only the keys the tool writes in each segment (`_SEGMENT_KEYS`)."""
    if not isinstance(value, list) or not all(isinstance(s, dict) for s in value):
        return value
    return [{k: s[k] for k in _SEGMENT_KEYS if k in s} for s in value]


def with_added(want: Segments | None, held: object) -> Segments | None:
    """The segments `want` with what a person added to those `held` (a translation) carried
    over: each to the segment of the same text (spaces and end punctuation aside), the rest
    in order to the free ones between its neighbours': re-timing keeps what the app shows
    under each segment. None where a segment added to would be lost."""
    if want is None or not isinstance(held, list):
        return want
    extras = {j: extra for j, segment in enumerate(held) if (extra := _added(segment))}
    said = [_said(s.get("text")) for s in want] if extras else []
    found: list[dict[str, object] | None] = [None] * len(want)
    placed: dict[int, int] = {}  # a held segment's index: the index of the one it went to
    for j, extra in extras.items():
        text = _said(held[j].get("text"))
        at = next((i for i, t in enumerate(said) if found[i] is None and t == text), None)
        if at is not None:
            found[at], placed[j] = extra, at
    left = [j for j in extras if j not in placed]
    if len(left) > found.count(None):
        return None
    for j in left:
        placed[j] = _room(placed, j, [i for i, f in enumerate(found) if f is None])
        found[placed[j]] = extras[j]
    return [{**s, **extra} if extra else s for s, extra in zip(want, found, strict=True)]


def _room(placed: Mapping[int, int], j: int, free: list[int]) -> int:
    """Where what was added to held segment `j`, whose text matched none, goes: the first
    of the `free` segments between those its neighbours went to (`placed`: the one held
    after "sat" goes after it, never onto a word before it), else the first free one."""
    after = max((at for k, at in placed.items() if k < j), default=-1)
    before = min((at for k, at in placed.items() if k > j), default=free[-1] + 1)
    return next((i for i in free if after < i < before), free[0])


def _added(segment: object) -> dict[str, object]:
    """What a person added to a segment: every key the tool does not write."""
    if not isinstance(segment, dict):
        return {}
    return {k: v for k, v in segment.items() if k not in _SEGMENT_KEYS}


_ENDS = " \u3000。、．，.,!?！？…「」『』\"'"


def _said(text: object) -> str:
    return "".join(text.split()).strip(_ENDS) if isinstance(text, str) else ""


def _entry_at(store: Store, url: str) -> StoredClip | None:
    rel = clip_path_in(url)
    return store.get(rel) if rel is not None else None


def length_ms(entry: StoredClip) -> int:
    """A stored clip's length as a `duration` place holds it: whole milliseconds."""
    return round(entry.duration * 1000)


DURATION = "duration"
"""`UrlChange.what` of a change of a clip's length (a field's `duration` place)."""


@dataclass
class Decided:
    """What write-back reports of the places it decided in one file (`FileWriteBack`)."""

    added: int = 0
    replaced: list[UrlChange] = field(default_factory=list)
    cleared: list[UrlChange] = field(default_factory=list)
    kept: list[UrlChange] = field(default_factory=list)
    gone: set[str] = field(default_factory=set)
    changed: list[str] = field(default_factory=list)

    def left_over(
        self, urls: dict[JsonPath, object], path: JsonPath, change: UrlChange, made: bool
    ) -> None:
        """A place whose text is gone: cleared where the tool `made` its value, else kept."""
        if made:
            urls[path] = None
            self.cleared.append(change)
        else:
            self.kept.append(change)
            self.gone.add(change.place)


_PLACES: Mapping[str, Callable[[Item], JsonPath | None]] = {
    SEGMENTS: attrgetter("segments_path"),
    DURATION: attrgetter("duration_path"),
}
"""Where an item keeps what `decide_timings` decides, by `UrlChange.what`."""


def decide_timings(
    doc: Document,
    loaded: LoadResult,
    urls: dict[JsonPath, object],
    made_by_tool: Callable[[str], bool],
    timings: Timings,
    replace_hand_set: bool,
    what: str,
    done: Decided,
) -> None:
    """Add to `urls` (holding the URL places to change) the `segments` places of `doc` to
    change, or its `duration` places (`what`), and to `done` what to report."""
    for item in [*loaded.items, *loaded.sequences]:
        place = _PLACES[what](item)
        if place is None:
            continue
        held, was = doc.value_at(place), doc.value_at(item.url_path)
        now = urls.get(item.url_path, was)
        # (a duration is one whatever its item's segments)
        verdict = judge(held, was, now, made_by_tool, timings, replace_hand_set, item.segments_by)
        if verdict.outcome == "unchanged":
            continue
        if verdict.outcome != "kept":
            urls[place] = verdict.want
        if verdict.outcome != "added":
            change = UrlChange(describe_path(doc.path, place), inline(held), verdict.clip, what)
            getattr(done, verdict.outcome).append(change)
    for left in loaded.leftover_timings:
        change = UrlChange(left.where, inline(left.value), None, SEGMENTS)
        done.left_over(urls, left.path, change, timings.made(left.value))
