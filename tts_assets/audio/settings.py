"""How finished clips should sound and be stored: format, bitrate, padding, loudness.

This module imports nothing heavy: configuration and planning read it without loading numpy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import ConfigError

FORMATS = ("mp3", "ogg", "wav")
"""Output formats; "ogg" is Opus in an Ogg container, "wav" is 16-bit PCM."""

SAMPLE_RATES = (0, 16000, 22050, 24000, 32000, 44100, 48000)
"""Rates clips can be made at; 0 keeps the provider's own."""

_BITRATES = {"mp3": (64, 320), "ogg": (6, 256)}
"""Bitrates (kbps) accepted per format. Below 64 kbps an MP3 frame is too small for LAME's
Info tag, which carries the exact length (gapless decoding) and lets `check` prove the
file complete. MP3 is further capped per sample rate when encoding (160 kbps at 16-24 kHz,
64 kbps below 16 kHz)."""


@dataclass(frozen=True)
class AudioSettings:
    """Post-processing and encoding of every clip; all of it goes into the content key."""

    format: str = "mp3"
    """Container and codec: "mp3", "ogg" (Opus) or "wav" (16-bit PCM)."""
    bitrate_kbps: int = 64
    """Constant bitrate for MP3, target (variable) bitrate for Opus; unused for WAV."""
    lead_ms: int = 50
    """Silence before the speech, so players that start late do not clip the onset."""
    tail_ms: int = 200
    """Silence after the speech, so back-to-back playback does not run words together."""
    target_lufs: float = -18.0
    """Integrated loudness of the speech (ITU-R BS.1770, gated), lead/tail excluded."""
    true_peak_dbfs: float = -1.0
    """Ceiling for the 4x-oversampled peak, leaving room for MP3/Opus overshoot."""
    sample_rate: int = 24000
    """Rate every clip is made at (0 keeps each provider's own): one rate for all
    providers sounds consistent, and 24 kHz holds all of speech at half the work of 48."""
    trim_db: float = -45.0
    """Edge audio quieter than this, relative to the loudest 10 ms of the clip, is cut.

    Relative to the clip's own peak rather than full scale so providers that deliver
    quiet audio (Kokoro peaks near -6 dBFS) and hot audio (Piper peaks at 0) trim alike.
    """

    def validate(self) -> None:
        """Raise ConfigError naming the bad [audio] setting and the accepted range."""
        if self.format not in FORMATS:
            raise ConfigError(
                f"audio.format {self.format!r} is not supported; use one of: "
                f"{', '.join(FORMATS)} (ogg means Opus)"
            )
        if self.format in _BITRATES:
            low, high = _BITRATES[self.format]
            _check_range("bitrate_kbps", self.bitrate_kbps, low, high, f"for {self.format}")
        _check_range("lead_ms", self.lead_ms, 0, 5000)
        _check_range("tail_ms", self.tail_ms, 0, 5000)
        _check_range("target_lufs", self.target_lufs, -40.0, -5.0)
        _check_range("true_peak_dbfs", self.true_peak_dbfs, -20.0, 0.0)
        _check_range("trim_db", self.trim_db, -90.0, -10.0)
        if self.sample_rate not in SAMPLE_RATES:
            raise ConfigError(
                f"audio.sample_rate = {self.sample_rate} is not supported; use one of: "
                f"{', '.join(map(str, SAMPLE_RATES))} (0 keeps the provider's rate)"
            )

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

    @property
    def extension(self) -> str:
        """File name extension of the clips ("mp3", "ogg" or "wav")."""
        return self.format


def _check_range(name: str, value: float, low: float, high: float, context: str = "") -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise ConfigError(f"audio.{name} must be a number, got {value!r}")
    if not low <= value <= high:
        where = f" {context}" if context else ""
        raise ConfigError(
            f"audio.{name} = {value} is out of range{where}; use a value from {low} to {high}"
        )
