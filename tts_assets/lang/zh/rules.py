"""The context rules of Chinese polyphones, kept as data (`rules.toml`): where the
characters beside a polyphone decide its reading (这只猫 zhī, 他教我 jiāo, 跑得很快 de).

The file's header says what a rule holds; this module reads it once, expands its sets,
and checks a character's rules against its text: each test a `str.endswith` or
`str.startswith` over a tuple of strings, so a rule costs the same whatever the text.
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .. import expanded

REDUPLICATED = "~reduplicated"
"""The two characters before are alike (慢慢, 高高兴兴)."""
END = "~end"
"""In `before`: the text ends here (its clause marks are a set like any other)."""
CLAUSE = 16
"""The most characters before a polyphone its clause's words are looked for in (`in_clause`):
a clause of a first course is shorter, and a passage costs no more than a sentence."""


@dataclass(frozen=True)
class Rule:
    """One rule of `rules.toml`, its sets expanded."""

    char: str
    reading: str
    """Numbered (zhi1)."""
    after: tuple[str, ...]
    before: tuple[str, ...]
    not_after: tuple[str, ...]
    not_before: tuple[str, ...]
    over_words: bool
    why: str
    reduplicated: bool = False
    in_clause: tuple[str, ...] = ()
    """Words one of which stands earlier in the polyphone's clause, anywhere (绕着太阳转:
    绕), where the words beside it do not decide."""
    marks: tuple[str, ...] = ()
    """What ends a clause (the file's `clause_marks`), for `in_clause`."""
    at_end: bool = False
    """`before` holds `~end`: the rule holds where the text ends too."""
    entry: str = ""
    """The word of pypinyin's phrase dictionary that backs the reading (流血 liú xiě for 血
    xiě), "" where none does: only a rule backed so decides a colloquial-or-literary
    character (`Rules.colloquial`) without a flag."""

    def applies(self, text: str, at: int) -> bool:
        """Whether the rule holds for the character at `at` of `text`."""
        ahead, behind = text[:at], text[at + 1 :]
        if self.reduplicated and not (at >= 2 and text[at - 1] == text[at - 2]):
            return False
        if self.after and not ahead.endswith(self.after):
            return False
        if (self.before or self.at_end) and not (
            (self.at_end and not behind) or (self.before and behind.startswith(self.before))
        ):
            return False
        if self.in_clause and not self._in_clause(text[max(0, at - CLAUSE) : at]):
            return False
        if self.not_after and ahead.endswith(self.not_after):
            return False
        return not (self.not_before and behind.startswith(self.not_before))

    def _in_clause(self, window: str) -> bool:
        """Whether one of `in_clause` stands in `window` after its last clause mark."""
        start = max(window.rfind(mark) for mark in self.marks) + 1 if self.marks else 0
        clause = window[start:]
        return any(word in clause for word in self.in_clause)


@dataclass(frozen=True)
class Rules:
    """Every rule, by character, in the file's order."""

    version: str
    by_char: dict[str, tuple[Rule, ...]]
    variants: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    """Per character, readings either of which content may write (谁 shéi, shuí)."""
    unsure: frozenset[str] = frozenset()
    """Characters (`unsure` in the file) whose senses only a rule decides: the model's
    reading of one in no word of the dictionary is said and flagged."""
    unsure_words: dict[str, int] = dataclasses.field(default_factory=dict)
    """Words of the dictionary (`unsure`, written `[朝]阳`) whose sense only a rule decides,
    and which of their characters: the dictionary's reading of it is said and flagged."""
    colloquial: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    """Characters read one way in speech and another in words and writing (文白异读: 血
    xiě, xuè), with those readings: outside the dictionary's words, only a rule backed by
    an entry (`Rule.entry`) decides one without a flag."""

    def unsure_in(self, word: str, at: int) -> bool:
        """Whether the `at`-th character of the dictionary's `word` is one of `unsure_words`."""
        return self.unsure_words.get(word) == at

    def variant(self, char: str, one: str, other: str) -> bool:
        """Whether `one` and `other` are both readings of `char` content may write."""
        alike = self.variants.get(char, frozenset())
        return one in alike and other in alike

    def first(self, char: str, text: str, at: int, *, in_word: bool) -> Rule | None:
        """The first rule of `char` that applies at `at` of `text` (`in_word`: the
        character is inside a dictionary word of two characters or more)."""
        for rule in self.by_char.get(char, ()):
            if in_word and not rule.over_words:
                continue
            if rule.applies(text, at):
                return rule
        return None


class RulesError(ValueError):
    """`rules.toml` holds something this module cannot read (a bug in the data)."""


@functools.cache
def rules() -> Rules:
    """The rules of `rules.toml`, read once."""
    return parse(resources.files(__package__).joinpath("rules.toml").read_text("utf-8"))


def parse(text: str) -> Rules:
    """The rules of a `rules.toml` text. RulesError names what it cannot read."""
    data = tomllib.loads(text)
    sets: dict[str, list[str]] = data.get("sets", {})
    marks = tuple(str(m) for m in data.get("clause_marks", []))
    by_char: dict[str, list[Rule]] = {}
    for n, entry in enumerate(data.get("rules", [])):
        rule = _rule(entry, f"rules.toml › rules › [{n}] ({entry.get('char', '?')})", sets, marks)
        by_char.setdefault(rule.char, []).append(rule)
    variants = _variants(data.get("variants", {}))
    colloquial = _variants(data.get("colloquial", {}), "colloquial")
    unsure = data.get("unsure", [])
    if not isinstance(unsure, list) or not all(isinstance(u, str) and u for u in unsure):
        raise RulesError("rules.toml › unsure: a list of characters and words ([朝]阳)")
    return Rules(
        str(data.get("version", "0")),
        {c: tuple(r) for c, r in by_char.items()},
        variants,
        frozenset(u for u in unsure if len(u) == 1),
        _unsure_words(unsure),
        {c: tuple(sorted(r)) for c, r in colloquial.items()},
    )


def _rule(
    entry: dict[str, Any], where: str, sets: dict[str, list[str]], marks: tuple[str, ...]
) -> Rule:
    """One `[[rules]]` entry (`where` names it in an error), its `@sets` expanded."""
    char, reading = entry.get("char"), entry.get("reading")
    if not isinstance(char, str) or len(char) != 1 or not isinstance(reading, str):
        raise RulesError(f"{where}: a rule needs one `char` and its `reading`")
    after, before = entry.get("after", []), entry.get("before", [])

    def listed(key: str) -> tuple[str, ...]:  # the markers left out
        values = [v for v in entry.get(key, []) if v not in (REDUPLICATED, END)]
        return expanded(where, values, sets, RulesError)

    return Rule(
        char,
        reading,
        listed("after"),
        listed("before"),
        listed("not_after"),
        listed("not_before"),
        bool(entry.get("over_words", False)),
        str(entry.get("why", "")),
        REDUPLICATED in after,
        listed("in_clause"),
        marks,
        any(v == END or (v.startswith("@") and END in sets.get(v[1:], [])) for v in before),
        str(entry.get("entry", "")),
    )


def _variants(table: dict[str, Any], name: str = "variants") -> dict[str, frozenset[str]]:
    """`[variants]` (or `[colloquial]`): two readings or more of a character, by character."""
    variants: dict[str, frozenset[str]] = {}
    for char, readings in table.items():
        if len(char) != 1 or not isinstance(readings, list) or len(readings) < 2:
            raise RulesError(f"rules.toml › {name} › {char}: two readings or more of one char")
        variants[char] = frozenset(str(r) for r in readings)
    return variants


def _unsure_words(unsure: list[str]) -> dict[str, int]:
    """The words of `unsure` ([朝]阳), each with the index of its unsure character."""
    words: dict[str, int] = {}
    for entry in unsure:
        if len(entry) == 1:
            continue
        at = entry.find("[")
        if at < 0 or entry[at + 2 : at + 3] != "]" or entry.count("[") != 1:
            raise RulesError(f"rules.toml › unsure › {entry}: name its character, as [朝]阳")
        words[entry.replace("[", "").replace("]", "")] = at
    return words
