"""Items → clips: content keys, deduplication, and what is new, present or stale.

A clip's file is named after its content key, a hash of everything that changes the
sound, so identical texts share one synthesis, a changed text gets a new file, and no
entry id ever becomes part of a path.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from ..audio import AudioSettings
from ..audio.tempo import STRETCH
from ..content.gate import Refusal
from ..content.item import Item, JsonPath, UrlChange, describe_path
from ..content.twins import own_tempo_field
from ..languages import base_code
from ..pauses import SENTENCE_S
from ..pauses import written as written_pauses
from ..readings.form import SaidWord
from ..readings.saying import Form, ToRead
from ..store.layout import KEY_LENGTH, clip_path, key_of
from ..store.manifest import StoredClip, sha256

PIPELINE_VERSION = "1"
"""Bump when trimming, joining or encoding changes the bytes for the same settings."""


@dataclass(frozen=True)
class Voice:
    """Who speaks a text: a provider, one of its voices, and what identifies the model."""

    provider: str
    """The provider's registry name (its entry point's)."""
    voice: str
    identity: Mapping[str, str] = field(default_factory=dict)


def content_key(
    spoken: str,
    lang: str,
    voice: Voice,
    speed: float,
    audio: AudioSettings,
    pieces: int,
    phonemes: Sequence[str] | None = None,
    kind: str = "text",
    take: int = 0,
    reading: str | None = None,
    tempo: float = 1.0,
) -> str:
    """The hash that names a clip's file (KEY_LENGTH hex digits).

    `kind` "kana" (a chart's kana, spoken as a sound) keys apart from the same text as a
    word: は in a kana chart is not the particle は. A `take` above 0 (a review asked for
    the text again) keys a new clip, which a provider that varies makes anew."""
    # The JSON of the material dict below, sorted by key, assembled from its parts: the
    # parts a voice and the audio settings fix are encoded once (`_fixed_parts`) and the
    # text around the others is laid out once (`_layout`), which keeps planning 120,000
    # texts fast. A test (tests/unit/store/test_manifest.py) holds it equal to json.dumps of
    # the plain dict, sorted by key.
    fixed = _fixed_parts(voice, speed, audio)
    parts = {"lang": _string(lang), "pieces": str(pieces), "text": _string(spoken)}
    if phonemes is not None:
        # Only when given, so the keys of clips spoken from text stay what they were.
        parts["phonemes"] = _dumps(list(phonemes))
    if kind == "kana":
        # Only for kana, so the keys of texts and readings stay what they were.
        parts["kind"] = _string(kind)
    if take:
        # Only for a retake, so the keys of first takes stay what they were.
        parts["take"] = _dumps(take)
    if reading is not None:
        # What the readings engine decided a Japanese text says (`readings.said_material`),
        # when it is not what the provider says of the text alone. Only when given, so the
        # keys of texts the engine does not change stay what they were.
        parts["reading"] = _string(reading)
    if tempo != 1.0:
        # A slow clip: the same clip stretched (`making.slow`). Only for those, so the
        # keys of clips at their own tempo stay what they were.
        parts["tempo"] = _string(f"{tempo:g} {STRETCH}")
    segments, holes = _layout(fixed, tuple(parts))
    text = segments[0]
    for hole, segment in zip(holes, segments[1:], strict=True):
        text += parts[hole] + segment
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:KEY_LENGTH]


_LAYOUTS: dict[tuple[int, tuple[str, ...]], tuple[dict[str, str], list[str], list[str]]] = {}
"""`_layout`'s answers, by the fixed parts' id and the other parts' names; the fixed
parts are kept in the value so that their id is not reused while it lives."""


def _layout(fixed: dict[str, str], names: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The material's JSON, sorted by key, cut where the parts `names` go: the text
    between them (the fixed parts already in it) and the names in the order they come."""
    found = _LAYOUTS.get((id(fixed), names))
    if found is not None and found[0] is fixed:
        return found[1], found[2]
    segments: list[str] = []
    holes: list[str] = []
    text = "{"
    for n, key in enumerate(sorted([*fixed, *names])):
        text += f'{", " if n else ""}"{key}": '
        if key in fixed:
            text += fixed[key]
        else:
            segments.append(text)
            holes.append(key)
            text = ""
    segments.append(text + "}")
    if len(_LAYOUTS) > 4096:
        _LAYOUTS.clear()
    _LAYOUTS[id(fixed), names] = (fixed, segments, holes)
    return segments, holes


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


_string = json.encoder.encode_basestring
"""`json.dumps(text, ensure_ascii=False)` of a str, without building an encoder."""

_FIXED: dict[tuple[int, float, int], tuple[Voice, AudioSettings, dict[str, str]]] = {}
"""The encoded parts a voice, a speed and the audio settings fix, by the objects' ids;
the objects are kept in the value so that their ids are not reused while it lives."""


def _fixed_parts(voice: Voice, speed: float, audio: AudioSettings) -> dict[str, str]:
    found = _FIXED.get((id(voice), speed, id(audio)))
    if found is not None and found[0] is voice and found[1] is audio:
        return found[2]
    parts = {
        "audio": json.dumps(audio.key_fields(), sort_keys=True, ensure_ascii=False),
        "model": json.dumps(dict(voice.identity), sort_keys=True, ensure_ascii=False),
        "pipeline": _dumps(PIPELINE_VERSION),
        "provider": _dumps(voice.provider),
        "speed": _dumps(round(speed, 4)),
        "voice": _dumps(voice.voice),
    }
    if len(_FIXED) > 4096:
        _FIXED.clear()
    _FIXED[id(voice), speed, id(audio)] = (voice, audio, parts)
    return parts


@dataclass(frozen=True, slots=True)
class SequencePart:
    """One part of a drill sequence's clip: a text's clip in the store, or a silence."""

    name: str
    """How the sequence names it (`word`, `word (slow)`, `1s`, `answer`)."""
    source: str | None = None
    """The clip of its text: its path (TYPE/KEY.EXT); None: a silence."""
    text: str = ""
    """What its text says (for the part's timings)."""
    lang: str = ""
    """Its text's language."""
    seconds: float | None = None
    """A silence of this length; None: a text, or an answer's silence."""
    answer: bool = False
    """A silence sized to the next text part."""

    @property
    def source_key(self) -> str | None:
        return None if self.source is None else key_of(self.source)


@dataclass(slots=True)
class Clip:
    """One audio file to exist: `<type>/<key>.<ext>` under the out dir (slots: a course
    plans a million of them)."""

    key: str
    type_name: str
    rel_path: str
    url: str
    spoken: str
    lang: str
    voice: Voice
    speed: float
    pieces: list[str]
    """The text split into what one provider call takes (one piece for most texts)."""
    items: list[Item] = field(default_factory=list)
    """Every item that speaks this text in this type (duplicates share the clip) and
    needs its clip."""
    held: list[Item] = field(default_factory=list)
    """Items of this text whose URL place keeps a person's URL: they need no clip."""
    phonemes: list[str] | None = None
    """Per piece, the phonemes to speak, for a voice whose alphabet takes them (the others
    get the piece's text); None: every provider reads the text. Part of the content key."""
    kind: str = "text"
    """How the text is spoken (`content.text.KINDS`): a `kana` clip is one sound, validated
    for one mora. Part of the content key when it is "kana"."""
    form: Form | None = None
    """What the text is said as, as planned (`readings.Saying.forms`): its pieces, what
    names it in the key, and what is decided before it is made."""
    reading: str | None = None
    """What was decided to be said (kana, or pinyin), set before it is made
    (`speaking.say_new`)."""
    verdict: str | None = None
    """The readings' verdict (`agree`, `disagree`, `override`, `numbers`, ...)."""
    note: str | None = None
    """The verdict's message for a teacher (`御雑煮: read as ごぞうに, content says ...`)."""
    pauses: tuple[float, ...] = ()
    """Seconds of silence between each two pieces, where the text has pauses written in
    it (`tts_assets.pauses`); empty: the pause between sentences."""
    pitch: list[str | None] | None = None
    """Per piece, the level of each of its phonemes (a Japanese text told its accent), for
    a provider that takes a pitch; None: the model's own pitch. Named in the key by the
    accent's pattern (`Saying`)."""
    told: Mapping[str, Any] | None = None
    """The accent it is told, as the manifest records it (`StoredClip.pitch`); None: none."""
    tempo: float = 1.0
    """Below 1: a slow clip, made by stretching the clip at `source` (`making.slow`), never
    by its provider."""
    source: str | None = None
    """A slow clip's clip at its own tempo: its path (TYPE/KEY.EXT)."""
    parts: tuple[SequencePart, ...] = ()
    """A drill sequence's parts (`planning.sequences`), joined from their clips in the
    store (`making.sequences`), never synthesized; () for a text's clip."""
    regap: str | None = None
    """A stored clip of the same pieces with other pauses between them (a cloze's gap of
    another length): its path (TYPE/KEY.EXT). The clip is made from it, its speech as it
    is and each pause its new length (`making.regap`), never synthesized
    (`planning.regap`)."""

    @property
    def source_key(self) -> str | None:
        """The content key of a slow clip's clip at its own tempo."""
        return None if self.source is None else key_of(self.source)

    @property
    def gaps(self) -> float | tuple[float, ...]:
        """The silence between each two pieces when they are joined (`audio.process`)."""
        return self.pauses or SENTENCE_S

    @property
    def to_read(self) -> ToRead | None:
        """What is decided of the text before the clip is made; None: nothing."""
        return None if self.form is None else self.form.to_read

    @property
    def sent(self) -> tuple[str, ...]:
        """What a provider that takes text is sent of the text, as its reader decided it,
        per decision (`Form.own`); empty: its pieces."""
        return () if self.form is None or self.form.own is None else self.form.own.sent

    @property
    def said_words(self) -> tuple[SaidWord, ...]:
        """The words its reader decided the text says (the Japanese readings' morphemes),
        for its word timings; empty: none decided."""
        return () if self.form is None or self.form.own is None else self.form.own.words

    @property
    def needed_by(self) -> tuple[str, ...]:
        """The types whose texts need this clip: its folder's, and each type whose texts
        say the same thing (a clip is stored once, in one type's folder)."""
        return tuple(dict.fromkeys(item.type_name for item in self.items))

    @property
    def said(self) -> str:
        """The form given to the engine: the one piece, or the text a passage's pieces are
        cut from, its numbers in words (`readings.numbers`); for a word said from phonemes
        by a pronunciation override, the override's reading."""
        if self.verdict == "override" and self.phonemes is not None and len(self.sent) == 1:
            # Said from phonemes as an override reads it: what is said is the override's
            # reading (おぞうに), not the written word the provider was also given.
            return self.sent[0]
        if len(self.pieces) == 1:
            return self.pieces[0]
        if self.pauses:  # where each written pause is, as the text wrote it
            return written_pauses(self.pieces, self.pauses, SENTENCE_S)
        return self.spoken if self.form is None else self.form.spoken.text

    def manifest_entry(
        self,
        data: bytes,
        duration: float,
        measures: Mapping[str, Any] | None = None,
        said: str | None = None,
        device: str | None = None,
    ) -> StoredClip:
        """What the manifest records of this clip stored as `data` (`duration` seconds;
        `measures`: `ClipMeasures.as_manifest()` of its audio; `said`: the phonemes the
        provider reported, when the plan decided none; `device`: where its model ran)."""
        return StoredClip(
            key=self.key,
            path=self.rel_path,
            text=self.spoken,
            provider=self.voice.provider,
            voice=self.voice.voice,
            duration=round(duration, 3),
            bytes=len(data),
            sha256=sha256(data),
            lang=self.lang,
            measures=measures,
            spoken=self.said,
            phonemes=said if self.phonemes is None else " ".join(self.phonemes),
            reading=self.reading,
            verdict=self.verdict,
            note=self.note,
            device=device,
            pitch=self.told,
        )


def left_out_note(item: Item) -> str | None:
    """What a clip records of the glosses its text's spoken form leaves out, if any."""
    if not item.left_out:
        return None
    notes = " ".join(item.left_out)
    return f"said without the note {notes}: another script than the text's, for the reader"


@dataclass
class TypeCounts:
    """Per-type numbers for the dry-run report and the summary (its columns).

    texts: spoken texts found; clips: distinct clips they need (repeats share one);
    new: clips to make; present: clips the store holds; stale: texts whose URL in the
    JSON is a URL tts-assets made for another clip (it will be replaced); kept: texts
    whose URL is a person's (not a URL tts-assets made: kept, and no clip is made for
    the text, unless `replace_hand_set_urls`, then counted stale); dead: texts whose URL is
    a person's under the URL prefix that names no file (the app plays nothing), whether
    kept (counted `kept` as well) or replaced by a new clip (`replace_dead_urls`), never
    `stale`: tts-assets did not make it; empty: empty texts (placeholders);
    refused: texts the language gate refused (counted in texts, given no clip);
    generated and failed: what this run made and could not make.
    """

    texts: int = 0
    clips: int = 0
    new: int = 0
    present: int = 0
    stale: int = 0
    kept: int = 0
    dead: int = 0
    empty: int = 0
    refused: int = 0
    generated: int = 0
    failed: int = 0


@dataclass
class Plan:
    """Every clip the content needs, split into what exists and what to make."""

    clips: list[Clip]
    new: list[Clip]
    present: list[Clip]
    counts: dict[str, TypeCounts]
    replacing: list[UrlChange] = field(default_factory=list)
    """URLs write-back will replace (`stale`), with their old value."""
    kept: list[UrlChange] = field(default_factory=list)
    """A person's URLs write-back will keep where a clip would go."""
    unsettled: set[Path] = field(default_factory=set)
    """The files with a text whose URL place does not hold its clip's URL, or whose clip
    is to be made: where write-back may have work (the others need none while they stay
    as they were read)."""
    held: list[Clip] = field(default_factory=list)
    """Clips no text needs because every text of theirs keeps a person's URL (`Clip.held`):
    neither made nor billed; `adopt` takes such URLs over."""
    dead: list[UrlChange] = field(default_factory=list)
    """A person's URLs under the URL prefix that name no file, with the clip's URL where
    write-back replaces them (`replace_dead_urls`, `replace_hand_set_urls`), else None
    (kept: the text has no audio until the file is restored or the URL replaced)."""
    refused: list[Refusal] = field(default_factory=list)
    """Texts refused for what they are said as (`readings.Saying`): in no clip, counted in
    their type's `refused` column."""
    recorded: list[Item] = field(default_factory=list)
    """The slow twins of texts whose URL is a person's (their recording, kept): in no
    clip, so the slow button never plays another voice than the recording's; a URL
    tts-assets made at their place is cleared, a person's kept."""
    sequences: list[Clip] = field(default_factory=list)
    """Drill sequences the content needs (`planning.sequences`): joined from the clips of
    their parts once those are stored, never synthesized or billed."""
    sequences_new: list[Clip] = field(default_factory=list)
    """The sequences not in the store yet."""

    @property
    def billable_characters(self) -> int:
        """Characters a paid provider would be sent for the new clips (each clip once):
        their pieces, which hold what is sent once the readings are decided
        (`speaking.decide`: the kana of a reading the written form would be misread as)."""
        # A slow clip is stretched, a clip with new pauses cut from its stored one.
        made = {c.key: c for c in self.new if c.tempo == 1.0 and c.regap is None}
        return sum(sum(map(len, c.pieces)) for c in made.values())

    def found(self, clips: Sequence[Clip]) -> None:
        """Count `clips` (new) as present: their files were found in the store after all
        (`commands.recovered`)."""
        gone = {id(clip) for clip in clips}
        self.new = [clip for clip in self.new if id(clip) not in gone]
        self.present += clips
        for clip in clips:
            for type_name in clip.needed_by:
                self.counts[type_name].new -= 1
                self.counts[type_name].present += 1

    def synthesis_groups(self) -> dict[str, list[Clip]]:
        """New clips grouped by content key: each group is synthesized once."""
        groups: dict[str, list[Clip]] = {}
        for clip in self.new:
            groups.setdefault(clip.key, []).append(clip)
        return groups


class Surroundings(Protocol):
    """What the plan asks of the store and of the content's URL places."""

    def is_present(self, rel_path: str, key: str) -> bool:
        """Whether the store holds clip `key` at `rel_path`."""
        ...

    def is_listed(self, rel_path: str, key: str) -> bool:
        """Whether the store's manifest lists clip `key` at `rel_path` (no file looked at)."""
        ...

    def current_url(self, item: Item) -> object:
        """What `item`'s URL place holds now."""
        ...

    def made_by_tool(self, url: str) -> bool:
        """Whether write-back may replace `url`: a URL tts-assets made (every URL, when a
        person's are replaced too); another is a person's, kept."""
        ...

    def dead(self, url: str) -> bool:
        """Whether `url` is a person's URL under the URL prefix that names no file."""
        ...


def make_plan(
    texts: Iterable[tuple[Item, Voice, Form]],
    around: Surroundings,
    *,
    speed: float,
    audio: AudioSettings,
    url_prefix: str,
    empty: Mapping[str, int] | None = None,
    refused: Mapping[str, int] | None = None,
) -> Plan:
    """Group texts into clips and check which exist.

    Each text is an item, the voice that says it, and what it is said as (`form`: its
    pieces and what names it in the key, `readings.Saying`). `around` tells which clips the
    store holds and what each URL place holds now: a URL tts-assets made for another clip
    is stale; a person's is counted `kept`, and its text needs no clip (`Plan.held`); a
    person's URL under the prefix that names no file is counted `dead` (and listed in
    `Plan.dead`), not stale. `empty` and `refused` count, per type, the texts skipped as
    placeholders and those refused (by the language gate, or by what they are said as).
    """
    texts = list(texts)
    keys = keyed(texts, speed, audio)
    sources = _slow_sources(texts, speed, audio)
    folders = _folders(texts, keys, around, audio.extension)
    prefix = url_prefix.rstrip("/")
    placing = _Placing(
        around=around,
        speed=speed,
        extension=audio.extension,
        prefix=prefix,
        folders=folders,
        sources=sources,
        recordings=_kept_recordings(texts, keys, folders, around, audio.extension, prefix),
        counts=_skipped_counts(empty, refused),
    )
    for (item, voice, form), key in zip(texts, keys, strict=True):
        placing.place(item, voice, form, key)
    return placing.plan()


def _slow_sources(
    texts: Sequence[tuple[Item, Voice, Form]], speed: float, audio: AudioSettings
) -> dict[int, str]:
    """The content key of each slow text's clip at its own tempo (by the item's id): a
    slow clip's source, wherever that is stored."""
    slowed = [(item, voice, form) for item, voice, form in texts if item.tempo != 1.0]
    return dict(
        zip(
            (id(item) for item, _, _ in slowed),
            keyed([(replace(i, tempo=1.0), v, f) for i, v, f in slowed], speed, audio),
            strict=True,
        )
    )


def _kept_recordings(
    texts: Sequence[tuple[Item, Voice, Form]],
    keyed: Sequence[str],
    folders: Mapping[str, str],
    around: Surroundings,
    extension: str,
    prefix: str,
) -> set[tuple[Path, JsonPath, str, str]]:
    """The texts that keep a person's recording (`_recordings`), asked only when some
    text is slow (a slow twin is what a recording stands in for)."""
    if all(item.tempo == 1.0 for item, _, _ in texts):
        return set()
    own = [
        f"{prefix}/{clip_path(folders.get(k, i.type_name), k, extension)}"
        for (i, _, _), k in zip(texts, keyed, strict=True)
    ]
    return _recordings(texts, own, around)


def _skipped_counts(
    empty: Mapping[str, int] | None, refused: Mapping[str, int] | None
) -> dict[str, TypeCounts]:
    """Each type's counts of the texts skipped as placeholders and of those refused."""
    counts: dict[str, TypeCounts] = {}
    for type_name, n in (empty or {}).items():
        counts.setdefault(type_name, TypeCounts()).empty = n
    for type_name, n in (refused or {}).items():
        tc = counts.setdefault(type_name, TypeCounts())
        tc.refused = tc.texts = n
    return counts


@dataclass
class _Placing:
    """What `make_plan` knows and gathers as it places each text in its clip."""

    around: Surroundings
    speed: float
    extension: str
    prefix: str
    folders: Mapping[str, str]
    """The folder of each content key a text of another type shares (`_folders`)."""
    sources: Mapping[int, str]
    """The content key of each slow text's source (`_slow_sources`)."""
    recordings: set[tuple[Path, JsonPath, str, str]]
    """The texts that keep a person's recording (`_kept_recordings`)."""
    counts: dict[str, TypeCounts]
    by_path: dict[str, Clip] = field(default_factory=dict)
    replacing: list[UrlChange] = field(default_factory=list)
    kept: list[UrlChange] = field(default_factory=list)
    dead_urls: list[UrlChange] = field(default_factory=list)
    unsettled: set[Path] = field(default_factory=set)
    recorded: list[Item] = field(default_factory=list)

    def place(self, item: Item, voice: Voice, form: Form, key: str) -> None:
        """Count `item` in its type and place it in its clip, or among the recorded."""
        tc = self.counts.get(item.type_name) or self.counts.setdefault(item.type_name, TypeCounts())
        tc.texts += 1
        if item.tempo != 1.0 and _text_at(item) in self.recordings:
            self.recorded.append(item)  # its clip is a person's recording: no robot's slow one
            if self.around.current_url(item):
                self.unsettled.add(item.file)  # a URL there: write-back clears one of the tool's
            return
        clip = self._clip(item, voice, form, key)
        if self._settle(item, clip, tc):
            clip.items.append(item)

    def _clip(self, item: Item, voice: Voice, form: Form, key: str) -> Clip:
        """The clip of `key` that says `item`, made the first time one of its texts asks."""
        # A clip is stored once, in one type's folder, however many types say its text.
        folder = self.folders.get(key, item.type_name)
        rel_path = clip_path(folder, key, self.extension)
        clip = self.by_path.get(rel_path)
        if clip is not None:
            return clip
        clip = Clip(
            key=key,
            type_name=folder,
            rel_path=rel_path,
            url=f"{self.prefix}/{rel_path}",
            spoken=item.spoken,
            lang=item.lang,
            voice=voice,
            speed=self.speed,
            pieces=list(form.pieces),
            kind=item.kind,
            form=form,
            verdict=form.verdict,
            # What the numbers rules said as written, or guessed; else a left-out gloss.
            note=form.note or left_out_note(item),
            pauses=form.pauses,
            tempo=item.tempo,
        )
        if item.tempo != 1.0:
            source_key = self.sources[id(item)]
            source_folder = self.folders.get(source_key, item.type_name)
            clip.source = clip_path(source_folder, source_key, self.extension)
        self.by_path[rel_path] = clip
        return clip

    def _settle(self, item: Item, clip: Clip, tc: TypeCounts) -> bool:
        """Note what `item`'s URL place holds against `clip`'s URL: stale, dead or a
        person's. False when it is a person's, kept: the text needs no clip."""
        existing = self.around.current_url(item)
        if existing != clip.url:
            self.unsettled.add(item.file)
        if not isinstance(existing, str) or not existing or existing == clip.url:
            return True
        change = UrlChange(describe_path(item.file, item.url_path), existing, clip.url)
        is_dead = self.around.dead(existing)
        if is_dead:
            tc.dead += 1
        if self.around.made_by_tool(existing):
            if is_dead:
                self.dead_urls.append(change)  # replaced, yet not stale: not the tool's URL
            else:
                tc.stale += 1
            self.replacing.append(change)
            return True
        # A person's URL is kept, and its text needs no clip (none is made for it).
        tc.kept += 1
        self.kept.append(change)
        if is_dead:
            self.dead_urls.append(UrlChange(change.place, existing, None))
        clip.held.append(item)
        return False

    def plan(self) -> Plan:
        """The plan of the texts placed: each clip new, present in the store, or held."""
        clips: list[Clip] = []
        held: list[Clip] = []
        new: list[Clip] = []
        present: list[Clip] = []
        for clip in self.by_path.values():
            if not clip.items:
                held.append(clip)  # every text of it keeps a person's URL
                continue
            clips.append(clip)
            # Counted in each type whose texts need it (its folder's and those that share it).
            needing = clip.needed_by
            for type_name in needing:
                self.counts[type_name].clips += 1
            if self.around.is_present(clip.rel_path, clip.key):
                present.append(clip)
                for type_name in needing:
                    self.counts[type_name].present += 1
            else:
                new.append(clip)
                for type_name in needing:
                    self.counts[type_name].new += 1
                self.unsettled.update(item.file for item in clip.items)
        return Plan(
            clips,
            new,
            present,
            self.counts,
            self.replacing,
            self.kept,
            self.unsettled,
            held,
            self.dead_urls,
            recorded=self.recorded,
        )


def _text_at(item: Item) -> tuple[Path, JsonPath, str, str]:
    """Where a text is, as its clip's field and its slow twin's both find it."""
    return item.file, item.text_path, item.type_name, own_tempo_field(item.field)


def _recordings(
    texts: Sequence[tuple[Item, Voice, Form]], urls: Sequence[str], around: Surroundings
) -> set[tuple[Path, JsonPath, str, str]]:
    """The texts at their own tempo whose URL place keeps a person's URL (`_text_at`).

    The URL of the text's own clip (`urls`, by content key) is never a person's, even where
    no manifest lists it: a fresh checkout of a course whose clips git ignores names
    them, and its run makes them, with their slow twins."""
    found = set()
    for (item, _, _), url in zip(texts, urls, strict=True):
        if item.tempo == 1.0:
            existing = around.current_url(item)
            if (
                isinstance(existing, str)
                and existing
                and existing != url
                and not around.made_by_tool(existing)
            ):
                found.add(_text_at(item))
    return found


def keyed(
    texts: Sequence[tuple[Item, Voice, Form]], speed: float, audio: AudioSettings
) -> list[str]:
    """The content key of each text. Repeated texts (a reading shared by many kanji) are
    keyed once; the voice is kept in the value so that its id is not reused meanwhile."""
    keys: dict[tuple[object, ...], tuple[Voice, str]] = {}
    found: list[str] = []
    for item, voice, form in texts:
        material = form.material
        # A text with pauses is keyed as written one way: one clip for the ways to write it.
        text = item.spoken if form.keyed is None else form.keyed
        same = (
            id(voice),
            text,
            item.lang,
            len(form.pieces),
            item.kind,
            item.take,
            material,
            item.tempo,
        )
        known = keys.get(same)
        if known is None:
            key = content_key(
                text,
                # `JA`, `ja-JP` and `ja` key alike: the voice (in the key) says the accent.
                base_code(item.lang),
                voice,
                speed,
                audio,
                len(form.pieces),
                kind=item.kind,
                take=item.take,
                reading=material,
                tempo=item.tempo,
            )
            known = keys[same] = (voice, key)
        found.append(known[1])
    return found


def _folders(
    texts: Sequence[tuple[Item, Voice, Form]],
    keys: Sequence[str],
    around: Surroundings,
    extension: str,
) -> dict[str, str]:
    """The one type folder of each clip that texts of several types say (the same sentence
    in grammar and vocabulary): the first, by name, whose folder the manifest already lists
    it in (a course that stored it twice keeps one), else the first by name. A clip of one
    type is in its own folder (not listed here)."""
    types: dict[str, set[str]] = {}
    for (item, _, _), key in zip(texts, keys, strict=True):
        types.setdefault(key, set()).add(item.type_name)
    chosen: dict[str, str] = {}
    for key, names in types.items():
        if len(names) < 2:
            continue
        ordered = sorted(names)
        listed = [n for n in ordered if around.is_listed(clip_path(n, key, extension), key)]
        chosen[key] = (listed or ordered)[0]
    return chosen
