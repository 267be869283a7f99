"""Spans in another language inside a text: each said by its language's voice, the clips
joined into the text's one clip.

    今日は<lang xml:lang="en">apple</lang>を食べます。

SSML's `<lang xml:lang="en">…</lang>` marks a span in a field of texts (kind `text`) and in
a dialogue's lines; a field or a dialogue may name the course's own mark too (`lang_mark`,
`course_mark`). The text is cut into runs, each a text of its own (an `Item` in
`Spans.parts`): judged by the gate, read and said in its language by that language's
voice, keyed and billed as any text. The text's clip joins them
(`planning.recipes.Spanned`) with the pauses written at their edges between them, else a
gap by the punctuation there (`_gap`). The rules a mark is held to are the user's page's
(docs/content-types.md, "Spans in another language inside a text"); a mark that is not
well formed refuses the text with how to write it, and a span in a language tts-assets
does not voice stops the run at load. Every pattern reads a bounded window from where a
mark starts, so a text is read in linear time however many marks it holds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from ..errors import InputError
from ..languages import LANGUAGES, Lang, language, resolved, same_language, title_of
from ..pauses import (
    MOST_MARKERS,
    MOST_S,
    SENTENCE_S,
    edge_pauses,
    marker_spans,
    pause_seconds,
    says_something,
    tag_attributes,
)
from ..scripts.letters import without_glosses
from .gate import FileVotes, Refusal, check_text
from .item import Item, Part, Spans, excerpt, stated
from .places import SpecError


def check_language(key: str, lang: object) -> None:
    """SpecError (naming `key`) where `lang` is not a language code tts-assets voices."""
    if not isinstance(lang, str) or not re.fullmatch(CODE, lang):
        raise SpecError(key, f"{lang!r} is not a language code like ja, en, en-US")
    if language(lang) is None:
        raise SpecError(
            key,
            f'"{lang}" ({title_of(lang)}) is not a language tts-assets voices: it has no '
            "language gate for its script and no provider here is known to say it right; "
            f"use one of {', '.join(LANGUAGES)}, or leave it out",
        )


SPANS_VERSION = "2"
"""Bump on any change to how the runs of a text are cut or joined (in every such clip's
content key). 2: a join records its text without its marks (`making.spans`), which its
sentences are cut from and the drills and dialogues that join it show."""

MOST_SPANS = MOST_MARKERS
"""The most runs one text may be cut into (as a text's pause markers)."""

WORD_GAP_S = 0.08
"""The silence between two runs where the text writes no pause and no punctuation."""
CLAUSE_GAP_S = 0.2
"""The silence between two runs where a comma (、 , ; :) stands between them."""

CODE = r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*"
"""A language code as a field or a span names it (`ja`, `en`, `en-US`, `pt_BR`)."""
_CODE = re.compile(CODE)

HOW = '<lang xml:lang="en">…</lang>'
"""How a span is written, for messages."""

_SSML = (
    r"(?P<so><\s*lang\b(?P<sa>[^<>]{0,200})>)"
    r"|(?P<sc><\s*/\s*lang\s*>)"
    r"|(?P<sl><\s*/?\s*lang(?![\w:-]))"
)
"""An SSML `<lang …>`, a `</lang>`, and what looks like one but is neither."""

_SENTENCE_END = frozenset("。．！？!?.…")
_CLAUSE_END = frozenset("、，,;；:：")


@dataclass(frozen=True, slots=True)
class CourseMark:
    """A course's own mark of a span (`lang_mark`), as patterns: where a span opens (with
    its language code) and where it closes."""

    opener: str
    """The pattern of its opening (its code in the group `ol`)."""
    closer: str
    """The pattern of its closing (its code, where it repeats it, in the group `cl`)."""
    first: str
    """The character it opens with (the quick test)."""


@functools.lru_cache(maxsize=64)
def course_mark(written: str) -> CourseMark:
    """The mark the config writes (`"[{lang}]{text}[/{lang}]"`, `"{{lang}:{text}}"`): its
    characters as written, `{lang}` where the code goes and `{text}` where the words go;
    SpecError where it cannot mark a span alone."""
    if not isinstance(written, str):
        raise SpecError("lang_mark", "expected the mark as the course writes it (a string)")
    pieces = re.split(r"(\{lang\}|\{text\})", written)
    if pieces.count("{text}") != 1:
        raise SpecError("lang_mark", f'"{written}" holds {{text}} once, where the words go')
    at = pieces.index("{text}")
    opening, closing = pieces[:at], pieces[at + 1 :]
    if opening.count("{lang}") != 1 or closing.count("{lang}") > 1:
        raise SpecError(
            "lang_mark",
            f'"{written}" holds {{lang}} once before {{text}} (and at most once after it)',
        )
    if not opening[0] or not opening[-1] or not "".join(closing):
        raise SpecError(
            "lang_mark",
            f'"{written}": a mark opens with a character of its own, has one between its '
            "{lang} and its {text}, and closes with one: [{lang}]{text}[/{lang}]",
        )

    def pattern(parts: list[str], group: str) -> str:
        return "".join(f"(?P<{group}>{CODE})" if p == "{lang}" else re.escape(p) for p in parts)

    return CourseMark(pattern(opening, "ol"), pattern(closing, "cl"), opening[0][0])


@functools.lru_cache(maxsize=64)
def _tokens(mark: str | None) -> re.Pattern[str]:
    """Where a span opens or closes, for the course's `mark` and SSML's."""
    own = ""
    if mark is not None:
        found = course_mark(mark)
        own = f"(?P<co>{found.opener})|(?P<cc>{found.closer})|"
    return re.compile(own + _SSML, re.IGNORECASE)


def marked(text: str, kind: str, mark: str | None) -> bool:
    """Whether `text` (a field of `kind`, whose course marks spans with `mark`) holds a
    span mark, or something meant as one: a quick test before reading it (`cut`)."""
    if kind != "text":
        return False
    quick = "<" in text or (mark is not None and course_mark(mark).first in text)
    return quick and _tokens(mark).search(text) is not None


@dataclass(frozen=True, slots=True)
class Run:
    """A run of a text in one language: a span, or the text between spans."""

    lang: Lang
    text: str
    """Its words as written (the pauses between them kept), its glosses left out."""
    left_out: tuple[str, ...] = ()
    """Glosses in another script than its language's, left unsaid (`without_glosses`)."""
    mark: str | None = None
    """How it is marked (`<lang xml:lang="en">`); None: the field's own text."""


@dataclass(frozen=True, slots=True)
class Cut:
    """A text cut into its runs, and the silence between each two."""

    runs: tuple[Run, ...]
    gaps: tuple[float, ...]
    text: str = ""
    """The text without its marks, as a learner reads it (`Spans.text`)."""


@dataclass(frozen=True, slots=True)
class Unsaid:
    """Why a text is not said (one with span marks; a dialogue's line, `joins`): refused
    (listed, exit 1), or left out (`refused` False: noted; a twin of a text with spans)."""

    reason: str
    refused: bool = True


class Field(Protocol):
    """What `cut_spans` asks of the field that found a text (`spec.FieldSpec`)."""

    @property
    def lang(self) -> str: ...
    @property
    def lang_mark(self) -> str | None: ...
    @property
    def tempo(self) -> float: ...


def cut_spans(
    text: str, field: Field, where: str, stated: tuple[str | None, ...] = ()
) -> Cut | Unsaid:
    """`text` (found by `field` at `where`) cut into its runs, or why it is not said (a
    reading or accent `stated` of the whole text, a slow twin); InputError for a span in
    a language tts-assets does not voice."""
    raw = _raw_runs(text, field.lang, field.lang_mark)
    if isinstance(raw, str):
        return Unsaid(raw)
    for code, _, shown in raw:
        if shown is not None and language(code) is None:
            named = f"{title_of(code)} ({code})" if title_of(code) != code else f'"{code}"'
            raise InputError(
                f"{where}: {shown} is a span in {named}, which tts-assets does not voice; "
                f"write one of {', '.join(LANGUAGES)} in it, or remove the mark"
            )
    found = _runs(raw)
    if isinstance(found, str):
        return Unsaid(found)
    runs = found.runs
    if len(runs) > MOST_SPANS:
        return Unsaid(f"a text of {len(runs)} runs (at most {MOST_SPANS}): split it")
    alone = len(runs) == 1 and runs[0].mark is None
    if any(given is not None for given in stated) and not alone:
        return Unsaid(
            "its content states a reading or an accent of the whole text, which none of "
            "its spans in other languages can take: remove it, or the marks"
        )
    if field.tempo != 1.0 and len(runs) > 1:
        return Unsaid("a text with spans in another language has no slow twin yet", False)
    return found


def _raw_runs(text: str, lang: str, mark: str | None) -> list[tuple[str, str, str | None]] | str:
    """The runs of `text` as marked (language, text, how it is marked; None for the
    field's own text), a mark in the field's language its own text; or what is wrong with
    a mark."""
    scan = _Scan(text, lang)
    for token in _tokens(mark).finditer(text):
        problem = scan.read(token)
        if problem is not None:
            return problem
    if scan.opened is not None:
        close = "</lang>" if scan.opened[3] else "the mark's closing"
        return f"{scan.opened[2]}: not closed; close it with {close}"
    scan.raw.append((lang, text[scan.at :], None))
    merged: list[tuple[str, str, str | None]] = []
    for run in scan.raw:
        own = run[2] is None or same_language(run[0], lang)
        if own and merged and merged[-1][2] is None:
            merged[-1] = (lang, merged[-1][1] + run[1], None)
        else:
            merged.append((lang, run[1], None) if own else run)
    return merged


class _Scan:
    """A text read mark by mark: its runs so far, and the span open now."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.raw: list[tuple[str, str, str | None]] = []
        self.opened: tuple[str, int, str, bool] | None = None
        """The span open now: its code, where its words start, its mark, whether SSML's."""
        self.at = 0
        """Where the text after the last mark starts."""

    def read(self, token: re.Match[str]) -> str | None:
        """Take the mark `token` (where a span opens or closes); what is wrong with it."""
        shown = excerpt(token.group(), 30)
        if token.group("sl") is not None:
            return f"{shown}: not a <lang> tag (unclosed, or not one): write {HOW}"
        ssml = token.group("so") is not None or token.group("sc") is not None
        opening = token.group("so") is not None or (not ssml and token.group("co") is not None)
        if opening and self.opened is not None:
            return f"{shown}: a span inside a span ({self.opened[2]}): close the first one first"
        elif opening:
            code = _ssml_code(token.group("sa")) if ssml else token.group("ol")
            if not _CODE.fullmatch(code):
                return f"{shown}: {code}"
            self.raw.append((self.lang, self.text[self.at : token.start()], None))
            self.opened = (code, token.end(), shown, ssml)
        elif self.opened is None:
            return f"{shown}: closes no span: write {HOW}"
        else:
            code, start, opener, was_ssml = self.opened
            closing_code = None if ssml else token.groupdict().get("cl")
            if was_ssml != ssml or (closing_code and not same_language(closing_code, code)):
                return f"{shown}: does not close {opener}"
            self.raw.append((code, self.text[start : token.start()], opener))
            self.opened = None
        self.at = token.end()
        if len(self.raw) > 2 * MOST_SPANS + 1:
            return f"more than {MOST_SPANS} runs in one text (at most {MOST_SPANS}): split it"
        return None


def _ssml_code(attributes: str) -> str:
    """The language code of an SSML `<lang …>` (its attributes), or what is wrong with it
    (a string that is no code)."""
    found = tag_attributes(attributes)
    if found is None:
        return f'its attributes are name="value": write {HOW}'
    names = [name.lower() for name, _ in found]
    if any(name != "xml:lang" for name in names):
        other = next(name for name in names if name != "xml:lang")
        return f'a <lang> takes xml:lang alone, not "{other}": write {HOW}'
    if len(found) != 1:
        return f"a <lang> names its language{' once' if found else ''}: write {HOW}"
    code = found[0][1].strip()
    if _CODE.fullmatch(code):
        return code
    return f'"{excerpt(code, 20)}" is not a language code like en, ja or en-US'


def _runs(raw: Sequence[tuple[str, str, str | None]]) -> Cut | str:
    """The runs that say something, with the silence between each two: the pauses written
    where one ends and the next starts, else a gap by the punctuation between them."""
    runs: list[Run] = []
    gaps: list[float] = []
    waiting = 0.0  # seconds of pauses written since the last run's words
    between = ""  # what stands between the last run's words and the next's
    asked = 0.0
    markers = 0
    for code, words, shown in raw:
        edges = edge_pauses(words)
        if isinstance(edges, str):
            return edges
        before, span, after = edges
        markers += len(marker_spans(words))
        said, left_out = ("", ()) if span is None else _said(words[span[0] : span[1]], code)
        if not said:
            # A span of pauses alone (a cloze's blank) is silence, not a span to refuse.
            if shown is not None and not marker_spans(words):
                what = "only a note" if says_something(words) else "no letter or digit"
                return f"{shown}…: its span says nothing ({what}): give it words, or remove it"
            waiting += before
            between += words
            continue
        waiting += before
        if runs:
            edge = runs[-1].text[-2:] + between + words[: span[0] if span else 0] + said[:1]
            gap = waiting if waiting > 0 else _gap(edge)
            gaps.append(round(gap, 3))
        elif waiting > 0:  # a pause that opens the text: silence before its first word
            said = f"[pause:{waiting:g}s] {said}"
        asked += waiting + pause_seconds(said)
        runs.append(Run(resolved(code), said, left_out, shown))
        waiting, between = after, words[span[1] :] if span else ""
    if markers > MOST_MARKERS or asked > MOST_S:
        return (
            f"too many pauses: {markers} pause markers, {asked:,.1f} s in all (at most "
            f"{MOST_MARKERS} and {MOST_S:g} s in one text): split it into several entries"
        )
    if not runs:
        return "nothing to say (no letter or digit)"
    return Cut(tuple(runs), tuple(gaps), "".join(words for _, words, _ in raw))


def without_notes(
    text: str, kind: str, lang: Lang, mark: str | None
) -> tuple[str, tuple[str, ...]]:
    """`text` (a field's of `kind` in `lang`) without its glosses in another script than
    its language's (`water (水)` in English: `without_glosses`), and the glosses; a
    reading as it is, and a text with spans as it is too (each run leaves out its own)."""
    known = lang.profile
    if kind == "reading" or known is None or marked(text, kind, mark):
        return text, ()
    return without_glosses(text, known.scripts)


def _said(words: str, code: str) -> tuple[str, tuple[str, ...]]:
    """A run's words as said (its glosses in another script left out, as a field's are:
    `load`), and the glosses; "" when it says nothing."""
    known = resolved(code).profile
    said, left_out = without_glosses(words, known.scripts) if known else (words, ())
    said = said.strip()
    return (said, left_out) if says_something(said) else ("", ())


def _gap(boundary: str) -> float:
    """The silence between two runs with `boundary` between their words (the end of the
    one, what stands between, the start of the next) and no pause written there."""
    if any(c in _SENTENCE_END for c in boundary):
        return SENTENCE_S
    if any(c in _CLAUSE_END for c in boundary):
        return CLAUSE_GAP_S
    return WORD_GAP_S


def spanned(
    item: Item, found: Cut, voice_of: Callable[[Lang], str | None] = lambda lang: None
) -> Item:
    """`item` as its runs say it: that run for a text of one; its runs' items in `Spans`,
    joined, for a text of several. A run in another language is said by `voice_of` it
    (the entry's voice of its rotation), else by its language's voice."""
    if len(found.runs) == 1:
        return _run_item(item, found.runs[0], item.field, voice_of, whole=True)
    parts: list[Part] = []
    for n, run in enumerate(found.runs):
        if n:
            gap = found.gaps[n - 1]
            parts.append(Part(f"{gap:g}s", seconds=gap))
        field = f"{item.field} ({run.lang})"
        parts.append(Part(run.lang.code, _run_item(item, run, field, voice_of)))
    return replace(item, made_from=Spans(tuple(parts), found.text))


def _run_item(
    item: Item,
    run: Run,
    field: str,
    voice_of: Callable[[Lang], str | None],
    *,
    whole: bool = False,
) -> Item:
    """The item of `run` of `item`'s text, said by `item`'s voice in its language, else by
    `voice_of` its language. What the content states of the text (reading, accent, filled
    sentence) is the run's only where it is the whole text: no run reads another's words."""
    own = run.mark is None
    kept = own and whole
    return replace(
        item,
        text=run.text,
        spoken=run.text,
        lang=item.lang if own else run.lang,
        voice=item.voice if own else voice_of(run.lang),
        field=field,
        stated=stated(
            item.reading if kept else None,
            item.accent if kept else None,
            item.kanji if kept else None,
            run.left_out,
            item.context if kept else None,
        ),
    )


def spans_of(item: Item) -> tuple[Part, ...]:
    """The runs and silences of a text in several languages; () for another text."""
    return item.made_from.parts if isinstance(item.made_from, Spans) else ()


def said_alone(items: Iterable[Item]) -> list[Item]:
    """`items` with each text in several languages as its runs: what is judged, read and
    said text by text."""
    found: list[Item] = []
    for item in items:
        parts = spans_of(item)
        if parts:
            found += [part.item for part in parts if part.item is not None]
        else:
            found.append(item)
    return found


def judged(items: Sequence[Item], files: FileVotes) -> list[Refusal]:
    """The items the language gate refuses, their verdicts counted in `files` (judged once
    every window is: `FileVotes.lines`); each run of a text in several languages judged in
    its own: a run refused refuses its text (listed once, its run's reason)."""
    whose = {id(part.item): item for item in items for part in spans_of(item) if part.item}
    refused: dict[int, Refusal] = {}
    for said in said_alone(items):
        verdict = check_text(said.spoken, said.lang.code)
        files.add(said, verdict)
        text = whose.get(id(said))
        if not verdict.refused or (text is not None and id(text) in refused):
            continue
        if text is None:
            refused[id(said)] = Refusal(said, verdict)
        else:
            why = f"its {said.lang.title} span: {verdict.reason}"
            refused[id(text)] = Refusal(text, replace(verdict, reason=why))
    return list(refused.values())
