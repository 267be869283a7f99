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
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from ..content.gate import Refusal
from ..content.item import Item
from ..content.load import LoadResult
from ..content.selection import TypeSpec, resolve_types, select_types
from ..content.twins import cloze_twins, slow_twins, twins_apart, voice_twins
from ..readings import Overrides
from ..readings.saying import ReadingNote, Saying
from ..settings.config import Settings, twin_speeds
from ..store.manifest import Store
from .plan import STEPS, Clip, Plan, Surroundings, make_plan
from .spans import apart, plan_joins
from .speaking import refusal, say_new
from .voices import Voices


class Elsewhere(Protocol):
    """The texts of a course beyond one window's: what write-back and a run's features ask
    of the course's other windows (`planning.course.CourseTexts` says what each answers;
    it imports this module, so it is named here by its shape)."""

    def remember(self, prepared: Prepared, made: Callable[[Clip], bool] | None = None) -> None: ...
    def unsettle(self, files: Iterable[Path]) -> None: ...
    def settled(self, path: Path) -> bool: ...
    def url_at(self, item: Item) -> str | None: ...
    def read(self, item: Item) -> bool: ...
    def refused(self, item: Item) -> bool: ...
    def clips_of(self, keys: Collection[str]) -> list[tuple[str, str]]: ...


@dataclass
class Prepared:
    """The selected content, who speaks it, the store, and every clip it needs."""

    settings: Settings
    loaded: LoadResult
    """The content files read, their items, empties and skips."""
    types: list[TypeSpec]
    voices: Voices
    store: Store
    plan: Plan
    refused: list[Refusal] = field(default_factory=list)
    """Texts refused: by the language gate, or by what they are said as (a slip in their
    pinyin, their rules failed): not in the plan, never voiced."""
    saying: Saying = field(default_factory=Saying)
    """What every text is said as, with the project's pronunciation overrides."""
    readings: list[ReadingNote] = field(default_factory=list)
    """Verdicts on the new clips' readings a teacher should see (`speaking.say_new`)."""
    hint: str | None = None
    """None of the clips is present, but the out dir holds its texts' clips by another
    provider: which to pass (also among the notes)."""
    accepted: set[str] = field(default_factory=set)
    """The entries of `accept_refused` that matched a refused text (`accept`)."""
    elsewhere: Elsewhere | None = None
    """A run's window: what write-back asks of the texts the course's other windows plan
    (`planning.course.CourseTexts`); None: a course planned as one (`course.prepare`)."""

    @property
    def overrides(self) -> Overrides:
        return self.saying.overrides


def outside_folders(settings: Settings) -> list[Path]:
    """The folders of content files outside the data dir (a type's `path`), in order, which
    a run that writes them back locks, known before the files are read."""
    data, types = settings.data_dir.resolve(), selected_types(settings)
    folders = {p.resolve().parent for spec in types for p in spec.locations(settings.data_dir)}
    return sorted(f for f in folders if not f.is_relative_to(data))


def selected_types(settings: Settings) -> list[TypeSpec]:
    """The content types the run reads, each field with its voices and twins."""
    lang = settings.lang
    types = resolve_types(settings.types, settings.config_file, lang)
    voices, speeds = Voices(settings), twin_speeds(settings)
    # The places of every type's twins (a ladder's, a language's list place) kept apart
    # from the other types' of its file, whatever --type selects, as the config's are.
    twins_apart(voices.rotated(list(types.values())), speeds, str(settings.config_file or "config"))
    selected = select_types(types, settings.type, settings.include_fields, lang)
    # Each field said by its language's voices in rotation (`[languages]`), unless its own.
    selected = voices.rotated(selected)
    # ... and each dialogue's speakers given its language's (`[languages.xx] speakers`).
    return voice_twins(slow_twins(cloze_twins(voices.cast(selected)), speeds))


def plan_content(
    around: Surroundings, voices: Voices, refused: Sequence[Refusal], saying: Saying
) -> Plan:
    """Every clip the loaded content (`around.loaded`) needs, and which of them the store
    holds; the items of `refused` are left out (counted in their type's `refused` column),
    and so are the texts `saying` refuses (`Plan.refused`)."""
    loaded = around.loaded
    left_out = {id(r.item) for r in refused}
    # A text in several languages is said run by run, then joined (`planning.spans`); a
    # dialogue's lines are said as the content's texts are (`content.joins`).
    said = [*loaded.items, *loaded.lines]
    if left_out:
        said = [item for item in said if id(item) not in left_out]
    items, spanned = apart(said)
    speakers = [voices.for_item(item) for item in items]
    forms = voices.forms(saying, zip(items, speakers, strict=True))
    texts = []
    owned: list[Refusal] = []
    for item, voice, form in zip(items, speakers, forms, strict=True):
        if form.refused is not None:
            owned.append(refusal(item, form.refused))
        else:
            texts.append((item, voice, form))
    plan = make_plan(texts, around, Counter(r.item.type_name for r in [*refused, *owned]))
    _lines_stepped(plan, loaded, refused, owned)
    # Texts in several languages, then drill sequences, join the clips planned above.
    owned += plan_joins(plan, spanned, loaded.sequences, voices, saying, around)
    plan.refused = owned
    return plan


def _lines_stepped(
    plan: Plan, loaded: LoadResult, refused: Sequence[Refusal], owned: list[Refusal]
) -> None:
    """Mark the steps (`plan.STEPS`) of what `plan_content` planned of the texts and of the
    dialogues' lines at once (the lines after every text)."""
    lines = {id(line) for line in loaded.lines}
    if lines:
        lone = [c for c in plan.clips if c.items and all(id(i) in lines for i in c.items)]
        plan.mark(STEPS.index("lines"), lone)
        plan.mark(STEPS.index("lines"), [r for r in refused if id(r.item) in lines])
    for r in owned:
        plan.mark(STEPS.index("line forms" if id(r.item) in lines else "forms"), (r,))


def accept(
    settings: Settings, loaded: LoadResult, refused: list[Refusal], matched: set[str]
) -> list[Refusal]:
    """`refused` without the texts the course accepts without a clip (`accept_refused`,
    by their text or place), named in a note of `loaded` instead; the entries that matched
    go into `matched`."""
    if not settings.accept_refused:
        return refused
    listed = set(settings.accept_refused)
    where = settings.origins.get("accept_refused", "accept_refused")
    # A text too long to be made is a refused skip: accepted, a skip like an empty text.
    loaded.skipped[:] = [
        replace(s, refused=False, reason=f"{s.reason}; accepted without a clip ({where})")
        if s.refused and _named(listed, (s.text, s.where), matched)
        else s
        for s in loaded.skipped
    ]
    taken = {id(r) for r in refused if _named(listed, (r.item.text, r.item.where), matched)}
    if taken:
        places = [r.item.where for r in refused if id(r) in taken]
        more = f" and {len(places) - 5} more" if len(places) > 5 else ""
        loaded.notes.append(
            f"{len(places)} refused text(s) accepted without a clip ({where}): "
            f"{', '.join(places[:5])}{more}"
        )
    return [r for r in refused if id(r) not in taken]


def _named(listed: set[str], names: tuple[str | None, ...], matched: set[str]) -> bool:
    found = listed.intersection(names)
    matched |= found
    return bool(found)


def replanned(prepared: Prepared, entries: dict[str, str]) -> tuple[Overrides, Plan]:
    """The content planned again with the pronunciation overrides `entries` (written form
    → reading: a review's new ones) beside the project's, what each new clip says set:
    those overrides, and the plan."""
    added = Overrides.parse(entries, str(prepared.settings.pronunciations_path))
    saying = Saying(Overrides([*prepared.overrides, *added]), accent=prepared.settings.accent)
    after = plan_content(
        Surroundings(prepared.settings, prepared.store, prepared.loaded),
        prepared.voices,
        [r for r in prepared.refused if id(r) not in {id(o) for o in prepared.plan.refused}],
        saying,
    )
    say_new(after, saying, prepared.voices)
    return added, after


def decided(prepared: Prepared) -> Prepared:
    """`prepared` with what each new clip says set on it (`said`), and the note on the
    entries of `accept_refused` that match nothing."""
    said(prepared)
    note = unmatched(prepared.settings, prepared.accepted)
    if note is not None:
        prepared.loaded.notes.append(note)
    return prepared


def said(prepared: Prepared) -> None:
    """What each new clip of `prepared` says, set on it (`speaking.say_new`): a clip whose
    text cannot be said right leaves the plan, its texts refused; the verdicts a teacher
    should see go to `prepared.readings`."""
    notes, refused = say_new(prepared.plan, prepared.saying, prepared.voices)
    prepared.readings = notes
    settings, loaded = prepared.settings, prepared.loaded
    prepared.plan.stepped(STEPS.index("readings"), prepared.plan.lengths(), refused)
    prepared.refused = [*prepared.refused, *accept(settings, loaded, refused, prepared.accepted)]


def unmatched(settings: Settings, accepted: set[str]) -> str | None:
    """The note on the entries of `accept_refused` that matched no refused text or place
    (`accepted`: those that did), when the run sees every type's texts."""
    unmatched = [e for e in settings.accept_refused if e not in accepted]
    if not unmatched or settings.type != "all":  # one type's run does not see the others'
        return None
    where = settings.origins.get("accept_refused", "accept_refused")
    shown = ", ".join(f'"{e}"' for e in unmatched[:5])
    more = f" and {len(unmatched) - 5} more" if len(unmatched) > 5 else ""
    return (
        f"{where}: {shown}{more} match(es) no refused text or place of this content: "
        "fix the entry (a text as the content writes it, or a place as a refusal names "
        "it: vocabulary.json › [3] › word), or remove it"
    )


def decisions_hold(prepared: Prepared) -> bool:
    """Whether what each new clip says holds when it is decided anew (`Saying.holds`): the
    reading memo is a cache, never trusted. False: it held another decision, and now holds
    the fresh one; plan again (it names another clip, which may be present)."""
    return prepared.saying.holds(c.speech.form for c in prepared.plan.new if c.speech is not None)
