"""Abbreviations said whole, from published lists per language (`abbreviations.tsv`,
whose header names each list): a language's rules add them to their own table. One the
list gives several meanings (`?`) is said as written and flagged."""

from __future__ import annotations

import functools
from pathlib import Path

TABLE = Path(__file__).with_name("abbreviations.tsv")
UNSURE = "?"
"""What the table says for an abbreviation the rules cannot say with certainty."""


@functools.cache
def published(lang: str) -> dict[str, str]:
    """The abbreviations of language `lang` (`de`) in its published lists, each with what
    it says (`UNSURE` where that depends on the sentence)."""
    found = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, written, said, _source = line.split("\t")
            if code == lang:
                found[written] = said
    return found
