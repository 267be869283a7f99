"""Items → clips: each text's recipe and content key (`keys`, `recipes`), deduplication,
and what is new, present or stale."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..audio import AudioSettings
from ..content.gate import Refusal
from ..content.item import Item, JsonPath, UrlChange, describe_path
from ..content.tempi import own_tempo_field
from ..languages import Lang
from ..readings.saying import Form
from ..store.layout import clip_path
from ..store.manifest import StoredClip, sha256
from ..store.urls import ClipUrls, UrlOwner
from .keys import PIPELINE_VERSION as PIPELINE_VERSION
from .keys import Voice as Voice
from .keys import content_key as content_key
from .recipes import Input, Recipe, Spoken, Stretched
from .recipes import SequencePart as SequencePart

if TYPE_CHECKING:
    from ..content.load import LoadResult
    from ..settings.config import Settings
    from ..store.manifest import Store


@dataclass(slots=True)
class Clip:
    """One audio file to exist: `<type>/<key>.<ext>` under the out dir, and what it is made
    from (slots: a course plans a million of them)."""

    key: str
    type_name: str
    rel_path: str
    url: str
    spoken: str
    """Its text (a drill's: its parts, described)."""
    lang: Lang
    """Its text's language, as its items carry it."""
    recipe: Recipe
    """What it is made from (`recipes`): a text said by a voice, a clip stretched, parts
    joined."""
    items: list[Item] = field(default_factory=list)
    """Every item that speaks this text in this type (duplicates share the clip) and
    needs its clip."""
    held: list[Item] = field(default_factory=list)
    """Items of this text whose URL place keeps a person's URL: they need no clip."""

    @property
    def voice(self) -> Voice:
        return self.recipe.voice

    @property
    def kind(self) -> str:
        return self.recipe.kind

    @property
    def speech(self) -> Spoken | None:
        """What its text is said as (a stretched clip's source's); None for a join."""
        return self.recipe.speech

    @property
    def pieces(self) -> tuple[str, ...]:
        """The pieces its text is said in (`Spoken.pieces`); none for a join."""
        speech = self.recipe.speech
        return () if speech is None else speech.pieces

    @property
    def tempo(self) -> float | None:
        """The tempo it is stretched to; None for a clip at its own."""
        return self.recipe.tempo if isinstance(self.recipe, Stretched) else None

    @property
    def inputs(self) -> tuple[Input, ...]:
        return self.recipe.inputs

    @property
    def shard_key(self) -> str | None:
        """The key whose shard makes it (`Recipe.shard_key`)."""
        return self.recipe.shard_key(self.key)

    @property
    def needed_by(self) -> tuple[str, ...]:
        """The types whose texts need this clip: its folder's, and each type whose texts
        say the same thing (a clip is stored once, in one type's folder)."""
        items = self.items
        if len(items) == 1:
            return (items[0].type_name,)  # most clips: asked of each by every plan
        return tuple(dict.fromkeys(item.type_name for item in items))

    @property
    def said(self) -> str:
        """What it says, as the manifest records it (`Spoken.said_text`)."""
        return self.recipe.said_text(self.spoken)

    def manifest_entry(
        self,
        data: bytes,
        duration: float,
        measures: Mapping[str, Any] | None = None,
        said: str | None = None,
        device: str | None = None,
    ) -> StoredClip:
        """What the manifest records of this clip stored as `data` (`said`: the phonemes
        the provider reported, when the plan decided none; `device`: where its model ran)."""
        return StoredClip(
            key=self.key,
            path=self.rel_path,
            text=self.spoken,
            provider=self.voice.provider,
            voice=self.voice.voice,
            duration=round(duration, 3),
            bytes=len(data),
            sha256=sha256(data),
            lang=self.lang.code,
            measures=measures,
            device=device,
            **self.recipe.recorded(self.spoken, said),
        )


def clip_of(
    made: dict[str, Clip], item: Item, key: str, recipe: Recipe, folder: str, around: Surroundings
) -> Clip:
    """The clip of `key` in `folder` that says `item` as `recipe`: the one `made` holds at
    its path, else a new one kept there."""
    rel_path = clip_path(folder, key, around.settings.audio.extension)
    clip = made.get(rel_path)
    if clip is None:
        url = f"{around.settings.url_prefix.rstrip('/')}/{rel_path}"
        clip = made[rel_path] = Clip(key, folder, rel_path, url, item.spoken, item.lang, recipe)
    return clip


def left_out_note(item: Item) -> str | None:
    """What a clip records of the glosses its text's spoken form leaves out, if any."""
    if not item.left_out:
        return None
    notes = " ".join(item.left_out)
    return f"said without the note {notes}: another script than the text's, for the reader"


@dataclass
class TypeCounts:
    """Per-type numbers for the dry-run report and the summary (its columns).

    stale: texts whose URL is one tts-assets made for another clip (replaced); kept: texts
    keeping a person's URL (no clip made for them); dead: a person's URL under the prefix
    that names no file, kept (counted `kept` too) or replaced, never `stale`; refused:
    counted in texts, given no clip.
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


STEPS = ("texts", "lines", "forms", "line forms", "runs", "joins", "drills", "readings")
"""The steps of planning a content, in order (`Plan.steps`), each with what it refused
("forms": the texts refused for what they are said as; "readings": once each new clip's
reading is decided)."""


@dataclass
class Plan:
    """Every clip the content needs (of every recipe: spoken, stretched, joined), split
    into what exists and what to make."""

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
    is to be made: where write-back may have work."""
    held: list[Clip] = field(default_factory=list)
    """Clips no text needs because every text of theirs keeps a person's URL (`Clip.held`):
    neither made nor billed; `adopt` takes such URLs over."""
    dead: list[UrlChange] = field(default_factory=list)
    """A person's URLs under the URL prefix that name no file, with the clip's URL where
    write-back replaces them, else None (kept)."""
    refused: list[Refusal] = field(default_factory=list)
    """Texts refused for what they are said as (`readings.Saying`)."""
    recorded: list[Item] = field(default_factory=list)
    """The slow twins of texts whose URL is a person's (their recording, kept): in no
    clip, so the slow button never plays another voice than the recording's; a URL
    tts-assets made at their place is cleared, a person's kept."""

    steps: dict[int, tuple[int, object]] = field(default_factory=dict)
    """The step of planning that put a clip, URL change or refusal in the plan after the
    texts' own (`STEPS`), by the id of each (kept with it, so that no id is another's):
    `step_of` puts a course's windows' lists back in its order (`commands.tally`)."""

    def stepped(self, step: int, since: tuple[int, ...], refused: Iterable[object] = ()) -> None:
        """What `step` put in the plan: its clips and URL changes past `since` (`lengths`
        when the step began), and `refused`."""
        for found, start in zip(self._stepped_lists(), since, strict=True):
            self.mark(step, found[start:])
        self.mark(step, refused)

    def mark(self, step: int, things: Iterable[object]) -> None:
        for thing in things:
            self.steps[id(thing)] = (step, thing)

    def lengths(self) -> tuple[int, ...]:
        """How many clips and URL changes the plan holds now (`stepped`)."""
        return tuple(map(len, self._stepped_lists()))

    def _stepped_lists(self) -> tuple[list[Any], ...]:
        return self.clips, self.kept, self.replacing, self.dead

    def step_of(self, thing: object) -> int:
        found = self.steps.get(id(thing))
        return found[0] if found is not None and found[1] is thing else 0

    @property
    def billable_characters(self) -> int:
        """Characters a paid provider would be sent for the new clips (each clip once):
        what each one's recipe bills (`recipes.Spoken.billed`: its pieces, which hold what
        is sent once the readings are decided; nothing for a clip made from others)."""
        made = {c.key: c for c in self.new}
        return sum(c.recipe.billed for c in made.values())

    def type_counts(self, type_name: str) -> TypeCounts:
        """The counts of `type_name`, made the first time it is asked."""
        return self.counts.get(type_name) or self.counts.setdefault(type_name, TypeCounts())

    def add(self, clip: Clip, there: bool) -> None:
        """`clip` needed, counted in each type whose texts need it: present, or new."""
        self.clips.append(clip)
        (self.present if there else self.new).append(clip)
        for type_name in clip.needed_by:
            tc = self.counts[type_name]
            tc.clips += 1
            tc.present += there
            tc.new += not there
        if not there:
            self.unsettled.update(item.file for item in clip.items)

    def add_needed(self, clips: Iterable[Clip], around: Surroundings) -> list[Clip]:
        """`add` each of `clips` a text needs, present if the store holds it; the others."""
        unneeded = []
        for clip in clips:
            if clip.items:
                self.add(clip, around.is_present(clip.rel_path, clip.key))
            else:
                unneeded.append(clip)
        return unneeded

    def tally(self, clips: Iterable[Clip], column: str) -> None:
        """One more in `column` (`generated`, `failed`) of each type whose texts need one
        of `clips` (the clips of one key: one clip made, once a type)."""
        for type_name in dict.fromkeys(t for clip in clips for t in clip.needed_by):
            tc = self.counts[type_name]
            setattr(tc, column, getattr(tc, column) + 1)

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


class Surroundings:
    """What the plan asks of the store and of the content's URL places: with `files`
    False a clip its manifest lists is present, no file looked at; `sharing` gives the
    types the course's other windows found saying each key (`planning.course`)."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        loaded: LoadResult,
        *,
        files: bool = True,
        sharing: Callable[[dict[str, set[str]]], dict[str, set[str]]] | None = None,
    ):
        self.settings = settings
        self.loaded = loaded
        self._store = store
        self._sharing = sharing
        self._files = files
        self._out_dir = settings.out_dir
        self._owner = replaced_urls(settings, store)
        self._every_url = settings.replace_hand_set_urls
        self._lines = {id(line) for line in loaded.lines}
        """A dialogue's lines with no URL place of their own (`LoadResult.lines`)."""

    def is_present(self, rel_path: str, key: str) -> bool:
        if self._files:
            return self._store.is_present(rel_path, key)
        return self._store.is_listed(rel_path, key)

    def is_listed(self, rel_path: str, key: str) -> bool:
        return self._store.is_listed(rel_path, key)

    def current_url(self, item: Item) -> object:
        if self._lines and id(item) in self._lines:
            return None  # no URL place: nothing there to keep or replace
        return self.loaded.value_at_url(item)

    def made_by_tool(self, url: str) -> bool:
        """Whether write-back may replace `url`: a URL tts-assets made (every URL, when a
        person's are replaced too); another is a person's, kept."""
        return self._every_url or self._owner(url)

    def asking(self, keys: Sequence[str]) -> None:
        self._store.prefetch(keys)  # the entries of the clips the plan is about to ask of

    def sharing(self, types: dict[str, set[str]]) -> dict[str, set[str]]:
        """The types whose texts say each content key of `types` (the plan's own): those,
        and those of the course's other windows."""
        return types if self._sharing is None else self._sharing(types)

    def dead(self, url: str) -> bool:
        """Whether `url` is a person's URL under the URL prefix that names no file."""
        # One the manifest or an adoption vouches for is the tool's (a missing clip of its
        # own, which verify calls missing). The file is looked at last: a stale URL of the
        # tool's costs no stat.
        owner = self._owner
        return (
            not owner.made(url) and not owner.adopted(url) and owner.urls.dead(url, self._out_dir)
        )


def replaced_urls(settings: Settings, store: Store) -> UrlOwner:
    """Whose each URL is in this project, and what write-back may replace (`UrlOwner`)."""
    urls = ClipUrls(settings.url_prefix)
    return UrlOwner(
        urls,
        store,
        settings.out_dir,
        dead=settings.replace_dead_urls,
        former=settings.former_url_prefixes,
    )


def make_plan(
    texts: Iterable[tuple[Item, Voice, Form]], around: Surroundings, refused: Counter[str]
) -> Plan:
    """Group texts (each an item, its voice, what it is said as: `readings.Saying`) into
    clips, each new, present, or held (`settle`). `refused` counts, per type, the texts
    refused beside those the content skips as refused."""
    texts = list(texts)
    audio, speed, takes = around.settings.audio, around.settings.speed, around.loaded.takes
    recipes: list[Spoken | Stretched] = []
    for item, voice, form in texts:
        said = said_as(item, voice, form, speed, takes.get(id(item), 0))
        # A twin's (`content.twins`) is its text's clip stretched to its tempo (the source
        # set once the folders are known).
        recipes.append(said if item.twin is None else Stretched(said, item.twin.tempo, ""))
    keys = _Keys(audio)
    keyed = [keys(item, recipe) for (item, _, _), recipe in zip(texts, recipes, strict=True)]
    around.asking(keyed)
    folders = _folders(texts, keyed, around)
    for (item, _, _), recipe in zip(texts, recipes, strict=True):
        if isinstance(recipe, Stretched):
            # Its source is its text's clip at its own tempo, wherever that is stored.
            own = keys(item, recipe.spoken)
            recipe.source = clip_path(folders.get(own, item.type_name), own, audio.extension)
    del keys  # its memo of every text's key material is not needed to place them
    recordings = _kept_recordings(texts, keyed, folders, around)
    plan = Plan([], [], [], {})
    for type_name, n in around.loaded.skip_counts().items():
        plan.type_counts(type_name).empty = n
    for type_name, n in (refused + around.loaded.skip_counts(refused=True)).items():
        tc = plan.type_counts(type_name)
        tc.refused = tc.texts = n
    by_path: dict[str, Clip] = {}
    for (item, _, _), recipe, key in zip(texts, recipes, keyed, strict=True):
        tc = plan.type_counts(item.type_name)
        tc.texts += 1
        if item.twin is not None and _text_at(item) in recordings:
            plan.recorded.append(item)  # its clip is a person's recording: no robot's slow one
            if around.current_url(item):
                plan.unsettled.add(item.file)  # a URL there: write-back clears one of the tool's
            continue
        # A clip is stored once, in one type's folder, however many types say its text.
        folder = folders.get(key, item.type_name)
        clip = clip_of(by_path, item, key, recipe, folder, around)
        settle(plan, around, item, clip, tc)
    plan.held += plan.add_needed(by_path.values(), around)  # each text keeps a person's URL
    return plan


def said_as(item: Item, voice: Voice, form: Form, speed: float, take: int = 0) -> Spoken:
    """`item`'s text said by `voice` as `form` (its `take`), noting what the numbers rules
    said as written, or guessed; else a gloss left out."""
    return Spoken(form, voice, speed, item.kind, take, form.note or left_out_note(item))


class _Keys:
    """The content key of each text's recipe (`Spoken.key`, `Stretched.key`). Texts alike
    (a reading shared by many kanji) are keyed once; the voice is kept in the value so
    that its id is not reused meanwhile."""

    def __init__(self, audio: AudioSettings) -> None:
        self.audio = audio
        self.known: dict[tuple[object, ...], tuple[Voice, str]] = {}

    def __call__(self, item: Item, recipe: Spoken | Stretched) -> str:
        same = recipe.same(item.spoken, item.lang)
        known = self.known.get(same)
        if known is None:
            key = recipe.key_of(same, self.audio)  # `same` not worked out again
            known = self.known[same] = (recipe.voice, key)
        return known[1]


def settle(plan: Plan, around: Surroundings, item: Item, clip: Clip, tc: TypeCounts) -> bool:
    """Put `item` among `clip`'s texts, noting what its URL place holds against `clip`'s
    URL: stale, dead or a person's. A person's URL is kept: the text is put among
    `clip.held` and needs no clip (False)."""
    existing = around.current_url(item)
    if existing != clip.url:
        plan.unsettled.add(item.file)
    if not isinstance(existing, str) or not existing or existing == clip.url:
        clip.items.append(item)
        return True
    change = UrlChange(describe_path(item.file, item.url_path), existing, clip.url)
    is_dead = around.dead(existing)
    if is_dead:
        tc.dead += 1
    if around.made_by_tool(existing):
        if is_dead:
            plan.dead.append(change)  # replaced, yet not stale: not the tool's URL
        else:
            tc.stale += 1
        plan.replacing.append(change)
        clip.items.append(item)
        return True
    # A person's URL is kept, and its text needs no clip (none is made for it).
    tc.kept += 1
    plan.kept.append(change)
    if is_dead:
        plan.dead.append(UrlChange(change.place, existing, None))
    clip.held.append(item)
    return False


def _text_at(item: Item) -> tuple[Path, JsonPath, str, str]:
    """Where a text is, as its clip's field and its slow twin's both find it."""
    return item.file, item.text_path, item.type_name, own_tempo_field(item.field)


def _kept_recordings(
    texts: Sequence[tuple[Item, Voice, Form]],
    keyed: Sequence[str],
    folders: Mapping[str, str],
    around: Surroundings,
) -> set[tuple[Path, JsonPath, str, str]]:
    """The texts at their own tempo whose URL place keeps a person's URL (`_text_at`),
    asked only when some text is a twin (a slow twin is what a recording stands in for).

    The URL of the text's own clip (by its content key `keyed`) is never a person's, even
    where no manifest lists it: a fresh checkout of a course whose clips git ignores names
    them, and its run makes them, with their slow twins."""
    found: set[tuple[Path, JsonPath, str, str]] = set()
    if all(item.twin is None for item, _, _ in texts):
        return found
    prefix, extension = around.settings.url_prefix.rstrip("/"), around.settings.audio.extension
    for (item, _, _), key in zip(texts, keyed, strict=True):
        if item.twin is None:
            url = f"{prefix}/{clip_path(folders.get(key, item.type_name), key, extension)}"
            existing = around.current_url(item)
            if (
                isinstance(existing, str)
                and existing
                and existing != url
                and not around.made_by_tool(existing)
            ):
                found.add(_text_at(item))
    return found


def _folders(
    texts: Sequence[tuple[Item, Voice, Form]],
    keys: Sequence[str],
    around: Surroundings,
) -> dict[str, str]:
    """The one type folder of each clip that texts of several types say (the same sentence
    in grammar and vocabulary): the first, by name, whose folder the manifest already lists
    it in (a course that stored it twice keeps one), else the first by name. A clip of one
    type is in its own folder (not listed here)."""
    types: dict[str, set[str]] = {}
    for (item, _, _), key in zip(texts, keys, strict=True):
        types.setdefault(key, set()).add(item.type_name)
    chosen: dict[str, str] = {}
    extension = around.settings.audio.extension
    for key, names in around.sharing(types).items():
        if len(names) < 2:
            continue
        ordered = sorted(names)
        listed = [n for n in ordered if around.is_listed(clip_path(n, key, extension), key)]
        chosen[key] = (listed or ordered)[0]
    return chosen
