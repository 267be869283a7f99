"""What each new Japanese clip says: its reading reconciled before it is made.

The plan names a clip by what the readings engine decided it says
(`readings.said_material`), read from the reading memo where it holds the decision, so a
run with nothing to make loads no analyzer once the memo is warm. Before a clip is made its
decision is made again without the memo (`redecide`). Here, for the clips that are to be
made (or that a dry run lists), what is said is set (`readings.reconcile`):
the written form when the analyzer reads it as the content does, else the content's
reading with its pronunciation; a reading that is not kana is never said. A provider that
takes phonemes (Kokoro) gets the exact phonemes; one that takes text gets the form that
makes it say the agreed reading (the kana, where the written form would be misread).

Every verdict a teacher should see is returned with its place:

    kanji.json › [12] › examples › [0] › word:
        御雑煮: read as ごぞうに, content says おぞうに; spoke おぞうに
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

from ..content.item import READING_CHARS, Item, excerpt
from ..providers.base import PinyinSaid, Provider
from ..providers.pinyin import doubtful, hanzi_of, phrase_reading, plain, syllables
from ..readings import Kind, Overrides, Reading, kokoro_phonemes, reconcile
from ..readings.memo import decide_all
from .plan import Clip, Plan, ToRead

SHOWN = ("disagree", "unusable", "override")
PINYIN = "pinyin"
"""The kind of a Chinese text read with the content's pinyin (not the Japanese engine's)."""
RESPELL = "respell"
"""The kind of a text in another language than Japanese with a respelled word in it."""
PINYIN_RULES = "1"
"""Bump on any change to how a text with pinyin is said (`decide_pinyin`)."""
"""Verdicts reported with their places (agreement and bare readings are not news)."""


@dataclass(frozen=True)
class ReadingNote:
    """A verdict a teacher should see, at one place of the content."""

    place: str
    verdict: str
    message: str

    def line(self) -> str:
        return f"{self.place}: {self.message}"

    def as_json(self) -> dict[str, str]:
        return {"place": self.place, "verdict": self.verdict, "message": self.message}


def reading_work(item: Item, overrides: Overrides, *, takes_phonemes: bool) -> ToRead | None:
    """What the engine reconciles for `item`, or None when the provider reads it as is.

    Japanese texts with a reading, bare readings (a text provider says them as spelled,
    unless an override names one), and texts an override touches, passages spoken in
    pieces included (each piece is said with the overrides); not a kana chart's sounds.
    """
    base = item.lang.split("-")[0].lower()
    if base == "zh" and item.reading is not None and not item.split and item.kind == "text":
        # Chinese with the content's pinyin: said as it gives it (`decide_pinyin`).
        return ToRead(item.spoken, item.reading, PINYIN)
    if base != "ja":
        # A word of the team's respellings, in a text of any other language.
        if overrides.respellings and overrides.respelled_in(item.spoken):
            return ToRead(item.spoken, None, RESPELL)
        return None
    if item.lang.split("-")[0].lower() != "ja" or item.kind == "kana":
        return None
    if item.split:
        touched = bool(overrides) and bool(overrides.touching(item.spoken))
        return ToRead(item.spoken, None, "text") if touched else None
    if item.kind == "reading":
        if not takes_phonemes and overrides.get(item.spoken) is None:
            return None
        return ToRead(item.spoken, None, "reading")
    if item.reading is not None:
        return ToRead(item.spoken, item.reading, "text")
    if overrides and overrides.touching(item.spoken):
        return ToRead(item.spoken, None, "text")
    return None


def said(work: ToRead, overrides: Overrides, cache: dict[ToRead, Reading]) -> Reading:
    """The engine's decision for `work`, once per distinct work in `cache`."""
    found = cache.get(work)
    if found is None:
        found = cache[work] = reconcile(work.written, work.given, cast(Kind, work.kind), overrides)
    return found


def worth_a_look(decided: Reading) -> tuple[str, str] | None:
    """(verdict, message) of a decision a teacher should see: a problem, or an override
    applied (inside a sentence too); None for agreement and plain bare readings."""
    if decided.verdict in SHOWN and decided.message:
        return decided.verdict, decided.message
    if decided.overrides:
        applied = "; ".join(o.describe() for o in decided.overrides)
        return "override", f"{decided.written}: said with the override {applied}"
    return None


def redecide(plan: Plan, overrides: Overrides) -> bool:
    """Decide anew, without the reading memo, what each new clip says (before it is
    made): whether every decision its key was made from holds. Where one does not, the
    memo now holds the fresh decision, and the content must be planned again (the key
    covers what is said)."""
    wanted = [clip for clip in plan.new if clip.works]
    fresh = decide_all([w for clip in wanted for w in clip.works], overrides, fresh=True)
    return all(tuple(fresh[w] for w in clip.works) == clip.decisions for clip in wanted)


def decide(
    plan: Plan,
    takes_phonemes: Callable[[Clip], bool],
    overrides: Overrides,
    provider_of: Callable[[Clip], Provider] | None = None,
) -> list[ReadingNote]:
    """Set what each new clip with a reading says, as its key was made from (its pieces or
    phonemes, and its reading, verdict and note): the readings engine's decisions, a
    Chinese word's pinyin as its provider says it (`provider_of`), a respelled word; a
    clip with nothing to say leaves the plan's new clips.

    Returns the verdicts worth reporting, in plan order.
    """
    notes: list[ReadingNote] = []
    silent: list[Clip] = []
    told = _pinyin_told(plan, provider_of)
    for clip in plan.new:
        work = clip.to_read
        if work is None:
            continue
        if work.kind == RESPELL:
            clip.pieces = [overrides.respell(piece) for piece in clip.pieces]
            clip.verdict = "override"
            clip.note = respelled_note(work.written, overrides) or clip.note
            notes += [ReadingNote(item.where, "override", clip.note or "") for item in clip.items]
            continue
        if work.kind == PINYIN:
            said_pinyin = told.get(id(clip))
            if said_pinyin is None:
                continue
            clip.reading = work.given
            clip.verdict = said_pinyin.verdict
            clip.note = said_pinyin.message or clip.note
            if said_pinyin.message and said_pinyin.verdict in SHOWN:
                notes += [
                    ReadingNote(item.where, said_pinyin.verdict, said_pinyin.message)
                    for item in clip.items
                ]
            if said_pinyin.verdict == "unusable":
                silent.append(clip)
            elif said_pinyin.verdict == "disagree":
                if said_pinyin.phonemes is not None and takes_phonemes(clip):
                    clip.phonemes = [said_pinyin.phonemes]
                else:
                    clip.pieces = [said_pinyin.text]
            continue
        if not clip.decisions:
            continue
        if len(clip.decisions) > 1:
            notes += _decide_pieces(clip, takes_phonemes(clip))
            continue
        decided = clip.decisions[0]
        clip.verdict = decided.verdict
        clip.note = decided.message or clip.note
        shown = worth_a_look(decided)
        if shown is not None:
            notes += [ReadingNote(item.where, *shown) for item in clip.items]
        if not decided.says_anything:
            silent.append(clip)
            continue
        clip.reading = decided.pronunciation
        if takes_phonemes(clip):
            clip.phonemes = [kokoro_phonemes(decided)]
        else:
            clip.pieces = [decided.text_form]
    for clip in silent:
        plan.new.remove(clip)
        plan.counts[clip.type_name].new -= 1
    return notes


def _pinyin_told(
    plan: Plan, provider_of: Callable[[Clip], Provider] | None
) -> dict[int, PinyinSaid | None]:
    """By the id of each new clip with the content's pinyin, how its provider says it
    (`decide_pinyin_each`, once per provider and voice)."""
    if provider_of is None:
        return {}
    groups: dict[tuple[str, str], list[Clip]] = {}
    for clip in plan.new:
        if clip.to_read is not None and clip.to_read.kind == PINYIN:
            groups.setdefault((clip.voice.provider, clip.voice.voice), []).append(clip)
    found: dict[int, PinyinSaid | None] = {}
    for (_, voice), clips in groups.items():
        works = [clip.to_read for clip in clips if clip.to_read is not None]
        for clip, said_pinyin in zip(
            clips, decide_pinyin_each(works, provider_of(clips[0]), voice), strict=True
        ):
            found[id(clip)] = said_pinyin
    return found


def respelled_material(text: str, overrides: Overrides) -> str:
    """What decides how `text` with respelled words is said, for its content key."""
    found = overrides.respelled_in(text)
    return "respell 1\x1f" + "\n".join(f"{r.form}\t{r.said}" for r in found)


def respelled_note(text: str, overrides: Overrides) -> str | None:
    """The note of a text said with respellings (`said with the override ...`)."""
    found = overrides.respelled_in(text)
    if not found:
        return None
    return f"{text}: said with the override {'; '.join(r.describe() for r in found)}"


def doubt_chinese(
    plan: Plan, provider_of: Callable[[Clip], Provider], lang: Callable[[Clip], bool]
) -> list[ReadingNote]:
    """Flag for review the new Chinese clips without the content's pinyin (`lang` tells
    them) whose provider reads them otherwise than pypinyin's phrase reading: what is
    said does not change (neither is sure), the clip's verdict is `disagree` with a note
    saying both. Nothing when pypinyin is not installed."""
    notes: list[ReadingNote] = []
    groups: dict[tuple[str, str], list[Clip]] = {}
    for clip in plan.new:
        if clip.to_read is None and clip.kind == "text" and lang(clip):
            groups.setdefault((clip.voice.provider, clip.voice.voice), []).append(clip)
    for (_, voice), clips in groups.items():
        doubts = doubts_of([c.spoken for c in clips], provider_of(clips[0]), voice)
        for clip, doubt in zip(clips, doubts, strict=True):
            if doubt is None:
                continue
            clip.verdict = "disagree"
            clip.note = doubt if clip.note is None else f"{doubt}; {clip.note}"
            notes += [ReadingNote(item.where, "disagree", doubt) for item in clip.items]
    return notes


def doubts_of(texts: Sequence[str], provider: Provider, voice: str) -> list[str | None]:
    """Why each Chinese text of `texts` without pinyin is worth a look: its provider
    reads it otherwise than pypinyin's phrase reading; None when they agree or it
    cannot tell."""
    guesses = [phrase_reading(text) for text in texts]
    asked = [(text, guess) for text, guess in zip(texts, guesses, strict=True) if guess]
    told = iter(provider.say_pinyin_each(asked, voice) if asked else [])
    found: list[str | None] = []
    for text, guess in zip(texts, guesses, strict=True):
        said_pinyin = next(told) if guess else None
        if guess is None or said_pinyin is None:
            found.append(None)
            continue
        if said_pinyin.verdict not in ("disagree", "unusable"):
            found.append(None)
            continue
        heard = f" ({said_pinyin.heard})" if said_pinyin.heard else ""
        name = provider.name
        found.append(
            f"{text}: {name} reads it otherwise{heard} than pypinyin ({plain(guess)}); "
            f"said as {name} reads it: check it, or give the text its pinyin"
        )
    return found


def pinyin_material(given: str, text: str) -> str:
    """What decides how a Chinese `text` with the content's pinyin `given` is said, for
    its content key: the pinyin as syllables, and the rules."""
    numbered = syllables(given, len(hanzi_of(text)))
    return f"pinyin {PINYIN_RULES}\x1f{given if numbered is None else ' '.join(numbered)}"


def decide_pinyin_each(
    works: Sequence[ToRead], provider: Provider, voice: str
) -> list[PinyinSaid | None]:
    """How `provider` says each Chinese text with the content's pinyin: agreeing, from
    the pinyin where it reads a word otherwise, or not at all (`unusable`) where it
    cannot be made to, or where the pinyin gives a character a reading no dictionary has
    (呢 "nei": a slip in the content, not a reading to say). None: nothing to decide
    (the provider cannot tell)."""
    early = [_before_asking(work) for work in works]
    asked = [
        (work.written, ahead)
        for work, ahead in zip(works, early, strict=True)
        if isinstance(ahead, tuple)
    ]
    told = iter(provider.say_pinyin_each(asked, voice) if asked else [])
    return [next(told) if isinstance(ahead, tuple) else ahead for ahead in early]


def _before_asking(work: ToRead) -> PinyinSaid | tuple[str, ...] | None:
    """What is decided of a text with pinyin before asking its provider (the pinyin
    unreadable, or a likely slip), else its numbered syllables to ask about."""
    if work.given is None:
        return None
    numbered = syllables(work.given, len(hanzi_of(work.written)))
    if numbered is None:
        return PinyinSaid(
            "unchecked",
            work.written,
            "",
            f"{work.written}: the pinyin {excerpt(work.given, READING_CHARS)!r} does not read "
            "as one syllable per "
            "character; said as written",
        )
    slips = doubtful(work.written, numbered)
    if slips:
        found = "; ".join(
            f"{char} {plain([syllable])} (it is read {', '.join(plain([r]) for r in readings)})"
            for char, syllable, readings in slips
        )
        return PinyinSaid(
            "unusable",
            work.written,
            "",
            f"{work.written}: the content's pinyin {excerpt(work.given, READING_CHARS)} gives "
            f"{found}: likely a "
            "mistake in the pinyin, so no clip was made; fix the pinyin",
        )
    return numbered


def _decide_pieces(clip: Clip, phonemes: bool) -> list[ReadingNote]:
    """A passage spoken in pieces with the overrides that touch it: each piece is said as
    the engine decided, with the overrides (the content gives a passage no reading)."""
    decisions = clip.decisions
    applied = [o for d in decisions for o in d.overrides]
    if phonemes:
        clip.phonemes = [kokoro_phonemes(d) for d in decisions]
    else:
        clip.pieces = [d.text_form for d in decisions]
    if not applied:
        return []
    clip.verdict = "override"
    described = "; ".join(sorted({o.describe() for o in applied}))
    clip.note = f"said with the override {described}"
    return [ReadingNote(item.where, "override", clip.note) for item in clip.items]
