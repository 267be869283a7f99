"""Chinese readings from the content's pinyin, through the commands: the
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
    # The slips in the content's pinyin are refused: the run exits 1.
    summary = project.json("generate", "--lang", "zh", "--provider", "espeak", code=1)
    assert summary["generated"] == 5 and summary["failures"] == []
    manifest = project.read_json("public/audio/manifest.json")["clips"]
    said = {c["text"]: (c["spoken"], c["phonemes"], c["verdict"]) for c in manifest}
    assert said == {
        # espeak-ng's slips, which their sentence reads as the content does: `corrected`,
        # each given the content's pinyin.
        "便宜": ("pian2 yi5", "ph'iE35n_| j'i11_|", "corrected"),
        # 几点 as said: jí diǎn; 每天 měitiān changes nothing.
        "几点": ("ji2 dian3", "tS;'i35_| t'iE214n_|", "corrected"),
        "说中文": ("shuo1 zhong1 文", "s.w'o55_| ts.'ong55_| w'u@35n_|", "corrected"),
        "只": ("zhi1", "ts.'i.55_|", "corrected"),
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
    assert "4 text(s) said as most likely meant (4 corrected" in out  # --all lists them
    code, out = project.invoke("readings", "--lang", "zh", "--provider", "espeak", "--all")
    assert (
        "vocabulary.json › [0] › word: corrected: 便宜: espeak-ng 1.52.0 reads 便宜 otherwise "
        "(piE51nji35), the content says pián yi; said from the pinyin, as its sentence reads it"
    ) in out
    assert "vocabulary.json › [6] › word: unusable: 姐妹: the content's pinyin jiějie" in out
    assert "7 readings checked" in out and "(1 agree, 4 corrected, 2 unusable)" in out


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
    """Five entries of 400 KB of pinyin took 2 GB. A reading is bounded
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
