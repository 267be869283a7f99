"""Voice a course on Ray: the missing clips made by a pool of actors, joined by merge.

    python examples/ray/voice_course.py [PROJECT] [--actors 2] [--batch 32]
    python examples/ray/voice_course.py [PROJECT] --by-set [--actors 2]

The driver plans the course once (`tts_assets.missing_clips`: plain data; each content
set of `[[sets]]` in turn, a clip two sets of one out dir need listed once), Ray Data
deals the clips' keys out in batches to a pool of actors, each of which loads its
provider's model once and makes every batch it gets into a folder of its own
(`tts_assets.make_batch`: the out dir and the content are only read). The driver then
joins the folders into each out dir (`tts_assets.merge`, each clip's sha256 checked) and
runs `tts_assets.generate` (each set's), which finds every clip present and writes the
URLs back. What goes to a paid provider is said first, on stderr, in characters.
A batch that fails is made again by a rerun (its folder keeps what it made); a clip that
fails is reported with its reason and made by the next run. On a cluster, PROJECT must be
a folder every node sees (a shared file system), as the shard folders are.

The driver's plan holds every missing clip of the course, and each batch plans the whole
course again before it makes its keys: this mode is for a course that one machine plans
(BENCHMARKS.md, "Ten million texts": a batch's plan costs about what the course's
does, so the batches' planning grows with the square of the course).

With `--by-set` nothing plans the whole course: the course is split by its content sets
(`[[sets]]`, a set per language folder or per group of files) and each set by its types
(each type reads its own files), and each actor takes a split at a time, plans it alone
and makes its missing clips into a folder of the split's own (`tts_assets.generate` with
the shard 1/1 of it: the out dir and the content only read). Its memory is its split's,
whatever the course's size; the driver holds the splits' names. The driver merges each out
dir's folders and writes each split's URLs back in turn (each planned alone again). A
text two splits of one out dir speak alike is made once: before a split makes a clip it
claims its key for the out dir (a file created only if none is there, in
`shards/ray-claims/`), and a split that finds the key claimed leaves it to the one that
did; the write-back of the other split finds the clip (in its own type folder or, through
`merge`, in another's) and makes whatever a failed split left. A split that sends
characters to a paid provider says how many, on stderr.

Needs Ray (`pip install -e '.[ray]'` in a clone of tts-assets): an engine beyond one
machine is an optional extra, never a dependency of tts-assets.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
from dataclasses import replace
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
        by_set: dict[str, list[str]] = {}
        for name, key in zip(batch["set"], batch["key"], strict=True):
            by_set.setdefault(str(name), []).append(str(key))
        rows: dict[str, list[Any]] = {"folder": [], "generated": [], "failed": [], "reasons": []}
        for name, keys in by_set.items():
            # Named by its set and first key: a rerun of the same batch resumes it.
            folder = self.project / "shards" / f"ray-{name or 'all'}-{keys[0]}"
            summary = tts_assets.make_batch(split_settings(self.settings, name), keys, folder)
            rows["folder"].append(str(folder))
            rows["generated"].append(summary.generated)
            rows["failed"].append(len(summary.failures))
            rows["reasons"].append("; ".join(f.reason for f in summary.failures))
        return rows


def voice(project: Path, actors: int = 2, batch: int = 32) -> dict[str, Any]:
    """Make the missing clips of the course at `project` on Ray, merge them, write the
    URLs back; what each step did."""
    project = project.resolve()
    os.chdir(project)
    settings = tts_assets.load_settings(project)
    sets = [chosen.set_name or "" for chosen in tts_assets.content_sets(settings)]
    missing, seen = [], set()
    for name in sets:  # a clip two sets of one out dir need is made once
        out_dir = split_settings(settings, name).out_dir.resolve()
        for clip in tts_assets.missing_clips(split_settings(settings, name)):
            if (out_dir, clip.key) not in seen:
                seen.add((out_dir, clip.key))
                missing.append((name, clip))
    tell_paid(sum(c.characters for _, c in missing if paid(c.provider)))
    made: list[dict[str, Any]] = []
    if missing:
        # Heaviest first, so a long passage does not end the run alone on one actor.
        ordered = sorted(missing, key=lambda found: -found[1].characters)
        made = (
            ray.data.from_items([{"set": name, "key": c.key} for name, c in ordered])
            .map_batches(
                Maker,
                batch_size=batch,
                concurrency=actors,
                fn_constructor_kwargs={"project": str(project)},
            )
            .take_all()
        )
    by_out: dict[Path, set[Path]] = {}
    for row in made:
        name = Path(row["folder"]).name.removeprefix("ray-").rpartition("-")[0]
        out_dir = split_settings(settings, "" if name == "all" else name).out_dir
        by_out.setdefault(out_dir, set()).add(Path(row["folder"]))
    merged = [tts_assets.merge(out, sorted(found)).as_json() for out, found in by_out.items()]
    exit_code, written = 0, []
    for name in sets:  # every clip present: writes the URLs back
        summary = tts_assets.generate(split_settings(settings, name))
        exit_code = max(exit_code, summary.exit_code)
        written += [str(p) for p in summary.written]
    return {
        "missing": len(missing),
        "generated": sum(int(row["generated"]) for row in made),
        "failed": sum(int(row["failed"]) for row in made),
        "folders": sum(len(found) for found in by_out.values()),
        "merged": merged,
        "exit_code": exit_code,
        "written": written,
    }


def paid(provider: str) -> bool:
    """Whether `provider` bills the characters it is sent (ElevenLabs)."""
    from tts_assets.providers import registry
    from tts_assets.providers.billing import bills

    return bills(registry.get(provider))


def tell_paid(characters: int) -> None:
    """Say on stderr what goes to a paid provider, before it is sent."""
    if characters:
        print(f"{characters} characters go to a paid provider, each clip once", file=sys.stderr)


def splits(settings: Any) -> list[tuple[str, str]]:
    """The (set, type) pairs the course at `settings` is split into: each content set's
    types ("" for a course without [[sets]]), those its config selects or else every type
    in force in it that finds a file (each type reads its own files)."""
    found = []
    for chosen in tts_assets.content_sets(settings):
        names = [n.strip() for n in chosen.type.split(",") if n.strip()]
        if not names or names == ["all"]:  # every type in force that finds a file of its own
            typed = tts_assets.types_in_force(settings, chosen.set_name).as_json()["types"]
            tables = typed["types"].items()
            names = [name for name, table in tables if finds_a_file(chosen.data_dir, table)]
        found += [(chosen.set_name or "", name) for name in names]
    return found


def finds_a_file(data_dir: Path, table: dict[str, Any]) -> bool:
    """Whether a type (its table in force) finds one of its files under `data_dir`: "all"
    runs a type whose file is missing as a note, a run of that type alone refuses it."""
    named = table.get("path") or table.get("file") or []
    for name in [named] if isinstance(named, str) else named:
        pattern = any(c in name for c in "*?[")
        if any(data_dir.glob(name)) if pattern else (data_dir / name).exists():
            return True
    return False


def split_settings(settings: Any, set_name: str, type_name: str | None = None) -> Any:
    """The settings of set `set_name` ("" for the course), narrowed to one type if given."""
    (chosen,) = tts_assets.content_sets(settings, set_name or None)
    return chosen if type_name is None else replace(chosen, type=type_name)


def claims_of(project: Path, out_dir: Path) -> Path:
    """The folder where the splits writing into `out_dir` claim the keys they make."""
    named = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:16]
    return project / "shards" / "ray-claims" / named


def claimed(claims: Path, key: str) -> bool:
    """Claim `key` in `claims` for this split; False when another split claimed it first
    (a file created only where none is: one split wins, on a shared file system too)."""
    claims.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(claims / key, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    except FileExistsError:
        return False
    return True


class SplitMaker:
    """One actor: makes the missing clips of each split (a set's type) it is given,
    planning that split alone, into a folder of the split's own."""

    def __init__(self, project: str) -> None:
        self.project = Path(project)
        os.chdir(self.project)
        self.settings = tts_assets.load_settings(self.project)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        import resource

        rows: dict[str, list[Any]] = {
            "set": [],
            "type": [],
            "folder": [],
            "texts": [],
            "generated": [],
            "failed": [],
        }
        for name, type_name in zip(batch["set"], batch["type"], strict=True):
            settings = split_settings(self.settings, str(name), str(type_name))
            folder = self.project / "shards" / f"ray-set-{name or 'all'}-{type_name}"
            claims = claims_of(self.project, settings.out_dir)
            mine = [c for c in tts_assets.missing_clips(settings) if claimed(claims, c.key)]
            tell_paid(sum(c.characters for c in mine if paid(c.provider)))
            keys = [key for c in mine for key in (c.key, *c.slow)]
            summary = tts_assets.make_batch(settings, keys, folder)
            rows["set"].append(str(name))
            rows["type"].append(str(type_name))
            rows["folder"].append(str(folder))
            rows["texts"].append(sum(c.texts for c in summary.counts.values()))
            rows["generated"].append(summary.generated)
            rows["failed"].append(len(summary.failures))
        # The actor's peak so far: a split's planning and its model, never the course's.
        rows["peak_mib"] = [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024] * len(
            rows["set"]
        )
        return rows


def voice_by_set(project: Path, actors: int = 2) -> dict[str, Any]:
    """Make the missing clips of the course at `project` on Ray split by set and type, a
    split at a time per actor; merge each out dir's folders; write each split's URLs back."""
    project = project.resolve()
    os.chdir(project)
    settings = tts_assets.load_settings(project)
    split = splits(settings)  # a few names: the driver holds no text of the course
    shutil.rmtree(project / "shards" / "ray-claims", ignore_errors=True)  # a run's own
    made = (
        ray.data.from_items([{"set": name, "type": type_name} for name, type_name in split])
        .map_batches(
            SplitMaker,
            batch_size=1,
            concurrency=actors,
            fn_constructor_kwargs={"project": str(project)},
        )
        .take_all()
    )
    folders = {(row["set"], row["type"]): Path(row["folder"]) for row in made}
    texts: dict[str, int] = {}
    for row in made:
        texts[row["set"]] = texts.get(row["set"], 0) + int(row["texts"])
    by_out: dict[Path, list[Path]] = {}
    for name, type_name in split:
        out_dir = split_settings(settings, name, type_name).out_dir
        by_out.setdefault(out_dir, []).append(folders[name, type_name])
    merged = [tts_assets.merge(out, sorted(found)).as_json() for out, found in by_out.items()]
    exit_code, written = 0, []
    for name, type_name in split:  # the URLs, split by split: each planned alone again
        summary = tts_assets.generate(split_settings(settings, name, type_name))
        exit_code = max(exit_code, summary.exit_code)
        written += [str(p) for p in summary.written]
    return {
        "splits": len(split),
        "texts": texts,
        "generated": sum(int(row["generated"]) for row in made),
        "failed": sum(int(row["failed"]) for row in made),
        "peak_mib": max(float(row["peak_mib"]) for row in made),
        "merged": merged,
        "exit_code": exit_code,
        "written": written,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", nargs="?", default=".", type=Path)
    parser.add_argument("--actors", type=int, default=2, help="actors (one model each)")
    parser.add_argument("--batch", type=int, default=32, help="clips per batch")
    parser.add_argument("--by-set", action="store_true", help="a set's type per task")
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
