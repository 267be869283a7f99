"""`tts-assets review` through the real CLI, over clips espeak-ng (and Piper) really made."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.project import Project
from tests.support.review_project import (
    LATE_WORD,
    cli,
    make_project,
    manifest,
    page_data,
    write_json,
)
from tts_assets.planning.decisions import DECISIONS_NAME

pytestmark = pytest.mark.slow

ESPEAK = ("--provider", "espeak")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("review-command"))


@pytest.fixture
def project(project: Project, made: Path) -> Project:
    """A copy of the made project, for a test that changes it."""
    (project.copy(made) / "public/audio/review.html").unlink(missing_ok=True)
    return project


def verdict(entry: dict[str, Any], decision: str, **changes: Any) -> dict[str, Any]:
    """A verdict about a manifest entry's clip, as the page exports it."""
    return {
        "key": entry["key"],
        "clip": entry["path"],
        "places": [f"place of {entry['text']}"],
        "text": entry["text"],
        "verdict": decision,
        "note": "",
        "reading": None,
        "voice": None,
        "at": "2026-11-22T10:00:00Z",
    } | changes


def review_file(path: Path, *verdicts: dict[str, Any]) -> Path:
    doc = {
        "format": "tts-assets-review",
        "version": 1,
        "page": "0123456789abcdef",
        "exported": "2026-11-22T10:01:00Z",
        "verdicts": list(verdicts),
    }
    write_json(path, doc)
    return path


def by_text(root: Path) -> dict[str, dict[str, Any]]:
    return {str(c["text"]): c for c in manifest(root)}


def test_review_writes_the_page_into_the_out_dir_and_prints_its_path(made: Path) -> None:
    done = cli(made, "review", *ESPEAK)
    assert done.returncode == 0, done.stderr
    path, held = done.stdout.splitlines()
    assert path == "public/audio/review.html"
    stored = manifest(made)
    # The Joined note is shown on the page, not counted; the two texts without a clip are
    # flagged (No clip, Not voiced), as the page's header and its flag buttons count them.
    assert held == f"{len(stored)} clips, 2 flagged; 2 texts without a clip"
    data = page_data(made / path)
    assert sorted(r["c"] for r in data["rows"] if "st" not in r) == sorted(
        str(c["path"]) for c in stored
    )
    # Beside its clips, each row's URL is the clip path itself (no "u" is stored).
    assert not any("u" in r for r in data["rows"])
    assert data["same"] == ["espeak"]  # a new take of an espeak clip sounds the same
    assert '<meta name="robots" content="noindex, nofollow">' in (made / path).read_text()


def test_output_elsewhere_reaches_the_clips_and_json_says_what_it_holds(project: Project) -> None:
    done = cli(project, "review", *ESPEAK, "--output", "site review/page.html", "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["page"] == "site review/page.html"
    # The Joined note is shown, not counted; the texts without a clip are flagged rows.
    assert (doc["rows"], doc["clips"], doc["flagged"], doc["without_clip"]) == (10, 8, 2, 2)
    assert doc["flags"]["joined"] == doc["flags"]["refused"] == doc["flags"]["missing"] == 1
    rows = page_data(project / "site review/page.html")["rows"]
    urls = [r["u"] for r in rows if "st" not in r]
    assert all(u.startswith("../public/audio/") for u in urls)
    assert all((project / "site review" / u).is_file() for u in urls)
    assert not (project / "public/audio/review.html").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--output", "public"), "--output public: is a folder; give the page's file name"),
        (("--apply", "absent.json"), "absent.json"),
        (("--apply", "data/vocabulary.json"), "vocabulary.json: expected an object, found a list"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    project: Project, args: tuple[str, ...], message: str
) -> None:
    before = (project / "public/audio/manifest.json").read_bytes()
    done = cli(project, "review", *ESPEAK, *args)
    assert done.returncode == 2
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1 and message in done.stderr
    assert done.stderr.startswith("error: ")
    assert not (project / "public/audio/review.html").exists()
    assert (project / "public/audio/manifest.json").read_bytes() == before


def test_a_voice_the_provider_does_not_have_stops_apply_before_anything_is_written(
    project: Project,
) -> None:
    stored = by_text(project)
    path = review_file(
        project / "review.json",
        verdict(stored["ねこ"], "accept"),
        verdict(stored["いぬ"], "reject", voice="no-such-voice"),
    )
    before = (project / "public/audio/manifest.json").read_bytes()
    done = cli(project, "review", *ESPEAK, "--apply", str(path))
    assert done.returncode == 2
    assert done.stderr.startswith("error: review.json › verdicts › [1] › voice: unknown voice")
    assert len(done.stderr.splitlines()) == 1
    assert not (project / "data" / DECISIONS_NAME).exists()
    assert (project / "public/audio/manifest.json").read_bytes() == before


def test_open_opens_the_page_in_the_browser_the_environment_names(project: Project) -> None:
    opened = project / "opened.txt"
    browser = project / "browser.py"
    browser.write_text(
        f"import sys, pathlib\npathlib.Path({str(opened)!r}).write_text(sys.argv[1])"
    )
    command = f"{sys.executable} {browser} %s"
    done = cli(project, "review", *ESPEAK, "--open", env={"BROWSER": command})
    assert done.returncode == 0, done.stderr
    assert opened.read_text() == (project / "public/audio/review.html").resolve().as_uri()


def test_apply_records_acceptances_makes_rejections_again_and_reports_the_rest(
    project: Project,
) -> None:
    stored = by_text(project)
    stale = {**stored["スイ"], "key": "0" * 32, "path": "kanji/" + "0" * 32 + ".mp3"}
    path = review_file(
        project / "review.json",
        verdict(stored["ねこ"], "accept", note="clear"),
        verdict(stored["いぬ"], "reject", note="too low", voice="ja+f3"),
        verdict(stored["ねこがすきです。"], "reject", note="flat"),
        verdict(stored["みず"], "reject", reading="みづ"),
        verdict(stale, "reject", note="gone"),
    )
    before = {str(c["path"]): c for c in manifest(project)}
    done = cli(project, "review", *ESPEAK, "--apply", str(path), "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    after = {str(c["path"]): c for c in manifest(project)}

    # Exactly the clip rejected for another voice and the clips the new pronunciation
    # touches are new; every other clip is as it was.
    new = {str(after[p]["text"]): after[p] for p in set(after) - set(before)}
    assert sorted(new) == ["いぬ", "みず"]
    remade = new["いぬ"]
    assert remade["voice"] == "ja+f3"
    assert all(after[p] == entry for p, entry in before.items())
    assert (project / "pronunciations.toml").read_text("utf-8").endswith('"みず" = "みづ"\n')
    vocabulary = json.loads((project / "data/vocabulary.json").read_text(encoding="utf-8"))
    assert vocabulary[1]["audioUrl"] == f"/audio/{remade['path']}"
    assert LATE_WORD["word"] not in {str(c["text"]) for c in after.values()}  # left for generate

    applied = doc["apply"]
    assert applied["accepted"] == [stored["ねこ"]["path"]]
    retaken = [(r["text"], r["voice"], r["take"]) for r in applied["retaken"]]
    assert retaken == [("いぬ", "ja+f3", 0)]
    assert [(r["text"], r["provider"]) for r in applied["same_again"]] == [
        ("ねこがすきです。", "espeak")
    ]
    assert [(r["text"], r["reading"]) for r in applied["readings"]] == [("みず", "みづ")]
    assert applied["remaking"] == 2 and applied["billable_characters"] == 0  # espeak is free
    assert [r["clip"] for r in doc["stale"]] == [stale["path"]]
    assert applied["generate"]["generated"] == 2
    assert "1 other missing clip(s) left for a later run" in " ".join(applied["generate"]["notes"])

    decisions = json.loads((project / "data" / DECISIONS_NAME).read_text(encoding="utf-8"))
    assert decisions["accepted"] == {
        stored["ねこ"]["path"]: {
            "sha256": stored["ねこ"]["sha256"],
            "at": "2026-11-22T10:00:00Z",
            "note": "clear",
        }
    }
    assert decisions["retakes"] == {
        "vocabulary": {
            "いぬ": {
                "provider": "espeak",
                "voice": "ja+f3",
                "take": 0,
                "note": "too low",
                "at": "2026-11-22T10:00:00Z",
            }
        }
    }
    # The page is written again: the accepted clip is marked, the new take is on it.
    assert doc["accepted_before"] == 1
    rows = {r["x"]: r for r in page_data(project / "public/audio/review.html")["rows"]}
    assert rows["ねこ"].get("a") == 1 and "a" not in rows["いぬとさんぽします。"]
    assert (rows["いぬ"]["c"], rows["いぬ"]["v"]) == (remade["path"], "ja+f3")

    # Every command plans the retake: verify finds the new URL current.
    checked = json.loads(cli(project, "verify", *ESPEAK, "--json").stdout)
    assert [p["kind"] for p in checked["problems"]] == ["missing"]  # only the late word

    # Rejected in a later review, an accepted clip is no longer accepted.
    again = review_file(project / "again.json", verdict(stored["ねこ"], "reject", voice="ja+m3"))
    done = cli(project, "review", *ESPEAK, "--apply", str(again))
    assert done.returncode == 0, done.stderr
    decisions = json.loads((project / "data" / DECISIONS_NAME).read_text(encoding="utf-8"))
    assert decisions["accepted"] == {}
    assert set(decisions["retakes"]["vocabulary"]) == {"ねこ", "いぬ"}
    lines = done.stdout.splitlines()
    assert 'place of ねこ: "ねこ" made again, with voice ja+m3' in lines
    assert lines[-2:] == [
        "public/audio/review.html",
        "8 clips, 3 flagged; 2 texts without a clip",  # texts without a clip too; a note not
    ]  # the override


def test_sets_sharing_an_out_dir_get_a_page_each_named_by_the_set(tmp_path: Path) -> None:
    for name in ("ja", "zh"):
        write_json(tmp_path / name / "vocabulary.json", [{"word": "ねこ"}])
    (tmp_path / "tts-assets.toml").write_text(
        'provider = "espeak"\n'
        '[[sets]]\nname = "ja"\ndata_dir = "ja"\nout_dir = "public/audio"\n'
        '[[sets]]\nname = "zh"\ndata_dir = "zh"\nout_dir = "public/audio"\n'
    )
    done = cli(tmp_path, "review")
    assert done.returncode == 0, done.stderr
    pages = sorted(p.name for p in (tmp_path / "public/audio").glob("*.html"))
    assert pages == ["review-ja.html", "review-zh.html"]  # neither replaced the other
    assert "public/audio/review-ja.html" in done.stdout
    assert "public/audio/review-zh.html" in done.stdout


def test_sets_get_a_page_each_and_output_names_one(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write_json(tmp_path / name / "vocabulary.json", [{"word": "ねこ"}])
    (tmp_path / "tts-assets.toml").write_text(
        'provider = "espeak"\n'
        '[[sets]]\ndata_dir = "a"\nout_dir = "public/a"\n'
        '[[sets]]\ndata_dir = "b"\nout_dir = "public/b"\n'
    )
    done = cli(tmp_path, "review")
    assert done.returncode == 0, done.stderr
    assert "public/a/review.html" in done.stdout and "public/b/review.html" in done.stdout
    assert (tmp_path / "public/a/review.html").is_file()
    assert (tmp_path / "public/b/review.html").is_file()
    refused = cli(tmp_path, "review", "--output", "page.html")
    assert refused.returncode == 2
    assert "choose one with --set NAME" in refused.stderr
    one = cli(tmp_path, "review", "--set", "b", "--output", "page.html")
    assert one.returncode == 0, one.stderr
    assert page_data(tmp_path / "page.html")["rows"][0]["st"] == "missing"


def test_a_new_take_of_a_piper_clip_is_a_new_sample(tmp_path: Path) -> None:
    write_json(tmp_path / "data/vocabulary.json", [{"word": "water"}, {"word": "fire"}])
    piper = ("--lang", "en", "--provider", "piper", "--type", "vocabulary")
    assert cli(tmp_path, "generate", *piper).returncode == 0
    first = by_text(tmp_path)
    takes = [first["water"]]
    for take in (1, 2):
        seen = {str(c["path"]) for c in manifest(tmp_path)}
        path = review_file(tmp_path / f"take{take}.json", verdict(takes[-1], "reject"))
        done = cli(tmp_path, "review", *piper, "--apply", str(path), "--json")
        assert done.returncode == 0, done.stderr
        retaken = json.loads(done.stdout)["apply"]["retaken"]
        assert [(r["text"], r["take"]) for r in retaken] == [("water", take)]
        new = [c for c in manifest(tmp_path) if str(c["path"]) not in seen]
        assert [c["text"] for c in new] == ["water"]
        takes.append(new[0])
    # Piper samples its noise anew: each take is another file with other bytes.
    assert len({t["path"] for t in takes}) == len({t["sha256"] for t in takes}) == 3
    assert by_text(tmp_path)["fire"] == first["fire"]
    assert page_data(tmp_path / "public/audio/review.html")["same"] == []
