"""Print the rows of `tts_assets/readings/numbers/abbreviations.tsv` that come from
Unicode CLDR's day and month names (through `babel`, installed for this only; the
package reads the table, never babel):

    pip install babel && python scripts/cldr_abbreviations.py >> rows.tsv
    pip install babel && python scripts/cldr_abbreviations.py --days

(`--days` writes each language's `[days]` table, CLDR's abbreviated day names without
their stop with the wide ones, into its `tts_assets/lang/<code>.toml`: a range of days
is said from it, `Mon.–Fri.` Monday to Friday.)

Each abbreviated day or month name (format context) with its wide one, written with its
stop where CLDR writes it without (`sáb` → `sáb.`, as the languages' style guides write
it in running text). One that names a day and a month alike (`mar.`: martes or marzo)
is `?`, said as written and flagged. The rows are marked `cldr-date`: such a short word
with a stop may be a word ending a sentence too (Dutch `zo.`), so there it is flagged."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import babel
from babel import Locale
from babel.core import get_cldr_version

LANGUAGES = ("de", "en", "es", "fr", "it", "nl", "pl", "pt")
"""Korean, Vietnamese and Thai abbreviate days and months with numbers or without a
stop."""
BY_CASE = ("pl",)
"""Languages whose day and month names take the sentence's case: their days are `?`
(their months CLDR writes with no stop, as running text does not)."""


def rows(lang: str) -> list[tuple[str, str]]:
    locale = Locale.parse(lang)
    found: dict[str, set[str]] = {}
    kinds = (locale.days,) if lang in BY_CASE else (locale.days, locale.months)
    for kind in kinds:
        short, wide = kind["format"]["abbreviated"], kind["format"]["wide"]
        for key, written in short.items():
            said = wide[key]
            written = written if written.endswith(".") else written + "."
            if written.rstrip(".").lower() != said.lower() and " " not in written:
                found.setdefault(written, set()).add(said)
    unsure = lang in BY_CASE
    return [(w, s.pop() if len(s) == 1 and not unsure else "?") for w, s in found.items()]


TOML = Path(__file__).parents[1] / "tts_assets" / "lang"
DAYS_TABLE = re.compile(r"\n(?:#[^\n]*\n)*\[days\]\n(?:[^\[\n][^\n]*\n)*", re.S)
"""A `[days]` table with the comment lines above it, to the next table or the end."""


def days_table(lang: str) -> str:
    """The `[days]` table of `lang`: each abbreviated day name (format context) without
    its stop, with its wide name."""
    days = Locale.parse(lang).days["format"]
    lines = [
        f'{_key(short.rstrip("."))} = "{days["wide"][key]}"'
        for key, short in sorted(days["abbreviated"].items())
    ]
    cldr = f"Unicode CLDR {get_cldr_version()} (through babel {babel.__version__})"
    source = f"# {cldr}, abbreviated and wide day names: written"
    return "\n".join(
        ["", source, "# by scripts/cldr_abbreviations.py --days.", "[days]", *lines, ""]
    )


def _key(word: str) -> str:
    return word if word.isascii() and word.isalnum() else f'"{word}"'


def write_days(lang: str) -> None:
    path = TOML / f"{lang}.toml"
    text = DAYS_TABLE.sub("", path.read_text(encoding="utf-8"))
    path.write_text(text.rstrip("\n") + "\n" + days_table(lang), encoding="utf-8")


def main() -> None:
    if sys.argv[1:] == ["--days"]:
        for lang in LANGUAGES:
            if lang not in BY_CASE:
                write_days(lang)
        return
    for lang in LANGUAGES:
        for written, said in rows(lang):
            print(f"{lang}\t{written}\t{said}\tcldr-date")


if __name__ == "__main__":
    main()
