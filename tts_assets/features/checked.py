"""What one verify run checks, prepared once: the content, the store and the plan, the
damage found in the clip files, and what the checks ask of them (`Checked`).

Every check of verify, the command's own and each feature's (`hooks.Feature.verify`),
reads this one scope; what only a feature needs it keeps in the scope's memo (`once`),
made on first use, so the scope holds no field for any one feature.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar, cast, get_args

from ..content.item import Item, JsonPath, describe_path
from ..content.load import LoadResult
from ..content.spec import TypeSpec
from ..errors import LockedError
from ..planning.plan import Clip
from ..planning.prepare import Prepared
from ..settings.config import Settings
from ..store import lock
from ..store.clip_files import Damage
from ..store.layout import clip_type
from ..store.manifest import Store, StoredClip
from ..store.urls import ClipUrls, UrlOwner

if TYPE_CHECKING:
    from .heard import Heards

T = TypeVar("T")

Kind = Literal[
    "missing", "stale", "corrupt", "unfetched", "dead", "refused", "gone", "heard", "accent"
]
"""What is wrong at a place verify checks (`Problem.kind`)."""
KINDS: tuple[Kind, ...] = get_args(Kind)


@dataclass(frozen=True)
class Problem:
    """One thing wrong at one place: a spoken text's URL, or a manifest entry."""

    file: Path
    """The content JSON file, or the manifest for a clip no text uses."""
    path: JsonPath
    """The text's place in the JSON, or `(clip path,)` in the manifest."""
    kind: Kind
    message: str
    clip: str | None = None
    """The clip file at fault (relative to the out dir), when the problem is its file."""

    @property
    def place(self) -> str:
        return describe_path(self.file, self.path)

    def line(self) -> str:
        """`grammar.json › [0] › examples › [0] › japanese: stale: ...`, for people."""
        return f"{self.place}: {self.kind}: {self.message}"


class Found(Protocol):
    """What verify's checks add to: its report's problems and notes, and what the
    listening check heard."""

    problems: list[Problem]
    notes: list[str]
    listening: Heards | None


@dataclass(frozen=True)
class Asked:
    """How verify was asked to check (its options besides the settings)."""

    deep: bool = False
    """Decode every clip file, decide every reading anew, hear every clip anew."""
    lock_wait: float = 0.0
    """Seconds to wait for another run's lock, to keep what was heard."""
    accent: bool = False
    """Hear each intact clip with a pitch accent for its accent (`verify --accent`)."""


@dataclass
class Checked:
    """What one verify run checks (module docstring)."""

    prepared: Prepared
    asked: Asked
    entries: list[StoredClip]
    """The manifest entries of the selected types whose files this window is the first
    to check: the clips whose files, tracks and sounds its checks judge (`first`)."""
    kinds: dict[str, str]
    """How the plan speaks each clip path that is not plain text (`Report.kinds`)."""
    damage: dict[str, Damage]
    """The checked entries whose file is missing or damaged, by clip path."""
    replaced: UrlOwner
    clip_of: dict[int, Clip] = field(init=False)
    """The clip of each text the plan speaks, by the text's `id`."""
    ours: ClipUrls = field(init=False)
    dead: set[str] = field(init=False)
    """A person's URLs that name no file: dead whatever the settings say write-back may
    do with them (generate says so of the ones a run leaves): not stale, not the tool's."""
    memo: dict[str, Any] = field(default_factory=dict, repr=False)
    kept: dict[str, Any] = field(default_factory=dict, repr=False)
    """What `once(..., course=True)` made: shared by every window of a course."""

    def __post_init__(self) -> None:
        plan = self.prepared.plan
        self.clip_of = {id(item): clip for clip in plan.clips for item in clip.items}
        self.ours = ClipUrls(self.settings.url_prefix)
        self.dead = {d.old for d in plan.dead if d.old is not None}

    @property
    def settings(self) -> Settings:
        return self.prepared.settings

    @property
    def clips(self) -> list[Clip]:
        """Every planned clip, a drill's sequence included (it is checked as a clip)."""
        return self.prepared.plan.clips

    @property
    def loaded(self) -> LoadResult:
        return self.prepared.loaded

    @property
    def store(self) -> Store:
        return self.prepared.store

    def hand_set(self, url: str) -> bool:
        """Whether `url` is a person's, which write-back keeps."""
        return not self.settings.replace_hand_set_urls and not self.replaced(url)

    def persons_url(self, current: object, clip: Clip | None) -> str | None:
        """`current` when it is a person's URL that write-back keeps (hand-set, or dead),
        None when it is none or the tool's (the URL the plan computes is the tool's)."""
        if clip is not None and current == clip.url:
            return None
        if not isinstance(current, str) or not current:
            return None
        return current if self.hand_set(current) or current in self.dead else None

    def url_problem(
        self, item: Item, clip: Clip, current: object, advice: Callable[[], str]
    ) -> Problem | None:
        """What is wrong with the URL place of `item`, which holds `current`, and with its
        clip; `advice()` says what makes its clip (asked only of a problem: most have none)."""
        if not isinstance(current, str) or not current:
            # Two fields may speak one text (kanji `reading` and `onyomi`): the URL place.
            url_place = describe_path(item.file, item.url_path)
            why = f"no audio URL yet at {url_place}; {advice()}"
            return Problem(item.file, item.text_path, "missing", why)
        if current != clip.url:
            url_place = describe_path(item.file, item.url_path)
            why = (
                f"{url_place} has {current}, the text now needs {clip.url} (its text, voice or "
                f"audio settings changed since); {advice()}"
            )
            return Problem(item.file, item.text_path, "stale", why)
        entry = self.store.get(clip.rel_path)
        if entry is None or entry.key != clip.key:
            path = self.store.clip_file(clip.rel_path)
            there = " (a file is there, but a file the manifest does not list is not trusted)"
            why = (
                f"{clip.rel_path}: the manifest lists no such clip"
                f"{there if path and path.is_file() else ''}; {advice()}"
            )
            return Problem(item.file, item.text_path, "missing", _twin(item, why), clip.rel_path)
        found = self.damage.get(clip.rel_path)
        if found is None:
            return None
        why = _twin(item, found.message)
        return Problem(item.file, item.text_path, found.kind, why, clip.rel_path)

    def first(self) -> list[Clip]:
        """The window's clips whose files it is the first to check (a clip several windows
        plan is judged once)."""
        paths = {entry.path for entry in self.entries}
        return [clip for clip in self.clips if clip.rel_path in paths]

    def kept_in_store(self, change: Callable[[Store], object]) -> bool:
        """Whether `change` (truthy when it changed something) was made to the manifest,
        read again under the out dir's lock (a run may have stored clips meanwhile), and
        flushed; False when another run holds the lock past `--wait`: nothing is kept."""
        settings = self.settings
        try:
            with lock.locked([settings.out_dir], wait=self.asked.lock_wait):
                current = Store(settings.out_dir, settings.staging)
                if change(current):
                    current.flush()
        except LockedError:
            return False
        return True

    def once(self, name: str, make: Callable[[Checked], T], *, course: bool = False) -> T:
        """What `make` finds in this scope, made on the first call under `name` and kept: a
        feature's own part of it. With `course`, made once for every window (what does not
        depend on its texts: the failed clips' record, the listening check's model)."""
        memo = self.kept if course else self.memo
        if name not in memo:
            memo[name] = make(self)
        return cast(T, memo[name])


def _twin(item: Item, why: str) -> str:
    """`why` a clip is at fault, said of its twin's URL place where `item` is a twin (its
    place is its text's, which its clip and each rung's twin share)."""
    if item.twin is None:
        return why
    url_place = describe_path(item.file, item.url_path)
    return f"its {item.twin.tempo:g}× twin at {url_place}: {why}"


def clip_kinds(clips: Iterable[Clip]) -> dict[str, str]:
    """How the plan speaks each clip path that is not plain text (`Checked.kinds`)."""
    return {c.rel_path: c.kind for c in clips if c.recipe.heard and c.kind != "text"}


def selected_paths(settings: Settings, types: Sequence[TypeSpec]) -> Callable[[str], bool] | None:
    """Whether a clip path is of the selected types (None: every type is)."""
    # Clips live in a folder named after their type: --type narrows the manifest too.
    if [n.strip() for n in settings.type.split(",")] == ["all"]:
        return None
    scope = {t.name for t in types}
    return lambda path: clip_type(path) in scope
