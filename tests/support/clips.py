"""A planned clip said by a voice, built as the plan builds one (`planning.recipes.Spoken`)."""

from __future__ import annotations

from collections.abc import Sequence

from tts_assets.languages import resolved
from tts_assets.planning.plan import Clip, Voice
from tts_assets.planning.recipes import Spoken
from tts_assets.readings.form import Form, Said
from tts_assets.readings.numbers import Spoken as SaidAs


def spoken_clip(
    key: str,
    text: str,
    lang: str,
    voice: Voice,
    pieces: Sequence[str] | None = None,
    phonemes: Sequence[str] | None = None,
    type_name: str = "vocabulary",
) -> Clip:
    """The clip `key` of `text` said by `voice` in `pieces` (default: one, the text), told
    `phonemes` when given (as `speaking.say_new` tells a new clip)."""
    pieces = tuple(pieces or (text,))
    form = Form(pieces, SaidAs(text), lang=resolved(lang))
    said = None if phonemes is None else Said(pieces, tuple(phonemes))
    recipe = Spoken(form, voice, 1.0, said=said)
    return Clip(
        key,
        type_name,
        f"{type_name}/{key}.mp3",
        f"/audio/{type_name}/{key}.mp3",
        text,
        resolved(lang),
        recipe,
    )
