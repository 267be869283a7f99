"""Each language's code, one package per language (spaCy's `spacy/lang/<code>/`): its
reader, its numbers class, its listening fold, its accent check, its built-in types; a
language whose code is its numbers alone is one module (`de.py`: `German`).

A language's profile (its row in `tts_assets/languages/`, data at the bottom of the
package) names what of its package the rest of the tool asks for, as strings imported on
first use (`languages.hook`); no module outside a language's package imports it, and no
language's package imports another's (pyproject's `[tool.importlinter]` holds both): what
two share is here (`expanded`). So a run of German texts never loads the Japanese reader,
and a language with numbers is its profile, its module (`lang/<code>.py`) and its voice
line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def expanded(
    where: str,
    values: Iterable[str],
    sets: Mapping[str, list[str]],
    error: type[ValueError] = ValueError,
) -> tuple[str, ...]:
    """`values` of a data file with each `@name` replaced by the words of its set (`の@name`:
    each after の; `@name:を`: each before を), once each; `error` naming `where` for a set
    the file does not have."""
    found: list[str] = []
    for value in values:
        prefix, at, rest = value.partition("@")
        if not at or value == "@":
            found.append(value)
            continue
        name, _, suffix = rest.partition(":")
        if name not in sets:
            raise error(f"{where}: no set named {name!r}")
        found += [f"{prefix}{word}{suffix}" for word in sets[name]]
    return tuple(dict.fromkeys(found))
