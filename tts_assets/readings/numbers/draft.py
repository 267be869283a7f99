"""A text part way through the spoken-form rules: what it says so far, where each part
rewritten came from in the written text, and what was said as written.

Every rule rewrites through `Draft.sub`, so the map from the words said back to the
written text is built as the rules go (a later pass that rewrites words an earlier one
wrote maps them to the earlier one's written span): word timings of a clip are laid on
the content's text through it. Each pass costs the text's length plus the parts already
rewritten, so the map is linear to build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from . import tokens
from .needs import scanned

Span = tuple[int, int, int, int]
"""(written start, written end, spoken start, spoken end) of one part a rule rewrote."""


class Unsayable(Exception):
    """Raised by a rule that cannot say what it matched: the match is said as written and
    noted (`reason`), the rest of the text goes on."""


@dataclass
class Doubts:
    """What a text holds that the rules could not read with confidence: said as written."""

    found: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    _marks: dict[str, str] = field(default_factory=dict)

    def add(self, written: str, why: str, fix: str = "") -> str:
        """Record `written` as said as written (`why`; `fix`: what to write instead, for
        the reviewer), and return a mark that the later passes leave alone
        (`Draft.restore` puts `written` back)."""
        shown = written.strip()
        shown = shown if len(shown) <= 40 else shown[:36] + "…"
        self.found.append(f"{shown}: {why}; said as written" + (f": {fix}" if fix else ""))
        mark = self._marks.get(written)
        if mark is None:
            if len(self.kept) >= _MARKS:
                raise Unsayable("too many numbers said as written in one text")
            mark = self._marks[written] = chr(_MARK + len(self.kept))
            self.kept.append(written)
        return mark

    def note(self, message: str) -> None:
        """Record a guess the rules made (said, but worth a listen)."""
        self.found.append(message)


_MARK = 0xF0000
"""Marks of texts kept as written: Unicode's supplementary private use areas (planes 15
and 16, 131,068 marks: more than a text of 20,000 characters can hold)."""
_MARKS = 0x10FFFE - _MARK
_MARKED = re.compile("[\U000f0000-\U0010fffd]")


class Draft:
    """A text being said: `text` is what it says so far; `spans()` where its rewritten
    parts came from in `written`; `doubts` what was said as written."""

    def __init__(self, written: str) -> None:
        self.written = written
        self.text = written
        self.doubts = Doubts()
        self._parts: list[tuple[int, int, bool]] = [(len(written), len(written), False)]
        """The text as consecutive parts: (length now, length written, rewritten); a
        part not rewritten is the written text as it was."""

    def sub(self, pattern: re.Pattern[str], say: Callable[[re.Match[str]], str]) -> None:
        """Rewrite each match of `pattern` as `say` gives it (as `re.sub` would). A match
        `say` cannot say (`Unsayable`) is said as written and noted; so is the number a
        rewritten match reads only part of (`tokens.read_in_part`), instead of the match.
        A text without what every match needs (`needs`: a `%`, a digit) is not scanned."""
        text, doubts = self.text, self.doubts
        wanted, scan = scanned(pattern)
        if not wanted.met_by(text):
            return
        edits: list[tuple[int, int, str]] = []
        read_in_part, done = tokens.read_in_part, 0  # where the last edit ends
        for m in scan.finditer(text):
            at = m.start()
            if at < done:
                continue  # inside a number said as written in part of this pass
            noted = len(doubts.found)
            written = m[0]
            try:
                said = say(m)
            except Unsayable as reason:
                said = doubts.add(written, str(reason))
            if said == written:
                continue
            part = read_in_part(m)
            if part is None:
                edit = _narrowed(written, at, said)
                edits.append(edit)
                done = edit[1]
                continue
            # A rule read part of a number (`1` of `1 299,99`, `978-3` of an ISBN): it
            # fits a shape it was not written for, so the number is said as written.
            del doubts.found[noted:]
            start, end = part.start, part.end
            if edits:  # a token longer than the window, its start said as written already
                start = max(start, edits[-1][1])
            if start < end:
                edits.append((start, end, doubts.add(text[start:end], part.why, part.fix)))
                done = end
        if edits:
            self._apply(edits)

    def restore(self) -> None:
        """Put what the rules said as written back in place of its marks."""
        kept = self.doubts.kept
        if kept:
            self.sub(
                _MARKED,
                lambda m: kept[ord(m[0]) - _MARK] if ord(m[0]) - _MARK < len(kept) else m[0],
            )

    def spans(self) -> tuple[Span, ...]:
        """Each rewritten part as (written start, written end, spoken start, spoken
        end), in order; a part said as it was written is left out."""
        found = []
        now = written = 0
        for length, written_length, rewritten in self._parts:
            said = self.text[now : now + length]
            if rewritten and said != self.written[written : written + written_length]:
                found.append((written, written + written_length, now, now + length))
            now += length
            written += written_length
        return tuple(found)

    def _apply(self, edits: list[tuple[int, int, str]]) -> None:
        """Make `edits` ((start, end, said) in order, apart) and map each to the written
        text: an edit and the parts rewritten before that it reaches into become one part;
        the text around keeps its place (a part as written is cut where an edit starts
        or ends)."""
        text, walk = self.text, _Walk(self._parts)
        parts: list[tuple[int, int, bool]] = []
        pieces: list[str] = []
        last = j = 0
        while j < len(edits):
            start, end, said = edits[j]
            walk.keep_before(parts, start)
            region_start = min(start, walk.pos) if walk.rest is not None else start
            region_end, written, grown = end, 0, 0
            while True:
                grown += len(said) - (end - start)
                pieces += (text[last:start], said)
                last = end
                taken, region_end = walk.take(max(region_end, end))
                written += taken
                if j + 1 < len(edits) and edits[j + 1][0] < region_end:
                    j += 1  # an edit that starts inside the region joins it
                    start, end, said = edits[j]
                    continue
                break
            parts.append((region_end - region_start + grown, written, True))
            j += 1
        walk.keep_rest(parts)
        pieces.append(text[last:])
        self.text = "".join(pieces)
        self._parts = parts


class _Walk:
    """A walk through the parts of a text before its edits (`Draft._parts`): `rest` is
    what is left of the part it is at (None past the last), starting at `pos` in the text."""

    def __init__(self, old: list[tuple[int, int, bool]]) -> None:
        self.old = old
        self.k = self.pos = 0
        self.rest: tuple[int, int, bool] | None = old[0] if old else None

    def step(self, length: int) -> None:
        """On past the rest of this part (`length` long now) to the next."""
        self.pos += length
        self.k += 1
        self.rest = self.old[self.k] if self.k < len(self.old) else None

    def keep_before(self, parts: list[tuple[int, int, bool]], start: int) -> None:
        """Keep the parts before an edit at `start`, the one it starts in cut if it is
        written as it was."""
        while self.rest is not None and self.pos + self.rest[0] <= start:
            if not (self.rest[0] or self.pos < start):
                break
            _keep(parts, self.rest)
            self.step(self.rest[0])
        if self.rest is not None and self.pos < start and not self.rest[2]:
            cut = start - self.pos
            _keep(parts, (cut, cut, False))
            self.rest = (self.rest[0] - cut, self.rest[1] - cut, False)
            self.pos = start

    def take(self, region_end: int) -> tuple[int, int]:
        """Take the parts of an edit's region up to `region_end`: their written length,
        and where the region ends (a rewritten part is never cut: the edit takes it all;
        a part as written is cut there)."""
        written = 0
        while self.rest is not None and self.pos < region_end:
            length, written_length, rewritten = self.rest
            if self.pos + length <= region_end:
                written += written_length
            elif rewritten:
                written += written_length
                region_end = self.pos + length
            else:
                taken = region_end - self.pos
                written += taken
                self.rest = (length - taken, length - taken, False)
                self.pos = region_end
                break
            self.step(length)
        return written, region_end

    def keep_rest(self, parts: list[tuple[int, int, bool]]) -> None:
        """Keep every part after the last edit."""
        while self.rest is not None:
            _keep(parts, self.rest)
            self.step(self.rest[0])


def _keep(parts: list[tuple[int, int, bool]], part: tuple[int, int, bool]) -> None:
    """Append `part`, one with the part before when both are as written."""
    if parts and not part[2] and not parts[-1][2]:
        parts[-1] = (parts[-1][0] + part[0], parts[-1][1] + part[1], False)
    elif part[0] or part[1]:
        parts.append(part)


def _narrowed(written: str, at: int, said: str) -> tuple[int, int, str]:
    """The edit of `written` (at `at`) to `said` without the words both begin or end with
    (`17:00 Uhr` → `siebzehn Uhr` is `17:00` → `siebzehn`), so each part of the map is
    as small as whole words allow."""
    head = tail = 0
    if written[:1] == said[:1]:  # most edits differ at both ends: nothing to narrow
        for a, b in zip(written, said, strict=False):
            if a != b:
                break
            head += 1
        while head and not written[head - 1].isspace():
            head -= 1  # back to the last space: whole words
    if written[-1:] == said[-1:]:
        most = min(len(written), len(said)) - head
        while tail < most and written[-1 - tail] == said[-1 - tail]:
            tail += 1
        while tail and not written[-tail].isspace():
            tail -= 1
    return at + head, at + len(written) - tail, said[head : len(said) - tail]
