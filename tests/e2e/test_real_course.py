"""A real multi-language course adopts tts-assets: its predecessor's clips, kept URLs that
cost nothing, Git LFS, sets that fit its layout, providers chosen predictably.

The course (tests/support/course.py) has seven language folders under public/data/, the
kanji set in src/data/ja/ (outside every data folder), one out dir for all sets, and the
URLs and clips of the Node tool tts-assets replaces (`/audio/vocabulary/aa5e4ad6.mp3`),
one of them dead and one shared by two texts. Everything goes through the CLI.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.support import course, fault_provider
from tests.support.fault_provider import calls
from tests.support.project import Project, invoke, read_json, tree, working_directory
from tests.support.refusal import refused
from tests.support.windows import loaded_by
from tts_assets.cli.app import app as cli_app
from tts_assets.planning.prepare import selected_types
from tts_assets.settings.load import content_sets, load_settings


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return course.make_course(tmp_path_factory.mktemp("course") / "app")


def _logged(source: Path, root: Path) -> Path:
    """A copy of the course `source` at `root`, its provider calls logged in its own
    calls.jsonl (a copy of `source`'s, where that logged them)."""
    shutil.copytree(source, root)
    config = root / "tts-assets.toml"
    text = config.read_text(encoding="utf-8")
    log = f'\n[providers.fault]\nlog = "{(root / "calls.jsonl").as_posix()}"\n'
    if "[providers.fault]" in text:
        text = text.replace((source / "calls.jsonl").as_posix(), (root / "calls.jsonl").as_posix())
    else:
        text += log
    config.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def app(made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: None) -> Path:
    """A private copy of the course, as the working directory, its provider calls logged."""
    root = _logged(made, tmp_path / "app")
    monkeypatch.chdir(root)
    return root


@pytest.fixture(scope="module")
def ja_run(made: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any, Any]:
    """The course after the Japanese set's dry run and run (exit 1: one URL is dead), with
    what each said (--json): the start of several tests, made once."""
    root = _logged(made, tmp_path_factory.mktemp("ja-run") / "app")
    with fault_provider.registered(), working_directory(root):
        dry = _json("generate", "--set", "ja", "--dry-run", code=1)
        done = _json("generate", "--set", "ja", code=1)
    return root, dry, done


@pytest.fixture
def ja_generated(
    ja_run: tuple[Path, Any, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: None
) -> tuple[Path, Any, Any]:
    """A private copy of the course after `ja_run`, as the working directory, its provider
    calls logged (the run's among them), with the dry run's and the run's reports."""
    source, dry, done = ja_run
    root = _logged(source, tmp_path / "app")
    monkeypatch.chdir(root)
    return root, dry, done


def _json(*args: str, code: int | None = 0) -> dict[str, Any]:
    result = CliRunner().invoke(cli_app, [*args, "--json"])
    if code is not None:
        assert result.exit_code == code, result.output
    doc: dict[str, Any] = json.loads(result.stdout)  # an exit 2's line is on stderr
    if "--set" in args and "sets" in doc:  # one set's report
        (doc,) = doc["sets"]
    return doc


def _vocabulary(app: Path) -> list[dict[str, Any]]:
    doc = read_json(app / "public/data/ja/vocabulary.json")
    assert isinstance(doc, list)
    return doc


def _said(app: Path) -> list[str]:
    log = app / "calls.jsonl"
    return calls(log) if log.exists() else []


def test_a_kept_url_costs_nothing_in_the_plan_the_bill_or_the_run(
    ja_generated: tuple[Path, Any, Any],
) -> None:
    words = [w for _, w in course.VOCABULARY["ja"]]
    app, dry, done = ja_generated  # exit 1: one URL is dead
    vocabulary = dry["types"]["vocabulary"]
    assert vocabulary["kept"] == 5 and vocabulary["new"] == 0 and vocabulary["clips"] == 0
    assert not any(c["text"] in words for c in dry["clips"])
    billed = sum(len(c["text"]) for c in dry["clips"])
    assert dry["billable_characters"] == billed  # grammar and kanji only
    assert done["types"]["vocabulary"]["generated"] == 0
    assert not set(words) & set(_said(app))  # the provider never heard them
    assert [e["audioUrl"] for e in _vocabulary(app)] == [
        course.predecessor_url("vocabulary", "v1", "水"),
        course.predecessor_url("vocabulary", "v2", "学校"),
        course.predecessor_url("vocabulary", "v3", "先生"),
        course.predecessor_url("vocabulary", "v3", "先生"),
        course.predecessor_url("vocabulary", "v5", "天気"),
    ]  # every person's URL kept


def test_verify_reports_the_dead_url_with_its_place(ja_generated: tuple[Path, Any, Any]) -> None:
    _, _, done = ja_generated  # generate says it too
    assert [d["place"] for d in done["dead"]] == ["vocabulary.json › [4] › audioUrl"]
    report = _json("verify", "--set", "ja", code=1)
    (dead,) = report["problems"]
    assert dead["kind"] == "dead"
    assert dead["place"] == "vocabulary.json › [4] › word"
    assert course.predecessor_url("vocabulary", "v5", "天気") in dead["message"]
    assert dead["message"] == done["dead"][0]["message"]


def test_adopt_takes_over_the_predecessors_clips_and_lists_what_it_cannot(app: Path) -> None:
    before = tree(app)
    dry = _json("adopt", "--set", "ja", "--dry-run", code=1)
    assert tree(app) == before  # a dry run writes nothing
    assert [a["places"] for a in dry["adopted"]] == [
        ["vocabulary.json › [0] › audioUrl"],
        ["vocabulary.json › [1] › audioUrl"],
    ]
    reasons = {n["url"]: n for n in dry["not_adopted"]}
    shared = reasons[course.predecessor_url("vocabulary", "v3", "先生")]
    assert shared["places"] == [
        "vocabulary.json › [2] › audioUrl",
        "vocabulary.json › [3] › audioUrl",
    ]
    assert "one URL shared by different texts" in shared["reason"]
    dead = reasons[course.predecessor_url("vocabulary", "v5", "天気")]
    assert dead["reason"].startswith("no file at ")
    # The summary counts what it lists: a URL kept at several places is one URL, and a
    # line a place (the seed app's 204 URLs were 371 lines).
    code, out = invoke("adopt", "--set", "ja", "--dry-run")
    places = sum(len(n["places"]) for n in dry["not_adopted"])
    assert code == 1 and places > len(dry["not_adopted"])
    assert len([line for line in out.splitlines() if line.startswith("not adopted: ")]) == places
    assert "would adopt 2 clip(s) for 2 places, nothing synthesized; " in out
    assert f"; {len(dry['not_adopted'])} URL(s) could not be adopted, at {places} places " in out

    done = _json("adopt", "--set", "ja", code=1)
    assert len(done["adopted"]) == 2
    manifest = read_json(app / "public/audio/manifest.json")
    assert isinstance(manifest, dict)
    adopted = {c["text"]: c for c in manifest["clips"] if c["origin"]}
    assert set(adopted) == {"水", "学校"}
    assert adopted["水"]["origin"] == course.predecessor_url("vocabulary", "v1", "水")
    assert adopted["水"]["sets"] == ["../data/ja"]
    urls = [e["audioUrl"] for e in _vocabulary(app)]
    assert urls[0] == f"/audio/{adopted['水']['path']}"  # written back
    assert urls[2] == urls[3] == course.predecessor_url("vocabulary", "v3", "先生")  # kept
    original = app / "public/audio" / urls[2].removeprefix("/audio/")
    assert (app / "public/audio" / adopted["水"]["path"]).read_bytes() == (
        app / "public/audio" / course.predecessor_url("vocabulary", "v1", "水")[7:]
    ).read_bytes()
    assert original.is_file()  # the originals stay where they were

    assert _json("generate", "--set", "ja", code=1)["types"]["vocabulary"]["generated"] == 0
    assert "水" not in _said(app) and "学校" not in _said(app)
    report = _json("verify", "--set", "ja", code=1)  # the dead URL is still named
    assert [p["kind"] for p in report["problems"]] == ["dead"]
    assert _json("generate", "--set", "ja", "--replace-dead-urls")["generated"] == 1
    assert _said(app).count("天気") == 1  # asked for: it gets a clip
    assert _json("verify", "--set", "ja")["ok"]


def test_git_lfs_pointers_are_named_and_never_synthesized_over(app: Path) -> None:
    assert invoke("adopt", "--set", "ja")[0] == 1
    assert invoke("generate", "--set", "ja")[0] == 1  # the dead URL
    for clip in (app / "public/audio").rglob("*.mp3"):  # a checkout without lfs: true
        data = clip.read_bytes()
        pointer = f"version https://git-lfs.github.com/spec/v1\noid sha256:{'0' * 64}\n"
        clip.write_bytes(f"{pointer}size {len(data)}\n".encode())  # LF ends, as git writes
    before = tree(app)
    code, out = invoke("generate", "--set", "ja")
    assert code == 2, out
    assert "a Git LFS pointer, not the audio" in out and "git lfs pull" in out
    report = _json("verify", "--set", "ja", code=1)
    kinds = {p["kind"] for p in report["problems"]}
    assert kinds == {"unfetched", "dead"}
    assert all("git lfs pull" in p["message"] for p in report["problems"] if p["kind"] != "dead")
    code, out = invoke("verify", "--set", "ja", "--fix")
    assert code == 2 and "git lfs pull" in out
    # The dry run shows the plan, its own clips that are pointers counted (exit 2).
    dry = _json("generate", "--set", "ja", "--dry-run", code=2)
    # Every clip of the tool's, and the predecessor's file two texts share (not adopted);
    # not the files adopted clips came from, which no text names now.
    clips = (app / "public/audio").rglob("*.mp3")
    pointers = {str(p.relative_to(app)) for p in clips if len(p.stem) == 32}
    shared = course.predecessor_url("vocabulary", course.SHARED[1], "先生")
    assert {u["file"] for u in dry["unfetched"]} == {*pointers, f"public{shared}"}
    assert all("git lfs pull" in u["message"] for u in dry["unfetched"])
    assert tree(app) == before  # nothing was synthesized, dropped or written
    # Their objects lost for good: deleted, the clips are made again.
    said = len(_said(app))
    for clip in (app / "public/audio").rglob("*.mp3"):
        clip.unlink()
    assert invoke("generate", "--set", "ja", "--replace-dead-urls")[0] == 0
    assert len(_said(app)) > said
    assert _json("verify", "--set", "ja")["ok"]


def test_a_predecessors_lfs_pointer_is_not_adopted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: None
) -> None:
    monkeypatch.chdir(course.make_course(tmp_path / "app", lfs=True))
    code, out = invoke("adopt", "--set", "ja")
    assert code == 1
    assert "vocabulary.json › [0] › audioUrl" in out and "a Git LFS pointer" in out


def test_a_dry_run_shows_the_plan_with_the_lfs_pointers_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: None
) -> None:
    # The seed app's 277 texts whose clips are Git LFS pointers, at the
    # predecessor's URLs generate keeps: it went on and left them silent, though
    # adopting.md says it stops. It stops before anything is written.
    app = course.make_course(tmp_path / "app", lfs=True)
    monkeypatch.chdir(app)
    before = tree(app)
    run = CliRunner().invoke(cli_app, ["generate", "--set", "ja"])
    run_errors = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
    assert run.exit_code == 2 and len(run_errors) == 1, run.output
    line = " ".join(run.output.split())
    assert "vocabulary.json › [0] › audioUrl keeps /audio/vocabulary/" in line, line
    assert "a Git LFS pointer, not the audio" in line and "git lfs pull" in line
    assert "nothing was synthesized" in line
    assert tree(app) == before
    report = _json("verify", "--set", "ja", code=1)
    assert "unfetched" in {p["kind"] for p in report["problems"]}
    # The seed app's dry run was one error line (exit 2): no plan at all, and
    # with every set in one call not even the other languages' plans.
    code, out = invoke("generate", "--dry-run")
    assert code == 2, out  # as the run would exit
    line = " ".join(out.split())
    # The four Japanese texts whose predecessor clip is a pointer (two share one file).
    assert "unfetched: 4 text(s) lead to a Git LFS pointer, not the audio (3 file(s))" in line
    assert "git lfs pull" in line and "--replace-dead-urls" in line
    assert "vocabulary.json › [0] › audioUrl keeps /audio/vocabulary/" in line
    assert "kept: vocabulary.json › [0]" not in line  # said once, as unfetched
    assert all(f"set {lang}:" in line for lang in course.LANGS)  # every set's plan
    assert "first planned clips:" in line
    assert tree(app) == before
    # On stderr, the line the run stops with, for a script that reads an exit 2's error.
    whole = CliRunner().invoke(cli_app, ["generate", "--dry-run", "--json"])
    errors = whole.stderr.splitlines()
    assert errors == [f"error: set ja: {line.split('error: ', 1)[1]}" for line in run_errors]
    (dry,) = [s for s in json.loads(whole.stdout)["sets"] if s["set"]["name"] == "ja"]
    assert whole.exit_code == dry["exit_code"] == 2
    assert len(dry["unfetched"]) == 4 and dry["types"]["grammar"]["new"] == 2
    assert {u["place"] for u in dry["unfetched"]} == {
        f"vocabulary.json › [{n}] › audioUrl" for n in range(4)
    }
    # Their objects lost for good: the way on the line gives (and adopting.md).
    for pointer in (app / "public/audio").rglob("*.mp3"):
        pointer.unlink()
    assert invoke("generate", "--set", "ja", "--replace-dead-urls")[0] == 0
    assert _json("verify", "--set", "ja")["ok"]
    urls = [entry["audioUrl"] for entry in _vocabulary(app)]
    assert all(not url.startswith("/audio/vocabulary/") or len(url) > 40 for url in urls)


def test_a_type_file_outside_the_data_folder_is_read_and_written_back(
    ja_generated: tuple[Path, Any, Any],
) -> None:
    app, dry, done = ja_generated  # exit 1: the dead URL
    assert dry["types"]["kanji"]["texts"] >= 4
    assert done["exit_code"] == 1
    kanji = read_json(app / "src/data/ja/kanji.json")
    assert isinstance(kanji, list)
    assert kanji[0]["onyomiAudioUrls"][0].startswith("/audio/kanji/")
    (app / "tts-assets.toml").write_text(
        (app / "tts-assets.toml")
        .read_text(encoding="utf-8")
        .replace("src/data/ja/kanji.json", "../kanji.json"),
        encoding="utf-8",
    )
    assert '"../kanji.json" leaves the project' in refused(Project(app), set="ja")


def test_sets_share_one_out_dir_and_the_manifest_knows_each_clips_sets(app: Path) -> None:
    done = _json("generate", code=1)
    assert [s["exit_code"] for s in done["sets"]] == [1 if s == "ja" else 0 for s in course.LANGS]
    assert [s["set"]["name"] for s in done["sets"]] == list(course.LANGS)
    manifest = read_json(app / "public/audio/manifest.json")
    assert isinstance(manifest, dict)
    sets = {c["text"]: c["sets"] for c in manifest["clips"]}
    assert sets["我喜欢吃苹果。"] == ["../data/zh"]
    assert sets["Bebo agua."] == ["../data/es"]
    assert sets["가"] == ["../data/ko"]  # the Hangul chart, in `characters/` of the out dir
    # Each set's prune (one command goes over them all): none of the other sets' clips is
    # unused, nor a note on them (the Japanese set has no chart, and `characters/` is Korean).
    pruned = _json("prune")
    assert [s["set"]["name"] for s in pruned["sets"]] == list(course.LANGS)
    for each in pruned["sets"]:
        assert each["unused"] == [] and each["notes"] == [], each


def test_a_set_adds_a_type_of_its_own_without_touching_the_others(app: Path) -> None:
    (app / "public/data/ko/jamo.json").write_text(
        json.dumps([{"char": "ㄱ"}, {"char": "ㄴ"}], ensure_ascii=False), encoding="utf-8"
    )
    config = (app / "tts-assets.toml").read_text(encoding="utf-8")
    config = config.replace(
        'lang = "ko"\n',
        'lang = "ko"\n\n[sets.types.jamo]\nfile = "jamo.json"\n'
        '[[sets.types.jamo.fields]]\ntext = "char"\nurl = "audioUrl"\nkind = "kana"\n',
        1,
    )
    (app / "tts-assets.toml").write_text(config, encoding="utf-8")
    # Each set's types, as a run selects and loads them.
    (ko,) = content_sets(load_settings("."), "ko")
    assert loaded_by(ko).counts["jamo"] == 2
    (ja,) = content_sets(load_settings("."), "ja")
    assert "jamo" not in {t.name for t in selected_types(ja)}
    code, out = invoke("types", "--set", "ko")
    assert code == 0
    printed = tomllib.loads(out)["types"]
    assert printed["jamo"]["file"] == "jamo.json" and "kanji" not in printed


def test_one_order_chooses_the_provider_and_the_error_names_what_chose_it(
    app: Path,
) -> None:
    config = (app / "tts-assets.toml").read_text(encoding="utf-8")
    # The README's shape: a default provider, and [languages] for the others.
    config = config.replace('lang = "ja"\n', 'lang = "ja"\nprovider = "kokoro"\n', 1)
    (app / "tts-assets.toml").write_text(config, encoding="utf-8")
    zh = _json("generate", "--set", "zh", "--dry-run")
    assert {c["path"].split("/")[-2] for c in zh["clips"]} == {"vocabulary", "grammar"}
    assert _json("generate", "--set", "zh")["exit_code"] == 0  # [languages] zh = "fault"
    code, out = invoke("generate", "--set", "zh", "--provider", "kokoro", "--dry-run")
    assert code == 2
    assert "zh: kokoro has no Chinese voice" in out and "(kokoro: chosen by --provider)" in out
    config = config.replace('name = "zh"', 'name = "zh"\nprovider = "kokoro"', 1)
    (app / "tts-assets.toml").write_text(config, encoding="utf-8")
    out = refused(Project(app), set="zh")  # where the set's dry run asks it
    assert "(kokoro: chosen by " in out and "sets.zh.provider)" in out


def test_readings_goes_over_the_sets(app: Path) -> None:
    report = _json("readings", "--set", "ja")
    assert report["exit_code"] == 0
    code, out = invoke("readings")
    assert code == 0 and "set zh:" in out
