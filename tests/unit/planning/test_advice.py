"""Advice about a language a provider cannot say: judged on enough texts, naming the
setting that applies to that language (it once advised "use piper (pass --voice …)" for Thai in
a Korean course, after one stray text)."""

from __future__ import annotations

from tts_assets.features.advice import unsaid_notes
from tts_assets.languages import Lang, resolved
from tts_assets.making.report import Failure
from tts_assets.planning.voices import Voices
from tts_assets.settings.config import Settings


def _failure(lang: str) -> Failure:
    return Failure(
        places=["x.json › [0]"],
        text="x",
        reason="it switched to English",
        lang=resolved(lang),
        provider="espeak",
        unsaid="it switched to English",
    )


def test_one_stray_text_is_not_a_language_the_provider_cannot_say() -> None:
    def instead(lang: Lang, provider: str) -> str:
        return "use piper"

    assert unsaid_notes([_failure("th")], {}, instead) == []
    (note,) = unsaid_notes([_failure("th")] * 3, {}, instead)
    assert note.startswith("th: espeak could not say 3 of") and note.endswith("; use piper")


def test_another_language_than_the_contents_is_set_in_languages_not_with_voice() -> None:
    voices = Voices(Settings(lang="ko"))
    advice = voices.instead(resolved("vi"), "espeak")
    assert "--voice" not in advice
    pull = "(run: tts-assets models pull piper:vi_VN-vais1000-medium)"
    assert f'[languages] vi = "piper:vi_VN-vais1000-medium" in tts-assets.toml {pull}' in advice
    own = Voices(Settings(lang="vi")).instead(resolved("vi"), "espeak")
    assert f"pass --voice vi_VN-vais1000-medium {pull}" in own
    # A provider's setting to change is named as it is, not after "pass".
    assert 'or elevenlabs (set model_id = "eleven_flash_v2_5" in [providers.elevenlabs]' in own


def test_a_language_no_offline_voice_speaks_is_advised_only_what_does() -> None:
    # Piper's catalog has no Thai voice, and espeak-ng's Thai is not fit to learn from.
    advice = Voices(Settings(lang="ko")).instead(resolved("th"), "kokoro")
    assert advice == (
        'use elevenlabs (set model_id = "eleven_v3" in [providers.elevenlabs], which speaks Thai)'
    )
