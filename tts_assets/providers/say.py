"""macOS `say`: the system voices (Kyoko for Japanese), one `say` process per clip.

`say` writes WAVE only when given a linear-PCM data format (a bare `-o x.wav` fails with
"Opening output file failed: fmt?"), so clips are asked for as 16-bit little-endian PCM at
22.05 kHz, which every system voice can produce.
"""

from __future__ import annotations

import platform
import re
import sys
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import ClassVar

from ..errors import InputError
from ..programs import Command
from .subprocess_tts import CommandProvider

# `say -v '?'` lines: a name (it may contain spaces and parentheses), a locale, a sample.
#   Kyoko               ja_JP    # こんにちは、私の名前はKyokoです。
#   Eddy (English (US)) en_US    # Hello! My name is Eddy.
_VOICE_LINE = re.compile(r"^(?P<name>\S.*?)\s+(?P<locale>[A-Za-z]{2,3}(?:[_-]\w+)*)\s+#")


class SayProvider(CommandProvider):
    """macOS speech synthesis through the `say` command."""

    name: ClassVar[str] = "say"
    loop_bound: ClassVar[bool] = False  # a program run for each clip
    description: ClassVar[str] = "macOS `say` with the system voices (Kyoko for Japanese)"
    default_voices: ClassVar[Mapping[str, str]] = {"ja": "Kyoko", "en": "Samantha"}
    program: ClassVar[str] = "say"
    # `say` writes the audio and nothing of when it says what (no word callbacks from
    # the command line), so its clips record none rather than guessed ones.
    timings_missing: ClassVar[str] = "macOS say reports no timings"

    @classmethod
    def missing_reason(cls) -> str:
        if sys.platform != "darwin":
            return f"say is macOS only (this is {platform.system()})"
        return "say not found on PATH; it ships with macOS as /usr/bin/say"

    @cached_property
    def voice_locales(self) -> dict[str, str]:
        """Installed voice names and their locales, from `say -v '?'`."""
        found = (_VOICE_LINE.match(line) for line in self.query("-v", "?").splitlines())
        return {m["name"]: m["locale"] for m in found if m}

    def voices(self) -> list[str]:
        return sorted(self.voice_locales)

    def voice_languages(self, voice: str) -> tuple[str, ...]:
        locale = self.voice_locales.get(voice)
        return (locale.replace("_", "-"),) if locale else ()

    def check_voice(self, voice: str) -> None:
        if voice not in self.voice_locales:
            raise InputError(
                f"unknown voice {voice!r} for provider 'say'; installed voices: "
                f"{', '.join(self.voices()) or 'none'} (more can be downloaded in System "
                "Settings > Accessibility > Spoken Content)"
            )

    def identity(self, voice: str) -> Mapping[str, str]:
        # System voices change with OS updates, which is all `say` lets us see of them.
        system = f"macOS {platform.mac_ver()[0]}" if sys.platform == "darwin" else None
        return {
            "system": system or f"{platform.system()} {platform.release()}",
            "locale": self.voice_locales.get(voice, ""),
        }

    def command(self, exe: str, voice: str, speed: float, text: Path, out: Path) -> Command:
        argv = [exe, "-v", voice, "-r", str(self.rate(speed)), "-o", str(out)]
        argv += ["--file-format=WAVE", "--data-format=LEI16@22050", "-f", str(text)]
        return Command(argv=argv)
