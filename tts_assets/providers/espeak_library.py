"""eSpeak NG as a library in this process (ctypes): the build espeakng-loader ships.

espeakng-loader is a small package (espeak-ng 1.52 as a shared library and its data, no
program): newer than the espeak-ng of many systems (Debian 12's 1.51 reads most Chinese
as English pinyin with tone digits: `benchmarks/espeak_builds.py`), and the same on
every machine that installs it.

espeak-ng keeps its state in process globals (one voice, one translator, one output
buffer) and is not thread-safe: calls from two threads at once crash the process or
corrupt each other's phonemes. So one process-wide lock is held around every call
sequence (load, choose the voice, phonemize, synthesize, unload).

Each call loads the library afresh and unloads it after: espeak-ng keeps state between
texts that no call resets (its wave generator's pitch flutter runs on from text to text),
so the same text would come out with other samples after other texts. Loaded afresh,
every clip gets the samples a new `espeak-ng` process gives it, whatever was said before
in the run: byte for byte the same across reruns and shards. A load is cheap once the
files are in the page cache. The library is loaded from a private in-memory copy (memfd),
so no other user of the same file (kokoro-onnx loads it too) keeps it from unloading,
and nothing is left on disk.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import functools
import importlib.util
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

# speak_lib.h
_AUDIO_OUTPUT_SYNCHRONOUS = 2
"""espeak_Synth returns once every sample has reached the callback, in the caller's thread."""
_INITIALIZE_DONT_EXIT = 0x8000
"""A bad data folder is an error code, not exit() of the whole process."""
_CHARS_UTF8 = 1
_ENDPAUSE = 0x1000
_POS_CHARACTER = 1
_RATE = 1
_PHONEMES_MNEMONIC = 0
"""espeak_TextToPhonemes mode: the ASCII phoneme mnemonics of `espeak-ng -x`."""


class _Voice(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("languages", ctypes.c_void_p),
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    ]


_EVENT_LIST_END = 0
_EVENT_WORD = 1
_EVENT_END = 5
"""espeak_EVENT_TYPE: the end of the list, a word starts, a clause or sentence ends."""


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_char * 8),
    ]


_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event)
)

_INT, _UINT, _TEXT, _P = ctypes.c_int, ctypes.c_uint, ctypes.c_char_p, ctypes.POINTER
_SIGNATURES: dict[str, tuple[Any, list[Any]]] = {
    "espeak_Initialize": (_INT, [_INT, _INT, _TEXT, _INT]),
    "espeak_Info": (_TEXT, [_P(_TEXT)]),
    "espeak_SetVoiceByName": (_INT, [_TEXT]),
    "espeak_SetVoiceByProperties": (_INT, [_P(_Voice)]),
    "espeak_ListVoices": (_P(_P(_Voice)), [_P(_Voice)]),
    "espeak_TextToPhonemes": (_TEXT, [_P(_TEXT), _INT, _INT]),
    "espeak_SetSynthCallback": (None, [_SYNTH_CALLBACK]),
    "espeak_SetParameter": (_INT, [_INT, _INT, _INT]),
    "espeak_Terminate": (_INT, []),
    "espeak_Synth": (
        _INT,
        [ctypes.c_void_p, ctypes.c_size_t, _UINT, _INT, _UINT, _UINT, _P(_UINT), ctypes.c_void_p],
    ),
}
"""The library's functions used here, with their result and argument types (speak_lib.h)."""


@dataclass(frozen=True)
class WordEvent:
    """Where espeak-ng starts saying a word of its text, as its word event reports it."""

    start: int
    """The word's first character in the text (0-based)."""
    sample: int
    """The sample where it starts saying it."""


@dataclass(frozen=True)
class Spoken:
    """What one synthesis made: its samples, its phonemes and its word events."""

    samples: NDArray[np.float32]
    """Float32 samples at the library's `sample_rate`."""
    phonemes: str
    """Its phoneme mnemonics (`espeak-ng -x`)."""
    words: tuple[WordEvent, ...]
    """Each word as it starts, in the order said."""
    clause_ends: tuple[int, ...]
    """The samples where each clause or sentence ends."""


@dataclass(frozen=True)
class VoiceEntry:
    """One voice espeak-ng lists: what `espeak-ng --voices` shows of it."""

    file: str
    """Its voice file (`sit/cmn`, `!v/f3` for a variant)."""
    languages: tuple[str, ...]
    """The languages it speaks, its own first (`cmn`, `zh-cmn`, `zh`)."""


class LibraryError(Exception):
    """The library refused a call (a voice it does not have, a failed synthesis)."""


class Library:
    """One load of libespeak-ng with its data, used under the lock, then `close`d."""

    def __init__(self, library: str, data: Path | None) -> None:
        lib = ctypes.CDLL(library)
        for function, (restype, argtypes) in _SIGNATURES.items():
            getattr(lib, function).restype = restype
            getattr(lib, function).argtypes = argtypes
        self._lib = lib
        folder = str(data).encode() if data is not None else None
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, folder, _INITIALIZE_DONT_EXIT)
        if rate <= 0:
            _unload(lib)
            raise LibraryError(f"espeak-ng cannot start with the data in {data} (error {rate})")
        self.sample_rate: int = rate
        """Samples per second of what it synthesizes (22050)."""
        self.version: str = (lib.espeak_Info(None) or b"").decode()
        """espeak-ng's own version (`1.52.0`)."""
        self._chunks: list[bytes] = []
        self._words: list[WordEvent] = []
        self._clause_ends: list[int] = []
        # Kept referenced for as long as the library may call it.
        self._callback = _SYNTH_CALLBACK(self._on_audio)
        lib.espeak_SetSynthCallback(self._callback)

    def close(self) -> None:
        """Free what espeak-ng holds and unload the library (its state goes with it)."""
        self._lib.espeak_Terminate()
        _unload(self._lib)

    def _on_audio(
        self, wav: ctypes._Pointer[ctypes.c_short], count: int, events: ctypes._Pointer[_Event]
    ) -> int:
        if count > 0 and wav:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        index = 0
        while events and events[index].type != _EVENT_LIST_END:
            event = events[index]
            if event.type == _EVENT_WORD:
                # text_position counts characters from 1 (the text is given as UTF-8).
                start = event.text_position - 1
                self._words.append(WordEvent(start, event.sample))
            elif event.type == _EVENT_END:
                self._clause_ends.append(event.sample)
            index += 1
        return 0  # go on

    def voices(self, variants: bool = False) -> list[VoiceEntry]:
        """The voices (or, with `variants`, the variants: `+f3`) the data holds."""
        spec = None
        if variants:
            wanted = ctypes.create_string_buffer(b"variant")
            spec = ctypes.pointer(_Voice(languages=ctypes.addressof(wanted)))
        listed = self._lib.espeak_ListVoices(spec)
        found = []
        for index in range(10_000):
            voice = listed[index]
            if not voice:
                break
            entry = voice.contents
            file = (entry.identifier or b"").decode()
            found.append(VoiceEntry(file, _languages(entry.languages)))
        return found

    def select(self, voice: str) -> None:
        """Make `voice` current as `espeak-ng -v` does: a name or file, else a language
        (`fr-fr`, `en-us+f3`)."""
        name = voice.encode()
        if self._lib.espeak_SetVoiceByName(name) == 0:
            return
        language = ctypes.create_string_buffer(name)
        spec = _Voice(languages=ctypes.addressof(language))
        if self._lib.espeak_SetVoiceByProperties(ctypes.byref(spec)) != 0:
            raise LibraryError(f"espeak-ng {self.version} has no voice {voice!r}")

    def phonemes(self, text: str) -> str:
        """What the current voice (`select`) would say for `text`: its phoneme mnemonics
        clause by clause as `espeak-ng -x` prints them, joined by spaces, language
        switches included (`(en)m'eIl(de)`)."""
        buffer = ctypes.create_string_buffer(text.encode("utf-8"))
        cursor = ctypes.c_char_p(ctypes.addressof(buffer))
        clauses = []
        while cursor.value is not None:  # the library moves it on, to NULL at the end
            clause = self._lib.espeak_TextToPhonemes(
                ctypes.byref(cursor), _CHARS_UTF8, _PHONEMES_MNEMONIC
            )
            if clause and clause.strip():
                clauses.append(clause.decode("utf-8", errors="replace").strip())
        return " ".join(clauses)

    def speak(self, text: str, voice: str, rate: int) -> Spoken:
        """`text` in `voice` at `rate` words per minute: float32 samples at `sample_rate`,
        its phoneme mnemonics and where each word starts."""
        import numpy as np

        self.select(voice)
        phonemes = self.phonemes(text)
        data = text.encode("utf-8")
        self._lib.espeak_SetParameter(_RATE, rate, 0)
        self._chunks, self._words, self._clause_ends = [], [], []
        status = self._lib.espeak_Synth(
            data + b"\0", len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8 | _ENDPAUSE, None, None
        )
        if status != 0:
            raise LibraryError(f"espeak-ng {self.version} could not synthesize (error {status})")
        samples = np.frombuffer(b"".join(self._chunks), dtype="<i2").astype(np.float32) / 32768.0
        return Spoken(samples, phonemes, tuple(self._words), tuple(self._clause_ends))


def _languages(pointer: int | None) -> tuple[str, ...]:
    """An espeak_VOICE's `languages`: (priority byte, language, NUL) pairs, ended by 0."""
    if not pointer:
        return ()
    found, offset = [], 0
    while ctypes.string_at(pointer + offset, 1) != b"\0":
        name = ctypes.string_at(pointer + offset + 1)
        found.append(name.decode(errors="replace"))
        offset += len(name) + 2
    return tuple(found)


def _unload(lib: ctypes.CDLL) -> None:
    if sys.platform == "win32":  # no dlclose there: the DLL is freed by its handle
        import _ctypes

        _ctypes.FreeLibrary(lib._handle)
        return
    ctypes.CDLL(None).dlclose(ctypes.c_void_p(lib._handle))


def packaged_available() -> bool:
    """Whether espeakng-loader is installed (found without loading anything)."""
    return importlib.util.find_spec("espeakng_loader") is not None


class Packaged:
    """The espeak-ng espeakng-loader ships: each call loads it afresh (module docstring)."""

    lock = threading.Lock()
    """One espeak-ng call at a time in this process."""

    def __init__(self, library: Path, data: Path) -> None:
        self.data = data
        self._image = _private_copy(library)
        self._voices: dict[bool, list[VoiceEntry]] = {}
        with self.loaded() as lib:
            self.version, self.sample_rate = lib.version, lib.sample_rate

    @contextlib.contextmanager
    def loaded(self) -> Iterator[Library]:
        """The library, loaded afresh for this call and unloaded after, under the lock."""
        with self.lock:
            try:
                lib = Library(self._image, self.data)
            except OSError as e:
                raise LibraryError(f"the packaged espeak-ng cannot be loaded: {e}") from None
            try:
                yield lib
            finally:
                lib.close()

    def voices(self, variants: bool = False) -> list[VoiceEntry]:
        """The voices (or, with `variants`, the variants: `+f3`) the data holds: listed
        once per process (the package's data does not change under it), since each run's
        provider asks and loading the library to list them costs milliseconds."""
        listed = self._voices.get(variants)
        if listed is None:
            with self.loaded() as lib:
                listed = self._voices[variants] = lib.voices(variants)
        return list(listed)

    def phonemes(self, texts: Sequence[str], voice: str) -> list[str]:
        """What `voice` would say for each of `texts` (`Library.phonemes`), in one load."""
        with self.loaded() as lib:
            lib.select(voice)
            return [lib.phonemes(text) for text in texts]

    def speak(self, text: str, voice: str, rate: int) -> Spoken:
        """`text` in `voice` at `rate` words per minute: samples, phoneme mnemonics and
        word events."""
        with self.loaded() as lib:
            return lib.speak(text, voice, rate)


def _private_copy(library: Path) -> str:
    """A path to load `library` from that no one else loads: an in-memory copy (Linux),
    else a copy in a temporary folder removed at exit."""
    content = library.read_bytes()
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("libespeak-ng")  # closed with the process
        os.write(fd, content)
        return f"/proc/self/fd/{fd}"
    folder = Path(tempfile.mkdtemp(prefix="tts-assets-espeak-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    copy = folder / library.name
    copy.write_bytes(content)
    return str(copy)


@functools.cache
def packaged() -> Packaged:
    """The espeak-ng espeakng-loader ships, with its data (found once per process);
    LibraryError when it is not installed or does not start."""
    try:
        import espeakng_loader
    except ImportError:
        raise LibraryError("espeakng-loader is not installed") from None
    library = Path(espeakng_loader.get_library_path())
    try:
        return Packaged(library, Path(espeakng_loader.get_data_path()))
    except OSError as e:
        raise LibraryError(f"{library} cannot be loaded: {e}") from None
