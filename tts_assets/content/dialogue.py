"""Dialogues: an entry's lines, each said by its speaker's voice, joined into one clip.

Listening comprehension is dialogue, and one voice reading both sides is the flaw learners
name first. Each line is its own clip, said by its speaker's voice (made and billed once, shared
with the line's own URL if it has one), and the lines are joined into one clip with a
pause between turns (`planning.recipes.Joined`, as a drill is). Its keys (`text`,
`speaker`, `line_url`, `url`, `timings`, `pause`, `speakers`, `lang_mark`) are declared in
`DIALOGUES` and explained on the user's page (docs/content-types.md, "Dialogues").

Without `speaker`, each text holds its lines written `NAME: text` (`marked_lines`). A
speaker's voice is the dialogue's `speakers`', else its type's, else its language's
(`Speakers`); a speaker with none stops the run at the line that names it. Lines of one
speaker in a row are one turn: no pause between them. A dialogue is bounded as a drill is
(`beyond_bounds`): one beyond is refused with its reason, alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..pauses import LONGEST_S, marker_seconds
from .item import Part
from .lang_spans import check_language, course_mark
from .places import (
    SPEAKER,
    TEXT,
    TIMINGS,
    URL,
    Placed,
    SpecError,
    one_place,
    place_beside,
)
from .selector import Selector, kind_of
from .sequence import MOST_SILENCE_S, silence_of
from .skips import MAX_PASSAGE_CHARS
from .text import clean, sentence_ends
from .type_tables import Join, TableKey, place_key

PAUSE_S = 0.8
"""The silence between two turns, by default: a breath longer than a sentence's (0.3 s),
so a learner hears that another person speaks."""

MOST_LINES = 100
"""The most lines one dialogue may have (as a text's pause markers)."""

MOST_SPEAKERS = 50
"""The most speakers one table of speakers may name."""

SPEAKER_CHARS = 40
"""The longest speaker's name: what a line's mark (`NAME: `) may hold."""

_MARK = re.compile(rf"^(?P<speaker>[^:：\n]{{1,{SPEAKER_CHARS}}}?)\s*[:：]\s*(?P<text>.*)$")
"""A line written `NAME: text` (a full-width colon too: `店員：いらっしゃいませ。`)."""


@dataclass(frozen=True)
class Speakers:
    """Who says a dialogue's lines: each speaker's voice, and where the config names it."""

    own: tuple[tuple[str, str], ...] = ()
    """The dialogue's `speakers` (speaker, voice), in the order given."""
    typed: tuple[tuple[str, str], ...] = ()
    """Its type's (`[types.T] speakers`), under its own."""
    language: tuple[tuple[str, str], ...] = ()
    """Its language's (`[languages.xx] speakers`), under its type's (set by the run's
    voices: `planning.voices.Voices.cast`)."""

    def voice_of(self, speaker: str) -> str | None:
        """The voice that says `speaker`'s lines, from the first table that names it;
        None: the config names none."""
        voices = (dict(table).get(speaker) for table in (self.own, self.typed, self.language))
        return next((voice for voice in voices if voice is not None), None)

    @property
    def names(self) -> list[str]:
        """Every speaker named, its own first."""
        every = (*self.own, *self.typed, *self.language)
        return list(dict.fromkeys(s for s, _ in every))


@dataclass(frozen=True)
class DialogueSpec(Placed):
    """One dialogue of a type: where its lines and speakers are, where its URL and timings
    go, its pause and its speakers' voices (module docstring)."""

    table = "dialogue"

    text: str
    """Path expression of its lines' texts: with one `[]` more than `url`, a line each
    (its speaker at `speaker`); with the url's, texts of lines written `NAME: text`."""
    url: str
    """Path expression of where each dialogue's URL is written."""
    speaker: str | None = None
    """Path expression of each line's speaker, with the text's `[]`; None: each line names
    its speaker at its start (`A: ...`)."""
    line_url: str | None = None
    """Path expression of each line's own clip's URL, with the text's `[]` (with `speaker`);
    None: a line's clip has no URL of its own."""
    timings: str | None = None
    """Path expression of where each line's times go (`[{start, end, speaker, voice,
    text}]`, ms), with the URL's `[]`; None: the manifest only."""
    pause: float = PAUSE_S
    """The silence between two turns, in seconds (`"800ms"`, `"1s"`, or a number)."""
    speakers: Speakers = field(default_factory=Speakers)
    """Each speaker's voice (`speakers = { A = "jf_alpha" }`)."""
    lang: str = "ja"
    """Its lines' language; default: the content language (--lang)."""
    lang_mark: str | None = None
    """A span mark of the course's own in its lines (`"[{lang}]{text}[/{lang}]"`), beside
    SSML's `<lang>`, as a field's `lang_mark`."""
    name: str = ""
    """Its name in reports; defaults to the URL expression."""
    text_selector: Selector = field(init=False, repr=False, compare=False)
    url_selector: Selector = field(init=False, repr=False, compare=False)
    speaker_selector: Selector | None = field(init=False, repr=False, compare=False)
    line_url_selector: Selector | None = field(init=False, repr=False, compare=False)
    timings_selector: Selector | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.lang_mark is not None:
            course_mark(self.lang_mark)
        check_language("lang", self.lang)
        url = one_place("url", self.url)
        text = one_place("text", self.text)
        if text.each_count not in (url.each_count, url.each_count + 1):
            raise SpecError(
                "text",
                f'url "{url.source}" has {url.each_count} "[]" and text "{text.source}" has '
                f"{text.each_count}: give the text the url's [] (a text of lines written "
                '"NAME: text") or one more (a line each, with speaker)',
            )
        speaker = None
        if self.speaker is not None:
            speaker = place_beside("speaker", self.speaker, text, "text")
        if speaker is not None and speaker.steps == text.steps:
            raise SpecError("speaker", f'"{self.speaker}" is the text\'s own place; give the '
                            'place of each line\'s speaker, e.g. "lines[].speaker"')  # fmt: skip
        line_url = None
        if self.line_url is not None:
            if speaker is None:
                raise SpecError(
                    "line_url",
                    "a line's own URL needs its speaker beside it (speaker): a text of lines "
                    'written "NAME: text" may hold several lines',
                )
            line_url = place_beside("line_url", self.line_url, text, "text")
        timings = None if self.timings is None else place_beside("timings", self.timings, url)
        for name, value in (
            ("text_selector", text),
            ("url_selector", url),
            ("speaker_selector", speaker),
            ("line_url_selector", line_url),
            ("timings_selector", timings),
        ):
            object.__setattr__(self, name, value)
        if not self.name:
            object.__setattr__(self, "name", url.source)


def _dialogue(body: Mapping[str, Any], typed: Mapping[str, Any], lang: str) -> DialogueSpec:
    """A `[[types.X.dialogues]]` table, its speakers over its type's (`typed`), `lang`
    (the content language) its own by default."""
    own, of_type = speakers_of(body.get("speakers", {})), speakers_of(typed.get("speakers", {}))
    pause = pause_of(body.get("pause", PAUSE_S))
    return DialogueSpec(
        **{"lang": lang, **body, "pause": pause, "speakers": Speakers(own, of_type)}
    )


DIALOGUES = Join(
    "dialogues",
    (
        TableKey("name", "a string"),
        place_key("dialogue", "text", TEXT, "its lines' texts", "none"),
        place_key("dialogue", "speaker", SPEAKER, "its lines' speakers", "text"),
        place_key(
            "dialogue",
            "url",
            URL,
            "its URL",
            "none",
            "dialogueAudioUrl",
            "{stem}DialogueUrl",
        ),
        place_key(
            "dialogue",
            "timings",
            TIMINGS,
            "its lines' timings",
            "url",
            "dialogueLines",
            "{stem}Lines",
        ),
        place_key(
            "dialogue",
            "line_url",
            URL,
            "its lines' own URLs",
            "text",
            "audioUrl",
            "lineAudioUrl",
        ),
        TableKey("pause", 'a length, like "800ms" (or seconds, a number)', (str, int, float)),
        TableKey("speakers", 'a table of SPEAKER = "VOICE"', (object,)),
        TableKey("lang", "a language code (a string)"),
        TableKey(
            "lang_mark", "the mark as the course writes it, with {lang} and {text} (a string)"
        ),
    ),
    ("text", "url"),
    _dialogue,
    owner=DialogueSpec,
    type_keys=(
        TableKey(
            "speakers",
            'a table of SPEAKER = "VOICE"',
            (object,),
            doc="Who says its dialogues' lines, under a dialogue's own speakers, over its "
            "language's.",
        ),
    ),
    alone=True,
)
"""Dialogues: `[[types.X.dialogues]]`, their keys and places, and the type's `speakers`."""


def pause_of(value: object) -> float:
    """The seconds of a dialogue's `pause` (`"800ms"`, `"1s"`, or a number of seconds, at
    most `pauses.LONGEST_S`); SpecError otherwise."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise SpecError("pause", f'expected a length like "800ms", found {kind_of(value)}')
    seconds = marker_seconds(value) if isinstance(value, str) else float(value)
    if seconds is None or not math.isfinite(seconds) or not 0 <= seconds <= LONGEST_S:
        raise SpecError(
            "pause", f'{value!r} is not a length like "800ms" or "1s" (at most {LONGEST_S:g} s)'
        )
    return seconds


def speakers_of(value: object, key: str = "speakers") -> tuple[tuple[str, str], ...]:
    """A table of speakers (`{ A = "jf_alpha" }`) as (speaker, voice) pairs; SpecError
    naming `key` (and the speaker at fault) otherwise."""
    if not isinstance(value, Mapping):
        raise SpecError(key, f'expected a table of SPEAKER = "VOICE", found {kind_of(value)}')
    if len(value) > MOST_SPEAKERS:
        raise SpecError(key, f"{len(value)} speakers (at most {MOST_SPEAKERS})")
    found: list[tuple[str, str]] = []
    for speaker, voice in value.items():
        named = str(speaker).strip()
        if not named or len(named) > SPEAKER_CHARS:
            raise SpecError(
                key, f"{speaker!r} is no speaker's name (1 to {SPEAKER_CHARS} characters)"
            )
        if not isinstance(voice, str) or not voice.strip():
            held = "an empty string" if isinstance(voice, str) else kind_of(voice)
            raise SpecError(f"{key}.{named}", f"expected a voice's name (a string), found {held}")
        found.append((named, voice.strip()))
    return tuple(found)


def marked_lines(
    text: str, lang: str = "ja", speakers: Sequence[str] = ()
) -> list[tuple[str | None, str]]:
    """The lines of a text written `NAME: text`, (speaker or None, its text) each, blank
    ones left out. A line may hold a whole dialogue (`A: 실례합니다. B: 2시예요.`): it is
    cut where a mark follows a sentence end of `lang`, one of `speakers` or one word, a
    colon and a space (a speaker the config may not name stops the run: a mark is never
    said)."""
    found: list[tuple[str | None, str]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        mark = _MARK.match(line.strip())
        if mark is None or not mark.group("speaker").strip():
            found.append((None, line.strip()))
        else:
            found.append((mark.group("speaker").strip(), mark.group("text")))
    if all(speaker is None for speaker, _ in found):
        return found
    names = "|".join(re.escape(n) for n in sorted(speakers, key=len, reverse=True))
    turn = re.compile(
        rf"\s*(?:(?P<speaker>{names or '(?!)'})\s*[:：]\s*"
        rf"|(?P<word>[^\W\d_][^\s:：]{{0,{SPEAKER_CHARS - 1}}})(?::\s+|：\s*))"
    )
    return [each for speaker, said in found for each in _turns(speaker, said, lang, turn)]


def _turns(
    speaker: str | None, said: str, lang: str, turn: re.Pattern[str]
) -> list[tuple[str | None, str]]:
    """One line's text cut into turns where a speaker's mark (`turn`) follows a sentence
    end (`marked_lines`)."""
    turns: list[tuple[str | None, str]] = []
    at = 0
    for end in sentence_ends(said, lang):
        mark = turn.match(said, end)
        if mark is None or end <= at:
            continue
        turns.append((speaker, said[at:end].strip()))
        speaker, at = (mark.group("speaker") or mark.group("word")).strip(), mark.end()
    turns.append((speaker, said[at:]))
    return turns


def mark_inside(said: str, speakers: Sequence[str]) -> str:
    """The mark of one of `speakers` that `said` (a turn's text) still holds where a turn
    would start, its start or a sentence end (`A: B: はい`, `gut.B: ja`, `Hi. — B: yo`, a
    mark in markup or after a zero-width space), whatever its case: a mark that would be
    said aloud. "" when it holds none."""
    names = sorted({n for n in speakers if n}, key=len, reverse=True)
    if not names:
        return ""
    mark = re.compile(
        r"(?:^|[.!?。！？…‼⁇⁈⁉])\W*?(?<!\w)(?P<name>"
        + "|".join(re.escape(n) for n in names)
        + r")\s*[:：]",
        re.IGNORECASE,
    )
    found = mark.search(clean(said, "text"))
    return found.group("name") if found else ""


def beyond_bounds(parts: Sequence[Part]) -> str:
    """Why a dialogue of `parts` is refused (too many lines, too much silence, too much to
    say); "" when it is within its bounds. Its silence is its pauses and those written in
    its lines (`sequence.silence_of`, as a drill's)."""
    lines = [p.item for p in parts if p.item is not None]
    if len(lines) > MOST_LINES:
        return f"a dialogue of {len(lines)} lines (at most {MOST_LINES}): split it"
    silence = sum(silence_of(part) for part in parts)
    if silence > MOST_SILENCE_S:
        return (
            f"a dialogue of {silence:g} s of silence (at most {MOST_SILENCE_S:g} s): shorten "
            "its pause or the pauses written in its lines"
        )
    said = sum(len(line.spoken) for line in lines)
    if said > MAX_PASSAGE_CHARS:
        return (
            f"a dialogue of {said:,} characters (at most {MAX_PASSAGE_CHARS:,} are spoken as "
            "one clip): split it"
        )
    return ""
