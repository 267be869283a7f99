"""`verify` of a course larger than a window, planned window by window as a dry run plans it
(`planning.course`): memory bounded by a window of texts (and a JSON manifest, read whole;
a database manifest's rows are read as a window names them), the report the same as the
whole course's (`verify_report.Found`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..content.load import read_parsed
from ..features.checked import Asked, clip_kinds, selected_paths, whole_scope, window_scope
from ..planning.course import Course
from ..planning.heap import building
from ..planning.prepare import Prepared, replaced_urls
from ..settings.config import Settings
from ..store.clip_files import BytesCheck, Damage, check_files
from ..store.manifest import StoredClip
from .verify_report import Found, Report, check_damaged, check_unused, whole_report

__all__ = ["course_report"]


def course_report(settings: Settings, asked: Asked, workers: int | None) -> Report:
    """What verify finds of the course `settings` name, planned window by window
    (`planning.course`): each window's texts checked while it is planned, its clips'
    files as the first window to plan them finds them; a course of one window is checked
    as a whole (`whole_report`)."""
    with building():
        course = Course(settings, files=False, fresh=asked.deep)
        try:
            # The clip files' bytes are read and hashed by another process while this one
            # plans (`clip_files`), told the entries the course's store read; --deep
            # decodes every file here anyway, and decides every reading anew.
            start = not asked.deep
            with BytesCheck(settings.out_dir, start=start, store=course.store) as reading:
                return _course_report(course, reading, asked, workers)
        finally:
            course.close()


def _course_report(
    course: Course, reading: BytesCheck, asked: Asked, workers: int | None
) -> Report:
    """`course_report`'s windows, checked once more where a key moved (as a dry run's)."""
    bytes_found: list[Mapping[str, Damage | str] | None] = []

    def found() -> Mapping[str, Damage | str] | None:
        if not bytes_found:
            bytes_found.append(reading.found(course.store))
        return bytes_found[0]

    while True:
        windows: _Windows | None = None
        for prepared, last in course.windows():
            if windows is None and last:  # the whole course in one window
                prepared.loaded.notes += course.finish()
                return whole_report(whole_scope(prepared, asked, workers, found()))
            windows = windows or _Windows(course, asked, workers, found())
            windows.add(prepared)
        notes = course.finish()
        if not course.moved and windows is not None:
            return windows.report(notes)
        course.again()  # a key's folder moved: every key's types are known now


class _Windows:
    """verify's checks of a course, added up window by window (`course_report`).

    Of the manifest it holds what a window's clips name (a database manifest reads those
    rows as the window is planned): each entry's file is checked by the first window
    whose clips name it, the paths checked kept in the course's index on disk
    (`CourseIndex.checking`), and the entries no window named are read at the end, in
    path order, passing over those checked (`Store.besides`)."""

    def __init__(
        self,
        course: Course,
        asked: Asked,
        workers: int | None,
        found: Mapping[str, Damage | str] | None,
    ) -> None:
        settings, store = course.settings, course.store
        self.course, self.asked, self.workers, self.found = course, asked, workers, found
        self.selected = selected_paths(settings, course.types)
        self.entries = 0
        """The selected entries checked so far."""
        self.kinds: dict[str, str] = {}
        self.damage: dict[str, Damage] = {}
        self.replaced = replaced_urls(settings, store)
        self.kept: dict[str, Any] = {}
        self.problems = Found()
        self.files: dict[Path, None] = {}
        """Every content file, in the order read."""
        self.notes: list[str] = []
        self.hint: str | None = None
        self.any_present = False

    def add(self, prepared: Prepared) -> None:
        """Check `prepared` (a window planned and decided): the files of the clips no
        earlier window planned, then its texts."""
        plan, loaded, store, selected = (
            prepared.plan,
            prepared.loaded,
            prepared.store,
            self.selected,
        )
        self.kinds.update(clip_kinds(plan.clips))
        named = (c.rel_path for c in plan.clips if selected is None or selected(c.rel_path))
        found = [
            e for rel in self.course.index.checking(named) if (e := store.get(rel)) is not None
        ]
        self.entries += len(found)
        self.damage.update(self._check(found))
        scope = window_scope(prepared, self.asked, found, self.kinds, self.damage, self.replaced)
        scope.kept = self.kept
        self.problems.add(scope)
        self.files.update(dict.fromkeys(loaded.documents))
        self.notes += [n for n in loaded.notes if n != prepared.hint and n not in self.notes]
        self.hint = self.hint or prepared.hint
        self.any_present = self.any_present or bool(plan.present)

    def _check(self, entries: list[StoredClip]) -> dict[str, Damage]:
        settings = self.course.settings
        return check_files(
            self.course.store,
            entries,
            settings.audio,
            self.workers,
            self.kinds,
            deep=self.asked.deep,
            found=self.found,
        )

    def report(self, notes: list[str]) -> Report:
        """The course's report, once every window is checked (`notes`: the course's own)."""
        store, selected = self.course.store, self.selected
        unplanned = [  # in path order, as the store's entries come
            e
            for e in store.besides(self.course.index.checked())
            if selected is None or selected(e.path)
        ]
        self.entries += len(unplanned)
        self.damage.update(self._check(unplanned))
        damage = dict(sorted(self.damage.items()))  # in the entries' order: by path
        damaged = store.damage_notes()
        hint = [self.hint] if self.hint is not None and not self.any_present else []
        report = Report(
            files=self.entries,
            broken=list(damage),
            kinds=self.kinds,
            notes=[*(n for n in self.notes if n not in damaged), *damaged, *hint, *notes],
        )
        files = list(self.files)
        self.problems.into(report, files)
        check_damaged(damage, store, report)
        check_unused(
            self.course.settings, unplanned, lambda: (read_parsed(f) for f in files), report
        )
        return report
