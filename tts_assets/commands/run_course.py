"""A run of a course larger than a window: planned, made and written back a window of whole
files at a time (`planning.course`, `content.windows`' whole files), so that its memory is
bounded by a window's files and the clips in flight, not by the course.

Each window is a run of its own files as `generate` runs a whole course: its new clips made,
the manifest flushed, every text of its files given its clip's URL. What a window cannot know
alone is the course's:

- **one folder per clip**: a clip that texts of several types say is placed where the first
  window to plan it places it; the manifest then lists it there, and every later window (and
  run) keeps it there (`plan._folders`: the first folder that lists it);
- **each clip counted once** in the summary (`CourseIndex.first`), and **made once**: a clip a
  later window needs again is present by then, and one whose making failed is not tried again
  in this run (`RunTally.drop_failed`: its places join the failure);
- **the language gate and Git LFS pointers**: each window's files are judged before any of its
  clips is made (every text of a file is in its window); a bad file stops the run there, after
  the windows before it were made and written back, as a kill would (a dry run, planned in
  windows, finds it before anything is made).
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from ..content.windows import WINDOW_ENV
from ..making.report import Failure
from ..planning.course import Course
from ..planning.dead import DeadUrl
from ..planning.prepare import Prepared, selected_types
from ..settings.config import Settings
from .course_summary import _Tally
from .summary import Summary

RUN_BYTES = 16 * 1024 * 1024
"""Content files of more bytes than this, together, are run window by window."""


def in_windows(settings: Settings) -> bool:
    """Whether a run of `settings`' course goes window by window: its content files hold
    more than `RUN_BYTES` together, or `WINDOW_ENV` sets the texts of a window (tests). A
    run that listens to its clips runs the course whole (its pass hears them at once)."""
    if settings.listen:
        return False
    if os.environ.get(WINDOW_ENV, "").strip():
        return True
    total = 0
    for spec in selected_types(settings):
        for path in spec.locations(settings.data_dir):
            try:
                total += path.stat().st_size
            except OSError:
                continue  # the loader says what is wrong with it
            if total > RUN_BYTES:
                return True
    return False


def outside_folders(settings: Settings) -> list[Path]:
    """The folders of content files outside the data dir (a type's `path`), which a run
    that writes them back locks (`Prepared.outside`, known before the files are read)."""
    data = settings.data_dir.resolve()
    folders = {
        path.resolve().parent
        for spec in selected_types(settings)
        for path in spec.locations(settings.data_dir)
    }
    return sorted(f for f in folders if not f.is_relative_to(data))


class RunTally(_Tally):
    """A run's summary, added up window by window (the dry run's `_Tally`, with what making
    and write-back did)."""

    def __init__(self, course: Course) -> None:
        super().__init__(course)
        self.generated = 0
        self.failed: dict[str, Failure] = {}
        """Each clip whose making failed, by its content key: its places grow as later windows
        find it again."""
        self.fatal: str | None = None
        self.interrupted = False
        self.workers = 0
        self.paid = False
        self.made_notes: list[str] = []
        self.run = Summary(counts={})
        """What making and write-back did, window after window."""

    def drop_failed(self, prepared: Prepared) -> None:
        """Take out of `prepared`'s new clips those that failed in an earlier window: not
        made twice in one run (a paid provider may have billed the first attempt); their
        texts' places join the failure."""
        if not self.failed:
            return
        plan, kept = prepared.plan, []
        for clip in plan.new:
            failure = self.failed.get(clip.key)
            if failure is None:
                kept.append(clip)
                continue
            failure.places.extend(i.where for i in clip.items if i.where not in failure.places)
        plan.new = kept

    def add(self, prepared: Prepared, summary: Summary, noted: int) -> None:  # type: ignore[override]
        """Add up a window planned, made and written back (`summary`: its run's, whose
        notes from the `noted`th on are making's and write-back's)."""
        voices = prepared.voices
        self.paid = self.paid or any(
            voices.provider(c.voice.provider).billing is not None for c in prepared.plan.new
        )
        self._window_dead = summary.dead
        super().add(prepared)
        for name, counted in prepared.plan.counts.items():  # what making did, per type
            mine = self.counts[name]
            mine.generated += counted.generated
            mine.failed += counted.failed
        self.untimed = Counter()  # a dry run's cost of finding timings: the run found them
        run = self.run
        run.generated += summary.generated
        for failure in summary.failures:
            known = self.failed.setdefault(failure.key, failure) if failure.key else failure
            if known is failure:
                run.failures.append(failure)
        self.fatal = self.fatal or summary.fatal
        run.interrupted = run.interrupted or summary.interrupted
        run.workers = max(run.workers, summary.workers)
        run.write_back += summary.write_back
        run.written += summary.written
        run.not_written += summary.not_written
        self.made_notes += [n for n in summary.notes[noted:] if n not in self.made_notes]

    def _dead(self, prepared: Prepared) -> list[DeadUrl]:
        return self._window_dead

    def summary(self, notes: list[str], started: float) -> Summary:
        found = super().summary(notes, started)
        run = self.run
        found.dry_run = False
        found.clips = ()
        found.unfetched = []
        found.generated = run.generated
        found.failures = run.failures
        found.fatal = self.fatal
        found.interrupted = run.interrupted
        found.workers = run.workers
        found.write_back = run.write_back
        found.written = run.written
        found.not_written = run.not_written
        if not self.paid:
            found.billable_characters = 0
        found.notes += [n for n in self.made_notes if n not in found.notes]
        return found
