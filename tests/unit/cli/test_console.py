"""What a run's summary prints for people (cli/console.py)."""

from __future__ import annotations

import io

import pytest

from tts_assets.cli.console import prepare, print_summary, visible
from tts_assets.commands.summary import KEPT_SHOWN, Summary
from tts_assets.readings.saying import ReadingNote


def _note(n: int, verdict: str) -> ReadingNote:
    return ReadingNote(f"kanji.json › [{n}] › word", verdict, f"read as あ{n}, content says い")


def test_the_first_readings_are_shown_and_the_rest_counted_by_verdict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A course with hundreds of disagreeing readings gets the first few and one line
    counting the rest, never hundreds of lines each run that makes their clips."""
    readings = [_note(n, "disagree") for n in range(KEPT_SHOWN + 30)]
    readings += [_note(n, "unusable") for n in range(1000, 1004)]
    print_summary(Summary(counts={}, readings=readings, dry_run=True))
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("reading:")]
    assert len(lines) == KEPT_SHOWN + 1
    assert lines[0] == "reading: kanji.json › [0] › word: read as あ0, content says い"
    assert lines[-1] == (
        "reading: 34 more on the clips to make (30 disagree, 4 unusable); "
        "tts-assets readings lists them all (--json here too)"
    )


def test_noted_readings_are_one_line_counting_them(capsys: pytest.CaptureFixture[str]) -> None:
    """A word the dictionaries read two ways, said as its sentence most likely means, and
    a reading the content corrected are lines of `readings`, not one warning each: on the
    sample, 14 such lines of 16 were every one as meant, burying the ones to act on."""
    readings = [
        _note(0, "doubt"),
        *(_note(n, "alike") for n in range(1, 17)),
        _note(17, "corrected"),
    ]
    print_summary(Summary(counts={}, readings=readings, dry_run=True))
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("reading:")]
    assert lines[0] == "reading: kanji.json › [0] › word: read as あ0, content says い"
    assert lines[1:] == [
        "reading: noted, 16 alike (a word also read another way, said as its sentence most "
        "likely means), 1 corrected (the content's reading said over the engine's); "
        "tts-assets readings lists them"
    ]


def test_a_few_readings_are_all_shown(capsys: pytest.CaptureFixture[str]) -> None:
    readings = [_note(n, "disagree") for n in range(3)]
    print_summary(Summary(counts={}, readings=readings, dry_run=True))
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("reading:")]
    assert [line.split(" › ")[1] for line in lines] == ["[0]", "[1]", "[2]"]


def test_an_error_cuts_a_long_quoted_value_not_the_words_around_it() -> None:
    from tts_assets.cli.console import shortened

    value = "x" * 300
    assert shortened(f"unknown voice '{value}' for provider 'kokoro'") == (
        f"unknown voice '{value[:40]}…' (300 characters) for provider 'kokoro'"
    )
    assert shortened(f'parts: "{value}" names no field') == (
        f'parts: "{value[:40]}…" (300 characters) names no field'
    )
    prose = "the field's voices' clips " + "a " * 150 + "don't write 'abc' there"
    assert shortened(prose) == prose  # apostrophes are no quotes, short values stay


def test_a_line_keeps_to_one_line_and_any_stream_takes_it() -> None:
    """A control character or line separator from the content is written escaped, and a
    stream that cannot encode a character gets the report's symbols in ASCII and anything
    else escaped, each as Python writes it."""
    assert visible("a\nb\r\tc\x1b[31m\x85\u2028 d") == "a\\nb\\r\\tc\\x1b[31m\\x85\\u2028 d"
    stream = prepare(io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    stream.write("水 → é 😀")
    stream.flush()
    assert stream.buffer.getvalue() == b"\\u6c34 -> \\xe9 \\U0001f600"  # type: ignore[attr-defined]
