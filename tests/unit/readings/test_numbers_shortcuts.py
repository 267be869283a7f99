"""Whether a rule's edge cuts into a number is told from the characters around it
(`tokens._inside`) before any search: a shortcut that says nothing otherwise, checked
against the token search it spares."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given
from hypothesis import strategies as st

from tts_assets.readings.numbers import tokens


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
