"""The clips content refers to: every string in its documents that ends with a clip path.

What prune keeps (a clip a URL still names is never deleted) and what verify calls unused.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..content.document import Document
from ..store.layout import clip_path_in


def referenced_paths(documents: Iterable[Document]) -> set[str]:
    """The clip path every string in the documents ends with (URLs with any prefix)."""
    found: set[str] = set()
    stack: list[Any] = [doc.data for doc in documents]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            # Most strings are texts and ids: a clip path has a slash.
            if "/" in value and (path := clip_path_in(value)) is not None:
                found.add(path)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return found
