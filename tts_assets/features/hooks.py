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
    verify_gone     verify              its checks of what the content keeps of gone texts
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

    def notes(self) -> list[str]: ...


class Feature:
    """One feature (module docstring): a subclass overrides the hooks it needs, and every
    other adds nothing."""

    name: ClassVar[str] = ""
    """Its registry name (the entry point's)."""

    def planned(self, prepared: Prepared, earlier: Any) -> Noted | None:
        """Added up window by window: `earlier` is what it gave the windows before (None at
        the first); the summary says the last one's `notes()`."""
        return None

    def made(self, prepared: Prepared, made: Made) -> list[str]:
        return []

    def finished(
        self, prepared: Prepared, failures: Sequence[Failure], *, partial: bool
    ) -> list[str]:
        """After write-back (`failures`: the clips the run could not make; `partial`: only
        some of the new clips were to be made); notes when it cannot keep what it keeps."""
        return []

    def texts(self, loaded: LoadResult) -> list[Item]:
        return []

    def refuses(self, scope: Checked, item: Item) -> Problem | None:
        return None

    def advice(self, scope: Checked, clip: Clip) -> str | None:
        return None

    def verify(self, scope: Checked, found: Found) -> None:
        """Called once a window of a course (`scope` is the window's), its problems kept
        in the windows' order."""

    def verify_gone(self, scope: Checked, found: Found) -> None:
        """Of `LoadResult.leftovers` and `leftover_timings`: window by window as `verify`,
        put after every window's `verify`, by file."""

    def hear(self, scope: Checked, found: Found) -> None:
        """Called after the command's own checks of the clips' bytes."""

    def prune(self, scope: Pruned, found: Surveyed) -> None:
        pass

    def shown(self, page: Page) -> dict[str, RowFacts]:
        """By clip path."""
        return {}
