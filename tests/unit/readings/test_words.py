"""A provider's marks become the words of the text, each held to its sound."""

from __future__ import annotations

import numpy as np
import pytest

from tests.support.timings_check import check_timings
from tts_assets.audio.timings import Mark, Timings
from tts_assets.lang.ja.analysis import first_analysis
from tts_assets.readings.words import (
    ClipTimings,
    TimedMora,
    TimedWord,
    clip_words,
    webvtt_of,
)
from tts_assets.scripts.kana import kana_morae, mora_groups

RATE = 1000  # one sample a millisecond: spans read as ms


def _loud(length: int, *spans: tuple[int, int]) -> np.ndarray:
    samples = np.zeros(length, dtype=np.float32)
    for start, end in spans:
        samples[start:end] = 0.5 * np.sin(np.arange(end - start))
    return samples


def _phoneme_marks(phonemes: str, width: int = 50) -> tuple[Mark, ...]:
    """Each phoneme `width` samples long, between two boundary tokens."""
    units = ["", *phonemes, ""]
    return tuple(Mark(u, i * width, (i + 1) * width) for i, u in enumerate(units))


def test_kana_and_kokoro_phonemes_cut_into_the_same_morae() -> None:
    assert kana_morae("ガッコー") == ["ガ", "ッ", "コ", "ー"]
    assert kana_morae("きょうと") == ["きょ", "う", "と"]
    units = list("koɲɲiʨiβa ɡeŋkʲi")
    morae = ["".join(units[i] for i in group) for group in mora_groups(units)]
    assert morae == ["ko", "ɲ", "ɲi", "ʨi", "βa", "ɡe", "ŋ", "kʲi"]


@pytest.mark.usefixtures("japanese_analyzer")
def test_japanese_words_are_the_text_as_written_with_each_moras_kana() -> None:
    text = "学生は、本を読みます。"
    phonemes = "ɡakɯseː βa, hoɴ o jomʲi masɨ."
    marks = _phoneme_marks(phonemes)
    samples = _loud(marks[-1].end, (0, marks[-1].end))
    found = clip_words(
        Timings("phoneme", marks, "test"),
        samples,
        RATE,
        "ja",
        [text],
        lambda: first_analysis(text),
    )
    assert "".join(w.text for w in found.words) == text
    student = found.words[0]
    assert (student.text, student.reading) == ("学生", "がくせい")
    assert [m.kana for m in student.morae] == ["が", "く", "せ", "い"]
    # The start token's frames join the first word: it starts where the sound does.
    assert student.start == 0 and student.morae[0].start == 0
    # は is said ワ, and its kana is the written は.
    particle = found.words[1]
    assert (particle.text, particle.reading) == ("は、", "は")
    assert [w.text for w in found.words[2:]] == ["本", "を", "読み", "ます。"]


def test_words_are_held_to_their_sound_so_pauses_fall_between_them() -> None:
    # "ab cd": the space token and the end of "b" are silent.
    marks = _phoneme_marks("ab cd", 100)
    samples = _loud(700, (100, 220), (400, 600))
    found = clip_words(Timings("phoneme", marks, "test"), samples, RATE, "en", ["ab cd"])
    # To the half-width of the 10 ms window that measures loudness.
    spans = [t for w in found.words for t in (w.start, w.end)]
    assert [w.text for w in found.words] == ["ab", "cd"]
    assert spans == pytest.approx([100, 220, 400, 600], abs=5)
    check = check_timings(found.words, samples, RATE, -45.0)
    assert check.in_order and check.inside and check.pause_overlaps_ms == (0,)
    raw = clip_words(Timings("phoneme", marks, "test"), samples, RATE, "en", ["ab cd"], held=False)
    assert [(w.start, w.end) for w in raw.words] == [(0, 300), (400, 700)]
    # As the model gave them, "ab" runs 75 ms into the pause.
    (overlap,) = check_timings(raw.words, samples, RATE, -45.0).pause_overlaps_ms
    assert overlap == pytest.approx(75, abs=5)


def test_phoneme_words_that_do_not_count_as_the_text_are_named_by_their_phonemes() -> None:
    marks = _phoneme_marks("ab cd")
    found = clip_words(Timings("phoneme", marks, "t"), _loud(350, (0, 350)), RATE, "en", ["x"])
    assert found.unmatched and [w.text for w in found.words] == ["ab", "cd"]
    assert found.as_manifest()["unmatched"] is True


def test_characters_make_words_between_spaces_timed_by_their_letters() -> None:
    text = "Hi, you."
    marks = tuple(Mark(c, i * 100, (i + 1) * 100) for i, c in enumerate(text))
    found = clip_words(Timings("character", marks, "t"), _loud(800, (0, 800)), RATE, "en", [text])
    assert [(w.text, w.start, w.end) for w in found.words] == [
        ("Hi,", 0, 200),
        ("you.", 400, 700),
    ]


def test_a_clip_without_timings_records_why() -> None:
    found = clip_words(None, _loud(10), RATE, "ja", ["雨"], none="say reports no timings")
    assert found == ClipTimings("", none="say reports no timings")
    assert found.as_manifest() == {"none": "say reports no timings"}


def test_a_clip_with_written_pauses_records_where_they_are() -> None:
    words = (TimedWord(50, 400, "Hi."), TimedWord(1400, 1800, "Bye."))
    recorded = ClipTimings("espeak-ng word events", words, pauses=((400, 1400),)).as_manifest()
    assert recorded["pauses"] == [[400, 1400]]
    assert ClipTimings("", none="no", pauses=((1, 2),)).as_manifest() == {
        "none": "no",
        "pauses": [[1, 2]],
    }
    assert "pauses" not in ClipTimings("espeak-ng word events", words).as_manifest()


def test_words_make_a_webvtt_track_a_cue_each() -> None:
    words = (
        TimedWord(50, 354, "今日", "きょう"),
        TimedWord(3_600_379, 3_600_479, "a<b & -->c"),
    )
    track = ClipTimings("kokoro durations", words).as_webvtt()
    assert track == (
        "WEBVTT\n\n1\n00:00:00.050 --> 00:00:00.354\n今日 (きょう)\n\n"
        "2\n01:00:00.379 --> 01:00:00.479\na&lt;b &amp; ->c\n"
    )
    assert ClipTimings("", none="say reports no timings").as_webvtt() == ""


@pytest.mark.usefixtures("japanese_analyzer")
def test_a_number_written_in_digits_is_found_as_written() -> None:
    text = "7時に起きます。"
    phonemes = "nana ʥi ɲi okʲi masɨ."
    marks = _phoneme_marks(phonemes)
    samples = _loud(marks[-1].end, (0, marks[-1].end))
    found = clip_words(
        Timings("phoneme", marks, "test"),
        samples,
        RATE,
        "ja",
        [text],
        lambda: first_analysis(text),
        written=text,
    )
    assert [(w.text, w.reading) for w in found.words] == [
        ("7", "なな"),
        ("時", "じ"),
        ("に", "に"),
        ("起き", "おき"),
        ("ます。", "ます"),
    ]


def test_a_track_is_made_from_the_manifest_s_record_with_readings_only_for_kanji() -> None:
    words = (
        TimedWord(50, 354, "駅", "えき", (TimedMora(50, 200, "え"), TimedMora(200, 354, "き"))),
        TimedWord(380, 555, "まで", "まで"),
    )
    recorded = ClipTimings("kokoro durations", words).as_manifest()
    assert webvtt_of(recorded) == ClipTimings("", words).as_webvtt()
    assert webvtt_of(recorded) == (
        "WEBVTT\n\n1\n00:00:00.050 --> 00:00:00.354\n駅 (えき)\n\n"
        "2\n00:00:00.380 --> 00:00:00.555\nまで\n"
    )
    # A record without words, or not one the tool wrote, makes no track.
    assert webvtt_of({"none": "say reports no timings"}) == ""
    assert webvtt_of({"words": [{"start": "0", "end": 1, "text": "x"}]}) == ""
    assert webvtt_of(None) == ""


def test_words_said_for_a_number_are_named_as_the_content_writes_it() -> None:
    from tts_assets.readings.numbers import spoken_form

    written = "Der Kurs beginnt um 17:00 Uhr."
    spoken = spoken_form(written, "de")
    assert spoken.text == "Der Kurs beginnt um siebzehn Uhr."
    said = spoken.text.split()
    marks = tuple(Mark(w, 100 * n, 100 * n + 80) for n, w in enumerate(said))
    found = clip_words(
        Timings("word", marks, "espeak-ng word events"),
        _loud(1),
        RATE,
        "de",
        [spoken.text],
        held=False,
        written=written,
        spoken=spoken,
    )
    assert [(w.text, w.start, w.end) for w in found.words] == [
        ("Der", 0, 80),
        ("Kurs", 100, 180),
        ("beginnt", 200, 280),
        ("um", 300, 380),
        ("17:00", 400, 480),  # siebzehn: said for 17:00, named as written
        ("Uhr.", 500, 580),
    ]
    # Two words said for one written number become one word, timed from the first to the last.
    year = spoken_form("Born in 1990.", "en")
    marks = tuple(Mark(w, 100 * n, 100 * n + 80) for n, w in enumerate(year.text.split()))
    found = clip_words(
        Timings("word", marks, "espeak-ng word events"),
        _loud(1),
        RATE,
        "en",
        [year.text],
        held=False,
        written="Born in 1990.",
        spoken=year,
    )
    assert [(w.text, w.start, w.end) for w in found.words] == [
        ("Born", 0, 80),
        ("in", 100, 180),
        ("1990.", 200, 380),  # nineteen ninety.
    ]


def test_chinese_words_given_as_pinyin_are_named_as_the_text_writes_them() -> None:
    # A word its voice reads otherwise is given as numbered pinyin (你好 said ní
    # hǎo: `ni2 hao3`), and espeak-ng's word events name what it was given.
    from tts_assets.readings.words import as_written

    given = ["喂，", "ni2", "hao3 ！"]
    marks = tuple(Mark(w, 100 * n, 100 * n + 80) for n, w in enumerate(given))
    found = clip_words(
        Timings("word", marks, "espeak-ng word events"),
        _loud(1),
        RATE,
        "zh",
        ["喂， ni2 hao3 ！"],
        held=False,
        written="喂，你好！",
    )
    assert [(w.text, w.start) for w in found.words] == [("喂，", 0), ("你", 100), ("好！", 200)]
    # A record made before words were named so is named as written for its track and
    # segments; one named so already, or in another language, is left as it is.
    record = ClipTimings(
        "espeak-ng word events",
        tuple(TimedWord(100 * n, 100 * n + 80, w) for n, w in enumerate(given)),
    ).as_manifest()
    assert [w["text"] for w in as_written(record, "喂，你好！")["words"]] == ["喂，", "你", "好！"]
    assert "ni2" not in webvtt_of(as_written(record, "喂，你好！"))
    assert as_written(found.as_manifest(), "喂，你好！") == found.as_manifest()
    assert as_written(record, "ni2 hao3") is record  # the text writes them so


def test_chinese_cues_carry_each_word_s_pinyin_with_its_tone_marks() -> None:
    # A Chinese clip's cues show the pinyin said after each word, as a Japanese clip's
    # show the kana: from the syllables its reader said (here the content's pinyin),
    # each with its own tone, shown as the review page shows them (`shown_said`).
    from tts_assets.frontends.pinyin import hanzi_of
    from tts_assets.lang.zh.pinyin import marked, syllables_for
    from tts_assets.lang.zh.reader import Syllable
    from tts_assets.languages import hook, language

    text = "今天很冷，多穿点衣服。"
    numbered = syllables_for(text, "Jīntiān hěn lěng, duō chuān diǎn yīfu.")
    assert numbered is not None
    read = [Syllable(c, s) for c, s in zip(hanzi_of(text), numbered, strict=True)]
    events = ["今天", "很", "冷，", "多", "穿", "点", "衣服。"]
    marks = tuple(Mark(w, 100 * n, 100 * n + 80) for n, w in enumerate(events))
    chinese = language("zh")
    assert chinese is not None
    shown = hook(chinese.shown_said)
    assert shown is marked
    found = clip_words(
        Timings("word", marks, "espeak-ng word events"),
        _loud(1),
        RATE,
        "zh",
        [text],
        held=False,
        written=text,
        read=read,
        shown=shown,
    )
    assert [(w.text, w.reading) for w in found.words] == [
        ("今天", "jīn tiān"),
        ("很", "hěn"),
        ("冷，", "lěng"),
        ("多", "duō"),
        ("穿", "chuān"),
        ("点", "diǎn"),
        ("衣服。", "yī fu"),
    ]
    track = webvtt_of(found.as_manifest())
    assert "今天 (jīn tiān)" in track and "衣服。 (yī fu)" in track
    # `rebuild-manifest` reads the words and their pinyin back from the track.
    from tts_assets.writeback.found_timings import _cues

    cues = _cues(track)
    assert cues is not None
    assert [(c["text"], c.get("reading")) for c in cues] == [
        (w.text, w.reading) for w in found.words
    ]
    # A number said in words is named as written, with the syllables said for it.
    from tts_assets.readings.numbers import spoken_form

    spoken = spoken_form("他有3个孩子。", "zh")
    assert spoken.text == "他有三个孩子。"
    numbered = syllables_for(spoken.text, "tā yǒu sān gè hái zi")
    assert numbered is not None
    events = ["他", "有", "三", "个", "孩子。"]
    marks = tuple(Mark(w, 100 * n, 100 * n + 80) for n, w in enumerate(events))
    counted = clip_words(
        Timings("word", marks, "espeak-ng word events"),
        _loud(1),
        RATE,
        "zh",
        [spoken.text],
        held=False,
        written="他有3个孩子。",
        spoken=spoken,
        read=[Syllable(c, s) for c, s in zip(hanzi_of(spoken.text), numbered, strict=True)],
        shown=shown,
    )
    assert [(w.text, w.reading) for w in counted.words] == [
        ("他", "tā"),
        ("有", "yǒu"),
        ("3", "sān"),
        ("个", "gè"),
        ("孩子。", "hái zi"),
    ]
    # Words that do not spell the characters said (named by their phonemes) take none.
    unmatched = clip_words(
        Timings("phoneme", _phoneme_marks("tɕin tʰjɛn"), "kokoro durations"),
        _loud(1),
        RATE,
        "zh",
        [text],
        held=False,
        written=text,
        read=read,
        shown=shown,
    )
    assert all(w.reading is None for w in unmatched.words)
