"""Pauses written in a text: silence of their length in the clip, never spoken.

Two ways to write one, the second for texts that come from SSML tools:

    おはようございます。[pause:1.5s]こんにちは。
    Repeat after me. <break time="800ms"/> Good morning.

`[pause:1.5s]` and `[pause:500ms]` give the length; an SSML break gives `time` (s or ms)
or `strength` (none, x-weak, weak, medium, strong, x-strong: 0, 0.1, 0.25, 0.4, 0.75 and
1.2 s, the lengths we chose for SSML's words), or nothing (medium). A pause lasts at most
`LONGEST_S`. Pauses in a row add up; a pause at the start or the end of a text is left
out (a clip's edges are its own lead and tail). A marker that gives no length it can read
(`[pause:abc]`, `[pause:99s]`) is not guessed at: the text is refused with the marker
and how to write it.

The markers are read here once for everyone: the language gate and the bounds of a clip's
length read the text without them, the owner of what is said (`readings.saying`) cuts the
text at them, and the clip is made of its parts with the silences between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE_S = 0.3
"""Silence between the sentence pieces of a long text (where no pause is written)."""

LONGEST_S = 10.0
"""The longest pause a marker may ask for, in seconds."""

STRENGTHS = {
    "none": 0.0,
    "x-weak": 0.1,
    "weak": 0.25,
    "medium": 0.4,
    "strong": 0.75,
    "x-strong": 1.2,
}
"""Seconds of an SSML break given by its `strength`."""

RULES_VERSION = "1"
"""Bump when how a marker is read changes what a clip says (it is in the content key)."""

_MARKER = re.compile(
    r"\[pause(?P<colon>:(?P<length>[^\[\]\n]{0,32}))?\]|<break\b(?P<attributes>[^<>\n]{0,200})>",
    re.IGNORECASE,
)
"""A pause marker; each alternative reads a bounded window, so a text is read in linear
time however many unclosed `[pause` or `<break` it holds."""
_LENGTH = re.compile(r"\s*(\d{1,5}(?:\.\d{1,3})?)\s*(s|ms)\s*", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""(\w[\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
HOW = '[pause:1.5s], [pause:500ms] or <break time="1.5s"/>'
"""How a pause is written, for messages."""


@dataclass(frozen=True)
class Paused:
    """A text cut at its pauses."""

    parts: tuple[str, ...]
    """What is said, in order: the text between the pauses (stripped), never empty."""
    pauses: tuple[float, ...]
    """The seconds of silence between each two parts (one fewer than the parts)."""
    spans: tuple[tuple[int, int], ...]
    """Where each part is in the text (start, end), in order."""
    problem: str | None = None
    """Why a marker cannot be read (the text is refused), or None."""


def has_pause(text: str) -> bool:
    """Whether `text` may hold a pause marker (a quick test before reading it)."""
    lowered = text.lower()
    return "[pause" in lowered or "<break" in lowered


def split(text: str) -> Paused:
    """`text` cut at its pause markers (the whole text as one part when it has none)."""
    if not has_pause(text):
        stripped = text.strip()
        start = text.find(stripped) if stripped else 0
        return Paused((stripped,) if stripped else (), (), ((start, start + len(stripped)),))
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pauses: list[float] = []
    waiting = 0.0  # silence asked for since the last part
    at = 0
    for marker in _MARKER.finditer(text):
        seconds = _seconds(marker)
        if isinstance(seconds, str):
            return Paused((text.strip(),), (), ((0, len(text)),), seconds)
        if _add(text, at, marker.start(), parts, spans, pauses, waiting):
            waiting = 0.0
        waiting += seconds
        at = marker.end()
    _add(text, at, len(text), parts, spans, pauses, waiting)
    return Paused(tuple(parts), tuple(pauses), tuple(spans))


def _add(
    text: str,
    start: int,
    end: int,
    parts: list[str],
    spans: list[tuple[int, int]],
    pauses: list[float],
    waiting: float,
) -> bool:
    """Add the part text[start:end] (stripped), `waiting` seconds of silence after the
    part before it; False for a part of only spaces (its silence waits for the next)."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return False
    first = start + chunk.find(stripped)
    if parts:
        pauses.append(waiting)
    parts.append(stripped)
    spans.append((first, first + len(stripped)))
    return True


def _seconds(marker: re.Match[str]) -> float | str:
    """The seconds a marker asks for, or why it cannot be read."""
    shown = marker.group()
    if marker.group("attributes") is None:
        length = marker.group("length")
        if length is None:
            return f"{shown}: a pause gives its length: {HOW}"
        return _length(shown, length)
    attributes = {
        name.lower(): double or single  # findall gives "" for the quote not used
        for name, double, single in _ATTRIBUTE.findall(marker.group("attributes"))
    }
    if "time" in attributes:
        return _length(shown, attributes["time"])
    strength = attributes.get("strength", "medium").lower()
    if strength not in STRENGTHS:
        return f"{shown}: a break's strength is one of {', '.join(STRENGTHS)}; or write {HOW}"
    return STRENGTHS[strength]


def _length(shown: str, written: str) -> float | str:
    found = _LENGTH.fullmatch(written)
    if found is None:
        return f"{shown}: not a length; write {HOW}"
    value = float(found.group(1)) / (1000 if found.group(2).lower() == "ms" else 1)
    if value > LONGEST_S:
        return f"{shown}: a pause lasts at most {LONGEST_S:g} s; write a shorter one"
    return value


def without_pauses(text: str) -> str:
    """`text` with each marker a space: what is read, for checks that judge the words."""
    if not has_pause(text):
        return text
    return _MARKER.sub(" ", text)


def pause_seconds(text: str) -> float:
    """The seconds of silence `text`'s markers put inside its clip (0 for none, or for
    markers that cannot be read)."""
    if not has_pause(text):
        return 0.0
    found = split(text)
    return 0.0 if found.problem is not None else sum(found.pauses)


def written(
    parts: tuple[str, ...] | list[str], pauses: tuple[float, ...], unwritten: float = -1.0
) -> str:
    """Parts with their pauses written between them (`a [pause:1.5s] b`): what a clip
    says, for the manifest and a reviewer; a pause of `unwritten` seconds (the one between
    sentences) is a space."""
    out = parts[0] if parts else ""
    for part, seconds in zip(parts[1:], pauses, strict=False):
        out += f" {part}" if seconds == unwritten else f" [pause:{seconds:g}s] {part}"
    return out
