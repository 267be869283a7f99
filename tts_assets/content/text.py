"""Text cleanup: what a provider is asked to say, made from what the content file holds.

The JSON keeps the text as written; `clean` makes the spoken form (the form that also
goes into the content key), and `split_sentences` cuts a long spoken text into pieces a
provider takes in one call.
"""

from __future__ import annotations

import re
import unicodedata

KINDS = ("text", "reading")
"""`text`: ordinary text. `reading`: a dictionary-notation reading (`か.つ`, `-ち`, `おと-`)."""

# A terminal colour code pasted with a text (ESC [ 31 m) says nothing: without its ESC
# the rest would be read out as "31 m".
_ANSI = re.compile("\x1b\\[[0-?]*[ -/]*[@-~]")
# Control and invisible formatting characters say nothing and upset some engines; lone
# surrogates (from "\ud800" escapes) cannot even be encoded.
_REMOVE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)
# Dictionary notation: okurigana dots, prefix/suffix hyphens, the parenthesized
# okurigana some sources use and the wave dash of an attaching reading (〜がる). The
# long-vowel mark ー (U+30FC) is speech and stays.
_NOTATION = re.compile("[.\uff0e\\-\uff0d\u2010\u2011\u2212()\uff08\uff09\u301c\uff5e]")


def clean(text: str, kind: str = "text") -> str:
    """The spoken form of `text`; "" when nothing is left to say.

    NFC-normalizes, removes terminal colour codes, control and zero-width characters,
    collapses each run of spaces to one space and each run of line breaks to one newline
    (a sentence end for `split_sentences`), and strips the ends. For kind "reading" it
    also removes the dictionary notation: `か.つ` → `かつ`, `おと-` → `おと`, `-ち` → `ち`,
    `あ(がる)` → `あがる`, `〜がる` → `がる`, full-width dots and hyphens (U+FF0E, U+FF0D)
    included.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown text kind {kind!r}; expected one of {', '.join(KINDS)}")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _REMOVE.sub("", _ANSI.sub("", text))
    if kind == "reading":
        text = _NOTATION.sub("", text)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# A sentence ends after runs of Japanese or ASCII full stops, exclamation and question
# marks (an ASCII full stop only before a space or the end, so 3.14 and example.com stay
# whole) or at a line break; closing quotes and brackets right after belong to it.
_CLOSERS = "[\u300d\u300f\uff09)\\]\u3011\"'\u201d\u2019]*"
_SENTENCE_END = re.compile(r"(?:[\u3002\uff0e\uff01\uff1f!?]+|\.+(?=\s|$)|\n)" + _CLOSERS)
_CLAUSE_END = re.compile(r"[\u3001\uff0c,;\uff1b:\uff1a]+" + _CLOSERS)
_SPACES = re.compile(r"\s+")
_FINER = (_CLAUSE_END, _SPACES)


def split_sentences(text: str, max_chars: int) -> list[str]:
    """Cut `text` into pieces of at most `max_chars` characters, one sentence per piece.

    A sentence longer than `max_chars` is cut after 、,; (clauses packed back together up
    to the limit), then at spaces, then hard. Pieces are stripped and never empty; joined
    they give back every character of the text in order, less the whitespace at the cuts.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, not {max_chars}")
    pieces: list[str] = []
    for sentence in _cut_after(text, _SENTENCE_END):
        pieces.extend(_fit(sentence, max_chars, 0))
    return pieces


def _cut_after(text: str, ends: re.Pattern[str]) -> list[str]:
    """`text` cut after each match of `ends`; the parts cover the whole text."""
    parts = []
    start = 0
    for m in ends.finditer(text):
        if m.end() > start:
            parts.append(text[start : m.end()])
            start = m.end()
    if start < len(text):
        parts.append(text[start:])
    return parts


def _fit(text: str, max_chars: int, level: int) -> list[str]:
    """`text` stripped, as one piece if it fits, else cut at the next finer level."""
    text = text.strip()
    if len(text) <= max_chars:
        return [text] if text else []
    if level == len(_FINER):
        return _hard_cut(text, max_chars)
    pieces: list[str] = []
    current = ""
    for part in _cut_after(text, _FINER[level]):
        if len((current + part).strip()) <= max_chars:
            current += part
            continue
        pieces.extend(_fit(current, max_chars, level + 1))
        current = part
    pieces.extend(_fit(current, max_chars, level + 1))
    return pieces


def _hard_cut(text: str, max_chars: int) -> list[str]:
    pieces = []
    start = 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        # Never separate a combining mark (゙, accents) from the character it modifies.
        while start + 1 < end < len(text) and unicodedata.combining(text[end]):
            end -= 1
        piece = text[start:end].strip()
        if piece:
            pieces.append(piece)
        start = end
    return pieces
