"""A stop signal after a set's clips were made still stops as Ctrl-C does: "interrupted", 130.

The making watches Ctrl-C, SIGTERM and SIGHUP in its event loop; when it stops watching,
the loop gives each signal its default action, and for SIGTERM and SIGHUP that is the end
of the process at once. Found: with two content sets, a SIGTERM while the second set
waited for its folder (or was planned) killed the run raw (exit -15 to its parent, 143 in
a shell), with no "interrupted" and no --json object. The order is made here: set one's
clip is made and written back, set two's folder is held by the test, and the signal is
sent once the run is waiting for it, on each real provider path the machine has.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import pytest

from tests.support.holding import holds, signalled, wait_for
from tests.support.markers import needs_espeak
from tests.support.project import Project
from tts_assets.store import lock

pytestmark = [
    pytest.mark.slow,  # real processes, real voices
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc"),
]

SETS = """
provider = "{provider}"

[[sets]]
name = "one"
data_dir = "one"
out_dir = "out/one"

[[sets]]
name = "two"
data_dir = "two"
out_dir = "out/two"
"""

PROVIDERS = [pytest.param("kokoro", id="kokoro"), pytest.param("espeak", marks=needs_espeak)]


@pytest.mark.parametrize(
    "sig",
    [signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM), signal.SIGINT],
    ids=["sigterm", "sighup", "ctrl-c"],
)
@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_signal_after_one_set_was_made_stops_with_130(
    project: Project, provider: str, sig: signal.Signals
) -> None:
    project.config(SETS.format(provider=provider))
    project.gen(
        {
            "one/vocabulary.json": [{"id": "v1", "word": "ねこ"}],
            "two/vocabulary.json": [{"id": "v2", "word": "いぬ"}],
        }
    )
    with lock.locked([project / "two"]):
        run = subprocess.Popen(
            [sys.executable, "-m", "tts_assets", "generate", "--json", "--wait", "600"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # Set one made and written back, then set two waiting for the test's lock.
        words = project / "one/vocabulary.json"
        said = "set one was never written back"
        wait_for(run, lambda: "audioUrl" in words.read_text("utf-8"), said, seconds=300)
        wait_for(run, lambda: holds(run.pid, [project / "two"]), "set two never waited for it")
        out, err = signalled(run, sig)
    assert run.returncode == 130, (run.returncode, err)
    assert json.loads(out)["exit_code"] == 130, out
    assert "interrupted" in err and "Traceback" not in err, err
    assert "audioUrl" in (project / "one/vocabulary.json").read_text("utf-8")  # kept
