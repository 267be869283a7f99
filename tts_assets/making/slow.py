"""Stretched clips (slow twins): each made from its text's clip at its own tempo, stretched;
never synthesized, so nothing is billed twice.

The source clip's file is decoded, stretched (`audio.tempo`), finished and checked as any
clip is, and stored with the source's word timings scaled to it. The pauses written in its
text keep their length (their places are in the source's record): the speech around them
is stretched. Rubber Band runs in a process group of its own, killed with its children on
a timeout or a stop (`programs.run_command`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import anyio
import anyio.to_thread

from ..audio import AudioSettings
from ..audio.samples import Audio
from ..audio.tempo import keyframes, stretched
from ..audio.timings import Mark, Timings
from ..planning.plan import Clip
from ..planning.recipes import Spoken, Stretched
from ..store.layout import scratch_folder
from ..store.manifest import StoredClip
from .derived import decoded, make_derived
from .finishing import led
from .graph import Made, Making


async def make_stretched(clips: list[Clip], making: Making) -> Made:
    """The maker of stretched clips (`recipes.Stretched`)."""
    return await make_derived(clips, making, slowed, "slow clip")


async def slowed(clip: Clip, making: Making) -> tuple[bytes, StoredClip]:
    """The file of the stretched clip `clip` and its manifest entry; stores nothing.
    LookupError when the source is not in the store."""
    recipe, store, settings = clip.recipe, making.store, making.settings
    assert isinstance(recipe, Stretched)
    entry = store.get(recipe.source)
    path = store.clip_file(recipe.source)
    if entry is None or path is None:
        raise LookupError("its clip at its own tempo is not in the store")
    heard = await anyio.to_thread.run_sync(decoded, path, abandon_on_cancel=True)
    kept = _pauses(recipe.spoken, entry.timings, heard.sample_rate)
    frames = keyframes(len(heard.samples), recipe.tempo, kept)
    marks, words = marks_of(entry.timings, heard.sample_rate, frames, kept)
    with scratch_folder(store.temp_dir, "rubberband") as folder:
        slow = await stretched(heard, recipe.tempo, folder, settings.timeout, kept)
    slow = replace(slow, timings=marks)
    return await anyio.to_thread.run_sync(
        finished_from, clip, slow, entry, words, settings.audio, abandon_on_cancel=True
    )


def finished_from(
    clip: Clip,
    slow: Audio,
    source: StoredClip,
    words: list[dict[str, Any]],
    settings: AudioSettings,
    *,
    stretched: bool = True,
) -> tuple[bytes, StoredClip]:
    """The samples `slow`, made from the stored clip `source` (stretched, or with other
    pauses: `stretched` False), finished and checked as any clip is (blocking), with the
    entry recording them: the source's provider, voice and what it says, its word timings
    moved with the samples."""
    from ..audio.measure import measure_audio
    from ..audio.process import process_heard

    data, finished = process_heard(slow, led(settings, clip), clip.spoken, clip.kind)
    entry = clip.manifest_entry(data, finished.duration, measure_audio(finished).as_manifest())
    timings = timings_of(source.timings, words, finished)
    if timings is not None and not stretched and "source" in (source.timings or {}):
        timings = {**timings, "source": (source.timings or {})["source"]}
    entry = replace(
        entry,
        provider=source.provider,
        voice=source.voice,
        phonemes=source.phonemes,
        reading=source.reading,
        timings=timings,
        tempo=clip.tempo,
    )
    return data, entry


def _pauses(spoken: Spoken, recorded: Mapping[str, Any] | None, rate: int) -> list[tuple[int, int]]:
    """Where the source clip's written pauses are, in samples: the silences its slow clip
    keeps at their length (a drill's timed pause does not grow)."""
    if not spoken.pauses:
        return []
    spans = recorded.get("pauses") if recorded is not None else None
    if not isinstance(spans, list) or not spans:
        raise LookupError(
            "its clip at its own tempo does not record where its pauses are (it was made "
            "before they were recorded), so they would be stretched too: delete that clip "
            "and run again to make both"
        )
    return [(round(a * rate / 1000), round(b * rate / 1000)) for a, b in spans]


def marks_of(
    recorded: Mapping[str, Any] | None,
    rate: int,
    frames: Sequence[tuple[int, int]],
    kept: Sequence[tuple[int, int]],
) -> tuple[Timings | None, list[dict[str, Any]]]:
    """The source clip's words (the manifest's record) and its pauses `kept` as marks in
    samples of the stretched audio (`frames`: where each sample lands), one per word, one
    per mora and one per pause, for finishing to move with the samples; and the words, to
    put the moved marks back into."""
    from ..audio.tempo import moved

    words = recorded.get("words") if recorded is not None else None
    words = words if isinstance(words, list) else []
    marks: list[Mark] = []

    def at(ms: Any) -> int:
        return moved(frames, float(ms) / 1000 * rate)

    for n, word in enumerate(words):
        marks.append(Mark(f"w{n}", at(word["start"]), at(word["end"])))
        for m, mora in enumerate(word.get("morae", ())):
            marks.append(Mark(f"m{n}.{m}", at(mora[0]), at(mora[1])))
    for n, (start, end) in enumerate(kept):
        marks.append(Mark(f"p{n}", moved(frames, start), moved(frames, end)))
    if not marks:
        return None, []
    return Timings("word", tuple(marks), str((recorded or {}).get("source", ""))), words


def timings_of(
    recorded: Mapping[str, Any] | None, words: list[dict[str, Any]], finished: Audio
) -> dict[str, Any] | None:
    """The source clip's record of timings, its times those of the slow clip (`finished`:
    its samples with the marks finishing moved)."""
    if recorded is None:
        return None
    if finished.timings is None:
        return dict(recorded)  # none, and why: the same as the source's
    rate = finished.sample_rate

    def ms(sample: int) -> int:
        return round(sample * 1000 / rate)

    moved = {mark.text: (ms(mark.start), ms(mark.end)) for mark in finished.timings.marks}
    pauses = [list(moved[f"p{n}"]) for n in range(len(recorded.get("pauses") or ()))]
    if not words:
        return {**recorded, "pauses": pauses} if pauses else dict(recorded)
    scaled: list[dict[str, Any]] = []
    for n, word in enumerate(words):
        start, end = moved[f"w{n}"]
        entry = {**word, "start": start, "end": end}
        morae = word.get("morae")
        if morae:
            entry["morae"] = [[*moved[f"m{n}.{m}"], mora[2]] for m, mora in enumerate(morae)]
        scaled.append(entry)
    found = {**recorded, "words": scaled, "source": f"{recorded.get('source', '')}, stretched"}
    return {**found, "pauses": pauses} if pauses else found
