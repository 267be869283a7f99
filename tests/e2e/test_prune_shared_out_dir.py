"""Prune deletes only what its own content set used.

Two data dirs share one out dir; a custom type's clips are pruned from a folder where the
config is not found; a manifest from before sets were recorded. Real runs of the whole
pipeline (the fault provider's healthy tone, encoded, validated and stored for real).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import fault_provider
from tests.support.project import Project, invoke, made_once
from tts_assets.store import lock

A_TEXTS = ["山を見ます。", "川を見ます。", "同じ文です。"]
B_TEXTS = ["海を見ます。", "空を見ます。", "同じ文です。"]


def _configure(root: Path, more: str = "") -> None:
    """tts-assets.toml: the fault provider speaks everything."""
    config = fault_provider.write_config(root)
    config.write_text(f'provider = "fault"\n{config.read_text("utf-8")}{more}', "utf-8")


def _clips(project: Project) -> dict[str, list[str] | None]:
    """Manifest path → the content sets it records."""
    return {c["path"]: c.get("sets") for c in project.manifest()["clips"]}


def _files(root: Path) -> set[str]:
    out = root / "public/audio"
    return {p.relative_to(out).as_posix() for p in out.rglob("*.mp3")}


def _urls(data_dir: Path) -> list[str]:
    doc = json.loads((data_dir / "grammar.json").read_text("utf-8"))
    return [ex["audioUrl"] for entry in doc for ex in entry["examples"]]


def _build(project: Project) -> None:
    _configure(project)
    fault_provider.write_grammar(project / "courseA", A_TEXTS)
    fault_provider.write_grammar(project / "courseB", B_TEXTS)
    project.json("generate", "--data-dir", "courseA")
    project.json("generate", "--data-dir", "courseB")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return made_once(tmp_path_factory, _build)


@pytest.fixture
def shared(project: Project, made: Project, fault: None) -> Project:
    """Course A and course B, two data dirs whose clips share public/audio."""
    return project.copy(made)


def test_each_clip_records_the_content_sets_it_serves(shared: Project) -> None:
    clips = _clips(shared)
    assert len(clips) == 5  # the sentence both courses hold is one clip
    served = sorted(tuple(sets or ()) for sets in clips.values())
    assert served == [
        ("../../courseA",),
        ("../../courseA",),
        ("../../courseA", "../../courseB"),
        ("../../courseB",),
        ("../../courseB",),
    ]


def test_prune_of_one_course_never_deletes_the_other_courses_clips(shared: Project) -> None:
    b_urls = _urls(shared / "courseB")
    # Course A drops all its texts but one: its own clips are unused now.
    fault_provider.write_grammar(shared / "courseA", ["山を見ます。"])
    shared.json("generate", "--data-dir", "courseA")
    code, out = invoke("prune", "--data-dir", "courseA", "--yes", "--json")
    assert code == 0, out
    report = json.loads(out)
    gone = {u["path"] for u in report["unused"]}
    assert len(gone) == 1  # 川を見ます。 only; 同じ文です。 is course B's too
    assert len(report["released"]) == 1
    assert any("left alone: the clips of content set ../../courseB" in n for n in report["notes"])
    for url in b_urls:  # every clip course B's JSON points at is still there
        assert url.removeprefix("/audio/") in _files(shared)
    clips = _clips(shared)
    (common,) = report["released"]
    assert clips[common] == ["../../courseB"]  # no longer course A's
    assert not gone & set(clips) and not gone & _files(shared)
    # Course B's own prune finds nothing to delete, and its verify passes.
    assert json.loads(invoke("prune", "--data-dir", "courseB", "--json")[1])["unused"] == []
    assert invoke("verify", "--data-dir", "courseB")[0] == 0


def test_prune_from_a_folder_whose_content_uses_none_of_the_clips_refuses(shared: Project) -> None:
    fault_provider.write_grammar(shared / "elsewhere", ["星を見ます。"])
    before = shared.manifest(), _files(shared)
    code, out = invoke("prune", "--data-dir", "elsewhere", "--yes")
    assert code == 2
    line = " ".join(out.split())
    assert "none of them this one (../../elsewhere)" in line
    assert "../../courseA (3 clip(s)), ../../courseB (3 clip(s))" in line
    assert "--forget-set" in line
    assert (shared.manifest(), _files(shared)) == before


def test_forget_set_lets_a_course_that_is_gone_for_good_be_pruned(shared: Project) -> None:
    code, out = invoke(
        "prune", "--data-dir", "courseA", "--forget-set", "../../courseB", "--yes", "--json"
    )
    assert code == 0, out
    assert len(json.loads(out)["unused"]) == 2  # course B's own two, not the shared one
    assert all(sets == ["../../courseA"] for sets in _clips(shared).values())
    assert len(_files(shared)) == 3
    code, out = invoke("prune", "--data-dir", "courseA", "--forget-set", "nope")
    assert code == 2 and "no clip in" in out


PHRASES = """
[types.phrases]
file = "phrases.json"
[[types.phrases.fields]]
text = "phrase"
url = "phraseAudioUrl"
lang = "ja"
"""


def test_clips_of_a_type_the_config_does_not_define_are_never_pruned(
    project: Project, monkeypatch: pytest.MonkeyPatch, fault: None
) -> None:
    _configure(project, PHRASES)
    fault_provider.write_grammar(project / "data", ["山を見ます。"])
    phrases = [{"phrase": "おはようございます。"}, {"phrase": "こんばんは。"}]
    project.gen({"data/phrases.json": json.dumps(phrases, ensure_ascii=False)})
    project.json("generate", "--data-dir", "data")
    assert {p.split("/")[0] for p in _files(project)} == {"grammar", "phrases"}
    before = project.manifest(), _files(project)
    # From a subfolder the config is not found: phrases is not a type there.
    (project / "sub").mkdir()
    monkeypatch.chdir(project / "sub")
    code, out = invoke("prune", "--data-dir", "../data", "--out-dir", "../public/audio", "--yes")
    assert code == 2, out
    line = " ".join(out.split())
    assert "clips of type(s) phrases/, which this configuration does not define" in line
    assert "--config FILE" in line
    assert (project.manifest(), _files(project)) == before


def test_a_manifest_from_before_sets_were_recorded_is_not_pruned_blindly(shared: Project) -> None:
    path = shared / "public/audio/manifest.json"
    doc = shared.manifest()
    for clip in doc["clips"]:
        del clip["sets"]
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    fault_provider.write_grammar(shared / "courseA", ["山を見ます。"])
    shared.json("generate", "--data-dir", "courseA")
    before = _files(shared)
    code, out = invoke("prune", "--data-dir", "courseA", "--yes")
    assert code == 2
    line = " ".join(out.split())
    assert "made before tts-assets recorded which content set each serves" in line
    assert "--forget-set unrecorded" in line
    assert _files(shared) == before
    # Once every course has run generate (claiming its clips), the rest may go.
    shared.json("generate", "--data-dir", "courseB")
    code, out = invoke(
        "prune", "--data-dir", "courseA", "--forget-set", "unrecorded", "--yes", "--json"
    )
    assert code == 0, out
    assert len(json.loads(out)["unused"]) == 1  # 川を見ます。: course B still uses the rest
    assert all(url.removeprefix("/audio/") in _files(shared) for url in _urls(shared / "courseB"))


def test_prune_while_another_set_is_generating_says_so(project: Project, fault: None) -> None:
    """Two sets share public/audio. While set a generates (its run holds its data dir and
    the out dir) and before set b's first run, prune of b names that run, not a refusal
    of an out dir whose clips serve only another set."""
    _configure(project)
    fault_provider.write_grammar(project / "courseA", A_TEXTS)
    fault_provider.write_grammar(project / "courseB", B_TEXTS)
    project.json("generate", "--data-dir", "courseA")
    with lock.locked([project / "courseA", project / "public/audio"]):  # a generating
        for args in ((), ("--yes",)):
            code, out = project.invoke("prune", "--data-dir", "courseB", *args)
            assert code == 2, out
            assert f"{Path('public/audio')}: another tts-assets run is writing here" in out, out
            assert "--wait SECONDS" in out
    # Once that run is over, prune answers as it would have.
    code, out = project.invoke("prune", "--data-dir", "courseB")
    assert code == 2 and "none of them this one" in out, out
