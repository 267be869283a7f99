"""The listening check through the CLI, on clips the real Kokoro model made and Whisper base
hears: `generate --listen` hears what it makes, `verify --listen` fails on a planted wrong
sentence and names it, and what was heard is kept, so it is heard once."""

from __future__ import annotations

import importlib
import json

import pytest

from tests.support import chromium
from tests.support.project import Project
from tts_assets.store.manifest import sha256

pytestmark = pytest.mark.slow  # Kokoro makes the clips, Whisper base hears them

SENTENCES = [
    "今日は雨が降っています。",
    "駅までどのくらいかかりますか。",
    "私は毎朝コーヒーを飲みます。",
]


@pytest.fixture
def project(project: Project) -> Project:
    return project.gen(
        {
            "data/grammar.json": [
                {"id": "g1", "examples": [{"japanese": text} for text in SENTENCES]}
            ],
            "data/vocabulary.json": [{"id": "v1", "word": "水", "reading": "みず"}],
        }
    )


def refuse_to_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything loads the Whisper model."""

    def refuse(workers: int = 1) -> None:
        raise AssertionError("the listening model was loaded")

    the_pass = importlib.import_module("tts_assets.listening.listen")
    monkeypatch.setattr(the_pass, "load_model", refuse)


def test_a_planted_wrong_sentence_fails_verify_listen_and_is_heard_once(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = project.json("generate", "--listen")
    assert made["generated"] == 4
    listened = made["listening"]
    assert listened["counts"] == {"ok": 3, "flagged": 0, "not checked": 1}
    assert listened["heard_now"] == 3
    assert list(listened["not_checked"]) == ["a word: too short for Whisper base to judge"]

    # Everything was heard as it was made: a verify hears nothing and loads no model.
    with monkeypatch.context() as m:
        refuse_to_load(m)
        checked = project.json("verify", "--listen")
    assert checked["listening"]["heard_now"] == 0 and checked["listening"]["kept"] == 3

    # The first sentence's clip now says the second sentence, and its manifest entry is
    # made to match the file: only listening can tell.
    first = project.url_of("grammar.json", 0, "examples", 0, "audioUrl")
    second = project.url_of("grammar.json", 0, "examples", 1, "audioUrl")
    data = project.clip_of(second).read_bytes()
    project.clip_of(first).write_bytes(data)
    manifest_path = project / "public/audio/manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    planted = first.removeprefix("/audio/")
    for entry in manifest["clips"]:
        if entry["path"] == planted:
            entry.update(sha256=sha256(data), bytes=len(data))
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    assert project.invoke("verify")[0] == 0  # the bytes match their entry

    code, out = project.invoke("verify", "--listen")
    assert code == 1, out
    (line,) = [ln for ln in out.splitlines() if ": heard: " in ln]
    assert line.startswith("grammar.json › [0] › examples › [0] › japanese: heard: ")
    assert "駅" in line and SENTENCES[0] in line
    assert "1 problem(s): 1 heard" in out
    assert "listening: 2 ok, 1 flagged, 1 not checked; 1 heard now, 2 verdicts kept" in out

    # What was heard is kept with the clip: the next verify hears nothing, and still fails.
    kept = project.manifest()
    (entry,) = [e for e in kept["clips"] if e["path"] == planted]
    assert entry["listened"]["verdict"] == "flagged"
    assert entry["listened"]["sha256"] == entry["sha256"]
    with monkeypatch.context() as m:
        refuse_to_load(m)
        again = project.json("verify", "--listen", code=1)
    assert again["listening"]["heard_now"] == 0
    assert [p["kind"] for p in again["problems"]] == ["heard"]
    assert again["listening"]["flagged"][0]["clip"] == planted

    # The review page shows what was heard, and the flagged clip comes first.
    assert project.invoke("review")[0] == 0
    page = (project / "public/audio/review.html").read_text(encoding="utf-8")
    data = json.loads(page.split('id="review-data">', 1)[1].split("</script>", 1)[0])
    (row,) = [r for r in data["rows"] if r.get("c") == planted]
    assert row["ls"] == "flagged" and "駅" in row["hd"]
    # What was heard comes first; a doubt of the text's reading may follow it.
    assert row["f"][0][0] == "heard"
    word = [r for r in data["rows"] if r["x"] == "水"]
    assert word and all(r["ls"] == "not checked" for r in word)
    if chromium.missing() is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = chromium.launch(playwright)
            try:
                shown = browser.new_page()
                shown.goto((project / "public/audio/review.html").as_uri())
                shown.wait_for_selector("html[data-ready]")
                assert shown.get_attribute('.row[data-pos="0"]', "data-clip") == planted
                heard = shown.text_content('.row[data-pos="0"] .heard') or ""
                assert heard.startswith("heard: ") and "駅" in heard
            finally:
                browser.close()


def test_a_consistently_forged_manifest_is_found_by_verify_deep(project: Project) -> None:
    """Two sentences' files swapped, and their entries' sha256, size and listening verdict
    swapped with them: every hash the manifest holds matches its file, so verify and
    verify --listen (which keeps verdicts on these very bytes) pass. --deep decodes every
    file and finds its length is not the entry's, and --fix remakes both; with the
    lengths and measures forged too, only hearing can tell, and --deep --listen hears
    every clip anew."""
    made = project.json("generate", "--listen")
    assert made["listening"]["counts"]["ok"] == 3
    first = project.url_of("grammar.json", 0, "examples", 0, "audioUrl").removeprefix("/audio/")
    second = project.url_of("grammar.json", 0, "examples", 1, "audioUrl").removeprefix("/audio/")
    a, b = project / "public/audio" / first, project / "public/audio" / second
    data_a, data_b = a.read_bytes(), b.read_bytes()
    manifest_path = project / "public/audio/manifest.json"

    def forge(*fields: str) -> None:
        """Swap the two files, and `fields` of their manifest entries."""
        one, two = a.read_bytes(), b.read_bytes()
        a.write_bytes(two)
        b.write_bytes(one)
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        entries = {e["path"]: e for e in manifest["clips"]}
        for name in fields:
            entries[first][name], entries[second][name] = (
                entries[second][name],
                entries[first][name],
            )
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")

    forge("sha256", "bytes", "listened")
    assert project.invoke("verify")[0] == 0
    assert project.invoke("verify", "--listen")[0] == 0  # what the manifest vouches for holds

    code, out = project.invoke("verify", "--deep")
    assert code == 1, out
    corrupt = sorted(ln for ln in out.splitlines() if ": corrupt: " in ln)
    assert len(corrupt) == 2, out
    assert corrupt[0].startswith("grammar.json › [0] › examples › [0] › japanese: corrupt: ")
    assert "where the manifest records" in corrupt[0] and "replaced together" in corrupt[0]
    code, out = project.invoke("verify", "--deep", "--fix")
    assert code == 0, out
    assert (a.read_bytes(), b.read_bytes()) == (data_a, data_b)  # Kokoro made them again

    # Now the manifest agrees with its files in everything: only hearing can tell.
    forge("sha256", "bytes", "listened", "duration", "measures")
    assert project.invoke("verify", "--deep")[0] == 0
    code, out = project.invoke("verify", "--deep", "--listen")
    assert code == 1, out
    heard = sorted(ln for ln in out.splitlines() if ": heard: " in ln)
    assert [ln.split(": heard: ")[0] for ln in heard] == [
        "grammar.json › [0] › examples › [0] › japanese",
        "grammar.json › [0] › examples › [1] › japanese",
    ], out
    assert "3 heard now, 0 verdicts kept" in out
