"""Chinese content as exported and pasted, said right, through the commands with
espeak-ng, on a course shaped like a real one: a ja folder beside a zh folder, words with
their pinyin written without spaces, example sentences without pinyin.

- an empty or blank pinyin field (`""`, `" "`) is no pinyin: the sentence's polyphones are
  decided as where the key is missing (这只猫 zhī, 他教我 jiāo);
- Traditional characters decided as their Simplified words (銀行 háng, 必須得 děi);
- a Kangxi radical from a PDF (银⾏, U+2F8F) read as its character, its syllable kept;
- an SSML break escaped twice refused with how to write it, never spoken;
- pinyin spans the pauses written in a text, and a word across a pause is one word;
- pinyin in citation tones, or with the tone changes written, agrees with a voice that
  reads the characters (compared like with like), on espeak-ng and on Kokoro;
- another language's clips in a shared out dir give no advice to pass their provider.
"""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

from tests.support.kokoro_voices import standing_in_voices
from tests.support.markers import needs_espeak_library
from tests.support.project import Project

pytestmark = [pytest.mark.slow, needs_espeak_library]

CONFIG = """\
[languages]
zh = "espeak:cmn"

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


def _course(project: Project, vocabulary: list[dict[str, Any]]) -> Project:
    project.gen(
        {
            "public/data/ja/vocabulary.json": [{"id": "j1", "word": "人"}],
            "public/data/zh/vocabulary.json": vocabulary,
        }
    )
    return project.config(CONFIG)


def _planned(project: Project, *flags: str, code: int = 0) -> dict[str, dict[str, Any]]:
    """The dry run's Chinese clips, by text."""
    plan = project.json("generate", "--dry-run", *flags, code=code)
    (zh,) = [s for s in plan["sets"] if s["set"]["lang"] == "zh"]
    return {c["text"]: c for c in zh["clips"]}


def test_an_empty_or_blank_pinyin_is_no_pinyin(project: Project) -> None:
    _course(
        project,
        [
            {"id": "z1", "word": "猫", "reading": "māo", "examples": [
                {"sentence": "这只猫很可爱。", "pinyin": ""},
                {"sentence": "他教我中文。", "pinyin": " "},
                {"sentence": "我得走了。", "pinyin": "\u3000"},
            ]},
        ],
    )  # fmt: skip
    project.config(
        CONFIG + '\n[types.vocabulary]\nfile = "vocabulary.json"\n\n[[types.vocabulary.fields]]\n'
        'text = "examples[].sentence"\nreading = "examples[].pinyin"\n'
        'url = "examples[].audio"\n'
    )
    clips = _planned(project)
    said = {t: (c["spoken"], c["reading"], c["verdict"]) for t, c in clips.items()}
    assert said == {
        "这只猫很可爱。": ("这 zhi1 猫 hen2 可爱。", "zhè zhī māo hěn kě ài", "decided"),
        "他教我中文。": ("他 jiao1 我中文。", "tā jiāo wǒ zhōng wén", "decided"),
        "我得走了。": ("wo2 dei2 走了。", "wǒ děi zǒu le", "decided"),
    }


def test_a_kangxi_radical_is_read_as_its_character(project: Project) -> None:
    # A PDF's text layer gives ⾏ (U+2F8F, KANGXI RADICAL WALK ENCLOSURE) for 行: the clip
    # says the character, its syllable kept, as the text written with 行 does.
    _course(
        project,
        [
            {"id": "z1", "word": "银⾏", "reading": "yínháng"},
            {"id": "z2", "word": "⼈", "examples": [{"sentence": "他在银⾏工作。"}]},
        ],
    )
    clips = _planned(project)
    said = {t: (c["spoken"], c["reading"], c["verdict"]) for t, c in clips.items()}
    assert said == {
        "银行": ("银行", "yínháng", "agree"),
        "人": ("人", "rén", "decided"),
        "他在银行工作。": ("他在银行工作。", "tā zài yín háng gōng zuò", "decided"),
    }


def test_a_break_escaped_twice_is_refused_never_spoken(project: Project) -> None:
    # What a CMS that escapes what it stores writes: refused with its place and how to
    # write it, as the break escaped once is; the other texts are made.
    _course(
        project,
        [
            {"id": "z1", "word": "停", "examples": [
                {"sentence": '请听&amp;lt;break time="1s"/&amp;gt;再说。'},
                {"sentence": '请听&lt;break time="1s"/&gt;再说。'},
                {"sentence": '请听<break time="1s"/>再说。'},
            ]},
        ],
    )  # fmt: skip
    plan = project.json("generate", "--dry-run", code=1)
    (zh,) = [s for s in plan["sets"] if s["set"]["lang"] == "zh"]
    refused = {r["place"]: r["reason"] for r in zh["refused"]}
    assert (
        "an SSML tag escaped more than once (&amp;lt;…&amp;gt;): unescape it"
        in (refused["vocabulary.json › [0] › examples › [0] › sentence"])
    )
    assert (
        "an SSML tag written as &lt;…&gt;: unescape it"
        in (refused["vocabulary.json › [0] › examples › [1] › sentence"])
    )
    said = {c["text"]: c["spoken"] for c in zh["clips"]}
    assert said == {"停": "停", '请听<break time="1s"/>再说。': "请听 [pause:1s] 再说。"}


@pytest.mark.usefixtures("fault")
def test_another_languages_clips_of_the_same_characters_are_no_hint(project: Project) -> None:
    # The Japanese set's 人 and 本, made by another provider in the out dir both sets
    # share, are not the Chinese set's clips: no advice to pass that provider.
    words = [{"id": "w1", "word": "人"}, {"id": "w2", "word": "本"}]
    project.gen({"public/data/ja/vocabulary.json": words, "public/data/zh/vocabulary.json": words})
    project.config(CONFIG.replace('zh = "espeak:cmn"', 'zh = "espeak:cmn"\nja = "fault"'))
    project.json("generate", "--set", "ja")
    code, out = project.invoke("generate", "--dry-run", "--set", "zh")
    assert code == 0, out
    assert "pass --provider" not in out and "holds clips of its texts" not in out
    # The same characters in the Chinese set, made by another provider, are such clips.
    project.config(CONFIG.replace('zh = "espeak:cmn"', 'zh = "fault"'))
    project.json("generate", "--set", "zh")
    project.gen({"public/data/zh/vocabulary.json": words})  # their URLs taken out
    project.config(CONFIG)
    code, out = project.invoke("generate", "--dry-run", "--set", "zh")
    assert code == 0, out
    assert "holds clips of its texts made by fault: pass --provider fault" in out, out


def test_traditional_characters_are_decided_as_their_simplified_words(project: Project) -> None:
    # Read as written, the dictionaries gave 銀行 yín xíng (and espeak-ng, which reads
    # háng, was told xíng) and 必須得 dé; decided on the Simplified form, each is read as
    # its Simplified twin is, and the clip says the text as written where the voice
    # reads it so.
    traditional = ["他在銀行工作。", "我必須得走了。", "頭髮很長。"]
    simplified = ["他在银行工作。", "我必须得走了。", "头发很长。"]
    _course(
        project,
        [
            {"id": "z1", "word": "行", "examples": [{"sentence": s} for s in traditional]},
            {"id": "z2", "word": "得", "examples": [{"sentence": s} for s in simplified]},
        ],
    )
    clips = _planned(project)
    for hant, hans in zip(traditional, simplified, strict=True):
        assert clips[hant]["reading"] == clips[hans]["reading"], hant
        assert clips[hant]["verdict"] == clips[hans]["verdict"] == "decided", hant
    assert clips["他在銀行工作。"]["reading"] == "tā zài yín háng gōng zuò"
    assert clips["他在銀行工作。"]["spoken"] == "他在銀行工作。"  # espeak-ng reads háng
    assert clips["我必須得走了。"]["reading"] == "wǒ bì xū děi zǒu le"
    assert "dei2" in clips["我必須得走了。"]["spoken"]  # told děi, said as before 走


def test_tone_changes_are_no_disagreement_and_the_content_is_quoted_as_written(
    project: Project,
) -> None:
    # An HSK course writes its pinyin in citation tones (wǒ yǒu), or with the tone
    # changes (ní hǎo); espeak-ng reads the characters without them. Compared like with
    # like, the reading agrees: said with the tone changes, not flagged. The voice's slip
    # its sentence settles (便宜 piányi: `corrected`) quotes the content's pinyin
    # as written.
    _course(
        project,
        [
            {"id": "z1", "word": "你好", "reading": "nǐhǎo", "examples": [
                {"sentence": "我有八本书。", "pinyin": "Wǒ yǒu bā běn shū."},
                {"sentence": "我很好。", "pinyin": "Wó hén hǎo."},
            ]},
            {"id": "z2", "word": "你好吗", "reading": "níhǎo ma"},
            {"id": "z3", "word": "一个", "reading": "yígè"},
            {"id": "z4", "word": "便宜", "reading": "piányi"},
        ],
    )  # fmt: skip
    project.config(
        CONFIG + '\n[types.vocabulary]\nfile = "vocabulary.json"\n\n[[types.vocabulary.fields]]\n'
        'text = "word"\nreading = "reading"\nurl = "audio"\n\n[[types.vocabulary.fields]]\n'
        'text = "examples[].sentence"\nreading = "examples[].pinyin"\n'
        'url = "examples[].audio"\n'
    )
    clips = _planned(project)
    said = {t: (c["spoken"], c["verdict"]) for t, c in clips.items()}
    assert said == {
        "你好": ("ni2 hao3", "agree"),
        "我有八本书。": ("wo2 有八本书。", "agree"),
        "我很好。": ("wo2 hen2 hao3 。", "agree"),
        "你好吗": ("ni2 hao3 吗", "agree"),
        "一个": ("一个", "agree"),  # espeak-ng says yí gè itself
        "便宜": ("pian2 yi5", "corrected"),
    }
    assert clips["我有八本书。"]["note"] == (
        "我有八本书。: said with the tone changes of speech (wó yǒu bā běn shū)"
    )
    code, out = project.invoke("readings", "--set", "zh", "--all")
    assert code == 0, out
    assert "(5 agree, 1 corrected)" in out, out
    assert "espeak-ng 1.52.0 reads 便宜 otherwise (piE51nji35), the content says piányi;" in out
    assert "wó yǒu" not in out and "我有八本书" not in out


def test_pinyin_spans_pauses_and_a_word_across_a_pause_is_one_word(project: Project) -> None:
    # A syllable drill: the pause parts the syllables, not the word. Without pinyin, 银行
    # across a pause is decided as the word (háng, not xíng); with the pinyin, written
    # run together or with the pause in it too, its syllables are matched to the
    # characters across the pause; a slip in it is still refused.
    _course(
        project,
        [
            {"id": "z1", "word": "银[pause:0.5s]行", "reading": "yínháng", "examples": [
                {"sentence": "银[pause:0.5s]行"},
                {"sentence": "他在银[pause:1s]行工作。"},
            ]},
            {"id": "z2", "word": "便[pause:1s]宜", "reading": "piányi"},
            {"id": "z3", "word": "便[pause:1s]宜。", "reading": "pián [pause:1s] yi."},
            {"id": "z4", "word": "我有[pause:1s]八本书。", "reading": "Wǒyǒu bā běn shū."},
            {"id": "z5", "word": "好[pause:1s]呢", "reading": "hǎonei"},
        ],
    )  # fmt: skip
    project.json("generate", "--set", "zh", code=1)
    clips = {c["text"]: c for c in project.manifest()["clips"] if c["lang"] == "zh"}
    said = {t: (c["spoken"], c["reading"], c["verdict"]) for t, c in clips.items()}
    assert said == {
        # The word with its pinyin and the example decided: one clip, its record the word's.
        "银[pause:0.5s]行": ("银 [pause:0.5s] hang2", "yínháng", "corrected"),
        "他在银[pause:1s]行工作。": (
            "他在银 [pause:1s] hang2 工作。",
            "tā zài yín | háng gōng zuò",
            "decided",
        ),
        "便[pause:1s]宜": ("pian2 [pause:1s] 宜", "piányi", "corrected"),
        "便[pause:1s]宜。": ("pian2 [pause:1s] 宜。", "pián   yi.", "corrected"),
        "我有[pause:1s]八本书。": ("wo2 有 [pause:1s] 八本书。", "Wǒyǒu bā běn shū.", "agree"),
    }
    ((start, end),) = clips["便[pause:1s]宜"]["timings"]["pauses"]
    assert end - start == 1000
    vocabulary = project.read_json("public/data/zh/vocabulary.json")
    assert vocabulary[0]["audioUrl"] == vocabulary[0]["examples"][0]["audioUrl"]
    code, out = project.invoke("readings", "--set", "zh")
    assert code == 1, out  # the slip is a problem
    assert "好[pause:1s]呢" not in clips
    assert "呢: the content's pinyin nei gives 呢 nei (it is read ne" in out, out


@pytest.mark.skipif(
    importlib.util.find_spec("misaki") is None, reason="needs the kokoro-zh extra (misaki)"
)
def test_kokoro_agrees_with_pinyin_in_citation_tones_and_across_pauses(project: Project) -> None:
    # Kokoro's Chinese (misaki) reads the characters in citation tones too: compared like
    # with like, Wǒ yǒu agrees, and is given the tone changes as phonemes; a text with a
    # pause is given each piece's phonemes from its own syllables.
    _course(
        project,
        [
            {"id": "z1", "word": "你好", "reading": "níhǎo"},
            {"id": "z2", "word": "我有八本书。", "reading": "Wǒ yǒu bā běn shū."},
            {"id": "z3", "word": "便[pause:1s]宜", "reading": "piányi"},
            {"id": "z4", "word": "他在银[pause:1s]行工作。"},
        ],
    )
    project.config(CONFIG.replace('zh = "espeak:cmn"', 'zh = "kokoro:zf_test"'))
    standing_in_voices(project, zf_test="jf_alpha")
    project.json("generate", "--set", "zh", "--kokoro-voices", "voices.npz")
    clips = {c["text"]: c for c in project.manifest()["clips"] if c["lang"] == "zh"}
    said = {t: (c["phonemes"], c["verdict"]) for t, c in clips.items()}
    assert said == {
        "你好": ("ni↗xau↓", "agree"),
        "我有八本书。": ("wo↗ jou↓ pa→ pə↓nʂu→.", "agree"),  # wó yǒu
        "便[pause:1s]宜": ("pʰjɛ↗n i", "corrected"),  # pián | yi
        "他在银[pause:1s]行工作。": ("tʰa→ ʦai↘ i↗n xa↗ŋ kʊ→ŋʦwo↘.", "decided"),  # yín | háng
    }
