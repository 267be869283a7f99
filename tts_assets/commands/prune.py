"""`prune`: find the clips no content needs any more, and delete them with `--yes`.

A file is needed when the current plan of every configured type makes it (not only the
selected type), or when any string in the content ends with its `TYPE/KEY.EXT` path: a
URL the JSON still holds keeps its file until generate has written the new one back.
With no content file at all prune refuses to run (from the wrong folder everything would
look unneeded), and it only ever considers its own content set's clips in a shared out
dir, refusing where it cannot tell (docs/verify-and-prune.md). It touches only what
tts-assets writes, `TYPE/KEY.EXT` under the out dir, never through a symlink.
It reports four kinds of unneeded things (`features.pruned.Reason`):

    unreferenced   a manifest entry whose file nothing needs
    orphan         a clip file the manifest does not list that nothing needs and that a
                   run noted making (`Store.made_by_runs`); any other is a person's: kept
    no file        a manifest entry nothing needs whose file is already gone
    track          a WebVTT track the tool wrote that the settings no longer ask for; a
                   track a person edited is kept (`features/tracks.py`)

The survey is made under the run lock, as a run's is. With `--yes` the entries leave the
manifest (written atomically) before the files are deleted: a crash in between leaves
orphans for the next prune, never an entry without its file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError
from ..features.pruned import Pruned, Reason, Unused, ours
from ..features.registry import having
from ..planning.course import course_of
from ..planning.prepare import Prepared
from ..planning.referenced import referenced_paths
from ..settings.config import Settings
from ..store.layout import (
    SET_NAME_MARK,
    TRACK_SUFFIX,
    clip_path_in,
    clip_type,
    is_clip_path,
)
from ..store.manifest import UNRECORDED, Store, owners, with_sets
from ..tables import count_of
from ..writeback.record import track_units
from .operation import content, operation
from .report import AlwaysOk, fields_json


@dataclass
class PruneReport(AlwaysOk):
    deleted: bool = False
    unused: list[Unused] = field(default_factory=list)
    kept_orphans: list[str] = field(default_factory=list)
    """Clip files the manifest does not list but the content refers to."""
    persons: list[str] = field(default_factory=list)
    """Files named like clips that neither the manifest lists nor a run of tts-assets noted
    making (a predecessor's clips named by the md5 of their text): a person's, kept."""
    released: list[str] = field(default_factory=list)
    """Clips this content set no longer needs but another set sharing the out dir does:
    kept, and (with --yes) no longer recorded as serving this set."""
    notes: list[str] = field(default_factory=list)
    """Clip folders left alone, and why."""

    @property
    def bytes(self) -> int:
        return sum(u.bytes for u in self.unused)

    def lines(self) -> list[str]:
        lines = [u.line() for u in self.unused]
        kept = "not in the manifest, but the content uses it; kept"
        lines += [f"{p}: {kept}" for p in self.kept_orphans]
        if self.persons:
            lines.append(
                f"{len(self.persons)} file(s) named like clips kept (first: {self.persons[0]}): "
                "tts-assets did not make them, so they are a person's (a predecessor's clips?)"
            )
        if self.released:
            lines.append(
                f"{len(self.released)} clip(s) this content set no longer needs kept: "
                "another content set sharing the out dir uses them"
            )
        lines += self.notes
        files = sum(1 for u in self.unused if u.reason != "no file")
        entries = sum(1 for u in self.unused if u.reason not in ("orphan", "track"))
        what = (
            f"{count_of(files, 'file')} ({self.bytes} bytes) and "
            f"{count_of(entries, 'manifest entry', 'manifest entries')}"
        )
        if not self.unused:
            lines.append("nothing to prune: every clip is needed")
        elif self.deleted:
            lines.append(f"deleted {what}")
        else:
            lines.append(f"{what} no content needs; run again with --yes to delete them")
        return lines

    def as_json(self) -> dict[str, object]:
        unused = [fields_json(u, leave=("why",)) for u in self.unused]
        return {**fields_json(self, "bytes"), "unused": unused}


def survey(settings: Settings, forget: Iterable[str] = ()) -> tuple[PruneReport, Store]:
    """What no content needs, and the store it was read from (writes nothing); `forget`:
    content sets to treat as gone (`--forget-set`), applied to the store in memory."""
    scope = _scope(settings, forget)
    report = PruneReport(notes=scope.store.damage_notes())
    _note_missing_types(scope, report)
    _note_other_sets(scope, report)
    _unneeded_entries(scope, report)
    _orphans(scope, report)
    for feature in having("prune"):
        feature.prune(scope, report)
    return report, scope.store


def _scope(settings: Settings, forget: Iterable[str]) -> Pruned:
    Seen = tuple[set[str], dict[str, tuple[str, ...]], dict[Path, None]]

    def seen(found: Seen, prepared: Prepared) -> None:
        needed, units, read = found
        loaded = prepared.loaded
        needed.update(c.rel_path for c in prepared.plan.clips)
        # Each entry's strings once: a file read whole, in the window that finishes it.
        finished = set(loaded.finished)
        searched = [d for p, d in loaded.documents.items() if d.entries or p in finished]
        needed.update(referenced_paths(searched))
        units.update(track_units(prepared.plan.clips))
        read.update(dict.fromkeys(loaded.documents))

    with course_of(replace(settings, type="all")) as course:
        (needed, units, read), _ = course.gathered(
            lambda: (set[str](), dict[str, tuple[str, ...]](), dict[Path, None]()), seen
        )
    types, store = course.types, course.store
    if not read:
        raise InputError(
            f"{settings.data_dir}: no content file found, so every clip would look unneeded; "
            "run prune where the content is, or pass --data-dir"
        )
    own, fellows = settings.set_id, settings.fellow_sets
    for set_id in forget:
        if not store.forget_set(set_id):
            known = sorted(_set_counts(store))
            raise InputError(
                f"--forget-set {set_id}: no clip in {store.manifest_path} serves that content "
                f"set; the sets recorded there: {', '.join(known) or 'none'}"
            )
    fellow_types = {name for names in fellows.values() for name in names}
    _refuse_strangers(store, own, fellows.keys(), {spec.name for spec in types} | fellow_types)
    # The files adopted clips were copied from, where their name has a clip's shape
    # (`vocabulary/<md5 of the word>.mp3`): a predecessor's, never prune's to delete.
    for entry in store:
        for url in (entry.origin, *(entry.also_from or ())) if entry.origin else ():
            if (path := clip_path_in(url)) is not None:
                needed.add(path)
    # A type none of whose content files was read says nothing about its clips: keep them
    # (a moved file must not cost its audio); delete the folder by hand when it is gone.
    missing = {
        spec.name: spec.file
        for spec in types
        if not any(path in read for path in spec.locations(settings.data_dir))
    }
    clip_files = store.clip_files()
    on_disk = {rel: n for rel, n in clip_files.items() if clip_type(rel) not in missing}
    return Pruned(store, own, fellows, needed, missing, clip_files, on_disk, units, settings.webvtt)


def _note_missing_types(scope: Pruned, report: PruneReport) -> None:
    store = scope.store
    for name, file in scope.missing.items():
        prefix = f"{name}/"
        # Only when some of them are this set's: another set's type of that name (the
        # kana chart's `characters/` beside the Hangul chart's) is that set's to keep.
        if any(p.startswith(prefix) and store.get(p) is None for p in scope.clip_files) or any(
            e.path.startswith(prefix) and scope.ours(e) for e in store
        ):
            report.notes.append(f"{prefix} kept: {file} is not in the data dir")


def _note_other_sets(scope: Pruned, report: PruneReport) -> None:
    # Clips of the config's other sets sharing the out dir are theirs: prune goes over
    # those sets too. Only a set this config does not list is named, with what to do.
    store, own = scope.store, scope.own
    former = _former_id(own)
    of_former = _set_counts(store)[former]
    others = Counter(
        o
        for e in store
        for o in owners(e)
        if o not in scope.fellows and o != former and not ours(e, own)
    )
    if of_former:
        report.notes.append(
            f"left alone: {of_former} clip(s) record the content set {former}, the id of the "
            "set over that folder before several sets shared it (each is now told by its "
            "name); once `tts-assets generate` has run for every set over it, "
            f"`tts-assets prune --forget-set {former}` lets each set prune what it no longer uses"
        )
    if others:
        named = ", ".join(f"{s} ({n} clip(s))" for s, n in sorted(others.items()))
        report.notes.append(
            f"left alone: the clips of content set {named}, which shares this out dir and "
            "is not in this configuration; prune that set with its own configuration"
        )


def _unneeded_entries(scope: Pruned, report: PruneReport) -> None:
    own = scope.own
    for entry in scope.store:
        # Entries with other paths were not written by tts-assets as clips: leave them.
        if entry.path in scope.needed or not is_clip_path(entry.path):
            continue
        if clip_type(entry.path) in scope.missing or not ours(entry, own):
            continue
        if set(owners(entry)) - {own}:
            report.released.append(entry.path)  # another content set still uses it
            continue
        size = scope.on_disk.get(entry.path)
        reason: Reason = "no file" if size is None else "unreferenced"
        report.unused.append(Unused(entry.path, reason, size or 0, entry.text))


def _orphans(scope: Pruned, report: PruneReport) -> None:
    store = scope.store
    shared = sorted((_set_counts(store).keys() | scope.fellows.keys()) - {scope.own})
    strays = 0
    made = store.made_by_runs()
    for rel, size in scope.on_disk.items():
        if store.get(rel) is not None:
            continue
        if rel in scope.needed:
            report.kept_orphans.append(rel)
        elif rel not in made:
            # Named like a clip, but no run of tts-assets noted making it (a predecessor's
            # `vocabulary/<md5 of the word>.mp3`): a person's file, never deleted.
            report.persons.append(rel)
        elif shared:
            strays += 1  # a killed run of another set may have left it: its next run lists it
        else:
            report.unused.append(Unused(rel, "orphan", size, None))
    if strays:
        report.notes.append(
            f"{strays} clip file(s) not in the manifest kept: {store.out_dir} also serves "
            f"{', '.join(shared)}, whose next generate run may use them"
        )


def _former_id(own: str) -> str:
    """The id content set `own` had before another set over its folders came
    (`../../json_data` for `../../json_data#ja`), or "" for a set alone on its folders."""
    folder, mark, _ = own.partition(SET_NAME_MARK)
    return folder if mark else ""


def _refuse_strangers(store: Store, own: str, fellows: Iterable[str], type_names: set[str]) -> None:
    """Refuse (InputError) what prune cannot tell: entries that record no content set,
    clips that all serve sets this configuration does not list (`fellows`), or this set's
    clips of types it does not define."""
    sets = _set_counts(store)
    where = store.manifest_path
    if sets[UNRECORDED]:
        raise InputError(
            f"{where}: {sets[UNRECORDED]} clip(s) were made before tts-assets "
            "recorded which content set each serves, so prune cannot tell whose they are; "
            "nothing was deleted. Run `tts-assets generate` for every content set that shares "
            "this out dir (each records the clips it uses), then `tts-assets prune "
            f"--forget-set {UNRECORDED}` to treat the rest as unused"
        )
    if sets and not sets[own] and not set(fellows) & sets.keys():
        named = ", ".join(f"{s} ({n} clip(s))" for s, n in sorted(sets.items()))
        former = _former_id(own)
        if sets[former]:
            raise InputError(
                f"{where}: its clips serve content set {named}, recorded before several sets "
                f"shared the folder {former} (each is now told by its name: {own}); nothing "
                "was deleted. Run `tts-assets generate` for every set (each records the clips "
                f"it uses), then `tts-assets prune --forget-set {former}`"
            )
        raise InputError(
            f"{where}: its clips serve content set {named}, none of them this one ({own}); "
            "nothing was deleted. Run prune with the configuration of that content "
            "(--config FILE or --data-dir DIR); if it is gone for good, add --forget-set ID"
        )
    files = store.clip_files()
    mine = {e.path for e in store if ours(e, own)}
    in_use = {clip_type(p) for p in files if p in mine or store.get(p) is None}
    if strange := sorted(in_use - type_names):
        folders = ", ".join(f"{t}/" for t in strange)
        raise InputError(
            f"{where}: the out dir holds clips of type(s) {folders}, which this "
            "configuration does not define; nothing was deleted. Run prune with the "
            "configuration that defines them (--config FILE, or from the folder of its "
            "tts-assets.toml); if a type is gone for good, delete its folder by hand and "
            "prune again"
        )


def _set_counts(store: Store) -> Counter[str]:
    return Counter(o for e in store for o in owners(e))


# Prune holds the content's folders once there is an out dir.
@operation(locks=lambda settings, _: content(settings) if settings.out_dir.is_dir() else [])
def prune(
    settings: Settings,
    *,
    delete: bool = False,
    lock_wait: float = 0.0,
    forget: Iterable[str] = (),
) -> PruneReport:
    """List the clips no content needs; with `delete`, drop them from the manifest and disk.
    `forget`: content sets gone for good (their ids, or `UNRECORDED`)."""
    # Surveyed under the lock, listing too: a run under way (another set's, sharing the
    # out dir) has clips on disk its manifest does not list yet.
    report, store = survey(settings, forget)
    if not delete or not settings.out_dir.is_dir():
        return report
    for unused in report.unused:
        if unused.reason not in ("orphan", "track"):
            store.drop(unused.path, delete=False)
    own = settings.set_id
    for rel in report.released:
        clip = store.get(rel)
        if clip is not None:
            store.replace(with_sets(clip, frozenset(owners(clip)) - {own}))
    store.flush()
    report.notes += store.moved
    store.clean_staging()
    for unused in report.unused:
        track = unused.reason == "track"
        path = store.file(unused.path) if track else store.clip_file(unused.path)
        if path is not None and unused.reason != "no file":
            path.unlink(missing_ok=True)
        if path is not None and not track:  # its WebVTT track goes with it (`webvtt`)
            path.with_suffix(TRACK_SUFFIX).unlink(missing_ok=True)
    store.clean_staging()  # killed runs' journals of the orphans just deleted
    report.deleted = True
    return report
