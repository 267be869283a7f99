"""The course the tests of spans in another language share: a `notes`
type whose sentences hold spans, with an English meaning beside each.

    project.config(notes_config({"ja": "kokoro:jf_alpha", "en": "piper:en_US-joe-medium"}))
"""

from __future__ import annotations

from collections.abc import Mapping

NOTES = """
[types.notes]
file = "notes.json"

[[types.notes.fields]]
text = "sentence"
url = "audioUrl"
segments = "words"
reading = "reading"
{sentence}
[[types.notes.fields]]
text = "meaning"
url = "meaningAudioUrl"
lang = "en"
"""


def notes_config(languages: Mapping[str, str] = {}, top: str = "", sentence: str = "") -> str:
    """tts-assets.toml for the notes course: `top` keys first, `languages` in
    `[languages]`, and `sentence` keys added to the sentence field (`lang_mark = ...`)."""
    mapped = "".join(f'{code} = "{voice}"\n' for code, voice in languages.items())
    head = f'lang = "ja"\n{top}\n' + (f"[languages]\n{mapped}" if mapped else "")
    return head + NOTES.format(sentence=sentence)
