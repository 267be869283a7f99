"""Japanese content's own built-in types: its kanji, and its kana chart (the chart's kanji
left to the kanji type), as `content.builtins` tables (`Language.own_types`)."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any


def types() -> dict[str, dict[str, Any]]:
    """The tables of `types.toml` (made anew: the caller fills in each field's language)."""
    return tomllib.loads(resources.files(__package__).joinpath("types.toml").read_text("utf-8"))
