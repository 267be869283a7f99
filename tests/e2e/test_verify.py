"""`tts-assets verify` on clips the real Kokoro model made: the CI gate and `--fix`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_durations import CONFIG as DRILLS
from tests.support.markers import needs_espeak_library
from tests.support.project import Project, clip_of, read_json, tree, url_of, write_json
from tests.support.project import invoke as invoke_cli
from tts_assets.providers.kokoro import KokoroProvider
from tts_assets.store.manifest import sha256

pytestmark = pytest.mark.slow  # a real Kokoro run makes the project


def invoke(*args: str) -> tuple[int, str]:
    """The command's exit code and output, without the notes naming the built-in types'
    files this project does not have (kanji.json...)."""
    code, out = invoke_cli(*args)
    return code, "".join(ln for ln in out.splitlines(True) if not ln.startswith("note: "))


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything loads the Kokoro model."""

    def refuse(self: KokoroProvider) -> None:
        raise AssertionError("verify loaded the model")

    monkeypatch.setattr(KokoroProvider, "_load", refuse)


def test_a_fresh_generation_verifies(kokoro_project: Path, no_model: None) -> None:
    code, out = invoke("verify")
    assert code == 0, out
    assert out.startswith("ok: 3 URLs and 3 clip files checked")


def test_a_changed_text_is_stale_and_named(kokoro_project: Path, no_model: None) -> None:
    doc = read_json(kokoro_project / "data/vocabulary.json")
    doc[0]["word"] = "ねずみ"  # type: ignore[index]
    write_json(kokoro_project / "data/vocabulary.json", doc)
    code, out = invoke("verify")
    assert code == 1, out
    (line,) = [ln for ln in out.splitlines() if ": stale: " in ln]
    assert line.startswith("vocabulary.json › [0] › word: stale: vocabulary.json › [0] › audioUrl")
    assert "1 problem(s): 1 stale" in out


def test_a_deleted_file_is_missing(kokoro_project: Path, no_model: None) -> None:
    url = url_of(kokoro_project, "grammar.json", 0, "examples", 0, "audioUrl")
    clip_of(kokoro_project, url).unlink()
    code, out = invoke("verify")
    assert code == 1, out
    assert out.startswith(
        "grammar.json › [0] › examples › [0] › japanese: missing: "
        f"{url.removeprefix('/audio/')}: the file is missing"
    )


def test_flipped_bytes_fail_the_checksum(kokoro_project: Path, no_model: None) -> None:
    clip = clip_of(kokoro_project, url_of(kokoro_project, "vocabulary.json", 1, "audioUrl"))
    data = bytearray(clip.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 16] = bytes(b ^ 0xFF for b in data[middle : middle + 16])
    clip.write_bytes(bytes(data))
    code, out = invoke("verify")
    assert code == 1, out
    assert out.startswith("vocabulary.json › [1] › word: corrupt: ")
    assert "sha256 differs" in out.splitlines()[0]


def test_a_truncated_file_fails_to_decode_even_with_a_matching_manifest(
    kokoro_project: Path, no_model: None
) -> None:
    url = url_of(kokoro_project, "vocabulary.json", 0, "audioUrl")
    clip = clip_of(kokoro_project, url)
    cut = clip.read_bytes()[: clip.stat().st_size * 2 // 3]
    clip.write_bytes(cut)
    code, out = invoke("verify")
    assert code == 1, out
    assert "bytes where the manifest records" in out
    # Someone "fixes" the manifest to match: the bytes are then the manifest's, which a
    # plain verify trusts (a clip is checked when stored); --deep decodes every file and
    # still proves the file cut short.
    manifest = kokoro_project / "public/audio/manifest.json"
    doc = read_json(manifest)
    for entry in doc["clips"]:  # type: ignore[index]
        if url.endswith(entry["path"]):
            entry.update(bytes=len(cut), sha256=sha256(cut))
    write_json(manifest, doc)
    code, out = invoke("verify")
    assert code == 0, out
    code, out = invoke("verify", "--deep")
    assert code == 1, out
    (line,) = [ln for ln in out.splitlines() if ": corrupt: " in ln]
    assert line.startswith("vocabulary.json › [0] › word: corrupt: ")
    assert "manifest records" not in line


def test_a_text_without_url_is_missing(kokoro_project: Path, no_model: None) -> None:
    doc = read_json(kokoro_project / "data/vocabulary.json")
    del doc[1]["audioUrl"]  # type: ignore[index]
    write_json(kokoro_project / "data/vocabulary.json", doc)
    code, out = invoke("verify")
    assert code == 1, out
    assert out.startswith("vocabulary.json › [1] › word: missing: no audio URL yet")


def test_verify_writes_nothing(kokoro_project: Path, no_model: None) -> None:
    doc = read_json(kokoro_project / "data/grammar.json")
    doc[0]["examples"][0]["japanese"] = "おちゃをのみます。"  # type: ignore[index]
    write_json(kokoro_project / "data/grammar.json", doc)
    clip_of(kokoro_project, url_of(kokoro_project, "vocabulary.json", 0, "audioUrl")).write_bytes(
        b"junk"
    )
    before = tree(kokoro_project, folders=True)
    code, out = invoke("verify", "--json")
    assert code == 1, out
    assert tree(kokoro_project, folders=True) == before


def test_json_report(kokoro_project: Path, no_model: None) -> None:
    url = url_of(kokoro_project, "vocabulary.json", 1, "audioUrl")
    clip_of(kokoro_project, url).unlink()
    code, out = invoke("verify", "--json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    assert report["counts"] == {
        "missing": 1,
        "stale": 0,
        "corrupt": 0,
        "unfetched": 0,
        "dead": 0,
        "refused": 0,
        "gone": 0,
        "heard": 0,
        "accent": 0,  # not asked for
    }
    assert report["listening"] is None  # not asked for
    assert report["checked"] == {"urls": 3, "files": 3}
    (problem,) = report["problems"]
    assert problem["place"] == "vocabulary.json › [1] › word"
    assert problem["path"] == [1, "word"]
    assert problem["clip"] == url.removeprefix("/audio/")
    assert report["broken"] == [problem["clip"]]


def test_type_narrows_both_urls_and_manifest(kokoro_project: Path, no_model: None) -> None:
    clip_of(kokoro_project, url_of(kokoro_project, "vocabulary.json", 0, "audioUrl")).unlink()
    code, out = invoke("verify", "--type", "grammar")
    assert code == 0, out
    assert out.startswith("ok: 1 URLs and 1 clip files checked")


def test_other_settings_make_every_url_stale(kokoro_project: Path, no_model: None) -> None:
    code, out = invoke("verify", "--voice", "jf_nezumi", "--json")
    assert code == 1
    assert json.loads(out)["counts"]["stale"] == 3


def test_bad_input_exits_2(kokoro_project: Path) -> None:
    (kokoro_project / "data/grammar.json").write_text("[{", encoding="utf-8")
    code, out = invoke("verify")
    assert code == 2
    assert "grammar.json:1:3: invalid JSON" in out


def test_fix_remakes_a_deleted_file_and_a_changed_text(kokoro_project: Path) -> None:
    clip_of(kokoro_project, url_of(kokoro_project, "vocabulary.json", 0, "audioUrl")).unlink()
    doc = read_json(kokoro_project / "data/grammar.json")
    old = doc[0]["examples"][0]["audioUrl"]  # type: ignore[index]
    doc[0]["examples"][0]["japanese"] = "おちゃをのみます。"  # type: ignore[index]
    write_json(kokoro_project / "data/grammar.json", doc)

    code, out = invoke("verify", "--fix", "--json")
    assert code == 0, out
    report = json.loads(out)
    assert report["ok"] is True
    assert report["fix"]["generate"]["generated"] == 2
    assert report["fix"]["dropped"] == [
        url_of(kokoro_project, "vocabulary.json", 0, "audioUrl")[7:]
    ]
    new = url_of(kokoro_project, "grammar.json", 0, "examples", 0, "audioUrl")
    assert new != old
    assert clip_of(kokoro_project, new).is_file()
    assert invoke("verify")[0] == 0


def test_fix_replaces_a_corrupt_file_of_the_same_size(kokoro_project: Path) -> None:
    clip = clip_of(kokoro_project, url_of(kokoro_project, "vocabulary.json", 1, "audioUrl"))
    good = clip.read_bytes()
    clip.write_bytes(good[:1000] + bytes(len(good) - 1000))  # same size, zeros after 1 kB
    code, out = invoke("verify", "--fix")
    assert code == 0, out
    assert clip.read_bytes() == good  # deterministic encoding: the same bytes again


def test_fix_with_nothing_wrong_loads_no_model(kokoro_project: Path, no_model: None) -> None:
    code, out = invoke("verify", "--fix", "--json")
    assert code == 0, out
    assert json.loads(out)["fix"] == {"dropped": [], "generate": None}


@pytest.mark.parametrize(
    ("provider", "lang", "texts", "changed"),
    [
        ("kokoro", "", ["水", "毎朝、私は七時に起きます。"], "火"),
        pytest.param(
            "espeak",
            'lang = "en"',
            ["Good morning.", "See you later."],
            "Good evening.",
            marks=needs_espeak_library,
        ),
    ],
)
def test_verify_keeps_each_content_file_parsed_alone(
    project: Project,
    monkeypatch: pytest.MonkeyPatch,
    provider: str,
    lang: str,
    texts: list[str],
    changed: str,
) -> None:
    """No command keeps a content file's bytes and text once parsed (50 MiB of the 562
    verify held at 120,042 texts): what verify reads of the files (each URL, each clip
    length) it finds as before, and generate's write-back reads each file again."""
    from tts_assets.planning.course import Course
    from tts_assets.planning.prepare import Prepared

    project.config(DRILLS.format(more=lang))  # a clip length a text
    examples = [{"text": t} for t in texts]
    write_json(project / "data/drills.json", [{"id": "d1", "examples": examples}])
    first = (project / "data/drills.json").read_bytes()
    seen: dict[str, list[Prepared]] = {"generate": [], "verify": []}

    real = Course.windows

    def spy(self: Course) -> Any:
        for prepared in real(self):
            seen["generate" if self.run else "verify"].append(prepared)
            yield prepared

    monkeypatch.setattr(Course, "windows", spy)
    args = ["--type", "drills", "--provider", provider]
    assert project.json("generate", *args)["failed"] == 0
    code, out = project.invoke("verify", *args)
    assert code == 0, out
    (entry,) = project.read_json("data/drills.json")
    entry["examples"][0]["text"] = changed  # its URL stale
    entry["examples"][1]["durationMs"] = None  # its length missing
    write_json(project / "data/drills.json", [entry])
    code, out = project.invoke("verify", *args)
    assert code == 1
    lines = [ln for ln in out.splitlines() if not ln.startswith("note: ")]
    assert lines[0].startswith("drills.json › [0] › examples › [0] › text: stale: "), out
    assert "no clip length yet at drills.json › [0] › examples › [1] › durationMs" in lines[1]
    assert "2 problem(s): 1 missing, 1 stale" in out
    checked = [d for p in seen["verify"] for d in p.loaded.documents.values()]
    assert [d.text for d in checked] == ["", ""]
    assert checked[1].data == [entry]  # the parsed file, whole
    # generate's too: its write-back reads each file again as it writes it.
    written = [d for p in seen["generate"] for d in p.loaded.documents.values()]
    assert written and all(d.text == "" for d in written), first
