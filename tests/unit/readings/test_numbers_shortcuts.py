"""The spoken-form rules' shortcuts say nothing otherwise: a pass is not scanned over a
text without what each of its matches needs, and a pattern every match of which starts
with a digit is tried at digits only (`readings.numbers.needs`); whether a rule's edge
cuts into a number is told from the characters around it (`tokens._inside`) before any
search. Each is checked against what it stands for: the pattern's own search, and the
token search it spares."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.sweep import check_each, check_each_one
from tts_assets.readings.numbers import RULES, draft, spoken_form, tokens
from tts_assets.readings.numbers.needs import NOTHING, Needs, needs, scanned

from .test_numbers import CASES
from .test_numbers_hostile import SHAPES


def test_what_every_match_holds_is_read_from_the_pattern() -> None:
    def case(pattern: str, chars: str, digit: bool) -> None:
        assert needs(re.compile(pattern)) == Needs(frozenset(chars), digit)

    check_each(
        case,
        [
            (r"(?<![\d.,])(\d+)\s?%", "%", True),
            (r"(\d{1,3})[-–](\d{1,3})", "-–", True),
            (r"a?b", "b", False),
            (r"(?:x|y)z?", "xy", False),
            (r"(?=\s?年)\d", "年", True),
            (r"(?<!\w)(z\.\s?B\.|usw\.|Dr\.)(?!\w)", ".", False),
            (r"\d{4}(?:-\d{2}|/\d{2})", "-/", True),
        ],
    )


def test_what_the_reading_cannot_tell_needs_nothing() -> None:
    def case(pattern: str) -> None:
        assert needs(re.compile(pattern)) is NOTHING

    check_each_one(
        case,
        [
            r"(?i)x",
            r"(?i:x)\s",
            r"(?<!x)\s",
            r"[^%]",
            r"%?",
            r"x{0,3}",
            r"\w+",
            r"[a-z]",
            r"(x?)\1",
            r"(?:\d+|x)",
        ],
    )


def test_a_pattern_every_match_of_which_starts_with_a_digit_is_tried_at_digits() -> None:
    def case(pattern: str, first: bool) -> None:
        compiled = re.compile(pattern)
        scan = scanned(compiled)[1]
        assert (scan is not compiled) == first
        assert scan.pattern == (r"(?=\d)" if first else "") + pattern

    check_each(
        case,
        [
            (r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)", True),
            (r"\b(?=\d)0\d{2,14}", True),
            (r"(?<!\w)[1-9]\d*|1x", True),
            (r"\d*x", False),
            (r"(?:\d|x)y", False),
            (r"x?\d", False),
            (r"(?i:\d)x", False),
            (r"(?=\d)", False),
        ],
    )


def test_a_text_is_asked_for_a_needed_character_and_a_digit() -> None:
    percent = needs(re.compile(r"(\d+)\s?%"))
    assert percent.met_by("5 %") and not percent.met_by("5 Prozent")
    assert not percent.met_by("fünf %")


def _passes_seen(texts: list[tuple[str, str]]) -> Iterator[tuple[re.Pattern[str], str]]:
    """Each pass of the rules (its pattern) with each text it was given to scan."""
    seen: list[tuple[re.Pattern[str], str]] = []
    sub = draft.Draft.sub

    def recording(
        self: draft.Draft, pattern: re.Pattern[str], say: Callable[[re.Match[str]], str]
    ) -> None:
        seen.append((pattern, self.text))
        sub(self, pattern, say)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(draft.Draft, "sub", recording)
        for text, lang in texts:
            spoken_form.__wrapped__(text, lang)
    yield from seen


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    """Where each match of `pattern` in `text` is, and each of its groups (`regs`: its
    span first; its groups are the text at theirs, so the same regs in the same text are
    the same match)."""
    return [m.regs for m in pattern.finditer(text)]


def test_each_pass_finds_what_its_pattern_finds() -> None:
    """Every text each pass of every language meets on the course-shaped cases and the
    hostile shapes: where the pattern matches, the text holds what `needs` asks for, and
    the pattern scanned with finds the very matches the pattern finds."""
    texts = [(text, lang) for lang, _, text, _ in CASES]
    texts += [(make(400), lang) for make in SHAPES.values() for lang in RULES]
    patterns, skipped, checked = set(), 0, set()
    for pattern, text in _passes_seen(texts):
        patterns.add(pattern)
        wanted, scan = scanned(pattern)
        met = wanted.met_by(text)
        skipped += not met
        if (id(pattern), text) in checked:
            continue  # a pass met the same text in another language (a third of them)
        checked.add((id(pattern), text))
        if not met:  # a text that cannot hold a match holds none
            assert pattern.search(text) is None, (pattern.pattern, text)
        elif scan is not pattern:
            assert _found(scan, text) == _found(pattern, text), (pattern.pattern, text)
    told = [p for p in patterns if needs(p) is not NOTHING]
    assert len(told) > 0.9 * len(patterns) and skipped > len(texts)
    at_digits = [p for p in patterns if scanned(p)[1] is not p]
    assert len(at_digits) > 0.5 * len(patterns)


def _inside_by_search(text: str, cut: int) -> bool:
    """What `_inside` spares: the tokens found `WINDOW` each way of the cut, one of them
    around it (not at its edge)."""
    if not (0 < cut < len(text) and (text[cut - 1].isdecimal() or text[cut].isdecimal())):
        return False
    low, high = max(0, cut - tokens.WINDOW), min(len(text), cut + tokens.WINDOW)
    return any(
        token.start() < cut < token.end() for token in tokens.TOKEN.finditer(text, low, high)
    )


def _short_texts() -> Iterator[str]:
    """Every text of up to five of a digit, a sign, a space, a letter and a percent."""
    texts = [""]
    for _ in range(5):
        texts = [text + char for text in texts for char in "7. a%"]
        yield from texts


def _long_texts() -> Iterator[str]:
    """A run of digits as long as the window or about, then glue and a digit, and the
    other way round: the window's edge falls on the glue."""
    for length in range(tokens.WINDOW - 3, tokens.WINDOW + 3):
        for glue in (".", " ", "a", "ab", "abc", "%"):
            yield "7" * length + glue + "7"
            yield "7" + glue + "7" * length
            yield "7" * length + glue + "7" * length


def test_a_cut_inside_a_number_is_told_as_the_token_search_finds_it() -> None:
    for text in [*_short_texts(), *_long_texts()]:
        for cut in range(-1, len(text) + 2):
            assert tokens._inside(text, cut) == _inside_by_search(text, cut), (text, cut)


_PIECES = [
    "7",
    "12",
    "300",
    ".",
    ",",
    ":",
    "/",
    "-",
    "–",
    " ",
    "\u00a0",
    "h",
    "ab",
    "xyz",
    "%",
    "é",
]
"""Digits, every sign a number is written with, one, two and three letters, and others."""


@st.composite
def _cut_text(draw: st.DrawFn) -> tuple[str, int]:
    """A text of digits, signs and letters, and a cut in it or about."""
    text = "".join(draw(st.lists(st.sampled_from(_PIECES), max_size=80)))
    return text, draw(st.integers(min_value=-1, max_value=len(text) + 1))


@given(_cut_text())
def test_a_cut_in_any_text_is_told_as_the_token_search_finds_it(case: tuple[str, int]) -> None:
    text, cut = case
    assert tokens._inside(text, cut) == _inside_by_search(text, cut)
