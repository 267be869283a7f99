"""What a language's spoken-form rules are: one class per language, its data as class
attributes and the rules that differ as methods, over the passes every language shares
(long numbers, signs). `readings.numbers` keeps one registry of them."""

from __future__ import annotations

from typing import ClassVar

from .draft import Draft


class Rules:
    """One language's spoken-form rules: `say` rewrites a text's numbers, dates, times and
    abbreviations in words, as a teacher of the language says them."""

    code: ClassVar[str] = ""
    """The language's code (`de`, `pt-BR`)."""

    def say(self, draft: Draft) -> None:
        """Rewrite `draft` (its text, through `Draft.sub`) as said aloud."""
        raise NotImplementedError
