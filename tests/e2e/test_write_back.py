"""A run's write-back never undoes a person's work.

Through the real command: an editor's save during a real run, a file swapped for a
symbolic link or renamed mid-run, URLs set by hand, texts that are gone, and a content
file owned by another user. The file-level decisions are tested in
tests/unit/writeback/test_update.py.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.support import fault_provider
from tests.support.project import Project, made_once
from tts_assets.cli.app import app

TEXTS = [f"{c}を見ます。" for c in "山川海空花月星雨"]
GENERATE = ("generate", "--provider", "fault", "--type", "grammar")


@pytest.fixture
def project(project: Project, fault: None) -> Project:
    """Grammar examples spoken by the fault provider (healthy), as the working directory."""
    fault_provider.write_grammar(project / "data", TEXTS)
    fault_provider.write_config(project)
    return project


@pytest.fixture
def few(project: Project) -> Project:
    """The project with three of the texts, in one entry: what a test of one file's
    write-back needs (each text is one more clip made and encoded)."""
    fault_provider.write_grammar(project / "data", TEXTS[:3])
    return project


def _generate(project: Project) -> None:
    fault_provider.write_grammar(project / "data", TEXTS)
    fault_provider.write_config(project)
    assert project.invoke(*GENERATE)[0] == 0


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return made_once(tmp_path_factory, _generate)


@pytest.fixture
def generated(project: Project, made: Project) -> Project:
    """The project after one run of `GENERATE` (made once for the module: each test that
    began with that run made the same eight clips), a private copy."""
    return project.copy(made)


def _grammar(root: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((root / "data" / "grammar.json").read_text("utf-8"))
    return data


def _examples(root: Path) -> list[dict[str, Any]]:
    return [ex for entry in _grammar(root) for ex in entry["examples"]]


def _save_like_an_editor(path: Path, data: object) -> None:
    """Write a temp file beside it and rename it over (what editors and git do)."""
    tmp = path.with_name(f".{path.name}.swp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _slow_run(root: Path, *args: str) -> subprocess.Popen[bytes]:
    """A real run that has read the content and started its first clip, whose clips wait
    until `_go(root)`: what the test does meanwhile happens during the run, on any machine."""
    fault_provider.write_config(root, hold=str(root / "go"), log="calls.jsonl")
    proc = subprocess.Popen(
        [*fault_provider.DRIVER, "generate", "--provider", "fault", "--concurrency", "2", *args],
        cwd=root,
        env=fault_provider.driver_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    fault_provider.wait_until(lambda: (root / "calls.jsonl").exists(), proc)
    return proc


def _go(root: Path) -> None:
    """Let the run started by `_slow_run` make its clips and finish."""
    fault_provider.release(root / "go")


@pytest.mark.slow
def test_an_edit_saved_during_a_real_run_is_kept(project: Project) -> None:
    path = project / "data" / "grammar.json"
    proc = _slow_run(project, "--json")
    edited = _grammar(project)
    edited[0]["examples"][1]["japanese"] = "猫を見ます。"  # a text changed mid-run
    edited.append({"id": "new", "examples": [{"japanese": TEXTS[0]}, {"japanese": "犬です。"}]})
    _save_like_an_editor(path, edited)
    _go(project)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()

    after = _grammar(project)
    # The edit is there, not reverted to what the run read.
    assert after[0]["examples"][1]["japanese"] == "猫を見ます。"
    assert after[-1]["id"] == "new" and len(after) == len(edited)
    examples = [ex for entry in after for ex in entry["examples"]]
    by_text = {ex["japanese"]: ex.get("audioUrl") for ex in examples}
    # Texts whose clips exist got URLs, also in the entry added during the run.
    for text in TEXTS:
        if text != TEXTS[1]:
            assert by_text[text] and by_text[text].startswith("/audio/grammar/")
    assert after[-1]["examples"][0]["audioUrl"] == after[0]["examples"][0]["audioUrl"]
    # Texts that appeared during the run have no clip yet: no URL, and they are reported.
    assert by_text["猫を見ます。"] is None and by_text["犬です。"] is None
    report = json.loads(out)
    (file,) = report["write_back"]
    assert sorted(file["changed_during_run"]) == [
        "grammar.json › [0] › examples › [1] › japanese",
        "grammar.json › [2] › examples › [1] › japanese",
    ]
    # The next run makes them.
    code, _ = project.invoke(*GENERATE)
    assert code == 0
    assert all(ex.get("audioUrl") for ex in _examples(project))


@pytest.mark.slow
def test_a_file_swapped_for_a_symlink_during_a_run_is_not_written_through(
    project: Project,
) -> None:
    path = project / "data" / "grammar.json"
    other = project / "elsewhere.json"
    other.write_text('{"the team": "keeps this"}\n', encoding="utf-8")
    proc = _slow_run(project)
    tmp = path.with_name("link.tmp")
    tmp.symlink_to(other)
    os.replace(tmp, path)
    _go(project)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err.decode()
    assert other.read_text("utf-8") == '{"the team": "keeps this"}\n'
    assert path.is_symlink()
    said = (out + err).decode()
    assert "became a symbolic link during the run" in said and "run again" in said


@pytest.mark.slow
def test_a_file_renamed_during_a_run_is_not_recreated(project: Project) -> None:
    path = project / "data" / "grammar.json"
    proc = _slow_run(project)
    path.rename(path.with_name("grammar-old.json"))
    _go(project)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err.decode()
    assert not path.exists()
    assert "was deleted during the run; not re-created" in (out + err).decode()


def test_a_url_set_by_hand_is_kept_and_listed(few: Project) -> None:
    path = few / "data" / "grammar.json"
    data = _grammar(few)
    data[0]["examples"][0]["audioUrl"] = "/audio/human/v1.mp3"
    data[0]["examples"][1]["audioUrl"] = "https://cdn.example.com/a.mp3"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    code, out = few.invoke(*GENERATE, "--dry-run", "--json")
    report = json.loads(out)
    assert report["types"]["grammar"]["stale"] == 0
    assert report["types"]["grammar"]["kept"] == 2
    assert {k["old"] for k in report["kept"]} == {
        "/audio/human/v1.mp3",
        "https://cdn.example.com/a.mp3",
    }
    code, out = few.invoke(*GENERATE, "--json")
    assert code == 1  # /audio/human/v1.mp3 names no file: dead, as verify says
    assert [d["url"] for d in json.loads(out)["dead"]] == ["/audio/human/v1.mp3"]
    examples = _examples(few)
    assert examples[0]["audioUrl"] == "/audio/human/v1.mp3"
    assert examples[1]["audioUrl"] == "https://cdn.example.com/a.mp3"
    assert all(ex["audioUrl"].startswith("/audio/grammar/") for ex in examples[2:])
    kept = json.loads(out)["write_back"][0]["kept"]
    assert [k["place"] for k in kept] == [
        "grammar.json › [0] › examples › [0] › audioUrl",
        "grammar.json › [0] › examples › [1] › audioUrl",
    ]


def test_replace_hand_set_urls_replaces_them_and_lists_the_old_values(few: Project) -> None:
    path = few / "data" / "grammar.json"
    data = _grammar(few)
    data[0]["examples"][0]["audioUrl"] = "/audio/human/v1.mp3"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    few.gen({"public/audio/human/v1.mp3": b"ID3 a native speaker's recording"})
    code, out = few.invoke(*GENERATE, "--dry-run", "--json", "--replace-hand-set-urls")
    report = json.loads(out)
    assert report["types"]["grammar"]["stale"] == 1
    assert [c["old"] for c in report["replacing"]] == ["/audio/human/v1.mp3"]
    code, out = few.invoke(*GENERATE, "--json", "--replace-hand-set-urls")
    assert code == 0
    (file,) = json.loads(out)["write_back"]
    assert [c["old"] for c in file["replaced"]] == ["/audio/human/v1.mp3"]
    assert _examples(few)[0]["audioUrl"] == file["replaced"][0]["new"]


def test_a_stale_url_the_tool_made_is_replaced_with_its_old_value_listed(
    generated: Project,
) -> None:
    first = _examples(generated)[0]["audioUrl"]
    code, out = generated.invoke(*GENERATE, "--json", "--speed", "1.25")
    assert code == 0
    replaced = json.loads(out)["write_back"][0]["replaced"]
    assert replaced[0]["old"] == first and replaced[0]["new"] != first


def test_urls_of_texts_that_are_gone_are_cleared(generated: Project) -> None:
    path = generated / "data" / "grammar.json"
    data = _grammar(generated)
    gone = data[0]["examples"][0]["audioUrl"]
    data[0]["examples"][0]["japanese"] = ""  # emptied
    data[0]["examples"][1]["audioUrl"] = "/audio/human/keep.mp3"
    data[0]["examples"][1]["japanese"] = ""  # emptied, but its URL is a person's
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out = generated.invoke(*GENERATE, "--json")
    assert code == 0
    (file,) = json.loads(out)["write_back"]
    assert [c["old"] for c in file["cleared"]] == [gone]
    examples = _examples(generated)
    assert examples[0]["audioUrl"] is None
    assert examples[1]["audioUrl"] == "/audio/human/keep.mp3"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's owner needs root"
)
def test_a_content_file_owned_by_another_user_keeps_owner_group_and_mode(few: Project) -> None:
    import grp
    import pwd

    path = few / "data" / "grammar.json"
    uid = pwd.getpwnam("nobody").pw_uid
    gid = grp.getgrnam("nogroup").gr_gid
    os.chown(path, uid, gid)
    os.chmod(path, 0o640)
    assert few.invoke(*GENERATE)[0] == 0
    st = path.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o7777) == (uid, gid, 0o640)
    assert all(ex.get("audioUrl") for ex in _examples(few))


def test_a_hard_linked_content_file_is_left_as_it_is(few: Project) -> None:
    path = few / "data" / "grammar.json"
    os.link(path, few / "grammar-copy.json")
    before = path.read_bytes()
    code, out = few.invoke(*GENERATE)
    assert code == 1
    assert path.read_bytes() == before
    assert path.stat().st_nlink == 2
    assert "has 2 hard links" in out and "run again" in out


def _verify() -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(
        app, ["verify", "--provider", "fault", "--type", "grammar", "--json"]
    )
    report: dict[str, Any] = json.loads(result.output)
    return result.exit_code, report


def _prune() -> dict[str, Any]:
    result = CliRunner().invoke(app, ["prune", "--provider", "fault", "--json"])
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.output)
    return report


def test_verify_reports_the_url_of_a_text_that_is_gone_and_agrees_with_prune(
    project: Project,
) -> None:
    path = project / "data" / "grammar.json"
    data = _grammar(project)
    data[0]["examples"].append({"japanese": "余分です。"})
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert project.invoke(*GENERATE)[0] == 0
    data = _grammar(project)
    data[0]["examples"][-1]["japanese"] = ""  # the text is gone, its URL stays
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    code, report = _verify()
    assert code == 1
    (gone,) = [p for p in report["problems"] if p["kind"] == "gone"]
    assert gone["place"] == "grammar.json › [0] › examples › [4] › audioUrl"
    # The JSON still names the clip: neither verify nor prune calls it unused yet.
    assert report["unused"] == [] and _prune()["unused"] == []

    assert project.invoke(*GENERATE)[0] == 0  # clears the URL
    code, report = _verify()
    assert code == 0, report
    # Now both see the one clip nothing needs.
    assert len(report["unused"]) == 1
    assert [u["path"] for u in _prune()["unused"]] == report["unused"]


def test_verify_leaves_a_url_set_by_hand_alone(generated: Project) -> None:
    recording = generated / "public/audio/human/v1.mp3"  # a person's recording, in place
    recording.parent.mkdir()
    made = sorted((generated / "public/audio/grammar").iterdir())[0]
    recording.write_bytes(made.read_bytes())
    path = generated / "data" / "grammar.json"
    data = _grammar(generated)
    data[0]["examples"][0]["audioUrl"] = "/audio/human/v1.mp3"
    data[0]["examples"][1]["audioUrl"] = "https://cdn.example.com/a.mp3"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, report = _verify()
    assert code == 0, report["problems"]
    assert report["elsewhere"] == 1  # the CDN's: counted, not checked


def test_verify_reports_a_kept_url_under_the_prefix_that_leads_to_no_file(
    generated: Project,
) -> None:
    path = generated / "data" / "grammar.json"
    data = _grammar(generated)
    data[0]["examples"][0]["audioUrl"] = "/audio/vocabulary/aa5e4ad6.mp3"  # a predecessor's
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, report = _verify()
    assert code == 1
    (problem,) = report["problems"]
    assert problem["kind"] == "dead"
    assert problem["place"] == "grammar.json › [0] › examples › [0] › japanese"
    assert "/audio/vocabulary/aa5e4ad6.mp3, and no file is there" in problem["message"]
    code, out = generated.invoke(
        *GENERATE, "--json", "--replace-dead-urls"
    )  # asked: it gets a clip
    assert code == 0, out
    assert _examples(generated)[0]["audioUrl"].startswith("/audio/grammar/")
    assert _verify()[0] == 0
