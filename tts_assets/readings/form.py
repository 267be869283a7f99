"""What a text is said as, as values: what `Saying` is asked about (`Written`), what it
decides before a clip is made (`ToRead`), what planning knows (`Form`) and what a clip
says (`Said`), passed between `saying.Saying` and the languages' readers (`reader.py`).

`saying` re-exports them: `from tts_assets.readings.saying import Form, Said, Written`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, Protocol, TypeVar

from ..content.item import Item
from ..frontends.alphabets import Alphabet
from ..languages import Lang
from ..slotted import changer, maker
from . import numbers
from .numbers import Spoken

AccentMode = Literal["every-text", "words", "none"]
"""Which texts a provider that takes a pitch is told their accent of (the `accent`
setting): every text, only the words (as builds before every text was told), or none."""

ACCENT_MODES: tuple[AccentMode, ...] = ("every-text", "words", "none")

PINYIN = "pinyin"
"""The kind of a Chinese text read with the content's pinyin (not the Japanese engine's)."""
RESPELL = "respell"
"""The kind of a text in another language than Japanese with a respelled word in it."""
SHOWN = ("disagree", "unusable", "doubt", "alike", "override", "corrected")
"""Verdicts reported with their places (agreement and bare readings are not news; `alike`
and `corrected` are lines in `readings`, not review rows)."""
NOTED = {
    "alike": "a word also read another way, said as its sentence most likely means",
    "corrected": "the content's reading said over the engine's",
    "ruled": "a word said as its sentence shows, by a built-in rule",
}
"""Verdicts said as most likely meant (what each means): a run's summary and `readings`
count them in one line, `readings --all` lists each; a reading its reader doubts is a
`doubt`, listed, the likeliest wrong first (`ranked`)."""


class Written(NamedTuple):
    """A text to be said, as the content gives it: what `Saying` is asked about (a tuple:
    planning makes one per text of a course, a million of them)."""

    text: str
    """The cleaned text (`Item.spoken`)."""
    lang: Lang
    """Its language, resolved (`Item.lang`)."""
    reading: str | None = None
    """The content's reading of it: kana for Japanese, pinyin for Chinese; None: none."""
    kind: str = "text"
    """`text`, `reading` (a bare on'yomi or kun'yomi) or `kana` (a chart's sound)."""
    split: bool = False
    """A passage, said sentence by sentence."""
    accent: str | None = None
    """The pitch accent the content states for it (H and L per mora, or an accent
    number: `ja.accent.stated_pattern`); None: none."""
    kanji: str | None = None
    """For a bare reading, the kanji it is a reading of: a kun'yomi says its word."""
    context: str | None = None
    """For a cloze's gapped text, the sentence filled with its answers: what the parts
    between its gaps are read as part of (`Item.context`); None: none."""

    @classmethod
    def of(cls, item: Item) -> Written:
        """What `item` asks to be said (its fields made into the tuple at once, as
        `_make` does: a text each of a course)."""
        stated = item.stated
        fields: tuple[object, ...]
        if stated is None:  # most texts: nothing stated beside them
            fields = (item.spoken, item.lang, None, item.kind, item.split, None, None, None)
        else:
            fields = (
                item.spoken,
                item.lang,
                stated.reading,
                item.kind,
                item.split,
                stated.accent,
                stated.kanji,
                stated.context,
            )
        return _new_tuple(cls, fields)


_new_tuple = tuple.__new__


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


class SaidWord(Protocol):
    """A word as a reader decided it is said: what a clip's timings are named by
    (`words.clip_words`; the Japanese reader's morphemes)."""

    @property
    def surface(self) -> str: ...
    @property
    def reading(self) -> str: ...
    @property
    def pronunciation(self) -> str: ...
    @property
    def phonemes(self) -> str | None: ...
    @property
    def is_symbol(self) -> bool: ...


class Own(Protocol):
    """What a reader keeps of a text's decisions in its `Form` (`Form.own`): its own value,
    which the core carries between the reader's calls and does not look into but for
    these three answers."""

    @property
    def verdict(self) -> str | None:
        """The verdict of what it decided (the `readings` report counts it); None:
        nothing decided worth a line."""

    @property
    def sent(self) -> tuple[str, ...]:
        """What a provider that takes text is sent, per decision; empty: its pieces."""

    @property
    def words(self) -> tuple[SaidWord, ...]:
        """The words it decided are said, for a clip's word timings; empty: none."""


@dataclass(frozen=True, slots=True)
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
    own: Own | None = None
    """What the text's reader keeps of its decisions (the Japanese readings and accent,
    the Chinese syllables told): its own value, passed back to it (`reader.Reader`);
    None: nothing decided."""
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
    lead: float = 0.0
    """Seconds of silence before the first piece, for a text that starts with a pause
    (`pauses.Paused.lead`: a cloze whose blank opens it); 0: the clip's own lead."""
    keyed: str | None = None
    """The text as its content key names it: a text with pauses written one way
    (`[pause:1500ms]` and `<break time="1.5s"/>` as `[pause:1.5s]`), so the ways of
    writing one pause name one clip; None: the text as written."""
    lang: Lang | None = None
    """The text's language (`Written.lang`): whose reader says what it decided; None: none."""
    alphabet: Alphabet | None = None
    """What the voice it is planned for is told a text in (`Provider.alphabet`): what its
    reader writes for it (`Reader.said`); None: plain text."""
    risk: float | None = None
    """How likely the clip says its text wrong (0 to 1), as its reader estimates it
    (`ReadingNote.risk`): what the review page ranks its rows by; None: not estimated."""


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
    risk: float | None = None
    """Its reader's estimate of how likely the clip says its text wrong (`Form.risk`)."""
    refused: str | None = None
    """Why no clip is made (a slip in the pinyin its voice cannot say, a rule's failure)."""
    pauses: tuple[float, ...] = ()
    """Seconds of silence between each two pieces (`Form.pauses`); empty: the default."""
    pitch: tuple[str | None, ...] | None = None
    """Per piece, the level of each of its phonemes (a Japanese text's accent,
    `ja.accent.phoneme_pitch`), for a provider that takes a pitch; None: none."""
    told: tuple[str | None, ...] | None = None
    """Per piece, the accent pattern its pitch says (`Form.accent`, where it could be
    laid on the piece's phonemes); None: none told."""
    accent_from: str = "analyzer"
    accent_note: tuple[str, str] | None = None
    """(verdict, message) of the content's stated accent, or of an accent that could not
    be told (`Form.accent_note`)."""


@dataclass(frozen=True)
class ReadingNote:
    """A verdict a teacher should see, at one place of the content."""

    place: str
    verdict: str
    message: str
    risk: float | None = None
    """How likely the clip says this wrong (0 to 1), as the reader estimates it from its
    evidence (analyzers agreeing, a dictionary's entries, a corpus's frequencies): what
    the review page and `readings` rank by; None: not estimated."""
    clip: str = field(default="", compare=False)
    """The path of the clip it is noted on (none: a note of `readings`' own): a report
    lists the notes in the order of their clips."""

    def line(self) -> str:
        return f"{self.place}: {self.message}"

    def as_json(self) -> dict[str, object]:
        found: dict[str, object] = {
            "place": self.place,
            "verdict": self.verdict,
            "message": self.message,
        }
        if self.risk is not None:
            found["risk"] = round(self.risk, 3)
        return found


UNKNOWN_RISK = 0.5
"""The risk a doubt its reader gave no estimate is ranked at: as likely wrong as right."""


def risk_rank(risk: float | None) -> float:
    """The sort key of a doubt whose reader estimates `risk` (`ReadingNote.risk`): the
    likeliest wrong first, whatever the language or the kind of doubt; one ranking for
    `readings` and the review page (`ranked`, `review.flags.ordered`)."""
    return -(UNKNOWN_RISK if risk is None else risk)


def ranked(notes: Iterable[ReadingNote]) -> list[ReadingNote]:
    """`notes`, the likeliest wrong first (`risk_rank`); equal risks in content order."""
    return sorted(notes, key=lambda note: risk_rank(note.risk))


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


def failed(text: str, rules: str, error: BaseException | str) -> str:
    """The reason a text is refused when `rules` raised `error` on it (a bug), or said
    they failed with it: in every reader."""
    what = error if isinstance(error, str) else named(error)
    return (
        f"{short(text)}: {rules} failed on it ({short(what, 120)}), so no clip was made: "
        "a bug in tts-assets, please report it (the text and this line)"
    )


T = TypeVar("T")


def guarded(work: Callable[[], T], on_bug: Callable[[Exception], T]) -> T:
    """`work()`, or `on_bug(error)` where it raised: a rule's bug costs its text alone,
    never the run; memory running out is no rule's bug and stops the run (exit 3)."""
    try:
        return work()
    except MemoryError:
        raise
    except Exception as e:
        return on_bug(e)


def named(error: BaseException) -> str:
    """`error` as a message names it: `ValueError: bad`, or its type alone."""
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def refused(form: Form, reason: str, verdict: str = "unusable") -> Form:
    """`form` not said at all, for `reason` (`Form.refused`)."""
    return evolve(form, refused=reason, verdict=verdict, note=reason)


made_form = maker(Form)
"""`Form(...)`, the same form, each slot set in turn (a text a run: `slotted`)."""
evolve = changer(Form)
"""`dataclasses.replace(form, **changes)` without the generated `__init__` (Form has no
check of its own): planning makes a few per text, for a million texts (`slotted`)."""


def numbers_material(written: Written) -> str | None:
    """What the content key holds of a text's words (`numbers.spoken_material`): None
    when they are the text, so its key stays what it was."""
    return (
        numbers.spoken_material(written.text, written.lang.code) if written.kind == "text" else None
    )


def short(text: str, most: int = 60) -> str:
    """`text`, cut to `most` characters with an ellipsis, for a message."""
    return text if len(text) <= most else text[: most - 1] + "…"
