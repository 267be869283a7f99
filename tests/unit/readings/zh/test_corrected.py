"""Content pinyin its voice reads otherwise is a teacher's problem only where its
sentence does not settle it. Real espeak-ng (its library) and the real decider: slow.

On hanabira.org's HSK 1 grammar, 40 of 57 "Reading disagrees" were 一/不 written in their
own tone where espeak-ng already says the tone change, and 13 more the voice's slips the
content's pinyin mended, or readings a course may choose: none a teacher must act on."""

from __future__ import annotations

import pytest

from tests.support.markers import needs_espeak_library
from tts_assets.lang.zh import CORRECTED, with_pinyin_each
from tts_assets.lang.zh.decide import available
from tts_assets.providers.espeak import EspeakProvider, EspeakSettings

pytestmark = [
    pytest.mark.slow,
    needs_espeak_library,
    pytest.mark.skipif(not available(), reason="pypinyin or g2pM is not installed"),
]


def _told(*texts: tuple[str, str]) -> dict[str, tuple[str, str]]:
    espeak = EspeakProvider(EspeakSettings(engine="packaged"))
    found = with_pinyin_each(list(texts), espeak, "cmn")
    return {t: (a.verdict, a.text) for (t, _), a in zip(texts, found, strict=True) if a}


def test_citation_tones_and_tone_changes_written_are_no_disagreement() -> None:
    told = _told(
        # espeak-ng says yì bēi itself, and qǐng gěi without the change of two third tones:
        # each word is said one of the two ways, and it is told the tone changes it lacks.
        ("请给我一杯水。", "Qǐng gěi wǒ yī bēi shuǐ."),
        ("他不会开车。", "Tā bù huì kāichē."),
        ("你好！", "Ní hǎo!"),
        ("我姐姐是一个医生。", "Wǒ jiějie shì yī ge yīshēng."),  # yí ge: 个's own tone
    )
    assert {v for v, _ in told.values()} == {"agree"}, told
    assert told["请给我一杯水。"][1] == "qing2 gei2 我一杯水。"


def test_a_slip_of_the_voice_the_sentence_settles_is_corrected_not_disagreed() -> None:
    told = _told(
        ("那只猫很可爱。", "Nà zhī māo hěn kě'ài."),  # it reads zhǐ
        ("他是谁？", "Tā shì shéi?"),  # it reads shuí: content may write either
        ("得", "děi"),  # a word of one character: the course's choice of its readings
        ("这个超市的东西很便宜。", "Zhège chāoshì de dōngxi hěn piányi."),
        ("我想尝一尝。", "Wǒ xiǎng cháng yī cháng."),  # it says yì: told the light yi
    )
    assert {v for v, _ in told.values()} == {CORRECTED}, told
    assert "xi5 很 pian2 yi5" in told["这个超市的东西很便宜。"][1]


def test_a_reading_the_sentence_does_not_settle_is_still_a_disagreement() -> None:
    told = _told(
        ("打篮球", "dá lán qiú"),  # 打 is dǎ in 打篮球
        ("你更喜欢看电影还是看电视剧？", "Nǐ gēng xǐhuān kàn diànyǐng háishì kàn diànshìjù?"),
    )
    assert {v for v, _ in told.values()} == {"disagree"}, told
