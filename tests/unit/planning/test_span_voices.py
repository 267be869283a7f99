"""A span in another language is said by the voice the entry's own texts of that language
are: with `[languages] en = [...]` in rotation, an entry's English meaning and the English
span of its sentence are one voice, not two."""

from __future__ import annotations

from tests.support.project import Project, write_json
from tts_assets.planning.course import prepare
from tts_assets.settings.load import load_settings

WORDS = ["Hund", "Katze", "Vogel", "Fisch", "Pferd", "Bär", "Affe", "Kuh", "Schwein", "Maus"]


def test_an_entry_s_span_takes_its_voice_of_the_language_s_rotation(project: Project) -> None:
    project.config(
        'lang = "de"\nprovider = "espeak"\n[languages]\nen = ["espeak:en-us", "espeak:en-gb"]\n'
    )
    entries = [
        {
            "id": f"w{n}",
            "word": word,
            "meaning": f"the {n}",
            "examples": [{"german": f'Das ist <lang xml:lang="en">the {n}</lang>, {word}.'}],
        }
        for n, word in enumerate(WORDS)
    ]
    write_json(project / "data/vocabulary.json", entries)
    settings = load_settings(project, types={"vocabulary": {"fields": [
        {"name": "meaning", "text": "meaning", "url": "meaningAudio", "lang": "en"},
        {"name": "sentence", "text": "examples[].german", "url": "examples[].audio"},
    ]}})  # fmt: skip
    said: dict[str, set[str]] = {}
    for clip in prepare(settings).plan.clips:
        if clip.lang.base == "en":
            said.setdefault(clip.spoken, set()).add(clip.voice.voice)
    # Each English text is said by one voice (a span and a meaning share their clip)...
    assert all(len(voices) == 1 for voices in said.values()), said
    # ... and the rotation gives both voices their share.
    assert {v for voices in said.values() for v in voices} == {"en-us", "en-gb"}
