"""Words the analyzer reads one way wherever they stand, where the words beside decide.

OpenJTalk reads a number of minutes in kanji as another word of the same spelling (十分
じゅうぶん, enough, before かかる; 五分 ごぶ), and a few other words as one reading
wherever they stand (誘おう いざなおう, 皆 alone かい). A rule of `context.toml` says such a
word as the words beside it show it is meant, only where the analyzer reads it otherwise;
where they do not decide (十分待って), nothing changes.

A rule applies as a reviewed pronunciation override does (`overrides.Override`, with its
`rule` saying why), so every provider says it alike and it is shown where overrides are.
A reviewer's override of the same form wins, and so does a reading the content gives.
Words written alike and read two ways are `homographs`' to decide.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from ...readings.overrides import Override, Overrides
from . import counters, homographs, units, written_alike
from .analysis import Morpheme, prepare
from .kana import reading_key, to_hiragana

RULES_VERSION = "2"
"""Bump on any change to the rules (it names the reading memo's file)."""


@dataclass(frozen=True)
class Rule:
    """A form said another way where the words beside it show what it means."""

    said: Override
    """The form and its reading here, with why (`Override.rule`)."""
    misread: str
    """The analyzer's pronunciation this rule corrects (katakana): where it reads the
    form otherwise already, nothing is changed."""
    before: tuple[str, ...] | None
    """How what follows starts, for the rule to apply (None: whatever it is)."""
    unless: tuple[str, ...] = ()
    """How what follows starts where the analyzer's reading stays (五分の魂, 五分刈り)."""
    after: tuple[str, ...] = ()
    """How the word before ends, for the rule to apply whatever follows (七時八分)."""
    not_after: tuple[str, ...] = ()
    """How the word before ends where the rule never applies (三時十分: minutes)."""

    def applies(self, previous: str | None, following: str | None) -> bool:
        """Whether the rule applies between the word `previous` and the words `following`
        (None at the text's edge)."""
        if previous is not None and self.not_after and previous.endswith(self.not_after):
            return False
        if previous is not None and self.after and previous.endswith(self.after):
            return True
        if following is None:
            return self.before is None
        if self.before is not None and not following.startswith(self.before):
            return False
        return not following.startswith(self.unless)


def _rules() -> tuple[Rule, ...]:
    data = tomllib.loads(resources.files(__package__).joinpath("context.toml").read_text("utf-8"))

    def words(value: str | list[str]) -> tuple[str, ...]:
        return tuple(data["sets"][value[1:]] if isinstance(value, str) else value)

    return tuple(
        Rule(
            Override(r["form"], r["reading"], rule=r["why"]),
            r["misread"],
            words(r["before"]) if "before" in r else None,
            *(words(r.get(name, [])) for name in ("unless", "after", "not_after")),
        )
        for r in data["rule"]
    )


RULES = _rules()


_FORMS = frozenset(rule.said.form for rule in RULES)


def touching(text: str) -> bool:
    """Whether a rule's form, a doubted word, a counter in kana or a unit after digits
    occurs in `text`: the only texts whose decision this module (or `counters`, or
    `units`) can change (a substring test and two patterns, linear in the text). A word
    of `written_alike` is noted, or said as the grammar reads it (`GRAMMAR`), on the texts
    decided anyway (every text said with Kokoro's phonemes and told its accent), in the
    key the memo keeps them by (`memo`)."""
    return (
        any(form in text for form in _FORMS)
        or homographs.touching(text)
        or counters.touching(prepare(text))
        or units.touching(prepare(text))
    )


def identity() -> str:
    """Every rule, doubted word, counter and unit rule this module decides by, as one
    string: what names the reading memo's file with the
    analyzer's identity, so a decision is trusted by the rules that made it."""
    import hashlib

    words = hashlib.sha256(repr(homographs.homographs().words).encode()).hexdigest()[:12]
    return "\n".join(
        [
            f"context {RULES_VERSION}",
            f"counters {counters.RULES_VERSION}",
            f"units {units.RULES_VERSION}",
            f"homographs {homographs.homographs().version} {words}",
            *(_rule_line(r) for r in RULES),
        ]
    )


def _rule_line(rule: Rule) -> str:
    said = rule.said
    return (
        f"{said.form}\t{said.reading}\t{rule.misread}\t{rule.before}\t{rule.unless}"
        f"\t{rule.after}\t{rule.not_after}"
    )


def notes(
    morphemes: Sequence[Morpheme], runs: Sequence[tuple[int, int, Override]], written: str
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """What a teacher should check in a text the content gives no reading, and what he
    may, each with how likely it is said wrong (`written_alike.otherwise`). To check: each
    word read one way of several (`homographs`) that no override or rule said (`runs`)
    and whose sentence shows no one reading of it. May check: each word of the
    dictionaries' list (`written_alike`) that no override or rule said, and that its
    sentence neither decides nor doubts, and each word SudachiDict reads otherwise
    (`written_alike.found`; `written`: the text, prepared) whose sentence does not settle it."""
    covered = {i for start, end, _ in runs for i in range(start, end)}
    words = homographs.decide(morphemes, frozenset(covered))
    doubts = [
        (word.doubt(morphemes[word.index]), _risk(morphemes, word))
        for word in words
        if word.decided is None and word.doubted
    ]
    doubts += [  # said as the grammar reads it, but two analyzers disagree
        (
            f"{morphemes[start].surface} is said {said.reading} ({said.rule}); the analyzer "
            f"reads it {to_hiragana(morphemes[start].reading)}: if it means that, give the "
            "text its reading",
            written_alike.SETTLED,
        )
        for start, _, said in runs
        if (said.rule or "").startswith((GRAMMAR, JOINED))
    ]
    covered |= {word.index for word in words if word.decided is not None or word.doubted}
    alike = [
        (written_alike.weighed(view, index, other), listed)
        for view, index, other, listed in written_alike.found(morphemes, covered, written)
    ]
    # A word the list does not hold is shown where it is a doubt, else not at all.
    shown = [w for w, listed in alike if listed or w[1] >= written_alike.SETTLED]
    return doubts, [*shown, *written_alike.hidden(morphemes, covered)]


def _risk(morphemes: Sequence[Morpheme], word: homographs.Found) -> float:
    """How likely a word of `homographs` its sentence does not decide is said wrong: as
    the analyzer weighs it, and even at least where its sentence shows two readings (one
    of them is said)."""
    weighed = written_alike.otherwise(morphemes, word.index)
    return max(weighed, 0.5) if len(word.shown) > 1 else weighed


def with_rules(
    morphemes: Sequence[Morpheme], overrides: Overrides
) -> list[tuple[int, int, Override]]:
    """The runs of `overrides` in an analysis (`Overrides.aligned`) and, in order with
    them, where a rule applies: the form as one morpheme the analyzer says as the rule's
    `misread`, with words beside it that show the rule's meaning, and no override on it;
    each word of `homographs` its sentence shows read otherwise; and each word no rule or
    cue decides that the grammar reads otherwise (`written_alike.grammar_reading`) or a
    longer word of SudachiDict it is part of does (`written_alike.joined_reading`)."""
    taken = overrides.aligned(morphemes)
    covered = {i for start, end, _ in taken for i in range(start, end)}
    found = list(taken)
    index = 0
    while index < len(morphemes):
        run = None if index in covered else _rule_at(morphemes, index, covered)
        if run is None:
            index += 1
            continue
        found.append(run)
        index = run[1]
    covered |= {i for start, end, _ in found for i in range(start, end)}
    words = homographs.decide(morphemes, frozenset(covered))
    for word in words:
        readings = word.word.readings
        if word.decided is not None and readings[word.decided].start != readings[word.said].start:
            morpheme = morphemes[word.index]
            reading = word.word.as_read(morpheme, word.decided)
            said = Override(morpheme.surface, reading, rule=word.why())
            found.append((word.index, word.index + 1, said))
    covered |= {word.index for word in words if word.decided is not None}
    for index, morpheme in enumerate(morphemes):
        backed = None if index in covered else written_alike.grammar_reading(morphemes, index)
        if backed is not None:
            why = f"{GRAMMAR}, a {backed[1]} there"
            found.append((index, index + 1, Override(morpheme.surface, backed[0], rule=why)))
        elif index not in covered and (joined := written_alike.joined_reading(morphemes, index)):
            found.append((index, index + 1, Override(morpheme.surface, joined, rule=JOINED)))
    return sorted(found, key=lambda run: run[0])


GRAMMAR = "read as SudachiDict reads it in its sentence"  # `written_alike.grammar_reading`
JOINED = "read as SudachiDict reads the longer word it is part of"  # `joined_reading`


def _rule_at(
    morphemes: Sequence[Morpheme], index: int, covered: set[int]
) -> tuple[int, int, Override] | None:
    """The run of the first rule whose form the morphemes from `index` spell, as the rule
    says the analyzer misreads it, between words that show what it means."""
    previous = morphemes[index - 1].surface if index else None
    for rule in RULES:
        spelled = said = ""
        end = index
        while end < len(morphemes) and len(spelled) < len(rule.said.form):
            if end in covered:
                break
            spelled += morphemes[end].surface
            said += morphemes[end].pronunciation
            end += 1
        if spelled != rule.said.form or reading_key(said) != reading_key(rule.misread):
            continue
        # What follows, a few words of it: a sign spans words (に渡り合う, に合う).
        following = "".join(m.surface for m in morphemes[end : end + 3]) or None
        if rule.applies(previous, following):
            return index, end, rule.said
    return None
