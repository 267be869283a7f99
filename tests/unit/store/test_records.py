"""A record's fields checked (`store.records.damage`): the pass taken at once for a text
where any text goes says what each field's own check says."""

from __future__ import annotations

from tests.e2e.test_damaged_records import INSIDE, WRONG
from tests.support.sweep import check_each
from tts_assets.store.records import CHECKS, PLACE, damage

FIELD_NAMES = list(CHECKS)


def test_each_field_is_damaged_exactly_where_its_check_says() -> None:
    check_each(
        _each_field_is_damaged_exactly_where_its_check_says,
        [(c,) for c in FIELD_NAMES],
        ids=lambda case: repr(case[-1]),
    )


def _each_field_is_damaged_exactly_where_its_check_says(name: str) -> None:
    values = [*WRONG.values(), *INSIDE.get(name, []), "", "a text", "0" * 64]
    for value in values:
        why = CHECKS[name](value)
        said = damage({name: value})
        if why is None:
            assert said is None, (name, value)
        else:
            assert said is not None and said.startswith(name), (name, value, said)
            assert said.removeprefix(name).removeprefix(": ") in (why, why.removeprefix(PLACE))


def test_the_first_damaged_field_of_a_record_is_named() -> None:
    entry = {"key": "k", "path": "vocabulary/k.mp3", "lang": "ja", "bytes": "12", "note": 3}
    assert damage(entry) == "bytes: a string, not a count of bytes"
    assert damage({**entry, "bytes": 12}) == "note: a number, not a string"
    assert damage({**entry, "bytes": 12, "note": None}) is None
