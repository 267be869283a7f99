"""`slotted`: a frozen dataclass's instances made without its generated `__init__` are
the instances `__init__` and `dataclasses.replace` make."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tts_assets.content.item import Item, Stated, found_item, stated
from tts_assets.lang.ja.analysis import Morpheme
from tts_assets.languages import resolved
from tts_assets.readings.form import Form, ToRead, evolve, made_form
from tts_assets.readings.numbers import Spoken
from tts_assets.slotted import changer, maker

_text = st.text(max_size=8)
_maybe = st.none() | _text


@given(_text, _text, _text, _maybe, st.none() | st.integers(0, 999), st.booleans(), _maybe)
def test_a_made_instance_is_the_one_its_init_makes(
    surface: str,
    reading: str,
    said: str,
    phonemes: str | None,
    accent: int | None,
    joins: bool,
    read_as: str | None,
) -> None:
    make = maker(Morpheme)
    values = (surface, reading, said, phonemes, accent, joins, read_as)
    assert make(*values) == Morpheme(*values)
    assert make(surface, reading, said) == Morpheme(surface, reading, said)  # its defaults
    assert make(surface, reading=reading, pronunciation=said, joins=joins) == Morpheme(
        surface, reading, said, joins=joins
    )
    with pytest.raises(TypeError):
        make(surface, reading)  # a field without a default left out
    with pytest.raises(dataclasses.FrozenInstanceError):
        make(*values).surface = "x"  # type: ignore[misc]  # still frozen


@given(_maybe, _maybe, st.booleans(), st.sampled_from(["material", "verdict", "note", "keyed"]))
def test_a_changed_form_is_what_replace_makes(
    material: str | None, note: str | None, refused: bool, field: str
) -> None:
    form = Form(("a", "b"), Spoken("a b"), material="m", to_read=ToRead("a", None, "text"))
    changes: dict[str, Any] = {"material": material, "note": note, field: note}
    if refused:
        changes["refused"] = "why"
    made = evolve(form, **changes)
    assert made == dataclasses.replace(form, **changes)
    assert type(made) is Form
    assert evolve(form) == form and evolve(form) is not form
    with pytest.raises(TypeError):
        evolve(form, texts=("x",))  # not a field


def test_a_found_item_is_the_item_its_init_makes() -> None:
    fields = {
        "type_name": "vocabulary",
        "file": Path("vocabulary.json"),
        "text_path": (3, "word"),
        "text": "水",
        "spoken": "水",
        "lang": resolved("ja"),
        "url_path": (3, "audioUrl"),
        "voice": "jf_alpha",
        "field": "word",
        "split": False,
        "kind": "text",
        "stated": Stated("みず", None, None, ()),
        "timings": None,
        "made_from": None,
    }
    assert found_item(**fields) == Item(**fields)  # type: ignore[arg-type]
    assert hash(found_item(**fields)) == hash(Item(**fields))  # type: ignore[arg-type]


def test_a_class_whose_init_does_more_is_refused() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    @dataclasses.dataclass(frozen=True, slots=True)
    class Listed:
        values: list[int] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        value: int

    for cls in (Checked, Listed, Unslotted):
        with pytest.raises(TypeError):
            maker(cls)
        with pytest.raises(TypeError):
            changer(cls)


@given(_maybe, _maybe, _maybe, st.lists(_text, max_size=2), _maybe)
def test_a_text_s_form_and_what_is_stated_are_their_classes_own(
    reading: str | None, accent: str | None, kanji: str | None, left: list[str], note: str | None
) -> None:
    """`made_form` (a text's first form, `Saying._plain`) and `stated` (the loader's) make
    what the classes' `__init__` make."""
    ja = resolved("ja")
    made = made_form(("a",), Spoken("a"), verdict=note, note=note, lang=ja, alphabet=None)
    assert made == Form(("a",), Spoken("a"), verdict=note, note=note, lang=ja, alphabet=None)
    found = stated(reading, accent, kanji, tuple(left), note)
    if found is not None:
        assert found == Stated(reading, accent, kanji, tuple(left), note)
