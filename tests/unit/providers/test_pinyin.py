"""The content's pinyin as numbered syllables, and the slips no dictionary explains
(issue 31: 4)."""

from __future__ import annotations

import importlib.util

import pytest

from tts_assets.providers.pinyin import doubtful, plain, syllables


@pytest.mark.parametrize(
    ("pinyin", "count", "numbered"),
    [
        ("pián yi", 2, ("pian2", "yi5")),
        ("piányi", 2, ("pian2", "yi5")),
        ("Nǐ hǎo!", 2, ("ni3", "hao3")),
        ("shuō zhōngwén", 3, ("shuo1", "zhong1", "wen2")),
        ("zhong1wen2", 2, ("zhong1", "wen2")),
        ("pian2 yi5", 2, ("pian2", "yi5")),
        ("xiān", 1, ("xian1",)),
        ("xī'ān", 2, ("xi1", "an1")),
        ("xīān", 2, ("xi1", "an1")),
        ("lǜsè", 2, ("lv4", "se4")),
        ("yìdiǎnr", 3, ("yi4", "dian3", "er5")),
        ("hello world", None, None),
        ("jǐ diǎn", 3, None),  # two syllables for three characters
    ],
)
def test_the_content_pinyin_as_numbered_syllables(
    pinyin: str, count: int | None, numbered: tuple[str, ...] | None
) -> None:
    assert syllables(pinyin, count) == numbered


def test_numbered_syllables_are_shown_with_tone_marks() -> None:
    assert plain(("pian2", "yi5", "lv4", "gou3")) == "pián yi lǜ gǒu"


@pytest.mark.skipif(importlib.util.find_spec("pypinyin") is None, reason="no pypinyin")
def test_a_reading_no_dictionary_gives_the_character_is_a_likely_slip() -> None:
    assert [(c, s) for c, s, _ in doubtful("呢", ("nei5",))] == [("呢", "nei5")]
    assert [(c, s) for c, s, _ in doubtful("姐妹", ("jie3", "jie5"))] == [("妹", "jie5")]
    # Polyphones read as the content says are no slip; nor is a tone.
    assert doubtful("便宜", ("pian2", "yi5")) == []
    assert doubtful("几点", ("ji3", "dian3")) == []
    assert doubtful("只", ("zhi1",)) == []
    assert doubtful("一只", ("yi4", "zhi1")) == []


@pytest.mark.slow  # loads misaki's Chinese dictionaries: seconds
@pytest.mark.skipif(importlib.util.find_spec("misaki") is None, reason="no kokoro-zh extra")
def test_kokoro_says_the_content_pinyin_through_misaki_tables() -> None:
    from tts_assets.providers.kokoro_phonemes import chinese_with_pinyin, phonemize

    # misaki reads 只 alone as zhǐ; the content's measure word is zhī.
    told = chinese_with_pinyin("只", ("zhi1",))
    assert (told.verdict, told.phonemes) == ("disagree", "ꭧɨ→")
    assert (
        told.message
        == "只: misaki (Kokoro) reads 只 otherwise (zhǐ), the content says zhī; said from the "
        "pinyin"
    )
    assert phonemize("只", "zh", "") == "ꭧɨ↓"
    # In a sentence only the misread word changes, cut as misaki cuts it.
    told = chinese_with_pinyin("我有一只猫。", ("wo3", "you3", "yi4", "zhi1", "mao1"))
    assert told.verdict == "agree" and told.phonemes is None  # 一 changes its tone
    told = chinese_with_pinyin("很便宜。", ("hen3", "bian4", "yi2"))
    assert told.verdict == "disagree"
    assert told.phonemes == "xə↓n pjɛ↘ni↗."
    assert chinese_with_pinyin("便宜", ("pian2", "yi5")).verdict == "agree"
