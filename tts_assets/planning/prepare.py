"""What every command starts from: the content loaded, its voices, the store and the plan.

`generate`, `verify`, `prune` and the benchmarks all see the content the same way through
`prepare`, which reads files and asks providers for identities but writes nothing and
loads no model.

The language gate (`content/gate.py`) judges every text before anything is planned: a
text clearly in another language than its field's is refused (never planned, never
voiced, listed with its reason), and a file whose texts mostly are another language
stops every command here, before anything is written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..content import load as content_load
from ..content import spec as content_spec
from ..content.gate import Refusal, judge_items
from ..content.item import Item
from ..content.load import LoadResult
from ..content.text import split_sentences
from ..errors import LFS_FETCH, ConfigError, InputError
from ..languages import base_code
from ..readings import NO_OVERRIDES, Overrides, said_material
from ..readings.memo import Work, decide_all
from ..readings.numbers import Spoken, spoken_form
from ..settings.config import Settings, pronunciation_overrides
from ..store.manifest import Store
from ..store.urls import ClipUrls, UrlOwner
from .decisions import read_decisions
from .heap import building
from .plan import Clip as PlannedClip
from .plan import Decided, Plan, ToRead, Voice, make_plan
from .speaking import PINYIN, RESPELL, pinyin_material, reading_work, respelled_material
from .voices import Voices

if TYPE_CHECKING:
    from ..providers.base import Provider
    from .speaking import ReadingNote


@dataclass
class Prepared:
    """The selected content, who speaks it, the store, and every clip it needs."""

    settings: Settings
    loaded: LoadResult
    """The content files read, their items, empties and skips."""
    types: list[content_spec.TypeSpec]
    """The content types selected."""
    voices: Voices
    store: Store
    plan: Plan
    refused: list[Refusal] = field(default_factory=list)
    """Texts the language gate refused: not in the plan, never voiced."""
    overrides: Overrides = field(default_factory=lambda: NO_OVERRIDES)
    """The project's pronunciation overrides (`[pronunciations]` and its file)."""
    readings: list[ReadingNote] = field(default_factory=list)
    """Verdicts on the new clips' readings a teacher should see (`speaking.decide`)."""
    hint: str | None = None
    """None of the clips is present, but the out dir holds its texts' clips by another
    provider: which to pass (also among the notes)."""

    def outside(self) -> list[Path]:
        """The folders of content files outside the data dir (a type's `path`), which a
        run that writes them back locks too."""
        data = self.settings.data_dir.resolve()
        folders = {p.resolve().parent for p in self.loaded.documents}
        return sorted(f for f in folders if not f.is_relative_to(data))


def load(settings: Settings) -> tuple[LoadResult, list[content_spec.TypeSpec]]:
    """Parse the selected content types and their files (no writing)."""
    lang = settings.lang
    types = content_spec.resolve_types(settings.types, settings.config_file, lang)
    selected = content_spec.select_types(types, settings.type, settings.include_fields, lang)
    return content_load.load_items(settings.data_dir, selected), selected


def plan_content(
    settings: Settings,
    loaded: LoadResult,
    voices: Voices,
    store: Store,
    refused: Sequence[Refusal] = (),
    overrides: Overrides = NO_OVERRIDES,
    *,
    files: bool = True,
    fresh: bool = False,
) -> Plan:
    """Every clip the loaded content needs, and which of them the store holds (`files`
    False: which of them its manifest lists, no file looked at); the items
    of `refused` are left out (counted in their type's `refused` column). A Japanese
    text with a reading, a bare reading, or a text an override touches is named by what
    the readings engine decided it says (`readings.said_material`): decisions the
    reading memo holds are read from it (`fresh`: all are made anew, and replace the
    memo's), the others made and kept there."""

    limits: dict[str, int] = {}
    # What is said: numbers, dates, times and abbreviations in words (`readings.numbers`;
    # Japanese texts pass through, their readings are decided later, `speaking.decide`),
    # once per text and language.
    said_as: dict[tuple[str, str], Spoken] = {}

    def split(item: Item, voice: Voice) -> list[str]:
        limit = limits.get(voice.provider)
        if limit is None:
            limit = limits[voice.provider] = voices.provider(voice.provider).max_piece_chars
        said = item.spoken
        if item.kind == "text":
            spoken = said_as.get((said, item.lang))
            if spoken is None:
                spoken = said_as[said, item.lang] = spoken_form(said, item.lang)
            said = spoken.text
        if item.split or len(said) > limit:
            return split_sentences(said, limit, item.lang)
        return [said]

    takes_phonemes: dict[str, bool] = {}

    def phonemes_for(voice: Voice) -> bool:
        phonemes = takes_phonemes.get(voice.provider)
        if phonemes is None:
            phonemes = takes_phonemes[voice.provider] = voices.provider(
                voice.provider
            ).takes_phonemes
        return phonemes

    left_out = {id(r.item) for r in refused}
    items = [item for item in loaded.items if id(item) not in left_out]
    # What the engine decides for each text it reads, per piece: every decision at once,
    # from the reading memo where it holds them (`readings.memo`). Large content repeats
    # its texts: each is worked out once.
    works: dict[tuple[object, ...], tuple[ToRead, list[Work], bool] | None] = {}
    known: dict[tuple[object, ...], Decided | None] = {}
    nothing_to_decide = not overrides and not overrides.respellings
    for item in items:
        if nothing_to_decide and item.reading is None and item.kind != "reading":
            continue  # nothing to decide (`reading_work`), and nothing kept per text
        voice = voices.for_item(item)
        phonemes = phonemes_for(voice)
        same = (item.spoken, item.reading, item.kind, item.lang, item.split, voice.provider)
        if same in works:
            continue
        work = reading_work(item, overrides, takes_phonemes=phonemes)
        if work is None:
            works[same] = None
            continue
        if work.kind in (PINYIN, RESPELL):
            # Not the readings engine's: the content's pinyin, or a respelled word. Only a
            # provider that can say the pinyin keys its clips by it.
            material = None
            if work.kind == RESPELL:
                material = respelled_material(work.written, overrides)
            elif work.given is not None and voices.provider(voice.provider).reads_pinyin:
                material = pinyin_material(work.given, work.written)
            known[same] = None if material is None else Decided(work, (), (), material)
            works[same] = None
            continue
        pieces = split(item, voice)
        wanted: list[Work] = (
            [(piece, None, "text") for piece in pieces]
            if len(pieces) > 1
            else [(work.written, work.given, work.kind)]
        )
        works[same] = (work, wanted, phonemes)
    wanted_all = [w for found in works.values() if found is not None for w in found[1]]
    made = decide_all(wanted_all, overrides, fresh=fresh) if wanted_all else {}

    def to_read(item: Item, voice: Voice, pieces: list[str]) -> Decided | None:
        same = (item.spoken, item.reading, item.kind, item.lang, item.split, voice.provider)
        if same in known:
            return known[same]
        found = works.get(same)
        result = None
        if found is not None:
            work, wanted, phonemes = found
            decisions = tuple(made[w] for w in wanted)
            material = said_material(decisions, pieces, phonemes=phonemes)
            result = Decided(work, tuple(wanted), decisions, material)
        known[same] = result
        return result

    owner = replaced_urls(settings, store)

    def dead(url: str) -> bool:
        # A person's URL naming no file; one the manifest or an adoption vouches for is the
        # tool's (a missing clip of its own, which verify calls missing). The file is
        # looked at last: a stale URL of the tool's costs no stat.
        return (
            not owner.made(url)
            and not owner.adopted(url)
            and owner.urls.dead(url, settings.out_dir)
        )

    plan = make_plan(
        items,
        voice_for=voices.for_item,
        split=split,
        speed=settings.speed,
        audio=settings.audio,
        url_prefix=settings.url_prefix,
        is_present=store.is_present if files else store.is_listed,
        current_url=loaded.value_at_url,
        empty=loaded.empty_counts(),
        refused=Counter(r.item.type_name for r in refused) + Counter(loaded.refused_counts()),
        made_by_tool=None if settings.replace_hand_set_urls else owner,
        to_read=to_read,
        dead=dead,
    )
    for clip in plan.clips:
        # What the numbers rules said as written, or guessed: a note for the reviewer.
        doubt = said_as.get((clip.spoken, clip.lang))
        if doubt is not None and doubt.note is not None:
            clip.verdict, clip.note = "numbers", doubt.note
    return plan


def replaced_urls(settings: Settings, store: Store) -> UrlOwner:
    """Whose each URL is in this project, and what write-back may replace (`UrlOwner`):
    the URLs tts-assets can show it made (its manifest lists their clip), those of clips
    it adopted (their `origin`), and with `replace_dead_urls` a person's URL under the
    prefix that leads to no file."""
    urls = ClipUrls(settings.url_prefix)
    return UrlOwner(
        urls,
        store,
        settings.out_dir,
        dead=settings.replace_dead_urls,
        former=settings.former_url_prefixes,
    )


def prepare(
    settings: Settings, store: Store | None = None, *, files: bool = True, fresh: bool = False
) -> Prepared:
    """Load the content, judge its languages, resolve its voices and plan its clips:
    everything but writing.

    `store` is where the clips are looked up and would be stored (default: the out dir's;
    a shard's run gives its `shard.ShardStore`); with `files` False a clip its manifest
    lists is planned as present without its file being looked at (verify reads every file
    itself). With `fresh` every reading is decided anew, the reading memo's decisions
    replaced (`verify --deep`). The collector is paused meanwhile (`heap.building`).

    Raises InputError when a file's texts mostly are another language than declared
    (`data/vocabulary.json: 371 of 371 texts look Chinese (zh), not Japanese; pass --lang
    zh`), or when a language the plan needs has no voice (voices.py).
    """
    if settings.sets:
        raise ConfigError(
            f"{settings.config_file or 'the settings'} list {len(settings.sets)} content sets; "
            "prepare or generate each one: for s in tts_assets.content_sets(settings)"
        )
    with building():
        return _prepare(settings, store, files, fresh)


def _prepare(settings: Settings, store: Store | None, files: bool, fresh: bool) -> Prepared:
    loaded, types = load(settings)
    voices = Voices(settings)
    # A review's retakes (another voice, a new take) change what is planned for a text.
    loaded.items[:] = read_decisions(settings.data_dir).apply(loaded.items, voices)
    gate = judge_items(loaded.items, settings.lang)
    if gate.files:
        more = len(gate.files) - 1
        raise InputError(gate.files[0] + (f" ({more} more file(s) alike)" if more else ""))
    store = store if store is not None else Store(settings.out_dir, settings.staging)
    store.serving = settings.set_id
    said = pronunciation_overrides(settings)
    plan = plan_content(
        settings, loaded, voices, store, gate.refused, said, files=files, fresh=fresh
    )
    if store.unfetched:
        more = len(store.unfetched) - 1
        raise InputError(
            f"{store.out_dir / store.unfetched[0]}"
            f"{f' and {more} more clip(s)' if more else ''}: a Git LFS pointer, not the "
            f"audio: {LFS_FETCH}; nothing was synthesized"
        )
    hint = _other_provider(settings, plan, store)
    if hint is not None:
        loaded.notes.append(hint)
    return Prepared(settings, loaded, types, voices, store, plan, gate.refused, said, hint=hint)


def _other_provider(settings: Settings, plan: Plan, store: Store) -> str | None:
    """A note when none of the clips the content needs is present but the out dir holds
    clips of the same texts by another provider: the run was likely told its provider on
    the command line before (`--provider espeak`), and not this time."""
    if plan.present or not plan.new or settings.origins.get("provider", "").startswith("--"):
        return None
    planned = {(c.type_name, c.spoken): c.voice.provider for c in plan.new}
    others = {
        e.provider
        for e in store
        if e.provider  # an adopted clip records none
        and (e.path.partition("/")[0], e.text) in planned
        and e.provider != planned[e.path.partition("/")[0], e.text]
    }
    if not others:
        return None
    names = ", ".join(sorted(others))
    first = sorted(others)[0]
    return (
        f"no clip the content needs is present, but {store.out_dir} holds clips of its texts "
        f"made by {names}: pass --provider {first} (or set provider in the config) to use them"
    )


def decided(prepared: Prepared) -> Prepared:
    """`prepared` with what each new Japanese clip says decided (`speaking.decide`), each
    Chinese one with pinyin read from it and each without flagged where its provider and
    pypinyin read it otherwise (`speaking.doubt_chinese`); the verdicts a teacher should
    see go to `prepared.readings`."""
    if any(clip.to_read is not None for clip in prepared.plan.new):
        from .speaking import decide

        voices = prepared.voices

        def takes_phonemes(clip: PlannedClip) -> bool:
            return voices.provider(clip.voice.provider).takes_phonemes

        def provider_of(clip: PlannedClip) -> Provider:
            return voices.provider(clip.voice.provider)

        prepared.readings = decide(prepared.plan, takes_phonemes, prepared.overrides, provider_of)
    if any(base_code(clip.lang) == "zh" for clip in prepared.plan.new):
        from .speaking import doubt_chinese

        voices = prepared.voices
        prepared.readings = prepared.readings + doubt_chinese(
            prepared.plan,
            lambda clip: voices.provider(clip.voice.provider),
            lambda clip: (
                base_code(clip.lang) == "zh" and voices.provider(clip.voice.provider).reads_pinyin
            ),
        )
    return prepared


def decisions_hold(prepared: Prepared) -> bool:
    """Whether what each new clip says holds when it is decided anew, before anything is
    made (`speaking.redecide`): the reading memo is a cache, never trusted to say what is
    said. False: it held another decision, and now holds the fresh one; plan again (the
    fresh decision names another clip, which may be present)."""
    if not any(clip.to_read is not None for clip in prepared.plan.new):
        return True
    from .speaking import redecide

    return redecide(prepared.plan, prepared.overrides)
