"""Every example in the README and the docs is real: TOML is valid config, Python names only
what the package exports, and each `tts-assets` command line parses.

A user copies these blocks; a key the code no longer takes, an option that was renamed or
a malformed type definition fails here before it fails for them.
"""

from __future__ import annotations

import ast
import json
import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import pytest
import typer

import tts_assets
from tests.support import REPO
from tests.support.project import new_project
from tests.support.sweep import check_each
from tts_assets.cli.app import app
from tts_assets.content.spec import resolve_types

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def _blocks(language: str) -> list[tuple[str, str]]:
    """(page name, code) of every fenced block in `language` of every page."""
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for block in re.findall(rf"^```{language}\n(.*?)^```", text, re.S | re.M):
            found.append((page.name, block))
    return found


TOML = _blocks("toml")
PYTHON = _blocks("python")
SHELL = _blocks("bash")


def _id(case: tuple[str, str]) -> str:
    return f"{case[0]}:{case[1].splitlines()[0][:40]}"


def test_the_pages_have_examples_of_each_kind() -> None:
    assert len(TOML) >= 5 and len(PYTHON) >= 2 and len(SHELL) >= 5


def test_each_toml_example_parses_and_is_valid_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each of TOML, in a folder of its own."""
    for variable in ("ELEVENLABS_API_KEY", "ELEVENLABS_BASE_URL", "TTS_ASSETS_CONCURRENCY"):
        monkeypatch.delenv(variable, raising=False)
    check_each(
        _parses_and_is_valid_config, [(c, tmp_path) for c in TOML], ids=lambda case: _id(case[0])
    )


def _parses_and_is_valid_config(case: tuple[str, str], parent: Path) -> None:
    block = case[1]
    table = tomllib.loads(block)
    if "project" in table:  # a plugin's pyproject.toml, not a tts-assets config
        assert set(table["project"]["entry-points"]) == {"tts_assets.providers"}
        return
    folder = new_project(parent)
    (folder / "tts-assets.toml").write_text(block, encoding="utf-8")
    settings = tts_assets.load_settings(folder)
    resolve_types(settings.types, settings.config_file)
    assert settings.config_file == folder / "tts-assets.toml"


def test_each_python_example_compiles_and_names_only_what_the_package_exports() -> None:
    check_each(
        _each_python_example_compiles_and_names_only_what_the_package_exports,
        [(c,) for c in PYTHON],
        ids=lambda case: _id(case[0]),
    )


def _each_python_example_compiles_and_names_only_what_the_package_exports(
    case: tuple[str, str],
) -> None:
    flags = ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    tree = compile(case[1], case[0], "exec", flags)
    assert isinstance(tree, ast.Module)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "tts_assets":
            assert node.attr in tts_assets.__all__, node.attr
        if isinstance(node, ast.ImportFrom) and node.module == "tts_assets":
            assert {alias.name for alias in node.names} <= set(tts_assets.__all__)


def _command_lines() -> list[tuple[str, str]]:
    lines = []
    for page, block in SHELL:
        for line in block.splitlines():
            line = line.split(" #", 1)[0].strip()
            if line.startswith("tts-assets "):
                lines.append((page, line))
    return lines


COMMANDS = _command_lines()


def test_each_command_line_names_a_command_and_options_it_takes() -> None:
    """Parsed by the CLI's own parser: an unknown command, option or value fails."""
    check_each(
        _each_command_line_names_a_command_and_options_it_takes,
        [(c,) for c in COMMANDS],
        ids=lambda case: f"{case[0][0]}:{case[0][1][:50]}",
    )


def _each_command_line_names_a_command_and_options_it_takes(case: tuple[str, str]) -> None:
    words = shlex.split(case[1].replace("*", "x"))[1:]
    group: Any = typer.main.get_command(app)
    top = group.context_class(group, info_name="tts-assets")
    command = group.get_command(top, words[0])
    assert command is not None, f"no command {words[0]}"
    ctx = command.context_class(command, info_name=words[0], parent=top)
    command.parse_args(ctx, words[1:])  # raises on an unknown option or a bad value


@pytest.mark.parametrize("page", ["README.md", "CONTRIBUTING.md"])
def test_the_front_pages_are_short_and_their_links_lead_somewhere(page: str) -> None:
    """A newcomer reads them in a couple of minutes: short lines, no measurement log (a
    test count or a commit hash goes stale the next day; BENCHMARKS.md holds figures)."""
    text = (REPO / page).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) <= 110
    assert [n for n, line in enumerate(lines, 1) if len(line) > 120] == []
    assert not re.search(r"\b\d[\d,]* tests\b", text), "a test count"
    assert not re.search(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}\b", text), "a hash"
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
        if not target.startswith("http"):
            assert (REPO / target).exists(), target


WORDS = {
    "ja": ("水", "今日は雨です。"),
    "zh": ("朋友", "我喜欢吃苹果。"),
    "ko": ("학교", "저는 학생입니다."),
    "de": ("Wasser", "Ich trinke Wasser."),
    "es": ("agua", "Bebo agua."),
    "it": ("acqua", "Bevo acqua."),
    "en": ("water", "I drink water."),
}


def _folder_per_language(block: str) -> bool:
    """Whether a config lists sets, each over a folder of its own (the shape the dry run
    below builds; sets over one folder are voiced by tests/e2e/test_layouts.py)."""
    sets = tomllib.loads(block).get("sets", [])
    return bool(sets) and len({s["data_dir"] for s in sets}) == len(sets)


SETS = [case for case in TOML if _folder_per_language(case[1])]
MISSING = re.compile(
    r"error: (?:.+: )?(\S+) is not installed; run: tts-assets models pull \1(?: \(offline.*)?"
)
"""A model's pull command, after the setting that named it (`tts-assets.toml: [languages] de`)."""


def _stand_in(
    model: str, table: dict[str, Any], monkeypatch: pytest.MonkeyPatch, where: Path
) -> None:
    """Install a stand-in of pulled `model` (tests/support/pulled_standins.py) holding
    the voices `table`'s `[languages]` name, pinned for the test; Supertonic-3 as the small
    model of tests/support/supertonic_graphs.py (its files written in `where`)."""
    from tests.support import pulled_standins
    from tts_assets.models.catalog import Catalog

    if model == "supertonic-3":
        from tests.support.supertonic_graphs import install_small_model

        install_small_model(monkeypatch, where)
        return

    named = [v.split(":", 1) for v in table.get("languages", {}).values()]
    spoken = {  # a dialogue's speakers' voices, in a set Kokoro speaks
        voice
        for s in table["sets"]
        if s.get("provider", table.get("provider", "kokoro")) == "kokoro"
        for t in s.get("types", {}).values()
        for voice in t.get("speakers", {}).values()
    }
    if model == "kokoro-voices-v1.0":
        voices = {"jf_alpha", *(voice for provider, voice in named if provider == "kokoro")}
        voices |= spoken
        pulled_standins.kokoro_voices(monkeypatch, *sorted(voices))
        return
    found = Catalog().get(model)
    assert found is not None and found.kind == "piper-voice", model
    key = model.removeprefix("piper:")
    pulled_standins.piper_voice(monkeypatch, key, key.split("-")[0])  # de_DE-thorsten-medium: de_DE


@pytest.mark.slow
@pytest.mark.parametrize("case", SETS, ids=[_id(c) for c in SETS])
def test_each_multi_language_example_dry_runs_on_content_in_its_shape(
    case: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The set-up of a multi-language app works as printed: each set's folder holds a word
    and a sentence in its language, a type's `path` names a kanji file, and a dry run of
    every set plans them with the voices the example chooses. A model the example names
    stops the run, before the pull, with exit 2 and the pull command only."""
    from tests.support.course import KANJI
    from tests.support.project import invoke, write_json
    from tts_assets.languages import content_language

    table = tomllib.loads(case[1])
    (tmp_path / "tts-assets.toml").write_text(case[1], encoding="utf-8")
    for s in table["sets"]:
        lang = s.get("lang", table.get("lang", "ja"))
        word, sentence = WORDS[lang]
        data = tmp_path / s["data_dir"]
        write_json(data / "vocabulary.json", [{"id": "v1", "word": word}])
        key = content_language(lang).name
        write_json(data / "grammar.json", [{"id": "g1", "examples": [{key: sentence}]}])
        for spec in s.get("types", {}).values():
            if "path" in spec:
                write_json(tmp_path / spec["path"], KANJI)
            elif "file" in spec and not (data / spec["file"]).exists():
                # A file of the app's own (the drills): there, with no entry yet.
                write_json(data / spec["file"], {spec["root"]: []} if "root" in spec else [])
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TTS_ASSETS_MODELS_DIR", str(tmp_path / "models"))
    tried = []
    for _ in range(len(table.get("languages", {})) + 1):
        # A model the example names and nobody pulled yet: exit 2 with the pull command,
        # and nothing else wrong. Its stand-in is then put where the pull would put it.
        code, out = invoke("generate", "--dry-run")
        tried.append(f"exit {code}: {out}")
        missing = MISSING.fullmatch(out.strip())
        if code != 2 or missing is None:
            break
        _stand_in(missing[1], table, monkeypatch, tmp_path)
    code, out = invoke("generate", "--dry-run", "--json")
    assert code == 0, "\n".join([*tried, out])
    report = json.loads(out)
    assert len(report["sets"]) == len(table["sets"])
    for done in report["sets"]:
        assert done["types"]["vocabulary"]["new"] == 1, done["set"]
