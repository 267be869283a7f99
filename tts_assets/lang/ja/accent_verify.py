"""`verify --accent` over a plan: which stored clips are heard for their accent, what is
wrong with them and what could not be checked, and what is kept of each in its manifest
entry (`StoredClip.accent`) for the review page.

The hearing itself is `accent_check.py`; this module picks the clips (every intact clip of a
language with a pitch accent, but a kana said alone: a chart's sound has no accent to
imitate) and words what was found, for the command that wires it in
(`accent_feature.py`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ...content.item import Item
from ...errors import LockedError
from ...languages import Lang
from ...planning.plan import Clip
from ...store import lock
from ...store.manifest import Store
from .accent_check import AccentClip, Accents, hear_accents

UNCHECKED_SHOWN = 10
"""The texts of clips `verify --accent` could not check that its note names."""


@dataclass(frozen=True)
class Wrong:
    """One place whose clip a learner would imitate wrongly: said with another accent, or
    one of a minimal pair its clips cannot teach."""

    item: Item
    why: str
    clip: str | None
    """The clip at fault (said otherwise), None for a pair (neither clip alone is)."""


@dataclass(frozen=True)
class AccentCheck:
    """What `verify --accent` found over a plan's clips."""

    told: Mapping[str, tuple[Clip, AccentClip]]
    """The clips heard, by path, each with what its entry says of it."""
    found: Accents
    sounds: int
    """The clips of a kana said alone: not heard."""

    def wrong(self) -> Iterator[Wrong]:
        """Each place of a clip said with another accent, and of a minimal pair a learner
        cannot tell apart."""
        found = self.found
        for rel in found.wrong:
            clip, _ = self.told[rel]
            heard = found.heard[rel]
            for item in clip.items:
                # Each place quoted with its own text (あ and ア share a clip).
                why = (
                    f"{item.spoken}: said with the accent {heard.heard}, expected "
                    f"{heard.expected} (H high, L low, per mora): a learner would imitate the "
                    "wrong accent"
                )
                yield Wrong(item, why, rel)
        for pair in found.pairs:
            why = (
                f"{pair.texts[0]}/{pair.texts[1]} ({pair.expected[0]}/{pair.expected[1]}, heard "
                f"{pair.heard[0] or '?'}/{pair.heard[1] or '?'}): a minimal pair a learner "
                f"cannot tell apart: {pair.reason}"
            )
            for rel in pair.clips:
                for item in self.told[rel][0].items:
                    yield Wrong(item, why, None)

    def notes(self) -> list[str]:
        """Notes on the pairs said alike on purpose and on the clips not checked for their
        accent (a kana alone; no mora timings, or too few voiced morae)."""
        found, told = self.found, self.told
        notes = [pair.reason for pair in found.alike]
        if self.sounds:
            notes.append(
                f"{self.sounds} Japanese clip(s) of a kana said alone (a chart's sound) not "
                "checked for their accent: a sound alone has none to imitate"
            )
        if found.unchecked:
            texts = list(dict.fromkeys(told[rel][0].spoken for rel in found.unchecked))
            shown = ", ".join(texts[:UNCHECKED_SHOWN])
            more = (
                f" and {len(texts) - UNCHECKED_SHOWN} more" if len(texts) > UNCHECKED_SHOWN else ""
            )
            notes.append(
                f"{len(told) - len(found.unchecked)} of {len(told)} Japanese clip(s) "
                f"checked for their accent; {len(found.unchecked)} not (no mora timings, or "
                f"too few voiced morae): {shown}{more}"
            )
        return notes

    def kept(self) -> dict[str, dict[str, object]]:
        """What was heard of each checked clip, as its manifest entry keeps it
        (`StoredClip.accent`)."""
        kept: dict[str, dict[str, object]] = {}
        for rel, heard in self.found.heard.items():
            if heard.verdict == "unchecked":
                continue
            _, stored = self.told[rel]
            kept[rel] = {
                "sha256": stored.sha256,
                "expected": heard.expected,
                "heard": heard.heard,
                "wrong": heard.verdict == "wrong",
                "pair": None,
            }
        for pair in self.found.pairs:
            why = f"{pair.texts[0]}/{pair.texts[1]}: a minimal pair a learner cannot tell apart: "
            for rel in pair.clips:
                if rel in kept:
                    kept[rel]["pair"] = why + pair.reason
        return kept


def check_accents(store: Store, clips: list[Clip], damage: Mapping[str, object]) -> AccentCheck:
    """Hear every intact clip with a pitch accent to hear (`accent_check.py`)."""
    told: dict[str, tuple[Clip, AccentClip]] = {}
    sounds = 0
    for clip in clips:
        entry = store.get(clip.rel_path)
        file = store.clip_file(clip.rel_path)
        if not clip.recipe.heard or not _accented(clip.lang) or clip.rel_path in damage:
            continue  # a join says no one text: its parts' clips are heard
        if entry is None or file is None:
            continue
        if _a_sound_alone(clip):
            sounds += 1
            continue
        stored = AccentClip(
            clip.rel_path,
            clip.spoken,
            file,
            entry.sha256,
            entry.timings,
            entry.pitch,
            entry.reading,
        )
        told[clip.rel_path] = (clip, stored)
    found = hear_accents([stored for _, stored in told.values()])
    return AccentCheck(told, found, sounds)


def keep_accents(
    out_dir: Path, staging: Path, heard: Mapping[str, Mapping[str, object]], lock_wait: float
) -> bool:
    """Keep each clip's heard accent in its manifest entry (`StoredClip.accent`), under the
    out dir's lock, on the entries whose bytes are the ones heard; False when another run
    holds the lock past `lock_wait` seconds (nothing kept)."""
    if not heard:
        return True
    try:
        with lock.locked([out_dir], wait=lock_wait):
            current = Store(out_dir, staging)
            written = 0
            for path, found in heard.items():
                entry = current.get(path)
                if entry is None or entry.sha256 != found["sha256"] or entry.accent == found:
                    continue
                current.replace(replace(entry, accent=dict(found)))
                written += 1
            if written:
                current.flush()
    except LockedError:
        return False
    return True


def _a_sound_alone(clip: Clip) -> bool:
    """Whether `clip` says a kana alone (a chart's sound, or one mora written in kana):
    no word, so no accent a learner would imitate. A word of one mora in kanji (木, 気)
    has one, and is heard."""
    from ...scripts.kana import is_kana, kana_morae

    def alone(item: Item) -> bool:
        letters = [c for c in item.spoken if c.isalnum()]
        kana = bool(letters) and all(is_kana(c) for c in letters)
        return item.kind == "kana" or (kana and len(kana_morae("".join(letters))) <= 1)

    return bool(clip.items) and all(alone(item) for item in clip.items)


def _accented(lang: Lang) -> bool:
    """Whether clips in `lang` carry a pitch accent to hear (its profile's `pitch_accent`)."""
    return lang.profile is not None and bool(lang.profile.pitch_accent)
