"""Every form two dictionaries read two ways is decided, doubted or noted: the
list (`written_alike.tsv`, from SudachiDict core and the analyzer's naist-jdic) and the note
on a text that no rule decides it in."""

from __future__ import annotations

import pytest

from tts_assets.lang.ja import written_alike
from tts_assets.lang.ja.analysis import first_analysis
from tts_assets.lang.ja.reconcile import reconcile
from tts_assets.lang.ja.written_alike import SETTLED, listed, otherwise
from tts_assets.review.collect import READING_VERDICTS


def test_the_list_holds_words_of_both_dictionaries_and_no_sound_change() -> None:
    forms = listed().forms
    assert [r for r, _ in forms["年"]] == ["とし", "ねん"]
    assert dict(forms["行っ"]) == {"いっ": "行く", "おこなっ": "行う"}  # two words' forms
    assert "言う" not in forms  # いう, ゆう: both said ゆー
    assert len(forms) > 3000


def test_a_word_of_the_list_no_rule_decides_is_doubted_or_noted_by_its_risk() -> None:
    # 年 in 年をとる: the analyzer's own model keeps a weight for ねん, so the sentence does
    # not settle it: a doubt, on the review page, with how likely it is wrong.
    decided = reconcile("年をとると、朝早く目が覚める。")
    assert decided.verdict == "doubt"
    assert "年 is said とし; written alike, it is also read ねん" in (decided.message or "")
    assert decided.risk is not None and SETTLED <= decided.risk < 1
    # 一途 before な: SudachiPy makes it a 形状詞, which no entry read いっと is, where
    # alone it makes it a noun, and the model leaves little weight for いっと: settled by
    # grammar, noted, not a row.
    settled = reconcile("一途な思いが彼女を動かした。")
    assert settled.verdict == "alike" and "一途 is said いちず" in (settled.message or "")
    assert settled.risk is not None and settled.risk < SETTLED
    # 上手 before だ: a 形状詞 too, but SudachiPy makes 上手 alone one as well, the commoner
    # entry's part of speech whatever the sentence says (一枚上手だった is うわて): the
    # grammar tells nothing, and うわて, かみて keep a weight: a doubt.
    untold_by_grammar = reconcile("彼女は歌がとても上手だ。")
    assert untold_by_grammar.verdict == "doubt"
    assert "上手 is said じょうず" in (untold_by_grammar.message or "")
    # 明日: あした and あす are entries of one part of speech; the model weighs あす one
    # in a hundred here, the grammar tells them not apart: a doubt, not the commoner
    # reading in silence.
    untold = reconcile("明日をも知れぬ命だった。")
    assert untold.verdict == "doubt" and "also read あす" in (untold.message or "")
    # 本 もと: one part of speech too, but weighed below one in two hundred: noted.
    rare = reconcile("図書館で本を借りました。")
    assert rare.verdict == "alike" and "本 is said ほん" in (rare.message or "")
    assert READING_VERDICTS["alike"] is None
    assert READING_VERDICTS["doubt"] == "reading-doubt"


def test_two_analyzers_reading_a_word_two_ways_in_its_sentence_make_a_doubt() -> None:
    # 寒 of 寒っぽい: the analyzer reads かん, SudachiDict さむ in this sentence, though each
    # reads 寒 alone as the other does: the sentence settles nothing, a doubt.
    decided = reconcile("この部屋は寒っぽい感じがする。")
    assert decided.verdict == "doubt"
    assert "SudachiDict reads it さむ here" in (decided.message or "")
    assert decided.risk is not None and decided.risk >= SETTLED
    # 私: the two dictionaries' commoner readings differ (わたし, わたくし) wherever it
    # stands; the sentence moved neither, so it is only noted.
    noted = reconcile("私は日本語を勉強するつもりです。")
    assert noted.verdict == "alike" and "SudachiDict" not in (noted.message or "")


def test_two_analyzers_moved_by_the_sentence_to_one_reading_settle_it() -> None:
    # 十分 in 時間は十分にある: the analyzer reads it じゅうぶん here, じゅっぷん alone,
    # SudachiPy じゅうぶん here, じゅうふん alone: each moved by the sentence to the same
    # reading, though the analyzer's own weights keep a third for another: settled.
    sentence = "時間は十分にあるから、急がなくていい。"
    morphemes = first_analysis(sentence)
    at = next(i for i, m in enumerate(morphemes) if m.surface == "十分")
    assert otherwise(morphemes, at) > SETTLED and written_alike.moved_alike(morphemes, at)
    assert reconcile(sentence).verdict != "doubt"
    # 明日 in 明日をも知れぬ: both read あした as they read it alone: not moved, a doubt.
    untold = first_analysis("明日をも知れぬ命だった。")
    assert not written_alike.moved_alike(untold, 0)


def test_a_reading_only_voiced_otherwise_in_the_same_synonym_groups_is_no_other_word() -> None:
    # 難しかっ むずかしかっ, むつかしかっ: ズ is ヅ in sound, the voiced ツ, and SudachiDict
    # puts neither in a synonym group: one word's two forms, not a note nor a doubt.
    decided = reconcile("試験は難しかった。")
    assert "難しかっ" not in (decided.message or "")
    assert decided.verdict not in ("doubt", "alike")
    assert written_alike._variant("難しかっ", "ムズカシカッ", "むつかしかっ")
    # 心中 しんちゅう (one's heart) is in a synonym group, しんじゅう (a double suicide) in
    # none: two words, though they differ by a voiced mora only.
    assert not written_alike._variant("心中", "シンチュウ", "しんじゅう")
    assert not written_alike._variant("今日", "キョウ", "こんにち")


def test_a_word_the_analyzer_weighs_one_in_ten_otherwise_is_a_doubt() -> None:
    # 弾く in この布は水を弾く: the analyzer says ひく (a piano) and leaves about a fifth of
    # its weight for はじく (to repel), much as for 弾く alone: the sentence settles nothing.
    decided = reconcile("この布は水を弾く。")
    assert decided.verdict == "doubt" and "also read はじく" in (decided.message or "")
    assert decided.risk is not None and SETTLED <= decided.risk < 0.2


def test_the_grammar_around_a_word_weighs_its_readings() -> None:
    # 方 after の before が is ほう (the comparison): the weight the model leaves for かた
    # is less than for 方 alone, as the grammar moves it, not a cue list.
    comparison = first_analysis("肉より魚の方が好きです。")
    at = next(i for i, m in enumerate(comparison) if m.surface == "方")
    assert otherwise(comparison, at) < otherwise(first_analysis("方"), 0) / 2
    forehead = first_analysis("暑くて、額に汗をかいている。")
    at = next(i for i, m in enumerate(forehead) if m.surface == "額")
    assert otherwise(forehead, at) > SETTLED


def test_a_rule_decides_before_a_note_and_a_compounds_part_is_not_noted() -> None:
    assert reconcile("年に一度、旅行します。").verdict != "doubt"
    assert "ネンニ" in reconcile("年に一度、旅行します。").pronunciation
    assert "学 is said" not in (reconcile("経済学を勉強します。").message or "")
    # A word of two characters joined to one before it is a word of its own, not a suffix.
    joined = reconcile("画面の右上方に時計が表示されている。")
    assert joined.verdict == "doubt" and "also read じょうほう" in (joined.message or "")


def test_a_word_only_sudachidict_reads_otherwise_is_a_doubt_where_its_sentence_weighs_it() -> None:
    # 金星: naist-jdic has no きんせい (the planet), so it is not of the list; SudachiDict's
    # entries give it, and the analyzer's model weighs another reading here: a doubt.
    decided = reconcile("金星は太陽系で二番目の惑星だ。")
    assert decided.verdict == "doubt" and "also read きんせい" in (decided.message or "")
    assert decided.risk is not None and decided.risk >= SETTLED
    # 日本 (にっぽん too) in a plain sentence: settled, and not even noted.
    plain = reconcile("日本に来て、もう三か月になります。")
    assert "日本 is said" not in (plain.message or "")
    # A person's name is no other reading (明治 あきはる), nor a sound change (米 ごめ).
    assert "あきはる" not in (reconcile("明治時代に鉄道ができた。").message or "")


def test_a_reading_two_dictionaries_hold_and_the_sentence_allows_is_a_doubt() -> None:
    # 家中: not of the list (naist-jdic reads it いえじゅう alone), but SudachiDict's entry
    # is かちゅう, and the analyzer's own analyses read it so at a small weight: a doubt.
    decided = reconcile("彼は藩の家中の者だった。")
    assert decided.verdict == "doubt" and "also read かちゅう" in (decided.message or "")
    # 一月: SudachiDict cuts 一|月; its characters' entries read ひと+つき, as the
    # analyzer's analyses do beside いちがつ: a doubt too.
    month = reconcile("入院してから一月が過ぎた。")
    assert month.verdict == "doubt" and "also read ひとつき" in (month.message or "")
    # 着い ちゃくい: the analyses alone read it so, no dictionary holds it: no doubt.
    assert reconcile("空港に着いた。").verdict != "doubt"


def test_a_word_of_the_list_hidden_in_a_longer_word_read_otherwise_is_a_doubt() -> None:
    # 目下準備: the analyzer cuts 目|下準備 and says めしたじゅんび; SudachiPy cuts 目下|準備,
    # a cut inside the analyzer's word, and reads もっかじゅんび: a doubt naming its reading.
    decided = reconcile("目下準備中です。")
    assert decided.verdict == "doubt"
    message = decided.message or ""
    assert "目下準備 is said めしたじゅんび; 目下 in it is written alike" in message
    assert "SudachiDict reads 目下準備 もっかじゅんび here" in message
    assert decided.risk is not None and decided.risk >= SETTLED


def test_a_word_the_analyzer_cut_in_pieces_of_kanji_is_weighed_as_a_whole() -> None:
    # 二重: the analyzer cuts 二|重 and says にじゅう, SudachiPy cuts it alike, and 重
    # joined to 二 is a compound's part: the list's 二重 (ふたえ too) is weighed whole.
    decided = reconcile("彼女は目が二重でとてもかわいい。")
    assert decided.verdict == "doubt"
    assert "二重 is said にじゅう; written alike, it is also read ふたえ" in (decided.message or "")
    # 十八番: not of the list (naist-jdic lacks おはこ), but one word of SudachiDict.
    whole = reconcile("手品は彼の十八番で、宴会で必ず披露する。")
    assert "十八番 is said じゅうはちばん; written alike, it is also read おはこ" in (
        whole.message or ""
    )
    # 三人: SudachiDict's 三人 is read さんにん as said: nothing to weigh.
    assert "三人 is said" not in (reconcile("三人で行きました。").message or "")


def test_a_sentence_holding_no_form_of_the_list_is_never_read_by_sudachi(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # SudachiDict loaded in every reading worker for kana alone ran a worker out of memory.
    def refused(sentence: str) -> None:
        raise AssertionError(f"SudachiPy read {sentence}")

    monkeypatch.setattr(written_alike, "_sudachi", refused)
    morphemes = first_analysis("ことばをおぼえる。")
    assert written_alike.hidden(morphemes, ()) == []
