"""`verify`: prove the stored clips intact and the content's URLs current, writing nothing.

This is the CI gate (docs/verify-and-prune.md). Each manifest entry's file is checked
against its recorded size and sha256, so only a file that differs is decoded (`deep`
decodes all and decides every Japanese reading anew); each spoken text's URL place
against the URL the current plan computes. Planning needs no loaded model, so verify
costs file reads and hashing. The listening check's verdicts are the one thing it writes
(under the out dir's lock, taken only for that write).

`fix` repairs what verify finds with the normal machinery: it drops the broken entries
(and their damaged files), runs generate, and verifies again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.load import read_parsed
from ..errors import InputError
from ..features.checked import KINDS, Asked, Checked, Kind, Problem, clip_kinds, selected_paths
from ..features.registry import features, having
from ..making.hooks import Reporter, Stop
from ..planning.course import Course, course_of
from ..planning.plan import replaced_urls
from ..planning.prepare import Prepared
from ..settings.config import Settings
from ..store import lock
from ..store.clip_files import Damage, check_files
from ..store.manifest import Store, StoredClip
from .generate import generate
from .operation import no_content, operation
from .report import plain
from .summary import LoadNotes, Summary
from .verify_report import Report, check_damaged, check_leftovers, check_texts, check_unused

__all__ = ["KINDS", "Kind", "Problem", "Repaired", "Report", "fix", "verify"]


@operation(listens=True)
def verify(
    settings: Settings, *, deep: bool = False, lock_wait: float = 0.0, accent: bool = False
) -> Report:
    """Check the selected types' clips and URLs (module docstring), window by window, so
    memory is bounded by a window of texts. `accent` hears each intact Japanese clip for
    its pitch accent and keeps what it heard in the manifest, for the review page."""
    started = time.monotonic()
    asked = Asked(deep=deep, lock_wait=lock_wait, accent=accent)
    # --deep decodes every clip file and decides every reading anew.
    with course_of(settings, files=False, fresh=deep) as course:
        windows, notes = course.gathered(lambda: _Windows(course, asked), _Windows.add)
        report = windows.report(notes)
    report.seconds = time.monotonic() - started
    return report


class _Windows:
    """verify's checks of a course, added up window by window, their problems put in the
    report's order once every window is checked (`report`). Each manifest entry's file is
    checked by the first window whose clips name it; those no window named, at the end."""

    def __init__(self, course: Course, asked: Asked) -> None:
        self.course, self.asked = course, asked
        self.selected = selected_paths(course.settings, course.types)
        self.entries = 0
        self.kinds: dict[str, str] = {}
        self.damage: dict[str, Damage] = {}
        self.replaced = replaced_urls(course.settings, course.store)
        self.kept: dict[str, Any] = {}
        self.files: dict[Path, None] = {}
        """Every content file, in the order read."""
        self.loaded = LoadNotes()
        self.texts, self.added, self.leftovers = Report(), Report(), Report()
        """The problems of the texts, of those the features add (a drill's), of the texts
        gone; the first two count the URLs checked."""
        self.features: dict[str, tuple[list[Problem], list[Problem]]] = {}
        """Each feature's problems of the texts (`verify`) and of the texts gone
        (`verify_gone`), in the registry's order."""
        self.notes: list[str] = []
        self.heard = Report()
        """What the checks that hear the clips found, said after every other."""

    def add(self, prepared: Prepared) -> None:
        """Check `prepared` (a window planned and decided): the files of the clips no
        earlier window planned, then its texts, then hear its intact clips."""
        plan, store, selected = prepared.plan, prepared.store, self.selected
        self.kinds.update(clip_kinds(plan.clips))
        named = (c.rel_path for c in plan.clips if selected is None or selected(c.rel_path))
        found = [
            e for rel in self.course.index.checking(named) if (e := store.get(rel)) is not None
        ]
        self.entries += len(found)
        self.damage.update(self._check(found))
        scope = Checked(prepared, self.asked, found, self.kinds, self.damage, self.replaced)
        scope.kept = self.kept
        loaded = scope.loaded
        check_texts(scope, loaded.items, self.texts)
        added = [text for feature in having("texts") for text in feature.texts(loaded)]
        check_texts(scope, added, self.added)
        check_leftovers(scope, self.leftovers)
        for feature in features():
            mine = self.features.setdefault(feature.name, ([], []))
            for hook, problems in (("verify", mine[0]), ("verify_gone", mine[1])):
                if feature in having(hook):
                    part = Report()
                    getattr(feature, hook)(scope, part)
                    problems += part.problems
                    self.notes += part.notes
        heard = Report()
        for feature in having("hear"):
            feature.hear(scope, heard)
        self.heard.problems += heard.problems
        self.heard.notes += [n for n in heard.notes if n not in self.heard.notes]
        if heard.listening is not None:
            self.heard.listening = heard.listening.joined(self.heard.listening)
        self.files.update(dict.fromkeys(prepared.loaded.documents))
        self.loaded.add(prepared)

    def _check(self, entries: list[StoredClip]) -> dict[str, Damage]:
        return check_files(
            self.course.store,
            entries,
            self.course.settings.audio,
            kinds=self.kinds,
            deep=self.asked.deep,
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
        files = list(self.files)
        order = {path: n for n, path in enumerate(files)}

        def by_file(problems: list[Problem]) -> list[Problem]:
            return sorted(problems, key=lambda p: order.get(p.file, len(order)))

        texts, added = self.texts, self.added
        problems = [*texts.problems, *added.problems, *by_file(self.leftovers.problems)]
        for mine, gone in self.features.values():
            problems += [*mine, *by_file(gone)]
        report = Report(
            problems=problems,
            urls=texts.urls + added.urls,
            elsewhere=texts.elsewhere + added.elsewhere,
            files=self.entries,
            broken=list(damage),
            kinds=self.kinds,
            notes=[*self.loaded.said(store.damage_notes()), *notes, *self.notes],
        )
        if not files:
            report.nothing = f"nothing checked: {no_content(self.course.settings)}"
        check_damaged(damage, store, report)
        check_unused(
            self.course.settings, unplanned, lambda: (read_parsed(f) for f in files), report
        )
        report.problems += self.heard.problems
        report.notes += self.heard.notes
        report.listening = self.heard.listening
        return report


@dataclass
class Repaired:
    """What `fix` did: the manifest entries it dropped and the generate run's summary."""

    dropped: list[str] = field(default_factory=list)
    summary: Summary | None = None
    """None when verify found nothing to repair."""

    def as_json(self) -> dict[str, object]:
        return {"dropped": self.dropped, "generate": plain(self.summary)}


def fix(
    settings: Settings,
    *,
    reporter: Reporter | None = None,
    stop: Stop | None = None,
    lock_wait: float = 0.0,
    deep: bool = False,
) -> tuple[Report, Repaired]:
    """Verify, repair what is broken (drop, generate, write back), and verify again."""
    before = verify(settings, deep=deep, lock_wait=lock_wait)
    if before.ok or all(p.kind in ("heard", "refused") for p in before.problems):
        # A clip heard otherwise, a text refused: each needs a person, nothing to make.
        return before, Repaired()
    unfetched = [p for p in before.problems if p.kind == "unfetched"]
    if unfetched:
        more = f" (and {len(unfetched) - 1} more)" if len(unfetched) > 1 else ""
        raise InputError(f"{unfetched[0].line()}{more}; nothing was fixed")
    done = Repaired()
    if before.broken and settings.out_dir.is_dir():
        # The broken entries forgotten, their files deleted: checked again under the lock
        # (another run may have repaired some meanwhile).
        with lock.locked([settings.out_dir], wait=lock_wait):
            store = Store(settings.out_dir, settings.staging)
            entries = [e for p in before.broken if (e := store.get(p)) is not None]
            damaged = check_files(store, entries, settings.audio, kinds=before.kinds)
            for rel in damaged:
                # A path tts-assets could not have written is only forgotten, never deleted.
                store.drop(rel, delete=store.clip_file(rel) is not None)
            store.flush()
            store.clean_staging()
        done.dropped = list(damaged)
    done.summary = generate(settings, reporter=reporter, stop=stop, lock_wait=lock_wait)
    return verify(settings, deep=deep, lock_wait=lock_wait), done
