"""The accent a Japanese text is told: OpenJTalk's accent phrases of the whole text as H/L
per mora (downstep, pauses, a question's rise), an accent the content states, and the
level of each Kokoro phoneme."""

from __future__ import annotations

import pytest

from tests.support.sweep import check_each
from tts_assets.lang.ja.accent import (
    AccentProblem,
    accent_pattern,
    expected_accent,
    kana_accent,
    level_letters,
    levels,
    phoneme_pitch,
    phrases_of_pattern,
    stated_pattern,
    told_pattern,
)
from tts_assets.lang.ja.analysis import Morpheme, first_analysis
from tts_assets.lang.ja.reconcile import reconcile


def test_a_pattern_follows_from_where_the_pitch_falls() -> None:
    def case(accent: int, morae: int, pattern: str) -> None:
        assert accent_pattern(accent, morae) == pattern

    check_each(
        case,
        [
            (0, 2, "LH"),  # 飴: flat
            (1, 2, "HL"),  # 雨: head-high
            (2, 2, "LH"),  # 花: tail-high, alike alone
            (2, 4, "LHLL"),  # middle-high
            (1, 1, "H"),
            (0, 1, "L"),
        ],
    )


def test_the_analyzer_gives_each_accent_phrase_its_pattern() -> None:
    def case(text: str, patterns: list[str]) -> None:
        assert [phrase.pattern for phrase in expected_accent(text)] == patterns

    check_each(
        case,
        [
            ("雨", ["HL"]),
            ("飴", ["LH"]),
            ("箸", ["HL"]),
            ("橋", ["LH"]),
            ("端", ["LH"]),
            ("牡蠣", ["HL"]),
            ("柿", ["LH"]),
            # The particle leans on the word: 橋を falls onto を, 端を would not.
            ("橋を渡る", ["LHL", "LHH"]),
            ("先生が来た。", ["LHHLL", "HL"]),
        ],
    )


def test_a_whole_text_is_told_its_phrases() -> None:
    def case(text: str, pattern: str) -> None:
        assert told_pattern(first_analysis(text)) == pattern

    check_each(
        case,
        [
            # The reported sentence: きょうは HLL, あついですね LHLLLL.
            ("今日は暑いですね。", "HLL LHLLLL"),
            ("毎朝七時に起きます。", "HLLL LHLL LHHL"),
            # A comma: a pause, the range starts again.
            ("昨日、友達と映画を見ました。", "LHL | LHHHH LHHH LHLL"),
            # A question rises on its last mora: before ？, or ending in か.
            ("これは何ですか？", "LHH HLLLR"),
            ("駅はどこですか。", "HLL HLLLR"),
            # The minimal pairs inside a sentence are told apart.
            ("これは雨です。", "LHH HLLL"),
            ("これは飴です。", "LHH LHHL"),
            # Numbers with counters: the analyzer's sandhi.
            ("三本の鉛筆", "HLLLL LHHH"),
        ],
    )


def test_a_question_keeps_its_words_fall_before_its_rise() -> None:
    def case(text: str, pattern: str, letters: str) -> None:
        told = told_pattern(first_analysis(text))
        assert (told, level_letters(told)) == (pattern, letters)

    check_each(
        case,
        [
            # The word keeps its fall, the question its rise after it: 雨？ was
            # told HR (said like 飴？).
            ("雨？", "HV", "HV"),
            ("飴？", "LR", "L+"),
            ("木？", "V", "V"),  # one mora that falls, then rises
            ("気？", "R", "+"),
            ("橋を？", "LHV", "LHV"),
        ],
    )


def test_a_dip_is_laid_low_and_then_above_the_high() -> None:
    import numpy as np

    from tts_assets.audio.accent_contour import accent_contour

    frame = 0.005
    f0 = np.full(200, 200.0)  # a flat voice, one second
    morae = [(0.0, 0.5), (0.5, 1.0)]
    shaped = accent_contour(f0, frame, morae, "HV")
    first, dip, rise = shaped[40:60].mean(), shaped[120:140].mean(), shaped[185:].mean()
    assert dip < first < rise  # the fall kept, then the question's rise
    alone = accent_contour(f0, frame, [(0.0, 1.0)], "V")
    assert alone[60:70].mean() < alone[10:20].mean() < alone[185:].mean()


def test_an_exclamation_ending_in_ka_does_not_rise() -> None:
    assert "R" not in told_pattern(first_analysis("そうですか！"))


def test_a_word_spelled_out_is_accented_as_the_analyzer_accents_its_kana() -> None:
    # The decision keeps the accent of a word spelled out from its reading: its kana's.
    assert kana_accent("タベル") == 2
    assert told_pattern(first_analysis("たべる")) == "LHL"
    # Phonemes of an override: no kana to accent, said flat.
    own = (Morpheme("御節", "オセチ", "[osetɕi]", "osetɕi"),)
    assert told_pattern(own) == "LHH"


def test_the_range_steps_down_after_a_fall_and_starts_again_after_a_pause() -> None:
    heights = levels("HLL LHLLLL | LHH")
    first, second, third = heights[:3], heights[3:9], heights[9:]
    assert first == [1.0, 0.0, 0.0]
    # Downstep: the second phrase's high is lower, its first mora dips below it.
    assert max(second) < max(first)
    assert 0.0 < second[0] < max(second)
    # After the pause: the voice's high again, from its low.
    assert third == [0.0, 1.0, 1.0]
    # Down to a floor: many falls never flatten a phrase.
    many = levels(" ".join(["HLL"] * 8))
    assert min(h for h in many if h > 0) >= 0.5


def test_a_flat_phrase_does_not_step_the_next_one_down_much() -> None:
    flat = levels("LHH LHH")
    fell = levels("HLL LHH")
    assert max(flat[3:]) > max(fell[3:])


def test_a_question_rises_above_the_high() -> None:
    assert levels("LHH HLLLR")[-1] > 1.0
    assert level_letters("LHH HLLLR").endswith("+")


def test_words_keep_the_levels_they_had() -> None:
    # A word alone is told high and low as before every text was told.
    assert level_letters("LHL") == "LHL"
    assert level_letters("HL") == "HL"


def test_each_kokoro_phoneme_gets_the_level_of_its_mora() -> None:
    assert phoneme_pitch("ame", "HL") == "HLL"
    assert phoneme_pitch("ame", "LH") == "LHH"
    # Spaces between words have no level; ː and ɴ are morae of their own; the second
    # phrase is stepped down (its dip 2, its high 7).
    assert phoneme_pitch("haɕi o βataɾɯ", "LHL LHH") == "LLHH L 227777"
    assert phoneme_pitch("toːkʲoː", "LHHH") == "LLHHHHH"


def test_phonemes_of_other_morae_than_the_pattern_get_no_pitch() -> None:
    # A reading said otherwise (three morae for a word of two): no pattern to lay on it.
    assert phoneme_pitch("amega", "HL") is None


def test_a_pattern_is_cut_into_its_phrases() -> None:
    assert phrases_of_pattern("LHL | LHHHH LHHH") == ["LHL", "LHHHH", "LHHH"]


def test_the_accent_the_content_states_is_read() -> None:
    def case(value: object, morae: list[int], pattern: str) -> None:
        assert stated_pattern(value, morae) == pattern

    check_each(
        case,
        [
            ("HL", [2], "HL"),
            ("lhh", [3], "LHH"),
            ("L-H-H", [3], "LHH"),
            ("LHL", [2], "LH"),  # NHK style: the particle's level after the word, not said alone
            ("[1]", [3], "HLL"),
            ("0", [2], "LH"),
            (2, [3], "LHL"),
            # A text of two phrases: the content's phrases, spaced, slashed, or cut where the
            # analyzer's phrases are.
            ("LHL LHH", [3, 3], "LHL LHH"),
            ("LHL/LHH", [3, 3], "LHL LHH"),
            ("LHLLHH", [3, 3], "LHL LHH"),
            ("LHL | LHH", [3, 3], "LHL | LHH"),
            # Full-width, as ＬＨ and １ are typed in Japanese input.
            ("ＨＬ", [2], "HL"),
            ("ｌｈ", [2], "LH"),
            ("１", [2], "HL"),
        ],
    )


def test_an_accent_no_text_can_have_is_a_problem_that_says_why() -> None:
    def case(value: object, why: str) -> None:
        with pytest.raises(AccentProblem, match=why):
            stated_pattern(value, [3])

    check_each(
        case,
        [
            ("HLH", "rises once at most"),
            ("HH", "gives 2 morae, the text says 3"),
            ("LHHHH", "gives 5 morae"),
            ("5", "past the text's 3 morae"),
            (True, "is not an accent"),
            ("high", "not an accent number nor H and L"),
            ("LH HH", "rises once at most"),
            ("LH HL", "gives 4 morae"),
        ],
    )


def test_a_kunyomi_is_told_as_the_word_of_its_kanji() -> None:
    def case(reading: str, kanji: str, pattern: str) -> None:
        decided = reconcile(reading, kanji, "kunyomi")
        assert told_pattern(decided.morphemes) == pattern

    check_each(
        case,
        [
            ("みず", "水", "LH"),  # 水, not 見ず (HL), which the kana alone is read as
            ("なな.つ", "七", "LHL"),  # 七つ
            ("いれる", "入", "LHH"),  # 入れる, the ending found without its dot
            ("あめ", "雨", "HL"),
            ("あめ", "飴", "LH"),
        ],
    )


def test_an_onyomi_or_a_reading_no_word_of_the_kanji_has_keeps_its_kanas_accent() -> None:
    assert told_pattern(reconcile("スイ", "水", "onyomi").morphemes) == "HL"
    alone = told_pattern(reconcile("ふたたび", None, "kunyomi").morphemes)
    assert told_pattern(reconcile("ふたたび", "水", "kunyomi").morphemes) == alone
