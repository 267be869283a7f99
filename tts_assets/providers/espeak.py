"""eSpeak NG through its `espeak-ng` program: robotic, but instant and in a hundred languages.

Its Japanese voice reads kana only (kanji come out as "Chinese letter"), so it suits quick
drafts and CI smoke runs rather than published audio.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import ClassVar

from ..errors import InputError
from .subprocess_tts import Command, CommandProvider

_VERSION = re.compile(r"text-to-speech:\s*(\S+)")
_OTHER_LANGUAGE = re.compile(r"\(([^\s()]+)\s+\d+\)")


class EspeakProvider(CommandProvider):
    """eSpeak NG: one `espeak-ng` process per clip, the text fed on stdin."""

    name: ClassVar[str] = "espeak"
    description: ClassVar[str] = "eSpeak NG command line, offline and instant but robotic"
    program: ClassVar[str] = "espeak-ng"
    install_hint: ClassVar[str] = "install it (apt-get install espeak-ng)"
    # A language code is a voice: espeak-ng speaks a hundred of them, robotically.
    default_voices: ClassVar[Mapping[str, str]] = {
        "ja": "ja",
        "en": "en-us",
        "zh": "cmn",
        "ko": "ko",
        "de": "de",
        "es": "es",
        "it": "it",
        "fr": "fr-fr",
        "pt": "pt-br",
    }

    @cached_property
    def _installed(self) -> tuple[list[str], set[str], dict[str, set[str]]]:
        """The languages (with those voices also serve), the voice files of `--voices`,
        and what each language code or file speaks."""
        languages: set[str] = set()
        files: set[str] = set()
        speaks: dict[str, set[str]] = {}
        for fields, others in _voice_rows(self.query("--voices")):
            languages.add(fields[1])
            languages.update(others)
            files.add(fields[4])
            spoken = {fields[1], *others}
            for name in (fields[1], fields[4], *others):
                speaks.setdefault(name, set()).update(spoken)
        return sorted(languages), files, speaks

    def voices(self) -> list[str]:
        return self._installed[0]

    def voice_languages(self, voice: str) -> tuple[str, ...]:
        # A voice is a language code or a voice file, optionally +VARIANT (en-us+f3).
        return tuple(sorted(self._installed[2].get(voice.partition("+")[0], ())))

    @cached_property
    def _variant_names(self) -> set[str]:
        rows = _voice_rows(self.query("--voices=variant"))
        return {fields[4].removeprefix("!v/") for fields, _ in rows}

    def check_voice(self, voice: str) -> None:
        # espeak-ng takes a language code or a voice file, optionally `+variant` (en-us+f3).
        base, plus, variant = voice.partition("+")
        languages, files, _ = self._installed
        if base not in languages and base not in files:
            raise InputError(
                f"unknown voice {voice!r} for provider 'espeak'; valid voices: "
                f"{', '.join(languages)} (optionally +VARIANT, e.g. en-us+f3; "
                "see espeak-ng --voices)"
            )
        if plus and variant not in self._variant_names:
            raise InputError(
                f"unknown espeak-ng variant {variant!r} in voice {voice!r}; valid variants: "
                f"{', '.join(sorted(self._variant_names))}"
            )

    def identity(self, voice: str) -> Mapping[str, str]:
        return {"espeak_ng": self._version}

    @cached_property
    def _version(self) -> str:
        banner = self.query("--version").strip()
        found = _VERSION.search(banner)
        # The banner also names the data directory, which differs between machines but
        # not in sound: only the version goes into the content key.
        return found.group(1) if found else banner.split("Data at:")[0].strip()

    def deterministic(self) -> bool:
        # A rule-based synthesizer: the same text and voice give the same samples.
        return True

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
