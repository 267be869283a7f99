"""The review page and the command line count flagged clips alike: a note (Joined) is not a
flag that asks for a listen (issue 30: `0 flagged` on the page, `3 flagged` in the terminal)."""

from __future__ import annotations

from pathlib import Path

from tests.unit.review.test_flags import clip_row
from tts_assets.commands.review import WrittenPage
from tts_assets.review.row import Flag


def test_a_joined_note_is_not_counted_as_flagged() -> None:
    joined = clip_row("長い文です。", 2.0, flags=[Flag("joined", "3 pieces")])
    doubtful = clip_row("みず", 0.4, flags=[Flag("duration", "long")])
    plain = clip_row("ねこ", 0.4)
    page = WrittenPage(Path("review.html"), [joined, doubtful, plain])
    assert page.flagged == 1
    assert page.lines()[-1] == "3 clips, 1 flagged"
    assert page.as_json()["flagged"] == 1
    assert page.flag_counts()["joined"] == 1  # still listed as the note it is
