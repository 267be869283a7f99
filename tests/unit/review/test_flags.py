"""The review flags: facts the run records become flags; the audio and the duration rule
find clips unlike the rest."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.support.sweep import check_each
from tts_assets.audio.measure import ClipMeasures
from tts_assets.languages import resolved
from tts_assets.review.flags import (
    FLAGS,
    MIN_GROUP,
    assess,
    length_units,
    own_silence,
    theil_sen,
)
from tts_assets.review.row import Flag, ReadingCheck, Row

SILENT_WAVE = "A" * 64


def clip_row(text: str, speech: float, **facts: object) -> Row:
    """A clip row of `text` whose audio has `speech` seconds of speech at -18 LUFS."""
    measures = ClipMeasures(
        duration=speech + 0.25,
        speech=speech,
        lufs=-18.0,
        peak=0.6,
        loudest_dbfs=-8.0,
        waveform=SILENT_WAVE,
    )
    fields: dict[str, object] = {
        "type": "kanji",
        "entry": "kanji.json › [0]",
        "places": (f"kanji.json › [0] › {text}",),
        "text": text,
        "lang": resolved("ja"),
        "key": "0" * 32,
        "clip": f"kanji/{abs(hash(text)):032x}.mp3",
        "spoken": text,
        "provider": "kokoro",
        "voice": "jf_alpha",
        "measures": measures,
    }
    fields.update(facts)
    return Row(**fields)  # type: ignore[arg-type]


# Kokoro speech seconds measured on the bundled sample content (data/): short readings,
# words and sentences. A realistic group for the duration rule.
MEASURED = [
    ("お", 0.28), ("ね", 0.42), ("か", 0.31), ("こ", 0.26), ("雨", 0.50), ("猫", 0.43),
    ("くう", 0.32), ("つき", 0.41), ("みず", 0.43), ("モク", 0.40), ("ジツ", 0.54),
    ("ニチ", 0.43), ("病院", 0.51), ("時間", 0.45), ("友達", 0.77), ("先生", 0.62),
    ("飲む", 0.37), ("つきみ", 0.76), ("とざん", 0.43), ("ショウ", 0.38), ("まいにち", 0.79),
    ("ちいさい", 0.55), ("もくようび", 0.86), ("しょうがっこう", 0.89),
    ("夏休みに海へ行きたいです。", 1.85), ("この水はとても冷たいです。", 1.93),
    ("図書館で本を三冊借りました。", 2.18), ("毎晩、寝る前に牛乳を飲みます。", 2.21),
    ("うちの猫は窓のそばで寝るのが好きです。", 2.67),
]  # fmt: skip


def codes(row: Row) -> list[str]:
    return [f.code for f in row.flags]


def test_real_clips_raise_no_duration_flag() -> None:
    rows = assess(clip_row(text, speech) for text, speech in MEASURED)
    assert [codes(r) for r in rows] == [[] for _ in MEASURED]


def test_a_clip_unlike_its_peers_is_flagged_long_or_short() -> None:
    def case(text: str, speech: float, word: str) -> None:
        rows = assess([*(clip_row(t, s) for t, s in MEASURED), clip_row(text, speech)])
        odd = rows[-1]
        assert codes(odd) == ["duration"]
        assert odd.flags[0].detail.startswith(f"{word}: {speech:.2f} s of speech")
        assert all(codes(r) == [] for r in rows[:-1])

    check_each(
        case,
        [
            ("か", 2.4, "long"),  # one kana that ran on (a wrong reading, a stuck model)
            ("ありがとう", 3.5, "long"),
            ("うちの猫は窓のそばで寝るのが好きです。", 0.6, "short"),  # cut off
        ],
    )


def test_duration_is_judged_per_voice_and_only_with_enough_peers() -> None:
    slow = [clip_row(t, s * 1.6, voice="jf_nezumi") for t, s in MEASURED]
    rows = assess([*(clip_row(t, s) for t, s in MEASURED), *slow])
    # A slower voice is its own norm: none of its clips is odd among its peers.
    assert all(codes(r) == [] for r in rows)
    few = [clip_row(t, s) for t, s in MEASURED[: MIN_GROUP - 2]] + [clip_row("か", 5.0)]
    assert all(codes(r) == [] for r in assess(few))


def test_recorded_phonemes_are_what_length_is_judged_on() -> None:
    # One written character says nothing of the length; the phonemes say how much was
    # said. Here a group whose phoneme counts follow its lengths, and two clips of "学"
    # that last 0.9 s: plausible for 11 phonemes (学生会館), not for 2 (ka).
    rows = [clip_row(t, s, phonemes="ɯ" * max(1, round(s * 12))) for t, s in MEASURED]
    long_word = clip_row("学", 0.9, phonemes="ɡakɯseːkaikan")
    short_word = clip_row("学", 0.9, phonemes="ka")
    flagged = assess([*rows, long_word, short_word])
    assert codes(flagged[-2]) == []
    assert codes(flagged[-1]) == ["duration"]


def test_recorded_facts_become_flags_most_serious_first() -> None:
    row = clip_row(
        "御雑煮",
        0.8,
        pieces=3,
        reading_check=ReadingCheck("reading", "read as ごぞうに, content says おぞうに"),
    )
    (flagged,) = assess([row])
    assert codes(flagged) == ["reading", "joined"]
    assert flagged.flags[0].detail == "read as ごぞうに, content says おぞうに"
    statuses = {"agreed": [], "reading-unusable": ["reading-unusable"], "override": ["override"]}
    for status, expected in statuses.items():
        (checked,) = assess([clip_row("学生", 0.6, reading_check=ReadingCheck(status))])  # type: ignore[arg-type]
        assert codes(checked) == expected


def test_texts_without_a_clip_carry_their_reason() -> None:
    def without_clip(index: int, text: str, status: str, reason: str) -> Row:
        return Row(
            type="vocabulary",
            entry=f"vocabulary.json › [{index}]",
            places=(f"vocabulary.json › [{index}] › word",),
            text=text,
            lang=resolved("ja"),
            status=status,  # type: ignore[arg-type]
            reason=reason,
        )

    refused = without_clip(3, "Arbeit", "refused", '"Arbeit" is Latin script, not Japanese')
    missing = without_clip(4, "とり", "missing", "no clip yet")
    rows = assess([refused, missing])
    assert [(f.code, f.detail) for r in rows for f in r.flags] == [
        ("refused", '"Arbeit" is Latin script, not Japanese'),
        ("missing", "no clip yet"),
    ]
    assert not any(r.reviewable for r in rows)


def test_quiet_and_clipped_audio() -> None:
    def with_audio(**levels: object) -> Row:
        row = clip_row("ねこ", 0.5)
        assert row.measures is not None
        from dataclasses import replace

        return replace(row, measures=replace(row.measures, **levels))  # type: ignore[arg-type]

    rows = assess(
        [
            with_audio(lufs=-31.0),
            with_audio(lufs=None, loudest_dbfs=None),
            with_audio(peak=1.0),
            with_audio(lufs=-26.0, peak=0.95),
        ],
        target_lufs=-18.0,
    )
    assert [codes(r) for r in rows] == [["quiet"], ["quiet"], ["clipped"], []]
    assert rows[0].flags[0].detail == "speech at -31.0 LUFS, target -18 LUFS"
    assert rows[1].flags[0].detail == "loudest 10 ms: no sound"


def test_every_flag_has_a_label_and_a_meaning() -> None:
    assert len({f.code for f in FLAGS}) == len(FLAGS)
    assert all(f.label and f.meaning.endswith(".") for f in FLAGS)


def test_theil_sen_ignores_a_minority_of_wild_points() -> None:
    points = [(float(x), 0.2 + 0.1 * x) for x in range(1, 21)]
    wild = [(2.0, 9.0), (3.0, 8.0), (15.0, 0.0), (16.0, 0.1)]
    intercept, slope = theil_sen(points + wild)
    assert slope == pytest.approx(0.1, abs=0.01)
    assert intercept == pytest.approx(0.2, abs=0.05)
    assert theil_sen([(1.0, 0.3), (1.0, 0.5), (1.0, 0.4)]) == (0.4, 0.0)


def test_length_units_count_what_is_said() -> None:
    assert length_units("かつ") == 2
    assert length_units("しょう") == 2  # ょ joins し
    assert length_units("学生") == 3
    assert length_units("ねこ。") == 2  # a final full stop adds no pause
    assert length_units("ねこ、いぬ") == 6  # a comma inside does
    assert length_units("cat") == 1.5


def test_a_clip_heard_otherwise_is_flagged_with_what_was_heard_and_sorts_first() -> None:
    heard = clip_row(
        "右に曲がってください。",
        1.6,
        heard="左に曲がってください",
        listened="flagged",
        listen_note="kana error rate 0.27 > 0.2",
    )
    ok = clip_row("左に曲がってください。", 1.6, heard="左に曲がってください", listened="ok")
    unchecked = clip_row("右", 0.5, listened="not checked", listen_note="a word")
    rows = assess([heard, ok, unchecked])
    assert [f.code for f in rows[0].flags] == ["heard"]
    assert rows[0].flags[0].detail == 'heard "左に曲がってください": kana error rate 0.27 > 0.2'
    assert rows[1].flags == () and rows[2].flags == ()  # not checked is no flag, and no "ok"
    codes = [kind.code for kind in FLAGS]
    assert codes.index("heard") < codes.index("reading")  # among the serious, near the top


def test_the_page_says_what_was_said_in_the_contents_script_and_a_note_is_no_doubt() -> None:
    """A teacher reads hiragana where the content writes hiragana (the engine spells what
    it says in katakana); phonemes stay in the data for the page's toggle; "Joined" is a
    note, which the page does not count as a clip to review."""
    import json
    import re

    from tts_assets.review.page import render_page

    water = clip_row("水", 0.5, reading="ミズ", phonemes="mʲizɨ")
    coffee = clip_row("コーヒー", 0.6, reading="コーヒー")
    page = render_page([water, coffee], title="t", page_id="0123456789abcdef")
    payload = re.search(
        r'<script type="application/json" id="review-data">(.*?)</script>', page, re.S
    )
    assert payload is not None
    rows = json.loads(payload.group(1))["rows"]
    assert rows[0]["r"] == "みず" and rows[0]["ph"] == "mʲizɨ"
    assert rows[1]["r"] == "コーヒー"  # a text in katakana keeps it
    assert 'kind.tone !== "note"' in page or 'FLAG[code].tone !== "note"' in page


def _espeak_chinese() -> list[Row]:
    """527 Chinese words said by espeak-ng 1.52 (cmn), their readings decided, as a run
    recorded them (BENCHMARKS.md, "Chinese syllables' length by tone"): (text, reading,
    phonemes, seconds of speech)."""
    import json
    from pathlib import Path

    measured = json.loads((Path(__file__).parent / "espeak_chinese.json").read_text("utf-8"))
    return [
        clip_row(text, speech, lang=resolved("zh"), provider="espeak", voice="cmn",
                 phonemes=phonemes, reading=reading)
        for text, reading, phonemes, speech in measured
    ]  # fmt: skip


def test_a_chinese_syllable_is_judged_by_its_tone() -> None:
    # Neutral-tone particles are said short, as they should be: judged by
    # their tones, none is odd. 个, decided gè and said light by espeak-ng, is.
    rows = assess(_espeak_chinese())
    flagged = {r.text: r.flags[0].detail for r in rows if "duration" in codes(r)}
    assert set(flagged) == {"个"}
    # A syllable that ran on is still found, of any tone.
    for text in ("的", "猫", "我"):
        odd = next(r for r in _espeak_chinese() if r.text == text)
        rows = assess(
            [*_espeak_chinese(), replace(odd, measures=replace(odd.measures, speech=0.9))]
        )
        assert codes(rows[-1]) == ["duration"], text


def test_a_cloze_gap_written_pauses_and_joins_are_never_an_odd_length() -> None:
    # The seed app's exercises: the gap the tool put in the clip is 2 s of
    # silence inside its speech; compared around it, the clip is as long as its words.
    # Kokoro's clips are measured by their phonemes: 0.07 s a sound, a little spread.
    spread = [1.0, 1.04, 0.97, 1.02, 0.99, 1.05, 0.96, 1.01, 0.98, 1.03, 1.0, 0.97, 1.02, 1.0]
    rows = [
        clip_row(f"text {n}", (0.2 + 0.07 * (6 + 3 * n)) * f, phonemes="a" * (6 + 3 * n))
        for n, f in enumerate(spread)
    ]
    gapped = [
        ("本を読 [pause:2s] ください", "hoɴ o jo kɯdasai", 1, 2.0),
        ("私は [pause:2s] です。", "βataɕi βa desɨ", 1, 2.0),
        ("学校 [pause:1.5s] 行く [pause:1.5s] です", "ɡaʔkoː ikɯ desɨ", 1, 3.0),
        ("夏休みに海へ。水は冷たい。", "natsɨjasɨmʲi ɲi ɯmʲi e mʲizɨ βa ʦɨmetai", 2, 0.3),
    ]
    for text, said, pieces, silence in gapped:
        assert own_silence(clip_row(text, 0.0, pieces=pieces)) == silence
        sounds = sum(1 for c in said if not c.isspace())
        speech = 0.2 + 0.07 * sounds + silence
        rows.append(clip_row(text, speech, phonemes=said, pieces=pieces))
    # A clip of a gapped text that says far too much is still odd.
    rows.append(clip_row("私 [pause:2s] 学生です。", 6.0 + 2.0, phonemes="βataɕi ɡakɯseː desɨ"))
    flagged = {row.text for row in assess(rows) if "duration" in codes(row)}
    assert flagged == {"私 [pause:2s] 学生です。"}


def test_a_cloze_gap_is_no_join_of_sentence_pieces() -> None:
    gapped = clip_row("本を読 [pause:2s] ください", 3.0, pieces=2)
    passage = clip_row("夏休みに海へ。水は冷たい。 [pause:1s] はい。", 4.0, pieces=3)
    assert "joined" not in codes(assess([gapped])[0])
    (joined,) = [f for f in assess([passage])[0].flags if f.code == "joined"]
    assert joined.detail == "joined from 2 sentence pieces"


def test_a_ladders_twins_are_judged_among_their_tempos_not_among_the_clips() -> None:
    """With `slow = [0.6, 0.8]` two thirds of a voice's clips are twins, long by design:
    judged with the clips they are stretched from, they hid a word said twice as long as
    its peers (先生 in 1.3 s, flagged without the twins)."""
    odd = clip_row("先生", 1.3)
    clips = [*(clip_row(t, s) for t, s in MEASURED), odd]
    twins = [
        clip_row(t, s / tempo, tempo=tempo, clip=f"kanji/{t}{tempo}.mp3")
        for t, s in [*MEASURED, ("先生", 1.3)]
        for tempo in (0.6, 0.8)
    ]
    rows = assess([*clips, *twins])
    flagged = sorted((r.text, r.tempo or 1.0) for r in rows if codes(r))
    assert flagged == [("先生", 0.6), ("先生", 0.8), ("先生", 1.0)]  # and its twins, as long


def test_dictionary_notation_and_tokens_that_are_no_words_are_flagged() -> None:
    """A word list's notation is said as written ("Adresse minus e n"): flagged, in any
    language, with the words around it; a clip that says words is not."""

    def case(text: str, shown: str) -> None:
        row = clip_row(text, 1.0, lang=resolved("de"), provider="espeak", voice="de")
        (flagged,) = assess([row])
        if shown:
            assert Flag("notation", f'"{shown}" is said as written') in flagged.flags
        else:
            assert "notation" not in codes(flagged)

    check_each(
        case,
        [
            ("die Adresse,-en", "Adresse,-en"),
            ("der Arzt, -Ä, e", "Arzt, -Ä"),
            ("die Stadt, ¨-e", "Stadt, ¨-e"),
            ("der Lehrer, -", "Lehrer, -"),
            ("el libro, -s", "libro, -s"),
            ("213082_20_SV", "213082_20_SV"),  # a page footer's id
            ("Hund = dog", ""),
            ("a|b", "a|b"),
        ],
    )


def test_words_with_commas_dashes_and_signs_are_no_notation() -> None:
    texts = ["Ja, ich komme.", "Hallo, - sagte er.", "well-known", "3-5 Tage", "km/h",
             "Es hat -5 Grad, -10 in der Nacht.", "Tom & Jerry", "COVID-19, 2020", "〜がる",
             "e-Mail, E-Mail", "x = 5"]  # fmt: skip
    rows = assess(clip_row(t, 1.0, lang=resolved("de")) for t in texts)
    assert [r.text for r in rows if "notation" in codes(r)] == []
