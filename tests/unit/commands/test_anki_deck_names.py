"""A note's GUID names its course by the deck's name: two names the real Anki takes for
one deck must be one course, else every note is made anew beside its old self."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.sweep import check_each_one
from tts_assets.commands.anki import course_of, deck_of
from tts_assets.errors import InputError

NAMES = [
    "Café",
    "Cafe\u0301",  # a Mac's folder name, decomposed
    " Café ",  # a space typed at its end
    "CAFÉ",
    "café::ja",
    "Café :: ja",
    "Straße",
    "STRASSE",
    "İstanbul",
    "istanbul",
    "ﬀ",
    "FF",
    "Ａ",
    "A",
    "Café\u200b",
    "x\ny",  # a control character, typed or pasted
    "x\x1fy",
    "x\ty",
    "xy",
    "x\u00a0y",
    "x y",
]


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Any]:
    from anki.collection import Collection

    opened = Collection(str(tmp_path / "collection.anki2"))
    try:
        yield opened
    finally:
        opened.close()


def test_two_deck_names_are_one_course_exactly_when_anki_takes_them_for_one_deck(
    collection: Any,
) -> None:
    deck = {name: collection.decks.id(name) for name in NAMES}
    for one, other in itertools.combinations(NAMES, 2):
        same_deck = deck[one] == deck[other]
        assert (course_of(one) == course_of(other)) == same_deck, (one, other)


def test_a_deck_name_is_written_as_anki_would_write_it() -> None:
    assert deck_of(" Cafe\u0301 :: ja ") == "Café::ja"


def test_a_deck_name_anki_would_call_blank_is_refused() -> None:
    """Anki names a blank deck, or a blank part between `::`, "blank": a deck nobody asked
    for. Refused as bad input (exit 2); through the command line in
    tests/e2e/test_hostile_anki.py, nothing written."""

    def case(deck: str) -> None:
        with pytest.raises(InputError, match="needs a word") as refused:
            deck_of(deck)
        assert refused.value.exit_code == 2

    check_each_one(case, ["::", "Course::", "::ja", "   ", "Course:: ::ja"])
