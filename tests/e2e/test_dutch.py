"""Dutch content end to end, the language added from docs/adding-a-language.md alone:
a small course voiced by the real espeak-ng (its `nl` voice), its
numbers said as a Dutch teacher says them before the voice gets them, and the language
gate refusing what is not Dutch (a Vietnamese sentence, Japanese kana)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.markers import needs_espeak
from tests.support.project import Project

COURSE = [
    {
        "id": "v1",
        "word": "fiets",
        "examples": [{"sentence": "Ik fiets om 8.30 uur naar mijn werk."}],
    },
    {"id": "v2", "word": "huis", "examples": [{"sentence": "Het huis kost € 350.000."}]},
    {
        "id": "v3",
        "word": "trein",
        "examples": [{"sentence": "De trein vertrekt op 3 oktober 2024."}],
    },
    {"id": "v4", "word": "Tôi uống nước."},
    {"id": "v5", "word": "ねこ"},
]

SPOKEN = {
    "fiets": "fiets",
    "Ik fiets om 8.30 uur naar mijn werk.": "Ik fiets om acht uur dertig naar mijn werk.",
    "huis": "huis",
    "Het huis kost € 350.000.": "Het huis kost driehonderdvijftigduizend euro.",
    "trein": "trein",
    "De trein vertrekt op 3 oktober 2024.": (
        "De trein vertrekt op drie oktober tweeduizendvierentwintig."
    ),
}


@pytest.mark.slow
@needs_espeak
def test_a_dutch_course_is_voiced_by_espeak_in_dutch_and_foreign_texts_are_refused(
    project: Project,
) -> None:
    project.gen({"data/vocabulary.json": COURSE})
    summary = project.json("generate", "--lang", "nl", "--provider", "espeak", code=1)
    assert summary["generated"] == 6 and summary["failures"] == []
    assert [(r["place"], r["reason"]) for r in summary["refused"]] == [
        (
            "vocabulary.json › [3] › word",
            '"Tôi uống nước." has Vietnamese letters (ố): Vietnamese, not Dutch',
        ),
        ("vocabulary.json › [4] › word", '"ねこ" has kana (ね): Japanese, not Dutch'),
    ]
    clips = project.manifest()["clips"]
    assert {c["text"]: (c["provider"], c["voice"], c["lang"]) for c in clips} == dict.fromkeys(
        SPOKEN, ("espeak", "nl", "nl")
    )
    for clip in clips:
        assert (clip["spoken"] or clip["text"]) == SPOKEN[clip["text"]]
        assert Path(project / "public/audio" / clip["path"]).stat().st_size > 1000
    report = project.json("verify", "--lang", "nl", "--provider", "espeak", code=1)
    assert report["counts"]["refused"] == 2 and report["counts"]["missing"] == 0
