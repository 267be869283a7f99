"""Every Japanese form written alike and read two ways, from the dictionaries (`written_alike.tsv`).

The rules of `homographs.toml` decide the words someone found misread (辛い, 市場, 方) from
their sentence, or doubt them. The list here is every form two published dictionaries give
two readings or more as a word of its own (SudachiDict core and the analyzer's naist-jdic,
sound changes aside: benchmarks/ja_written_alike.py made it): 年 とし, ねん; 角 かど, かく, つの;
行っ いっ (行く), おこなっ (行う). A form of the list in a text the content gives no reading,
that no rule or override said, is said as the analyzer reads it and *noted*: the decision's
verdict is `alike` and its message names the reading said and the others, for the run's
reading lines, `tts-assets readings` and the manifest. Not a review row: measured on
hanabira.org's grammar examples against their romaji, the analyzer reads nearly all of
them as meant (when the rule was made), so a row for each would bury the doubts
that are real; a word found misread gets a rule instead.

    alike = found(morphemes, covered)    # [(index, other readings)]
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from importlib import resources

from .analysis import Morpheme
from .kana import is_kana, reading_key, to_hiragana


@dataclass(frozen=True)
class Listed:
    """The forms of the list and the readings of each (hiragana, with the word's
    dictionary form)."""

    version: str
    """A digest of the file: in the key of each decision a form of it touches."""
    forms: dict[str, tuple[tuple[str, str], ...]]
    longest: int


@functools.cache
def listed() -> Listed:
    """The list, read once."""
    text = resources.files(__package__).joinpath("written_alike.tsv").read_text("utf-8")
    forms: dict[str, tuple[tuple[str, str], ...]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        form, readings = line.split("\t")
        forms[form] = tuple(
            (reading, word) for reading, _, word in (r.partition(":") for r in readings.split("|"))
        )
    version = hashlib.sha256(text.encode()).hexdigest()[:12]
    return Listed(version, forms, max(map(len, forms), default=0))


def touching(text: str) -> bool:
    """Whether a form of the list occurs in `text` (each place tried against the forms up to
    the longest's length: linear in the text)."""
    found = listed()
    forms, longest = found.forms, found.longest
    return any(
        text[start : start + size] in forms
        for start in range(len(text))
        for size in range(1, longest + 1)
    )


def others(morpheme: Morpheme) -> tuple[str, ...]:
    """The readings of the list `morpheme` is not said with (hiragana); () where its form is
    not listed or the analyzer says none of the listed readings (a compound's part)."""
    readings = listed().forms.get(morpheme.surface)
    if readings is None:
        return ()
    said = reading_key(morpheme.reading)
    if all(reading_key(r) != said for r, _ in readings):
        return ()
    return tuple(r for r, _ in readings if reading_key(r) != said)


def found(
    morphemes: Sequence[Morpheme], covered: Collection[int]
) -> list[tuple[int, tuple[str, ...]]]:
    """Each word of the list in `morphemes` that no rule or override said (`covered`), with
    the readings it is not said with."""
    out = []
    for index, morpheme in enumerate(morphemes):
        if index in covered or _in_compound(morphemes, index):
            continue
        other = others(morpheme)
        if other:
            out.append((index, other))
    return out


def _in_compound(morphemes: Sequence[Morpheme], index: int) -> bool:
    """Whether the word at `index` ends a compound the analyzer joined to a kanji before it
    (学 of 経済学, 方 of 読み方: placed by grammar, a suffix's reading)."""
    if not morphemes[index].joins or index == 0:
        return False
    before = morphemes[index - 1].surface
    return bool(before) and not is_kana(before[-1]) and before[-1].isalpha()


def note(morpheme: Morpheme, other: Sequence[str]) -> str:
    """What a teacher reads of a form of the list said one way of several."""
    return (
        f"{morpheme.surface} is said {to_hiragana(morpheme.reading)}; written alike, it is "
        f"also read {' or '.join(other)}: if it means that, give the text its reading"
    )
