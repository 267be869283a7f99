"""Advice about a language a provider cannot say: judged on enough texts, naming the
setting that applies to that language (issue 30: "use piper (pass --voice …)" for Thai in
a Korean course, after one stray text)."""

from __future__ import annotations

from tts_assets.commands.summary import unsaid_notes
from tts_assets.making.report import Failure
from tts_assets.planning.voices import Voices
from tts_assets.settings.config import Settings


def _failure(lang: str) -> Failure:
    return Failure(
        places=["x.json › [0]"],
        text="x",
        reason="it switched to English",
        lang=lang,
        provider="espeak",
        unsaid="it switched to English",
    )


def test_one_stray_text_is_not_a_language_the_provider_cannot_say() -> None:
    def instead(lang: str, provider: str) -> str:
        return "use piper"

    assert unsaid_notes([_failure("th")], [], instead) == []
    (note,) = unsaid_notes([_failure("th")] * 3, [], instead)
    assert note.startswith("th: espeak could not say 3 of") and note.endswith("; use piper")


def test_another_language_than_the_contents_is_set_in_languages_not_with_voice() -> None:
    voices = Voices(Settings(lang="ko"))
    advice = voices.instead("th", "espeak")
    assert "--voice" not in advice
    assert '[languages] th = "piper:path/to/th_voice.onnx"' in advice
    own = Voices(Settings(lang="th")).instead("th", "espeak")
    assert "pass --voice path/to/th_voice.onnx" in own
