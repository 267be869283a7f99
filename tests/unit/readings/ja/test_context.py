"""Words the words beside decide (`readings/context.py`): minutes in kanji (十分, 五分,
八分, 九分, 二分) said as minutes where the analyzer reads another word of that spelling
(enough, tenths, halve); a rule changes only what the analyzer misreads, keys only the
clips it changes, and gives way to a reviewer's override and to the content's reading."""

from __future__ import annotations

import pytest

from tests.support.sweep import check_each, check_each_one
from tts_assets.lang.ja.context import GRAMMAR, JOINED, touching
from tts_assets.lang.ja.identity import said_material
from tts_assets.lang.ja.kana import to_hiragana
from tts_assets.lang.ja.reconcile import reconcile
from tts_assets.readings import Overrides

TEN_MINUTES = [
    "駅まで歩いて十分かかります。",
    "十分掛かる。",
    "十分ぐらい待ちました。",
    "十分くらいです。",
    "十分以内に来てください。",
    "電車が十分遅れました。",
    "十分経ったら出ます。",
    "十分かからない。",
]
MINUTES = {
    "五分かかります。": "ゴフン",
    "駅まで五分です。": "ゴフン",
    "約八分です。": "ハチフン",
    "八分で着きます。": "ハチフン",
    "三時八分に会いましょう。": "ハチフン",
    "九分後に出ます。": "キューフン",
    "二分かかります。": "ニフン",
    "会議は五分後です。": "ゴフン",
    "五分休みましょう。": "ゴフン",
}
ENOUGH_MISREAD = {
    "この電気製品はまだ十分使えるのに、新しいものに買い換えるのはもったいない。": "ジューブン",
    "彼の説明は十分足りると思います。": "ジューブン",
    "今から出れば十分間に合う。": "ジューブンマニアウ",
}
"""hanabira.org's sentences (the first two) the analyzer read as ten minutes."""
FOUND_ON_HANABIRA = {
    "週末、彼女をデートに誘おうと思います。": ("サソオー", "さそおう"),
    "重要なデータが全部落とされた。": ("ゼンブオトサレタ", "ぜんぶおとされた"),
    "彼は毎日会社まで車で運転しています。": ("マイニチカイシャ", "かいしゃ"),
    "夕食が済んだ後で、散歩に行きませんか？": ("スンダアトデ", "あとで"),
    "そのおかしい映画に皆大笑いした。": ("ミンナオーワライ", "みんな"),
    "君はその布を何色に染めるつもりですか？": ("ナニイロニ", "なにいろ"),
}
TENTHS = [
    "五分五分です。",
    "腹八分目",
    "八分咲き",
    "九分九厘",
    "五分刈り",
    "八分の力で",
    "五分の一",
    "二分の一",
    "二分する",
    "五分に渡り合う",
]
ENOUGH = ["時間は十分です。", "十分な時間がある。", "十分に気をつけて。"]
ALREADY_RIGHT = [
    "十分ほど休みましょう。",
    "十分おきにバスが来ます。",
    "一時十分です。",
    "十分後に出ます。",
]
UNDECIDED = ["十分待ってください。"]


def _said(text: str, **kwargs: object) -> str:
    return reconcile(text, **kwargs).pronunciation  # type: ignore[arg-type]


def test_ten_minutes_is_said_as_ten_minutes_by_every_provider() -> None:
    def case(text: str) -> None:
        decided = reconcile(text)
        assert "ジュップン" in decided.pronunciation and "ジューブン" not in decided.pronunciation
        assert "じゅっぷん" in decided.text_form  # a provider that takes text is sent the kana
        (rule,) = decided.overrides
        assert rule.rule is not None and "minutes" in rule.describe()
        # The clip's key names what is said, so the misread clip is never taken for it.
        assert said_material((decided,), (text,), phonemes=True) is not None
        assert said_material((decided,), (text,), phonemes=False) is not None

    check_each_one(case, TEN_MINUTES)


def test_minutes_in_kanji_are_said_as_minutes() -> None:
    def case(text: str, said: str) -> None:
        decided = reconcile(text)
        assert said in decided.pronunciation, decided.pronunciation
        assert decided.overrides and decided.text_form != text

    check_each(case, sorted(MINUTES.items()))


def test_enough_read_as_ten_minutes_is_said_as_enough() -> None:
    def case(text: str, said: str) -> None:
        decided = reconcile(text)
        assert said in decided.pronunciation and "ジュップン" not in decided.pronunciation
        assert "じゅうぶん" in decided.text_form

    check_each(case, sorted(ENOUGH_MISREAD.items()))


def test_misreads_found_on_a_real_course_are_said_right() -> None:
    def case(text: str, said: tuple[str, str]) -> None:
        decided = reconcile(text)
        assert said[0] in decided.pronunciation
        assert said[1] in decided.text_form

    check_each(case, sorted(FOUND_ON_HANABIRA.items()))


ELSEWHERE = [
    "誘う",
    "誘って",
    "全部落ちた。",
    "全部落書きだ",
    *("株式会社", "旅行会社に勤める", "食べた後で", "皆さん", "皆無", "何色ありますか"),
    *ENOUGH,
    *TENTHS,
    *ALREADY_RIGHT,
    *UNDECIDED,
    "十分間話しました。",
    "三時十分に",
]


def test_elsewhere_nothing_changes_and_no_key_moves() -> None:
    """Every text of `ELSEWHERE` (one test; each text it fails on named)."""

    def unchanged(text: str) -> None:
        decided = reconcile(text)
        assert decided.overrides == ()
        assert decided.text_form == text
        assert said_material((decided,), (text,), phonemes=True) is None
        assert said_material((decided,), (text,), phonemes=False) is None

    check_each_one(unchanged, ELSEWHERE)


def test_enough_stays_enough() -> None:
    assert "ジューブン" in _said("時間は十分です。")
    assert "ジュップン" in _said("十分ほど休みましょう。")  # the analyzer's own, untouched


def test_a_reviewers_override_and_the_contents_reading_win() -> None:
    text = "駅まで歩いて十分かかります。"
    mine = Overrides.parse({"十分": "じゅうぶん"})
    assert "ジューブン" in _said(text, overrides=mine)
    given = reconcile(text, "えきまであるいてじゅうぶんかかります")
    assert "ジューブン" in given.pronunciation


def test_a_rule_is_in_the_key_of_exactly_the_texts_it_can_touch() -> None:
    assert touching("十分かかります") and touching("十分です")
    assert not touching("十時です")


DOUBTED = {
    "私たちは彼女の手を離すのが辛かった。": ("辛かっ is said からかっ", "つらかっ (hard)"),
    "辛いです。": ("辛い is said つらい", "からい (spicy)"),
    "空いた。": ("空い is said あい", "すい (hungry, uncrowded)"),
}
"""Sentences whose words show no reading of their word read two ways."""

DECIDED = {
    "このカレーは辛いです。": ("カライ", "spicy: カレー in its sentence"),
    "お腹が空く。": ("スク", None),  # the analyzer's already: nothing to change
    "彼は大きな夢を抱いている。": ("イダイテ", "to hold a feeling: 夢 in its sentence"),
    "泣くのを止めることができなかった。": ("ヤメル", "to quit: 泣くの in its sentence"),
    "彼は毎日野菜を市場に運んでいる。": ("イチバ", "a marketplace: 野菜 in its sentence"),
    "草原を歩いていると、植物の露に足がぬれた。": ("ツユ", "dew: 植物 in its sentence"),
}
"""hanabira.org's sentences (and two like them) whose word the analyzer reads one way of
two, each said wrong there but お腹が空く: decided by the words of their sentence
(`homographs.toml`)."""


def test_a_word_read_two_ways_is_doubted_naming_the_other() -> None:
    def case(text: str, said: tuple[str, str]) -> None:
        decided = reconcile(text)
        assert decided.verdict == "doubt" and decided.message is not None
        assert said[0] in decided.message and said[1] in decided.message
        # What is said, and so every clip's key, is what it was: only the doubt is new.
        assert decided.overrides == () and decided.text_form == text
        assert said_material((decided,), (text,), phonemes=True) is None
        assert said_material((decided,), (text,), phonemes=False) is None

    check_each(case, sorted(DOUBTED.items()))


def test_a_word_read_two_ways_is_said_as_its_sentence_shows() -> None:
    def case(text: str, said: tuple[str, str | None]) -> None:
        decided = reconcile(text)
        assert said[0] in decided.pronunciation
        # Not doubted: a doubt, if any, is another word's (足 of 足がぬれた, also read そく).
        assert decided.verdict in ("unchecked", "alike") or (
            decided.verdict == "doubt" and to_hiragana(said[0]) not in (decided.message or "")
        )
        assert [o.rule for o in decided.overrides] == ([said[1]] if said[1] else [])

    check_each(case, sorted(DECIDED.items()))


def test_other_words_of_the_same_kanji_are_not_doubted() -> None:
    def case(text: str) -> None:
        assert reconcile(text).verdict == "unchecked"

    check_each_one(case, ["辛辣な言葉", "空港に着いた。", "不安を抱える。", "空気がきれい。"])


def test_the_contents_reading_or_an_override_settles_a_doubt() -> None:
    text = "彼は辛いです。"
    # Said からい: a reading of the sentence another analysis has, so no problem either.
    assert reconcile(text, "かれはからいです").verdict == "corrected"
    settled = reconcile(text, overrides=Overrides.parse({"辛い": "からい"}))
    assert settled.verdict == "unchecked" and "カライ" in settled.pronunciation


def test_a_long_texts_doubt_names_its_start_and_the_words_once() -> None:
    """Linear in the text, and short to read: a passage of 200 sentences gets one line."""
    text = "五分かかる。辛い。" * 200
    decided = reconcile(text)
    assert decided.verdict == "doubt" and decided.message is not None
    assert len(decided.overrides) == 200  # every 五分 said ごふん
    assert decided.message.count("辛い is said") == 1
    assert len(decided.message) < 200


@pytest.mark.parametrize(
    ("text", "said", "analyzed"),
    [
        ("遠くからでも一目で分かる。", "ヒトメ", "いちもく"),
        ("ものまねは兄の十八番だ。", "オハコ", "じゅうはちばん"),
        ("この料理は一味ちがう。", "ヒトアジ", "いちみ"),
        # Words of `homographs.toml` no word of their sentence decides.
        ("佐藤さんという方から電話があった。", "カタ", "ほう"),
        ("公園まで大分歩いた。", "ダイブ", "おおいた"),
    ],
)
def test_a_word_the_grammar_reads_otherwise_is_said_so_and_doubted(
    text: str, said: str, analyzed: str
) -> None:
    """SudachiPy's reading, where the part of speech it gives the word in its sentence is
    of that reading's entries alone: said, and still a doubt naming the analyzer's."""
    decided = reconcile(text)
    assert said in decided.pronunciation
    assert decided.verdict == "doubt" and decided.message is not None
    assert analyzed in decided.message and to_hiragana(said) in decided.message


@pytest.mark.parametrize("text", ["泥棒の一味が捕まった。", "囲碁は一目の差で負けた。"])
def test_beside_a_genitive_an_adverbs_entry_tells_nothing(text: str) -> None:
    assert not [o for o in reconcile(text).overrides if (o.rule or "").startswith(GRAMMAR)]


@pytest.mark.parametrize(
    ("text", "said", "analyzed"),
    [
        ("叔父は町工場で旋盤を回している。", "マチコーバ", "こうじょう"),
        ("年度末に勤務評定がある。", "キンムヒョーテー", "ひょうじょう"),
    ],
)
def test_a_word_a_longer_entry_reads_otherwise_is_said_so_and_doubted(
    text: str, said: str, analyzed: str
) -> None:
    """SudachiDict's entry of the longer word the word is part of reads it otherwise than
    the analyzer: said so, and still a doubt naming the analyzer's reading."""
    decided = reconcile(text)
    assert said in decided.pronunciation
    assert decided.verdict == "doubt" and decided.message is not None
    assert analyzed in decided.message


def test_a_longer_entry_reading_the_word_as_said_changes_nothing() -> None:
    decided = reconcile("自動車工場で働いている。")
    assert "コージョー" in decided.pronunciation
    assert not [o for o in decided.overrides if o.rule == JOINED]
