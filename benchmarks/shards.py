"""A content's clips made as N shards on one machine, then merged: the commands.

`tts-assets generate --shard K/N` and `tts-assets merge` are wired into the CLI in a
later round. Until then (found by asking the CLI's help) a shard is given only its
share of the content, a grammar.json with one text per entry as `workload.write_unique`
writes, and the merge runs `tts_assets.merge` in a process of its own. The share is the
real split (`tts_assets.shard`), computed over every clip the content needs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tts_assets.config import Settings
from tts_assets.prepare import prepare
from tts_assets.shard import Shard

OWN_DIRS = ("--data-dir", "data", "--out-dir", "out", "--json")
EMULATED = ("--no-update-json", "--json")
MERGE = (
    "import sys; from pathlib import Path; from tts_assets.merge import merge; "
    "merge(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]])"
)


def supports(cli: str, command: str, flag: str) -> bool:
    """Whether `tts-assets COMMAND --help` mentions `flag`."""
    help_text = subprocess.run([cli, command, "--help"], capture_output=True, text=True).stdout
    return flag in help_text


def shard_commands(cli: str, project: Path, count: int) -> list[list[str]]:
    """One `generate` per shard of the content in `project/data`, into `project/shards/K`."""
    if supports(cli, "generate", "--shard"):
        return [
            [cli, "generate", "--shard", f"{k}/{count}", "--shard-dir", f"shards/{k}", *OWN_DIRS]
            for k in range(1, count + 1)
        ]
    settings = Settings(data_dir=project / "data", out_dir=project / "out")
    plan = prepare(settings).plan
    entries = json.loads((project / "data" / "grammar.json").read_text(encoding="utf-8"))
    commands = []
    for k in range(1, count + 1):
        mine = {c.spoken for c in Shard(k, count).select(plan.new, plan.clips)}
        share = [e for e in entries if e["examples"][0]["japanese"] in mine]
        folder = project / "shard-data" / str(k)
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(share, ensure_ascii=False, indent=2) + "\n"
        (folder / "grammar.json").write_text(text, encoding="utf-8")
        commands.append(
            [
                cli,
                "generate",
                "--data-dir",
                f"shard-data/{k}",
                "--out-dir",
                f"shards/{k}",
                *EMULATED,
            ]
        )
    return commands


def merge_command(cli: str, count: int) -> list[str]:
    """`merge out shards/1 ... shards/N`."""
    folders = [f"shards/{k}" for k in range(1, count + 1)]
    if supports(cli, "merge", "SHARD"):
        return [cli, "merge", "out", *folders]
    return [sys.executable, "-c", MERGE, "out", *folders]
