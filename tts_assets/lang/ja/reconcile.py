"""Reconciliation: what is said for a written text and the reading the content gives it.

The analyzer's reading of the written form is compared with the given reading (as
readings: script, notation and long-vowel spelling aside, see `kana.reading_key`):

- they agree: the written form is said as the dictionary says it (学生 ガクセー);
- they disagree: the given reading wins, said with a pronunciation from the dictionary
  where one matches it. First another of the analyzer's analyses of the whole form
  (御雑煮 as オ+ゾーニ); else the morphemes that agree at the start and the end keep
  their pronunciation and the part between is looked up alone, and spelled out from the
  given kana only where the dictionary has nothing (暗褐色 アン+カッショク);
- the reading is not usable (romaji, kanji, empty): it is never said; the written
  form is, as the analyzer reads it.

Bare readings (the kanji type's on'yomi and kun'yomi lists) have no written form to
compare: an on'yomi is one Sino-Japanese morpheme, so its e+i, o+u and u+u are long
vowels (セイ → セー); a kun'yomi is said as spelled (けいと stays け-い-と). Kana spelled
out, a kun'yomi or a reading no dictionary word matches, keep their vowels except a
palatalized syllable's u (いっぴょう: ピョー, `kana.as_spelled`).

Every verdict carries a message for a teacher, without its place (the caller adds the
file and the JSON path): `御雑煮: read as ごぞうに, content says おぞうに; spoke おぞうに`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from ...content.text import clean
from ...readings.form import short
from ...readings.overrides import NO_OVERRIDES, Override, Overrides
from . import context, dictionary, written_alike
from .accent import kana_accent, word_accent
from .analysis import Morpheme, alternatives, counter_doubts, first_analysis, laid, prepare
from .kana import (
    as_spelled,
    is_kana,
    is_kanji,
    is_katakana,
    kana_length,
    normalize_reading,
    reading_key,
    sino_japanese,
    to_hiragana,
    to_katakana,
    unusable_reason,
)

Kind = Literal["text", "onyomi", "kunyomi", "reading"]
"""`text`: a word or sentence, with or without a reading. `onyomi`, `kunyomi`: a bare
reading of a kanji. `reading`: a bare reading of either kind, told apart by script (a
dictionary's convention: on'yomi in katakana, kun'yomi in hiragana)."""
KINDS: tuple[Kind, ...] = get_args(Kind)

ReadingVerdict = Literal[
    "agree", "disagree", "corrected", "unusable", "unchecked", "doubt", "alike", "override", "bare"
]
"""`agree`: the analyzer reads the written form as the content does. `disagree`: it
reads it otherwise, and no dictionary gives the content's reading for the form; the
content's reading was said (a review row: the clip may be wrong). `corrected`: it reads
it otherwise, and the content's reading is one the form has (another of the analyzer's
analyses, or the dictionary, `dictionary`, reads it so); the content's reading was said
(a line in `readings`, not a review row). `unusable`: the content's reading
is not kana; the written form was said. `unchecked`: the content gives no reading.
`doubt`: none either, and a word of it is read two ways (`homographs`) that its sentence
does not decide; the
analyzer's reading was said, and the message names the other. `alike`: none either, and a
word of it is one the dictionaries read two ways (`written_alike`) that no rule decides: said
as the analyzer reads it, the message names the others (a line in `readings`, not a review row).
`override`: a reviewed pronunciation says the whole text. `bare`: a bare reading."""

Source = Literal[
    "analysis", "alternative", "composed", "override", "onyomi", "spelling", "sentence", "none"
]
"""Where the pronunciation comes from: the analyzer's first analysis, another of its
analyses, agreeing morphemes pieced together with the rest of the reading, an
override, the on'yomi rule, the kana as spelled, the analysis of the sentence a part said
apart belongs to (`sentence`: a cloze's gapped text), or nothing (nothing is said)."""

# How deep the part between agreeing morphemes is analyzed again on its own.
_COMPOSE_DEPTH = 2


@dataclass(frozen=True, slots=True)
class Reading:
    """What will be said for one text, and why."""

    written: str
    """The text as the content spells it (cleaned); for a bare reading, the reading."""
    given: str | None
    """The content's reading, normalized (None: the text has none, or is a bare reading)."""
    kind: Kind
    verdict: ReadingVerdict
    analyzed: str
    """The analyzer's reading of `written`, hiragana ("" for bare readings)."""
    pronunciation: str
    """What is said, katakana with ー; Kokoro phonemes of an override in [brackets]."""
    text_form: str
    """What a provider that takes text gets: the written form, or kana where it is misread."""
    message: str | None
    """For the report and the run's notes, without the place; None when all is well."""
    morphemes: tuple[Morpheme, ...]
    """What is said, word by word (the Kokoro phonemes are made from these)."""
    source: Source
    overrides: tuple[Override, ...] = ()
    """The overrides that changed what is said."""
    risk: float | None = None
    """How likely it is said wrong (0 to 1), for a `doubt` or `alike`, from the analyzer's
    weighing of its words' readings (`written_alike.otherwise`); None: not estimated (no
    such word, or a counter said as written)."""

    @property
    def says_anything(self) -> bool:
        """Whether there is anything to say (an unusable bare reading has nothing)."""
        return bool(self.morphemes)


def reconcile(
    written: str,
    given: str | None = None,
    kind: Kind = "text",
    overrides: Overrides = NO_OVERRIDES,
) -> Reading:
    """What to say for `written` with the content's reading `given`, and the verdict.

    For the bare kinds `written` is the reading itself and `given` the kanji it is a
    reading of, where the content names it (a kun'yomi is accented as the word it says),
    else None. Runs the analyzer (a few milliseconds; more when the readings differ).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if kind != "text":
        return _bare(written, kind, overrides, given)
    text = clean(written)
    reading = None if given is None else normalize_reading(given)
    if reading == "" and _spelled_in_kana(text):
        # A kana word is its own reading: an empty field beside it (exported content
        # leaves one) asks nothing.
        reading = None
    if not text:
        # A placeholder (the loader skips these): nothing to say, whatever the reading.
        return _Said(text, reading, "", (), "").reading("unchecked", (), "none")
    whole = overrides.get(text)
    if whole is not None:
        return _overridden(text, reading, whole)
    analysis = first_analysis(text)
    first, applied, runs = _with_overrides(analysis, overrides)
    analyzed = to_hiragana(_spelled(first))
    said = _Said(text, reading, analyzed, applied, _text_form(text, analysis, runs))
    if reading is None:
        return _without_reading(said, analysis, runs, first)
    reason = unusable_reason(reading)
    if reason is not None:
        return said.reading("unusable", first, "analysis", f"{text}: {reason}; spoke {analyzed}")
    if any(o.reading is None for o in applied):
        # Phonemes of an override cannot be compared with kana: the reviewer decided.
        return said.reading("override", first, "override", _override_message(text, applied))
    if _agrees(first, reading):
        return said.reading("agree", first, "analysis")
    return _disagreeing(said, reading, first, overrides)


def _without_reading(
    said: _Said,
    analysis: tuple[Morpheme, ...],
    runs: list[tuple[int, int, Override]],
    first: tuple[Morpheme, ...],
) -> Reading:
    """A text the content gives no reading: the analyzer's, with the doubts of its context
    rules and counters."""
    text = said.text
    doubted, alike = context.notes(analysis, runs, prepare(text))
    counted = counter_doubts(text)
    # A word the analyzer's model may read otherwise is a doubt like one the rules doubt;
    # one whose sentence settles it (`SETTLED`) is only noted, and counted.
    shown = [*doubted, *((n, r) for n, r in alike if r >= written_alike.SETTLED)]
    risks = [r for _, r in (*doubted, *alike)]
    risk = max(risks) if risks and not counted else None
    if shown or counted:
        doubt = "; ".join(dict.fromkeys([*(n for n, _ in shown), *counted]))
        return said.reading("doubt", first, "analysis", f"{short(text, 40)}: {doubt}", risk=risk)
    if alike:
        noted = "; ".join(dict.fromkeys(n for n, _ in alike))
        return said.reading("alike", first, "analysis", f"{short(text, 40)}: {noted}", risk=risk)
    return said.reading("unchecked", first, "analysis")


def _disagreeing(
    said: _Said, reading: str, first: tuple[Morpheme, ...], overrides: Overrides
) -> Reading:
    """A text the analyzer reads otherwise than the content: said as the content reads it,
    by the analyzer's other analyses (with the same overrides) where one agrees, else
    composed from them."""
    text = said.text
    paths = [first]
    for path in alternatives(text):
        path, path_applied, _ = _with_overrides(path, overrides)
        if path_applied == said.applied:
            paths.append(path)
    agreeing = next((path for path in paths if _agrees(path, reading)), None)
    source: Source = "alternative" if agreeing is not None else "composed"
    morphemes = agreeing or _compose(reading, paths, _COMPOSE_DEPTH)
    message = (
        f"{text}: read as {said.analyzed}, content says {reading}; "
        f"spoke {to_hiragana(_spelled(morphemes))}"
    )
    verdict: ReadingVerdict = "corrected"
    if agreeing is not None:
        message += ", as another analysis reads it"
    elif dictionary.gives(text.strip(_SIGNS), reading):
        message += ", a reading the dictionary gives it"
    else:
        verdict = "disagree"
    return said.reading(verdict, morphemes, source, message, reading)


_SIGNS = "。、！？!?.,…「」『』（）() 　"
"""Signs around a word that are not its written form (the dictionary's forms have none)."""


@dataclass(frozen=True)
class _Said:
    """The parts of a text's Reading that every verdict shares."""

    text: str
    given: str | None
    analyzed: str
    applied: tuple[Override, ...]
    text_form: str
    kind: Kind = "text"

    def reading(
        self,
        verdict: ReadingVerdict,
        morphemes: tuple[Morpheme, ...],
        source: Source,
        message: str | None = None,
        text_form: str | None = None,
        risk: float | None = None,
    ) -> Reading:
        return Reading(
            written=self.text,
            given=self.given,
            kind=self.kind,
            verdict=verdict,
            analyzed=self.analyzed,
            pronunciation="".join(m.pronunciation for m in morphemes),
            text_form=self.text_form if text_form is None else text_form,
            message=message,
            morphemes=morphemes,
            source=source,
            overrides=self.applied,
            risk=risk,
        )


def _bare(written: str, kind: Kind, overrides: Overrides, kanji: str | None = None) -> Reading:
    reading = normalize_reading(written)
    reason = unusable_reason(reading)
    if reason is not None:
        unusable = _Said(reading, None, "", (), "", kind)
        return unusable.reading("unusable", (), "none", f"{reason}; nothing spoken")
    override = overrides.get(reading)
    if override is not None:
        return _overridden(reading, None, override, kind)
    onyomi = kind == "onyomi" or (kind == "reading" and is_katakana(reading))
    pronunciation = sino_japanese(reading) if onyomi else as_spelled(reading)
    heard = None if onyomi or kanji is None else word_accent(reading, kanji, pronunciation)
    accent = heard if heard is not None else kana_accent(pronunciation)
    word = Morpheme(reading, to_katakana(reading), pronunciation, None, accent)
    said = _Said(reading, None, "", (), reading, kind)
    return said.reading("bare", (word,), "onyomi" if onyomi else "spelling")


def _overridden(text: str, given: str | None, override: Override, kind: Kind = "text") -> Reading:
    """`text` said as a reviewed pronunciation says it whole (a bare reading is not
    analyzed: it has no written form)."""
    analyzed = to_hiragana(_spelled(first_analysis(text))) if kind == "text" else None
    said = _Said(text, given, analyzed or "", (override,), override.reading or text, kind)
    message = _override_message(text, (override,), analyzed, given)
    return said.reading("override", _said_for(override), "override", message)


def _override_message(
    text: str,
    applied: Sequence[Override],
    analyzed: str | None = None,
    given: str | None = None,
) -> str:
    said = "; ".join(o.describe() for o in applied)
    message = f"{text}: override {said}"
    if analyzed is not None:
        message += f"; read as {analyzed}"
    if given is not None and (applied[0].reading is None or not _same(applied[0].reading, given)):
        message += f", content says {given}"
    return message


def _with_overrides(
    morphemes: tuple[Morpheme, ...], overrides: Overrides
) -> tuple[tuple[Morpheme, ...], tuple[Override, ...], list[tuple[int, int, Override]]]:
    """The analysis with each aligned override said its way (a built-in rule's too,
    `context`), the overrides, their runs."""
    runs = context.with_rules(morphemes, overrides)
    if not runs:
        return morphemes, (), runs
    out: list[Morpheme] = []
    position = 0
    for start, end, override in runs:
        out.extend(morphemes[position:start])
        out.extend(_said_for(override))
        position = end
    out.extend(morphemes[position:])
    return tuple(out), tuple(override for _, _, override in runs), runs


@functools.lru_cache(maxsize=4096)
def _said_for(override: Override) -> tuple[Morpheme, ...]:
    """The morphemes an override says: its reading with the dictionary's pronunciation."""
    if override.phonemes is not None:
        reading = to_katakana(override.reading or "")
        return (Morpheme(override.form, reading, f"[{override.phonemes}]", override.phonemes),)
    assert override.reading is not None
    return _span(override.form, override.reading, _COMPOSE_DEPTH + 1)


def _compose(
    reading: str, paths: Sequence[tuple[Morpheme, ...]], depth: int
) -> tuple[Morpheme, ...]:
    """`reading` said with the morphemes of `paths` that agree with it at its start and end.

    Takes the path whose agreeing morphemes at the start and at the end cover most of
    the reading; the written part between them is looked up alone (`_span`).
    """
    given = reading_key(reading)
    best: tuple[int, tuple[Morpheme, ...], int, int, int, int] | None = None
    for path in paths:
        key = reading_key(_spelled(path))
        bounds = [0]
        for morpheme in path:
            bounds.append(bounds[-1] + kana_length(morpheme.reading))
        head = max(
            k
            for k in range(len(path) + 1)
            if bounds[k] <= len(given) and key[: bounds[k]] == given[: bounds[k]]
        )
        tail = 0
        for m in range(1, len(path) - head + 1):
            length = bounds[-1] - bounds[len(path) - m]
            if bounds[head] + length > len(given):
                break
            if length == 0 or key[len(key) - length :] == given[len(given) - length :]:
                tail = m
            else:
                break
        tail_length = bounds[-1] - bounds[len(path) - tail]
        covered = bounds[head] + tail_length
        if best is None or covered > best[0]:
            best = (covered, path, head, tail, bounds[head], tail_length)
    assert best is not None
    _, path, head, tail, head_length, tail_length = best
    middle = path[head : len(path) - tail]
    between = reading[head_length : len(reading) - tail_length]
    written = "".join(m.surface for m in middle)
    return (*path[:head], *_span(written, between, depth), *path[len(path) - tail :])


def _span(written: str, reading: str, depth: int) -> tuple[Morpheme, ...]:
    """A part of a word said as `reading`: a dictionary analysis of it alone, else spelled.

    One kanji read with at most one on'yomi's length (キョウ) is taken for an on'yomi:
    its e+i, o+u and u+u are long (皇女 おうじょ: オー). A kun'yomi of one kanji with
    those spellings and no okurigana is rare; a Sino-Japanese word is not.
    """
    if not reading:
        return ()
    if written and depth > 0:
        first = first_analysis(written)
        if _agrees(first, reading):
            return first
        paths = [first, *alternatives(written)]
        agreeing = next((path for path in paths[1:] if _agrees(path, reading)), None)
        if agreeing is not None:
            return agreeing
        if depth > 1:
            return _compose(reading, paths, depth - 1)
    katakana = to_katakana(reading)
    onyomi = len(written) == 1 and is_kanji(written) and len(reading) <= _ONYOMI_KANA
    said = sino_japanese(katakana) if onyomi else as_spelled(katakana)
    return (Morpheme(written if onyomi else reading, katakana, said, None, kana_accent(said)),)


# The longest on'yomi spelling: three kana (キョウ, シュウ).
_ONYOMI_KANA = 3


def _spelled_in_kana(text: str) -> bool:
    letters = [c for c in prepare(text) if c.isalnum()]
    return bool(letters) and all(is_kana(c) for c in letters)


def _spelled(morphemes: Sequence[Morpheme]) -> str:
    return "".join(m.reading for m in morphemes)


def _agrees(morphemes: Sequence[Morpheme], reading: str) -> bool:
    return _same(_spelled(morphemes), reading)


def _same(a: str, b: str) -> bool:
    return reading_key(a) == reading_key(b)


def _text_form(
    text: str, analysis: Sequence[Morpheme], runs: Sequence[tuple[int, int, Override]]
) -> str:
    """`text` for a text provider: where an override applied, its reading instead."""
    if not any(override.reading for _, _, override in runs):
        return text
    prepared = prepare(text)
    spans = laid(prepared, analysis)
    if spans is None:
        # The analyzer rewrote the text (digits as kanji numerals): replace the forms
        # wherever they occur instead.
        for _, _, override in runs:
            if override.reading is not None:
                prepared = prepared.replace(prepare(override.form), override.reading)
        return prepared
    pieces: list[str] = []
    last = 0
    for start, end, override in runs:
        begin, finish = spans[start][0], spans[end - 1][1]
        pieces += [prepared[last:begin], override.reading or prepared[begin:finish]]
        last = finish
    pieces.append(prepared[last:])
    return "".join(pieces)
