"""Chinese said right without pinyin, through the commands, on a course shaped
like a real one: a zh folder beside ja, words with pinyin written without spaces
(nǐhǎo), example sentences without pinyin.

- every sentence's polyphones decided from the sentence, the reading recorded in the
  manifest (`reading`, verdict `decided`), its voice given it where it reads a word
  otherwise (espeak-ng: 这只猫 zhī, 他教我 jiāo, 我得走了 děi);
- a polyphone read two ways is said the likelier way and flagged as a doubt naming both,
  in the manifest, the dry run, `readings` (and its JSON), the review page (a decided
  reading shown as the row's reading, unflagged; a doubt flagged with both readings) and
  the library's one-text call (a warning), on espeak-ng and on Kokoro's phonemes;
- 你好, 不是, 一个, 一起 said with the tone changes of speech, from the content's pinyin
  and without it: espeak-ng's phonemes (ní 35, bú 35, yí 35, yì 51), Kokoro's (ni↗).
"""

from __future__ import annotations

import importlib.util
import logging
from typing import Any

import pytest

from tests.support.kokoro_voices import standing_in_voices
from tests.support.markers import needs_espeak_library
from tests.support.project import Project
from tests.support.review_project import page_data

pytestmark = [pytest.mark.slow, needs_espeak_library]

CONFIG = """\
[languages]
zh = "{zh}"

[[sets]]
data_dir = "public/data/ja"
out_dir = "public/audio"
url_prefix = "/audio"
lang = "ja"

[[sets]]
data_dir = "public/data/zh"
out_dir = "public/audio"
url_prefix = "/audio"
lang = "zh"
"""

DOUBT = (
    "他调到北京工作了。: read two ways (调 diào or tiáo); said as tā diào dào běi jīng gōng "
    "zuò le: check it, or give the text its pinyin"
)
"""The doubt of SENTENCES[4], as every surface names it."""

WORDS = [("你好", "nǐhǎo"), ("不是", "bùshì"), ("一个", "yīgè"), ("一起", "yīqǐ")]
SENTENCES = ["这只猫很可爱。", "他教我中文。", "我得走了。", "这条河很长。", "他调到北京工作了。"]


def _course(project: Project, zh: str) -> Project:
    vocabulary: list[dict[str, Any]] = [
        {"id": f"z{n}", "word": word, "reading": pinyin} for n, (word, pinyin) in enumerate(WORDS)
    ]
    vocabulary[0]["examples"] = [{"sentence": s} for s in SENTENCES]
    vocabulary += [{"id": f"w{n}", "word": word} for n, (word, _) in enumerate(WORDS)]
    project.gen(
        {
            "public/data/ja/characters.json": [{"id": "c1", "char": "は", "type": "hiragana"}],
            "public/data/zh/vocabulary.json": vocabulary,
        }
    )
    return project.config(CONFIG.format(zh=zh))


def test_espeak_says_each_sentence_as_decided_and_flags_the_doubt(project: Project) -> None:
    _course(project, "espeak:cmn")
    plan = project.json("generate", "--dry-run")
    doubts = [r for s in plan["sets"] for r in s["readings"] if r["verdict"] == "doubt"]
    assert [d["message"] for d in doubts] == [DOUBT]
    project.json("generate")
    clips = {c["text"]: c for c in project.manifest()["clips"]}
    said = {t: (clips[t]["spoken"], clips[t]["reading"], clips[t]["verdict"]) for t in SENTENCES}
    assert said == {
        # The words espeak-ng reads otherwise are given to it as the decided syllables.
        "这只猫很可爱。": ("这 zhi1 猫 hen2 可爱。", "zhè zhī māo hěn kě ài", "decided"),
        "他教我中文。": ("他 jiao1 我中文。", "tā jiāo wǒ zhōng wén", "decided"),
        "我得走了。": ("wo2 dei2 走了。", "wǒ děi zǒu le", "decided"),
        "这条河很长。": ("这条河很长。", "zhè tiáo hé hěn cháng", "decided"),
        "他调到北京工作了。": ("他调到北京工作了。", "tā diào dào běi jīng gōng zuò le", "doubt"),
    }
    assert "调 diào or tiáo" in clips["他调到北京工作了。"]["note"]
    # The tone changes, from the content's pinyin and without (one clip per text said
    # one way: 你好 with nǐhǎo and without pinyin is one clip).
    phonemes = {word: clips[word]["phonemes"] for word, _ in WORDS}
    assert phonemes == {
        "你好": "n'i35_| X'Au214_|",
        "不是": "pu35s.'i.51_|",
        "一个": "ji35k'o-11_|",
        "一起": "ji51tS;h'i214_|",
    }
    code, out = project.invoke("readings")
    assert code == 0, out
    assert "vocabulary.json › [0] › examples › [4] › sentence: doubt: 他调到北京工作了。" in out
    assert "decided" in out
    _shown_everywhere(project)


def _shown_everywhere(project: Project, *flags: str) -> None:
    """`readings --json` counts the decided readings and lists the doubt; the review page
    shows each decided reading as its row's reading, unflagged, and flags the doubt with
    both readings."""
    (report,) = [s for s in project.json("readings", *flags)["sets"] if s["set"]["lang"] == "zh"]
    # The four sentences sure of their readings and the four words without pinyin.
    assert report["counts"]["decided"] == 8 and report["counts"]["doubt"] == 1
    assert [d["message"] for d in report["doubts"]] == [DOUBT]
    code, out = project.invoke("review", *flags)
    assert code == 0, out
    pages = sorted((project / "public/audio").glob("review*.html"))
    rows = {r["x"]: r for page in pages for r in page_data(page)["rows"] if r["l"] == "zh"}
    assert rows["这只猫很可爱。"]["r"] == "zhè zhī māo hěn kě ài"
    assert rows["他教我中文。"]["r"] == "tā jiāo wǒ zhōng wén"
    assert not rows["这只猫很可爱。"].get("f") and not rows["他教我中文。"].get("f")
    assert rows["他调到北京工作了。"]["r"] == "tā diào dào běi jīng gōng zuò le"
    assert rows["他调到北京工作了。"]["f"] == [["reading-doubt", DOUBT]]


def test_the_library_says_the_decided_reading_and_warns_of_a_doubt(
    project: Project, caplog: pytest.LogCaptureFixture
) -> None:
    """`tts_assets.synthesize` (one text, no files): the decided reading said as a run
    says it (espeak-ng's phonemes: 只 zhī 55, 调 diào 51), the doubt logged as a warning
    naming both readings, a text decided surely logging nothing."""
    import tts_assets
    from tts_assets.settings.load import load_settings

    _course(project, "espeak:cmn")
    settings = load_settings(lang="zh")
    with caplog.at_level(logging.WARNING, logger="tts_assets"):
        cat = tts_assets.synthesize("这只猫很可爱。", lang="zh", settings=settings)
        assert caplog.records == []
        child = tts_assets.synthesize("他调到北京工作了。", lang="zh", settings=settings)
    assert [r.getMessage() for r in caplog.records] == [f"doubt: {DOUBT}"]
    assert cat.phonemes is not None and "ts.'i.55" in cat.phonemes
    assert child.phonemes is not None and "tj'Au51" in child.phonemes


@pytest.mark.skipif(importlib.util.find_spec("misaki") is None, reason="no kokoro-zh extra")
def test_kokoro_is_given_the_decided_reading_with_its_tone_changes(project: Project) -> None:
    # A packaged vector stands in for a Chinese voice: misaki's real path and the real
    # model (tests/support/kokoro_voices.py); what the model is given is what is tested.
    _course(project, "kokoro:zf_test")
    standing_in_voices(project, zf_test="jf_alpha")
    plan = project.json("generate", "--dry-run", "--kokoro-voices", "voices.npz")
    doubts = [r for s in plan["sets"] for r in s["readings"] if r["verdict"] == "doubt"]
    assert [d["message"] for d in doubts] == [DOUBT]
    project.json("generate", "--kokoro-voices", "voices.npz")
    clips = {c["text"]: c for c in project.manifest()["clips"]}
    phonemes = {t: clips[t]["phonemes"] for t in ("你好", "不是", "一个", "一起", *SENTENCES[:3])}
    assert phonemes == {
        "你好": "ni↗xau↓",
        "不是": "pu↗ʂɨ↘",
        "一个": "i↗kɤ↘",
        "一起": "i↘ʨʰi↓",
        "这只猫很可爱。": "ꭧɤ↘ ꭧɨ→ mau→ xə↗n kʰɤ↓ai↘.",
        "他教我中文。": "tʰa→ʨjau→ wo↓ ꭧʊ→ŋwə↗n.",
        "我得走了。": "wo↗ tei↗ ʦou↓ lɤ.",
    }
    assert clips["他教我中文。"]["reading"] == "tā jiāo wǒ zhōng wén"
    verdicts = {t: clips[t]["verdict"] for t in SENTENCES}
    assert verdicts == {t: "doubt" if t == SENTENCES[4] else "decided" for t in SENTENCES}
    assert (
        clips[SENTENCES[4]]["phonemes"] == "tʰa→ tjau↘tau↘ pei↓ʨi→ŋ kʊ→ŋʦwo↘ lɤ."
    )  # diào, as said
    assert clips[SENTENCES[4]]["note"] == DOUBT
    _shown_everywhere(project, "--kokoro-voices", "voices.npz")


def test_a_character_no_dictionary_reads_is_said_by_the_voice_and_flagged(
    project: Project,
) -> None:
    # 䤈 has no reading in pypinyin or g2pM: the text is neither given a `?` to say nor
    # failed as a bug (it was: int('?')); its voice reads it, and a doubt says so.
    project.gen(
        {
            "public/data/ja/characters.json": [{"id": "c1", "char": "は", "type": "hiragana"}],
            "public/data/zh/vocabulary.json": [
                {"id": "z1", "word": "而䤈僮尸逐侯鞮单于之子。"},
                {"id": "z2", "word": "这只猫很可爱。"},
            ],
        }
    )
    project.config(CONFIG.format(zh="espeak:cmn"))
    plan = project.json("generate", "--dry-run")
    doubts = [r for s in plan["sets"] for r in s["readings"] if r["verdict"] == "doubt"]
    assert [d["message"] for d in doubts] == [
        "而䤈僮尸逐侯鞮单于之子。: decided ér ? tóng shī zhú hóu dī dān yú zhī zi, which "
        "espeak cannot be made to say; said as espeak reads it: check it, or give the text "
        "its pinyin"
    ]
    done = project.json("generate")
    assert done["exit_code"] == 0, done
    clips = {c["text"]: c for c in project.manifest()["clips"]}
    assert clips["而䤈僮尸逐侯鞮单于之子。"]["verdict"] == "doubt"


def test_a_reading_with_u_umlaut_is_said_not_doubted(project: Project) -> None:
    """女儿 nǚ ér and 我今天没睡觉 méi on espeak-ng: decided and said, never flagged as a
    reading espeak-ng "cannot be made to say" (g2pM spells ü nu:3) nor read mò."""
    project.gen(
        {
            "public/data/ja/characters.json": [{"id": "c1", "char": "は", "type": "hiragana"}],
            "public/data/zh/vocabulary.json": [
                {"id": "n", "word": "女儿", "examples": [{"sentence": "我今天没睡觉。"}]}
            ],
        }
    )
    project.config(CONFIG.format(zh="espeak:cmn"))
    plan = project.json("generate", "--dry-run")
    assert [r for s in plan["sets"] for r in s["readings"]] == []
    project.json("generate")
    clips = {c["text"]: c for c in project.manifest()["clips"] if c["lang"] == "zh"}
    assert {t: (c["reading"], c["verdict"]) for t, c in clips.items()} == {
        "女儿": ("nǚ ér", "decided"),
        "我今天没睡觉。": ("wǒ jīn tiān méi shuì jiào", "decided"),
    }
