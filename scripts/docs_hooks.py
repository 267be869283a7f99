"""The documentation's generated parts, made from the code so they cannot drift.

A page holds each generated part between two marker lines, committed with the page so it
reads whole on GitHub too:

    <!-- generated: NAME -->
    ... what GENERATORS[NAME]() makes ...
    <!-- end: NAME -->

`python scripts/docs_hooks.py` writes every part anew into its page (`--check`: exit 1
naming the pages whose parts are stale). MkDocs runs this module as a hook (mkdocs.yml
`hooks:`) and builds the site from the code as it is; tests/docs/test_site.py holds each
committed part equal to what the code makes now, so a change of a docstring, a key or a
command's help fails the tests until the pages are written anew.
"""

from __future__ import annotations

import importlib
import logging
import os
import pkgutil
import re
from collections.abc import Callable
from dataclasses import MISSING
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ast

MARKER = re.compile(r"^<!-- generated: ([a-z-]+) -->$", re.M)
"""The line that opens a generated part."""

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
"""The pages that hold generated parts: the README and the site's."""


def parts(markdown: str) -> list[tuple[str, int, int]]:
    """Each generated part of a page: its name and where its committed text starts and
    ends (between the opening line and `<!-- end: NAME -->`)."""
    found = []
    for opening in MARKER.finditer(markdown):
        name = opening.group(1)
        start = opening.end() + 1
        end = markdown.find(f"<!-- end: {name} -->", start)
        if end < 0:
            raise ValueError(f"<!-- generated: {name} --> has no <!-- end: {name} --> line")
        found.append((name, start, end))
    return found


def written(markdown: str) -> str:
    """`markdown` with each generated part made anew from the code."""
    done, last = [], 0
    for name, start, end in parts(markdown):
        done += [markdown[last:start], GENERATORS[name]().rstrip("\n") + "\n"]
        last = end
    return "".join(done) + markdown[last:]


def on_config(config: Any, **_: Any) -> Any:
    """Material's search cuts the pages' Chinese with jieba, whose dictionary-building
    lines on stderr are no problem of the site: quiet them, so a build that prints
    anything has something to say."""
    try:
        import jieba
    except ImportError:
        return config
    jieba.setLogLevel(logging.WARNING)
    return config


def on_page_markdown(markdown: str, **_: Any) -> str:
    """MkDocs hook: the site shows each part as the code makes it now."""
    return written(markdown)


def commands() -> str:
    """Each command's `--help`, as the CLI prints it, under a heading of its own."""
    import typer

    from tts_assets.cli.app import app

    os.environ["COLUMNS"] = "96"
    group: Any = typer.main.get_command(app)  # typer's own click: contexts come from it
    top = group.context_class(group, info_name="tts-assets")
    parts = []
    for name in group.list_commands(top):
        command = group.get_command(top, name)
        ctx = command.context_class(command, info_name=name, parent=top)
        parts.append(f"## {name}\n\n```text\n{command.get_help(ctx)}\n```\n")
        for sub in getattr(command, "list_commands", lambda _: [])(ctx):  # a sub-app
            each = command.get_command(ctx, sub)
            inner = each.context_class(each, info_name=sub, parent=ctx)
            parts.append(f"### {name} {sub}\n\n```text\n{each.get_help(inner)}\n```\n")
    return "\n".join(parts)


def _value(value: Any) -> str:
    if value is MISSING:
        return "required"
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, (str, Path)):
        return f'`"{value}"`'
    if isinstance(value, tuple):
        return "`[]`" if not value else f"`{list(value)}`"
    return f"`{value}`"


def _table(cls: type) -> str:
    from tts_assets.tables import describe

    rows = ["| key | takes | default | what it does |", "|---|---|---|---|"]
    for key in describe(cls):
        doc = " ".join(key.doc.split())
        rows.append(f"| `{key.name}` | {key.takes} | {_value(key.default)} | {doc} |")
    return "\n".join(rows) + "\n"


def settings_keys() -> str:
    """The config file's own keys (`Settings`), each with what it takes and does."""
    from tts_assets.settings.config import Settings

    return _table(Settings)


def audio_keys() -> str:
    """The keys of `[audio]`."""
    from tts_assets.audio.settings import AudioSettings

    return _table(AudioSettings)


def set_keys() -> str:
    """The keys of a `[[sets]]` table."""
    from tts_assets.settings.sets import ContentSet

    return _table(ContentSet)


def provider_keys() -> str:
    """The keys of each built-in provider's `[providers.NAME]` table."""
    from tts_assets.providers import registry

    parts = []
    for name in ("kokoro", "piper", "espeak", "say", "elevenlabs"):
        kind = registry.get(name).settings_type
        table = _table(kind) if kind.table_keys() else "No settings of its own.\n"
        parts.append(f"### `[providers.{name}]`\n\n{table}")
    return "\n".join(parts)


def architecture() -> str:
    """Every package of tts_assets and each of its modules, by the first line of its
    docstring."""
    import tts_assets

    parts = []
    found = pkgutil.iter_modules(tts_assets.__path__)
    for info in sorted(found, key=lambda i: (not i.ispkg, i.name)):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"tts_assets.{info.name}")
        summary = _first_line(module.__doc__)
        if not info.ispkg:
            parts.append(f"- **`{info.name}.py`**: {summary}")
            continue
        parts.append(f"\n### `{info.name}/`\n\n{summary}\n")
        for sub in pkgutil.iter_modules(module.__path__):
            folder = ROOT / "tts_assets" / info.name
            if sub.ispkg:  # a package inside (readings/numbers/): its __init__'s docstring
                doc = _module_doc(folder / sub.name / "__init__.py")
                parts.append(f"- `{sub.name}/`: {doc}")
                continue
            doc = _module_doc(folder / f"{sub.name}.py")
            parts.append(f"- `{sub.name}.py`: {doc}")
    return "\n".join(parts) + "\n"


def layers() -> str:
    """The layers of the package, top to bottom, as pyproject's import contract holds them."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][0]["layers"]
    return "```text\n" + "\n".join(contract) + "\n```\n"


def languages() -> str:
    """Every language's profile × every built-in engine: the voice that speaks it, and
    what that takes (`Provider.languages_spoken`, read from each engine's data)."""
    from importlib.metadata import entry_points

    from tts_assets.languages import LANGUAGES

    engines = sorted(
        (e.name, e.load())
        for e in entry_points(group="tts_assets.providers")
        if e.value.startswith("tts_assets.")
    )
    spoken = {name: cls.languages_spoken() for name, cls in engines}
    head = ["Language", "Code", *(f"`{name}`" for name, _ in engines)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for code, profile in LANGUAGES.items():
        cells = [spoken[name].get(code, "—") for name, _ in engines]
        if profile.unspoken:
            cells = [profile.unspoken] + [""] * (len(cells) - 1)
        lines.append("| " + " | ".join([profile.title, f"`{code}`", *cells]) + " |")
    return "\n".join(lines) + "\n"


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().split("\n\n")[0].replace("\n", " ")


def _module_doc(path: Path) -> str:
    """The first paragraph of a module's docstring, read without importing the module (a
    provider module imports its engine)."""
    import ast

    return _first_line(ast.get_docstring(_first_statement(path.read_text(encoding="utf-8"))))


def _first_statement(source: str) -> ast.Module:
    """A module's first statement alone, parsed: all a docstring is looked for in (the
    architecture page reads 237 modules' docstrings; parsing each whole took a quarter of
    a second). The whole module where that statement opens a block (a `def` first: no
    docstring) or its text cannot be cut into tokens."""
    import ast
    import io
    import tokenize

    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.NEWLINE:
                return ast.parse("".join(source.splitlines(keepends=True)[: token.end[0]]))
    except (tokenize.TokenError, SyntaxError):
        pass
    return ast.parse(source)


def type_keys() -> str:
    """The keys of a content type's tables (`content.type_tables`), each with what it takes,
    the place it names in an entry (its kind, and who writes it: never, for a text) and
    what it does; then the kinds of place."""
    from tts_assets.content.places import KINDS
    from tts_assets.content.spec import JOINS, TYPE_KEYS, FieldSpec, TypeSpec
    from tts_assets.content.type_tables import FIELD_TABLE
    from tts_assets.tables import docstrings

    parts = []
    for title, keys, cls in (
        ("`[types.NAME]`", TYPE_KEYS, TypeSpec),
        ("`[[types.NAME.fields]]`", FIELD_TABLE, FieldSpec),
        *(
            (
                f"`[[types.NAME.{j.key}]]`" + (f" ({j.table}s)" if f"{j.table}s" != j.key else ""),
                j.keys,
                j.owner,
            )
            for j in JOINS
        ),
    ):
        docs = docstrings(cls)
        rows = ["| key | takes | place it names | what it does |", "|---|---|---|---|"]
        for key in keys:
            place = "" if key.place is None else f"{key.place.kind.name}, {key.place.what}"
            if key.place is not None and key.place.default:
                place += f" (default: {key.place.default})"
            if key.also is not None:  # a place it gives beside its own
                also = key.also
                place += f"; and {also.kind.name}, {also.what} (at: {also.default})"
            doc = " ".join((key.doc or docs.get(key.name, "")).split()).replace("|", "\\|")
            rows.append(f"| `{key.name}` | {key.takes} | {place} | {doc} |")
        parts.append(f"### {title}\n\n" + "\n".join(rows) + "\n")
    rows = ["| kind | the content holds there | written by |", "|---|---|---|"]
    for kind in KINDS:
        rows.append(f"| `{kind.name}` | {kind.holds} | {kind.writer or 'never written'} |")
    parts.append("### Kinds of place\n\n" + "\n".join(rows) + "\n")
    return "\n".join(parts)


def providers() -> str:
    """Every built-in provider (`providers.registry.BUILT_IN`) with what `tts-assets
    providers` says of it, the default first."""
    from tts_assets.providers import registry

    lines = ["| provider | what speaks |", "|---|---|"]
    for name in sorted(registry.BUILT_IN, key=lambda n: n != registry.DEFAULT_PROVIDER):
        label = f"`{name}` (default)" if name == registry.DEFAULT_PROVIDER else f"`{name}`"
        lines.append(f"| {label} | {registry.get(name).description} |")
    return "\n".join(lines) + "\n"


GENERATORS: dict[str, Callable[[], str]] = {
    "layers": layers,
    "type-keys": type_keys,
    "commands": commands,
    "settings-keys": settings_keys,
    "audio-keys": audio_keys,
    "set-keys": set_keys,
    "provider-keys": provider_keys,
    "architecture": architecture,
    "languages": languages,
    "providers": providers,
}


def main(argv: list[str]) -> int:
    """Write every page's generated parts anew (`--check`: only say which are stale)."""
    stale = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        fresh = written(text)
        if fresh != text:
            stale.append(page.relative_to(ROOT).as_posix())
            if "--check" not in argv:
                page.write_text(fresh, encoding="utf-8")
    if stale and "--check" in argv:
        print(f"stale generated parts in {', '.join(stale)}: run python scripts/docs_hooks.py")
        return 1
    for name in stale:
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
