"""The listening check (`listen`): Whisper base hears each planned clip, and a clip that
does not say what was meant is flagged (`heard.py` picks the clips and words the flags).

- verify (`verify --listen`, `listen = true`): every intact planned clip is heard, unless
  its entry keeps a verdict on these bytes (`deep`: every one); a clip heard otherwise
  than meant is *heard*, unless a reviewer accepted it; the verdicts reached are kept in
  the manifest under the out dir's lock, taken after the listening (which may take
  minutes) and only for that write; a lock held elsewhere only costs hearing those clips
  again next time (a note says so);
- review: each clip's kept verdict, or why it is not checked where the project listens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..listening import Subject, not_judged, record, stored
from ..store.manifest import StoredClip
from .heard import Hearing
from .hooks import Feature, Found, Problem, RowFacts

if TYPE_CHECKING:
    from .checked import Checked
    from .shown import Page


class ListeningCheck(Feature):
    name = "listening"

    def hear(self, scope: Checked, found: Found) -> None:
        if not scope.settings.listen or not scope.loaded.documents:
            return
        settings, asked = scope.settings, scope.asked
        hearing = scope.once("hearing", lambda _: Hearing(), course=True)
        heards = hearing.hear(
            settings, scope.store, scope.first(), skip=scope.damage, fresh=asked.deep
        )
        for heard in heards.flagged:
            item = heard.clip.items[0]
            found.problems.append(
                Problem(item.file, item.text_path, "heard", heard.message(), heard.clip.rel_path)
            )
        if heards.listening.new and not scope.kept_in_store(
            lambda store: record(store, heards.listening)
        ):
            found.notes.append(
                f"another run holds {settings.out_dir}: what was heard is not kept, and "
                "the next verify --listen hears those clips again (--wait SECONDS waits)"
            )
        found.listening = heards

    def shown(self, page: Page) -> dict[str, RowFacts]:
        # The project listens when some clip keeps a verdict: then a clip without one
        # says why.
        listens = any(stored(e) is not None for e in page.present.values())
        kinds = {clip.rel_path: clip.kind for clip in page.clips}
        return {path: _heard(entry, kinds[path], listens) for path, entry in page.entries.items()}


def _heard(entry: StoredClip, kind: str, listens: bool) -> RowFacts:
    """The listening check's verdict `entry` keeps on these bytes; where the project
    listens and the clip has none, why it is not checked."""
    verdict = stored(entry)
    if verdict is not None:
        return {"heard": verdict.heard, "listened": verdict.verdict, "listen_note": verdict.why}
    if not listens:
        return {}
    why = not_judged(Subject.of(entry, kind))
    if why is None:
        return {"listen_note": "not listened to yet: tts-assets verify --listen"}
    return {"listened": "not checked", "listen_note": why}


FEATURE = ListeningCheck()
