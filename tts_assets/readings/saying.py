"""What a text is said as: one owner per run, asked by the plan, the run, the one-text
API and the listening check.

    saying = Saying(overrides)                       # one per run
    form = saying.form(Written("Der Kurs beginnt um 17:00 Uhr.", resolved("de")), provider)
    form.pieces     # ("Der Kurs beginnt um siebzehn Uhr.",): what one provider call takes
    form.material   # what of it the clip's content key holds ("numbers 1: Der Kurs ...")
    said = saying.said(form, provider)                # before the clip is made
    said.pieces, said.phonemes, said.reading, said.verdict, said.note   # the manifest's

Planning asks `forms` for every text at once: the pieces a provider is sent and what names
the clip; a Chinese text's voice is asked then how it says the text (its pinyin, or
the reading decided), since that can name the clip. Before a new clip is made the run asks
`said_each`: what its provider is given (text or phonemes), the reading said, the verdict
and its note (nothing is asked of a provider there). A text alone (the library's
`synthesize`) asks `say`, which is both. So the content key, what a run says, what the
library says and what the listening check expects (`spoken_text`) come from one place.

`Saying` says every text in words (`numbers`: numbers, dates, times and abbreviations),
cuts it at its pauses and sentences, and applies the team's respellings (`overrides`); what
a language decides beyond that is its reader's (`reader.Reader`, named by its profile's
`reader` and loaded on first use): the Japanese reader (`ja/reader.py`) a text's reading,
reconciled by the engine and kept between runs by the memo (`holds` decides them anew
before clips are made), and the accent told; the Chinese one (`zh/reader.py`) the content's
pinyin, or each polyphone decided from its sentence. A text whose rules fail (an unexpected
error: a bug) or that cannot be said right (a slip in its pinyin, one its voice cannot be
made to say, a bare reading with nothing to say) is refused with the reason
(`Form.refused`, `Said.refused`), and never stops another. The values passed (`Written`,
`ToRead`, `Form`, `Said`) live in `form.py` and are importable from here.

Pauses written in a text (`[pause:1.5s]`, SSML `<break time="…"/>`) are read first, in
`Saying._planned`, and cut it into `Form.pieces` with the silence after each; word timings
map what was said back to the written text through `Form.spoken` and `Form.own`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from .. import pauses
from ..content.text import clean, split_sentences
from ..frontends.alphabets import Alphabet
from ..languages import Lang, Language
from ..pauses import has_pause, says_something, without_pauses
from ..providers.engine import Engine
from . import numbers
from .form import (
    ACCENT_MODES,
    PINYIN,
    RESPELL,
    SHOWN,
    TOLD_SEPARATOR,
    AccentMode,
    Form,
    ReadingNote,
    Said,
    ToRead,
    Written,
    evolve,
    failed,
    guarded,
    made_form,
    numbers_material,
    refused,
    short,
    told_record,
)
from .numbers import Spoken
from .overrides import NO_OVERRIDES, Overrides
from .reader import Held, Options, Planned, Reader, load

__all__ = [
    "ACCENT_MODES",
    "PINYIN",
    "RESPELL",
    "SHOWN",
    "TOLD_SEPARATOR",
    "AccentMode",
    "Form",
    "ReadingNote",
    "Said",
    "Saying",
    "ToRead",
    "Written",
    "spoken_text",
    "told_record",
]


def spoken_text(text: str, lang: str) -> str:
    """`text` in words as a clip says it (its numbers, dates and times): what the
    listening check compares what it heard with. The text as written when its rules fail."""
    text = without_pauses(text)
    return guarded(lambda: numbers.spoken_form(text, lang).text, lambda e: text)


class Saying:
    """What every text of a run is said as (the module docstring).

    `overrides`: the team's pronunciations and respellings. `fresh`: every reading decided
    anew, the reading memo's decisions replaced (`verify --deep`, the one-text API); else
    read from it where it holds them. `accent`: which Japanese texts a provider that takes
    a pitch is told the accent of (the `accent` setting). `progress`: told a line now and
    then while many texts are decided (a large first run).
    """

    def __init__(
        self,
        overrides: Overrides = NO_OVERRIDES,
        *,
        fresh: bool = False,
        accent: AccentMode = "every-text",
        progress: Callable[[str], None] | None = None,
        held: Held | None = None,
    ) -> None:
        self.overrides = overrides
        self.held = held
        self.fresh = fresh
        self.accent = accent
        self.progress = progress
        self._spoken: dict[tuple[str, Lang], Spoken | str] = {}
        self._as_written: dict[str, Spoken] = {}
        """The texts said as written (bare readings, kana sounds), each made once."""
        self._readers: dict[str, Reader] = {}
        """The languages' readers made for this run, by the name their profile gives."""
        self._of_lang: dict[Lang | None, Reader | None] = {}

    def keep(self) -> Held:
        """Have the readers keep what they hold between calls (workers, what they decided)
        from now on, for every window of a course, until the `Held` returned is closed."""
        self.held = Held()
        return self.held

    def forget(self) -> None:
        """Let go of what was worked out of the texts said so far (here and in the rules
        that said them) and of the readers made for them (a course planned window by
        window, `planning.course`: each window's texts are let go with it). What the
        readers decided stays with the run (`Held.memo`)."""
        self._spoken.clear()
        self._as_written.clear()
        self._readers.clear()
        self._of_lang.clear()
        for kept in (clean, numbers.spoken_form):
            kept.cache_clear()

    def _reader(self, lang: Lang | None) -> Reader | None:
        """`lang`'s reader (its profile's `reader`), made once per run; None: it has none."""
        if lang in self._of_lang:
            return self._of_lang[lang]
        named = _profile(lang).reader
        found = None
        if named:
            if named not in self._readers:
                options = Options(self.overrides, self.fresh, self.accent, self.progress, self.held)
                self._readers[named] = load(named, options)
            found = self._readers[named]
        self._of_lang[lang] = found
        return found

    def form(self, written: Written, provider: Engine, voice: str = "") -> Form:
        """What `written` is said as by `provider` (`voice`), as planning knows it."""
        return self.forms([(written, provider, voice)])[0]

    def forms(
        self, asked: Sequence[tuple[Written, Engine, str]], *, every_reading: bool = False
    ) -> list[Form]:
        """`form` of each (text, provider, voice) of `asked`, in order: a repeated text
        worked out once, then what each language's reader decides asked of it for all its
        texts at once (the reading memo, a voice asked how it says them).
        `every_reading`: each bare reading checked by the engine, as for a provider that
        takes phonemes (the `readings` report), whoever says it."""
        # Each text's form once (`made`, in the order first asked), where in it each text
        # is (`at`) and where the form of each of `asked` is (`order`): a text's tuple is
        # hashed once (a text in two places of a course, a million texts).
        made: list[Form] = []
        at: dict[tuple[Written, str, str], int] = {}
        order: list[int] = []
        waiting: dict[str, tuple[list[int], list[Planned]]] = {}
        # What a voice is told a text in, and which reader a language has: asked once
        # each (a run has a few voices and languages, and a text each of a course).
        alphabets: dict[tuple[str, str], Alphabet | None] = {}
        readers: dict[Lang, str] = {}
        for written, provider, voice in asked:
            same = (written, provider.name, voice)
            index = at.get(same)
            if index is not None:
                order.append(index)
                continue
            told = (provider.name, voice)
            alphabet = alphabets[told] if told in alphabets else provider.alphabet(voice)
            alphabets[told] = alphabet
            try:
                form = self._planned(written, provider, alphabet, every_reading)
            except MemoryError:
                raise  # memory ran out, not the rules: the run stops (exit 3)
            except Exception as e:  # a rule's bug refuses this text alone
                form = refused(_bare(written), _failed(written, e), "failed")
            if form.alphabet is not alphabet:  # a refused text: made before its alphabet
                form = evolve(form, alphabet=alphabet)
            index = at[same] = len(made)
            order.append(index)
            made.append(form)
            named = readers.get(written.lang)
            if named is None:
                named = readers[written.lang] = _profile(written.lang).reader
            if named and form.refused is None:
                places, planned = waiting.setdefault(named, ([], []))
                places.append(index)
                planned.append(Planned(written, provider, voice, form))
        for places, planned in waiting.values():
            reader = self._reader(planned[0].written.lang)
            assert reader is not None
            for index, form in zip(places, reader.decide(planned), strict=True):
                made[index] = form
        return [made[index] for index in order]

    def _planned(
        self, written: Written, provider: Engine, alphabet: Alphabet | None, every_reading: bool
    ) -> Form:
        """The form of `written`, which its reader may decide further (`forms`). An empty or
        blank reading is none (exported content writes `""` for a missing one): the text
        is read, or its reading decided, as without one."""
        if written.reading is not None and not written.reading.strip():
            written = written._replace(reading=None)
        if has_pause(written.text):
            if written.reading is not None and has_pause(written.reading):
                # The pauses written in the pinyin too: its syllables are matched to the
                # characters across them (`_paused`).
                written = written._replace(reading=without_pauses(written.reading))
            return self._paused(written, provider, alphabet, every_reading)
        if written.reading is not None and has_pause(written.reading):
            why = (
                f"{short(written.text)}: its reading ({short(written.reading, 30)}) has a "
                "pause marker in it: a pause is written in a text, not in its reading"
            )
            return refused(_bare(written), why)
        return self._plain(written, provider, alphabet, every_reading)

    def _plain(
        self, written: Written, provider: Engine, alphabet: Alphabet | None, every_reading: bool
    ) -> Form:
        """The form of `written`, a text without pauses (`_planned`)."""
        spoken = self._words(written)
        pieces = _pieces(spoken.text, provider.max_piece_chars, written)
        verdict = "numbers" if spoken.note else None
        form = made_form(
            pieces, spoken, verdict=verdict, note=spoken.note, lang=written.lang, alphabet=alphabet
        )
        return self._read(written, form, self._work(written, alphabet, every_reading), alphabet)

    def _paused(
        self, written: Written, provider: Engine, alphabet: Alphabet | None, every_reading: bool
    ) -> Form:
        """The form of a text with pauses written in it: each part between them said as a
        text of its own would be (in words, cut into sentences), the pieces joined with the
        silences asked for (`tts_assets.pauses`), a kana chart's sounds and bare readings
        as such. A marker it cannot read, or a text with nothing to say but its pauses,
        refuses the text; the key names the text written one way (`Paused.canonical`)."""
        paused = pauses.split(written.text)
        if paused.problem is not None:
            return refused(_bare(written), f"{short(written.text)}: {paused.problem}")
        if not paused.parts:
            return refused(_bare(written), f"{short(written.text)}: nothing to say but its pauses")
        if len(paused.parts) < 2:  # pauses only at the edges: said as the text alone
            part = written._replace(text=paused.parts[0])
            alone = self._plain(part, provider, alphabet, every_reading)
            return evolve(alone, keyed=paused.canonical, lead=paused.lead)
        work = self._work(written, alphabet, every_reading)
        if written.reading is not None and (work is None or work.kind != PINYIN):
            why = (
                f"{short(written.text)}: its reading is given for the whole text, which has "
                "a pause in it: write the pause in a text without a reading, or leave it out"
            )
            return refused(_bare(written), why)
        form = self._paused_form(written, paused, provider.max_piece_chars, alphabet)
        return self._read(written, form, work, alphabet)

    def _paused_form(
        self, written: Written, paused: pauses.Paused, limit: int, alphabet: Alphabet | None
    ) -> Form:
        """A text with pauses in words, its parts cut into pieces of at most `limit`
        characters, the silences between them, and what its key holds of them."""
        pieces: list[str] = []
        gaps: list[float] = []
        said: list[str] = []
        doubts: list[str] = []
        spans: list[tuple[int, int, int, int]] = []
        for index, part in enumerate(paused.parts):
            start = paused.spans[index][0]
            spoken = self._words(Written(part, written.lang, None, written.kind, written.split))
            if index:
                gaps.append(paused.pauses[index - 1])
                # The marker between two parts is said as the space between their words.
                at = len(" ".join(said))
                spans.append((paused.spans[index - 1][1], start, at, at + 1))
            offset = len(" ".join(said)) + (1 if said else 0)
            spans += [
                (ws + start, we + start, ss + offset, se + offset)
                for ws, we, ss, se in spoken.spans
            ]
            said.append(spoken.text)
            doubts += spoken.doubts
            cut = _pieces(spoken.text, limit, written)
            gaps += [pauses.SENTENCE_S] * (len(cut) - 1)
            pieces += cut
        lead = paused.spans[0][0]
        if lead:  # the markers before the first word: said as nothing
            spans.insert(0, (lead, lead, 0, 0))
        whole = Spoken(" ".join(said), tuple(dict.fromkeys(doubts)), tuple(spans))
        material = (
            f"pauses {pauses.RULES_VERSION} numbers {numbers.RULES_VERSION}\x1f"
            f"{pauses.written(said, paused.pauses, lead=paused.lead)}"
        )
        return Form(
            tuple(pieces),
            whole,
            material,
            verdict="numbers" if whole.note else None,
            note=whole.note,
            pauses=tuple(gaps),
            lead=paused.lead,
            keyed=paused.canonical,
            lang=written.lang,
            alphabet=alphabet,
        )

    def _work(
        self, written: Written, alphabet: Alphabet | None, every_reading: bool
    ) -> ToRead | None:
        """What is decided of `written` before it is said, or None when a voice of
        `alphabet` reads it as is: what its language's reader decides (`Reader.work`),
        else, in a language whose reader leaves them to it, the team's respellings of its
        words."""
        reader = self._reader(written.lang)
        work = reader.work(written, alphabet, every_reading) if reader is not None else None
        if work is not None or (reader is not None and not reader.respelled):
            return work
        if self.overrides.respellings and self.overrides.respelled_in(written.text):
            return ToRead(written.text, None, RESPELL)
        return None

    def _read(
        self, written: Written, form: Form, work: ToRead | None, alphabet: Alphabet | None
    ) -> Form:
        """`form` (the text in words and pieces) with what is decided of it before it is
        said (`work`: `_work`) and what of that names its clip; a text with pauses keeps
        their material first."""
        if work is not None and work.kind == RESPELL:
            found = self.overrides.respelled_in(work.written)  # what the key holds of them
            respelled = "respell 1\x1f" + "\n".join(f"{r.form}\t{r.said}" for r in found)
            material = f"{form.material}\x1f{respelled}" if form.pauses else respelled
            return evolve(form, material=material, to_read=work)
        reader = self._reader(written.lang)
        if work is not None and reader is not None:
            planned = reader.plan(written, form, work, alphabet)
            if planned is not None:
                return planned
        # Read as it is (the content's pinyin changes nothing a voice that cannot be told
        # says).
        return form if form.pauses else evolve(form, material=numbers_material(written))

    def _words(self, written: Written) -> Spoken:
        """The text in words (`numbers`), once per text and language; a text that is not
        plain text (a bare reading, a kana sound) as it is."""
        if written.kind != "text":
            as_written = self._as_written.get(written.text)
            if as_written is None:
                as_written = self._as_written[written.text] = Spoken(written.text)
            return as_written
        key = (written.text, written.lang)
        found = self._spoken.get(key)
        if found is None:
            try:
                found = numbers.spoken_form(written.text, written.lang.code)
            except MemoryError:
                raise  # memory ran out, not the rules: the run stops (exit 3)
            except Exception as e:  # kept, and raised for each asker
                found = failed(written.text, "the numbers rules", e)
            else:
                if found.fault:  # the rules caught their own fault: refused all the same
                    found = failed(written.text, "the numbers rules", found.fault)
            self._spoken[key] = found
        if isinstance(found, str):
            raise _RulesFailed(found)
        return found

    def holds(self, forms: Iterable[Form]) -> bool:
        """Whether every decision the forms' keys were made from holds when made anew,
        without the reading memo (the memo is a cache, never trusted to say what is said):
        each reader asked of its texts (`Reader.holds`). False: the memo now holds the
        fresh decisions; plan again."""
        by: dict[str, list[Form]] = {}
        for form in forms:
            named = _profile(form.lang).reader
            if named:
                by.setdefault(named, []).append(form)
        held = True
        for group in by.values():
            reader = self._reader(group[0].lang)
            assert reader is not None
            held = reader.holds(group) and held
        return held

    def said(self, form: Form, provider: Engine) -> Said:
        """What a clip of `form` says, made by `provider`."""
        return self.said_each([(form, provider)])[0]

    def said_each(self, asked: Sequence[tuple[Form, Engine]]) -> list[Said]:
        """What each clip of `asked` (form, provider) says: its pieces or phonemes,
        its reading, verdict and note, or why it is refused. Nothing is asked of a
        provider here: planning asked it (`forms`)."""
        found: list[Said] = []
        for form, provider in asked:
            try:
                said = self._said(form, provider)
                if form.pauses and len(said.pieces) == len(form.pieces):
                    said = replace(said, pauses=form.pauses)
                found.append(said)
            except MemoryError:
                raise  # memory ran out, not the rules: the run stops (exit 3)
            except Exception as e:  # a rule's bug refuses this text alone
                written = form.to_read.written if form.to_read is not None else form.spoken.text
                why = failed(written, "its readings", e)
                found.append(Said(form.pieces, verdict="failed", note=why, refused=why))
        return found

    def say(self, written: Written, provider: Engine, voice: str) -> Said:
        """What `written` is said as by `provider` with `voice`: `form`, then `said`."""
        return self.said(self.form(written, provider, voice), provider)

    def _said(self, form: Form, provider: Engine) -> Said:
        """What a clip of `form` says: refused, respelled, as its reader decided, or its
        pieces as they are."""
        if form.refused is not None:
            return Said(form.pieces, verdict=form.verdict, note=form.note, refused=form.refused)
        work = form.to_read
        if work is not None and work.kind == RESPELL:
            found = self.overrides.respelled_in(work.written)
            described = "; ".join(r.describe() for r in found)
            note = f"{work.written}: said with the override {described}" if found else None
            return Said(
                tuple(self.overrides.respell(piece) for piece in form.pieces),
                verdict="override",
                note=note,
                shown=("override", note or ""),
            )
        reader = self._reader(form.lang)
        said = reader.said(form, provider) if reader is not None else None
        return said if said is not None else Said(form.pieces)


def _bare(written: Written) -> Form:
    """`written` as it is, in one piece: what a refused text's form holds."""
    return Form((written.text,), Spoken(written.text), lang=written.lang)


def _pieces(said: str, limit: int, written: Written) -> tuple[str, ...]:
    """`said` (of `written`) cut into what one provider call takes: its sentences, for a
    passage or a text longer than `limit`, less those with nothing to say (`. .`: a lone
    sign is no request, and its silence would fail the clip)."""
    if not written.split and len(said) <= limit:
        return (said,)
    cut = split_sentences(said, limit, written.lang.code)
    return tuple(piece for piece in cut if says_something(piece)) or tuple(cut)


class _RulesFailed(Exception):
    """A text's rules failed (the reason is the message)."""


def _failed(written: Written, error: Exception) -> str:
    if isinstance(error, _RulesFailed):
        return str(error)
    return failed(written.text, "its rules", error)


_NO_PROFILE = Language("", "", ())
"""The profile of a language tts-assets does not know: nothing decided but numbers."""


def _profile(lang: Lang | None) -> Language:
    """`lang`'s profile (`languages`): which reader decides its texts."""
    return (lang.profile if lang is not None else None) or _NO_PROFILE
