"""Supertonic-3 (Supertone) through onnxruntime: offline, natural voices for 31 languages.

Korean, German, Vietnamese and 28 other languages (not Chinese, not Thai), ten voices
(M1-M5, F1-F5) each speaking all of them, 44.1 kHz. The model is pulled, pinned file by
file (`tts-assets models pull supertonic-3`); its weights are under BigScience
OpenRAIL-M, whose use rules ask that audio made with it be disclosed as machine-generated.
It runs on a small runtime of its own (`supertonic_runtime.py`, upstream's steps), never a
package that downloads by itself. `[providers.supertonic] model` names another model of
the same graphs and voice format (a `[models.NAME]` of kind "supertonic", KorvaTTS) or a
folder holding such files.

It reads letters (no phonemes): numbers, dates and readings are decided before it, by the
tool's own rules, as for every language. A character the model has no id for is found
before synthesis and the text refused with it and its place (`CannotSay`): the model would
otherwise say something else. The model draws its latent from noise: the noise here is
seeded from what the piece's content key is made of (its text, language, voice, speed,
steps and model), so the same key gives the same bytes, in a run or through the one-text
API, and a clip is made again exactly. Each piece is cut to the duration the model
predicts for it (the vocoder pads to whole frames).

Pieces are at most 120 characters (upstream cuts Korean there, other languages at 300;
the shorter cut serves every language). The model predicts one duration per piece, so
where each piece lies in a clip is exact, and word timings are not reported.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from ..audio.samples import Audio
from ..errors import CannotSay, ClipError, InputError, ProviderFatal
from ..languages import base_code, title_of
from ..models.installed import content_sha256, installed, resolve
from . import device
from .catalogue import VoiceCatalogue
from .engine import BlockingEngine
from .settings import ProviderSettings, setting
from .speech import ProviderOptions, Speech
from .supertonic_runtime import (
    CONFIG,
    GRAPHS,
    INDEXER,
    RULES_VERSION,
    Runtime,
    Style,
    read_config,
    read_indexer,
    read_style,
    tagged,
    unsayable,
)

DEFAULT_MODEL = "supertonic-3"
"""The catalog model it uses when `model` is not set."""

VOICES = ("F1", "F2", "F3", "F4", "F5", "M1", "M2", "M3", "M4", "M5")
"""Supertonic-3's voices: five female, five male, each speaking every language."""

LANGUAGES = (
    "ar", "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "hi", "hr", "hu", "id",
    "it", "ja", "ko", "lt", "lv", "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sv", "tr", "uk",
    "vi",
)  # fmt: skip
"""The languages Supertonic-3 says, by the code its language tag takes (`<ko>`)."""

_NO_TIMINGS = (
    "supertonic: the model predicts one duration per piece of text, not per word: the "
    "pieces' places are exact, word timings are not reported (never guessed)"
)

_LOADED: dict[tuple[str, int, str], tuple[Runtime, str]] = {}
"""One runtime per model (its digest), threads and device, per process."""
_LOAD_LOCK = threading.Lock()


@dataclass(frozen=True)
class SupertonicSettings(ProviderSettings):
    """`[providers.supertonic]`: the model, its denoising steps and its pace."""

    model: Path | None = None
    """A Supertonic model: a pulled model's name (`supertonic-3`, or a `[models.NAME]` of
    kind "supertonic") or a folder holding its files; not set: supertonic-3."""
    steps: int = setting(8, low=1, high=100)
    """Denoising steps of the vector estimator: more is cleaner and slower (upstream's
    default, 8)."""
    speed: float = setting(1.05, low=0.7, high=2.0)
    """The model's pace at the run's normal speed (upstream's default, 1.05); a run's
    speed multiplies it."""
    intra_op_threads: int = setting(1, low=1)
    """ONNX threads per inference; the workers default to physical cores / this."""


@dataclass(frozen=True)
class _Files:
    folder: Path
    graphs: dict[str, Path]
    config: Path
    indexer: Path


def _find(folder: Path, name: str, under: str) -> Path | None:
    """`name` in `folder` (as a pull lays it out) or in `folder/under` (upstream's layout)."""
    for path in (folder / name, folder / under / name):
        if path.is_file():
            return path
    return None


class SupertonicProvider(BlockingEngine, VoiceCatalogue):
    """Supertonic-3's voices through its four ONNX graphs, once pulled."""

    name: ClassVar[str] = "supertonic"
    loop_bound: ClassVar[bool] = False  # its runtime, loaded once a process
    description: ClassVar[str] = (
        "Supertonic-3 (ONNX), offline, 31 languages with Korean, German, Vietnamese; "
        "models pull supertonic-3"
    )
    settings_type: ClassVar[type[ProviderSettings]] = SupertonicSettings
    settings: SupertonicSettings
    default_voices: ClassVar[Mapping[str, str]] = dict.fromkeys(LANGUAGES, "F1")
    max_piece_chars: ClassVar[int] = 120
    runtime_package: ClassVar[str] = "onnxruntime"
    requires: ClassVar[Mapping[str, str]] = {"onnxruntime": "onnxruntime"}
    install: ClassVar[str] = "pip install onnxruntime"
    model_settings: ClassVar[Mapping[str, str]] = {"model": DEFAULT_MODEL}
    # A neural voice, but the listening check's thresholds were not measured on it.
    heard_by_whisper: ClassVar[bool] = False
    # Its noise is seeded from the request: a text is said the same way every time.
    reproducible: ClassVar[bool] = True
    timings_missing: ClassVar[str] = _NO_TIMINGS

    def __init__(
        self, settings: SupertonicSettings | None = None, options: ProviderOptions | None = None
    ) -> None:
        super().__init__(settings, options)
        self._runtime: Runtime | None = None
        self._styles: dict[str, Style] = {}
        self._indexer: list[int] | None = None
        self._identities: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()

    def _model_name(self) -> str:
        return str(self.settings.model or DEFAULT_MODEL)

    def _installed(self) -> bool:
        """Whether the model is here, judged without hashing it (for advice)."""
        if self.settings.model is not None:
            return True  # a path or a name of its own: `_files` says what is wrong with it
        model = self.options.catalog.get(DEFAULT_MODEL)
        return model is not None and installed(model) is not None

    def _files(self) -> _Files:
        """The model's files; ModelNotInstalled naming the pull (exit 2) when it is not
        pulled, InputError for a folder that lacks one."""
        folder = resolve(self.settings.model or DEFAULT_MODEL, self.options.catalog)
        if not folder.is_dir():
            raise InputError(
                f"[providers.supertonic] model = {self._model_name()!r}: no such folder or "
                f"model; pull one (tts-assets models pull {DEFAULT_MODEL}) or name a folder "
                "holding a Supertonic model's files"
            )
        found = {name: _find(folder, f"{name}.onnx", "onnx") for name in GRAPHS}
        config, indexer = _find(folder, CONFIG, "onnx"), _find(folder, INDEXER, "onnx")
        missing = [n for n, p in {**found, CONFIG: config, INDEXER: indexer}.items() if not p]
        if missing or config is None or indexer is None:
            raise InputError(
                f"{folder}: not a Supertonic model (no {', '.join(missing)}); pull one with "
                f"tts-assets models pull {DEFAULT_MODEL}"
            )
        return _Files(folder, {n: p for n, p in found.items() if p is not None}, config, indexer)

    def _style_path(self, voice: str) -> Path:
        folder = self._files().folder
        path = _find(folder, f"{voice}.json", "voice_styles")
        if path is None:
            raise InputError(
                f"the supertonic voice {voice!r} is not in {folder} (no {voice}.json); "
                f"valid voices: {', '.join(VOICES)}"
            )
        return path

    def voices(self) -> list[str]:
        return list(VOICES)

    def voice_origin(self, voice: str) -> str:
        return self._model_name()

    @classmethod
    def languages_spoken(cls) -> Mapping[str, str]:
        """Every voice speaks all its languages, once `supertonic-3` is pulled."""
        return dict.fromkeys(LANGUAGES, "`F1` (pull)")

    def voice_languages(self, voice: str) -> tuple[str, ...]:
        return LANGUAGES if voice in VOICES else ()

    def offer(self, lang: str) -> str | None:
        # Suggested to another provider's language only once it is pulled; before, its
        # pull is the hint (`voice_hint`).
        return super().offer(lang) if self._installed() else None

    def no_voice(self, lang: str) -> str:
        return f"supertonic has no {title_of(lang)} voice (Supertonic-3 speaks no {title_of(lang)})"

    def voice_hint(self, lang: str) -> str | None:
        if base_code(lang) not in LANGUAGES or self._installed():
            return None
        return f"--voice F1 (run: tts-assets models pull {DEFAULT_MODEL})"

    def _model_digest(self, files: _Files) -> str:
        """One digest of the graphs, the config and the indexer (each file's sha256 as a
        pull recorded it, or hashed once)."""
        graphs = [content_sha256(files.graphs[name]) for name in GRAPHS]
        parts = [*graphs, content_sha256(files.config), content_sha256(files.indexer)]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def identity(self, voice: str) -> Mapping[str, str]:
        # Asked again by each synthesis (`seed`): kept per voice, as the run's content keys.
        if voice not in self._identities:  # two threads at once compute the same identity
            self._identities[voice] = {
                "model": self._model_digest(self._files()),
                "voice_data": content_sha256(self._style_path(voice)),
                "steps": str(self.settings.steps),
                "model_speed": f"{self.settings.speed:g}",
                "text_rules": RULES_VERSION,
            }
        return self._identities[voice]

    def _indexer_now(self) -> list[int]:
        with self._lock:
            if self._indexer is None:
                path = self._files().indexer
                try:
                    self._indexer = read_indexer(path)
                except (OSError, ValueError) as e:
                    raise ProviderFatal(f"{path}: not Supertonic's unicode indexer ({e})") from None
            return self._indexer

    def cannot_say(self, speech: Speech) -> str | None:
        try:
            self._refuse_unsayable(speech)
        except CannotSay as e:
            return str(e)
        return None

    def _refuse_unsayable(self, speech: Speech) -> None:
        """CannotSay naming the first character of `speech` the model has no id for."""
        bad = unsayable(speech.text, self._indexer_now())
        if not bad:
            return
        more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
        raise CannotSay(
            f"supertonic: {speech.text!r} has {bad[0].describe()}{more}, which Supertonic "
            "cannot say; write it in words or leave it out, or map "
            f"{base_code(speech.lang)} to another provider in [languages]",
            why=f"a character it cannot say ({bad[0].char})",
        )

    async def open(self) -> None:
        import anyio.to_thread

        await anyio.to_thread.run_sync(self._load)

    def _load(self) -> Runtime:
        with _LOAD_LOCK:
            if self._runtime is not None:
                return self._runtime
            files = self._files()
            # The model's bytes, not its folder: a model pulled again in place is loaded anew.
            key = (self._model_digest(files), self.settings.intra_op_threads, self.options.device)
            if key not in _LOADED:
                fix = f"repair it with tts-assets models pull {DEFAULT_MODEL}"
                with device.loading(f"the Supertonic model in {files.folder}", fix):
                    config = read_config(files.config)
                    sessions, choice = device.sessions(
                        [str(files.graphs[name]) for name in GRAPHS],
                        self.options.device,
                        threads=self.settings.intra_op_threads,
                        int8=False,
                        name=files.folder.name,
                    )
                _LOADED[key] = (Runtime(config, self._indexer_now(), sessions), choice.device)
            self._runtime, self.device = _LOADED[key]
            return self._runtime

    def _style(self, voice: str) -> Style:
        with self._lock:
            if voice not in self._styles:
                path = self._style_path(voice)
                try:
                    self._styles[voice] = read_style(path)
                except (OSError, ValueError) as e:
                    raise ProviderFatal(f"{path}: not a Supertonic voice ({e})") from None
            return self._styles[voice]

    def seed(self, speech: Speech, lang: str) -> int:
        """The seed of `speech`'s noise: from what its content key is made of, so that
        the same key makes the same samples."""
        identity = self.identity(speech.voice)
        material = "\x1f".join(
            [speech.text, lang, speech.voice, f"{speech.speed:g}", *identity.values()]
        )
        return int.from_bytes(hashlib.sha256(material.encode()).digest()[:8], "big")

    def synthesize_blocking(self, speech: Speech) -> Audio:
        import numpy as np

        lang = base_code(speech.lang)
        if lang not in LANGUAGES or speech.voice not in VOICES:
            # A run never gets here (voices.py checks every voice); a direct caller might.
            raise ClipError(
                f"supertonic: the voice {speech.voice!r} does not speak {speech.lang!r}; "
                f"its voices ({', '.join(VOICES)}) speak {', '.join(LANGUAGES)}"
            )
        self._refuse_unsayable(speech)
        runtime = self._load()
        text, style = tagged(speech.text, lang), self._style(speech.voice)
        seed, steps = self.seed(speech, lang), self.settings.steps
        speed = self.settings.speed * speech.speed
        if not 0.7 <= speed <= 2.0:
            raise ClipError(
                f"supertonic: a pace of {speed:g} is outside what the model was made for "
                "(0.7 to 2); set [providers.supertonic] speed or the run's speed nearer 1"
            )
        try:
            made = runtime.make(text, style, seed, steps=steps, speed=speed)
        except ValueError as e:
            raise ClipError(f"supertonic: {speech.text!r}: {e}") from None
        samples = np.clip(made.samples, -1.0, 1.0).astype(np.float32)
        return Audio(samples, runtime.config.sample_rate)
