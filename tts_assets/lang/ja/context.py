"""Words the analyzer reads one way wherever they stand, where the words beside decide.

A number of minutes written in kanji is read by OpenJTalk as another word of the same
spelling: 十分 じゅうぶん (enough) before かかる, 五分 ごぶ, 八分 はちぶ and 九分 くぶ
(tenths: 五分五分, 八分目) almost everywhere, 二分 にぶん (halve) before かかる, and 八分
in 三時八分 too. A learner would hear "it takes enough", with nothing flagged (the same
texts in digits, 5分, are read right). The other way, 十分 meaning enough is read as ten
minutes before 使える and 足りる (hanabira.org's 十分使えるのに, 十分足りる). A rule here
says such a word as the words beside it show it is meant, only where the analyzer reads
it otherwise; where they do not decide (十分待って: wait ten minutes, or wait enough),
nothing changes. More were found by reading hanabira.org's 5,195 sentences against their
romaji: 誘おう read いざなおう, 全部落とされた cut as 全 + 部落, 毎日会社 read as a company's
name (がいしゃ), 済んだ後で read のちで, 皆 alone read かい, 何色に read なんしょく.

A rule applies as a reviewed pronunciation override does (`overrides.Override`, with its
`rule` saying why), so it is said alike by every provider (Kokoro's phonemes, a text
provider's kana), shown where overrides are (the readings report, the review page,
`said with the override 十分 = じゅっぷん (...)`), and changes the key of exactly the
clips it changes. A reviewer's override of the same form wins, and so does a reading the
content gives the text.

Words written alike and read two ways (辛い: からい, spicy, or つらい, hard) are read from
their sentence (`homographs`, its rules as data): a reading the sentence shows is said
here as a rule is, where the analyzer reads otherwise; where it shows none, a word the
file doubts is said as the analyzer reads it, the decision's verdict is `doubt` and its
message names the other reading, for the run, `readings`, the manifest and the review page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...readings.overrides import Override, Overrides
from . import counters, homographs, units, written_alike
from .analysis import Morpheme, prepare
from .kana import reading_key

RULES_VERSION = "2"
"""Bump on any change to the rules (it names the reading memo's file)."""

_CLOCK = ("時",)
"""How the word before a number of minutes ends where it is a clock time (七時八分)."""


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
    after: tuple[str, ...] = _CLOCK
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


_MINUTES = "minutes: the words beside it count time"
_ENOUGH = "enough: the words beside it are said of enough, not of minutes"

_COUNTS_TIME = (
    *("かか", "掛か", "ぐらい", "くらい", "位", "以内", "遅れ", "経", "たっ", "たつ", "たち"),
    *("毎", "ごと", "間", "後", "前", "ほど", "程", "おき"),
)
"""How the word after a number of minutes starts where it counts time: かかる (takes),
ぐらい/くらい (about), 以内 (within), 遅れる (late), 経つ/たつ (passes), 毎/ごと/おき
(every), 間 (for), 後/前 (after, before), ほど (about)."""

_TENTHS = ("の", "刈", "通", "咲", "目", "に渡", "五分", "九厘")
"""How the word after 五分, 八分 or 九分 starts where tenths are meant: 五分の魂, 五分刈り,
九分通り, 八分咲き, 八分目, 五分に渡り合う, 五分五分, 九分九厘 (and the fraction 五分の一,
which the analyzer reads right)."""

RULES: tuple[Rule, ...] = (
    # 十分 and 二分 mean "enough" and "halve" as often as minutes: only where time is
    # counted after them, or a clock time is before.
    Rule(Override("十分", "じゅっぷん", rule=_MINUTES), "ジューブン", _COUNTS_TIME),
    Rule(Override("二分", "にふん", rule=_MINUTES), "ニブン", _COUNTS_TIME),
    # 五分, 八分 and 九分 read as tenths (ごぶ, はちぶ, くぶ) are rare on their own; in a
    # course they are minutes, but where tenths are meant. 八分 as the analyzer reads 8分,
    # 三十八分 and 十八分後: はちふん.
    Rule(Override("五分", "ごふん", rule=_MINUTES), "ゴブ", None, _TENTHS),
    Rule(Override("八分", "はちふん", rule=_MINUTES), "ハチブ", None, _TENTHS),
    Rule(Override("九分", "きゅうふん", rule=_MINUTES), "クブ", None, _TENTHS),
    # And the other way: 十分 read as ten minutes (十 and 分 apart) before a word that only
    # "enough" goes with: 十分使える, 十分足りる, 十分間に合う (not 十分間: ten minutes).
    Rule(
        Override("十分", "じゅうぶん", rule=_ENOUGH),
        "ジュップン",
        ("足り", "使え", "使う", "使い", "理解", "承知", "可能", "間に合"),
        after=(),
        not_after=_CLOCK,
    ),
    Rule(
        Override("十分間", "じゅうぶんま", rule=_ENOUGH),
        "ジュップンカン",
        ("に合",),
        after=(),
        not_after=_CLOCK,
    ),
    # Not minutes, found the same way on hanabira.org's sentences: the volitional of 誘う
    # read as the literary いざなう (誘おう: let's invite, さそおう), and 全部 cut as 全 +
    # 部落 before 落とす (全部落とされた: ぜんぶ おとされた).
    Rule(
        Override("誘お", "さそお", rule="the volitional of 誘う, as 誘う is read elsewhere"),
        "イザナオ",
        None,
        after=(),
    ),
    Rule(
        Override("全部落", "ぜんぶお", rule="全部 and 落とす, not 全 and 部落"),
        "ゼンブラク",
        ("と",),
        after=(),
    ),
    # 毎日会社に行きます read まいにちがいしゃ, as if 毎日会社 were a company's name
    # (株式会社): after a word of when, 会社 is a company of its own.
    Rule(
        Override("会社", "かいしゃ", rule="the word before says when, not what company"),
        "ガイシャ",
        (),
        after=("毎日", "今日", "明日", "昨日", "朝", "晩", "週", "毎月", "毎年"),
    ),
    # 済んだ後で read のちで (食べた後で is right): later is あとで.
    Rule(Override("後", "あと", rule="後で, later"), "ノチ", ("で",), after=()),
    # 皆 alone read かい (皆大笑いした): the word of its own is みんな.
    Rule(Override("皆", "みんな", rule="皆 as a word of its own"), "カイ", None, after=()),
    # 何色 read なんしょく (how many colours) before a particle: 何色が好き, what colour.
    Rule(
        Override("何色", "なにいろ", rule="what colour: a particle follows"),
        "ナンショク",
        ("が", "に", "を", "で", "の", "です", "だ"),
        after=(),
    ),
    # 七夕 after a particle cut as 七 + 夕 (今日は七夕です: なな ゆう); alone it is one word.
    Rule(Override("七夕", "たなばた", rule="七夕, the star festival"), "ナナユウ", None, after=()),
)


_FORMS = frozenset(rule.said.form for rule in RULES)


def touching(text: str) -> bool:
    """Whether a rule's form, a doubted word, a counter in kana or a unit after digits
    occurs in `text`: the only texts whose decision this module (or `counters`, or
    `units`) can change (a substring test and two patterns, linear in the text). A word
    of `written_alike` changes nothing said: its note is on the texts decided anyway
    (every text said with Kokoro's phonemes and told its accent), in the key the memo
    keeps them by (`memo`), not in a clip's."""
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
    morphemes: Sequence[Morpheme], runs: Sequence[tuple[int, int, Override]]
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """What a teacher should check in a text the content gives no reading, and what he
    may, each with how likely it is said wrong (`written_alike.otherwise`). To check: each
    word read one way of several (`homographs`) that no override or rule said (`runs`)
    and whose sentence shows no one reading of it. May check: each word of the
    dictionaries' list (`written_alike`) that no override or rule said, and that its
    sentence neither decides nor doubts."""
    covered = {i for start, end, _ in runs for i in range(start, end)}
    words = homographs.decide(morphemes, frozenset(covered))
    doubts = [
        (word.doubt(morphemes[word.index]), _risk(morphemes, word))
        for word in words
        if word.decided is None and word.doubted
    ]
    covered |= {word.index for word in words if word.decided is not None or word.doubted}
    alike = [
        written_alike.weighed(morphemes, index, other)
        for index, other in written_alike.found(morphemes, covered)
    ]
    return doubts, alike


def _risk(morphemes: Sequence[Morpheme], word: homographs.Found) -> float:
    """How likely a word of `homographs` its sentence does not decide is said wrong: as
    the analyzer weighs it, and even at least where its sentence shows two readings (one
    of them is said)."""
    weighed = written_alike.otherwise(morphemes, word.index)
    return max(weighed, 0.5) if len(word.shown) > 1 else weighed


def runs(
    morphemes: Sequence[Morpheme], taken: Sequence[tuple[int, int, Override]]
) -> list[tuple[int, int, Override]]:
    """Where a rule applies in an analysis, as `Overrides.aligned` gives runs: the form as
    one morpheme the analyzer says as the rule's `misread`, with words beside it that
    show the rule's meaning, and no override already on it (`taken`)."""
    covered = {i for start, end, _ in taken for i in range(start, end)}
    found: list[tuple[int, int, Override]] = []
    index = 0
    while index < len(morphemes):
        run = None if index in covered else _rule_at(morphemes, index, covered)
        if run is None:
            index += 1
            continue
        found.append(run)
        index = run[1]
    covered |= {i for start, end, _ in found for i in range(start, end)}
    for word in homographs.decide(morphemes, frozenset(covered)):
        readings = word.word.readings
        if word.decided is not None and readings[word.decided].start != readings[word.said].start:
            morpheme = morphemes[word.index]
            reading = word.word.as_read(morpheme, word.decided)
            said = Override(morpheme.surface, reading, rule=word.why())
            found.append((word.index, word.index + 1, said))
    return sorted(found, key=lambda run: run[0])


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


def with_rules(
    morphemes: Sequence[Morpheme], overrides: Overrides
) -> list[tuple[int, int, Override]]:
    """The runs of `overrides` in an analysis and those of the rules beside them, in order."""
    taken = overrides.aligned(morphemes)
    return sorted([*taken, *runs(morphemes, taken)], key=lambda run: run[0])
