"""Pauses written in a text: silence of their length in the clip, never spoken.

How a pause is written (`[pause:1.5s]`, `<break time="800ms"/>`), what a marker may
look like, how pauses at the edges and in a row add up, their bounds and what is refused:
docs/content-types.md, "Pauses written in a text" (the numbers are `STRENGTHS`,
`LONGEST_S`, `MOST_S` and `MOST_MARKERS` here).

The markers are read here once for everyone: the language gate and the bounds of a clip's
length read the text without them, the owner of what is said (`readings.saying`) cuts the
text at them, and the clip is made of its parts with the silences between. Every pattern
reads a bounded window from where a marker starts, so a text is read in linear time
however many markers, or halves of markers, it holds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SENTENCE_S = 0.3
"""Silence between the sentence pieces of a long text (where no pause is written)."""

LONGEST_S = 10.0
"""The longest pause a marker may ask for, in seconds."""

MOST_S = 120.0
"""The most seconds of pauses one text may ask for in all: a clip is bounded by its text's
length and these (450 markers of 10 s would make one clip of 75 minutes)."""

MOST_MARKERS = 100
"""The most pause markers one text may hold."""

STRENGTHS = {
    "none": 0.0,
    "x-weak": 0.1,
    "weak": 0.25,
    "medium": 0.4,
    "strong": 0.75,
    "x-strong": 1.2,
}
"""Seconds of an SSML break given by its `strength`."""

RULES_VERSION = "2"
"""Bump when how a marker is read changes what a clip says (it is in the content key)."""

HOW = '[pause:1.5s], [pause:500ms] or <break time="1.5s"/>'
"""How a pause is written, for messages."""

_MAY_OPEN = re.compile(
    "[\\[<&\uff3b\ufe47\uff1c\ufe64\uff06\ufe60\u3010\u3014\u3016\u3018\u27e6\u300c\u300e]"
)
"""A character that may open a marker: `[`, `<` and `&` (`&lt;break`, an SSML break escaped
twice) and the characters whose compatibility form they are (`［` U+FF3B, `﹇` U+FE47, `＜`
U+FF1C, `﹤` U+FE64, `＆` U+FF06, `﹠` U+FE60), and the brackets that look like one (【 〔
〖 〘 ⟦ 「 『). A text without one has no marker (the quick test)."""

_MAY_SPELL = re.compile(
    "[A-Za-z\u00aa\u00ba\u017f\u02b0-\u02e3\u1d2c-\u1dbf\u2071-\u209c\u2102-\u2149"
    "\u2160-\u217f\u24b6-\u24e9\u2c7c\u2c7d\ua7f2-\ua7f4\uff21-\uff5a\U000107a5"
    "\U0001d400-\U0001d6a3\U0001f12b-\U0001f149]"
)
"""A character that may spell a marker's word: an ASCII letter, or one whose compatibility
form is one (`ｐ`, `𝐩`, `ⓟ`). A text without one has no marker (Japanese text with 「」
is not folded to find out)."""

READ_TAGS = ("break", "speak", "prosody", "say-as", "phoneme", "sub", "audio", "voice", "lang")
"""The SSML tags a text keeps for the markers to read (`<break>`, `<speak>`, `<lang>`) or
refuse (those that would change what is said or how, which no engine here is told);
every other tag is markup that says nothing (`content.text.clean` leaves it out)."""
_SSML = "|".join((*READ_TAGS, "pause"))
ESCAPED_TAG = re.compile(
    rf"&(?:amp;){{0,3}}(?:lt|#0{{0,4}}60|#x0{{0,4}}3c);\s*/?\s*(?:{_SSML})(?![\w:-])", re.I
)
"""An SSML tag escaped (`&lt;break`), or escaped twice (`&amp;lt;`: a CMS that escapes
what it stores) or as a number (`&#60;`, `&#x3c;`): refused, never decoded into a tag."""
_SCAN = re.compile(
    r"\[\s*pause(?:[a-z]*\s*[:=]|(?![a-z]))"  # [pause:1s], and [pauses:1s], [pause 1s]
    "|[\u3010\u3014\u3016\u3018\u27e6\u300c\u300e]\\s*pause\\s*[:=]"  # 【pause:1s】
    rf"|<\s*/?\s*(?P<tag>{_SSML})(?![\w:-])"
    rf"|{ESCAPED_TAG.pattern}"  # &lt;break time="1s"/&gt;
)
"""Where a marker starts, or something meant as one, in the folded text (`_fold`)."""
_PAUSE = re.compile(r"\[\s*pause\s*:(?P<length>[^\[\]<>\n]{0,32})\]")
_NO_LENGTH = re.compile(r"\[\s*pause\s*\]")
_BREAK = re.compile(r"<\s*break(?P<attributes>[^<>]{0,200})>")
_END = re.compile(r"<\s*/\s*break\s*>")
_SPEAK = re.compile(r"<\s*/?\s*speak(?![\w:-])[^<>]{0,200}>")
_LENGTH = re.compile(
    r"\s*(\d{1,5}(?:\.\d{1,3})?|\.\d{1,3})\s*"
    r"(?:(?P<ms>ms|msecs?|milliseconds?|ミリ秒|毫秒)|s|secs?|seconds?|秒)\s*"
)
_ATTRIBUTE = re.compile(
    "\\s*([\\w:-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'"
    "|[\u201c\u201d\u201e]([^\u201c\u201d\u201e]*)[\u201c\u201d]"
    "|[\u2018\u2019]([^\u2018\u2019]*)[\u2018\u2019])"
)
"""One attribute of a break, its value in straight or curly quotes (a word processor's)."""
_SAYS = re.compile(r"[^\W_]")
"""A letter or digit (what `str.isalnum` accepts: word characters but the underscore)."""
_NUMBER_SIGNS = ".,:'\u066b\u066c"
"""What may stand between the digits of one number (3.14, 1,000, 12:30, 1'000)."""


@dataclass(frozen=True)
class Paused:
    """A text cut at its pauses."""

    parts: tuple[str, ...]
    """What is said, in order: the text between the pauses (stripped), each with a letter
    or a digit; empty when the text says nothing but its pauses."""
    pauses: tuple[float, ...]
    """The seconds of silence between each two parts (one fewer than the parts)."""
    spans: tuple[tuple[int, int], ...]
    """Where each part is in the text (start, end), in order."""
    problem: str | None = None
    """Why a marker cannot be read (the text is refused), or None."""
    lead: float = 0.0
    """The seconds of silence asked for before the first part (a pause the text starts
    with); 0: none, the clip's own lead."""
    trail: float = 0.0
    """The seconds of silence asked for after the last part (all of them, for a text
    that says nothing)."""

    @property
    def canonical(self) -> str:
        """The text written one way (`a [pause:1.5s] b`): the same for each way of writing
        the same pauses between the same words, so they name one clip."""
        return written(self.parts, self.pauses, lead=self.lead)


class _Folded(dict[int, str]):
    """Each character's compatibility form in lower case, where that is one character
    (`［` → `[`, `Ｐ` → `p`); else the character itself: the folded text keeps every
    position of the text."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char).lower()
        if len(folded) != 1:
            folded = char.lower() if len(char.lower()) == 1 else char
        if len(self) > 1 << 16:  # a text of every character there is: kept bounded
            self.clear()
        self[code] = folded
        return folded


_FOLDED = _Folded()


def _fold(text: str) -> str:
    return text.lower() if text.isascii() else text.translate(_FOLDED)


def has_pause(text: str) -> bool:
    """Whether `text` holds a pause marker, or something meant as one (a quick test before
    reading it: `split`)."""
    return (
        _MAY_OPEN.search(text) is not None
        and _MAY_SPELL.search(text) is not None
        and _SCAN.search(_fold(text)) is not None
    )


def split(text: str) -> Paused:
    """`text` cut at its pause markers (the whole text as one part when it has none)."""
    if not has_pause(text):
        stripped = text.strip()
        if not stripped:
            return Paused((), (), ())
        start = text.find(stripped)
        return Paused((stripped,), (), ((start, start + len(stripped)),))
    folded = _fold(text)
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pauses: list[float] = []
    waiting = 0.0  # silence asked for since the last part
    lead = 0.0  # silence asked for before the first part
    asked = 0.0  # every pause's seconds, edges included
    count = 0
    at = 0
    before = ""  # the text before the markers in a row at `run`: does a number end it?
    run = 0
    # The text's end closes its last part as a marker of no pause closes the others.
    for start, end, seconds in [*_markers(folded), (len(text), len(text), None)]:
        if isinstance(seconds, str):
            return _refused(text, f"{_shown(text, start)}: {seconds}")
        if start > at or not at:
            chunk = folded[at:start]
            if at and _inside_number(before, chunk):
                return _inside(text, run)
            before, run = chunk, start
        if seconds is not None:
            count += 1
            asked += seconds
        first = not parts
        if _add(text, at, start, parts, spans, pauses, waiting):
            lead = waiting if first else lead
            waiting = 0.0
        waiting += seconds or 0.0
        at = end
    if count > MOST_MARKERS or asked > MOST_S:
        return _refused(text, _too_many(count, asked))
    found = tuple(round(p, 3) for p in pauses)
    return Paused(tuple(parts), found, tuple(spans), lead=round(lead, 3), trail=waiting)


def _markers(folded: str) -> list[tuple[int, int, float | str | None]]:
    """Each marker of the folded text in order: (start, end, its seconds), the seconds
    None for one that is no pause (`<speak>`, `</break>`), or why it cannot be read (and
    nothing after it is read)."""
    found: list[tuple[int, int, float | str | None]] = []
    at = 0
    said = False  # text before this marker: a <speak> no longer opens the text
    while (hit := _SCAN.search(folded, at)) is not None:
        start = hit.start()
        said = said or bool(folded[at:start].strip())
        read = _marker(folded, hit, said, found[-1] if found else None)
        found.append(read)
        if isinstance(read[2], str):
            break
        at = read[1]
    return found


def _marker(
    folded: str,
    hit: re.Match[str],
    said: bool,
    last: tuple[int, int, float | str | None] | None,
) -> tuple[int, int, float | str | None]:
    """The marker `_SCAN` found at `hit` (`said`: text before it; `last`: the marker
    before it): (start, end, its seconds, None, or why it cannot be read)."""
    start, tag = hit.start(), hit.group("tag")
    if folded[start] == "[":
        return _bracketed(folded, hit)
    if folded[start] == "&":
        how = (
            "escaped more than once (&amp;lt;…&amp;gt;)"
            if folded.startswith("&amp;", start)
            else ("written as &lt;…&gt;")
        )
        return start, hit.end(), f"an SSML tag {how}: unescape it, or write {HOW}"
    if tag is None:  # 【pause:1s】
        return start, hit.end(), f"a pause is written in square brackets: {HOW}"
    if tag == "break":
        return _break_tag(folded, hit, last)
    if tag == "speak" and (marker := _SPEAK.match(folded, start)) is not None:
        return _speak_tag(folded, start, marker.end(), said)
    if tag in ("speak", "pause"):
        return start, hit.end(), f"not a pause marker: write {HOW}"
    if tag == "lang":  # a text field's spans are read before (`content.lang_spans`)
        return start, hit.end(), "SSML <lang> is read in a field of texts only: remove it"
    return start, hit.end(), f"SSML <{tag}> is not read (of SSML, only <break> is): remove it"


def _bracketed(folded: str, hit: re.Match[str]) -> tuple[int, int, float | str | None]:
    """A marker in square brackets (`[pause:1.5s]`): its seconds, or why it is none."""
    start = hit.start()
    marker = _PAUSE.match(folded, start)
    if marker is None:
        if _NO_LENGTH.match(folded, start):
            return start, hit.end(), f"a pause gives its length: write {HOW}"
        return start, hit.end(), f"not a pause marker (unclosed, or not one): write {HOW}"
    if folded[start - 1 : start] == "[" or folded[marker.end() : marker.end() + 1] == "]":
        return start, marker.end(), f"not a pause marker (a bracket too many): write {HOW}"
    return start, marker.end(), _length(marker.group("length"))


def _break_tag(
    folded: str, hit: re.Match[str], last: tuple[int, int, float | str | None] | None
) -> tuple[int, int, float | str | None]:
    """An SSML `<break …>` (its seconds) or `</break>` (nothing, right after a break)."""
    start = hit.start()
    closing = _END.match(folded, start)
    if closing is not None:
        after_break = last is not None and last[1] == start and isinstance(last[2], float)
        if not after_break:
            return (
                start,
                closing.end(),
                f"a </break> closes the <break …> right before it: write {HOW}",
            )
        return start, closing.end(), None
    marker = _BREAK.match(folded, start)
    if marker is None:
        return start, hit.end(), f"not a break (unclosed): write {HOW}"
    return start, marker.end(), _break(marker.group("attributes"))


def _speak_tag(folded: str, start: int, end: int, said: bool) -> tuple[int, int, str | None]:
    """SSML's `<speak>` or `</speak>`: it says nothing where it wraps the whole text."""
    closes = folded[start + 1 : end].lstrip().startswith("/")
    if (not closes and not said) or (closes and not folded[end:].strip()):
        return start, end, None
    return start, end, "SSML <speak> wraps the whole text: remove it"


def tag_attributes(body: str) -> list[tuple[str, str]] | None:
    """The attributes of an SSML tag, in order (`body`: what follows its name up to `>`;
    each `name="value"`, in straight or curly quotes); None where they are not."""
    body = body.rstrip()
    body = body[:-1] if body.endswith("/") else body
    given: list[tuple[str, str]] = []
    at = 0
    while at < len(body):
        found = _ATTRIBUTE.match(body, at)
        if found is None:
            if body[at:].strip():
                return None
            break
        given.append((found.group(1), next(v for v in found.groups()[1:] if v is not None)))
        at = found.end()
    return given


def _break(attributes: str) -> float | str:
    """The seconds an SSML break's attributes ask for, or why they cannot be read."""
    found = tag_attributes(attributes)
    if found is None:
        return f'not a break (its attributes are name="value"): write {HOW}'
    for name, _ in found:
        if name not in ("time", "strength"):
            return f'a break has no attribute "{name}" (it takes time or strength): write {HOW}'
    given = dict(found)
    if "time" in given:
        return _length(given["time"])
    strength = given.get("strength", "medium").strip()
    if strength not in STRENGTHS:
        return f"a break's strength is one of {', '.join(STRENGTHS)}; or write {HOW}"
    return STRENGTHS[strength]


def _length(written: str) -> float | str:
    found = _LENGTH.fullmatch(written)
    if found is None:
        return f"not a length; write {HOW}"
    value = float(found.group(1)) / (1000 if found.group("ms") else 1)
    if value > LONGEST_S:
        return f"a pause lasts at most {LONGEST_S:g} s; write a shorter one"
    return value


def _inside_number(before: str, after: str) -> bool:
    """Whether a marker between `before` and `after` (the folded text on either side,
    touching it) stands inside a number: a digit (or a digit and a sign such as `.`) on
    one side, a digit on the other."""
    if not before or not after:
        return False
    ends = before[-1].isdecimal() or (
        len(before) > 1 and before[-1] in _NUMBER_SIGNS and before[-2].isdecimal()
    )
    starts = after[0].isdecimal() or (
        len(after) > 1 and after[0] in _NUMBER_SIGNS and after[1].isdecimal()
    )
    return ends and starts


def _shown(text: str, start: int) -> str:
    """The marker at `start` as written, for a message (cut short where it runs on)."""
    rest = text[start : start + 40]
    for close in [*"]>\uff3d\uff1e\u3011\u3015\u3017\u3019\u27e7\u300d\u300f", "gt;"]:
        at = rest.find(close)
        if at != -1:
            rest = rest[: at + len(close)]
    return rest.split("\n")[0] if len(rest) < 40 else rest[:24] + "…"


def _too_many(count: int, asked: float) -> str:
    """Why a text's pauses are too many or too long (`MOST_MARKERS`, `MOST_S`)."""
    markers = f"{count} pause markers" + (
        f" (a text holds at most {MOST_MARKERS})" if count > MOST_MARKERS else ""
    )
    seconds = f"{asked:,.1f} s in all" + (
        f" (at most {MOST_S:g} s of pauses in one text)" if asked > MOST_S else ""
    )
    return (
        f"too many pauses: {markers}, {seconds}; split the text into several entries, or "
        "shorten its pauses"
    )


def _inside(text: str, start: int) -> Paused:
    return _refused(
        text,
        f"{_shown(text, start)}: a pause inside a number; write it between words, with a "
        "space on each side",
    )


def _refused(text: str, why: str) -> Paused:
    stripped = text.strip()
    return Paused((stripped,), (), ((0, len(text)),), why)


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
    part before it; False for a part with nothing to say (its silence waits for the
    next)."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if not says_something(stripped):
        return False
    first = start + chunk.find(stripped)
    if parts:
        pauses.append(waiting)
    parts.append(stripped)
    spans.append((first, first + len(stripped)))
    return True


def says_something(text: str) -> bool:
    """Whether `text` has a letter or a digit: one without says nothing (a lone `。`, emoji),
    and is no request to a provider."""
    return _SAYS.search(text) is not None


def marker_spans(text: str) -> list[tuple[int, int]]:
    """Where each marker of `text` is (start, end), or what is meant as one (up to where
    reading it stopped): what a cleanup that rewrites the text must leave as it is."""
    if not has_pause(text):
        return []
    return [(start, end) for start, end, _ in _markers(_fold(text))]


def without_pauses(text: str) -> str:
    """`text` with each marker a space: what is read, for checks that judge the words."""
    spans = marker_spans(text)
    if not spans:
        return text
    out: list[str] = []
    at = 0
    for start, end in spans:
        out += [text[at:start], " "]
        at = end
    out.append(text[at:])
    return "".join(out)


def edge_pauses(text: str) -> tuple[float, tuple[int, int] | None, float] | str:
    """The seconds of the pauses `text` writes before its first word, where its words are
    (from the first to the last, with the pauses between them), and the seconds after the
    last; for a text with nothing to say, the seconds of all its pauses and None; or why a
    marker cannot be read. What a text said as several clips puts between them (spans in
    other languages: `content.lang_spans`)."""
    found = split(text)
    if found.problem is not None:
        return found.problem
    if not found.parts:
        return found.trail, None, 0.0
    return found.lead, (found.spans[0][0], found.spans[-1][1]), round(found.trail, 3)


def pause_seconds(text: str) -> float:
    """The seconds of silence `text`'s markers put inside its clip (0 for none, or for
    markers that cannot be read)."""
    found = split(text)
    return 0.0 if found.problem is not None else sum(found.pauses)


def only_pauses(text: str) -> bool:
    """Whether `text` holds pauses and nothing to say (`[pause:1s]、。`): a text skipped,
    as one of only emoji is. A text whose markers cannot be read is not: it is refused
    with its reason."""
    if not has_pause(text):
        return False
    found = split(text)
    return found.problem is None and not found.parts


def written(
    parts: tuple[str, ...] | list[str],
    pauses: tuple[float, ...],
    unwritten: float = -1.0,
    lead: float = 0.0,
) -> str:
    """Parts with their pauses written between them (`a [pause:1.5s] b`), and `lead`
    seconds before the first (`Paused.lead`): what a clip says, for the manifest and a
    reviewer; a pause of `unwritten` seconds (the one between sentences) is a space."""
    out = parts[0] if parts else ""
    if lead > 0:
        out = f"[pause:{lead:g}s] {out}"
    for part, seconds in zip(parts[1:], pauses, strict=False):
        out += f" {part}" if seconds == unwritten else f" [pause:{seconds:g}s] {part}"
    return out


def marker_seconds(written: str) -> float | None:
    """The seconds a pause marker's length means (`2s`, `1500ms`, `1.5 秒`), as a marker
    reads it; None where it is no length or longer than `LONGEST_S`."""
    value = _length(_fold(written).strip())
    return value if isinstance(value, float) and value > 0 else None
