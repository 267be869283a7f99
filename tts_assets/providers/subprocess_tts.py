"""Providers that run a command-line synthesizer once per clip (espeak-ng, macOS `say`).

The text never goes on the command line: it is written to a file in a private temporary
directory (inside the run's `.temp-audio/`, or the system temp folder) and either fed as
stdin or named with a flag, so a text starting with "-" is spoken, not parsed as an
option. The synthesizer writes a WAV file in the same directory, which is decoded and
removed with the directory whatever happens (or, after a kill, by the next run).

Each command runs in its own process group (`programs.run_command`, which Rubber Band's
stretches use too): when it overruns the clip timeout, or the clip is cancelled (pool
timeout, Ctrl-C), the whole group is killed and reaped before the error is raised, so no
synthesizer outlives its clip.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import ClassVar

from ..audio.samples import Audio
from ..errors import AudioInvalid, ClipError, ProviderFatal
from ..programs import Command, exit_text, last_line, run_command
from ..store.layout import scratch_folder
from .catalogue import VoiceCatalogue
from .engine import Engine
from .speech import Speech


class CommandProvider(Engine, VoiceCatalogue):
    """Base of providers that make each clip by running a synthesizer program: subclasses
    set `program` (and `install_hint`, or `missing_reason()`) and build the argv in `command`."""

    program: ClassVar[str] = ""
    """Executable looked up on PATH each time it is needed (tests put fakes first)."""
    base_rate: ClassVar[int] = 175
    """Words per minute at speed 1.0; the program's rate flag gets base_rate * speed."""
    query_timeout: ClassVar[float] = 20.0
    """Seconds a metadata query (voice list, version) may take."""

    install_hint: ClassVar[str] = ""
    """How to install the program, for the message when it is missing."""

    @classmethod
    def missing_reason(cls) -> str:
        """What to tell the user when the program is not on PATH."""
        hint = f"; {cls.install_hint}" if cls.install_hint else ""
        return f"{cls.program} not found on PATH{hint}"

    @classmethod
    def unavailable_reason(cls) -> str | None:
        return cls.missing_reason() if shutil.which(cls.program) is None else None

    def executable(self) -> str:
        """The program's full path; ProviderFatal when it is not installed."""
        path = shutil.which(self.program)
        if path is None:
            raise ProviderFatal(self.missing_reason())
        return path

    def rate(self, speed: float) -> int:
        return max(1, round(self.base_rate * speed))

    def command(self, exe: str, voice: str, speed: float, text: Path, out: Path) -> Command:
        """The invocation that speaks the contents of `text` into the WAV file `out`."""
        raise NotImplementedError

    def query(self, *args: str) -> str:
        """Run the program for information (voice list, version) and return its stdout."""
        argv = [self.executable(), *args]
        shown = " ".join(argv)
        try:
            done = subprocess.run(
                argv,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=self.query_timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ProviderFatal(
                f"`{shown}` did not answer within {self.query_timeout:g} s; "
                f"check that {self.program} works from a shell"
            ) from None
        except OSError as e:
            raise ProviderFatal(f"cannot run `{shown}`: {e}") from None
        if done.returncode != 0:
            raise ProviderFatal(
                f"`{shown}` failed ({exit_text(done.returncode)}): {last_line(done.stderr)}"
            )
        return done.stdout.decode("utf-8", errors="replace")

    async def synthesize(self, speech: Speech) -> Audio:
        from ..audio.codec import decode

        exe = self.executable()
        with scratch_folder(self.options.scratch_dir, self.name) as tmp:
            text_file = tmp / "text.txt"
            text_file.write_text(speech.text, encoding="utf-8")
            out = tmp / "clip.wav"
            command = self.command(exe, speech.voice, speech.speed, text_file, out)
            await run_command(command, timeout=self.options.timeout, tool=self.program)
            if not out.is_file() or out.stat().st_size == 0:
                raise ClipError(f"{self.program} exited successfully but wrote no audio file")
            try:
                audio = decode(out.read_bytes())
            except AudioInvalid as e:
                raise ClipError(f"{self.program} wrote audio that cannot be decoded: {e}") from None
            return self.made(speech, audio, tmp)

    def made(self, speech: Speech, audio: Audio, folder: Path) -> Audio:
        """The clip of `speech` from the `audio` the program wrote, with what else it left
        in `folder` (espeak-ng's phonemes); or a ClipError when those show it is wrong.
        By default the audio as it is."""
        return audio
