"""When each word of a clip's text is said: a provider's marks turned into the content's words.

A provider reports its own units (`audio.timings`: Kokoro's and Piper's phonemes,
ElevenLabs' characters, espeak-ng's words), in samples of the finished clip. Here they
become the words of what was said, and those the words of the text as written:

- Japanese, from Kokoro's phonemes: the phonemes cut into morae (`scripts.kana`), the morae
  shared out to the words of what was said (the readings engine's morphemes, or the
  analyzer's for a text it did not decide), a mora count each; each morpheme joins the
  word group the G2P spoke it in (its phonemes' spaces), and each mora gets its kana from
  the morpheme's reading, for furigana lit as they are spoken. Punctuation joins the word
  before it, so the words' texts together are the text.
- Other phonemes (Kokoro's other languages, Piper): a word is a run of phonemes between
  spaces and punctuation; its text is the word of what was said in the same place when
  the two count the same words, else its phonemes.
- Characters (ElevenLabs): a word is a run of characters between spaces, timed by its
  letters; Japanese and Chinese text, written without spaces, by the analyzer's words.
- Words (espeak-ng): each word event is a word.

Every word is then held to its sound: its start and end move inward to the first and last
sample louder than `PAUSE_DB` below the clip's loudest 10 ms, so the silence a unit
carries (Kokoro's last token takes the trailing silence; espeak-ng's word runs to the
next) falls between words, never inside one. Nothing is invented: a word that cannot be
placed from what the provider reported is not given a time.

Where what was said differs from the text as written, the words are named as written: a
Chinese word its voice was given as numbered pinyin (你好 said ní hǎo, given `ni2 hao3`)
by the character each syllable says; numbers said in words by the spoken form's map of
spans, written ↔ said, from the readings engine.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..audio.timings import Mark, Timings
from ..frontends.pinyin import is_hanzi
from ..scripts.kana import kana_morae, mora_groups, to_hiragana

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from .form import SaidWord as Morpheme
    from .numbers import Spoken


PAUSE_DB = -40.0
"""How far below the loudest 10 ms a pause is: where a word's sound ends (`clip_words`)."""


@dataclass(frozen=True)
class TimedMora:
    """One mora of a Japanese word and when it is said, in ms of the stored clip."""

    start: int
    end: int
    kana: str
    """Its kana as the reading spells it, in hiragana (がく, not ガクセー's ー)."""


@dataclass(frozen=True)
class TimedWord:
    """One word of a clip's text and when it is said, in ms of the stored clip."""

    start: int
    end: int
    text: str
    """The word as written (with the punctuation after it); for a word that cannot be
    found in the text, as it was said."""
    reading: str | None = None
    """Japanese: its reading in hiragana; Chinese: its pinyin, with tone marks."""
    morae: tuple[TimedMora, ...] = ()
    """Japanese: each mora and when it is said."""
    speaker: str | None = None
    """Who says it, for a dialogue's line (its cue is the speaker's: `<v A>`)."""


@dataclass(frozen=True)
class ClipTimings:
    """What a clip records of when its words are said (or why it records none)."""

    source: str
    """Who measured them (`kokoro durations`, ...); "" when there are none."""
    words: tuple[TimedWord, ...] = ()
    none: str | None = None
    """Why there are none (`say reports no timings`); None when there are."""
    unmatched: bool = False
    """Whether the words are those said, not found in the written text."""
    pauses: tuple[tuple[int, int], ...] = ()
    """Where each silence between the pieces of a clip with pauses written in it is
    ([start, end) in ms): what a slow clip keeps at its length (`making.slow`)."""

    def as_manifest(self) -> dict[str, Any]:
        """The manifest's record: `{"source", "words": [{"start", "end", "text",
        "reading"?, "morae"?: [[start, end, kana], ...]}]}`, or `{"none": why}`; and
        `"pauses": [[start, end], ...]` where the clip has pauses written in it."""
        if self.none is not None:
            return {"none": self.none, **self._pauses()}
        words: list[dict[str, Any]] = []
        for word in self.words:
            entry: dict[str, Any] = {"start": word.start, "end": word.end, "text": word.text}
            if word.reading is not None:
                entry["reading"] = word.reading
            if word.morae:
                entry["morae"] = [[m.start, m.end, m.kana] for m in word.morae]
            words.append(entry)
        recorded: dict[str, Any] = {"source": self.source, "words": words, **self._pauses()}
        if self.unmatched:
            recorded["unmatched"] = True
        return recorded

    def _pauses(self) -> dict[str, Any]:
        return {"pauses": [list(span) for span in self.pauses]} if self.pauses else {}

    def as_webvtt(self) -> str:
        """The words as a WebVTT file for a `<track>`, a cue per word (its reading after
        it: kana for Japanese, pinyin for Chinese); "" when there are none."""
        if not self.words:
            return ""
        cues = ["WEBVTT", ""]
        for index, word in enumerate(self.words, 1):
            # No reading beside a word that has none or is written in kana.
            kana = all("\u3041" <= c <= "\u30ff" for c in word.text if c.isalpha())
            text = word.text if word.reading is None or kana else f"{word.text} ({word.reading})"
            # A cue's text cannot hold "-->" or a blank line, and <, & start markup.
            text = _cue_text(text)
            if word.speaker is not None:  # a dialogue's line: its cue names its speaker
                text = f"<v {_cue_text(word.speaker).replace('>', '&gt;')}>{text}"
            cues += [str(index), f"{_vtt_time(word.start)} --> {_vtt_time(word.end)}", text, ""]
        return "\n".join(cues)


def _cue_text(text: str) -> str:
    """`text` as a cue holds it: on one line, without "-->", its < and & escaped (they
    start markup)."""
    text = " ".join(text.replace("-->", "->").split())
    return text.replace("&", "&amp;").replace("<", "&lt;")


def webvtt_of(recorded: Any) -> str:
    """The WebVTT track of a clip from its manifest record of timings (`as_manifest`);
    "" when it has none or the record is not one."""
    words = recorded.get("words") if isinstance(recorded, Mapping) else None
    if not isinstance(words, list):
        return ""
    timed: list[TimedWord] = []
    for word in words:
        if not isinstance(word, dict):
            return ""
        start, end, text = word.get("start"), word.get("end"), word.get("text")
        reading, speaker = word.get("reading"), word.get("speaker")
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(text, str)):
            return ""
        timed.append(
            TimedWord(
                start,
                end,
                text,
                reading if isinstance(reading, str) else None,
                speaker=speaker if isinstance(speaker, str) else None,
            )
        )
    return ClipTimings("", tuple(timed)).as_webvtt()


def _vtt_time(ms: int) -> str:
    """`ms` as a WebVTT timestamp (hh:mm:ss.ttt)."""
    seconds, millis = divmod(max(0, ms), 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


@dataclass
class _Said:
    """A word of what was said while it is being placed: its span in samples."""

    start: int
    end: int
    text: str
    reading: str | None = None
    morae: list[Mark] = field(default_factory=list)
    """Each mora, `Mark.text` its kana."""


def clip_words(
    timings: Timings | None,
    samples: NDArray[np.floating],
    rate: int,
    lang: str,
    said: Sequence[str],
    morphemes: Callable[[], Sequence[Morpheme]] | None = None,
    none: str = "",
    *,
    written: str | None = None,
    held: bool = True,
    spoken: Spoken | None = None,
    read: Sequence[Morpheme] = (),
    shown: Callable[[str], str] | None = None,
) -> ClipTimings:
    """The words of a clip and when each is said, from its provider's `timings` in
    samples of the finished clip `samples` (at `rate`).

    `said`: the text of each piece as given to the provider; `morphemes`: for Japanese,
    the words of what was said (the readings engine's, else the analyzer's), asked only
    when needed; `none`: why there are no timings when `timings` is None; `written`:
    the text as the content writes it, for the Japanese words to be found in (the
    analyzer writes 7 as 七), and the words of another language named as written
    where `spoken` (what the numbers rules made of `written`) rewrote them; `held`:
    each word held to its sound (False: the provider's spans as they are, to measure
    them); `read`: for a language whose words are not timed by their morae, the words
    its reader decided are said (a Chinese text's characters, each with its syllable),
    whose readings the words written with them take, as `shown` shows them (the
    language's `shown_said`: pinyin with its tone marks).
    """
    if timings is None or not timings.marks:
        return ClipTimings("", none=none or "the provider reported no timings")
    found, unmatched = _words_of(timings, said, morphemes, written)
    if written is not None and not unmatched:
        found = _syllables_as_written(found, written if spoken is None else spoken.text)
    if read and not unmatched:
        found = _read_as_said(found, read, shown or str)
    if spoken is not None and spoken.spans and written is not None and not unmatched:
        found = _named_as_written(found, spoken, written)
    if held:
        found = _held_to_sound(found, samples, rate, PAUSE_DB)
    return ClipTimings(timings.source, tuple(_in_ms(w, rate) for w in found), unmatched=unmatched)


def _words_of(
    timings: Timings,
    said: Sequence[str],
    morphemes: Callable[[], Sequence[Morpheme]] | None,
    written: str | None,
) -> tuple[list[_Said], bool]:
    """The words the provider's timings hold, by their unit (phonemes, characters or
    words), and whether they could not be named by the words said (unmatched)."""
    japanese = morphemes is not None  # words timed by morae, named by what was said
    marks = _boundaries_joined(timings.marks)
    if timings.unit == "phoneme" and japanese and morphemes is not None:
        found = _japanese_from_phonemes(marks, morphemes())
        if found is None:
            return _from_phonemes(marks, said)
        return (found if written is None else _as_written(found, written)), False
    if timings.unit == "phoneme":
        return _from_phonemes(marks, said)
    if timings.unit == "character":
        return _from_characters(timings.marks, morphemes if japanese else None), False
    return [_Said(m.start, m.end, m.text) for m in timings.marks if m.text.strip()], False


def _named_as_written(words: list[_Said], spoken: Spoken, written: str) -> list[_Said]:
    """`words` (of what was said: "siebzehn", "Uhr.") named as `written` writes them, by
    the numbers rules' map of spans (`Spoken.spans`): the words said for one written part
    become one word, the part as written ("17:00"); a word said as written keeps its
    text. `words` unchanged when they cannot all be found in order in what was said."""
    said = spoken.text
    at = 0
    placed: list[tuple[_Said, int, int]] = []
    for word in words:
        found = said.find(word.text, at)
        if not word.text or found < 0:
            return words
        at = found + len(word.text)
        start, end = spoken.written_span(found, at)
        placed.append((word, start, end))
    joined: list[tuple[_Said, int, int]] = []
    for word, start, end in placed:
        if joined and start < joined[-1][2]:
            last, first, _ = joined[-1]
            reading = " ".join(r for r in (last.reading, word.reading) if r) or None
            joined[-1] = (
                _Said(last.start, word.end, "", reading, last.morae + word.morae),
                first,
                end,
            )
        else:
            joined.append((word, start, end))
    for word, start, end in joined:
        word.text = written[start:end]
    return [word for word, _, _ in joined]


def _read_as_said(
    words: list[_Said], read: Sequence[Morpheme], shown: Callable[[str], str]
) -> list[_Said]:
    """`words` (named as written) each with the readings of the words said it is written
    with (`read`, in order; a character that starts none, a mark or a letter, has none),
    joined by a space, as `shown` shows them. `words` unchanged where `read` is not all
    found in them: a reading never goes to a word it was not said for."""
    at = 0
    each: list[list[str]] = []
    for word in words:
        mine: list[str] = []
        pos = 0
        while pos < len(word.text):
            surface = read[at].surface if at < len(read) else ""
            if surface and word.text.startswith(surface, pos):
                mine.append(read[at].reading)
                pos += len(surface)
                at += 1
            else:
                pos += 1
        each.append(mine)
    if at != len(read):
        return words
    for word, mine in zip(words, each, strict=True):
        if mine:
            word.reading = shown(" ".join(mine))
    return words


_SYLLABLE = re.compile(r"[a-zü]+[1-5]")
"""A numbered pinyin syllable, as a Chinese text's voice is given a word it reads otherwise
(`lang/zh`: 你好 said ní hǎo is given as `ni2 hao3`)."""
_TOKENS = re.compile(r"[a-zü]+[1-5]|\s+|.", re.DOTALL)


def _syllables_as_written(words: list[_Said], text: str) -> list[_Said]:
    """`words` (of what a voice was given: `ni2`, `hao3 ！`) named as `text` writes them
    (你, 好！): each numbered pinyin syllable is the Chinese character in its place, each
    other character itself, spaces between them none. `words` unchanged where none holds a
    syllable, or they cannot all be found in order."""
    if not any(_SYLLABLE.search(w.text) for w in words):
        return words
    pos = 0
    texts: list[str] = []
    for word in words:
        start = pos
        for token in _TOKENS.findall(word.text):
            if token.isspace():
                continue
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if text.startswith(token, pos):
                pos += len(token)
            elif _SYLLABLE.fullmatch(token) and pos < len(text) and is_hanzi(text[pos]):
                pos += 1
            else:
                return words
        texts.append(text[start:pos].strip())
    for word, found in zip(words, texts, strict=True):
        word.text = found
    return [word for word in words if word.text]


def as_written(recorded: Any, text: str) -> Any:
    """A manifest record of timings (`ClipTimings.as_manifest`) of a clip of `text` with its
    words named as `text` writes them, where it names them as the clip's voice was given
    them (`ni2`, `hao3 ！`: recorded before words were named as written); else `recorded`
    itself. What the clip's track and segments are written from."""
    words = recorded.get("words") if isinstance(recorded, Mapping) else None
    if not isinstance(words, list) or not all(isinstance(w, Mapping) for w in words):
        return recorded
    if _SYLLABLE.search(text) or not any(_SYLLABLE.search(str(w.get("text"))) for w in words):
        return recorded
    said = [_Said(0, 0, str(w.get("text"))) for w in words]
    named = _syllables_as_written(said, text)
    if named is said or len(named) != len(words):
        return recorded
    renamed = [dict(w) | {"text": n.text} for w, n in zip(words, named, strict=True)]
    return dict(recorded) | {"words": renamed}


def _boundaries_joined(marks: Sequence[Mark]) -> list[Mark]:
    """`marks` with each boundary token (a mark with no text: Kokoro's start and end
    tokens, Piper's) joined to the sound it touches: the model makes a word's onset in
    the frames of the start token before it, and its fading in the end token after it."""
    joined = list(marks)
    for index, mark in enumerate(marks):
        if mark.text:
            continue
        after = joined[index + 1] if index + 1 < len(joined) else None
        before = joined[index - 1] if index else None
        if after is not None and not _breaks(after.text):
            joined[index + 1] = Mark(after.text, mark.start, after.end)
        elif before is not None and not _breaks(before.text):
            joined[index - 1] = Mark(before.text, before.start, mark.end)
    return joined


def _breaks(unit: str) -> bool:
    """Whether a phoneme separates words: a space, punctuation, a boundary token."""
    if not unit or unit.isspace():
        return True
    return all(unicodedata.category(c)[0] in "PZ" or c == "|" for c in unit)


def _runs(marks: Sequence[Mark], breaks: Callable[[str], bool]) -> list[list[Mark]]:
    """`marks` cut into runs between the marks whose text `breaks` (left out)."""
    runs: list[list[Mark]] = []
    current: list[Mark] = []
    for mark in marks:
        if breaks(mark.text):
            if current:
                runs.append(current)
                current = []
        else:
            current.append(mark)
    if current:
        runs.append(current)
    return runs


def _from_phonemes(marks: Sequence[Mark], said: Sequence[str]) -> tuple[list[_Said], bool]:
    """Words as runs of phonemes between spaces and punctuation, named by the words of
    `said` when they count the same (else by their phonemes: unmatched)."""
    runs = _runs(marks, _breaks)
    texts = [word for piece in said for word in piece.split()]
    matched = len(texts) == len(runs)
    words = [
        _Said(run[0].start, run[-1].end, texts[i] if matched else "".join(m.text for m in run))
        for i, run in enumerate(runs)
    ]
    return words, not matched


def _japanese_from_phonemes(
    marks: Sequence[Mark], morphemes: Sequence[Morpheme]
) -> list[_Said] | None:
    """Kokoro's Japanese phonemes as the G2P's word groups, each with its morphemes'
    text and reading and each mora with its kana; None when the morphemes do not count
    the morae the phonemes hold."""
    units = [m.text for m in marks]
    groups = mora_groups(units)
    group_of = _word_group_of(units, groups)
    words: dict[int, _Said] = {}
    at = 0
    pending = ""  # punctuation before the first word
    previous: _Said | None = None
    for morpheme in morphemes:
        if morpheme.is_symbol:
            if previous is not None:
                previous.text += morpheme.surface
            else:
                pending += morpheme.surface
            continue
        spoken, reading = _morae_kana(morpheme)
        mine = groups[at : at + len(spoken)]
        if len(mine) != len(spoken) or not mine:
            return None
        first = group_of[at]
        at += len(spoken)
        word = words.get(first)
        if word is None:
            word = words[first] = _Said(0, 0, pending, "")
            pending = ""
        word.text += morpheme.surface
        word.reading = (word.reading or "") + "".join(reading)
        for indexes, kana in zip(mine, reading, strict=False):
            word.morae.append(Mark(kana, marks[indexes[0]].start, marks[indexes[-1]].end))
        previous = word
    if at != len(groups) or not words:
        return None
    found = [words[g] for g in sorted(words)]
    for word in found:
        word.start, word.end = word.morae[0].start, word.morae[-1].end
    if pending:
        found[-1].text += pending
    return found


def _word_group_of(units: Sequence[str], groups: Sequence[Sequence[int]]) -> list[int]:
    """Which word group (a run of phonemes between spaces or punctuation) each mora of
    `groups` (the indexes of its phonemes in `units`) is in."""
    group_of: list[int] = []
    group, last = 0, -1
    for mora in groups:
        if last >= 0 and any(_breaks(units[i]) for i in range(last + 1, mora[0])):
            group += 1
        group_of.append(group)
        last = mora[-1]
    return group_of


def _morae_kana(morpheme: Morpheme) -> tuple[list[str], list[str]]:
    """The morae `morpheme` is said in, and the kana (hiragana) each is named by: its
    reading's, or the morae's own when its reading counts others."""
    spoken = kana_morae(morpheme.pronunciation)
    if morpheme.phonemes is not None:  # an override's phonemes: their kana unknown ("")
        spoken = [""] * len(mora_groups(list(morpheme.phonemes)))
    reading = [to_hiragana(k) for k in kana_morae(morpheme.reading)]
    if len(reading) != len(spoken):
        reading = [to_hiragana(k) for k in spoken] if spoken[:1] != [""] else reading
    return spoken, reading


_NUMERALS = frozenset("〇一二三四五六七八九十百千万億兆")
"""The kanji the analyzer writes a number in digits as (7 → 七, 2024 → 二千二十四)."""
_IN_NUMBER = frozenset("0123456789０１２３４５６７８９,.，．")


def _as_written(words: list[_Said], written: str) -> list[_Said]:
    """`words` (the analyzer's surfaces) as `written` spells them: each character found
    in it in order, a number the analyzer wrote in kanji (七, 二千二十四) found as the
    digits written (7, 2024) and given to the word it starts in, a word left with no
    written text joined to the one before. `words` unchanged when they cannot all be
    found in order."""
    pos = 0
    texts: list[str] = []
    in_number = False
    for word in words:
        found = _found_written(word.text, written, pos, in_number)
        if found is None:
            return words
        text, pos, in_number = found
        texts.append(text)
    if written[pos:].strip():
        return words
    joined: list[_Said] = []
    for word, text in zip(words, texts, strict=True):
        if not text and joined:
            last = joined[-1]
            last.end = word.end
            last.reading = (last.reading or "") + (word.reading or "")
            last.morae += word.morae
            continue
        word.text = text
        joined.append(word)
    return joined


def _found_written(
    surface: str, written: str, pos: int, in_number: bool
) -> tuple[str, int, bool] | None:
    """The text `written` spells the analyzer's `surface` with from `pos` (past spaces),
    where it ends, and whether it ends in a number's digits (`in_number`: the last word
    did); None when a character of it is not there."""
    text = ""
    for char in surface:
        while pos < len(written) and written[pos].isspace():
            pos += 1  # between the pieces of a passage
        here = written[pos] if pos < len(written) else ""
        if here and unicodedata.normalize("NFKC", here) == char:
            text += here
            pos += 1
            in_number = False
        elif char in _NUMERALS and here and here in _IN_NUMBER:
            while pos < len(written) and written[pos] in _IN_NUMBER:
                text += written[pos]
                pos += 1
            in_number = True
        elif char in _NUMERALS and in_number:
            continue  # said within the digits already given
        else:
            return None
    return text, pos, in_number


def _from_characters(
    marks: Sequence[Mark], morphemes: Callable[[], Sequence[Morpheme]] | None
) -> list[_Said]:
    """Words of characters, each timed by its letters: for Japanese text (no spaces)
    the analyzer's words when they spell the text, else runs between spaces."""
    runs: list[list[Mark]] = []
    text = "".join(m.text for m in marks)
    if morphemes is not None:
        found = list(morphemes())
        if "".join(m.surface for m in found) == text:
            at = 0
            for morpheme in found:
                width = len(morpheme.surface)
                if morpheme.is_symbol and runs:
                    runs[-1] += marks[at : at + width]  # punctuation joins the word before
                else:
                    runs.append(list(marks[at : at + width]))
                at += width
    if not runs:
        runs = _runs(marks, str.isspace)
    words = []
    for run in runs:
        timed = [m for m in run if m.text.isalnum()] or run
        words.append(_Said(timed[0].start, timed[-1].end, "".join(m.text for m in run)))
    return words


def _held_to_sound(
    words: list[_Said], samples: NDArray[np.floating], rate: int, quiet_db: float
) -> list[_Said]:
    """`words`, each moved inward to the first and last sample of its span louder than
    `quiet_db` below the clip's loudest 10 ms (a word with no such sample keeps its span)."""
    import numpy as np

    from ..audio.edges import moving_power

    if not words or len(samples) == 0:
        return words
    power = moving_power(samples, rate)
    loud = power >= float(power.max()) * 10 ** (quiet_db / 10)
    for word in words:
        start, end = max(0, word.start), min(len(samples), word.end)
        inside = np.flatnonzero(loud[start:end])
        if len(inside):
            word.start, word.end = start + int(inside[0]), start + int(inside[-1]) + 1
        for index, mora in enumerate(word.morae):
            held = Mark(mora.text, max(mora.start, word.start), min(mora.end, word.end))
            word.morae[index] = Mark(held.text, min(held.start, held.end), held.end)
    return words


def _in_ms(word: _Said, rate: int) -> TimedWord:
    return TimedWord(
        _ms(word.start, rate),
        _ms(word.end, rate),
        word.text,
        word.reading,
        tuple(TimedMora(_ms(m.start, rate), _ms(m.end, rate), m.text) for m in word.morae),
    )


def _ms(sample: int, rate: int) -> int:
    return round(sample * 1000 / rate)


def mora_spans(timings: Mapping[str, Any] | None) -> list[tuple[float, float]] | None:
    """Each mora's (start, end) in seconds from a manifest entry's `timings`; None when
    they hold no morae."""
    return [(start, end) for start, end, _ in _morae(timings)] or None


def mora_kana(timings: Mapping[str, Any] | None) -> list[str]:
    """Each mora's kana from a manifest entry's `timings` ("" where it records none)."""
    return [kana for _, _, kana in _morae(timings)]


def _morae(timings: Mapping[str, Any] | None) -> list[tuple[float, float, str]]:
    words = (timings or {}).get("words")
    if not isinstance(words, list):
        return []
    return [
        (float(mora[0]) / 1000, float(mora[1]) / 1000, str(mora[2]) if len(mora) > 2 else "")
        for word in words
        if isinstance(word, dict)
        for mora in word.get("morae", ())
    ]
