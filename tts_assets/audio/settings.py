"""How finished clips should sound and be stored: format, bitrate, padding, loudness.

This module imports nothing heavy: configuration and planning read it without loading numpy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, cast, get_args

from ..tables import Table, bad_value, setting

Format = Literal["mp3", "ogg", "wav"]
FORMATS: tuple[str, ...] = get_args(Format)
"""Output formats; "ogg" is Opus in an Ogg container, "wav" is 16-bit PCM."""

SampleRate = Literal[0, 16000, 22050, 24000, 32000, 44100, 48000]
SAMPLE_RATES: tuple[int, ...] = get_args(SampleRate)
"""Rates clips can be made at; 0 keeps the provider's own."""

_BITRATES = {"mp3": (64, 320), "ogg": (6, 256)}
"""Bitrates (kbps) accepted per format. Below 64 kbps an MP3 frame is too small for LAME's
Info tag, which carries the exact length (gapless decoding) and lets `check` prove the
file complete. MP3 is further capped per sample rate when encoding (160 kbps at 16-24 kHz,
64 kbps below 16 kHz)."""


@dataclass(frozen=True)
class AudioSettings(Table):
    """The `[audio]` table: post-processing and encoding of every clip, all of it in the
    content key; checked when made (`tts_assets.tables`), before anything is planned."""

    format: Format = "mp3"
    """Container and codec: "mp3", "ogg" (Opus in Ogg) or "wav" (16-bit PCM)."""
    bitrate_kbps: int = 64
    """Constant bitrate for MP3 (64 to 320), target (variable) bitrate for Opus (6 to
    256); unused for WAV."""
    lead_ms: int = setting(50, low=0, high=5000)
    """Silence before the speech, so players that start late do not clip the onset."""
    tail_ms: int = setting(200, low=0, high=5000)
    """Silence after the speech, so back-to-back playback does not run words together."""
    target_lufs: float = setting(-18.0, low=-40.0, high=-5.0)
    """Integrated loudness of the speech (ITU-R BS.1770, gated), lead/tail excluded."""
    true_peak_dbfs: float = setting(-1.0, low=-20.0, high=0.0)
    """Ceiling for the 4x-oversampled peak, leaving room for MP3/Opus overshoot."""
    sample_rate: SampleRate = 24000
    """Rate every clip is made at (0 keeps each provider's own): one rate for all
    providers sounds consistent, and 24 kHz holds all of speech at half the work of 48."""
    trim_db: float = setting(-45.0, low=-90.0, high=-10.0)
    """Edge audio quieter than this, relative to the loudest 10 ms of the clip, is cut.

    Relative to the clip's own peak rather than full scale so providers that deliver
    quiet audio (Kokoro peaks near -6 dBFS) and hot audio (Piper peaks at 0) trim alike.
    """

    def check(self) -> None:
        """The bitrate's range depends on the format."""
        if self.format in _BITRATES:
            low, high = _BITRATES[self.format]
            if not low <= self.bitrate_kbps <= high:
                takes = f"a whole number from {low} to {high} for {self.format}"
                raise bad_value("bitrate_kbps", self.bitrate_kbps, takes)

    def key_fields(self) -> dict[str, str]:
        """Every setting that changes the produced bytes, as strings for the content key."""
        fields = {
            "format": self.format,
            "lead_ms": str(self.lead_ms),
            "tail_ms": str(self.tail_ms),
            "target_lufs": repr(float(self.target_lufs)),
            "true_peak_dbfs": repr(float(self.true_peak_dbfs)),
            "trim_db": repr(float(self.trim_db)),
            "sample_rate": str(self.sample_rate),
        }
        # WAV ignores the bitrate, so changing it must not invalidate stored WAV clips.
        if self.format in _BITRATES:
            fields["bitrate_kbps"] = str(self.bitrate_kbps)
        return fields

    def of_file(self, path: str | Path) -> AudioSettings:
        """These settings with the format a stored file's name says (`.mp3`, `.ogg`, `.wav`)."""
        fmt = Path(path).suffix.removeprefix(".")
        return replace(self, format=cast(Format, fmt)) if fmt in FORMATS else self

    @property
    def extension(self) -> str:
        """File name extension of the clips ("mp3", "ogg" or "wav")."""
        return self.format
