"""A cloze's parts read as its filled sentence reads them: a blank inside a
word (`読___ください`) leaves the kanji before it said as in the word (読 ヨ, not よみ), and
a part said the same either way keeps its clip's key."""

from __future__ import annotations

import pytest

from tts_assets.lang.ja.reader import Decided
from tts_assets.lang.ja.reconcile import Reading
from tts_assets.languages import resolved
from tts_assets.providers.kokoro import KokoroProvider
from tts_assets.readings.saying import Form, Saying, Written

VOICE = "jf_alpha"


@pytest.fixture(scope="module")
def kokoro() -> KokoroProvider:
    return KokoroProvider()


def _decisions(form: Form) -> tuple[Reading, ...]:
    """What the Japanese reader decided of `form` (its own value, `Form.own`)."""
    assert isinstance(form.own, Decided)
    return form.own.decisions


def _forms(kokoro: KokoroProvider, *written: Written) -> list[Form]:
    return Saying(fresh=True).forms([(w, kokoro, VOICE) for w in written])


def test_a_kanji_before_a_blank_inside_its_word_is_said_as_in_the_word(
    kokoro: KokoroProvider,
) -> None:
    gapped = "本を読 [pause:2s] ください"
    cloze, alone = _forms(
        kokoro,
        Written(gapped, resolved("ja"), context="本を読んでください"),
        Written(gapped, resolved("ja")),
    )
    assert [d.pronunciation for d in _decisions(alone)] == ["ホンヲヨミ", "クダサイ"]
    assert [d.pronunciation for d in _decisions(cloze)] == ["ホンヲヨ", "クダサイ"]
    assert _decisions(cloze)[0].source == "sentence"
    said = Saying(fresh=True).said(cloze, kokoro)
    assert said.phonemes is not None and said.phonemes[0].endswith(" jo")
    assert cloze.material != alone.material  # its reading changed: a new clip
    assert Saying(fresh=True).holds([cloze])


def test_a_part_said_the_same_either_way_keeps_its_key(kokoro: KokoroProvider) -> None:
    gapped = "私 [pause:2s] 学生です。"
    cloze, alone = _forms(
        kokoro,
        Written(gapped, resolved("ja"), context="私が学生です。"),
        Written(gapped, resolved("ja")),
    )
    assert _decisions(cloze) == _decisions(alone)
    assert cloze.material == alone.material


@pytest.mark.parametrize(
    ("gapped", "context"),
    [
        ("図 [pause:2s] 館に行く", "図書館に行く"),  # a kanji on both sides: no sound of its own
        ("私 [pause:2s] 学生です", "僕が先生です"),  # the parts are not in the sentence
    ],
)
def test_a_part_whose_sound_the_sentence_cannot_give_is_read_alone(
    kokoro: KokoroProvider, gapped: str, context: str
) -> None:
    cloze, alone = _forms(
        kokoro, Written(gapped, resolved("ja"), context=context), Written(gapped, resolved("ja"))
    )
    assert _decisions(cloze) == _decisions(alone)
