"""A test-only provider that injects faults, registered by name like any provider.

Each text's fate is fixed by a hash of the text, never drawn per attempt, so a rerun
meets the same faults (or none, with `heal`) and a test can compute the expected
failures with `fate()`. Settings come from `[providers.fault]` in the config file,
typed like any provider's (`FaultSettings`):

    fail_rate = 0.2      share of texts that raise ClipError (retryable: the pool tries 3x)
    backoff_base = 0.01  seconds of the first retry's backoff window (the real default, 0.5 s,
                         is the pool's to test, in tests/unit/making/test_pool.py)
    hang_rate = 0.1      share of texts that sleep `hang_seconds`, far past --timeout
    garbage_rate = 0.1   share of texts answered with broken audio (NaN, silence,
                         clipping, a blip, no samples) that validation must reject
    delay = 0.0          seconds every clip takes (to catch a run in the middle)
    stall = 0.0          seconds every clip blocks a worker thread (cannot be cancelled,
                         like a local model mid-inference)
    log = "calls.jsonl"  every synthesize call appended as one JSON line {"text": ...,
                         "lang": ..., "phonemes": ...}
    hold = "go"          every call after the first `hold_after` waits (cancellably) until
    hold_after = 0       this file exists: a test orders events by creating it, never by
                         hoping a delay is long enough (the call is logged before it waits)
    heal = false         true: no faults at all (the same clips then succeed)
    crash = ""           "open", "synthesize" or "close": raise an unexpected RuntimeError
                         there (a bug, not a ClipError), to test what a traceback shows
    [providers.fault.fates]
    "some text" = "garbage:nan"   a fixed fate for one text, before the rates apply
                                  ("fatal": raise ProviderFatal, exit 3, as a spent quota)

Good clips are a speech-shaped tone whose length is plausible for the text.

A subprocess run uses the provider through `DRIVER`, the CLI with the provider registered:

    subprocess.run([*DRIVER, "generate", "--provider", "fault"], env=driver_env())
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, ClassVar

import anyio
import anyio.to_thread
import numpy as np
import numpy.typing as npt

from tests.support import REPO
from tts_assets.audio.bounds import speech_bounds
from tts_assets.errors import ClipError, ProviderFatal
from tts_assets.frontends.alphabets import Alphabet
from tts_assets.providers import registry
from tts_assets.providers.base import Audio, Speech
from tts_assets.providers.catalogue import VoiceCatalogue
from tts_assets.providers.engine import Engine
from tts_assets.providers.settings import ProviderSettings, setting
from tts_assets.retry import RetryPolicy

NAME = "fault"
RATE = 24000

DRIVER = [
    sys.executable,
    "-c",
    "from tests.support.fault_provider import register; register(); "
    "from tts_assets.cli.app import main; main()",
]
"""argv prefix of `tts-assets` with the fault provider registered."""

GARBAGE = ("nan", "silent", "clipped", "blip", "empty")


def driver_env(**extra: str) -> dict[str, str]:
    """The environment for DRIVER: this checkout importable, plus `extra`."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def _unit(text: str, salt: str) -> float:
    digest = hashlib.sha256(f"{salt}\0{text}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def fate(text: str, settings: Mapping[str, Any]) -> str:
    """What happens to `text`: "ok", "fail", "fatal", "hang", or "garbage:<kind>"."""
    if settings.get("heal"):
        return "ok"
    chosen = (settings.get("fates") or {}).get(text)
    if chosen is not None:
        return str(chosen)
    u = _unit(text, "fate")
    for kind in ("fail", "hang", "garbage"):
        rate = float(settings.get(f"{kind}_rate", 0.0))
        if u < rate:
            if kind == "garbage":
                return "garbage:" + GARBAGE[int(_unit(text, "kind") * len(GARBAGE))]
            return kind
        u -= rate
    return "ok"


def speech(text: str) -> Audio:
    """A tone with syllable-like loudness, as long as speech of `text` plausibly lasts
    (made once a process for each text: the fast loop says the same words in hundreds of
    tests; each call gets samples of its own)."""
    return Audio(_tone(text).copy(), RATE)


@functools.lru_cache(maxsize=1024)
def _tone(text: str) -> npt.NDArray[np.float32]:
    low, high = speech_bounds(text)
    seconds = min(max(1.2 * low, 0.25), 0.5 * (low + high))
    t = np.arange(round(seconds * RATE)) / RATE
    pitch = 150.0 + 30.0 * np.sin(2 * np.pi * 0.8 * t)
    phase = 2 * np.pi * np.cumsum(pitch) / RATE
    envelope = 0.3 + 0.7 * np.abs(np.sin(np.pi * 4.0 * t))
    samples = 0.3 * envelope * (np.sin(phase) + 0.3 * np.sin(2 * phase))
    tone: npt.NDArray[np.float32] = samples.astype(np.float32)
    tone.flags.writeable = False  # the cache's own: a caller's change would reach the next
    return tone


def garbage(kind: str) -> Audio:
    """Audio no clip may be made from."""
    n = RATE
    if kind == "nan":
        samples = np.full(n, np.nan, dtype=np.float32)
    elif kind == "silent":
        samples = np.zeros(n, dtype=np.float32)
    elif kind == "clipped":
        samples = np.sign(np.sin(np.arange(n) / 10.0)).astype(np.float32)
    elif kind == "blip":
        samples = (0.5 * np.sin(np.arange(RATE // 100) / 3.0)).astype(np.float32)
    else:
        samples = np.zeros(0, dtype=np.float32)
    return Audio(samples, RATE)


@dataclass(frozen=True)
class FaultSettings(ProviderSettings):
    """`[providers.fault]`: see the module docstring."""

    fail_rate: float = setting(0.0, low=0.0, high=1.0)
    hang_rate: float = setting(0.0, low=0.0, high=1.0)
    garbage_rate: float = setting(0.0, low=0.0, high=1.0)
    hang_seconds: float = setting(3600.0, low=0.0)
    delay: float = setting(0.0, low=0.0)
    stall: float = setting(0.0, low=0.0)
    log: str | None = None
    hold: str | None = None
    hold_after: int = setting(0, low=0)
    backoff_base: float = setting(0.01, low=0.0)
    heal: bool = False
    crash: str = ""
    fates: Mapping[str, str] | None = None


class FaultProvider(Engine, VoiceCatalogue):
    """Deterministic faults per text; see the module docstring."""

    name: ClassVar[str] = NAME
    description: ClassVar[str] = "test-only provider that injects faults"
    default_voices: ClassVar[Mapping[str, str]] = dict.fromkeys(
        ("ja", "en", "zh", "ko", "de", "es", "it", "fr", "pt", "th", "vi"), "tone"
    )
    settings_type: ClassVar[type[ProviderSettings]] = FaultSettings
    settings: FaultSettings
    loop_bound: ClassVar[bool] = False  # it holds nothing: a run in windows opens it once

    def natural_concurrency(self) -> int:
        return 2

    def identity(self, voice: str) -> Mapping[str, str]:
        return {"fault_provider": "1"}

    def retry_policy(self) -> RetryPolicy:
        return RetryPolicy(base=self.settings.backoff_base)

    def _crash(self, where: str) -> None:
        if self.settings.crash == where:
            raise RuntimeError(f"injected bug in {where}() of {self!r} with {self.options!r}")

    async def open(self) -> None:
        self._crash("open")

    async def aclose(self) -> None:
        self._crash("close")

    async def synthesize(self, request: Speech) -> Audio:
        settings = self.settings
        text = request.text
        if settings.log:
            with open(settings.log, "a", encoding="utf-8") as f:
                f.write(json.dumps(_logged(request), ensure_ascii=False) + "\n")
        self._crash("synthesize")
        self._calls = getattr(self, "_calls", 0) + 1
        if settings.hold and self._calls > settings.hold_after:
            while not os.path.exists(settings.hold):
                await anyio.sleep(0.01)
        await anyio.sleep(settings.delay)
        if settings.stall:
            await anyio.to_thread.run_sync(time.sleep, settings.stall)
        what = fate(text, asdict(settings))
        if what == "fail":
            raise ClipError("fault: injected failure", retryable=True)
        if what == "fatal":
            raise ProviderFatal("fault: injected fatal error (the quota is spent)")
        if what == "hang":
            await anyio.sleep(settings.hang_seconds)
        if what.startswith("garbage:"):
            return garbage(what.partition(":")[2])
        return speech(text)


def _logged(request: Speech) -> dict[str, object]:
    """What the log keeps of a request: what the provider was asked to say."""
    return {"text": request.text, "lang": request.lang, "phonemes": request.phonemes}


def requests(log: Path) -> list[dict[str, Any]]:
    """What synthesize was asked to say, in order: text, lang and phonemes of each call."""
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def recorder(cls: type[Engine], log: Path) -> Callable[[Engine, Speech], Any]:
    """`cls.synthesize` that first logs every request it is sent to `log`, as the fault
    provider's `log` does: what a run and the library send a real provider, compared.

        monkeypatch.setattr(EspeakProvider, "synthesize", recorder(EspeakProvider, log))
    """
    real = cls.synthesize

    async def synthesize(self: Engine, request: Speech) -> Audio:
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps(_logged(request), ensure_ascii=False) + "\n")
        return await real(self, request)

    return synthesize


def register() -> None:
    """Make `--provider fault` available in this process."""
    registry.register(NAME, FaultProvider)


@contextlib.contextmanager
def registered() -> Iterator[None]:
    """`--provider fault` in this process for the block (the `fault` fixture's), and still
    after it where it was before: a module's course built once (`project.made_once`) inside
    a test that has the fixture left that test without it, and its next command failed
    with "unknown provider 'fault'" (seen in CI when the first test to build the course in
    a worker went on to run a command)."""
    already = NAME in registry.names()
    register()
    try:
        yield
    finally:
        if not already:
            registry.unregister(NAME)


def calls(log: Path) -> list[str]:
    """The texts synthesize was called with, in order (one entry per attempt)."""
    if not log.exists():
        return []
    return [json.loads(line)["text"] for line in log.read_text(encoding="utf-8").splitlines()]


def hold(provider: str, gate: str, after: int) -> None:
    """Make a real provider's clips after the first `after` (in this process) wait until
    the file `gate` exists, as the fault provider's `hold` does: a test kills or stops a
    real run in its middle at a moment it makes, and the clips made are the real ones."""
    cls = registry.get(provider)
    real = cls.synthesize
    calls = [0]

    async def synthesize(self: Engine, request: Speech) -> Audio:
        calls[0] += 1
        if calls[0] > after:
            while not os.path.exists(gate):
                await anyio.sleep(0.01)
        return await real(self, request)

    cls.synthesize = synthesize  # type: ignore[method-assign, assignment]


def held_driver(provider: str, gate: Path, after: int) -> list[str]:
    """argv prefix of `tts-assets` whose `provider` holds its clips after `after` (`hold`)."""
    return [
        sys.executable,
        "-c",
        f"from tests.support.fault_provider import hold; hold({provider!r}, {str(gate)!r}, "
        f"{after}); from tts_assets.cli.app import main; main()",
    ]


def release(gate: Path) -> None:
    """Let the calls held on `gate` (the `hold` setting) go on."""
    gate.touch()


def wait_until(
    condition: Callable[[], object],
    proc: subprocess.Popen[Any] | None = None,
    timeout: float = 120.0,
) -> None:
    """Poll `condition` until true; fail if `proc` ends first or `timeout` passes.

    The timeout only bounds a broken test: the event awaited is one the test created.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc is None or proc.poll() is None, "the process ended first"
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


def write_grammar(data_dir: Path, texts: list[str], per_entry: int = 4) -> Path:
    """A grammar.json holding `texts` as examples, `per_entry` to an entry."""
    entries = [
        {"id": f"g{n}", "examples": [{"japanese": t} for t in texts[i : i + per_entry]]}
        for n, i in enumerate(range(0, len(texts), per_entry))
    ]
    path = data_dir / "grammar.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(entries, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def write_config(root: Path, **settings: Any) -> Path:
    """tts-assets.toml in `root` with a [providers.fault] table of `settings`."""
    lines = ["[providers.fault]"]
    tables = []
    for key, value in settings.items():
        if isinstance(value, dict):
            tables += [f"[providers.fault.{key}]"]
            tables += [
                f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(v)}" for k, v in value.items()
            ]
        else:
            lines.append(f"{key} = {json.dumps(value)}")
    lines += tables
    path = root / "tts-assets.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def tell_pinyin(monkeypatch: Any, phonemes_of: Callable[[str], str] = lambda text: "") -> None:
    """Make the fault provider's voices ones told a Chinese text's pinyin as espeak-ng's
    Mandarin is (`ESPEAK_PINYIN`), each text said as `phonemes_of(text)`: by default
    nothing its front-end can compare (`unchecked`), so what is given is the text."""
    from tts_assets.frontends.alphabets import ESPEAK_PINYIN

    def alphabet(self: Engine, voice: str) -> Alphabet | None:
        return ESPEAK_PINYIN

    def phonemes_of_each(self: Engine, texts: Sequence[str], voice: str) -> list[str]:
        return [phonemes_of(text) for text in texts]

    monkeypatch.setattr(FaultProvider, "alphabet", alphabet)
    monkeypatch.setattr(FaultProvider, "phonemes_of_each", phonemes_of_each)
