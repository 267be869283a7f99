"""The accent a Japanese text should be said with: OpenJTalk's accent phrases as H/L per
mora, the content's pitchPattern read, and the level of each Kokoro phoneme."""

from __future__ import annotations

import pytest

from tts_assets.errors import InputError
from tts_assets.readings.accent import (
    accent_pattern,
    expected_accent,
    parse_pitch_pattern,
    phoneme_pitch,
)


@pytest.mark.parametrize(
    ("accent", "morae", "pattern"),
    [
        (0, 2, "LH"),  # 飴: flat
        (1, 2, "HL"),  # 雨: head-high
        (2, 2, "LH"),  # 花: tail-high, alike alone
        (2, 4, "LHLL"),  # middle-high
        (1, 1, "H"),
        (0, 1, "L"),
    ],
)
def test_a_pattern_follows_from_where_the_pitch_falls(
    accent: int, morae: int, pattern: str
) -> None:
    assert accent_pattern(accent, morae) == pattern


@pytest.mark.parametrize(
    ("text", "patterns"),
    [
        ("雨", ["HL"]),
        ("飴", ["LH"]),
        ("箸", ["HL"]),
        ("橋", ["LH"]),
        ("端", ["LH"]),
        ("牡蠣", ["HL"]),
        ("柿", ["LH"]),
        # The particle leans on the word: 橋を falls onto を, 端を would not.
        ("橋を渡る", ["LHL", "LHH"]),
        ("先生が来た。", ["LHHLL", "HL"]),
    ],
)
def test_the_analyzer_gives_each_accent_phrase_its_pattern(text: str, patterns: list[str]) -> None:
    assert [phrase.pattern for phrase in expected_accent(text)] == patterns


@pytest.mark.parametrize(
    ("value", "morae", "pattern"),
    [
        ("HL", 2, "HL"),
        ("lhh", 3, "LHH"),
        ("L-H-H", 3, "LHH"),
        ("LHL", 2, "LH"),  # NHK style: the particle's level after the word, not said alone
        ("[1]", 3, "HLL"),
        ("0", 2, "LH"),
        (2, 3, "LHL"),
    ],
)
def test_the_contents_pitch_pattern_is_read(value: object, morae: int, pattern: str) -> None:
    assert parse_pitch_pattern(value, morae, "words.json › [3] › pitchPattern") == pattern


@pytest.mark.parametrize("value", ["HLH", "HH", "LHHHH", "5", True, None, "high"])
def test_a_pitch_pattern_no_accent_makes_is_refused_with_the_place(value: object) -> None:
    with pytest.raises(InputError) as raised:
        parse_pitch_pattern(value, 3, "words.json › [3] › pitchPattern")
    message = str(raised.value)
    assert "words.json › [3] › pitchPattern" in message
    assert "accent number (0 to 3)" in message


def test_each_kokoro_phoneme_gets_the_level_of_its_mora() -> None:
    assert phoneme_pitch("ame", expected_accent("雨")) == "HLL"
    assert phoneme_pitch("ame", expected_accent("飴")) == "LHH"
    # Spaces between words have no level; ː and ɴ are morae of their own.
    assert phoneme_pitch("haɕi o βataɾɯ", expected_accent("橋を渡る")) == "LLHH L LLHHHH"
    assert phoneme_pitch("toːkʲoː", expected_accent("東京")) == "LLHHHHH"


def test_phonemes_of_other_morae_than_the_analyzers_get_no_pitch() -> None:
    # A reading said otherwise (three morae for a word of two): no pattern to lay on it.
    assert phoneme_pitch("amega", expected_accent("雨")) is None
