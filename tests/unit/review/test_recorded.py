"""A row shows how its clip is said as a run decides it now (its reading, verdict and
note), beside the words, phonemes and language its manifest entry records."""

from __future__ import annotations

from typing import Any

from tts_assets.languages import resolved
from tts_assets.planning.keys import Voice
from tts_assets.planning.plan import Clip
from tts_assets.planning.recipes import Spoken
from tts_assets.readings.numbers import Spoken as Words
from tts_assets.readings.saying import Form, Said
from tts_assets.review.collect import said_today
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


def _clip(said: Said | None = None) -> Clip:
    """The clip of ROW, said today as `said` (None: nothing decided of it)."""
    form = Form(("お雑煮",), Words("お雑煮"), lang=resolved("ja"))
    recipe = Spoken(form, Voice("kokoro", "jf_alpha"), 1.0, said=said)
    return Clip(ROW.key, "vocabulary", ROW.clip, "/audio/x.mp3", "お雑煮", ROW.lang, recipe)


def test_an_entry_before_the_readings_work_keeps_what_the_plan_says() -> None:
    row = said_today(ROW, _clip(), StoredClip(**ENTRY, lang="ja"))
    assert (row.reading, row.spoken, row.phonemes, row.reading_check) == (
        None,
        "お雑煮",
        None,
        None,
    )


def test_today_s_verdict_and_the_recorded_spoken_form_and_phonemes_reach_the_row() -> None:
    entry = StoredClip(
        **ENTRY,
        lang="ja",
        reading="おぞうに",
        spoken="おぞうに",
        phonemes="ozoːni",
        verdict="agree",
    )
    note = "read as ごぞうに, content says おぞうに; spoke おぞうに"
    said = Said(("おぞうに",), reading="おぞうに", verdict="disagree", note=note, risk=0.9)
    row = said_today(ROW, _clip(said), entry)
    assert (row.reading, row.spoken, row.phonemes, row.risk) == (
        "おぞうに",
        "おぞうに",
        "ozoːni",
        0.9,
    )
    [flag] = assess([row])[0].flags
    assert (flag.code, flag.detail) == ("reading", note)
    # The verdict the entry recorded is not today's: the row says nothing of it.
    agreed = said_today(ROW, _clip(Said(("おぞうに",), verdict="agree")), entry)
    assert assess([agreed])[0].flags == () and agreed.risk is None


def test_an_agreed_or_unchecked_reading_raises_no_flag_and_lang_comes_from_the_entry() -> None:
    # `corrected`: the content's reading is one the form has (a line of `readings`).
    for verdict in ("agree", "unchecked", "corrected"):
        clip = _clip(Said(("お雑煮",), verdict=verdict))
        row = said_today(ROW, clip, StoredClip(**ENTRY, lang="ja-JP", verdict="disagree"))
        assert assess([row])[0].flags == ()
        assert row.lang.code == "ja-JP"
    said = Said(("おぞうに",), verdict="override", note="日本 = にっぽん")
    override = said_today(ROW, _clip(said), StoredClip(**ENTRY))
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
