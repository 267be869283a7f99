"""The content's pinyin, read as syllables with tone numbers: `pián yi` → pian2 yi5.

A clip must say the content's reading where a provider would read the characters
otherwise (便宜 "cheap" is pián yi, and espeak-ng reads biàn yí). `syllables_for` turns
pinyin with tone marks or numbers, spaced or not, into numbered syllables: one per
character, ü as v, 5 for the neutral tone, an erhua `r` as its own er5 (一点儿 yìdiǎnr).
Letters run together are cut as pinyin's spelling allows (a syllable inside a word starts
with a, o or e only after an apostrophe: kěnéng is kě néng, never kěn éng), and where it
allows more than one cut, as the characters are read (方案 fāngàn: fāng àn). `doubtful`
finds the syllables no dictionary gives their character (呢 "nei"): more likely a slip in
the content than a reading to say. It uses pypinyin when it is installed (the `kokoro-zh`
extra), and says nothing without it.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Callable, Sequence
from importlib import resources

from ...frontends.pinyin import hanzi_of, plain
from .lexicon import lexicon

_SYLLABLES = frozenset(
    tomllib.loads(resources.files(__package__).joinpath("syllables.toml").read_text("utf-8"))[
        "syllables"
    ].split()
)
"""Every pinyin syllable without its tone (pypinyin's, ü written v)."""

_LONGEST = max(map(len, _SYLLABLES))
_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
"""Combining marks of the four tones (ā á ǎ à, decomposed)."""
_CHUNK = re.compile(r"[a-zü\u0304\u0301\u030c\u0300\u0308]+[1-5]?", re.IGNORECASE)


def syllables(pinyin: str, count: int | None = None) -> tuple[str, ...] | None:
    """The content's `pinyin` as numbered syllables (pian2, yi5), or None when it is not
    pinyin this can read, or (given `count`, its number of characters) not one syllable
    per character. Letters run together are cut as pinyin's spelling allows (`_cut`):
    kěnéng is kě néng, never kěn éng; xīān is xī ān."""
    return _read(pinyin, count, None)


@functools.lru_cache(maxsize=1 << 16)
def syllables_for(text: str, pinyin: str) -> tuple[str, ...] | None:
    """The content's `pinyin` of `text` as numbered syllables, one per Chinese character
    of `text`, or None when it does not read so. Kept for a course's texts: the content
    key, the voice's check and the sentence's check of one text read its pinyin alike
    (cutting run-together letters is the costly part)."""
    chars = hanzi_of(text)
    return _read(pinyin, len(chars), chars)


_VARIANTS = str.maketrans(
    {"ɑ": "a", "ɡ": "g", "’": "'", "\u3000": " "}
    | {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
)
"""Letters Chinese typesetting writes pinyin with (ɑ, ɡ), the curly apostrophe, and
full-width letters, digits and signs (ｍěｉ ｔｉāｎ, ｍｅｉ３: an input method's), as
ASCII."""


def _chunks(pinyin: str) -> list[tuple[str, list[tuple[int, int]], int | None]] | None:
    """The runs of letters of `pinyin`: their letters (ü as v), where each tone mark is
    (the index of the letter it sits on, the tone), and the tone number after them."""
    text = unicodedata.normalize("NFD", pinyin.translate(_VARIANTS))
    runs: list[tuple[str, list[tuple[int, int]], int | None]] = []
    for match in _CHUNK.finditer(text):
        run = match.group()
        number = int(run[-1]) if run[-1].isdigit() else None
        letters = ""
        marks: list[tuple[int, int]] = []
        for char in run[:-1] if number is not None else run:
            if char in _TONE_MARKS:
                marks.append((len(letters) - 1, _TONE_MARKS[char]))
            elif char == "\u0308":
                letters = letters[:-1] + "v"  # ü
            else:
                letters += char.lower()
        runs.append((letters, marks, number))
    if any(c.isalnum() for c in _CHUNK.sub("", text)):
        return None
    return runs


_ALONE = frozenset({"m", "n", "ng", "hm", "hng"})
"""Interjections, read only as a run of their own (not the n of xian)."""
_LONGEST_RUN = 96
"""The most letters read as one run (16 syllables of 6): a longer one is no word."""
_SLACK = 4
"""How many syllables the runs of a text may give more or fewer, all told, than each
run's own best cut, to meet its number of characters (Xian for 西安: xi an)."""

Score = tuple[int, int]
"""A cut's flaws, fewest first: syllables no reading of their character has, then
syllables starting with a, o or e inside a run (pinyin writes an apostrophe there)."""
Fits = Callable[[int, str], bool]
"""Whether the character at an index (among the text's) is read as a syllable (no tone)."""
Cuts = dict[int, tuple[Score, tuple[str, ...]]]
"""A run's best cut for each number of syllables: its flaws and its numbered syllables."""


def _read(pinyin: str, count: int | None, chars: Sequence[str] | None) -> tuple[str, ...] | None:
    """`pinyin` as numbered syllables, `count` of them when given, each run cut with the
    fewest flaws (`Score`) against `chars` (the characters they say) when given."""
    chunks = _chunks(pinyin)
    if not chunks:
        return None
    fits = _fitting(chars) if chars is not None else None
    own = [_cut(*chunk, 0, None) for chunk in chunks]
    if any(not cuts for cuts in own):
        return None
    # Each run's own best cut: the fewest flaws, then the fewest syllables.
    best = [min(cuts.items(), key=lambda kv: (kv[1][0], kv[0])) for cuts in own]
    if count is None:
        return tuple(s for _, (_, found) in best for s in found)
    if abs(count - sum(k for k, _ in best)) > _SLACK:
        return None
    return _joined(chunks, own, [k for k, _ in best], count, fits)


Chunk = tuple[str, Sequence[tuple[int, int]], int | None]
"""A run of letters, its tone marks (at, tone) and its tone number, if any (`_chunks`)."""
Steps = list[dict[int, tuple[int, tuple[str, ...]]]]
"""Per run, for each count of syllables after it, the count before it and its syllables."""


def _joined(
    chunks: Sequence[Chunk],
    own: Sequence[Cuts],
    counts: Sequence[int],
    count: int,
    fits: Fits | None,
) -> tuple[str, ...] | None:
    """The runs' cuts that give `count` syllables with the fewest flaws, the characters
    each says known from the syllables before it; a run's count kept within `_SLACK` of
    its own best cut's (`counts`), so each run is cut at a few starting characters at
    most. None: no such cut, or one only syllables their characters do not have make."""
    states: dict[int, Score] = {0: (0, 0)}
    steps: Steps = []
    expected = 0
    for chunk, k_own in zip(chunks, counts, strict=True):
        expected += k_own
        ahead: dict[int, Score] = {}
        came: dict[int, tuple[int, tuple[str, ...]]] = {}
        for start, score in states.items():
            cuts = own[len(steps)] if fits is None else _cut(*chunk, start, fits)
            for k, (flaws, found) in cuts.items():
                end = start + k
                if end > count or abs(end - expected) > _SLACK:
                    continue
                total = (score[0] + flaws[0], score[1] + flaws[1])
                if end not in ahead or total < ahead[end]:
                    ahead[end] = total
                    came[end] = (start, found)
        states = ahead
        steps.append(came)
    if count not in states:
        return None
    if count != expected and (fits is None or states[count][0]):
        return None  # a count met only by syllables their characters do not have
    return _traced(steps, count)


def _traced(steps: Steps, count: int) -> tuple[str, ...]:
    """The syllables of the best cut ending at `count`, each run's traced back."""
    pieces: list[tuple[str, ...]] = []
    at = count
    for came in reversed(steps):
        at, piece = came[at]
        pieces.append(piece)
    return tuple(s for piece in reversed(pieces) for s in piece)


def _cut(
    letters: str,
    marks: Sequence[tuple[int, int]],
    number: int | None,
    first: int,
    fits: Fits | None,
) -> Cuts:
    """The ways to cut one run of `letters` into syllables, each with at most one of the
    tone `marks` (or the run's tone `number`, which makes it one syllable), the best for
    each number of syllables; its first syllable says the character at `first`.

    Pinyin's spelling decides most cuts, the characters (`fits`) the rest (the module's
    docstring shows both). Letters that no
    syllables make (or a run longer than `_LONGEST_RUN`) give no cut."""
    if len(letters) > _LONGEST_RUN:
        return {}
    if letters in _ALONE:
        if len(marks) > 1:
            return {}
        tone = number or (marks[0][1] if marks else 5)
        return {1: (_flaws(fits, first, letters, False), (f"{letters}{tone}",))}
    # best[j][s]: the best cut of letters[:j] into s syllables: (flaws, lengths, syllables).
    best: list[dict[int, Cut]] = [{} for _ in range(len(letters) + 1)]
    best[0][0] = ((0, 0), (), ())
    for start in range(len(letters)):
        for s, (score, lengths, found) in best[start].items():
            for end in range(start + 1, min(len(letters), start + _LONGEST) + 1):
                said = _syllable(letters, marks, number, start, end)
                if said is None:
                    continue
                flaws = _flaws(fits, first + s, said[:-1], start > 0 and letters[start] in "aoe")
                total = (score[0] + flaws[0], score[1] + flaws[1])
                _keep(best[end], s + 1, (total, (*lengths, end - start), (*found, said)))
    cuts = {s: (score, found) for s, (score, _, found) in best[len(letters)].items()}
    if number is not None:
        return {1: cuts[1]} if 1 in cuts else {}
    return cuts


Cut = tuple[Score, tuple[int, ...], tuple[str, ...]]
"""A cut of the start of a run: its flaws, its syllables' lengths, its numbered syllables."""


def _syllable(
    letters: str, marks: Sequence[tuple[int, int]], number: int | None, start: int, end: int
) -> str | None:
    """`letters[start:end]` as a numbered syllable inside its run (its tone from the one
    mark on it, the run's number, or 5); None where no syllable is spelled so, or it
    has two marks."""
    piece = letters[start:end]
    if piece == "r" and start > 0:
        piece = "er"  # erhua: 点儿 dianr
    elif piece not in _SYLLABLES or piece in _ALONE:
        return None
    inside = [tone for at, tone in marks if start <= at < end]
    if len(inside) > 1:
        return None
    tone = number if number is not None else (inside[0] if inside else 5)
    return f"{piece}{tone}"


def _keep(row: dict[int, Cut], count: int, candidate: Cut) -> None:
    """`candidate` kept as the best cut into `count` syllables where it has fewer flaws;
    equal flaws: the longer syllable first (xian, not xi an, where both fit)."""
    held = row.get(count)
    if (
        held is None
        or candidate[0] < held[0]
        or (candidate[0] == held[0] and candidate[1] > held[1])
    ):
        row[count] = candidate


def _flaws(fits: Fits | None, index: int, syllable: str, vowel_inside: bool) -> Score:
    """The flaws (`Score`) of `syllable` saying the character at `index`; `vowel_inside`:
    it starts with a, o or e inside its run."""
    misfit = fits is not None and not fits(index, syllable)
    return (int(misfit), int(vowel_inside))


def _fitting(chars: Sequence[str]) -> Fits | None:
    """Whether each character of `chars` (by index) is read as a syllable, by pypinyin;
    None when it is not installed. A character it knows no reading of fits anything."""
    words = lexicon()
    if words is None:
        return None

    def fits(index: int, syllable: str) -> bool:
        if index >= len(chars):
            return True
        readings = words.readings(chars[index])
        return not readings or syllable in {r[:-1] for r in readings}

    return fits


CHANGING = "一不"
"""Characters whose tone changes with the next syllable's (yī → yì zhī)."""


def same_reading(given: str, read: str, char: str) -> bool:
    """Whether the numbered syllable `read` says the content's `given` for `char`: the
    same letters, and the same tone unless either is neutral or `char` is 一 or 不."""
    if given[:-1] != read[:-1]:
        return False
    return given[-1] == read[-1] or "5" in (given[-1], read[-1]) or char in CHANGING


def doubtful(text: str, numbered: Sequence[str]) -> list[tuple[str, str, tuple[str, ...]]]:
    """The content's syllables that no dictionary gives their character: (character,
    syllable, the readings it has), for 呢 "nei" (ne, ní) or 妹 "jie" (mèi). Tones are not
    judged (a tone the dictionary lacks is often sandhi). Empty when pypinyin is not
    installed, or the characters and syllables do not pair up."""
    chars = hanzi_of(text)
    if len(chars) != len(numbered):
        return []
    words = lexicon()
    if words is None:
        return []
    found = []
    for char, syllable in zip(chars, numbered, strict=True):
        readings = words.readings(char)
        if readings and syllable[:-1] not in {r[:-1] for r in readings} and syllable != "er5":
            found.append((char, syllable, readings))
    return found


def readings_of(char: str) -> tuple[str, ...] | None:
    """The numbered readings pypinyin gives `char` (empty: none known); None when pypinyin
    is not installed."""
    words = lexicon()
    return None if words is None else words.readings(char)


TONE_LENGTH = {"1": 1.0, "2": 1.15, "3": 1.05, "4": 0.9, "5": 0.55}
"""How long a Chinese syllable of each tone is said, against a first tone (a neutral
tone's particle 的, 吗 about half, as measured on the voices' clips)."""


def tone_length(text: str, reading: str) -> float:
    """How much longer or shorter than its units say a Chinese text is spoken, by the
    tones of the syllables its pinyin `reading` gives it (the content's, or the one
    decided): the mean of their `TONE_LENGTH` (the review page's length flags,
    `Language.spoken_length`). 1 for pinyin that does not read one syllable per
    character."""
    numbered = syllables_for(text, reading)
    if not numbered:
        return 1.0
    return sum(TONE_LENGTH.get(s[-1], 1.0) for s in numbered) / len(numbered)


def reads(form: str, reading: str) -> bool:
    """Whether `reading` is pinyin of `form`, one syllable per character
    (`Language.reads`: the pronunciations file names it)."""
    return syllables_for(form, reading) is not None


_NUMBERED = re.compile(r"(?<![A-Za-z0-9])[a-zv]+[1-5](?![0-9])")
"""A numbered syllable written among the characters of a text said (`ni2 喜欢`)."""


def marked(said: str) -> str:
    """`said` with each numbered syllable written with its tone mark (`ni2 喜欢` → `ní 喜欢`),
    as a reader of pinyin reads it; what is no syllable (mp3) as it is."""
    return _NUMBERED.sub(lambda m: plain([m[0]]) if m[0][:-1] in _SYLLABLES else m[0], said)
