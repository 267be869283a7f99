"""Suite-wide setup and the fixtures several test modules share.

project          an empty project folder (support/project.py's Project), as the working directory
fault            the fault-injecting provider (fault_provider.py), registered as "fault"
kokoro_generated a project after one real Kokoro run (one per test module)
kokoro_project   a private copy of it, as the working directory
japanese_analyzer OpenJTalk and its dictionary, loaded once per session (per xdist worker)
packaged_espeak  the espeak provider of the packaged library, one per session (per worker)
sample_data      the repository's sample content (data/) as committed, in a folder of its own
"""

from __future__ import annotations

import functools
import gc
import os
import re
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.support.project import Project
    from tts_assets.providers.espeak import EspeakProvider


def _controller(config: pytest.Config) -> bool:
    """Whether this process is xdist's controller (`-n 2`): it runs no test, so it imports
    none of what the tests need (the package, typer, hypothesis: about 0.6 s of its CPU
    each run, on a core the workers share) and collects nothing."""
    return not hasattr(config, "workerinput") and getattr(config.option, "dist", "no") != "no"


def _test_process_setup(config: pytest.Config) -> None:
    """What a process that runs tests sets up before it collects them."""
    import hypothesis
    import typer.main
    import typer.testing

    # typer builds the click command from the app on every CliRunner.invoke (and tests that
    # read the commands' options build it too), reading every command's signature: about
    # 30 ms, a third of the fast loop's time. The app is one object for the whole session,
    # so its command is built once.
    typer.main.get_command = functools.cache(typer.main.get_command)
    typer.testing._get_command = typer.main.get_command  # type: ignore[attr-defined]

    # The suite started as a background job of a shell (`... &`, `nohup`) has SIGINT
    # ignored, and every process it starts would inherit that: the tool, rightly, keeps a
    # SIGINT ignored, and the tests that stop it with one (Ctrl-C) would wait for ever.
    # The tests start the tool as a terminal's foreground job is started: SIGINT as ever.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)

    # No property is timed: a busy machine (its load swings from 1 to 20) makes an example
    # slow, never wrong, so neither hypothesis's deadline nor its "too slow" health check
    # applies. The fast loop (`-m "not slow"`) tries each property on 25 examples; the full
    # suite, which CI runs, on hypothesis's 100.
    hypothesis.settings.register_profile(
        "shared-machine",
        deadline=None,
        suppress_health_check=[hypothesis.HealthCheck.too_slow],
    )
    hypothesis.settings.register_profile(
        "fast-loop", parent=hypothesis.settings.get_profile("shared-machine"), max_examples=25
    )
    fast = config.getoption("markexpr") == "not slow"
    hypothesis.settings.load_profile("fast-loop" if fast else "shared-machine")
    if fast:
        gc.callbacks.append(_note_a_full_collection)


_full_collection_done = False


def _note_a_full_collection(phase: str, info: dict[str, int]) -> None:
    global _full_collection_done
    if phase == "stop" and info["generation"] == 2:
        _full_collection_done = True


def pytest_runtest_logfinish() -> None:
    """In the fast loop, what survived a full collection is frozen once the test that saw
    it is done (its teardown run): the libraries and caches the tests load as they go
    (the readings' dictionaries, jieba's, a session's models) live to the end, and each
    later full collection walked them all again (1.7 s of the two workers' CPU, 33 passes
    of 30 to 65 ms; 0.2 s frozen). A frozen object is still freed when nothing refers to
    it; only a cycle it later joins is never reclaimed, so the full suite, which loads
    real models, is left as it was."""
    global _full_collection_done
    if _full_collection_done:
        _full_collection_done = False
        gc.freeze()


@pytest.hookimpl(wrapper=True)
def pytest_collection(session: pytest.Session) -> Iterator[None]:
    """Collection builds what lives to the end (every test module, the package, numpy...)
    and, rewriting each module's asserts, millions of short-lived syntax nodes: with the
    cycle collector on, each of its full passes walks all that was built so far again
    (about 2.5 s of a worker's 7 s of collection). So the collector waits for its end and
    freezes what was built: it lives until the session ends, and the collector stops
    walking it again at every full collection during the tests (as the CLI does with what
    a run builds: BENCHMARKS.md). The few cycles collection left (about 44,000 objects, a
    few MB) are frozen with it: one pass to reclaim them walked all 440,000 objects, a
    quarter of a second of each worker's CPU. xdist's controller collects nothing: it is
    left alone."""
    if _controller(session.config):
        return (yield)
    gc.disable()
    try:
        return (yield)
    finally:
        gc.freeze()
        gc.enable()


def pytest_configure(config: pytest.Config) -> None:
    """A process that runs tests is set up for them (`_test_process_setup`). The fast
    loop's scratch folders are in memory where they can be (the compiled modules are kept:
    support/bytecode.py)."""
    if not _controller(config):
        _test_process_setup(config)
    if not hasattr(config, "workerinput"):  # the process that reports: it says how far
        from tests.support.progress import ProgressPlugin

        config.pluginmanager.register(ProgressPlugin(config), "tts-assets-progress")
    if config.getoption("markexpr") == "not slow":
        _scratch_in_memory(config)
        _work_stealing(config)


SLOW_MODULE = re.compile(rb"^pytestmark = (?:\[[^\]]*?\b)?pytest\.mark\.slow\b", re.M)
"""A test module marked slow as a whole (`pytestmark = pytest.mark.slow`, alone or in a
list): none of its tests can be fast, whatever else marks them."""


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The fast loop leaves a test module marked slow as a whole unimported: each worker
    imported every one of them and collected their tests only to deselect them all. Such a
    module is still read by ruff, and run by the full suite."""
    if (
        collection_path.name.startswith("test_")
        and collection_path.suffix == ".py"
        and config.getoption("markexpr") == "not slow"
        and SLOW_MODULE.search(collection_path.read_bytes())
    ):
        return True
    return None


def _work_stealing(config: pytest.Config) -> None:
    """The fast loop's tests spread over its workers by work stealing (xdist's
    `worksteal`), not handed out one by one (`load`, what `-n` picks): each worker starts on
    a half of the tests in file order and one left idle takes from the other's end, so a
    module's fixtures are mostly built once and the two end together. Measured side by
    side at load 2: 19.3 and 19.8 s of wall against 20.4 to 20.6 s with `load`."""
    if getattr(config.option, "numprocesses", None) and config.option.dist == "load":
        config.option.dist = "worksteal"


def _scratch_in_memory(config: pytest.Config) -> None:
    """The fast loop's scratch folders (tmp_path, and the temporary files of the libraries
    it runs, genanki's database among them) in memory where the machine has a RAM disk
    and nobody chose a place for them (--basetemp, PYTEST_DEBUG_TEMPROOT, TMPDIR).

    The tool writes as it must keep what it writes: a temporary file, fsync, rename, fsync
    of the folder. On a disk whose fsync waits for the device (this machine's, mounted with
    `discard`: a folder made and removed takes 1 to 3 ms) the fast loop's 2,100 tests
    that write a project, and the Anki exports' database (0.14 s each), spent more time
    waiting than computing. The calls are the same on a RAM disk; the full suite, which CI
    runs, keeps them on the disk."""
    chosen = ("PYTEST_DEBUG_TEMPROOT", "TMPDIR")
    if config.option.basetemp or any(os.environ.get(name) for name in chosen):
        return  # chosen, or an xdist worker (the controller gives it its --basetemp)
    memory = Path("/dev/shm")
    if not (memory.is_dir() and os.access(memory, os.W_OK | os.X_OK)):
        return
    if not _keeps_attributes(memory):
        return  # a tmpfs without user xattrs (Linux before 6.6): the files' tests need them
    room = os.statvfs(memory)
    if room.f_bavail * room.f_frsize < 1 << 30:
        return  # a small one (a container's 64 MB): the loop would run out of room in it
    for name in chosen:  # xdist's workers, started after this, inherit them
        os.environ[name] = str(memory)
    tempfile.tempdir = None  # gettempdir() reads TMPDIR again


def _keeps_attributes(folder: Path) -> bool:
    """Whether a file in `folder` takes an extended attribute (`user.*`), as the disk does."""
    if not hasattr(os, "setxattr"):
        return True  # no platform test asks for them
    with tempfile.NamedTemporaryFile(dir=folder) as probe:
        try:
            os.setxattr(probe.name, "user.tts-assets-probe", b"1")
        except OSError:
            return False
    return True


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the rewritten Kokoro model (int8_kernels.py) out of the user's cache.

    Set in os.environ so that the tool's subprocesses share it: the first load in the
    session makes it, the rest reuse it.
    """
    before = os.environ.get("TTS_ASSETS_CACHE_DIR")
    os.environ["TTS_ASSETS_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        del os.environ["TTS_ASSETS_CACHE_DIR"]
    else:
        os.environ["TTS_ASSETS_CACHE_DIR"] = before


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """An empty project folder, tmp_path/project, as the working directory (the rest of
    tmp_path is outside the project).

    A module gives it content in a fixture of its own, e.g.

        @pytest.fixture
        def project(project: Project, fault: None) -> Project:
            return project.gen({"data/grammar.json": GRAMMAR}).config('provider = "fault"\n')
    """
    from tests.support.project import Project

    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)
    return Project(root)


@pytest.fixture
def fault() -> Iterator[None]:
    """`--provider fault` in this process, for the test's duration."""
    from tests.support import fault_provider

    with fault_provider.registered():
        yield


@pytest.fixture(scope="module")
def kokoro_generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder after one real Kokoro run: two vocabulary words, one grammar example."""
    from tests.support.project import make_kokoro_project

    return make_kokoro_project(tmp_path_factory.mktemp("generated"))


@pytest.fixture
def kokoro_project(kokoro_generated: Path, project: Project) -> Project:
    """A private copy of the Kokoro-made project, as the working directory."""
    return project.copy(kokoro_generated)


@pytest.fixture(scope="session")
def sample_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample content as the clone holds it (support/sample.py), never the data/ a run of
    the main job filled with URLs: a folder for the session, to read, not to change."""
    from tests.support.sample import copy_sample

    return copy_sample(tmp_path_factory.mktemp("sample") / "data")


@pytest.fixture(scope="session")
def japanese_analyzer() -> None:
    """OpenJTalk's dictionary loaded once for the session (about 1 s, then each analysis
    takes milliseconds): the reading-engine tests that use it run in the fast loop."""
    from tts_assets.lang.ja.analysis import first_analysis

    first_analysis("学生")


@pytest.fixture(scope="session")
def packaged_espeak() -> Iterator[EspeakProvider]:
    """The espeak provider of the packaged library (espeakng-loader), one for the session
    (per xdist worker), closed at its end. Its first clip starts the worker process that
    says its clips (a Python importing the package, then numpy: about 0.3 s of CPU): once
    for the session, not once for each test that makes a clip. The process loads the
    library afresh for each text (providers/espeak_library.py), so a clip's samples and
    phonemes are the same whatever other tests asked it before. A test that changes the
    provider (its options, its workers) makes one of its own."""
    import anyio

    from tts_assets.providers.espeak import EspeakProvider, EspeakSettings

    provider = EspeakProvider(EspeakSettings(engine="packaged"))
    yield provider
    anyio.run(provider.aclose)


# --- The fast loop stays fast ------------------------------------------------------------
# A test not marked slow fails when its call takes more than CPU_LIMIT_S of this process's
# CPU (time.process_time: load on the machine inflates it far less than wall time), and the
# run ends with the loop's total CPU, summed over the xdist workers, so the README's figure
# can be checked at any load. TTS_ASSETS_CPU_LIMIT_S changes the limit (0: no limit).

CPU_LIMIT_S = float(os.environ.get("TTS_ASSETS_CPU_LIMIT_S", "3"))
_cpu_spent: dict[str, float] = {}


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Hypothesis builds, once in a process, what its strategies draw from: the characters
    text may hold (found by encoding each of the 1.1 million code points: several seconds
    of CPU where .hypothesis/ keeps no copy yet, as on a clean clone) and the constants of
    the package's modules. That cost is the process's, not one property's: the setup of a
    property pays it, outside the CPU its call is held to."""
    if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
        _hypothesis_tables()


@functools.cache
def _hypothesis_tables() -> None:
    from hypothesis import strategies as st
    from hypothesis.internal.conjecture import providers

    st.text().validate()
    getattr(providers, "_get_local_constants", lambda: None)()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    start = time.process_time()
    try:
        return (yield)
    finally:
        spent = time.process_time() - start
        _cpu_spent[item.nodeid] = spent
        slow = item.get_closest_marker("slow") is not None
        if not slow and CPU_LIMIT_S and spent > CPU_LIMIT_S:
            pytest.fail(
                f"a fast test took {spent:.1f} s of CPU (over {CPU_LIMIT_S:g} s): make it "
                "cheaper, or mark it slow if it loads a model or runs a process",
                pytrace=False,
            )


def pytest_sessionfinish(session: pytest.Session) -> None:
    output = getattr(session.config, "workeroutput", None)
    if output is not None:  # an xdist worker: its share goes to the controller
        output["cpu_spent"] = dict(_cpu_spent)
    # pytest ends a session with two full collections (for exceptions raised where
    # nothing could catch them, in a finalizer), each walking what the tests built: 0.1 to
    # 0.19 s each in a worker, at the end of the run. One collection here finds the same
    # (what it finalizes reports to pytest's hook, still in place), and what survives it is
    # frozen, so pytest's two walk only what was built since. xdist's controller runs no
    # test: its 130,000 objects (the reports it received) are frozen unwalked, and its two
    # collections, after the workers are done, take 0.006 s, not 0.17.
    if not _controller(session.config):
        gc.collect()
    gc.freeze()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    _cpu_spent.update(getattr(node, "workeroutput", {}).get("cpu_spent", {}))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _cpu_spent:
        return
    total = sum(_cpu_spent.values())
    worst = sorted(_cpu_spent.items(), key=lambda kv: kv[1], reverse=True)[:5]
    terminalreporter.write_line(
        f"CPU in the tests' calls: {total:.1f} s over {len(_cpu_spent)} tests; the most: "
        + ", ".join(f"{name.rsplit('::', 1)[-1]} {spent:.2f} s" for name, spent in worst)
    )
