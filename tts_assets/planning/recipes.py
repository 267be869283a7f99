"""What a clip is made from: one recipe per kind of clip.

    Spoken     a text said by a voice (its form, the voice, the speed): made through the
               pool by its provider, the one kind sent to a provider (and billed)
    Stretched  a spoken clip at another tempo (a slow twin): made from that clip, stored
    Joined     parts, clips and silences (a drill, a dialogue): made from its parts'
               clips, stored
    Spanned    a text's runs in several languages (a join): made from its runs' clips
    Regapped   a spoken clip with other pauses (a cloze's gap of another length): made
               from a stored clip of the same pieces, its pauses their new length

A recipe owns what varies with its kind: the clips it is made from (`inputs`), its key
material (`key`: a clip's content key is computed from its recipe here, and only here),
what a provider is sent and bills (`speech`, `billed`), and what the manifest records of
it (`recorded`). A clip (`plan.Clip`) carries its recipe; one maker per kind makes it
(`making.makers`), once the clips it is made from are stored (`making.graph`).

A new derived kind (a dialogue, a span in another language) is one recipe here, one maker
registered for it, one content declaration and its tests (docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..audio import AudioSettings
from ..content.item import quoted
from ..content.lang_spans import SPANS_VERSION
from ..content.sequence import JOIN_VERSION, SEQUENCE
from ..languages import Lang
from ..pauses import SENTENCE_S
from ..pauses import written as written_pauses
from ..readings.form import SaidWord
from ..readings.saying import Form, Said, told_record
from ..store.layout import key_of
from .keys import Voice, content_key, join_key


@dataclass(frozen=True, slots=True)
class Input:
    """A clip a recipe is made from: where it is stored, and how its dependant names it
    when it is missing or failed."""

    path: str
    """Its path (TYPE/KEY.EXT)."""
    name: str
    """`its clip at its own tempo`, `the clip of its part "word (slow)"`."""
    then: str = "the next run makes both"
    """What the next run does when it is not there."""

    @property
    def key(self) -> str:
        return key_of(self.path)


@dataclass(slots=True)
class Spoken:
    """A text said by a voice, through the pool and its provider (slots: a course plans a
    million of them)."""

    form: Form
    """What the text is said as, as planned (`readings.Saying.forms`): its pieces, what
    names it in the key, and what is decided before it is made."""
    voice: Voice
    speed: float
    kind: str = "text"
    """How the text is spoken (`content.text.KINDS`): a `kana` clip is one sound, validated
    for one mora. Part of the content key when it is "kana"."""
    take: int = 0
    """Which take: 0 the first; a review asks for another (`decisions.Retake`)."""
    noted: str | None = None
    """The note the clip records before it is said: what the numbers rules said as
    written, or guessed; else a gloss its spoken form leaves out (`plan.left_out_note`)."""
    said: Said | None = None
    """What it says, decided before it is made (`speaking.say_new`); None: as planned."""

    inputs: ClassVar[tuple[Input, ...]] = ()
    heard: ClassVar[bool] = True
    """The listening checks can judge it (Whisper hears its text)."""

    @property
    def speech(self) -> Spoken:
        return self

    @property
    def sent(self) -> Spoken:
        """What its provider is sent to make it."""
        return self

    @property
    def pieces(self) -> tuple[str, ...]:
        """What one provider call each takes (one piece for most texts)."""
        return self.form.pieces if self.said is None else self.said.pieces

    @property
    def phonemes(self) -> tuple[str, ...] | None:
        """Per piece, the phonemes to speak, for a voice whose alphabet takes them."""
        return None if self.said is None else self.said.phonemes

    @property
    def pitch(self) -> tuple[str | None, ...] | None:
        """Per piece, the level of each of its phonemes (a Japanese text told its accent)."""
        return None if self.said is None else self.said.pitch

    @property
    def told(self) -> dict[str, Any] | None:
        """The accent it is told (`StoredClip.pitch`)."""
        return None if self.said is None else told_record(self.said)

    @property
    def pauses(self) -> tuple[float, ...]:
        """Seconds of silence between each two pieces written in the text; empty: none."""
        return self.form.pauses if self.said is None else self.said.pauses

    @property
    def lead(self) -> float:
        """Seconds of silence before its first word, where its text starts with a pause
        (`Form.lead`: a cloze whose blank opens it); 0: the clip's own lead."""
        return self.form.lead

    @property
    def gaps(self) -> float | tuple[float, ...]:
        return self.pauses or SENTENCE_S

    @property
    def reading(self) -> str | None:
        """What was decided to be said (kana, or pinyin)."""
        return None if self.said is None else self.said.reading

    @property
    def verdict(self) -> str | None:
        """The readings' verdict (`agree`, `disagree`, `override`, `numbers`, ...)."""
        if self.said is not None and self.said.verdict is not None:
            return self.said.verdict
        return self.form.verdict

    @property
    def note(self) -> str | None:
        """The verdict's message for a teacher (`御雑煮: read as ごぞうに, content says ...`)."""
        if self.said is not None and self.said.note is not None:
            return self.said.note
        return self.noted

    @property
    def decided(self) -> tuple[str, ...]:
        """What a provider that takes text is sent of the text, as its reader decided it,
        per decision (`Form.own`); empty: its pieces."""
        own = self.form.own
        return () if own is None else own.sent

    @property
    def said_words(self) -> tuple[SaidWord, ...]:
        """The words its reader decided the text says (the Japanese readings' morphemes),
        for its word timings; empty: none decided."""
        own = self.form.own
        return () if own is None else own.words

    @property
    def billed(self) -> int:
        """Characters a paid provider is sent to make it: its pieces (as decided)."""
        return sum(map(len, self.pieces))

    def said_text(self, text: str) -> str:
        """The form given to the engine (`text`: the clip's): the one piece, or the text a
        passage's pieces are cut from, its numbers in words (`readings.numbers`); for a
        word said from phonemes by a pronunciation override, the override's reading."""
        pieces = self.pieces
        decided = self.decided
        if self.verdict == "override" and self.phonemes is not None and len(decided) == 1:
            # Said from phonemes as an override reads it: what is said is the override's
            # reading (おぞうに), not the written word the provider was also given.
            return decided[0]
        if len(pieces) == 1:
            return pieces[0]
        if self.pauses:  # where each written pause is, as the text wrote it
            return written_pauses(list(pieces), self.pauses, SENTENCE_S)
        return self.form.spoken.text

    def same(self, text: str, lang: Lang, tempo: float | None = None) -> tuple[Any, ...]:
        """What its content key is made of beside its speed and the audio settings, who
        says it first (by identity): `text` (the item's spoken text, in `lang`) as this
        recipe says it, at `tempo` when stretched to it. Texts alike are the same (a
        reading shared by many kanji), so the plan keys them once by it."""
        form = self.form
        # A text with pauses is keyed as written one way: one clip for the ways to write it.
        keyed = text if form.keyed is None else form.keyed
        kind, take = self.kind, self.take
        return (id(self.voice), keyed, lang, len(form.pieces), kind, take, form.material, tempo)

    def key(self, text: str, lang: Lang, audio: AudioSettings, tempo: float | None = None) -> str:
        return self.key_of(self.same(text, lang, tempo), audio)

    def key_of(self, same: tuple[Any, ...], audio: AudioSettings) -> str:
        """The content key of what `same` (this recipe's `same` of a text) names."""
        _, keyed, lang, pieces, kind, take, reading, tempo = same
        return content_key(
            keyed,
            # `JA`, `ja-JP` and `ja` key alike: the voice (in the key) says the accent.
            lang.base,
            self.voice,
            self.speed,
            audio,
            pieces,
            kind=kind,
            take=take,
            reading=reading,
            tempo=tempo,
        )

    def shard_key(self, key: str) -> str | None:
        """Whose shard makes it (`planning.shard`)."""
        return key

    def recorded(self, text: str, reported: str | None) -> dict[str, Any]:
        """What the manifest records of what it says (`text`: the clip's; `reported`: the
        phonemes its provider reported, when the plan decided none)."""
        phonemes = self.phonemes
        return {
            "spoken": self.said_text(text),
            "phonemes": reported if phonemes is None else " ".join(phonemes),
            "reading": self.reading,
            "verdict": self.verdict,
            "note": self.note,
            "pitch": self.told,
        }

    def shown(self) -> dict[str, Any]:
        """What a dry run's `--json` adds of it besides its record."""
        return {}


@dataclass(slots=True)
class Derived:
    """What a clip made from a stored clip of a spoken text has in common (a stretched
    or a regapped clip): it says what its spoken recipe says, in its voice, and nothing is
    sent to a provider (nor billed)."""

    spoken: Spoken
    """What it says, which its key and its record are made from; its own copy, told what
    it says as a new clip is (`speaking.say_new`)."""

    heard: ClassVar[bool] = True
    sent: ClassVar[None] = None
    billed: ClassVar[int] = 0

    @property
    def voice(self) -> Voice:
        return self.spoken.voice

    @property
    def kind(self) -> str:
        return self.spoken.kind

    @property
    def speech(self) -> Spoken:
        return self.spoken

    def said_text(self, text: str) -> str:
        return self.spoken.said_text(text)

    def recorded(self, text: str, reported: str | None) -> dict[str, Any]:
        """As its spoken recipe's (its maker then takes the provider, voice, phonemes and
        reading from its stored source's record: `making.slow.finished_from`)."""
        return self.spoken.recorded(text, reported)

    def shown(self) -> dict[str, Any]:
        return {}


@dataclass(slots=True)
class Stretched(Derived):
    """A spoken clip at another tempo: made from that clip in the store, stretched
    (`making.slow`), never by a provider."""

    tempo: float
    """The tempo it is stretched to (below 1: slower)."""
    source: str
    """Its source clip's path (TYPE/KEY.EXT): the clip at its own tempo."""

    @property
    def inputs(self) -> tuple[Input, ...]:
        return (Input(self.source, "its clip at its own tempo"),)

    def same(self, text: str, lang: Lang) -> tuple[object, ...]:
        return self.spoken.same(text, lang, self.tempo)

    def key_of(self, same: tuple[Any, ...], audio: AudioSettings) -> str:
        return self.spoken.key_of(same, audio)

    def shard_key(self, key: str) -> str | None:
        """A stretched clip goes with the clip it is stretched from."""
        return key_of(self.source)

    def shown(self) -> dict[str, Any]:
        return {"tempo": self.tempo, "made_from": self.source}


@dataclass(slots=True)
class Regapped(Derived):
    """A spoken clip whose pauses alone changed (a cloze's gap of another length): made
    from a stored clip of the same pieces with other pauses (`planning.regap`), its speech
    kept as it is and each pause its new length (`making.regap`), never by a provider.
    Keyed as its spoken recipe is: the key names the pauses."""

    source: str
    """The stored clip with the former pauses: its path (TYPE/KEY.EXT)."""

    @property
    def inputs(self) -> tuple[Input, ...]:
        # Gone, the next run plans the clip as said anew (nothing to cut it from).
        then = "the next run has it said anew"
        return (Input(self.source, "its clip with the former pauses", then),)

    def shard_key(self, key: str) -> str | None:
        return key  # its source is in the store already


@dataclass(frozen=True, slots=True)
class SequencePart:
    """One part of a join: a text's clip in the store, or a silence."""

    name: str
    """How the join names it (`word`, `word (slow)`, `1s`, `answer`, `line 2 (B)`)."""
    source: str | None = None
    """The clip of its text: its path (TYPE/KEY.EXT); None: a silence."""
    text: str = ""
    """What its text says (for the part's timings)."""
    lang: Lang | None = None
    """Its text's language; None: a silence."""
    seconds: float | None = None
    """A silence of this length; None: a text, or an answer's silence."""
    answer: bool = False
    """A silence sized to the next text part."""
    speaker: str | None = None
    """Who says it, for a dialogue's line (`content.dialogue`); None: a drill's part."""
    voice: str = ""
    """The voice that says it, for a dialogue's line (its clip's)."""

    @property
    def labels(self) -> dict[str, str]:
        """What its timings say of it beside its times and text: a dialogue's line its
        speaker and voice, a drill's part its name and language (`making.sequences`)."""
        if self.speaker is not None:
            return {"speaker": self.speaker, "voice": self.voice}
        return {"part": self.name, "lang": self.code}

    @property
    def code(self) -> str:
        return "" if self.lang is None else self.lang.code

    @property
    def title(self) -> str:
        return "" if self.lang is None else self.lang.title


@dataclass(frozen=True, slots=True)
class Joined:
    """Parts (clips and silences) joined into one clip (a drill, a dialogue:
    `planning.sequences`): made from its parts' clips in the store (`making.sequences`),
    never by a provider."""

    parts: tuple[SequencePart, ...]
    voice: Voice
    """The voice of its last text part, which the manifest names it by."""

    kind: ClassVar[str] = SEQUENCE
    heard: ClassVar[bool] = False
    """A join of texts and silences: no text of one language for the listening checks."""
    version: ClassVar[str] = JOIN_VERSION
    """How its parts are joined (`content.sequence.JOIN_VERSION`), in its key."""
    speech: ClassVar[None] = None
    sent: ClassVar[None] = None
    billed: ClassVar[int] = 0

    @property
    def inputs(self) -> tuple[Input, ...]:
        return tuple(Input(p.source, self.named(p)) for p in self.parts if p.source is not None)

    def named(self, part: SequencePart) -> str:
        return f'the clip of its part "{part.name}"'

    def said_text(self, text: str) -> str:
        return text

    def key(self, audio: AudioSettings) -> str:
        """Its parts' keys and silences, the audio settings it is finished with, the
        join's version (`content.sequence.JOIN_VERSION`), and a dialogue's speakers (its
        timings name them): a changed part remakes the part's clip and the join, nothing
        else."""
        material = [
            key_of(p.source) if p.source else ("answer" if p.answer else p.seconds)
            for p in self.parts
        ]
        speakers = [p.speaker for p in self.parts if p.speaker is not None]
        return join_key(material, self.version, audio, speakers)

    def shard_key(self, key: str) -> str | None:
        return None  # its parts may be other shards': the run that joins the shards makes it

    def recorded(self, text: str, reported: str | None) -> dict[str, Any]:
        return {"spoken": text, "phonemes": reported} | dict.fromkeys(
            ("reading", "verdict", "note", "pitch")
        )

    def shown(self) -> dict[str, Any]:
        """What a dry run's `--json` adds of it: the names of its parts; a dialogue's, who
        says its lines in which voice."""
        shown: dict[str, Any] = {"parts": [p.name for p in self.parts]}
        speakers = {p.speaker: p.voice for p in self.parts if p.speaker is not None}
        return shown | ({"speakers": speakers} if speakers else {})


@dataclass(frozen=True, slots=True)
class Spanned(Joined):
    """A text in several languages (`content.lang_spans`): its runs' clips, each said by
    its language's voice, joined with the silences its text writes between them
    (`making.spans`), never by a provider; its word timings are its runs', each moved to
    where the run is in the join. Keyed as a join is, apart from a drill's."""

    voices: tuple[Voice, ...] = ()
    """The voice of each of its runs, in order."""
    unmarked: str = ""
    """Its text as a learner reads it, its marks left out (`Spans.text`): what its
    timings record, which its sentences are cut from (`making.spans`)."""

    version: ClassVar[str] = f"{JOIN_VERSION} spans {SPANS_VERSION}"

    def named(self, part: SequencePart) -> str:
        return f"the clip of its {part.title} span {quoted(part.text)}"

    def shown(self) -> dict[str, Any]:
        """What a dry run's `--json` adds of it: each run, its language and its voice."""
        runs = [p for p in self.parts if p.source is not None]
        return {
            "spans": [
                {"lang": p.code, "text": p.text, "voice": v.voice}
                for p, v in zip(runs, self.voices, strict=True)
            ]
        }


Recipe = Spoken | Stretched | Joined | Regapped
"""What a clip is made from."""
