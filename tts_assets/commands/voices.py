"""`tts-assets voices`: the voices of a provider, the languages each speaks, the defaults."""

from __future__ import annotations

from ..errors import TtsAssetsError
from ..planning.voices import DEFAULT_PROVIDER, Voices
from ..settings.config import Settings
from .report import Table


def list_voices(settings: Settings) -> Table:
    """The voices of the settings' provider (Kokoro by default); TtsAssetsError when that
    provider cannot run here."""
    chosen = Voices(settings).provider(settings.provider or DEFAULT_PROVIDER)
    reason = chosen.unavailable_reason()
    if reason:
        raise TtsAssetsError(f"{chosen.name} is not available here: {reason}")
    table = Table(["voice", "languages", ""], key="voices", names=["voice", "languages", "note"])
    for voice in chosen.voices():
        speaks = chosen.voice_languages(voice)
        default = [lang for lang in speaks if chosen.voices_for(lang)[:1] == [voice]]
        table.rows.append(
            [
                voice,
                ", ".join(speaks) or "any (the provider cannot tell)",
                f"default for {', '.join(default)}" if default else "",
            ]
        )
    return table
