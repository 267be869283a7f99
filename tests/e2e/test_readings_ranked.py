"""`readings` on a course full of words written alike (hanabira.org's JLPT sentences say
明日, 今日 and 私 in most of them): what their sentence settles is counted in one line
(私 わたくし, weighed below one in two hundred; 明日 あす is a doubt, the grammar cannot
tell it from あした),
what it does not is listed, the likeliest wrong first, and the whole fits a screen unless
`--all` asks for every note."""

from __future__ import annotations

import pytest

from tests.support.project import Project
from tts_assets.commands.readings import SCREEN

SETTLED = [
    f"私は{place}へ{verb}。"
    for place in ("学校", "駅", "図書館", "公園", "病院", "会社", "銀行", "郵便局")
    for verb in ("行きます", "行きません", "行きたいです", "行くつもりです", "歩いて行きます")
]
DOUBTED = [
    "この小説は読むに堪える内容だ。",  # said こたえる; たえる is meant
    "雨が降りそうだ。",  # said おりそう; ふりそう is meant
]


@pytest.fixture
def project(project: Project) -> Project:
    texts = SETTLED + DOUBTED
    return project.gen(
        {"data/vocabulary.json": [{"id": f"v{i}", "word": t} for i, t in enumerate(texts)]}
    )


def test_readings_lists_the_doubts_and_counts_what_the_sentence_settles(
    project: Project,
) -> None:
    code, out = project.invoke("readings")
    assert code == 0, out
    lines = out.strip().splitlines()
    assert len(lines) <= SCREEN + 4, out
    assert lines[0].split(": ", 2)[2].startswith("この小説は読むに堪える"), out
    assert any("降り is said" in line for line in lines), out
    assert not any("私 is said" in line for line in lines), out
    assert f"{len(SETTLED)} text(s) said as most likely meant" in out
    report = project.json("readings")
    risks = [d["risk"] for d in report["doubts"]]
    assert risks == sorted(risks, reverse=True) and all(0 < r <= 1 for r in risks)
    assert len(report["noted"]) == len(SETTLED)


def test_readings_all_lists_each_settled_word_too(project: Project) -> None:
    code, out = project.invoke("readings", "--all")
    assert code == 0, out
    assert out.count("私 is said わたし") == len(SETTLED), out
