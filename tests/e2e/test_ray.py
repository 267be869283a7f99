"""The seam for engines beyond one machine: examples/ray/ on a local Ray, merged, verified.

The recipe plans the missing clips once (`tts_assets.missing_clips`), makes them in
batches on a pool of Ray actors (`tts_assets.make_batch`, each batch into a folder of its
own), joins the folders with `merge` and writes the URLs back with `generate`. Run here as
a team runs it, on the default provider (Kokoro), on a local Ray (`ray.init()`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.support import TESTS
from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.project import Project

pytestmark = pytest.mark.slow

RECIPE = TESTS.parent / "examples/ray/voice_course.py"


def test_the_ray_recipe_voices_a_course_that_verify_passes(project: Project) -> None:
    pytest.importorskip("ray.data")
    (project / "data").mkdir()
    shutil.copy(TESTS.parent / "data/vocabulary.json", project / "data/vocabulary.json")
    project.config('type = "vocabulary"\n')
    planned = project.json("generate", "--dry-run")["types"]["vocabulary"]
    done = subprocess.run(
        [sys.executable, str(RECIPE), str(project), "--actors", "2", "--batch", "8"],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    entries = json.loads((project / "data/vocabulary.json").read_text("utf-8"))
    manifest = project.read_json("public/audio/manifest.json")
    assert len(manifest["clips"]) == planned["new"] == planned["clips"] > 20
    assert all(e["audioUrl"].startswith("/audio/vocabulary/") for e in entries)
    assert project.json("generate", "--dry-run")["types"]["vocabulary"]["new"] == 0
    code, out = project.invoke("verify")
    assert code == 0, out
    # Several batches, each in its own folder, every clip made once and merged.
    folders = [f for f in (project / "shards").iterdir() if f.name.startswith("ray-")]
    assert len(folders) >= 2
    # Nothing is missing now: the recipe makes nothing, writes nothing.
    before = project.tree()
    again = subprocess.run(
        [sys.executable, str(RECIPE), str(project)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert again.returncode == 0, again.stderr[-3000:]
    assert "'missing': 0" in again.stdout
    assert project.tree() == before


def test_by_set_each_actor_plans_one_set_s_type_alone(project: Project) -> None:
    """A course split by its content sets and each set's types: each actor plans one
    split at a time (its memory the split's, never the course's), the folders are merged
    into each set's out dir and each split's URLs written back; verify passes on every
    set. A type with no file in a set is a split that makes nothing."""
    pytest.importorskip("ray.data")
    sets = {"ja": ["水", "本", "猫"], "ja2": ["電車", "天気", "本"]}
    for name, words in sets.items():
        entries = [{"id": f"{name}-{n}", "word": w} for n, w in enumerate(words)]
        project.gen({f"data/{name}/vocabulary.json": entries})
    grammar = [{"id": "g1", "pattern": "〜たい", "examples": [{"japanese": "水を飲みたい。"}]}]
    project.gen({"data/ja/grammar.json": grammar})
    project.config(
        "".join(
            f'[[sets]]\nname = "{name}"\ndata_dir = "data/{name}"\nout_dir = "public/audio"\n'
            for name in sets
        )
    )
    done = subprocess.run(
        [sys.executable, str(RECIPE), str(project), "--by-set", "--actors", "2"],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "'texts': {" in done.stdout and "'ja': 4" in done.stdout and "'ja2': 3" in done.stdout
    made = {f.name for f in (project / "shards").iterdir() if any(f.rglob("*.mp3"))}
    assert made == {"ray-set-ja-vocabulary", "ray-set-ja-grammar", "ray-set-ja2-vocabulary"}
    manifest = project.read_json("public/audio/manifest.json")
    assert len(manifest["clips"]) == 6  # 本 is one clip, serving both sets
    for name in sets:
        entries = project.read_json(f"data/{name}/vocabulary.json")
        assert all(e["audioUrl"].startswith("/audio/vocabulary/") for e in entries)
    (example,) = project.read_json("data/ja/grammar.json")[0]["examples"]
    assert example["audioUrl"].startswith("/audio/grammar/")
    code, out = project.invoke("verify")
    assert code == 0, out


KEY = "sk-test-0123456789abcdef"
SHARED = {"ja": ["水", "本", "猫"], "ja2": ["電車", "天気", "本"]}
"""Two sets of one out dir, sharing 本; ja2's grammar says 猫, ja's word, too."""


def _two_sets(project: Project, head: str = "") -> set[str]:
    """A course of two sets sharing an out dir and texts; every text it says, once."""
    for name, words in SHARED.items():
        entries = [{"id": f"{name}-{n}", "word": w} for n, w in enumerate(words)]
        project.gen({f"data/{name}/vocabulary.json": entries})
    example = {"ja": "水を飲みたい。", "ja2": "猫"}
    for name, text in example.items():
        grammar = [{"id": f"{name}-g1", "pattern": "〜", "examples": [{"japanese": text}]}]
        project.gen({f"data/{name}/grammar.json": grammar})
    project.config(
        head
        + "".join(
            f'[[sets]]\nname = "{name}"\ndata_dir = "data/{name}"\nout_dir = "public/audio"\n'
            for name in SHARED
        )
    )
    return {w for words in SHARED.values() for w in words} | set(example.values())


@pytest.mark.parametrize("mode", [[], ["--by-set"]], ids=["batches", "by-set"])
def test_a_text_two_sets_share_is_billed_once_and_said_first(
    project: Project, mode: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On ElevenLabs: each text one request (--by-set sent one per set that said it, 10 for
    8 texts here; the default mode on [[sets]] ended in a traceback), what goes to the
    paid provider said on stderr, and verify passes on both sets."""
    pytest.importorskip("ray.data")
    texts = _two_sets(project, 'provider = "elevenlabs"\n')
    with FakeElevenLabs(api_key=KEY, max_concurrent=4) as server:
        monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        done = subprocess.run(
            [sys.executable, str(RECIPE), str(project), *mode, "--actors", "2"],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        assert server.answered() == dict.fromkeys(texts, 1)
        assert "characters go to a paid provider" in done.stderr
        code, out = project.invoke("verify")
        assert code == 0, out


def _free_port(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def _ours(folder: str) -> list[int]:
    """The processes whose command line names `folder` (this test's Ray session)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and folder in (proc / "cmdline").read_text(errors="replace"):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def test_the_ray_section_of_the_ci_page_runs_as_written_on_a_local_cluster(
    project: Project,
) -> None:
    """docs/ci.md's lines, run as written in a clone against a cluster `ray start --head`
    starts (token authentication, as Ray advises; the driver without RAY_AUTH_MODE=token
    was refused with InvalidAuthToken), on a course of two sets: every text made, verify
    passes. `ray stop` ends every Ray process of the user: the test ends its own."""
    pytest.importorskip("ray.data")
    if not _free_port(6379):
        pytest.skip("port 6379 is taken (another Ray head): ray start --head needs it")
    page = (TESTS.parent / "docs/ci.md").read_text("utf-8")
    section = page.partition("## Engines beyond one machine (Ray)")[2]
    (block,) = re.findall(r"```bash\n(.*?)```", section.partition("\n## ")[0], re.S)
    lines = block.strip().splitlines()
    assert lines[-1].startswith("ray stop") and "path/to/course" in block
    script = "\n".join(lines[:-1]).replace("path/to/course", str(project))
    _two_sets(project)
    session = tempfile.mkdtemp(prefix="ray-", dir="/tmp")  # short: Ray's socket paths
    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "HOME": session,  # the token Ray generates, ~/.ray/auth_token, is this test's
        "RAY_TMPDIR": session,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
    }
    env.pop("RAY_AUTH_MODE", None)
    env.pop("RAY_ADDRESS", None)
    try:
        done = subprocess.run(
            ["bash", "-e", "-c", script],
            cwd=TESTS.parent,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
    finally:
        for pid in _ours(session):
            os.kill(pid, signal.SIGKILL)
        shutil.rmtree(session, ignore_errors=True)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "'exit_code': 0" in done.stdout, done.stdout[-2000:]
    code, out = project.invoke("verify")
    assert code == 0, out
