"""What a language's spoken-form rules are: one class per language, its data as class
attributes and the rules that differ as methods, over the passes every language shares
(phone numbers, numbers too long for words, scientific notation, emergency numbers,
signs, ratios and scores, fractions). `readings.numbers` keeps one registry of them."""

from __future__ import annotations

import re
from typing import ClassVar

from .common import LONGEST, PHONE, digit_by_digit, word_before, words_before
from .draft import Doubts, Draft


class Rules:
    """One language's spoken-form rules: `say` rewrites a text's numbers, dates, times and
    abbreviations in words, as a teacher of the language says them."""

    code: ClassVar[str] = ""
    """The language's code (`de`, `pt-BR`)."""
    plus: ClassVar[str] = "plus"
    """The sign `+` said (before a phone number's country code, a temperature)."""
    minus: ClassVar[str] = "minus"
    """The sign `-` before a number said (`-5 Grad`: minus fünf Grad)."""
    digit_joiner: ClassVar[str] = " "
    """Between the digits of a number said digit by digit."""
    group_joiner: ClassVar[str] = ", "
    """Between the groups of a phone number."""
    emergency: ClassVar[frozenset[str]] = frozenset()
    """Emergency numbers, said digit by digit after `emergency_words` (`ruf die 112`)."""
    emergency_words: ClassVar[frozenset[str]] = frozenset()
    """The words (lower case) after which a number in `emergency` is one."""
    ratio: ClassVar[str] = ""
    """What a ratio or a score says between its sides, spaces and all (`2:1` zwei zu
    eins: " zu ")."""
    ratio_words: ClassVar[frozenset[str]] = frozenset()
    """Words (lower case, among the three before) that make `1:10` a ratio or a score,
    not a time of day."""

    def say(self, draft: Draft) -> None:
        """Rewrite `draft` (its text, through `Draft.sub`) as said aloud."""
        raise NotImplementedError

    def digit(self, value: int) -> str:
        """One digit said alone (in a phone number)."""
        raise NotImplementedError

    def cardinal(self, value: int) -> str:
        """A whole number in words."""
        raise NotImplementedError

    def alone(self, value: int) -> str:
        """A whole number said alone, as in a score (German `hundert`, not einhundert)."""
        return self.cardinal(value)

    def digits(self, written: str) -> str:
        """The digits of `written` one by one, its groups apart (a phone number)."""
        return digit_by_digit(
            written, self.digit, self.plus, sep=self.digit_joiner, comma=self.group_joiner
        )

    # The passes every language shares, in the order a language's `say` runs them.

    def numbers_as_digits(self, draft: Draft) -> None:
        """Phone numbers, emergency numbers, and numbers too long to say in words, digit
        by digit; scientific notation said as written."""
        draft.sub(PHONE, lambda m: self.digits(m[1]))
        draft.sub(_LONG, lambda m: self._long(m[0], draft.doubts))
        for m in _LONG_FRACTION.finditer(draft.text):  # said digit by digit by the passes
            draft.doubts.note(f"a number of {len(m[0])} digits after its point")
        draft.sub(_SCIENTIFIC, lambda m: draft.doubts.add(m[0], "a number in scientific notation"))
        if self.emergency:
            draft.sub(_THREE_DIGITS, self._emergency)

    sign_pattern: ClassVar[re.Pattern[str]] = re.compile(
        r"(?<![^\s(\[{\"'„«“‚:;=/])(?<!\d\s)([-−+])(?=\d|(?:R\$|US\$|[$€£¥₩])\s?\d)"
    )
    """A sign before a number (or its currency, `-$5`): at the start or after a space or an
    opening bracket, never between two numbers (`7 -8`, `2024-03-15`)."""

    def signs(self, draft: Draft) -> None:
        """A sign before a number (`-5`, `−12`, `+3`) said as the language's word."""
        draft.sub(self.sign_pattern, self.signed)

    def signed(self, m: re.Match[str]) -> str:
        """The word for the sign of `m` (`-`, `−` or `+`), with the space after it."""
        return f"{self.plus if m[1] == '+' else self.minus} "

    def ratios(self, draft: Draft) -> None:
        """`2:1` and `1:100` as a score or a ratio; `1:10` too where a word before says
        so (`im Verhältnis 1:10`), else it is left to the clock times."""
        if self.ratio:
            draft.sub(_RATIO, self._ratio)

    def _ratio(self, m: re.Match[str]) -> str:
        first, second = m[1], m[2]
        if len(second) == 2 and not self.ratio_context(m.string, m.start()):
            return m[0]
        return f"{self.alone(int(first))}{self.ratio}{self.alone(int(second))}"

    def leftovers(self, draft: Draft) -> None:
        """Digits the passes left (`1.000.000` where the decimal sign is `.`): said as
        written and noted, so that no digit reaches a voice unremarked."""
        draft.sub(_LEFTOVER, lambda m: draft.doubts.add(m[0], "a number the rules cannot place"))

    def ratio_context(self, text: str, pos: int) -> bool:
        """Whether a word before `pos` makes `1:10` a ratio or a score (`ratio_words`)."""
        return bool(self.ratio_words & words_before(text, pos))

    def _long(self, written: str, doubts: Doubts) -> str:
        shown = written if len(written) <= 24 else written[:20] + "…"
        doubts.note(f"{shown}: a number of {len(written)} digits; said digit by digit")
        return self.digit_joiner.join(self.digit(int(d)) for d in written)

    def _emergency(self, m: re.Match[str]) -> str:
        if m[1] not in self.emergency:
            return m[0]
        if self.emergency_words and word_before(m.string, m.start()).lower() not in (
            self.emergency_words
        ):
            return m[0]
        return self.digits(m[1])


_LEFTOVER = re.compile(r"[\d.,:/]*\d[\d.,:/]*")
_LONG_FRACTION = re.compile(rf"(?<=\d[.,])\d{{{LONGEST + 1},}}")
_LONG = re.compile(rf"(?<![\d.,])\d{{{LONGEST + 1},}}(?!\d)")
_SCIENTIFIC = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?[eE][+-]?\d+(?!\w)")
_THREE_DIGITS = re.compile(r"(?<![\d.,/:-])(\d{3,4})(?![\d]|[.,/:-]\d)")
_RATIO = re.compile(r"(?<![\d.,:])(\d{1,3}):(\d{1,3})(?![\d:]|[.,]\d)")
