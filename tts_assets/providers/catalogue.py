"""An engine's catalogue of voices: which voices it has, which languages each speaks, which
one says a language when the configuration names none, and what to do when none does.

A provider class declares its voices by subclassing `VoiceCatalogue` beside `Engine`
(`Engine.catalogue` is then the provider itself); everything here is read without loading
a model, since planning and `--dry-run` ask it of every voice.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from ..errors import InputError
from ..languages import base_code, same_language, title_of


def as_fix(hint: str) -> str:
    """A provider's `voice_hint` as a fix to act on: `pass --voice X` for a flag, the hint
    itself for a setting to change (`set model_id = "eleven_v3" in [providers.elevenlabs]`)."""
    return f"pass {hint}" if hint.startswith("--") else hint


class VoiceCatalogue:
    """The voices of an engine (a mixin of its provider class, beside `Engine`)."""

    name: ClassVar[str] = ""
    """The provider's name, as messages about its voices say it."""
    default_voices: ClassVar[Mapping[str, str]] = {}
    """Default voice per language code."""

    def voices(self) -> list[str]:
        """Every voice name this provider accepts (may load a voice list, not a model)."""
        return sorted(set(self.default_voices.values()))

    def voice_origin(self, voice: str) -> str:
        """Where `voice` comes from, for `tts-assets voices`: "packaged", a pulled model's
        name, a file; "" when there is nothing to say (a service's voice)."""
        return ""

    def other_voices(self) -> list[tuple[str, str, str]]:
        """Voices installed here that this provider's settings do not use: (voice, where
        it comes from, the setting that would use it). For `tts-assets voices`."""
        return []

    @classmethod
    def languages_spoken(cls) -> Mapping[str, str]:
        """Each language a voice of this engine speaks out of the box or after a pull, and
        which voice (with what it takes: `(pull)`, `(paid)`), from the class's data alone:
        no model, program or network is touched. docs/languages.md's table of languages ×
        engines is made from it, and a test holds every language's profile spoken by one
        engine or saying why not (`Language.unspoken`). The base class: `default_voices`."""
        return {lang: f"`{voice}`" for lang, voice in sorted(cls.default_voices.items())}

    def voice_languages(self, voice: str) -> tuple[str, ...]:
        """The languages `voice` speaks, as codes (`ja`, `en-us`, `cmn`), read without
        loading a model; () when this provider cannot tell. The base class: the languages
        `voice` is the default for in `default_voices`."""
        return tuple(sorted(lang for lang, v in self.default_voices.items() if v == voice))

    def speaks(self, voice: str, lang: str) -> bool:
        """Whether `voice` speaks `lang` (`en-gb` speaks en, `cmn` speaks zh)."""
        return any(same_language(code, lang) for code in self.voice_languages(voice))

    def voices_for(self, lang: str) -> list[str]:
        """The voices that speak `lang`, its default first."""
        found = [v for v in self.voices() if self.speaks(v, lang)]
        default = self.default_voices.get(lang) or self.default_voices.get(base_code(lang))
        return sorted(found, key=lambda voice: voice != default)  # stable: the default first

    def default_voice(self, lang: str) -> str:
        """The voice used for `lang` when configuration names none; InputError when no
        voice of this provider speaks it (`no_voice`, `voice_hint`)."""
        found = self.voices_for(lang)
        if found:
            return found[0]
        hint = self.voice_hint(lang)
        raise InputError(
            f"{lang}: {self.no_voice(lang)}; "
            + (as_fix(hint) if hint else f"map {lang} to another provider in [languages]")
        )

    def no_voice(self, lang: str) -> str:
        """Why this provider cannot speak `lang`, in a clause (`kokoro has no Chinese voice
        in its voices file`)."""
        return f"{self.name} has no {title_of(lang)} voice"

    def voice_hint(self, lang: str) -> str | None:
        """What would give this provider a voice for `lang`: a flag, said after "pass"
        (`--kokoro-voices kokoro-voices-v1.0 (run: tts-assets models pull
        kokoro-voices-v1.0)`), or a sentence of its own (`set model_id = ...`; see
        `as_fix`); None when nothing would."""
        return None

    def offer(self, lang: str) -> str | None:
        """The voice this provider would speak `lang` with, to suggest it when another
        provider has none; None when it has no such voice. Never loads a model."""
        found = self.voices_for(lang)
        return found[0] if found else None

    def check_voice(self, voice: str) -> None:
        """Raise InputError, listing the valid voices, when `voice` is not one of them."""
        valid = self.voices()
        if voice not in valid:
            raise InputError(
                f"unknown voice {voice!r} for provider {self.name!r}; "
                f"valid voices: {', '.join(valid)}"
            )
