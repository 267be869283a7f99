"""Length contrasts: a minimal pair of a long and a short vowel, or a geminate
(おばさん/おばあさん, きて/きって), that the content puts side by side and whose clips
barely tell apart where the length mora is (`listening.lengths`).

- review: the contrast on both rows of such a pair (the *length* flag).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .hooks import Feature, RowFacts

if TYPE_CHECKING:
    from .shown import Page


class LengthContrasts(Feature):
    name = "lengths"

    def shown(self, page: Page) -> dict[str, RowFacts]:
        # The audio code loads when a page is made, not for `--help` or a dry run.
        from ..listening.lengths import LengthClip, length_pairs

        clips = [
            LengthClip(
                clip.rel_path,
                clip.items[0].text,
                tuple(dict.fromkeys(item.where for item in clip.items)),
                page.entries[clip.rel_path].timings,
            )
            for clip in page.clips
            if clip.rel_path in page.entries
        ]
        weak: dict[str, list[str]] = {}
        for pair in length_pairs(clips):
            if pair.reason:
                weak.setdefault(pair.short, []).append(pair.reason)
                weak.setdefault(pair.long, []).append(pair.reason)
        return {path: {"contrast": "; ".join(reasons)} for path, reasons in weak.items()}


FEATURE = LengthContrasts()
