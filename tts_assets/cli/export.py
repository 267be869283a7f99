"""`tts-assets export`: the content and its clips in another tool's format (commands/anki.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .flags import CONTENT_FLAGS, SettingsFlags, settings_flags
from .options import JsonOpt, SetOpt, print_report

export_app = typer.Typer(
    help="The content and the clips it has, for another tool (anki: an Anki deck).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@export_app.command()
@settings_flags(*CONTENT_FLAGS)
def anki(
    flags: SettingsFlags,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The .apkg to write (default: DECK.apkg here)."),
    ] = None,
    deck: Annotated[
        str | None,
        typer.Option(
            help="The deck's name, which tells its notes from another course's (default: "
            "the course's folder; give one so an export elsewhere updates the same notes)."
        ),
    ] = None,
    fields: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            help="A value of each entry to show beside its texts, as a path expression "
            "(meaning, examples[].translation); repeat for more.",
        ),
    ] = None,
    id_key: Annotated[
        str,
        typer.Option(
            help="The entry key that identifies an entry (dots for a nested key: meta.id), "
            "so a later export updates its note (an entry without it: its first text)."
        ),
    ] = "id",
    old_guids: Annotated[
        bool,
        typer.Option(
            "--old-guids",
            help="Give notes the GUIDs exports made before the deck's name was in them, so "
            "notes learners imported from such a deck keep updating (a course with alike "
            "ids then shares them: only for a course whose decks went out so).",
        ),
    ] = False,
    only_set: SetOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """An Anki deck (.apkg) of every entry: its texts, and [sound:...] for each clip the
    store holds (slow twins and drills included). Nothing is synthesized: run generate
    first (exit 1 lists the texts still without a clip). A note's GUID comes from the
    deck's name, its type and the entry's id, so importing a later export updates the same
    notes, and another course's deck never does. Needs the anki extra (genanki)."""
    from ..commands.anki import deck_of, export_anki
    from ..commands.operation import course_name
    from ..settings.load import content_sets

    sets = content_sets(flags.settings(), only_set)
    name = deck_of(deck or course_name(sets[0]))
    path = output if output is not None else Path(f"{_file_name(name)}.apkg")
    report = export_anki(
        sets, path, deck=name, fields=fields or (), id_key=id_key, old_guids=old_guids
    )
    raise typer.Exit(print_report(report, json_output))


FILE_NAME_CHARS = 60
"""The most characters of a deck's name a file name keeps (60 letters of 4 bytes, and
`.apkg`, fit the 255 bytes a file system takes)."""


def _file_name(deck: str) -> str:
    """A deck's name as a file name here (`Course::ja` → `Course-ja`), cut to a length
    every file system takes (a letter may be 4 bytes)."""
    kept = "".join(c if c.isalnum() or c in "-_." else "-" for c in deck).strip("-.")
    return kept[:FILE_NAME_CHARS].strip("-.") or "deck"
