"""Who says an entry when voices take turns (`content.rotation.turn`): pinned, so a change
of the hash, which would move every entry to another voice (each clip made, and on a paid
voice billed, again), fails here first; and a change of the list moves only the entries of
the voice dropped or taken by the voice added."""

from __future__ import annotations

import pytest

from tests.support.sweep import check_each
from tts_assets.content.rotation import (
    MOST_VOICES,
    VoicesError,
    by_text,
    entry_id,
    turn,
    voice_list,
)

TWO = ("jf_alpha", "jf_nezumi")
IDS = [f"id:w{n}" for n in range(2000)]


def test_the_voice_of_an_identity_is_pinned() -> None:
    assert [turn(TWO, f"id:w{n}") for n in range(10)] == [
        "jf_alpha", "jf_nezumi", "jf_nezumi", "jf_alpha", "jf_nezumi",
        "jf_alpha", "jf_nezumi", "jf_nezumi", "jf_alpha", "jf_nezumi",
    ]  # fmt: skip
    assert [turn(TWO, by_text(w)) for w in ("ねこ", "いぬ", "とり")] == [
        "jf_alpha",
        "jf_nezumi",
        "jf_alpha",
    ]


def test_a_voice_added_takes_its_share_and_moves_no_other_entry() -> None:
    three = (*TWO, "jm_kumo")
    moved = [i for i in IDS if turn(TWO, i) != turn(three, i)]
    assert all(turn(three, i) == "jm_kumo" for i in moved)
    assert 500 < len(moved) < 840  # about a third


def test_a_voice_dropped_moves_only_its_own_entries() -> None:
    three = (*TWO, "jm_kumo")
    for i in IDS:
        if turn(three, i) != "jm_kumo":
            assert turn(TWO, i) == turn(three, i)


def test_the_order_of_the_list_does_not_change_who_says_an_entry() -> None:
    assert all(turn(TWO, i) == turn(TWO[::-1], i) for i in IDS)


def test_what_names_an_entry() -> None:
    def case(entry: object, identity: str | None) -> None:
        assert entry_id(entry) == identity

    check_each(
        case,
        [
            ({"id": "v1"}, "id:v1"),
            ({"id": 7}, "id:7"),
            ({"id": " "}, None),
            ({"id": True}, None),
            ({"id": 1.5}, None),
            ({"id": None}, None),
            ({}, None),
            ("ねこ", None),
        ],
    )


def test_a_list_is_checked_as_written() -> None:
    assert voice_list([" jf_alpha ", "jf_nezumi"]) == TWO
    with pytest.raises(VoicesError, match="at most"):
        voice_list([f"v{n}" for n in range(MOST_VOICES + 1)])
