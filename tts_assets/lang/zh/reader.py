"""The Chinese reader: what `Saying` asks of a Chinese text (`reader.Reader`).

A text with the content's pinyin (not a passage) is said with it, each piece with its own
where pauses are written in it (`with_pinyin_each`), the pinyin checked against the
sentence (`slips_each`). A text without pinyin has each piece's reading decided once per
piece and run (`decided_together` for the pieces of a text with pauses); the decided
reading names the clip. A rule that fails on a text refuses that text alone. The
package's docstring says what the verdicts mean.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, TypeVar

from ...frontends.alphabets import Alphabet, takes_phonemes, told_pinyin
from ...frontends.base import PinyinSaid
from ...frontends.pinyin import hanzi_of
from ...providers.engine import Engine
from ...readings.form import PINYIN, SHOWN, Form, Said, SaidWord, ToRead, Written, guarded, refused
from ...readings.reader import Options, Planned
from . import (
    CORRECTED,
    DECIDED,
    Decision,
    cannot_note,
    decided_each,
    decided_note,
    decided_together,
    doubt_note,
    failed,
    known_readings,
    pinyin_material,
    pinyin_pieces,
    slips_each,
    spoken_material,
    with_pinyin_each,
)
from .pinyin import syllables_for

K = TypeVar("K")
V = TypeVar("V")

_CANNOT = ("unusable", "failed")
"""The verdicts of pinyin a voice cannot be made to say: the text is refused."""
_DECIDER = "the Chinese reading decider"

Answer = Decision | str | None
"""A piece decided: its `Decision`, why its rules failed, or None (nothing to decide)."""


@dataclass(frozen=True)
class Told:
    """What the Chinese reader keeps of a text in its `Form` (`Form.own`)."""

    told: PinyinSaid | None = None
    """A text with the content's pinyin: how its voice says it (None: it cannot tell)."""
    decided: tuple[Decision, ...] = ()
    """A text without pinyin: each piece's reading decided from its sentence, and how its
    voice says it (`decided_each`); empty: nothing decided."""
    told_each: tuple[PinyinSaid | None, ...] = ()
    """A text with the content's pinyin and pauses written in it: how its voice says each
    piece (None: a piece without a Chinese character); empty: `told`."""
    slip: str | None = None
    """A text with the content's pinyin that reads a polyphone otherwise than its
    sentence does (`slips_each`): the note; said as the content gives it."""
    words: tuple[SaidWord, ...] = ()
    """Each Chinese character as said, its syllable with its own tone (the content's
    pinyin, or the reading decided): what a clip's cues show after its words; empty:
    none known."""

    @property
    def verdict(self) -> str | None:
        return DECIDED if self.decided else None

    @property
    def sent(self) -> tuple[str, ...]:
        return ()


@dataclass(frozen=True)
class Syllable:
    """A Chinese character as said (`readings.form.SaidWord`), for a clip's word timings."""

    surface: str
    reading: str
    """Its syllable, numbered, with its own tone (hao3)."""
    pronunciation: str = ""
    phonemes: str | None = None
    is_symbol: bool = False


def _syllables(text: str, numbered: Sequence[str] | None) -> tuple[SaidWord, ...]:
    """Each Chinese character of `text` with its syllable of `numbered`; empty where they
    do not count alike or a character has no known reading (`?`)."""
    chars = hanzi_of(text)
    if numbered is None or len(numbered) != len(chars) or not known_readings(numbered):
        return ()
    return tuple(Syllable(c, s) for c, s in zip(chars, numbered, strict=True))


_NOTHING = Told()
_KEPT = frozenset(f.name for f in fields(Told))


def _own(form: Form) -> Told:
    """What this reader keeps of `form` (nothing yet, for a form it has not planned)."""
    return form.own if isinstance(form.own, Told) else _NOTHING


def _with(form: Form, **changes: Any) -> Form:
    """`form` with `changes` to what this reader keeps of it and to the form's own fields."""
    own = {k: changes.pop(k) for k in list(changes) if k in _KEPT}
    return replace(form, own=replace(_own(form), **own), **changes)


class ChineseReader:
    """A Chinese text said as the content's pinyin, or as its reading decided from its
    sentence (the module docstring); made once per run (`reader.load`)."""

    respelled = True
    """The team's respellings are said in a Chinese text without pinyin."""

    def __init__(self, options: Options) -> None:
        # The team's overrides are respellings, said before a reader is asked.
        self._decided: dict[tuple[str, str, str], Answer] = {}
        """Pieces' readings decided, by (piece, provider, voice), of the texts asked."""
        self._together: dict[tuple[tuple[str, ...], str, str], list[Answer]] = {}
        """The same of texts with pauses, by (their pieces, provider, voice)."""
        self._kept = options.memo(MEMO)
        """Both of every window of the run (`Held.memo`): each decided once per run."""

    def work(
        self, written: Written, alphabet: Alphabet | None, every_reading: bool
    ) -> ToRead | None:
        """A text with the content's pinyin (not a passage, not a bare reading) is said with
        it; any other is decided with the run's texts (`decide`), or read as it is."""
        if written.reading is not None and not written.split and written.kind == "text":
            return ToRead(written.text, written.reading, PINYIN)
        return None

    def plan(
        self, written: Written, form: Form, work: ToRead, alphabet: Alphabet | None
    ) -> Form | None:
        """`form` named by the syllables said (`pinyin_material`; each piece's own where
        pauses are written in it, their tone changes made within it); None for a voice
        that cannot be told pinyin (it reads the text as it is)."""
        if not told_pinyin(alphabet):
            return None
        assert work.given is not None
        form = _with(form, words=_syllables(work.written, syllables_for(work.written, work.given)))
        if not form.pauses:
            return replace(form, material=pinyin_material(work.given, work.written), to_read=work)
        given = pinyin_pieces(form.pieces, work.given)
        keyed = (
            "\x1f".join(
                pinyin_material(each, piece) for piece, each in zip(form.pieces, given, strict=True)
            )
            if given is not None
            else pinyin_material(work.given, "".join(form.pieces))
        )
        return replace(form, material=f"{form.material}\x1f{keyed}", to_read=work)

    def decide(self, planned: Sequence[Planned]) -> list[Form]:
        """How each voice says the texts with the content's pinyin (`_tell`), and the
        readings of those without it decided (`_decide`): each voice asked once for all
        its texts."""
        told: dict[tuple[str, str], list[int]] = {}
        deciding: dict[tuple[str, str], list[int]] = {}
        for n, (written, provider, voice, form) in enumerate(planned):
            if form.to_read is not None and form.to_read.kind == PINYIN:
                told.setdefault((provider.name, voice), []).append(n)
            elif (  # no pinyin, a voice that can be told: decided piece by piece (`_decide`)
                told_pinyin(form.alphabet)
                and written.kind == "text"
                and form.to_read is None
                and form.refused is None
            ):
                deciding.setdefault((provider.name, voice), []).append(n)
        forms = [p.form for p in planned]
        for groups, step in ((told, _tell), (deciding, self._decide)):
            for (_, voice), group in groups.items():
                said = step([forms[n] for n in group], planned[group[0]].provider, voice)
                for n, form in zip(group, said, strict=True):
                    forms[n] = form
        return forms

    def said(self, form: Form, provider: Engine) -> Said | None:
        """A text with the content's pinyin as its voice says it; one whose reading was
        decided as decided; None: said as it is."""
        work = form.to_read
        if work is not None and work.kind == PINYIN:
            return _said_with_pinyin(form, work, takes_phonemes(form.alphabet))
        if work is None and _own(form).decided:
            return _said_decided(form, provider)
        return None

    def holds(self, forms: Sequence[Form]) -> bool:
        """Nothing a Chinese text is keyed by is kept between runs: it holds."""
        return True

    def _decide(self, forms: Sequence[Form], provider: Engine, voice: str) -> list[Form]:
        """Texts without pinyin: each piece's reading decided from its sentence and
        `provider` asked how it says it (`decided_each`, once per piece and run); where it
        reads a piece otherwise, it is given the decided reading, which names the clip.
        A text with pauses written in it is decided whole (`decided_together`: a word
        across a pause read as one)."""
        name = provider.name
        self._learn(
            self._decided,
            [(p, name, voice) for f in forms if not f.pauses for p in f.pieces],
            lambda asked: decided_each(asked, provider, voice),
            lambda piece, e: failed(piece, _DECIDER, e),
        )
        self._learn(
            self._together,
            [(f.pieces, name, voice) for f in forms if f.pauses],
            lambda asked: decided_together(asked, provider, voice),
            lambda pieces, e: [failed("".join(pieces), _DECIDER, e)] * len(pieces),
        )
        return [_with_decided(form, self._answers(form, name, voice)) for form in forms]

    def _answers(self, form: Form, name: str, voice: str) -> list[Answer]:
        """What was decided of each piece of `form`."""
        if form.pauses:
            return self._together[form.pieces, name, voice]
        return [self._decided[piece, name, voice] for piece in form.pieces]

    def _learn(
        self,
        known: dict[tuple[K, str, str], V],
        keys: list[tuple[K, str, str]],
        at_once: Callable[[list[K]], Iterable[V]],
        fail: Callable[[K, Exception], V],
    ) -> None:
        """`keys` neither decided this run nor kept by an earlier window, decided at once
        (each alone where a rule fails on the batch, `fail` answering one that fails
        alone) and kept."""
        known.update(self._kept.get(k for k in dict.fromkeys(keys) if k not in known))
        asked = list(dict.fromkeys(k for k in keys if k not in known))

        def alone(k: K) -> V:
            return guarded(lambda: next(iter(at_once([k]))), lambda e: fail(k, e))

        answers = guarded(
            lambda: list(at_once([k for k, _, _ in asked])),
            lambda e: [alone(k) for k, _, _ in asked],
        )
        found = dict(zip(asked, answers, strict=True))
        known.update(found)
        self._kept.put(found)


MEMO = "zh-readings-decided"
"""What a run's decided pieces are kept as in its `Held` (`Memo`)."""


def _with_decided(form: Form, each: Sequence[Answer]) -> Form:
    """`form` with its pieces' decisions (`Form.decided`), named in its key where its
    voice is given a reading; refused where a rule failed on a piece, as it is where a
    piece has nothing to decide."""
    lost = next((e for e in each if isinstance(e, str)), None)
    if lost is not None:
        return refused(form, lost, "failed")
    decisions = tuple(e for e in each if isinstance(e, Decision))
    if len(decisions) != len(each):
        return form  # a piece with nothing to decide: said as it is
    risk = _risk(decisions)
    words = _syllables("".join(form.pieces), [s for d in decisions for s in d.citation])
    if not any(d.changed for d in decisions):
        return _with(form, decided=decisions, risk=risk, words=words)
    material = "\x1f".join(
        spoken_material(d.spoken, piece) for d, piece in zip(decisions, form.pieces, strict=True)
    )
    if form.pauses:  # the pauses between the pieces are said too
        material = f"{form.material}\x1f{material}"
    return _with(form, material=material, decided=decisions, risk=risk, words=words)


def _risk(decisions: Sequence[Decision]) -> float | None:
    """How likely a text of these pieces is said wrong (`Decision.risk`, each piece
    taken as independent); None: no piece is in doubt."""
    risks = [r for d in decisions if (r := d.risk) is not None]
    return 1 - math.prod(1 - r for r in risks) if risks else None


def _said_decided(form: Form, provider: Engine) -> Said:
    """What a text whose reading was decided says (`Form.decided`): each piece as
    decided (its voice given the reading where it reads it otherwise), the spoken
    pinyin recorded; a doubt names both readings of each polyphone read two ways."""
    pieces: list[str] = []
    phonemes: list[str] = []
    doubts: list[str] = []
    for piece, decision in zip(form.pieces, _own(form).decided, strict=True):
        doubt = _doubt(piece, decision, provider.name)
        if doubt is not None:
            doubts.append(doubt)
        told = decision.told
        said_as_text = decision.changed and told is not None and told.phonemes is None
        pieces.append(told.text if said_as_text and told is not None else piece)
        if told is not None and told.phonemes is not None:
            phonemes.append(told.phonemes)
    said_phonemes = (
        tuple(phonemes) if takes_phonemes(form.alphabet) and len(phonemes) == len(pieces) else None
    )
    if said_phonemes is None:
        # A voice that takes phonemes is given them for every piece or none: the pieces
        # it reads as decided are the text, the others their numbered pinyin.
        pieces = [
            told.text if d.changed and (told := d.told) is not None else piece
            for piece, d in zip(form.pieces, _own(form).decided, strict=True)
        ]
    reading = " | ".join(d.reading for d in _own(form).decided)
    if doubts:
        note = "; ".join(doubts)
        full = note if form.note is None else f"{note}; {form.note}"
        return Said(
            tuple(pieces),
            said_phonemes,
            reading,
            "doubt",
            full,
            shown=("doubt", note),
            risk=_risk(_own(form).decided),
        )
    note = "; ".join(
        decided_note(p, d) for p, d in zip(form.pieces, _own(form).decided, strict=True)
    )
    full = note if form.note is None else f"{note}; {form.note}"
    return Said(tuple(pieces), said_phonemes, reading, DECIDED, full)


def _doubt(piece: str, decision: Decision, name: str) -> str | None:
    """The doubt of a piece decided: its voice cannot be made to say it, or a polyphone
    in it is read two ways; None: none."""
    told = decision.told
    if told is not None and told.verdict == "unusable":
        return cannot_note(piece, name, decision)
    if decision.doubts:
        return doubt_note(piece, decision)
    return None


def _tell(forms: Sequence[Form], provider: Engine, voice: str) -> list[Form]:
    """Texts with the content's pinyin: how `provider` says each with `voice`
    (`with_pinyin_each`, the provider asked once for them all); a slip in the pinyin, or
    one it cannot be made to say, refuses the text."""
    asked, parts, cut = _asked(forms)
    wholes = iter(
        with_pinyin_each([a for n, a in enumerate(asked) if n not in cut], provider, voice)
    )
    pieces = with_pinyin_each(parts, provider, voice)
    told: list[Form] = []
    for n, (form, slip) in enumerate(zip(forms, slips_each(asked), strict=True)):
        if n in cut:
            each = tuple(None if i is None else pieces[i] for i in cut[n])
            told.append(_told_form(form, slip, each, told_each=each))
        else:
            whole = next(wholes)
            told.append(_told_form(form, slip, (whole,), told=whole))
    return told


def _asked(
    forms: Sequence[Form],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], dict[int, list[int | None]]]:
    """What the voice is asked of `forms`: each (text, pinyin) whole, and for a text with
    pauses written in it each piece with its own syllables (the parts, and which part each
    piece of text n is: `cut[n]`, None for a piece without a Chinese character); the
    sentence's check of a text with pauses reads its characters joined, as one sentence."""
    asked: list[tuple[str, str]] = []
    parts: list[tuple[str, str]] = []
    cut: dict[int, list[int | None]] = {}
    for n, form in enumerate(forms):
        work = form.to_read
        assert work is not None and work.given is not None
        given = pinyin_pieces(form.pieces, work.given) if form.pauses else None
        if given is None:
            asked.append((work.written, work.given))
            continue
        asked.append(("".join(form.pieces), work.given))
        cut[n] = []
        for piece, syllables in zip(form.pieces, given, strict=True):
            cut[n].append(len(parts) if syllables else None)
            if syllables:
                parts.append((piece, syllables))
    return asked, parts, cut


def _told_form(
    form: Form, slip: str | None, answers: Sequence[PinyinSaid | None], **told: Any
) -> Form:
    """`form` with how its voice says it with the content's pinyin (`told`: `told`, the
    whole, or `told_each`, each piece: `answers`), refused where one cannot be said."""
    lost = next((t for t in answers if t and t.verdict in _CANNOT), None)
    if lost is not None:
        why = lost.message or f"{form.spoken.text}: cannot be said as its pinyin"
        return refused(_with(form, **told), why, lost.verdict)
    return _with(form, slip=slip, **told)


def _said_with_pinyin(form: Form, work: ToRead, given_phonemes: bool) -> Said:
    """A text with the content's pinyin, as its provider says it (`Form.told`; per
    piece, `Form.told_each`, for a text with pauses written in it)."""
    if _own(form).told_each:
        return _said_in_pieces_with_pinyin(form, work, given_phonemes)
    told = _own(form).told
    if told is None:
        return Said(form.pieces)
    shown = (told.verdict, told.message) if told.message and told.verdict in SHOWN else None
    if told.verdict in _CANNOT:
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
        # does without the tone changes of speech (`with_pinyin_each`).
        if told.phonemes is not None and given_phonemes:
            phonemes = (told.phonemes,)
        else:
            pieces = (told.text,)
    verdict, note, shown = _with_slip(_own(form).slip, told.verdict, told.message or None, shown)
    return Said(pieces, phonemes, reading=work.given, verdict=verdict, note=note, shown=shown)


def _said_in_pieces_with_pinyin(form: Form, work: ToRead, given_phonemes: bool) -> Said:
    """A text with the content's pinyin and pauses written in it, each piece as its
    provider says it with its own syllables (`Form.told_each`): given the pinyin where it
    reads a piece otherwise (`_given_in_pieces`), the verdict a disagreement where one
    piece has one, else agreement."""
    told = [t for t in _own(form).told_each if t is not None]
    if not told or any(t.verdict == "unchecked" for t in told):
        notes = "; ".join(t.message for t in told if t.message)
        return Said(form.pieces, reading=work.given, verdict="unchecked", note=notes or None)
    pieces, phonemes = _given_in_pieces(form, given_phonemes)
    verdicts = {t.verdict for t in told}
    verdict = next((v for v in ("disagree", CORRECTED) if v in verdicts), "agree")
    note = "; ".join(t.message for t in told if t.message) or None
    shown = (verdict, note) if note and verdict in SHOWN else None
    verdict, note, shown = _with_slip(_own(form).slip, verdict, note, shown)
    return Said(pieces, phonemes, reading=work.given, verdict=verdict, note=note, shown=shown)


def _given_in_pieces(
    form: Form, given_phonemes: bool
) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
    """What a text with pauses is given, piece by piece: its pieces as written where its
    voice reads each as the content does; else the phonemes of every piece (for a voice
    that takes them, where every piece has them), or the pinyin of the pieces it reads
    otherwise."""
    answers = _own(form).told_each
    changed = [t is not None and (t.verdict == "disagree" or bool(t.misread)) for t in answers]
    if not any(changed):
        return form.pieces, None
    given = [t.phonemes if t is not None else None for t in answers]
    if given_phonemes and all(p is not None for p in given):
        return form.pieces, tuple(p for p in given if p is not None)
    pieces = tuple(
        t.text if c and t is not None else piece
        for piece, t, c in zip(form.pieces, answers, changed, strict=True)
    )
    return pieces, None


def _with_slip(
    slip: str | None, verdict: str, note: str | None, shown: tuple[str, str] | None
) -> tuple[str, str | None, tuple[str, str] | None]:
    """The verdict, note and what is shown of a text whose pinyin has a likely `slip`:
    the content's pinyin said, the slip shown first as a doubt (its voice's disagreement,
    given the slipped reading, follows from it)."""
    if slip is None:
        return verdict, note, shown
    note = slip if note is None else f"{slip}; {note}"
    return "doubt", note, ("doubt", note)
