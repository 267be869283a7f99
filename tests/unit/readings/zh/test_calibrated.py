"""A word of the dictionary is said as the dictionary
reads it, whatever the model thinks of it, and not flagged (its doubts of such words on
course sentences were mostly wrong: a flag must mean something); a set phrase a rule of the
grammar reads otherwise, and a word the dictionary reads otherwise as written than in
Simplified characters, are flagged naming the word's reading. Loads
pypinyin and g2pM: slow."""

from __future__ import annotations

import pytest

from tts_assets.lang.zh import decide_simplified
from tts_assets.lang.zh.decide import WORD, Decided, available

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not available(), reason="pypinyin or g2pM is not installed"),
]


def _decided(text: str) -> Decided:
    (found,) = decide_simplified([text])
    assert found is not None
    return found


def _doubt(found: Decided, index: int) -> tuple[str, str, str, bool] | None:
    """The doubt at `index`: (the reading said, the other, whether the calibration's)."""
    return next(
        ((d.char, d.said, d.other, d.calibrated) for d in found.doubts if d.index == index), None
    )


def test_a_dictionary_word_the_model_all_but_rules_out_is_said_and_not_flagged() -> None:
    # 照相 xiàng, which g2pM reads xiāng at 0.9997: on course sentences the model's doubts of
    # the dictionary's words were wrong 40 times of 42, so the word decides, with no flag
    # (at least 40 % of the flags on Chinese readings mark a wrong one). The cost,
    # CPP's Wikipedia words the dictionary reads wrong (吡咯 gē for luò), is in BENCHMARKS.md.
    photo = _decided("周末我们去公园照相吧。")
    assert photo.syllables[8] == "xiang4"
    assert _doubt(photo, 8) is None
    grounds = {index: (ground, sure) for index, ground, sure in photo.grounds}
    assert grounds[8][0] == WORD and grounds[8][1] < 0.01


def test_a_text_that_is_one_word_of_the_dictionary_is_read_as_the_word() -> None:
    # A vocabulary's 照相 alone: no sentence for the model to read it by, and the
    # calibration was measured on sentences. Said as the dictionary reads it, no flag.
    for text, index, reading in [("照相", 1, "xiang4"), ("人参。", 1, "shen1")]:
        found = _decided(text)
        assert found.syllables[index] == reading and found.doubts == (), text


def test_a_dictionary_word_the_model_does_not_rule_out_is_decided() -> None:
    # 便宜 (g2pM gives pián more than 1 in 5) and 银行 háng: no flag.
    cheap, bank = _decided("这件衣服很便宜。"), _decided("他们在银行工作。")
    assert cheap.syllables[5:7] == ("pian2", "yi5") and cheap.doubts == ()
    assert bank.syllables[4] == "hang2" and bank.doubts == ()


def test_a_set_phrase_a_rule_reads_otherwise_is_flagged_with_its_reading() -> None:
    # 调 "to adjust" before its result (调小) and 着 the particle after a verb are rules of
    # the grammar; in 老调重弹 and 吃着不尽 the idiom's reading is another.
    tune = _decided("老调重弹")
    assert _doubt(tune, 1) == ("调", "tiao2", "diao4", False)
    food = _decided("他家吃着不尽。")
    assert _doubt(food, 3) == ("着", "zhe5", "zhuo2", False)
    # A word of two characters a rule reads otherwise is the rule's, as before (这种 zhǒng).
    kind = _decided("这种草药很好。")
    assert kind.syllables[1] == "zhong3" and _doubt(kind, 1) is None


def test_a_word_read_otherwise_as_written_than_in_simplified_is_flagged() -> None:
    # 捱风缉缝 is qī in pypinyin's phrase; its Simplified 挨风缉缝, jī.
    stitched = _decided("捱风缉缝")
    assert _doubt(stitched, 2) == ("缉", "ji1", "qi1", False)
    # 一笔抹摋 mò: its Simplified form is no word of the dictionary, the model reads mǒ.
    erased = _decided("一笔抹摋")
    assert _doubt(erased, 2) == ("抹", "mo3", "mo4", False)
    # Written as the dictionary reads it in Simplified characters too: nothing to add.
    assert _decided("銀行很遠。").doubts == ()
