"""A sweep: one test checks every case of a table of data and names each case that failed.

A case of its own costs pytest about a millisecond of CPU (collected, set up, reported,
sent from an xdist worker), more than many cases' own checks cost; a sweep pays it once.
It checks every case even after one failed, and its failure names each failed case with
what went wrong, as parametrized cases would have:

    check_each(_refused, {"number": ("5",), "bool": ("true",)})   # _refused("5"), ...
    check_each(split_is, CASES, ids=lambda case: case[0])          # a list of argument tuples
    check_each_one(said_right, SAID, ids=lambda case: case[0])     # each case one argument

A table checked a group at a time (one test a language, say) is `grouped` first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import pytest

Case = TypeVar("Case")


def failure(check: Callable[..., object], *args: Any) -> str | None:
    """What went wrong in `check(*args)`, or None when it passed: a failed assertion or
    `pytest.fail` as its message; any other exception (a bug where a test expects an
    answer) by its type and message."""
    try:
        check(*args)
    except (AssertionError, pytest.fail.Exception) as e:
        return str(e) or type(e).__name__
    except Exception as e:
        return f"{type(e).__name__}: {e}"
    return None


def check_each(
    check: Callable[..., object],
    cases: Mapping[str, Sequence[Any]] | Iterable[Sequence[Any]],
    ids: Callable[[Sequence[Any]], str] = repr,
) -> None:
    """`check(*case)` for every case (by name, or named by `ids`); fails naming each case
    that failed, with its message, once all were checked."""
    named = cases.items() if isinstance(cases, Mapping) else ((ids(c), c) for c in cases)
    failed: list[str] = []
    count = 0
    for name, case in named:
        count += 1
        why = failure(check, *case)
        if why is not None:
            failed.append(f"[{name}] {why}")
    assert count, "no case to check"
    if failed:
        pytest.fail(f"{len(failed)} of {count} cases failed:\n" + "\n".join(failed), pytrace=False)


def check_each_one(
    check: Callable[[Case], object], cases: Iterable[Case], ids: Callable[[Case], str] = repr
) -> None:
    """`check_each` where each case is `check`'s one argument (named by `ids`)."""
    check_each(check, [(case,) for case in cases], ids=lambda args: ids(args[0]))


def grouped(cases: Iterable[Case], by: Callable[[Case], str]) -> dict[str, list[Case]]:
    """`cases` in groups by `by` of each (a case's language: one test a language), in the
    order first met."""
    groups: dict[str, list[Case]] = {}
    for case in cases:
        groups.setdefault(by(case), []).append(case)
    return groups
