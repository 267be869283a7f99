"""`tts-assets generate`: every missing or changed clip made and the URLs written back
(commands/generate.py), a dry run, a shard's run."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .flags import CONTENT_FLAGS, RUN_FLAGS, SettingsFlags, settings_flags
from .options import JsonOpt, SetOpt, WaitOpt
from .sets import EachSet
from .signals import signal_stop

if TYPE_CHECKING:
    from ..settings.config import Settings


@settings_flags(*CONTENT_FLAGS, *RUN_FLAGS, "listen", "device")
def generate(
    flags: SettingsFlags,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would be made; write nothing.")
    ] = False,
    json_output: JsonOpt = False,
    wait: WaitOpt = 0.0,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log what happens (and HTTP requests).")
    ] = False,
    only_set: SetOpt = None,
    shard: Annotated[
        str | None,
        typer.Option(
            help="Make only shard K of N's share of the missing clips, into --shard-dir; "
            "write no JSON (join the shards with tts-assets merge)."
        ),
    ] = None,
    shard_dir: Annotated[
        Path | None,
        typer.Option(help="The shard's own folder [shards/K]; the out dir is only read."),
    ] = None,
) -> None:
    """Make every missing or changed clip and write the URLs into the content JSON.

    With [[sets]] in the config, every set (or the one --set names) in turn: each is
    checked before any is made, so bad input in one stops all before anything is written.
    """
    from ..commands import generate as run
    from ..commands import kept
    from ..commands.summary import Summary
    from ..errors import InputError
    from ..planning.shard import Shard
    from ..store.shared import shared_reads
    from . import console

    if verbose:
        import logging

        logging.basicConfig(
            level=logging.DEBUG, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
        )

    each = EachSet(flags, only_set, json_output)
    share = None if shard is None else Shard.parse(shard)
    if share is not None and len(each) > 1:
        raise InputError(
            f"--shard makes one content set's share, and the config lists {len(each)} "
            "sets; choose one with --set NAME"
        )

    def show(settings: Settings, summary: Summary) -> None:
        if each.with_sets and not dry_run:
            console.print_summary(summary)  # each set's, as soon as it is done

    # Several sets are kept as one plan (`commands.kept.Course`), their inputs stated from
    # here (one set keeps its own in `generate`); an out dir's manifest they share read
    # once while it stays as read (`store.shared`).
    several = len(each) > 1 and share is None
    sharing = shared_reads() if len(each) > 1 else contextlib.nullcontext()
    with sharing, kept.over_sets(each.sets if several else [], dry_run) as course:
        if not dry_run and course.replays is None:
            each.plan_all()  # before Ctrl-C is a stop: a stop is for a run under way
        # A dry run says how far it went too (a large first one decides readings for minutes).
        with console.reporter(quiet=json_output) as reporter:
            stop = signal_stop(reporter)
            done = each.go(
                lambda settings: course.run(
                    reporter,
                    lambda told: run.generate(
                        settings,
                        dry_run=dry_run,
                        reporter=told,
                        stop=stop,
                        lock_wait=wait,
                        shard=share,
                        shard_dir=shard_dir,
                    ),
                ),
                show=show,
                before=None if dry_run else each.header,
                stopped=lambda: stop.requested,
            )
    if not json_output and (dry_run or not each.with_sets):
        for settings, summary in done:
            each.header(settings)
            console.print_summary(summary)
    for settings, summary in done:
        if summary.unfetched:  # a dry run's plan, and the line the run would stop with
            from ..planning.dead import unfetched_error

            at = f"set {settings.set_name}: " if each.with_sets else ""
            console.error(at + unfetched_error(summary.unfetched))
    each.finish()
