"""No wrong reading of a Chinese polyphone in silence. A character read one way
in speech and another in writing (文白异读: 血 xiě, xuè) is flagged with the other unless a
word of the dictionary, or a rule backed by one, decides; the dictionary's words are said
against g2pM's doubts (便宜, 长大 said right again); a doubt never names a reading the
sentence cannot have; Traditional 著 as the particle is 着. Loads pypinyin and g2pM: slow."""

from __future__ import annotations

import pytest

from tts_assets.lang.zh import decide_simplified
from tts_assets.lang.zh.decide import available

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not available(), reason="pypinyin or g2pM is not installed"),
]


def _read(text: str) -> tuple[tuple[str, ...], dict[int, str]]:
    (found,) = decide_simplified([text])
    assert found is not None
    return found.syllables, {d.index: d.other for d in found.doubts}


def test_a_colloquial_reading_no_entry_decides_is_flagged_with_the_other() -> None:
    said, doubts = _read("锅里的饭熟了吗？")  # shóu or shú: no word, no rule says
    assert said[4] in ("shu2", "shou2") and doubts[4] in ("shu2", "shou2") and said[4] != doubts[4]
    said, doubts = _read("我的钥匙落在家里了。")  # là "left behind", or luò "fallen"
    assert 4 in doubts and {said[4], doubts[4]} <= {"la4", "luo4", "lao4"}


def test_a_colloquial_reading_of_a_phrase_cc_cedict_reads_otherwise_is_flagged() -> None:
    # pypinyin's phrase 落下 is là xià ("to leave behind"), CC-CEDICT's luò xià ("to
    # fall"), the model leaning to it; 献血 xiàn xiě against CC-CEDICT's xuè, no model's
    for text, index, said, other in [
        ("雪花慢慢地落下。", 5, "la4", "luo4"),
        ("他去医院献血了。", 5, "xie3", "xue4"),
    ]:
        syllables, doubts = _read(text)
        assert {syllables[index], doubts.get(index)} == {said, other}, text


def test_a_rule_backed_by_an_entry_decides_a_colloquial_reading_without_a_flag() -> None:
    cases = [
        ("他的手划破了，流了一点儿血。", 11, "xie3"),  # 流血 liú xiě
        ("医生说她有点儿贫血。", 8, "xue4"),  # the word 贫血
        ("你的铅笔该削了。", 5, "xiao1"),  # 削铅笔
        ("我来剥橘子。", 2, "bao1"),  # 剥皮
        ("这件衬衫洗了以后掉色了。", 9, "shai3"),  # 褪色
        ("上课的时候不要嚼口香糖。", 7, "jiao2"),  # 嚼舌
        ("请把那本书给我。", 5, "gei3"),  # 送给
        ("他把衣服塞进了箱子里。", 4, "sai1"),  # 塞满
        ("这件衣服太薄了，冬天穿会冷。", 5, "bao2"),  # 薄薄
        ("秋天到了，树叶都落了。", 7, "luo4"),  # 降落: the dictionary's 落了 is là le
    ]
    for text, index, reading in cases:
        said, doubts = _read(text)
        assert (said[index], doubts.get(index)) == (reading, None), text


def test_the_dictionary_s_word_is_said_where_the_model_doubts_it() -> None:
    # 便宜 and 长大 were once said biàn yi and cháng dà: g2pM doubts them, and
    # a voice that read them otherwise won the doubt (`_voice_wins_doubts`). The word's
    # reading is said; where the model all but rules it out (上当, 着急), it is flagged by
    # the calibration alone (`Doubt.calibrated`: no reason to doubt the content's pinyin).
    for text, index, reading in [
        ("这件衣服便宜吗？", 4, "pian2"),
        ("哪个便宜？", 2, "pian2"),
        ("孩子长大了。", 2, "zhang3"),
        ("长大", 0, "zhang3"),
        ("我买东西的时候上当了。", 8, "dang4"),
        ("别着急，慢慢说。", 1, "zhao2"),
    ]:
        (found,) = decide_simplified([text])
        assert found is not None and found.syllables[index] == reading, text
        assert all(d.calibrated for d in found.doubts if d.index == index), text
    said, _ = _read("事情紧急，你可以便宜行事。")
    assert said[7] == "bian4"


def test_a_reading_the_sentence_cannot_have_is_never_the_other() -> None:
    # `PLAUSIBLE`: 好 hào at 0.009 % in 看孩子好吗 is not offered.
    for text in ["他在喝水。", "你好吗？", "这个菜很好吃。", "你帮我看一下孩子好吗？"]:
        _, doubts = _read(text)
        assert doubts == {}, (text, doubts)


def test_traditional_zhe_as_the_particle_is_zhe_and_zhu_in_its_words() -> None:
    assert _read("他一直看著窗外。")[0][4] == "zhe5"
    assert _read("我昨天晚上睡不著。")[0][7] == "zhao2"
    assert _read("別著急，慢慢說。")[0][1] == "zhao2"
    assert _read("他是著名的作家。")[0][2] == "zhu4"
    assert _read("效果很顯著。")[0][4] == "zhu4"
