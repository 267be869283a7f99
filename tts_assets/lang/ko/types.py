"""Korean content's own built-in type: its Hangul chart, every entry a letter (ㄱ said as
가, ㅏ as 아), as a `content.builtins` table (`Language.own_types`)."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any


def types() -> dict[str, dict[str, Any]]:
    """The table of `types.toml` (made anew: the caller fills in each field's language)."""
    return tomllib.loads(resources.files(__package__).joinpath("types.toml").read_text("utf-8"))
