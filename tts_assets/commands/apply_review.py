"""`tts-assets review --apply review.json`: a reviewer's verdicts, exported from the review
page (`commands.review`), turned into fixes (`apply_review`).

A verdict whose clip the content no longer plans is *stale*: reported and skipped. An
accept records the clip's sha256; a rejection gets another voice, a reading override or a
new take (docs/review.md). Past `CONFIRM_ABOVE` clips to make again the review is refused
unless `yes`, as one kana word's reading can touch a large part of a course.

Recording a fix changes its clip's key, so a review applied again no longer names that
clip: a rejection whose fix is in force is *recorded before*, not stale, and a stopped
`--apply` is finished by running it again (`pending`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..content.item import describe_path, quoted
from ..content.reading import normalize_reading
from ..errors import ExitCode, InputError, TtsAssetsError
from ..making.hooks import Reporter, Stop
from ..planning.course import Prepared, prepare, replanned
from ..planning.decisions import (
    Accepted,
    Decisions,
    Retake,
    ReviewChanges,
    read_decisions,
    write_review,
)
from ..planning.plan import Clip
from ..review.corrected import misread_word
from ..review.verdicts import Review, Verdict
from ..settings.config import Settings
from ..settings.pronunciations import with_entries
from .generate import generate
from .report import plain
from .summary import Summary

CONFIRM_ABOVE = 10
"""Clips a review may make again without `--yes`."""


@dataclass(frozen=True)
class Retaken:
    """What one rejection became: the clip it rejected and the retake asked for."""

    verdict: Verdict
    clip: Clip
    retake: Retake


@dataclass
class Applied:
    """What `apply_review` did with a review's verdicts in one content set."""

    decisions: Path
    """The decisions file written (or that would have been, when nothing changed)."""
    accepted: list[Verdict] = field(default_factory=list)
    retaken: list[Retaken] = field(default_factory=list)
    readings: list[Verdict] = field(default_factory=list)
    """Rejections with a corrected reading: each became a pronunciation override."""
    pronunciations: list[tuple[str, str]] = field(default_factory=list)
    """The overrides added (written form, reading), in `pronunciations_file`."""
    pronunciations_file: Path | None = None
    same_again: list[tuple[Verdict, str]] = field(default_factory=list)
    """Rejections with neither reading nor voice of a deterministic provider's clips (its
    name): a new take would sound the same, so nothing was made."""
    stale: list[Verdict] = field(default_factory=list)
    """Verdicts about clips this content no longer plans (or no longer holds)."""
    finishing: list[Verdict] = field(default_factory=list)
    """Verdicts an earlier, stopped `--apply` recorded: this run makes what is missing."""
    unchanged: list[Verdict] = field(default_factory=list)
    """Rejections whose reading changes nothing their clip says: nothing made for them."""
    remaking: int = 0
    """Clips the verdicts make again (retakes, and the clips the new overrides change)."""
    billing: int = 0
    """Characters a paid provider is sent for them."""
    matched: set[str] = field(default_factory=set)
    """Clip paths of the verdicts this content set planned (the others are stale here)."""
    summary: Summary | None = None
    """The run that made the retaken clips; None when there were none."""

    @property
    def exit_code(self) -> int:
        return self.summary.exit_code if self.summary is not None else 0

    @property
    def pending(self) -> bool:
        """The review is recorded, and its clips are not all made: `--apply` again finishes it."""
        return self.summary is not None and self.summary.exit_code != 0

    def lines(self) -> list[str]:
        lines = []
        if self.accepted:
            lines.append(
                f"accepted: {len(self.accepted)} clip(s), recorded in {self.decisions}; "
                "the next page hides them until they change"
            )
        for fix in self.retaken:
            v, retake = fix.verdict, fix.retake
            what = f"with voice {retake.voice}" if fix.verdict.voice else f"take {retake.take}"
            lines.append(f"{v.places[0]}: {quoted(v.text)} made again, {what}")
        lines += [
            f"{v.places[0]}: {quoted(v.text)} not made again: {provider} says a text the "
            "same way every time; reject it with a corrected reading or another voice"
            for v, provider in self.same_again
        ]
        lines += [
            f"{v.places[0]}: {quoted(v.text)} not made again: the reading {v.reading} changes "
            "nothing it says"
            for v in self.unchanged
        ]
        if self.pronunciations:
            made = "are not all made yet" if self.pending else "are made again"
            lines.append(
                f"pronunciations added to {self.pronunciations_file} "
                f"({len(self.pronunciations)}); the clips whose speech they change {made}:"
            )
            lines += [f"  {form} = {reading}" for form, reading in self.pronunciations]
        if self.remaking:
            lines.append(f"the review makes {_remaking(self.remaking, self.billing)}")
        if self.finishing:
            lines.append(
                f"recorded by an earlier --apply: {len(self.finishing)} verdict(s) (their "
                "pronunciations and retakes are in force); the clips they touch that are "
                "missing are made now"
            )
        if self.pending:
            lines.append(
                "pending: the review is recorded, and some of its clips are not made yet; run "
                "the same tts-assets review --apply again to finish them"
            )
        return lines

    def as_json(self) -> dict[str, object]:
        return {
            "decisions": str(self.decisions),
            "accepted": [v.clip for v in self.accepted],
            "retaken": [
                _verdict_json(f.verdict, voice=f.retake.voice, take=f.retake.take)
                for f in self.retaken
            ],
            "readings": [_verdict_json(v, reading=v.reading) for v in self.readings],
            "same_again": [_verdict_json(v, provider=p) for v, p in self.same_again],
            "finishing": [_verdict_json(v) for v in self.finishing],
            "pending": self.pending,
            "unchanged": [_verdict_json(v, reading=v.reading) for v in self.unchanged],
            "remaking": self.remaking,
            "billable_characters": self.billing,
            "generate": plain(self.summary),
        }


@dataclass(frozen=True)
class Stale:
    verdicts: list[Verdict]

    def lines(self) -> list[str]:
        if not self.verdicts:
            return []
        return [
            f"stale: {len(self.verdicts)} verdict(s) about clips the content no longer uses "
            "(their text, voice or settings changed since the page was made); skipped:",
            *(f"  {v.places[0]}: {quoted(v.text)} ({v.clip})" for v in self.verdicts),
        ]

    def as_json(self) -> list[dict[str, object]]:
        return [_verdict_json(v) for v in self.verdicts]


def _verdict_json(v: Verdict, **more: object) -> dict[str, object]:
    return {"clip": v.clip, "places": list(v.places), "text": v.text, **more}


def apply_review(
    settings: Settings,
    review: Review,
    *,
    source: Path,
    reporter: Reporter | None = None,
    stop: Stop | None = None,
    lock_wait: float = 0.0,
    yes: bool = False,
) -> Applied:
    """Turn `review`'s verdicts (read from `source`) into decisions and clips. All or
    nothing: every verdict is checked before the decisions and pronunciations are written."""
    prepared = prepare(settings)
    applied = Applied(read_decisions(settings.data_dir).path)
    retakes, accepted, finish_forms, finish_texts = _decide(prepared, review, source, applied)
    rejected = {f.verdict.clip for f in applied.retaken} | {v.clip for v in applied.readings}
    rejected |= {v.clip for v, _ in applied.same_again}
    entries = applied.pronunciations
    if entries:  # checked now, before anything is written
        with_entries(settings.pronunciations_path, entries)
    forms = _remade(prepared, entries, applied)
    if applied.remaking > CONFIRM_ABOVE and not yes:
        raise InputError(
            f"{source}: these verdicts would make {_remaking(applied.remaking, applied.billing)}"
            f"; pass --yes to go on (more than {CONFIRM_ABOVE} clips need it); nothing was "
            "written"
        )
    decide = bool(retakes or accepted or rejected & set(read_decisions(settings.data_dir).accepted))
    if decide or entries:
        changes = ReviewChanges(retakes, accepted, rejected, entries, decide)
        written = write_review(prepared.store, prepared.settings, changes, lock_wait)
        applied.pronunciations_file = written or applied.pronunciations_file
    forms = [*forms, *finish_forms]
    if not (retakes or forms or finish_texts):
        return applied
    again = set(retakes) | finish_texts
    try:  # exactly the clips of the texts `again` and of those saying one of `forms`
        applied.summary = generate(
            settings,
            reporter=reporter,
            stop=stop,
            lock_wait=lock_wait,
            only=lambda c: (c.type_name, c.spoken) in again or any(f in c.spoken for f in forms),
        )
    except TtsAssetsError as e:
        files = [applied.decisions] if decide else []
        files += [applied.pronunciations_file] if applied.pronunciations_file else []
        raise NotMade(
            f"the review is recorded ({', '.join(map(str, files))}), but its clips were not made: "
            f"{e}; run tts-assets generate to make them"
        ) from None
    return applied


def _remade(prepared: Prepared, entries: Sequence[tuple[str, str]], applied: Applied) -> list[str]:
    """Count the clips the review makes again and what they bill; the forms of the new
    overrides that change something."""
    remade, forms = _respoken(prepared, entries, applied) if entries else ([], [])
    clips = {clip.key: clip for clip in [*(f.clip for f in applied.retaken), *remade]}
    applied.remaking = len(clips)
    paid = {c.voice.provider for c in clips.values()}
    paid = {name for name in paid if prepared.voices.provider(name).billing is not None}
    # Characters a provider that takes text is sent (none for a clip made from others).
    sent = [c.recipe.sent for c in clips.values() if c.voice.provider in paid]
    applied.billing = sum(
        sum(map(len, s.decided)) if s.decided else s.billed for s in sent if s is not None
    )
    return forms


def _respoken(
    prepared: Prepared, entries: Sequence[tuple[str, str]], applied: Applied
) -> tuple[list[Clip], list[str]]:
    """The clips the new overrides `entries` change what is said of, and the forms that
    change something; the rejections they leave unchanged go in `applied.unchanged`."""
    added, after = replanned(prepared, dict(entries))
    planned = {clip.rel_path: clip for clip in prepared.plan.clips}
    # What a text is said as remakes the clips that say it (a drill joins them anew).
    said = [clip for clip in after.new if clip.speech is not None]
    changed = [clip for clip in said if clip.rel_path not in planned]
    forms = [o.form for o in added if any(o.form in clip.spoken for clip in changed)]
    now = {id(item): clip.key for clip in after.clips for item in clip.items}
    for verdict in applied.readings:
        clip = planned[verdict.clip]
        if all(now.get(id(item)) == clip.key for item in clip.items):
            applied.unchanged.append(verdict)
    return [clip for clip in said if any(f in clip.spoken for f in forms)], forms


def _remaking(clips: int, billing: int) -> str:
    billed = f", {billing} characters a paid provider would bill" if billing else ""
    return f"{clips} clip(s) again{billed}"


class NotMade(TtsAssetsError):
    exit_code = ExitCode.FAILED


def _decide(
    prepared: Prepared, review: Review, source: Path, applied: Applied
) -> tuple[dict[tuple[str, str], Retake], dict[str, Accepted], list[str], set[tuple[str, str]]]:
    """The retakes and acceptances `review` asks for, and the forms and texts whose clips
    an earlier `--apply` of these verdicts recorded but may not have made."""
    current = read_decisions(prepared.settings.data_dir)
    # A verdict acts on a clip that says a text; a join is made again from its parts.
    planned = {c.rel_path: c for c in prepared.plan.clips if c.speech is not None}
    store, voices = prepared.store, prepared.voices
    retakes: dict[tuple[str, str], Retake] = {}
    accepted: dict[str, Accepted] = {}
    finish_forms: list[str] = []
    finish_texts: set[tuple[str, str]] = set()
    for index, verdict in enumerate(review.verdicts):
        clip = planned.get(verdict.clip)
        if clip is None or clip.key != verdict.key:
            recorded = _recorded_before(prepared, verdict, current)
            if recorded is None:
                applied.stale.append(verdict)
                continue
            applied.matched.add(verdict.clip)
            applied.finishing.append(verdict)
            form, text = recorded
            if form is not None:
                finish_forms.append(form)
            if text is not None:
                finish_texts.add(text)
            continue
        applied.matched.add(verdict.clip)
        if verdict.verdict == "accept":
            entry = store.get(clip.rel_path) if store.is_present(clip.rel_path, clip.key) else None
            if entry is None:
                applied.stale.append(verdict)  # its file is gone since the page was made
                applied.matched.discard(verdict.clip)
            else:
                accepted[clip.rel_path] = Accepted(entry.sha256, verdict.at, verdict.note)
                applied.accepted.append(verdict)
            continue
        text = (clip.type_name, clip.spoken)
        provider = clip.voice.provider
        before = current.retakes.get(text)
        if before is None or before.provider != provider:
            before = Retake(provider)
        voice = verdict.voice if verdict.voice != clip.voice.voice else None
        if verdict.reading:
            at = functools.partial(_verdict_place, source, index)
            word = misread_word(verdict, clip.spoken, clip.lang, clip.kind, at)
            applied.readings.append(verdict)
            applied.pronunciations.append((word, verdict.reading))
        if voice:
            try:
                voices.voice(clip.lang, voice)
            except InputError as e:
                raise InputError(f"{_verdict_place(source, index, 'voice')}: {e}") from None
            retake = Retake(provider, voice, 0, verdict.note, verdict.at)
        elif verdict.reading:
            continue  # the override decides; its clips are made again
        elif voices.provider(provider).deterministic():
            applied.same_again.append((verdict, provider))
            continue
        else:
            retake = Retake(provider, before.voice, before.take + 1, verdict.note, verdict.at)
        retakes[text] = retake
        applied.retaken.append(Retaken(verdict, clip, retake))
    return retakes, accepted, finish_forms, finish_texts


def _recorded_before(
    prepared: Prepared, verdict: Verdict, current: Decisions
) -> tuple[str | None, tuple[str, str] | None] | None:
    """(the form of its override, the text of its retake) when an earlier `--apply` of
    `verdict` recorded it and its text is still at its first place; else None (stale)."""
    if verdict.verdict != "reject":
        return None
    type_name = verdict.clip.partition("/")[0]
    clip = next(
        (
            c
            for c in prepared.plan.clips
            if c.type_name == type_name
            and any(i.where == verdict.places[0] and i.text == verdict.text for i in c.items)
        ),
        None,
    )
    if clip is None:
        return None
    form: str | None = None
    if verdict.reading is not None:
        form = verdict.word or clip.spoken
        override = prepared.overrides.get(form)
        if override is None or override.reading != normalize_reading(verdict.reading):
            return None
    text: tuple[str, str] | None = (clip.type_name, clip.spoken)
    retake = current.retakes.get((clip.type_name, clip.spoken))
    if retake is None or retake.at != verdict.at:
        if verdict.reading is None:
            return None  # a new take or voice that was never recorded
        text = None  # its voice was the clip's own: the override alone was recorded
    return form, text


def _verdict_place(source: Path, index: int, key: str) -> str:
    return describe_path(source, ("verdicts", index, key))
