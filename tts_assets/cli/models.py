"""`tts-assets models`: list, pull, verify and locate the models (commands/models.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .flags import SettingsFlags, settings_flags
from .options import JsonOpt, print_found, print_report

models_app = typer.Typer(
    help="The models tts-assets uses: list, pull (pinned, checked), verify, path.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


Names = Annotated[list[str] | None, typer.Argument(metavar="NAME", help="Model names.")]


@models_app.command("list")
@settings_flags("config_file")
def list_models(
    flags: SettingsFlags,
    json_output: JsonOpt = False,
    every: Annotated[bool, typer.Option("--all", help="List every Piper voice too.")] = False,
) -> None:
    """Every model known and installed: where, its size, whether its sha256 was verified,
    and which configured language uses it."""
    from ..commands.models import model_list

    report = model_list(flags.settings(), every_voice=every)
    raise typer.Exit(print_report(report, json_output))


@models_app.command()
@settings_flags("config_file")
def pull(
    flags: SettingsFlags,
    names: Names = None,
    for_config: Annotated[
        bool, typer.Option("--for-config", help="Pull what the configuration needs.")
    ] = False,
    from_dir: Annotated[
        Path | None,
        typer.Option("--from", help="Install from this folder (no network), checked the same."),
    ] = None,
    json_output: JsonOpt = False,
) -> None:
    """Download models into the models folder, each file checked against its pinned
    sha256 before it takes its place; a partial download is resumed."""
    from ..commands.models import pull_models
    from . import console

    with console.downloads(quiet=json_output) as progress:
        report = pull_models(
            names or [],
            flags.settings(),
            for_config=for_config,
            from_dir=from_dir,
            progress=progress,
        )
    raise typer.Exit(print_report(report, json_output))


@models_app.command()
@settings_flags("config_file")
def verify(flags: SettingsFlags, names: Names = None, json_output: JsonOpt = False) -> None:
    """Hash the pulled models again (exit 1 for a file that is not its pin)."""
    from ..commands.models import verify_models

    report = verify_models(names or [], flags.settings())
    raise typer.Exit(print_report(report, json_output))


@models_app.command()
@settings_flags("config_file")
def path(
    flags: SettingsFlags,
    name: Annotated[str, typer.Argument(metavar="NAME", help="A model's name.")],
    json_output: JsonOpt = False,
) -> None:
    """Print where a model is (exit 2 with the pull command when it is not installed)."""
    from ..commands.models import model_path

    found = model_path(name, flags.settings())
    print_found({"name": name, "path": str(found)}, f"{found}\n", json_output)
