"""A guess never overrides a voice's own reading of its word: where the
decider is in doubt and the voice reads the polyphone as the doubt's other reading, the
voice's is said, still flagged. Loads pypinyin, g2pM's weights and espeak-ng: slow."""

from __future__ import annotations

import pytest

from tests.support.markers import needs_espeak_library
from tts_assets.lang.zh import Decision, decided_each
from tts_assets.lang.zh.decide import available
from tts_assets.providers.espeak import EspeakProvider, EspeakSettings

pytestmark = [
    pytest.mark.slow,
    needs_espeak_library,
    pytest.mark.skipif(not available(), reason="pypinyin or g2pM is not installed"),
]


def test_the_voice_reading_of_a_doubted_word_is_said_and_still_flagged() -> None:
    espeak = EspeakProvider(EspeakSettings(engine="packaged"))
    # espeak-ng reads 大夫 dàifu; the dictionary's 大夫 is dàfū, the old rank, and which
    # one 大夫来了 means no rule knows: a doubt.
    doubted, doctor, rank = decided_each(
        ["大夫来了。", "这位大夫很有经验。", "士大夫"], espeak, "cmn"
    )
    assert isinstance(doubted, Decision) and doubted.told is not None
    assert doubted.citation[0] == "dai4" and doubted.told.verdict == "agree"
    assert [(d.char, d.said, d.other) for d in doubted.doubts] == [("大", "dai4", "da4")]
    # A rule decides 这位大夫: no doubt. The old rank's word is the dictionary's: told so.
    assert isinstance(doctor, Decision) and doctor.citation[2] == "dai4" and not doctor.doubts
    assert isinstance(rank, Decision) and rank.citation[1] == "da4" and not rank.doubts
    assert rank.told is not None and rank.told.verdict == "disagree"


def test_a_dictionary_word_the_model_doubts_is_never_the_voice_s_to_win() -> None:
    # g2pM all but rules out the dictionary's 系 jì of 系好 and 调 tiáo of 空调; espeak-ng
    # reads xì and diào, which would win a doubt of the decider's own (the regression gate's
    # textbook lines). The dictionary's word decides, with no doubt for the voice to win.
    espeak = EspeakProvider(EspeakSettings(engine="packaged"))
    fasten, cooled = decided_each(["请系好安全带。", "房间里有空调。"], espeak, "cmn")
    for decision, index, reading in ((fasten, 1, "ji4"), (cooled, 5, "tiao2")):
        assert isinstance(decision, Decision) and decision.citation[index] == reading
        assert all(d.index != index for d in decision.doubts)
