"""A table of pure data cases checked in one test, every failing case named.

A parametrized test costs pytest and xdist about 0.8 ms of processor time a case beyond
what the case itself does (collected in each worker, run, reported): over a table of
hundreds of cases that each take a fraction of a millisecond (a text said, compared), more
than the cases. `check_each` runs every case, keeps going past a failing one, and fails
naming each case that failed and how, as the cases' own tests would have.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import pytest

Case = TypeVar("Case")


def failing(
    cases: Iterable[Case], check: Callable[[Case], object], name: Callable[[Case], str] = repr
) -> list[str]:
    """Each case of `cases` that `check` fails on (an assertion, or any exception), named
    (`name`) with what failed, in order."""
    found = []
    for case in cases:
        try:
            check(case)
        except Exception as e:  # every case is checked; each failure is named below
            said = str(e).replace("\n", "\n    ")
            found.append(f"{name(case)}: {type(e).__name__}: {said}")
    return found


def check_each(
    cases: Iterable[Case], check: Callable[[Case], object], name: Callable[[Case], str] = repr
) -> None:
    """`check` on every case of `cases`; the test fails naming each case it failed on."""
    listed = list(cases)
    found = failing(listed, check, name)
    if found:
        pytest.fail(
            f"{len(found)} of {len(listed)} cases failed:\n" + "\n".join(found), pytrace=False
        )


def grouped(cases: Iterable[Case], by: Callable[[Case], str]) -> dict[str, list[Case]]:
    """`cases` in groups by `by` of each (a case's language: one test a language), in
    the order first met."""
    groups: dict[str, list[Case]] = {}
    for case in cases:
        groups.setdefault(by(case), []).append(case)
    return groups
