"""Cloze questions said aloud: the blank a silence, and the sentence said again filled in.

A listening cloze (the seed app's 918 grammar exercises: `"question": "___に伴って変化が
起きた"`, `"options": [...]`, `"correct": 0`) says its sentence with a timed gap where
the blank is, and, for checking the answer, the same sentence with the right option in
it. Read aloud as written, a blank says nothing or punctuation.

A field's `cloze` (a length) turns each blank of its texts into a pause marker of that
length (`tts_assets.pauses`): silence in the clip, never a word. What is a blank and what is
code left as written (`()`, `__init__`, a URL), `cloze_answer`, `cloze_separator` and the
filled twin at `cloze_url` are the user's page's (docs/content-types.md, "Cloze
questions"). A text whose blanks and answers are not as many has no filled clip: it is
listed as skipped with the reason (one answer said in two blanks would say a sentence no
one wrote).

Every pattern here is linear in the text.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import pauses
from .item import value_at
from .places import SpecError, place_beside, unparse
from .selector import Selector
from .skips import NO_BLANK
from .text import clean

BLANK = re.compile(r"[_\uff3f]{3,}|[（(［\[][ \u3000]+[）)］\]]")
"""A blank as courses write one: three or more underscores (ASCII or full-width), or
brackets (round or square, ASCII or full-width) holding only spaces."""

_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]{0,20}://|www\.)\S+")
"""A URL, up to the next space: its underscores are no blank."""
_SPACES = re.compile(r" {2,}")
_INDEXED = re.compile(r"^(?P<list>.+)\[@(?P<key>[A-Za-z_][A-Za-z0-9_-]*)\]$")


@dataclass(frozen=True)
class Answer:
    """Where a cloze's answer is: the `source` expression, and the key beside it whose
    value is the index of the right option (None: the value at `source` is the answer)."""

    source: str
    index_key: str | None = None


class Unfilled(ValueError):
    """A text's blanks and answers are not as many (the message says how many of each)."""


class BlankAnswer(Unfilled):
    """An answer holds a blank itself (the message says which)."""


def parse_answer(written: str) -> Answer:
    """`exercises[].options[@correct]` → the list and the key of its index; else the
    expression names the answer itself."""
    found = _INDEXED.match(written)
    if found is None:
        return Answer(written)
    return Answer(found.group("list"), found.group("key"))


def blank_spans(text: str, marker: str | None = None) -> list[tuple[int, int]]:
    """Where each blank of `text` is (start, end), in order: `marker`'s and `BLANK`'s, none
    in a URL or a pause marker; overlapping blanks are one (`_` as the marker, `___`)."""
    skipped = _code(text)
    spans: list[tuple[int, int]] = []
    if marker:
        at = text.find(marker)
        while at != -1:
            if not _within(skipped, at):
                spans.append((at, at + len(marker)))
            at = text.find(marker, at + len(marker))
    for found in BLANK.finditer(text):
        start, end = found.span()
        if _within(skipped, start):
            continue  # in a URL or a pause marker
        if text[start] in "_\uff3f" and _in_name(text, start, end):
            continue
        spans.append((start, end))
    return _merged(sorted(spans)) if marker else spans


def _code(text: str) -> list[tuple[int, int]]:
    """Where `text` holds what no blank is in (sorted): its URLs and its written pauses."""
    urls = [m.span() for m in _URL.finditer(text)] if ("//" in text or "www." in text) else []
    return _merged(sorted(urls + pauses.marker_spans(text)))


def _within(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether `at` is inside one of `spans` (sorted, none overlapping)."""
    i = bisect.bisect_right(spans, (at, sys.maxsize)) - 1
    return i >= 0 and at < spans[i][1]


def _in_name(text: str, start: int, end: int) -> bool:
    """Whether the underscores at text[start:end] are inside a name (`snake___case`): an
    ASCII letter or digit on both sides."""
    return all(c.isascii() and c.isalnum() for c in (text[start - 1 : start], text[end : end + 1]))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` (sorted) with those that overlap one before them joined to it."""
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(end, kept[-1][1]))
        else:
            kept.append((start, end))
    return kept


def has_blank(text: str, marker: str | None = None) -> bool:
    """Whether `text` holds a blank (or the field's own `marker`)."""
    return bool(blank_spans(text, marker))


def with_gaps(text: str, seconds: float, marker: str | None = None) -> str:
    """`text` with each blank a pause marker of `seconds` (`[pause:2s]`), spaced from the
    words beside it."""
    spans = blank_spans(text, marker)
    if not spans:
        return text
    return _SPACES.sub(
        " ", _replaced(text, spans, [f" [pause:{seconds:g}s] "] * len(spans))
    ).strip()


def filled(text: str, answers: Sequence[str], marker: str | None = None) -> str:
    """`text` with each blank replaced by its answer, in order; Unfilled where they are
    not as many, or an answer holds a blank itself (the filled sentence would say it)."""
    spans = blank_spans(text, marker)
    if spans and len(spans) != len(answers):
        blanks = f"{len(spans)} blank{'s' if len(spans) > 1 else ''}"
        given = f"{len(answers)} answer{'s' if len(answers) != 1 else ''}"
        raise Unfilled(f"{blanks} and {given}: give one answer per blank")
    for n, answer in enumerate(answers if spans else (), start=1):
        if has_blank(answer, marker):
            which = f"answer {n}" if len(answers) > 1 else "the answer"
            said = f"{which} ({answer[:40]!r}) holds a blank"
            raise BlankAnswer(f"{said}: give the words it stands for")
    return _replaced(text, spans, answers)


def filled_or_why(
    text: str,
    answers: Sequence[str] | None,
    marker: str | None,
    source: str | None,
    separator: str | None,
) -> tuple[str | None, str]:
    """(`text` filled with `answers`, "") or (None, why it has no filled sentence: no
    answer at `source`, or not one per blank)."""
    where = f"at {source} (a cloze's filled sentence)"
    if answers is None:
        return None, f"no answer for its blank {where}"
    try:
        return filled(text, answers, marker), ""
    except Unfilled as e:
        why = f"{e} {where}"
        if separator is None and len(answers) == 1 and not isinstance(e, BlankAnswer):
            why += ": a list, or name their separator with cloze_separator"
        return None, why


def _replaced(text: str, spans: Sequence[tuple[int, int]], by: Sequence[str]) -> str:
    out: list[str] = []
    at = 0
    for (start, end), said in zip(spans, by, strict=True):
        out += [text[at:start], said]
        at = end
    out.append(text[at:])
    return "".join(out)


def answer_of(
    list_value: Any, container: Any, index_key: str | None, separator: str | None = None
) -> tuple[str, ...] | None:
    """The answers, one per blank: `list_value` itself where it is a text (cut at
    `separator` where the field declares one) or a list of texts, or the options of the
    list at the index (or the list of indexes) `container` holds at `index_key`; None
    where there is none (an index out of range, an empty answer)."""
    if index_key is None:
        if isinstance(list_value, str):
            said = list_value.split(separator) if separator else [list_value]
        elif isinstance(list_value, list):
            said = list_value
        else:
            return None
        return _texts(said)
    if not isinstance(list_value, list) or not isinstance(container, dict):
        return None
    index = container.get(index_key)
    given: list[Any] = index if isinstance(index, list) else [index]
    indexes = [i for i in given if _index(i, len(list_value))]
    if not indexes or len(indexes) != len(given):
        return None
    return _texts([list_value[i] for i in indexes])


def _index(value: Any, size: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < size


def _texts(values: Sequence[Any]) -> tuple[str, ...] | None:
    """`values` as answers: each a text that says something (a letter or a digit, outside
    the pauses it writes: an answer of `。` or `[pause:9s]` would leave the filled sentence
    without its word), else None."""
    if not values or not all(
        isinstance(v, str) and pauses.says_something(pauses.without_pauses(v)) for v in values
    ):
        return None
    return tuple(v.strip() for v in values)


@dataclass(frozen=True)
class Gap:
    """A field's cloze as its texts are said (`spec.FieldSpec.gap`)."""

    seconds: float
    """The length of a blank's silence (`cloze`)."""
    blank: str | None
    """The course's own blank marker (`cloze_blank`), beside underscores and brackets."""
    answer: str | None
    """Where each text's answer is (`cloze_answer`, as written); None: no filled clip."""
    answer_selector: Selector | None
    """The compiled `answer` (the list, for `list[@key]`)."""
    separator: str | None
    """What separates the answers of a text's blanks (`cloze_separator`)."""

    def answer_places(self) -> list[Selector]:
        """The places the answer is read from: the answer, or for `list[@key]` the list
        of options and the key beside it that holds the right one's index."""
        if self.answer_selector is None:
            return []
        found = [self.answer_selector]
        index_key = parse_answer(self.answer or "").index_key
        steps = self.answer_selector.steps
        if index_key is not None and steps and isinstance(steps[-1], str):
            beside = (*steps[:-1], index_key)
            found.append(Selector(unparse(beside), beside))
        return found

    def said(
        self, entry: Any, binds: tuple[int, ...], spoken: str, kind: str, fill: bool
    ) -> tuple[str, str, str | None]:
        """(a text of `entry` as said: its blanks silences, or filled with the answers for
        the filled twin (`fill`); why the filled twin has nothing to say, else ""; the
        gapped text's filled sentence, whose words its parts are read as, or None)."""
        if not has_blank(spoken, self.blank):
            return ("", NO_BLANK, None) if fill else (spoken, "", None)
        found = None
        if self.answer_selector is not None:
            index_key = parse_answer(self.answer or "").index_key
            place = self.answer_selector.place(binds)
            container = value_at(entry, place[:-1]) if index_key is not None else None
            found = answer_of(value_at(entry, place), container, index_key, self.separator)
        said = None if found is None else tuple(clean(a, kind) for a in found)
        whole, why = filled_or_why(spoken, said, self.blank, self.answer, self.separator)
        if fill:
            return ("", why, None) if whole is None else (whole, "", None)
        return with_gaps(spoken, self.seconds, self.blank), "", whole


def gap_of(
    cloze: str | None, blank: str | None, answer: str | None, separator: str | None, url: Selector
) -> Gap | None:
    """A field's cloze keys, checked, as its texts are said; None: no cloze. SpecError
    naming the key at fault (types and needed keys are `type_tables.FIELD_TABLE`'s)."""
    seconds = None
    if cloze is not None:
        seconds = pauses.marker_seconds(cloze) if isinstance(cloze, str) else None
        if seconds is None:
            raise SpecError(
                "cloze", f'{cloze!r} is not a length like "2s" or "1500ms" (at most 10 s)'
            )
    for key, value, want in (
        ("cloze_blank", blank, "the blank as the course writes it"),
        ("cloze_separator", separator, 'what separates the answers (" / ")'),
    ):
        if value is not None and not value.strip():
            raise SpecError(key, f"expected {want}")
    if blank is not None and pauses.marker_spans(blank):
        raise SpecError(
            "cloze_blank",
            f"{blank!r} is a pause, which a text says as silence already: "
            "give the blank as the course writes it",
        )
    place = None
    if answer is not None:
        given = parse_answer(answer) if isinstance(answer, str) else None
        place = place_beside("cloze_answer", given.source if given else answer, url)
    return None if seconds is None else Gap(seconds, blank, answer, place, separator)
