"""Content pinyin checked against its sentence: a polyphone the pinyin reads
otherwise than the decider, sure of its own, is a slip to flag; the content's reading is
still the one said (tests/e2e/test_chinese_pinyin_slips.py). Loads pypinyin and g2pM's
weights: slow."""

from __future__ import annotations

import pytest

from tests.support.sweep import check_each
from tts_assets.lang import zh as chinese
from tts_assets.lang.zh import decide, slips_each

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not decide.available(), reason="pypinyin or g2pM is not installed"),
]


def test_a_reading_its_sentence_does_not_have_is_a_slip() -> None:
    found = slips_each(
        [
            ("我都会去。", "wǒ dū huì qù."),
            ("首都", "shǒudū"),  # dū is right here
            ("这个菜很好吃。", "zhège cài hěn hàochī."),
            ("他对中国菜有特别的偏好。", "tā duì zhōngguó cài yǒu tèbié de piānhào."),
        ]
    )
    assert found[0] == (
        "我都会去。: the content's pinyin wǒ dū huì qù. gives 都 dū where its sentence reads "
        "dōu (“all”); said as the content gives it: check the pinyin"
    )
    assert found[1] is None
    assert found[2] is not None and "好 hào where its sentence reads hǎo" in found[2]
    assert found[3] is None  # 偏好 piānhào (pypinyin's phrase dictionary says hǎo)


def test_readings_a_sentence_allows_are_not_slips() -> None:
    def case(text: str, pinyin: str) -> None:
        assert slips_each([(text, pinyin)]) == [None]

    check_each(
        case,
        [
            ("谁", "shuí"),  # shéi as said, shuí the dictionary's: rules.toml's variants
            ("谁", "shéi"),
            ("你好", "ní hǎo"),  # the tone as said
            ("一个", "yí gè"),
            ("不是", "bú shì"),
            ("便宜", "piányi"),  # a neutral tone
            ("他调到北京工作了。", "tā tiáo dào Běijīng gōngzuò le."),  # in doubt: no slip
            ("大夫来了。", "dàifu lái le."),  # 大夫 is only a rule's to decide (unsure)
            ("我得走了。", "wǒ děi zǒu le."),
        ],
    )


def test_pinyin_that_does_not_pair_with_the_characters_is_left_to_the_pinyin_checks() -> None:
    assert slips_each([("我都会去。", "wǒ dōu qù"), ("ABC", "a b c")]) == [None, None]


def test_a_decider_that_fails_on_one_text_flags_it_and_checks_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = decide.decide_each

    def failing(texts: list[str]) -> list[decide.Decided | None]:
        if "坏" in "".join(texts):
            raise RuntimeError("boom")
        return real(texts)

    monkeypatch.setattr(decide, "decide_each", failing)
    found = slips_each([("坏了", "huài le"), ("我都会去。", "wǒ dū huì qù.")])
    assert found[0] == (
        "坏了: its pinyin could not be checked against its sentence (the decider failed: "
        "RuntimeError: boom); said as the content gives it: a bug in tts-assets, please "
        "report it"
    )
    assert found[1] is not None and "都 dū" in found[1]


def test_without_the_decider_nothing_is_flagged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decide, "decide_each", lambda texts: [None] * len(texts))
    assert chinese.slips_each([("我都会去。", "wǒ dū huì qù.")]) == [None]


def test_a_character_alone_is_no_slip_whatever_reading_it_is_given() -> None:
    def case(text: str, pinyin: str) -> None:
        assert slips_each([(text, pinyin)]) == [None]

    check_each(
        case,
        [
            ("只", "zhī"),  # the measure word, as a course lists it
            ("都", "dū"),
            ("还", "huán"),
        ],
    )


def test_a_check_that_fails_on_one_text_flags_it_and_checks_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tts_assets.lang.zh import pinyin, sandhi

    real_spoken, real_syllables = sandhi.spoken, chinese.syllables_for

    def spoken(text: str, *args: object) -> tuple[str, ...]:
        if text.startswith("坏"):
            raise IndexError("boom")
        return real_spoken(text, *args)  # type: ignore[arg-type]

    def syllables_for(text: str, given: str) -> tuple[str, ...] | None:
        if text.startswith("错"):
            raise ValueError("bad")
        return real_syllables(text, given)

    monkeypatch.setattr(sandhi, "spoken", spoken)
    monkeypatch.setattr(chinese, "syllables_for", syllables_for)
    assert pinyin.syllables_for is not syllables_for  # the pinyin rules refuse 错 themselves
    found = slips_each(
        [("坏了吧", "huài le ba"), ("错了吧", "cuò le ba"), ("我都会去。", "wǒ dū huì qù.")]
    )
    assert found[0] == (
        "坏了吧: its pinyin could not be checked against its sentence (the check failed: "
        "IndexError: boom); said as the content gives it: a bug in tts-assets, please report it"
    )
    assert found[1] is None
    assert found[2] is not None and "都 dū" in found[2]
