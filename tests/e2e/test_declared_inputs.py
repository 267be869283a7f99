"""The kept plan's declared inputs are complete (`commands.inputs`): a run traced from its
process (`tests.support.trace`) reads nothing outside them but Python's installation and
the tool's own code.

Each run is the full run (no record kept yet), on the sample course with every clip
present (`test_kept_plan.filled`), one type's content outside the data dir and found by a
pattern: what it reads is what a no-op's plan depends on.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_kept_plan import Course, filled

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow

_INSTALLED = tuple(
    {os.path.join(p, "") for b in (sys.prefix, sys.base_prefix) for p in (b, os.path.realpath(b))}
)
_MACHINE = ("/proc/", "/sys/", "/dev/")
_NOT_A_PLAN = {"HOME", "XDG_CACHE_HOME", "_TTS_ASSETS_LIMITED_CHILD"}
"""Variables a run reads that change nothing it plans: where the cache folder is (the
record is kept there), and the tool's mark of its own child process."""
_PYTHON = ("PYTHON", "_PYTHON", "TYPER_", "PYDANTIC_")
"""How Python, the CLI's framework and its models start (no plan reads them)."""


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    root = filled(tmp_path_factory.mktemp("declared"))
    p = root / "p"
    (p / "shared").mkdir()
    (p / "shared/phrases-1.json").write_text('[{"word": "ねこ"}]', "utf-8")
    (p / "tts-assets.toml").write_text(
        '[types.phrases]\npath = "shared/phrases-*.json"\n'
        '[[types.phrases.fields]]\ntext = "word"\nurl = "audioUrl"\n'
    )
    found = Course(root)
    code, _, err, _ = found.run()  # its clip made, its URL written back
    assert code == 0, err
    shutil.rmtree(found.cache / "kept-plans", ignore_errors=True)
    return found


def _traced(course: Course, *args: str) -> dict[str, Any]:
    out = course.root / "traced.json"
    command = ["generate", "--data-dir", "data", "--out-dir", "out", "--json", *args]
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.trace", str(out), *command],
        cwd=course.root / "p",
        env=course.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["exit_code"] == 0
    found: dict[str, Any] = json.loads(out.read_text())
    return found


@pytest.mark.parametrize("args", [(), ("--dry-run",)], ids=["run", "dry run"])
def test_a_run_reads_nothing_it_does_not_declare(course: Course, args: tuple[str, ...]) -> None:
    shutil.rmtree(course.cache / "kept-plans", ignore_errors=True)
    traced = _traced(course, *args)
    declared, code = traced["declared"], set(traced["code"])
    files = set(declared["files"])
    assert str(course.root / "p/shared/phrases-1.json") in files  # a pattern's match
    outs = tuple(os.path.join(o, "") for o in declared["out_dirs"])
    folders = {os.path.dirname(f) for f in files} | {str(course.cache)}
    own = (str(ROOT / "tts_assets"), str(course.cache / "kept-plans"))
    locked = {str(course.root / "p" / f) for f in ("data", "out", "shared")}

    def inside(path: str) -> bool:
        return path.startswith((*_INSTALLED, *_MACHINE, *outs, *own)) or path + "/" in outs

    undeclared = [f for f in traced["files"] if not (inside(f) or f in files | code | locked)]
    assert undeclared == []
    path = {os.path.abspath(p or ".") for p in [str(course.root / "p"), str(ROOT)]}
    unlisted = [f for f in traced["listed"] if not (inside(f) or f in folders | path)]
    assert unlisted == []
    variables = [v for v in traced["env"] if v not in _NOT_A_PLAN and not v.startswith(_PYTHON)]
    from tts_assets.commands.inputs import VARIABLES

    assert [v for v in variables if not v.startswith(VARIABLES)] == []
