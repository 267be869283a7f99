"""Why a text place gives no clip: a placeholder (nothing written there yet), nothing to
say, or a text too long to be said at once; what the load reports of each (`Skip`).

Shared by every loader of texts (`load`: a field's texts; `joins`: a dialogue's
lines), so a line of a dialogue is refused for what a field's text is refused for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..pauses import only_pauses, says_something
from .item import JsonPath, describe_path

MAX_TEXT_CHARS = 5000
"""The longest text spoken at once into one clip (about ten minutes of Japanese speech)."""

MAX_PASSAGE_CHARS = 20_000
"""The longest passage spoken sentence by sentence into one clip (`split`: about forty
minutes of speech; each sentence is its own synthesis, with its own time limit)."""

EMPTY = "empty text"
NULL = "no text (null)"
MISSING_KEY = "no text (key missing)"
NO_BLANK = "no blank to fill (a cloze's filled sentence)"
PLACEHOLDERS = (EMPTY, NULL, MISSING_KEY, NO_BLANK)
"""Skip reasons of places that hold no text yet: counted, not listed one by one."""


@dataclass(frozen=True)
class Skip:
    """A text place with nothing to say (empty, null, absent): reported, not an error."""

    type_name: str
    """The content type that looked there."""
    file: Path
    """The JSON file."""
    text_path: JsonPath
    """Where the text is (or would be) in the document."""
    field: str
    """The spec field that looked there."""
    reason: str
    """Why it was skipped: `empty text`, `no text (null)`, `no text (key missing)`."""
    url_path: JsonPath
    """Where its URL would go."""
    text: str = ""
    """The text, when there was one (a refused text: too long)."""
    refused: bool = False
    """A text no clip is made of by design (too long): listed, and the run exits 1."""

    @property
    def where(self) -> str:
        return describe_path(self.file, self.text_path)

    @property
    def placeholder(self) -> bool:
        """A place with no text yet (empty, null, absent), not a text that was refused."""
        return self.reason in PLACEHOLDERS


def unsaid(spoken: str, cloze: str, split: bool) -> str:
    """Why a text said as `spoken` is not said (`cloze`: its cloze's reason, or ""): empty,
    nothing to say, or too long for one clip (`split`: a passage's limit); else ""."""
    if not spoken:
        return cloze or EMPTY
    if not says_something(spoken):
        return "nothing to say (no letter or digit)"
    if only_pauses(spoken):
        return "nothing to say (only pauses)"
    if len(spoken) > (limit := MAX_PASSAGE_CHARS if split else MAX_TEXT_CHARS):
        said = "spoken as one clip" if split else "spoken at once"
        return (
            f"text too long ({len(spoken):,} characters; at most {limit:,} are "
            f"{said}): split it into several entries"
        )
    return cloze
