"""What a person added to segments whose times they nulled goes back in the order they
wrote it: a translation never lands on a word before or after the one it was beside."""

from __future__ import annotations

from tts_assets.writeback.timings import with_added

WORDS = ["The", "cat", "sat", "on the", "mat."]
TIMED: list[dict[str, object]] = [
    {"start": 100 * n, "end": 100 * n + 90, "text": w} for n, w in enumerate(WORDS)
]


def _nulled(*pairs: tuple[str, str]) -> list[dict[str, object]]:
    return [{"start": None, "end": None, "text": t, "translation": tr} for t, tr in pairs]


def _translations(segments: list[dict[str, object]] | None) -> list[object]:
    assert segments is not None
    return [s.get("translation") for s in segments]


def test_segments_cut_otherwise_keep_their_translations_in_order_around_a_match() -> None:
    """A person merged "The cat" and "on the mat.": "sat" is matched by its text; the
    two others were given to the first free segments, in order, and "sur le tapis" landed
    on "cat", before "sat" it follows."""
    held = _nulled(("The cat", "le chat"), ("sat", "assis"), ("on the mat.", "sur le tapis"))
    assert _translations(with_added(TIMED, held)) == [
        "le chat",
        None,
        "assis",
        "sur le tapis",
        None,
    ]


def test_with_no_room_between_its_neighbours_a_translation_takes_the_first_free() -> None:
    held = _nulled(("mat", "tapis"), ("Hi", "salut"))
    assert _translations(with_added(TIMED, held)) == ["salut", None, None, None, "tapis"]
    held = _nulled(("Hello there", "bonjour"))  # no match at all: in order
    assert _translations(with_added(TIMED, held)) == ["bonjour", None, None, None, None]
