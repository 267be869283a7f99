"""Text cleanup and sentence splitting."""

from __future__ import annotations

import random
import re

import pytest

from tests.support.sweep import check_each, check_each_one
from tts_assets.content.text import clean, split_sentences


def test_clean_text() -> None:
    def case(text: str, spoken: str) -> None:
        assert clean(text) == spoken

    check_each(
        case,
        [
            ("  水  ", "水"),
            ("朝ごはん\u3000を 食べる", "朝ごはん を 食べる"),  # ideographic space collapses too
            ("一行目\r\n\r\n  二行目 ", "一行目\n二行目"),
            ("か\u3099", "が"),  # NFC: combining dakuten composed
            ("ネコ\x00\x07\u200b\ufeff", "ネコ"),  # NUL, BEL, zero-width space, BOM
            ("ab\x85cd", "abcd"),  # C1 control
            ("か.つ", "か.つ"),  # a dot in ordinary text is kept
            ("", ""),
            ("   \t\n", ""),
            ("\x00\x01", ""),
        ],
    )


def test_clean_reading_removes_dictionary_notation() -> None:
    def case(reading: str, spoken: str) -> None:
        assert clean(reading, "reading") == spoken

    check_each(
        case,
        [
            ("か.つ", "かつ"),
            ("おと-", "おと"),
            ("-ち", "ち"),
            ("ちい.さい", "ちいさい"),
            ("た．べる", "たべる"),  # full-width dot
            ("－び", "び"),  # full-width hyphen
            ("あ(がる)", "あがる"),
            ("あ（がる）", "あがる"),
            ("〜がる", "がる"),  # the wave dash of an attaching reading
            ("～がる", "がる"),  # its full-width twin
            ("コーヒー", "コーヒー"),  # the long-vowel mark is speech
            ("ショウ", "ショウ"),
            (" - ", ""),
            # A pause marker's dot is its length, not notation: 1.5 s stays 1.5 s, never 15.
            ("か.つ[pause:1.5s]まさ.る", "かつ[pause:1.5s]まさる"),
            ('-ち<break time="0.5s"/>あ(がる)', 'ち<break time="0.5s"/>あがる'),
        ],
    )


def test_a_chart_kana_is_cleaned_as_text_and_spoken_as_its_katakana_sound() -> None:
    assert clean(" か\u3099 ", "kana") == "ガ"
    # Alone, は へ を are particles to a phonemizer ("wa", "e"); katakana is the sound.
    assert [clean(k, "kana") for k in ("は", "へ", "を", "きゃ", "ゔ", "ン")] == [
        "ハ",
        "ヘ",
        "ヲ",
        "キャ",
        "ヴ",
        "ン",
    ]


def test_a_chart_hangul_letter_is_spoken_as_the_syllable_that_sounds_it() -> None:
    # Alone, a letter is its name to a Korean voice (espeak-ng: ㄱ 기역); a chart's clip
    # says its sound: a consonant before ㅏ, ㅇ as its final ng, a vowel after the silent ㅇ.
    letters = "ㄱㄲㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎㅏㅓㅗㅜㅡㅣㅐㅔㅘㅢ"
    assert [clean(c, "kana") for c in letters] == list(
        "가까나다라마바사앙자차카타파하아어오우으이애에와의"
    )
    # The conjoining letters too (ᄀ U+1100, ᅡ U+1161), and a syllable stays as it is.
    assert [clean(c, "kana") for c in ("\u1100", "\u1161", "\u110b", "가", "ㄱ ㅋ")] == [
        "가",
        "아",
        "앙",
        "가",
        "가 카",
    ]
    # A final-only cluster has no sound before a vowel: said as written.
    assert clean("ㄳ", "kana") == "ㄳ"
    # Only a chart's letter: in a text, ㅋㅋ is laughter as written.
    assert clean("ㅋㅋ 좋아요", "text") == "ㅋㅋ 좋아요"


def test_clean_rejects_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown text kind"):
        clean("x", "kanji")


def test_split_sentences_one_sentence_per_piece() -> None:
    text = "今日は雨です。傘を持って行きます！大丈夫？はい。"
    assert split_sentences(text, 50) == [
        "今日は雨です。",
        "傘を持って行きます！",
        "大丈夫？",
        "はい。",
    ]


def test_split_sentences_keeps_closing_quotes_and_decimals() -> None:
    text = "彼は「行きます。」と言った。It costs 3.50 dollars. Really?! Yes"
    assert split_sentences(text, 40) == [
        "彼は「行きます。」",
        "と言った。",
        "It costs 3.50 dollars.",
        "Really?!",
        "Yes",
    ]


def test_split_sentences_breaks_at_line_ends() -> None:
    assert split_sentences("タイトル\n本文です。", 20) == ["タイトル", "本文です。"]


def test_long_sentence_is_cut_at_clauses_then_spaces_then_hard() -> None:
    text = "朝は早く起きて、顔を洗って、ご飯を食べて、駅まで歩きます。"
    assert split_sentences(text, 14) == [
        "朝は早く起きて、顔を洗って、",
        "ご飯を食べて、",
        "駅まで歩きます。",
    ]
    assert split_sentences("one two three four", 9) == ["one two", "three", "four"]
    assert split_sentences("あいうえおかきくけこさ", 4) == ["あいうえ", "おかきく", "けこさ"]


def test_split_sentences_never_separates_a_combining_mark() -> None:
    text = "か\u3099か\u3099か\u3099"  # が written with combining marks
    pieces = split_sentences(text, 3)
    assert "".join(pieces) == text
    assert all(not p.startswith("\u3099") for p in pieces)


def _no_space(s: str) -> str:
    return re.sub(r"\s", "", s)


def test_split_sentences_keeps_every_character_in_order() -> None:
    rng = random.Random(1234)
    alphabet = "あいうえお漢字カナabc 、。！？!?.,;\n「」 "
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        limit = rng.randint(1, 30)
        pieces = split_sentences(text, limit)
        assert all(0 < len(p) <= limit and p == p.strip() for p in pieces), (text, limit)
        # In order, nothing lost, nothing added: only whitespace at the cuts is dropped.
        assert _no_space("".join(pieces)) == _no_space(text), (text, limit)
        pos = 0
        for p in pieces:
            pos = text.index(p, pos) + len(p)


def test_split_sentences_rejects_a_zero_limit() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        split_sentences("x", 0)


# --- sentences in other languages ------------------------------------------------------


def test_split_sentences_follows_the_language() -> None:
    def case(lang: str, text: str, sentences: list[str]) -> None:
        assert split_sentences(text, 200, lang) == sentences

    check_each(
        case,
        [
            ("zh", "我是学生。你呢？好！", ["我是学生。", "你呢？", "好！"]),
            ("zh", "他说：“我来了。”然后走了。", ["他说：“我来了。”", "然后走了。"]),
            (
                "ko",
                "나는 학생이다.그는 선생님이다. 정말? 네! 3.5킬로그램",
                ["나는 학생이다.", "그는 선생님이다.", "정말?", "네!", "3.5킬로그램"],
            ),
            (
                "de",
                "Ich wohne z. B. in Berlin. Dr. Müller kommt am 3. Mai. Das kostet 3.5 Euro.",
                [
                    "Ich wohne z. B. in Berlin.",
                    "Dr. Müller kommt am 3. Mai.",
                    "Das kostet 3.5 Euro.",
                ],
            ),
            (
                "de",
                "Er sagte: „Komm.“ Sie kam, d.h. sofort. Er wartete... und wartete.",
                ["Er sagte: „Komm.“", "Sie kam, d.h. sofort.", "Er wartete... und wartete."],
            ),
            (
                "es",
                "El Sr. García llegó. ¿Vienes? ¡Claro! Hay frutas, p. ej. manzanas. "
                "Vivo en EE. UU. ahora.",
                [
                    "El Sr. García llegó.",
                    "¿Vienes?",
                    "¡Claro!",
                    "Hay frutas, p. ej. manzanas.",
                    "Vivo en EE. UU. ahora.",
                ],
            ),
            (
                "en",
                "Mr. Smith met J. K. Rowling. It cost 3.50 dollars, etc. "
                "Then they left… and came back.",
                [
                    "Mr. Smith met J. K. Rowling.",
                    "It cost 3.50 dollars, etc.",
                    "Then they left… and came back.",
                ],
            ),
            ("en", "“Hello.” “Bye!” (Really.) Yes", ["“Hello.”", "“Bye!”", "(Really.)", "Yes"]),
            (
                "fr",
                "« Tu viens ? » demanda-t-il. M. Dupont répondit : « Oui ! » Il partit.",
                ["« Tu viens ? » demanda-t-il.", "M. Dupont répondit : « Oui ! »", "Il partit."],
            ),
            (
                "it",
                "Il Sig. Rossi, ad es. un amico, arriva. La Dott.ssa Bianchi no. Costa 2.000 euro.",
                [
                    "Il Sig. Rossi, ad es. un amico, arriva.",
                    "La Dott.ssa Bianchi no.",
                    "Costa 2.000 euro.",
                ],
            ),
            (
                "pt",
                "O Sr. Silva chegou. Há frutas, p. ex. maçãs. Obrigado!",
                ["O Sr. Silva chegou.", "Há frutas, p. ex. maçãs.", "Obrigado!"],
            ),
            ("en-US", "Dr. Who? Yes.", ["Dr. Who?", "Yes."]),
            (
                "vi",
                "Tôi sống ở TP. Hồ Chí Minh. Còn bạn? Tôi ở Hà Nội!",
                ["Tôi sống ở TP. Hồ Chí Minh.", "Còn bạn?", "Tôi ở Hà Nội!"],
            ),
            # Thai: at ?! and line breaks; otherwise a sentence runs on to its space.
            (
                "th",
                "คุณ ชอบ กิน อาหาร ไทย ครับ ?\nฉัน จะ กลับ บ้าน",
                ["คุณ ชอบ กิน อาหาร ไทย ครับ ?", "ฉัน จะ กลับ บ้าน"],
            ),
        ],
    )


def test_japanese_is_the_default_and_unchanged_by_european_rules() -> None:
    text = "山田さんはDr. Smithに会った。z. B. は略語です。"
    # Japanese ends a sentence at any ". " (as before); German keeps "z. B." whole.
    assert split_sentences(text, 100) == split_sentences(text, 100, "ja")
    assert split_sentences(text, 100, "ja") == [
        "山田さんはDr.",
        "Smithに会った。",
        "z.",
        "B.",
        "は略語です。",
    ]


def test_long_european_sentences_are_cut_at_clauses() -> None:
    text = "Am Morgen stehe ich früh auf, wasche mein Gesicht, esse Brot und gehe zur Arbeit."
    assert split_sentences(text, 40, "de") == [
        "Am Morgen stehe ich früh auf,",
        "wasche mein Gesicht,",
        "esse Brot und gehe zur Arbeit.",
    ]


def test_split_sentences_keeps_every_character_in_order_in_every_language() -> None:
    def case(lang: str) -> None:
        rng = random.Random(lang)
        alphabet = "abcXYZ あ漢가 .,;!?…«»„“”\"'()¿¡3 \n"
        for _ in range(1000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
            limit = rng.randint(1, 30)
            pieces = split_sentences(text, limit, lang)
            assert all(0 < len(p) <= limit and p == p.strip() for p in pieces), (text, limit)
            assert _no_space("".join(pieces)) == _no_space(text), (text, limit)

    check_each_one(case, ["ja", "zh", "ko", "de", "es", "en", "fr", "sv"])


def test_a_compatibility_ideograph_of_its_own_is_a_character() -> None:
    # NFC folds the others (U+F900 豈 to 豈); these twelve are characters, kept and counted
    # (a syllable of the pinyin each), as a Kangxi radical is once cleaned.
    from tts_assets.content.text import clean
    from tts_assets.frontends.pinyin import hanzi_of

    assert hanzi_of(clean("宮﨑")) == ["宮", "﨑"]
    assert hanzi_of(clean("銀⾏\uf900")) == ["銀", "行", "豈"]


def test_a_radicals_supplement_form_of_a_whole_character_is_that_character() -> None:
    # NFKC folds the Kangxi block but only ⺟ and ⻳ of the supplement; a PDF's
    # 团队⻓期 dropped 长's syllable. A form only written inside a character (⺅) stays.
    from tts_assets.content.text import clean

    assert clean("团队⻓期，⻔口的⻘草，⻢上") == "团队长期，门口的青草，马上"
    assert clean("⻑い⻄") == "長い西"
    assert clean("⺅⺡") == "⺅⺡"


def test_a_text_clean_leaves_as_written_is_the_text_each_step_makes() -> None:
    """`clean`'s shortcut for a text it leaves as it is (`_as_written`) never skips a step
    that would change one: random texts of the characters each step rewrites (controls,
    zero-width and format characters, other spaces, line breaks, Roman numerals, radicals,
    a decomposed accent, a lone surrogate) are cleaned as every step cleans them."""
    from tts_assets.content import text as module

    pool = [*"aB1 水みずアー。、.!?", "  ", "\t", "\n", "\r", "\x1b[31m", "\u200b", "\u00a0"]
    pool += ["\u3000", "\u2163", "\u2f8f", "\u2e9f", "\ufeff", "\x85", "\u2028", "\ud800"]
    pool += ["\x7f", "\u2065", "\u2066", "e\u0301", "[pause:1s]", "<b>", "&amp;"]
    rng = random.Random(62)
    shortcut = 0
    for _ in range(20_000):
        written = "".join(rng.choice(pool) for _ in range(rng.randint(0, 6)))
        assert module.clean.__wrapped__(written) == module._cleaned(written, "text"), written
        shortcut += module._as_written(written)
    assert 2_000 < shortcut < 18_000  # both ways were taken


def test_markup_is_not_said_and_character_references_are_decoded_once() -> None:
    """HTML in a course's texts (`<b>`, `<i>`, `<br>`, any tag) is what a page shows: its
    words are said, never its tags; `&amp;` is said as `&`, in a span too."""

    def case(text: str, spoken: str) -> None:
        assert clean(text) == spoken

    check_each(
        case,
        [
            ("<b>猫</b>が好き", "猫が好き"),
            ("I like <strong>cats</strong>, <i>really</i>.", "I like cats, really."),
            ('<span class="hl">漢字</span>', "漢字"),
            ("<foo-bar x=1>word</foo-bar>s", "words"),  # any tag, known or not
            ("<emphasis level='strong'>very</emphasis> good", "very good"),
            ("Hello.<br>Goodbye.<br/>", "Hello. Goodbye."),  # a tag that parts words
            ("<p>One.</p><p>Two.</p>", "One. Two."),
            ("Tom &amp; Jerry", "Tom & Jerry"),
            ("3 &lt; 5 &nbsp; &#x2713; &#26989;", "3 < 5 ✓ 業"),
            ("&amp;amp;", "&amp;"),  # decoded once
            ("&lt;b&gt;", "<b>"),  # an escaped tag is text, decoded once: not markup
            (
                '今日は<lang xml:lang="en">Tom &amp; Jerry</lang>です。',
                '今日は<lang xml:lang="en">Tom & Jerry</lang>です。',
            ),
            ("AT&T, R&D", "AT&T, R&D"),
            ("x < y > z", "x < y > z"),
        ],
    )


def test_the_ssml_the_markers_read_or_refuse_is_left_for_them() -> None:
    """`<break>`, `<lang>` and `<speak>` are read after cleaning; `<prosody>` and an SSML
    tag escaped (`&lt;break/&gt;`, twice: `&amp;lt;`) are refused there, with the fix."""
    from tts_assets.pauses import split

    for text in ('a <break time="1s"/> b', '<prosody rate="slow">x</prosody>'):
        assert clean(text) == text
    for text, problem in [
        ('<prosody rate="slow">x</prosody>', "SSML <prosody> is not read"),
        ('a &lt;break time="1s"/&gt; b', "an SSML tag written as &lt;"),
        ('a &amp;lt;break time="1s"/&amp;gt; b', "an SSML tag escaped more than once"),
    ]:
        assert problem in (split(clean(text)).problem or ""), text
    assert split(clean("<b>a</b> <break/> b")).parts == ("a", "b")
