"""`tts-assets review`: the review page of one content set (`write_page`); the verdicts
exported from it are turned into fixes by `commands.apply_review`.

The page goes to `<out-dir>/review.html` (beside the clips: no `..` in any audio URL), a
web root's folder, so it tells search engines not to index it and holds nothing the
content and the manifest do not already hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import TtsAssetsError
from ..making.report import Failure
from ..planning.course import prepare
from ..review.collect import collect_rows, page_id
from ..review.flags import FLAGS, NOTES
from ..review.page import page_path, render_page
from ..review.row import Row
from ..settings.config import Settings
from .operation import course_name, no_content
from .report import AlwaysOk


@dataclass(frozen=True)
class WrittenPage(AlwaysOk):
    """A review page written to disk, and the rows it shows."""

    path: Path
    rows: list[Row]
    notes: tuple[str, ...] = ()
    """What is worth knowing about the content (a provider not given this time...)."""

    @property
    def clips(self) -> int:
        return sum(1 for r in self.rows if r.reviewable)

    @property
    def flagged(self) -> int:
        """Rows with a flag that asks for a look (a note, such as Joined, does not)."""
        return sum(1 for r in self.rows if any(f.code not in NOTES for f in r.flags))

    @property
    def accepted(self) -> int:
        return sum(1 for r in self.rows if r.accepted)

    def flag_counts(self) -> dict[str, int]:
        """Rows per flag, every flag named (most serious first)."""
        found = [flag.code for row in self.rows for flag in row.flags]
        return {kind.code: found.count(kind.code) for kind in FLAGS}

    def lines(self) -> list[str]:
        without = len(self.rows) - self.clips
        held = [f"{self.clips} clips, {self.flagged} flagged"]
        if without:
            held.append(f"{without} texts without a clip")
        if self.accepted:
            held.append(f"{self.accepted} accepted before (hidden)")
        return [*(f"note: {n}" for n in self.notes), str(self.path), "; ".join(held)]

    def as_json(self) -> dict[str, object]:
        return {
            "page": str(self.path),
            "rows": len(self.rows),
            "clips": self.clips,
            "flagged": self.flagged,
            "without_clip": len(self.rows) - self.clips,
            "accepted_before": self.accepted,
            "flags": self.flag_counts(),
        }


def write_page(
    settings: Settings,
    *,
    output: Path | None = None,
    failures: Sequence[Failure] = (),
    generated: datetime | None = None,
) -> WrittenPage:
    """Write the review page of the content `settings` select (atomically) and return it;
    `failures` (a run's `Summary.failures`) give clips that failed their reason. A set
    whose out dir other sets share has a page of its own there (`page_path`)."""
    path = page_path(settings, output, bool(settings.fellow_sets))
    prepared = prepare(settings)
    rows = collect_rows(prepared, page_dir=path.parent, failures=failures)
    # The voices a rejection may ask for (each provider's voices for the languages its
    # clips speak), and the providers that say a text the same way every time.
    used = {(r.provider, r.lang) for r in rows if r.reviewable and r.provider}
    voices: set[str] = set()
    deterministic: set[str] = set()
    for name, lang in sorted(used, key=lambda used: (used[0], used[1].code)):
        try:
            provider = prepared.voices.provider(name)
            voices.update(provider.catalogue.voices_for(lang.code))
        except TtsAssetsError:
            continue  # its voice list cannot be read here: the rows' own voices remain
        if provider.deterministic():
            deterministic.add(name)
    html = render_page(
        rows,
        title=f"Review: {settings.set_name or course_name(settings)}",
        page_id=page_id(settings.out_dir),
        voices=sorted(voices),
        deterministic=sorted(deterministic),
        generated=generated,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    prepared.store.write(path, html.encode("utf-8"))
    prepared.store.clean_staging()
    hint = (prepared.hint,) if prepared.hint else ()
    empty = () if prepared.loaded.documents else (f"no rows: {no_content(settings)}",)
    return WrittenPage(path, rows, (*prepared.store.damage_notes(), *hint, *empty))
