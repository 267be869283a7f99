"""The pitch accent a Japanese text is said with: high and low, mora by mora, phrase by phrase.

Tokyo Japanese marks each word with where its pitch falls: after the first mora
(雨 あ\\め, HL), after a later one (橋 はし\\, LH and then the particle low), or nowhere
(飴 あめ, LH and the particle high). An *accent phrase* is a word with the particles
and endings that lean on it; its *accent* is the mora after which the pitch falls,
0 for none. Its pattern follows from that alone: the first mora low unless the fall
comes right after it, the morae up to the fall high, those after it low.

A text is a run of accent phrases, and what it is told is its *pattern*: each phrase's
H and L, the phrases spaced (`HLL LHLLLL`, 今日は暑いですね。), `|` where a pause (a
comma, a sentence's end) starts the pitch range again, and `R` on the last mora of a
question, which rises (`HLL HLLLR`, 駅はどこですか？), or `V` where that mora is the first
low after the word's fall (雨？ `HV`: the fall kept, then the rise). Between the phrases of one
stretch the range steps down after each phrase whose pitch fell (downstep): `levels`
turns a pattern into a height per mora, which is what a provider that takes a pitch is
told (`phoneme_pitch`), and what `verify --accent` hears each phrase against
(`phrases_of_pattern`).

The phrases come from the analyzer's accent rules over the whole text (OpenJTalk's NJD:
each word's accent type, the chain rules joining particles, endings and compounds to
their phrase, numbers with counters), carried by the words the readings engine decided
(`Morpheme.accent`, `Morpheme.joins`): `told_pattern`. Where the content states an
accent (`pitchPattern`: H and L per mora, or an accent number), it wins:
`stated_pattern`. Plain string work but for the analyzer's calls, which import
pyopenjtalk on first use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from ...audio.accent_contour import HIGH, LOW, level_letter
from ...scripts.kana import kana_morae, mora_groups
from .analysis import Morpheme, first_analysis
from .kana import is_kana, to_hiragana

RISE = "R"
"""A question's last mora: it rises above the phrase."""
DIP = "V"
"""A question's last mora where it is the first low after the phrase's fall (雨？ `HV`,
木？ `V`): low, then rising, so the word keeps its fall and the question its rise."""
PAUSE = "|"
"""Between two phrases with a pause between them: the range starts again."""

ACCENT_RULES = "2"
"""Bump on any change here that changes what a text is told for the same words (part of
the content key of every told clip). 2: every text, phrase by phrase, with downstep."""

_PAUSE_SIGNS = frozenset("、。，．,.！？!?；;：:…‥—")
"""Signs after which the voice pauses and the pitch range starts again."""
_QUESTION_SIGNS = frozenset("？?")
_END_SIGNS = frozenset("。．.")
"""Signs that end a statement (or a question asked with か)."""

DOWNSTEP = 0.7
"""The height of a phrase's high after a phrase whose pitch fell, as a share of the one
before (the range is the voice's own, its low 0 and its high 1)."""
DRIFT = 0.05
"""How much lower a phrase's high is after a phrase that did not fall (declination)."""
LOWEST_HIGH = 0.5
"""The lowest a phrase's high steps down to: its rise and fall stay audible."""
INITIAL_DIP = 0.5
"""How far below its high a phrase inside a stretch starts (its first mora's low); the
first phrase after a pause starts at the voice's low."""
RISE_HEIGHT = 1.2
"""A question's last mora: above the voice's high."""


@dataclass
class AccentPhrase:
    """One accent phrase of a text: its kana and where its pitch falls."""

    kana: str
    """How it is said, in katakana with ー (ハシヲ)."""
    morae: int
    """How many morae it has."""
    accent: int
    """The mora after which the pitch falls (1 = after the first); 0: it does not fall
    (and where it is not known: an override's phonemes; flat is the commonest)."""
    pause_before: bool = False
    """A pause comes before it (a sign, the text's start): the pitch range starts again."""
    rises: bool = False
    """The phrase ends a question: its last mora rises."""

    @property
    def pattern(self) -> str:
        """High and low per mora, `H`/`L` (橋を, accent 2: LHL)."""
        return accent_pattern(self.accent, self.morae)


def accent_pattern(accent: int, morae: int) -> str:
    """The H/L pattern of a phrase of `morae` morae whose pitch falls after `accent`."""
    if morae <= 0:
        return ""
    if accent == 1:
        return HIGH + LOW * (morae - 1)
    if accent == 0 or accent > morae:
        return LOW + HIGH * (morae - 1)
    return LOW + HIGH * (accent - 1) + LOW * (morae - accent)


def word_morae(morpheme: Morpheme) -> int:
    """How many morae a word is said in (0 for punctuation)."""
    if morpheme.phonemes is not None:
        return len(mora_groups(list(morpheme.phonemes)))
    return len(kana_morae("".join(c for c in morpheme.pronunciation if is_kana(c))))


def _phrases(morphemes: Sequence[Morpheme]) -> list[AccentPhrase]:
    """The accent phrases `morphemes` are said in: each with whether a pause comes before
    it and whether it ends a question (before ？, or ending in the particle か before 。
    or the text's end)."""
    phrases: list[AccentPhrase] = []
    current: AccentPhrase | None = None
    pause = True  # the text's start: the range is fresh
    last: Morpheme | None = None
    for morpheme in morphemes:
        size = word_morae(morpheme)
        if size == 0:
            if not morpheme.is_symbol:
                continue
            signs = set(morpheme.surface) | set(morpheme.pronunciation)
            if current is not None:
                if signs & _QUESTION_SIGNS or (signs & _END_SIGNS and _asks(last)):
                    current.rises = True
                phrases.append(current)
                current = None
            pause = pause or bool(signs & _PAUSE_SIGNS)
            last = None
            continue
        said = morpheme.pronunciation if morpheme.phonemes is None else "?"
        if current is None or not morpheme.joins:
            if current is not None:
                phrases.append(current)
            current = AccentPhrase("", 0, morpheme.accent or 0, pause)
            pause = False
        current.kana += said
        current.morae += size
        last = morpheme
    if current is not None:
        current.rises = _asks(last)
        phrases.append(current)
    return phrases


def _asks(word: Morpheme | None) -> bool:
    """Whether a phrase ending in `word` before 。 (or the text's end) asks: the particle か."""
    return word is not None and word.joins and word.surface in ("か", "カ")


def kana_accent(kana: str) -> int:
    """The accent of a word said as `kana` (spelled out from a reading, a bare reading),
    as the analyzer accents that kana alone; 0 (flat, the commonest accent) when it reads
    it as more than one phrase or other morae. For the readings engine's decisions (kept
    in the reading memo), never for planning."""
    said = "".join(c for c in kana if is_kana(c))
    if not said:
        return 0
    try:
        words = first_analysis(to_hiragana(said))
    except MemoryError:
        raise  # memory ran out, not the rules: the run stops (exit 3)
    except Exception:  # the analyzer's bug: flat, never a crash
        return 0
    return _one_phrase(words, len(kana_morae(said))) or 0


def _one_phrase(words: Sequence[Morpheme], morae: int) -> int | None:
    """The accent of `words` said as one phrase of `morae` morae; None where they are not."""
    phrases = _phrases(words)
    return phrases[0].accent if len(phrases) == 1 and phrases[0].morae == morae else None


def word_accent(reading: str, kanji: str, said: str) -> int | None:
    """The accent of a bare kun'yomi of `kanji` (`たべる` of 食, `みず` of 水) said as
    `said`, as the word it says (食べる, 水): the kanji with the reading's last kana as its
    ending, the longest ending first, where the analyzer reads that word as the reading as
    one phrase of as many morae; None where it reads none so (its kana alone, then)."""
    from .kana import reading_key

    spelled = reading.replace("-", "").replace(".", "")
    if not spelled:
        return None
    morae = len(kana_morae("".join(c for c in said if is_kana(c))))
    for cut in range(len(spelled) - 1, -1, -1):
        words = first_analysis(kanji + spelled[len(spelled) - cut :] if cut else kanji)
        if reading_key("".join(m.reading for m in words)) == reading_key(spelled):
            return _one_phrase(words, morae)
    return None


def told_pattern(morphemes: Sequence[Morpheme]) -> str:
    """The pattern (the module doc) a text said as `morphemes` is told: the analyzer's
    accent phrases, "" when nothing is said."""
    out = ""
    for index, phrase in enumerate(_phrases(morphemes)):
        if index:
            out += f" {PAUSE} " if phrase.pause_before else " "
        out += with_rise(phrase.pattern) if phrase.rises else phrase.pattern
    return out


def with_rise(pattern: str) -> str:
    """A phrase's H/L `pattern` ending a question: its last mora rising (`RISE`), or, where
    that mora is the first low after the fall (or the one mora of a word that falls),
    low and then rising (`DIP`): 雨？ `HV`, not `HR`, which would say 飴？."""
    if pattern.endswith(HIGH + LOW) or pattern == HIGH:
        return pattern[:-1] + DIP
    return pattern[:-1] + RISE


def expected_accent(text: str) -> tuple[AccentPhrase, ...]:
    """The accent phrases of `text` as the analyzer (OpenJTalk) accents it alone."""
    return tuple(_phrases(first_analysis(text)))


def phrases_of_pattern(pattern: str) -> list[str]:
    """The phrases of a told `pattern`, each H/L per mora (`R` kept: a question's rise)."""
    return [p for p in pattern.replace(PAUSE, " ").split() if p]


def levels(pattern: str) -> list[float]:
    """The height of each mora of a told `pattern`, 0 the voice's low and 1 its high:
    each phrase's H at its stretch's current high, which steps down after a phrase whose
    pitch fell (`DOWNSTEP`) and drifts down a little after one that did not; a phrase's
    low after its fall at the voice's low; its first low, before its rise, at the voice's
    low after a pause and `INITIAL_DIP` below its high inside a stretch; a question's last
    mora above the voice's high."""
    heights: list[float] = []
    for stretch in pattern.split(PAUSE):
        high = 1.0
        for index, phrase in enumerate(stretch.split()):
            risen = False
            for letter in phrase:
                if letter == HIGH:
                    heights.append(high)
                    risen = True
                elif letter == RISE:
                    heights.append(RISE_HEIGHT)
                elif letter == DIP:
                    heights.append(0.0)  # its low: `level_letters` says it rises
                elif risen or index == 0:
                    heights.append(0.0)
                else:
                    heights.append(max(0.0, high - INITIAL_DIP))
            fell = "HL" in phrase or "HR" in phrase or "HV" in phrase or phrase == DIP
            high = max(LOWEST_HIGH, high * DOWNSTEP if fell else high - DRIFT)
    return heights


def level_letters(pattern: str) -> str:
    """`levels` of `pattern` as one letter per mora, as a provider is told them: `H` the
    voice's high, `L` its low, a digit its tenths between them, `+` above the high (a
    question's rise), `V` low and then rising (`DIP`)."""
    said = pattern.replace(PAUSE, "").replace(" ", "")
    return "".join(
        DIP if letter == DIP else level_letter(height)
        for letter, height in zip(said, levels(pattern), strict=True)
    )


def phoneme_pitch(phonemes: str, pattern: str) -> str | None:
    """The level of each symbol of Kokoro Japanese `phonemes` (`level_letters`; a space
    for spaces and signs) saying `pattern`; None when its morae are not the pattern's
    morae (a text said otherwise than the phrases count it)."""
    groups = mora_groups(list(phonemes))
    letters = level_letters(pattern)
    if len(groups) != len(letters) or not letters:
        return None
    out = [" "] * len(phonemes)
    for group, level in zip(groups, letters, strict=True):
        for index in group:
            out[index] = level
    return "".join(out)


_ACCENT_NUMBER = re.compile(r"^\s*[\[(（［]?\s*(\d{1,2})\s*[\])）］]?\s*$")
_HL = re.compile(r"^[HL]+$")
_SEPARATORS = re.compile(r"[\s/・]+")


class AccentProblem(ValueError):
    """A stated accent that cannot be the accent of its text (the message says why)."""


def stated_pattern(value: object, phrase_morae: Sequence[int]) -> str:
    """The told pattern of a text whose analyzer's phrases have `phrase_morae` morae, from
    the accent the content states (`value`):

    - an accent number (0, "2", "[1]"): the whole text one phrase falling there;
    - H and L per mora (`LHH`, `l-h-h`), optionally one more for the particle after a word
      alone (NHK style: 橋 `LHL`, which a clip of the word does not say): one phrase, or,
      when it is not one phrase's pattern, the analyzer's phrases each taking its morae;
    - phrases spaced or slashed (`LHH HLL`, `LHH/HLL`), `|` for a pause: as written.

    AccentProblem naming what is wrong for anything else."""
    morae = sum(phrase_morae)
    if morae <= 0:
        raise AccentProblem("the text says no morae to give an accent")
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise AccentProblem(f"{value!r} is not an accent: give a number or H and L per mora")
    if isinstance(value, int):
        return _numbered(value, morae)
    # Full-width letters and digits (ＨＬ, １) are the ASCII ones.
    value = unicodedata.normalize("NFKC", value)
    number = _ACCENT_NUMBER.match(value)
    if number:
        return _numbered(int(number.group(1)), morae)
    written = value.strip().upper().replace("-", "")
    parts = [p for p in _SEPARATORS.split(written.replace(PAUSE, f" {PAUSE} ")) if p]
    if len([p for p in parts if p != PAUSE]) > 1:
        return _spaced(value, parts, morae)
    return _lettered(value, "".join(p for p in parts if p != PAUSE), phrase_morae)


def _lettered(value: str, letters: str, phrase_morae: Sequence[int]) -> str:
    """The pattern of `value` written as one run of H and L (`letters`): one phrase, or
    the analyzer's phrases each taking its morae (the last maybe rising)."""
    morae = sum(phrase_morae)
    # The tool's own pattern of a question, as the dry run shows it (`HLLLR`, `HV`).
    if not (letters[-1:] in (RISE, DIP) and _HL.match(letters[:-1] or "H")):
        if not _HL.match(letters):
            raise AccentProblem(f"{value!r} is not an accent number nor H and L per mora")
        if len(letters) == morae + 1:
            letters = letters[:morae]  # the particle's letter, not said in the clip
    if len(letters) != morae:
        raise AccentProblem(f"{value!r} gives {len(letters)} morae, the text says {morae}")
    told = _rising(letters)
    if told is not None:
        return told
    ends = list(accumulate(phrase_morae))
    cut = [letters[start:end] for start, end in zip([0, *ends], ends, strict=False)]
    if len(cut) > 1 and all(_is_pattern(p) for p in cut[:-1]):
        last = _rising(cut[-1])
        if last is not None:
            return " ".join([*cut[:-1], last])
    raise AccentProblem(f"{value!r}: a phrase rises once at most, then falls once")


def _numbered(accent: int, morae: int) -> str:
    if 0 <= accent <= morae:
        return accent_pattern(accent, morae)
    raise AccentProblem(f"accent {accent} is past the text's {morae} morae")


def _spaced(value: str, parts: list[str], morae: int) -> str:
    """The pattern of `value` written as phrases (`parts`, `|` for a pause), as written."""
    phrases = [p for p in parts if p != PAUSE]
    if not all(_HL.match(p) and _is_pattern(p) for p in phrases[:-1]) or (
        _rising(phrases[-1]) is None
    ):
        raise AccentProblem(f"{value!r}: each phrase rises once at most, then falls once")
    if sum(map(len, phrases)) != morae:
        raise AccentProblem(
            f"{value!r} gives {sum(map(len, phrases))} morae, the text says {morae}"
        )
    parts[-1] = _rising(parts[-1]) or parts[-1]
    return " ".join(parts).replace(" | ", f" {PAUSE} ")


def _rising(phrase: str) -> str | None:
    """`phrase` (H and L per mora, its last maybe `R` or `V`: a question's rise) as told:
    an `R` on the first low after the fall is a `V` (`with_rise`); None when it is no
    phrase's pattern."""
    if not phrase or not phrase.endswith((RISE, DIP)):
        return phrase if phrase and _HL.match(phrase) and _is_pattern(phrase) else None
    base = phrase[:-1]
    if not base:
        return phrase  # one mora: rising (気？ R), or falling and then rising (木？ V)
    if not _HL.match(base):
        return None
    falls = [p for p in (base + HIGH, base + LOW) if _is_pattern(p)]
    if not falls:
        return None
    if phrase.endswith(DIP):
        fell = base + LOW
        return with_rise(fell) if fell in falls and with_rise(fell).endswith(DIP) else None
    # R: from high where the phrase may end high (LHR: flat), else after its fall.
    return with_rise(falls[0])


def _is_pattern(pattern: str) -> bool:
    """Whether `pattern` is one a Tokyo accent can make (one rise at most, then one fall)."""
    return any(accent_pattern(a, len(pattern)) == pattern for a in range(len(pattern) + 1))


def phrase_morae(morphemes: Sequence[Morpheme]) -> list[int]:
    return [p.morae for p in _phrases(morphemes)]
