"""Why a drill's part has no text in a run (`content.sequence.not_loaded`)."""

from __future__ import annotations

from tts_assets.content.sequence import not_loaded, part_of


def test_a_slow_part_without_slow_is_told_to_set_slow() -> None:
    why = not_loaded(part_of("word (slow)"), "vocabulary")
    assert "made only with slow on: set slow = 0.75" in why


def test_a_slow_part_under_a_ladder_is_told_to_name_its_tempo() -> None:
    # With `slow = [0.6, 0.8]` slow is on: "set slow = 0.75" would send a person in circles.
    why = not_loaded(part_of("word (slow)"), "vocabulary", ("60", "80", "125"))
    assert "set slow = 0.75" not in why
    assert 'name the part by its tempo ("word (0.6×)", "word (0.8×)", "word (1.25×)")' in why
