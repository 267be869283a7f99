"""Content pinyin that reads a polyphone otherwise than its sentence: the
courses measured write 都 dū in 我都会去 (dōu), 什么 shé me, 好吃 hào chī. The content's
pinyin is said (it wins), and the text is flagged as a doubt naming both readings: in the
dry run, the manifest, `readings` and the review page. Pinyin its sentence agrees with, a
reading content may write either way (谁 shuí) and a tone written as said (你好 ní hǎo)
are not flagged."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

from tests.e2e.test_chinese_decided import CONFIG
from tests.support.kokoro_voices import standing_in_voices
from tests.support.markers import needs_espeak_library
from tests.support.project import Project
from tests.support.review_project import page_data

pytestmark = [pytest.mark.slow, needs_espeak_library]

WORDS = [
    ("我都会去。", "Wǒ dū huì qù."),  # dōu: a slip
    ("这个菜很好吃。", "Zhège cài hěn hàochī."),  # hǎo: a slip
    ("尽力", "jǐnlì"),  # jìn: a slip
    ("我们都去。", "Wǒmen dōu qù."),
    ("谁", "shuí"),  # shéi as said, shuí the dictionary's: either
    ("你好", "níhǎo"),  # the tone as said
    ("好看", "hǎokàn"),
]
SLIPS = {
    "我都会去。": "the content's pinyin Wǒ dū huì qù. gives 都 dū where its sentence reads dōu "
    "(“all”); said as the content gives it: check the pinyin",
    "这个菜很好吃。": "the content's pinyin Zhège cài hěn hàochī. gives 好 hào where its "
    "sentence reads hǎo; said as the content gives it: check the pinyin",
    "尽力": "the content's pinyin jǐnlì gives 尽 jǐn where its sentence reads jìn; said as the "
    "content gives it: check the pinyin",
}
"""What each slip's note says (after the text and what its voice was given)."""


def _course(project: Project, zh: str) -> Project:
    vocabulary: list[dict[str, Any]] = [
        {"id": f"z{n}", "word": word, "reading": pinyin} for n, (word, pinyin) in enumerate(WORDS)
    ]
    project.gen(
        {
            "public/data/ja/characters.json": [{"id": "c1", "char": "は", "type": "hiragana"}],
            "public/data/zh/vocabulary.json": vocabulary,
        }
    )
    return project.config(CONFIG.format(zh=zh))


def _flagged(messages: dict[str, str]) -> dict[str, str]:
    """Of each text's message, the slip's note (after `TEXT: `, before what its voice was
    given), where it has one."""
    found = {}
    for text, message in messages.items():
        if message.startswith(f"{text}: the content's pinyin"):
            found[text] = message.removeprefix(f"{text}: ").partition(f"; {text}: ")[0]
    return found


def _check(project: Project, *flags: str) -> None:
    plan = project.json("generate", "--dry-run", *flags)
    (zh,) = [s for s in plan["sets"] if s["set"]["lang"] == "zh"]
    texts = {f"vocabulary.json › [{n}] › word": w for n, (w, _) in enumerate(WORDS)}
    planned = {texts[r["place"]]: r["message"] for r in zh["readings"]}
    assert _flagged(planned) == SLIPS
    project.json("generate", *flags)
    clips = {c["text"]: c for c in project.manifest()["clips"] if c["lang"] == "zh"}
    assert _flagged({t: c.get("note") or "" for t, c in clips.items()}) == SLIPS
    # The content wins: the reading recorded and said is the content's.
    assert clips["我都会去。"]["reading"] == "Wǒ dū huì qù."
    (report,) = [s for s in project.json("readings", *flags)["sets"] if s["set"]["lang"] == "zh"]
    doubts = {texts[n["place"]]: n["message"] for n in report["doubts"]}
    assert _flagged(doubts) == SLIPS
    assert {c["text"] for c in clips.values() if c["verdict"] == "doubt"} == set(SLIPS)
    code, out = project.invoke("review", *flags)
    assert code == 0, out
    rows = {r["x"]: r for r in page_data(project / "public/audio/review-zh.html")["rows"]}
    shown = {t: " ".join(m for _, m in r.get("f") or []) for t, r in rows.items()}
    assert _flagged(shown) == SLIPS


def test_espeak_says_the_content_pinyin_and_flags_its_slips(project: Project) -> None:
    _course(project, "espeak:cmn")
    _check(project)
    clips = {c["text"]: c for c in project.manifest()["clips"] if c["lang"] == "zh"}
    # espeak-ng reads 都 dōu itself: it is given the content's dū.
    assert clips["我都会去。"]["spoken"] == "我 du1 会去。"


@pytest.mark.skipif(importlib.util.find_spec("misaki") is None, reason="no kokoro-zh extra")
def test_kokoro_says_the_content_pinyin_and_flags_its_slips(project: Project) -> None:
    # A packaged vector stands in for a Chinese voice (tests/support/kokoro_voices.py).
    _course(project, "kokoro:zf_test")
    standing_in_voices(project, zf_test="jf_alpha")
    _check(project, "--kokoro-voices", "voices.npz")


def test_the_library_says_the_content_pinyin_and_warns_of_its_slip(
    project: Project, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    import tts_assets
    from tts_assets.settings.load import load_settings

    _course(project, "espeak:cmn")
    settings = load_settings(lang="zh")
    with caplog.at_level(logging.WARNING, logger="tts_assets"):
        right = tts_assets.synthesize(
            "我们都去。", lang="zh", settings=settings, reading="wǒmen dōu qù"
        )
        assert caplog.records == []
        slipped = tts_assets.synthesize(
            "我都会去。", lang="zh", settings=settings, reading="Wǒ dū huì qù."
        )
    (warning,) = [r.getMessage() for r in caplog.records]
    assert warning.startswith(f"doubt: 我都会去。: {SLIPS['我都会去。']}; ")
    # Said as the content gives it: dū (t'u55), not dōu (tou55).
    assert slipped.phonemes is not None and "t'u55" in slipped.phonemes
    assert right.phonemes is not None and "t'ou55" in right.phonemes
