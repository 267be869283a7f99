"""Cloze questions said aloud: the blank a silence, and the sentence said again filled in.

A listening cloze (the seed app's 918 grammar exercises: `"question": "___に伴って変化が
起きた"`, `"options": [...]`, `"correct": 0`) says its sentence with a timed gap where
the blank is, and, for checking the answer, the same sentence with the right option in
it. Read aloud as written, a blank says nothing or punctuation.

A field's `cloze` (a length: `"2s"`, `"1500ms"`) turns each blank of its texts into a
pause of that length, written as the pause marker the rest of the tool reads
(`tts_assets.pauses`): silence in the clip, never a word. A blank is a run of two or more
underscores (`___`, `＿＿`), empty brackets (`（　）`, `( )`, `［　］`), or the literal
marker the field names (`cloze_blank = "〇〇"`). A blank at the very start or end of a text
is silence at a clip's edge, which the clip's own lead and tail replace (a pause there is
left out, as any written pause at an edge).

`cloze_answer` names the answer, with the text's `[]`: a text (`examples[].answer`), or
an option chosen by an index held beside the list (`exercises[].options[@correct]`:
`options[correct]` of the same exercise). The field's filled twin (`fill`) says each text
with its blanks replaced by the answer, its clip's URL at `cloze_url` (default: the URL's
last key prefixed `filled`: `questionAudio` → `filledQuestionAudio`).

Every pattern here is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

BLANK = re.compile(r"[_\uff3f]{2,}|[（(［\[][ \u3000]*[）)］\]]")
"""A blank as courses write one: two or more underscores (ASCII or full-width), or empty
brackets (round or square, ASCII or full-width, spaces inside)."""

_SPACES = re.compile(r" {2,}")
_INDEXED = re.compile(r"^(?P<list>.+)\[@(?P<key>[A-Za-z_][A-Za-z0-9_-]*)\]$")


@dataclass(frozen=True)
class Answer:
    """Where a cloze's answer is: the `source` expression, and the key beside it whose
    value is the index of the right option (None: the value at `source` is the answer)."""

    source: str
    index_key: str | None = None


def parse_answer(written: str) -> Answer:
    """`exercises[].options[@correct]` → the list and the key of its index; else the
    expression names the answer itself."""
    found = _INDEXED.match(written)
    if found is None:
        return Answer(written)
    return Answer(found.group("list"), found.group("key"))


def has_blank(text: str, marker: str | None = None) -> bool:
    """Whether `text` holds a blank (or the field's own `marker`)."""
    return BLANK.search(text) is not None or bool(marker and marker in text)


def with_gaps(text: str, seconds: float, marker: str | None = None) -> str:
    """`text` with each blank a pause marker of `seconds` (`[pause:2s]`), spaced from the
    words beside it."""
    pause = f" [pause:{seconds:g}s] "
    if marker:
        text = text.replace(marker, pause)
    return _SPACES.sub(" ", BLANK.sub(pause, text)).strip()


def filled(text: str, answer: str, marker: str | None = None) -> str:
    """`text` with each blank replaced by `answer`."""
    if marker:
        text = text.replace(marker, answer)
    return BLANK.sub(lambda _: answer, text)


def answer_of(list_value: Any, container: Any, index_key: str | None) -> str | None:
    """The answer: `list_value` itself where it is a text, or the option of the list at
    the index `container` holds at `index_key`; None where there is none."""
    if index_key is None:
        return list_value if isinstance(list_value, str) and list_value.strip() else None
    if not isinstance(list_value, list) or not isinstance(container, dict):
        return None
    index = container.get(index_key)
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(list_value):
        return None
    option = list_value[index]
    return option if isinstance(option, str) and option.strip() else None
