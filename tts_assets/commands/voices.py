"""`tts-assets voices`: the voices of a provider, the languages each speaks, where each
comes from (packaged, a pulled model), the defaults, and the voices pulled but not in use."""

from __future__ import annotations

from ..errors import TtsAssetsError
from ..planning.voices import DEFAULT_PROVIDER, Voices
from ..settings.config import Settings
from .report import Table


def list_voices(settings: Settings) -> Table:
    """The voices of the settings' provider (Kokoro by default), then the voices pulled
    for it that the settings do not use; TtsAssetsError when it cannot run here."""
    chosen = Voices(settings).provider(settings.provider or DEFAULT_PROVIDER)
    reason = chosen.unavailable_reason()
    if reason:
        raise TtsAssetsError(f"{chosen.name} is not available here: {reason}")
    table = Table(
        ["voice", "languages", "from", ""],
        key="voices",
        names=["voice", "languages", "from", "note"],
    )
    catalogue = chosen.catalogue

    def speaks(voice: str) -> str:
        return ", ".join(catalogue.voice_languages(voice)) or "any (the provider cannot tell)"

    for voice in catalogue.voices():
        langs = catalogue.voice_languages(voice)
        default = ", ".join(lang for lang in langs if catalogue.voices_for(lang)[:1] == [voice])
        note = f"default for {default}" if default else ""
        table.rows.append([voice, speaks(voice), catalogue.voice_origin(voice), note])
    for voice, origin, setting in catalogue.other_voices():
        table.rows.append([voice, speaks(voice), origin, f"not in use; pass {setting}"])
    return table
