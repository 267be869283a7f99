"""Content sets over one folder: every language in one data dir, each set's types reading
its own files (hanabira.org's layout).

Two sets over `content/` (Japanese and Korean grammar files side by side) share the out dir
too: each is told apart in the manifest by its name (`../content#ja`), so prune, verify and
generate of one set never take the other's clips for unused, orphans or strangers. Real
runs of the whole pipeline (the fault provider's healthy tone, encoded, validated and
stored for real).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tts_assets
from tests.support import fault_provider
from tests.support.project import Project, made_once
from tests.support.refusal import refused
from tts_assets import content_sets, load_settings
from tts_assets.store import lock

OFF = "".join(
    f"[types.{name}]\nenabled = false\n"
    for name in ("vocabulary", "grammar", "reading", "kanji", "characters", "listening")
)

SETS = """\
provider = "fault"

[languages]
ko = "fault"

{off}
[[sets]]
name = "ja"
data_dir = "content"
out_dir = "public/audio"
lang = "ja"

[sets.types.grammar_ja]
file = "grammar_ja_*.json"
fields = [{{ text = "examples[].jp", url = "examples[].audio" }}]

[[sets]]
name = "ko"
data_dir = "content"
out_dir = "public/audio"
lang = "ko"

[sets.types.grammar_ko]
file = "grammar_kr_*.json"
fields = [{{ text = "examples[].kr", url = "examples[].audio" }}]
"""

JA = ["山を見ます。", "川を見ます。"]
KO = ["물을 마셔요.", "책을 읽어요."]


def _grammar(key: str, texts: list[str]) -> list[dict[str, object]]:
    return [{"title": "t", "examples": [{key: t} for t in texts]}]


def _course(project: Project) -> Project:
    return project.gen(
        {
            "content/grammar_ja_N5.json": _grammar("jp", JA),
            "content/grammar_kr_1.json": _grammar("kr", KO),
        }
    ).config(SETS.format(off=OFF))


@pytest.fixture
def course(project: Project, fault: None) -> Project:
    """One folder of two languages, a set over it for each."""
    return _course(project)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return made_once(tmp_path_factory, lambda project: _course(project).json("generate"))


@pytest.fixture
def generated(course: Project, made: Project) -> Project:
    """The course after a run of `generate` over both sets (made once for the module:
    the tests that began with that run made the same four clips), a private copy."""
    return course.copy(made)


def _sets(project: Project) -> dict[str, list[str]]:
    """Spoken text → the content sets its clip records."""
    return {c["text"]: c["sets"] for c in project.manifest()["clips"]}


def test_each_set_over_one_folder_is_told_apart_by_name(course: Project) -> None:
    done = course.json("generate")
    assert [(s["set"]["name"], s["set"]["id"], s["generated"]) for s in done["sets"]] == [
        ("ja", "../../content#ja", 2),
        ("ko", "../../content#ko", 2),
    ]
    sets = _sets(course)
    assert sets["山を見ます。"] == ["../../content#ja"]
    assert sets["물을 마셔요."] == ["../../content#ko"]
    # Each set wrote its own files' URLs, and only those.
    ja = course.read_json("content/grammar_ja_N5.json")
    assert all(e["audio"].startswith("/audio/grammar_ja/") for e in ja[0]["examples"])
    assert course.json("verify")["ok"] is True
    # Each set's prune (one command goes over both): nothing of the other set is unused,
    # an orphan or a stranger.
    each = course.json("prune")["sets"]
    assert [pruned["set"]["name"] for pruned in each] == ["ja", "ko"]
    for pruned in each:
        assert pruned["unused"] == [] and pruned["released"] == [], pruned
        assert pruned["notes"] == [], pruned
    again = course.json("generate")
    assert [s["generated"] for s in again["sets"]] == [0, 0]


def test_prune_of_one_set_lists_only_its_own_clips(generated: Project) -> None:
    generated.gen({"content/grammar_kr_1.json": _grammar("kr", KO[:1])})  # a text removed
    assert generated.json("prune", "--set", "ja")["sets"][0]["unused"] == []
    (gone,) = generated.json("prune", "--set", "ko")["sets"][0]["unused"]
    assert gone["text"] == "책을 읽어요." and gone["reason"] == "unreferenced"
    verified = generated.json("verify", "--set", "ja")["sets"][0]
    assert verified["unused"] == [], verified  # the Korean clip is not the Japanese set's


def test_an_orphan_of_one_set_is_not_a_stranger_to_the_other(course: Project) -> None:
    """A killed run of the Korean set left a clip the manifest does not list: the
    Japanese set's prune neither refuses (a type it does not define) nor deletes it."""
    course.json("generate", "--set", "ja")
    staging = course / "public/audio/.temp-audio"
    staging.mkdir(parents=True, exist_ok=True)
    orphan = "grammar_ko/" + "0" * 32 + ".mp3"
    (course / "public/audio" / orphan).parent.mkdir(parents=True)
    (course / "public/audio" / orphan).write_bytes(b"ID3" + bytes(500))
    (staging / "made-999999-abcdef.log").write_text(orphan + "\n", encoding="utf-8")
    pruned = course.json("prune", "--set", "ja", "--yes")["sets"][0]
    assert pruned["unused"] == []
    assert "not in the manifest kept" in pruned["notes"][0], pruned
    assert (course / "public/audio" / orphan).is_file()


def test_two_sets_reading_one_file_are_refused_naming_it_and_both(course: Project) -> None:
    course.config(SETS.format(off=OFF).replace("grammar_kr_*.json", "grammar_*.json"))
    before = course.tree(folders=True)
    code, out = course.invoke("generate", "--dry-run")
    assert code == 2 and out.count("\n") == 1, out
    shown = Path("content/grammar_ja_N5.json")
    assert f'the sets "ja" and "ko" both read {shown}' in out, out
    assert "(the grammar_ja and grammar_ko types)" in out
    assert course.tree(folders=True) == before


def test_a_built_in_type_both_sets_read_is_refused_with_how_to_switch_it_off(
    course: Project,
) -> None:
    """Asked where the command asks it (the sets' load); the test above runs one through
    the command line."""
    course.config(SETS.format(off=OFF.replace("[types.listening]\nenabled = false\n", "")))
    out = refused(course)
    assert f'the sets "ja" and "ko" both read {Path("content/listening.json")}' in out
    assert "switch it off there: [sets.types.listening] enabled = false" in out


def test_sets_over_one_folder_need_a_name_each(course: Project) -> None:
    config = SETS.format(off=OFF)
    course.config(config.replace('name = "ko"\n', "").replace('name = "ja"\n', ""))
    out = refused(course)
    assert 'two sets are named "content" (sets over one data dir are told apart by name)' in out


def test_a_set_alone_on_its_folders_keeps_the_id_it_had(course: Project) -> None:
    config = SETS.format(off=OFF).replace(
        'out_dir = "public/audio"\nlang = "ko"', 'out_dir = "public/ko"\nlang = "ko"'
    )
    course.config(config)
    ids = {s.set_name: s.set_id for s in content_sets(load_settings("."))}
    assert ids == {"ja": "../../content", "ko": "../../content"}  # one manifest each


def test_a_split_folder_says_how_to_forget_its_former_id(generated: Project) -> None:
    """The folder was one set before (its clips record `../../content`); now two sets
    share it: prune leaves the old record alone and says how to let it go."""
    manifest = generated / "public/audio/manifest.json"
    doc = json.loads(manifest.read_text(encoding="utf-8"))
    for clip in doc["clips"]:
        clip["sets"] = ["../../content"]  # as the one set over the folder recorded them
    manifest.write_text(json.dumps(doc), encoding="utf-8")
    code, out = generated.invoke("prune", "--set", "ja")
    assert code == 2, out
    assert "recorded before several sets shared the folder ../../content" in out
    assert "then `tts-assets prune --forget-set ../../content`" in out
    generated.json("generate")  # each set records the clips it uses
    pruned = generated.json("prune", "--set", "ja")["sets"][0]
    assert pruned["unused"] == []
    assert pruned["notes"] == [
        "left alone: 4 clip(s) record the content set ../../content, the id of the set over "
        "that folder before several sets shared it (each is now told by its name); once "
        "`tts-assets generate` has run for every set over it, `tts-assets prune --forget-set "
        "../../content` lets each set prune what it no longer uses"
    ]
    generated.json("prune", "--set", "ja", "--forget-set", "../../content", "--yes")
    assert all("../../content" not in s for s in _sets(generated).values())


def test_a_run_of_one_set_waits_for_a_run_of_another_over_the_folder(course: Project) -> None:
    """One data dir, one lock: a run of the Korean set while another run holds the folder
    stops with the lock's message, writing nothing (`--wait` waits instead)."""
    before = course.tree(folders=True)
    with lock.locked([course / "content"]):
        code, out = course.invoke("generate", "--set", "ko")
    assert code == 2, out
    assert f"{course / 'content'}: another tts-assets run is writing here; wait" in out
    assert course.tree(folders=True) == before
    assert course.json("generate", "--set", "ko")["sets"][0]["generated"] == 2


def test_review_writes_a_page_per_set(generated: Project) -> None:
    code, out = generated.invoke("review")
    assert code == 0, out
    for name, text in (("ja", JA[0]), ("ko", KO[0])):
        page = (generated / f"public/audio/review-{name}.html").read_text(encoding="utf-8")
        assert text in page
    assert KO[0] not in (generated / "public/audio/review-ja.html").read_text(encoding="utf-8")


def test_a_shard_of_one_set_is_merged_under_that_sets_id(course: Project) -> None:
    shard = course.json("generate", "--set", "ko", "--shard", "1/1", "--shard-dir", "shards/ko")
    assert shard["sets"][0]["generated"] == 2
    code, out = course.invoke("merge", "public/audio", "shards/ko")
    assert code == 0, out
    assert set(_sets(course)) == set(KO) and all(
        s == ["../../content#ko"] for s in _sets(course).values()
    )
    assert course.json("generate", "--set", "ko")["sets"][0]["generated"] == 0  # found present
    assert course.json("verify", "--set", "ko")["ok"] is True


def test_adopt_takes_a_predecessors_clip_for_its_own_set(course: Project) -> None:
    """A predecessor's clip of a Korean text: `adopt --set ko` takes it over under the
    Korean set's id, and the Japanese set's prune leaves it alone."""
    course.json("generate", "--set", "ko")
    old = course / "public/audio/old/ko-1.mp3"
    old.parent.mkdir(parents=True)
    # A tone as long as the sentence plausibly is said (the fault speech of one is short).
    old.write_bytes(tts_assets.render(fault_provider.speech("물을 마셔요!" * 6)))
    grammar = _grammar("kr", KO)
    examples = grammar[0]["examples"]
    assert isinstance(examples, list)
    examples.append({"kr": "물을 마셔요!", "audio": "/audio/old/ko-1.mp3"})
    course.gen({"content/grammar_kr_1.json": grammar})
    adopted = course.json("adopt", "--set", "ko")["sets"][0]
    assert len(adopted["adopted"]) == 1, adopted
    taken = [c for c in course.manifest()["clips"] if c.get("origin")]
    assert [c["sets"] for c in taken] == [["../../content#ko"]]
    assert course.json("prune", "--set", "ja")["sets"][0]["unused"] == []
