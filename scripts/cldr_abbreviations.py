"""Print the rows of `tts_assets/readings/numbers/abbreviations.tsv` that come from
Unicode CLDR's day and month names (through `babel`, installed for this only; the
package reads the table, never babel):

    pip install babel && python scripts/cldr_abbreviations.py >> rows.tsv

Each abbreviated day or month name (format context) with its wide one, written with its
stop where CLDR writes it without (`sáb` → `sáb.`, as the languages' style guides write
it in running text). One that names a day and a month alike (`mar.`: martes or marzo)
is `?`, said as written and flagged. The rows are marked `cldr-date`: such a short word
with a stop may be a word ending a sentence too (Dutch `zo.`), so there it is flagged."""

from __future__ import annotations

from babel import Locale

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


def main() -> None:
    for lang in LANGUAGES:
        for written, said in rows(lang):
            print(f"{lang}\t{written}\t{said}\tcldr-date")


if __name__ == "__main__":
    main()
