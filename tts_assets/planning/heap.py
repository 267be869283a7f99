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
garbage cycles alive.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_freeze = False


def own_process() -> None:
    """Say that this process runs one command and exits: what `building` builds is frozen."""
    global _freeze
    _freeze = True


@contextmanager
def building() -> Iterator[None]:
    """Pause the cyclic collector while the block builds long-lived objects (nothing
    happens if it was paused already); in a process of our own, freeze them after."""
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
