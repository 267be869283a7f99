"""Pronunciation overrides in every language: a word of a language other
than Japanese respelled once for all its texts, matched as a whole word."""

from __future__ import annotations

import pytest

from tts_assets.errors import InputError
from tts_assets.readings import Overrides


def test_a_latin_word_respelled_is_said_so_as_a_whole_word_only() -> None:
    found = Overrides.parse({"Homeoffice": "Hohmoffiss", "御雑煮": "おぞうに"})
    assert [o.form for o in found] == ["御雑煮"]  # the Japanese engine's, as before
    assert found.respell("Ich arbeite im Homeoffice.") == "Ich arbeite im Hohmoffiss."
    assert found.respell("Homeofficetage, Homeoffice-Tage") == "Homeofficetage, Hohmoffiss-Tage"
    assert [r.form for r in found.respelled_in("Homeofficetage")] == []
    assert [r.describe() for r in found.respelled_in("im Homeoffice")] == [
        "Homeoffice = Hohmoffiss"
    ]


def test_a_word_in_another_script_is_respelled_where_it_stands() -> None:
    found = Overrides.parse({"AI": "에이아이"})
    assert found.respell("AI 기술") == "에이아이 기술"
    assert found.respell("我喜欢AI。") == "我喜欢에이아이。"  # a whole word beside Chinese
    assert found.respell("FAIR") == "FAIR"


def test_a_japanese_form_still_needs_a_kana_reading() -> None:
    with pytest.raises(InputError, match='reading is not kana: "ozouni"'):
        Overrides.parse({"御雑煮": "ozouni"})


def test_the_config_table_wins_over_the_file_for_the_same_word() -> None:
    in_file = Overrides.parse({"Homeoffice": "Homofis", "Job": "Dschobb"})
    joined = in_file.joined(Overrides.parse({"Homeoffice": "Hohmoffiss"}))
    assert joined.respell("Homeoffice Job") == "Hohmoffiss Dschobb"


def test_an_elided_article_leaves_the_word_whole() -> None:
    found = Overrides.parse({"email": "imeil"})
    assert found.respell("Ho letto l'email.") == "Ho letto l'imeil."
