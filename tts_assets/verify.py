"""`verify`: prove the stored clips intact and the content's URLs current, writing nothing.

This is the CI gate. Two sides are checked, for the selected types:

- every manifest entry: its file exists and has the recorded size and sha256. A clip was
  decoded and checked (`audio.process.check`) when it was stored, and the sha256 proves
  these are the bytes that passed, so a matching file is not decoded again; one that
  does not match is decoded to tell what happened. `deep` (`verify --deep`) decodes and
  checks every file, as after a change of the checks themselves;
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

A clip is *unused* (`tts-assets prune` would delete it) when no text of the current plan
needs it and no string in the content still names it: verify and prune agree.

Planning needs the providers' identities (model checksums, voice data), never a loaded
model, so verify costs file reads and decoding only. Files are checked on a thread pool as
wide as the machine's cores; soundfile reads from memory through Python callbacks, which
hold the GIL and cap what more threads gain (BENCHMARKS.md, verify).

`fix` repairs what verify finds with the normal machinery: it drops the broken manifest
entries (and their damaged files), runs generate, which makes the missing clips and
writes the URLs back, and verifies again.
"""

from __future__ import annotations

import errno
import os
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from . import lock
from .audio import FORMATS, AudioSettings
from .clip_urls import ClipUrls
from .config import Settings, checked
from .content.item import Item, JsonPath, describe_path
from .errors import AudioInvalid
from .hooks import Reporter, Stop
from .plan import Clip
from .prepare import prepare
from .prune import only_for, referenced_paths
from .results import Summary
from .run import generate
from .store import Store, StoredClip, clip_type, content_set_id, is_clip_path, sha256

Kind = Literal["missing", "stale", "corrupt", "refused", "gone"]
KINDS: tuple[Kind, ...] = ("missing", "stale", "corrupt", "refused", "gone")
REGENERATE = "run tts-assets generate (or verify --fix)"


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


@dataclass(frozen=True)
class Damage:
    """What is wrong with one manifest entry's file."""

    kind: Kind
    message: str


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
    kinds: dict[str, str] = field(default_factory=dict, repr=False)
    """How the plan speaks each clip path that is not plain text (kana), for re-checks."""

    @property
    def counts(self) -> dict[Kind, int]:
        found = Counter(p.kind for p in self.problems)
        return {kind: found[kind] for kind in KINDS}

    @property
    def ok(self) -> bool:
        return not self.problems and self.nothing is None

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def lines(self) -> list[str]:
        """One line per problem, then the totals."""
        lines = [f"note: {note}" for note in self.notes]
        lines += [p.line() for p in self.problems]
        if self.nothing is not None:
            lines.append(self.nothing)
            return lines
        checked = f"{self.urls} URLs and {self.files} clip files checked in {self.seconds:.1f} s"
        if self.ok:
            lines.append(f"ok: {checked}")
        else:
            found = ", ".join(f"{n} {kind}" for kind, n in self.counts.items() if n)
            lines.append(f"{len(self.problems)} problem(s): {found}; {checked}")
        if self.unused:
            lines.append(
                f"{len(self.unused)} stored clip(s) no text uses any more; "
                "tts-assets prune lists them"
            )
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
            "notes": self.notes,
            "nothing_checked": self.nothing,
            "seconds": round(self.seconds, 3),
        }


# --- files -------------------------------------------------------------------------


def check_file(
    store: Store,
    entry: StoredClip,
    audio: AudioSettings,
    kind: str = "text",
    *,
    deep: bool = True,
    linked: frozenset[str] | None = None,
) -> Damage | None:
    """What is wrong with the file of a manifest entry (spoken as `kind`), or None when it
    is intact. Without `deep`, a file of the recorded size and sha256 is intact without
    being decoded (it passed the checks when it was stored)."""
    from .audio.process import check

    data = _read_clip(store, entry.path, linked)
    if data is None:
        return Damage(
            "corrupt",
            "not a clip path tts-assets writes (TYPE/KEY.EXT, no symlinks); "
            "verify --fix removes the entry",
        )
    if isinstance(data, OSError):
        if data.errno == errno.ENOENT:
            return Damage("missing", f"{entry.path}: the file is missing; {REGENERATE}")
        return Damage("corrupt", f"{entry.path}: cannot read the file ({data.strerror})")
    path = store.out_dir / entry.path
    findings = []
    if len(data) != entry.bytes:
        findings.append(f"{len(data)} bytes where the manifest records {entry.bytes}")
    elif sha256(data) != entry.sha256:
        findings.append("its sha256 differs from the manifest's (changed after it was made)")
    elif not deep:
        return None
    # Decode even after a mismatch: whether the file still plays tells what happened.
    fmt = path.suffix.removeprefix(".")
    try:
        check(data, replace(audio, format=fmt) if fmt in FORMATS else audio, entry.text, kind)
    except AudioInvalid as e:
        findings.append(str(e).partition("; synthesize it again")[0])
    if not findings:
        return None
    # generate trusts a file of the recorded size: only --fix replaces every corrupt one.
    return Damage("corrupt", f"{entry.path}: {'; '.join(findings)}; run tts-assets verify --fix")


def _read_clip(
    store: Store, rel_path: str, linked: frozenset[str] | None
) -> bytes | OSError | None:
    """The bytes of clip `rel_path` (as `store.clip_file` allows: TYPE/KEY.EXT, no symlink
    on the way), None when tts-assets could not have written it, or the OSError of
    reading it. `linked`: the type folders known to be symbolic links (None: look).
    Plain os calls on str paths: verify reads every clip."""
    if not is_clip_path(rel_path):
        return None
    root = os.fspath(store.out_dir)
    folder = rel_path.partition("/")[0]
    if folder in (linked if linked is not None else _linked(root, [folder])):
        return None
    try:
        fd = os.open(os.path.join(root, rel_path), os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as e:
        return None if e.errno == errno.ELOOP else e
    try:
        with os.fdopen(fd, "rb") as f:
            return f.read()
    except OSError as e:
        return e


def _linked(root: str, folders: Iterable[str]) -> frozenset[str]:
    """Those of `folders` (under `root`) that are symbolic links."""
    return frozenset(f for f in set(folders) if os.path.islink(os.path.join(root, f)))


def check_files(
    store: Store,
    entries: Sequence[StoredClip],
    audio: AudioSettings,
    workers: int | None = None,
    kinds: Mapping[str, str] | None = None,
    *,
    deep: bool = True,
) -> dict[str, Damage]:
    """The damaged files among `entries`, by path, checked on `workers` threads; `kinds`
    says how the plan speaks each path (a kana chart's sound: one mora), else "text";
    `deep` as in `check_file`."""
    if not entries:
        return {}
    workers = workers or min(len(entries), os.cpu_count() or 1)
    kind = (kinds or {}).get

    linked = _linked(os.fspath(store.out_dir), (e.path.partition("/")[0] for e in entries))

    def check_chunk(chunk: Sequence[StoredClip]) -> list[Damage | None]:
        return [
            check_file(store, e, audio, kind(e.path, "text"), deep=deep, linked=linked)
            for e in chunk
        ]

    # A few chunks per thread, not a task per file: reading and hashing a small file
    # costs less than handing it to a thread.
    size = max(1, len(entries) // (workers * 8))
    chunks = [entries[n : n + size] for n in range(0, len(entries), size)]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="verify") as pool:
        results = [d for found in pool.map(check_chunk, chunks) for d in found]
    return {e.path: d for e, d in zip(entries, results, strict=True) if d is not None}


# --- the whole check ---------------------------------------------------------------


def verify(settings: Settings, *, workers: int | None = None, deep: bool = False) -> Report:
    """Check the selected types' clips and URLs; writes nothing, loads no model. `deep`
    decodes every clip file, not only those whose bytes differ from the manifest's.

    Raises TtsAssetsError subclasses for bad input (content, config, manifest).
    """
    started = time.monotonic()
    prepared = prepare(checked(settings))
    loaded, store, plan = prepared.loaded, prepared.store, prepared.plan

    # Clips live in a folder named after their type: --type narrows the manifest too.
    every = [n.strip() for n in settings.type.split(",")] == ["all"]
    scope = {t.name for t in prepared.types}
    entries = [e for e in store if every or clip_type(e.path) in scope]
    kinds = {c.rel_path: c.kind for c in plan.clips if c.kind != "text"}
    damage = check_files(store, entries, settings.audio, workers, kinds, deep=deep)

    report = Report(files=len(entries), broken=list(damage), kinds=kinds, notes=loaded.notes)
    if not loaded.documents:
        report.nothing = (
            f"nothing checked: no content file of the selected types is in {settings.data_dir}; "
            "point --data-dir (or --config) at the content, or add its files"
        )
    clip_of: dict[int, Clip] = {id(item): clip for clip in plan.clips for item in clip.items}
    refused = {id(r.item): r.verdict.reason for r in prepared.refused}
    ours = ClipUrls(settings.url_prefix)

    def hand_set(url: str) -> bool:
        return not settings.replace_hand_set_urls and not ours.made(url)

    for item in loaded.items:
        report.urls += 1
        current = loaded.value_at_url(item)
        if isinstance(current, str) and current and hand_set(current):
            continue  # a person's choice: write-back keeps it, so verify does too
        if id(item) in refused:
            why = f"{refused[id(item)]}; it has no clip by design: fix the text or its field's lang"
            report.problems.append(Problem(item.file, item.text_path, "refused", why))
            continue
        wrong = _url_problem(item, clip_of[id(item)], current, store, damage)
        if wrong is not None:
            report.problems.append(Problem(item.file, item.text_path, *wrong))

    for left in loaded.leftovers:
        if not hand_set(left.url):
            why = f"{left.url} is the clip of a text that is gone; {REGENERATE} clears it"
            report.problems.append(Problem(left.file, left.url_path, "gone", why))
    named = {p.clip for p in report.problems}
    for rel, found in damage.items():
        if rel not in named:
            report.problems.append(
                Problem(store.manifest_path, (rel,), found.kind, found.message, rel)
            )
    used = {c.rel_path for c in plan.clips} | referenced_paths(loaded.documents.values())
    own = content_set_id(settings.data_dir, settings.out_dir)
    report.unused = [e.path for e in entries if e.path not in used and only_for(e, own)]
    report.seconds = time.monotonic() - started
    return report


def _url_problem(
    item: Item, clip: Clip, current: object, store: Store, damage: dict[str, Damage]
) -> tuple[Kind, str, str | None] | None:
    """(kind, message, clip at fault) for a text whose URL place holds `current`."""
    # Two fields may speak the same text (kanji `reading` and `onyomi`): name the URL place.
    url_place = describe_path(item.file, item.url_path)
    if not isinstance(current, str) or not current:
        return "missing", f"no audio URL yet at {url_place}; {REGENERATE}", None
    if current != clip.url:
        return (
            "stale",
            f"{url_place} has {current}, the text now needs {clip.url} (its text, voice or "
            f"audio settings changed since); {REGENERATE}",
            None,
        )
    entry = store.get(clip.rel_path)
    if entry is None or entry.key != clip.key:
        path = store.clip_file(clip.rel_path)
        there = " (a file is there, but a file the manifest does not list is not trusted)"
        return (
            "missing",
            f"{clip.rel_path}: the manifest lists no such clip"
            f"{there if path and path.is_file() else ''}; {REGENERATE}",
            clip.rel_path,
        )
    found = damage.get(clip.rel_path)
    return (found.kind, found.message, clip.rel_path) if found else None


# --- repairing ---------------------------------------------------------------------


@dataclass
class Fix:
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
) -> tuple[Report, Fix]:
    """Verify, repair what is broken (drop, generate, write back), and verify again."""
    before = verify(settings, deep=deep)
    if before.ok:
        return before, Fix()
    done = Fix(
        dropped=drop_broken(settings, before.broken, lock_wait=lock_wait, kinds=before.kinds)
    )
    done.summary = generate(settings, reporter=reporter, stop=stop, lock_wait=lock_wait)
    return verify(settings, deep=deep), done
