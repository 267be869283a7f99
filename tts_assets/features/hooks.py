"""What a feature adds to each command: the hooks, each a method that adds nothing unless a
feature overrides it (as llm's `hookspecs.py` declares its plugins' hooks).

A feature (word timings, durations, WebVTT tracks, slow twins, drills, the listening check,
the accent check, length contrasts, refused texts, failure advice) is one object, an
instance of a `Feature` subclass, registered by name (`registry.py`). A command prepares
its scope once and calls each hook of every feature in the registry's declared order; a
feature says in its hook whether it has anything to add (a setting off, a flag not
given), so the command never asks.

    hook            command             what the feature adds
    planned         generate, dry run   notes on the plan (`Summary.notes`), added up
                                        window by window
    made            generate            notes on what making did
    finished        generate            what it keeps of the run once it is written back
    texts           verify              the texts it adds to those whose URL places are checked
    refuses         verify              the problem that stands for a text's URL check
    advice          verify              what makes a text's missing clip, instead of a run
    verify          verify              its checks of the content over the prepared scope
    hear            verify              its checks that hear the stored clips, once their
                                        bytes are checked (slow; may keep what was heard)
    prune           prune               what it lists as unused, or keeps with a note
    shown           review              the row facts it sets on each clip's row
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from .checked import Checked, Found, Problem
from .pruned import Pruned, Surveyed
from .shown import Page, RowFacts

if TYPE_CHECKING:
    from ..content.item import Item
    from ..content.load import LoadResult
    from ..making.graph import Made
    from ..making.report import Failure
    from ..planning.plan import Clip
    from ..planning.prepare import Prepared

__all__ = ["Checked", "Feature", "Found", "Page", "Problem", "Pruned", "RowFacts", "Surveyed"]


class Noted(Protocol):
    """What a feature's `planned` added up over a course's windows."""

    def notes(self) -> list[str]:
        """The notes on the course, once every window is planned."""
        ...


class Feature:
    """One feature: what it adds to each command (module docstring). A subclass overrides
    the hooks it needs; every other hook adds nothing."""

    name: ClassVar[str] = ""
    """Its registry name (the entry point's)."""

    def planned(self, prepared: Prepared, earlier: Any) -> Noted | None:
        """generate (and a dry run): what the feature notes of the plan before anything is
        made, added up window by window (each window's clips are let go before the next
        is planned): `earlier` is what it gave the windows before (None at the first), and
        the summary says the last one's `notes()`."""
        return None

    def made(self, prepared: Prepared, made: Made) -> list[str]:
        """generate: notes on what making did."""
        return []

    def finished(
        self, prepared: Prepared, failures: Sequence[Failure], *, partial: bool
    ) -> list[str]:
        """generate, at the end of a run, after write-back: what the feature keeps of the
        run (`failures`: the clips it could not make; `partial`: only some of the new
        clips were to be made); notes when it cannot."""
        return []

    def texts(self, loaded: LoadResult) -> list[Item]:
        """verify: the texts it adds to the content's, whose URL places are checked."""
        return []

    def refuses(self, scope: Checked, item: Item) -> Problem | None:
        """verify: a problem that stands for `item`'s URL check (it has no clip by design)."""
        return None

    def advice(self, scope: Checked, clip: Clip) -> str | None:
        """verify: what makes `clip` when a run alone would not (None: run generate)."""
        return None

    def verify(self, scope: Checked, found: Found) -> None:
        """verify: the feature's checks of the content's texts over the prepared scope,
        added to `found`. A course is checked window by window: `scope` is a window's,
        and this is called once a window, its problems kept in the windows' order."""

    def verify_gone(self, scope: Checked, found: Found) -> None:
        """verify: the feature's checks of what the content keeps of texts that are gone
        (`LoadResult.leftovers`, `leftover_timings`), added to `found` after `verify`'s;
        window by window as `verify`, and put after every window's `verify`, by file."""

    def hear(self, scope: Checked, found: Found) -> None:
        """verify: the feature's checks that hear the intact stored clips, after the
        command's own checks of their bytes, added to `found`."""

    def prune(self, scope: Pruned, found: Surveyed) -> None:
        """prune: what of the feature's no content wants, listed in `found.unused`."""

    def shown(self, page: Page) -> dict[str, RowFacts]:
        """review: the facts the feature sets on each clip's row, by clip path."""
        return {}
