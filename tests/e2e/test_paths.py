"""Where a run writes: the out dir, the content files and `.temp-audio/`, nothing else.

Each way a path could lead elsewhere is decided and tested here:

- a symlinked out dir, or a symlinked content file, is followed (the user chose it);
- an out dir inside the data dir works (clips are never read as content); the same folder
  for data, clips or staging is refused (exit 2);
- a URL prefix with `.` or `..` segments, spaces or backslashes is refused (exit 2);
- a content type's file outside the data dir (`../x.json`, `/etc/x.json`) is refused;
- entry ids and texts never become paths: clips are `<type>/<32 hex>.<ext>`, and a type
  name is letters, digits, `-` and `_`;
- subprocess providers keep their scratch files in `.temp-audio/`, not the system temp.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.support import TESTS, fault_provider
from tests.support.markers import needs_symlinks
from tests.support.project import Project
from tests.support.refusal import refused_by_types
from tests.support.sweep import check_each_one
from tts_assets.cli.app import app
from tts_assets.errors import InputError
from tts_assets.settings.load import load_settings

FAKE_SAY_DIR = TESTS / "support" / "fake_say"
CLIP = re.compile(r"grammar/[0-9a-f]{32}\.mp3")
TEXTS = ["山を見ます。", "川を見ます。", "海を見ます。"]
GENERATE = ("generate", "--type", "grammar")


@pytest.fixture
def project(project: Project, fault: None) -> Project:
    """tmp_path/project: a grammar file whose second entry has a hostile id; the working dir."""
    path = fault_provider.write_grammar(project / "data", TEXTS, per_entry=2)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc[1]["id"] = "../../etc/passwd"
    project.gen({"data/grammar.json": doc})
    fault_provider.write_config(project)
    return project


def _files(root: Path) -> dict[str, tuple[int, int]]:
    """Every file and link under `root` (links not followed): (size, mtime_ns)."""
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in files + [d for d in dirs if Path(folder, d).is_symlink()]:
            st = Path(folder, name).lstat()
            found[str(Path(folder, name).relative_to(root))] = (st.st_size, st.st_mtime_ns)
    return found


def _changed(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def _urls(root: Path) -> list[str]:
    doc = json.loads((root / "data/grammar.json").read_text(encoding="utf-8"))
    return [e["audioUrl"] for entry in doc for e in entry["examples"] if "audioUrl" in e]


@pytest.mark.slow
def test_a_run_writes_only_clips_manifest_content_and_nothing_in_the_system_temp(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A real subprocess provider (the stand-in `say`), which needs scratch files.
    monkeypatch.setenv("PATH", f"{FAKE_SAY_DIR}{os.pathsep}{os.environ['PATH']}")
    say_log = tmp_path / "say-calls.jsonl"
    monkeypatch.setenv("FAKE_SAY_LOG", str(say_log))
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    before = _files(tmp_path)

    code, out = project.invoke(*GENERATE, "--provider", "say")
    assert code == 0, out

    changed = _changed(before, _files(tmp_path))
    clips = {p for p in changed if p.startswith("project/public/audio/")}
    assert changed - clips == {"project/data/grammar.json", "say-calls.jsonl"}
    assert {p.removeprefix("project/public/audio/") for p in clips} - {"manifest.json"} == {
        u.removeprefix("/audio/") for u in _urls(project)
    }
    assert all(CLIP.fullmatch(u.removeprefix("/audio/")) for u in _urls(project))
    assert not (project / "public/audio/.temp-audio").exists()
    assert not list(system_temp.iterdir())
    # The synthesizer read its text from and wrote its audio into .temp-audio/.
    staging = str(project / "public/audio/.temp-audio") + os.sep
    for line in say_log.read_text(encoding="utf-8").splitlines():
        argv = json.loads(line)["argv"]
        assert argv[argv.index("-o") + 1].startswith(staging)
        assert argv[argv.index("-f") + 1].startswith(staging)


@needs_symlinks
def test_a_symlinked_out_dir_is_written_through_and_stays_a_link(
    project: Project, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "cdn/audio"
    elsewhere.mkdir(parents=True)
    (project / "public").mkdir()
    (project / "public/audio").symlink_to(elsewhere)
    code, out = project.invoke(*GENERATE, "--provider", "fault")
    assert code == 0, out
    assert (project / "public/audio").is_symlink()
    made = {p.relative_to(elsewhere).as_posix() for p in elsewhere.rglob("*") if p.is_file()}
    assert made == {"manifest.json"} | {u.removeprefix("/audio/") for u in _urls(project)}
    assert len(made) == 4
    code, out = project.invoke(*GENERATE, "--provider", "fault", "--json")
    assert code == 0 and json.loads(out)["generated"] == 0


@needs_symlinks
def test_a_symlinked_content_file_is_updated_where_it_points(
    project: Project, tmp_path: Path
) -> None:
    shared = tmp_path / "shared/grammar.json"
    shared.parent.mkdir()
    (project / "data/grammar.json").rename(shared)
    (project / "data/grammar.json").symlink_to(shared)
    code, out = project.invoke(*GENERATE, "--provider", "fault")
    assert code == 0, out
    assert (project / "data/grammar.json").is_symlink()
    assert len(_urls(project)) == 3  # read through the link: the shared file has them


def test_an_out_dir_inside_the_data_dir_works_and_is_never_read_as_content(
    project: Project,
) -> None:
    code, out = project.invoke(
        *GENERATE, "--provider", "fault", "--out-dir", "data/audio", "--json"
    )
    assert code == 0, out
    assert json.loads(out)["generated"] == 3
    assert (project / "data/audio/manifest.json").is_file()
    # Every type, run again: the manifest and clips in data/audio are not content.
    result = CliRunner().invoke(
        app, ["generate", "--provider", "fault", "--out-dir", "data/audio", "--json"]
    )
    summary = json.loads(result.output)
    assert result.exit_code == 0 and summary["generated"] == 0
    assert {name: c["texts"] for name, c in summary["types"].items()} == {"grammar": 3}


FOLDERS_FOR_TWO_ROLES = [
    {"out_dir": "data"},
    {"out_dir": "./data/"},
    {"data_dir": "public/audio/.temp-audio"},
    {"data_dir": "public/audio"},
]


def _flags_refused(project: Project, **flags: str) -> str:
    """What the settings (`load_settings`, the command's first step) refuse `flags` with,
    each named as its flag (`out_dir` as --out-dir): exit 2, nothing written."""
    before = _files(project)
    given_as = {key: "--" + key.replace("_", "-") for key in flags}
    with pytest.raises(InputError) as refused:
        load_settings(".", given_as=given_as, provider="fault", **flags)
    assert refused.value.exit_code == 2
    said = str(refused.value)
    assert "\n" not in said, said
    assert _files(project) == before
    return said


def test_one_folder_for_two_roles_is_refused(project: Project) -> None:
    """Each case asked of the settings; the test below runs one through the command line."""

    def refused(flags: dict[str, str]) -> None:
        assert "is the same folder as" in _flags_refused(project, **flags)

    check_each_one(refused, FOLDERS_FOR_TWO_ROLES)


def test_one_folder_for_two_roles_stops_the_command(project: Project) -> None:
    line = _flags_refused(project, out_dir="data")
    before = _files(project)
    code, out = project.invoke(*GENERATE, "--provider", "fault", "--out-dir", "data")
    assert code == 2 and out == f"error: {line}\n", out
    assert _files(project) == before


@needs_symlinks
def test_an_out_dir_linked_to_the_data_dir_is_refused(project: Project) -> None:
    (project / "public").mkdir()
    (project / "public/audio").symlink_to(project / "data")
    code, out = project.invoke(*GENERATE, "--provider", "fault")
    assert code == 2 and "is the same folder as" in out, out


LEAVING_PREFIXES = [
    "/audio/../secret",
    "../audio",
    "/audio/./x",
    "https://cdn.example.com/../audio",
    "/au dio",
    "\\audio",
    "/audio\n",
]


def test_a_url_prefix_that_leaves_the_audio_folder_is_refused(project: Project) -> None:
    """Each case asked of the settings; the test below runs one through the command line."""

    def refused(prefix: str) -> None:
        assert _flags_refused(project, url_prefix=prefix).startswith("--url-prefix ")

    check_each_one(refused, LEAVING_PREFIXES)


def test_a_url_prefix_that_leaves_the_audio_folder_stops_the_command(project: Project) -> None:
    prefix = LEAVING_PREFIXES[0]
    line = _flags_refused(project, url_prefix=prefix)
    before = _files(project)
    code, out = project.invoke(*GENERATE, "--provider", "fault", "--url-prefix", prefix)
    assert code == 2 and out == f"error: {line}\n", out
    assert _files(project) == before


def test_an_absolute_url_prefix_is_kept(project: Project) -> None:
    code, out = project.invoke(
        *GENERATE, "--provider", "fault", "--url-prefix", "https://cdn.example.com/audio/"
    )
    assert code == 0, out
    urls = _urls(project)
    assert len(urls) == 3
    assert all(u.startswith("https://cdn.example.com/audio/grammar/") for u in urls)


OUTSIDE_FILES = ["../outside.json", "/ABS/outside.json", "a/../../outside.json"]


def _outside_file_refused(project: Project, tmp_path: Path, file: str) -> str:
    """What a run is refused with for a type whose file is `file`, asked where the run
    asks it (`refused_by_types`): the file outside is never read nor written."""
    outside = tmp_path / "outside.json"
    outside.write_text('[{"word": "山"}]\n', encoding="utf-8")
    file = file.replace("/ABS", tmp_path.as_posix())  # C:/... on Windows: a TOML string
    (project / "tts-assets.toml").write_text(
        f'[types.words]\nfile = "{file}"\n[[types.words.fields]]\ntext = "word"\n'
        'url = "audioUrl"\n',
        encoding="utf-8",
    )
    before = _files(tmp_path)
    said = refused_by_types(project, provider="fault", type="words")
    assert "types.words.file" in said and "outside the data folder" in said, said
    assert _files(tmp_path) == before
    return said


def test_a_content_type_file_outside_the_data_dir_is_refused(
    project: Project, tmp_path: Path
) -> None:
    """Each case asked where a run asks it; the test below runs one through the command
    line."""
    check_each_one(lambda file: _outside_file_refused(project, tmp_path, file), OUTSIDE_FILES)


def test_a_content_type_file_outside_the_data_dir_stops_the_command(
    project: Project, tmp_path: Path
) -> None:
    line = _outside_file_refused(project, tmp_path, OUTSIDE_FILES[0])
    before = _files(tmp_path)
    result = CliRunner().invoke(app, ["generate", "--provider", "fault", "--type", "words"])
    assert result.exit_code == 2 and result.output == f"error: {line}\n", result.output
    assert _files(tmp_path) == before


def test_a_type_name_cannot_be_a_path(project: Project) -> None:
    (project / "tts-assets.toml").write_text(
        '[types."../../evil"]\nfile = "grammar.json"\n[[types."../../evil".fields]]\n'
        'text = "examples[].japanese"\nurl = "examples[].audioUrl"\n',
        encoding="utf-8",
    )
    before = _files(project)
    result = CliRunner().invoke(app, ["generate", "--provider", "fault", "--type", "all"])
    assert result.exit_code == 2, result.output
    assert "is not a type name" in result.output
    assert _files(project) == before


@pytest.mark.parametrize(
    ("in_the_way", "commands"),
    [
        ("public/audio/grammar", [GENERATE]),
        ("public/audio/.temp-audio", [GENERATE]),
        ("public/audio", [GENERATE, ("verify",), ("review",)]),
        ("public", [GENERATE, ("verify",)]),
    ],
)
def test_a_file_where_a_folder_belongs_is_named_with_what_to_do(
    project: Project, in_the_way: str, commands: list[tuple[str, ...]]
) -> None:
    """A file where the out dir, a type's folder or the staging folder
    goes said `File exists` or `Not a directory`, with no word of which path or what to do."""
    project.gen({in_the_way: "not a folder\n"})
    before = project.tree()
    for command in commands:
        code, out = project.invoke(*command, "--provider", "fault")
        assert code == 2 and out.count("\n") == 1, out
        assert out.startswith(
            f"error: {Path(in_the_way)}: a file, where tts-assets needs a folder; move it away "
            "or delete it"
        ), out
    assert project.tree() == before
