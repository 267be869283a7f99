"""The Chinese reading decider: each polyphone of a sentence read from its sentence, and
where two readings stay plausible, the likelier said and both named (a doubt).

    decided = decide_each(["这只猫很可爱。", "他教我中文。"])
    decided[0].syllables    # ("zhe4", "zhi1", "mao1", "hen3", "ke3", "ai4")
    decided[1].doubts       # (): 教 jiāo by a rule, 中 zhōng by the rule of 中文

Three means, in this order, for each character with more than one reading:

1. the context rules (`rules.toml`): the grammar of a first course that the other two
   read one way wherever it stands (他教我, 跑得很快, 他中了大奖);
2. pypinyin's phrase dictionary, for a character inside one of its words (长城, 银行);
3. g2pM's model (`model.py`), for a character outside the dictionary's words, and against
   the dictionary where it is all but sure the word is a wrong cut (说中 of 说中文).

The words are the analyzer's (`analysis.py`: Baidu's LAC) where pypinyin's longest match
straddles two of them that CC-CEDICT knows (的确|认 of 的|确认), pypinyin's elsewhere. Two
independent checks make a doubt where they read otherwise: pypinyin's own cut, and for a
reading the model alone decided, the character's part of speech. So does what leaves a
reading unsettled: a dictionary word the analyzer parts (鱼|身长 against 鱼身|长), a word
no dictionary knows (切菜), a word CC-CEDICT reads otherwise than pypinyin (时差 chà
against chā) or than the decider (市长|江 against 长江), and 一 that may be a number (一楼).

A reading is decided without a flag only where readings on its ground (a rule, a word of
the dictionary, the model alone) and the model's sureness (`SURE`) were right at least 199
times in 200 on the CPP benchmark's dev set (`benchmarks/zh_polyphones.py`; its test set,
never used to tune, says how that holds); below, it is said and flagged with the other
reading. 一 and 不 are given their own tone (yī, bù); their tone in speech is `sandhi.py`'s.
Characters with one reading take pypinyin's reading in its words (便宜 pián yi).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from ...frontends.pinyin import is_hanzi
from . import analysis, model, sandhi
from .lexicon import LONGEST, Lexicon, Word, lexicon
from .rules import Rule, Rules, rules

WORD_SURE = 0.0
"""A word of the dictionary is said as the dictionary reads it unless the model gives
that reading no more than this (none: the dictionary gives the character a reading
CC-CEDICT has not, wrong every time on the CPP dev set); then the model's is said, and it
is a doubt. Else the dictionary's word is said whatever the model thinks of it (g2pM is
sure of wrong readings of everyday words: 照相 xiāng, all but certain, 教书 jiào, 目的 de, 着急
zhe, 空调 diào, 银行 xíng), and flagged where the model gives it less than `SURE[WORD]`."""
ALONE_DOUBT = 0.9
"""A character outside the dictionary's words, the model's reading said: a doubt when
the model gives it less than this, and always where pypinyin's usual reading of the
character is another (g2pM is as sure of its errors as of the rest, there)."""
PLAUSIBLE = 0.01
"""The least probability the model gives a reading for it to be named as the other one
of a doubt that only the calibration raises (`SURE`): below it, the sentence cannot have
it (喝 hè, 好 hào in sentences of drinking and of good things), and no teacher is asked to
choose it. Lower (tried: `benchmarks/zh_polyphones.py --sweep`) flags a few more of CPP's
Wikipedia readings, but many right readings of the course sentences written before the
rules too, until few flags there mark a wrong reading where a flag should be right at least
4 times in 10."""
IDIOM = 3
SET_PHRASE = 4
"""A word of pypinyin's phrase dictionary this long is read as the dictionary reads it
even where the analyzer cuts the sentence otherwise (曲高和寡 of 歌曲高和寡): a set phrase
matched whole is rarely a wrong cut, and the analyzer parts idioms it does not know."""
"""A word of the dictionary this long or longer is a set phrase (老调重弹 lǎo diào, 吃着不尽
chī zhuó): a rule of the grammar that reads one of its characters otherwise is flagged
naming the word's reading."""
OWN_TONE = {"一": "yi1", "不": "bu4"}
TWO_ENTRIES = 0.5
"""The risk of a reading two entries of the dictionary give otherwise (`as_written`)."""
LEAST_RISK = 0.05
"""The least risk of a doubt: a reading a means doubts is never certain."""

RULE = "rule"
"""A polyphone's ground (`Decided.grounds`): a context rule of `rules.toml`."""
WORD = "word"
"""...pypinyin's phrase dictionary (a word of two characters or more), the model weighed."""
ALONE = "alone"
"""...the model, the character in no word of the dictionary."""
AGREED = 0.5
"""The least probability the model gives the reading of pypinyin's own cut for a cut
the analyzer reads otherwise to be a doubt (two means against one)."""
SURE: dict[str, float] = {RULE: 0.0, WORD: 0.0, ALONE: 0.999982}
"""Per ground, the least probability the model may give the reading said for it to be
decided without a flag; below it, a doubt naming the other reading (`Doubt.calibrated`):
the rules as they stand; a dictionary word whatever the model gives it (on course
sentences g2pM's doubts of the dictionary's words were nearly all wrong: 照相, 教书, 空调;
asking below a threshold, as was tried, flags many right textbook and course readings for
fewer wrong readings in silence on CPP's Wikipedia, where g2pM knows rare words and names
better: 简朴 pǔ, 吡咯 luò); the model alone only where it is all but certain (g2pM is
nearly as sure of rare characters' wrong readings). A flag must mean something on the
sentences a course holds: `benchmarks/zh_polyphones.py` measures both sets."""


@dataclass(frozen=True)
class Doubt:
    """A polyphone two readings of which stay plausible in its sentence."""

    index: int
    """Which of the text's Chinese characters."""
    char: str
    said: str
    """The likelier reading, numbered: the one said."""
    other: str
    """The other plausible reading, numbered."""
    calibrated: bool = False
    """A doubt only for the calibration (`SURE`): decided otherwise, but on grounds right
    less than 99.5 % of the time. Not a reason to doubt the content's own pinyin."""
    risk: float | None = None
    """How likely the reading said is wrong (0 to 1), from the means weighed (`_risk`);
    None: not yet estimated."""


@dataclass(frozen=True)
class Decided:
    """A Chinese text's reading, decided from the sentence."""

    syllables: tuple[str, ...]
    """One numbered syllable per Chinese character, with its own tone (the tone changes
    of speech are `sandhi.spoken`'s)."""
    polyphones: tuple[int, ...]
    """The characters (indexes) that have more than one reading, decided here."""
    doubts: tuple[Doubt, ...] = ()
    why: tuple[tuple[int, str], ...] = ()
    """For characters a rule decided: (index, the rule's reason)."""
    words: tuple[int, ...] | None = None
    """Each character's word in the decider's cut (an id per word, as
    `sandhi.word_ids` gives them), for the tone changes of speech; None: not kept."""
    in_words: frozenset[int] = frozenset()
    """The characters inside a word of pypinyin's phrase dictionary (two characters or
    more): read as the word is, unless a rule or the model said otherwise."""
    grounds: tuple[tuple[int, str, float], ...] = ()
    """Each polyphone's ground: (index, what decided it: `RULE`, `WORD` or `ALONE`, the
    model's probability of the reading said, 1.0 where the model knows no other)."""


def available() -> bool:
    """Whether the decider can run here (pypinyin and g2pM installed)."""
    return lexicon() is not None and model.weights() is not None


def decide_each(texts: Sequence[str]) -> list[Decided | None]:
    """Each text's reading, decided from its sentence (the module docstring); None for a
    text with no Chinese character, or where pypinyin or g2pM is not installed."""
    words = lexicon()
    weights = model.weights()
    if words is None or weights is None:
        return [None] * len(texts)
    known = rules()
    analysed = analysis.tagged(texts)
    drafts = [
        _draft(text, words, weights.readings, cut)
        for text, cut in zip(texts, analysed, strict=True)
    ]
    asked = [(text, [p for p, _ in draft.asked]) for text, draft in zip(texts, drafts, strict=True)]
    scored = model.probabilities(asked)
    return [
        _decided(text, draft, probs, known, words)
        for text, draft, probs in zip(texts, drafts, scored, strict=True)
    ]


def _decided(
    text: str, draft: _Draft, probs: Sequence[dict[str, float]], known: Rules, words: Lexicon
) -> Decided | None:
    """`text`'s reading: pypinyin's (`draft`) with each polyphone decided by a rule, its
    word or the model (`probs`: its readings' probabilities at each), and the doubts."""
    if not draft.syllables:
        return None
    syllables = list(draft.syllables)
    doubts: list[Doubt] = []
    why: list[tuple[int, str]] = []
    grounds: list[tuple[int, str, float]] = []
    for (position, index), p in zip(draft.asked, probs, strict=True):
        read = _polyphone(text, position, index, syllables[index], p, draft, known, words)
        read = _checked(text[position], index, read, p, draft, words)
        if read.doubt is not None and read.doubt.risk is None:
            # a means that names another reading (a rule that leans, a word read two
            # ways, the dictionary against the model) against the reading; a rule or a
            # word of the dictionary for it, the model not weighed against a rule (written
            # for what the model misreads); a doubt of the calibration is the model's
            backing = int(read.ground != ALONE)
            against = int(not read.doubt.calibrated)
            weighed = {} if read.ground == RULE else p
            risk = _risk(weighed, read.said, against=against, backing=backing)
            read = read._replace(doubt=replace(read.doubt, risk=max(risk, LEAST_RISK)))
        syllables[index] = read.said
        grounds.append((index, read.ground, read.sure))
        if read.why is not None:
            why.append((index, read.why))
        if read.doubt is not None:
            doubts.append(read.doubt)
    hanzi = "".join(c for c in text if is_hanzi(c))
    for index, char in draft.own_tone:
        # a set phrase of the dictionary is said as a whole (言不及行 bù)
        light = index in draft.light and not _in_phrase(index, draft)
        syllables[index] = _own_tone(hanzi, index, draft) or ("bu5" if light else OWN_TONE[char])
    if draft.counted:
        said = sandhi.spoken(text, syllables, draft.words)
        sizes = Counter(draft.words)
        doubts += [
            Doubt(i, "一", said[i], OWN_TONE["一"], risk=TWO_ENTRIES)
            for i in draft.counted
            if said[i] != OWN_TONE["一"]
            # a set phrase of the dictionary is said as a whole (一网打尽)
            and not (i in draft.in_word and sizes[draft.words[i]] >= IDIOM)
        ]
        doubts.sort(key=lambda d: d.index)
    return Decided(
        tuple(syllables),
        tuple(i for _, i in draft.asked),
        tuple(doubts),
        tuple(why),
        draft.words,
        draft.in_word - draft.placed_as(syllables),
        tuple(grounds),
    )


def _in_phrase(index: int, draft: _Draft) -> bool:
    """Whether the `index`-th character is in a set phrase of the dictionary (`SET_PHRASE`)."""
    return index in draft.in_word and draft.words.count(draft.words[index]) >= SET_PHRASE


def _own_tone(chars: str, index: int, draft: _Draft) -> str | None:
    """The light tone of 一 or 不 (the `index`-th of `chars`) in a word of the decider's
    cut that CC-CEDICT reads so wherever it lists it (对不起 duìbuqǐ, 来不及: 不 between a
    verb and its complement); None elsewhere (its own tone, `OWN_TONE`)."""
    if index not in draft.in_word:
        return None
    word, at = _word_at(chars, index, draft.words, index)
    listed = {r[at] for r in analysis.word_readings(word)}
    return listed.pop() if len(listed) == 1 and next(iter(listed))[-1] == "5" else None


def as_written(written: str, each: Decided | None) -> Decided | None:
    """`each`, the decision of the Simplified form of `written`, with a doubt at each
    polyphone that a word of the dictionary as `written` writes it reads otherwise (捱风缉缝
    qī, its Simplified 挨风缉缝 jī): two of its entries disagree, and the text is flagged
    naming the written word's reading (in place of a doubt naming another)."""
    words = lexicon()
    weights = model.weights()
    if each is None or words is None or weights is None:
        return each
    draft = _draft(written, words, weights.readings)
    if len(draft.syllables) != len(each.syllables):
        return each
    chars = [c for c in written if is_hanzi(c)]
    named = {d.index for d in each.doubts if _same(d.other, draft.syllables[d.index])}
    added = {
        i: Doubt(i, chars[i], each.syllables[i], draft.syllables[i], risk=TWO_ENTRIES)
        for i in each.polyphones
        if i in draft.in_word
        and i not in named
        and not _same(draft.syllables[i], each.syllables[i])
    }
    if not added:
        return each
    kept = [d for d in each.doubts if d.index not in added]
    return replace(each, doubts=tuple(sorted([*kept, *added.values()], key=lambda d: d.index)))


def _checked(
    char: str, index: int, read: _Read, p: dict[str, float], draft: _Draft, words: Lexicon
) -> _Read:
    """`read` with a doubt where a means independent of what decided it reads the
    character otherwise, for a character in no word of the dictionary in the analyzer's
    cut: pypinyin's own cut of the sentence (`_Draft.split`, 身长 of 鱼身长), where the
    model, which reads the whole sentence, reads it as that cut does; or, for a reading
    the model alone decided, the character's part of speech where it stands as a word of
    its own (`analysis.by_part_of_speech`: the model is as sure of its errors as of the
    rest, 睡觉 as jué), or of a rule, its word's where CC-CEDICT reads it two ways (同行).
    Where the model alone is unsure, the part of speech's reading is said (藏 cáng "to
    hide" tagged a verb), flagged naming the model's."""
    readings = words.readings(char)
    tagged = draft.tags.get(index)
    # a rule against the sense of a word read two ways (是同行 of a rule of 行 as xíng)
    word_of_rule = read.ground == RULE and tagged is not None and len(tagged[0]) > 1
    fits = _fits(tagged, readings) if read.ground == ALONE or word_of_rule else None
    asked = _Asked(char, index, read, p, draft, readings, fits, tagged)
    for check in (_by_place, _by_cuts):
        found = check(asked)
        if found is not None:
            return found
    analysed = _by_analysis(asked)
    if analysed is not None:
        return analysed
    if read.doubt is not None:
        return _settled(char, read, read.doubt, p, fits)
    for check in (_by_analyzer, _by_dictionary, _against_word, _by_kind, _by_own_cut):
        found = check(asked)
        if found is not None:
            return found
    return read


class _Asked(NamedTuple):
    """What each check of `_checked` reads of one polyphone decided (`read`)."""

    char: str
    at: int
    read: _Read
    p: dict[str, float]
    draft: _Draft
    readings: tuple[str, ...]
    fits: str | None
    """The reading its part of speech gives (`_fits`), where that is asked."""
    tagged: tuple[str, int, str] | None


def _by_analysis(a: _Asked) -> _Read | None:
    """The analysis alone reads it one way: the analyzer's word, which CC-CEDICT lists, has
    one reading of it (冲进 chōng, 看护 kān), or it stands as a word of its own and only one
    of its readings has a sense of its part of speech (`analysis.of_kind_alone`: 盛 chéng
    "to ladle" tagged a verb, shèng no verb's sense). Where that is the reading said, it
    is not flagged: the model, a rule or the dictionary's word and the analysis agree,
    unless pypinyin reads it otherwise, in its own cut (淹没 mò against 淹|没了) or its
    phrase (影片 piān against CC-CEDICT's piàn). Against the
    model alone, the analyzer's word is said, flagged naming the model's (its cut may be
    wrong: 飞机上|载); a part of speech alone overrules nothing (LAC tags 太冲了 a verb)."""
    read, tagged = a.read, a.tagged
    if tagged is None:
        return None
    word, at, tag = tagged
    if len(word) > 1:
        heard = {r[at] for r in analysis.word_readings(word)}
        found = heard.pop() if len(heard) == 1 else None
    elif read.ground == RULE or a.char in rules().colloquial or a.at in a.draft.leads:
        return None
    else:
        found = analysis.of_kind_alone(word, tag, a.readings)
    if found is None or not any(_same(found, r) for r in a.readings):
        return None
    if _same(found, read.said):
        # pypinyin agrees: its own cut reads it so, and its phrase where it is in one
        phrase = a.at not in a.draft.in_word or _same(read.said, a.draft.syllables[a.at])
        agreed = phrase and a.at not in a.draft.split and a.at not in a.draft.parted
        return read._replace(doubt=None) if read.doubt is not None and agreed else None
    if read.ground != ALONE or len(word) == 1 or a.char in rules().colloquial:
        return None
    risk = _risk(a.p, found, against=1, backing=1)
    return read._replace(said=found, doubt=Doubt(a.at, a.char, found, read.said, risk=risk))


def _by_cuts(a: _Asked) -> _Read | None:
    """pypinyin's word the analyzer parts, leaving the character a verb of its own (上铺 of
    路上铺 against 在路上|铺, 晕过去 against 晕|过去): the two cuts disagree over it. Where
    the one reading with a verb's sense (`analysis.of_kind_alone`: 铺 pū "to spread", pù
    none) is not the word's, the analyzer's cut, which its part of speech agrees with, is
    said unflagged (none so said on the pinned sets was wrong). Only a verb's tag: LAC
    tags a character it parts from a noun after it a noun too (量|体温, 钉|扣子)."""
    read, tagged = a.read, a.tagged
    if read.ground != WORD or a.at not in a.draft.parted or tagged is None or len(tagged[0]) > 1:
        return None
    # a set phrase matched whole, or a text that is one word (英雄传, 铺摊子), has no
    # sentence for the analyzer's cut to read
    alone = a.draft.one_word or _in_phrase(a.at, a.draft)
    if alone or a.char in rules().colloquial or tagged[2] not in analysis.VERB_TAGS:
        return None
    found = analysis.of_kind_alone(tagged[0], tagged[2], a.readings)
    if found is None or _same(found, read.said):
        return None
    return read._replace(said=found, doubt=None)


def _settled(char: str, read: _Read, doubt: Doubt, p: dict[str, float], fits: str | None) -> _Read:
    """A reading the model is unsure of (`doubt`), where its part of speech settles it: the
    part of speech's reading said where it picks another, flagged naming the model's."""
    known = rules()
    if fits is None or read.ground != ALONE or char in {*known.colloquial, *known.unsure}:
        return read  # a character whose readings only a rule or the register decides
    if _same(fits, read.said):  # the model leans to it, and its part of speech picks it
        return read._replace(doubt=None) if read.sure >= AGREED else read
    if doubt.calibrated and p and _prob(p, doubt.other) < PLAUSIBLE:
        return read  # named for its verb's sense alone (`_plausible`): not to be swapped
    # the model unsure, its part of speech picks another: said, the model's named
    doubt = replace(doubt, said=fits, other=read.said)
    return read._replace(said=fits, sure=_prob(p, fits) if p else 1.0, doubt=doubt)


def _by_analyzer(a: _Asked) -> _Read | None:
    """The analyzer's word, which CC-CEDICT lists, reads it otherwise (市长|江 against 长江,
    茶壶的把儿): against the model alone the dictionary's word is said, as a word of
    pypinyin's is; against pypinyin's cut, named."""
    read = a.read
    heard = () if a.char in rules().colloquial else a.draft.analysed.get(a.at, ())
    # a syllable of the character, not CC-CEDICT's erhua (一点儿 r5)
    heard = tuple(r for r in heard if any(_same(r, k) for k in a.readings))
    if read.ground == RULE or not heard or any(_same(r, read.said) for r in heard):
        return None
    said, named = (heard[0], read.said) if read.ground == ALONE else (read.said, heard[0])
    risk = _risk(a.p, said, against=1, backing=int(said != read.said))
    return read._replace(said=said, doubt=Doubt(a.at, a.char, said, named, risk=risk))


def _by_dictionary(a: _Asked) -> _Read | None:
    """CC-CEDICT reads the word otherwise: flagged, the phrase dictionary's reading said, as
    a doubt of the calibration is (no voice's reading swapped in for it). A
    colloquial-or-literary character, whose two readings both may be the word's (落下 là
    "to leave behind", luò "to fall"), only where the model too leans to CC-CEDICT's."""
    read = a.read
    listed = a.draft.entries.get(a.at, ())
    if not listed or any(_same(r, read.said) for r in listed):
        return None
    if a.char in rules().colloquial and a.p and _prob(a.p, listed[0]) <= _prob(a.p, read.said):
        return None
    risk = _risk(a.p, read.said, against=1, backing=1)
    return read._replace(
        doubt=Doubt(a.at, a.char, read.said, listed[0], calibrated=True, risk=risk)
    )


def _against_word(a: _Asked) -> _Read | None:
    """A reading against pypinyin's word where the analyzer parts it, or the model's alone,
    unsure, for a character in no word: flagged naming the other."""
    read, index, draft = a.read, a.at, a.draft
    against = (
        index in draft.in_word and not read.backed and not _same(read.said, draft.syllables[index])
    )
    unknown = index in draft.unknown and read.ground == ALONE and read.sure < SURE[ALONE]
    if not ((against and index in draft.parted) or unknown):
        return None
    other = _other(read.said, a.p, draft.syllables[index], a.readings)
    if other is None:
        return None
    risk = _risk(a.p, read.said, against=1, backing=0)
    return read._replace(doubt=Doubt(index, a.char, read.said, other, risk=risk))


def _by_kind(a: _Asked) -> _Read | None:
    """The word's part of speech reads it otherwise. Where the model alone reads a sense
    that part of speech cannot have (中 zhōng "middle" tagged a verb), the part of speech's
    reading is said unflagged (the tag and CC-CEDICT against the model alone; none so said
    on the pinned sets was wrong); else the model's, flagged naming the other."""
    read, fits, tagged = a.read, a.fits, a.tagged
    if fits is None or _same(fits, read.said):
        return None
    if (
        read.ground == ALONE
        and a.at not in a.draft.leads
        and tagged is not None
        and len(tagged[0]) == 1
        and analysis.lacks_kind(a.char, tagged[2], read.said)
    ):
        return read._replace(said=fits)
    risk = _risk(a.p, read.said, against=1, backing=0)  # the part of speech votes against
    return read._replace(doubt=Doubt(a.at, a.char, read.said, fits, risk=risk))


def _by_own_cut(a: _Asked) -> _Read | None:
    """pypinyin's own cut reads it otherwise and the model leans to that reading."""
    split = None if a.at in a.draft.in_word else a.draft.split.get(a.at)
    if split is None or not a.p or _prob(a.p, split) <= _prob(a.p, a.read.said):
        return None
    risk = _risk(a.p, a.read.said, against=1, backing=1)
    return a.read._replace(doubt=Doubt(a.at, a.char, a.read.said, split, risk=risk))


def _by_place(a: _Asked) -> _Read | None:
    """Where it stands in the analyzer's cut reads it otherwise (`_Draft.placed`): a
    measure word after its numeral (这一行 háng against the word 一行 yìxíng "a party",
    said or named), a saying CC-CEDICT writes in two clauses (一传十，十传百 chuán, said),
    a character before an object and the verb it leads to (`_Draft.coverbs`: 为|超市|供货,
    a preposition's reading said, wèi "for", which the model does not tell from the
    verb's wéi). Said without a flag: CC-CEDICT's classifier's, saying's or preposition's
    sense decides it (none of the pinned sets' readings so said was wrong); only named
    against the dictionary's word, flagged. A set phrase of the dictionary matched whole
    is its own (四冲八达 chōng)."""
    read = a.read
    unit, first = a.draft.placed.get(a.at, (None, False))
    if unit is None and a.at in a.draft.coverbs:
        unit, first = analysis.preposition_reading(a.char), True
    if unit is None or _same(unit, read.said) or _in_phrase(a.at, a.draft):
        return None
    if not any(_same(unit, r) for r in a.readings):
        return None
    if first:  # a classifier's, a saying's or a preposition's sense decides it
        return read._replace(said=unit, doubt=None)
    risk = _risk(a.p, read.said, against=1, backing=1)
    return read._replace(doubt=Doubt(a.at, a.char, read.said, unit, risk=risk))


class _Read(NamedTuple):
    """One polyphone decided: its reading, what decided it and how sure, the rule's
    reason, the doubt to flag."""

    said: str
    ground: str
    sure: float
    why: str | None
    doubt: Doubt | None
    backed: bool = False
    """A colloquial-or-literary character decided by a rule backed by an entry of the
    dictionary (`Rule.entry`): as it would be without a flag in no word."""


def _polyphone(
    text: str,
    position: int,
    index: int,
    base: str,
    p: dict[str, float],
    draft: _Draft,
    known: Rules,
    words: Lexicon,
) -> _Read:
    """The polyphone at `position` of `text` (the `index`-th Chinese character, pypinyin's
    `base`), decided: by the first rule that applies, else by its word or the model."""
    char = text[position]
    in_word = index in draft.in_word
    rule = known.first(char, text, position, in_word=in_word)
    why = None
    if rule is not None:
        said, ground, why = rule.reading, RULE, rule.why
        other = _against_rule(rule, text, position, index, draft)
    else:
        said, other, ground = _weighed(base, in_word, p)
    sure = _prob(p, said) if p else 1.0
    backed = ground == WORD or (rule is not None and bool(rule.entry))
    entry = backed and ground == RULE and char in known.colloquial
    if other is None and not backed and char in known.colloquial:
        # Read one way in speech, another in writing (血 xiě, xuè), and no word of the
        # dictionary nor a rule backed by one says which: said, and flagged with the other.
        spoken_or_written = tuple(r for r in known.colloquial[char] if not _same(r, said))
        other = _other(said, p, base, spoken_or_written)
    elif other is None and _unsure(text, position, index, ground, draft, known):
        # A sense the model and the dictionary read one way wherever it stands: said, and
        # flagged, as a rule that leans would (no reason to call the content's other
        # reading a slip).
        other = _other(said, p, base, words.readings(char))
    elif other is None and sure < (0.0 if ground == WORD and draft.one_word else SURE[ground]):
        # Right less than 99.5 % of the time at this sureness on a set it was not tuned
        # on (CPP's dev set; a text one word of the dictionary: `one_word`): said, and
        # flagged, where the other reading is one the sentence may have (`PLAUSIBLE`).
        other = _other(said, p, base, words.readings(char))
        if other is None or not _plausible(index, draft, p, said, other):
            return _Read(said, ground, sure, why, None, entry)
        doubt = Doubt(index, char, said, other, calibrated=True)
        return _Read(said, ground, sure, why, doubt, entry)
    return _Read(said, ground, sure, why, _doubt(index, char, said, other), entry)


def _against_rule(rule: Rule, text: str, position: int, index: int, draft: _Draft) -> str | None:
    """The other reading of the polyphone at `position` of `text` (the `index`-th Chinese
    character) that `rule` decides: a rule that reads a set phrase of the dictionary
    (`IDIOM`) against the phrase names the phrase's; else None."""
    base = draft.syllables[index]
    if index in draft.in_word and not _same(rule.reading, base):
        word, _ = _word_at(text, position, draft.words, index)
        if len(word) >= IDIOM:
            return base
    return None


def _plausible(index: int, draft: _Draft, p: dict[str, float], said: str, other: str) -> bool:
    """Whether `other` is a reading the sentence may have of the `index`-th character, to
    name against `said`: the model gives it at least `PLAUSIBLE`, or the character stands
    as a verb of its own in the analyzer's cut and CC-CEDICT gives both readings a verb
    sense (`analysis.verbs_both`: 撒 sā "to let go", sǎ "to scatter"; the model's near
    certainty is no ground to leave the other unnamed, wrong in silence being worst), or
    pypinyin's word parts it otherwise (里长 of 三百公里|长) and its part of speech picks
    neither (长 an adjective: cháng "long", zhǎng "elder"): the two cuts disagree."""
    if not p or _prob(p, other) >= PLAUSIBLE:
        return True
    tagged = draft.tags.get(index)
    if tagged is None or len(tagged[0]) > 1:
        return False
    word, _, tag = tagged
    cuts = index in draft.parted and analysis.of_kind_alone(word, tag, (said, other)) is None
    return cuts or analysis.verbs_both(word, tag, (said, other))


def _doubt(index: int, char: str, said: str, other: str | None) -> Doubt | None:
    return None if other is None else Doubt(index, char, said, other)


def _unsure(text: str, position: int, index: int, ground: str, draft: _Draft, known: Rules) -> bool:
    """Whether the polyphone at `position` of `text` (the `index`-th Chinese character),
    read on `ground`, is one whose senses only a rule decides (`Rules.unsure`)."""
    if ground == WORD:
        return known.unsure_in(*_word_at(text, position, draft.words, index))
    return ground == ALONE and text[position] in known.unsure


@dataclass(frozen=True)
class _Draft:
    syllables: tuple[str, ...]
    """pypinyin's reading, one per Chinese character."""
    asked: tuple[tuple[int, int], ...]
    """The polyphones: (position in the text, index among its Chinese characters)."""
    in_word: frozenset[int]
    """Indexes inside a dictionary word of two characters or more."""
    own_tone: tuple[tuple[int, str], ...]
    words: tuple[int, ...]
    """Each character's word (`Decided.words`)."""
    tags: dict[int, tuple[str, int, str]] = field(default_factory=dict)
    """The characters that stand as a word of their own in the analyzer's cut, or in a word
    of it CC-CEDICT lists: the word, the character's place in it, the word's tag."""
    split: dict[int, str] = field(default_factory=dict)
    """Where pypinyin's own cut reads a character otherwise than the analyzer's words do:
    its reading (two independent cuts disagree: a doubt)."""
    parted: frozenset[int] = frozenset()
    """Characters inside a word of pypinyin's own cut that the analyzer leaves standing
    alone, another of the word's characters in a word of its own (数学|生 against 数|学生,
    鱼|身长 against 鱼身|长): the two cuts disagree on the character's word."""
    unknown: frozenset[int] = frozenset()
    """Characters in no word of pypinyin's own cut inside a word of the analyzer's that
    no dictionary knows (切菜): no entry reads the character in its word."""
    entries: dict[int, tuple[str, ...]] = field(default_factory=dict)
    """Characters of a word of pypinyin's phrases that CC-CEDICT reads otherwise (倒是
    dǎo against dào, 时差 chà against chā): CC-CEDICT's readings of the character in it."""
    analysed: dict[int, tuple[str, ...]] = field(default_factory=dict)
    """Characters of a word of the analyzer's that CC-CEDICT lists: its readings of the
    character in that word (two where the word is read two ways: 口角)."""
    counted: frozenset[int] = frozenset()
    """Each 一 the analyzer's words leave a number that may be said as such (yī): a
    numeral of its own before a noun, not a measure word (一楼 "the first floor" or "a
    whole building"), or a numeral's word after a time or within one (下午一点 "one
    o'clock", 早上一点也不冷 "not a bit"): its tone change is a doubt."""
    light: frozenset[int] = frozenset()
    """Each 不 of a potential complement in the analyzer's cut, said light (`_complements`)."""
    leads: frozenset[int] = frozenset()
    """Characters standing as a word of their own right before a verb or an adjective in
    the analyzer's cut (我好|喜欢): where LAC tags an adverb of degree there a verb, so its
    part of speech does not overrule the model (`analysis.lacks_kind`)."""
    placed: dict[int, tuple[str, bool]] = field(default_factory=dict)
    """Characters where they stand give a reading, with it and whether it is said (else
    only named against the dictionary's word): a measure word a numeral's word in the
    analyzer's cut ends with (LAC's `m`: 几行, 这一行; `analysis.measure_reading`: háng
    "row"), a character of a saying CC-CEDICT writes in two clauses (`analysis.sayings`)."""

    def placed_as(self, syllables: Sequence[str]) -> frozenset[int]:
        """The characters read as where they stand has them (`syllables`: as decided), not
        as the dictionary's word they are in (这一行 háng, not 一行 yìxíng), nor as the
        word the analyzer parts them from (在路上|铺 pū, not 上铺 pù)."""
        parted = {i for i in self.parted if not _same(syllables[i], self.syllables[i])}
        placed = {i for i, (unit, said) in self.placed.items() if said and syllables[i] == unit}
        return frozenset(parted | placed)

    coverbs: frozenset[int] = frozenset()
    """Characters standing alone before a noun, a pronoun or a name and then a verb in the
    analyzer's cut (为|超市|供货): where a preposition stands (`_coverbs`)."""

    @property
    def one_word(self) -> bool:
        """Whether the text is one word of the dictionary, nothing beside it (照相, a word
        a vocabulary lists): the model has no sentence to read it by, and the calibration
        (`SURE`, measured on sentences) does not weigh its doubt of the word."""
        return len(self.in_word) == len(self.syllables) and len(set(self.words)) == 1


def _draft(
    text: str,
    words: Lexicon,
    polyphonic: dict[str, tuple[str, ...]],
    cut: list[tuple[str, str]] | None = None,
) -> _Draft:
    """The dictionary's reading of `text` in the analyzer's words (`cut`: LAC's, each
    word read as the phrase dictionary reads it, else cut by pypinyin within it), and which
    of its characters are to decide; without `cut`, pypinyin's own cut."""
    own_cut = _cut(text, words, [text])
    found = own_cut if cut is None else _cut(text, words, [w for w, _ in cut])
    if len(found[0]) != len(own_cut[0]):
        found = own_cut
    tagged = cut or []  # without the analyzer's cut, nothing it says
    hanzi = "".join(c for c in text if is_hanzi(c))
    syllables, in_word, ids = _joined(own_cut, found, tagged, hanzi)
    split = {
        i: a for i, (a, b) in enumerate(zip(own_cut[0], syllables, strict=True)) if not _same(a, b)
    }
    coverbs = _coverbs(tagged)
    seen = _seen(tagged, words, own_cut[1], found is not own_cut, in_word, ids)
    verbs = _object_verbs(tagged)
    seen.tags.update((i, (hanzi[i], 0, "v")) for i in verbs)
    counted, light, placed = _counted(tagged), _complements(tagged), _measures(tagged, words)
    for i, reading in [
        *_verb_objects(tagged, hanzi).items(),
        *_verbs_before(tagged, hanzi, own_cut),
    ]:
        placed.setdefault(i, (reading, True))
    if cut is not None:
        # a saying CC-CEDICT writes in two clauses, longer than a word a cut finds, reads
        # its characters (以小人之心，度君子之腹 duó)
        placed.update((i, (r, True)) for i, r in analysis.sayings(hanzi).items())
    asked: list[tuple[int, int]] = []
    own: list[tuple[int, str]] = []
    positions = [i for i, c in enumerate(text) if is_hanzi(c)]
    for index, position in enumerate(positions):
        char = text[position]
        if char in OWN_TONE:
            own.append((index, char))
        elif char in polyphonic or char in rules().by_char or char in rules().colloquial:
            asked.append((position, index))
    return _Draft(
        tuple(syllables),
        tuple(asked),
        frozenset(in_word),
        tuple(own),
        tuple(ids),
        seen.tags,
        split,
        _parted(own_cut, seen.sizes) | verbs,
        frozenset(seen.unknown),
        _entries(hanzi, syllables, in_word, ids),
        seen.analysed,
        counted,
        light,
        frozenset(seen.leads),
        placed,
        coverbs,
    )


class _Seen(NamedTuple):
    """What the analyzer's cut says of each character, by its index (`_Draft`'s fields of
    the same names)."""

    tags: dict[int, tuple[str, int, str]]
    sizes: list[int]
    """The size of each character's word in the analyzer's cut."""
    unknown: set[int]
    analysed: dict[int, tuple[str, ...]]
    leads: set[int]


def _seen(
    cut: list[tuple[str, str]],
    words: Lexicon,
    in_own: set[int],
    analyzers: bool,
    in_word: set[int],
    ids: list[int],
) -> _Seen:
    """What the analyzer's `cut` (its words and tags) says of each character (`_Seen`).
    `in_own`: the characters in a word of pypinyin's own cut; `analyzers`: the draft is
    read in the analyzer's words (not pypinyin's own cut)."""
    seen = _Seen({}, [], set(), {}, set())
    tags, analysed = seen.tags, seen.analysed
    for k, word, tag, chars, index in _words(cut):
        if not chars:  # kana, a bracket: no character of the text to read
            continue
        span = range(index, index + len(chars))
        seen.sizes.extend([len(chars)] * len(chars))
        after = cut[k + 1] if cut[k + 1 :] else None
        if len(chars) == 1:
            if len(word) == 1 and analyzers:
                # a verb before a word CC-CEDICT says is used after one (量|一下)
                verb = after is not None and analysis.after_verb(after[0])
                tags[index] = (chars, 0, "v" if verb else tag)
            if after is not None and after[1] in LEADS_TO:
                seen.leads.add(index)
        elif listed := analysis.word_readings(chars):
            tags.update((i, (chars, i - index, tag)) for i in span)
            # a word within one of the decider's is read as that word (`entries`)
            if not (span[0] in in_word and len({ids[i] for i in span}) == 1):
                analysed.update(zip(span, _by_character(listed), strict=True))
        elif not _known_word(chars, words):
            _unlisted(seen, chars, span, words, in_own, after)
            # a name no dictionary lists, in no word of pypinyin's, leads with its surname
            # (单田芳 Shàn, not dān)
            family = analysis.surname(chars[0]) if tag == "PER" else None
            if family is not None and span[0] not in in_own:
                analysed[span[0]] = (family,)
    return seen


def _unlisted(
    seen: _Seen,
    chars: str,
    span: range,
    words: Lexicon,
    in_own: set[int],
    after: tuple[str, str] | None,
) -> None:
    """Into `seen`, what an analyzer's word the dictionaries do not list (`chars`, at `span`
    of the text's characters, the word `after` it) says of its characters."""
    # a character joined to a word (更|喜欢) stands alone beside it
    joined = {span[0]} if _known_word(chars[1:], words) else set()
    joined |= {span[-1]} if _known_word(chars[:-1], words) else set()
    seen.unknown.update(i for i in span if i not in in_own and i not in joined)
    # CC-CEDICT's words within it read its characters in no word of pypinyin's
    # (炸鸡 of 炸鸡外卖)
    for a, b in _within(chars):
        each = _by_character(analysis.word_readings(chars[a:b]))
        kept = zip(span[a:b], each, strict=True)
        seen.analysed.update((i, r) for i, r in kept if i not in in_own)
    # an aspect particle after it, or a word CC-CEDICT says is used after a verb (一下),
    # marks its last character a verb (人量|了: 量 liáng "to measure", not liàng "amount")
    if after is not None and (after in ASPECT or analysis.after_verb(after[0])):
        seen.tags[span[-1]] = (chars[-1], 0, "v")


def _entries(
    chars: str, syllables: Sequence[str], in_word: set[int], ids: Sequence[int]
) -> dict[int, tuple[str, ...]]:
    """The characters of the cut's words (`ids`, `in_word`) that CC-CEDICT reads
    otherwise, with its readings (`_Draft.entries`)."""
    found: dict[int, tuple[str, ...]] = {}
    k = 0
    for _, run in itertools.groupby(ids):
        end = k + len(list(run))
        listed = analysis.word_readings(chars[k:end]) if k in in_word and end - k > 1 else ()
        for i in range(k, end) if listed else ():
            each = tuple(sorted({r[i - k] for r in listed}))
            if not any(_same(r, syllables[i]) for r in each):
                found[i] = each
        k = end
    return found


def _within(chars: str) -> list[tuple[int, int]]:
    """The words of CC-CEDICT in `chars` (a word of the analyzer's no dictionary knows),
    the longest first from the left, as spans."""
    found: list[tuple[int, int]] = []
    a = 0
    while a < len(chars) - 1:
        b = next((b for b in range(len(chars), a + 1, -1) if analysis.word_readings(chars[a:b])), a)
        if b > a:
            found.append((a, b))
        a = max(b, a + 1)
    return found


def _by_character(listed: frozenset[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The readings of each character of a word read `listed` ways, one of a neutral tone
    and another alike left out (过去 qù, qu)."""
    found = []
    for each in zip(*sorted(listed), strict=True):
        kept = dict.fromkeys(
            r for r in each if r[-1] != "5" or not any(_same(r, o) for o in each if o != r)
        )
        found.append(tuple(kept))
    return found


def _parted(own: Cut, sizes: list[int]) -> frozenset[int]:
    """The characters of pypinyin's words (`own`) that the analyzer leaves alone while it
    gives another of the word's characters to a word of its own (鱼|身长 against 鱼身|长:
    `_Draft.parted`); `sizes`: the size of each character's word in the analyzer's cut."""
    if len(sizes) != len(own[2]):
        return frozenset()
    ids = own[2]
    straddled = {ids[j] for j in own[1] if sizes[j] > 1}
    return frozenset(i for i in own[1] if sizes[i] == 1 and ids[i] in straddled)


def _known_word(chars: str, words: Lexicon) -> bool:
    """Whether `chars` is a word of pypinyin's phrase dictionary or of CC-CEDICT."""
    return len(chars) > 1 and (words.phrase(chars) is not None or analysis.is_word(chars))


def _words(cut: list[tuple[str, str]]) -> Iterator[tuple[int, str, str, str, int]]:
    """Each word of the analyzer's `cut`: its place, the word, its tag, its Chinese
    characters and the index of the first among the text's."""
    index = 0
    for k, (word, tag) in enumerate(cut):
        chars = "".join(c for c in word if is_hanzi(c))
        yield k, word, tag, chars, index
        index += len(chars)


ASPECT = frozenset({("了", "u"), ("着", "u"), ("过", "u")})
"""LAC's aspect particles: what stands after a verb."""
LEADS_TO = frozenset({"v", "vd", "a", "ad"})
"""LAC's tags of a verb or an adjective: what a word of degree stands before (`_Draft.leads`)."""
POINTING = frozenset("这那哪每某各")
"""Demonstratives: what a numeral and its measure word stand after (这一行 háng)."""
NUMERALS = frozenset("零〇一二三四五六七八九十百千万亿两几半0123456789")
"""What a numeral's word of the analyzer's is written with, before its measure word."""
NOUN_TAGS = frozenset({"n", "nz", "nw", "s", "f", "LOC", "ORG", "PER"})
"""LAC's tags of a noun, a place or a name: what a numeral before it may be the ordinal of."""


def _measures(cut: list[tuple[str, str]], words: Lexicon) -> dict[int, tuple[str, bool]]:
    """The measure words of the analyzer's `cut` after their numeral, in one word with it,
    or tagged a measure word of their own (LAC's `q`) (`_Draft.placed`), by their indexes
    among the Chinese characters."""
    found: dict[int, tuple[str, bool]] = {}
    for k, word, tag, chars, index in _words(cut):
        end = index + len(chars)
        pointed = k > 0 and cut[k - 1][0] in POINTING
        if tag == "q" and len(word) == 1 and chars:
            # a measure word of its own by the analyzer's tag (这|行|字 háng), not where
            # it makes a word with the character beside it (趟水 tāng "to wade")
            beside = (
                (cut[k - 1][0][-1:] if k else "")
                + chars
                + (cut[k + 1][0][:1] if cut[k + 1 :] else "")
            )
            joined = _known_word(beside[:2], words) or _known_word(beside[-2:], words)
            unit = None if joined else analysis.measure_reading(chars)
            if unit is not None:
                found[end - 1] = (unit, True)
        elif (tag == "m" or pointed) and len(chars) > 1 and set(chars[:-1]) <= NUMERALS:
            # a numeral and its measure word (几行 háng, 一宿 xiǔ); said as such after a
            # demonstrative (这一行, whatever its tag), else where no dictionary lists the
            # word (一行 yìxíng "a party", 二十八宿 xiù): then only named
            unit = analysis.measure_reading(chars[-1])
            if unit is not None:
                found[end - 1] = (unit, pointed or not _known_word(chars, words))
    return found


PARTING = frozenset({"u", "m", "q"})
"""LAC's tags of what may stand between a verb and its object (睡|一会儿|觉, 受|了|难): an
aspect particle, a numeral, a measure word."""


def _verb_objects(cut: list[tuple[str, str]], chars: str) -> dict[int, str]:
    """The characters of a verb and its object that an aspect particle, a numeral or a
    measure word part (睡一会儿觉, 照个相, 请了假, 折了本), by index: each read as CC-CEDICT
    reads the two as one word of a verb's sense (睡觉 shuìjiào, 折本 shéběn). The verb
    starts a verb's word of the analyzer's cut, the object ends one, and what stands between in
    its clause is words tagged `PARTING`, or a measure word joined to the object in a word
    no dictionary lists (个相, one word of LAC's). A character read one way in speech and
    another in writing (流了血 xiě, 流血 liúxuè) is not read so."""
    parting = [False] * len(chars)
    verbs: set[int] = set()
    found: dict[int, str] = {}
    for _, _, tag, word, index in _words(cut):
        if not word:  # punctuation ends a clause
            parting = [False] * len(chars)
            continue
        lead = word[:-1]
        # a measure word the analyzer joins to the object, in no word CC-CEDICT lists
        counted = not analysis.is_word(word) and all(
            c in NUMERALS or analysis.is_measure(c) for c in lead
        )
        at = index + len(word) - 1
        verb = index - 1 if lead == "" or counted else at
        while verb > 0 and parting[verb] and at - verb <= LONGEST:
            verb -= 1
        read = analysis.verb_object(chars[verb] + chars[at]) if at - verb > 1 else None
        if read is not None and verb in verbs:
            found.update({verb: read[0], at: read[1]})
        if tag in analysis.VERB_TAGS:
            verbs.add(index)
        for k, c in enumerate(word, index):
            # an aspect particle of its own, or ending the verb's word (请了|假)
            parting[k] = tag in PARTING or ((c, "u") in ASPECT and k > index)
    colloquial = rules().colloquial
    return {i: r for i, r in found.items() if chars[i] not in colloquial}


def _verbs_before(cut: list[tuple[str, str]], chars: str, own: Cut) -> Iterator[tuple[int, str]]:
    """Each verb of one character in the analyzer's `cut` before a character with which
    CC-CEDICT lists a word of a verb's sense read one way (撒|种子 of 撒种 sǎzhǒng, 系|上
    jìshang), by index: its reading in that word, unless pypinyin's own cut (`own`) puts
    it in a word read otherwise (呛到 qiàng of 呛|到)."""
    for _, _, tag, verb, index in _words(cut):
        read = analysis.verb_object(chars[index : index + 2]) if len(verb) == 1 else None
        if read is None or tag not in analysis.VERB_TAGS:
            continue
        if index not in own[1] or _same(own[0][index], read[0]):
            yield index, read[0]


DISPOSAL = frozenset("把被")
"""The prepositions that put a verb's object before it (the grammars' 把 and 被)."""


def _object_verbs(cut: list[tuple[str, str]]) -> frozenset[int]:
    """The last character of a noun after 把 or 被 (`DISPOSAL`), followed by no verb but a
    result (LAC's adjective) or its clause's end (把|床铺|好): the object and its verb
    joined into one word by both analyzers (床|铺 "to spread"), by index; the verb is
    `_by_cuts`' to read, as a verb the analyzer parts from a word."""
    found: set[int] = set()
    for k, word, tag, chars, index in _words(cut):
        (noun, kind), (_, then) = [*cut[k + 1 : k + 3], ("", ""), ("", "")][:2]
        if word in DISPOSAL and tag == "p" and kind in NOUN_TAGS and then in ("a", "w", ""):
            found.add(index + len(chars) + len([c for c in noun if is_hanzi(c)]) - 1)
    return frozenset(found)


OBJECT_TAGS = NOUN_TAGS | {"r", "nr", "ns", "nt"}
"""LAC's tags of what a preposition takes: a noun, a pronoun, a name, a place."""


def _coverbs(cut: list[tuple[str, str]]) -> frozenset[int]:
    """The characters of the analyzer's `cut` that stand as a word of their own before its
    object and a verb (`_Draft.coverbs`), by their indexes among the Chinese characters."""
    found: set[int] = set()
    for k, word, _, chars, index in _words(cut):
        after = [tag for _, tag in cut[k + 1 : k + 3]] + ["", ""]
        if len(word) == 1 and chars and after[0] in OBJECT_TAGS and after[1] in analysis.VERB_TAGS:
            found.add(index)
    return frozenset(found)


def _counted(cut: list[tuple[str, str]]) -> frozenset[int]:
    """The 一 of the analyzer's `cut` that may be a number said as such (`_Draft.counted`),
    by their indexes among the Chinese characters."""
    found: set[int] = set()
    for k, _, tag, chars, index in _words(cut):
        before = cut[k - 1][1] if k else ""
        after = cut[k + 1][1] if k + 1 < len(cut) else ""
        if (tag == "m" and chars.startswith("一")) and (
            (chars == "一" and after in NOUN_TAGS) or before == "TIME"
        ):
            found.add(index)
        if tag == "TIME":  # 一 after a time within it (晚上一点)
            found.update(index + k for k, c in enumerate(chars) if c == "一" and k)
    return frozenset(found)


COMPLEMENTS = frozenset("完懂动到住了起着掉见清惯及通透下上出进回过开")
"""The results and directions a verb's potential complement names (吃不完, 听不懂, 搬不动,
找不到, 睡不着, 坐不住): the closed class the grammars list, 来 and 去 left out (说不去 is
also "says he will not go")."""


def _complements(cut: list[tuple[str, str]]) -> frozenset[int]:
    """Each 不 of a potential complement in the analyzer's `cut` (verb, 不, its result
    or direction: said light, 吃不完 chī bu wán), by its index among the Chinese
    characters: inside a verb of three characters (搬不动), or starting a verb of two
    (不完) after a verb of one (吃|不完). An idiom of four (闷闷不乐 bú lè) has none."""
    found: set[int] = set()
    for k, _, tag, chars, index in _words(cut):
        after_verb = k > 0 and cut[k - 1][1] == "v" and len(cut[k - 1][0]) == 1
        if tag == "v" and chars[-1:] in COMPLEMENTS and chars[-2:-1] == "不":
            if len(chars) == 3:
                found.add(index + 1)  # 搬不动
            elif len(chars) == 2 and after_verb:
                found.add(index)  # 吃|不完
    return frozenset(found)


def _cut(text: str, words: Lexicon, pieces: Sequence[str]) -> tuple[list[str], set[int], list[int]]:
    """The syllables of `text`'s Chinese characters, those inside a word of the phrase
    dictionary, and each one's word: `pieces` (the text cut into words by an analyzer, or
    the whole text) each read as the phrase dictionary reads it, else cut by pypinyin."""
    syllables: list[str] = []
    in_word: set[int] = set()
    ids: list[int] = []
    word_id = 0
    for piece in pieces:
        for run in _RUNS.findall("".join(c if is_hanzi(c) else " " for c in piece)):
            whole = words.phrase(run) if len(run) > 1 and len(pieces) > 1 else None
            found = words.words(run) if whole is None else [Word(run, whole, True)]
            for word in found:
                if word.phrase:
                    in_word.update(range(len(syllables), len(syllables) + len(word.text)))
                syllables += word.syllables
                ids += [word_id] * len(word.text)
                word_id += 1
            word_id += 1  # what stands between two runs parts the words either side
    return syllables, in_word, ids


_RUNS = re.compile(r"\S+")

Cut = tuple[list[str], set[int], list[int]]


def _joined(own: Cut, analysed: Cut, cut: list[tuple[str, str]], chars: str) -> Cut:
    """pypinyin's cut (`own`) where each of its words is whole words of the analyzer's
    (`analysed`: an idiom the analyzer parts is read as the dictionary's word), the
    analyzer's where one of pypinyin's words shorter than a set phrase (`SET_PHRASE`)
    straddles two of the analyzer's (的确|认 of 的|确认邮件: the analyzer reads the
    sentence, pypinyin matches the longest string). `cut`: the analyzer's words and
    tags, a numeral and its measure word (三百公里, LAC's `m`) a word of its own."""
    starts = {len(own[2]), *(index for *_, index in _words(cut))}
    counts = {index for _, _, tag, chars, index in _words(cut) if tag == "m" and chars}
    syllables: list[str] = []
    in_word: set[int] = set()
    ids: list[int] = []
    last: tuple[int, int] | None = None
    k = 0
    for _, run in itertools.groupby(own[2]):
        end = k + len(list(run))
        aligned = (k in starts and end in starts) or end - k >= SET_PHRASE
        which = 0 if aligned or not _known(chars, starts, k, end, counts) else 1
        source = (own, analysed)[which]
        for i in range(k, end):
            syllables.append(source[0][i])
            if i in source[1]:
                in_word.add(i)
            key = (which, source[2][i])
            if not ids:
                ids.append(0)
            elif key == last:
                ids.append(ids[-1])
            else:  # a gap in pypinyin's ids is what stands between two runs
                ids.append(ids[-1] + 1 + (own[2][i] - own[2][i - 1] > 1))
            last = key
        k = end
    return syllables, in_word, ids


def _known(chars: str, starts: set[int], k: int, end: int, counts: set[int]) -> bool:
    """Whether the analyzer's words that overlap `chars[k:end]` (a word of pypinyin's
    that straddles them) are all single characters or words of CC-CEDICT: a cut into
    words no dictionary has (请系|好 of 请系好安全带) is the analyzer's error."""
    edges = sorted({*starts, len(chars)})
    for a, b in itertools.pairwise(edges):
        if b > k and a < end and b - a > 1 and a not in counts and not analysis.is_word(chars[a:b]):
            return False
    return True


def _word_at(text: str, position: int, ids: tuple[int, ...], index: int) -> tuple[str, int]:
    """The word of the decider's cut (`ids`: `Decided.words`) the `index`-th Chinese
    character of `text` (at `position`) is in, and which of its characters that is. Only a
    few characters either side are looked at, so a passage costs its length: a word longer
    than the dictionary's longest looked for is cut short (and is no `unsure` word)."""
    start = index
    while start > 0 and ids[start - 1] == ids[index] and index - start < LONGEST:
        start -= 1
    end = index + 1
    while end < len(ids) and ids[end] == ids[index] and end - start <= LONGEST:
        end += 1
    return text[position - (index - start) : position + (end - index)], index - start


def _fits(tagged: tuple[str, int, str] | None, readings: tuple[str, ...]) -> str | None:
    """The reading of a character in the analyzer's word (`tagged`: the word, the
    character's place in it, its tag) that its part of speech picks among CC-CEDICT's
    readings of the word (`analysis.by_part_of_speech`; `readings`, a character's own)."""
    if tagged is None:
        return None
    word, at, tag = tagged
    if len(word) > 1:  # a word read two ways (同行 háng "a colleague", xíng "to go along")
        readings = tuple(" ".join(r) for r in analysis.word_readings(word))
        if len({r.split()[at] for r in readings}) < 2:
            return None
    fits = analysis.by_part_of_speech(word, tag, sorted(readings))
    return None if fits is None else fits.split()[at]


def _risk(p: dict[str, float], said: str, *, against: int, backing: int) -> float:
    """How likely `said` is wrong, from the means weighed: the model's probability of the
    other readings, and each other means (an analyzer's cut, a part of speech, a rule, a
    word of the dictionary) counted as one vote `against` it or `backing` it; the share
    of the votes against it."""
    if not p:
        return against / max(against + backing, 1)
    return (1.0 - _prob(p, said) + against) / (1 + against + backing)


def _same(a: str, b: str) -> bool:
    """The same reading, a neutral tone on either side taken for the other's."""
    return a == b or (a[:-1] == b[:-1] and "5" in (a[-1], b[-1]))


def _prob(p: dict[str, float], reading: str) -> float:
    return sum(v for r, v in p.items() if _same(r, reading))


def _weighed(base: str, in_word: bool, p: dict[str, float]) -> tuple[str, str | None, str]:
    """The reading said of a polyphone pypinyin reads `base` (`in_word`: in one of its
    words), by the model's probabilities `p`, the other reading where it is a doubt, and
    its ground (`WORD`, `ALONE`)."""
    ground = WORD if in_word else ALONE
    if not p:
        return base, None, ground
    ranked = sorted(p.items(), key=lambda kv: -kv[1])
    top, top_p = ranked[0]
    if in_word:
        if _prob(p, base) <= WORD_SURE and not _same(top, base):
            return top, base, ground  # not a reading of the character the model knows
        return base, None, ground
    if _same(top, base):
        return (base, None if top_p >= ALONE_DOUBT else _runner_up(base, ranked), ground)
    return top, _runner_up(top, ranked), ground


def _runner_up(said: str, ranked: list[tuple[str, float]]) -> str | None:
    return next((r for r, _ in ranked if not _same(r, said)), None)


def _other(said: str, p: dict[str, float], base: str, readings: tuple[str, ...]) -> str | None:
    """The other reading of a rule that leans: the model's likeliest other one, else
    pypinyin's, else the character's next reading."""
    ranked = sorted(p.items(), key=lambda kv: -kv[1])
    found = _runner_up(said, ranked)
    if found is not None:
        return found
    if not _same(base, said):
        return base
    return next((r for r in readings if not _same(r, said)), None)
