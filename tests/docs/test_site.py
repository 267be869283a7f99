"""The documentation site: its generated parts build, and what it says of the code holds.

`mkdocs build --strict` runs in CI (.ci/run); these tests catch the same breakage in the
fast loop, and check what a build cannot: that the architecture page names the package as
it is and the guarantees name tests that exist.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from types import ModuleType

import pytest

import tts_assets
from tests.support import REPO
from tests.support.sweep import check_each

DOCS = REPO / "docs"
PAGES = [REPO / "README.md", *sorted(DOCS.glob("*.md"))]


def _hooks() -> ModuleType:
    """The site's hooks, this module's own copy, each generator run once a process: a
    generated part is a function of the code alone, and the tests below ask for each
    (a page's parts, the generator itself) more than once."""
    spec = importlib.util.spec_from_file_location("docs_hooks", REPO / "scripts/docs_hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.GENERATORS = {name: functools.cache(make) for name, make in module.GENERATORS.items()}
    return module


HOOKS = _hooks()


def test_every_marker_in_the_docs_names_a_generator_and_each_is_used() -> None:
    used = set()
    for page in PAGES:
        used |= set(HOOKS.MARKER.findall(page.read_text(encoding="utf-8")))
    assert used == set(HOOKS.GENERATORS)


@pytest.mark.parametrize("page", [p.relative_to(REPO).as_posix() for p in PAGES])
def test_each_pages_generated_parts_are_committed_as_the_code_makes_them(page: str) -> None:
    """A page read on GitHub (not only the built site) shows its generated parts, and
    they say what the code says now."""
    text = (REPO / page).read_text(encoding="utf-8")
    for name, start, end in HOOKS.parts(text):
        assert text[start:end].strip(), f"{page}: the part {name} is empty"
    assert HOOKS.written(text) == text, (
        f"{page}: a generated part is stale; run python scripts/docs_hooks.py"
    )


def test_a_part_without_its_end_line_is_named() -> None:
    with pytest.raises(ValueError, match="commands --> has no <!-- end: commands -->"):
        HOOKS.parts("# Page\n\n<!-- generated: commands -->\ntext\n")


GENERATORS = sorted(HOOKS.GENERATORS)


def test_each_generator_makes_its_part() -> None:
    check_each(
        _each_generator_makes_its_part, [(c,) for c in GENERATORS], ids=lambda case: repr(case[-1])
    )


def _each_generator_makes_its_part(name: str) -> None:
    text = HOOKS.GENERATORS[name]()
    assert text.strip() and "<!--" not in text


def test_the_commands_page_shows_every_command() -> None:
    text = HOOKS.commands()
    for name in ("generate", "verify", "prune", "review", "readings", "merge", "cache-key"):
        assert f"## {name}\n" in text
        assert f"Usage: tts-assets {name} [OPTIONS]" in text


def test_the_readme_lists_every_built_in_provider_and_no_other() -> None:
    """The README's providers table, as committed, names the registry's providers."""
    from tts_assets.providers import registry

    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text.split("<!-- generated: providers -->", 1)[1].split("<!-- end: providers -->")[0]
    named = re.findall(r"^\| `([a-z0-9_-]+)`", table, re.M)
    assert sorted(named) == sorted(registry.BUILT_IN)
    assert f"| `{registry.DEFAULT_PROVIDER}` (default) |" in table


def test_the_configuration_page_documents_every_key_with_its_docstring() -> None:
    from tts_assets.settings.config import Settings
    from tts_assets.tables import describe

    text = HOOKS.settings_keys()
    for key in describe(Settings):
        assert f"| `{key.name}` |" in text
        assert key.doc, f"{key.name} has no docstring under its field"
    assert "`concurrency` | a whole number ≥ 1 |" in text


def test_the_architecture_page_names_every_package_and_the_layers_as_pyproject_holds_them() -> None:
    import tomllib

    page = (DOCS / "architecture.md").read_text(encoding="utf-8")
    packages = sorted(p.parent.name for p in (REPO / "tts_assets").glob("*/__init__.py"))
    for name in packages:
        assert f"| `{name}/` |" in page, name
    table = re.findall(r"^\| `([a-z]+)/` \|", page, re.M)
    assert sorted(table) == packages  # and nothing that is gone
    layers = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contract = layers["tool"]["importlinter"]["contracts"][0]["layers"]
    drawn = re.search(r"## Which way imports point.*?```text\n(.*?)```", page, re.S)
    assert drawn is not None
    assert drawn.group(1).split("\n")[:-1] == contract


def test_the_guarantees_name_tests_that_exist() -> None:
    page = (DOCS / "guarantees.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:tests/)?[\w/]*test_\w+\.py)`", page))
    assert len(named) >= 10
    files = {path.name for path in (REPO / "tests").rglob("test_*.py")}  # one walk
    for name in named:
        assert name.split("/")[-1] in files, f"guarantees.md names {name}, which does not exist"


def test_every_public_name_is_in_the_docs() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in DOCS.glob("*.md"))
    missing = [name for name in tts_assets.__all__ if name not in text]
    assert not missing, missing


def test_the_reference_speaks_toml_not_python() -> None:
    """The configuration reference is read by people writing TOML: "not set", never
    Python's None; no module file or constant of the code; environment variables are
    the only names in capitals."""
    text = "".join(
        HOOKS.GENERATORS[name]()
        for name in ("settings-keys", "audio-keys", "set-keys", "provider-keys")
    )
    assert not re.findall(r"\bNone\b|\bTrue\b|\bFalse\b", text)
    assert not re.findall(r"\b\w+\.py\b", text)
    capitals = set(re.findall(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b", text))
    assert {c for c in capitals if not c.startswith(("TTS_ASSETS_", "ELEVENLABS_"))} == set()


def test_key_names_are_never_broken_mid_word() -> None:
    """The site's stylesheet keeps a table's key column whole (a long key scrolls)."""
    import yaml

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    (sheet,) = config["extra_css"]
    css = (DOCS / sheet).read_text(encoding="utf-8")
    rule = re.search(r"table[^{]*td:first-child code\s*\{([^}]*)\}", css)
    assert rule and "white-space: nowrap" in rule[1]


def test_the_languages_page_has_a_table_of_contents_and_says_where_kokoros_voices_are() -> None:
    """Each subject under a heading of its own (the site's contents, something to link),
    not bold-led paragraphs; the full voices file is named with where it is published."""
    page = (DOCS / "languages.md").read_text(encoding="utf-8")
    headings = re.findall(r"^#{2,3} (.+)$", page, re.M)
    assert len(headings) >= 8, headings
    assert not re.findall(r"^\*\*[^*]+\.\*\*", page, re.M)
    sections = re.split(r"^#{2,3} .+$", page, flags=re.M)
    # Prose, not its code blocks nor its tables (a new language adds rows, not words).
    unsaid = re.compile(r"```.*?```|^\|[^\n]*$", re.S | re.M)
    prose = [len(unsaid.sub("", s).split()) for s in sections]
    assert max(prose) < 450, prose
    assert "voices-v1.0.bin" in page
    assert "github.com/thewh1teagle/kokoro-onnx/releases/tag/model-files-v1.0" in page
