"""What a run did and where it is: the summary (the `--json` object), failures, progress."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.item import UrlChange
from ..errors import ClipError, InputError, ProviderFatal
from ..planning.plan import TypeCounts
from .pool import JobTimeout

if TYPE_CHECKING:
    from ..content.update import FileWriteBack
    from ..planning.speaking import ReadingNote


@dataclass(frozen=True)
class Refused:
    """A text the language gate refused: it has no clip, by design."""

    place: str
    """`vocabulary.json › [3] › word`."""
    text: str
    reason: str
    """`"Arbeit" is Latin script, not Japanese`."""

    def as_json(self) -> dict[str, str]:
        return {"place": self.place, "text": self.text, "reason": self.reason}


@dataclass(frozen=True)
class Failure:
    """A clip that could not be made, with every entry that needed it."""

    places: list[str]
    text: str
    reason: str


def reason(error: BaseException) -> str:
    """What went wrong, for a person: our own errors as they say it, others with their type."""
    text = str(error) or type(error).__name__
    ours = (ClipError, ProviderFatal, InputError, JobTimeout)
    return text if isinstance(error, ours) else f"{type(error).__name__}: {text}"


@dataclass
class Progress:
    """Where a run is, for progress bars and CI lines."""

    total: int
    done: int = 0
    generated: int = 0
    failed: int = 0
    present: int = 0
    active: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def per_minute(self) -> float:
        """Clips made (or failed) per minute; present clips cost nothing and do not count."""
        worked = self.generated + self.failed
        return 60.0 * worked / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        worked = self.generated + self.failed
        if not worked:
            return None
        return (self.total - self.done) * self.elapsed / worked


@dataclass
class Summary:
    """What a run did: the --json object and the table at the end."""

    counts: dict[str, TypeCounts]
    failures: list[Failure] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(place, reason) of texts that were not spoken (empty text...)."""
    refused: list[Refused] = field(default_factory=list)
    """Texts clearly not in their field's language: never voiced; the run exits 1."""
    seconds: float = 0.0
    generated: int = 0
    present: int = 0
    workers: int = 0
    interrupted: bool = False
    fatal: str | None = None
    written: list[Path] = field(default_factory=list)
    """JSON files whose URLs changed."""
    write_back: list[FileWriteBack] = field(default_factory=list)
    """Each content file's write-back: URLs added, replaced (with their old value), kept
    (a person's), cleared (their text is gone), texts that changed during the run."""
    replacing: list[UrlChange] = field(default_factory=list)
    """URLs tts-assets made for another clip that write-back replaces, with old values."""
    kept: list[UrlChange] = field(default_factory=list)
    """A person's URLs where a clip's URL would go: kept (`replace_hand_set_urls`)."""
    readings: list[ReadingNote] = field(default_factory=list)
    """Verdicts on the new clips' readings a teacher should see, with their places."""
    clips: list[dict[str, object]] = field(default_factory=list)
    """A dry run's planned clips: what each will say (`spoken`, `phonemes`) and why."""
    not_written: list[str] = field(default_factory=list)
    """Content files write-back left alone (changed, deleted, moved, hard-linked), one line
    each: the run exits 1, and the next run writes their URLs."""
    dry_run: bool = False
    billable_characters: int = 0
    planned: list[tuple[str, str]] = field(default_factory=list)
    """First planned clips (text, path), for the dry-run report."""
    notes: list[str] = field(default_factory=list)
    """Things worth knowing that are not errors (a built-in type's file is absent...)."""
    shard: str | None = None
    """`K/N` for a shard's run (`--shard`), which makes only its share of the new clips."""
    other_shards: int = 0
    """In a shard's run: the missing clips the other shards make."""

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        if self.fatal:
            return 3
        return 1 if self.failures or self.refused or self.not_written else 0

    @property
    def per_minute(self) -> float:
        return 60.0 * self.generated / self.seconds if self.seconds > 0 else 0.0

    def as_json(self) -> dict[str, object]:
        return {
            "ok": self.exit_code == 0,
            "exit_code": self.exit_code,
            "dry_run": self.dry_run,
            "types": {name: vars(c) for name, c in sorted(self.counts.items())},
            "generated": self.generated,
            "present": self.present,
            "failed": len(self.failures),
            "failures": [
                {"places": f.places, "text": f.text, "reason": f.reason} for f in self.failures
            ],
            "skipped": [{"place": p, "reason": r} for p, r in self.skipped],
            "refused": [r.as_json() for r in self.refused],
            "seconds": round(self.seconds, 3),
            "clips_per_minute": round(self.per_minute, 1),
            "workers": self.workers,
            "interrupted": self.interrupted,
            "fatal": self.fatal,
            "written": [str(p) for p in self.written],
            "write_back": [f.as_json() for f in self.write_back],
            "not_written": self.not_written,
            "readings": [r.as_json() for r in self.readings],
            "clips": self.clips,
            "replacing": [c.as_json() for c in self.replacing],
            "kept": [c.as_json() for c in self.kept],
            "billable_characters": self.billable_characters,
            "notes": self.notes,
            "shard": self.shard,
            "other_shards": self.other_shards,
        }
