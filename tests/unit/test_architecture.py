"""The package's shape: its layers hold, no module imports its way back to itself.

docs/architecture.md draws the layers, and pyproject.toml's `[tool.importlinter]` holds
them (`lint-imports` in CI); this test runs the same contract and finds import loops,
which a layers contract does not forbid inside one layer.
"""

from __future__ import annotations

import subprocess
import sys

import grimp
import pytest

from tests.support import REPO


def test_the_import_contract_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlinter.cli import lint_imports

    monkeypatch.chdir(REPO)
    assert lint_imports(config_filename=str(REPO / "pyproject.toml")) == 0


def test_no_module_imports_its_way_back_to_itself() -> None:
    graph = grimp.build_graph("tts_assets")
    loops = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.find_shortest_chain(importer=imported, imported=module) is not None:
                loops.append((module, imported))
    assert not loops, loops


@pytest.mark.slow  # starts a Python process (0.3 s of its CPU)
def test_the_command_line_is_not_needed_to_import_the_library() -> None:
    """`import tts_assets` and its stages load neither typer nor rich (the CLI's own)."""
    code = (
        "import sys, tts_assets.commands.generate, tts_assets.planning.prepare;"
        "print(sorted(m for m in ('typer', 'rich') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


SHARED_BY_COMMANDS = {
    *("inputs", "kept", "operation", "output", "recovered", "report", "summary", "tally"),
    "verify_report",
}
"""The modules of `commands/` that are not commands: what commands share, and a command's
parts (`tally`: a course's summary added up window by window; `verify_report`: verify's
checks and its report)."""


def test_a_command_borrows_no_helper_from_another() -> None:
    """A command imports, of the other commands, only `generate` (verify's fix and a
    review's retakes run it); what two commands share lives in store/ or planning/."""
    graph = grimp.build_graph("tts_assets")
    borrowed = []
    for module in sorted(graph.modules):
        if not module.startswith("tts_assets.commands."):
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            name = imported.removeprefix("tts_assets.commands.")
            if imported != name and name not in SHARED_BY_COMMANDS | {"generate"}:
                borrowed.append((module, imported))
    assert not borrowed, borrowed


def _contract(kind: str) -> dict[str, object]:
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    (found,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == kind]
    return found


def test_no_module_outside_a_languages_package_imports_it() -> None:
    """The forbidden contract reaches from every other module of the package to
    `tts_assets.lang` (a folder added later is in it, or this fails), the independence
    contract holds between the language packages, and no module outside them imports one
    (the contract's own finding, asked of the import graph again)."""
    import pkgutil

    import tts_assets

    forbidden = _contract("forbidden")
    top = {f"tts_assets.{m.name}" for m in pkgutil.iter_modules(tts_assets.__path__)}
    assert set(forbidden["source_modules"]) == top - {"tts_assets.lang", "tts_assets.__init__"}  # type: ignore[arg-type]
    assert forbidden["forbidden_modules"] == ["tts_assets.lang"]
    assert _contract("independence")["modules"] == ["tts_assets.lang.*"]
    graph = grimp.build_graph("tts_assets")
    inside = {m for m in graph.modules if m.startswith("tts_assets.lang.")}
    outside = set()
    for module in inside:
        outside |= graph.find_modules_that_directly_import(module) - inside
    assert outside == set(), sorted(outside)


def test_every_hook_a_profile_names_is_there() -> None:
    """What a profile names of its package (`module:attribute`) imports and exists: a
    renamed class fails here, not in the first run that needs it."""
    from dataclasses import fields

    from tts_assets.languages import LANGUAGES, hook

    named = 0
    for profile in LANGUAGES.values():
        hooks = [getattr(profile, f.name) for f in fields(profile) if f.type == "str"]
        hooks += [named for _, named in profile.regional_numbers]
        for value in hooks:
            if value.startswith("tts_assets.lang."):
                assert hook(value) is not None, (profile.code, value)
                assert value.split(":")[0].split(".")[2] == profile.code, value
                named += 1
    assert named >= len(LANGUAGES)


def test_only_kokoro_imports_its_convolution_rewrite() -> None:
    """The cache folder lives in `tts_assets.dirs`, not in the Kokoro model's rewrite."""
    graph = grimp.build_graph("tts_assets")
    importers = graph.find_modules_that_directly_import("tts_assets.providers.int8_kernels")
    assert importers == {"tts_assets.providers.kokoro"}
    from tts_assets.providers import int8_kernels

    assert "cache_folder" not in int8_kernels.__all__


MOST_IMPORTED = 18
"""The most modules of the package one module imports: more, and it is a hub that
knows everything; the package's face (`tts_assets/__init__.py`) alone names every command."""


def test_no_module_but_the_package_s_face_imports_more_than_eighteen_others() -> None:
    graph = grimp.build_graph("tts_assets")
    hubs = {
        module: len(imported)
        for module in graph.modules
        if module != "tts_assets"
        and len(imported := graph.find_modules_directly_imported_by(module)) > MOST_IMPORTED
    }
    assert not hubs, hubs
