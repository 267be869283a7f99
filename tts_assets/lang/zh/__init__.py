"""What a Chinese text is said as: the content's pinyin, else its reading decided from
its sentence; either with the tone changes a speaker makes.

Chinese content gives a word's reading in pinyin, as Japanese content gives kana. A voice
that can be told (its alphabet's `pinyin`: espeak-ng's Mandarin, Kokoro's Chinese) has its
front-end asked how it says the text with those syllables (`frontends.alphabets.
told_pinyin_each`): as it would (`agree`), from the pinyin where it reads a word otherwise
(`disagree`), or not at all (`unusable`). A syllable no dictionary gives its character
(呢 "nei") is a slip in the content, not a reading to say: the text is refused with the
reason, before the voice is asked.

A text without pinyin has its reading decided from its sentence (`decide.py`), the tone
changes of speech made (`sandhi.py`), and its voice asked how it says that: where it reads
a word otherwise it is given the decided reading (`decided_each`). A doubt is said the
likelier way and flagged naming both readings (`doubt_note`); a text its voice cannot be
made to say as decided is said as the voice reads it, flagged. The spoken pinyin is
recorded either way.

`reader.py` is what `readings.saying.Saying` asks of a Chinese text (`ChineseReader`,
named by the language's profile): these rules applied to a run's texts, each voice asked
once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ...content.item import READING_CHARS, excerpt
from ...frontends.alphabets import told_pinyin_each
from ...frontends.pinyin import hanzi_of, plain
from ...providers.base import PinyinSaid
from ...providers.engine import Engine
from ...readings.form import failed as failed
from ...readings.form import guarded, short
from ...readings.form import named as _named
from .decide import Decided, Doubt
from .pinyin import doubtful, same_reading, syllables_for

if TYPE_CHECKING:
    from .rules import Rules

PINYIN_RULES = "1"
"""Bump on any change to how a text with pinyin is said (it is part of the content key)."""
ONE_AND_NOT_RULES = "2"
"""The rules of a text with 一 or 不 (`spoken_material`)."""

DECIDED = "decided"
"""The verdict of a Chinese text without pinyin whose reading was decided from its
sentence (`decide.py`), sure of every polyphone: not a problem, not flagged."""


def pinyin_material(given: str, text: str) -> str:
    """What decides how a Chinese `text` with the pinyin `given` is said, for its content
    key: the syllables as said (the tone changes of speech made: `sandhi.py`), and the
    rules. The same for the content's pinyin and for a decided reading, so a word said
    one way is one clip whoever gave its reading."""
    from .sandhi import spoken

    numbered = syllables_for(text, given)
    if numbered is None:
        return f"pinyin {PINYIN_RULES}\x1f{given}"
    return spoken_material(spoken(text, numbered), text)


def pinyin_pieces(pieces: Sequence[str], given: str) -> list[str] | None:
    """The content's pinyin `given` of a text cut into `pieces` (at the pauses written
    in it), one part per piece: its syllables matched to the characters across the
    pauses (银[pause:0.5s]行 yínháng: yín | háng); "" for a piece without a Chinese
    character. None where the pinyin does not read as one syllable per character."""
    numbered = syllables_for("".join(pieces), given)
    if numbered is None:
        return None
    found: list[str] = []
    start = 0
    for piece in pieces:
        count = len(hanzi_of(piece))
        found.append(plain(numbered[start : start + count]))
        start += count
    return found


def spoken_material(spoken: Sequence[str], text: str) -> str:
    """The content-key material of `text` said as the numbered syllables `spoken`. A text
    with 一 or 不 names rules 2: their tone was the voice's own before, and is now the
    one decided (yí gè, bù hǎo), so its clip is made again; the others keep their keys."""
    rules = ONE_AND_NOT_RULES if any(c in "一不" for c in text) else PINYIN_RULES
    return f"pinyin {rules}\x1f{' '.join(spoken)}"


def before_asking(written: str, given: str) -> PinyinSaid | tuple[str, ...]:
    """What is decided of `written` with the content's pinyin `given` before asking its
    voice: the pinyin unreadable (said as written), a likely slip (`unusable`: refused),
    else its numbered syllables to ask about, as a speaker says them (`sandhi.spoken`)."""
    from .sandhi import spoken

    numbered = syllables_for(written, given)
    if numbered is None:
        return PinyinSaid(
            "unchecked",
            written,
            "",
            f"{written}: the pinyin {excerpt(given, READING_CHARS)!r} does not read as one "
            "syllable per character; said as written",
        )
    slips = doubtful(written, numbered)
    if slips:
        found = "; ".join(
            f"{char} {plain([syllable])} (it is read {', '.join(plain([r]) for r in readings)})"
            for char, syllable, readings in slips
        )
        return PinyinSaid(
            "unusable",
            written,
            "",
            f"{written}: the content's pinyin {excerpt(given, READING_CHARS)} gives {found}: "
            "likely a mistake in the pinyin, so no clip was made; fix the pinyin",
        )
    return spoken(written, numbered)


def _before_asking_safely(written: str, given: str) -> PinyinSaid | tuple[str, ...]:
    """`before_asking`, a failure of its rules on this text answered `failed`."""
    return guarded(
        lambda: before_asking(written, given),
        lambda e: PinyinSaid("failed", written, "", failed(written, "the pinyin rules", e)),
    )


def with_pinyin_each(
    texts: Sequence[tuple[str, str]], provider: Engine, voice: str
) -> list[PinyinSaid | None]:
    """How `provider` says each (text, the content's pinyin) of `texts` with `voice`:
    agreeing, from the pinyin where it reads a word otherwise (`CORRECTED` where the
    sentence reads it as the content does), or not at all (`unusable`)
    where it cannot be made to, or where the pinyin is a likely slip; `failed` where the
    rules failed on it (a bug). None: nothing to decide (the provider cannot tell)."""
    early = [_before_asking_safely(text, given) for text, given in texts]
    asked = [
        (text, given, ahead)
        for (text, given), ahead in zip(texts, early, strict=True)
        if isinstance(ahead, tuple)
    ]
    answers = ask_each(provider, [(text, ahead) for text, _, ahead in asked], voice)
    told = iter(_like_with_like(asked, answers, provider, voice))
    found = [next(told) if isinstance(ahead, tuple) else ahead for ahead in early]
    return corrected_each(texts, found)


def _like_with_like(
    asked: Sequence[tuple[str, str, tuple[str, ...]]],
    answers: Sequence[PinyinSaid | None],
    provider: Engine,
    voice: str,
) -> list[PinyinSaid | None]:
    """`answers` of `provider` to each (text, the content's pinyin, its syllables as
    said), judged like with like: a voice reads the characters without the tone changes
    of speech, so where it disagrees it is asked again with the content's syllables as a
    dictionary gives them (`sandhi.undone`: 你好 written ní hǎo or nǐ hǎo is nǐ hǎo).
    Agreeing then, the text agrees: it is still given the syllables as said (wó yǒu),
    not flagged. A disagreement left quotes the content's pinyin as written."""
    from .sandhi import undone

    found = list(answers)
    again: list[int] = []
    own: list[tuple[str, tuple[str, ...]]] = []
    for i, ((text, given, said), answer) in enumerate(zip(asked, answers, strict=True)):
        if answer is None or answer.verdict != "disagree":
            continue
        numbered = syllables_for(text, given)
        if numbered is None:
            continue
        cited = undone(text, numbered)
        if cited != said:  # a tone change made or written: compared without it
            again.append(i)
            own.append((text, cited))
    for i, second, (_, cited) in zip(again, ask_each(provider, own, voice), own, strict=True):
        first = found[i]
        assert first is not None
        text, _, said = asked[i]
        if second is not None and _either_way(first, second):
            note = f"{text}: said with the tone changes of speech ({plain(said)})"
            found[i] = replace(first, verdict="agree", message=note)
        elif second is not None and second.verdict == "disagree" and second.message:
            found[i] = replace(first, message=_quoted(second.message, cited, asked[i][1]))
    for i, answer in enumerate(found):
        if answer is not None and answer.verdict == "disagree" and answer.message:
            text, given, said = asked[i]
            found[i] = replace(answer, message=_quoted(answer.message, said, given))
    return found


def _either_way(first: PinyinSaid, second: PinyinSaid) -> bool:
    """Whether a voice asked with a text's syllables as said (`first`) and as a dictionary
    gives them (`second`) says every word one way or the other: a voice makes some tone
    changes itself and not others (espeak-ng says 一杯 yì bēi, and 请给 qǐng gěi without
    the change of two third tones), so no word it reads both ways wrong is a reading it
    disagrees with; told the syllables as said (`first.text`), it says each as spoken."""
    if second.verdict == "agree":
        return True
    if first.verdict != "disagree" or second.verdict != "disagree":
        return False
    return bool(first.misread and second.misread) and not set(first.misread) & set(second.misread)


def _quoted(message: str, numbered: Sequence[str], given: str) -> str:
    """A provider's `message` that quotes the syllables `numbered` as the content's
    pinyin, quoting the content's pinyin `given` as written instead."""
    return message.replace(
        f"the content says {plain(numbered)};", f"the content says {excerpt(given, READING_CHARS)};"
    )


CORRECTED = "corrected"
"""The verdict of a text with pinyin its voice reads otherwise, told the content's pinyin,
which its sentence reads so too (`corrected_each`): the voice's slip, mended; a line of
`readings`, not a problem for a teacher."""


def corrected_each(
    texts: Sequence[tuple[str, str]], answers: Sequence[PinyinSaid | None]
) -> list[PinyinSaid | None]:
    """`answers` (how a voice says each (text, the content's pinyin) of `texts`), each
    disagreement where every character the voice reads otherwise is read by the content
    as its sentence reads it made `CORRECTED`: the decider gives it that reading (or a
    doubt weighs it: not one of the calibration alone, `Doubt.calibrated`), or content
    may write either (`[variants]`: 谁 shéi, shuí); a text of one character, whose
    sentence is itself, where the content gives one of its readings
    (得 děi, 还 huán: which word a course lists is the course's choice). A disagreement left
    is one the sentence does not settle (打篮球 written dá: a tone the word has not)."""
    from .rules import rules

    asked = [
        i for i, a in enumerate(answers) if a is not None and a.verdict == "disagree" and a.misread
    ]
    decided = _decided_safely([texts[i][0] for i in asked])
    found = list(answers)
    for i, each in zip(asked, decided, strict=True):
        answer = found[i]
        assert answer is not None
        text, given = texts[i]
        numbered = _syllables_safely(text, given)
        if numbered is None or isinstance(each, str):
            continue
        if _confirmed(text, numbered, answer.misread, each, rules()):
            note = f"{answer.message}, as its sentence reads it"
            found[i] = replace(answer, verdict=CORRECTED, message=note)
    return found


def _confirmed(
    text: str, numbered: tuple[str, ...], misread: Sequence[int], each: Decided | None, known: Rules
) -> bool:
    """Whether the content's syllables `numbered` of `text` read each character at
    `misread` as its sentence does (`corrected_each`)."""
    from .pinyin import readings_of
    from .sandhi import spoken, undone
    from .simplified import simplified

    chars = hanzi_of(simplified(text) or text)
    if len(chars) != len(numbered):
        return False
    if len(chars) == 1:
        return numbered[0] in (readings_of(chars[0]) or ())
    if each is None or len(each.syllables) != len(numbered):
        return False
    said = spoken(text, each.syllables, each.words)
    cited = undone(text, numbered)
    others = {d.index: d.other for d in each.doubts if not d.calibrated}
    for k in misread:
        char, given = chars[k], numbered[k]
        mine = [each.syllables[k], said[k]] + ([others[k]] if k in others else [])
        if not any(same_reading(g, r, char) for g in (given, cited[k]) for r in mine) and not (
            known.variant(char, given, each.syllables[k])
        ):
            return False
    return True


@dataclass(frozen=True)
class Slip:
    """A polyphone the content's pinyin reads otherwise than its sentence."""

    index: int
    """Which of the text's Chinese characters."""
    char: str
    given: str
    """The content's syllable, numbered."""
    decided: str
    """The sentence's reading (`decide.py`), numbered."""
    why: str | None = None
    """The reason of the rule that decided it, if one did."""


def slips_each(texts: Sequence[tuple[str, str]]) -> list[str | None]:
    """For each (text, the content's pinyin): a note where the pinyin gives a polyphone
    another reading than its sentence does (`found_slips`): said as the content gives it
    (the content wins), but a teacher should look. None: nothing to say."""
    return [
        slip_note(text, given, found) if isinstance(found, tuple) else found
        for (text, given), found in zip(texts, found_slips(texts), strict=True)
    ]


def found_slips(texts: Sequence[tuple[str, str]]) -> list[tuple[Slip, ...] | str | None]:
    """For each (text, the content's pinyin): the polyphones it gives another reading than
    its sentence does, `decide.py` sure of its own (a rule, or the dictionary and the model
    agreeing; a doubt of the calibration alone is no doubt here: it flags a reading the
    decider gets wrong more than 1 time in 200, not one it leans against), as 都 dū in
    我都会去 (dōu). Only where the text decides:
    a polyphone a rule read by its neighbours, or one inside a word of the dictionary; a
    text of one character has nothing to read it by (只 zhī, the measure word, is a word
    a course lists as such), nor has the model alone. The reason where the decider
    failed on the text (a bug); None: none, or nothing decided (the decider not installed,
    the pinyin not one syllable per character). Readings content may write either way
    (`rules.toml`'s variants: 谁 shéi, shuí) and tones written as said (你好 ní hǎo,
    一个 yí gè) are not slips."""
    from .rules import rules

    pairs = [_syllables_safely(text, given) for text, given in texts]
    asked = [i for i, numbered in enumerate(pairs) if numbered is not None]
    found: list[tuple[Slip, ...] | str | None] = [None] * len(texts)
    decided = _decided_safely([texts[i][0] for i in asked])
    variants = rules()
    for i, each in zip(asked, decided, strict=True):
        numbered = pairs[i]
        if isinstance(each, str):
            found[i] = each
        elif each is not None and numbered is not None and len(numbered) == len(each.syllables):
            found[i] = _slips_of(texts[i][0], numbered, each, variants)
    return found


def _slips_of(
    text: str, numbered: tuple[str, ...], each: Decided, variants: Rules
) -> tuple[Slip, ...] | str | None:
    """The slips of one text whose content's pinyin (`numbered`) is one syllable per
    character of its sentence's reading (`each`): `found_slips`; a character alone has
    none (any of its readings may be the one meant)."""
    from .sandhi import spoken
    from .simplified import simplified

    if len(numbered) < 2:
        return None  # a character alone: any of its readings may be the one meant
    try:
        chars = hanzi_of(simplified(text) or text)  # the characters the rules know
        said = spoken(text, each.syllables, each.words)
        doubted = {d.index for d in each.doubts if not d.calibrated}
        why = dict(each.why)
        slips = tuple(
            Slip(k, chars[k], numbered[k], each.syllables[k], why.get(k))
            for k in each.polyphones
            if (k in why or k in each.in_words)
            and k not in doubted
            and not same_reading(numbered[k], each.syllables[k], chars[k])
            and not same_reading(numbered[k], said[k], chars[k])
            and not variants.variant(chars[k], numbered[k], each.syllables[k])
        )
    except MemoryError:
        raise  # memory ran out, not the rules: the run stops (exit 3)
    except Exception as e:  # a bug in the check, for this text alone
        return _unchecked(text, "the check", e)
    return slips or None


def _syllables_safely(text: str, given: str) -> tuple[str, ...] | None:
    """`syllables_for`, None where it fails on this text (the pinyin rules refuse that
    text with the reason: `before_asking`)."""
    return guarded(lambda: syllables_for(text, given), lambda e: None)


def _unchecked(text: str, what: str, error: BaseException) -> str:
    """The note of a text whose pinyin could not be checked against its sentence."""
    return (
        f"{short(text)}: its pinyin could not be checked against its sentence ({what} "
        f"failed: {short(_named(error), 120)}); said as the content gives it: a bug in "
        "tts-assets, please report it"
    )


def slip_note(text: str, given: str, slips: Sequence[Slip]) -> str:
    """The note of a text whose pinyin `given` reads polyphones otherwise than their
    sentence (`found_slips`)."""
    shown = [
        f"{s.char} {plain([s.given])} where its sentence reads {plain([s.decided])}"
        + (f" ({s.why})" if s.why else "")
        for s in slips[:WORDS_NAMED]
    ]
    more = len(slips) - WORDS_NAMED
    listed = "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
    return (
        f"{excerpt(text)}: the content's pinyin {excerpt(given, READING_CHARS)} gives {listed}; "
        "said as the content gives it: check the pinyin"
    )


def decide_simplified(texts: Sequence[str]) -> list[Decided | None]:
    """`decide_each` on each text in Simplified characters (`simplified.py`: 銀行 is
    decided as 银行), whose syllables are the text's as written; None for each where
    OpenCC is not installed (a Traditional text would be read otherwise: the voice's
    own reading is said)."""
    from .decide import as_written, decide_each
    from .simplified import simplified

    folded = [simplified(text) for text in texts]
    if any(f is None for f in folded):
        return [None] * len(texts)
    decided = decide_each([f for f in folded if f is not None])
    return [
        each if text == fold else as_written(text, each)
        for text, fold, each in zip(texts, folded, decided, strict=True)
    ]


def _decided_safely(texts: Sequence[str]) -> list[Decided | str | None]:
    """`decide_simplified(texts)`; where it fails, each text alone, one that fails
    answered with the reason (a bug in the decider, for that text alone)."""

    def alone(text: str) -> Decided | str | None:
        return guarded(
            lambda: decide_simplified([text])[0], lambda e: _unchecked(text, "the decider", e)
        )

    found: list[Decided | str | None] = guarded(
        lambda: [*decide_simplified(texts)], lambda e: [alone(text) for text in texts]
    )
    return found


@dataclass(frozen=True)
class Decision:
    """How a Chinese text without pinyin is said: its reading decided from the sentence
    (`decide.py`), with the tone changes of speech (`sandhi.py`), and what its voice is
    given to say it."""

    spoken: tuple[str, ...]
    """One numbered syllable per Chinese character, as said (你好 ni2 hao3)."""
    citation: tuple[str, ...]
    """The same with each syllable's own tone, as a dictionary writes it (nǐ hǎo)."""
    told: PinyinSaid | None
    """How its voice says them (`agree`: as it would; `disagree`: given `told.text` or
    `told.phonemes`; `unusable`: it cannot be made to); None: it cannot tell."""
    doubts: tuple[Doubt, ...] = ()
    decided: Decided | None = None

    @property
    def risk(self) -> float | None:
        """How likely the text is said wrong: the chance that any of its doubts is (each
        `Doubt.risk`, taken as independent); None: no doubt."""
        if not self.doubts:
            return None
        return 1 - math.prod(1 - (d.risk if d.risk is not None else 0.5) for d in self.doubts)

    @property
    def changed(self) -> bool:
        """Whether its voice is given the decided reading (it reads the text otherwise)."""
        return self.told is not None and self.told.verdict == "disagree"

    @property
    def reading(self) -> str:
        """The decided pinyin, with tone marks and each syllable's own tone, for the
        record (zhè zhī māo hěn kě ài): what a teacher checks against a dictionary."""
        return plain(self.citation)

    @property
    def said(self) -> str:
        """The pinyin as said, the tone changes made (zhè zhī māo hén kě ài)."""
        return plain(self.spoken)


def decided_each(texts: Sequence[str], provider: Engine, voice: str) -> list[Decision | str | None]:
    """Each Chinese text of `texts` (no pinyin in the content) decided (`decide.py`),
    with its tone changes (`sandhi.py`), and `provider` asked how it says that: a
    `Decision`; None where there is nothing to decide (no Chinese character, or the
    decider is not installed); the reason where a rule failed on it (a bug)."""
    return _told(texts, decide_simplified(texts), provider, voice)


def decided_together(
    groups: Sequence[Sequence[str]], provider: Engine, voice: str
) -> list[list[Decision | str | None]]:
    """Each group of pieces (a text cut at the pauses written in it) decided as one
    sentence, so a word across a pause is read as the word it is (银[pause:0.5s]行: yín
    háng, not yín | xíng), each piece then said with its own syllables, its tone changes
    made within it (a pause parts the syllables either side), and `provider` asked how it
    says each: `decided_each`'s answers, per piece of each group."""
    joined = decide_simplified(["".join(pieces) for pieces in groups])
    pieces: list[str] = []
    decided: list[Decided | None] = []
    for group, whole in zip(groups, joined, strict=True):
        counts = [len(hanzi_of(piece)) for piece in group]
        pieces += group
        if whole is None or sum(counts) != len(whole.syllables):
            decided += [None] * len(group)
            continue
        start = 0
        for count in counts:
            decided.append(_part(whole, start, start + count) if count else None)
            start += count
    told = iter(_told(pieces, decided, provider, voice))
    return [[next(told) for _ in group] for group in groups]


def _part(whole: Decided, start: int, end: int) -> Decided:
    """The decision of the characters `start` to `end` of a text decided `whole`, its
    indexes counted from `start`."""
    inside = range(start, end)
    return replace(
        whole,
        syllables=whole.syllables[start:end],
        polyphones=tuple(i - start for i in whole.polyphones if i in inside),
        doubts=tuple(replace(d, index=d.index - start) for d in whole.doubts if d.index in inside),
        why=tuple((i - start, why) for i, why in whole.why if i in inside),
        words=None if whole.words is None else whole.words[start:end],
        in_words=frozenset(i - start for i in whole.in_words if i in inside),
    )


def _told(
    texts: Sequence[str], decided: Sequence[Decided | None], provider: Engine, voice: str
) -> list[Decision | str | None]:
    """Each text with its reading `decided`, said with the tone changes (`sandhi.py`),
    and `provider` asked how it says that (`decided_each`)."""
    from .sandhi import spoken

    found: list[Decision | str | None] = []
    asked: list[tuple[str, tuple[str, ...]]] = []
    for text, each in zip(texts, decided, strict=True):
        if each is not None and known_readings(each.syllables):
            asked.append((text, spoken(text, each.syllables, each.words)))
    answers = ask_each(provider, asked, voice)
    kept = [each for each in decided if each is not None and known_readings(each.syllables)]
    asked, answers, kept = _voice_wins_doubts(provider, voice, asked, answers, kept)
    rest = iter(zip(asked, answers, kept, strict=True))
    for text, each in zip(texts, decided, strict=True):
        if each is None:
            found.append(None)
            continue
        if not known_readings(each.syllables):
            # A character no dictionary reads (䤈): its voice reads the text its own way,
            # flagged (`cannot_note`), never given a `?` to say.
            found.append(Decision(each.syllables, each.syllables, UNKNOWN, each.doubts, each))
            continue
        (_, syllables), answer, each = next(rest)
        if answer is not None and answer.verdict == "failed":
            found.append(answer.message or failed(text, f"{provider.name}'s pinyin rules", ""))
            continue
        found.append(Decision(syllables, each.syllables, answer, each.doubts, each))
    return found


UNKNOWN = PinyinSaid("unusable", "", "", "")
"""How a text with a character of no known reading is told: not at all."""


def _voice_wins_doubts(
    provider: Engine,
    voice: str,
    asked: list[tuple[str, tuple[str, ...]]],
    answers: list[PinyinSaid | None],
    decided: list[Decided],
) -> tuple[list[tuple[str, tuple[str, ...]]], list[PinyinSaid | None], list[Decided]]:
    """The decisions `asked` (their voice's `answers`) where the voice reads a doubted
    polyphone of a word (two characters or more of the dictionary) otherwise: asked again
    with the doubt's other reading, and where the voice says that one as it would, said
    so, still flagged (a guess never overrides a voice's own reading of its word: 大夫
    dàifu where the decider leans to dàfū). A doubt of the calibration alone is none here
    (`Doubt.calibrated`: the dictionary's word, which g2pM doubts, is said: 便宜 pián yi
    where espeak-ng reads biàn). A character alone is the decider's to read
    (看孩子 kān, where a voice reads kàn)."""
    from .sandhi import spoken

    again: list[tuple[int, frozenset[int], Decided]] = []
    for k, (each, answer) in enumerate(zip(decided, answers, strict=True)):
        if answer is None or answer.verdict != "disagree":
            continue
        swapped = frozenset(
            d.index
            for d in each.doubts
            if d.index in answer.misread and d.index in each.in_words and not d.calibrated
        )
        if not swapped:
            continue
        syllables = list(each.syllables)
        doubts = []
        for d in each.doubts:
            if d.index in swapped:
                syllables[d.index] = d.other
                d = replace(d, said=d.other, other=d.said)
            doubts.append(d)
        tried = replace(each, syllables=tuple(syllables), doubts=tuple(doubts))
        again.append((k, swapped, tried))
    if not again:
        return asked, answers, decided
    alternatives = [(asked[k][0], spoken(asked[k][0], t.syllables, t.words)) for k, _, t in again]
    asked, answers, decided = list(asked), list(answers), list(decided)
    retold = ask_each(provider, alternatives, voice)
    for (k, swapped, tried), alternative, answer in zip(again, alternatives, retold, strict=True):
        if answer is None or answer.verdict == "failed" or swapped & set(answer.misread):
            continue
        asked[k], answers[k], decided[k] = alternative, answer, tried
    return asked, answers, decided


def known_readings(syllables: Sequence[str]) -> bool:
    """Whether every syllable is a reading (the dictionaries give `?` where they know
    none)."""
    return all(s[-1:].isdigit() for s in syllables)


def decided_note(text: str, decision: Decision) -> str:
    """What was decided of `text`, for the record: its reading, and the words its voice
    reads otherwise (said from the decision)."""
    told = decision.told
    note = f"{excerpt(text)}: decided {decision.reading}"
    if decision.spoken != decision.citation:
        note += f", said {decision.said}"
    if told is not None and told.verdict == "disagree" and told.misread:
        chars = hanzi_of(text)
        words = _runs(sorted(set(told.misread)), chars)
        note += f" (its voice reads {', '.join(words[:WORDS_NAMED])} otherwise)"
    return note


def doubt_note(text: str, decision: Decision) -> str:
    """The doubts of `text`, each polyphone with both readings, and what was said."""
    shown = [
        f"{d.char} {plain([d.said])} or {plain([d.other])}" for d in decision.doubts[:WORDS_NAMED]
    ]
    more = len(decision.doubts) - WORDS_NAMED
    listed = ", ".join(shown) + (f" and {more} more" if more > 0 else "")
    return (
        f"{excerpt(text)}: read two ways ({listed}); said as {decision.said}: check it, "
        "or give the text its pinyin"
    )


def cannot_note(text: str, name: str, decision: Decision) -> str:
    """The doubt of a text its voice cannot be made to say as decided."""
    return (
        f"{excerpt(text)}: decided {decision.reading}, which {name} cannot be made to say; "
        f"said as {name} reads it: check it, or give the text its pinyin"
    )


WORDS_NAMED = 5
"""The most words or doubts a note names (a passage may hold many)."""


def _runs(indexes: list[int], chars: Sequence[str]) -> list[str]:
    """The runs of consecutive characters at `indexes`, as words (便宜)."""
    runs: list[list[int]] = []
    for i in indexes:
        if i >= len(chars):
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return ["".join(chars[i] for i in run) for run in runs]


def ask_each(
    provider: Engine, texts: Sequence[tuple[str, tuple[str, ...]]], voice: str
) -> list[PinyinSaid | None]:
    """How `voice` says each (text, numbered pinyin) of `texts`, asked of its alphabet's
    front-end (`told_pinyin_each`), each text's answer on its own where the batch fails
    (asked again by halves down to the text that fails): a text whose rules fail is
    answered `failed` with the reason (a bug, to report), and never stops another's."""
    if not texts:
        return []

    def by_halves(_: Exception) -> list[PinyinSaid | None]:
        if len(texts) == 1:
            return [_alone(provider, texts[0][0], texts[0][1], voice)]
        # Halves, not each text alone: a text the rules fail on costs a few batches, where
        # asking each text alone costs a voice switch each in espeak-ng.
        half = len(texts) // 2
        return [*ask_each(provider, texts[:half], voice), *ask_each(provider, texts[half:], voice)]

    return guarded(lambda: _told_pinyin_each(provider, texts, voice), by_halves)


def _told_pinyin_each(
    provider: Engine, texts: Sequence[tuple[str, tuple[str, ...]]], voice: str
) -> list[PinyinSaid | None]:
    """The front-end of `voice`'s alphabet asked how it says each of `texts`, from what
    `provider` says with it (`phonemes_of_each`)."""
    said_by, alphabet = provider.said_by(voice), provider.alphabet(voice)
    return told_pinyin_each(alphabet, texts, lambda a: provider.phonemes_of_each(a, voice), said_by)


def _alone(provider: Engine, text: str, numbered: tuple[str, ...], voice: str) -> PinyinSaid:
    why = f"{provider.name}'s pinyin rules"
    found = guarded(
        lambda: _told_pinyin_each(provider, [(text, numbered)], voice)[0],
        lambda e: PinyinSaid("failed", text, "", failed(text, why, e)),
    )
    return found if found is not None else PinyinSaid("unchecked", text, "", "")
