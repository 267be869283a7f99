"""Careless and hostile content a course's author writes without reading the rules: a
dialogue on one line, markup and entities in a text. Each case is what the loader or the
cleaner makes of it; a mark said aloud or markup read out is a wrong clip, which must
never be made in silence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.sweep import check_each, check_each_one
from tests.support.windows import whole_course
from tts_assets.content.item import Drill
from tts_assets.content.load import LoadResult
from tts_assets.content.spec import resolve_types
from tts_assets.content.text import clean
from tts_assets.errors import InputError


def _lines(tmp_path: Path, script: str, lang: str = "en") -> list[tuple[str | None, str]]:
    """The (speaker, spoken text) of each line of a dialogue written as one text, as the
    loader reads it (speakers A and B, and Mr. Smith, on Kokoro's voices of `lang`)."""
    voices = {"en": ("af_heart", "am_adam"), "ja": ("jf_alpha", "jm_kumo")}[lang]
    table = {
        "talk": {
            "file": "talk.json",
            "dialogues": [{
                "text": "script", "url": "audioUrl", "lang": lang,
                "speakers": {"A": voices[0], "B": voices[1], "Mr. Smith": voices[1]},
            }],
        }
    }  # fmt: skip
    (tmp_path / "talk.json").write_text(json.dumps([{"script": script}]), "utf-8")
    loaded: LoadResult = whole_course(tmp_path, [resolve_types(table, None)["talk"]])
    (join,) = loaded.sequences
    assert isinstance(join.made_from, Drill)
    parts = join.made_from.parts
    return [(p.speaker, p.item.spoken) for p in parts if p.item is not None]


def test_a_dialogue_on_one_line_is_cut_only_at_a_mark_after_a_sentence_end(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Times (10:30), ratios, URLs and a label inside a sentence stay in the line said;
    a mark after a sentence end and any space starts a turn."""

    def case(script: str, lines: list[tuple[str, str]]) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        assert _lines(tmp_path, script) == lines

    check_each(
        case,
        [
            ("A: Meet me at 10:30. B: OK.", [("A", "Meet me at 10:30."), ("B", "OK.")]),
            ("A: The ratio is 3:1. B: ok", [("A", "The ratio is 3:1."), ("B", "ok")]),
            (
                "A: Visit https://example.com. B: ok",
                [("A", "Visit https://example.com."), ("B", "ok")],
            ),
            ("A: Time is 9.30. B: Thanks.", [("A", "Time is 9.30."), ("B", "Thanks.")]),
            ('A: He said "stop." B: ok', [("A", 'He said "stop."'), ("B", "ok")]),
            ("A: Hi.\u00a0B: yo", [("A", "Hi."), ("B", "yo")]),
            ("A: Hi.\u3000B: yo", [("A", "Hi."), ("B", "yo")]),
            ("A: Hi.\tB: yo", [("A", "Hi."), ("B", "yo")]),
            ("A: Hi. B:Hello", [("A", "Hi."), ("B", "Hello")]),
            ("A: Hi.  B :  ok", [("A", "Hi."), ("B", "ok")]),
            ("A: Hello. Mr. Smith: Hi there.", [("A", "Hello."), ("Mr. Smith", "Hi there.")]),
            ("A: Hello.\nB: Hi. A: again", [("A", "Hello."), ("B", "Hi."), ("A", "again")]),
            (
                "A: Hi! B: Hello? A: Fine… B: bye",
                [("A", "Hi!"), ("B", "Hello?"), ("A", "Fine…"), ("B", "bye")],
            ),
            ("A: Go, Plan B: we run.", [("A", "Go, Plan B: we run.")]),  # no sentence end
        ],
    )


def test_a_japanese_dialogue_on_one_line_is_cut_at_full_width_marks(tmp_path: Path) -> None:
    assert _lines(tmp_path, "A：おはよう。B：はい！A: またね。", "ja") == [
        ("A", "おはよう。"),
        ("B", "はい！"),
        ("A", "またね。"),
    ]


def test_a_mark_of_a_speaker_with_no_voice_stops_the_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A one-word label the config does not name is never said: the run stops there."""

    def case(script: str, unknown: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        with pytest.raises(InputError, match="has no voice") as e:
            _lines(tmp_path, script)
        assert f'"{unknown}"' in str(e.value)

    check_each(
        case,
        [
            ("A: I said no. Why: because. B: ok", "Why"),  # a label-like word after a sentence end
            ("A: Read chapter 2. Note: it is long. B: ok", "Note"),
            ("\ufeffA: Hi\nB: yo", "\ufeffA"),  # a byte-order mark at the start
        ],
    )


def test_a_speakers_mark_left_where_a_turn_starts_is_refused_not_said(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A mark the cut did not take (glued to the sentence end, after a zero-width space,
    a dash or markup) would be said in the other speaker's voice: refused, naming the line
    and how to write it."""

    def case(script: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        with pytest.raises(InputError, match=r'script: line \d \(".*"\) holds the mark "[Bb]:"'):
            _lines(tmp_path, script)

    check_each_one(
        case,
        [
            "A: Das ist gut.B: ja",  # no space after the sentence end
            "A: B: hello",  # a turn with nothing before the next mark
            "A: Hi. \u200bB: yo",  # a zero-width space before the mark
            "A: Hi. <b>B:</b> yo",  # the mark in markup
            "A: Hi. **B:** yo",  # or in Markdown
            "A: Hi. — B: yo",  # a dash before it
            "A: I love it! :) B: Me too.",  # an emoticon before it
            "A: Hi. b: Hello",  # the mark in another case
            "A: Dr. B: is here.",  # after an abbreviation
        ],
    )


def test_parallel_lists_a_careless_author_writes_are_refused_at_their_place(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A line that still holds its speaker's mark beside a list of speakers would say the
    mark; an extra, blank or wrong speaker would shift the voices."""

    def case(lines: list[str], who: list[object], refused: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        table = {
            "talk": {
                "file": "talk.json",
                "dialogues": [{
                    "text": "lines[]", "speaker": "who[]", "url": "audioUrl", "lang": "en",
                    "speakers": {"A": "af_heart", "B": "am_adam"},
                }],
            }
        }  # fmt: skip
        (tmp_path / "talk.json").write_text(json.dumps([{"lines": lines, "who": who}]), "utf-8")
        with pytest.raises(InputError, match=refused):
            whole_course(tmp_path, [resolve_types(table, None)["talk"]])

    check_each(
        case,
        [
            (
                ["A: Hi.", "B: Yo."],
                ["A", "B"],
                r'lines › \[0\]: the line \("A: Hi\."\) holds the mark "A:"',
            ),
            (["Hi.", "Fine. B: yes"], ["A", "A"], r'lines › \[1\]: .* holds the mark "B:"'),
            (["Hi.", "Yo."], ["A", "B", ""], r"who › \[2\]: a speaker with no line beside it"),
            (["Hi.", "Yo."], ["A", "B", None], r"who › \[2\]: a speaker with no line beside it"),
            (["Hi.", "Yo."], ["A", 2], r"who › \[1\]: expected the line's speaker"),
            (["Hi.", "Yo."], ["a", "B"], r'who › \[0\]: the speaker "a" has no voice'),
        ],
    )


def test_markup_is_left_out_of_what_is_said_and_its_references_decoded_once() -> None:
    def case(text: str, said: str) -> None:
        assert clean(text) == said

    check_each(
        case,
        [
            ("AT&amp;T", "AT&T"),  # decoded once ...
            ("&amp;amp;", "&amp;"),  # ... never twice
            ("3 < 5 > 2", "3 < 5 > 2"),  # comparisons are no tags
            ("a <= b", "a <= b"),
            ("I <3 you", "I <3 you"),
            ("Mail <john@example.com>", "Mail <john@example.com>"),
            ("<b>Hello", "Hello"),  # a tag never closed
            ("<B>Hi</B>", "Hi"),
            ("<b\n>bold</b>", "bold"),
            ("Hello<br>World", "Hello World"),  # a tag that parts words leaves a space
            ("<p>One</p><p>Two</p>", "One Two"),
            ('<a href="x">link</a>', "link"),
            ("<emphasis>Hi</emphasis>", "Hi"),  # SSML that would change how: markup
            ('<lang xml:lang="en">apple</lang>', '<lang xml:lang="en">apple</lang>'),  # read
            ("<i>naïve</i>", "naïve"),
            # A quoted attribute holding `>`: no part of the tag is said.
            ("<span title='a>b'>hi</span>", "hi"),
            ('<span data-x="1 > 0">hi</span>', "hi"),
            # A comment is never said.
            ("Hello <!-- a note to the editor --> World", "Hello World"),
            ("Hello<!--\n<b>x</b>\n-->World", "HelloWorld"),
            # A ruby's reading is not said after its kanji (漢かん), its end tags optional.
            ("<ruby>漢<rt>かん</rt></ruby>字", "漢字"),
            ("<ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp></ruby>字", "漢字"),
            ("<ruby>漢<rt>かん</ruby>字", "漢字"),
            # A name HTML has no reference of is not decoded by its prefix (&not → ¬).
            ("x &notanentity; y", "x &notanentity; y"),
            ("Read the&notes", "Read the&notes"),
            ("Terms&copyright", "Terms&copyright"),
            ("&copy; 2024", "© 2024"),
            ("caf&eacute;", "café"),
        ],
    )


def test_a_word_in_angle_brackets_that_is_no_html_element_is_said() -> None:
    def case(text: str, said: str) -> None:
        assert clean(text) == said

    check_each(
        case,
        [
            # A placeholder a course writes in angle brackets names no element: it is said.
            ("Press <Enter> to continue", "Press <Enter> to continue"),
            ("Write <name> here", "Write <name> here"),
            # Markup all the same: an element of HTML or SSML, a tag with attributes, or a
            # name the text closes.
            ("Press <kbd>Enter</kbd> to <B>continue</B>", "Press Enter to continue"),
            ("<font>old</font> <center>page</center>", "old page"),
            ("<name>Ann</name> says hi", "Ann says hi"),
            ("<note id=1>Hi", "Hi"),
        ],
    )
