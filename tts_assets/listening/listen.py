"""The listening pass: the verdict of every clip asked about, heard only when no verdict
on its bytes is kept.

    subjects ──kept verdict?──▶ its verdict
             ──not judged?───▶ not checked, and why
             ──otherwise─────▶ read its file ─▶ decode, 16 kHz ─▶ Whisper ─▶ compare ─▶ verdict

The model loads only when some clip must be heard, so a pass over clips already judged
costs reading the manifest. Clips are heard on a thread pool as wide as the physical
cores, one CTranslate2 thread each (two single-threaded calls side by side beat one call
on two threads: `benchmarks/listening.py`); clips with the same bytes and text (one text
in two types) are heard once. `record` writes the new verdicts into the manifest entries
whose bytes are still the ones heard.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, cast

from ..errors import AudioInvalid
from ..languages import Lang
from ..pauses import has_pause
from ..providers.base import physical_cores
from ..store.manifest import Store, StoredClip, sha256
from .compare import error_rate, meant_forms, said_form
from .ear import SAMPLE_RATE, Ear
from .judged import Subject, not_judged
from .model import MODEL_NAME, Whisper, find_whisper, load_model
from .verdict import Listened, decide, identity, not_checked, stored, thresholds


@dataclass
class Listening:
    """What one listening pass found."""

    results: dict[str, Listened] = field(default_factory=dict)
    """The verdict of each clip asked about, by clip path."""
    heard: int = 0
    """Clips transcribed by this pass (the others' verdicts were kept, or not judged)."""
    kept: int = 0
    """Verdicts read from the manifest: their clips were heard before, bytes unchanged."""
    seconds: float = 0.0
    """Wall time of the pass, the model's loading included."""
    new: dict[str, Listened] = field(default_factory=dict, repr=False)
    """The verdicts reached now, for `record`."""
    ear: Ear | None = field(default=None, repr=False, compare=False)
    """The ear that heard them, loaded here or given (a caller that hears again keeps it)."""

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(r.verdict for r in self.results.values())
        return {v: found[v] for v in ("ok", "flagged", "not checked")}

    def not_checked_reasons(self) -> dict[str, int]:
        """How many clips were not checked for each reason, most first."""
        found = Counter(r.why for r in self.results.values() if r.verdict == "not checked")
        return dict(found.most_common())

    def line(self) -> str:
        """One line for people: the counts and what was heard now."""
        counts = self.counts
        return (
            f"listening: {counts['ok']} ok, {counts['flagged']} flagged, "
            f"{counts['not checked']} not checked; {self.heard} heard now, "
            f"{self.kept} verdicts kept from earlier runs ({self.seconds:.1f} s)"
        )

    def as_json(self) -> dict[str, object]:
        return {
            "counts": self.counts,
            "heard_now": self.heard,
            "kept": self.kept,
            "not_checked": self.not_checked_reasons(),
            "seconds": round(self.seconds, 3),
        }


def listen(
    store: Store,
    subjects: Sequence[Subject],
    *,
    workers: int | None = None,
    ear: Ear | None = None,
    device: str = "auto",
    fresh: bool = False,
    model: str | Path = MODEL_NAME,
    models: Mapping[str, Any] | None = None,
) -> Listening:
    """The verdict of each of `subjects` (clips of `store`), hearing only those with no
    verdict kept on their bytes. `ear`: an ear already loaded (default: load one when some
    clip must be heard); `device`: where Whisper runs ("auto", "cpu", "cuda"); `fresh`:
    hear every clip, trusting no kept verdict (`verify --deep --listen`: a kept verdict
    names the bytes it was reached on, and a manifest edited by hand can name others);
    `model`: the Whisper model (`listen_model`: a name or a folder; InputError when it is
    not installed), unless `ear` is given; `models`: the config's own (`[models.NAME]`)."""
    started = time.monotonic()
    whisper = None if ear is not None else find_whisper(model, models)
    by = identity(ear.identity if ear is not None else cast(Whisper, whisper).identity)
    done = Listening()
    to_hear: dict[tuple[str, Lang, str, str | None], list[Subject]] = {}
    for subject in subjects:
        entry = store.get(subject.path)
        kept = stored(entry, by) if entry is not None and not fresh else None
        if kept is not None:
            done.results[subject.path] = kept
            done.kept += 1
            continue
        if (why := not_judged(subject)) is not None:
            done.results[subject.path] = not_checked(why)
            continue
        same = (subject.sha256, subject.lang, subject.text, subject.reading)
        to_hear.setdefault(same, []).append(subject)
    if to_hear:
        width = max(1, min(workers or physical_cores(), len(to_hear)))
        if ear is None:
            assert whisper is not None
            ear = Ear(load_model(width, device, whisper), whisper.identity)
        read, firsts = partial(hear_file, ear, store), [group[0] for group in to_hear.values()]
        with ThreadPoolExecutor(width, "listen") if width > 1 else nullcontext() as pool:
            heard = list((pool.map if pool else map)(read, firsts))
        for group, verdict in zip(to_hear.values(), heard, strict=True):
            for subject in group:
                done.results[subject.path] = verdict
                if verdict.verdict != "not checked":
                    done.new[subject.path] = verdict
        done.heard = len(to_hear)
    done.seconds, done.ear = time.monotonic() - started, ear
    return done


def hear_file(ear: Ear, store: Store, subject: Subject) -> Listened:
    """The verdict on `subject` from its file (not checked when the file is not the one
    the manifest records, or does not decode: verify reports those)."""
    data = store.read(subject.path)
    if isinstance(data, str):
        return not_checked(f"its file cannot be read ({data})")
    if sha256(data) != subject.sha256:
        return not_checked("its file is not the one the manifest records")
    try:
        return hear_clip(ear, data, subject)
    except AudioInvalid as e:
        return not_checked(f"its file does not decode ({e})")


def hear_clip(ear: Ear, data: bytes, subject: Subject) -> Listened:
    """The verdict on the clip `data` of `subject` (blocking: decode, hear, compare)."""
    from ..audio.codec import decode
    from ..audio.resample import resample

    audio = decode(data)  # mono float32
    samples = resample(audio.samples, audio.sample_rate, SAMPLE_RATE)
    paused = has_pause(subject.text)
    if paused:
        # A cloze's gaps, written pauses: the speech around them is what is heard.
        samples = without_gaps(samples, SAMPLE_RATE)
    meant = subject.reading or subject.text
    said = said_form(meant, subject.lang)
    ceiling, _ = thresholds(subject.lang)

    def over(heard: str) -> float:
        return error_rate(said, said_form(heard, subject.lang)) - ceiling

    forms = meant_forms(subject.text, subject.lang, meant)
    hearing = ear.hear(samples, subject.lang, forms, again=over)
    rate = error_rate(said, said_form(hearing.text, subject.lang))
    by = identity(ear.identity)
    return decide(hearing, subject.lang, rate, subject.sha256, by, fits=not paused)


GAP_S = 0.6
"""A silence inside a clip longer than this is one the tool put there (a pause written in
its text, a cloze's gap): heard as `KEPT_S` of it."""
KEPT_S = 0.3


def hear_adopted(
    found: Sequence[tuple[StoredClip, bytes, str] | str],
    model: str | Path = MODEL_NAME,
    models: Mapping[str, Any] | None = None,
    device: str = "auto",
) -> list[tuple[StoredClip, bytes] | str]:
    """Each clip about to be adopted, (its entry, its bytes, how its text is said), heard:
    one heard otherwise than its text is refused with what was heard (a string), the
    verdict of one heard as meant is kept in its entry (so `verify --listen` does not hear
    it again); one the check cannot judge, and a string (refused before), pass as they are.
    Whisper (`model`) loads on the first clip to hear."""
    ear: Ear | None = None
    out: list[tuple[StoredClip, bytes] | str] = []
    for each in found:
        if isinstance(each, str):
            out.append(each)
            continue
        entry, data, kind = each
        subject = Subject.of(entry, kind)
        if not_judged(subject) is not None:
            out.append((entry, data))
            continue
        if ear is None:
            whisper = find_whisper(model, models)
            ear = Ear(load_model(1, device, whisper), whisper.identity)
        verdict = hear_clip(ear, data, subject)
        if verdict.flagged:
            out.append(f'heard as "{verdict.heard}", not "{entry.text}" ({verdict.why})')
        else:
            out.append((replace(entry, listened=verdict.as_manifest()), data))
    return out


def without_gaps(samples: Any, rate: int) -> Any:
    """`samples` with each silence inside them longer than `GAP_S` cut to `KEPT_S` (40 dB
    under the loudest 10 ms): the speech around the pauses, as one utterance."""
    import numpy as np

    hop = rate // 100
    frames = len(samples) // hop
    if not frames:
        return samples
    rms = np.sqrt((samples[: frames * hop].reshape(frames, hop) ** 2).mean(axis=1))
    quiet = rms < rms.max() * 10 ** (-40 / 20)
    keep = np.ones(len(samples), dtype=bool)
    longest, kept = round(GAP_S * 100), round(KEPT_S * 100)
    start = None
    for index, silent in enumerate([*quiet.tolist(), False]):
        if silent and start is None:
            start = index
        elif not silent and start is not None:
            if start > 0 and index < frames and index - start > longest:
                keep[(start + kept) * hop : index * hop] = False
            start = None
    return samples[keep]


def record(store: Store, listening: Listening) -> int:
    """Write `listening`'s new verdicts into `store`'s entries whose bytes are the ones
    heard (an entry made again meanwhile keeps its own); the number written."""
    written = 0
    for path, verdict in listening.new.items():
        entry = store.get(path)
        if entry is None or entry.sha256 != verdict.sha256:
            continue
        store.replace(replace(entry, listened=verdict.as_manifest()))
        written += 1
    return written
