"""The accent check: Japanese clips told their pitch accent, and heard for it.

The one place the accent is wired into the commands, beside the accent code itself,
registered by name (`features.registry`), as a profile's hooks are.

- generate (and a dry run): a note on the clips made again because they are told their
  accent now (the `accent` setting's upgrade, made once);
- verify (`verify --accent`): each intact Japanese clip heard (`accent_verify.py`);
- review: the accent each clip was told, and what `verify --accent` heard wrong in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ...features.hooks import Feature, Found, RowFacts
from ...languages import language
from ...store.manifest import Store, StoredClip

if TYPE_CHECKING:
    from ...features.checked import Checked
    from ...features.shown import Page
    from ...planning.prepare import Prepared


class AccentCheck(Feature):
    """Japanese pitch accent, told and heard (module docstring)."""

    name = "accent"

    def planned(self, prepared: Prepared, earlier: Any) -> _Again:
        """The clips a run makes again because they are told their pitch accent now: new
        clips of a text that the store holds a clip of, by the same voice, told another
        accent or none (`_Again`)."""
        found = earlier if isinstance(earlier, _Again) else _Again(prepared.store)
        return found.add(prepared)

    def hear(self, scope: Checked, found: Found) -> None:
        if not scope.asked.accent or not scope.loaded.documents:
            return
        from .accent_verify import check_accents, keep_accents

        checked = check_accents(scope.store, scope.first(), scope.damage)
        found.problems += checked.problems()
        found.notes += checked.notes()
        kept = checked.kept()
        if kept and not scope.kept_in_store(lambda store: keep_accents(store, kept)):
            found.notes.append(
                f"another run holds {scope.settings.out_dir}: the accents heard are not kept "
                "for the review page (--wait SECONDS waits)"
            )

    def shown(self, page: Page) -> dict[str, RowFacts]:
        return {
            path: {"pitch": _told(entry), "accent": _heard(entry)}
            for path, entry in page.entries.items()
        }


def _told(entry: StoredClip) -> str:
    """The accent the clip was told, as the page shows it ("" when none was)."""
    told = entry.pitch if isinstance(entry.pitch, Mapping) else {}
    pattern = told.get("pattern")
    if not isinstance(pattern, str) or not pattern:
        return ""
    shown = pattern + (" (the content's)" if told.get("from") == "content" else "")
    note = told.get("note")
    return f"{shown}; {note}" if isinstance(note, str) and note else shown


def _heard(entry: StoredClip) -> str:
    """What `verify --accent` kept of these bytes' accent as wrong, for the page ("" when
    it heard them right, did not hear them, or heard other bytes)."""
    heard = entry.accent
    if not isinstance(heard, Mapping) or heard.get("sha256") != entry.sha256:
        return ""
    said = []
    if heard.get("wrong"):
        said.append(f"said {heard.get('heard')}, expected {heard.get('expected')} (H high, L low)")
    if isinstance(heard.get("pair"), str):
        said.append(str(heard["pair"]))
    return "; ".join(said)


class _Again:
    """The clips a plan makes again because they are told their pitch accent now (`keys`),
    added up plan after plan (a course's windows): each plan's clips told an accent set
    beside the store's clips of their texts by the same voice (`Store.of_texts`: a
    database manifest's other rows not read)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.keys: set[str] = set()

    def notes(self) -> list[str]:
        if not self.keys:
            return []
        return [
            f"accent told: {len(self.keys)} Japanese clip(s) the out dir holds are made again, "
            "told the pitch accent of their words and phrases (once; a rerun makes nothing); "
            'accent = "words" or "none" in tts-assets.toml keeps them as they are'
        ]

    def add(self, prepared: Prepared) -> _Again:
        told = [
            (c, told)
            for c in prepared.plan.new
            if (sent := c.recipe.sent) is not None and (told := sent.told) is not None
        ]
        if not told:
            return self
        had: dict[tuple[str, str, str], object] = {}
        for entry in self.store.of_texts({c.spoken for c, _ in told}):
            lang = entry.lang
            if lang is not None and (known := language(lang)) and known.pitch_accent:
                had.setdefault((entry.text, entry.provider, entry.voice), entry.pitch)
        self.keys.update(
            c.key
            for c, record in told
            if (c.spoken, c.voice.provider, c.voice.voice) in had
            and had[c.spoken, c.voice.provider, c.voice.voice] != record
        )
        return self


FEATURE = AccentCheck()
