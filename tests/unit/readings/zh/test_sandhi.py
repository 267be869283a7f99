"""The tone changes a speaker makes, from given syllables."""

from __future__ import annotations

from tests.support.sweep import check_each
from tts_assets.lang.zh.sandhi import spoken, undone


def test_tones_change_as_spoken() -> None:
    def case(text: str, given: tuple[str, ...], said: tuple[str, ...]) -> None:
        assert spoken(text, given) == said

    check_each(
        case,
        [
            ("你好", ("ni3", "hao3"), ("ni2", "hao3")),
            ("不是", ("bu4", "shi4"), ("bu2", "shi4")),
            ("一个", ("yi1", "ge4"), ("yi2", "ge4")),
            ("一起", ("yi1", "qi3"), ("yi4", "qi3")),
            ("一天", ("yi1", "tian1"), ("yi4", "tian1")),
            ("不好", ("bu4", "hao3"), ("bu4", "hao3")),
            ("看一看", ("kan4", "yi1", "kan4"), ("kan4", "yi5", "kan4")),
            ("去不去", ("qu4", "bu4", "qu4"), ("qu4", "bu5", "qu4")),
            ("第一", ("di4", "yi1"), ("di4", "yi1")),
            ("十一", ("shi2", "yi1"), ("shi2", "yi1")),
            ("一月", ("yi1", "yue4"), ("yi1", "yue4")),
            # 一 after a word ending in 一 is no row of numbers (唯一|一个); 一一零 is.
            ("唯一一个", ("wei2", "yi1", "yi1", "ge4"), ("wei2", "yi1", "yi2", "ge4")),
            ("一一零", ("yi1", "yi1", "ling2"), ("yi1", "yi1", "ling2")),
            ("展览馆", ("zhan3", "lan3", "guan3"), ("zhan2", "lan2", "guan3")),
            # What the content writes changed already is said as written.
            ("不是", ("bu2", "shi4"), ("bu2", "shi4")),
            ("一个", ("yi2", "ge4"), ("yi2", "ge4")),
            # Punctuation parts two third tones.
            ("好，好", ("hao3", "hao3"), ("hao3", "hao3")),
        ],
    )


def test_the_tone_changes_written_are_undone_where_the_speech_stays() -> None:
    def case(text: str, written: tuple[str, ...], cited: tuple[str, ...]) -> None:
        assert undone(text, written) == cited
        assert spoken(text, cited) == spoken(text, written)

    check_each(
        case,
        [
            ("你好", ("ni2", "hao3"), ("ni3", "hao3")),  # the tone change the content wrote
            ("你好", ("ni3", "hao3"), ("ni3", "hao3")),
            ("我很好", ("wo2", "hen2", "hao3"), ("wo3", "hen3", "hao3")),
            ("一个", ("yi2", "ge4"), ("yi1", "ge4")),
            ("一起", ("yi4", "qi3"), ("yi1", "qi3")),
            ("不是", ("bu2", "shi4"), ("bu4", "shi4")),
            ("看一看", ("kan4", "yi5", "kan4"), ("kan4", "yi1", "kan4")),
            # A second tone its character has no third tone of, or not before a third tone,
            # or one the speech would not give back, stays.
            ("没有", ("mei2", "you3"), ("mei2", "you3")),
            ("人口", ("ren2", "kou3"), ("ren2", "kou3")),
            ("好人", ("hao2", "ren2"), ("hao2", "ren2")),
            ("十一", ("shi2", "yi1"), ("shi2", "yi1")),
        ],
    )


def test_yi_and_bu_follow_the_own_tone_of_a_syllable_said_light() -> None:
    # 个 said light (yí ge) keeps its fourth tone for 一 before it: content writing
    # yī ge was said yī ge, where every speaker says yí ge.
    assert spoken("一个", ("yi1", "ge5")) == ("yi2", "ge5")
    assert spoken("一下", ("yi1", "xia5")) == ("yi2", "xia5")
    assert spoken("不吗", ("bu4", "ma5")) == ("bu4", "ma5")  # 吗 has no tone of its own
