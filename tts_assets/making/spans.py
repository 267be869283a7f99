"""Texts in several languages made: each joined from its runs' clips in the store
(`recipes.Spanned`), as a drill is (`making.sequences`), never synthesized.

Its timings are its runs' words, each moved to where its run is in the join (a word of a
run's own clip at `t` ms is at `t + shift` of the join, held inside the run's speech),
each word with its run's language; beside them the runs themselves, the languages the
text is said in, and the text as a learner reads it (its marks left out: what its
phrases and sentences are cut from, `writeback.timings.segments_of`):

    {"source": "spans", "text": "今日はappleを食べます。", "langs": ["ja", "en"],
     "spans": [{"start", "end", "text", "lang", "pitch"?}, ...],
     "words": [{"start", "end", "text", "lang", "reading"?, "morae"?}, ...]}

A run whose clip has no word timings gives none of its words (nothing is invented); the
`timings` place and a WebVTT track are written from the words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..planning.recipes import Joined, Spanned
from ..store.manifest import Store
from .sequences import Placed, join_maker

SOURCE = "spans"
"""The `source` of a text's timings joined from its runs."""


def _words(placed: Sequence[Placed], store: Store, recipe: Joined) -> dict[str, Any]:
    assert isinstance(recipe, Spanned)
    words: list[dict[str, Any]] = []
    for run in placed:
        assert run.part.source is not None
        entry = store.get(run.part.source)
        timings = entry.timings if entry is not None else None
        own = timings.get("words") if isinstance(timings, Mapping) else None
        for word in own if isinstance(own, list) else ():
            moved = _moved(word, run)
            if moved is not None:
                words.append(moved)
    return {
        "source": SOURCE,
        "text": recipe.unmarked,
        "langs": list(dict.fromkeys(run.part.code for run in placed)),
        "spans": [_run(r, store) for r in placed],
        "words": words,
    }


def _run(run: Placed, store: Store) -> dict[str, Any]:
    """Where `run` is in the join, its text and language, and the accent its clip was
    told (its phrases': `writeback.timings.segments_of`)."""
    found: dict[str, Any] = {
        "start": run.start,
        "end": run.end,
        "text": run.part.text,
        "lang": run.part.code,
    }
    entry = store.get(run.part.source) if run.part.source is not None else None
    told = entry.pitch.get("pattern") if entry is not None and entry.pitch else None
    if isinstance(told, str):
        found["pitch"] = told
    return found


def _moved(word: Mapping[str, Any], run: Placed) -> dict[str, Any] | None:
    """`word` of a run's own clip where it is in the join, with the run's language; None
    for a word with no time, or none left inside the run's speech."""
    start, end = word.get("start"), word.get("end")
    if type(start) is not int or type(end) is not int:
        return None
    start, end = _inside(start + run.shift, run), _inside(end + run.shift, run)
    if end <= start:
        return None
    moved = dict(word) | {"start": start, "end": end, "lang": run.part.code}
    morae = word.get("morae")
    if isinstance(morae, list):
        moved["morae"] = [
            [_inside(m[0] + run.shift, run), _inside(m[1] + run.shift, run), *m[2:]]
            for m in morae
            if isinstance(m, list) and len(m) >= 2
        ]
    return moved


def _inside(ms: float, run: Placed) -> int:
    return round(min(max(ms, run.start), run.end))


make_spanned = join_maker(_words, "spans")
