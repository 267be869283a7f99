"""Voice a course on Ray: the missing clips made by a pool of actors, joined by merge.

    python examples/ray/voice_course.py [PROJECT] [--actors 2] [--batch 32]
    python examples/ray/voice_course.py [PROJECT] --by-set [--actors 2]

The driver plans the course once (`tts_assets.missing_clips`: plain data), Ray Data
deals the clips' keys out in batches to a pool of actors, each of which loads its
provider's model once and makes every batch it gets into a folder of its own
(`tts_assets.make_batch`: the out dir and the content are only read). The driver then
joins the folders into the out dir (`tts_assets.merge`, each clip's sha256 checked) and
runs `tts_assets.generate`, which finds every clip present and writes the URLs back.
A batch that fails is made again by a rerun (its folder keeps what it made); a clip that
fails is reported with its reason and made by the next run. On a cluster, PROJECT must be
a folder every node sees (a shared file system), as the shard folders are.

With `--by-set` nothing plans the whole course: a course too large for one machine's
memory is split by its content sets (`[[sets]]`, a set per language folder or per group
of files), and each actor takes a set at a time, plans that set alone and makes its
missing clips into a folder of the set's own (`tts_assets.generate` with the shard 1/1 of
it: the out dir and the content only read). Its memory is its set's, whatever the
course's size. The driver merges each out dir's folders and writes each set's URLs back
in turn. A text two sets speak alike is made by each (the same bytes under the same key:
`merge` keeps one).

Needs Ray (`pip install -e '.[ray]'` in a clone of tts-assets): an engine beyond one
machine is an optional extra, never a dependency of tts-assets.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

import ray

import tts_assets


class Maker:
    """One actor: makes each batch of keys it is given into a folder of its own."""

    def __init__(self, project: str) -> None:
        self.project = Path(project)
        os.chdir(self.project)  # the config's relative paths, as the CLI reads them
        self.settings = tts_assets.load_settings(self.project)
        self.made = 0

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        keys = [str(key) for key in batch["key"]]
        # A batch's folder is named by its first key: a rerun of the same batch resumes it.
        folder = self.project / "shards" / f"ray-{keys[0]}"
        summary = tts_assets.make_batch(self.settings, keys, folder)
        return {
            "folder": [str(folder)],
            "generated": [summary.generated],
            "failed": [len(summary.failures)],
            "reasons": ["; ".join(f.reason for f in summary.failures)],
        }


def voice(project: Path, actors: int = 2, batch: int = 32) -> dict[str, Any]:
    """Make the missing clips of the course at `project` on Ray, merge them, write the
    URLs back; what each step did."""
    project = project.resolve()
    os.chdir(project)
    settings = tts_assets.load_settings(project)
    missing = tts_assets.missing_clips(settings)
    if not missing:
        summary = tts_assets.generate(settings)
        return {"missing": 0, "generated": 0, "exit_code": summary.exit_code}
    # Heaviest first, so a long passage does not end the run alone on one actor.
    items = [{"key": c.key} for c in sorted(missing, key=lambda c: -c.characters)]
    made = (
        ray.data.from_items(items)
        .map_batches(
            Maker,
            batch_size=batch,
            concurrency=actors,
            fn_constructor_kwargs={"project": str(project)},
        )
        .take_all()
    )
    folders = sorted({Path(row["folder"]) for row in made})
    merged = tts_assets.merge(settings.out_dir, folders)
    summary = tts_assets.generate(settings)  # every clip present: writes the URLs back
    return {
        "missing": len(missing),
        "generated": sum(int(row["generated"]) for row in made),
        "failed": sum(int(row["failed"]) for row in made),
        "folders": len(folders),
        "merged": merged.as_json(),
        "exit_code": summary.exit_code,
        "written": [str(p) for p in summary.written],
    }


class SetMaker:
    """One actor: makes the missing clips of each content set it is given, planning that
    set alone, into a folder of the set's own."""

    def __init__(self, project: str) -> None:
        self.project = Path(project)
        os.chdir(self.project)
        self.settings = tts_assets.load_settings(self.project)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        import resource

        rows: dict[str, list[Any]] = {
            "set": [],
            "folder": [],
            "texts": [],
            "generated": [],
            "failed": [],
        }
        for name in batch["set"]:
            (settings,) = tts_assets.content_sets(self.settings, str(name) or None)
            folder = self.project / "shards" / f"ray-set-{name or 'all'}"
            summary = tts_assets.generate(settings, shard=tts_assets.Shard(1, 1), shard_dir=folder)
            rows["set"].append(str(name))
            rows["folder"].append(str(folder))
            rows["texts"].append(sum(c.texts for c in summary.counts.values()))
            rows["generated"].append(summary.generated)
            rows["failed"].append(len(summary.failures))
        # The actor's peak so far: a set's planning and its model, never the course's.
        rows["peak_mib"] = [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024] * len(
            rows["set"]
        )
        return rows


def voice_by_set(project: Path, actors: int = 2) -> dict[str, Any]:
    """Make the missing clips of each content set of the course at `project` on Ray, a set
    at a time per actor; merge each out dir's folders; write each set's URLs back."""
    project = project.resolve()
    os.chdir(project)
    sets = tts_assets.content_sets(tts_assets.load_settings(project))
    names = [s.set_name or "" for s in sets]  # "": a course without [[sets]] is one
    made = (
        ray.data.from_items([{"set": name} for name in names])
        .map_batches(
            SetMaker,
            batch_size=1,
            concurrency=actors,
            fn_constructor_kwargs={"project": str(project)},
        )
        .take_all()
    )
    folders = {row["set"]: Path(row["folder"]) for row in made}
    by_out: dict[Path, list[Path]] = {}
    for name, settings in zip(names, sets, strict=True):
        by_out.setdefault(settings.out_dir, []).append(folders[name])
    merged = [tts_assets.merge(out, sorted(found)).as_json() for out, found in by_out.items()]
    summaries = [tts_assets.generate(settings) for settings in sets]  # URLs, set by set
    return {
        "sets": len(sets),
        "texts": {row["set"]: int(row["texts"]) for row in made},
        "generated": sum(int(row["generated"]) for row in made),
        "failed": sum(int(row["failed"]) for row in made),
        "peak_mib": max(float(row["peak_mib"]) for row in made),
        "merged": merged,
        "exit_code": max(s.exit_code for s in summaries),
        "written": [str(p) for s in summaries for p in s.written],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", nargs="?", default=".", type=Path)
    parser.add_argument("--actors", type=int, default=2, help="actors (one model each)")
    parser.add_argument("--batch", type=int, default=32, help="clips per batch")
    parser.add_argument("--by-set", action="store_true", help="a content set per task")
    args = parser.parse_args()
    ray.init()
    if args.by_set:
        done = voice_by_set(args.project, args.actors)
    else:
        done = voice(args.project, args.actors, args.batch)
    print(done)
    raise SystemExit(done["exit_code"])


if __name__ == "__main__":
    main()
