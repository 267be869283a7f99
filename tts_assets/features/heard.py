"""The listening check inside a command: which planned clips are heard, and how a flagged
clip is told (`verify --listen`, `generate --listen`; the feature that plugs it into verify
and the review page is `listening.py`).

A clip is heard when the plan needs it and the store holds it under its content key;
what is wrong with its file is verify's to report, not the listening's. A clip a
reviewer accepted (`review --apply`, same bytes) is a person's verdict: its flag is
reported as accepted, not as a problem.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..listening import Listened, Listening, Subject, listen, record, unavailable_reason
from ..listening.model import find_whisper
from ..planning.decisions import read_decisions
from ..planning.plan import Clip
from ..planning.prepare import Prepared
from ..settings.config import Settings
from ..store.manifest import Store

if TYPE_CHECKING:
    from ..listening.ear import Ear


@dataclass(frozen=True)
class Heard:
    """A flagged clip: its first place, its clip, and what was heard."""

    place: str
    clip: Clip
    verdict: Listened

    def message(self) -> str:
        """What was heard and why it is flagged, and what to do, for people."""
        return (
            f'{self.clip.rel_path} was heard as "{self.verdict.heard}", meant '
            f'"{self.clip.said}" ({self.verdict.why}); listen to it: fix its text or reading '
            "if it is wrong, or accept it in tts-assets review if it is right"
        )

    def as_json(self) -> dict[str, object]:
        return {
            "place": self.place,
            "clip": self.clip.rel_path,
            "meant": self.clip.said,
            **self.verdict.as_json(),
        }


@dataclass
class Heards:
    """The listening pass over a plan, and its flagged clips."""

    listening: Listening
    flagged: list[Heard] = field(default_factory=list)
    """Flagged clips no reviewer accepted."""
    accepted: int = 0
    """Flagged clips a reviewer accepted, on these bytes."""

    def joined(self, earlier: Heards | None) -> Heards:
        """This pass added to `earlier` (the passes over the windows before)."""
        if earlier is None:
            return self
        was, now = earlier.listening, self.listening
        was.results.update(now.results)
        was.new.update(now.new)
        was.heard += now.heard
        was.kept += now.kept
        was.seconds += now.seconds
        earlier.flagged += self.flagged
        earlier.accepted += self.accepted
        return earlier

    def lines(self) -> list[str]:
        found = [self.listening.line()]
        if self.accepted:
            found.append(f"{self.accepted} flagged clip(s) were accepted in a review: not problems")
        reasons = self.listening.not_checked_reasons()
        if reasons:
            found.append("not checked: " + "; ".join(f"{n} × {why}" for why, n in reasons.items()))
        return found

    def as_json(self) -> dict[str, object]:
        return {
            **self.listening.as_json(),
            "flagged": [h.as_json() for h in self.flagged],
            "accepted_flagged": self.accepted,
        }


def require_listening(model: str | Path, models: Mapping[str, Any]) -> None:
    """InputError, saying how to install it, when the listening check cannot run here with
    the Whisper `model`: its packages missing, or the model not pulled."""
    reason = unavailable_reason(model)
    if reason is not None:
        raise InputError(f"--listen (listen = true): {reason}")
    find_whisper(model, models)


class Hearing:
    """The listening check's model held open while a command hears a course window by
    window: loaded by the first window with a clip to hear, let go at the end."""

    def __init__(self) -> None:
        self.ear: Ear | None = None

    def __enter__(self) -> Hearing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.ear = None

    def hear(
        self,
        settings: Settings,
        store: Store,
        clips: Sequence[Clip],
        *,
        skip: Collection[str] = (),
        fresh: bool = False,
    ) -> Heards:
        """The listening verdict of each of `clips` that `store` holds (but `skip`, damaged),
        hearing only what has no verdict kept (`fresh`: all)."""
        subjects: dict[str, Subject] = {}
        planned: dict[str, Clip] = {}
        for clip in clips:
            if not clip.recipe.heard:
                continue  # a join says no one text: its parts' clips are heard
            entry = store.get(clip.rel_path)
            if entry is None or entry.key != clip.key or clip.rel_path in skip:
                continue
            subjects.setdefault(clip.rel_path, Subject.of(entry, clip.kind))
            planned.setdefault(clip.rel_path, clip)
        done = Heards(
            listen(
                store,
                list(subjects.values()),
                device=settings.device,
                fresh=fresh,
                model=settings.listen_model,
                models=settings.models,
                ear=self.ear,
            )
        )
        self.ear = done.listening.ear
        decisions = read_decisions(settings.data_dir)
        for path, verdict in done.listening.results.items():
            if not verdict.flagged:
                continue
            if decisions.is_accepted(path, subjects[path].sha256):
                done.accepted += 1
                continue
            clip = planned[path]
            done.flagged.append(Heard(clip.items[0].where if clip.items else path, clip, verdict))
        return done

    def made(self, prepared: Prepared) -> Heards:
        """`generate --listen`: hear the plan's stored clips that have no verdict kept; the
        verdicts go into the manifest with the run's changes (under the run's lock)."""
        heards = self.hear(prepared.settings, prepared.store, prepared.plan.clips)
        record(prepared.store, heards.listening)
        return heards
