"""The number tests' one check of a spoken form: a text said exactly as a teacher says it."""

from __future__ import annotations

from tts_assets.readings.numbers import spoken_form


def said_right(lang: str, text: str, said: str) -> None:
    """`text` in `lang` is said exactly `said`, with no doubt left."""
    spoken = spoken_form(text, lang)
    # Messages of their own: a support module's asserts are not rewritten by pytest.
    assert spoken.text == said, f"said {spoken.text!r}, not {said!r}"
    assert spoken.doubts == (), f"said {spoken.text!r} with doubts {spoken.doubts!r}"
