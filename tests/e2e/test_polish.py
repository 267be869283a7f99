"""Polish content end to end, the language added from docs/adding-a-language.md alone: a
small course voiced by the real espeak-ng (its `pl` voice), its numbers said as a Polish
teacher says them before the voice gets them, and the language gate refusing what is
not Polish (a Vietnamese sentence, Japanese kana), or a whole file in another language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.markers import needs_espeak
from tests.support.project import Project

COURSE = [
    {"id": "v1", "word": "źródło", "examples": [{"sentence": "Zażółć gęślą jaźń."}]},
    {
        "id": "v2",
        "word": "kilometr",
        "examples": [{"sentence": "Do dworca są 2 km, a do szkoły 5 km."}],
    },
    {"id": "v3", "word": "spotkanie", "examples": [{"sentence": "Widzimy się 3 maja o 17:30."}]},
    {"id": "v4", "word": "cena", "examples": [{"sentence": "Bilet kosztuje 25,50 zł."}]},
    {"id": "v5", "word": "Tôi uống nước."},
    {"id": "v6", "word": "ねこ"},
]

SPOKEN = {
    "źródło": "źródło",
    "Zażółć gęślą jaźń.": "Zażółć gęślą jaźń.",
    "kilometr": "kilometr",
    "Do dworca są 2 km, a do szkoły 5 km.": "Do dworca są dwa kilometry, a do szkoły pięć "
    "kilometrów.",
    "spotkanie": "spotkanie",
    "Widzimy się 3 maja o 17:30.": "Widzimy się trzeciego maja o siedemnastej trzydzieści.",
    "cena": "cena",
    "Bilet kosztuje 25,50 zł.": "Bilet kosztuje dwadzieścia pięć złotych pięćdziesiąt groszy.",
}


@pytest.mark.slow
@needs_espeak
def test_a_polish_course_is_voiced_by_espeak_in_polish_and_foreign_texts_are_refused(
    project: Project,
) -> None:
    project.gen({"data/vocabulary.json": COURSE})
    summary = project.json("generate", "--lang", "pl", "--provider", "espeak", code=1)
    assert summary["generated"] == 8 and summary["failures"] == []
    assert summary["refused"] == [
        {
            "place": "vocabulary.json › [4] › word",
            "text": "Tôi uống nước.",
            "reason": '"Tôi uống nước." has Vietnamese letters (ố): Vietnamese, not Polish',
        },
        {
            "place": "vocabulary.json › [5] › word",
            "text": "ねこ",
            "reason": '"ねこ" has kana (ね): Japanese, not Polish',
        },
    ]
    clips = project.manifest()["clips"]
    assert {c["text"]: (c["provider"], c["voice"], c["lang"]) for c in clips} == dict.fromkeys(
        SPOKEN, ("espeak", "pl", "pl")
    )
    # What each clip says is the teacher's Polish, numbers in words; espeak-ng read it in
    # Polish phonemes (its ł as w, its ó as u), never switching to another language.
    for clip in clips:
        assert (clip["spoken"] or clip["text"]) == SPOKEN[clip["text"]]
        assert Path(project / "public/audio" / clip["path"]).stat().st_size > 1000
    (price,) = [c for c in clips if c["text"] == "Bilet kosztuje 25,50 zł."]
    assert "zw'Otyx" in price["phonemes"]  # złotych
    doc = project.read_json("data/vocabulary.json")
    assert "audioUrl" not in doc[4] and "audioUrl" not in doc[5] and doc[0]["audioUrl"]
    # verify: every clip there, the two refused texts reported as such.
    report = project.json("verify", "--lang", "pl", "--provider", "espeak", code=1)
    assert report["counts"]["refused"] == 2 and report["counts"]["missing"] == 0


def test_a_file_of_japanese_under_polish_stops_before_writing_anything(project: Project) -> None:
    project.gen({"data/vocabulary.json": [{"word": w} for w in ("ねこ", "いぬ", "みず", "すし")]})
    before = project.tree(folders=True)
    code, out = project.invoke("generate", "--lang", "pl", "--provider", "espeak", "--dry-run")
    assert code == 2
    assert out == (
        f"error: {Path('data/vocabulary.json')}: 4 of 4 texts look Japanese (ja), not "
        "Polish; pass --lang ja\n"
    )
    assert project.tree(folders=True) == before
