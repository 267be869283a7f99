"""Chinese readings from the content's pinyin, through the commands (issue 31: 4): the
clip says the pinyin where espeak-ng reads a word otherwise, records it, and a pinyin no
dictionary gives the character makes no clip; `readings` lists both."""

from __future__ import annotations

import pytest

from tests.support.markers import needs_espeak_library
from tests.support.project import Project, write_json

pytestmark = [
    pytest.mark.slow,
    needs_espeak_library,
]

VOCABULARY = [
    {"word": "便宜", "reading": "pián yi"},
    {"word": "几点", "reading": "jǐ diǎn"},
    {"word": "说中文", "reading": "shuō zhōngwén"},
    {"word": "只", "reading": "zhī"},
    {"word": "每天", "reading": "měitiān"},
    {"word": "呢", "reading": "nei"},
    {"word": "姐妹", "reading": "jiějie"},
]


def test_each_clip_says_the_content_pinyin_and_records_it(project: Project) -> None:
    write_json(project / "data/vocabulary.json", VOCABULARY)
    # The slips in the content's pinyin are refused: the run exits 1 (issue 37: 10).
    summary = project.json("generate", "--lang", "zh", "--provider", "espeak", code=1)
    assert summary["generated"] == 5 and summary["failures"] == []
    manifest = project.read_json("public/audio/manifest.json")["clips"]
    said = {c["text"]: (c["spoken"], c["phonemes"], c["verdict"]) for c in manifest}
    assert said == {
        "便宜": ("pian2 yi5", "ph'iE35n_| j'i11_|", "disagree"),
        "几点": ("ji3 dian3", "tS;'i214_| t'iE214n_|", "disagree"),
        "说中文": ("shuo1 zhong1 文", "s.w'o55_| ts.'ong55_| w'u@35n_|", "disagree"),
        "只": ("zhi1", "ts.'i.55_|", "disagree"),
        "每天": ("每天", "m'ei214_| th'iE55n_|", "agree"),
    }
    # The likely slips in the content's pinyin make no clip, are refused, and say why.
    refused = {r["place"]: r["reason"] for r in summary["refused"]}
    assert set(refused) == {"vocabulary.json › [5] › word", "vocabulary.json › [6] › word"}
    assert "呢 nei (it is read ne" in refused["vocabulary.json › [5] › word"]
    assert "妹 jie (it is read mèi)" in refused["vocabulary.json › [6] › word"]
    assert summary["types"]["vocabulary"]["refused"] == 2
    # A corrected pinyin is another clip.
    VOCABULARY[5]["reading"] = "ne"
    write_json(project / "data/vocabulary.json", VOCABULARY)
    VOCABULARY[5]["reading"] = "nei"
    again = project.json("generate", "--lang", "zh", "--provider", "espeak", code=1)
    assert again["generated"] == 1


def test_readings_lists_the_disagreements_and_the_slips(project: Project) -> None:
    write_json(project / "data/vocabulary.json", VOCABULARY)
    code, out = project.invoke("readings", "--lang", "zh", "--provider", "espeak")
    assert code == 1, out
    assert (
        "vocabulary.json › [0] › word: disagree: 便宜: espeak-ng 1.52.0 reads 便宜 otherwise "
        "(piE51nji35), the content says pián yi; said from the pinyin"
    ) in out
    assert "vocabulary.json › [6] › word: unusable: 姐妹: the content's pinyin jiějie" in out
    assert "7 readings checked" in out and "(1 agree, 4 disagree, 2 unusable)" in out


def test_without_pinyin_pypinyin_is_said_where_it_is_sure_and_flagged_where_not(
    project: Project,
) -> None:
    # Issue 36: 5. espeak-ng reads 便宜 biàn yí; pypinyin's phrase dictionary is sure of
    # pián yi, which is said. It reads 长 alone cháng, pypinyin zhǎng: a word alone, which
    # pypinyin is unsure of: said as espeak-ng reads it, and flagged.
    pytest.importorskip("pypinyin")
    words = [{"word": "便宜"}, {"word": "长"}, {"word": "每天"}]
    write_json(project / "data/vocabulary.json", words)
    summary = project.json("generate", "--lang", "zh", "--provider", "espeak")
    assert summary["generated"] == 3
    manifest = project.read_json("public/audio/manifest.json")["clips"]
    said = {c["text"]: (c["spoken"], c["phonemes"], c["verdict"], c["note"]) for c in manifest}
    assert said["便宜"][:3] == ("pian2 yi5", "ph'iE35n_| j'i11_|", "dictionary")
    assert said["便宜"][3] == (
        "便宜: espeak reads it otherwise (piE51nj'i35_|); said as pypinyin's phrase "
        "dictionary reads it (pián yi)"
    )
    assert said["长"][:3] == ("长", "ts.h'A35N_|", "disagree")
    assert "(pypinyin is unsure of 长)" in said["长"][3]
    assert said["每天"][2:] == (None, None)
    # The same clip as the content's pinyin pián yi would make: one clip, one key.
    write_json(project / "data/vocabulary.json", [{"word": "便宜", "reading": "pián yi"}])
    assert project.json("generate", "--lang", "zh", "--provider", "espeak")["generated"] == 0
    write_json(project / "data/vocabulary.json", words)
    code, out = project.invoke("readings", "--lang", "zh", "--provider", "espeak")
    assert code == 0, out
    assert "vocabulary.json › [1] › word: doubt: 长: espeak reads it" in out
    assert "vocabulary.json › [0] › word: dictionary: 便宜: espeak reads it otherwise" in out


def test_a_long_text_s_note_names_the_words_read_otherwise(project: Project) -> None:
    # Issue 38: 1. The note on a long sentence named neither word and repeated the whole
    # text with every syllable's phonemes; now it names each word and pypinyin's reading.
    pytest.importorskip("pypinyin")
    sentence = "我们今天下午去商店买东西，这个东西很便宜，我觉得应该多买一点，然后几点回家呢？"
    write_json(project / "data/vocabulary.json", [{"word": "好", "example": sentence}])
    write_json(project / "data/grammar.json", [{"id": "g1", "examples": [{"chinese": sentence}]}])
    plan = project.json("generate", "--dry-run", "--lang", "zh", "--provider", "espeak")
    (clip,) = [c for c in plan["clips"] if c["text"] == sentence]
    assert clip["verdict"] == "dictionary"
    assert clip["note"] == (
        f"{sentence}: espeak reads 便宜, 几点 otherwise; said as pypinyin's phrase dictionary "
        "reads it (便宜 pián yi, 几点 jǐ diǎn)"
    )


def test_a_passage_pypinyin_reads_otherwise_is_flagged_not_changed(project: Project) -> None:
    # A passage is said sentence by sentence as its voice reads it (a voice that takes
    # phonemes gives none for the sentences it reads alike): flagged where one disagrees.
    pytest.importorskip("pypinyin")
    write_json(project / "data/readings.json", [{"id": "r1", "text": "这件衣服很便宜。我很喜欢。"}])
    plan = project.json("generate", "--dry-run", "--lang", "zh", "--provider", "espeak")
    (clip,) = plan["clips"]
    assert clip["spoken"] == "这件衣服很便宜。我很喜欢。" and clip["verdict"] == "disagree"
    # The note names the word read otherwise, not the whole sentence's phonemes.
    assert clip["note"].startswith(
        "这件衣服很便宜。: espeak reads 便宜 otherwise than pypinyin (便宜 pián yi); "
    )
    assert [r["verdict"] for r in plan["readings"]] == ["doubt"]


def test_a_provider_that_cannot_say_pinyin_keeps_its_clips(project: Project) -> None:
    # ElevenLabs reads the characters: the pinyin changes nothing it says, so its (paid)
    # clips keep their content keys.
    def paths(vocabulary: list[dict[str, str]]) -> list[str]:
        write_json(project / "data/vocabulary.json", vocabulary)
        plan = project.json("generate", "--lang", "zh", "--provider", "elevenlabs", "--dry-run")
        return sorted(c["path"] for c in plan["clips"])

    with_pinyin = paths([{"word": "便宜", "reading": "pián yi"}])
    assert with_pinyin == paths([{"word": "便宜"}])
    assert with_pinyin != []


def test_pinyin_of_400_kb_is_refused_with_its_place_not_a_crash(project: Project) -> None:
    """Issue 37, item 12: five entries of 400 KB of pinyin took 2 GB. A reading is bounded
    like a text: each is refused with its place (exit 1), the others are planned, under an
    address space of 1 GiB, and no note quotes the whole pinyin."""
    import resource
    import subprocess
    import sys

    doc = [{"word": "中", "reading": "zhōng " * (70_000 + n)} for n in range(5)]
    doc.append({"word": "只", "reading": "zhī"})
    write_json(project / "data/vocabulary.json", doc)
    limit = 1 << 30

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    for args in (["generate", "--dry-run"], ["readings"]):
        done = subprocess.run(
            [sys.executable, "-m", "tts_assets", *args, "--lang", "zh", "--provider", "espeak"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=300,
            preexec_fn=bounded,
        )
        said = done.stdout + done.stderr
        # `readings` lists what was decided: the texts refused at load are generate's to list.
        assert done.returncode == (1 if args[0] == "generate" else 0), said[-2000:]
        assert "out of memory" not in said and "Traceback" not in said
        assert "zhōng " * 100 not in said  # no note quotes the whole pinyin
        if args[0] == "generate":
            for n in range(5):
                assert f"vocabulary.json › [{n}] › word" in said, said[-2000:]
            assert "reading too long (420,006 characters" in said
