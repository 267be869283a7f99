"""The review page and the command line count flagged clips alike: a note (Joined) is not a
flag that asks for a listen (they once said `0 flagged` on the page, `3 flagged` in the
terminal)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.unit.review.test_flags import clip_row
from tts_assets.commands.review import WrittenPage
from tts_assets.review.row import Flag


def test_a_joined_note_is_not_counted_as_flagged() -> None:
    joined = clip_row("長い文です。", 2.0, flags=[Flag("joined", "3 pieces")])
    doubtful = clip_row("みず", 0.4, flags=[Flag("quiet", "speech at -31 LUFS")])
    plain = clip_row("ねこ", 0.4)
    page = WrittenPage(Path("review.html"), [joined, doubtful, plain])
    assert page.flagged == 1
    assert page.lines()[-1] == "3 clips, 1 flagged"
    assert page.as_json()["flagged"] == 1
    assert page.flag_counts()["joined"] == 1  # still listed as the note it is


def test_a_text_without_a_clip_is_counted_flagged_as_the_page_counts_it() -> None:
    # The page's header said "0 flagged" beside the "No clip 1" button.
    plain = clip_row("ねこ", 0.4)
    gone = replace(
        clip_row("いぬ", 0.4, status="missing", reason="its synthesis failed: …"),
        flags=(Flag("missing", "its synthesis failed"),),
    )
    page = WrittenPage(Path("review.html"), [plain, gone])
    assert page.flagged == 1 and page.flag_counts()["missing"] == 1
    assert page.lines()[-1] == "1 clips, 1 flagged; 1 texts without a clip"
