"""What reviewers decided: clips accepted, and texts to make again with another voice or anew.

`tts-assets review --apply` writes these decisions into the data dir, beside the content
they are about, as `review-decisions.json`:

    {
      "format": "tts-assets-review-decisions",
      "version": 1,
      "accepted": {                                   by clip path, relative to the out dir
        "vocabulary/0329d0ae….mp3": {"sha256": "…", "at": "2026-11-22T09:58:12Z", "note": ""}
      },
      "retakes": {                                    by type, then the spoken text
        "vocabulary": {
          "ねこ": {"provider": "kokoro", "voice": "jf_nezumi", "take": 0, "note": "…", "at": "…"}
        }
      }
    }

- An **accepted** clip is recorded with the sha256 of its file: the review page hides it
  until that clip changes (a new text, voice or take is a new clip path; a clip made
  again at the same path has other bytes unless its provider is deterministic).
- A **retake** changes what every command plans for that text in that type (`apply`,
  called by `prepare`) while `provider` speaks it: `voice` replaces the voice it is
  spoken with (checked like any voice: the provider knows it and it speaks the text's
  language), `take` above 0 enters the content key (`plan.content_key`), so a provider
  that does not say a text the same way twice makes a new sample. Under another
  provider (`--provider`, `[languages]`) the text is planned as if no review had been.

The file lives in the data dir, not the out dir: it is committed with the content (a
retake must reach CI, or CI would plan the old clip again), it survives an out dir made
anew (an Actions cache, `merge` of shards), each content set has its own, and it is not
served with the site. It is written atomically (`Store.write`) under the data dir's lock.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, get_type_hints

from ..content.document import read_document
from ..content.item import Drill, Item, JsonPath, describe_path
from ..content.load import LoadResult
from ..errors import InputError
from ..settings.config import Settings
from ..settings.pronunciations import with_entries
from ..settings.pronunciations import write as write_pronunciations
from ..store import lock
from ..store.layout import DECISIONS_NAME
from ..store.manifest import Store

if TYPE_CHECKING:
    from .voices import Voices

FORMAT = "tts-assets-review-decisions"
VERSION = 1
_AGAIN = "fix it, or delete it to forget every review decision"


@dataclass(frozen=True)
class Accepted:
    """A clip a reviewer accepted: the bytes they heard, when, and what they said."""

    sha256: str
    at: str = ""
    note: str = ""


@dataclass(frozen=True)
class Retake:
    """How a reviewer asked a text to be made again, by the provider that spoke it."""

    provider: str
    """The provider whose clip was rejected: the retake holds while it speaks the text."""
    voice: str | None = None
    """The voice to speak it with instead of the configured one."""
    take: int = 0
    """Which take: 0 is the first; each new take is a new clip (part of its content key)."""
    note: str = ""
    """What the reviewer said about the take they rejected."""
    at: str = ""
    """When it was decided (ISO 8601, UTC)."""


_D = TypeVar("_D", Accepted, Retake)


@dataclass
class Decisions:
    """The decisions kept in one data dir (module docstring)."""

    path: Path
    """The file they are read from and written to."""
    accepted: dict[str, Accepted] = field(default_factory=dict)
    """By clip path (TYPE/KEY.EXT, relative to the out dir)."""
    retakes: dict[tuple[str, str], Retake] = field(default_factory=dict)
    """By (type, spoken text)."""

    def is_accepted(self, clip_path: str, sha256: str) -> bool:
        found = self.accepted.get(clip_path)
        return found is not None and found.sha256 == sha256

    def apply(self, items: Iterable[Item], voices: Voices, takes: dict[int, int]) -> list[Item]:
        """`items`, each with the voice its retake asks for and its take noted in `takes`
        (by the item's id), while the provider it was decided for speaks its text's
        language (a voice name means nothing to another); InputError naming the retake
        for a voice that provider refuses."""
        if not self.retakes:
            return list(items)
        out = []
        for item in items:
            retake = self.retakes.get((item.type_name, item.spoken))
            if retake is not None and retake.provider == voices.choice(item.lang).provider:
                if retake.voice:
                    item = replace(item, voice=retake.voice)
                    try:
                        voices.for_item(item)
                    except InputError as e:
                        where = self.place(("retakes", item.type_name, item.spoken, "voice"))
                        raise InputError(f"{where}: {e}") from None
                takes[id(item)] = retake.take
            out.append(item)
        return out

    def apply_to(self, loaded: LoadResult, voices: Voices) -> None:
        """`apply` to the loaded texts and the dialogues' lines, each join's parts given
        the items their retakes made (a drill whose word is said again in another voice
        joins that clip, not a text no plan holds)."""
        before = [*loaded.items, *loaded.lines]
        loaded.items[:] = self.apply(loaded.items, voices, loaded.takes)
        loaded.lines[:] = self.apply(loaded.lines, voices, loaded.takes)
        after = zip(before, [*loaded.items, *loaded.lines], strict=True)
        moved = {id(old): new for old, new in after if old is not new}
        if moved:
            loaded.sequences[:] = [_parts_moved(join, moved) for join in loaded.sequences]

    def place(self, path: JsonPath) -> str:
        return describe_path(self.path, path)

    def as_json(self) -> dict[str, Any]:
        """The file's JSON object, sorted so that a change shows as a small diff."""
        retakes: dict[str, dict[str, dict[str, Any]]] = {}
        for (type_name, text), retake in sorted(self.retakes.items()):
            retakes.setdefault(type_name, {})[text] = asdict(retake)
        accepted = {path: asdict(a) for path, a in sorted(self.accepted.items())}
        return {"format": FORMAT, "version": VERSION, "accepted": accepted, "retakes": retakes}

    def as_bytes(self) -> bytes:
        return (json.dumps(self.as_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def decisions_path(data_dir: Path) -> Path:
    return data_dir / DECISIONS_NAME


def read_decisions(data_dir: Path) -> Decisions:
    """The decisions kept in `data_dir` (none when it has no file); InputError, naming the
    file and the place, for a file that is not one."""
    path = decisions_path(data_dir)
    if not path.is_file():
        return Decisions(path)
    return _parse(Decisions(path), read_document(path).data)


def _parse(found: Decisions, data: Any) -> Decisions:
    def fail(where: JsonPath, problem: str, fix: str = _AGAIN) -> InputError:
        return InputError(f"{found.place(where) if where else found.path}: {problem}; {fix}")

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise fail((), f'not a review decisions file (no "format": "{FORMAT}")')
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        newer = f"version {version} is newer than this tts-assets reads ({VERSION})"
        raise fail(("version",), newer, "update tts-assets")
    if version != VERSION:
        raise fail(("version",), f"expected {VERSION}, found {version!r}")
    unknown = sorted(set(data) - {"format", "version", "accepted", "retakes"})
    if unknown:
        raise fail((unknown[0],), "unknown key")
    accepted = data.get("accepted", {})
    if not isinstance(accepted, dict):
        raise fail(("accepted",), "expected an object of clip paths")
    for clip, value in accepted.items():
        found.accepted[clip] = _decision(value, Accepted, ("accepted", clip), fail)
    retakes = data.get("retakes", {})
    if not isinstance(retakes, dict) or not all(isinstance(v, dict) for v in retakes.values()):
        raise fail(("retakes",), "expected an object of types, each an object of texts")
    for type_name, texts in retakes.items():
        for text, value in texts.items():
            where: JsonPath = ("retakes", type_name, text)
            retake = _decision(value, Retake, where, fail)
            if isinstance(retake.take, bool) or retake.take < 0:
                raise fail((*where, "take"), "expected a whole number, 0 or more")
            found.retakes[(type_name, text)] = retake
    return found


def _decision(
    value: Any, kind: type[_D], where: JsonPath, fail: Callable[[JsonPath, str], InputError]
) -> _D:
    """One decision of `kind`, each key of its field's type; unknown keys refused."""
    if not isinstance(value, dict):
        raise fail(where, "expected an object")
    types = get_type_hints(kind)
    for key, given in value.items():
        if key not in types:
            raise fail((*where, key), f"unknown key; valid keys: {', '.join(types)}")
        if not isinstance(given, types[key]):
            raise fail((*where, key), f"{given!r} is not of the expected kind")
    for f in fields(kind):
        if f.default is MISSING and f.name not in value:
            raise fail(where, f'"{f.name}" is missing')
    return kind(**value)


@dataclass(frozen=True)
class ReviewChanges:
    """What a review writes: its decisions and its pronunciations file's new entries."""

    retakes: dict[tuple[str, str], Retake]
    accepted: dict[str, Accepted]
    rejected: set[str]
    """Clips rejected now: no longer accepted."""
    entries: Sequence[tuple[str, str]]
    decide: bool
    """The decisions change (else only the pronunciations file is written)."""


def write_review(
    store: Store, settings: Settings, changes: ReviewChanges, lock_wait: float
) -> Path | None:
    """Write the decisions and the pronunciations file together, all or nothing, under
    the locks of their folders, each read again there (another review may have been
    applied meanwhile); the pronunciations file written, if one was."""
    entries, decide = changes.entries, changes.decide
    path = settings.pronunciations_path
    folders = [settings.data_dir, *([path.parent.resolve()] if entries else [])]
    unique = list(dict.fromkeys(f.resolve() for f in folders))
    with lock.locked(unique, wait=lock_wait):
        decisions = read_decisions(settings.data_dir)
        before = decisions.as_bytes()
        for clip in changes.rejected:
            decisions.accepted.pop(clip, None)
        decisions.accepted.update(changes.accepted)
        decisions.retakes.update(changes.retakes)
        text = with_entries(path, entries) if entries else None
        if decide:
            store.write(decisions.path, decisions.as_bytes())
        try:
            return write_pronunciations(path, text) if text is not None else None
        except OSError:
            if decide:  # all or nothing: the decisions go back to what they were
                store.write(decisions.path, before)
            raise
        finally:
            store.clean_staging()


def _parts_moved(join: Item, moved: Mapping[int, Item]) -> Item:
    """`join` with each part whose item `moved` (by its id) holding the new item."""
    drill = join.drill
    if drill is None or not any(p.item is not None and id(p.item) in moved for p in drill.parts):
        return join
    parts = tuple(
        replace(p, item=moved.get(id(p.item), p.item)) if p.item is not None else p
        for p in drill.parts
    )
    return replace(join, made_from=Drill(parts))
