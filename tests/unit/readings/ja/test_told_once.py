"""A Japanese text told its accent by the analyzer (`every-text`, no accent stated) is made
in one step (`JapaneseReader._told_decided`): the same form as made with its decisions,
then told (`_told`), for every kind of text and every `accent` setting."""

from __future__ import annotations

import pytest

from tts_assets.lang.ja import reader
from tts_assets.lang.ja.reconcile import Reading
from tts_assets.languages import resolved
from tts_assets.providers.kokoro import KokoroProvider
from tts_assets.readings.form import ACCENT_MODES, AccentMode
from tts_assets.readings.saying import Form, Saying, Written

JA = resolved("ja")
TEXTS = [
    Written("水", JA),
    Written("学生", JA, "がくせい"),
    Written("生", JA, "なま"),  # a reading the analyzer does not give first
    Written("今日は3日です。", JA),  # digits
    Written("雨が降っています。明日は晴れるでしょう。", JA, split=True),  # a passage
    Written("本を読 [pause:2s] ください", JA, context="本を読んでください"),  # a cloze
    Written("私は [pause:1s] 学生です。", JA),  # a pause
    Written("雨", JA, "あめ", accent="HL"),  # an accent stated
    Written("雨", JA, "あめ", accent="LH"),  # one the analyzer does not give
    Written("あ", JA, kind="kana"),
    Written("みず", JA, kind="reading", kanji="水"),
    Written("。", JA),  # nothing to say
    Written("ありがとう", JA),
]


def _two_steps(
    self: reader.JapaneseReader,
    written: Written,
    form: Form,
    material: str | None,
    decisions: tuple[Reading, ...],
) -> Form:
    return self._told(written, reader._with(form, material=material, decisions=decisions))


@pytest.mark.parametrize("accent", ACCENT_MODES)
def test_a_text_told_in_one_step_is_the_form_told_in_two(
    accent: AccentMode, monkeypatch: pytest.MonkeyPatch
) -> None:
    kokoro = KokoroProvider()
    asked = [(w, kokoro, "jf_alpha") for w in TEXTS]
    once = Saying(accent=accent, fresh=True).forms(asked)
    monkeypatch.setattr(reader.JapaneseReader, "_told_decided", _two_steps)
    twice = Saying(accent=accent, fresh=True).forms(asked)
    assert once == twice
    told = [f for f in once if isinstance(f.own, reader.Decided) and f.own.accent]
    assert len(told) >= (8 if accent == "every-text" else 0)  # the one step was taken
