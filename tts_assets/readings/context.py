"""Words the analyzer reads one way wherever they stand, where the word after decides.

十分 is じゅうぶん (enough) in 十分です and じゅっぷん (ten minutes) in 十分かかります, but
OpenJTalk reads it じゅうぶん before かかる, ぐらい, 以内, 遅れる and 経つ (it gets 十分後,
十分ほど and 十分おき right): a learner would hear "it takes enough" with nothing flagged.
A rule here says such a word as the following word shows it is meant, only where the
analyzer reads it otherwise; where the word after does not decide (十分待って: wait ten
minutes, or wait enough), nothing is changed.

A rule applies as a reviewed pronunciation override does (`overrides.Override`, with its
`rule` saying why), so it is said alike by every provider (Kokoro's phonemes, a text
provider's kana), shown where overrides are (the readings report, the review page,
`said with the override 十分 = じゅっぷん (...)`), and changes the key of exactly the
clips it changes. A reviewer's override of the same form wins, and so does a reading the
content gives the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .analysis import Morpheme
from .kana import reading_key
from .overrides import Override, Overrides

RULES_VERSION = "1"
"""Bump on any change to the rules (it is in the key of each decision they touch)."""


@dataclass(frozen=True)
class Rule:
    """A form said another way before certain words."""

    said: Override
    """The form and its reading here, with why (`Override.rule`)."""
    misread: str
    """The analyzer's pronunciation this rule corrects (katakana): where it reads the
    form otherwise already, nothing is changed."""
    before: tuple[str, ...]
    """How the next word starts (its surface), for the rule to apply."""


_TEN_MINUTES = "ten minutes: the word after it counts time"

RULES: tuple[Rule, ...] = (
    Rule(
        Override("十分", "じゅっぷん", rule=_TEN_MINUTES),
        "ジューブン",
        # かかる (takes), ぐらい/くらい (about), 以内 (within), 遅れる (late), 経つ/たつ
        # (passes), 毎/ごと (every), 間 (for).
        (
            "かか",
            "掛か",
            "ぐらい",
            "くらい",
            "位",
            "以内",
            "遅れ",
            "経",
            "たっ",
            "たつ",
            "たち",
            "毎",
            "ごと",
            "間",
        ),
    ),
)

_FORMS = frozenset(rule.said.form for rule in RULES)


def touching(text: str) -> bool:
    """Whether a rule's form occurs in `text`: the only texts whose decision a rule can
    change (a substring test, linear in the text)."""
    return any(form in text for form in _FORMS)


def material(text: str) -> str:
    """The rules touching `text`, as one string for a decision's key ('' when none)."""
    found = [r for r in RULES if r.said.form in text]
    if not found:
        return ""
    return f"context {RULES_VERSION}\n" + "\n".join(
        f"{r.said.form}\t{r.said.reading}\t{','.join(r.before)}" for r in found
    )


def runs(
    morphemes: Sequence[Morpheme], taken: Sequence[tuple[int, int, Override]]
) -> list[tuple[int, int, Override]]:
    """Where a rule applies in an analysis, as `Overrides.aligned` gives runs: the form as
    one morpheme the analyzer says as the rule's `misread`, with a next word that starts
    as the rule says, and no override already on it (`taken`)."""
    covered = {i for start, end, _ in taken for i in range(start, end)}
    found: list[tuple[int, int, Override]] = []
    for index, morpheme in enumerate(morphemes[:-1]):
        if index in covered:
            continue
        following = morphemes[index + 1].surface
        for rule in RULES:
            if (
                morpheme.surface == rule.said.form
                and reading_key(morpheme.pronunciation) == reading_key(rule.misread)
                and following.startswith(rule.before)
            ):
                found.append((index, index + 1, rule.said))
                break
    return found


def with_rules(
    morphemes: Sequence[Morpheme], overrides: Overrides
) -> list[tuple[int, int, Override]]:
    """The runs of `overrides` in an analysis and those of the rules beside them, in order."""
    taken = overrides.aligned(morphemes)
    return sorted([*taken, *runs(morphemes, taken)], key=lambda run: run[0])
