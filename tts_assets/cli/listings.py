"""The commands that list and check without making anything: `providers`, `voices`,
`readings`, `types` and `cache-key` (commands/providers.py, voices.py, readings.py,
types.py, cache_key.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from .flags import CONTENT_FLAGS, SettingsFlags, settings_flags
from .options import JsonOpt, SetOpt, print_found, print_table
from .sets import over_sets


def providers(json_output: JsonOpt = False) -> None:
    """List every provider and whether it can run on this machine."""
    from ..commands.providers import list_providers

    print_table(list_providers(), json_output)


@settings_flags("provider", "kokoro_voices", "config_file")
def voices(flags: SettingsFlags, json_output: JsonOpt = False) -> None:
    """List the voices of a provider."""
    from ..commands.voices import list_voices

    print_table(list_voices(flags.settings()), json_output)


@settings_flags(*CONTENT_FLAGS)
def readings(
    flags: SettingsFlags,
    json_output: JsonOpt = False,
    only_set: SetOpt = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Exit 1 for every disagreement too, not only unusable readings."
        ),
    ] = False,
    every: Annotated[
        bool,
        typer.Option(
            "--all",
            help="List every note, not only a screen of those likeliest wrong.",
        ),
    ] = False,
) -> None:
    """Report every reading problem (a word the analyzer reads otherwise than its reading,
    a reading that is not kana, the overrides applied; a Chinese word the provider reads
    otherwise than the content's pinyin, a likely slip in it) and the borrowed words to
    check; exit 1 for what could not be said right (--strict: every disagreement too).

    Synthesizes nothing and writes nothing. With [[sets]] in the config, every set (or the
    one --set names) in turn.
    """
    from ..commands.readings import check_readings

    over_sets(
        flags,
        only_set,
        json_output,
        lambda settings: check_readings(settings, strict=strict, every=every),
        last_style=lambda report: "red" if report.problems else None,
    )


@settings_flags("lang", "config_file")
def types(flags: SettingsFlags, only_set: SetOpt = None, json_output: JsonOpt = False) -> None:
    """Print the content types in force as TOML: the built-ins for the content language,
    with the config's own types and overrides (and a set's, with --set).

    Paste a table into tts-assets.toml (or [sets.types.NAME]) to change a type.
    """
    from ..commands.types import types_in_force

    found = types_in_force(flags.settings(), only_set)
    print_found(found.as_json(), found.toml, json_output)


@settings_flags(*CONTENT_FLAGS)
def cache_key(flags: SettingsFlags, json_output: JsonOpt = False) -> None:
    """Print key=KEY: the tool's version and its models' identity, for a CI cache.

    The key changes with the tool's version, the models the configured voices use and
    the runtime, never with the content; a workflow step appends the line to
    $GITHUB_OUTPUT (see the README's CI section).
    """
    from ..commands.cache_key import cache_key

    key = cache_key(flags.settings())
    print_found({"key": key}, f"key={key}\n", json_output)
