"""New clips that differ from a stored clip only in the length of their pauses: made from it.

A cloze's gap (`cloze = "2s"` → `"3s"`) or a written pause of another length changes a
clip's key, but not what its provider is asked to say: synthesizing it again would bill a
paid provider for every gapped sentence once more. So a new clip whose text, said with
the pause lengths of a stored clip of its type folder, is keyed as that clip is (every
part of the key but the pauses) is made from that clip's file (`making.regap`).

Only a stored clip that records where its pauses are (`timings.pauses`), and whose file is
the one recorded (its sha256), is used so; another clip is synthesized (and billed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .. import pauses
from ..readings.saying import Saying
from ..store.layout import clip_type
from ..store.manifest import Store, StoredClip, sha256
from .plan import Clip, Plan
from .recipes import Regapped, Spoken
from .voices import Voices


def find_regaps(plan: Plan, store: Store, saying: Saying, voices: Voices) -> None:
    """Make each new spoken clip of `plan` that a stored clip holds with other pauses from
    that clip (`recipes.Regapped`; module docstring)."""
    paused = [
        (c, c.recipe)
        for c in plan.new
        if isinstance(c.recipe, Spoken) and (c.recipe.pauses or c.recipe.lead) and c.items
    ]
    if not paused:
        return
    stored = _by_parts(store)
    for clip, spoken in paused:
        for entry in stored.get((clip.type_name, pauses.split(clip.spoken).parts), ()):
            if (
                entry.key != clip.key
                and _same_but_pauses(clip, spoken, entry, saying, voices)
                and _as_recorded(entry, store)
            ):
                clip.recipe = Regapped(spoken, entry.path)
                break


def _by_parts(store: Store) -> dict[tuple[str, tuple[str, ...]], list[StoredClip]]:
    """The stored clips whose text has pauses and whose record says where they are, by
    type folder and what they say between them."""
    found: dict[tuple[str, tuple[str, ...]], list[StoredClip]] = {}
    for entry in store:
        if not entry.provider or entry.timings is None or not pauses.has_pause(entry.text):
            continue
        said = pauses.split(entry.text)  # once: its parts, and whether a pause opens it
        if entry.timings.get("pauses") or said.lead > 0:  # a gap before its one part too
            found.setdefault((clip_type(entry.path), said.parts), []).append(entry)
    return found


def _as_recorded(entry: StoredClip, store: Store) -> bool:
    """Whether `entry`'s file is the one its record describes (its bytes' sha256), its
    pauses in order within its length: else its speech is not where the record says (a
    file replaced or damaged, a record edited), and the clip is said again instead."""
    spans = (entry.timings or {}).get("pauses") or ()
    at = 0.0
    for start, end in spans:
        if not at <= start <= end:
            return False
        at = end
    if at > entry.duration * 1000 + 1:
        return False
    path = store.clip_file(entry.path)
    try:
        data = path.read_bytes() if path is not None else None
    except OSError:
        return False
    return data is not None and sha256(data) == entry.sha256


def _same_but_pauses(
    clip: Clip, spoken: Spoken, entry: StoredClip, saying: Saying, voices: Voices
) -> bool:
    """Whether `entry` is `clip` (said as `spoken`) with other pauses: `clip`'s text said
    with `entry`'s pauses is planned as the same pieces and keyed as `entry` is."""
    spans = entry.timings.get("pauses") if entry.timings is not None else None
    if spans is None and not spoken.pauses:  # one part, its gap before it (`_by_parts`)
        spans = ()
    if not isinstance(spans, Sequence) or len(spans) != len(spoken.pauses):
        return False
    item = replace(clip.items[0], spoken=entry.text)
    (form,) = voices.forms(saying, [(item, clip.voice)])
    if form.refused is not None or form.pieces != spoken.pieces:
        return False
    former = replace(spoken, form=form, said=None)
    return former.key(item.spoken, item.lang, voices.settings.audio) == entry.key
