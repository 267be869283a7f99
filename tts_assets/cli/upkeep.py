"""The commands that change the out dir without synthesis: `prune`, `adopt`, `merge` and
`rebuild-manifest` (commands/prune.py, adopt.py, merge.py, rebuild.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .flags import CONTENT_FLAGS, SettingsFlags, settings_flags
from .options import JsonOpt, SetOpt, WaitOpt, print_report
from .sets import over_sets


@settings_flags(*(name for name in CONTENT_FLAGS if name != "type"))
def prune(
    flags: SettingsFlags,
    json_output: JsonOpt = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Delete them (without it, only list them).")
    ] = False,
    wait: WaitOpt = 0.0,
    only_set: SetOpt = None,
    forget_set: Annotated[
        list[str] | None,
        typer.Option(
            "--forget-set",
            metavar="ID",
            help="A content set sharing the out dir that is gone for good (its id as prune "
            "names it, or 'unrecorded'): its clips count as unused unless another set needs "
            "them. Repeatable.",
        ),
    ] = None,
) -> None:
    """List the clips no content needs any more (every type counts); --yes deletes them.

    With [[sets]] in the config, every set (or the one --set names) in turn. In an out dir
    that several content sets share, prune deletes only what its own set alone used, and
    refuses while the out dir holds clips of sets or types this config does not know.
    """
    from ..commands import prune as pruning

    over_sets(
        flags,
        only_set,
        json_output,
        lambda settings: pruning.prune(
            settings, delete=yes, lock_wait=wait, forget=forget_set or ()
        ),
    )


@settings_flags(*CONTENT_FLAGS, "listen")
def adopt(
    flags: SettingsFlags,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Check and report what would be adopted; write nothing."),
    ] = False,
    json_output: JsonOpt = False,
    wait: WaitOpt = 0.0,
    only_set: SetOpt = None,
) -> None:
    """Take over the clips a predecessor's URLs point at: nothing is synthesized.

    Each URL under the URL prefix that the content keeps for a text is checked as a stored
    clip is (it decodes, in the configured format, with a plausible length), recorded as
    that text's clip with where it came from, and its places get the clip's URL. What
    cannot be adopted is listed with its place and left as it is (exit 1). --listen also
    hears each sentence with Whisper base and refuses one heard otherwise than its text.
    """
    from ..commands.adopt import adopt as adopting

    over_sets(flags, only_set, json_output, lambda s: adopting(s, dry_run=dry_run, lock_wait=wait))


@settings_flags("config_file")
def merge_shards(
    flags: SettingsFlags,
    out_dir: Annotated[
        Path, typer.Argument(metavar="OUT", help="The out dir the shards' clips go into.")
    ],
    shard_dirs: Annotated[
        list[Path],
        typer.Argument(metavar="SHARD_DIR", help="The shards' folders (each one's --shard-dir)."),
    ],
    json_output: JsonOpt = False,
    wait: WaitOpt = 0.0,
) -> None:
    """Join the folders of a sharded run's shards into the out dir (sha256 checked).

    A conflicting clip stops the merge with nothing changed (exit 2); merging again
    changes nothing. Then run tts-assets generate: it finds every clip present and
    writes the URLs back.
    """
    from ..commands.merge import merge

    staging = flags.settings().temp_dir
    report = merge(out_dir, shard_dirs, temp_dir=staging, lock_wait=wait)
    print_report(report, json_output)


@settings_flags(*(name for name in CONTENT_FLAGS if name != "type"))
def rebuild_manifest(
    flags: SettingsFlags,
    json_output: JsonOpt = False,
    wait: WaitOpt = 0.0,
    only_set: SetOpt = None,
) -> None:
    """Rebuild a damaged manifest from the clip files present: nothing is synthesized.

    Every clip the content needs whose file is there is checked, hashed and recorded;
    a file that fails its checks is left for generate to make again. With [[sets]] in
    the config, every set (or the one --set names) in turn.
    """
    from ..commands.rebuild import rebuild

    over_sets(flags, only_set, json_output, lambda s: rebuild(s, lock_wait=wait))
