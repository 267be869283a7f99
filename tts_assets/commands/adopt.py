"""`adopt`: take over the clips a predecessor's URLs point at, synthesizing nothing.

A course moving to tts-assets has clips its old tool made, possibly paid audio, at URLs
that are a person's to tts-assets. Each file such a URL names under the URL prefix is
checked as a stored clip is, stored as its text's clip and the URL places get the clip's
URL; what cannot be adopted is listed and left as it is (docs/adopting.md). The original
files are never moved or deleted.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..audio.bounds import likely_speech
from ..audio.integrity import is_lfs_pointer, sniff
from ..content.item import Item, describe_path
from ..errors import LFS_FETCH, AudioInvalid, ExitCode
from ..planning.course import course_of
from ..planning.plan import Clip
from ..planning.prepare import Prepared, outside_folders
from ..settings.config import Settings
from ..store.files import not_regular, read_regular, special_file
from ..store.manifest import Store, StoredClip, sha256
from ..store.urls import ClipUrls
from ..tables import count_of
from ..writeback.record import record
from .operation import data_folder, operation
from .recovered import measured, side_by_side
from .report import FieldsJson, fields_json


@dataclass(frozen=True)
class NotAdopted(FieldsJson):
    """A kept URL that could not be adopted, and why."""

    url: str
    places: tuple[str, ...]
    """Every URL place that holds it (`vocabulary.json › [3] › audioUrl`)."""
    reason: str


@dataclass
class AdoptReport:
    dry_run: bool = False
    adopted: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    """(URL, clip path, places) of each clip taken over (or that would be, in a dry run)."""
    not_adopted: list[NotAdopted] = field(default_factory=list)
    elsewhere: int = 0
    """Texts whose kept URL is not under the URL prefix (a CDN, another site): not ours."""
    written: list[Path] = field(default_factory=list)
    """Content files whose URLs changed."""
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return ExitCode.FAILED if self.not_adopted else ExitCode.OK

    def lines(self) -> list[str]:
        refused = self.not_adopted
        lines = [f"not adopted: {at}: {n.url}: {n.reason}" for n in refused for at in n.places]
        verb = "would adopt" if self.dry_run else "adopted"
        # Counted as listed: a URL kept at several places is one clip, and one line a place.
        places = count_of(sum(len(p) for _, _, p in self.adopted), "place")
        summary = f"{verb} {len(self.adopted)} clip(s) for {places}, nothing synthesized"
        if self.not_adopted:
            lines_above = count_of(sum(len(n.places) for n in self.not_adopted), "place")
            summary += (
                f"; {len(self.not_adopted)} URL(s) could not be adopted, at {lines_above} "
                "(listed above)"
            )
        if self.elsewhere:
            summary += f"; {self.elsewhere} text(s) keep a URL outside the URL prefix"
        if not self.dry_run and self.written:
            summary += f"; {len(self.written)} content file(s) updated"
        lines += self.notes
        lines.append(f"{summary} in {self.seconds:.1f} s")
        return lines

    def as_json(self) -> dict[str, object]:
        adopted = [{"url": u, "clip": c, "places": list(p)} for u, c, p in self.adopted]
        ok = {"ok": self.exit_code == 0, "exit_code": self.exit_code}
        return {**ok, **fields_json(self), "adopted": adopted}


# Unless it only looks, adopt holds the data dir, the folders of content outside it, then
# the out dir, in the order every run takes them.
@operation(
    listens=True,
    locks=lambda s, kw: (
        [] if kw.get("dry_run") else [*data_folder(s), *outside_folders(s), s.out_dir]
    ),
)
def adopt(settings: Settings, *, dry_run: bool = False, lock_wait: float = 0.0) -> AdoptReport:
    """Take over the clips the content's kept URLs point at (module docstring); with
    `settings.listen`, the sentences among them are heard first."""
    started = time.monotonic()
    urls = ClipUrls(settings.url_prefix)
    with course_of(settings) as course:

        def named(found: tuple[AdoptReport, dict[object, _File]], prepared: Prepared) -> None:
            _named_files(prepared, urls, *found)
            course.index.texts.remember(prepared)  # the texts refused anywhere, for write-back

        (report, files), _ = course.gathered(
            lambda: (AdoptReport(dry_run=dry_run), dict[object, _File]()), named
        )
        _adopt(files, course.store, settings, report, store_them=not dry_run)
        if not dry_run:
            # Planned again (the adopted clips are present now), each window's texts
            # given their clips' URLs.
            for prepared in course.windows():
                prepared.elsewhere = course.index.texts
                done = record(prepared)
                report.written += [f.path for f in done.files if f.written]
            # Its manifest moved into a database by the first write.
            report.notes += course.store.moved
    report.seconds = time.monotonic() - started
    return report


@dataclass
class _File:
    """One file the content's kept URLs name, however they spell it."""

    path: Path
    urls: dict[str, list[tuple[Clip, Item]]] = field(default_factory=dict)
    """Each spelling of its URL, with the texts (and their clips) that hold it."""

    @property
    def clips(self) -> dict[str, Clip]:
        return {clip.rel_path: clip for found in self.urls.values() for clip, _ in found}

    def places(self, url: str) -> tuple[str, ...]:
        """The URL places that hold `url` (`vocabulary.json › [3] › audioUrl`): where the URL
        is, which is where a person fixes it, not where its text is."""
        return tuple(describe_path(item.file, item.url_path) for _, item in self.urls[url])


def _adopt(
    files: dict[object, _File],
    store: Store,
    settings: Settings,
    report: AdoptReport,
    *,
    store_them: bool,
) -> None:
    urls = ClipUrls(settings.url_prefix)
    candidates: list[tuple[_File, Clip]] = []
    for named in files.values():
        why = _why_not(named, store, settings, urls)
        if why is not None:
            report.not_adopted += [NotAdopted(url, named.places(url), why) for url in named.urls]
            continue
        (clip,) = named.clips.values()
        candidates.append((named, clip))
    checks = side_by_side(lambda c: _checked(c[0].path, c[1], settings), candidates)
    if settings.listen:
        # Each sentence heard: one heard otherwise than its text is refused, with what was
        # heard; the verdict of one heard as meant is kept in its entry (so `verify
        # --listen` does not hear it again).
        from ..listening.listen import hear_adopted

        found = [
            check if isinstance(check, str) else (*check, clip.kind)
            for (_, clip), check in zip(candidates, checks, strict=True)
        ]
        checks = hear_adopted(found, settings.listen_model, settings.models, settings.device)
    # A text the content repeats under several ids, each with a file of its own, has one
    # clip: the first good file; the other URLs get its URL too.
    chosen: dict[str, tuple[StoredClip, bytes, list[str]]] = {}
    for (named, clip), check in zip(candidates, checks, strict=True):
        if isinstance(check, str):
            report.not_adopted += [NotAdopted(u, named.places(u), check) for u in named.urls]
            continue
        report.adopted += [(url, clip.rel_path, named.places(url)) for url in named.urls]
        chosen.setdefault(clip.rel_path, (*check, []))[2].extend(named.urls)
    if not store_them or not chosen:
        return
    for rel_path, (adopted, data, found_at) in chosen.items():
        origin, *also = found_at
        store.put(rel_path, data, replace(adopted, origin=origin, also_from=tuple(also) or None))
    store.flush()
    store.clean_staging()


def _named_files(
    prepared: Prepared, urls: ClipUrls, report: AdoptReport, files: dict[object, _File]
) -> None:
    """Add to `files` the files the kept URLs of the window `prepared` name."""
    settings, loaded = prepared.settings, prepared.loaded
    for clip in [*prepared.plan.held, *prepared.plan.clips]:
        if clip.speech is None:
            continue  # a drill is joined from the clips of its parts, never adopted
        for item in clip.held:
            url = loaded.value_at_url(item)
            if not isinstance(url, str):
                continue
            path = urls.file(url, settings.out_dir)
            if path is None:
                report.elsewhere += 1
                continue
            # The files the URLs name are compared, never the strings: `%2D`, `/./` and
            # `//` spell one file, and so does a hard link (device and inode where the
            # file is there, else its normalised path).
            try:
                st = path.stat()
                identity: object = (st.st_dev, st.st_ino)
            except OSError:
                identity = str(path)
            named = files.setdefault(identity, _File(path))
            named.urls.setdefault(url, []).append((clip, item))


def _why_not(named: _File, store: Store, settings: Settings, urls: ClipUrls) -> str | None:
    """Why the file `named` cannot be adopted, before it is read; None when it may be."""
    clips = named.clips
    if len(clips) > 1:
        texts = ", ".join(sorted({f'"{c.spoken}"' for c in clips.values()}))
        shown = "one URL" if len(named.urls) == 1 else f"{len(named.urls)} URLs of one file"
        return f"{shown} shared by different texts ({texts}): whose clip would it be?"
    (clip,) = clips.values()
    if store.is_present(clip.rel_path, clip.key):
        return f"the text has its tts-assets clip already ({clip.url})"
    link = urls.link(next(iter(named.urls)), settings.out_dir)
    if link is not None:
        return f"{link} is a symbolic link; adopt a regular file (copy it in place)"
    return None


def _checked(path: Path, clip: Clip, settings: Settings) -> tuple[StoredClip, bytes] | str:
    """The entry `clip` would have as the file at `path`, with its bytes, or why not."""
    what = special_file(path)
    if what is not None:
        return f"{path} is {what}, not audio"
    try:
        data = read_regular(path)
    except FileNotFoundError:
        return f"no file at {path}"
    except OSError as e:
        return f"{path} cannot be read ({not_regular(e)}); adopt a regular audio file"
    if is_lfs_pointer(data):
        return f"{path} is a Git LFS pointer, not the audio: {LFS_FETCH}; then adopt again"
    found = sniff(data)
    if found is None:
        return f"{path} is not audio ({len(data)} bytes)"
    audio = settings.audio
    if found != audio.format:
        return (
            f"{path} is {found}, and this project stores {audio.format} clips; set [audio] "
            f'format = "{found}" to adopt it, or let tts-assets make the clip'
        )
    # It must decode completely in the project's format (as a clip tts-assets stores) and
    # last about as long as a recording of the text would (`likely_speech`): a one-word
    # text pointing at a sentence, or a sentence at a blip, is another text's clip.
    try:
        duration, measures = measured(data, clip, audio)
    except AudioInvalid as e:
        why = str(e).partition("; the provider misbehaved")[0].partition("; synthesize it")[0]
        return f"{path}: {why}"
    shortest, longest = likely_speech(clip.spoken, clip.kind)
    if not shortest <= measures.speech <= longest:
        side = (
            f"shorter than a recording of it plausibly is ({shortest:.2f} s at least)"
            if measures.speech < shortest
            else f"longer than a recording of it plausibly is ({longest:.2f} s at most)"
        )
        return (
            f'{path}: {measures.speech:.2f} s of speech for "{clip.spoken}" is {side}: most likely '
            "the clip of another text; fix the URL, or let tts-assets make the clip "
            "(--replace-hand-set-urls)"
        )
    # What is known, never what is not: no provider, voice, or what it says.
    entry = StoredClip(
        key=clip.key,
        path=clip.rel_path,
        text=clip.spoken,
        provider="",
        voice="",
        duration=round(duration, 3),
        bytes=len(data),
        sha256=sha256(data),
        lang=clip.lang.code,
        measures=measures.as_manifest(),
    )
    return entry, data
