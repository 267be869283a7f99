"""The context rules of Chinese polyphones, kept as data (`rules.toml`): where the
characters beside a polyphone decide its reading (这只猫 zhī, 他教我 jiāo, 跑得很快 de).

    rule = rules().first("只", "这只猫很可爱", 1, in_word=False)
    rule.reading, rule.doubt, rule.why      # "zhi1", False, "a measure word after ..."

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

REDUPLICATED = "~reduplicated"
"""The two characters before are alike (慢慢, 高高兴兴)."""


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
    doubt: bool
    why: str
    reduplicated: bool = False

    def applies(self, text: str, at: int) -> bool:
        """Whether the rule holds for the character at `at` of `text`."""
        ahead, behind = text[:at], text[at + 1 :]
        if self.reduplicated and not (at >= 2 and text[at - 1] == text[at - 2]):
            return False
        if self.after and not ahead.endswith(self.after):
            return False
        if self.before and not behind.startswith(self.before):
            return False
        if self.not_after and ahead.endswith(self.not_after):
            return False
        return not (self.not_before and behind.startswith(self.not_before))


@dataclass(frozen=True)
class Rules:
    """Every rule, by character, in the file's order."""

    version: str
    by_char: dict[str, tuple[Rule, ...]]
    variants: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    """Per character, readings either of which content may write (谁 shéi, shuí)."""

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
    text = resources.files(__package__).joinpath("rules.toml").read_text(encoding="utf-8")
    return parse(text)


def parse(text: str) -> Rules:
    """The rules of a `rules.toml` text. RulesError names what it cannot read."""
    data = tomllib.loads(text)
    sets: dict[str, list[str]] = data.get("sets", {})
    by_char: dict[str, list[Rule]] = {}

    def expanded(where: str, values: list[str]) -> tuple[str, ...]:
        found: list[str] = []
        for value in values:
            if value.startswith("@"):
                if value[1:] not in sets:
                    raise RulesError(f"{where}: no set named {value[1:]!r}")
                found += sets[value[1:]]
            elif value != REDUPLICATED:
                found.append(value)
        return tuple(dict.fromkeys(found))

    for n, entry in enumerate(data.get("rules", [])):
        where = f"rules.toml › rules › [{n}] ({entry.get('char', '?')})"
        char, reading = entry.get("char"), entry.get("reading")
        if not isinstance(char, str) or len(char) != 1 or not isinstance(reading, str):
            raise RulesError(f"{where}: a rule needs one `char` and its `reading`")
        after = entry.get("after", [])
        rule = Rule(
            char,
            reading,
            expanded(where, after),
            expanded(where, entry.get("before", [])),
            expanded(where, entry.get("not_after", [])),
            expanded(where, entry.get("not_before", [])),
            bool(entry.get("over_words", False)),
            bool(entry.get("doubt", False)),
            str(entry.get("why", "")),
            REDUPLICATED in after,
        )
        by_char.setdefault(char, []).append(rule)
    variants: dict[str, frozenset[str]] = {}
    for char, readings in data.get("variants", {}).items():
        if len(char) != 1 or not isinstance(readings, list) or len(readings) < 2:
            raise RulesError(f"rules.toml › variants › {char}: two readings or more of one char")
        variants[char] = frozenset(str(r) for r in readings)
    return Rules(str(data.get("version", "0")), {c: tuple(r) for c, r in by_char.items()}, variants)
