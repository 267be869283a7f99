"""`review.json`: the verdicts a reviewer exports from the page, and the reader that checks them.

The page writes the file (its script takes `FORMAT` and `VERSION` from the data this
module's constants put in it); `read_review` reads it back for `review --apply`. Version 1:

    {
      "format": "tts-assets-review",
      "version": 1,
      "page": "3f2a...",                  the page's id (which out dir it reviewed)
      "exported": "2026-11-22T10:00:00Z",
      "verdicts": [
        {
          "key": "0329d0aea469663fe48c96726760b74f",     the clip's content key
          "clip": "grammar/0329d0aea469663fe48c96726760b74f.mp3",   relative to the out dir
          "places": ["grammar.json › [0] › examples › [0] › japanese"],
          "text": "この歌は一度聞いたことがある。",          as written at the first place
          "verdict": "reject",                          "accept" or "reject"
          "note": "ichido, not hitotabi",                  the reviewer's words ("" if none)
          "reading": "いちど",                           a corrected reading, or null
          "word": "一度",                               the misread word as written (with a
                                                        reading; optional for a one-word text)
          "voice": null,                                another voice to try, or null
          "at": "2026-11-22T09:58:12Z"                   when the verdict was given
        }
      ]
    }

Only a rejection carries a reading or a voice. A reading is the reading of one word: for a
sentence, `word` names the word that was misread (an override of that word, wherever it
is spoken); without it, a reading is taken for the whole text only when the text is one
word. Each clip appears once. A file from a newer version is refused with what to do,
never half-read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..content.document import read_document
from ..content.item import JsonPath, describe_path
from ..content.selector import kind_of
from ..errors import InputError
from ..tables import control_character

FORMAT = "tts-assets-review"
VERSION = 1
VERDICTS = ("accept", "reject")
FIELDS = ("key", "clip", "places", "text", "verdict", "note", "reading", "voice", "at")
"""The keys of one verdict, every one required (null where the schema allows it)."""
OPTIONAL = ("word",)
"""Keys a verdict may leave out (pages made before they existed)."""

ONE_WORD = re.compile(r"[^\s。、，,.!?！？；;：:「」『』（）()…・\"']{1,32}")
"""A text that is one word (no space, no punctuation, 32 characters at most): a reading
given for it without a `word` is the reading of the whole text (the page checks the
same pattern)."""

Decision = Literal["accept", "reject"]

_KEY = re.compile(r"[0-9a-f]{8,64}")
_CLIP = re.compile(r"[A-Za-z0-9_-]+/([0-9a-f]{8,64})\.[a-z0-9]+")
_AGAIN = "export it from the review page again"


@dataclass(frozen=True)
class Verdict:
    """A reviewer's decision about one clip: one entry of the file (the module docstring
    says what each field holds)."""

    key: str
    clip: str
    places: tuple[str, ...]
    text: str
    verdict: Decision
    note: str
    reading: str | None
    voice: str | None
    at: str
    word: str | None = None


@dataclass(frozen=True)
class Review:
    """A whole `review.json`: the page it came from and its verdicts, in file order."""

    page: str
    exported: str
    verdicts: tuple[Verdict, ...]


def read_review(path: Path) -> Review:
    """Read and check a `review.json` against the schema (module docstring); InputError
    (exit 2) naming the file and place if bad."""
    data = read_document(path).data
    top = _Reader(path)
    if not isinstance(data, dict):
        top.fail((), f"expected an object, found {kind_of(data)}", "is this a review.json?")
    if data.get("format") != FORMAT:
        top.fail(("format",), f'expected "{FORMAT}", found {_shown(data.get("format"))}')
    version = data.get("version")
    if version != VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            top.fail(
                ("version",),
                f"version {version} is newer than this tts-assets reads ({VERSION})",
                "update tts-assets",
            )
        top.fail(("version",), f"expected {VERSION}, found {_shown(version)}")
    unknown = sorted(set(data) - {"format", "version", "page", "exported", "verdicts"})
    if unknown:
        top.fail((unknown[0],), "unknown key")
    page = top.string(data, "page", ())
    exported = top.string(data, "exported", ())
    entries = data.get("verdicts")
    if not isinstance(entries, list):
        top.fail(("verdicts",), f"expected a list, found {kind_of(entries)}")
    verdicts = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        verdict = top.verdict(entry, ("verdicts", index))
        if verdict.clip in seen:
            top.fail(
                ("verdicts", index, "clip"),
                f"{verdict.clip} already has a verdict at verdicts › [{seen[verdict.clip]}]",
                "keep one of them",
            )
        seen[verdict.clip] = index
        verdicts.append(verdict)
    return Review(page=page, exported=exported, verdicts=tuple(verdicts))


class _Reader:
    """Checks values at places in one file, failing with the file and place named."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: JsonPath, problem: str, fix: str = "") -> Any:
        place = describe_path(self.path, where) if where else str(self.path)
        raise InputError(f"{place}: {problem}; {fix or _AGAIN}")

    def string(self, obj: dict[str, Any], key: str, base: JsonPath) -> str:
        value = obj.get(key)
        if not isinstance(value, str):
            self.fail((*base, key), f"expected a string, found {kind_of(value)}")
        return str(value)

    def optional(self, obj: dict[str, Any], key: str, base: JsonPath) -> str | None:
        value = obj.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str):
            self.fail((*base, key), f"expected a string or null, found {kind_of(value)}")
        return str(value).strip()

    def verdict(self, entry: Any, base: JsonPath) -> Verdict:
        """The verdict at `base`: an object with every field and no other, its clip its
        key's, and the word, reading and voice it asks for such as can be acted on."""
        if not isinstance(entry, dict):
            self.fail(base, f"expected an object, found {kind_of(entry)}")
        missing = [k for k in FIELDS if k not in entry]
        if missing:
            self.fail(base, f'"{missing[0]}" is missing')
        unknown = sorted(set(entry) - set(FIELDS) - set(OPTIONAL))
        if unknown:
            self.fail((*base, unknown[0]), "unknown key")
        key = self.string(entry, "key", base)
        if not _KEY.fullmatch(key):
            self.fail((*base, "key"), f"{_shown(key)} is not a content key")
        clip = self.string(entry, "clip", base)
        named = _CLIP.fullmatch(clip)
        if named is None or named.group(1) != key:
            self.fail(
                (*base, "clip"), f"{_shown(clip)} is not the clip of key {key} (TYPE/KEY.EXT)"
            )
        places = entry["places"]
        if not (isinstance(places, list) and places and all(isinstance(p, str) for p in places)):
            self.fail((*base, "places"), "expected a list of one or more strings")
        decision = entry["verdict"]
        if decision not in VERDICTS:
            self.fail(
                (*base, "verdict"), f'expected "accept" or "reject", found {_shown(decision)}'
            )
        word, reading, voice = self._asked(entry, base, decision)
        return Verdict(
            key=key,
            clip=clip,
            places=tuple(places),
            text=self.string(entry, "text", base),
            verdict=decision,
            note=self.string(entry, "note", base),
            reading=reading,
            voice=voice,
            at=self.string(entry, "at", base),
            word=word,
        )

    def _asked(
        self, entry: dict[str, Any], base: JsonPath, decision: str
    ) -> tuple[str | None, str | None, str | None]:
        """The word, reading and voice a verdict asks for, such as can be acted on."""
        reading = self.optional(entry, "reading", base)
        voice = self.optional(entry, "voice", base)
        word = self.optional(entry, "word", base)
        for name, value in (("word", word), ("reading", reading)):
            found = None if value is None else control_character(value, invisible=True)
            if found is not None:
                self.fail(
                    (*base, name),
                    f"{value!r} holds {found}, an invisible or bidirectional character: "
                    "the file would show one word and the clip say another",
                    f"give the {name} as it is read, without it",
                )
        if word is not None and reading is None:
            self.fail((*base, "word"), "a word comes with its reading", "give the reading too")
        if decision == "accept" and (reading or voice):
            which = "reading" if reading else "voice"
            self.fail(
                (*base, which),
                f"an accepted clip takes no {which}",
                'make the verdict "reject" or set it to null',
            )
        return word, reading, voice


def _shown(value: Any) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:39] + "…"
        return f'"{text}"'
    return kind_of(value)
