"""Out of memory is exit 3 with one line, wherever it is raised."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support import REPO
from tts_assets.cli import crash
from tts_assets.errors import MachineFault, machine_fault


def _caused_by_memory() -> RuntimeError:
    try:
        try:
            raise MemoryError
        except MemoryError as e:
            raise RuntimeError("a worker died") from e
    except RuntimeError as e:
        return e


@pytest.mark.parametrize(
    "error",
    [MemoryError(), ExceptionGroup("tasks", [ValueError(), MemoryError()]), _caused_by_memory()],
    ids=["itself", "in a group", "as a cause"],
)
def test_memory_running_out_is_exit_3_and_one_line(
    error: Exception, capfd: pytest.CaptureFixture[str]
) -> None:
    assert crash.report(error) == 3
    err = capfd.readouterr().err
    assert err.startswith("error: out of memory") and err.count("\n") == 1


def test_memory_running_out_while_the_traceback_is_written_is_exit_3(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def no_memory(error: BaseException) -> None:
        raise MemoryError

    monkeypatch.setattr(crash, "record", no_memory)
    assert crash.report(RuntimeError("a bug")) == 3
    assert capfd.readouterr().err.startswith("error: out of memory")


def test_a_clip_that_runs_out_of_memory_stops_the_run_as_the_machine() -> None:
    found = machine_fault(MemoryError())
    assert isinstance(found, MachineFault) and found.exit_code == 3


_AT_THE_LIMIT = """
import resource, sys
from tts_assets.cli import crash
limit = 400 << 20
resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))
if sys.argv[1] == "filled":
    held = []
    try:
        while True:
            held.append(bytearray(1 << 20))
    except MemoryError:
        del held[-8:]  # what the unwinding of a real run would free
resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))
print(int(crash.crashed(SystemError(crash.LOST))[0]))
"""


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc: Linux")
@pytest.mark.parametrize(("state", "code"), [("filled", 3), ("roomy", 4)])
def test_an_error_cpython_lost_at_the_memory_limit_is_memory_running_out(
    state: str, code: int
) -> None:
    """CPython raises SystemError("error return without exception set") when a
    MemoryError is lost while the stack unwinds at the address-space limit: that is exit 3,
    and the same error in a process far from its limit stays a bug (4)."""
    assert _said(_AT_THE_LIMIT, state) == str(code)


_MECAB = """
import resource, sys
from tts_assets.cli import crash
if sys.argv[1] == "limited":
    resource.setrlimit(resource.RLIMIT_AS, (64 << 30, resource.RLIM_INFINITY))
print(int(crash.crashed(RuntimeError("Failed to initialize Mecab"))[0]))
"""


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS: Linux")
@pytest.mark.parametrize(("state", "code"), [("limited", 3), ("unlimited", 4)])
def test_the_japanese_dictionary_not_mapped_under_a_limit_is_memory_running_out(
    state: str, code: int
) -> None:
    """pyopenjtalk maps its ~100 MB dictionary whole: under an address-space limit the
    mapping is refused while the peak is far from the limit, and Mecab says only that it
    failed to initialize (the CI's run at 300 MB said so for every text, exit 1 "a bug").
    Under a limit that is memory running out (3); with no limit it stays a bug (4)."""
    assert _said(_MECAB, state) == str(code)


_FINALIZERS = """
from tts_assets.cli import crash
crash.quiet_unraisable_memory()

class Short:
    def __del__(self):
        raise MemoryError

class Buggy:
    def __del__(self):
        raise ValueError("a finalizer's bug")

Short()
Buggy()
print("went on")
"""


def test_memory_that_runs_out_in_a_finalizer_prints_nothing_of_its_own() -> None:
    """A MemoryError no one can catch (a finalizer's, while the stack unwinds) is left to
    the command's one line (exit 3); Python's hook printed it first, or failed printing it
    at the limit ("Exception ignored in sys.unraisablehook"). Other such errors still show."""
    done = subprocess.run(
        [sys.executable, "-c", _FINALIZERS], capture_output=True, text=True, cwd=REPO
    )
    assert done.returncode == 0 and done.stdout == "went on\n"
    assert "MemoryError" not in done.stderr
    assert "Short" not in done.stderr
    assert "ValueError: a finalizer's bug" in done.stderr


_ONNX = """
import resource, sys
from google.protobuf.message import DecodeError, EncodeError
from onnxruntime.capi.onnxruntime_pybind11_state import Fail, RuntimeException
from tts_assets.cli import crash
if sys.argv[1] == "limited":
    resource.setrlimit(resource.RLIMIT_AS, (64 << 30, resource.RLIM_INFINITY))
loading = Fail("[ONNXRuntimeError] : 1 : FAIL : Exception during loading: std::bad_alloc")
encoding = EncodeError("Failed to serialize proto")
parsing = DecodeError("Error parsing message with type 'onnx.ModelProto': Arena alloc failed")
running = RuntimeException(
    "[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : Non-zero status code returned while running "
    "Conv node. Name:'/decoder/Conv' Status Message: /onnxruntime_src/onnxruntime/core/"
    "framework/bfc_arena.cc:360 void* onnxruntime::BFCArena::AllocateRawInternal(size_t, bool,"
    " onnxruntime::Stream*) Failed to allocate memory for requested buffer of size 7773696"
)
print(*(int(crash.crashed(e)[0]) for e in (loading, encoding, parsing, running)))
"""


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS: Linux")
@pytest.mark.parametrize(("state", "codes"), [("limited", "3 3 3 3"), ("unlimited", "3 4 4 3")])
def test_the_kokoro_model_s_libraries_running_out_is_memory_running_out(
    state: str, codes: str
) -> None:
    """Cutting Kokoro's model where memory ran out (the memory sweep at 1,250 and 1,300 MB)
    failed in onnxruntime ("std::bad_alloc", an error of its own type, not a RuntimeError)
    or in protobuf ("Failed to serialize proto", an EncodeError; parsing the model for
    the whole session under 300 MB of room: "Arena alloc failed", a DecodeError): the
    first is memory wherever it is; protobuf's under an address-space limit (their other
    causes, a message over 2 GB or a damaged file, are not memory). A model run whose
    arena could not grow (Kokoro under 900 MB: its message was printed in the summary,
    after "stopped: out of memory") is memory wherever it is."""
    assert _said(_ONNX, state) == codes


def _said(script: str, state: str) -> str:
    """What `script`, run in a Python of its own with `state` as its argument, printed."""
    done = subprocess.run(
        [sys.executable, "-c", script, state],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


class _Ended(Exception):
    """What the registered end raises here, in place of ending the process."""


def _callback_raising(error: BaseException, *, registered: bool) -> list[str]:
    """A loop started through `errors.watching` whose one callback raises `error`; what
    reached the end (if `registered`) and the loop's handler set before."""
    import asyncio

    import anyio

    from tts_assets import errors

    seen: list[str] = []

    def end() -> None:
        seen.append("ended")
        raise _Ended

    def loop_with_a_handler() -> asyncio.AbstractEventLoop:
        loop = asyncio.new_event_loop()
        loop.set_exception_handler(
            lambda _, context: seen.append(type(context["exception"]).__name__)
        )
        return loop

    async def body() -> None:
        def fail() -> None:
            raise error

        asyncio.get_running_loop().call_soon(fail)
        await anyio.sleep(0.01)

    before = list(errors._ENDS)
    try:
        errors._ENDS[:] = [end] if registered else []
        anyio.run(errors.watching, body, backend_options={"loop_factory": loop_with_a_handler})
    finally:
        errors._ENDS[:] = before
    return seen


def test_a_loop_callback_that_memory_ends_ends_the_command() -> None:
    """A MemoryError asyncio would log and drop goes to the end the CLI registers (exit 3
    and one line, `crash.end_where_memory_is_lost`); the handler the loop had is asked
    only if the end returns, which the CLI's never does."""
    assert _callback_raising(MemoryError(), registered=True) == ["ended"]


def test_a_loop_callback_s_other_error_goes_to_the_loop_s_own_handler() -> None:
    assert _callback_raising(ValueError(), registered=True) == ["ValueError"]


def test_a_library_s_loop_keeps_its_handler_for_memory_too() -> None:
    """Nothing registered (tts-assets used as a library): the loop is left as it was."""
    assert _callback_raising(MemoryError(), registered=False) == ["MemoryError"]
