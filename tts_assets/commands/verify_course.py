"""`verify` of a course larger than a window, planned window by window as a dry run plans it
(`planning.course`): memory bounded by a window of texts and the manifest, the report the
same as the whole course's (`verify_report.Found`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..content.load import read_parsed
from ..features.checked import Asked, clip_kinds, selected_entries, whole_scope, window_scope
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
    # The clip files' bytes are read and hashed by another process while this one plans
    # (`clip_files`); --deep decodes every file here anyway, and decides every reading anew.
    with building(), BytesCheck(settings.out_dir, start=not asked.deep) as reading:
        course = Course(settings, files=False, fresh=asked.deep)
        try:
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
    """verify's checks of a course, added up window by window (`course_report`)."""

    def __init__(
        self,
        course: Course,
        asked: Asked,
        workers: int | None,
        found: Mapping[str, Damage | str] | None,
    ) -> None:
        settings, store = course.settings, course.store
        self.course, self.asked, self.workers, self.found = course, asked, workers, found
        self.entries = selected_entries(settings, course.types, store)
        self.unchecked = {e.path: e for e in self.entries}
        """The selected entries no window's clips named yet: a window checks the files of
        those its clips name, the report those left (no text plans them). Held here, not
        asked of the course's index: the manifest is in memory anyway."""
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
        plan, loaded = prepared.plan, prepared.loaded
        self.kinds.update(clip_kinds(plan.clips))
        unchecked = self.unchecked
        found = [e for c in plan.clips if (e := unchecked.pop(c.rel_path, None)) is not None]
        self.damage.update(self._check(found))
        scope = window_scope(
            prepared, self.asked, self.entries, self.kinds, self.damage, self.replaced
        )
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
        store = self.course.store
        unplanned = list(self.unchecked.values())  # in the entries' order, as they came
        self.damage.update(self._check(unplanned))
        order = {e.path: n for n, e in enumerate(self.entries)}
        damage = dict(sorted(self.damage.items(), key=lambda pair: order[pair[0]]))
        damaged = store.damage_notes()
        hint = [self.hint] if self.hint is not None and not self.any_present else []
        report = Report(
            files=len(self.entries),
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
