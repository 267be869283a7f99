"""Chinese grammar shaped like hanabira.org's (tristcoil/hanabira.org): files
`grammar_cn_HSK_<level>_0001.json`, sentences in `examples[].cn` with their pinyin run
together in `examples[].pinyin` (`kěnéng`, `dàngāo`) and the app's own URLs in
`examples[].grammar_audio`. Every sentence below is one of its own.

- Pinyin run together is cut as it is spelled (kě néng, never kěn éng) and the sentence
  is said; a real slip (`wèishéme` for 为什么) is still refused, naming it.
- Erhua (有点儿 yǒudiǎnr, 哪儿 nǎr): espeak-ng has no r-coloured syllable, so it makes no
  clip and names 儿, with or without pinyin; 儿 as a syllable of its own (女儿 nǚ'ér) is
  said. Kokoro's Chinese phonemizer (misaki) says erhua: a clip, with its phonemes.
"""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

from tests.support.course import HANABIRA_CHINESE_CONFIG
from tests.support.kokoro_voices import standing_in_voices
from tests.support.markers import needs_espeak_library
from tests.support.project import Project

pytestmark = [pytest.mark.slow, needs_espeak_library]

RUN_TOGETHER = [
    (
        "她可能是对的，毕竟她有更多的经验。",
        "Tā kěnéng shì duì de, bìjìng tā yǒu gèng duō de jīngyàn.",
    ),
    (
        "妈妈做了一桌好吃的菜，并且买了我最喜欢的蛋糕。",
        "Māmā zuòle yī zhuō hǎochī de cài, bìngqiě mǎile wǒ zuì xǐhuān de dàngāo.",
    ),
    ("他的中文语言技能逐渐提高。", "Tā de Zhōngwén yǔyán jìnéng zhújiàn tígāo."),
    (
        "他只是迟到了一次而已，不要对他这么严格。",
        "Tā zhǐshì chídào le yīcì éryǐ, bú yào duì tā zhème yángé.",
    ),
]
SLIP = ("昨天你为什么没有参加我们的聚会？", "Zuótiān nǐ wèishéme méiyǒu cānjiā wǒmen de jùhuì?")
ERHUA = [
    ("你的手机在哪儿？我找不到它了。", "Nǐ de shǒujī zài nǎr? Wǒ zhǎobùdào tā le."),
    (
        "这个馒头很好吃，不过有点儿太甜了。",
        "Zhège màntou hěn hào chī, búguò yǒudiǎn er tài tián le.",
    ),
]
ERHUA_BARE = "我有点儿饿，我们可以去吃点儿东西吗？"
OWN_SYLLABLE = ("原来你是老板的女儿。", "Yuánlái nǐ shì lǎobǎn de nǚ'ér.")

CONFIG = HANABIRA_CHINESE_CONFIG


def _course(project: Project, voice: str) -> Project:
    with_pinyin = [*RUN_TOGETHER, SLIP, *ERHUA, OWN_SYLLABLE]

    def example(cn: str, pinyin: str | None) -> dict[str, str]:
        found = {"cn": cn, "en": "...", "grammar_audio": f"/audio/mandarin/grammar/s_{cn}.mp3"}
        return found | ({"pinyin": pinyin} if pinyin is not None else {})

    project.gen(
        {
            "data/grammar_cn_HSK_1_0001.json": [
                {"title": "可能 (kěnéng)", "examples": [example(*e) for e in with_pinyin[:4]]}
            ],
            "data/grammar_cn_HSK_2_0001.json": [
                {"title": "有点儿", "examples": [example(*e) for e in with_pinyin[4:]]},
                {"title": "点儿", "examples": [example(ERHUA_BARE, None)]},
            ],
        }
    )
    return project.config(CONFIG.format(voice=voice))


def _failures(summary: dict[str, Any]) -> dict[str, str]:
    return {f["text"]: f["reason"] for f in summary["failures"]}


def test_espeak_says_run_together_pinyin_and_names_the_slips_and_the_erhua(
    project: Project,
) -> None:
    _course(project, "espeak:cmn")
    code, out = project.invoke("readings")
    assert code == 1
    # Run-together pinyin is no slip; the real one is.
    for cn, _ in RUN_TOGETHER:
        assert f"{cn}: the content's pinyin" not in out
    assert "什 shé (it is read shén, shí): likely a mistake in the pinyin" in out
    summary = project.json("generate", "--replace-hand-set-urls", code=1)
    failures = _failures(summary)
    said = {c["text"] for c in project.manifest()["clips"]}
    assert {cn for cn, _ in RUN_TOGETHER} | {OWN_SYLLABLE[0]} <= said
    assert SLIP[0] not in said and SLIP[0] not in failures  # refused before synthesis
    # Erhua: no clip, 儿 named, whether the content gives pinyin or not.
    for cn in (*(cn for cn, _ in ERHUA), ERHUA_BARE):
        assert cn not in said
    # With pinyin, refused before synthesis (counted refused, exit 1); without, the
    # provider finds it when it is asked to say the text (a failure with its reason).
    refused = {r["reason"].split(":")[0]: r["reason"] for r in summary["refused"]}
    assert "cannot say the erhua of 哪儿" in refused[ERHUA[0][0]]
    assert "cannot say the erhua of 点儿" in refused[ERHUA[1][0]]
    assert "cannot say the erhua of 点儿" in failures[ERHUA_BARE]
    assert 'Kokoro\'s Chinese voices: zh = "kokoro:zf_xiaobei"' in failures[ERHUA_BARE]
    # 女儿: 儿 is a syllable of its own, said as espeak-ng says ér.
    manifest = {c["text"]: c for c in project.manifest()["clips"]}
    assert "'@r35" in manifest[OWN_SYLLABLE[0]]["phonemes"]


@pytest.mark.skipif(importlib.util.find_spec("misaki") is None, reason="no kokoro-zh extra")
def test_kokoro_says_the_erhua(project: Project) -> None:
    # Only Japanese voices ship: a packaged vector stands in for a Chinese voice, so the
    # text takes misaki's real Chinese path and the real model (tests/support/kokoro_voices.py).
    _course(project, "kokoro:zf_test")
    standing_in_voices(project, zf_test="jf_alpha")
    summary = project.json(
        "generate", "--replace-hand-set-urls", "--kokoro-voices", "voices.npz", code=1
    )
    manifest = {c["text"]: c for c in project.manifest()["clips"]}
    assert set(_failures(summary)) == set()
    for cn in (ERHUA[0][0], ERHUA[1][0], ERHUA_BARE):
        assert "ɚ" in manifest[cn]["phonemes"], manifest[cn]
    assert SLIP[0] not in manifest  # a slip is a slip whoever speaks
