"""`places.meeting`, the index the config checks ask before `clash`: every pair of owners
where a place one writes may overlap a place the other reads or writes (or a key the type
selects by) is among the pairs it finds, whatever the expressions (hypothesis), so the
checks it spares find nothing; and it grows with the places, not their square."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tts_assets.content.places import (
    Place,
    _by_head,
    _may_meet,
    may_overlap,
    meeting,
    where_places,
)
from tts_assets.content.selector import EACH, Selector, Step
from tts_assets.content.where import Condition

steps = st.lists(st.sampled_from(["a", "b", "aUrl", 0, 1, EACH]), max_size=4)


@dataclass(frozen=True)
class _Owner:
    """An owner of places as `meeting` asks one (`places.Owner`): what it reads, writes."""

    read: tuple[tuple[Step, ...], ...]
    written: tuple[tuple[Step, ...], ...]

    def reads(self) -> list[Place]:
        return [Place("text", Selector(str(s), s)) for s in self.read]

    def writes(self) -> list[Place]:
        return [Place("url", Selector(str(s), s)) for s in self.written]


owners = st.lists(
    st.builds(
        _Owner,
        st.lists(steps.map(tuple), max_size=3).map(tuple),
        st.lists(steps.map(tuple), max_size=3).map(tuple),
    ),
    min_size=1,
    max_size=5,
)


@given(owners, owners, st.lists(st.lists(st.sampled_from(["a", "b"]), min_size=1, max_size=2)))
def test_every_pair_that_may_overlap_is_met(
    writers: list[_Owner], readers: list[_Owner], keys: list[list[str]]
) -> None:
    where = [Condition(".".join(k), ("x",)) for k in keys]
    met = meeting(writers, readers, where)  # type: ignore[arg-type]
    for w, f in enumerate(writers):
        for r, g in enumerate(readers):
            places = g.reads() + g.writes() + where_places(where)
            overlaps = any(
                may_overlap(mine.selector, there.selector)
                for mine in f.writes()
                for there in places
            )
            if overlaps:
                assert (w, r) in met, (f, g)


def test_owners_apart_by_their_keys_are_not_met() -> None:
    fields = [_Owner(((f"k{i}",),), ((f"k{i}Url",),)) for i in range(50)]
    nested = [_Owner((("ex", EACH, f"t{i}"),), (("ex", EACH, f"t{i}Url"),)) for i in range(50)]
    both: list[Any] = [*fields, *nested]
    itself = {(i, i) for i in range(100)}  # a place it writes is one it writes (`clash`: skipped)
    assert meeting(both, both) == itself
    clashing: list[Any] = [*both, _Owner((), (("ex",),))]  # around each nested place
    around = {(100, r) for r in range(50, 101)} | {(w, 100) for w in range(50, 100)}
    assert meeting(clashing, clashing) == itself | around


@given(steps, st.lists(steps, max_size=8))
def test_clash_asks_of_a_place_every_place_that_may_overlap_it_in_order(
    mine: list[Step], theirs: list[list[Step]]
) -> None:
    """`clash` asks `may_overlap` only of the places whose first step may name the one
    its own names (`_may_meet`): none that overlaps is left out, and their order is kept,
    so the clash it names first is the one it named when it asked of every place."""
    place = Place("url", Selector(str(mine), tuple(mine)))
    places = [Place("text", Selector(str(s), tuple(s))) for s in theirs]
    asked = _may_meet(place, places, _by_head(places))
    assert [p for p in asked if may_overlap(place.selector, p.selector)] == [
        p for p in places if may_overlap(place.selector, p.selector)
    ]
    order = {id(p): i for i, p in enumerate(places)}
    assert [order[id(p)] for p in asked] == sorted(order[id(p)] for p in asked)
