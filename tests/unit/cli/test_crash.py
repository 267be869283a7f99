"""Out of memory is exit 3 with one line, wherever it is raised (issue 29, item 3)."""

from __future__ import annotations

import pytest

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
