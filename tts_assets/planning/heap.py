"""The garbage collector while a command builds its model of the content.

Planning a large course allocates millions of small objects (items, clips, manifest
entries, the parsed JSON) that live until the command ends and form no reference
cycles. CPython's cyclic collector runs every few hundred allocations and, as the heap
grows, walks everything allocated so far again and again: that walking was a large share
of a no-op over a large course (`benchmarks/cost_curve.py` measures it). While such a model is
built (`building`) the collector is paused; reference counting still frees every object
that is dropped.

Afterwards the collector would walk the whole model a few more times as it ages it into
the oldest generation. The command-line process, which runs one command and exits
(`own_process`), moves what it built out of the collector's sight (`gc.freeze`) instead;
a program that calls the library keeps its heap as it was: freezing would keep its own
garbage cycles alive. For the same reason the command-line process does not free the model
of its last run object by object when the run is done (`leave`): the process ends soon
after, and its memory goes back to the system at once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_freeze = False
_left: list[object] = []


def own_process() -> None:
    """Say that this process runs one command and exits: what `building` builds is frozen."""
    global _freeze
    _freeze = True


def leave(model: object) -> None:
    """In a process of our own, keep `model` (what a run built and is done with) until the
    process ends rather than free it now: dropping a large course's plan frees millions of
    objects one by one, a noticeable share of a run with nothing to do. The next model
    built lets it go first (`building`), so a command of several runs holds one at most."""
    if _freeze:
        _left[:] = [model]


@contextmanager
def building() -> Iterator[None]:
    """Pause the cyclic collector while the block builds long-lived objects (nothing
    happens if it was paused already); in a process of our own, freeze them after. A model
    left by a run before (`leave`) is let go first."""
    _left.clear()
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if _freeze:
            gc.freeze()
        gc.enable()
