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
file is intact is also heard (`commands/listened.py`), unless its manifest entry keeps a
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

import os
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from ..audio.integrity import is_lfs_pointer, sniff
from ..content.item import Item, JsonPath, describe_path
from ..content.load import LoadResult
from ..errors import LFS_FETCH, ExitCode, InputError, LockedError
from ..languages import hook, language
from ..listening import record
from ..making.hooks import Reporter, Stop
from ..planning.plan import Clip, Plan
from ..planning.prepare import Prepared, decided, prepare, replaced_urls
from ..planning.referenced import referenced_paths
from ..settings.config import Settings
from ..store import lock
from ..store.clip_files import REGENERATE, BytesCheck, Damage, check_files
from ..store.failed import FailedClip, read_failed
from ..store.files import not_regular, open_regular, special_file
from ..store.layout import clip_type, track_path
from ..store.manifest import Store, StoredClip, only_for
from ..store.urls import ClipUrls, UrlOwner, dead_advice
from ..writeback.record import track_units
from ..writeback.timings import Timings, judge, past_the_end
from ..writeback.tracks import track_state
from .generate import generate
from .listened import Heards, hear_plan
from .operation import operation
from .summary import KEPT_SHOWN, Summary

AccentClip = Any
"""What the accent check needs of one stored clip: its language's `AccentClip`
(`Language.pitch_accent`'s module: `lang/ja/accent_check.py`)."""
Accents = Any
"""What the accent check found: its `Accents`."""

Kind = Literal[
    "missing", "stale", "corrupt", "unfetched", "dead", "refused", "gone", "heard", "accent"
]
KINDS: tuple[Kind, ...] = (
    "missing",
    "stale",
    "corrupt",
    "unfetched",
    "dead",
    "refused",
    "gone",
    "heard",
    "accent",
)


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
    its pitch accent (`_accents`) and keeps what it heard in the manifest, for the review
    page (as the listening check keeps its verdicts).

    Raises TtsAssetsError subclasses for bad input (content, config, manifest).
    """
    started = time.monotonic()
    scope = _scope(settings, workers=workers, deep=deep)
    report = _new_report(scope)
    _check_texts(scope, report)  # refused, then each text's URL
    _check_leftovers(scope, report)
    _check_timings(scope, report)
    _check_damaged(scope, report)
    _check_unused(scope, report)
    if settings.listen and scope.loaded.documents:
        report.listening = _listen(
            settings, scope.store, scope.plan.clips, scope.damage, report, lock_wait, fresh=deep
        )
    if accent and scope.loaded.documents:
        heard = _accents(scope.store, scope.plan.clips, scope.damage, report)
        _keep_accents(settings, heard, report, lock_wait)
    report.seconds = time.monotonic() - started
    return report


@dataclass
class _Scope:
    """What one verify run checks, prepared once: the content, the store and the plan, the
    damage found in the clip files, and what the checks ask of them."""

    settings: Settings
    prepared: Prepared
    entries: list[StoredClip]
    """The manifest entries of the selected types, whose files were checked."""
    kinds: dict[str, str]
    """How the plan speaks each clip path that is not plain text (`Report.kinds`)."""
    damage: dict[str, Damage]
    """The checked entries whose file is missing or damaged, by clip path."""
    clips: list[Clip]
    """Every planned clip, a drill's sequence included (it is checked as a clip)."""
    clip_of: dict[int, Clip]
    """The clip of each text the plan speaks, by the text's `id`."""
    refused: dict[int, str]
    """Why each refused text is, by its `id`."""
    owned: set[int]
    """The refused texts refused for what they are said as, by `id`."""
    ours: ClipUrls
    replaced: UrlOwner
    dead: set[str]
    """A person's URLs that name no file: dead whatever write-back may do with them."""
    failed: dict[str, FailedClip]
    """The clips the last run failed, by content key (`_failed_advice`)."""

    @property
    def loaded(self) -> LoadResult:
        return self.prepared.loaded

    @property
    def store(self) -> Store:
        return self.prepared.store

    @property
    def plan(self) -> Plan:
        return self.prepared.plan

    def hand_set(self, url: str) -> bool:
        """Whether `url` is a person's, which write-back keeps."""
        return not self.settings.replace_hand_set_urls and not self.replaced(url)


def _scope(settings: Settings, *, workers: int | None, deep: bool) -> _Scope:
    """Plan the selected content and check the clip files of the selected types."""
    # The clip files' bytes are read and hashed by another process while this one plans
    # (`clip_files`); --deep decodes every file here anyway.
    with BytesCheck(settings.out_dir, start=not deep) as reading:
        # --deep decides every reading anew (the reading memo is a cache): a clip made from
        # a decision the engine no longer makes is stale.
        prepared = prepare(settings, files=False, fresh=deep)  # each file is checked below
        # What each missing clip would say: a text that cannot be said right is refused
        # (its pinyin a voice cannot be made to say), not missing.
        decided(prepared)
        found = reading.found(prepared.store)
    store, plan = prepared.store, prepared.plan
    entries = _selected_entries(settings, prepared)
    # A join is checked as a text of its parts and silences (`making.sequences`).
    kinds = {c.rel_path: c.kind for c in plan.clips if c.recipe.heard and c.kind != "text"}
    damage = check_files(store, entries, settings.audio, workers, kinds, deep=deep, found=found)
    clips = plan.clips
    return _Scope(
        settings,
        prepared,
        entries,
        kinds,
        damage,
        clips,
        clip_of={id(item): clip for clip in clips for item in clip.items},
        refused={id(r.item): r.verdict.reason for r in prepared.refused},
        owned={id(r.item) for r in plan.refused},  # refused for what they are said as
        ours=ClipUrls(settings.url_prefix),
        replaced=replaced_urls(settings, store),
        # A person's URL that names no file is dead whatever the settings say write-back
        # may do with it (generate says so of the ones a run leaves): not stale, not the tool's.
        dead={d.old for d in plan.dead if d.old is not None},
        # A text the last run failed is not told to run that run again (`_failed_advice`).
        failed=read_failed(settings.out_dir),
    )


def _selected_entries(settings: Settings, prepared: Prepared) -> list[StoredClip]:
    """The manifest entries of the selected types."""
    # Clips live in a folder named after their type: --type narrows the manifest too.
    if [n.strip() for n in settings.type.split(",")] == ["all"]:
        return list(prepared.store)
    scope = {t.name for t in prepared.types}
    return [e for e in prepared.store if clip_type(e.path) in scope]


def _new_report(scope: _Scope) -> Report:
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


def _check_texts(scope: _Scope, report: Report) -> None:
    """Each spoken text in turn: refused by the gate (`_refused`), or its URL place
    checked (`_check_url`)."""
    for item in [*scope.loaded.items, *scope.loaded.sequences]:
        report.urls += 1
        refused = _refused(scope, item)
        if refused is not None:
            report.problems.append(refused)
        else:
            _check_url(scope, item, report)


def _refused(scope: _Scope, item: Item) -> Problem | None:
    """A refused text has no clip by design, whatever its URL place holds: the content
    needs a fix."""
    if id(item) not in scope.refused:
        return None
    why = scope.refused[id(item)]
    if id(item) not in scope.owned:
        why += "; it has no clip by design: fix the text or its field's lang"
    return Problem(item.file, item.text_path, "refused", why)


def _check_url(scope: _Scope, item: Item, report: Report) -> None:
    """A text's URL place: a person's URL as write-back keeps it (`_check_kept`), else the
    URL the plan computes and its clip (`_url_problem`)."""
    current = scope.loaded.value_at_url(item)
    clip = scope.clip_of.get(id(item))  # None: it keeps a person's URL
    kept = _persons_url(scope, current, clip)
    if kept is not None:
        _check_kept(scope, item, kept, clip, report)
        return
    if clip is None:
        return  # (none: every other text is in a clip)
    failure = scope.failed.get(clip.key)
    advice = _failed_advice(failure) if failure is not None else REGENERATE
    wrong = _url_problem(item, clip, current, scope.store, scope.damage, advice)
    if wrong is not None:
        report.problems.append(Problem(item.file, item.text_path, *wrong))


def _persons_url(scope: _Scope, current: object, clip: Clip | None) -> str | None:
    """`current` when it is a person's URL that write-back keeps (hand-set, or dead), None
    when it is none or the tool's (the URL the plan computes is the tool's)."""
    if clip is not None and current == clip.url:
        return None
    if not isinstance(current, str) or not current:
        return None
    return current if scope.hand_set(current) or current in scope.dead else None


def _check_kept(scope: _Scope, item: Item, url: str, clip: Clip | None, report: Report) -> None:
    """A person's URL, kept as write-back keeps it: a problem if it leads to no audio under
    the URL prefix (a URL elsewhere is only counted)."""
    path = scope.ours.file(url, scope.settings.out_dir)
    if path is None:
        report.elsewhere += 1
        return
    kept = _kept_problem(item, url, path)
    if kept is None:
        return
    if kept[0] == "dead" and clip is not None and clip.key in scope.failed:
        why = f"{kept[1].partition('; restore')[0]}; {_failed_advice(scope.failed[clip.key])}"
        kept = ("dead", why, None)
    report.problems.append(Problem(item.file, item.text_path, *kept))


def _check_leftovers(scope: _Scope, report: Report) -> None:
    """A URL the tool made at a place whose text is gone is *gone* (generate clears it)."""
    for left in scope.loaded.leftovers:
        if not scope.hand_set(left.url):
            why = f"{left.url} is the clip of a text that is gone; {REGENERATE} clears it"
            report.problems.append(Problem(left.file, left.url_path, "gone", why))


def _check_damaged(scope: _Scope, report: Report) -> None:
    """A damaged clip file no text's problem names is a problem of its manifest entry."""
    named = {p.clip for p in report.problems}
    for rel, harm in scope.damage.items():
        if rel not in named:
            report.problems.append(
                Problem(scope.store.manifest_path, (rel,), harm.kind, harm.message, rel)
            )


def _check_unused(scope: _Scope, report: Report) -> None:
    """The checked clips no planned text needs and no content string names: what
    `tts-assets prune` would delete."""
    planned = {c.rel_path for c in scope.clips}
    own = scope.settings.set_id
    others = [e.path for e in scope.entries if e.path not in planned and only_for(e, own)]
    # The content's strings are searched only when some clip is not planned (seldom).
    in_content = referenced_paths(scope.loaded.documents.values()) if others else set()
    report.unused = [path for path in others if path not in in_content]


def _check_timings(scope: _Scope, report: Report) -> None:
    """The word timings in the content and beside the clips, as write-back leaves them
    (`writeback.timings`, `writeback.tracks`): a `segments` place that lacks its clip's
    timings is *missing*, one holding another clip's (or a person's, with
    `replace_hand_set_urls`) is *stale*, the tool's timings of a text that is gone are
    *gone*; with `webvtt`, a clip with timings whose track is missing is *missing*, and a
    track a person edited is counted in a note."""
    timings = Timings.of_store(scope.store)
    _check_segments(scope, report, timings)
    _check_durations(scope, report)
    for left in scope.loaded.leftover_timings:
        if timings.made(left.value):
            why = f"the word timings of a text that is gone; {REGENERATE} clears them"
            report.problems.append(Problem(left.file, left.path, "gone", why))
    if scope.settings.webvtt:
        _check_tracks(scope, report)


def _check_segments(scope: _Scope, report: Report, timings: Timings) -> None:
    """Each `segments` place: its clip's word timings, as write-back would leave them; a
    person's that run past the end of their clip are *stale* too."""
    loaded = scope.loaded
    durations = Timings.durations_of_store(scope.store)
    for item in loaded.items:
        if item.segments_path is None:
            continue
        doc = loaded.documents[item.file]
        url = doc.value_at(item.url_path)
        held = doc.value_at(item.segments_path)
        verdict = judge(
            held,
            url,
            url,
            scope.replaced,
            timings,
            scope.settings.replace_hand_set_urls,
            item.segments_by,
        )
        place = describe_path(item.file, item.segments_path)
        end = None
        if verdict.outcome in ("kept", "unchanged") and isinstance(url, str) and url:
            end = past_the_end(held, durations.of(url) if scope.replaced(url) else None)
        if end is not None:
            why = (
                f"{place}: word timings a person set end at {end} ms, past the end of their "
                f"clip ({durations.of(url)} ms); set them to null, or run generate "
                "--replace-hand-set-urls, to get the clip's own (what each segment adds, "
                "a translation, is kept)"
            )
            report.problems.append(Problem(item.file, item.text_path, "stale", why))
        elif verdict.outcome == "added":
            why = f"no word timings yet at {place} for {verdict.clip}; {REGENERATE}"
            report.problems.append(Problem(item.file, item.text_path, "missing", why))
        elif verdict.outcome in ("replaced", "cleared"):
            why = (
                f"{place} holds other word timings than its clip's ({verdict.clip})"
                if verdict.clip
                else f"{place} holds the word timings of a clip its URL no longer names"
            ) + f"; {REGENERATE}"
            report.problems.append(Problem(item.file, item.text_path, "stale", why))


def _check_durations(scope: _Scope, report: Report) -> None:
    """Each clip length place: its clip's length, as write-back would leave it."""
    loaded = scope.loaded
    durations = Timings.durations_of_store(scope.store)
    for item in loaded.items:
        if item.duration_path is None:
            continue
        doc = loaded.documents[item.file]
        url = doc.value_at(item.url_path)
        held = doc.value_at(item.duration_path)
        verdict = judge(
            held, url, url, scope.replaced, durations, scope.settings.replace_hand_set_urls
        )
        place = describe_path(item.file, item.duration_path)
        if verdict.outcome == "added":
            why = f"no clip length yet at {place} for {verdict.clip}; {REGENERATE}"
            report.problems.append(Problem(item.file, item.text_path, "missing", why))
        elif verdict.outcome in ("replaced", "cleared"):
            why = f"{place} holds another length than its clip's; {REGENERATE}"
            report.problems.append(Problem(item.file, item.text_path, "stale", why))


def _check_tracks(scope: _Scope, report: Report) -> None:
    """Each intact clip's WebVTT tracks: a missing one is *missing*, those a person edited
    are counted in a note."""
    edited = 0
    units = track_units(scope.clips)
    for clip in scope.clips:
        entry = scope.store.get(clip.rel_path)
        if entry is None or entry.key != clip.key or clip.rel_path in report.broken:
            continue
        for by in units[clip.rel_path]:
            state = track_state(scope.store, entry, by)
            if state == "missing":
                item = clip.items[0]
                track = track_path(clip.rel_path, by)
                why = f"its clip's WebVTT track {track} is missing; {REGENERATE}"
                report.problems.append(Problem(item.file, item.text_path, "missing", why))
            elif state == "person's":
                edited += 1
    if edited:
        report.notes.append(
            f"{edited} WebVTT track(s) differ from their clips' word timings: a person's, kept "
            "(delete one to let generate write it again)"
        )


def _keep_accents(
    settings: Settings, heard: dict[str, dict[str, object]], report: Report, lock_wait: float
) -> None:
    """Keep each clip's heard accent in its manifest entry (`StoredClip.accent`), under the
    out dir's lock, on the entries whose bytes are the ones heard."""
    if not heard:
        return
    try:
        with lock.locked([settings.out_dir], wait=lock_wait):
            current = Store(settings.out_dir, settings.staging)
            written = 0
            for path, found in heard.items():
                entry = current.get(path)
                if entry is None or entry.sha256 != found["sha256"] or entry.accent == found:
                    continue
                current.replace(replace(entry, accent=found))
                written += 1
            if written:
                current.flush()
    except LockedError:
        report.notes.append(
            f"another run holds {settings.out_dir}: the accents heard are not kept for the "
            "review page (--wait SECONDS waits)"
        )


UNCHECKED_SHOWN = 10
"""The texts of clips `verify --accent` could not check that its note names."""


def _accents(
    store: Store, clips: list[Clip], damage: Mapping[str, object], report: Report
) -> dict[str, dict[str, object]]:
    """Hear every intact clip with a pitch accent for its accent (its language's accent
    check, `Language.pitch_accent`: `lang/ja/accent_check.py`): a clip said
    with another accent, and a minimal pair its clips cannot teach, are *accent* problems
    with the pattern expected and heard; what could not be checked is noted. Returns what
    was heard of each clip, as its manifest entry keeps it (`StoredClip.accent`)."""
    told, sounds = _accent_clips(store, clips, damage)
    if sounds:
        report.notes.append(
            f"{sounds} Japanese clip(s) of a kana said alone (a chart's sound) not checked "
            "for their accent: a sound alone has none to imitate"
        )
    by_check: dict[str, dict[str, tuple[Clip, AccentClip]]] = {}
    for rel, (clip, stored) in told.items():
        by_check.setdefault(_accent_check(clip.lang), {})[rel] = (clip, stored)
    kept: dict[str, dict[str, object]] = {}
    for check, group in by_check.items():
        found = hook(check).hear_accents([stored for _, stored in group.values()])
        _accent_problems(group, found, report)
        _accent_notes(group, found, report)
        kept |= _heard_accents(group, found)
    return kept


def _accent_clips(
    store: Store, clips: list[Clip], damage: Mapping[str, object]
) -> tuple[dict[str, tuple[Clip, AccentClip]], int]:
    """The intact clips with a pitch accent to hear, by clip path, each with what its
    entry says of it; and how many say a kana alone (not heard: `_a_sound_alone`)."""
    told: dict[str, tuple[Clip, AccentClip]] = {}
    sounds = 0
    for clip in clips:
        entry = store.get(clip.rel_path)
        file = store.clip_file(clip.rel_path)
        check = _accent_check(clip.lang)
        if not clip.recipe.heard or not check or clip.rel_path in damage:
            continue  # a join says no one text: its parts' clips are heard
        if entry is None or file is None:
            continue
        if _a_sound_alone(clip):
            sounds += 1
            continue
        stored = hook(check).AccentClip(
            clip.rel_path,
            clip.spoken,
            file,
            entry.sha256,
            entry.timings,
            entry.pitch,
            entry.reading,
        )
        told[clip.rel_path] = (clip, stored)
    return told, sounds


def _accent_problems(
    told: Mapping[str, tuple[Clip, AccentClip]], found: Accents, report: Report
) -> None:
    """An *accent* problem at each place of a clip said with another accent, and of a
    minimal pair a learner cannot tell apart."""
    for rel in found.wrong:
        clip, _ = told[rel]
        heard = found.heard[rel]
        for item in clip.items:
            # Each place quoted with its own text (あ and ア share a clip).
            why = (
                f"{item.spoken}: said with the accent {heard.heard}, expected "
                f"{heard.expected} (H high, L low, per mora): a learner would imitate the "
                "wrong accent"
            )
            report.problems.append(Problem(item.file, item.text_path, "accent", why, rel))
    for pair in found.pairs:
        why = (
            f"{pair.texts[0]}/{pair.texts[1]} ({pair.expected[0]}/{pair.expected[1]}, heard "
            f"{pair.heard[0] or '?'}/{pair.heard[1] or '?'}): a minimal pair a learner "
            f"cannot tell apart: {pair.reason}"
        )
        for rel in pair.clips:
            for item in told[rel][0].items:
                report.problems.append(Problem(item.file, item.text_path, "accent", why))


def _accent_notes(
    told: Mapping[str, tuple[Clip, AccentClip]], found: Accents, report: Report
) -> None:
    """Notes on the pairs said alike on purpose and on the clips not checked for their
    accent (a kana alone; no mora timings, or too few voiced morae)."""
    for pair in found.alike:
        report.notes.append(pair.reason)
    if found.unchecked:
        texts = list(dict.fromkeys(told[rel][0].spoken for rel in found.unchecked))
        shown = ", ".join(texts[:UNCHECKED_SHOWN])
        more = f" and {len(texts) - UNCHECKED_SHOWN} more" if len(texts) > UNCHECKED_SHOWN else ""
        report.notes.append(
            f"{len(told) - len(found.unchecked)} of {len(told)} Japanese clip(s) "
            f"checked for their accent; {len(found.unchecked)} not (no mora timings, or too "
            f"few voiced morae): {shown}{more}"
        )


def _heard_accents(
    told: Mapping[str, tuple[Clip, AccentClip]], found: Accents
) -> dict[str, dict[str, object]]:
    """What was heard of each checked clip, as its manifest entry keeps it
    (`StoredClip.accent`)."""
    kept: dict[str, dict[str, object]] = {}
    for rel, heard in found.heard.items():
        if heard.verdict == "unchecked":
            continue
        _, stored = told[rel]
        kept[rel] = {
            "sha256": stored.sha256,
            "expected": heard.expected,
            "heard": heard.heard,
            "wrong": heard.verdict == "wrong",
            "pair": None,
        }
    for pair in found.pairs:
        why = f"{pair.texts[0]}/{pair.texts[1]}: a minimal pair a learner cannot tell apart: "
        for rel in pair.clips:
            if rel in kept:
                kept[rel]["pair"] = why + pair.reason
    return kept


def _a_sound_alone(clip: Clip) -> bool:
    """Whether `clip` says a kana alone (a chart's sound, or one mora written in kana):
    no word, so no accent a learner would imitate. A word of one mora in kanji (木, 気)
    has one, and is heard."""
    from ..scripts.kana import is_kana, kana_morae

    def alone(item: Item) -> bool:
        letters = [c for c in item.spoken if c.isalnum()]
        kana = bool(letters) and all(is_kana(c) for c in letters)
        return item.kind == "kana" or (kana and len(kana_morae("".join(letters))) <= 1)

    return bool(clip.items) and all(alone(item) for item in clip.items)


def _listen(
    settings: Settings,
    store: Store,
    clips: list[Clip],
    damage: dict[str, Damage],
    report: Report,
    lock_wait: float,
    *,
    fresh: bool = False,
) -> Heards:
    """Hear the intact planned clips (`fresh`: every one, trusting no kept verdict),
    report the flagged ones, and keep the verdicts."""
    heards = hear_plan(settings, store, clips, skip=damage, fresh=fresh)
    for heard in heards.flagged:
        item = heard.clip.items[0]
        report.problems.append(
            Problem(item.file, item.text_path, "heard", heard.message(), heard.clip.rel_path)
        )
    if heards.listening.new:
        try:
            with lock.locked([settings.out_dir], wait=lock_wait):
                # Read again under the lock: a run may have stored clips meanwhile.
                current = Store(settings.out_dir, settings.staging)
                if record(current, heards.listening):
                    current.flush()
        except LockedError:
            report.notes.append(
                f"another run holds {settings.out_dir}: what was heard is not kept, and "
                "the next verify --listen hears those clips again (--wait SECONDS waits)"
            )
    return heards


def _failed_advice(failure: FailedClip) -> str:
    """What to do about a clip the last `generate` could not make: its reason says what
    (another voice, a fix in the content); running generate again only when that may
    succeed (a timeout, a provider down), never as a loop."""
    again = "; run tts-assets generate to try again" if failure.again else ""
    return f"the last generate could not make its clip: {failure.reason}{again}"


def _url_problem(
    item: Item,
    clip: Clip,
    current: object,
    store: Store,
    damage: dict[str, Damage],
    advice: str = REGENERATE,
) -> tuple[Kind, str, str | None] | None:
    """(kind, message, clip at fault) for a text whose URL place holds `current`; `advice`
    says what makes its clip (`_failed_advice` where the last run failed it)."""
    if not isinstance(current, str) or not current:
        # Two fields may speak the same text (kanji `reading` and `onyomi`): name the URL place.
        url_place = describe_path(item.file, item.url_path)
        return "missing", f"no audio URL yet at {url_place}; {advice}", None
    if current != clip.url:
        url_place = describe_path(item.file, item.url_path)
        return (
            "stale",
            f"{url_place} has {current}, the text now needs {clip.url} (its text, voice or "
            f"audio settings changed since); {advice}",
            None,
        )
    entry = store.get(clip.rel_path)
    if entry is None or entry.key != clip.key:
        path = store.clip_file(clip.rel_path)
        there = " (a file is there, but a file the manifest does not list is not trusted)"
        return (
            "missing",
            f"{clip.rel_path}: the manifest lists no such clip"
            f"{there if path and path.is_file() else ''}; {advice}",
            clip.rel_path,
        )
    found = damage.get(clip.rel_path)
    return (found.kind, found.message, clip.rel_path) if found else None


def _kept_problem(item: Item, url: str, path: Path) -> tuple[Kind, str, str | None] | None:
    """(kind, message, None) when a person's URL under the URL prefix (its file `path`,
    symbolic links followed) leads to no audio: no file there (*dead*), something that is
    not a file or not audio (*corrupt*), or a Git LFS pointer (*unfetched*)."""
    url_place = describe_path(item.file, item.url_path)
    what = special_file(path)
    if what is not None:
        return "corrupt", f"{url_place} keeps {url}, and {path} is {what}, not audio", None
    try:
        head = _head(path)
    except (FileNotFoundError, NotADirectoryError):
        return "dead", dead_advice(url_place, url, path), None
    except OSError as e:
        why = not_regular(e)
        return "dead", f"{url_place} keeps {url}, and {path} cannot be read ({why})", None
    if is_lfs_pointer(head):
        return "unfetched", f"{url_place} keeps {url}, a Git LFS pointer: {LFS_FETCH}", None
    if sniff(head) is None:
        return (
            "corrupt",
            f"{url_place} keeps {url}, and {path} is not audio ({_looks_like(head)}); restore "
            "the file, or let tts-assets make the clip: generate --replace-hand-set-urls",
            None,
        )
    return None


def _head(path: Path) -> bytes:
    """The first KiB of the regular file at `path` (symbolic links followed), read
    without waiting on a pipe; OSError as `open_regular` raises it."""
    fd = open_regular(Path(os.path.realpath(path)), limit=1 << 62)
    with os.fdopen(fd, "rb") as f:
        return f.read(1024)


def _looks_like(head: bytes) -> str:
    """A few words on what a file that is not audio begins like."""
    if not head:
        return "an empty file"
    start = head.lstrip()[:15].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "an HTML page"
    if start.startswith((b"<?xml", b"<")):
        return "markup"
    if start.startswith((b"{", b"[")):
        return "JSON"
    return f"it begins {head[:8]!r}"


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


def _accent_check(lang: str) -> str:
    """The module that hears the pitch accent of clips in `lang` (its profile's
    `pitch_accent`); "": they carry none to hear."""
    known = language(lang)
    return known.pitch_accent if known is not None else ""
