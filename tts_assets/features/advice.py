"""Failure advice: what to do about a text whose clip could not be made, said where it is
seen, from its reason (another voice, a fix in the content), and a run again only when
that may succeed (a timeout, a provider down), never as a loop.

- generate: one note per language whose provider could not say most of its new texts in
  it, with what else would speak it;
- generate: why each clip the run could not make has none is kept (`store.failed`);
- verify: a text whose clip the last run failed is told its failure's advice instead of
  "run tts-assets generate" (`store.failed`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from ..languages import Lang
from ..making.report import Failure
from ..planning.plan import Clip
from ..planning.shard import ShardStore
from ..store.failed import FailedClip, encoded, read_failed, updated
from ..store.layout import FAILED_NAME
from .hooks import Feature

if TYPE_CHECKING:
    from ..making.graph import Made
    from ..planning.prepare import Prepared
    from .checked import Checked

MOSTLY_AT_LEAST = 3
"""Texts a provider must have failed to say before a language counts as one it mostly
cannot say: one Korean text in a Thai field is a content error, not a verdict on Thai."""


class FailureAdvice(Feature):
    name = "advice"

    def made(self, prepared: Prepared, made: Made) -> list[str]:
        return unsaid_notes(made.failures, made.asked, prepared.voices.instead)

    def finished(
        self, prepared: Prepared, failures: Sequence[Failure], *, partial: bool
    ) -> list[str]:
        """Keep why each clip this run could not make has none (`store.failed`), for verify
        and the review page; a record that cannot be written is a note, never a stop."""
        settings, store, texts = prepared.settings, prepared.store, prepared.elsewhere
        if isinstance(store, ShardStore) or texts is None:
            return []  # a shard's failures are the joining run's to record
        set_id = settings.set_id
        before = read_failed(store.out_dir)
        ours = {key for key, clip in before.items() if clip.set == set_id}
        # Of the record's entries of the run's set, those the run planned (its clips by
        # key in the course's index) and those of them the manifest lists.
        clips = texts.clips_of(ours) if ours else []
        planned = {key for key, _ in clips}
        present = {key for key, rel_path in clips if store.is_listed(rel_path, key)}
        if partial or settings.type != "all":
            # Only some clips were planned: the set's other entries stand until a whole run.
            planned |= ours
        failed = [
            FailedClip(f.key, set_id, f.text, tuple(f.places), f.reason, f.unsaid is None)
            for f in failures
            if f.key
        ]
        after = updated(before, set_id, failed, planned=planned, present=present)
        if after == before:
            return []
        path = store.out_dir / FAILED_NAME
        data = encoded(after)
        try:
            if data is None:
                path.unlink(missing_ok=True)
            else:
                store.write(path, data)
        except OSError as e:
            return [f"{path}: the record of failed clips was not kept ({e.strerror})"]
        return []

    def advice(self, scope: Checked, clip: Clip) -> str | None:
        failed = scope.once("failed", lambda s: read_failed(s.settings.out_dir), course=True)
        failure = failed.get(clip.key)
        if failure is None:
            return None
        again = "; run tts-assets generate to try again" if failure.again else ""
        return f"the last generate could not make its clip: {failure.reason}{again}"


def unsaid_notes(
    failures: list[Failure],
    texts: Mapping[tuple[Lang, str], int],
    instead: Callable[[Lang, str], str],
) -> list[str]:
    """One note per language whose provider could not say most of its new texts (`texts`,
    `Made.asked`) in it: `zh: espeak could not say 41 of 44 texts (it switched to
    English); use ...`, with what else would speak it (`instead(lang, provider)`)."""
    unsaid: dict[tuple[Lang, str], Counter[str]] = {}
    for failure in failures:
        if failure.unsaid is not None and failure.lang is not None:
            unsaid.setdefault((failure.lang, failure.provider), Counter())[failure.unsaid] += 1
    notes = []
    for (lang, provider), whys in sorted(unsaid.items(), key=lambda kv: (kv[0][0].code, kv[0][1])):
        failed, total = whys.total(), texts.get((lang, provider), 0)
        if failed * 2 <= total or failed < MOSTLY_AT_LEAST:
            continue  # not most of them, or too few to tell (one stray text is content)
        why = "; ".join(w for w, _ in whys.most_common())
        other = instead(lang, provider)
        notes.append(
            f"{lang}: {provider} could not say {failed} of {total} texts ({why})"
            + (f"; {other}" if other else "")
        )
    return notes


FEATURE = FailureAdvice()
