"""How long the speech for a text may plausibly last, to catch broken synthesis.

Each character adds to a lower and an upper bound by its kind; the bounds apply to the
speech alone (edge silence and padding excluded), set from real clips of Kokoro, Piper
and espeak-ng.

The upper bounds are generous on purpose, leaving room for speed 0.5 (which doubles
every duration), while one kana that runs on for many seconds is still far out. The
lower bounds sit well under the fastest sentences measured, catching a sentence that
came back as a blip.
"""

from __future__ import annotations

import unicodedata

from ..pauses import pause_seconds, without_pauses

# Seconds of speech per character of each kind: the shortest and the longest at any
# speed (`speech_bounds`), and the usual, said at an ordinary pace (`likely_speech`).
_PER_CHAR = {
    "kana": (0.03, 0.6, 0.12),  # one mora; long vowels and ー included
    "kanji": (0.05, 1.5, 0.2),  # one to four morae; espeak-ng spells them out
    "digit": (0.05, 1.0, 0.25),  # "2024" is read as several words
    "letter": (0.015, 0.5, 0.06),  # Latin and other alphabets, read as words or spelled
    "syllable": (0.015, 0.5, 0.2),  # a Hangul syllable (가 … 힣): bounded as a letter
    "pause": (0.0, 0.8, 0.2),  # punctuation: a comma or full stop may add a pause
    "other": (0.0, 0.3, 0.0),
}
_SLACK_S = 1.5
"""Added to every upper bound: breaths, sentence-final lengthening, joined-piece pauses."""
_SHORTEST_S = 0.05
"""No utterance is shorter, whatever the text."""

_MORA_S = (0.03, 0.6)
"""(shortest, longest) seconds of one chart sound (a mora, a Hangul syllable): room for
espeak-ng's shortest sound at speed 2 and Kokoro's longest yoon at speed 0.5."""
_MORA_SLACK_S = 0.6
"""Added to a kana sound's upper bound: far less than a word's, so a chart kana that
came out as a word or a run-on is refused."""
_SMALL_KANA = frozenset("ゃゅょぁぃぅぇぉゎャュョァィゥェォヮ")
"""Small kana join the kana before them into one mora (きゃ)."""


def _kind(char: str) -> str | None:
    code = ord(char)
    if 0x3041 <= code <= 0x30FF or 0xFF66 <= code <= 0xFF9D or 0x31F0 <= code <= 0x31FF:
        return "kana" if code not in (0x30FB,) else "pause"  # ・ is a separator
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
        return "kanji"
    if char in "々〆ヶ":
        return "kanji"
    if 0xAC00 <= code <= 0xD7A3:
        return "syllable"
    if char.isdigit():
        return "digit"
    if char.isalpha():
        return "letter"
    if char.isspace():
        return None
    category = unicodedata.category(char)
    if category.startswith("P"):
        return "pause"
    return "other"


def speech_bounds(text: str, kind: str = "text") -> tuple[float, float]:
    """(shortest, longest) plausible seconds of speech, edge silence excluded, for `text`.
    `kind` "kana" is a chart's sound (が, きゃ, a Hangul letter said as 가): bounded per
    mora or syllable, much tighter than a word, and as short as one mora said fast."""
    # A written pause (`[pause:1.5s]`) is silence of its length, not characters to say.
    silence = pause_seconds(text)
    if kind == "kana":
        # A sound of its own: a kana (not a small one, which joins the kana before it) or
        # a Hangul syllable.
        said = without_pauses(text)
        morae = sum(_kind(c) in ("kana", "syllable") and c not in _SMALL_KANA for c in said) or 1
        return _MORA_S[0] * morae + silence, _MORA_S[1] * morae + _MORA_SLACK_S + silence
    low, high = silence, _SLACK_S + silence
    for char in unicodedata.normalize("NFKC", without_pauses(text)):
        sort = _kind(char)
        if sort is not None:
            low += _PER_CHAR[sort][0]
            high += _PER_CHAR[sort][1]
    return max(low, _SHORTEST_S), high


_LIKELY_FACTOR = 3.0
"""How far from the usual length a recording of the text may plausibly be: a third of it
(said fast) to three times it (said slowly, a learner's pace)."""
_LIKELY_SLACK_S = 0.5
"""Added to the longest: a breath, a word said with care, a speaker's own pause."""


def likely_speech(text: str, kind: str = "text") -> tuple[float, float]:
    """(shortest, longest) seconds of speech, edge silence excluded, that a recording of
    `text` by someone else (a person, another tool) plausibly lasts: far tighter than
    `speech_bounds`, which must pass any speed the project may set. A clip outside it is
    not a recording of this text (`adopt`: a word pointing at a sentence's clip)."""
    if kind == "kana":
        return speech_bounds(text, kind)
    silence = pause_seconds(text)
    body = unicodedata.normalize("NFKC", without_pauses(text)).strip()
    body = body.rstrip("".join(c for c in body if _kind(c) == "pause"))
    usual = 0.0
    for char in body:
        if char in _SMALL_KANA:
            continue
        sort = _kind(char)
        if sort is not None:
            usual += _PER_CHAR[sort][2]
    usual = max(usual, 0.15)
    shortest = max(usual / _LIKELY_FACTOR, _SHORTEST_S) + silence
    return shortest, usual * _LIKELY_FACTOR + _LIKELY_SLACK_S + silence
