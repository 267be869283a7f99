"""eSpeak NG through its `espeak-ng` program: robotic, but instant and in a hundred languages.

Its Japanese voice reads kana only (kanji come out as "Chinese letter"), so it suits quick
drafts and CI smoke runs rather than published audio.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from ..errors import InputError
from .base import ProviderOptions
from .settings import ProviderSettings
from .subprocess_tts import Command, CommandProvider

_VERSION = re.compile(r"text-to-speech:\s*(\S+)")
_OTHER_LANGUAGE = re.compile(r"\(([^\s()]+)\s+\d+\)")


class EspeakProvider(CommandProvider):
    """eSpeak NG: one `espeak-ng` process per clip, the text fed on stdin."""

    name: ClassVar[str] = "espeak"
    description: ClassVar[str] = "eSpeak NG command line, offline and instant but robotic"
    default_voices: ClassVar[Mapping[str, str]] = {"ja": "ja", "en": "en-us"}
    program: ClassVar[str] = "espeak-ng"

    def __init__(
        self, settings: ProviderSettings | None = None, options: ProviderOptions | None = None
    ) -> None:
        super().__init__(settings, options)
        self._languages: list[str] | None = None
        self._files: set[str] = set()
        self._variants: set[str] | None = None
        self._version: str | None = None

    @classmethod
    def missing_reason(cls) -> str:
        return "espeak-ng not found on PATH; install it (apt-get install espeak-ng)"

    def voices(self) -> list[str]:
        if self._languages is None:
            languages: set[str] = set()
            for fields, others in _voice_rows(self.query("--voices")):
                languages.add(fields[1])
                languages.update(others)
                self._files.add(fields[4])
            self._languages = sorted(languages)
        return self._languages

    def _variant_names(self) -> set[str]:
        if self._variants is None:
            rows = _voice_rows(self.query("--voices=variant"))
            self._variants = {fields[4].removeprefix("!v/") for fields, _ in rows}
        return self._variants

    def check_voice(self, voice: str) -> None:
        # espeak-ng takes a language code or a voice file, optionally `+variant` (en-us+f3).
        base, plus, variant = voice.partition("+")
        languages = self.voices()
        if base not in languages and base not in self._files:
            raise InputError(
                f"unknown voice {voice!r} for provider 'espeak'; valid voices: "
                f"{', '.join(languages)} (optionally +VARIANT, e.g. en-us+f3; "
                "see espeak-ng --voices)"
            )
        if plus and variant not in self._variant_names():
            raise InputError(
                f"unknown espeak-ng variant {variant!r} in voice {voice!r}; valid variants: "
                f"{', '.join(sorted(self._variant_names()))}"
            )

    def identity(self, voice: str) -> Mapping[str, str]:
        if self._version is None:
            banner = self.query("--version").strip()
            found = _VERSION.search(banner)
            # The banner also names the data directory, which differs between machines
            # but not in sound: only the version goes into the content key.
            self._version = found.group(1) if found else banner.split("Data at:")[0].strip()
        return {"espeak_ng": self._version}

    def command(self, exe: str, voice: str, speed: float, text: Path, out: Path) -> Command:
        # -b 1: the input is UTF-8 whatever the locale; --stdin: read all input, not a line.
        argv = [exe, "-b", "1", "-v", voice, "-s", str(self.rate(speed))]
        return Command(argv=[*argv, "-w", str(out), "--stdin"], stdin=text)


def _voice_rows(listing: str) -> list[tuple[list[str], list[str]]]:
    """Rows of `espeak-ng --voices`: the columns, and the other languages the voice serves.

    Columns: priority, language, age/gender, voice name, file, other languages.
    """
    rows = []
    for line in listing.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 5:
            rows.append((fields, _OTHER_LANGUAGE.findall(" ".join(fields[5:]))))
    return rows
