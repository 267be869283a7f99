"""A row shows how its clip was said as the run recorded it in the manifest entry."""

from __future__ import annotations

from typing import Any

from tts_assets.languages import resolved
from tts_assets.review.collect import said_as_recorded
from tts_assets.review.flags import assess
from tts_assets.review.row import Row
from tts_assets.store.manifest import StoredClip

ROW = Row(
    type="vocabulary",
    entry="vocabulary.json › [0]",
    places=("vocabulary.json › [0] › word",),
    text="お雑煮",
    lang=resolved("ja"),
    key="0" * 32,
    clip=f"vocabulary/{'0' * 32}.mp3",
    spoken="お雑煮",
    provider="kokoro",
    voice="jf_alpha",
)
ENTRY: dict[str, Any] = dict(
    key="0" * 32,
    path=f"vocabulary/{'0' * 32}.mp3",
    text="お雑煮",
    provider="kokoro",
    voice="jf_alpha",
    duration=0.9,
    bytes=7000,
    sha256="ab" * 32,
)


def test_an_entry_before_the_readings_work_keeps_what_the_plan_says() -> None:
    row = said_as_recorded(ROW, StoredClip(**ENTRY, lang="ja"))
    assert (row.reading, row.spoken, row.phonemes, row.reading_check) == (
        None,
        "お雑煮",
        None,
        None,
    )


def test_the_recorded_reading_spoken_form_phonemes_and_verdict_reach_the_row() -> None:
    entry = StoredClip(
        **ENTRY,
        lang="ja",
        reading="おぞうに",
        spoken="おぞうに",
        phonemes="ozoːni",
        verdict="disagree",
        note="read as ごぞうに, content says おぞうに; spoke おぞうに",
    )
    row = said_as_recorded(ROW, entry)
    assert (row.reading, row.spoken, row.phonemes) == ("おぞうに", "おぞうに", "ozoːni")
    [flag] = assess([row])[0].flags
    assert (flag.code, flag.detail) == (
        "reading",
        "read as ごぞうに, content says おぞうに; spoke おぞうに",
    )


def test_an_agreed_or_unchecked_reading_raises_no_flag_and_lang_comes_from_the_entry() -> None:
    # `corrected`: the content's reading is one the form has (a line of `readings`).
    for verdict in ("agree", "unchecked", "corrected"):
        row = said_as_recorded(ROW, StoredClip(**ENTRY, lang="ja-JP", verdict=verdict))
        assert assess([row])[0].flags == ()
        assert row.lang.code == "ja-JP"
    entry = StoredClip(**ENTRY, verdict="override", note="日本 = にっぽん")
    override = said_as_recorded(ROW, entry)
    assert [f.code for f in assess([override])[0].flags] == ["override"]


def test_a_chinese_row_shows_its_respelled_syllables_with_tone_marks() -> None:
    from dataclasses import replace

    from tts_assets.review.page import _row_json

    # A polyphone or a tone change is told to the engine as a numbered syllable.
    row = replace(ROW, text="你喜欢哪一个？", lang=resolved("zh"), spoken="ni2 喜欢哪 yi2 个？")
    assert _row_json(row)["s"] == "ní 喜欢哪 yí 个？"
    # A word in Latin letters that ends in a digit is no syllable: left as written.
    row = replace(row, text="我的mp3坏了", spoken="wo2 的mp3坏了")
    assert _row_json(row)["s"] == "wó 的mp3坏了"
    # Another language's said form is shown as it was said (kana in the text's script).
    assert _row_json(replace(ROW, spoken="オゾウニ"))["s"] == "おぞうに"
