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
- **a person's URL kept where a later window makes its text's clip**: the whole course's
  write-back names that clip beside the URL it keeps (`--json` `write_back[].kept[].new`),
  so the window's report names it once every window is made (`RunTally._awaited`);
- **the language gate and Git LFS pointers**: the survey (`survey`: every window planned,
  nothing made) judges every file of the course, as the whole course's run does, before
  the first window makes a clip: a file mostly in another language, or a pointer in any
  window, stops the run with nothing made (exit 2). A file broken after the survey
  (deleted, invalid JSON) stops the run where its window reads it, the windows before it
  made and written back, as a kill there would (tests/e2e/test_run_windows_hostile.py).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path

from ..content.item import describe_path
from ..content.windows import WINDOW_ENV
from ..errors import InputError
from ..features.registry import having
from ..making.graph import Made
from ..making.report import Failure
from ..planning.course import Course, first_present
from ..planning.dead import DeadUrl, UnfetchedUrl, unfetched_error, unfetched_urls
from ..planning.heap import building
from ..planning.plan import STEPS
from ..planning.prepare import Prepared, outside_of, selected_types
from ..settings.config import Settings
from ..writeback.update import FileWriteBack
from .course_summary import _in_steps, _Tally, _view, dry_course
from .summary import RefusedText, Summary

__all__ = ["RunTally", "course_run", "dry_course", "in_windows", "outside_folders", "survey"]
"""A course in windows, a dry run's (`course_summary.dry_course`) or a run's."""

RUN_BYTES = 32 * 1024 * 1024
"""Content files of more bytes than this, together, are run window by window: a course
where a whole no-op would hold too much (`benchmarks/scale.py`)."""

LARGEST_SHARE = 4
"""A course whose largest content file holds at least 1/LARGEST_SHARE of its bytes is run
whole: windows of whole files would hold most of it anyway, at twice the planning."""


def in_windows(settings: Settings) -> bool:
    """Whether a run of `settings`' course goes window by window: `WINDOW_ENV` sets the
    texts of a window (tests, and a person who wants it), or its content files hold more
    than `RUN_BYTES` together, none of them a large share (`LARGEST_SHARE`). A run that
    listens to its clips runs the course whole (its pass hears them at once)."""
    if settings.listen:
        return False
    if os.environ.get(WINDOW_ENV, "").strip():
        return True
    sizes: dict[Path, int] = {}
    for spec in selected_types(settings):
        for path in spec.locations(settings.data_dir):
            try:
                sizes[path] = path.stat().st_size
            except OSError:
                continue  # the loader says what is wrong with it
    total = sum(sizes.values())
    return total > RUN_BYTES and max(sizes.values()) * LARGEST_SHARE < total


def outside_folders(settings: Settings) -> list[Path]:
    """The folders of content files outside the data dir (a type's `path`), which a run
    that writes them back locks (`Prepared.outside`, known before the files are read)."""
    files = (
        path for spec in selected_types(settings) for path in spec.locations(settings.data_dir)
    )
    return outside_of(settings, files)


@contextmanager
def course_run(
    settings: Settings, progress: Callable[[str], None], lock: Callable[[], None]
) -> Iterator[tuple[Course, RunTally]]:
    """The course of `settings` surveyed (`survey`), then `lock()` called (the run locks its
    out dir once its input is known to be good) and, if another run changed the store
    while this one waited for it, surveyed again; the course closed at the end. Each window
    is built and let go without cycles (`planning.heap.building`)."""
    with building(), ExitStack() as closing:
        locked = False
        while True:
            course = Course(settings, progress=progress, whole_files=True)
            closing.callback(course.close)
            tally = survey(course)
            if not locked:
                lock()
                locked = True
                if course.store.changed_on_disk():
                    continue  # another run (other data dir, same out dir) finished meanwhile
            yield course, tally
            return


def survey(course: Course) -> RunTally:
    """Every window of `course` planned once, nothing made (as a dry run plans it): the run's
    summary of the course as planned, and its texts kept in the course's index
    (`CourseTexts`); InputError where the run of the whole course stops before making
    anything (a file mostly in another language, a clip of its own or a URL kept that is a
    Git LFS pointer). Planned again where a later window moved a key's folder."""
    while True:
        tally = RunTally(course)
        unfetched: list[UnfetchedUrl] = []
        for prepared, _ in course.windows():
            unfetched += unfetched_urls(prepared)
            tally.surveyed(prepared)
        tally.course_notes = course.finish()
        if unfetched:
            raise InputError(unfetched_error(unfetched))
        if not course.moved:
            return tally
        course.again()  # a key's folder moved: every key's types are known now


class RunTally(_Tally):
    """A run's summary: the course as its survey planned it (the dry run's `_Tally`), with
    what making and write-back did, window after window (`ran`)."""

    def __init__(self, course: Course) -> None:
        super().__init__(course)
        self.course_notes: list[str] = []
        """The notes on the whole course (`Course.finish`)."""
        self.made = Made()
        self.failed: dict[str, Failure] = {}
        """Each clip whose making failed, by its content key: its places grow as later
        windows find it again."""
        self.fatal: str | None = None
        self.interrupted = False
        self.workers = 0
        self.paid = False
        self.write_back: list[FileWriteBack] = []
        self.written: list[Path] = []
        self.not_written: list[str] = []
        self.ran_dead: list[tuple[int, DeadUrl]] = []
        self.made_notes: list[str] = []
        self.left = 0
        self.making = False
        """Whether any window made clips (or looked for their timings)."""
        self._refusals: set[tuple[str, str]] | None = None
        """The refused texts reported so far (place, text), once a window refused one."""
        self._awaiting: list[tuple[int, int, list[tuple[str, str, str]]]] = []
        """The person's URLs a window's write-back kept beside no clip of their text, which
        other windows plan: each (its file's report in `write_back`, its place in that
        report's `kept`, the clips of its text: `CourseTexts.planned`), named in
        `run_summary` once every window is made (`_awaited`)."""

    def surveyed(self, prepared: Prepared) -> None:
        """Add up a window as the survey planned it, and keep its texts."""
        voices = prepared.voices
        self.paid = self.paid or any(
            voices.provider(c.voice.provider).billing is not None for c in prepared.plan.new
        )
        self.add(prepared)
        self.course.index.texts.remember(prepared)

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

    def ran(
        self, prepared: Prepared, summary: Summary, made: Made | None, noted: int, left: int
    ) -> None:
        """Add what making and write-back did to a window (`summary`, its run's, whose notes
        from the `noted`th on are making's and write-back's; `made`, its making's; `left`,
        the new clips a run of some clips left for a later run)."""
        self.left += left
        if made is not None:
            self._made(prepared, made)
        self.fatal = self.fatal or summary.fatal
        self.interrupted = self.interrupted or summary.interrupted
        self.workers = max(self.workers, summary.workers)
        self._await(prepared, summary.write_back)
        self.write_back += summary.write_back
        self.written += summary.written
        self.not_written += summary.not_written
        step = prepared.plan.step_of
        dead = {change.place: step(change) for change in prepared.plan.dead}
        self.ran_dead += [(dead.get(url.place, 0), url) for url in summary.dead]
        self.made_notes += [n for n in summary.notes[noted:] if n not in self.made_notes]
        if summary.refused:
            self._refused_late(summary.refused)

    def _made(self, prepared: Prepared, made: Made) -> None:
        """Add a window's making: its clips made and failed kept by path in the course's
        index (each type's counts, `run_summary`), its failures by key (`drop_failed`)."""
        self.making = True
        self.made.add(made)
        failed = {f.key for f in made.failures}
        self.failed.update((f.key, f) for f in made.failures if f.key)
        store = prepared.store
        self.course.index.made(
            [
                (c.rel_path, c.key in failed)
                for c in prepared.plan.new
                if c.key in failed or store.is_listed(c.rel_path, c.key)
            ]
        )

    def _await(self, prepared: Prepared, files: list[FileWriteBack]) -> None:
        """Note the URLs `files` (a window's write-back) kept beside no clip of ours, whose
        text the window held for a person's URL (`Plan.held`) and other windows plan: the
        clip a later window makes of it is the one the whole course's write-back names
        there (`_awaited`)."""
        held = {
            (item.file, describe_path(item.file, item.url_path)): item
            for clip in prepared.plan.held
            for item in clip.held
        }
        if not held:
            return
        for at, done in enumerate(files, len(self.write_back)):
            for n, kept in enumerate(done.kept):
                item = held.get((done.path, kept.place))
                if item is None or kept.new is not None or kept.place in done.gone:
                    continue
                clips = self.course.index.texts.planned(item)
                if clips:  # most a person recorded are said nowhere else: nothing to await
                    self._awaiting.append((at, n, clips))

    def _awaited(self) -> list[FileWriteBack]:
        """Every window's write-back, each URL `_await` noted given the first clip of its
        text the store holds now (as a window's write-back finds one: `CourseTexts.url`),
        as the whole course's write-back reports it."""
        found = list(self.write_back)
        present = self.course.store.is_present
        named: dict[int, dict[int, str]] = {}
        for at, n, clips in self._awaiting:
            url = first_present(clips, present)
            if url is not None:
                named.setdefault(at, {})[n] = url
        for at, urls in named.items():
            kept = tuple(
                replace(k, new=urls[n]) if n in urls else k for n, k in enumerate(found[at].kept)
            )
            found[at] = replace(found[at], kept=kept)
        return found

    def _refused_late(self, refused: list[RefusedText]) -> None:
        """Report the texts a window refused that the survey did not (a file changed since
        it): they stand, as a run that read the file so would report them."""
        if self._refusals is None:  # made once: a course may refuse many texts
            self._refusals = {(r.place, r.text) for _, r in self.refused}
        known = self._refusals
        late = [r for r in refused if (r.place, r.text) not in known]
        known.update((r.place, r.text) for r in late)
        self.refused += [(len(STEPS), r) for r in late]

    def view(self) -> Prepared:
        """The course as a feature's `finished` sees it once every window is made: its
        counts, its clips by their keys in the course's index (`Prepared.elsewhere`)."""
        view = _view(self.course, self.counts, self.recorded, self.windows)
        view.elsewhere = self.course.index.texts
        return view

    def run_summary(self, started: float, finished: list[str]) -> Summary:
        """The run's summary, once every window is made and written back (`finished`: the
        notes of the features' `finished`)."""
        self.untimed = Counter()  # a dry run's cost of finding timings: the run found them
        found = self.summary(self.course_notes, started)
        generated, failed = self.course.index.made_types()
        for name, counts in found.counts.items():
            counts.generated, counts.failed = generated[name], failed[name]
        view = _view(self.course, self.counts, self.recorded, self.windows)
        made = self.made
        found.dry_run = False
        found.clips = ()
        found.unfetched = []
        found.dead = _in_steps(self.ran_dead)
        found.generated = made.generated
        found.failures = made.failures
        found.fatal = self.fatal or made.fatal
        found.interrupted = self.interrupted
        found.workers = self.workers
        found.write_back = self._awaited()
        found.written = self.written
        found.not_written = self.not_written
        if not self.paid:
            found.billable_characters = 0
        if self.left:
            found.notes.append(
                f"{self.left} other missing clip(s) left for a later run (tts-assets generate)"
            )
        if self.making:
            found.notes += [n for f in having("made") for n in f.made(view, made)]
        found.notes += [n for n in [*self.made_notes, *finished] if n not in found.notes]
        return found
