"""Refused texts: a text the language gate refuses (or one no voice can be made to say
right) has no clip by design; the content needs a fix (the text, or its field's lang).

- verify: a refused text is *refused* with its reason, whatever its URL place holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .hooks import Feature, Problem

if TYPE_CHECKING:
    from ..content.item import Item
    from .checked import Checked


@dataclass(frozen=True)
class _Refused:
    """Why each refused text is, and which are refused for what they are said as."""

    why: dict[int, str]
    """By the text's `id`."""
    owned: set[int]
    """The texts refused for what they are said as (a plan's refusal), by `id`."""


def _refused(scope: Checked) -> _Refused:
    prepared = scope.prepared
    return _Refused(
        why={id(r.item): r.verdict.reason for r in prepared.refused},
        owned={id(r.item) for r in prepared.plan.refused},
    )


class RefusedTexts(Feature):
    """Texts refused a clip (module docstring)."""

    name = "refused"

    def refuses(self, scope: Checked, item: Item) -> Problem | None:
        refused = scope.once("refused", _refused)
        if id(item) not in refused.why:
            return None
        why = refused.why[id(item)]
        if id(item) not in refused.owned:
            why += "; it has no clip by design: fix the text or its field's lang"
        return Problem(item.file, item.text_path, "refused", why)


FEATURE = RefusedTexts()
