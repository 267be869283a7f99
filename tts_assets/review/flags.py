"""The tool's own doubts about each clip: which flags exist, and the rules that raise them.

Facts recorded by the run raise most flags directly (a reading disagreement, a refused
text, a joined passage, a clip the listening check heard otherwise). Two come from the
audio: near-silent and clipped clips, judged against fixed levels. One comes from
comparing a clip with its peers: the duration flag.

**Duration.** How long a clip should be depends on the voice (speaking rate), the language
and the text, and every clip carries a fixed cost (onset, final lengthening), so seconds per
character alone would make every one-kana reading look slow. For each group of clips with
the same language, provider, voice and tempo (a slow twin's peers are the twins at its
tempo), speech seconds (the tool's own silences inside a clip left out: a cloze's gaps,
written pauses, the joins between its sentence pieces) are fitted as `a + b * units` (units:
phonemes where recorded, else characters weighted by how much they are spoken,
`length_units`; a Chinese text's weighed by the tones its pinyin gives, `tone_length`) with
the Theil-Sen estimator, the median of pairwise slopes, which ignores up to 29 % of wild
points, so the clips we are looking for do not bend the line toward themselves. Each clip's
deviation is the log of measured over predicted speech (twice as long and half as long are
equally odd), scaled by the group's median absolute deviation: a robust z-score (Iglewicz
and Hoaglin's modified z). Clips at |z| >= 3.5 are flagged, their threshold for outliers.
Groups smaller than `MIN_GROUP` are not judged (too few peers to know what is usual), and
the scale has a floor, so a very consistent voice is not flagged for a 20 % difference. A
voice that is wrong the same way on most of its clips (espeak-ng spelling every kanji out)
is its own norm and is not flagged by this rule: the flag finds clips unlike their peers.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from ..languages import Lang, hook
from ..pauses import SENTENCE_S, split, without_pauses
from ..readings.form import risk_rank
from .row import Flag, Row

Tone = Literal["serious", "doubt", "note"]
"""How the page marks a flag: a clip that is surely wrong or missing, a doubt, a note."""


@dataclass(frozen=True)
class FlagKind:
    """One kind of doubt: its code (in rows, the page and filters), label and meaning."""

    code: str
    label: str
    meaning: str
    tone: Tone = "doubt"


FLAGS: tuple[FlagKind, ...] = (
    FlagKind("refused", "Not voiced", "The text gets no clip; the reason says why.", "serious"),
    FlagKind(
        "missing", "No clip", "The text should have a clip and has none that plays.", "serious"
    ),
    FlagKind(
        "heard",
        "Heard otherwise",
        "The listening check (Whisper base) heard something else than the text: listen "
        "to what it says.",
        "serious",
    ),
    FlagKind(
        "accent",
        "Accent",
        "verify --accent heard the Japanese word with another pitch accent than its "
        "text's, or its minimal pair cannot be told apart: a learner would imitate it.",
        "serious",
    ),
    FlagKind(
        "length",
        "Length contrast",
        "A minimal pair of a long and a short vowel, or a geminate (おばさん/おばあさん, "
        "きて/きって), whose clips differ by under half a mora where the length mora is: "
        "the difference the pair teaches is barely there.",
        "serious",
    ),
    FlagKind(
        "reading",
        "Reading disagrees",
        "The dictionary reads the written form differently from the content's reading, "
        "and gives the form no such reading (a Japanese one it gives is a line of "
        "`readings`); the content's reading was spoken.",
        "serious",
    ),
    FlagKind(
        "reading-unusable",
        "Reading unusable",
        "The content's reading is not kana (romaji, empty) and was not spoken.",
    ),
    FlagKind(
        "reading-doubt",
        "Reading unsure",
        "A word of the text is read two ways and the content gives no reading: the "
        "likelier was spoken (the analyzer's, or for Chinese the reading decided from the "
        "sentence), which the sentence may not mean; the detail names both. Give the text "
        "its reading if it is the other.",
    ),
    FlagKind(
        "notation",
        "Notation said",
        "The text holds what a word list or a page writes but no one says: a plural or "
        "gender after a comma (`die Adresse,-en`), or a token that is no word "
        "(`213082_20_SV`); it was said as written. Write the word alone, or put the "
        "notation in parentheses (a note, left unsaid).",
    ),
    FlagKind("override", "Override", "A pronunciation override decided what was said."),
    FlagKind(
        "numbers",
        "Number unsure",
        "A number, date or abbreviation could be read more than one way: it was said as "
        "written, or as the detail says; listen to it.",
    ),
    FlagKind("quiet", "Near-silent", "The speech is far quieter than the loudness target."),
    FlagKind("clipped", "Clipped", "The audio reaches full scale and may crackle."),
    # A note, not a doubt: on the real Chinese courses none of the clips it marked was wrong
    # once the readings were (`benchmarks/review_precision.py`).
    FlagKind(
        "duration",
        "Odd length",
        "Much longer or shorter than this voice's other clips of similar length.",
        "note",
    ),
    FlagKind(
        "joined", "Joined", "Spoken in sentence pieces and joined: listen at the joins.", "note"
    ),
)
"""Every flag, most serious first: the order of a row's flags and of the flags-first sort."""

CODES = tuple(kind.code for kind in FLAGS)

NOTES = frozenset(kind.code for kind in FLAGS if kind.tone == "note")
READINGS = ("reading", "reading-unusable", "reading-doubt", "override", "numbers")
"""The flags of what a clip was decided to say: ranked among themselves by the risk their
reader estimates (`readings.form.risk_rank`), not by kind."""


def flags_first(rows: Sequence[Row]) -> list[int]:
    """Each row's place in the flags-first order: the most serious flag first, a doubted
    reading by its `risk_rank` (as `readings` ranks its notes), ties in content order."""

    def rank(index: int) -> tuple[int, float, int]:
        # A note (a passage joined from pieces) is worth knowing, not a doubt: unflagged.
        doubts = [f.code for f in rows[index].flags if f.code not in NOTES]
        if not doubts:
            return len(CODES), 0.0, index
        first = doubts[0]
        if first in READINGS:
            return CODES.index(READINGS[0]), risk_rank(rows[index].risk), index
        return CODES.index(first), 0.0, index

    order = sorted(range(len(rows)), key=rank)
    return sorted(range(len(rows)), key=order.__getitem__)  # the place each row has in it


Z_THRESHOLD = 3.5
"""Iglewicz and Hoaglin's cut-off for a modified z-score."""
MIN_GROUP = 12
"""Fewest clips of one language and voice for the duration rule to judge them."""
SCALE_FLOOR = 0.08
"""Smallest spread assumed, in natural log units (8 %): at the threshold a clip is then at
least 1.32 times longer (or shorter) than predicted."""
FIT_POINTS = 200
"""Most clips the slope is fitted on (pairs grow as the square), spread over the lengths."""
SHORTEST_PREDICTION_S = 0.1
"""A fitted line may predict less for the shortest texts; no speech is shorter."""
QUIET_LU = 10.0
"""Speech this far under the loudness target is near-silent (clips are normalised to it)."""
QUIET_DBFS = -40.0
"""A clip whose loudest 10 ms is under this holds hardly any sound."""

_NOTATION = re.compile(
    # a plural or gender after a comma: ",-en", ", -Ä, e", ", ¨-er", ", -" (dashes or an
    # umlaut mark, then a suffix's letters or nothing more, then the token's end)
    r",\s*[-\u2010\u2011\u00a8\u2e17]+(?:[^\W\d_]{1,4}(?=[\s,;/)]|$)|(?=\s*(?:[,;)]|$)))"
    # a character no language writes inside a word, beside a letter or a digit: an id's
    # underscore (213082_20_SV), an equals sign, a bar, a backslash, an umlaut mark
    r"|(?<=[^\W_])[_=|\\\u00a8]|[_=|\\\u00a8](?=[^\W_])"
)
"""Dictionary notation and tokens that are no words of any language, as they are said
(`notation_in`)."""

_SMALL_KANA = set("ぁぃぅぇぉゃゅょゎゕゖァィゥェォャュョヮヵヶ")
_PAUSES = set("、。，．,.!?！？;；:：…")


def length_units(text: str) -> float:
    """How much there is to say in `text`, in about one kana mora per unit.

    Kana count one (small kana join the one before), kanji and Hangul syllables one and a
    half (one to three morae, a syllable), other letters half (letters per syllable in
    Latin script), digits two (read as words), punctuation inside the text two (a
    pause). The fit scales units to seconds per voice, so only their proportions matter.
    """
    body = text.strip().rstrip("".join(_PAUSES) + " ")
    units = 0.0
    for char in body:
        code = ord(char)
        if char in _SMALL_KANA:
            continue
        if 0x3041 <= code <= 0x30FF or 0xFF66 <= code <= 0xFF9D:
            units += 1.0
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xAC00 <= code <= 0xD7A3:
            units += 1.5
        elif char in _PAUSES or char.isdigit():
            units += 2.0
        elif char.isalpha():
            units += 0.5
    return units


def tone_length(text: str, lang: Lang, reading: str | None) -> float:
    """How much longer or shorter than its units say `text` is spoken, by its language's
    `spoken_length` (Chinese: its syllables' tones, from its pinyin `reading`); 1 for a
    language that declares none, or a text without a reading."""
    known = lang.profile
    if not reading or known is None or not known.spoken_length:
        return 1.0
    length: Callable[[str, str], float] = hook(known.spoken_length)
    return length(text, reading)


def phoneme_units(phonemes: str) -> float:
    """How much there is to say in a phoneme string: one unit per sound, long marks included."""
    body = phonemes.strip().rstrip("".join(_PAUSES) + " ")
    return float(sum(2 if c in _PAUSES else 1 for c in body if not c.isspace() and c not in "ˈˌ"))


def assess(rows: Iterable[Row], *, target_lufs: float = -18.0) -> list[Row]:
    """`rows` with their flags set, most serious first; `target_lufs` is the run's target."""
    rows = list(rows)
    durations = _duration_flags(rows)
    assessed = []
    for index, row in enumerate(rows):
        found = [*_fact_flags(row), *_audio_flags(row, target_lufs)]
        if index in durations:
            found.append(durations[index])
        found.sort(key=lambda f: CODES.index(f.code))
        assessed.append(replace(row, flags=tuple(found)))
    return assessed


def notation_in(spoken: str) -> str:
    """Where `spoken` holds dictionary notation or a token that is no word (`_NOTATION`),
    quoted with what is around it; "" where it holds none."""
    hit = _NOTATION.search(spoken)
    if hit is None:
        return ""
    start = max(0, spoken.rfind(" ", 0, max(0, hit.start() - 1)) + 1)
    end = spoken.find(" ", hit.end() + 1)
    shown = spoken[start : end if end >= 0 else len(spoken)].strip(" ,;")
    return f'"{shown}" is said as written'


def _fact_flags(row: Row) -> list[Flag]:
    found = []
    if row.status in ("refused", "missing"):
        found.append(Flag(row.status, row.reason))
    if row.listened == "flagged":
        found.append(Flag("heard", f'heard "{row.heard}": {row.listen_note}'))
    if row.accent:
        found.append(Flag("accent", row.accent))
    if row.contrast:
        found.append(Flag("length", row.contrast))
    check = row.reading_check
    if check is not None and check.status != "agreed":
        found.append(Flag(check.status, check.detail))
    if row.status == "clip" and (notation := notation_in(without_pauses(row.spoken))):
        found.append(Flag("notation", notation))
    sentences = row.pieces - len(split(row.spoken).pauses)  # a cloze's gaps join no sentence
    if sentences > 1:
        found.append(Flag("joined", f"joined from {sentences} sentence pieces"))
    return found


def _audio_flags(row: Row, target_lufs: float) -> list[Flag]:
    m = row.measures
    if m is None or row.status != "clip":
        return []
    found = []
    if m.loudest_dbfs is None or m.loudest_dbfs < QUIET_DBFS:
        level = "no sound" if m.loudest_dbfs is None else f"{m.loudest_dbfs:.0f} dBFS"
        found.append(Flag("quiet", f"loudest 10 ms: {level}"))
    elif m.lufs is None or m.lufs < target_lufs - QUIET_LU:
        level = "below the meter's gate" if m.lufs is None else f"{m.lufs:.1f} LUFS"
        found.append(Flag("quiet", f"speech at {level}, target {target_lufs:g} LUFS"))
    if m.reaches_full_scale:
        found.append(Flag("clipped", f"peak {m.peak:.3f} of full scale"))
    return found


def _duration_flags(rows: Sequence[Row]) -> dict[int, Flag]:
    """The duration flag of each outlying row, by index, judged within its group."""
    groups: dict[tuple[Lang, str, str, float | None, bool], list[tuple[int, float, float]]] = {}
    for index, row in enumerate(rows):
        m = row.measures
        speech = 0.0 if m is None else m.speech - own_silence(row)
        if row.status != "clip" or speech <= 0:
            continue
        by_phonemes = bool(row.phonemes)
        said = without_pauses(row.spoken)
        units = phoneme_units(row.phonemes or "") if by_phonemes else length_units(said)
        units *= tone_length(row.text, row.lang, row.reading)
        if units <= 0:
            continue
        # A twin is judged among its tempo's: a ladder's twins among the clips they are
        # stretched from would be a third of the group or more, long by design.
        group = (row.lang, row.provider, row.voice, row.tempo, by_phonemes)
        groups.setdefault(group, []).append((index, units, speech))
    flags: dict[int, Flag] = {}
    for members in groups.values():
        if len(members) >= MIN_GROUP:
            flags.update(_outliers(members))
    return flags


def own_silence(row: Row) -> float:
    """The seconds of silence the tool put inside `row`'s clip: its written pauses (a
    cloze's gaps, the one before its first word too) and the joins between its sentence
    pieces. Its speech is the rest: the length compared with its peers'."""
    found = split(row.spoken)
    written = sum(found.pauses) + found.lead if found.problem is None else 0.0
    joins = max(0, row.pieces - 1 - len(found.pauses))
    return written + joins * SENTENCE_S


def _outliers(members: list[tuple[int, float, float]]) -> dict[int, Flag]:
    """Members (index, units, speech seconds) whose speech is far from the group's line."""
    intercept, slope = theil_sen([(u, s) for _, u, s in members])
    predicted = [max(SHORTEST_PREDICTION_S, intercept + slope * u) for _, u, _ in members]
    residuals = [math.log(s / p) for (_, _, s), p in zip(members, predicted, strict=True)]
    centre = statistics.median(residuals)
    mad = statistics.median(abs(r - centre) for r in residuals)
    scale = max(1.4826 * mad, SCALE_FLOOR)  # 1.4826 MAD estimates a normal's deviation
    flags = {}
    for (index, _, seconds), expected, residual in zip(members, predicted, residuals, strict=True):
        z = (residual - centre) / scale
        if abs(z) >= Z_THRESHOLD:
            usual = expected * math.exp(centre)
            word = "long" if z > 0 else "short"
            flags[index] = Flag(
                "duration",
                f"{word}: {seconds:.2f} s of speech where this voice's clips of this length "
                f"take about {usual:.2f} s (z {z:+.1f})",
            )
    return flags


def theil_sen(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """(intercept, slope) of the Theil-Sen line through `points` (x, y), its pairs taken
    from at most `FIT_POINTS` points spread over the sorted x; slope 0 for one distinct x."""
    ordered = sorted(points)
    step = max(1, math.ceil(len(ordered) / FIT_POINTS))
    sample = ordered[::step]
    slopes = [
        (y2 - y1) / (x2 - x1)
        for i, (x1, y1) in enumerate(sample)
        for x2, y2 in sample[i + 1 :]
        if x2 != x1
    ]
    slope = statistics.median(slopes) if slopes else 0.0
    intercept = statistics.median(y - slope * x for x, y in points)
    return intercept, slope
