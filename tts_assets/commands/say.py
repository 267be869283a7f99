"""`tts-assets say TEXT`: hear one text as a run would say it, before it goes into a course.

The text is the only entry of a one-field type in a scratch folder, where `generate` runs
with the course's settings, so the clip is the very clip a run would store for that text.
The course's content is never written. A clip the course's store holds is taken from it; a
clip a paid provider made is kept in the course's store (`say/KEY.EXT`), even when the
command is stopped, so no later say or run pays for it again. Exit codes are a run's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..content.item import excerpt
from ..content.rotation import EACH, ID_KEY, ROTATE
from ..errors import ExitCode, InputError, Interrupted, LockedError
from ..making.hooks import Reporter, Stop
from ..readings.form import NOTED
from ..settings.config import Settings
from ..store import lock
from ..store.files import write_atomic
from ..store.layout import PAID_ANSWER, PAID_NAME, ignore_staging
from ..store.manifest import Store, StoredClip
from ..store.urls import ClipUrls
from .generate import generate
from .output import machine_faults, output_file
from .recovered import held_elsewhere, paid
from .report import fields_json

TYPE = "say"
ROTATING = f"voices in rotation: {TYPE}."
"""How the scratch run's note on its voices in rotation starts (`summary.rotation_shares`)."""
PLAYERS: tuple[tuple[str, ...], ...] = (
    ("ffplay", "-nodisp", "-autoexit", "-loglevel", "quiet"),
    ("mpv", "--no-video", "--really-quiet"),
    ("afplay",),
    ("play", "-q"),
    ("paplay",),
)
"""Programs that play a clip file, in the order tried (`paplay` plays WAV and Ogg only)."""
LOCK_WAIT_S = 60.0
"""How long a paid clip waits for another run to let go of the course's out dir."""
KEPT = "the next say of the text, and a run that adds it to the course, take it from there"


@dataclass
class SaidText:
    """One text said as a run says it: what was decided, and where its clip is."""

    text: str
    lang: str
    provider: str = ""
    voice: str = ""
    key: str = ""
    said: str | None = None
    """What the engine was given (`StoredClip.spoken`)."""
    reading: str | None = None
    phonemes: str | None = None
    verdict: str | None = None
    note: str | None = None
    duration: float = 0.0
    slow: float | None = None
    file: Path | None = None
    played_with: str | None = None
    from_course: bool = False
    """The clip was the course's own (the same key in its store): nothing was made."""
    kept: Path | None = None
    """Where the clip a paid provider made is kept in the course's store (`_keep_paid`)."""
    refused: str | None = None
    """Why the run gives the text no clip (exit 1; 3 with `fatal`)."""
    fatal: bool = False
    """The provider cannot go on (a spent quota, a wrong key): exit 3, as a run's."""
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.refused is None:
            return ExitCode.OK
        return ExitCode.CANNOT_GO_ON if self.fatal else ExitCode.FAILED

    def lines(self) -> list[str]:
        head = f"{excerpt(self.text, 200)} ({self.lang})"
        if self.provider:
            head += f", {self.provider} voice {self.voice}"
        lines = [head]
        if self.refused is not None:
            return [*lines, f"  no clip: {self.refused}", *self.notes]
        shown = [
            ("said as", self.said),
            ("reading", self.reading),
            ("phonemes", self.phonemes),
            ("verdict", self.verdict),
            # What its sentence settles is no one's to decide: --json keeps the note.
            ("note", None if self.verdict in NOTED else self.note),
            ("key", self.key),
        ]
        lines += [f"  {label}: {value}" for label, value in shown if value]
        tempo = f" at {self.slow:g}× (its slow twin)" if self.slow else ""
        if self.from_course:
            lines.append("  the course's own clip (the same key in its store): nothing was made")
        if self.played_with is not None:
            lines.append(f"  played{tempo} with {self.played_with} ({self.duration:.2f} s)")
        if self.file is not None:
            lines.append(f"  written{tempo}: {self.file} ({self.duration:.2f} s)")
        if self.kept is not None:
            lines.append(f"  kept in the course's store: {self.kept} ({KEPT})")
        return [*lines, *self.notes]

    def as_json(self) -> dict[str, object]:
        return fields_json(self, leave=("fatal",))


def say(
    settings: Settings,
    text: str,
    *,
    lang: str | None = None,
    reading: str | None = None,
    slow: float | None = None,
    output: Path | None = None,
    reporter: Reporter | None = None,
    stop: Stop | None = None,
    owned: Sequence[Path] = (),
    entry_id: str | None = None,
) -> SaidText:
    """Make the clip of `text` as a run of `settings` makes it, and write it to `output`,
    else play it or keep it in a temporary file. `slow`: a tempo below 1 for its
    slow twin instead; `owned`: other content sets' folders `output` may not be in;
    `entry_id`: the id of the entry the text is in, where voices take turns."""
    if not text.strip():
        raise InputError("say: the text is empty; give the text to say in quotes")
    if output is not None:
        made, course = settings.audio.format, [settings.data_dir, settings.out_dir, *owned]
        suffix = f"clip.{made}, or pass --format with its suffix"
        output_file(output, (f".{made}",), suffix, [*course, settings.staging])
        if not output.absolute().parent.is_dir():
            raise InputError(
                f"--output {output}: the folder {output.parent} does not exist; create it "
                "first, or give a path in a folder that exists"
            )
    lang = lang or settings.lang
    report = SaidText(text=text, lang=lang, slow=slow)
    with tempfile.TemporaryDirectory(prefix="tts-assets-say-") as scratch:
        folder = Path(scratch)
        entry = {"text": text, ID_KEY: entry_id, "reading": reading}
        run = _scratch_course(settings, folder, lang, entry, slow)
        document = run.data_dir / f"{TYPE}.json"
        report.from_course = _taken_from_course(settings, run)
        with machine_faults():  # answers paid for that a stopped say or run kept
            _pass_answers(settings.staging, run.staging)
        summary = generate(run, reporter=reporter, stop=stop)
        kept = _keep_paid(settings, run, report.notes)  # stopped or not: it was paid for
        if summary.interrupted:
            where = f"; what was paid for is kept in the course: {kept[0]}" if kept else ""
            raise Interrupted(f"interrupted: no clip was written{where}")
        # The notes of the scratch run's one-field type are not the text's.
        report.notes += [
            n for n in summary.notes if "say.json" not in n and not n.startswith(ROTATING)
        ]
        why = _why_not(summary)
        if why is not None:
            report.refused, report.fatal = why, summary.fatal is not None
            return report
        written = json.loads(document.read_text(encoding="utf-8"))[0]
        store = Store(run.out_dir, run.staging)
        spoken = _record(store, run, written.get("audioUrl"))
        clip = _record(store, run, written.get("slowAudioUrl")) if slow else spoken
        if spoken is None or clip is None:
            report.refused = "the run stored no clip for it"
            return report
        # What the manifest records of the clip; what was said is the spoken clip's.
        report.provider, report.voice, report.key = spoken.provider, spoken.voice, clip.key
        report.said, report.reading = spoken.spoken, spoken.reading
        report.phonemes, report.verdict, report.note = spoken.phonemes, spoken.verdict, spoken.note
        report.duration = clip.duration
        if kept:  # the clip heard, else the spoken clip its twin was made from
            heard = settings.out_dir / clip.path
            report.kept = heard if heard in kept else kept[0]
        if any(note.startswith(ROTATING) for note in summary.notes):
            # Which voice said the text and why: a run says an entry by the voice its id picks.
            picked = f"its id {entry_id}" if entry_id is not None else "the text itself"
            report.notes.append(
                f"voices in rotation: said by {spoken.voice}, the voice {picked} picks; a run "
                "says an entry by the voice its id picks (--id ID: that entry's voice)"
            )
        _deliver(report, run.out_dir / clip.path, output)
    return report


def _deliver(report: SaidText, source: Path, output: Path | None) -> None:
    if output is not None:
        with machine_faults():
            write_atomic(output, source.read_bytes())
        report.file = output
    elif player := next((p for p in PLAYERS if shutil.which(p[0])), None):
        subprocess.run([*player, str(source)], check=False)
        report.played_with = player[0]
    else:  # a copy that outlives the scratch folder (no player here)
        fd, kept = tempfile.mkstemp(prefix="tts-assets-say-", suffix=source.suffix)
        try:
            with os.fdopen(fd, "wb") as out, machine_faults():
                out.write(source.read_bytes())
        except BaseException:
            os.unlink(kept)  # a disk that filled leaves no half clip behind
            raise
        report.file = Path(kept)


def _keep_paid(course: Settings, run: Settings, notes: list[str]) -> list[Path]:
    """Keep in the course's store the clips and answers the scratch run paid for and the
    course lacks (module docstring); where each is kept."""
    scratch = Store(run.out_dir, run.staging)
    billed = [entry for entry in scratch if paid(entry.provider)]
    unmade = run.staging / PAID_NAME
    if not billed and not (unmade.is_dir() and any(unmade.iterdir())):
        return []
    kept: list[Path] = []
    try:
        with lock.locked([course.out_dir], wait=LOCK_WAIT_S), machine_faults():
            held = Store(course.out_dir, course.staging)
            held.serving = course.set_id
            there = {e.key for e in held.of_texts({e.text for e in billed})}
            for entry in billed:
                if entry.key not in there:
                    data = (run.out_dir / entry.path).read_bytes()
                    held.put(entry.path, data, replace(entry, sets=None))
                    kept.append(course.out_dir / entry.path)
            held.flush()
            kept += _pass_answers(run.staging, course.staging)
            held.leave_staging()
    except LockedError as e:
        notes.append(f"what was paid for is not kept in the course's store: {e}")
    return kept


def _pass_answers(source: Path, target: Path) -> list[Path]:
    """Copy the paid answers of staging folder `source` that `target` lacks into it."""
    answers = source / PAID_NAME
    if not answers.is_dir() or answers.is_symlink():
        return []
    copied = []
    for answer in sorted(answers.iterdir()):
        into = target / PAID_NAME / answer.name
        if not PAID_ANSWER.fullmatch(answer.name) or not answer.is_file() or into.exists():
            continue
        into.parent.mkdir(parents=True, exist_ok=True)
        ignore_staging(target)
        write_atomic(into, answer.read_bytes())
        copied.append(into)
    return copied


def _taken_from_course(course: Settings, run: Settings) -> bool:
    """Put into the scratch store the clip of the text the course's store already holds
    (the same key, its file intact); True when it did."""
    from ..planning.course import prepare

    new = prepare(run).plan.new
    if not new or not course.out_dir.is_dir():
        return False
    held = Store(course.out_dir, course.staging)  # reads; never flushed, so never writes
    scratch = Store(run.out_dir, run.staging)
    taken = held_elsewhere(held, scratch, new)
    scratch.flush()
    return bool(taken)


def _scratch_course(
    settings: Settings, folder: Path, lang: str, entry: dict[str, str | None], slow: float | None
) -> Settings:
    """`settings` for a run of one text in `folder`: a one-field type, nothing else, its
    one entry `entry` (less its None values) written."""
    entry = {key: value for key, value in entry.items() if value is not None}
    (folder / "data").mkdir()
    (folder / "data" / f"{TYPE}.json").write_text(json.dumps([entry], ensure_ascii=False), "utf-8")
    found: dict[str, Any] = {"name": "text", "text": "text", "url": "audioUrl", "lang": lang}
    # A language said by each of its voices: the first voice's clip is the one at a
    # field's URL, and the one made (the others would be made, and billed, for nothing).
    languages = {
        code: replace(choice, voice=choice.voices[0], voices=(), mode=ROTATE)
        if choice.voices and choice.mode == EACH
        else choice
        for code, choice in settings.languages.items()
    }
    if "reading" in entry:
        found["reading"] = "reading"
    return replace(
        settings,
        data_dir=folder / "data",
        out_dir=folder / "out",
        temp_dir=None,
        own_temp_dir=False,
        type=TYPE,
        types={TYPE: {"file": f"{TYPE}.json", "fields": [found]}},
        slow=slow,
        language_slow={},  # the one tempo asked for, not a [languages.xx] ladder's
        languages=languages,
        include_fields=(),
        update_json=True,
        webvtt=False,
        listen=False,
        replace_hand_set_urls=False,
        replace_dead_urls=False,
        accept_refused=(),
        sets=(),
        set_name=None,
        shares_folders=False,
        fellow_sets={},
        former_url_prefixes=(),
    )


def _why_not(summary: Any) -> str | None:
    """Why the run made no clip of the text (a skip: nothing to say once cleaned)."""
    given = [*summary.refused[:1], *summary.failures[:1]]
    if given or (not summary.fatal and summary.skipped):
        reason = str(given[0].reason if given else summary.skipped[0][1])
        # Naming what the user gave (`--reading`), not the scratch file's places.
        entry = f"{TYPE}.json › [0] › "
        return reason.replace(f"{entry}reading", "--reading").replace(f"{entry}text", "the text")
    return str(summary.fatal) if summary.fatal else None


def _record(store: Store, settings: Settings, url: object) -> StoredClip | None:
    if not isinstance(url, str):
        return None
    rel = ClipUrls(settings.url_prefix).clip_path(url)
    return None if rel is None else store.get(rel)
