"""The documentation's generated parts, made from the code at build time so they cannot drift.

MkDocs runs this module as a hook (mkdocs.yml `hooks:`): a page line

    <!-- generated: NAME -->

is replaced by `GENERATORS[NAME]()`. tests/docs/test_docs.py builds the same parts, so a
generator that breaks fails the tests before it fails the docs build.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
from collections.abc import Callable
from dataclasses import MISSING
from pathlib import Path
from typing import Any

MARKER = re.compile(r"^<!-- generated: ([a-z-]+) -->$", re.M)

ROOT = Path(__file__).resolve().parent.parent


def on_page_markdown(markdown: str, **_: Any) -> str:
    """MkDocs hook: every marker of the page replaced by what it names."""
    return MARKER.sub(lambda m: GENERATORS[m.group(1)](), markdown)


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


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().split("\n\n")[0].replace("\n", " ")


def _module_doc(path: Path) -> str:
    """The first paragraph of a module's docstring, read without importing the module (a
    provider module imports its engine)."""
    import ast

    return _first_line(ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))))


GENERATORS: dict[str, Callable[[], str]] = {
    "commands": commands,
    "settings-keys": settings_keys,
    "audio-keys": audio_keys,
    "set-keys": set_keys,
    "provider-keys": provider_keys,
    "architecture": architecture,
}
