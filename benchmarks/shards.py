"""A content's clips made as N shards on one machine, then merged: the commands.

Each shard is `tts-assets generate --shard K/N --shard-dir shards/K` on the whole
content of `project/data` (the out dir `project/out` only read), and the merge is
`tts-assets merge out shards/1 ... shards/N`, as the sharded workflow runs them
(examples/github-actions/tts-assets-sharded.yml).
"""

from __future__ import annotations

OWN_DIRS = ("--data-dir", "data", "--out-dir", "out", "--json")


def shard_commands(cli: str, count: int) -> list[list[str]]:
    """One `generate --shard K/N` per shard, each into `shards/K` of the project."""
    return [
        [cli, "generate", "--shard", f"{k}/{count}", "--shard-dir", f"shards/{k}", *OWN_DIRS]
        for k in range(1, count + 1)
    ]


def merge_command(cli: str, count: int) -> list[str]:
    """`merge out shards/1 ... shards/N`."""
    return [cli, "merge", "out", *(f"shards/{k}" for k in range(1, count + 1))]
