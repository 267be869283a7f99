"""The seam for engines beyond one machine: examples/ray/ on a local Ray, merged, verified.

The recipe plans the missing clips once (`tts_assets.missing_clips`), makes them in
batches on a pool of Ray actors (`tts_assets.make_batch`, each batch into a folder of its
own), joins the folders with `merge` and writes the URLs back with `generate`. Run here as
a team runs it, on the default provider (Kokoro), on a local Ray (`ray.init()`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.support import TESTS
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
