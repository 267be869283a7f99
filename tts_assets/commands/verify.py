"""`verify`: prove the stored clips intact and the content's URLs current, writing nothing.

This is the CI gate. Two sides are checked, for the selected types:

- every manifest entry: its file exists and has the recorded size and sha256. A clip was
  decoded and checked (`audio.process.check`) when it was stored, and the sha256 proves
  these are the bytes that passed, so a matching file is not decoded again; one that
  does not match is decoded to tell what happened. `deep` (`verify --deep`) decodes and
  checks every file, as after a change of the checks themselves, compares the seconds
  each decodes to with its entry's (a file swapped together with its sha256 is corrupt),
  and decides every Japanese reading anew instead of reading it from the reading memo
  (whose rows it replaces: a cache), so a clip made from a decision the engine does not
  make is stale; with the listening check it hears every clip anew, trusting no kept
  verdict;
- every spoken text: its URL place holds a URL (else *missing*), the very URL the
  current plan computes (else *stale*: the text, voice or audio settings changed since),
  and that URL's clip is in the manifest with an intact file (else *missing* or
  *corrupt*); a text the language gate refuses has no clip by design, and is reported as
  *refused* with its reason whatever its URL place holds (the content needs fixing:
  the text, or its field's lang);
- every URL place whose text is gone (emptied, removed, a shorter list of readings): a
  URL tts-assets made there is *gone* (the app would play audio of a text that is not
  there; generate clears it). A URL a person set (not under the URL prefix in the
  tool's own form) is theirs: it is neither stale nor gone, unless
  `replace_hand_set_urls` is set, when it is stale like any other.

With the listening check (`verify --listen`, or `listen = true`), every planned clip whose
file is intact is also heard (`features/listening.py`), unless its manifest entry keeps a
verdict on these very bytes: a clip heard otherwise than meant is a problem (*heard*),
unless a reviewer accepted it. The verdicts reached are the one thing verify writes:
they are added to the manifest under the out dir's lock, taken after the listening
(which may take minutes) and only for that write, waiting `lock_wait` seconds as other
commands do; entries whose bytes changed meanwhile are left alone, and a lock held
elsewhere only costs hearing those clips again next time (a note says so).

A clip is *unused* (`tts-assets prune` would delete it) when no text of the current plan
needs it and no string in the content still names it: verify and prune agree.

Planning needs the providers' identities (model checksums, voice data), never a loaded
model, so verify costs file reads and hashing, and decoding only where the bytes differ.
Files are read and hashed on one thread (more only contend for the GIL); what is decoded
is decoded on a thread pool as wide as the machine's cores, though soundfile reads from
memory through Python callbacks, which hold the GIL and cap what more threads gain
(BENCHMARKS.md, verify).

`fix` repairs what verify finds with the normal machinery: it drops the broken manifest
entries (and their damaged files), runs generate, which makes the missing clips and
writes the URLs back, and verifies again.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.document import Document
from ..content.item import Item, describe_path
from ..content.load import read_parsed
from ..errors import ExitCode, InputError
from ..features.checked import (
    KINDS,
    Asked,
    Checked,
    Kind,
    Problem,
    checked,
    clip_kinds,
    selected_entries,
    whole_scope,
    window_scope,
)
from ..features.heard import Heards
from ..features.registry import features, having
from ..making.hooks import Reporter, Stop
from ..planning.course import Course
from ..planning.dead import kept_problem
from ..planning.heap import building
from ..planning.plan import Clip
from ..planning.prepare import Prepared, replaced_urls
from ..planning.referenced import referenced_paths
from ..settings.config import Settings
from ..store import lock
from ..store.clip_files import REGENERATE, BytesCheck, Damage, check_files
from ..store.manifest import Store, StoredClip, only_for
from .generate import generate
from .operation import operation
from .summary import KEPT_SHOWN, Summary

__all__ = ["KINDS", "Kind", "Problem", "Repaired", "Report", "drop_broken", "fix", "verify"]


@dataclass
class Report:
    """What verify found: the problems, how much was checked, and unused clips."""

    problems: list[Problem] = field(default_factory=list)
    urls: int = 0
    """URL places checked (one per spoken text)."""
    files: int = 0
    """Manifest entries whose file was checked."""
    broken: list[str] = field(default_factory=list)
    """Manifest entries whose file is missing or damaged (what --fix drops)."""
    unused: list[str] = field(default_factory=list)
    """Checked manifest entries the current plan does not use (`tts-assets prune`)."""
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    """Type files not found (each named); a gate that found no content file fails."""
    nothing: str | None = None
    """Why verify checked nothing (no content file found): it fails."""
    elsewhere: int = 0
    """Texts that keep a person's URL outside the URL prefix (not checked: not ours to)."""
    kinds: dict[str, str] = field(default_factory=dict, repr=False)
    """How the plan speaks each clip path that is not plain text (kana), for re-checks."""
    listening: Heards | None = None
    """What the listening check found (`listen`); None when it did not run."""

    @property
    def counts(self) -> dict[Kind, int]:
        found = Counter(p.kind for p in self.problems)
        return {kind: found[kind] for kind in KINDS}

    @property
    def ok(self) -> bool:
        return not self.problems and self.nothing is None

    @property
    def exit_code(self) -> int:
        return ExitCode.OK if self.ok else ExitCode.FAILED

    def lines(self) -> list[str]:
        """One line per problem, then the totals."""
        lines = [f"note: {note}" for note in self.notes]
        lines += self._problem_lines()
        if self.nothing is not None:
            lines.append(self.nothing)
            return lines
        checked = f"{self.urls} URLs and {self.files} clip files checked in {self.seconds:.1f} s"
        if self.ok:
            lines.append(f"ok: {checked}")
        else:
            found = ", ".join(f"{n} {kind}" for kind, n in self.counts.items() if n)
            lines.append(f"{len(self.problems)} problem(s): {found}; {checked}")
        if self.listening is not None:
            lines += self.listening.lines()
        if self.elsewhere:
            lines.append(
                f"{self.elsewhere} text(s) keep a URL outside the URL prefix "
                f"(a person's, not checked)"
            )
        refused = self.counts["refused"]
        if refused:
            lines.append(
                f"{refused} text(s) refused: no clip is made for them by design, so "
                "generate and verify --fix cannot make one; do as each one's line says "
                "(fix the text, or give its language another voice)"
            )
        if self.unused:
            lines.append(
                f"{len(self.unused)} stored clip(s) no text uses any more; "
                "tts-assets prune lists them"
            )
        return lines

    def _problem_lines(self) -> list[str]:
        """A line per problem, the first `KEPT_SHOWN` of each kind (as generate shows its
        lists: the seed app's eleven sets had 13,744 missing texts), then how many more."""
        shown: Counter[str] = Counter()
        lines = []
        for problem in self.problems:
            shown[problem.kind] += 1
            if shown[problem.kind] <= KEPT_SHOWN:
                lines.append(problem.line())
        for kind, n in shown.items():
            if n > KEPT_SHOWN:
                lines.append(f"{kind}: {n - KEPT_SHOWN} more (--json lists them)")
        return lines

    def as_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "exit_code": self.exit_code,
            "checked": {"urls": self.urls, "files": self.files},
            "counts": self.counts,
            "problems": [
                {
                    "place": p.place,
                    "file": str(p.file),
                    "path": list(p.path),
                    "kind": p.kind,
                    "message": p.message,
                    "clip": p.clip,
                }
                for p in self.problems
            ],
            "broken": self.broken,
            "unused": self.unused,
            "elsewhere": self.elsewhere,
            "notes": self.notes,
            "nothing_checked": self.nothing,
            "listening": self.listening.as_json() if self.listening is not None else None,
            "seconds": round(self.seconds, 3),
        }


# --- the whole check ---------------------------------------------------------------


@operation(listens=True)
def verify(
    settings: Settings,
    *,
    workers: int | None = None,
    deep: bool = False,
    lock_wait: float = 0.0,
    accent: bool = False,
) -> Report:
    """Check the selected types' clips and URLs; writes nothing and loads no model, unless
    `settings.listen` (module docstring). `deep` decodes every clip file, not only those
    whose bytes differ from the manifest's. `accent` hears each intact Japanese clip for
    its pitch accent (`features.accent`) and keeps what it heard in the manifest, for the
    review page (as the listening check keeps its verdicts).

    The command's own checks (each text's URL, the URLs of texts that are gone, the
    damaged clip files, the clips no text uses) and every feature's (`features.hooks`), in
    the registry's order, over one scope prepared once (`features.checked`). A course
    larger than a window is planned and checked window by window (`course_report`), its
    report the same; one heard (`listen`, `accent`) or with WebVTT tracks (each clip's
    units gathered over the course) is planned whole.

    Raises TtsAssetsError subclasses for bad input (content, config, manifest).
    """
    started = time.monotonic()
    asked = Asked(deep=deep, lock_wait=lock_wait, accent=accent)
    if settings.listen or accent or settings.webvtt:
        report = whole_report(checked(settings, asked, workers))
    else:
        report = course_report(settings, asked, workers)
    report.seconds = time.monotonic() - started
    return report


def whole_report(scope: Checked) -> Report:
    """What verify finds of `scope`, the whole course planned at once."""
    report = _new_report(scope)
    found = Found()
    found.add(scope)
    found.into(report, list(scope.loaded.documents))
    _check_damaged(scope.damage, scope.store, report)
    planned = {c.rel_path for c in scope.clips}
    _check_unused(
        scope.settings,
        [e for e in scope.entries if e.path not in planned],
        lambda: scope.loaded.documents.values(),
        report,
    )
    for feature in having("hear"):
        feature.hear(scope, report)  # the intact clips heard (listening, accent)
    return report


@dataclass
class Found:
    """The problems of each check, found window by window (or of the whole course at
    once), put in the report's order once every window is checked (`into`)."""

    texts: list[Problem] = field(default_factory=list)
    added: list[Problem] = field(default_factory=list)
    """The texts the features add (a drill's)."""
    leftovers: list[Problem] = field(default_factory=list)
    features: dict[str, tuple[list[Problem], list[Problem]]] = field(default_factory=dict)
    """Each feature's problems of the texts (`verify`), and of the texts gone
    (`verify_gone`), in the registry's order."""
    notes: list[str] = field(default_factory=list)
    urls: int = 0
    elsewhere: int = 0

    def add(self, scope: Checked) -> None:
        """What the checks find in `scope` (the course, or a window of it)."""
        loaded = scope.loaded
        added = [text for feature in having("texts") for text in feature.texts(loaded)]
        for items, problems in ((loaded.items, self.texts), (added, self.added)):
            part = Report()
            _check_texts(scope, items, part)  # refused, then each text's URL
            problems += part.problems
            self.urls += part.urls
            self.elsewhere += part.elsewhere
        part = Report()
        _check_leftovers(scope, part)
        self.leftovers += part.problems
        # Each feature's checks of the texts, then of the texts gone: a window's are put
        # after every window's checks of the texts, as a whole course's are (`into`).
        for feature in features():
            mine = self.features.setdefault(feature.name, ([], []))
            for hook, problems in (("verify", mine[0]), ("verify_gone", mine[1])):
                if feature in having(hook):
                    part = Report()
                    getattr(feature, hook)(scope, part)
                    problems += part.problems
                    self.notes += part.notes

    def into(self, report: Report, files: Sequence[Path]) -> None:
        """Every problem found, in the report's order: the texts', the drills', the texts
        gone (by file, in the order `files` were read), then each feature's."""
        order = {path: n for n, path in enumerate(files)}

        def by_file(problems: list[Problem]) -> list[Problem]:
            return sorted(problems, key=lambda p: order.get(p.file, len(order)))

        report.problems += [*self.texts, *self.added, *by_file(self.leftovers)]
        for texts, gone in self.features.values():
            report.problems += [*texts, *by_file(gone)]
        report.notes += self.notes
        report.urls += self.urls
        report.elsewhere += self.elsewhere


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
        self.selected = {e.path for e in self.entries}
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
        asked = [(clip.rel_path, clip.needed_by) for clip in plan.clips]
        first = self.course.index.first(asked)
        store, selected = self.course.store, self.selected
        paths = [c.rel_path for c, (new, _) in zip(plan.clips, first, strict=True) if new]
        found = [e for p in paths if p in selected and (e := store.get(p)) is not None]
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
        planned = self.course.index.counted([e.path for e in self.entries])
        unplanned = [e for e in self.entries if e.path not in planned]
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
        self.problems.into(report, list(self.files))
        _check_damaged(damage, store, report)
        files = list(self.files)
        _check_unused(
            self.course.settings, unplanned, lambda: (read_parsed(f) for f in files), report
        )
        return report


def _new_report(scope: Checked) -> Report:
    """The report before any check: what is checked, and why nothing is when no content
    file of the selected types was found."""
    loaded = scope.loaded
    report = Report(
        files=len(scope.entries), broken=list(scope.damage), kinds=scope.kinds, notes=loaded.notes
    )
    if not loaded.documents:
        report.nothing = (
            f"nothing checked: no content file of the selected types is in "
            f"{scope.settings.data_dir}; point --data-dir (or --config) at the content, or "
            "add its files"
        )
    return report


def _check_texts(scope: Checked, items: Sequence[Item], report: Report) -> None:
    """Each of `items` in turn (spoken texts, or those the features add: a drill's):
    refused (a feature's `refuses`), or its URL place checked (`_check_url`)."""
    for item in items:
        report.urls += 1
        refused = next((p for f in having("refuses") if (p := f.refuses(scope, item))), None)
        if refused is not None:
            report.problems.append(refused)
        else:
            _check_url(scope, item, report)


def _advice(scope: Checked, clip: Clip) -> str | None:
    """What makes `clip` when a run alone would not (a feature's `advice`, as the last
    run's failure says), None when a run does."""
    return next((a for f in having("advice") if (a := f.advice(scope, clip))), None)


def _check_url(scope: Checked, item: Item, report: Report) -> None:
    """A text's URL place: a person's URL as write-back keeps it (`_check_kept`), else the
    URL the plan computes and its clip (`Checked.url_problem`)."""
    current = scope.loaded.value_at_url(item)
    clip = scope.clip_of.get(id(item))  # None: it keeps a person's URL
    kept = scope.persons_url(current, clip)
    if kept is not None:
        _check_kept(scope, item, kept, clip, report)
        return
    if clip is None:
        return  # (none: every other text is in a clip)
    advice = _advice(scope, clip) or REGENERATE
    wrong = scope.url_problem(item, clip, current, advice)
    if wrong is not None:
        report.problems.append(wrong)


def _check_kept(scope: Checked, item: Item, url: str, clip: Clip | None, report: Report) -> None:
    """A person's URL, kept as write-back keeps it: a problem if it leads to no audio under
    the URL prefix (a URL elsewhere is only counted)."""
    path = scope.ours.file(url, scope.settings.out_dir)
    if path is None:
        report.elsewhere += 1
        return
    kept = kept_problem(describe_path(item.file, item.url_path), url, path)
    if kept is None:
        return
    advice = _advice(scope, clip) if kept[0] == "dead" and clip is not None else None
    if advice is not None:
        why = f"{kept[1].partition('; restore')[0]}; {advice}"
        kept = ("dead", why)
    report.problems.append(Problem(item.file, item.text_path, *kept))


def _check_leftovers(scope: Checked, report: Report) -> None:
    """A URL the tool made at a place whose text is gone is *gone* (generate clears it)."""
    for left in scope.loaded.leftovers:
        if not scope.hand_set(left.url):
            why = f"{left.url} is the clip of a text that is gone; {REGENERATE} clears it"
            report.problems.append(Problem(left.file, left.url_path, "gone", why))


def _check_damaged(damage: Mapping[str, Damage], store: Store, report: Report) -> None:
    """A damaged clip file no text's problem names is a problem of its manifest entry."""
    named = {p.clip for p in report.problems}
    for rel, harm in damage.items():
        if rel not in named:
            report.problems.append(
                Problem(store.manifest_path, (rel,), harm.kind, harm.message, rel)
            )


def _check_unused(
    settings: Settings,
    unplanned: Sequence[StoredClip],
    documents: Callable[[], Iterable[Document]],
    report: Report,
) -> None:
    """The checked clips no planned text needs (`unplanned`) and no content string names:
    what `tts-assets prune` would delete."""
    own = settings.set_id
    others = [e.path for e in unplanned if only_for(e, own)]
    # The content's strings are searched only when some clip is not planned (seldom).
    in_content = referenced_paths(documents()) if others else set()
    report.unused = [path for path in others if path not in in_content]


# --- repairing ---------------------------------------------------------------------


@dataclass
class Repaired:
    """What `fix` did: the manifest entries it dropped and the generate run's summary."""

    dropped: list[str] = field(default_factory=list)
    summary: Summary | None = None
    """None when verify found nothing to repair."""

    def as_json(self) -> dict[str, object]:
        return {
            "dropped": self.dropped,
            "generate": self.summary.as_json() if self.summary else None,
        }


def drop_broken(
    settings: Settings,
    paths: Sequence[str],
    *,
    lock_wait: float = 0.0,
    kinds: Mapping[str, str] | None = None,
) -> list[str]:
    """Forget the manifest entries in `paths` whose file is still broken, deleting the file.

    Checked again under the lock (with `kinds`, as `check_files`): another run may have
    repaired some meanwhile.
    """
    if not paths or not settings.out_dir.is_dir():
        return []
    with lock.locked([settings.out_dir], wait=lock_wait):
        store = Store(settings.out_dir, settings.staging)
        entries = [e for p in paths if (e := store.get(p)) is not None]
        damaged = check_files(store, entries, settings.audio, kinds=kinds)
        for rel in damaged:
            # A path tts-assets could not have written is only forgotten, never deleted.
            store.drop(rel, delete=store.clip_file(rel) is not None)
        store.flush()
        store.clean_staging()
    return list(damaged)


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
    done = Repaired(
        dropped=drop_broken(settings, before.broken, lock_wait=lock_wait, kinds=before.kinds)
    )
    done.summary = generate(settings, reporter=reporter, stop=stop, lock_wait=lock_wait)
    return verify(settings, deep=deep, lock_wait=lock_wait), done
