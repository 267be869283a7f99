"""An Item: one spoken text found in the content, and where its URL goes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from ..languages import Lang
from ..slotted import maker

T = TypeVar("T")

JsonPath = tuple[str | int, ...]
"""Keys and list indexes from the document root to a value."""


def value_at(data: Any, path: JsonPath, missing: Any = None) -> Any:
    """The value at `path` inside `data`; `missing` where the path does not exist."""
    for step in path:
        if isinstance(step, str) and isinstance(data, dict):
            data = data.get(step)
        elif isinstance(step, int) and isinstance(data, list) and step < len(data):
            data = data[step]
        else:
            return missing
    return data


def describe_path(file: Path | str, path: JsonPath) -> str:
    """`kanji.json › [12] › kunyomi › [0]`: how a place in the content is shown to users."""
    parts = [file.name if isinstance(file, Path) else Path(file).name]
    parts += [f"[{p}]" if isinstance(p, int) else p for p in path]
    return " › ".join(parts)


QUOTE_CHARS = 40
"""The most characters of a text a message quotes: a text may be 5,000."""

READING_CHARS = 120
"""The most characters of a reading a note quotes: the pinyin of a long sentence."""


def excerpt(text: str, limit: int = QUOTE_CHARS) -> str:
    """`この歌は一度聞いた…`: `text` on one line and at most `limit` characters, however long
    it is (a reading may be 40,000)."""
    head = text[: limit * 4]  # the whitespace folded below never costs the whole text
    line = " ".join(head.split())
    if len(line) > limit or len(head) < len(text):
        line = line[: limit - 1] + "…"
    return line


def quoted(text: str) -> str:
    """`"この歌は一度聞いた…"`: a text as a message quotes it (`excerpt`, in quotes)."""
    return f'"{excerpt(text)}"'


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a join (a drill, a dialogue): a text's item (its clip), or a silence."""

    name: str
    """How the join names it (`word`, `word (slow)`, `1s`, `answer`; a dialogue's
    `line 2 (B)`)."""
    item: Item | None = None
    """The text whose clip this part is; None: a silence."""
    seconds: float | None = None
    """A silence of this length; None: a text, or an answer's silence."""
    answer: bool = False
    """A silence sized to the next text part (`content.sequence.answer_seconds`)."""
    speaker: str | None = None
    """Who says it, for a dialogue's line (`content.dialogue`); None: a drill's part."""


@dataclass(frozen=True, slots=True)
class Stated:
    """What the content states beside a text, none of it said as written: its reading,
    its accent, the kanji it is a reading of, the glosses its spoken form leaves out, a
    cloze's sentence filled with its answers (what the readings and the glosses read of an
    item)."""

    reading: str | None = None
    """The content's reading of the text (the field's `reading`), as written; None: none."""
    accent: str | None = None
    """The pitch accent the content states for the text (the field's `accent`), as
    written (a number as its digits); None: none."""
    kanji: str | None = None
    """For a bare reading, the kanji it is a reading of (the field's `kanji`); None: none."""
    left_out: tuple[str, ...] = ()
    """Notes in another script than its language's that the spoken text leaves out
    (`(rarely used alone)` of `ヲ (rarely used alone)`): glosses for the reader, not speech."""
    context: str | None = None
    """For a cloze's gapped text, the sentence filled with its answers (`content.cloze`):
    what the words around its gaps are read as part of; None: none."""


@dataclass(frozen=True, slots=True)
class TimingPlaces:
    """Where the timings of a text's clip are written (what the timings read of an item)."""

    segments: JsonPath | None = None
    """Where its word timings go (the field's `segments`); None: nowhere."""
    duration: JsonPath | None = None
    """Where its length in ms goes (the field's `duration`); None: nowhere."""
    by: str = "word"
    """What each of its `segments` is: a word, a phrase or a sentence (`text.SEGMENT_UNITS`)."""


@dataclass(frozen=True, slots=True)
class Twin:
    """What makes an item its text's twin (`content.twins`): its clip is the text's clip
    stretched to `tempo` (`planning.recipes.Stretched`)."""

    tempo: float
    """Below 1: slower."""


@dataclass(frozen=True, slots=True)
class Drill:
    """What makes an item a join, a drill (`content.sequence`) or a dialogue
    (`content.dialogue`), kind `sequence`: no text said, its clip joined from its parts'
    clips (`planning.recipes.Joined`)."""

    parts: tuple[Part, ...]
    """Its parts, in order."""


@dataclass(frozen=True, slots=True)
class Spans:
    """What makes an item a text in several languages (`content.lang_spans`): each run of
    it in one language a text of its own (an item said by that language's voice), the
    clips joined with the silences between them (`planning.recipes.Spanned`)."""

    parts: tuple[Part, ...]
    """Its runs (items) and the silences between them, in order."""
    text: str = ""
    """Its text as a learner reads it: as said, its marks left out (`<lang …>` and the
    course's own: `今日はappleを食べます。`), what captions and a card show."""


class _Of(Generic[T]):
    """An item's attribute kept in one of its optional parts (`stated`, `timings`), with
    `default` where the item has none of that part."""

    def __init__(self, part: str, name: str, default: T) -> None:
        self.part, self.name, self.default = part, name, default

    def __get__(self, item: object, owner: type | None = None) -> T:
        held = getattr(item, self.part)
        return self.default if held is None else cast(T, getattr(held, self.name))


@dataclass(frozen=True, slots=True)
class Item:
    """One spoken text in one content file (slots: a course has a million of them, and a
    dict of attributes each would be three times the memory)."""

    type_name: str
    """The content type it was found by (vocabulary, kanji, ...)."""
    file: Path
    """The JSON file it lives in."""
    text_path: JsonPath
    """Where the text is inside the JSON document."""
    text: str
    """The text as written in the file (the JSON keeps it unchanged)."""
    spoken: str
    """The cleaned, NFC-normalized text that is synthesized; empty means skipped."""
    lang: Lang
    """The text's language, resolved by the loader (`languages.resolved`): its code as
    written (ja, en-US, ...) and its profile."""
    url_path: JsonPath
    """Where the clip's URL is written inside the JSON document."""
    voice: str | None = None
    """A voice the type asks for, or None for the configured one."""
    field: str = ""
    """The spec field that found it (e.g. `word`), for reports."""
    split: bool = False
    """A long passage: spoken sentence by sentence (`split_sentences`) and joined."""
    kind: str = "text"
    """How the text is spoken (`text.KINDS`): `kana` is a chart's kana, a sound, not a word."""
    stated: Stated | None = None
    """What the content states beside the text (its reading, accent, kanji, glosses left
    out); None: nothing."""
    timings: TimingPlaces | None = None
    """Where its clip's timings are written; None: nowhere."""
    made_from: Twin | Drill | Spans | None = None
    """What its clip is made from when not its own text said: its text's clip stretched (a
    twin), its parts' clips joined (a drill) or its runs' in their languages (spans);
    None: its text said by its voice."""

    @property
    def where(self) -> str:
        return describe_path(self.file, self.text_path)

    reading = _Of[str | None]("stated", "reading", None)
    accent = _Of[str | None]("stated", "accent", None)
    kanji = _Of[str | None]("stated", "kanji", None)
    left_out = _Of[tuple[str, ...]]("stated", "left_out", ())
    context = _Of[str | None]("stated", "context", None)
    segments_path = _Of[JsonPath | None]("timings", "segments", None)
    duration_path = _Of[JsonPath | None]("timings", "duration", None)
    segments_by = _Of[str]("timings", "by", "word")

    @property
    def twin(self) -> Twin | None:
        """What makes it a twin (`Twin`); None: it is none."""
        return self.made_from if isinstance(self.made_from, Twin) else None

    @property
    def drill(self) -> Drill | None:
        """What makes it a drill (`Drill`); None: it is none."""
        return self.made_from if isinstance(self.made_from, Drill) else None

    @property
    def unmarked(self) -> str | None:
        """A text in several languages as a learner reads it, its span marks left out
        (`Spans.text`); None for a text with none."""
        return self.made_from.text if isinstance(self.made_from, Spans) else None


Text = tuple[str, str, str, str | None]
"""A text of a field of a type: (type name, field, spoken text, its reading). The reading
is part of it: 呢 read ne and 呢 read nei are two texts (the second may be refused)."""


def text_of(item: Item) -> Text:
    """`item`'s text as write-back finds it again: its type, field, text and reading."""
    return (item.type_name, item.field, item.spoken, item.reading)


def stated(
    reading: str | None,
    accent: str | None,
    kanji: str | None,
    left_out: tuple[str, ...],
    context: str | None = None,
) -> Stated | None:
    """What the content states beside a text (`Stated`); None when it states nothing (most
    texts: no object for them)."""
    if reading is None and accent is None and kanji is None and not left_out and not context:
        return None
    return _stated(reading, accent, kanji, left_out, context)


def timing_places(
    segments: JsonPath | None, duration: JsonPath | None, by: str
) -> TimingPlaces | None:
    """Where a text's timings are written (`TimingPlaces`); None when nowhere (and gathered
    by word, as `Item.segments_by` then says)."""
    if segments is None and duration is None and by == "word":
        return None
    return TimingPlaces(segments, duration, by)


_stated = maker(Stated)
found_item = maker(Item)
"""`Item(...)`, the same object, made as the loader makes many: each slot set in turn
rather than through a frozen dataclass's `__init__` (`slotted`)."""


@dataclass(frozen=True)
class UrlChange:
    """One place write-back reports, a URL's or word timings' (`what`): what it held and
    what tts-assets has for it."""

    place: str
    """`vocabulary.json › [3] › audioUrl`."""
    old: str | None
    """The URL it held; for word timings, what they were, as JSON on one line."""
    new: str | None
    """The URL tts-assets wrote or would write there (None: its text is gone); for word
    timings, the URL of the clip whose timings stand or would stand there."""
    what: str = "url"
    """`url`, or `segments` for word timings (a field's `segments` place)."""

    def as_json(self) -> dict[str, str | None]:
        return {"place": self.place, "old": self.old, "new": self.new, "what": self.what}
