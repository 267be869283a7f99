"""What the console prints of a value a person wrote is that value: rich's emoji codes
(`:b:`, `:cd:`, `:x:`) in a field's expression, a file's name or a quoted text are
written as typed, never as a picture that hides what to fix."""

from __future__ import annotations

import pytest

from tts_assets.cli import console


@pytest.mark.parametrize(
    "line",
    [
        "note: --field a:b: no entry holds a value there",
        'talk.json › [0] › script: line 1 ("A:x: ok") names no speaker',
        "data/words:cd:/a.json holds no entries",
        "10:30:00 and :smile: and :id:",
    ],
)
def test_a_line_with_an_emoji_code_is_printed_as_written(
    line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    console.print_lines([line])
    assert capsys.readouterr().out == f"{line}\n"
