"""review.json: a file the page exports is read back; a bad one is refused in one line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.support.sweep import check_each
from tts_assets.errors import InputError
from tts_assets.review.verdicts import read_review

KEY = "0329d0aea469663fe48c96726760b74f"
OTHER = "59fe19c7c4dcae842a1233137ebcd12c"


def verdict(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "key": KEY,
        "clip": f"grammar/{KEY}.mp3",
        "places": ["grammar.json › [0] › examples › [0] › japanese"],
        "text": "この歌は一度聞いたことがある。",
        "verdict": "reject",
        "note": "ichido",
        "reading": "いちど",
        "voice": None,
        "at": "2026-11-22T09:58:12Z",
    }
    return base | changes


def document(*verdicts: dict[str, Any], **changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "tts-assets-review",
        "version": 1,
        "page": "3f2a9c0d11e2b4a5",
        "exported": "2026-11-22T10:00:00Z",
        "verdicts": list(verdicts),
    }
    return doc | changes


def write(path: Path, doc: object) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_a_review_reads_back_every_verdict(tmp_path: Path) -> None:
    accepted = verdict(
        key=OTHER, clip=f"kanji/{OTHER}.mp3", verdict="accept", note="", reading=None
    )
    path = write(tmp_path / "review.json", document(verdict(), accepted))
    review = read_review(path)
    assert review.page == "3f2a9c0d11e2b4a5"
    assert [v.verdict for v in review.verdicts] == ["reject", "accept"]
    rejected, accepted_ = review.verdicts
    assert (rejected.reading, rejected.voice, rejected.note) == ("いちど", None, "ichido")
    assert rejected.places == ("grammar.json › [0] › examples › [0] › japanese",)
    assert accepted_.clip == f"kanji/{OTHER}.mp3"


def test_blank_readings_and_voices_mean_none(tmp_path: Path) -> None:
    path = write(tmp_path / "review.json", document(verdict(reading="  ", voice="")))
    (only,) = read_review(path).verdicts
    assert (only.reading, only.voice) == (None, None)


def test_a_bad_file_is_refused_naming_the_place_and_the_fix(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    def case(doc: object, message: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        path = write(tmp_path / "review.json", doc)
        with pytest.raises(InputError, match=f"^{message}") as caught:
            read_review(path)
        assert caught.value.exit_code == 2
        assert "\n" not in str(caught.value)

    check_each(
        case,
        [
            ([], r".+/review.json: expected an object, found a list; is this a review.json\?"),
            (
                document(format="other"),
                r'review.json › format: expected "tts-assets-review", found "other"; export it',
            ),
            (
                document(version=2),
                r"review.json › version: version 2 is newer than this tts-assets reads \(1\); "
                r"update tts-assets",
            ),
            (document(extra=1), r"review.json › extra: unknown key"),
            (document(verdicts={}), r"review.json › verdicts: expected a list, found an object"),
            (document("x"), r"review.json › verdicts › \[0\]: expected an object, found a string"),
            (
                document(verdict(verdict="maybe")),
                r"review.json › verdicts › \[0\] › verdict: "
                r'expected "accept" or "reject", found "maybe"',
            ),
            (
                document({k: v for k, v in verdict().items() if k != "places"}),
                r'review.json › verdicts › \[0\]: "places" is missing',
            ),
            (
                document(verdict(places=[])),
                r"review.json › verdicts › \[0\] › places: expected a list of one or more strings",
            ),
            (
                document(verdict(key="../../etc")),
                r'review.json › verdicts › \[0\] › key: "../../etc" is not a content key',
            ),
            (
                document(verdict(clip=f"grammar/{OTHER}.mp3")),
                r"review.json › verdicts › \[0\] › clip: .* is not the clip of key",
            ),
            (
                document(verdict(clip=f"../{KEY}.mp3")),
                r"review.json › verdicts › \[0\] › clip: .* is not the clip of key",
            ),
            (
                document(verdict(verdict="accept")),
                r"review.json › verdicts › \[0\] › reading: an accepted clip takes no reading; "
                r'make the verdict "reject" or set it to null',
            ),
            (
                document(verdict(voice=3)),
                r"review.json › verdicts › \[0\] › voice: expected a string or null, "
                "found a number",
            ),
            (
                document(verdict(), verdict(note="again")),
                r"review.json › verdicts › \[1\] › clip: grammar/\w+.mp3 already has a verdict "
                r"at verdicts › \[0\]; keep one of them",
            ),
        ],
    )


def test_broken_json_names_the_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    text = json.dumps(document(verdict()), indent=1)
    path.write_text(text[:-30], encoding="utf-8")
    with pytest.raises(InputError, match=rf"^{re.escape(str(path))}:\d+:\d+: invalid JSON"):
        read_review(path)
    with pytest.raises(InputError, match="cannot read"):
        read_review(tmp_path / "absent.json")


# --- a word and its reading are what they show ---------------------------


def test_an_invisible_or_bidi_character_in_a_word_or_reading_is_refused(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    def case(changes: dict[str, str], key: str, code: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        path = write(tmp_path / "review.json", document(verdict(**changes)))
        with pytest.raises(InputError) as e:
            read_review(path)
        message = str(e.value)
        assert f"verdicts › [0] › {key}" in message and code in message, message
        assert "\n" not in message and not any(c in message for c in "\u202e\u200d\u2066\x1b")

    check_each(
        case,
        [
            ({"word": "一度", "reading": "\u202eどちい"}, "reading", "U+202E"),
            ({"word": "一\u200d度"}, "word", "U+200D"),
            ({"word": "\u2066一度\u2069"}, "word", "U+2066"),
            ({"word": "一度", "reading": "いち\u200bど"}, "reading", "U+200B"),
            ({"word": "一度", "reading": "いちど\x1b[0m"}, "reading", "U+001B"),
        ],
    )
