"""Abbreviations said whole, from published lists per language (`abbreviations.tsv`,
whose header names each list): a language's rules add them to their own table. One the
list gives several meanings (`?`) is said as written and flagged."""

from __future__ import annotations

import functools
from pathlib import Path

TABLE = Path(__file__).with_name("abbreviations.tsv")
UNSURE = "?"
"""What the table says for an abbreviation the rules cannot say with certainty."""


DATED = "cldr-date"
"""The source of CLDR's short day and month names (`scripts/cldr_abbreviations.py`): a
short word with a stop, which may also be a word ending a sentence (Dutch `zo.`)."""


@functools.cache
def published(lang: str) -> dict[str, str]:
    """The abbreviations of language `lang` (`de`) in its published lists, each with what
    it says (`UNSURE` where that depends on the sentence). A list named before CLDR's day
    and month names wins over them (German `Fr.`: Frau or Freitag)."""
    return {written: said for written, (said, _) in rows(lang).items()}


@functools.cache
def rows(lang: str) -> dict[str, tuple[str, str]]:
    """The abbreviations of `lang`, each with what it says and its list's source."""
    found: dict[str, tuple[str, str]] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, written, said, source = line.split("\t")
            if code == lang and not (source == DATED and written in found):
                found[written] = (said, source)
    return found
