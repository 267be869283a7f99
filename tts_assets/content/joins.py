"""Loading joins: each entry's drills (`content.sequence`: its texts' clips and silences)
and dialogues (`content.dialogue`: its lines, each said by its speaker's voice, and the
dialogue that joins them), as Items of kind `sequence` (`LoadResult.sequences`).

A line is a text like any field's (cleaned, its glosses left out, refused for what a
field's text is refused for: `skips.unsaid`, cut into its runs where it has spans in
another language: `lang_spans`), said by its speaker's voice. A line with a URL place of
its own (`line_url`) is one of the content's texts (`LoadResult.items`); one without is
said only inside its dialogue (`LoadResult.lines`).

What stops the run (InputError, exit 2, nothing written), as a field's wrong values do: a
line's text or speaker that is not a string, a line that names no speaker, a speaker the
config gives no voice. What skips one join, named in the report: an empty line, a line
with nothing to say, a part with no text; refused (exit 1), alone: a line too long, a join
past its bounds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..errors import InputError
from ..languages import Lang, resolved
from .dialogue import DialogueSpec, mark_inside, marked_lines
from .dialogue import beyond_bounds as dialogue_bounds
from .item import (
    Drill,
    Item,
    JsonPath,
    Part,
    TimingPlaces,
    describe_path,
    excerpt,
    found_item,
    stated,
)
from .lang_spans import Cut, Unsaid, cut_spans, marked, spanned, without_notes
from .places import Owner
from .selector import MISSING, Match, Selector, ShapeError, kind_of
from .sequence import SEQUENCE, SequenceSpec, beyond_bounds, described, not_loaded
from .skips import EMPTY, PLACEHOLDERS, Skip, unsaid
from .spec import FieldSpec, TypeSpec
from .text import clean

Claim = Callable[[Owner, str, Selector | None, Any, JsonPath, tuple[int, ...]], JsonPath | None]
"""The loader's claim of an owner's place (`load._Walker._claim`): the place `key` names
for the text matched with `binds`, checked and owned; InputError where another owner of
the file writes there too."""


HeldPlace = tuple[str, Path, JsonPath, str, Any]
"""A place holding a URL or word timings, as `load.Leftover`'s fields."""


class Found(Protocol):
    """Where the load puts what it finds (`load.LoadResult`)."""

    items: list[Item]
    lines: list[Item]
    sequences: list[Item]
    skipped: list[Skip]


def matches_in(selector: Selector, entry: Any, file: Path, base: JsonPath) -> list[Match]:
    """`selector`'s matches in the entry at `base` of `file`; InputError naming the place
    whose shape it cannot read."""
    try:
        return selector.matches(entry)
    except ShapeError as e:
        raise InputError(f"{describe_path(file, base + e.path)}: {e}; fix the entry") from None


class Joins:
    """The drills and dialogues of one type in one content file, found entry by entry."""

    def __init__(
        self, spec: TypeSpec, path: Path, found: Found, claim: Claim, urls: list[HeldPlace]
    ) -> None:
        self.spec = spec
        self.path = path
        self.found = found
        self.strung = bool(spec.sequences)
        """Whether drills are strung of its fields' texts (`walk`'s `found`)."""
        self.claim = claim
        self.urls = urls
        """Every line URL place that holds a URL (what is not claimed is left over)."""

    def walk(
        self,
        entry: Any,
        base: JsonPath,
        fields: Sequence[FieldSpec],
        found: dict[tuple[str, tuple[int, ...]], Item | None] | None,
    ) -> None:
        """The drills and dialogues of one entry (`base`: where it is in the file; `found`:
        the texts its fields found, by field and `[]` binding, where drills are strung)."""
        if found is not None:
            self._drills(entry, base, fields, found)
        for dialogue in self.spec.dialogues:
            self._dialogues(dialogue, entry, base)

    def _dialogues(self, dialogue: DialogueSpec, entry: Any, base: JsonPath) -> None:
        """The dialogues of one entry, one by the binding of its URL's `[]`, from the lines
        each holds, and what each line's speaker place holds (none: `NAME: text`)."""
        if dialogue.line_url_selector is not None:  # checked when it is claimed
            for m in dialogue.line_url_selector.found(entry):
                if isinstance(m.value, str) and m.value:
                    held = (self.spec.name, self.path, base + m.path, dialogue.name, m.value)
                    self.urls.append(held)
        speakers = {}
        if dialogue.speaker_selector is not None:
            found = matches_in(dialogue.speaker_selector, entry, self.path, base)
            speakers = {m.binds: m.value for m in found}
        each = dialogue.url_selector.each_count
        texts: dict[tuple[int, ...], list[Match]] = {} if each else {(): []}
        for match in matches_in(dialogue.text_selector, entry, self.path, base):
            texts.setdefault(match.binds[:each], []).append(match)
        for binds, lines in texts.items():
            self._dialogue(dialogue, entry, base, binds, lines, speakers)

    def _drills(
        self,
        entry: Any,
        base: JsonPath,
        fields: Sequence[FieldSpec],
        found: dict[tuple[str, tuple[int, ...]], Item | None],
    ) -> None:
        """The drill sequences of one entry (`content.sequence`), from the texts `found`
        in it (by field and `[]` binding; None: a place with nothing to say)."""
        steps = {f.name: f.url_selector.each_count for f in fields}
        for sequence in self.spec.sequences:
            each = sequence.url_selector.each_count
            # One sequence per binding of its first text part with the URL's [] steps.
            firsts = [
                binds
                for name, binds in found
                if name in sequence.fields and steps.get(name) == each
            ] or ([()] if each == 0 else [])
            for binds in dict.fromkeys(firsts):
                parts, missing = self._drill_parts(sequence, binds, steps, found)
                text = " · ".join(described(p) for p in parts)
                why = missing or beyond_bounds(parts)  # skipped for a missing part, else refused
                if why:
                    self._unmade(sequence, entry, base, binds, why, text, not missing)
                    continue
                lang = next(p.item.lang for p in reversed(parts) if p.item is not None)
                self._join(sequence, entry, base, binds, text, lang, parts)

    def _drill_parts(
        self,
        sequence: SequenceSpec,
        binds: tuple[int, ...],
        steps: dict[str, int],
        found: dict[tuple[str, tuple[int, ...]], Item | None],
    ) -> tuple[list[Part], str]:
        """The parts of one sequence, each text part with its text's item; and why a part
        has no text here ("" when every one has)."""
        parts: list[Part] = []
        for part in sequence.parts:
            if part.field is None:
                name = "answer" if part.answer else f"{part.seconds:g}s"
                parts.append(Part(name, seconds=part.seconds, answer=part.answer))
                continue
            if part.field not in steps:
                own = next((f for f in self.spec.fields if f.name == part.own_field), None)
                return parts, not_loaded(part, self.spec.name, own.rungs if own else ())
            item = found.get((part.field, binds if steps[part.field] else ()))
            if item is None:
                return parts, f'its part "{part.field}" has no text here'
            parts.append(Part(part.field, item=item))
        return parts, ""

    def _dialogue(
        self,
        dialogue: DialogueSpec,
        entry: Any,
        base: JsonPath,
        binds: tuple[int, ...],
        texts: list[Match],
        speakers: dict[tuple[int, ...], Any],
    ) -> None:
        """One dialogue: its lines, then the join of them (or a skip saying why not)."""
        parts: list[Part] = []
        unsaid_lines: list[Item] = []
        why: Unsaid | None = None
        """Why the dialogue is not made (its first line that is not said): refused (exit 1)
        or only named."""
        if all(_blank(m.value) for m in texts):  # no lines yet: a placeholder, an empty text
            self._unmade(dialogue, entry, base, binds, EMPTY)
            return
        self._no_line_beside(dialogue, base, binds, texts, speakers)
        n = 0
        for match in texts:
            for speaker, text in self._said(dialogue, base, match, speakers):
                n += 1
                line = self._line(dialogue, entry, base, match, speaker, text)
                if isinstance(line, Unsaid):
                    if why is None:
                        at = self._where(base + match.path)
                        said = (
                            f"its line {n} ({at}) is empty: write it, or remove the line"
                            if line.reason in PLACEHOLDERS
                            else f"its line {n} ({at}): {line.reason}"
                        )
                        why = Unsaid(said, line.refused)
                    continue
                if line.url_path == line.text_path:  # said only inside its dialogue
                    unsaid_lines.append(line)
                if parts and parts[-1].speaker != speaker:
                    parts.append(Part(f"{dialogue.pause:g}s", seconds=dialogue.pause))
                parts.append(Part(f"line {n} ({speaker})", item=line, speaker=speaker))
        text = "\n".join(
            f"{p.speaker}: " * bool(p.speaker) + (p.item.unmarked or p.item.spoken)
            for p in parts
            if p.item is not None
        )
        if why is None and (bounds := dialogue_bounds(parts)):
            why = Unsaid(bounds)
        if why is not None:
            self._unmade(dialogue, entry, base, binds, why.reason, text, why.refused)
            return
        self.found.lines += unsaid_lines
        self._join(dialogue, entry, base, binds, text, resolved(dialogue.lang), parts)

    def _unmade(
        self,
        owner: SequenceSpec | DialogueSpec,
        entry: Any,
        base: JsonPath,
        binds: tuple[int, ...],
        why: str,
        text: str = "",
        refused: bool = False,
    ) -> None:
        """A drill or a dialogue not made, and why (refused, or only named): skipped, and
        the URL it holds at its place left over, as a text's that is gone (cleared where it
        is the tool's: the clip it names is not this one's any more)."""
        url_path = base + owner.url_selector.place(binds)
        skip = Skip(self.spec.name, self.path, url_path, owner.name, why, url_path, text, refused)
        self.found.skipped.append(skip)
        for m in owner.url_selector.found(entry):
            if m.binds == binds and isinstance(m.value, str) and m.value:
                self.urls.append((self.spec.name, self.path, base + m.path, owner.name, m.value))

    def _join(
        self,
        owner: SequenceSpec | DialogueSpec,
        entry: Any,
        base: JsonPath,
        binds: tuple[int, ...],
        text: str,
        lang: Lang,
        parts: list[Part],
    ) -> None:
        """The Item of a join of `parts` (a drill's, a dialogue's): its URL and timings
        places claimed, its text `text` (its parts described), kind `sequence`."""
        url_path = base + owner.url_selector.place(binds)
        self.claim(owner, "url", owner.url_selector, entry, base, binds)
        timings = self.claim(owner, "timings", owner.timings_selector, entry, base, binds)
        places = None if timings is None else TimingPlaces(timings)
        self.found.sequences.append(
            found_item(
                type_name=self.spec.name,
                file=self.path,
                text_path=url_path,
                text=text,
                spoken=text,
                lang=lang,
                url_path=url_path,
                field=owner.name,
                kind=SEQUENCE,
                timings=places,
                made_from=Drill(tuple(parts)),
            )
        )

    def _no_line_beside(
        self,
        dialogue: DialogueSpec,
        base: JsonPath,
        binds: tuple[int, ...],
        texts: list[Match],
        speakers: dict[tuple[int, ...], Any],
    ) -> None:
        """InputError for a speaker of the dialogue `binds` with no line beside it (two
        parallel lists, a line deleted and its speaker left): every later line would be
        said by the voice of the speaker before it."""
        if dialogue.speaker_selector is None:
            return
        lines = {m.binds for m in texts}
        own = [at for at in speakers if at[: len(binds)] == binds]
        for at in own:
            if at not in lines:
                place = self._where(base + dialogue.speaker_selector.place(at))
                raise InputError(
                    f"{place}: a speaker with no line beside it ({len(lines)} lines, "
                    f"{len(own)} speakers): remove the speaker of the line deleted, or "
                    "write its line; fix the entry"
                )

    def _said(
        self,
        dialogue: DialogueSpec,
        base: JsonPath,
        match: Match,
        speakers: dict[tuple[int, ...], Any],
    ) -> list[tuple[str, str]]:
        """The lines a text found holds, (speaker, text) each: one, its speaker beside it;
        or each of its lines written `NAME: text`. An empty text is one empty line (its
        speaker ""); InputError for a text or a speaker that is not a string, and a line
        that names no speaker."""
        value = match.value
        if _blank(value):
            return [("", "")]
        if not isinstance(value, str):
            raise InputError(
                f"{self._where(base + match.path)}: expected a line's text (a string), "
                f"found {kind_of(value)}; fix the entry"
            )
        if dialogue.speaker_selector is None:
            lines = marked_lines(value, dialogue.lang, dialogue.speakers.names)
            if all(speaker is None for speaker, _ in lines):
                return [("", value)]  # no line names a speaker: one voice's (a monologue)
            named = [*dialogue.speakers.names, *(s for s, _ in lines if s)]
            for k, (speaker, text) in enumerate(lines, 1):
                if speaker is None:
                    raise InputError(
                        f'{self._where(base + match.path)}: line {k} ("{excerpt(text)}") '
                        "names no speaker; write it NAME: text (A: ...), one line each, or "
                        f"give the {self.spec.name}.{dialogue.name} dialogue a speaker place"
                    )
                if left := mark_inside(text, named):
                    raise InputError(
                        f'{self._where(base + match.path)}: line {k} ("{excerpt(text)}") '
                        f'holds the mark "{left}:" where a turn starts, which would be said; '
                        "start each turn on a line of its own, or after a sentence end and "
                        "a space (A: Hi. B: Hello.); fix the entry"
                    )
            return [(speaker or "", text) for speaker, text in lines]
        place = base + dialogue.speaker_selector.place(match.binds)
        speaker = speakers.get(match.binds, MISSING)
        if not isinstance(speaker, str) or not speaker.strip():
            raise InputError(
                f"{self._where(place)}: expected the line's speaker (a name, a string), found "
                f"{kind_of(speaker) if speaker is not MISSING else 'nothing'}; fix the entry"
            )
        if left := mark_inside(value, [speaker.strip(), *dialogue.speakers.names]):
            raise InputError(
                f'{self._where(base + match.path)}: the line ("{excerpt(value)}") holds '
                f'the mark "{left}:" where a turn starts, which would be said; its speaker is at '
                f"{self._where(place)}: remove the mark from the line; fix the entry"
            )
        return [(speaker.strip(), value)]

    def _line(
        self,
        dialogue: DialogueSpec,
        entry: Any,
        base: JsonPath,
        match: Match,
        speaker: str,
        text: str,
    ) -> Item | Unsaid:
        """The item of one line said by `speaker`'s voice (at its text's place when it has
        no URL place of its own: `LoadResult.lines`), cut into its runs as a field's text
        is (`lang_spans`); or why it is not said (which refuses its dialogue). InputError
        when the config gives `speaker` no voice, or a span's language is not voiced."""
        text_path = base + match.path
        mark = dialogue.lang_mark
        spoken, left_out = without_notes(clean(text, "text"), "text", resolved(dialogue.lang), mark)
        voice = dialogue.speakers.voice_of(speaker) if speaker else None
        if speaker and voice is None:
            place = match.path
            if dialogue.speaker_selector is not None:
                place = dialogue.speaker_selector.place(match.binds)
            named = dialogue.speakers.names
            known = f" (its speakers: {', '.join(named)})" if named else ""
            raise InputError(
                f'{self._where(base + place)}: the speaker "{speaker}" has no voice{known}; '
                f'give it one: speakers = {{ "{speaker}" = "VOICE" }} in [[types.'
                f"{self.spec.name}.dialogues]], [types.{self.spec.name}] or "
                f"[languages.{dialogue.lang}]"
            )
        reason = unsaid(spoken, "", False)
        if reason:
            return Unsaid(reason, reason.startswith("text too long"))
        cut = None
        if marked(spoken, "text", mark):
            cut = cut_spans(spoken, _Lines(dialogue.lang, mark), self._where(text_path))
            if isinstance(cut, Unsaid):
                return cut
        own = self.claim(dialogue, "line_url", dialogue.line_url_selector, entry, base, match.binds)
        url_path = text_path if own is None else own
        lang = resolved(dialogue.lang)
        line = found_item(
            type_name=self.spec.name,
            file=self.path,
            text_path=text_path,
            text=text,
            spoken=spoken,
            lang=lang,
            url_path=url_path,
            voice=voice,
            field=dialogue.name,
            stated=stated(None, None, None, left_out),
        )
        if isinstance(cut, Cut):
            line = spanned(line, cut)
        if url_path != text_path:
            self.found.items.append(line)  # a text of the content's, with its own URL
        return line

    def _where(self, path: JsonPath) -> str:
        return describe_path(self.path, path)


@dataclass(frozen=True)
class _Lines:
    """What cutting a line's spans asks of its field (`lang_spans.Field`): a dialogue's
    lines are in its language, marked by SSML's `<lang>` and its `lang_mark`, and have no
    twins."""

    lang: str
    lang_mark: str | None = None
    tempo: float = 1.0


def _blank(value: Any) -> bool:
    """Whether a text place holds nothing to say yet: absent, null, or only spaces."""
    return value is None or value is MISSING or (isinstance(value, str) and not value.strip())
