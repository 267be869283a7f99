"""Whose a URL is, and what adopting one may claim.

A URL is the tool's only where the tool can show it made it (its manifest lists that
clip, or it is the URL the plan computes for the text there); anything else is a
person's, whatever its shape: kept, adoptable, never deleted. The course is shaped like
a real one (tests/support/course.py: seven language folders, the kanji set outside the
data folder, one out dir), here with a predecessor that named its clips by the md5 of
their text: `/audio/vocabulary/<32 hex digits>.mp3`, the shape of a tts-assets clip.
The clips are real MP3 files; espeak-ng speaks the ones whose words matter.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.support import course
from tests.support.fault_provider import calls
from tests.support.markers import fast_first, needs_espeak, needs_fifo, needs_symlinks
from tests.support.project import invoke, read_json, tree, write_json

MD5 = {word: course.md5_url("vocabulary", word) for _, word in course.VOCABULARY["ja"]}
"""The predecessor's URL of each Japanese word."""


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return course.make_course(tmp_path_factory.mktemp("course") / "app", names="md5")


@pytest.fixture
def app(made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: None) -> Path:
    """A private copy of the course, as the working directory, its provider calls logged."""
    root = shutil.copytree(made, tmp_path / "app")
    with (root / "tts-assets.toml").open("a", encoding="utf-8") as f:
        f.write(f'\n[providers.fault]\nlog = "{(root / "calls.jsonl").as_posix()}"\n')
    monkeypatch.chdir(root)
    return root


def _json(*args: str, code: int | None = 0) -> dict[str, Any]:
    exit_code, out = invoke(*args, "--json")
    if code is not None:
        assert exit_code == code, out
    doc: dict[str, Any] = json.loads(out)
    if "--set" in args and "sets" in doc:  # one set's report
        (doc,) = doc["sets"]
    return doc


def _vocabulary(app: Path, lang: str = "ja") -> list[dict[str, Any]]:
    doc = read_json(app / f"public/data/{lang}/vocabulary.json")
    assert isinstance(doc, list)
    return doc


def _said(app: Path) -> list[str]:
    log = app / "calls.jsonl"
    return calls(log) if log.exists() else []


def _file(app: Path, url: str) -> Path:
    return app / "public/audio" / url.removeprefix("/audio/")


def _manifest(app: Path) -> list[dict[str, Any]]:
    doc = read_json(app / "public/audio/manifest.json")
    assert isinstance(doc, dict)
    clips: list[dict[str, Any]] = doc["clips"]
    return clips


def _espeak(text: str, lang: str = "ja") -> bytes:
    return course._mp3(text, "espeak", lang)


# --- 4: a URL named by 32 hex digits is a person's unless the tool made it -----------


def test_a_predecessors_md5_named_clips_are_kept_adoptable_and_never_deleted(app: Path) -> None:
    words = [w for _, w in course.VOCABULARY["ja"]]
    dry = _json("generate", "--set", "ja", "--dry-run", code=1)  # one URL is dead
    vocabulary = dry["types"]["vocabulary"]
    assert (vocabulary["kept"], vocabulary["stale"], vocabulary["new"]) == (5, 0, 0)
    assert vocabulary["dead"] == 1
    assert not {c["text"] for c in dry["clips"]} & set(words)  # nothing billed for them

    code, out = invoke("generate", "--set", "ja")
    assert code == 1, out  # the dead one, as verify says below
    assert "its text is gone" not in out  # every text is there
    assert not set(words) & set(_said(app))  # the provider never heard them
    assert [e["audioUrl"] for e in _vocabulary(app)] == [
        MD5["水"],
        MD5["学校"],
        MD5["先生"],
        MD5["先生"],
        MD5["天気"],
    ]
    report = _json("verify", "--set", "ja", code=1)
    assert [p["kind"] for p in report["problems"]] == ["dead"]  # not one "stale"

    adoptable = _json("adopt", "--set", "ja", "--dry-run", code=1)["adopted"]
    assert [a["url"] for a in adoptable] == [MD5["水"], MD5["学校"]]
    _json("adopt", "--set", "ja", code=1)
    predecessors = {url: _file(app, url).read_bytes() for url in (MD5["水"], MD5["学校"])}
    assert _json("prune", "--set", "ja", "--yes")
    for url, data in predecessors.items():  # the content no longer names them: still kept
        assert _file(app, url).read_bytes() == data
    assert _file(app, MD5["先生"]).is_file()


def test_a_native_speakers_cdn_url_named_by_an_md5_is_kept(app: Path) -> None:
    cdn = "https://cdn.example.org/words/" + MD5["水"].rpartition("/")[2]
    doc = _vocabulary(app, "en")
    doc[0]["audioUrl"] = cdn
    write_json(app / "public/data/en/vocabulary.json", doc)
    assert _json("generate", "--set", "en")["types"]["vocabulary"]["generated"] == 1
    assert _vocabulary(app, "en")[0]["audioUrl"] == cdn
    assert "water" not in _said(app)


def test_a_clip_the_tool_made_moves_with_the_url_prefix_the_config_names(app: Path) -> None:
    """A URL under an earlier prefix is the tool's only where the config names that prefix:
    the committed manifest alone never vouches for another host."""
    _json("generate", "--set", "en")
    old = _vocabulary(app, "en")[0]["audioUrl"]
    config = app / "tts-assets.toml"
    text = config.read_text(encoding="utf-8")
    marker = (
        'name = "en"\ndata_dir = "public/data/en"\nout_dir = "public/audio"\nurl_prefix = "/audio"'
    )
    assert marker in text
    moved = marker.replace('"/audio"', '"https://cdn.example.com/a"')
    config.write_text(text.replace(marker, moved), encoding="utf-8")
    kept = _json("generate", "--set", "en")
    assert (kept["generated"], kept["types"]["vocabulary"]["kept"]) == (0, 2)
    assert _vocabulary(app, "en")[0]["audioUrl"] == old  # not under the prefix: a person's
    config.write_text(
        text.replace(marker, moved + '\nformer_url_prefixes = ["/audio"]'), encoding="utf-8"
    )
    assert _json("generate", "--set", "en")["generated"] == 0
    assert _vocabulary(app, "en")[0]["audioUrl"] == "https://cdn.example.com/a" + old[6:]


# --- 5: adopt records what is known, and only a plausible clip of the text -----------


def test_an_adopted_clip_records_where_it_was_found_and_claims_no_provider(app: Path) -> None:
    _json("adopt", "--set", "ja", code=1)
    (entry,) = [c for c in _manifest(app) if c["text"] == "水"]
    assert entry["origin"] == MD5["水"]
    assert (entry["provider"], entry["voice"], entry["spoken"]) == ("", "", None)
    assert entry["phonemes"] is None and entry["reading"] is None
    data = _file(app, MD5["水"]).read_bytes()
    assert entry["bytes"] == len(data) and entry["duration"] > 0
    assert entry["lang"] == "ja" and entry["sets"] == ["../data/ja"]


@needs_espeak
def test_a_word_pointing_at_a_sentence_is_not_adopted(app: Path) -> None:
    """みず's URL pointing at 1.7 s of a sentence: a plausible length for a clip of a
    sentence, far too long for a word said by anyone."""
    doc = _vocabulary(app)
    doc[0]["word"] = "みず"
    doc[0]["audioUrl"] = "/audio/vocabulary/mizu.mp3"
    doc[1]["word"] = "ほん"
    doc[1]["audioUrl"] = "/audio/vocabulary/hon.mp3"
    write_json(app / "public/data/ja/vocabulary.json", doc)
    _file(app, "/audio/vocabulary/mizu.mp3").write_bytes(_espeak("としょかんでほんをかりました。"))
    _file(app, "/audio/vocabulary/hon.mp3").write_bytes(_espeak("ほん"))
    report = _json("adopt", "--set", "ja", "--dry-run", code=1)
    assert [a["url"] for a in report["adopted"]] == ["/audio/vocabulary/hon.mp3"]
    (mizu,) = [n for n in report["not_adopted"] if n["url"] == "/audio/vocabulary/mizu.mp3"]
    assert mizu["places"] == ["vocabulary.json › [0] › audioUrl"]
    assert 'of speech for "みず" is longer than a recording of it plausibly is' in mizu["reason"]


@needs_espeak
def test_a_sentence_pointing_at_a_blip_is_not_adopted(app: Path) -> None:
    doc = read_json(app / "public/data/en/grammar.json")
    assert isinstance(doc, list)
    doc[0]["examples"][0] = {
        "english": "We drink water every day.",
        "audioUrl": "/audio/grammar/drink.mp3",
    }
    write_json(app / "public/data/en/grammar.json", doc)
    blip = _file(app, "/audio/grammar/drink.mp3")
    blip.parent.mkdir(parents=True, exist_ok=True)
    blip.write_bytes(_espeak("I", "en"))
    (refused,) = _json("adopt", "--set", "en", "--dry-run", code=1)["not_adopted"]
    assert "is shorter than" in refused["reason"]


def test_four_spellings_of_one_url_are_one_file(app: Path) -> None:
    """`%2D`, `/./`, `//` and the plain URL name one file: it is no text's clip when
    different texts hold it, whichever spelling each holds."""
    spellings = [
        "/audio/vocabulary/mizu-1.mp3",
        "/audio/vocabulary/mizu%2D1.mp3",
        "/audio/vocabulary/./mizu-1.mp3",
        "/audio/vocabulary//mizu-1.mp3",
    ]
    _file(app, spellings[0]).write_bytes(_file(app, MD5["水"]).read_bytes())
    doc = _vocabulary(app)
    for entry, url in zip(doc, spellings, strict=False):
        entry["audioUrl"] = url
    write_json(app / "public/data/ja/vocabulary.json", doc)
    before = tree(app)
    report = _json("adopt", "--set", "ja", code=1)
    assert report["adopted"] == []
    refused = {n["url"]: n for n in report["not_adopted"]}
    assert set(spellings) <= set(refused)
    assert all(
        "4 URLs of one file shared by different texts" in refused[u]["reason"] for u in spellings
    )
    assert report["elsewhere"] == 0
    after = tree(app)
    assert {k: v for k, v in after.items() if "vocabulary" in k} == {
        k: v for k, v in before.items() if "vocabulary" in k
    }


@needs_espeak
def test_a_word_repeated_under_two_ids_with_files_of_their_own_is_adopted_for_both(
    app: Path,
) -> None:
    """The seed app repeats words under two ids, each with its own predecessor URL and file."""
    first, second = "/audio/vocabulary/v1-mizu.mp3", "/audio/vocabulary/v9-mizu.mp3"
    _file(app, first).write_bytes(_file(app, MD5["水"]).read_bytes())
    _file(app, second).write_bytes(_espeak("みず"))
    doc = [
        {"id": "v1", "word": "水", "audioUrl": first},
        {"id": "v2", "word": "学校", "audioUrl": MD5["学校"]},
        {"id": "v9", "word": "水", "audioUrl": second},
    ]
    write_json(app / "public/data/ja/vocabulary.json", doc)
    report = _json("adopt", "--set", "ja")
    assert sorted(a["url"] for a in report["adopted"]) == sorted([first, MD5["学校"], second])
    urls = [e["audioUrl"] for e in _vocabulary(app)]
    assert urls[0] == urls[2] != first
    (entry,) = [c for c in _manifest(app) if c["text"] == "水"]
    assert (entry["origin"], entry["also_from"]) == (first, [second])
    assert _json("generate", "--set", "ja")["types"]["vocabulary"]["generated"] == 0
    assert _json("verify", "--set", "ja")["ok"]
    assert _file(app, first).is_file() and _file(app, second).is_file()


# --- verify and adopt say what a kept URL's file is ----------------------------------


def test_verify_fails_a_kept_url_whose_file_is_an_html_page(app: Path) -> None:
    _file(app, MD5["水"]).write_text(
        "<!DOCTYPE html><html><body>Not found</body></html>\n", encoding="utf-8"
    )
    report = _json("verify", "--set", "ja", code=1)
    kinds = {p["place"]: p for p in report["problems"]}
    html = kinds["vocabulary.json › [0] › word"]
    assert html["kind"] == "corrupt" and "is not audio (an HTML page)" in html["message"]


@needs_fifo
def test_a_content_file_that_is_a_named_pipe_is_called_one(app: Path) -> None:
    grammar = app / "public/data/ja/grammar.json"
    grammar.unlink()
    os.mkfifo(grammar)
    _, out = invoke("verify", "--set", "ja")
    assert "grammar.json is a named pipe (FIFO), not a file" in out, out
    assert "grammar.json not found" not in out


@needs_symlinks
def test_a_symlinked_predecessor_file_is_checked_and_named_not_called_elsewhere(
    app: Path,
) -> None:
    target = app / "recordings/mizu.mp3"
    target.parent.mkdir()
    _file(app, MD5["水"]).rename(target)
    _file(app, MD5["水"]).symlink_to(target)
    report = _json("verify", "--set", "ja", code=1)
    assert report["elsewhere"] == 0
    kept = [p["kind"] for p in report["problems"] if p["place"].startswith("vocabulary.json")]
    assert kept == ["dead"]  # the link leads to audio: only 天気's file is missing
    adopt = _json("adopt", "--set", "ja", "--dry-run", code=1)
    assert adopt["elsewhere"] == 0
    (linked,) = [n for n in adopt["not_adopted"] if n["url"] == MD5["水"]]
    assert "is a symbolic link" in linked["reason"]


@pytest.mark.slow
def test_adopt_listen_refuses_a_sentence_in_another_language(app: Path) -> None:
    from tts_assets.listening import unavailable_reason

    if (why := unavailable_reason()) is not None:
        pytest.skip(why)
    doc = read_json(app / "public/data/ja/grammar.json")
    assert isinstance(doc, list)
    url = "/audio/grammar/ame.mp3"
    doc[0]["examples"][0]["audioUrl"] = url  # 今日は雨が降っています。
    write_json(app / "public/data/ja/grammar.json", doc)
    clip = _file(app, url)
    clip.parent.mkdir(parents=True, exist_ok=True)
    clip.write_bytes(_espeak("The weather is nice today, and we are going out.", "en"))
    plain = _json("adopt", "--set", "ja", "--dry-run", code=1)
    assert url in [a["url"] for a in plain["adopted"]]  # its length is plausible
    heard = _json("adopt", "--set", "ja", "--dry-run", "--listen", code=1)
    (refused,) = [n for n in heard["not_adopted"] if n["url"] == url]
    assert (
        refused["reason"].startswith("heard as ")
        and "今日は雨が降っています。" in refused["reason"]
    )


def test_prune_never_deletes_a_predecessors_file_the_content_stopped_naming(app: Path) -> None:
    """Replacing a person's URLs (asked for) does not make their files the tool's."""
    files = {
        url: _file(app, url).read_bytes() for url in set(MD5.values()) if _file(app, url).exists()
    }
    assert len(files) == 3
    _json("generate", "--set", "ja", "--replace-hand-set-urls")
    assert not set(MD5.values()) & {e["audioUrl"] for e in _vocabulary(app)}
    report = _json("prune", "--set", "ja", "--yes")
    for url, data in files.items():
        assert _file(app, url).is_file() and _file(app, url).read_bytes() == data
    assert report["unused"] == []
    assert sorted(report["persons"]) == sorted(u.removeprefix("/audio/") for u in files)


def test_a_kept_url_whose_text_is_there_is_not_called_gone(app: Path) -> None:
    doc = _vocabulary(app, "en")
    doc[0]["audioUrl"] = "/audio/human/water.mp3"
    doc[1]["word"] = ""  # this one's text is gone
    doc[1]["audioUrl"] = "/audio/human/school.mp3"
    write_json(app / "public/data/en/vocabulary.json", doc)
    code, out = invoke("generate", "--set", "en")
    assert code == 1, out  # water's text has no audio: dead, as verify says
    kept = [ln for ln in out.splitlines() if "/audio/human/" in ln and not ln.startswith("kept")]
    assert kept == [
        "dead: vocabulary.json › [0] › audioUrl keeps /audio/human/water.mp3, and no file is "
        f"there ({Path('public/audio/human/water.mp3')}); restore the file, or let tts-assets "
        "make the clip: generate --replace-dead-urls",
        "note: vocabulary.json › [1] › audioUrl: kept /audio/human/school.mp3 "
        "(not a URL tts-assets made; its text is gone)",
    ]


def test_rebuild_manifest_recognises_clips_whose_urls_it_cannot_vouch_for(app: Path) -> None:
    """With the manifest lost no URL can be shown to be the tool's: clip files are
    recognised by their names, under a moved URL prefix too."""
    made = _json("generate", "--set", "en")["generated"]
    config = app / "tts-assets.toml"
    text = config.read_text(encoding="utf-8")
    marker = (
        'name = "en"\ndata_dir = "public/data/en"\nout_dir = "public/audio"\nurl_prefix = "/audio"'
    )
    config.write_text(
        text.replace(marker, marker.replace('"/audio"', '"https://cdn.example.com/a"')),
        encoding="utf-8",
    )
    (app / "public/audio/manifest.json").write_text("{ cut short", encoding="utf-8")
    report = _json("rebuild-manifest", "--set", "en")
    assert report["recorded"] == made and report["missing"] == 0


def test_one_text_holding_one_file_under_two_spellings_is_adopted_once(app: Path) -> None:
    plain, spelled = "/audio/vocabulary/mizu-1.mp3", "/audio/vocabulary/mizu%2D1.mp3"
    _file(app, plain).write_bytes(_file(app, MD5["水"]).read_bytes())
    doc = [
        {"id": "v1", "word": "水", "audioUrl": plain},
        {"id": "v9", "word": "水", "audioUrl": spelled},
    ]
    write_json(app / "public/data/ja/vocabulary.json", doc)
    report = _json("adopt", "--set", "ja")
    assert sorted(a["url"] for a in report["adopted"]) == sorted([plain, spelled])
    (entry,) = [c for c in _manifest(app) if c["text"] == "水"]
    assert (entry["origin"], entry["also_from"]) == (plain, [spelled])
    urls = {e["audioUrl"] for e in _vocabulary(app)}
    assert urls == {f"/audio/{entry['path']}"}


# --- the manifest claims no URL off the URL prefix ------------------

NATIVE = "https://native.example.org/recordings/water.mp3"
"""A native speaker's recording of "water", on the team's own recordings host."""


def _claim(app: Path, how: str, url: str) -> None:
    """Edit the committed manifest as a pull request could: make `url` look like one the
    tool made or adopted."""
    path = app / "public/audio/manifest.json"
    doc = read_json(path)
    assert isinstance(doc, dict)
    entry = next(c for c in doc["clips"] if c["text"] == "school")
    if how == "origin":
        entry["origin"] = url
    elif how == "also_from":
        entry["origin"] = "/audio/vocabulary/school-old.mp3"
        entry["also_from"] = [url]
    else:  # a listed clip path the URL ends in
        rel = "/".join(url.rsplit("/", 2)[-2:])
        doc["clips"].append({**entry, "path": rel, "key": rel.partition("/")[2][:32]})
        clips = app / "public/audio"
        (clips / rel).write_bytes((clips / entry["path"]).read_bytes())
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@pytest.mark.parametrize("how", fast_first(["origin", "also_from", "listed path"]))
def test_a_manifest_entry_cannot_claim_a_url_on_another_host(app: Path, how: str) -> None:
    """A native speaker's recording stays, whatever the committed manifest says of it: a
    URL is the tool's only under the URL prefix."""
    native = (
        NATIVE if how != "listed path" else f"https://native.example.org/vocabulary/{'e' * 32}.mp3"
    )
    doc = _vocabulary(app, "en")
    doc[0]["audioUrl"] = native
    write_json(app / "public/data/en/vocabulary.json", doc)
    assert _json("generate", "--set", "en")["types"]["vocabulary"]["kept"] == 1
    _claim(app, how, native)
    said = len(_said(app))
    report = _json("generate", "--set", "en")
    assert report["generated"] == 0, report
    assert report["types"]["vocabulary"]["kept"] == 1
    assert _vocabulary(app, "en")[0]["audioUrl"] == native
    assert "water" not in _said(app)[said:]
    assert _json("verify", "--set", "en")["ok"]
