"""Refused texts: a text the language gate refuses (or one no voice can be made to say
right) has no clip by design; the content needs a fix (the text, or its field's lang).

- verify: a refused text is *refused* with its reason, whatever its URL place holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .hooks import Feature, Problem

if TYPE_CHECKING:
    from ..content.item import Item
    from .checked import Checked


def _refused(scope: Checked) -> tuple[dict[int, str], set[int]]:
    """Why each refused text is, and which are refused for what they are said as (a
    plan's refusal), by the text's `id`."""
    prepared = scope.prepared
    return (
        {id(r.item): r.verdict.reason for r in prepared.refused},
        {id(r.item) for r in prepared.plan.refused},
    )


class RefusedTexts(Feature):
    name = "refused"

    def refuses(self, scope: Checked, item: Item) -> Problem | None:
        reasons, owned = scope.once("refused", _refused)
        why = reasons.get(id(item))
        if why is None:
            return None
        if id(item) not in owned:
            why += "; it has no clip by design: fix the text or its field's lang"
        return Problem(item.file, item.text_path, "refused", why)


FEATURE = RefusedTexts()
