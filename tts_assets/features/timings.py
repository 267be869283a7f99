"""Word timings and segments: when each word of a clip is said, recorded with the clip by
the model that made it and written into the content's `segments` places
(`writeback.timings`).

- verify: a `segments` place that lacks its clip's timings is *missing*, one holding
  another clip's (or a person's, with `replace_hand_set_urls`) is *stale*, a person's that
  run past the end of their clip are *stale* too, and the tool's timings of a text that is
  gone are *gone*;
- generate: a note on the clips made before clips recorded timings whose timings were
  found again (`making.backfill`);
- review: the words of each clip's timings, lit as it plays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..content.item import Item, JsonPath, describe_path
from ..store.clip_files import REGENERATE
from ..writeback.timings import Timings, Verdict, judge, past_the_end
from .hooks import Feature, Found, Problem, RowFacts

if TYPE_CHECKING:
    from ..making.graph import Made
    from ..planning.prepare import Prepared
    from .checked import Checked
    from .shown import Page


class WordTimings(Feature):
    """Word timings in the content and with each clip (module docstring)."""

    name = "timings"

    def made(self, prepared: Prepared, made: Made) -> list[str]:
        """What finding the timings of clips made before clips recorded them did."""
        if not made.timed and not made.untimed:
            return []
        said = f"timings found again for {made.timed} clip(s) made before clips recorded them"
        if made.untimed:
            said += (
                f"; {made.untimed} clip(s) came out otherwise than stored (another model "
                "build, or replaced), and keep none (not searched again until the clip or the "
                "build changes)"
            )
        return [said + " (their audio is as it was)"]

    def verify(self, scope: Checked, found: Found) -> None:
        """Each `segments` place: its clip's word timings, as write-back would leave them; a
        person's that run past the end of their clip are *stale* too."""
        timings = Timings.of_store(scope.store)
        durations = Timings.durations_of_store(scope.store)
        for item, place, url, held, verdict in judged(
            scope, timings, lambda item: item.segments_path
        ):
            end = None
            if verdict.outcome in ("kept", "unchanged") and isinstance(url, str) and url:
                end = past_the_end(held, durations.of(url) if scope.replaced(url) else None)
            if end is not None:
                why = (
                    f"{place}: word timings a person set end at {end} ms, past the end of their "
                    f"clip ({durations.of(url)} ms); set each one's start and end to null, or "
                    "run generate --replace-hand-set-urls, to get the clip's own (what each "
                    "segment adds, a translation, is kept)"
                )
                found.problems.append(Problem(item.file, item.text_path, "stale", why))
            elif verdict.outcome == "added":
                why = f"no word timings yet at {place} for {verdict.clip}; {REGENERATE}"
                found.problems.append(Problem(item.file, item.text_path, "missing", why))
            elif verdict.outcome in ("replaced", "cleared"):
                why = (
                    f"{place} holds other word timings than its clip's ({verdict.clip})"
                    if verdict.clip
                    else f"{place} holds the word timings of a clip its URL no longer names"
                ) + f"; {REGENERATE}"
                found.problems.append(Problem(item.file, item.text_path, "stale", why))

    def verify_gone(self, scope: Checked, found: Found) -> None:
        timings = Timings.of_store(scope.store)
        for left in scope.loaded.leftover_timings:
            if timings.made(left.value):
                why = f"the word timings of a text that is gone; {REGENERATE} clears them"
                found.problems.append(Problem(left.file, left.path, "gone", why))

    def shown(self, page: Page) -> dict[str, RowFacts]:
        return {path: {"words": _words(entry.timings)} for path, entry in page.entries.items()}


def judged(
    scope: Checked, timings: Timings, place_of: Callable[[Item], JsonPath | None]
) -> Iterator[tuple[Item, str, Any, Any, Verdict]]:
    """Each item's place `place_of` (word timings or a clip length), described, with its
    URL, what it holds and what write-back would make of it by `timings`."""
    loaded = scope.loaded
    for item in loaded.items:
        path = place_of(item)
        if path is None:
            continue
        doc = loaded.documents[item.file]
        url = doc.value_at(item.url_path)
        held = doc.value_at(path)
        hand_set = scope.settings.replace_hand_set_urls
        verdict = judge(held, url, url, scope.replaced, timings, hand_set, item.segments_by)
        yield item, describe_path(item.file, path), url, held, verdict


def _words(timings: Mapping[str, Any] | None) -> tuple[tuple[int, int, str], ...]:
    """The words of a clip's recorded timings, as the page lights them (none when the
    record is not one the tool wrote)."""
    words = timings.get("words") if isinstance(timings, Mapping) else None
    if not isinstance(words, list):
        return ()
    found = []
    for word in words:
        if not isinstance(word, Mapping):
            return ()
        start, end, text = word.get("start"), word.get("end"), word.get("text")
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(text, str)):
            return ()
        found.append((start, end, text))
    return tuple(found)


FEATURE = WordTimings()
