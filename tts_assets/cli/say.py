"""`tts-assets say TEXT`: one text said and made as a run makes it (commands/say.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .flags import SettingsFlags, settings_flags
from .options import JsonOpt, print_report


@settings_flags(
    "lang", "provider", "voice", "speed", "slow", "format", "bitrate", "kokoro_model",
    "kokoro_voices", "config_file",
)  # fmt: skip
def say(
    flags: SettingsFlags,
    text: Annotated[str, typer.Argument(help="The text to say, in quotes.")],
    reading: Annotated[
        str | None,
        typer.Option(help="Its reading, as content gives it (kana; pinyin for Chinese)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the clip here (else it is played)."),
    ] = None,
    entry_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            help="The id of the entry the text is in, where the course's voices take turns "
            "(rotate): said by the voice a run gives that entry.",
        ),
    ] = None,
    only_set: Annotated[
        str | None,
        typer.Option("--set", help="Say it as this content set of [[sets]] would."),
    ] = None,
    json_output: JsonOpt = False,
) -> None:
    """Say one text as a run would (its reading, phonemes and verdict, then its clip),
    to check a sentence before it goes into the course. --slow 0.75 makes its slow twin
    instead. The clip is written with -o, or played where a player exists (ffplay, mpv,
    afplay, play, paplay), else kept in a temporary file. A text the course holds is
    taken from its store; a clip a paid provider makes is kept there (say/KEY.EXT in its
    out dir, even when stopped), so the next say and the run that adds the text bill
    nothing again. The course's content is never written."""
    from ..commands.say import say as say_text
    from ..settings.load import content_sets
    from . import console
    from .signals import signal_stop

    lang = flags.given.get("lang")
    settings = flags.settings()
    sets = content_sets(settings, only_set)
    chosen = next((s for s in sets if lang is None or s.lang == lang), sets[0])
    every = content_sets(settings) if only_set is not None else sets
    owned = [folder for s in every for folder in (s.data_dir, s.out_dir, s.staging)]
    with console.reporter(quiet=True) as reporter:
        report = say_text(
            chosen,
            text,
            lang=lang or chosen.lang,
            reading=reading,
            slow=flags.given.get("slow"),
            output=output,
            reporter=reporter,
            stop=signal_stop(reporter),
            owned=owned,
            entry_id=entry_id,
        )
    raise typer.Exit(print_report(report, json_output))
