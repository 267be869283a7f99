"""The comparison of what was meant with what Whisper heard, per language: both sides are
put in one form first, so a spelling Whisper chose for the same speech costs nothing and a
different word still does (no model: the transcripts are given)."""

from __future__ import annotations

from tests.support.sweep import check_each
from tts_assets.languages import resolved
from tts_assets.listening.compare import error_rate, meant_forms, said_form


def rate(meant: str, heard: str, lang: str) -> float:
    return error_rate(said_form(meant, resolved(lang)), said_form(heard, resolved(lang)))


def test_chinese_is_compared_in_simplified_characters_and_numbers_in_words() -> None:
    def case(meant: str, heard: str) -> None:
        assert rate(meant, heard, "zh") == 0.0

    check_each(
        case,
        [
            # Whisper writes Traditional characters for Mandarin speech as often as not.
            ("我们今天去图书馆借了三本书。", "我們今天去圖書館借了三本書"),
            ("这个时间还来得及吗？", "這個時間還來得及嗎?"),
            # Digits and Chinese numerals, either side, in either script.
            ("现在是下午3点15分。", "現在是下午三點十五分"),
            ("他有两个孩子。", "他有2個孩子"),
            ("我2026年去北京。", "我二〇二六年去北京"),
        ],
    )


def test_a_different_chinese_word_still_counts() -> None:
    assert rate("请向左转。", "請向右轉", "zh") > 0.0
    assert rate("我不喝咖啡。", "我喝咖啡", "zh") > 0.0


def test_european_languages_fold_case_punctuation_and_numbers() -> None:
    def case(lang: str, meant: str, heard: str) -> None:
        assert rate(meant, heard, lang) == 0.0

    check_each(
        case,
        [
            ("en", "The train leaves at 9:30.", "The train leaves at nine thirty"),
            ("en", "It's ten o'clock!", "Its 10 o’clock."),
            (
                "de",
                "Die Straße ist um 17 Uhr gesperrt.",
                "die STRASSE ist um siebzehn Uhr gesperrt",
            ),
            ("fr", "Il est 8 heures.", "Il est huit heures"),
            ("fr", "Aujourd'hui, c'est lundi.", "Aujourd’hui c’est lundi."),
            ("es", "Tengo 21 años.", "tengo veintiún años"),
            ("it", "Sono le 3.", "Sono le tre."),
            ("pt", "Tenho 2 irmãos.", "Tenho dois irmãos"),
        ],
    )


def test_a_different_european_word_still_counts() -> None:
    def case(lang: str, meant: str, heard: str) -> None:
        assert rate(meant, heard, lang) > 0.0

    check_each(
        case,
        [
            ("en", "Please turn left at the corner.", "Please turn right at the corner."),
            ("de", "Ich trinke keinen Kaffee.", "Ich trinke Kaffee."),
            ("es", "Tengo 21 años.", "Tengo 31 años."),
        ],
    )


def test_thai_and_vietnamese_keep_their_tones() -> None:
    # Thai: spaces and punctuation fold, the vowel and tone marks (Mn) do not.
    assert rate("คุณ ชอบ กิน อาหาร ไทย ครับ ?", "คุณชอบกินอาหารไทยครับ", "th") == 0.0
    assert rate("ข่าว", "ข้าว", "th") > 0.0
    # Vietnamese: composed or decomposed, one form; another tone is another word.
    assert rate("Tôi không biết.", "to\u0302i kho\u0302ng bie\u0302\u0301t", "vi") == 0.0
    assert rate("Tôi không biết.", "Tôi không biệt.", "vi") > 0.0


def test_japanese_is_compared_in_kana_whatever_the_kanji() -> None:
    assert rate("この部屋は少し暑いですね。", "この部屋は少し熱いですね", "ja") == 0.0
    assert rate("子供たちが公園で遊んでいます。", "子どもたちが公園で遊んでいます", "ja") == 0.0
    assert rate("右に曲がってください。", "左に曲がってください。", "ja") > 0.0


def test_a_cloze_is_compared_by_the_words_around_its_gaps() -> None:
    # `verify --listen` read the gap's marker as words: every gapped
    # cloze failed. The clip says the words around the gaps; so does what it is held to.
    heard = "本を読んでください"
    assert said_form("本を [pause:2s] ください", resolved("ja")) == said_form(
        "本をください", resolved("ja")
    )
    assert said_form("ホンヲヨ [pause:2s] クダサイ", resolved("ja")) == "ほんをよください"
    assert (
        error_rate(
            said_form("本を読 [pause:2s] ください", resolved("ja")),
            said_form(heard, resolved("ja")),
        )
        < 0.3
    )
    assert said_form('Ich <break time="2s"/> Kaffee.', resolved("de")) == "ichkaffee"
    assert "pause" not in "".join(meant_forms("私は [pause:2s] です。", resolved("ja")))
