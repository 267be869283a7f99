"""Rows from what a run leaves today: the plan says which clip serves which texts, the
manifest what each clip is, the files what they measure.

This is the thin bridge between the run and the page, and the only module here that
knows how a run sees the content (`prepare`); it reads, never writes.
Clips are measured from their files, on a thread pool as wide as the machine: the
largest cost of a page (BENCHMARKS.md), which a manifest that records `ClipMeasures`
at store time would save (see `_measure`).
"""

from __future__ import annotations

import hashlib
import os
import urllib.parse
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from ..config import Settings
from ..content.item import JsonPath, describe_path
from ..errors import AudioInvalid
from ..prepare import prepare
from ..store import Store
from .flags import assess
from .measure import ClipMeasures, measure_clip
from .row import Row

REGENERATE = "run tts-assets generate"
REFUSED_TEXT_CHARS = 300
"""How much of a text refused a clip the page shows."""


def build_rows(settings: Settings, *, page_dir: Path, workers: int | None = None) -> list[Row]:
    """One assessed row per clip the selected content needs, and per text refused a clip.

    Rows come grouped by type, then file, entry and field; URLs are relative to
    `page_dir`, where the page will be written. Raises TtsAssetsError subclasses for bad
    input, as `verify` does; loads no model and writes nothing.
    """
    prepared = prepare(settings)
    loaded, selected, store, plan = prepared.loaded, prepared.types, prepared.store, prepared.plan
    present = [c.rel_path for c in plan.clips if store.is_present(c.rel_path, c.key)]
    measured = _measure_all(store, present, workers)

    field_rank: dict[tuple[str, str], int] = {}
    for item in loaded.items:
        field_rank.setdefault((item.type_name, item.field), len(field_rank))
    types = list(dict.fromkeys(item.type_name for item in loaded.items))

    def rank(type_name: str, file: Path, field: str, path: JsonPath) -> tuple[object, ...]:
        """Type, file, entry, then field: the loader walks field by field, a reviewer entry
        by entry (a kanji's readings and its examples together)."""
        return (
            types.index(type_name) if type_name in types else len(types),
            str(file),
            _sortable(entry_path(path)),
            field_rank.get((type_name, field), len(field_rank)),
            _sortable(path),
        )

    ordered: list[tuple[tuple[object, ...], Row]] = []
    for clip in plan.clips:
        first = clip.items[0]
        entry = store.get(clip.rel_path)
        row = Row(
            type=clip.type_name,
            entry=describe_path(first.file, entry_path(first.text_path)),
            # Two fields may speak one text (kanji `reading` is `onyomi[0]`): one place.
            places=tuple(dict.fromkeys(item.where for item in clip.items)),
            text=first.text,
            lang=clip.lang,
            key=clip.key,
            clip=clip.rel_path,
            url=clip_url(settings.out_dir / clip.rel_path, page_dir),
            spoken=entry.text if entry else clip.spoken,
            provider=clip.voice.provider,
            voice=clip.voice.voice,
            pieces=len(clip.pieces),
        )
        found = measured.get(clip.rel_path)
        if isinstance(found, ClipMeasures):
            row = replace(row, measures=found)
        elif found is None:
            reason = f"no clip yet (not made, or its synthesis failed); {REGENERATE}"
            row = replace(row, status="missing", reason=reason)
        else:
            reason = f"{clip.rel_path}: {found}; run tts-assets verify --fix"
            row = replace(row, status="missing", reason=reason)
        ordered.append((rank(first.type_name, first.file, first.field, first.text_path), row))

    langs = {(t.name, f.name): f.lang for t in selected for f in t.fields}
    for skip in loaded.skipped:
        if skip.placeholder:
            continue  # an empty text is not something to review
        text = str(loaded.documents[skip.file].value_at(skip.text_path) or "")
        row = Row(
            type=skip.type_name,
            entry=describe_path(skip.file, entry_path(skip.text_path)),
            places=(skip.where,),
            # A text refused for its length would weigh more than the rest of the page.
            text=text if len(text) <= REFUSED_TEXT_CHARS else text[:REFUSED_TEXT_CHARS] + "…",
            lang=langs.get((skip.type_name, skip.field), ""),
            status="refused",
            reason=skip.reason,
        )
        ordered.append((rank(skip.type_name, skip.file, skip.field, skip.text_path), row))

    ordered.sort(key=lambda pair: pair[0])
    return assess((row for _, row in ordered), target_lufs=settings.audio.target_lufs)


def page_id(out_dir: Path) -> str:
    """The id a page over `out_dir` keeps its review state under: one per out dir."""
    return hashlib.sha256(str(out_dir.resolve()).encode("utf-8")).hexdigest()[:16]


def entry_path(text_path: JsonPath) -> JsonPath:
    """The path of the entry a text belongs to: up to the entry's index in its list."""
    for index, step in enumerate(text_path):
        if isinstance(step, int):
            return text_path[: index + 1]
    return text_path


def clip_url(file: Path, page_dir: Path) -> str:
    """The URL of a clip file relative to a page in `page_dir`, percent-encoded."""
    relative = os.path.relpath(file.absolute(), page_dir.absolute())
    return urllib.parse.quote(Path(relative).as_posix())


def _measure_all(
    store: Store, paths: Sequence[str], workers: int | None
) -> dict[str, ClipMeasures | str]:
    """The measures of each clip file, or why it could not be measured."""
    if not paths:
        return {}
    workers = workers or min(len(paths), os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="review") as pool:
        return dict(zip(paths, pool.map(lambda rel: _measure(store, rel), paths), strict=True))


def _measure(store: Store, rel: str) -> ClipMeasures | str:
    """A present clip's measures, decoded from its file; or why they cannot be had.

    No manifest records measures yet. When the store records `ClipMeasures.as_manifest()`
    in each entry (the run decodes every clip to validate it, so the samples are at
    hand), this reads them with `ClipMeasures.from_manifest` and decodes only entries
    written before.
    """
    try:
        return measure_clip(store.file(rel).read_bytes())
    except OSError as e:
        return f"cannot read the file ({e.strerror})"
    except AudioInvalid as e:
        return str(e).partition(";")[0]


def _sortable(path: JsonPath) -> tuple[tuple[int, int | str], ...]:
    """A JSON path as a sort key: indexes in number order, keys in name order."""
    return tuple((0, step) if isinstance(step, int) else (1, step) for step in path)
